// Terms answered outside the portal: Lin has no portal account, says yes on a paper form, and Sam
// records it. Accounts: staff@demo.test (Sam). The engagement is made by the test (unique title).
import { DEMO, expect, expectNoSeriousA11yViolations, gotoHydrated, loginAs, test } from "./fixtures";
import { addEngagement, uniqueTitle } from "./engagement-helpers";

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

test("staff record that a consultant without a portal account accepted the terms on paper", async ({ page }) => {
  const title = uniqueTitle("Paper terms");
  await loginAs(page, DEMO.staff);
  const engagementPath = await addEngagement(page, {
    consultant: "Lin",
    program: "Community Training Series",
    stage: "Evaluation",
    level: "Involve",
    title,
    rate: "60",
    estimatedHours: "5",
  });
  const agreement = page.getByRole("region", { name: "Agreement" });
  await expect(agreement).toContainText("Lin has no portal account: record their answer when Lin gives it.");

  await agreement.getByRole("link", { name: "Record an answer given on paper or out loud" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Record Lin’s answer");
  await expect(page.getByRole("region", { name: /The terms they answer/ })).toContainText("about $300.00 in all");
  await page.getByRole("radio", { name: "They accepted the terms" }).check();
  await page.getByRole("radio", { name: "On a paper form" }).check();
  await page.getByLabel("The day they answered").fill(daysAgo(2));
  await page.getByLabel("Witness: a colleague who also heard or saw it").selectOption({ label: "Dana" });
  await page.getByLabel("Where the signed form is kept").fill("Locked cabinet, folder Agreements 2026");
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Record their answer" }).click();

  await expect(page).toHaveURL(`${engagementPath}?done=answer-accepted`);
  await expect(page.getByText(`Lin · Community Training Series · Evaluation · Agreed`)).toBeVisible();
  await expect(agreement).toContainText("Lin accepted these terms.");
  await expect(agreement).toContainText("Accepted version 1 on a paper form");
  await expect(agreement).toContainText("Recorded by Sam");
  await expect(agreement).toContainText("Witness: Dana");
  await expect(agreement).toContainText("Form kept: Locked cabinet, folder Agreements 2026");
  // Nothing is left to answer, so it is no longer offered.
  await expect(agreement.getByRole("link", { name: "Record an answer given on paper or out loud" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
});

test("an answer said out loud needs a witness: the message shows next to the field and nothing is lost", async ({
  page,
}) => {
  const title = uniqueTitle("Spoken terms");
  await loginAs(page, DEMO.staff);
  const engagementPath = await addEngagement(page, {
    consultant: "Lin",
    program: "Community Training Series",
    stage: "Delivery",
    level: "Consult",
    title,
    rate: "60",
  });
  await gotoHydrated(page, `${engagementPath}/agreement`);
  await page.getByRole("radio", { name: "They said no to the terms" }).check();
  await page.getByRole("radio", { name: "Said out loud" }).check();
  await page.getByLabel("The day they answered").fill(daysAgo(1));
  await page.getByLabel("What they said (optional)").fill("Not this month");
  await page.getByRole("button", { name: "Record their answer" }).click();
  const witness = page.getByLabel("Witness: a colleague who also heard or saw it");
  await expect(witness).toHaveAttribute("aria-invalid", "true");
  await expect(witness).toHaveAccessibleDescription(/An answer said out loud needs a witness\./);
  await expect(page.getByLabel("What they said (optional)")).toHaveValue("Not this month");
  await expectNoSeriousA11yViolations(page);
});
