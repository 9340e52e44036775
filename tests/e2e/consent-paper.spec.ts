// A consent given on a signed paper form, typed in by staff days later: staff record the day it was
// signed, the witness and where the form is kept; the consultant, on a phone, sees the day they
// signed and the witness, never where the form is kept.
// Without scripts, a yes signed before a later withdrawal is refused next to its day.
// Accounts: staff@demo.test (Sam), and consultants these tests add (one invited) themselves.
import {
  acceptInvitation,
  DEMO,
  DEMO_PASSWORD,
  emailedLink,
  expect,
  expectNoSeriousA11yViolations,
  gotoHydrated,
  loginAs,
  submitLogin,
  test,
  uniqueEmail,
} from "./fixtures";
import { addConsultant, hasHorizontalScroll, uniqueName } from "./consultant-helpers";
import { organizationDay } from "./engagement-helpers";

const PASSWORD = "paper-consent-password-1";

/** A day some days before today where the organization is: "2026-11-17". */
const daysAgo = (days: number) => organizationDay(-days);
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

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("a paper yes signed before a later withdrawal is refused next to the day, keeping what was typed", async ({
    page,
  }) => {
    const name = uniqueName("Paper after withdrawal");
    await page.goto("/login");
    await submitLogin(page, DEMO.staff, DEMO_PASSWORD);
    await expect(page).toHaveURL("/dashboard");
    await page.goto("/consultants/new");
    await page.getByLabel("Preferred name").fill(name);
    await page.getByRole("button", { name: "Save consultant" }).click();
    await page.getByRole("link", { name: "Consent choices and history" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Consent: ${name}` })).toBeVisible();
    const form = page.getByRole("region", { name: "Record a choice the consultant gave you" });
    const record = async (values: { decision: string; purpose: string; fields: Record<string, string> }) => {
      await form.getByLabel("Purpose").selectOption({ label: values.purpose });
      await form.getByLabel(values.decision).check();
      await form.getByLabel("On a signed paper form").check();
      for (const [label, value] of Object.entries(values.fields)) await form.getByLabel(label).fill(value);
      await form.getByRole("button", { name: "Record this choice" }).click();
    };

    // A yes today, then they ask to withdraw it, today.
    await record({
      purpose: "Photo or image of me (now: Not asked yet)",
      decision: "Said yes",
      fields: { "The day they signed it or said it": daysAgo(0), "Where the signed form is kept": "Binder" },
    });
    await expect(page).toHaveURL(/done=granted/);
    await record({
      purpose: "Photo or image of me (now: Yes)",
      decision: "Withdrew an earlier yes",
      fields: { "Who asked for this": "The consultant, by phone", "On what day": daysAgo(0) },
    });
    await expect(page).toHaveURL(/done=withdrawn/);

    // Then an older form turns up, signed five days ago: it must not undo the withdrawal.
    const typed = { "The day they signed it or said it": daysAgo(5), "Where the signed form is kept": "Cabinet 3" };
    await record({ purpose: "Photo or image of me (now: Withdrawn)", decision: "Said yes", fields: typed });
    await expect(form.getByLabel("The day they signed it or said it")).toHaveAccessibleDescription(
      new RegExp(`They made a later choice for this purpose on ${shown(daysAgo(0))}\\. Ask them again`),
    );
    for (const [label, value] of Object.entries(typed)) await expect(form.getByLabel(label)).toHaveValue(value);
    await expect(form.getByLabel("Said yes")).toBeChecked();
    await expect(
      page
        .getByRole("region", { name: "Current choices" })
        .getByRole("listitem")
        .filter({ hasText: "Photo or image of me" }),
    ).toContainText("Withdrawn");
  });
});
