// The portal home as Ana sees it, on a desktop and on a 360 px phone, with and without
// JavaScript; and Cam's, who has no pay yet. Accounts: ana@demo.test and cam@northwind.test, read only. Other specs add work and pay for Ana, so the
// checks here follow what the page shows (each link leads to the page it names) rather than
// fixed amounts; tests/integration/portal-home.test.ts checks the numbers.
import type { Locator, Page } from "@playwright/test";
import {
  DEMO,
  DEMO_PASSWORD,
  expect,
  expectNoSeriousA11yViolations,
  gotoHydrated,
  loginAs,
  submitLogin,
  test,
} from "./fixtures";

const PHONE = { width: 360, height: 740 };

const region = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

/** Every section the home promises, in plain words. */
async function expectSections(page: Page) {
  await expect(page.getByRole("heading", { level: 1, name: "Your portal" })).toBeVisible();
  await expect(page.getByText("This is your space with Harbor Light Collective.")).toBeVisible();
  // Ana's seed: a yes that ends soon and finished work without feedback.
  const attention = region(page, "Needs your attention");
  await expect(attention).toBeVisible();
  await expect(attention.getByRole("link", { name: "Check my choices" })).toBeVisible();
  await expect(attention.getByRole("link", { name: "Give feedback" })).toBeVisible();

  const next = region(page, "Your next work");
  await expect(next.getByText(/^When: /)).toBeVisible();
  await expect(next.getByText(/^Where: /)).toBeVisible();
  await expect(next.getByRole("link", { name: "See this work" })).toBeVisible();

  const pay = region(page, "Your pay");
  await expect(pay.getByRole("heading", { name: "Latest payment" })).toBeVisible();
  await expect(pay.getByText(/^You (were|will be) paid \$[\d,]+\.\d\d /)).toBeVisible();
  const year = new Date().getUTCFullYear();
  await expect(pay.getByRole("heading", { name: `Paid to you in ${year}` })).toBeVisible();
  await expect(pay.getByText(/^\$[\d,]+\.\d\d$/)).toBeVisible();
  await expect(pay.getByRole("link", { name: "See all my pay" })).toBeVisible();

  // The quick exit and its explanation stay.
  await expect(page.getByRole("link", { name: "Quick exit" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Leaving fast" })).toBeVisible();
  // The key only where there is a keyboard, and plainly what Quick exit cannot hide.
  await expect(page.getByText("On a computer, you can also press the Esc key two times.")).toBeVisible();
  await expect(page.getByText("It cannot clear your browser history.", { exact: false })).toBeVisible();
  await expect(page.getByText("To leave no history, use a private window.", { exact: false })).toBeVisible();
}

/** Large enough to tap: every link in the page's main part is at least 44 px high. */
async function expectTapTargets(main: Locator) {
  const links = main.getByRole("link");
  const n = await links.count();
  expect(n).toBeGreaterThan(4);
  for (let i = 0; i < n; i++) {
    const box = await links.nth(i).boundingBox();
    expect(box?.height ?? 0, `height of link ${await links.nth(i).textContent()}`).toBeGreaterThanOrEqual(44);
  }
}

/** Each link of the home opens the page it names; the next work's page has the title shown. */
async function expectLinksLeadRightPlaces(page: Page, open: (page: Page, path: string) => Promise<unknown>) {
  const next = region(page, "Your next work");
  const title = (await next.getByRole("heading", { level: 3 }).textContent())!.trim();
  await next.getByRole("link", { name: "See this work" }).click();
  await expect(page).toHaveURL(/\/portal\/work\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);

  const targets = [
    ["Your pay", "See all my pay", "/portal/pay", "My pay"],
    ["Needs your attention", "Check my choices", "/portal/consent", "My choices"],
    ["Needs your attention", "Give feedback", "/portal/feedback", "Your feedback"],
  ] as const;
  for (const [section, link, path, heading] of targets) {
    await open(page, "/portal");
    await region(page, section).getByRole("link", { name: link }).click();
    await expect(page).toHaveURL(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  }
}

test("on a desktop: every section, axe clean, the links go where they say", async ({ page }) => {
  await loginAs(page, DEMO.ana);
  await expect(page).toHaveURL("/portal");
  await expectSections(page);
  await expectNoSeriousA11yViolations(page);
  await expectLinksLeadRightPlaces(page, gotoHydrated);
});

test.describe("on a 360 px wide phone", () => {
  test.use({ viewport: PHONE });

  test("every section fits without sideways scrolling, large tap targets, axe clean", async ({ page }, testInfo) => {
    await loginAs(page, DEMO.ana);
    await expect(page).toHaveURL("/portal");
    await expectSections(page);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectTapTargets(page.getByRole("main"));
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: testInfo.outputPath("portal-home-360.png"), fullPage: true });
    await expectLinksLeadRightPlaces(page, gotoHydrated);
  });

  test("with no pay yet, the pay section says so and still links to My pay", async ({ page }, testInfo) => {
    await loginAs(page, DEMO.cam);
    await expect(page).toHaveURL("/portal");
    const pay = region(page, "Your pay");
    await expect(pay.getByText("No payments yet.")).toBeVisible();
    await expect(pay.getByRole("heading", { name: "Latest payment" })).toHaveCount(0);
    await expect(pay.getByRole("link", { name: "See all my pay" })).toBeVisible();
    // His agreed advisory board work has started and is not done.
    await expect(
      region(page, "Your next work").getByRole("heading", { name: "Lead the advisory board" }),
    ).toBeVisible();
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: testInfo.outputPath("portal-home-360-no-pay.png"), fullPage: true });
  });
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false, viewport: PHONE });

  test("the home renders on the server and its links work", async ({ page }) => {
    await page.goto("/login");
    await submitLogin(page, DEMO.ana, DEMO_PASSWORD);
    await expect(page).toHaveURL("/portal");
    await expectSections(page);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectLinksLeadRightPlaces(page, (p, path) => p.goto(path));
  });
});
