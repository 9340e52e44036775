// Admins invite colleagues and deactivate accounts. Accounts: admin@demo.test, plus people each
// test invites itself (never a demo account, which other tests need); Northwind Alliance's
// invitation to such a person is written straight into the database.
import { createHash, randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import {
  acceptInvitation,
  DEMO,
  E2E_DATABASE,
  expect,
  expectNoSeriousA11yViolations,
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
    await expect(memberPage).toHaveURL("/login");
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
  await expect(newest.getByRole("cell").nth(2)).toHaveText("Account deactivated membership.deactivated");
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

/**
 * An invitation from Northwind Alliance to `email`, written as its admins' page would, with a link
 * the test knows (only the digest is stored).
 */
function northwindInvitation(email: string) {
  const token = `e2e-${randomUUID()}`;
  const sqlite = new Database(E2E_DATABASE, { fileMustExist: true });
  try {
    const org = sqlite.prepare("SELECT id FROM organizations WHERE name = 'Northwind Alliance'").get() as {
      id: string;
    };
    const inviter = sqlite.prepare("SELECT id FROM users WHERE email = ?").get(DEMO.northwindStaff) as { id: string };
    sqlite
      .prepare(
        "INSERT INTO invitations (id, organization_id, email, role, token_hash, invited_by_user_id, expires_at, created_at) VALUES (?, ?, ?, 'staff', ?, ?, ?, ?)",
      )
      .run(
        randomUUID(),
        org.id,
        email,
        createHash("sha256").update(token).digest("hex"),
        inviter.id,
        Date.now() + 86_400_000,
        Date.now(),
      );
  } finally {
    sqlite.close();
  }
  return `/invite/${token}`;
}

test("someone who already has an account accepts another organization's invitation by signing in", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("existing");
  const admin = await browser.newContext();
  try {
    const adminPage = await admin.newPage();
    await loginAs(adminPage, DEMO.admin);
    const member = await browser.newContext();
    try {
      await acceptInvitation(await member.newPage(), await inviteStaffMember(adminPage, email), "Quinn", NEW_PASSWORD);
    } finally {
      await member.close();
    }
  } finally {
    await admin.close();
  }

  await gotoHydrated(page, northwindInvitation(email));
  // The page is the one everyone gets: it does not say that this email has an account.
  await expect(page.getByRole("heading", { level: 1, name: "Set up your account" })).toBeVisible();
  await expect(page.getByText("You already have an account")).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Sign in to accept" }).click();

  await page.waitForURL((url) => url.pathname === "/login");
  await expect(page.getByText("Sign in to finish accepting your invitation.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await page.getByLabel("Password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/dashboard");
  await expect(page.getByText("Welcome, Quinn. You are working in Northwind Alliance.")).toBeVisible();
});
