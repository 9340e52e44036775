// Nothing English left behind: the main pages in a made-up language where every catalog string is
// wrapped in ⟦ ⟧ (offered only by the test server, PSEUDO_LANGUAGE=1). Any visible word outside the
// brackets either is the organization's own data (names, titles, wording it wrote) or was never moved
// into a catalog; the second fails this test, naming the page and the text.
//
// Accounts: staff@demo.test (Sam), admin@demo.test (Dana), ana@demo.test (consultant).
import type { Page } from "@playwright/test";
import Database from "better-sqlite3";
import { DEMO, E2E_DATABASE, expect, loginAs, test } from "./fixtures";

const PSEUDO = "en-XA";

/** Every short text the database holds: the organization's own words and people's names are data. */
function dataValues(): string[] {
  const sqlite = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
  try {
    const values = new Set<string>();
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    for (const { name } of tables) {
      const columns = sqlite.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string }[];
      for (const column of columns.filter((c) => c.type.toUpperCase() === "TEXT")) {
        const rows = sqlite.prepare(`SELECT DISTINCT "${column.name}" AS v FROM "${name}"`).all() as { v: unknown }[];
        for (const { v } of rows) {
          if (typeof v !== "string" || v.length > 2000) continue;
          for (const piece of [v, ...v.split(/\n+/)]) if (piece.trim().length > 1) values.add(piece.trim());
        }
      }
    }
    // Longest first, so a title is removed before a word inside it.
    return [...values].sort((a, b) => b.length - a.length);
  } finally {
    sqlite.close();
  }
}

/** Visible text and the attributes that reach a person, without what came from a catalog. */
async function wordsOutsideCatalogs(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const strip = (text: string) => text.replace(/⟦[^⟧]*⟧/g, " ").trim();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest("script, style, noscript, template")) continue;
      const visible = parent.closest("option") !== null || parent.checkVisibility({ visibilityProperty: true });
      const sr = parent.closest(".sr-only") !== null;
      if (!visible && !sr) continue;
      const rest = strip(node.textContent ?? "");
      if (rest) found.push(rest);
    }
    for (const element of document.querySelectorAll(
      "[aria-label], [placeholder], [title], [alt], input[type=submit]",
    )) {
      for (const name of ["aria-label", "placeholder", "title", "alt", "value"]) {
        if (name === "value" && element.getAttribute("type") !== "submit") continue;
        const rest = strip(element.getAttribute(name) ?? "");
        if (rest) found.push(rest);
      }
    }
    const title = strip(document.title);
    if (title) found.push(title);
    return found;
  });
}

const MONTHS =
  "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December";
// What Intl and people's data look like once the organization's words are taken out.
const NOT_WORDS = [
  /[\w.+-]+@[\w-]+(\.[\w-]+)+/g, // an email address
  new RegExp(`\\b(${MONTHS})\\b`, "g"),
  /\b(AM|PM|[A-Z]{2,4}T|UTC|GMT)\b/g, // "9:15 AM EST"
  /\bQ[1-4]\b/g,
  /\b(English|Español)\b/g, // each language by its own name
];

function untranslated(found: string[], data: string[]): string[] {
  const left: string[] = [];
  for (const text of found) {
    let rest = ` ${text} `;
    for (const value of data) if (rest.includes(value)) rest = rest.split(value).join(" ");
    for (const pattern of NOT_WORDS) rest = rest.replace(pattern, " ");
    if (/\p{L}{2,}/u.test(rest)) left.push(text);
  }
  return [...new Set(left)];
}

function idOf(sql: string): string {
  const sqlite = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
  try {
    return (sqlite.prepare(sql).get() as { id: string }).id;
  } finally {
    sqlite.close();
  }
}

async function checkPages(page: Page, paths: string[]) {
  await page.context().addCookies([{ name: "lang", value: PSEUDO, url: page.url() }]);
  const data = dataValues();
  const problems: string[] = [];
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(400);
    await expect(page.locator("html")).toHaveAttribute("lang", PSEUDO);
    for (const text of untranslated(await wordsOutsideCatalogs(page), data)) problems.push(`${path}: ${text}`);
  }
  expect(problems, "words on the page that did not come from a catalog").toEqual([]);
}

test("staff pages: every word comes from a catalog", async ({ page }) => {
  test.setTimeout(120_000);
  await loginAs(page, DEMO.staff);
  const org =
    "(SELECT organization_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'staff@demo.test')";
  const consultant = idOf(`SELECT id FROM consultants WHERE organization_id = ${org} AND user_id IS NOT NULL LIMIT 1`);
  const engagement = idOf(
    `SELECT e.id FROM engagements e JOIN programs p ON p.id = e.program_id WHERE p.organization_id = ${org} LIMIT 1`,
  );
  const program = idOf(`SELECT id FROM programs WHERE organization_id = ${org} LIMIT 1`);
  await checkPages(page, [
    "/dashboard",
    "/consultants",
    `/consultants/${consultant}`,
    `/consultants/${consultant}/consent`,
    "/consultants/new",
    "/engagements",
    `/engagements/${engagement}`,
    `/engagements/${engagement}/time`,
    "/engagements/new",
    "/programs",
    `/programs/${program}`,
    "/payments",
    "/payments/new",
    "/payments/tax-year",
    "/consent",
    "/consent/uses",
    "/feedback",
    "/feedback/new",
    "/reports/engagement",
    "/assessments",
    "/partners",
    "/account/sessions",
    "/account/two-step",
  ]);
});

test("admin pages: every word comes from a catalog", async ({ page }) => {
  test.setTimeout(120_000);
  await loginAs(page, DEMO.admin);
  await checkPages(page, [
    "/settings/organization",
    "/settings/pay",
    "/settings/consent",
    "/settings/checklist",
    "/settings/activities",
    "/settings/security",
    "/admin/users",
    "/admin/audit",
    "/admin/erasure-requests",
  ]);
});

test("the portal: every word comes from a catalog", async ({ page }) => {
  test.setTimeout(120_000);
  await loginAs(page, DEMO.ana);
  const engagement = idOf(
    "SELECT e.id FROM engagements e JOIN consultants c ON c.id = e.consultant_id JOIN users u ON u.id = c.user_id WHERE u.email = 'ana@demo.test' LIMIT 1",
  );
  await checkPages(page, [
    "/portal",
    "/portal/work",
    `/portal/work/${engagement}`,
    "/portal/pay",
    "/portal/consent",
    "/portal/feedback",
    "/portal/profile",
    "/portal/my-data",
    "/portal/sessions",
    "/portal/two-step",
  ]);
});

test("the pages before sign-in: every word comes from a catalog", async ({ page }) => {
  await page.goto("/login");
  await checkPages(page, ["/login", "/forgot-password", "/reset-password"]);
});
