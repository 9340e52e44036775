// Graceful shutdown for the HTTP server (scripts/server.mjs). On SIGTERM (a deploy, `docker stop`,
// systemd) a request that is saving a form must finish and the database must be closed cleanly, not
// cut off halfway; a request that hangs must not keep the process alive for ever either.

/**
 * Follows the server's requests from now on and returns `close`: it stops accepting connections, lets
 * requests in progress finish, and resolves once every connection is closed. After `timeoutMs` the
 * remaining connections are cut (`forced: true`).
 * @param {import("node:http").Server} server
 * @returns {(options?: { timeoutMs?: number }) => Promise<{ forced: boolean }>}
 */
export function gracefulCloser(server) {
  /** @type {Set<import("node:http").ServerResponse>} */
  const inProgress = new Set();
  let closing = false;
  // A kept-alive connection would otherwise carry the client's next request after this one.
  const closeAfter = (res) => {
    if (!res.headersSent) res.setHeader("Connection", "close");
  };
  server.on("request", (_req, res) => {
    if (closing) closeAfter(res);
    inProgress.add(res);
    res.on("close", () => inProgress.delete(res));
  });

  return ({ timeoutMs = 10_000 } = {}) =>
    new Promise((resolve) => {
      closing = true;
      for (const res of inProgress) closeAfter(res);
      let forced = false;
      // Kept-alive connections whose response went out before this point are idle: close them as they go idle.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const deadline = setTimeout(() => {
        forced = true;
        server.closeAllConnections();
      }, timeoutMs);
      server.close(() => {
        clearInterval(sweep);
        clearTimeout(deadline);
        resolve({ forced });
      });
    });
}

/**
 * Runs the graceful close then `cleanup` (close the database) on SIGTERM or SIGINT, and exits 0.
 * A second signal exits at once.
 * @param {import("node:http").Server} server
 * @param {{ timeoutMs?: number, cleanup?: () => unknown, exit?: (code: number) => void, signals?: string[] }} [options]
 * @returns {(signal: string) => Promise<void>} the handler, for tests
 */
export function stopOnSignals(server, options = {}) {
  const { timeoutMs = 10_000, cleanup = () => {}, exit = (code) => process.exit(code) } = options;
  const signals = options.signals ?? ["SIGTERM", "SIGINT"];
  const close = gracefulCloser(server);
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) {
      console.warn(`${signal} again: stopping without waiting.`);
      exit(1);
      return;
    }
    stopping = true;
    console.info(`${signal}: no new connections; finishing the requests in progress (up to ${timeoutMs / 1000} s).`);
    try {
      const { forced } = await close({ timeoutMs });
      if (forced) console.warn("Requests still running after the timeout were cut off.");
      await cleanup();
      console.info("Stopped cleanly.");
      exit(0);
    } catch (error) {
      console.error(`Shutdown failed: ${error instanceof Error ? error.name : "unknown error"}`);
      exit(1);
    }
  };
  for (const signal of signals) process.on(signal, stop);
  return stop;
}
