// Performance benchmark: `npm run bench -- [--db data/large.db] [--compare data/large-0.1.db]`.
//
// Builds the production server, starts scripts/server.mjs on the large database (made by
// `npm run db:seed:large`), signs in through the real login form and measures each key page with
// autocannon: req/s, p50/p95/p99 latency, non-2xx responses. Every page is also reported as a ratio
// to a route with no loader work measured in the same run (absolute numbers depend on the machine).
// It samples the server's memory (VmRSS) and sums the gzipped JavaScript the portal home loads.
// With --compare, the same pages run on a second (smaller) database and the growth of p95 is printed.
// Results: a table on the console and JSON in bench/results/<YYYY-MM-DD>.json.
//
// Options: --db <file>, --compare <file>, --duration <s> (10), --connections <n> (32), --port <n> (3301),
// --skip-build, --out <file>, --only <page,page>, --portal-user <email>.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { rssMb, serverHelpers } from "./bench-server.mjs";

const PASSWORD = "bench-password-1";
const LARGE_ORG_NAME = "Large Org 001";
const FULL_CONSULTANTS = 5_000;

/** The performance targets the project set itself (README, "Performance"). */
export const TARGETS = {
  minRatioToBaseline: 0.5,
  maxP95Ms: 50,
  maxGrowthRatio: 1.3,
  maxRssMb: 300,
  maxPortalJsGzipKb: 120,
};

const { values: options } = parseArgs({
  options: {
    db: { type: "string", default: "data/large.db" },
    compare: { type: "string" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "32" },
    port: { type: "string", default: "3301" },
    "skip-build": { type: "boolean", default: false },
    out: { type: "string" },
    only: { type: "string" },
    "portal-user": { type: "string", default: "consultant1@large.test" },
  },
});
const duration = Number(options.duration);
const connections = Number(options.connections);
const port = Number(options.port);
const origin = `http://127.0.0.1:${port}`;
const { startServer, waitUntilUp, stopServer, signIn } = serverHelpers({ port, password: PASSWORD });

// --- What to measure -------------------------------------------------------------------------

/** Ids the pages need, read from the database itself (the server has it open too; reads are fine in WAL). */
function lookUp(dbFile, portalUser) {
  const sqlite = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const org = sqlite.prepare("select id from organizations where name = ?").get(LARGE_ORG_NAME);
    if (!org) throw new Error(`${dbFile} has no "${LARGE_ORG_NAME}": make it with npm run db:seed:large.`);
    const consultants = sqlite.prepare("select count(*) as n from consultants where organization_id = ?").get(org.id).n;
    // The portal user's own record: one of the busiest consultants, so the worst realistic case.
    const consultant = sqlite
      .prepare(
        "select c.id from consultants c join users u on u.id = c.user_id where u.email = ? and c.organization_id = ?",
      )
      .get(portalUser, org.id);
    const assessment = sqlite
      .prepare(
        `select a.id from assessments a join assessment_templates t on t.id = a.template_id
         where a.organization_id = ? and t.key = 'survivor-informed-readiness' and a.status = 'complete'
         order by a.completed_at desc limit 1`,
      )
      .get(org.id);
    const engagements = sqlite
      .prepare("select count(*) as n from engagements where organization_id = ? and consultant_id = ?")
      .get(org.id, consultant?.id).n;
    return {
      consultantId: consultant?.id,
      consultantEngagements: engagements,
      assessmentId: assessment?.id,
      scale: consultants / FULL_CONSULTANTS,
    };
  } finally {
    sqlite.close();
  }
}

function pagesFor(ids, year) {
  return [
    { key: "baseline", label: "Baseline (no loader work)", path: "/ping", fallback: "/healthz", as: null },
    { key: "dashboard", label: "Staff dashboard", path: "/dashboard", as: "staff" },
    {
      key: "directory",
      label: "Consultant directory, search",
      // The directory takes its filters as a form post, so names never land in an address.
      path: "/consultants?index",
      method: "POST",
      body: "q=mari",
      as: "staff",
    },
    { key: "record", label: "Consultant record", path: `/consultants/${ids.consultantId}`, as: "staff" },
    { key: "payments", label: `Payments, year ${year}`, path: `/payments?year=${year}`, as: "staff" },
    { key: "taxYear", label: `Tax-year totals ${year}`, path: `/payments/tax-year?year=${year}`, as: "staff" },
    { key: "consent", label: "Consent matrix", path: "/consent", as: "staff" },
    { key: "results", label: "Readiness results", path: `/assessments/${ids.assessmentId}/results`, as: "staff" },
    { key: "portal", label: "Portal home", path: "/portal", as: "consultant" },
    { key: "portalPay", label: "Portal pay", path: "/portal/pay", as: "consultant" },
    // Measured again last: other work on the machine changes over a run, so the ratio uses both.
    { key: "baselineEnd", label: "Baseline again (end)", path: "/ping", fallback: "/healthz", as: null },
  ];
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

async function request(page, cookie) {
  const started = performance.now();
  const res = await fetch(`${origin}${page.path}`, {
    method: page.method ?? "GET",
    body: page.body,
    redirect: "manual",
    headers: {
      ...(cookie ? { Cookie: cookie } : {}),
      ...(page.body ? { "Content-Type": "application/x-www-form-urlencoded", Origin: origin } : {}),
    },
  });
  const text = await res.text();
  return { status: res.status, ms: performance.now() - started, bytes: Buffer.byteLength(text), text };
}

/** autocannon for one page; latencies come from every response, so any percentile can be read. */
function hammer(page, cookie, connections) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const instance = autocannon(
      {
        url: `${origin}${page.path}`,
        method: page.method ?? "GET",
        body: page.body,
        connections,
        duration,
        // A slow page must still be measured, not cut off as timeouts.
        timeout: duration + 20,
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(page.body ? { "content-type": "application/x-www-form-urlencoded", origin } : {}),
        },
      },
      (error, result) => (error ? reject(error) : resolve({ result, latencies })),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

/** `sameConnectionsAs`: a run whose connections per page this one repeats (so p95s compare). */
async function measurePages(dbFile, label, sameConnectionsAs = null) {
  const ids = lookUp(dbFile, options["portal-user"]);
  const year = new Date().getUTCFullYear();
  console.info(`\n== ${label}: ${dbFile} (scale ${ids.scale}) ==`);
  const server = startServer(path.resolve(dbFile));
  const rss = { max: 0, current: null, afterStart: null, pageMax: 0 };
  const sampler = setInterval(() => {
    const mb = rssMb(server.child.pid);
    if (mb !== null) {
      rss.max = Math.max(rss.max, mb);
      rss.current = mb;
    }
  }, 250);
  const startedAt = performance.now();
  try {
    await waitUntilUp(server);
    const startupSeconds = (performance.now() - startedAt) / 1000;
    console.info(`  server up in ${fmt(startupSeconds, 1)} s`);
    rss.afterStart = rssMb(server.child.pid);
    const cookies = { staff: await signIn("staff@large.test"), consultant: await signIn(options["portal-user"]) };
    const only = options.only ? new Set(options.only.split(",")) : null;
    const results = [];
    let portalHtml = null;
    for (const page of pagesFor(ids, year)) {
      if (only && !page.key.startsWith("baseline") && !only.has(page.key)) continue;
      const cookie = page.as ? cookies[page.as] : null;
      // First request: checks the page answers 200 (not a redirect to sign-in), and runs any
      // one-time work (recording lapsed consents) before measuring.
      let first = await request(page, cookie);
      if (first.status === 404 && page.fallback) {
        console.info(`  ${page.path} is not on this branch: using ${page.fallback} as the baseline`);
        page.path = page.fallback;
        first = await request(page, cookie);
      }
      if (first.status >= 300 && first.status < 500) {
        throw new Error(`${page.label} (${page.path}) answered ${first.status}: is the sign-in or the id right?`);
      }
      if (first.status !== 200) {
        // A server error is a result (a render aborted after the server's time limit, say), not a
        // reason to stop: it is counted in non-2xx.
        console.warn(`  ${page.label} (${page.path}) answered ${first.status}; measuring anyway`);
      }
      const single = [];
      for (let i = 0; i < 3; i++) single.push((await request(page, cookie)).ms);
      // The server works one request at a time: when `connections` requests would not be answered
      // within half the run, autocannon would stop with nothing answered (and 32 renders of a page
      // of many megabytes at once can run the server out of memory). Such a page is measured one
      // request at a time instead, and marked.
      const pageConnections =
        sameConnectionsAs?.pages.find((p) => p.key === page.key)?.connections ??
        (Math.min(...single) * connections > (duration * 1000) / 2 ? 1 : connections);
      if (pageConnections !== connections) {
        console.info(
          `  ${page.label}: one request takes ${fmt(Math.min(...single), 0)} ms; measured with 1 connection${sameConnectionsAs ? " (as on the main database)" : ""}`,
        );
      }
      const rssBefore = rssMb(server.child.pid);
      rss.pageMax = 0;
      const pageSampler = setInterval(() => (rss.pageMax = Math.max(rss.pageMax, rssMb(server.child.pid) ?? 0)), 250);
      const loadBefore = os.loadavg()[0];
      const { result, latencies } = await hammer(page, cookie, pageConnections);
      clearInterval(pageSampler);
      const loadAfter = os.loadavg()[0];
      latencies.sort((a, b) => a - b);
      const row = {
        key: page.key,
        label: page.label,
        path: page.key === "record" || page.key === "results" ? page.path.replace(/[0-9a-f-]{36}/, ":id") : page.path,
        method: page.method ?? "GET",
        as: page.as,
        connections: pageConnections,
        htmlKb: Math.round(first.bytes / 1024),
        singleRequestMs: Math.min(...single),
        requests: latencies.length,
        reqPerSec: result.requests.average,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        rssBeforeMb: rssBefore,
        rssMaxMb: rss.pageMax,
        // The machine's 1-minute load average around the run: other work skews every number.
        loadAverage: [loadBefore, loadAfter],
      };
      results.push(row);
      console.info(
        `  ${page.label.padEnd(30)} ${fmt(row.reqPerSec, 0).padStart(7)} req/s  p95 ${fmt(row.p95, 1).padStart(8)} ms  (${row.requests} responses)`,
      );
      if (page.key === "portal") portalHtml = first.text;
    }
    portalHtml ??= (await request({ path: "/portal" }, cookies.consultant)).text;
    const portalJs = await portalJavaScript(portalHtml);
    return {
      db: dbFile,
      scale: ids.scale,
      startupSeconds,
      consultantEngagements: ids.consultantEngagements,
      pages: results,
      rss: { afterStartMb: rss.afterStart, maxMb: rss.max, endMb: rss.current },
      portalJs,
    };
  } catch (error) {
    // Say why when the server itself went away (a crash, running out of memory, a signal).
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      const { code, signal } = await server.exited;
      const tail = server.output().split("\n").slice(-20).join("\n");
      throw new Error(`The server stopped (exit code ${code}, signal ${signal}):\n${tail}`, { cause: error });
    }
    throw error;
  } finally {
    clearInterval(sampler);
    await stopServer(server);
  }
}

/** Every script the portal home loads (module preloads, script tags, imports in inline modules), gzipped. */
async function portalJavaScript(html) {
  const urls = new Set();
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]*>/g)) {
    const href = /href="([^"]+)"/.exec(m[0])?.[1];
    if (href) urls.add(href);
  }
  for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) urls.add(m[1]);
  for (const m of html.matchAll(/<script[^>]*type="module"[^>]*>([\s\S]*?)<\/script>/g)) {
    for (const i of m[1].matchAll(/import\s*(?:[^"']*from\s*)?["']([^"']+\.js)["']/g)) urls.add(i[1]);
  }
  const files = [];
  for (const url of urls) {
    const res = await fetch(new URL(url, origin));
    const body = Buffer.from(await res.arrayBuffer());
    files.push({ url, bytes: body.length, gzipBytes: zlib.gzipSync(body, { level: 9 }).length });
  }
  files.sort((a, b) => b.gzipBytes - a.gzipBytes);
  const gzipBytes = files.reduce((sum, f) => sum + f.gzipBytes, 0);
  return { files, gzipBytes, gzipKb: gzipBytes / 1024 };
}

// --- Report ----------------------------------------------------------------------------------

const fmt = (n, digits = 1) => (n === null || n === undefined || Number.isNaN(n) ? "-" : n.toFixed(digits));

function evaluate(run, smaller) {
  const baselines = run.pages.filter((p) => p.key.startsWith("baseline"));
  run.baselineReqPerSec = baselines.reduce((sum, p) => sum + p.reqPerSec, 0) / baselines.length;
  for (const page of run.pages) {
    page.ratioToBaseline = page.reqPerSec / run.baselineReqPerSec;
    const other = smaller?.pages.find((p) => p.key === page.key);
    page.growthRatio = other && other.p95 ? page.p95 / other.p95 : null;
    if (page.key.startsWith("baseline")) continue;
    page.misses = [
      page.ratioToBaseline !== null && page.ratioToBaseline < TARGETS.minRatioToBaseline
        ? "req/s < 50% of baseline"
        : null,
      page.p95 !== null && page.p95 >= TARGETS.maxP95Ms ? "p95 >= 50 ms" : null,
      page.growthRatio !== null && page.growthRatio > TARGETS.maxGrowthRatio ? "growth > 1.3" : null,
      page.non2xx > 0 || page.errors > 0 ? "errors" : null,
    ].filter(Boolean);
  }
  run.misses = [
    run.rss.maxMb >= TARGETS.maxRssMb ? `RSS ${fmt(run.rss.maxMb, 0)} MB >= ${TARGETS.maxRssMb} MB` : null,
    run.portalJs.gzipKb > TARGETS.maxPortalJsGzipKb
      ? `portal JS ${fmt(run.portalJs.gzipKb, 1)} kB gz > ${TARGETS.maxPortalJsGzipKb} kB`
      : null,
  ].filter(Boolean);
}

function printTable(run, withGrowth) {
  const head = [
    "page",
    "req/s",
    "× base",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "non-2xx",
    ...(withGrowth ? ["growth"] : []),
    "1 req ms",
    "HTML kB",
    "misses",
  ];
  const rows = run.pages.map((p) => [
    `${p.label}${p.connections === connections ? "" : " (1 conn.)"}`,
    fmt(p.reqPerSec, 0),
    fmt(p.ratioToBaseline, 2),
    fmt(p.p50, 1),
    fmt(p.p95, 1),
    fmt(p.p99, 1),
    String(p.non2xx + p.errors),
    ...(withGrowth ? [fmt(p.growthRatio, 2)] : []),
    fmt(p.singleRequestMs, 0),
    String(p.htmlKb),
    (p.misses ?? []).join(", "),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.info(`\n${run.db} (scale ${run.scale}; ${connections} connections, ${duration} s per page)`);
  console.info(line(head));
  console.info(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.info(line(r));
  console.info(`× base: req/s over the mean of the two baseline runs (${fmt(run.baselineReqPerSec, 0)} req/s)`);
  console.info("(1 conn.): too slow for the queue of connections to drain in the run: measured one request at a time");
  console.info(`Server start-up (migrations and the foreign key check): ${fmt(run.startupSeconds, 1)} s`);
  console.info(
    `Server RSS: ${fmt(run.rss.afterStartMb, 0)} MB after start, ${fmt(run.rss.maxMb, 0)} MB at most (target < ${TARGETS.maxRssMb} MB)`,
  );
  console.info(
    `Portal JavaScript: ${fmt(run.portalJs.gzipKb, 1)} kB gzipped in ${run.portalJs.files.length} files (target <= ${TARGETS.maxPortalJsGzipKb} kB)`,
  );
  for (const miss of run.misses) console.info(`MISS: ${miss}`);
}

async function main() {
  for (const file of [options.db, options.compare].filter(Boolean)) {
    if (!fs.existsSync(file))
      throw new Error(`${file} does not exist: make it with npm run db:seed:large (see --out, --scale).`);
  }
  if (!options["skip-build"]) {
    console.info("Building the production server (npm run build)…");
    const build = spawnSync("npm", ["run", "build"], {
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (build.status !== 0) throw new Error("npm run build failed.");
  }
  const main = await measurePages(options.db, "Main");
  const smaller = options.compare ? await measurePages(options.compare, "Compare", main) : null;
  if (smaller) evaluate(smaller, null);
  evaluate(main, smaller);
  if (smaller) printTable(smaller, false);
  printTable(main, Boolean(smaller));
  if (smaller) console.info("growth = p95 on the main database / p95 on the compared one (target <= 1.3)");

  const day = new Date().toISOString().slice(0, 10);
  const out = options.out ?? path.join("bench", "results", `${day}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const report = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    settings: {
      connections,
      durationSeconds: duration,
      portalUser: options["portal-user"],
      staffUser: "staff@large.test",
    },
    targets: TARGETS,
    note: "Ratios to the baseline are what count: absolute numbers depend on the machine. growthRatio = p95 here / p95 on the compared database.",
    main,
    compare: smaller,
  };
  fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.info(`\nWritten: ${out}`);
}

await main();
