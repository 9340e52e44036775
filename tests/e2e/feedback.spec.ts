// Experience feedback in the browser: on a phone Cam answers for finished work, Noor reads it in
// the report, and Cam can then no longer change it. Accounts: cam@northwind.test and
// staff@northwind.test, on Cam's two completed demo engagements "Review the referral guide" and
// "Review the partner survey" (db/seed/feedback.ts), which no other spec reads.
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

const QUESTIONS = [
  "Was the work meaningful to you?",
  "Did you feel respected?",
  "Was the pay fair?",
  "Were you paid on time?",
  "Was it clear what the work was?",
  "Did you feel safe?",
  "Would you work with us again?",
];

async function expectFitsThePhone(page: Page) {
  expect(await hasHorizontalScroll(page)).toBe(false);
  await expectNoSeriousA11yViolations(page);
}

const question = (page: Page, legend: string) => page.getByRole("group", { name: legend });

test("Cam gives feedback on a phone, Noor reads it in the report, and it is then locked", async ({ page, browser }) => {
  await loginAs(page, DEMO.cam);
  await gotoHydrated(page, "/portal");
  const attention = page.getByRole("region", { name: "Needs your attention" });
  await expect(attention).toContainText("Feedback requested");
  await attention.getByRole("link", { name: "Give feedback" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Your feedback" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Feedback" }),
  ).toHaveAttribute("aria-current", "page");
  await expectFitsThePhone(page);
  await page.getByRole("link", { name: /^Give feedback\W+Review the referral guide/ }).click();

  await expect(page.getByRole("heading", { level: 1, name: "How did it go?" })).toBeVisible();
  await expect(page.getByText("Review the referral guide")).toBeVisible();
  await expect(
    page.getByText("They will not see your name, which piece of work it was, or the exact date."),
  ).toBeVisible();
  await expectFitsThePhone(page);

  const answers = [
    "5 Very much",
    "4 Mostly",
    "3 Somewhat",
    "2 A little",
    "4 Mostly",
    "Prefer not to say",
    "5 Very much",
  ];
  for (const [i, legend] of QUESTIONS.entries()) {
    await question(page, legend).getByLabel(answers[i]!).check();
  }
  await page
    .getByLabel("Anything else you want to tell us? (you can leave this empty)")
    .fill("The guide is much clearer now. Pay came two weeks late.");
  await page.getByRole("button", { name: "Send my feedback" }).click();

  await expect(page).toHaveURL("/portal/feedback?done=sent");
  await expect(page.getByRole("status")).toHaveText("Thank you. Your feedback is saved.");
  const given = page.getByRole("region", { name: "Feedback you gave" });
  const guide = given.getByRole("listitem").filter({ hasText: "Review the referral guide" });
  await expect(guide).toContainText("You sent it with your name.");
  await expect(guide).toContainText("You can still change it.");
  await expectFitsThePhone(page);

  // Noor, on a computer, reads it in the report and marks it read.
  const staff = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const noor = await staff.newPage();
    await loginAs(noor, DEMO.northwindStaff);
    await gotoHydrated(noor, "/dashboard");
    await noor.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Feedback" }).click();
    await expect(noor.getByRole("heading", { level: 1, name: "Feedback" })).toBeVisible();
    const comments = noor.getByRole("region", { name: "Comments" });
    const comment = comments.getByRole("listitem").filter({ hasText: "The guide is much clearer now." });
    await expect(comment).toContainText("Cam");
    await expect(comment).toContainText("Review the referral guide");
    await expect(noor.getByRole("img", { name: /Average answer to each question/ })).toBeVisible();
    await expect(noor.getByRole("table")).toContainText("Partner Network Review");
    await expectNoSeriousA11yViolations(noor);

    // Reading changed nothing: Cam can still change it until Noor marks it read.
    await gotoHydrated(page, "/portal/feedback");
    await expect(guide).toContainText("You can still change it.");
    await noor.getByRole("button", { name: "Mark the answers on this page as read" }).click();
    await expect(noor.getByRole("status")).toHaveText(
      "Marked as read. The consultants can no longer change these answers.",
    );

    await noor.getByRole("link", { name: "Record feedback from a meeting" }).click();
    await expect(noor.getByRole("heading", { level: 1, name: "Record feedback from a meeting" })).toBeVisible();
    await expectNoSeriousA11yViolations(noor);
  } finally {
    await staff.close();
  }

  // Read by the team: Cam can see it but no longer change it.
  await gotoHydrated(page, "/portal/feedback");
  await expect(guide).toContainText("The team has read it, so it can no longer be changed.");
  await guide.getByRole("link", { name: /See what you sent/ }).click();
  await expect(page.getByRole("heading", { name: "What you sent" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Send my feedback|Save my changes/ })).toHaveCount(0);
  await expectFitsThePhone(page);
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("Cam sends anonymous feedback; a missing answer is shown next to its question, keeping the comment", async ({
    page,
  }) => {
    await page.goto("/login");
    await submitLogin(page, DEMO.cam, DEMO_PASSWORD);
    await expect(page).toHaveURL("/portal");
    await page.goto("/portal/feedback");
    await page.getByRole("link", { name: /^Give feedback\W+Review the partner survey/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "How did it go?" })).toBeVisible();

    // Every question but the last.
    for (const legend of QUESTIONS.slice(0, -1)) await question(page, legend).getByLabel("4 Mostly").check();
    const comment = page.getByLabel("Anything else you want to tell us? (you can leave this empty)");
    await comment.fill("Some questions could upset people.");
    await page.getByLabel("Send without my name (anonymous)").check();
    await page.getByRole("button", { name: "Send my feedback" }).click();

    const last = question(page, QUESTIONS.at(-1)!);
    await expect(last.getByText("Choose a number from 1 to 5, or “Prefer not to say”.")).toBeVisible();
    await expect(comment).toHaveValue("Some questions could upset people.");
    await expect(question(page, QUESTIONS[0]!).getByLabel("4 Mostly")).toBeChecked();
    await expect(page.getByLabel("Send without my name (anonymous)")).toBeChecked();

    await last.getByLabel("3 Somewhat").check();
    await page.getByRole("button", { name: "Send my feedback" }).click();
    await expect(page).toHaveURL("/portal/feedback?done=sent");
    const survey = page
      .getByRole("region", { name: "Feedback you gave" })
      .getByRole("listitem")
      .filter({ hasText: "Review the partner survey" });
    await expect(survey).toContainText("You sent it without your name.");
  });
});
