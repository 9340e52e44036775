// The funder and board report in the browser: Sam (staff@demo.test) opens it from the menu, on a
// desk and on a phone, downloads a table, and prints it. Read-only: it changes no demo data.
import fs from "node:fs";
import path from "node:path";
import { hasHorizontalScroll } from "./consultant-helpers";
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

const SCREENSHOT = path.resolve(process.cwd(), "tests/.tmp/report-print.png");

test("Sam opens the report from the menu, checks it and downloads a table", async ({ page }) => {
  await loginAs(page, DEMO.staff);
  await gotoHydrated(page, "/dashboard");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Funder report" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Funder and board report" })).toBeVisible();
  await expect(page.getByText("Harbor Light Collective").last()).toBeVisible();
  for (const name of [
    "Consultants engaged",
    "Engagements, hours and pay by stage",
    "Engagements, hours and pay by engagement level",
    "Paying on time",
    "How consultants rated working with us",
    "You said, we did",
    "Readiness to work in a survivor-informed way",
  ]) {
    await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
  }
  await expect(page.getByRole("table", { name: /by program stage/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download this table as CSV \(Engagements, hours and pay by stage\)/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(
    /^engagement-report-stages-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const file = fs.readFileSync(await download.path(), "utf8");
  expect(file.split("\r\n")[0]).toBe(
    "Stage,Engagements,Engagements a year earlier,Approved hours,Approved hours a year earlier,Fees paid (USD),Fees paid a year earlier (USD),Expenses reimbursed (USD)",
  );
  expect(file).toContain("Total,");
});

test("a date that does not exist is shown next to its field, as typed", async ({ page }) => {
  await loginAs(page, DEMO.staff);
  await gotoHydrated(page, "/reports/engagement?from=2026-02-30&to=2026-06-30");
  const from = page.getByRole("textbox", { name: "From", exact: true });
  await expect(from).toHaveAttribute("aria-invalid", "true");
  await expect(from).toHaveValue("2026-02-30");
  await expect(page.getByText("Enter a start date like 2026-01-01.")).toBeVisible();
});

test.describe("on a 360 px wide phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("the page fits; wide tables scroll inside their own box", async ({ page }) => {
    await loginAs(page, DEMO.staff);
    await gotoHydrated(page, "/reports/engagement");
    await expect(page.getByRole("heading", { level: 1, name: "Funder and board report" })).toBeVisible();
    expect(await hasHorizontalScroll(page)).toBe(false);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: path.resolve(process.cwd(), "tests/.tmp/report-phone.png"), fullPage: true });
  });
});

test("printed, it keeps the figures and leaves off the menus, the form, the buttons and the links", async ({
  page,
}) => {
  await loginAs(page, DEMO.staff);
  await gotoHydrated(page, "/reports/engagement?names=1");
  await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeVisible();
  await page.emulateMedia({ media: "print" });

  await expect(page.getByRole("heading", { level: 1, name: "Funder and board report" })).toBeVisible();
  await expect(page.getByText("Generated on")).toBeVisible();
  // Located by markup, not by role: hidden elements drop out of the accessibility tree, and a
  // locator that finds nothing would pass "hidden" for the wrong reason.
  for (const hidden of [
    page.locator("header nav"),
    page.locator("form[method='get']"),
    page.locator("button", { hasText: "Print or save as PDF" }),
  ]) {
    await expect(hidden).toHaveCount(1);
    await expect(hidden).toBeHidden();
  }
  const csvLinks = page.locator("a[href^='/reports/engagement.csv']");
  expect(await csvLinks.count()).toBeGreaterThan(1);
  for (const link of await csvLinks.all()) await expect(link).toBeHidden();
  await expect(page.getByRole("table", { name: /by program stage/ })).toBeVisible();

  fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("the period form works and the page says how to print, with no button that cannot work", async ({ page }) => {
    await page.goto("/login");
    await submitLogin(page, DEMO.staff, DEMO_PASSWORD);
    await expect(page).toHaveURL("/dashboard");
    await page.goto("/reports/engagement");
    await expect(page.getByText("use your browser’s Print command")).toBeVisible();
    await expect(page.getByRole("button", { name: "Print or save as PDF" })).toHaveCount(0);
    await page.getByRole("textbox", { name: "From", exact: true }).fill("2025-01-01");
    await page.getByRole("textbox", { name: "To", exact: true }).fill("2025-12-31");
    await page.getByRole("button", { name: "Show report" }).click();
    await expect(page).toHaveURL(/from=2025-01-01&to=2025-12-31/);
    await expect(page.getByText("1 January 2025 to 31 December 2025")).toBeVisible();
  });
});
