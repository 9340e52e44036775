// The whole journey: a consultant withdraws a consent on a phone, staff see the
// flag on their dashboard at once and record what was done; the consultant has a receipt.
// Accounts: staff@northwind.test (Noor) and cam@northwind.test (Cam), and only Cam's "Contact me
// about future work" purpose, which no other spec reads or changes.
import { DEMO, expect, expectNoSeriousA11yViolations, gotoHydrated, loginAs, test } from "./fixtures";
import { hasHorizontalScroll, uniqueName } from "./consultant-helpers";

const PURPOSE = "Contact me about future work";

test("Cam withdraws on a phone, Noor's dashboard flags the use at once, Noor records what was done", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const use = uniqueName("Invite to the spring advisory panel");

  // Noor plans a use that rests on Cam's yes.
  await loginAs(page, DEMO.northwindStaff);
  await gotoHydrated(page, "/consent/uses");
  const form = page.getByRole("region", { name: "Record a use" });
  await form.getByLabel("Consultant").selectOption({ label: "Cam" });
  await form.getByLabel("Used for").selectOption({ label: PURPOSE });
  await form.getByLabel("What").fill(use);
  await form.getByLabel("Where", { exact: true }).fill("Email invitation list");
  await form.getByRole("button", { name: "Record the use" }).click();
  await expect(page.getByRole("heading", { level: 1, name: use })).toBeVisible();

  await gotoHydrated(page, "/dashboard");
  const panel = page.getByRole("region", { name: "Is consent current?" });
  await expect(panel.getByRole("link", { name: use })).toHaveCount(0);

  // Cam, on his phone, withdraws: no reason asked, and a receipt straight away.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  try {
    const cam = await phone.newPage();
    await loginAs(cam, DEMO.cam);
    await gotoHydrated(cam, "/portal/consent");
    const choice = cam.getByRole("region", { name: PURPOSE });
    await expect(choice.getByText("Your answer: yes.")).toBeVisible();
    await choice.locator("summary", { hasText: "Withdraw my yes" }).click();
    await choice.getByRole("button", { name: /^Yes, withdraw it/ }).click();
    await expect(cam.getByRole("heading", { level: 1, name: "Receipt" })).toBeVisible();
    await expect(cam.getByText("You took back your yes (withdrawn).")).toBeVisible();
    expect(await hasHorizontalScroll(cam)).toBe(false);
    await expectNoSeriousA11yViolations(cam);
  } finally {
    await phone.close();
  }

  // Noor's dashboard shows the flag on the next look, in words as well as colour.
  await gotoHydrated(page, "/dashboard");
  const flagged = panel.getByRole("listitem").filter({ has: page.getByRole("link", { name: use }) });
  await expect(flagged).toContainText("Consent withdrawn: take down or stop");
  await expectNoSeriousA11yViolations(page);

  await flagged.getByRole("link", { name: use }).click();
  const flag = page.getByRole("region", { name: "Consent withdrawn: take down or stop" });
  await expect(flag).toContainText(`Cam withdrew consent for “${PURPOSE}”`);
  await flag.getByLabel("Stopped before it was used").check();
  await flag.getByRole("button", { name: "Record what was done" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Recorded what was done. The flag is closed." }),
  ).toBeVisible();

  await gotoHydrated(page, "/dashboard");
  await expect(panel.getByRole("link", { name: use })).toHaveCount(0);
});
