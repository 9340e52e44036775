// The real server (scripts/server.mjs with the built app) as its own process, on a copy of the
// migrated test database, for tests of what happens before any route code runs.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { inject } from "vitest";
import { REPO_ROOT } from "../setup/paths";

function freePort() {
  return new Promise<number>((resolve, reject) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

export type ServerProcess = {
  port: number;
  base: string;
  process: ChildProcessWithoutNullStreams;
  /** Everything the server printed so far. */
  output: () => string;
  /** Stops it as a deploy would (SIGTERM) and removes its database; resolves with its exit code. */
  stop: () => Promise<number | null>;
};

/**
 * Starts the server on a fresh copy of the migrated database, or on `shared` (the calling test
 * file's own database, left in place afterwards) to see what the server itself writes there.
 */
export async function startServerProcess(options: { shared?: string } = {}): Promise<ServerProcess> {
  const database = options.shared ?? path.join(inject("runDir"), `server-${randomUUID()}.db`);
  if (!options.shared) fs.copyFileSync(path.join(inject("runDir"), "base.db"), database);
  const port = await freePort();
  const child = spawn(process.execPath, ["scripts/server.mjs"], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: database, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const started = Date.now();
  while (!output.includes("is ready on")) {
    if (child.exitCode !== null || Date.now() - started > 20_000) {
      child.kill("SIGKILL");
      throw new Error(`The server did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      const code = await exited;
      if (!options.shared)
        for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${database}${suffix}`, { force: true });
      return code;
    },
  };
}
