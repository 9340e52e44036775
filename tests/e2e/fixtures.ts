// Shared helpers for the browser tests. The server they talk to is started by
// scripts/e2e-server.sh on a fresh copy of the demo data (see tests/playwright.config.ts).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import Database from "better-sqlite3";
import { expect, type Page } from "@playwright/test";

export { expect, test } from "@playwright/test";

export const DEMO_PASSWORD = "demo-password-1";

/** Demo accounts from db/seed/index.ts. Each test file notes which ones it signs in as. */
export const DEMO = {
  admin: "admin@demo.test", // Dana, admin, Harbor Light Collective
  staff: "staff@demo.test", // Sam, staff
  ana: "ana@demo.test", // consultant
  ben: "ben@demo.test", // consultant whose email is not safe: nobody signs in as Ben
  jo: "jo@demo.test", // consultant asked to answer the readiness check-in, answered with their name
  priya: "priya@demo.test", // consultant asked to answer it too, answered without her name
  northwindStaff: "staff@northwind.test", // Noor, staff, Northwind Alliance
  cam: "cam@northwind.test", // consultant, Northwind Alliance
} as const;

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
/** The database scripts/e2e-server.sh created (E2E_DATABASE is relative to the repository root). */
export const E2E_DATABASE = path.resolve(repoRoot, process.env.E2E_DATABASE ?? "tests/.tmp/e2e.db");

/**
 * An address nobody else uses, also across runs against a reused server (the database is only
 * recreated when the server starts).
 */
export function uniqueEmail(label: string) {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@e2e.test`;
}

/**
 * Opens a page and waits until its scripts have taken over (React has hydrated the document), so
 * that what the test does next goes through the same code a person using the page gets. The
 * forms without scripts have their own tests (auth.spec.ts, "with JavaScript turned off").
 */
export async function gotoHydrated(page: Page, path: string) {
  const response = await page.goto(path);
  await waitForHydration(page);
  return response;
}

/** Waits for React to hydrate the current document, then for its effects to run. */
export async function waitForHydration(page: Page) {
  // React marks every element it has hydrated with a "__reactFiber$…" property; the body is
  // marked once the whole page is, right before React commits it.
  await page.waitForFunction(() => Object.keys(document.body).some((key) => key.startsWith("__reactFiber$")));
  // Effects (such as the quick-exit key handler) run after the commit, before the next frames.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

/** Signs in through the real form and waits until the browser has left the sign-in page. */
export async function loginAs(page: Page, email: string, password = DEMO_PASSWORD) {
  await gotoHydrated(page, "/login");
  await submitLogin(page, email, password);
  await page.waitForURL((url) => url.pathname !== "/login");
}

/** Fills and submits the sign-in form without waiting for any particular outcome. */
export async function submitLogin(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The address the test server answers on (the same as the config's baseURL). */
export const BASE_URL = `http://localhost:${Number(process.env.E2E_PORT ?? 3100)}`;

/**
 * This browser chooses `language`, as the switch before sign-in does: pages before sign-in follow it,
 * and so does a signed-in person who has no saved language of their own.
 */
export async function inLanguage(page: Page, language: string) {
  await page.context().addCookies([{ name: "lang", value: language, url: BASE_URL }]);
}

/** Runs axe on the current page and fails on any serious or critical violation, listing them. */
export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, `Serious accessibility violations on ${page.url()}`).toEqual([]);
}

type SentEmail = { to: string; html: string; text: string; sentAt: number };

/** Where the e2e server's stand-in for the email provider writes what it is sent (scripts/e2e-server.sh). */
const EMAIL_FILE = `${E2E_DATABASE}.emails.jsonl`;

function newestEmail(address: string, since: number): SentEmail | undefined {
  if (!fs.existsSync(EMAIL_FILE)) return undefined;
  const sent = fs
    .readFileSync(EMAIL_FILE, "utf8")
    .split("\n")
    // The last line may still be being written: it is read on the next poll.
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as SentEmail];
      } catch {
        return [];
      }
    });
  return sent.filter((e) => e.to.toLowerCase() === address.toLowerCase() && e.sentAt >= since).at(-1);
}

/** How many emails the app has written to `address`. */
export function countEmailsTo(address: string): number {
  const sqlite = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
  try {
    const row = sqlite
      .prepare("SELECT count(*) AS n FROM email_outbox WHERE to_address = ?")
      .get(address.toLowerCase());
    return (row as { n: number }).n;
  } finally {
    sqlite.close();
  }
}

/**
 * The link in the newest email to `address` sent at or after `since` (epoch ms), as the email
 * provider's stand-in received it.
 */
export async function emailedLink(address: string, since: number, pathPrefix: "/invite/" | "/reset-password") {
  let email: SentEmail | undefined;
  await expect
    .poll(() => (email = newestEmail(address, since)), { message: `an email to ${address}`, timeout: 5_000 })
    .toBeTruthy();
  const links = [...email!.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
  const link = links.find((href) => new URL(href).pathname.startsWith(pathPrefix));
  expect(link, `a ${pathPrefix} link in the email to ${address}`).toBeTruthy();
  // The link names the server's own address; keep only the path so the test's baseURL is used.
  const url = new URL(link!);
  return `${url.pathname}${url.search}`;
}

/** Admin's "Users and roles" page: invites `email` as staff and returns the emailed link's path. */
export async function inviteStaffMember(adminPage: Page, email: string) {
  const since = Date.now() - 1_000;
  await gotoHydrated(adminPage, "/admin/users");
  const inviteForm = adminPage.getByRole("region", { name: "Invite a colleague" });
  await inviteForm.getByLabel("Email").fill(email);
  await inviteForm.getByLabel("Role").selectOption("staff");
  await inviteForm.getByRole("button", { name: "Send invitation" }).click();
  await expect(adminPage.getByRole("status")).toHaveText("Invitation sent.");
  return emailedLink(email, since, "/invite/");
}

/** Opens an invitation link and creates the account; the page ends on the new member's home. */
export async function acceptInvitation(page: Page, invitePath: string, name: string, password: string) {
  await gotoHydrated(page, invitePath);
  await expect(page.getByRole("heading", { level: 1, name: "Set up your account" })).toBeVisible();
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Choose a password").fill(password);
  await page.getByLabel("Password again").fill(password);
  await page.getByRole("button", { name: "Create my account" }).click();
  // The link itself never signs anyone in: next comes the sign-in page, the email filled in.
  await page.waitForURL((url) => url.pathname === "/login");
  await expect(page.getByText("Sign in to finish accepting your invitation.")).toBeVisible();
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
}
