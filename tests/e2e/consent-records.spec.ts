// Consent on the consultant record and the consent wording settings.
// Accounts: staff@demo.test (Sam) and admin@demo.test (Dana). Sam records choices for a consultant
// this test adds itself; Dana rewords a purpose this test adds itself, so the demo purposes and
// their wording stay as other tests expect them.
import type { Page } from "@playwright/test";
import { addConsultant, uniqueName } from "./consultant-helpers";
import { organizationToday } from "./engagement-helpers";
import {
  DEMO,
  DEMO_PASSWORD,
  expect,
  expectNoSeriousA11yViolations,
  gotoHydrated,
  loginAs,
  submitLogin,
  test,
} from "./fixtures";

const WITNESS_NEEDED = "Write who else heard it. A choice said out loud needs a witness.";

/** Fills the "Record a choice the consultant gave you" form up to (not including) sending it. */
async function chooseInRecordForm(
  page: Page,
  choice: { purpose: string; decision: string; method: "On a signed paper form" | "Said out loud, with a witness" },
) {
  const form = page.getByRole("region", { name: "Record a choice the consultant gave you" });
  await form.getByLabel("Purpose").selectOption({ label: choice.purpose });
  await form.getByRole("group", { name: "What they decided" }).getByLabel(choice.decision).check();
  await form.getByRole("group", { name: "How they told you" }).getByLabel(choice.method).check();
  return form;
}

test("staff record a written yes, are told a spoken one needs a witness, and record a withdrawal", async ({ page }) => {
  test.setTimeout(90_000);
  const name = uniqueName("Consent test");
  await loginAs(page, DEMO.staff);
  const recordPath = await addConsultant(page, { preferredName: name });

  // The record sums consent up and links to the full page.
  const summary = page.getByRole("region", { name: "Consent" });
  await expect(summary.getByText("Yes", { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await summary.getByRole("link", { name: "Consent choices and history" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Consent: ${name}` })).toBeVisible();
  await expect(page.getByRole("region", { name: "History" })).toContainText("Nothing recorded yet.");
  await expectNoSeriousA11yViolations(page);

  // A yes on a signed form, with the limits they set; no witness is needed on paper.
  let form = await chooseInRecordForm(page, {
    purpose: "Share my story or quotes (now: Not asked yet)",
    decision: "Said yes",
    method: "On a signed paper form",
  });
  await form.getByLabel("The day they signed it or said it").fill(organizationToday());
  await form.getByLabel("Where the signed form is kept").fill("Consent binder, front office");
  await form.getByLabel("Limits they set (optional)").fill("Quotes only, no name");
  await form.getByRole("button", { name: "Record this choice" }).click();
  await expect(page.getByRole("status")).toContainText("Recorded: they said yes.");
  const current = page.getByRole("region", { name: "Current choices" });
  const story = current.getByRole("listitem").filter({ hasText: "Share my story or quotes" });
  await expect(story).toContainText("Yes");
  await expect(story).toContainText("Quotes only, no name");
  await expect(story).toContainText("on the wording of version 1");
  const history = page.getByRole("region", { name: "History" });
  await expect(history.getByRole("listitem").first()).toContainText("Said yes: Share my story or quotes");
  await expect(history.getByRole("listitem").first()).toContainText("On a signed paper form");
  // The form is empty again for the next choice.
  await expect(page.getByLabel("Purpose")).toHaveValue("");

  // Said out loud, but no witness: the message is next to the field and nothing typed is lost.
  form = await chooseInRecordForm(page, {
    purpose: "Photo or image of me (now: Not asked yet)",
    decision: "Said yes",
    method: "Said out loud, with a witness",
  });
  // Nowhere to say where a form is kept: nothing was signed.
  await expect(form.getByLabel("Where the signed form is kept")).toHaveCount(0);
  await form.getByLabel("The day they signed it or said it").fill(organizationToday());
  await form.getByLabel("Limits they set (optional)").fill("Group photos only");
  await form.getByRole("button", { name: "Record this choice" }).click();
  await expect(form.getByLabel("Witness name")).toHaveAccessibleDescription(new RegExp(WITNESS_NEEDED));
  await expect(form.getByLabel("Limits they set (optional)")).toHaveValue("Group photos only");
  await expect(form.getByRole("group", { name: "How they told you" }).getByLabel("Said out loud")).toBeChecked();
  await expectNoSeriousA11yViolations(page);
  await form.getByLabel("Witness name").fill("Rae, peer mentor");
  await form.getByRole("button", { name: "Record this choice" }).click();
  await expect(page.getByRole("status")).toContainText("Recorded: they said yes.");
  await expect(history.getByRole("listitem").first()).toContainText("Said out loud, with a witness");
  await expect(
    history.getByRole("listitem").first().getByRole("definition").filter({ hasText: "Rae, peer mentor" }),
  ).toBeVisible();

  // They asked to take back the story: who asked and when are noted.
  form = await chooseInRecordForm(page, {
    purpose: "Share my story or quotes (now: Yes)",
    decision: "Withdrew an earlier yes",
    method: "On a signed paper form",
  });
  await form.getByLabel("Who asked for this").fill("The consultant, by phone");
  await form.getByLabel("On what day").fill(organizationToday());
  await form.getByRole("button", { name: "Record this choice" }).click();
  await expect(page.getByRole("status")).toContainText("Recorded: the withdrawal.");
  await expect(story).toContainText("Withdrawn");
  const latest = history.getByRole("listitem").first();
  await expect(latest).toContainText("Withdrew: Share my story or quotes");
  await expect(latest.getByRole("definition").filter({ hasText: "The consultant, by phone" })).toBeVisible();
  // The exact words they agreed to are kept with every step.
  await latest.getByText("The exact wording (version 1)").click();
  await expect(latest).toContainText("We may use your words (a quote or part of your story)");
  await expectNoSeriousA11yViolations(page);

  // Back on the record, the summary counts the changes.
  await gotoHydrated(page, recordPath);
  const counts = page.getByRole("region", { name: "Consent" });
  await expect(counts.getByRole("term").filter({ hasText: /^Yes$/ }).locator("xpath=..")).toContainText("1");
  await expect(counts.getByRole("term").filter({ hasText: "Withdrawn or ended" }).locator("xpath=..")).toContainText(
    "1",
  );
});

test("an admin rewords a purpose: version 2 is shown and the earlier wording stays readable", async ({ page }) => {
  const label = uniqueName("Speaking at our events");
  const firstWords = "We may ask you to speak at our events.";
  const newWords = "We may ask you to speak at our events and online meetings.";
  await loginAs(page, DEMO.admin);
  await gotoHydrated(page, "/settings/consent");
  await expect(page.getByRole("heading", { level: 1, name: "Consent wording" })).toBeVisible();
  await expect(page.getByText("Changing the words makes a new version.").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // A new purpose starts from the sentence about changing one's mind.
  const add = page.getByRole("region", { name: "Add a purpose" });
  await add.getByLabel("Name of the purpose").fill(label);
  const addText = add.getByLabel("What the person agrees to");
  await expect(addText).toHaveValue(/You can change your mind at any time\./);
  await addText.fill(`${firstWords} ${await addText.inputValue()}`.trim());
  await add.getByLabel("Usual end, in months (optional)").fill("12");
  await add.getByRole("button", { name: "Add purpose" }).click();
  await expect(page.getByRole("status")).toContainText("Purpose added.");

  const purpose = page.getByRole("region", { name: label });
  await expect(purpose).toContainText("Version 1 · Usual end: 1 year after the yes");
  await expect(purpose).toContainText(firstWords);

  // Rewording it: the text is too short first, then right.
  await purpose.getByText("Change the wording or the usual end").click();
  const text = purpose.getByLabel("What the person agrees to");
  await text.fill("Too short.");
  await purpose.getByRole("button", { name: "Save" }).click();
  await expect(purpose.getByLabel("What the person agrees to")).toHaveAccessibleDescription(/at least 20 characters/);
  await purpose.getByLabel("What the person agrees to").fill(`${newWords} You can change your mind at any time.`);
  await purpose.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("Saved. The new wording is a new version");
  await expect(purpose).toContainText("Version 2 · Usual end: 1 year after the yes");
  await expect(purpose).toContainText(newWords);
  await purpose.getByText("Earlier wording (version 1)").click();
  await expect(purpose.getByRole("group").filter({ hasText: "Earlier wording (version 1)" })).toContainText(firstWords);
  await expectNoSeriousA11yViolations(page);
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("every field of the record form shows, and a choice is recorded", async ({ page }) => {
    const name = uniqueName("Consent no script");
    await page.goto("/login");
    await submitLogin(page, DEMO.staff, DEMO_PASSWORD);
    await expect(page).toHaveURL("/dashboard");
    await page.goto("/consultants/new");
    await page.getByLabel("Preferred name").fill(name);
    await page.getByRole("button", { name: "Save consultant" }).click();
    await page.getByRole("link", { name: "Consent choices and history" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Consent: ${name}` })).toBeVisible();

    const form = page.getByRole("region", { name: "Record a choice the consultant gave you" });
    for (const label of [
      "The day they signed it or said it",
      "Witness name",
      "Where the signed form is kept",
      "Limits they set (optional)",
      "End date (optional)",
      "Who asked for this",
    ]) {
      await expect(form.getByLabel(label)).toBeVisible();
    }
    await expect(form.getByRole("group", { name: "Which name may be used" })).toBeVisible();

    // A withdrawal without who asked and when: both messages at once, next to their fields.
    await form.getByLabel("Purpose").selectOption({ label: "Social media (now: Not asked yet)" });
    await form.getByLabel("Withdrew an earlier yes").check();
    await form.getByLabel("On a signed paper form").check();
    await form.getByRole("button", { name: "Record this choice" }).click();
    await expect(form.getByLabel("Who asked for this")).toHaveAccessibleDescription(/Write who asked/);
    await expect(form.getByLabel("On what day")).toHaveAccessibleDescription(/Give the day they asked/);

    await form.getByLabel("Said no").check();
    await form.getByLabel("The day they signed it or said it").fill(organizationToday());
    await form.getByLabel("Where the signed form is kept").fill("Consent binder, front office");
    await form.getByRole("button", { name: "Record this choice" }).click();
    await expect(page.getByRole("status")).toContainText("Recorded: they said no.");
    await expect(
      page.getByRole("region", { name: "Current choices" }).getByRole("listitem").filter({ hasText: "Social media" }),
    ).toContainText("No");
  });
});
