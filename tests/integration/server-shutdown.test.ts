// The real server (scripts/server.mjs with the built app) stopped the way a deploy stops it.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { expect, inject, it } from "vitest";
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

it("on SIGTERM stops taking connections, closes the database and exits 0", async () => {
  const database = path.join(inject("runDir"), `shutdown-${randomUUID()}.db`);
  fs.copyFileSync(path.join(inject("runDir"), "base.db"), database);
  const port = await freePort();
  const server = spawn(process.execPath, ["scripts/server.mjs"], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: database, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout.on("data", (chunk) => (output += chunk));
  server.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => server.on("exit", (code) => resolve(code)));

  await expect.poll(() => output, { timeout: 20_000, interval: 100 }).toContain("is ready on");
  expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  // The app's connection is open (WAL mode keeps a -wal beside the file while it is).
  expect(fs.existsSync(`${database}-wal`)).toBe(true);

  server.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(output).toContain("Stopped cleanly.");
  // Closing the last connection checkpoints the -wal into the file and removes it.
  expect(fs.existsSync(`${database}-wal`)).toBe(false);
  await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${database}${suffix}`, { force: true });
});
