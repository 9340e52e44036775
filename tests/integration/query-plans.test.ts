// Query plans of the benchmarked pages. On a national collaborative's data a full scan of
// payments, time entries, engagements, consent events or consultants is what makes a page slow, and
// it does not show on a small database's timings, only in its plans. So each page's loader (the
// directory's action too) runs against a small database from `db:seed:large`, every statement it
// prepares is recorded, and each one's EXPLAIN QUERY PLAN must reach those tables through an index.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { REPO_ROOT } from "../setup/paths";

const LARGE_TABLES = new Set(["payments", "time_entries", "engagements", "consent_events", "consultants"]);

const file = path.join(inject("runDir"), `plans-${randomUUID()}.db`);
let sqlite: Database.Database;
let recording: Set<string> | null = null;

type Handler = (args: { request: Request; params: Record<string, string>; context: unknown }) => unknown;
type Page = { label: string; handlers: Handler[]; path: string; as: "staff" | "consultant"; form?: string };
let pages: Page[] = [];
const cookies = { staff: "", consultant: "" };
const params: Record<string, string> = {};

beforeAll(async () => {
  execFileSync(
    "npx",
    ["tsx", "db/seed/large.ts", "--scale", "0.002", "--out", file, "--anchor", "2026-12-01", "--seed", "11"],
    { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } },
  );
  // This file's app connection opens the generated database instead of the migrated copy.
  globalThis.__appDb?.$client.close();
  globalThis.__appDb = undefined;
  process.env.DATABASE_URL = file;
  const { db } = await import("../../app/utils/db.server");
  sqlite = db.$client;
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    recording?.add(source);
    return prepare(source);
  }) as typeof sqlite.prepare;

  const { startSession } = await import("../../app/utils/auth/session.server");
  const one = <T>(query: string, ...args: unknown[]) => prepare(query).get(...args) as T;
  const cookie = async (email: string) => {
    const { id } = one<{ id: string }>("select id from users where email = ?", email);
    return (
      await startSession(new Request("http://localhost/login", { method: "POST" }), id, { strength: "password" })
    ).split(";")[0]!;
  };
  cookies.staff = await cookie("staff@large.test");
  cookies.consultant = await cookie("consultant1@large.test");
  params.consultantId = one<{ id: string }>(
    "select c.id from consultants c join users u on u.id = c.user_id where u.email = 'consultant1@large.test'",
  ).id;
  params.assessmentId = one<{ id: string }>(
    `select a.id from assessments a join assessment_templates t on t.id = a.template_id
     where t.key = 'survivor-informed-readiness' and a.status = 'complete' order by a.completed_at desc limit 1`,
  ).id;
  const year = 2026;
  const route = async (name: string) => (await import(`../../app/routes/${name}.tsx`)) as Record<string, Handler>;
  const directory = await route("_staff.consultants._index");
  pages = [
    {
      label: "staff dashboard",
      handlers: [(await route("_staff.dashboard")).loader!],
      path: "/dashboard",
      as: "staff",
    },
    {
      label: "directory search",
      handlers: [directory.action!, directory.loader!],
      path: "/consultants?index",
      as: "staff",
      form: "q=a&language=English",
    },
    {
      label: "consultant record",
      handlers: [(await route("_staff.consultants.$id._index")).loader!],
      path: `/consultants/${params.consultantId}`,
      as: "staff",
    },
    {
      label: "payments by year",
      handlers: [(await route("_staff.payments._index")).loader!],
      path: `/payments?year=${year}`,
      as: "staff",
    },
    {
      label: "overdue payments",
      handlers: [(await route("_staff.payments._index")).loader!],
      path: "/payments?overdue=1&page=2",
      as: "staff",
    },
    {
      label: "tax-year totals",
      handlers: [(await route("_staff.payments.tax-year")).loader!],
      path: `/payments/tax-year?year=${year}`,
      as: "staff",
    },
    {
      label: "consent matrix",
      handlers: [(await route("_staff.consent._index")).loader!],
      path: "/consent?page=2",
      as: "staff",
    },
    {
      label: "consent matrix, filtered",
      handlers: [(await route("_staff.consent._index")).loader!],
      path: "/consent?state=granted&status=active",
      as: "staff",
    },
    {
      label: "readiness results",
      handlers: [(await route("_staff.assessments.$id.results")).loader!],
      path: `/assessments/${params.assessmentId}/results`,
      as: "staff",
    },
    { label: "portal home", handlers: [(await route("portal._index")).loader!], path: "/portal", as: "consultant" },
    {
      label: "portal pay",
      handlers: [(await route("portal.pay")).loader!],
      path: `/portal/pay?year=${year - 1}`,
      as: "consultant",
    },
  ];
}, 120_000);

afterAll(() => {
  sqlite?.close();
  globalThis.__appDb = undefined;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
});

/** The statements a page prepares (each loader once, as Remix calls it; the same context for all). */
async function statementsOf(page: Page) {
  recording = new Set();
  const context = { clientIp: "127.0.0.1" };
  try {
    for (const handler of page.handlers) {
      const isAction = Boolean(page.form) && handler === page.handlers[0];
      await handler({
        request: new Request(`http://localhost${page.path}`, {
          method: isAction ? "POST" : "GET",
          headers: {
            Cookie: cookies[page.as],
            ...(isAction ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
          },
          body: isAction ? page.form : undefined,
        }),
        params: { id: page.path.split("/")[2] ?? "" },
        context,
      });
    }
    return [...recording];
  } finally {
    recording = null;
  }
}

/** The tables each name in the statement stands for: itself, or the table an alias was given to. */
function tableNames(source: string) {
  const names = new Map<string, string>();
  for (const m of source.matchAll(/\b(?:from|join)\s+"?(\w+)"?(?:\s+(?:as\s+)?"?(\w+)"?)?/gi)) {
    const table = m[1]!.toLowerCase();
    names.set(table, table);
    const alias = m[2]?.toLowerCase();
    if (alias && !/^(on|where|inner|left|join|group|order|limit|using)$/.test(alias)) names.set(alias, table);
  }
  return names;
}

type Step = { detail: string };

/** What is wrong with one statement's plan: a full scan of a large table, or a large table read without an index. */
function planProblems(source: string) {
  if (!/^\s*(select|with)\b/i.test(source)) return [];
  const plan = sqlite
    .prepare(`explain query plan ${source}`)
    .all(...Array.from({ length: (source.match(/\?/g) ?? []).length }, () => null)) as Step[];
  const names = tableNames(source);
  const problems: string[] = [];
  for (const { detail } of plan) {
    const m = /^(SCAN|SEARCH) "?(\w+)"?/.exec(detail);
    if (!m) continue;
    const table = names.get(m[2]!.toLowerCase()) ?? m[2]!.toLowerCase();
    if (!LARGE_TABLES.has(table)) continue;
    if (m[1] === "SCAN") problems.push(`full scan of ${table}: ${detail}`);
    else if (!/INDEX|PRIMARY KEY/.test(detail)) problems.push(`${table} without an index: ${detail}`);
  }
  return problems;
}

describe("query plans of the benchmarked pages", () => {
  it("every page reads payments, time entries, engagements, consent events and consultants through an index", async () => {
    const report: string[] = [];
    for (const page of pages) {
      const statements = await statementsOf(page);
      expect(statements.length, page.label).toBeGreaterThan(0);
      // Readiness results read assessments and their answers only; every other page reads a large table.
      const touchesLarge = statements.some((s) => [...tableNames(s).values()].some((t) => LARGE_TABLES.has(t)));
      expect(touchesLarge, `${page.label} reads a large table`).toBe(page.label !== "readiness results");
      for (const source of statements) {
        for (const problem of planProblems(source)) {
          report.push(`${page.label}: ${problem}\n    ${source.replace(/\s+/g, " ").slice(0, 300)}`);
        }
      }
    }
    expect(report, report.join("\n")).toEqual([]);
  });

  it("recognises a full scan when there is one", () => {
    expect(planProblems(`select count(*) from "payments" where "fee_cents" > 0`)).toEqual([
      expect.stringMatching(/^full scan of payments/),
    ]);
    expect(planProblems(`select c.id from consultants c where c.pronouns = 'she'`)).toEqual([
      expect.stringMatching(/^full scan of consultants/),
    ]);
  });
});
