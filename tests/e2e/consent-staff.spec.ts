// Consent for staff: the dashboard's flag, a use's page, /consent and the uses register.
// Accounts: staff@demo.test (Sam) and admin@demo.test (Dana). The first test resolves the demo's
// flagged use (Marisol's Instagram post), so no other spec may rely on it staying flagged; the
// second records uses with unique descriptions and changes no consent.
import { DEMO, expect, expectNoSeriousA11yViolations, gotoHydrated, loginAs, test } from "./fixtures";
import { hasHorizontalScroll, uniqueName } from "./consultant-helpers";

const FLAGGED_USE = "Post about the spring training";

test("staff see a withdrawn consent's flag on the dashboard, record what was done, and the flag is gone", async ({
  page,
}) => {
  await loginAs(page, DEMO.staff);
  await gotoHydrated(page, "/dashboard");
  const panel = page.getByRole("region", { name: "Is consent current?" });
  const flagged = panel.getByRole("listitem").filter({ has: page.getByRole("link", { name: FLAGGED_USE }) });
  await expect(flagged).toContainText("Consent withdrawn: take down or stop");
  await expect(flagged).toContainText("Marisol");
  await expect(panel).toContainText(/within 60 days/);
  await expectNoSeriousA11yViolations(page);

  await flagged.getByRole("link", { name: FLAGGED_USE }).click();
  await expect(page.getByRole("heading", { level: 1, name: FLAGGED_USE })).toBeVisible();
  const flag = page.getByRole("region", { name: "Consent withdrawn: take down or stop" });
  await expect(flag).toContainText("Marisol withdrew consent for “Social media”");
  await expectNoSeriousA11yViolations(page);

  // "Something else" needs a note: the message stands next to it and the choice is kept.
  await flag.getByLabel("Something else (explain)").check();
  await flag.getByRole("button", { name: "Record what was done" }).click();
  await expect(flag.getByText("Write what was done.")).toBeVisible();
  await expect(flag.getByLabel("Something else (explain)")).toBeChecked();

  await flag.getByLabel("Taken down or removed").check();
  await flag.getByRole("button", { name: "Record what was done" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Recorded what was done. The flag is closed." }),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "Consent withdrawn: take down or stop" })).toHaveCount(0);
  await expect(page.getByText("Taken down or removed")).toBeVisible();

  await gotoHydrated(page, "/dashboard");
  await expect(panel.getByRole("link", { name: FLAGGED_USE })).toHaveCount(0);
  await gotoHydrated(page, "/consent");
  await expect(page.getByRole("region", { name: "Uses to take down or stop" }).getByText(FLAGGED_USE)).toHaveCount(0);
});

test("staff record a use that has consent; one without is refused; an admin overrides with a reason", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const storyUse = uniqueName("Quote in the spring newsletter");
  const photoUse = uniqueName("Photo on the gala slides");

  await loginAs(page, DEMO.staff);
  await gotoHydrated(page, "/consent");
  await expect(page.getByRole("heading", { level: 1, name: "Consent" })).toBeVisible();
  // Ana's story consent ends within the review window; Jo's media consent has ended.
  const review = page.getByRole("region", { name: "For review" });
  await expect(review.getByRole("link", { name: "Ana" })).toHaveAttribute("href", /^\/consultants\/[^/]+\/consent$/);
  await expect(review.getByRole("link", { name: "Jo" })).toBeVisible();
  const matrix = page.getByRole("table", { name: "Each consultant’s answer for each purpose" });
  await expect(matrix.getByRole("columnheader", { name: "Photo or image of me" })).toBeVisible();
  const anaRow = matrix.getByRole("row").filter({ has: page.getByRole("link", { name: "Ana", exact: true }) });
  await expect(anaRow.getByRole("cell").nth(2)).toContainText("✕No"); // the third purpose: photo
  await expectNoSeriousA11yViolations(page);

  // Filters are ids and fixed choices in the address: only Ana said no to photos.
  await page.getByLabel("Purpose").selectOption({ label: "Photo or image of me" });
  await page.getByLabel("Answer").selectOption({ label: "No" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/[?&]state=declined/);
  await expect(page.getByText(/^Showing 1 consultant of \d+\./)).toBeVisible();
  await expect(matrix.getByRole("row")).toHaveCount(2); // the header and Ana
  await expect(anaRow.getByRole("cell")).toHaveCount(1); // only the photo column
  await expect(anaRow.getByRole("cell")).toContainText("✕No");
  await gotoHydrated(page, "/consent/uses");
  await expect(page.getByRole("heading", { level: 1, name: "Uses register" })).toBeVisible();
  await expect(page.getByText("Go ahead without consent")).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  const form = page.getByRole("region", { name: "Record a use" });
  await form.getByLabel("Consultant").selectOption({ label: "Ana" });
  await form.getByLabel("Used for").selectOption({ label: "Share my story or quotes" });
  await form.getByLabel("What").fill(storyUse);
  await form.getByLabel("Where", { exact: true }).fill("Newsletter, page 2");
  await form.getByLabel("In use or published").check();
  await form.getByRole("button", { name: "Record the use" }).click();
  await expect(page.getByRole("heading", { level: 1, name: storyUse })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Use recorded." })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await gotoHydrated(page, "/consent/uses");
  await expect(page.getByRole("list", { name: "Uses" }).getByRole("link", { name: storyUse })).toBeVisible();

  // Ana said no to photos: refused, with the reason next to the purpose, and what was typed is kept.
  await form.getByLabel("Consultant").selectOption({ label: "Ana" });
  await form.getByLabel("Used for").selectOption({ label: "Photo or image of me" });
  await form.getByLabel("What").fill(photoUse);
  await form.getByLabel("Where", { exact: true }).fill("Gala slides");
  await form.getByRole("button", { name: "Record the use" }).click();
  await expect(form.getByLabel("Used for")).toHaveAccessibleDescription(
    /No current consent for “Photo or image of me”: the consultant said no\./,
  );
  await expect(form.getByLabel("What")).toHaveValue(photoUse);
  await expect(page.getByRole("heading", { level: 1, name: "Uses register" })).toBeVisible();

  // Dana, an admin, goes ahead for a written reason.
  const dana = await browser.newContext();
  try {
    const admin = await dana.newPage();
    await loginAs(admin, DEMO.admin);
    await gotoHydrated(admin, "/consent/uses");
    const adminForm = admin.getByRole("region", { name: "Record a use" });
    await adminForm.getByLabel("Consultant").selectOption({ label: "Ana" });
    await adminForm.getByLabel("Used for").selectOption({ label: "Photo or image of me" });
    await adminForm.getByLabel("What").fill(photoUse);
    await adminForm.getByLabel("Where", { exact: true }).fill("Gala slides");
    await adminForm.getByRole("button", { name: "Record the use" }).click();
    await expect(adminForm.getByLabel("Used for")).toHaveAccessibleDescription(/the consultant said no/);
    await adminForm
      .getByLabel("Reason to go ahead without consent")
      .fill("Ana asked in writing for this photo at the gala; her new answer is not recorded yet.");
    await adminForm.getByRole("button", { name: "Record the use" }).click();
    await expect(admin.getByRole("heading", { level: 1, name: photoUse })).toBeVisible();
    await expect(admin.getByText("Recorded without consent, by an admin, because")).toBeVisible();
    await expect(admin.getByText("Ana asked in writing for this photo at the gala")).toBeVisible();
  } finally {
    await dana.close();
  }
});

test("the consent page stacks into one card per consultant on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await loginAs(page, DEMO.staff);
  await gotoHydrated(page, "/consent");
  await expect(page.getByRole("link", { name: "Ana", exact: true }).first()).toBeVisible();
  expect(await hasHorizontalScroll(page)).toBe(false);
});
