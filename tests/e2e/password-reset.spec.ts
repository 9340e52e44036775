// Forgotten password, from the request to signing in with the new password.
// Accounts: a staff member the admin invites for this test (the journey changes its password),
// and ben@demo.test, whose email is marked not safe, only to ask for a link.
import {
  acceptInvitation,
  countEmailsTo,
  DEMO,
  emailedLink,
  expect,
  gotoHydrated,
  inviteStaffMember,
  loginAs,
  submitLogin,
  test,
  uniqueEmail,
} from "./fixtures";

const CONFIRMATION =
  "If that address has an account, we have sent it a link. The link works for 1 hour. Check your inbox and spam folder.";

test("a person resets a forgotten password with the emailed link", async ({ page, browser }) => {
  const email = uniqueEmail("forgetful");
  const admin = await browser.newPage();
  await loginAs(admin, DEMO.admin);
  await acceptInvitation(page, await inviteStaffMember(admin, email), "Robin", "first password 123");
  await expect(page).toHaveURL("/dashboard");
  await admin.close();
  await page.context().clearCookies();

  const newPassword = `robin's new password ${Date.now()}`;
  const since = Date.now() - 1_000;
  await gotoHydrated(page, "/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL("/forgot-password");
  await expect(page.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("status")).toHaveText(CONFIRMATION);

  const resetPath = await emailedLink(email, since, "/reset-password");
  await gotoHydrated(page, resetPath);
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await page.getByLabel(/^New password(?! again)/).fill(newPassword);
  await page.getByLabel("New password again").fill(newPassword);
  await page.getByRole("button", { name: "Save new password" }).click();

  await expect(page).toHaveURL("/login?done=reset");
  await expect(page.getByRole("status")).toHaveText("Your password has been changed. Sign in with your new password.");
  await submitLogin(page, email, newPassword);
  await expect(page).toHaveURL("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

  // The link works once only.
  await page.goto(resetPath);
  await expect(page.getByRole("heading", { level: 1, name: "This link no longer works" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save new password" })).toHaveCount(0);
});

test("an unknown address gets the same confirmation and no email", async ({ page }) => {
  const email = uniqueEmail("nobody");
  await gotoHydrated(page, "/forgot-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page).toHaveURL("/forgot-password?done=sent");
  await expect(page.getByRole("status")).toHaveText(CONFIRMATION);
  expect(countEmailsTo(email)).toBe(0);
});

test("a consultant whose email is not safe gets the same confirmation and no email", async ({ page }) => {
  const before = countEmailsTo(DEMO.ben);
  await gotoHydrated(page, "/forgot-password");
  await page.getByLabel("Email").fill(DEMO.ben);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("status")).toHaveText(CONFIRMATION);
  expect(countEmailsTo(DEMO.ben)).toBe(before);
});
