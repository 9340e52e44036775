// Fair pay in sight: the new-engagement form shows the fair rate, the effective rate and the
// estimated total, and warns before saving below the fair rate ("Save anyway" saves), with and
// without JavaScript; the consultant's terms page shows the total and the contact person before
// the buttons, on a phone. Accounts: staff@demo.test (Sam), ana@demo.test (Ana). Engagements are
// made by the tests (unique titles).
import type { Browser } from "@playwright/test";
import { DEMO, expect, expectNoSeriousA11yViolations, gotoHydrated, loginAs, test } from "./fixtures";
import { hasHorizontalScroll } from "./consultant-helpers";
import { addEngagement, fillEngagementForm, uniqueTitle } from "./engagement-helpers";

const LOW = {
  consultant: "Ana",
  program: "Community Training Series",
  stage: "Design",
  level: "Consult",
  rate: "25",
  estimatedHours: "4",
} as const;

test("the warning shows while typing and again before saving; 'Save anyway' saves", async ({ page }) => {
  const title = uniqueTitle("Low pay warning");
  await loginAs(page, DEMO.staff);
  await gotoHydrated(page, "/engagements/new");
  await expect(page.getByText("Your organization’s fair rate: $57.00 an hour.")).toBeVisible();
  await fillEngagementForm(page, { ...LOW, title });
  await expect(page.getByText("Effective rate: about $25.00 an hour.")).toBeVisible();
  await expect(page.getByText("Estimated total: about $100.00.")).toBeVisible();
  await expect(page.getByText("Below your fair rate", { exact: true })).toBeVisible();

  // The first save is refused with the figures next to "Save anyway", and everything typed stays.
  await page.getByRole("button", { name: "Save engagement" }).click();
  const saveAnyway = page.getByLabel("Save anyway: I know this pays below our fair rate");
  await expect(saveAnyway).toHaveAccessibleDescription(
    /This pays about \$25\.00 an hour \(about \$100\.00 in all\), below your fair rate of \$57\.00 an hour\./,
  );
  await expect(page).toHaveURL(/\/engagements\/new$/);
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expectNoSeriousA11yViolations(page);

  await saveAnyway.check();
  await page.getByRole("button", { name: "Save engagement" }).click();
  await expect(page).toHaveURL(/\/engagements\/[^/?]+\?done=created$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("note").filter({ hasText: "Below your fair rate" })).toContainText(
    "This pays about $25.00 an hour (about $100.00 in all).",
  );
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("'Check pay' shows the figures, the first save warns, and 'Save anyway' saves", async ({ page }) => {
    const title = uniqueTitle("Low pay no script");
    await page.goto("/login");
    await page.getByLabel("Email").fill(DEMO.staff);
    await page.getByLabel("Password").fill("demo-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL("/dashboard");

    await page.goto("/engagements/new");
    await fillEngagementForm(page, { ...LOW, title });
    await page.getByRole("button", { name: "Check pay" }).click();
    await expect(page.getByText("Effective rate: about $25.00 an hour.")).toBeVisible();
    await expect(page.getByText("Estimated total: about $100.00.")).toBeVisible();
    await expect(page.getByLabel("Title")).toHaveValue(title);

    await page.getByRole("button", { name: "Save engagement" }).click();
    const saveAnyway = page.getByLabel("Save anyway: I know this pays below our fair rate");
    await expect(saveAnyway).toHaveAccessibleDescription(/below your fair rate of \$57\.00 an hour/);
    await expect(page).toHaveURL(/\/engagements\/new$/);

    await saveAnyway.check();
    await page.getByRole("button", { name: "Save engagement" }).click();
    await expect(page).toHaveURL(/\/engagements\/[^/?]+\?done=created$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  });
});

async function asAnaOnAPhone(
  browser: Browser,
  path: string,
  check: (page: import("@playwright/test").Page) => Promise<void>,
) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  try {
    const page = await context.newPage();
    await loginAs(page, DEMO.ana);
    await gotoHydrated(page, path);
    await check(page);
  } finally {
    await context.close();
  }
}

test("on a phone, the terms page shows the terms, the total and the contact person before the buttons", async ({
  page,
  browser,
}) => {
  const title = uniqueTitle("Phone terms");
  await loginAs(page, DEMO.staff);
  const engagementPath = await addEngagement(page, { ...LOW, title, rate: "60" });
  const id = engagementPath.split("/").at(-1)!;

  await asAnaOnAPhone(browser, `/portal/work/${id}`, async (ana) => {
    await expect(ana.getByRole("heading", { level: 1 })).toHaveText(title);
    const work = ana.getByRole("region", { name: "The work" });
    const total = ana.getByRole("region", { name: "Pay", exact: true }).getByText("About $240.00 in all.", {
      exact: false,
    });
    const contact = ana.getByRole("region", { name: "Your contact person" });
    await expect(contact).toContainText("Sam is your contact person for this work.");
    const accept = ana.getByRole("button", { name: "Yes, I accept these terms" });
    await expect(accept).toBeVisible();
    const top = async (locator: typeof work) => (await locator.boundingBox())!.y;
    const acceptTop = await top(accept);
    for (const before of [work, total, contact]) expect(await top(before)).toBeLessThan(acceptTop);
    expect(await hasHorizontalScroll(ana)).toBe(false);
    await expectNoSeriousA11yViolations(ana);
  });
});
