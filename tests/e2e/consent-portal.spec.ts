// The consultant's choices on a phone: say yes with limits, see the receipt, withdraw, see that
// receipt too. Accounts: cam@northwind.test only (his "story" and "recording" purposes, which no
// other spec reads).
import type { Page } from "@playwright/test";
import { hasHorizontalScroll } from "./consultant-helpers";
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

test.use({ viewport: { width: 360, height: 740 } });

const purpose = (page: Page, label: string) => page.getByRole("region", { name: label });

async function expectFitsThePhone(page: Page) {
  expect(await hasHorizontalScroll(page)).toBe(false);
  await expectNoSeriousA11yViolations(page);
}

test("Cam says yes with a limit, reads the receipt, then withdraws", async ({ page }) => {
  await loginAs(page, DEMO.cam);
  await gotoHydrated(page, "/portal");
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "My choices" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My choices" })).toBeVisible();
  await expect(page.getByText("You can change this at any time.")).toBeVisible();
  await expectFitsThePhone(page);

  const story = purpose(page, "Share my story or quotes");
  await expect(story.getByText("You have not chosen yet.")).toBeVisible();
  await story.locator("summary", { hasText: "Say yes" }).click();
  await story.getByLabel("Anything to limit? (you can leave this empty)").fill("Quotes only, no name");
  await story.getByRole("button", { name: /^Save my yes/ }).click();

  await expect(page).toHaveURL(/\/portal\/consent\/[^/?]+\?done=saved$/);
  await expect(page.getByRole("heading", { level: 1, name: "Receipt" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Your choice is saved. This is your receipt.");
  await expect(page.getByText("You said yes.")).toBeVisible();
  await expect(page.getByText("Quotes only, no name")).toBeVisible();
  await expect(page.getByText(/^We may use your words/)).toBeVisible();
  await expect(page.getByText("You saved this yourself, in the portal.")).toBeVisible();
  await expectFitsThePhone(page);

  await page.getByRole("link", { name: "← My choices" }).click();
  await expect(story.getByText("Your answer: yes.")).toBeVisible();
  await expect(story.getByText("What you asked us to limit: Quotes only, no name")).toBeVisible();
  await story.locator("summary", { hasText: "Withdraw my yes" }).click();
  await expect(story.getByText("You do not need to give a reason.")).toBeVisible();
  await story.getByRole("button", { name: /^Yes, withdraw it/ }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Receipt" })).toBeVisible();
  await expect(page.getByText("You took back your yes (withdrawn).")).toBeVisible();
  await expectFitsThePhone(page);

  await page.getByRole("link", { name: "← My choices" }).click();
  await expect(story.getByText(/You took back your yes on/)).toBeVisible();
  const receipts = page.getByRole("region", { name: "My receipts" });
  await expect(receipts.getByRole("link", { name: /Withdrew\. Share my story or quotes/ })).toBeVisible();
  await expect(receipts.getByRole("link", { name: /Said yes\. Share my story or quotes/ })).toBeVisible();
});

test("a yes with an end date in the past is refused next to the field, keeping what was typed", async ({ page }) => {
  await loginAs(page, DEMO.cam);
  await gotoHydrated(page, "/portal/consent");
  const fundraising = purpose(page, "Fundraising and donor materials");
  await fundraising.locator("summary", { hasText: "Say yes" }).click();
  await fundraising.getByLabel("Anything to limit? (you can leave this empty)").fill("Letters only");
  await fundraising.getByLabel("When should this yes end? (you can leave this empty)").fill("2020-01-01");
  await fundraising.getByRole("button", { name: /^Save my yes/ }).click();
  await expect(fundraising.getByText("The end date must be after today.")).toBeVisible();
  await expect(fundraising.getByLabel("Anything to limit? (you can leave this empty)")).toHaveValue("Letters only");
  await expect(fundraising.getByText("You have not chosen yet.")).toBeVisible();
  await expectFitsThePhone(page);
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("Cam says yes and gets the receipt", async ({ page }) => {
    await page.goto("/login");
    await submitLogin(page, DEMO.cam, DEMO_PASSWORD);
    await expect(page).toHaveURL("/portal");
    await page.goto("/portal/consent");
    const recording = purpose(page, "Audio or video recording");
    await recording.locator("summary", { hasText: "Say yes" }).click();
    await recording.getByLabel("Anything to limit? (you can leave this empty)").fill("Voice only");
    await recording.getByRole("button", { name: /^Save my yes/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Receipt" })).toBeVisible();
    await expect(page.getByText("You said yes.")).toBeVisible();
    await expect(page.getByText("Voice only")).toBeVisible();
  });
});
