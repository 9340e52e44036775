// The production HTTP server: Express with Remix's request handler. Used instead of remix-serve
// so that the client address (for sign-in rate limits), CSRF checks, security headers and the
// request body limit are handled before any route code runs.
import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
// The adapter's own request and response conversions: its module exports them, its index does not.
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import { createRequestHandler as createRemixHandler } from "@remix-run/node";
import { bodyLimitFor, readBodyWithin, tooLargeMessage } from "./body-limit.mjs";
import { baseSecurityHeaders, isForeignOriginWrite, isOpaqueSameOriginPost } from "./http-guards.mjs";
import { stopOnSignals } from "./graceful.mjs";

/**
 * @remix-run/express's createRequestHandler, with the body limit (scripts/body-limit.mjs) before
 * Remix reads anything: a declared length over the limit is refused at once; a body sent without a
 * length is counted as it arrives and handed to Remix only once it is known to fit.
 */
function createLimitedRequestHandler({ build, mode, getLoadContext }) {
  const handleRequest = createRemixHandler(build, mode);
  return async (req, res, next) => {
    try {
      const limit = bodyLimitFor(req.path);
      const declared = req.get("content-length");
      if (declared !== undefined && Number(declared) > limit) return refuseTooLarge(req, res, limit);
      let request = createRemixRequest(req, res);
      // With a length, Node's parser never passes on more than it declares.
      if (request.body && declared === undefined) {
        const body = await readBodyWithin(request.body, limit);
        if (!body) return refuseTooLarge(req, res, limit);
        request = new Request(request, { body });
      }
      await sendRemixResponse(res, await handleRequest(request, await getLoadContext(req, res)));
    } catch (error) {
      next(error);
    }
  };
}

function refuseTooLarge(req, res, limit) {
  // What is still coming is read and dropped, never held: the stream Remix would have read from is
  // let go of. The connection is closed a little after the answer only if the sender neither stops
  // nor finishes: closing a socket with unread data makes the kernel reset it, and the sender may
  // then lose the answer itself (a browser would say "connection reset" instead of the message).
  req.removeAllListeners("data");
  req.resume();
  res.status(413).type("text/plain").send(tooLargeMessage(limit));
  res.on("finish", () => {
    if (req.complete) return;
    const linger = setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
    req.once("end", () => clearTimeout(linger));
  });
}

const LINGER_MS = 2_000;

/** Builds the Express app around a Remix server build. Exported for the integration tests. */
export function createApp(build, mode = process.env.NODE_ENV) {
  const app = express();
  app.disable("x-powered-by");
  // Behind a reverse proxy, set TRUST_PROXY=1 so the client address comes from X-Forwarded-For.
  app.set("trust proxy", process.env.TRUST_PROXY === "1" ? 1 : false);

  app.use((req, res, next) => {
    for (const [name, value] of Object.entries(baseSecurityHeaders)) res.setHeader(name, value);
    if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  });

  app.use((req, res, next) => {
    // Remix refuses an action whose Origin differs from Host, and "null" always differs: drop the
    // opaque origin once Sec-Fetch-Site has shown the post is our own page's.
    if (isOpaqueSameOriginPost({ origin: req.get("origin"), fetchSite: req.get("sec-fetch-site") })) {
      delete req.headers.origin;
    }
    const foreign = isForeignOriginWrite({
      method: req.method,
      origin: req.get("origin"),
      host: req.get("host"),
      fetchSite: req.get("sec-fetch-site"),
    });
    if (foreign) {
      res.status(403).type("text/plain").send("This request came from another site and was refused.");
      return;
    }
    next();
  });

  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));

  app.all(
    "*",
    createLimitedRequestHandler({
      build,
      mode,
      getLoadContext: (req) => ({ clientIp: req.ip ?? "unknown" }),
    }),
  );
  return app;
}

/** Starts the server; run when this file is the command, or by a wrapper (scripts/e2e-email-stand-in.mjs). */
/**
 * Why this environment must not serve real people, or undefined. The made-up test language (every
 * word wrapped in ⟦ ⟧) exists for the browser tests' server alone: offered to a real reader it would
 * garble every page they choose it on.
 */
export function unsafeSetting(env, { browserTests = false } = {}) {
  if (env.NODE_ENV === "production" && env.PSEUDO_LANGUAGE === "1" && !browserTests) {
    return "PSEUDO_LANGUAGE=1 is for the browser tests' server (scripts/e2e-server.sh) only: unset it.";
  }
  return undefined;
}

/** Starts the server. `browserTests` is said only by the browser tests' own starter. */
export async function main({ browserTests = false } = {}) {
  process.env.NODE_ENV ??= "production";
  const unsafe = unsafeSetting(process.env, { browserTests });
  if (unsafe) {
    console.error(`Not starting: ${unsafe}`);
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 3000);
  // Importing the build opens the database and applies any pending migrations.
  const build = await import(pathToFileURL(path.resolve("build/index.js")).href);
  // HOST=127.0.0.1 keeps the server off the network (the demo does this).
  const host = process.env.HOST || undefined;
  const server = createApp(build).listen(port, host, async () => {
    console.info(`Survivor Engagement Hub is ready on http://localhost:${port}`);
    build.entry.module.startBackgroundJobs?.();
    // Under `remix dev`, tell it this server has loaded the new build.
    if (process.env.REMIX_DEV_ORIGIN) {
      const { broadcastDevReady } = await import("@remix-run/node");
      await broadcastDevReady(build);
    }
  });
  // Requests in progress finish (10 s at most), then the build stops its jobs and closes the database.
  stopOnSignals(server, { timeoutMs: 10_000, cleanup: () => build.entry.module.shutdown?.() });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
