// The right to be forgotten in the browser: a consultant asks in the portal, an admin sees the
// request and erases the record, the words of the idea they sent go, and the consultant can no longer
// sign in. Accounts: staff@demo.test (adds and invites the consultant), admin@demo.test; the
// consultant is created here, never a demo consultant (other tests need Ana, Ben and Cam).
import { addConsultant, uniqueName } from "./consultant-helpers";
import {
  acceptInvitation,
  DEMO,
  emailedLink,
  expect,
  expectNoSeriousA11yViolations,
  gotoHydrated,
  loginAs,
  submitLogin,
  test,
  uniqueEmail,
} from "./fixtures";

const PASSWORD = "a long portal passphrase 7";
const WRONG_PASSWORD_MESSAGE = "That email and password do not match. Check them and try again.";

test("a consultant asks to be forgotten; an admin erases the record; the login ends", async ({ page, browser }) => {
  const name = uniqueName("Erin");
  const email = uniqueEmail("erasure");
  const note = `Met at the library ${Date.now()}`;

  // Staff add the consultant and invite them to the portal.
  await loginAs(page, DEMO.staff);
  const recordPath = await addConsultant(page, {
    preferredName: name,
    email,
    emailSafety: "Safe to use",
    staffNotes: note,
  });
  const since = Date.now() - 1_000;
  await page
    .getByRole("region", { name: "Portal access" })
    .getByRole("button", { name: "Invite to the portal" })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "Portal invitation emailed." })).toBeVisible();
  const invitePath = await emailedLink(email, since, "/invite/");

  const consultant = await browser.newContext();
  try {
    const portal = await consultant.newPage();
    await acceptInvitation(portal, invitePath, name, PASSWORD);
    await expect(portal).toHaveURL("/portal");

    // An idea sent with their name, in their own words.
    const idea = `My cousin drives me to the sessions ${Date.now()}`;
    await gotoHydrated(portal, "/portal/ideas");
    const send = portal.getByRole("region", { name: "Send an idea or a concern" });
    await send.getByLabel("Your idea or concern").fill(idea);
    await send.getByLabel("With my name").check();
    await send.getByRole("button", { name: "Send" }).click();
    await expect(portal).toHaveURL("/portal/ideas?done=sent");

    // The consultant finds the request under My data, reads what is kept and why, and asks.
    await gotoHydrated(portal, "/portal/my-data");
    await portal.getByRole("link", { name: "Ask us to delete my information" }).click();
    await expect(portal.getByRole("heading", { level: 1, name: "Ask us to delete my information" })).toBeVisible();
    await expect(portal.getByRole("region", { name: "What we keep, and why" })).toContainText(
      "The law says we must keep this for at least 4 years",
    );
    await expect(portal.getByRole("region", { name: "What we delete" })).toContainText(
      "The words of the ideas and concerns you sent with your name.",
    );
    await expectNoSeriousA11yViolations(portal);
    await portal.getByRole("button", { name: "Send my request" }).click();
    // Nothing is sent until the box is ticked (the browser says so before the server would).
    await expect(portal).toHaveURL("/portal/my-data/delete");
    await portal.getByLabel("Yes, I want you to delete my information.").check();
    await portal.getByRole("button", { name: "Send my request" }).click();
    await expect(portal.getByRole("status").filter({ hasText: "We got your request." })).toBeVisible();
    await expect(portal.getByRole("region", { name: "Your request" })).toContainText("You asked on");
    await expectNoSeriousA11yViolations(portal);

    // Staff see it on the record, but only an admin can carry it out.
    await gotoHydrated(page, recordPath);
    await expect(page.getByText("This consultant asked us to delete their information")).toBeVisible();
    await expect(page.getByText("An admin will carry it out.")).toBeVisible();
    await page.context().clearCookies();

    await loginAs(page, DEMO.admin);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Deletion requests" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Requests to delete information" })).toBeVisible();
    const waiting = page.getByRole("region", { name: "Waiting" });
    await expect(waiting).toContainText(name);
    await expectNoSeriousA11yViolations(page);
    await waiting.getByRole("link", { name: `Review and delete ${name}’s information` }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Delete ${name}’s information`);
    await expect(page.getByRole("region", { name: "What is kept, and why" })).toContainText("Payments (0)");
    await expectNoSeriousA11yViolations(page);

    // The confirmation word must be typed exactly.
    await page.getByLabel("Type DELETE to confirm").fill("delete");
    await page.getByRole("button", { name: "Delete their information" }).click();
    await expect(page.getByText("Type DELETE in capital letters to confirm.")).toBeVisible();
    await page.getByLabel("Type DELETE to confirm").fill("DELETE");
    await page.getByRole("button", { name: "Delete their information" }).click();

    await expect(page.getByRole("status").filter({ hasText: "Their information was deleted" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Former consultant");
    await expect(page.getByText("This record was closed at the consultant’s request")).toBeVisible();
    await expect(page.getByText(note)).toHaveCount(0);
    await expect(page.getByText(email)).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Edit profile" })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);

    // Their idea stays in the loop without their words.
    await gotoHydrated(page, "/program-inputs");
    await expect(page.getByRole("main")).not.toContainText(idea);
    await expect(
      page.getByRole("link", { name: "The words of this idea were deleted with the consultant’s record" }).first(),
    ).toBeVisible();

    await gotoHydrated(page, "/admin/erasure-requests");
    await expect(page.getByRole("region", { name: "Waiting" })).not.toContainText(name);
    await expect(page.getByRole("region", { name: "Done lately" })).toContainText("by Dana");

    // The consultant's open session has ended, and signing in again fails like a wrong password.
    await portal.goto("/portal/my-data");
    await expect(portal).toHaveURL(/\/login/);
    await gotoHydrated(portal, "/login");
    await submitLogin(portal, email, PASSWORD);
    await expect(portal.getByRole("alert")).toHaveText(WRONG_PASSWORD_MESSAGE);
    await expect(portal).toHaveURL(/\/login/);
  } finally {
    await consultant.close();
  }
});
