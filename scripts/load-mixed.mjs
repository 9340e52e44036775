// Mixed load: `npm run load:mixed -- [--db data/load.db] [--connections 64] [--duration 60]`.
//
// 64 connections for 60 s against the production server, all at once: people signing in (each a
// password hash and a new session), consultants logging time on their own work, consultants changing
// a consent choice, and pages being read (portal home, staff dashboard). Every write goes through
// the real forms (same-origin, as a browser sends them). It reports requests, responses by status,
// errors and timeouts, latency, and how many times the server said "database is locked". The
// target: 0 errors, 0 server errors (5xx), 0 "database is locked".
//
// Without --db it makes a small large-data database first (npm run db:seed:large at --scale 0.01).
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { rssMb, serverHelpers } from "./bench-server.mjs";

const PASSWORD = "bench-password-1";
const { values: options } = parseArgs({
  options: {
    db: { type: "string" },
    connections: { type: "string", default: "64" },
    duration: { type: "string", default: "60" },
    port: { type: "string", default: "3311" },
    "skip-build": { type: "boolean", default: false },
    out: { type: "string" },
  },
});
const connections = Number(options.connections);
const duration = Number(options.duration);
const port = Number(options.port);
const { origin, startServer, waitUntilUp, stopServer, signIn } = serverHelpers({ port, password: PASSWORD });

function makeDatabase() {
  const file = path.resolve("data/load.db");
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
  const run = spawnSync("npx", ["tsx", "db/seed/large.ts", "--scale", "0.01", "--out", file], { stdio: "inherit" });
  if (run.status !== 0) throw new Error("Making the load database failed.");
  return file;
}

/** Consultants with portal accounts and work they may log time on; a consent purpose to change. */
function lookUp(dbFile) {
  const sqlite = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const rows = sqlite
      .prepare(
        // Agreed work that started at least 60 days ago: time may be logged on any of those days.
        `select u.email, e.id as engagementId, c.organization_id as org
         from consultants c
         join users u on u.id = c.user_id
         join engagements e on e.consultant_id = c.id and e.status in ('agreed', 'in_progress', 'completed')
           and e.start_date <= date('now', '-60 days')
         where u.email like 'consultant%@large.test'
         group by u.email order by u.email limit 8`,
      )
      .all();
    if (rows.length === 0) throw new Error(`${dbFile} has no consultant with work to log time on.`);
    const purposes = sqlite
      // Purposes that need no name choice, so every yes or no is a complete answer.
      .prepare(
        "select id from consent_purposes where organization_id = ? and archived_at is null and asks_name_choice = 0 order by position",
      )
      .all(rows[0].org)
      .map((p) => p.id);
    return { consultants: rows, purposes };
  } finally {
    sqlite.close();
  }
}

const form = (fields) => new URLSearchParams(fields).toString();
const FORM_HEADERS = { "content-type": "application/x-www-form-urlencoded", origin };

/** One autocannon instance for one kind of traffic; `next()` builds each request afresh. */
function traffic(name, share, next) {
  const stats = { name, connections: share, statuses: {}, latencies: [], errors: 0, timeouts: 0 };
  const instance = autocannon({
    url: origin,
    connections: share,
    duration,
    timeout: 30,
    requests: [{ setupRequest: (request) => ({ ...request, ...next() }) }],
  });
  instance.on("response", (_client, status, _bytes, ms) => {
    stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
    stats.latencies.push(ms);
  });
  instance.on("reqError", () => stats.errors++);
  const done = new Promise((resolve, reject) =>
    instance
      .on("done", (result) => {
        stats.timeouts = result.timeouts;
        stats.errors += result.errors - result.timeouts;
        resolve(stats);
      })
      .on("error", reject),
  );
  return done;
}

const percentile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : null;

async function main() {
  const dbFile = path.resolve(options.db ?? makeDatabase());
  if (!options["skip-build"]) {
    const build = spawnSync("npm", ["run", "build"], {
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (build.status !== 0) throw new Error("npm run build failed.");
  }
  const { consultants, purposes } = lookUp(dbFile);
  const server = startServer(dbFile);
  try {
    await waitUntilUp(server);
    const portal = await Promise.all(consultants.map((c) => signIn(c.email)));
    const staff = await signIn("staff@large.test");
    let rssMax = 0;
    const sampler = setInterval(() => (rssMax = Math.max(rssMax, rssMb(server.child.pid) ?? 0)), 500);

    // 64 connections: 8 signing in, 24 logging time, 16 changing consent, 16 reading pages.
    const split = (n) => Math.max(1, Math.round((connections * n) / 64));
    let i = 0;
    const pick = (list) => list[i++ % list.length];
    const results = await Promise.all([
      traffic("sign in", split(8), () => ({
        method: "POST",
        path: "/login",
        headers: FORM_HEADERS,
        body: form({ email: pick(consultants).email, password: PASSWORD, redirectTo: "" }),
      })),
      traffic("log time", split(24), () => {
        const k = i++ % consultants.length;
        return {
          method: "POST",
          path: `/portal/work/${consultants[k].engagementId}`,
          headers: { ...FORM_HEADERS, cookie: portal[k] },
          body: form({
            intent: "log-time",
            // A quarter of an hour on one of the last 60 days: far from the 24 hours a day allows.
            workDate: new Date(Date.now() - (i % 60) * 86_400_000).toISOString().slice(0, 10),
            hours: "0.25",
            kind: "session",
            note: "",
            creationKey: randomUUID(),
          }),
        };
      }),
      traffic("change consent", split(16), () => {
        const k = i++ % consultants.length;
        return {
          method: "POST",
          path: "/portal/consent?index",
          headers: { ...FORM_HEADERS, cookie: portal[k] },
          body: form({
            intent: "decide",
            purposeId: pick(purposes),
            // Yes and no are always allowed; a withdrawal needs a yes first, which races could undo.
            decision: i % 2 ? "granted" : "declined",
            creationKey: randomUUID(),
          }),
        };
      }),
      traffic("read pages", split(16), () =>
        i++ % 2
          ? { method: "GET", path: "/portal", headers: { cookie: pick(portal) } }
          : { method: "GET", path: "/dashboard", headers: { cookie: staff } },
      ),
    ]);
    clearInterval(sampler);
    const locked = (server.output().match(/database is locked|SQLITE_BUSY/g) ?? []).length;
    const rows = results.map((r) => {
      const sorted = r.latencies.sort((a, b) => a - b);
      const requests = sorted.length;
      const serverErrors = Object.entries(r.statuses)
        .filter(([status]) => Number(status) >= 500)
        .reduce((n, [, c]) => n + c, 0);
      return {
        traffic: r.name,
        connections: r.connections,
        requests,
        perSecond: Math.round((requests / duration) * 10) / 10,
        statuses: r.statuses,
        serverErrors,
        errors: r.errors,
        timeouts: r.timeouts,
        p50: percentile(sorted, 0.5),
        p95: percentile(sorted, 0.95),
        p99: percentile(sorted, 0.99),
      };
    });
    for (const r of rows) {
      const statuses = Object.entries(r.statuses)
        .map(([status, n]) => `${status}: ${n}`)
        .join(", ");
      console.info(
        `${r.traffic.padEnd(15)} ${String(r.connections).padStart(3)} conn. ${String(r.requests).padStart(7)} requests ` +
          `(${r.perSecond}/s)  p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms  5xx ${r.serverErrors}  ` +
          `errors ${r.errors}  timeouts ${r.timeouts}  [${statuses}]`,
      );
    }
    const failures = rows.reduce((n, r) => n + r.serverErrors + r.errors + r.timeouts, 0);
    console.info(
      `"database is locked" in the server's output: ${locked}. Server memory at most ${Math.round(rssMax)} MB.`,
    );
    const day = new Date().toISOString().slice(0, 10);
    const out = options.out ?? path.join("bench", "results", `${day}-load-mixed.json`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(
      out,
      `${JSON.stringify({ date: new Date().toISOString(), db: dbFile, connections, duration, locked, rssMaxMb: Math.round(rssMax), rows }, null, 2)}\n`,
    );
    console.info(`Written: ${out}`);
    if (failures > 0 || locked > 0) process.exitCode = 1;
  } finally {
    await stopServer(server);
  }
}

await main();
