// Quick exit on the consultant portal. Accounts: ana@demo.test, one session per test.
import type { Page } from "@playwright/test";
import { DEMO, expect, loginAs, test, waitForHydration } from "./fixtures";

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
