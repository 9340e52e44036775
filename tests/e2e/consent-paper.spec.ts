// A consent given on a signed paper form, typed in by staff days later: staff record the day it was
// signed, the witness and where the form is kept; the consultant, on a phone, sees the day they
// signed and the witness, never where the form is kept.
// Accounts: staff@demo.test (Sam), and a consultant this test adds and invites itself.
import {
  acceptInvitation,
  DEMO,
  emailedLink,
  expect,
  expectNoSeriousA11yViolations,
  gotoHydrated,
  loginAs,
  test,
  uniqueEmail,
} from "./fixtures";
import { addConsultant, hasHorizontalScroll, uniqueName } from "./consultant-helpers";

const PASSWORD = "paper-consent-password-1";

/** A day some days before today, as the server counts it (UTC): "2026-11-17". */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
/** An ISO day as the pages show it: "Nov 17, 2026". */
const shown = (isoDay: string) =>
  new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(isoDay));

test("staff record a paper yes with its signing day and witness; the consultant sees both on a phone", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const name = uniqueName("Paper");
  const email = uniqueEmail("paper-consent");
  const signedOn = daysAgo(5);
  const place = `Locked cabinet, office ${Date.now() % 1000}`;

  await loginAs(page, DEMO.staff);
  const recordPath = await addConsultant(page, { preferredName: name, email, emailSafety: "Safe to use" });
  const since = Date.now() - 1_000;
  await page
    .getByRole("region", { name: "Portal access" })
    .getByRole("button", { name: "Invite to the portal" })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "Portal invitation emailed." })).toBeVisible();
  const invitePath = await emailedLink(email, since, "/invite/");

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  try {
    const portal = await phone.newPage();
    await acceptInvitation(portal, invitePath, name, PASSWORD);
    await expect(portal).toHaveURL("/portal");

    // Sam types in the form they signed five days ago in front of Rae.
    await gotoHydrated(page, `${recordPath}/consent`);
    const form = page.getByRole("region", { name: "Record a choice the consultant gave you" });
    await form.getByLabel("Purpose").selectOption({ label: "Share my story or quotes (now: Not asked yet)" });
    await form.getByRole("group", { name: "What they decided" }).getByLabel("Said yes").check();
    await form.getByRole("group", { name: "How they told you" }).getByLabel("On a signed paper form").check();
    await expect(form.getByLabel("Limits they set (optional)")).toHaveAccessibleDescription(
      /They see this in their portal as their own words/,
    );
    await form.getByLabel("The day they signed it or said it").fill(signedOn);
    await form.getByLabel("Witness name").fill("Rae (peer mentor)");
    await form.getByLabel("Where the signed form is kept").fill(place);
    await form.getByRole("button", { name: "Record this choice" }).click();

    // The history shows the day it was signed and the day it was recorded, the witness and the place.
    const latest = page.getByRole("region", { name: "History" }).getByRole("listitem").first();
    await expect(latest).toContainText("Said yes: Share my story or quotes");
    const fact = (term: string) => latest.getByRole("term").filter({ hasText: term }).locator("xpath=..");
    await expect(fact("Signed on:")).toContainText(shown(signedOn));
    await expect(fact("Recorded:")).toContainText(shown(daysAgo(0)));
    await expect(fact("Witness:")).toContainText("Rae (peer mentor)");
    await expect(fact("Signed form kept at:")).toContainText(place);
    await expectNoSeriousA11yViolations(page);

    // On the phone: the day they signed and the witness, in their history and on the receipt.
    await gotoHydrated(portal, "/portal/consent");
    const receipts = portal.getByRole("region", { name: "My receipts" });
    const item = receipts.getByRole("listitem").filter({ hasText: "Share my story or quotes" });
    await expect(item).toContainText(`You signed a paper form on ${shown(signedOn)}.`);
    await expect(item).toContainText("Witness: Rae (peer mentor).");
    await expect(item).toContainText(`The team saved it on ${shown(daysAgo(0))}.`);
    await expect(portal.getByRole("region", { name: "Share my story or quotes" })).toContainText(
      `You said yes on ${shown(signedOn)}.`,
    );
    expect(await hasHorizontalScroll(portal)).toBe(false);
    await expectNoSeriousA11yViolations(portal);

    await item.getByRole("link").click();
    await expect(portal.getByRole("heading", { level: 1, name: "Receipt" })).toBeVisible();
    const receipt = portal.getByRole("region", { name: "Share my story or quotes" });
    await expect(receipt.getByRole("term").filter({ hasText: "The day you signed" }).locator("xpath=..")).toContainText(
      shown(signedOn),
    );
    await expect(receipt.getByRole("term").filter({ hasText: "Witness" }).locator("xpath=..")).toContainText(
      "Rae (peer mentor)",
    );
    expect(await portal.content()).not.toContain(place);
    expect(await hasHorizontalScroll(portal)).toBe(false);
    await expectNoSeriousA11yViolations(portal);
  } finally {
    await phone.close();
  }
});
