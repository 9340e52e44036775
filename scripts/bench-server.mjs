// The production server and signing in, shared by the benchmark (scripts/bench.mjs) and the mixed
// load test (scripts/load-mixed.mjs).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : null;
  } catch {
    return null;
  }
}

/** Starting, stopping and signing in to a production server on `port`. */
export function serverHelpers({ port, password }) {
  const origin = `http://127.0.0.1:${port}`;

  function startServer(dbFile) {
    // Production refuses to start without a field key: use the one the generator left beside the file.
    const keyFile = process.env.FIELD_ENCRYPTION_KEY_FILE ?? path.join(path.dirname(dbFile), "field-encryption.key");
    const child = spawn(process.execPath, ["scripts/server.mjs"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: dbFile,
        FIELD_ENCRYPTION_KEY_FILE: keyFile,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
    return { child, exited, output: () => output };
  }

  async function waitUntilUp(server) {
    // Start-up applies pending migrations, and after any checks every foreign key in the file: minutes on a large one.
    const deadline = Date.now() + 600_000;
    while (Date.now() < deadline) {
      if (server.child.exitCode !== null) throw new Error(`The server stopped:\n${server.output()}`);
      try {
        const res = await fetch(`${origin}/healthz`);
        if (res.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`The server did not start within 10 minutes:\n${server.output()}`);
  }

  async function stopServer(server) {
    if (server.child.exitCode === null) server.child.kill("SIGTERM");
    await server.exited;
  }

  /** Signs in through the login form (as a browser does: same-origin Origin header) and returns the cookie. */
  async function signIn(email) {
    const body = new URLSearchParams({ email, password, redirectTo: "" });
    const res = await fetch(`${origin}/login`, {
      method: "POST",
      body,
      redirect: "manual",
      headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
    });
    const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]);
    if (res.status !== 302 && res.status !== 303 && res.status !== 204) {
      throw new Error(`Sign-in as ${email} failed with ${res.status}: run npm run db:seed:large first?`);
    }
    if (cookies.length === 0) throw new Error(`Sign-in as ${email} set no cookie.`);
    return cookies.join("; ");
  }

  return { origin, startServer, waitUntilUp, stopServer, signIn };
}
