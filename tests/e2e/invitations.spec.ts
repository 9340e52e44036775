// Admins invite colleagues and deactivate accounts. Accounts: admin@demo.test, plus people each
// test invites itself (never a demo account, which other tests need).
import {
  acceptInvitation,
  DEMO,
  expect,
  gotoHydrated,
  inviteStaffMember,
  loginAs,
  submitLogin,
  test,
  uniqueEmail,
  waitForHydration,
} from "./fixtures";

const NEW_PASSWORD = "a long new password 1";

test("an admin invites a colleague, who sets up an account with the emailed link", async ({ page, browser }) => {
  const email = uniqueEmail("invitee");
  await loginAs(page, DEMO.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users and roles" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users and roles" })).toBeVisible();

  const invitePath = await inviteStaffMember(page, email);
  await expect(page.getByRole("region", { name: "Invitations not yet accepted" })).toContainText(email);

  const invitee = await browser.newContext();
  try {
    const inviteePage = await invitee.newPage();
    await acceptInvitation(inviteePage, invitePath, "Robin", NEW_PASSWORD);
    await expect(inviteePage).toHaveURL("/dashboard");
    await expect(inviteePage.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    await expect(inviteePage.getByText("Welcome, Robin. You are working in Harbor Light Collective.")).toBeVisible();

    await inviteePage.goto(invitePath);
    await expect(
      inviteePage.getByRole("heading", { level: 1, name: "This invitation was already used" }),
    ).toBeVisible();
  } finally {
    await invitee.close();
  }

  await page.reload();
  await expect(page.getByRole("region", { name: "Invitations not yet accepted" })).not.toContainText(email);
  await expect(page.getByRole("region", { name: "People in this organization" })).toContainText("Robin");
});

test("a deactivated person can no longer sign in", async ({ page, browser }) => {
  const email = uniqueEmail("deactivate");
  // A name no other test gives anyone, to find this person in the list.
  const name = `Riley ${Date.now().toString(36)}`;
  await loginAs(page, DEMO.admin);
  const invitePath = await inviteStaffMember(page, email);

  const member = await browser.newContext();
  try {
    const memberPage = await member.newPage();
    await acceptInvitation(memberPage, invitePath, name, NEW_PASSWORD);
    await expect(memberPage).toHaveURL("/dashboard");

    await gotoHydrated(page, "/admin/users");
    const person = page.getByRole("listitem").filter({ hasText: name });
    await person.getByRole("button", { name: "Deactivate" }).click();
    await expect(page.getByRole("status")).toHaveText(
      "Account deactivated. They are signed out and can no longer sign in to this organization.",
    );
    await expect(person.getByText("Deactivated", { exact: true })).toBeVisible();
    await expect(person.getByRole("button", { name: "Reactivate" })).toBeVisible();

    // The session they already had grants nothing any more.
    await memberPage.goto("/dashboard");
    await expect(memberPage).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/);
    await waitForHydration(memberPage);

    // And the right password no longer opens the door.
    await submitLogin(memberPage, email, NEW_PASSWORD);
    await expect(memberPage.getByRole("alert")).toHaveText(
      "That email and password do not match. Check them and try again.",
    );
    await expect(memberPage).toHaveURL(/\/login/);
  } finally {
    await member.close();
  }

  // The audit log records who was deactivated.
  await gotoHydrated(page, "/admin/audit");
  await page.getByLabel("Action").selectOption("membership.deactivated");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/action=membership\.deactivated/);
  const newest = page.getByRole("table").getByRole("rowgroup").nth(1).getByRole("row").first();
  await expect(newest.getByRole("cell").nth(1)).toHaveText("Dana");
  await expect(newest.getByRole("cell").nth(2)).toHaveText("membership.deactivated");
  await expect(newest.getByRole("cell").nth(4)).toHaveText("deactivatedAt");
});

test("an admin is told that someone already in the organization cannot be invited", async ({ page }) => {
  await loginAs(page, DEMO.admin);
  await gotoHydrated(page, "/admin/users");
  const inviteForm = page.getByRole("region", { name: "Invite a colleague" });
  await inviteForm.getByLabel("Email").fill(DEMO.staff);
  await inviteForm.getByRole("button", { name: "Send invitation" }).click();
  await expect(inviteForm.getByRole("alert")).toHaveText("This person already has an account in this organization.");
  await expect(inviteForm.getByLabel("Email")).toHaveValue(DEMO.staff);
});
