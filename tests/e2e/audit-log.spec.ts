// The audit log for admins. Account: admin@demo.test (its own sign-in is the entry looked for).
import { DEMO, expect, loginAs, test } from "./fixtures";

test("an admin filters the audit log by sign-ins", async ({ page }) => {
  await loginAs(page, DEMO.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL("/admin/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();

  await page.getByLabel("Action").selectOption("session.login");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]action=session\.login/);
  await expect(page.getByLabel("Action")).toHaveValue("session.login");

  const rows = page.getByRole("table").getByRole("rowgroup").nth(1).getByRole("row");
  await expect(rows.first()).toBeVisible();
  // Every row shown is a sign-in, named in words with its code, and this admin's own sign-in is among them.
  for (const row of await rows.all()) await expect(row.getByRole("cell").nth(2)).toHaveText("Signed in session.login");
  await expect(rows.filter({ hasText: "Dana" }).first()).toBeVisible();
});

test("staff cannot open the audit log", async ({ page }) => {
  await loginAs(page, DEMO.staff);
  const response = await page.goto("/admin/audit");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "You do not have access to this page" })).toBeVisible();
});
