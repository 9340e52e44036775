// Nothing English left behind: the main pages in a made-up language where every piece of every catalog
// string is wrapped in ⟦ ⟧ (offered only by the test server, PSEUDO_LANGUAGE=1; see
// app/i18n/resources.server.ts). Any word outside the brackets is the organization's own data
// (names, titles, wording it wrote, read here from the database), something Intl wrote (a month, a time
// zone, "hours", recognised by formatting the same shapes here), or a word never moved into a catalog:
// the last fails the test, naming the page and the text.
//
// Accounts: staff@demo.test (Sam), admin@demo.test (Dana), ana@demo.test (consultant). Nothing is changed.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import Database from "better-sqlite3";
import { decryptField, isEnvelope, parseKeyRing, type KeyRing } from "../../app/utils/field-crypto.server";
import { DEMO, E2E_DATABASE, expect, gotoHydrated, loginAs, test } from "./fixtures";

const PSEUDO = "en-XA";
const LANGUAGES = JSON.parse(readFileSync(new URL("../../app/locales/languages.json", import.meta.url), "utf8")) as {
  name: string;
}[];
// The locale Intl formats the pseudo language with: it has none of its own, so the app's default.
const INTL_LOCALE = "en-US";

function withDatabase<T>(read: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
  try {
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}

/** The ids a query names: one record in each state, say. */
function idsOf(sql: string): string[] {
  return withDatabase((sqlite) => (sqlite.prepare(sql).all() as { id: string }[]).map((row) => row.id));
}

function idOf(sql: string): string {
  return withDatabase((sqlite) => {
    const row = sqlite.prepare(sql).get() as { id: string } | undefined;
    if (!row) throw new Error(`No row for ${sql}`);
    return row.id;
  });
}

// A status, kind or language code ("in_progress", "flat_fee", "en", "consultant.update") or a quarter as
// filed ("2026-Q3"): a value the page must put into words, never show as it is stored, so it does not
// count as the organization's data.
const MACHINE_VALUE = /^([a-z][a-z0-9]*([._-][a-z0-9]+)*|\d{4}-Q[1-4])$/;

/** The string leaves of a JSON text (a checklist template, an audit event's details). */
function jsonStrings(text: string): string[] {
  if (!/^[[{]/.test(text)) return [];
  try {
    const out: string[] = [];
    const walk = (value: unknown) => {
      if (typeof value === "string") out.push(value);
      else if (value && typeof value === "object") Object.values(value).forEach(walk);
    };
    walk(JSON.parse(text));
    return out;
  } catch {
    return [];
  }
}

// The sealed consultant columns (legal name, notes...) hold ciphertext bound to their table, column,
// organization and record; the server's key file beside the database opens them.
let ring: KeyRing | undefined;
function opened(table: string, column: string, row: Record<string, unknown>, value: string): string | null {
  if (!isEnvelope(value)) return value;
  if (table !== "consultants") return null;
  ring ??= parseKeyRing(readFileSync(`${E2E_DATABASE}.field-key`, "utf8"), "the test server's key file");
  return decryptField(value, `consultants.${column}|${String(row.organization_id)}|${String(row.id)}`, ring);
}

/** Every text the database holds that a page may show as it is: people's names and the organization's words. */
function dataValues(): string[] {
  const values = new Set<string>();
  // A text, each of its lines and each of its sentences: a page may quote one sentence of a wording.
  const add = (text: string) => {
    for (const piece of [text, ...text.split(/\n+/), ...text.split(/(?<=[.!?])\s+/)]) {
      const trimmed = piece.trim();
      if (trimmed.length > 1 && !MACHINE_VALUE.test(trimmed)) values.add(trimmed);
    }
  };
  withDatabase((sqlite) => {
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    for (const { name: table } of tables) {
      const columns = (sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; type: string }[])
        .filter((c) => c.type.toUpperCase() === "TEXT")
        .map((c) => c.name);
      if (columns.length === 0) continue;
      const rows = sqlite.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
      for (const row of rows) {
        for (const column of columns) {
          const value = row[column];
          if (typeof value !== "string" || value === "") continue;
          const text = opened(table, column, row, value);
          if (text === null) continue;
          const inside = jsonStrings(text);
          if (inside.length > 0) inside.forEach(add);
          else add(text);
        }
      }
    }
  });
  // Each language by its own name, in the language switch: deliberately never translated.
  for (const language of LANGUAGES) values.add(language.name);
  // Longest first, so a title is taken out before a word inside it.
  return [...values].sort((a, b) => b.length - a.length);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A pattern for exactly what one Intl format writes: its literal parts as they are (any space as a
 * space), its numbers as digits, and its words (months, AM/PM, time zone names, units) only as Intl
 * itself writes them for the given samples.
 */
function intlShape(format: { formatToParts(value: never): Intl.DateTimeFormatPart[] }, samples: unknown[]): string {
  const words = new Map<string, Set<string>>();
  const shapes = new Set<string>();
  for (const sample of samples) {
    const parts = format.formatToParts(sample as never).map((part) => {
      if (!/\p{L}/u.test(part.value))
        return /^\d+$/.test(part.value) ? "\\d+" : escape(part.value).replace(/\s/g, "\\s");
      const seen = words.get(part.type) ?? new Set<string>();
      words.set(part.type, seen.add(part.value));
      return `<${part.type}>`;
    });
    shapes.add(parts.join(""));
  }
  return [...shapes]
    .map((shape) =>
      shape.replace(/<(\w+)>/g, (_, type: string) => `(?:${[...words.get(type)!].map(escape).join("|")})`),
    )
    .join("|");
}

/** What the app formats with Intl (app/utils/format.ts, money.ts, the long days of the portal and report). */
function intlPatterns(): RegExp[] {
  const timeZones = withDatabase(
    (sqlite) => sqlite.prepare("SELECT DISTINCT time_zone AS zone FROM organizations").all() as { zone: string }[],
  ).map((row) => row.zone);
  // Every month, morning and afternoon, winter and summer time.
  const moments = Array.from({ length: 24 }, (_, i) => new Date(Date.UTC(2026, i % 12, 15, i < 12 ? 3 : 15)));
  const dayFormats = [
    new Intl.DateTimeFormat(INTL_LOCALE, { dateStyle: "medium", timeZone: "UTC" }),
    new Intl.DateTimeFormat(INTL_LOCALE, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
  ];
  const momentFormats = timeZones.map(
    (timeZone) =>
      new Intl.DateTimeFormat(INTL_LOCALE, {
        month: "short",
        day: "numeric",
        year: "numeric",
        hour: "numeric",
        minute: "2-digit",
        timeZoneName: "short",
        timeZone,
      }),
  );
  const hours = new Intl.NumberFormat(INTL_LOCALE, {
    style: "unit",
    unit: "hour",
    unitDisplay: "long",
    maximumFractionDigits: 2,
  });
  // A moment first: its day alone would otherwise be taken out and leave its time behind.
  const shapes = [
    ...[...momentFormats, ...dayFormats].map((format) => intlShape(format, moments)),
    intlShape(hours as never, [0, 1, 1.5, 1234.25]).replaceAll("\\d+", "[\\d,]+"),
  ];
  return shapes.map((shape) => new RegExp(shape, "g"));
}

// The organization's time zone is chosen from the runtime's IANA names, shown as "America / New York".
const TIME_ZONE_NAMES = new Set(["UTC", ...Intl.supportedValuesOf("timeZone")]);

type Found = { text: string; option?: { value: string } };

/** The page's text and the attributes that reach a person, without what came from a catalog. */
async function wordsOutsideCatalogs(page: Page): Promise<Found[]> {
  return page.evaluate(() => {
    const found: Found[] = [];
    // A catalog string may hold another (a nested $t()), so innermost brackets go first.
    const strip = (text: string) => {
      let rest = text;
      for (let before = ""; before !== rest;) {
        before = rest;
        rest = rest.replace(/⟦[^⟦⟧]*⟧/g, " ");
      }
      return rest.trim();
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest("script, style, noscript, template")) continue;
      // What the page itself marks as never translated: a code or an id shown as it is stored.
      if (parent.closest('[translate="no"]')) continue;
      // Hidden text counts too: a closed <details>, a part shown only in print or after a choice.
      const option = parent.closest("option");
      const rest = strip(node.textContent ?? "");
      if (rest) found.push(option ? { text: rest, option: { value: option.value } } : { text: rest });
    }
    for (const element of document.querySelectorAll(
      "[aria-label], [placeholder], [title], [alt], input[type=submit]",
    )) {
      for (const name of ["aria-label", "placeholder", "title", "alt", "value"]) {
        if (name === "value" && element.getAttribute("type") !== "submit") continue;
        const rest = strip(element.getAttribute(name) ?? "");
        if (rest) found.push({ text: rest });
      }
    }
    const title = strip(document.title);
    if (title) found.push({ text: title });
    return found;
  });
}

function untranslated(found: Found[], data: string[], intl: RegExp[]): string[] {
  const left: string[] = [];
  for (const { text, option } of found) {
    // An option of the time zone list: an IANA name as people read it ("America / New York").
    if (
      option &&
      TIME_ZONE_NAMES.has(option.value) &&
      text === option.value.replaceAll("_", " ").replaceAll("/", " / ")
    )
      continue;
    // A long title cut short to fit a chart ("Program design, delivery and eval…").
    if (text.endsWith("…") && data.some((value) => value.length >= text.length && value.startsWith(text.slice(0, -1))))
      continue;
    let rest = ` ${text} `;
    for (const pattern of intl) rest = rest.replace(pattern, " ");
    for (const value of data) if (rest.includes(value)) rest = rest.split(value).join(" ");
    if (/\p{L}{2,}/u.test(rest)) left.push(text);
  }
  return [...new Set(left)];
}

/** A page to check: its address, or that with the status it answers and something to do on it first. */
type Check = string | { path: string; status?: number; then?: (page: Page) => Promise<void> };

async function checkPages(page: Page, checks: Check[]) {
  const baseURL = test.info().project.use.baseURL!;
  await page.context().addCookies([{ name: "lang", value: PSEUDO, url: baseURL }]);
  const intl = intlPatterns();
  const problems: string[] = [];
  for (const check of checks) {
    const { path, status = 200, then } = typeof check === "string" ? { path: check } : check;
    const response = await gotoHydrated(page, path);
    expect(response?.status(), path).toBe(status);
    await expect(page.locator("html"), path).toHaveAttribute("lang", PSEUDO);
    await then?.(page);
    // The page's data as it is now: other tests add consultants and engagements as this one runs.
    const data = dataValues();
    for (const text of untranslated(await wordsOutsideCatalogs(page), data, intl)) problems.push(`${path}: ${text}`);
  }
  expect(problems, "words on the page that did not come from a catalog").toEqual([]);
}

/** Sends the page's form empty and waits for the refusals next to its fields. */
async function sendEmpty(page: Page) {
  // The form with fields to fill (not the language switch's buttons), as pressing Enter in it would
  // send it: the form's own checks run, then the server's.
  await page
    .locator("main form[method=post]:has(input:not([type=hidden]))")
    .first()
    .evaluate((form: HTMLFormElement) => form.requestSubmit());
  await expect(page.locator("main [aria-invalid=true]").first()).toBeVisible({ timeout: 30_000 });
}

/** A time limit that grows with the pages a test opens: a busy machine takes seconds for each. */
function allowFor(pages: number) {
  test.setTimeout(60_000 + pages * 10_000);
}

const STAFF_ORG =
  "(SELECT m.organization_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'staff@demo.test')";
const ANA = "(SELECT c.id FROM consultants c JOIN users u ON u.id = c.user_id WHERE u.email = 'ana@demo.test')";

test("the check finds words that came from no catalog, and only those", async ({ page }) => {
  await page.setContent(`<main>
    <p>⟦Read ⟧<a href="#">⟦the terms⟧</a>⟦.⟧</p>
    <p>⟦This item is “⟦Received⟧”, so you cannot change it.⟧</p>
    <p>Dec 7, 2026, 9:15 AM EST</p><p>⟦Due ⟧Mar 3, 2026</p><p>1.5 hours</p><p>March 3, 2026</p>
    <svg><text>Program design, delivery and eval…</text></svg>
    <span translate="no">session.login</span>
    <p>Left in English</p>
    <p>⟦Due ⟧Mar 3 ago</p>
    <p>Dec 7, 2026, 9:15 AM Pacific Standard Time</p>
    <p>⟦Open ⟧<a href="#">the terms</a></p>
    <p>Program design, delivery and more…</p>
    <button aria-label="Close">⟦x⟧</button>
  </main>`);
  const found = await wordsOutsideCatalogs(page);
  expect(untranslated(found, ["Program design, delivery and evaluation"], intlPatterns())).toEqual([
    "Left in English",
    "Mar 3 ago",
    "Dec 7, 2026, 9:15 AM Pacific Standard Time",
    "the terms",
    "Program design, delivery and more…",
    "Close",
  ]);
});

test.describe("every word on a page comes from a catalog", () => {
  test("staff: consultants, engagements and pay", async ({ page }) => {
    const consultant = idOf(`SELECT ${ANA} AS id`);
    const engagement = idOf(
      `SELECT e.id FROM engagements e WHERE e.consultant_id = ${ANA} AND EXISTS (SELECT 1 FROM time_entries t WHERE t.engagement_id = e.id) LIMIT 1`,
    );
    const completed = idOf(
      `SELECT id FROM engagements WHERE consultant_id = ${ANA} AND status = 'completed' ORDER BY end_date LIMIT 1`,
    );
    // Lin has no portal account: her answer to the terms is recorded by staff.
    const onPaper = idOf(
      `SELECT e.id FROM engagements e JOIN consultants c ON c.id = e.consultant_id WHERE c.organization_id = ${STAFF_ORG} AND c.user_id IS NULL LIMIT 1`,
    );
    const payment = idOf(
      `SELECT p.id FROM payments p JOIN engagements e ON e.id = p.engagement_id WHERE e.consultant_id = ${ANA} LIMIT 1`,
    );
    const pages: Check[] = [
      "/dashboard",
      "/consultants",
      "/consultants/new",
      { path: "/consultants/new", then: sendEmpty },
      `/consultants/${consultant}`,
      `/consultants/${consultant}/edit`,
      `/consultants/${consultant}/consent`,
      "/engagements",
      "/engagements/new",
      { path: "/engagements/new", then: sendEmpty },
      `/engagements/${engagement}`,
      `/engagements/${engagement}/edit`,
      `/engagements/${engagement}/time`,
      `/engagements/${onPaper}/agreement`,
      "/payments",
      `/payments/${payment}`,
      `/payments/new?engagement=${completed}`,
      "/payments/tax-year",
    ];
    allowFor(pages.length);
    await loginAs(page, DEMO.staff);
    await checkPages(page, pages);
  });

  test("staff: consent, feedback, programs, assessments, reports and account", async ({ page }) => {
    const program = idOf(`SELECT id FROM programs WHERE organization_id = ${STAFF_ORG} LIMIT 1`);
    const input = idOf(`SELECT id FROM program_inputs WHERE organization_id = ${STAFF_ORG} LIMIT 1`);
    const use = idOf(`SELECT id FROM consent_uses WHERE organization_id = ${STAFF_ORG} LIMIT 1`);
    const assessment = idOf(
      `SELECT id FROM assessments WHERE organization_id = ${STAFF_ORG} ORDER BY status = 'completed' DESC LIMIT 1`,
    );
    const pages: Check[] = [
      "/consent",
      "/consent/uses",
      `/consent/uses/${use}`,
      "/feedback",
      "/feedback/new",
      { path: "/feedback/new", then: sendEmpty },
      "/programs",
      `/programs/${program}`,
      `/programs/${program}/input`,
      { path: `/programs/${program}/input`, then: sendEmpty },
      `/program-inputs/${input}`,
      "/assessments",
      `/assessments/${assessment}`,
      `/assessments/${assessment}/results`,
      `/assessments/${assessment}/actions`,
      "/partners",
      "/reports/engagement",
      // The period filter's refusals, next to its fields.
      "/reports/engagement?from=2026-02-30&to=2025-01-01&program=not-a-program",
      "/dashboard?from=not-a-day&program=not-a-program",
      "/account/sessions",
      "/account/two-step",
      "/account/language",
    ];
    allowFor(pages.length);
    await loginAs(page, DEMO.staff);
    await checkPages(page, pages);
  });

  test("staff: a consultant, an engagement and a payment in each state", async ({ page }) => {
    const consultants = idsOf(
      `SELECT MIN(id) AS id FROM consultants WHERE organization_id = ${STAFF_ORG} GROUP BY status, user_id IS NULL`,
    );
    const engagements = idsOf(
      `SELECT MIN(e.id) AS id FROM engagements e WHERE e.organization_id = ${STAFF_ORG} GROUP BY e.status`,
    );
    const payments = idsOf(`SELECT MIN(id) AS id FROM payments WHERE organization_id = ${STAFF_ORG} GROUP BY status`);
    // Completed work with no payment recorded yet: the form suggests the fee.
    const unpaid = idsOf(
      `SELECT e.id FROM engagements e WHERE e.organization_id = ${STAFF_ORG} AND e.status = 'completed' AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.engagement_id = e.id) LIMIT 1`,
    );
    const pages: Check[] = [
      ...consultants.map((id) => `/consultants/${id}`),
      ...engagements.map((id) => `/engagements/${id}`),
      ...engagements.map((id) => `/engagements/${id}/agreement`),
      ...payments.map((id) => `/payments/${id}`),
      ...unpaid.map((id) => `/payments/new?engagement=${id}`),
    ];
    allowFor(pages.length);
    await loginAs(page, DEMO.staff);
    await checkPages(page, pages);
  });

  test("admin: settings and administration", async ({ page }) => {
    const pages: Check[] = [
      "/settings/organization",
      "/settings/pay",
      "/settings/consent",
      "/settings/checklist",
      "/settings/activities",
      "/settings/security",
      "/settings/check-ins",
      "/admin/users",
      "/admin/audit",
      "/admin/erasure-requests",
      `/consultants/${idOf(`SELECT ${ANA} AS id`)}/erase`,
    ];
    allowFor(pages.length);
    await loginAs(page, DEMO.admin);
    await checkPages(page, pages);
  });

  test("the portal", async ({ page }) => {
    const finished = idOf(`SELECT id FROM engagements WHERE consultant_id = ${ANA} AND status = 'completed' LIMIT 1`);
    const decisions = idsOf(
      `SELECT MIN(id) AS id FROM consent_events WHERE consultant_id = ${ANA} GROUP BY kind, method`,
    );
    const work = idsOf(`SELECT id FROM engagements WHERE consultant_id = ${ANA}`);
    const toDecline = idsOf(
      `SELECT p.id FROM payments p JOIN engagements e ON e.id = p.engagement_id WHERE e.consultant_id = ${ANA} AND p.status IN ('pending', 'approved') LIMIT 1`,
    );
    const pages: Check[] = [
      "/portal",
      "/portal/work",
      ...work.map((id) => `/portal/work/${id}`),
      "/portal/pay",
      ...toDecline.map((id) => `/portal/pay/${id}/decline`),
      "/portal/consent",
      ...decisions.map((id) => `/portal/consent/${id}`),
      "/portal/feedback",
      `/portal/feedback/${finished}`,
      "/portal/profile",
      {
        path: "/portal/profile",
        then: async (page) => {
          await page.locator("main input[name=preferredName]").fill("");
          await sendEmpty(page);
        },
      },
      "/portal/sessions",
      "/portal/two-step",
      "/portal/my-data",
      "/portal/my-data/delete",
      "/portal/availability",
      "/portal/check-in",
    ];
    allowFor(pages.length);
    await loginAs(page, DEMO.ana);
    await checkPages(page, pages);
  });

  test("the pages before sign-in and the error page", async ({ page }) => {
    const pages: Check[] = [
      "/login",
      "/forgot-password",
      { path: "/forgot-password", then: sendEmpty },
      "/reset-password?token=not-a-real-token",
      "/invite/not-a-real-token",
      { path: "/no-such-page", status: 404 },
    ];
    allowFor(pages.length);
    await checkPages(page, pages);
  });
});
