// Quick exit on the consultant portal and on every page a survivor may see before signing in.
// Accounts: ana@demo.test, one session per test; ben@demo.test only for a half-done sign-in that
// is written straight into the database (nobody signs in as Ben).
import { createHash, randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import {
  DEMO,
  E2E_DATABASE,
  expect,
  expectNoSeriousA11yViolations,
  gotoHydrated,
  inLanguage,
  loginAs,
  test,
  waitForHydration,
} from "./fixtures";

const NEUTRAL_SITE = "https://www.bbc.com/**";

test.beforeEach(async ({ page }) => {
  // No internet here: the neutral site is a stand-in page.
  await page.route(NEUTRAL_SITE, (route) =>
    route.fulfill({
      status: 200,
      contentType: "text/html",
      body: "<!doctype html><html lang=en><title>Weather</title><h1>Weather forecast</h1></html>",
    }),
  );
});

async function expectPortalLeftBehind(page: Page) {
  await expect(page).toHaveURL(/^https:\/\/www\.bbc\.com\//);
  await expect(page.getByRole("heading", { name: "Weather forecast" })).toBeVisible();

  // Back must not bring the portal back: it shows sign-in (session ended) or stays on the neutral site.
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: /^(Sign in|Weather forecast)$/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your portal" })).toHaveCount(0);
  expect(new URL(page.url()).pathname).not.toMatch(/^\/portal/);

  // The session itself is over: the sign-out request is sent as the page is left.
  await expect(async () => {
    await page.goto("/portal");
    await expect(page).toHaveURL(/\/login(\?|$)/, { timeout: 500 });
  }).toPass({ timeout: 5_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
}

test("the Quick exit button leaves for a neutral site and ends the session", async ({ page }) => {
  await loginAs(page, DEMO.ana);
  await expect(page.getByRole("heading", { level: 1, name: "Your portal" })).toBeVisible();
  await page.getByRole("link", { name: "Quick exit" }).click();
  await expectPortalLeftBehind(page);
});

test("pressing Escape twice quickly leaves the same way", async ({ page }) => {
  await loginAs(page, DEMO.ana);
  await expect(page.getByRole("heading", { level: 1, name: "Your portal" })).toBeVisible();
  // The key handler exists once the page's scripts run.
  await waitForHydration(page);
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await expectPortalLeftBehind(page);
});

test("quick exit also forgets the language chosen on this browser", async ({ page, baseURL }) => {
  await loginAs(page, DEMO.ana);
  // Ana has no saved language, so her portal follows the language chosen on this browser.
  await inLanguage(page, "es");
  await gotoHydrated(page, "/portal");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await page.getByRole("link", { name: "Salida rápida" }).click();
  await expect(page).toHaveURL(/^https:\/\/www\.bbc\.com\//);
  // The sign-out request is sent as the page is left; once it is answered the cookie is gone.
  await expect(async () => {
    const cookies = await page.context().cookies(baseURL!);
    expect(cookies.map((c) => c.name)).not.toContain("lang");
  }).toPass({ timeout: 10_000 });
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test.describe("on a 360 px wide phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("the Quick exit button is visible and the portal does not scroll sideways", async ({ page }) => {
    await loginAs(page, DEMO.ana);
    await expect(page.getByRole("heading", { level: 1, name: "Your portal" })).toBeVisible();
    const quickExit = page.getByRole("link", { name: "Quick exit" });
    await expect(quickExit).toBeVisible();
    await expect(quickExit).toBeInViewport({ ratio: 1 });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(360);
  });
});

/**
 * A sign-in that passed the password and waits for the code, as the sign-in page leaves it: a row
 * for Ben and the cookie that names it. Returns a check of whether the row is still there.
 */
async function halfDoneSignIn(page: Page) {
  const token = `e2e-${randomUUID()}`;
  const tokenHash = createHash("sha256").update(token).digest("hex");
  const sqlite = new Database(E2E_DATABASE, { fileMustExist: true });
  try {
    const ben = sqlite.prepare("SELECT id FROM users WHERE email = ?").get(DEMO.ben) as { id: string };
    sqlite
      .prepare("INSERT INTO pending_sign_ins (id, token_hash, user_id, expires_at, created_at) VALUES (?, ?, ?, ?, ?)")
      .run(randomUUID(), tokenHash, ben.id, Date.now() + 5 * 60_000, Date.now());
  } finally {
    sqlite.close();
  }
  await page
    .context()
    .addCookies([
      { name: "seh_pending_sign_in", value: token, domain: "localhost", path: "/", httpOnly: true, sameSite: "Lax" },
    ]);
  return () => {
    const db = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
    try {
      return Boolean(db.prepare("SELECT 1 FROM pending_sign_ins WHERE token_hash = ?").get(tokenHash));
    } finally {
      db.close();
    }
  };
}

const PUBLIC_PAGES = [
  { name: "sign in", path: "/login", heading: "Sign in" },
  { name: "forgot password", path: "/forgot-password", heading: "Reset your password" },
  { name: "reset password", path: "/reset-password?token=not-a-real-token", heading: "This link no longer works" },
  { name: "invitation", path: "/invite/not-a-real-invitation-token", heading: "This invitation link no longer works" },
  { name: "two-step code", path: "/login/verify", heading: "Enter your code" },
] as const;

test("every page before signing in has Quick exit, and says what it does and cannot do", async ({ page }) => {
  for (const publicPage of PUBLIC_PAGES) {
    await test.step(publicPage.name, async () => {
      const pendingSignInLeft = publicPage.path === "/login/verify" ? await halfDoneSignIn(page) : null;
      await gotoHydrated(page, publicPage.path);
      await expect(page.getByRole("heading", { level: 1, name: publicPage.heading })).toBeVisible();

      await page.getByText("What Quick exit does").click();
      await expect(page.getByText("On a computer, you can also press the Esc key two times.")).toBeVisible();
      await expect(page.getByText("It cannot clear your browser history.", { exact: false })).toBeVisible();
      await expect(page.getByText("To leave no history, use a private window.", { exact: false })).toBeVisible();
      await expectNoSeriousA11yViolations(page);

      await page.getByRole("link", { name: "Quick exit" }).click();
      await expect(page).toHaveURL(/^https:\/\/www\.bbc\.com\//);
      await expect(page.getByRole("heading", { name: "Weather forecast" })).toBeVisible();
      // A sign-in waiting for its code ends too: whoever picks the phone up next cannot finish it.
      if (pendingSignInLeft) await expect.poll(pendingSignInLeft).toBe(false);
    });
  }
});

test("on the sign-in page, Escape pressed twice leaves too", async ({ page }) => {
  await gotoHydrated(page, "/login");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/^https:\/\/www\.bbc\.com\//);
  // Replaced, not added: Back does not return to the sign-in page.
  await page.goBack();
  expect(page.url()).not.toMatch(/\/login/);
});

test.describe("on a 360 px wide phone, before signing in", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("the Quick exit button is visible and covers nothing of the page", async ({ page }) => {
    await page.goto("/login");
    const quickExit = page.getByRole("link", { name: "Quick exit" });
    await expect(quickExit).toBeInViewport({ ratio: 1 });
    const exitBox = (await quickExit.boundingBox())!;
    const headingBox = (await page.getByRole("heading", { level: 1, name: "Sign in" }).boundingBox())!;
    const cardBox = (await page.locator("main .card").boundingBox())!;
    expect(exitBox.y + exitBox.height).toBeLessThanOrEqual(cardBox.y);
    expect(exitBox.y + exitBox.height).toBeLessThan(headingBox.y);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(360);
  });
});
