// Where the benchmarked pages spend their time in SQL:
//
//   npx tsx scripts/bench-queries.ts [--db data/large.db] [--runs 3] [--top 4]
//
// Calls each benchmarked page's loader (the directory's action) the way Remix would, as the same
// users `npm run bench` signs in as, times every SQL statement it runs and prints, per page: the
// loader's time, how many statements and how many distinct ones (many runs of one statement is an
// N+1), the slowest statements and their EXPLAIN QUERY PLAN. The loaders may write (recording
// lapsed consents), as the pages do: run it on the benchmark database, not a real one.
import { parseArgs } from "node:util";
import type Database from "better-sqlite3";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "data/large.db" },
    runs: { type: "string", default: "3" },
    top: { type: "string", default: "4" },
    "portal-user": { type: "string", default: "consultant1@large.test" },
  },
});
process.env.DATABASE_URL = values.db;

type Timing = { sql: string; ms: number; runs: number };
const timings = new Map<string, Timing>();
let recording = false;

// Time every statement: drizzle runs them through these four methods.
const { db } = await import("../app/utils/db.server");
const sqlite: Database.Database = db.$client;
const statementPrototype = Object.getPrototypeOf(sqlite.prepare("select 1")) as Record<string, unknown>;
for (const method of ["all", "get", "run", "iterate"] as const) {
  const original = statementPrototype[method] as (...args: unknown[]) => unknown;
  statementPrototype[method] = function (this: Database.Statement, ...args: unknown[]) {
    if (!recording) return original.apply(this, args);
    const started = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      const ms = performance.now() - started;
      const entry = timings.get(this.source) ?? { sql: this.source, ms: 0, runs: 0 };
      entry.ms += ms;
      entry.runs += 1;
      timings.set(this.source, entry);
    }
  };
}

const { startSession } = await import("../app/utils/auth/session.server");
const dashboard = await import("../app/routes/_staff.dashboard");
const directory = await import("../app/routes/_staff.consultants._index");
const record = await import("../app/routes/_staff.consultants.$id._index");
const paymentsList = await import("../app/routes/_staff.payments._index");
const taxYear = await import("../app/routes/_staff.payments.tax-year");
const consent = await import("../app/routes/_staff.consent._index");
const results = await import("../app/routes/_staff.assessments.$id.results");
const portal = await import("../app/routes/portal._index");
const portalPay = await import("../app/routes/portal.pay");

const one = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).get(...params) as T;
const userId = (email: string) => one<{ id: string }>("select id from users where email = ?", email).id;
const cookie = async (email: string) =>
  (
    await startSession(new Request("http://localhost/login", { method: "POST" }), userId(email), {
      strength: "password",
    })
  ).split(";")[0]!;
const staff = await cookie("staff@large.test");
const consultant = await cookie(values["portal-user"]);
const consultantId = one<{ id: string }>(
  "select c.id from consultants c join users u on u.id = c.user_id where u.email = ?",
  values["portal-user"],
).id;
const assessmentId = one<{ id: string }>(
  `select a.id from assessments a join assessment_templates t on t.id = a.template_id
   where t.key = 'survivor-informed-readiness' and a.status = 'complete' order by a.completed_at desc limit 1`,
).id;
const year = new Date().getUTCFullYear();

type Handler = (args: { request: Request; params: Record<string, string>; context: unknown }) => unknown;
const pages: { label: string; handler: unknown; path: string; cookie: string; form?: string; params?: object }[] = [
  { label: "Staff dashboard", handler: dashboard.loader, path: "/dashboard", cookie: staff },
  { label: "Directory search", handler: directory.action, path: "/consultants?index", cookie: staff, form: "q=mari" },
  // Remix runs the route's loaders after the action, so a search pays for this too.
  { label: "Directory (loader)", handler: directory.loader, path: "/consultants", cookie: staff },
  {
    label: "Consultant record",
    handler: record.loader,
    path: `/consultants/${consultantId}`,
    cookie: staff,
    params: { id: consultantId },
  },
  { label: `Payments ${year}`, handler: paymentsList.loader, path: `/payments?year=${year}`, cookie: staff },
  { label: `Tax year ${year}`, handler: taxYear.loader, path: `/payments/tax-year?year=${year}`, cookie: staff },
  { label: "Consent matrix", handler: consent.loader, path: "/consent", cookie: staff },
  {
    label: "Readiness results",
    handler: results.loader,
    path: `/assessments/${assessmentId}/results`,
    cookie: staff,
    params: { id: assessmentId },
  },
  { label: "Portal home", handler: portal.loader, path: "/portal", cookie: consultant },
  { label: "Portal pay", handler: portalPay.loader, path: "/portal/pay", cookie: consultant },
];

const runs = Number(values.runs);
const top = Number(values.top);
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
for (const page of pages) {
  const call = () =>
    (page.handler as Handler)({
      request: new Request(`http://localhost${page.path}`, {
        method: page.form ? "POST" : "GET",
        headers: { Cookie: page.cookie, ...(page.form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) },
        body: page.form,
      }),
      params: (page.params ?? {}) as Record<string, string>,
      context: { clientIp: "127.0.0.1" },
    });
  await call(); // once unmeasured: one-time work (lapsed consents) and a warm cache
  timings.clear();
  recording = true;
  const started = performance.now();
  for (let i = 0; i < runs; i++) await call();
  const loaderMs = (performance.now() - started) / runs;
  recording = false;
  const all = [...timings.values()];
  const sqlMs = all.reduce((sum, t) => sum + t.ms, 0) / runs;
  const statements = all.reduce((sum, t) => sum + t.runs, 0) / runs;
  console.info(
    `\n## ${page.label}: loader ${loaderMs.toFixed(1)} ms, SQL ${sqlMs.toFixed(1)} ms in ${statements} statements (${all.length} distinct)`,
  );
  for (const t of all.sort((a, b) => b.ms - a.ms).slice(0, top)) {
    console.info(`- ${(t.ms / runs).toFixed(1)} ms, ${t.runs / runs}×: ${oneLine(t.sql).slice(0, 400)}`);
    try {
      const plan = sqlite.prepare(`explain query plan ${t.sql}`).all(
        // Placeholders only shape the plan; any value will do.
        ...Array.from({ length: (t.sql.match(/\?/g) ?? []).length }, () => null),
      ) as { id: number; parent: number; detail: string }[];
      const depth = new Map<number, number>();
      for (const step of plan) {
        const d = (depth.get(step.parent) ?? -1) + 1;
        depth.set(step.id, d);
        console.info(`    ${"  ".repeat(d)}${step.detail}`);
      }
    } catch (error) {
      console.info(`    (no plan: ${(error as Error).message})`);
    }
  }
}
sqlite.close();
