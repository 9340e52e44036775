// "You said, we did": staff record a consultant's input on a program and take it through
// review, a decision with a response and the report-back; the program's page shows the closure
// rate. Accounts: staff@demo.test (Sam). The first test works on a program it makes itself; the
// second only reads the demo's Youth Outreach Curriculum items (db/seed/program-inputs.ts).
import { DEMO, expect, expectNoSeriousA11yViolations, gotoHydrated, loginAs, test } from "./fixtures";
import { addProgram, organizationToday, uniqueTitle } from "./engagement-helpers";

test("Sam records Ana's input, reviews it, adopts it with a response and reports back; the closure rate follows; Ana sees it", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const programName = uniqueTitle("Peer support pilot");
  const said = "Meet in the evening so people who work days can come.";

  await loginAs(page, DEMO.staff);
  const programPath = await addProgram(page, programName);
  await page.getByRole("link", { name: "See and record input" }).click();
  await expect(page).toHaveURL(`${programPath}/input`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`You said, we did: ${programName}`);
  await expect(page.getByText("No input recorded yet for this program.")).toBeVisible();

  const recordForm = page.getByRole("region", { name: "Record input from a consultant" });
  await recordForm.getByLabel("Consultant", { exact: true }).selectOption({ label: "Ana" });
  await recordForm.getByLabel("Stage").selectOption({ label: "Design" });
  await recordForm.getByLabel("What the consultant said").fill(said);
  await recordForm.getByRole("button", { name: "Record input" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Input from Ana");
  await expect(page.getByRole("status")).toHaveText("Input recorded. Next, start the review or record the decision.");
  await expect(page.getByText(said)).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("button", { name: "Start the review" }).click();
  await expect(page.getByRole("status")).toHaveText("Review started.");
  await expect(page.getByText("State: Under review")).toBeVisible();

  // "Not adopted" needs a reason: refused next to the response, with the choice kept.
  const decision = page.getByRole("group", { name: "What did you decide?" });
  await decision.getByLabel("Not adopted: we did not do it").check();
  await page.getByRole("button", { name: "Record the decision" }).click();
  const response = page.getByLabel("Response: what you did, or why not");
  await expect(response).toHaveAttribute("aria-invalid", "true");
  await expect(response).toHaveAccessibleDescription(/Write why not\. The consultant should hear the reason\./);
  await expect(decision.getByLabel("Not adopted: we did not do it")).toBeChecked();
  await expect(page.getByText("State: Under review")).toBeVisible();

  await decision.getByLabel("Adopted: we did it").check();
  await response.fill("From next month, every other session starts at 6 pm.");
  await page.getByRole("button", { name: "Record the decision" }).click();
  await expect(page.getByRole("status")).toContainText("Decision recorded.");
  await expect(page.getByText("From next month, every other session starts at 6 pm.")).toBeVisible();

  await gotoHydrated(page, `${programPath}/input`);
  await expect(page.getByText("0 of 1 item reported back (0%).")).toBeVisible();
  await expect(page.getByText("No item has been reported back yet")).toBeVisible();
  await page.getByRole("link", { name: said }).click();

  await expect(page.getByLabel("Day you told the consultant")).toHaveValue(organizationToday());
  await page.getByLabel("How you told them").fill("at the advisory meeting");
  await page.getByRole("button", { name: "Record that we reported back" }).click();
  await expect(page.getByRole("status")).toHaveText("Reported back. This item is closed.");
  await expect(page.getByText("State: Reported back")).toBeVisible();
  await expect(page.getByRole("button", { name: /Record/ })).toHaveCount(0);

  await page.getByRole("link", { name: `← You said, we did: ${programName}` }).click();
  await expect(page.getByText("1 of 1 item reported back (100%).")).toBeVisible();
  await expect(page.getByText("Median time from receiving input to reporting back: 0 days.")).toBeVisible();
  const reported = page.getByRole("region", { name: "Reported back (1)" });
  await expect(reported.getByRole("link", { name: said })).toBeVisible();
  await expect(reported).toContainText("What we did: From next month, every other session starts at 6 pm.");
  await expectNoSeriousA11yViolations(page);

  // Ana sees what she said and what was done, on her phone, in the portal.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  try {
    const ana = await phone.newPage();
    await loginAs(ana, DEMO.ana);
    await gotoHydrated(ana, "/portal/feedback");
    const yours = ana.getByRole("region", { name: "You said, we did" });
    const item = yours.getByRole("listitem").filter({ hasText: said });
    await expect(item).toContainText("From next month, every other session starts at 6 pm.");
    await expect(item).toContainText("at the advisory meeting");
    await expectNoSeriousA11yViolations(ana);
  } finally {
    await phone.close();
  }
});

test("the demo program's page flags old open items in words and prints without forms or menus", async ({ page }) => {
  await loginAs(page, DEMO.staff);
  await gotoHydrated(page, "/programs");
  await page.getByRole("link", { name: "Youth Outreach Curriculum" }).click();
  await page.getByRole("link", { name: "See and record input" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You said, we did: Youth Outreach Curriculum");
  await expect(page.getByText(/^\d+ of \d+ items reported back \(\d+%\)\.$/)).toBeVisible();
  await expect(page.getByText(/^Median time from receiving input to reporting back: [\d.]+ days\.$/)).toBeVisible();
  // Marisol's item has been under review for 75 days: flagged with words, not colour alone.
  const reviewing = page.getByRole("region", { name: /^Under review/ });
  await expect(
    reviewing.getByRole("listitem").filter({ hasText: "support person" }).getByText("Open for 75 days"),
  ).toBeVisible();
  for (const state of ["Received", "Adopted", "Partly adopted", "Not adopted", "Reported back"]) {
    await expect(page.getByRole("heading", { level: 2, name: new RegExp(`^${state} \\(\\d+\\)$`) })).toBeVisible();
  }
  await expectNoSeriousA11yViolations(page);

  const recordForm = page.getByRole("region", { name: "Record input from a consultant" });
  const menu = page.getByRole("navigation", { name: "Main" });
  await expect(recordForm).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(recordForm).toBeHidden();
  await expect(menu).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText("Open for 75 days")).toBeVisible();
  await page.emulateMedia({ media: "screen" });
  await expect(recordForm).toBeVisible();
});
