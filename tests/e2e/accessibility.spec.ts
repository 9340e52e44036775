// axe-core on every page there is so far: no serious or critical violations.
// Accounts: admin@, staff@, cam@northwind.test sign in; staff@northwind.test gets a reset link it never uses.
import {
  DEMO,
  emailedLink,
  expect,
  expectNoSeriousA11yViolations,
  gotoHydrated,
  inviteStaffMember,
  loginAs,
  submitLogin,
  test,
  uniqueEmail,
} from "./fixtures";

test.describe("pages seen before signing in", () => {
  test("sign in", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("sign in with an error shown", async ({ page }) => {
    await gotoHydrated(page, "/login");
    await submitLogin(page, uniqueEmail("a11y-wrong"), "not-the-password");
    await expect(page.getByRole("alert")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("forgot password, before and after sending", async ({ page }) => {
    await gotoHydrated(page, "/forgot-password");
    await expect(page.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel("Email").fill(uniqueEmail("a11y-forgot"));
    await page.getByRole("button", { name: "Send me a link" }).click();
    await expect(page.getByRole("status")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("checking a letter of experience", async ({ page }) => {
    await page.goto("/verify");
    await expect(page.getByRole("heading", { level: 1, name: "Check a letter of experience" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("reset link that no longer works", async ({ page }) => {
    await page.goto("/reset-password?token=bad");
    await expect(page.getByRole("heading", { level: 1, name: "This link no longer works" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("choosing a new password", async ({ page }) => {
    const since = Date.now() - 1_000;
    await gotoHydrated(page, "/forgot-password");
    await page.getByLabel("Email").fill(DEMO.northwindStaff);
    await page.getByRole("button", { name: "Send me a link" }).click();
    await expect(page.getByRole("status")).toBeVisible();
    await gotoHydrated(page, await emailedLink(DEMO.northwindStaff, since, "/reset-password"));
    await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    // With the errors shown, too (the passwords do not match).
    await page.getByLabel(/^New password(?! again)/).fill("a long enough password");
    await page.getByLabel("New password again").fill("a different password");
    await page.getByRole("button", { name: "Save new password" }).click();
    await expect(page.getByText("The two passwords are not the same.")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("invitation link that no longer works", async ({ page }) => {
    await page.goto("/invite/not-a-real-invitation-token-at-all");
    await expect(page.getByRole("heading", { level: 1, name: "This invitation link no longer works" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("setting up an invited account", async ({ page, browser }) => {
    await loginAs(page, DEMO.admin);
    const invitePath = await inviteStaffMember(page, uniqueEmail("a11y-invitee"));
    const invitee = await browser.newContext();
    try {
      const inviteePage = await invitee.newPage();
      await inviteePage.goto(invitePath);
      await expect(inviteePage.getByRole("heading", { level: 1, name: "Set up your account" })).toBeVisible();
      await expectNoSeriousA11yViolations(inviteePage);
    } finally {
      await invitee.close();
    }
  });
});

test.describe("staff pages", () => {
  test("dashboard, users and roles, and audit log for an admin", async ({ page }) => {
    await loginAs(page, DEMO.admin);
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { level: 1, name: "Users and roles" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.goto("/admin/audit");
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("dashboard for staff", async ({ page }) => {
    await loginAs(page, DEMO.staff);
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("the page shown when a role may not open a page", async ({ page }) => {
    await loginAs(page, DEMO.staff);
    await page.goto("/portal");
    await expect(page.getByRole("heading", { level: 1, name: "You do not have access to this page" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});

test.describe("consultant portal", () => {
  test("portal home", async ({ page }) => {
    await loginAs(page, DEMO.cam);
    await expect(page.getByRole("heading", { level: 1, name: "Your portal" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test.describe("on a 360 px wide phone", () => {
    test.use({ viewport: { width: 360, height: 740 } });

    test("portal home", async ({ page }) => {
      await loginAs(page, DEMO.cam);
      await expect(page.getByRole("heading", { level: 1, name: "Your portal" })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    });
  });
});
