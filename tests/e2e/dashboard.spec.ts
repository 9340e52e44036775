// The staff dashboard as Dana (admin) and Sam (staff) see it: every panel on a desktop
// and a 360 px phone, the charts drawn without JavaScript, the period filter with and without
// scripts, and axe. Accounts: admin@demo.test, staff@demo.test, read only but for one test, which
// records the payment for Lin's completed work that has none (nothing else relies on it), and Ben's
// support request still waiting (read only). Other
// specs add records, so the checks here follow the page's structure and words;
// tests/integration/dashboard.test.ts checks the numbers.
import type { Page } from "@playwright/test";
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

const QUESTIONS = [
  "Are survivors shaping design and evaluation, or only delivery?",
  "Are we paying fairly and on time?",
  "Is consent current?",
  "Are we closing the loop?",
  "How ready are we?",
  "Who is onboarding?",
  "Needs you",
];

const panel = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

async function expectPanels(page: Page) {
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  for (const question of QUESTIONS) await expect(panel(page, question)).toBeVisible();
  // Each chart is an image with a title, a text summary and a table behind "Show as a table".
  const shaping = panel(page, "Are survivors shaping design and evaluation, or only delivery?");
  const chart = shaping.getByRole("img", { name: "Engagements by stage" });
  await expect(chart).toBeVisible();
  const box = await chart.boundingBox();
  expect(box!.height).toBeGreaterThan(40);
  await expect(chart.locator("rect").first()).toBeVisible();
  await expect(page.getByRole("img", { name: "Readiness by domain, with the previous assessment" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Average experience score by quarter (1 to 5)" })).toBeVisible();
  // Each panel links to its detail.
  await expect(
    panel(page, "Are we paying fairly and on time?").getByRole("link", { name: "Review payments" }),
  ).toBeVisible();
  await expect(panel(page, "Is consent current?").getByRole("link", { name: "Review consent" })).toBeVisible();
}

test.describe("Dana's dashboard", () => {
  test("shows every panel with charts, tables and links, and passes axe", async ({ page }) => {
    await loginAs(page, DEMO.admin);
    await gotoHydrated(page, "/dashboard");
    await expectPanels(page);
    // Admins see the approvals question; the table opens with the keyboard.
    await expect(page.getByText("Payments waiting for approval")).toBeVisible();
    const shaping = panel(page, "Are survivors shaping design and evaluation, or only delivery?");
    const summary = shaping.getByText("Show as a table").first();
    await summary.focus();
    await page.keyboard.press("Enter");
    const table = shaping.getByRole("table", { name: "Engagements by stage" });
    await expect(table).toBeVisible();
    await expect(table.getByRole("columnheader", { name: "This period" })).toBeVisible();
    await expect(table.getByRole("rowheader", { name: "Design" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    // "Needs you" leads to the work.
    await panel(page, "Needs you")
      .getByRole("link", { name: /approved payments? to pay/ })
      .click();
    await expect(page).toHaveURL("/payments?status=approved");
  });

  test("narrows to a program and a period, and explains a bad date next to its field", async ({ page }) => {
    await loginAs(page, DEMO.admin);
    await gotoHydrated(page, "/dashboard");
    const filter = page.getByRole("form", { name: "Choose the period and program" });
    await filter.getByLabel("Program").selectOption({ label: "Community Training Series" });
    await filter.getByLabel("From", { exact: true }).fill("2026-10-01");
    await filter.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/from=2026-10-01/);
    await expect(page.getByText(/Showing Oct 1, 2026 to .*, Community Training Series\./)).toBeVisible();
    await expect(page.getByLabel("From", { exact: true })).toHaveValue("2026-10-01");
    await expect(page.getByLabel("Program", { exact: true })).toHaveValue(/[0-9a-f-]{36}/);

    await page.goto("/dashboard?from=2026-05-01&to=2026-04-01");
    await expect(page.getByText("The end date must be on or after the start date.")).toBeVisible();
    await expect(page.getByLabel("To", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("To", { exact: true })).toHaveValue("2026-04-01");
    // The page still answers, for this year so far.
    await expect(panel(page, "Are we paying fairly and on time?")).toBeVisible();
  });

  test("has a funder report link for the same period", async ({ page }) => {
    await loginAs(page, DEMO.admin);
    await gotoHydrated(page, "/dashboard?from=2026-02-01&to=2026-11-30");
    await expect(page.getByRole("link", { name: "Funder and board report for this period" })).toHaveAttribute(
      "href",
      "/reports/engagement?from=2026-02-01&to=2026-11-30",
    );
  });
});

test.describe("completed work with no payment recorded", () => {
  // Lin's review of the safety policy (db/seed/feedback.ts): completed 60 days before the demo was
  // seeded, 30 days to pay, a $250 flat fee and no payment recorded.
  const title = "Review the curriculum's safety policy";

  test("Sam sees it in Needs you and in the overdue list, and records its payment from there", async ({ page }) => {
    await loginAs(page, DEMO.staff);
    await gotoHydrated(page, "/dashboard");
    const needsYou = panel(page, "Needs you");
    await expect(needsYou.getByRole("listitem").filter({ hasText: title })).toContainText(
      /No payment recorded yet for .* \(overdue, was due .*\)/,
    );
    await expect(panel(page, "Are we paying fairly and on time?")).toContainText(
      "completed work with no payment recorded yet",
    );
    await needsYou.getByRole("link", { name: title }).click();
    await expect(page).toHaveURL(/\/payments\/new\?engagement=[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Record a payment to Lin");

    // The payments page lists it with the overdue payments, with a link to record it.
    await gotoHydrated(page, "/payments");
    const overdue = page.getByRole("region", { name: "Overdue" });
    const row = overdue.getByRole("listitem").filter({ hasText: title });
    await expect(row).toContainText("No payment recorded yet to Lin, $250.00 owed");
    await expect(row).toContainText("Overdue");
    await expectNoSeriousA11yViolations(page);
    await row.getByRole("link", { name: `Record the payment for ${title}` }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Record a payment to Lin");
    // The due date is not asked: it follows from the completion date and the terms.
    await expect(page.getByLabel("Due date")).toHaveCount(0);
    await expect(page.getByText(/30 days after the work was completed, as the terms say\./)).toBeVisible();
    await expect(page.getByLabel("Fee in US dollars")).toHaveValue("250.00");
    await page.getByRole("button", { name: "Save payment" }).click();
    await page.waitForURL(/\/payments\/[0-9a-f-]{36}\?done=created$/);

    // Recorded late, it is due when the work's pay was due: an overdue payment now, not work without one.
    await gotoHydrated(page, "/payments");
    const recorded = overdue.getByRole("listitem").filter({ hasText: title });
    await expect(recorded).toContainText("$250.00 to Lin");
    await expect(recorded).toContainText("Overdue");
    await expect(recorded).not.toContainText("No payment recorded yet");
    await gotoHydrated(page, "/dashboard");
    await expect(panel(page, "Needs you").getByRole("link", { name: title })).toHaveCount(0);
  });
});

test.describe("support a consultant asked for", () => {
  // Ben's talk (db/seed/index.ts): he asked for a support person and nobody has answered yet; the
  // debrief on the same plan is staff's own item, so it is not a request waiting for them.
  const title = "Speak at the volunteer orientation";

  test("Sam sees Ben's request waiting in Needs you and opens the plan to answer it", async ({ page }) => {
    await loginAs(page, DEMO.staff);
    await gotoHydrated(page, "/dashboard");
    const entry = panel(page, "Needs you").getByRole("listitem").filter({ hasText: "Support asked for" });
    await expect(entry).toHaveText(`Support asked for on ${title} (1 request)`);
    await entry.getByRole("link", { name: title }).click();
    await expect(page).toHaveURL(/\/engagements\/[0-9a-f-]{36}\/support$/);
    await expect(page.getByRole("listitem").filter({ hasText: "A support person with you" })).toContainText(
      "Asked for by the consultant",
    );
  });
});

test.describe("on a 360 px phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("Sam's dashboard fits the screen, without the admin's approvals", async ({ page }) => {
    await loginAs(page, DEMO.staff);
    await gotoHydrated(page, "/dashboard");
    await expectPanels(page);
    await expect(page.getByText("Payments waiting for approval")).toHaveCount(0);
    const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: "test-results/e2e/dashboard-360.png", fullPage: true });
  });
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("charts are drawn and the filter still works", async ({ page }) => {
    await page.goto("/login");
    await submitLogin(page, DEMO.staff, DEMO_PASSWORD);
    await page.waitForURL("/dashboard");
    await expectPanels(page);
    await page.getByLabel("From", { exact: true }).fill("2026-07-01");
    await page.getByLabel("To", { exact: true }).fill("2026-09-30");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page.getByText("Showing Jul 1, 2026 to Sep 30, 2026, every program.")).toBeVisible();
    await expect(page.getByRole("img", { name: "Engagements by stage" }).locator("rect").first()).toBeVisible();
  });
});
