// scripts/graceful.mjs with a plain Node HTTP server and a deliberately slow route.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { gracefulCloser, stopOnSignals } from "../../scripts/graceful.mjs";

const servers: http.Server[] = [];

afterEach(() => {
  for (const server of servers.splice(0)) server.closeAllConnections();
  vi.restoreAllMocks();
});

/** /slow answers after `slowMs`, /hang never does, anything else at once. */
async function startServer(slowMs = 300) {
  const server = http.createServer((req, res) => {
    if (req.url === "/hang") return;
    setTimeout(() => res.end(`done ${req.url}`), req.url === "/slow" ? slowMs : 0);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

function get(port: number, path: string, agent?: http.Agent) {
  return new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, agent }, (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
      })
      .on("error", reject);
  });
}

/** Resolves once the server has the request (the slow handler is running). */
const started = (server: http.Server) => new Promise<void>((resolve) => server.once("request", () => resolve()));

describe("gracefulCloser", () => {
  it("lets the request in progress finish and refuses new connections", async () => {
    const { server, port } = await startServer();
    const close = gracefulCloser(server);
    const inFlight = get(port, "/slow");
    await started(server);

    const closed = close({ timeoutMs: 5_000 });
    await expect(get(port, "/new")).rejects.toMatchObject({ code: "ECONNREFUSED" });

    expect(await inFlight).toMatchObject({ status: 200, body: "done /slow", connection: "close" });
    expect(await closed).toEqual({ forced: false });
  });

  it("does not wait for idle kept-alive connections", async () => {
    const { server, port } = await startServer();
    const close = gracefulCloser(server);
    const agent = new http.Agent({ keepAlive: true });
    expect((await get(port, "/quick", agent)).connection).toBe("keep-alive");

    const begun = Date.now();
    expect(await close({ timeoutMs: 5_000 })).toEqual({ forced: false });
    expect(Date.now() - begun).toBeLessThan(1_000);
    agent.destroy();
  });

  it("cuts off a request that outlives the timeout", async () => {
    const { server, port } = await startServer();
    const close = gracefulCloser(server);
    const hung = get(port, "/hang");
    await started(server);

    expect(await close({ timeoutMs: 200 })).toEqual({ forced: true });
    await expect(hung).rejects.toMatchObject({ code: "ECONNRESET" });
  });
});

describe("stopOnSignals", () => {
  it("closes the database after the last request and exits 0", async () => {
    vi.spyOn(console, "info").mockImplementation(() => {});
    const { server, port } = await startServer();
    const events: string[] = [];
    const exit = vi.fn();
    const stop = stopOnSignals(server, { signals: [], exit, cleanup: () => events.push("database closed") });

    server.on("request", (_req, res) => res.on("finish", () => events.push("response sent")));

    const inFlight = get(port, "/slow");
    await started(server);
    await stop("SIGTERM");

    expect(events).toEqual(["response sent", "database closed"]);
    expect((await inFlight).status).toBe(200);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it("exits 1 when the clean-up fails, and at once on a second signal", async () => {
    vi.spyOn(console, "info").mockImplementation(() => {});
    vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.spyOn(console, "error").mockImplementation(() => {});
    const { server, port } = await startServer();
    const exit = vi.fn();
    const stop = stopOnSignals(server, {
      signals: [],
      exit,
      cleanup: () => {
        throw new Error("close failed");
      },
    });
    const inFlight = get(port, "/slow");
    await started(server);

    const first = stop("SIGTERM");
    await stop("SIGTERM");
    expect(exit).toHaveBeenLastCalledWith(1);
    await inFlight;
    await first;
    expect(exit).toHaveBeenCalledTimes(2);
    expect(exit).toHaveBeenLastCalledWith(1);
  });
});
