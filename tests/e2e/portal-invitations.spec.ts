// Inviting a consultant to the portal from their record: the one-time link to pass on (with a copy
// button), the invitation waiting (invited on, expires) with revoke and a new link, and what the
// invitation page shows. Accounts: staff@demo.test (Sam); consultants each test adds itself, with
// unique names and emails. Tomás's demo invitation is only read.
import type { Page } from "@playwright/test";
import {
  DEMO,
  DEMO_PASSWORD,
  expect,
  expectNoSeriousA11yViolations,
  loginAs,
  submitLogin,
  test,
  uniqueEmail,
} from "./fixtures";
import { addConsultant, fillProfileForm, openConsultant, uniqueName } from "./consultant-helpers";

const LINK_LABEL = "Invitation link (shown only now):";
const DAY_MS = 24 * 60 * 60_000;

function portalAccess(page: Page) {
  return page.getByRole("region", { name: "Portal access" });
}

/** "Invited on Dec 3, 2026 · expires Dec 10, 2026": the two days, as dates. */
async function invitedAndExpires(page: Page) {
  const text = (await portalAccess(page).innerText()).replace(/\s+/g, " ");
  const match = /Invited on (\w{3} \d{1,2}, \d{4}) · expires (\w{3} \d{1,2}, \d{4}) · Revoke/.exec(text);
  expect(match, `"Invited on … · expires … · Revoke" in: ${text}`).toBeTruthy();
  // Shown as UTC days.
  return { invitedOn: Date.parse(`${match![1]} UTC`), expiresOn: Date.parse(`${match![2]} UTC`) };
}

test("the email field says up front that inviting needs it, even when email is not safe", async ({ page }) => {
  await loginAs(page, DEMO.staff);
  const name = uniqueName("Ola");
  await addConsultant(page, { preferredName: name });
  // No email: the record says what to do first, instead of an Invite button that fails.
  await expect(portalAccess(page)).toContainText("To invite them, first add their email address.");
  await expect(portalAccess(page).getByRole("button", { name: "Invite to the portal" })).toHaveCount(0);
  await portalAccess(page).getByRole("link", { name: "Add their email address" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.getByText("You need it to invite them, even when email is not safe")).toBeVisible();
});

test("a link to pass on: copied with the button, replaced by a new link, then revoked", async ({
  page,
  context,
  browser,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const name = uniqueName("Noa");
  const email = uniqueEmail("invite-copy");
  await loginAs(page, DEMO.staff);
  await addConsultant(page, { preferredName: name, email, emailSafety: "Not safe: do not use" });
  const portal = portalAccess(page);
  await portal.getByRole("button", { name: "Invite to the portal" }).click();

  // The link, once, in a read-only field; the button copies it and says so.
  const field = portal.getByLabel(LINK_LABEL);
  await expect(field).toHaveValue(/^http:\/\/localhost:\d+\/invite\/[^/\s]+$/);
  await expect(field).not.toBeEditable();
  const first = await field.inputValue();
  await portal.getByRole("button", { name: "Copy link" }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(first);
  await expect(portal.getByRole("status")).toHaveText("Link copied. Paste it into the message you send them.");
  await expectNoSeriousA11yViolations(page);

  // The record shows it waiting: invited today, for 7 days.
  const { invitedOn, expiresOn } = await invitedAndExpires(page);
  expect(expiresOn - invitedOn).toBe(7 * DAY_MS);

  // A new link replaces it.
  await portal.getByRole("button", { name: "Make a new link" }).click();
  await expect(field).not.toHaveValue(first);
  await expect(field).toHaveValue(/\/invite\//);
  const second = await field.inputValue();
  await expect(portal).toContainText("The earlier link no longer works.");

  const visitor = await browser.newContext();
  try {
    const link = await visitor.newPage();
    await link.goto(new URL(first).pathname);
    await expect(link.getByRole("heading", { level: 1, name: "This invitation link no longer works" })).toBeVisible();
    // A link that does not work says nothing about whom it was for or from.
    await expect(link.locator("main")).not.toContainText(email);
    await expect(link.locator("main")).not.toContainText("Harbor Light Collective");

    await link.goto(new URL(second).pathname);
    await expect(link.getByRole("heading", { level: 1, name: "Set up your account" })).toBeVisible();
    await expect(link.getByText("Harbor Light Collective invited you to its portal.")).toBeVisible();
    await expect(link.getByText(email, { exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(link);

    // Revoked: the record offers a fresh invitation again, and the link stops working.
    await portal.getByRole("button", { name: "Revoke the invitation" }).click();
    await expect(portal.getByRole("button", { name: "Invite to the portal" })).toBeVisible();
    await expect(
      page.getByRole("status").filter({ hasText: "Invitation revoked. Its link no longer works." }),
    ).toBeVisible();
    await expect(portal).not.toContainText("Invited on");
    await link.reload();
    await expect(link.getByRole("heading", { level: 1, name: "This invitation link no longer works" })).toBeVisible();
  } finally {
    await visitor.close();
  }
});

test("the demo shows Tomás's invitation waiting, with revoke and a new link", async ({ page }) => {
  await loginAs(page, DEMO.staff);
  await openConsultant(page, "Tomás");
  const { invitedOn, expiresOn } = await invitedAndExpires(page);
  expect(expiresOn - invitedOn).toBe(7 * DAY_MS);
  expect(expiresOn).toBeGreaterThan(Date.now());
  await expect(portalAccess(page).getByRole("button", { name: "Revoke the invitation" })).toBeVisible();
  await expect(portalAccess(page).getByRole("button", { name: "Make a new link" })).toBeVisible();
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("the link is in a read-only field that can be selected; there is no copy button", async ({ page }) => {
    await page.goto("/login");
    await submitLogin(page, DEMO.staff, DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname !== "/login");
    await page.goto("/consultants/new");
    await fillProfileForm(page, {
      preferredName: uniqueName("Ines"),
      email: uniqueEmail("invite-nojs"),
      emailSafety: "Ask first",
    });
    await page.getByRole("button", { name: "Save consultant" }).click();
    await page.waitForURL(/\/consultants\/[^/?]+\?done=created$/);
    await portalAccess(page).getByRole("button", { name: "Invite to the portal" }).click();
    const field = portalAccess(page).getByLabel(LINK_LABEL);
    await expect(field).toHaveValue(/\/invite\//);
    await expect(field).not.toBeEditable();
    await expect(portalAccess(page).getByRole("button", { name: "Copy link" })).toHaveCount(0);
    // Selectable as it is: the whole link is there to copy by hand.
    await field.selectText();
    const selected = await field.evaluate((input: HTMLInputElement) =>
      input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0),
    );
    expect(selected).toBe(await field.inputValue());
  });
});
