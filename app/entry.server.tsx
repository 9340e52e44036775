import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { i18nFor } from "./i18n/i18n.server";
import { pageLanguage } from "./i18n/page-language";
import { NonceContext } from "./utils/nonce";
import { contentSecurityPolicy, createNonce } from "./utils/security-headers.server";
import { sweepConsents } from "./models/consent/lapses.server";
import { sendCheckInReminders } from "./models/capacity/check-ins.server";
import { closeDatabase } from "./utils/db.server";
import { blankCapturedBodies, deliverDueEmails } from "./utils/email.server";
import { errorForLog } from "./utils/log-safe.server";
import { pruneLoginFailures } from "./utils/rate-limit.server";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const nonce = createNonce();
  // The language the loaders settled on (the person's own, or the one their browser asked for), so the
  // first byte is already in it.
  const { matches, loaderData } = remixContext.staticHandlerContext;
  const i18n = i18nFor(pageLanguage(matches.map((m) => loaderData[m.route.id])));
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18n}>
        <NonceContext.Provider value={nonce}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </NonceContext.Provider>
      </I18nextProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce));
          // Every page here is personal: never keep one in a cache, where Back or a shared device
          // could bring it up again after signing out or a quick exit.
          responseHeaders.set("Cache-Control", "no-store");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Only where it broke: request details and error messages may carry personal data.
          if (shellRendered) console.error(`Render error: ${errorForLog(error)}`);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export const handleDataRequest: HandleDataRequestFunction = (response) => {
  response.headers.set("Cache-Control", "no-store");
  return response;
};

export function handleError(error: unknown, { request }: { request: Request }) {
  // Aborted requests and expected answers (404, 403, bad input) are not errors worth a log line.
  if (request.signal.aborted || (isRouteErrorResponse(error) && error.status < 500)) return;
  // Log where it broke, never the request body or query string, nor the error's message (a failed
  // query's message holds its values): each may carry personal data.
  // Tokens in paths (invitation links) are secrets: keep them out of logs.
  const path = new URL(request.url).pathname.replace(/[A-Za-z0-9_-]{20,}/g, ":token");
  console.error(`Unexpected error on ${request.method} ${path}: ${errorForLog(error)}`);
}

let jobsTimer: ReturnType<typeof setInterval> | undefined;
let jobsRunning: Promise<void> = Promise.resolve();
/**
 * Called once by the HTTP server after it loads the build. Runs the jobs now and every minute: email
 * retries, housekeeping, consent expiries (pages only read them, so they are recorded here) and
 * check-in reminders.
 */
export function startBackgroundJobs() {
  if (jobsTimer) return;
  const run = () => {
    jobsRunning = Promise.all([
      deliverDueEmails().then(
        () => {},
        (err: unknown) => console.error(`Email delivery run failed: ${errorForLog(err)}`),
      ),
      // Reminders only queue emails (sent by the next delivery run, or at once when they can be).
      sendCheckInReminders().then(
        () => {},
        (err: unknown) => console.error(`Check-in reminders failed: ${errorForLog(err)}`),
      ),
    ]).then(() => {});
    pruneLoginFailures();
    try {
      sweepConsents();
    } catch (err) {
      console.error(`Consent sweep failed: ${errorForLog(err)}`);
    }
  };
  blankCapturedBodies();
  run();
  jobsTimer = setInterval(run, 60_000);
  jobsTimer.unref();
}

/**
 * Called by the HTTP server on SIGTERM once the last request has finished: stops the jobs, lets an email
 * run in progress record its outcome, then closes the database (which folds the -wal into the file).
 */
export async function shutdown() {
  clearInterval(jobsTimer);
  // The email provider has no timeout of its own: after 5 s an unrecorded send is retried at the next start.
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([jobsRunning, new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
  clearTimeout(timer);
  closeDatabase();
}
