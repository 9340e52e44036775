// Times are shown in the organization's time zone, with its short name: the demo's Harbor Light
// Collective is in New York, Northwind Alliance in Chicago. Accounts: ana@demo.test (reads her
// receipts), staff@demo.test and staff@northwind.test (their sign-in list), admin@demo.test (opens
// the organization settings and saves them unchanged, so other tests keep New York's day).
import type { Page } from "@playwright/test";
import { DEMO, expect, expectNoSeriousA11yViolations, gotoHydrated, loginAs, test } from "./fixtures";

/** "Dec 7, 2026, 9:15 AM EST": a moment, with the zone's short name (standard or daylight time). */
const at = (zone: "E" | "C") => new RegExp(`[A-Z][a-z]{2} \\d{1,2}, \\d{4}, \\d{1,2}:\\d{2}\\s[AP]M ${zone}[SD]T`);

/** The value next to a term in a description list. */
const detail = (page: Page, term: string) =>
  page.locator(`xpath=//dt[normalize-space()="${term}"]/following-sibling::dd[1]`);

test("a consultant's receipt says when, in her organization's time zone", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await loginAs(page, DEMO.ana);
  await gotoHydrated(page, "/portal/consent");
  const receipts = page.getByRole("region", { name: "My receipts" });
  const newest = receipts.getByRole("link").first();
  await expect(newest).toContainText(at("E"));
  await newest.click();
  await expect(page.getByRole("heading", { level: 1, name: "Receipt" })).toBeVisible();
  await expect(detail(page, "When")).toHaveText(at("E"));
  await expect(page.getByRole("main")).not.toContainText("UTC");
});

test("staff see times in their own organization's zone", async ({ browser }) => {
  for (const [email, zone] of [
    [DEMO.staff, "E"],
    [DEMO.northwindStaff, "C"],
  ] as const) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await loginAs(page, email);
      await gotoHydrated(page, "/account/sessions");
      const thisDevice = page.getByRole("listitem").filter({ hasText: "This device" });
      await expect(thisDevice).toContainText(new RegExp(`Signed in ${at(zone).source}`));
      await expect(thisDevice).not.toContainText("UTC");
    } finally {
      await context.close();
    }
  }
});

test("an admin sees and keeps the organization's time zone", async ({ page }) => {
  await loginAs(page, DEMO.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Organization settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Organization settings" })).toBeVisible();
  const zone = page.getByLabel("Time zone");
  await expect(zone).toHaveValue("America/New_York");
  await expect(page.getByText(new RegExp(`Now there: ${at("E").source}`))).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL("/settings/organization?done=1");
  await expect(page.getByRole("status").filter({ hasText: "Setting saved." })).toBeVisible();
  await expect(zone).toHaveValue("America/New_York");
});
