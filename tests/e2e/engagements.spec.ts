// Programs, engagements, time and payments, for staff and in the consultant's portal.
// Accounts: staff@demo.test (Sam), admin@demo.test (Dana) and ana@demo.test (Ana). Nobody signs in
// as Ben. Tests that change things make their own programs, engagements and payments (with unique
// titles); demo records are only read: Ana's overdue survey payment, her paid design work.
//
// The program pages are opened with gotoHydratedWithoutErrors, so that a script error that keeps
// them from hydrating fails the test at once with the error's message.
import { DEMO, expect, expectNoSeriousA11yViolations, gotoHydrated, loginAs, test } from "./fixtures";
import type { Page } from "@playwright/test";
import { hasHorizontalScroll } from "./consultant-helpers";
import {
  acceptAsAna,
  addEngagement,
  addProgram,
  fillEngagementForm,
  gotoHydratedWithoutErrors,
  organizationToday,
  recordPayment,
  todayIso,
  uniqueTitle,
} from "./engagement-helpers";

const HOURS_RANGE = "Hours must be more than 0 and no more than 24.";
const OVERDUE_TITLE = "Review the youth survey";

test("staff offer work, the consultant accepts and logs time, staff approve, an admin pays, the consultant sees it", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const programName = uniqueTitle("Peer review program");
  const title = uniqueTitle("Plan the peer sessions");

  // Sam adds a program, then an engagement for Ana in it.
  await loginAs(page, DEMO.staff);
  const programPath = await addProgram(page, programName);
  await expect(page.getByRole("region", { name: "Design" })).toContainText("No engagements at this stage yet.");
  const engagementPath = await addEngagement(page, {
    consultant: "Ana",
    program: programName,
    stage: "Design",
    level: "Collaborate",
    title,
    rate: "60",
    estimatedHours: "3",
  });
  await expect(page.getByText(`Ana · ${programName} · Design · Proposed`)).toBeVisible();
  await expect(page.getByRole("region", { name: "Agreement" })).toContainText(
    "Waiting for Ana to accept version 1 in her portal.",
  );
  await expect(page.getByText("Below your fair rate")).toHaveCount(0);

  const ana = await browser.newContext();
  const dana = await browser.newContext();
  try {
    // Ana reads the terms in plain words and accepts.
    const anaPage = await ana.newPage();
    await loginAs(anaPage, DEMO.ana);
    await gotoHydrated(anaPage, "/portal/work");
    const item = anaPage.getByRole("listitem").filter({ has: anaPage.getByRole("link", { name: title }) });
    await expect(item).toContainText("Please read the terms and answer.");
    await item.getByRole("link", { name: title }).click();
    await expect(anaPage.getByRole("heading", { level: 1 })).toHaveText(title);
    const pay = anaPage.getByRole("region", { name: "Pay", exact: true });
    await expect(pay).toContainText("You will be paid $60.00 an hour.");
    await expect(pay).toContainText("We think it will take about 3 hours.");
    await expect(pay).toContainText(
      "Your pay includes getting ready, travel time and talking it over after (debrief).",
    );
    await expect(anaPage.getByRole("region", { name: "The work" })).toContainText("Design: helping plan a program.");
    const answer = anaPage.getByRole("region", { name: "Your answer" });
    await expect(answer).toContainText("Please read the terms. Then tell us if you accept them.");
    await expect(anaPage.getByRole("region", { name: "My time" })).toContainText(
      "You can log your time here after you accept the terms.",
    );
    await answer.getByRole("button", { name: "Yes, I accept these terms" }).click();
    await expect(anaPage.getByRole("status")).toContainText("Thank you. You accepted the terms.");
    await expect(answer).toContainText(/You accepted these terms on \w{3} \d{1,2}, \d{4}\./);
    await expect(answer.getByRole("button", { name: "Yes, I accept these terms" })).toHaveCount(0);

    // Ana logs 2.5 hours of a session today.
    const myTime = anaPage.getByRole("region", { name: "My time" });
    await expect(myTime.getByLabel("Date you worked")).toHaveValue(organizationToday());
    await myTime.getByLabel("Hours", { exact: true }).fill("2.5");
    await myTime.getByLabel("What kind of work").selectOption({ label: "Meeting or session" });
    await myTime.getByRole("button", { name: "Save my time" }).click();
    await expect(anaPage.getByRole("status")).toHaveText("Your time is saved. It is waiting for approval.");
    await expect(myTime).toContainText("Approved: 0 hours. Waiting for approval: 2.5 hours.");
    await expect(myTime.getByRole("listitem")).toContainText(["2.5 hours"]);

    // Sam sees who accepted, then approves the waiting entry on the Time page.
    await gotoHydrated(page, engagementPath);
    const agreement = page.getByRole("region", { name: "Agreement" });
    await expect(agreement).toContainText("Ana accepted these terms.");
    await expect(agreement).toContainText("Accepted version 1 by Ana");
    await page.getByRole("link", { name: "Time", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Time" })).toBeVisible();
    const entries = page.getByRole("region", { name: "Entries" });
    await expect(entries).toContainText("2.5 hours · Meeting or session");
    await expect(entries).toContainText("Waiting for approval");
    await entries.getByRole("button", { name: /^Approve\b/ }).click();
    await expect(page.getByRole("status")).toContainText("Approved. Approved time is locked");
    await expect(entries).toContainText("Approved by Sam");
    await expect(entries.getByRole("button", { name: /^Approve\b/ })).toHaveCount(0);
    const totals = page.getByRole("region", { name: "Totals" });
    await expect(totals).toContainText("$150.00 at $60.00 an hour");

    // Sam records the payment: the fee is suggested from approved time × rate.
    await gotoHydrated(page, engagementPath);
    await page.getByRole("link", { name: "Record a payment" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Record a payment to Ana");
    await expect(page.getByLabel("Fee in US dollars")).toHaveValue("150.00");
    await expect(page.getByText("Suggested from approved time and the rate: $150.00.")).toBeVisible();
    await page.getByRole("button", { name: "Save payment" }).click();
    await expect(page.getByRole("status")).toHaveText("Payment saved. It is waiting for an admin to approve it.");
    const paymentPath = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("$150.00 to Ana");
    await expect(page.getByText("An admin approves this payment and marks it paid.")).toBeVisible();

    // Dana approves it and marks it paid.
    const danaPage = await dana.newPage();
    await loginAs(danaPage, DEMO.admin);
    await gotoHydrated(danaPage, paymentPath);
    const adminCard = danaPage.getByRole("region", { name: "Approve and pay" });
    await adminCard.getByRole("button", { name: "Approve payment" }).click();
    await expect(danaPage.getByRole("status")).toHaveText("Payment approved.");
    await expect(adminCard.getByLabel("Date paid")).toHaveValue(todayIso());
    await adminCard.getByLabel("Reference (optional)").fill("E2E-1");
    await adminCard.getByRole("button", { name: "Mark paid" }).click();
    // Marking paid is asked once more, with what will be recorded.
    await adminCard.getByRole("button", { name: "Yes, mark it paid" }).click();
    await expect(danaPage.getByRole("status")).toHaveText("Payment marked paid.");
    await expect(danaPage.getByText(/ \(ref\. E2E-1\)$/)).toBeVisible();
    await expect(danaPage.getByRole("region", { name: "Approve and pay" })).toHaveCount(0);

    // Ana sees the payment in plain words.
    await gotoHydrated(anaPage, "/portal/pay");
    await expect(anaPage.getByRole("heading", { level: 1, name: "My pay" })).toBeVisible();
    const paid = anaPage.getByRole("listitem").filter({ hasText: title });
    await expect(paid).toContainText(
      new RegExp(`You were paid \\$150\\.00 on \\w{3} \\d{1,2}, \\d{4} for ${title}\\.`),
    );
    await expect(paid.getByRole("button")).toHaveCount(0);

    // The program page counts the approved hours and the paid fee at the design stage.
    await gotoHydratedWithoutErrors(page, programPath);
    const design = page.getByRole("region", { name: "Design" });
    await expect(design.getByRole("link", { name: title })).toBeVisible();
    await expect(design).toContainText(/Hours:\s*2\.5 hours/);
    await expect(design).toContainText(/Pay:\s*\$150\.00/);
    await expect(page.getByRole("region", { name: "Delivery" })).toContainText("No engagements at this stage yet.");
  } finally {
    await ana.close();
    await dana.close();
  }
});

test("staff cannot approve a payment: only an admin can", async ({ page, browser }) => {
  await loginAs(page, DEMO.staff);
  const title = uniqueTitle("Staff cannot approve");
  const engagementPath = await addEngagement(page, {
    consultant: "Ana",
    program: "Community Training Series",
    stage: "Delivery",
    level: "Consult",
    title,
    rate: "80",
    estimatedHours: "2",
  });
  // Only accepted work can be paid.
  await acceptAsAna(browser, title);
  await recordPayment(page, engagementPath, "120");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("$120.00 to Ana");
  await expect(page.getByRole("definition").filter({ hasText: "Waiting for approval" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve payment" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Mark paid" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Make void" })).toHaveCount(0);
  await expect(page.getByText("An admin approves this payment and marks it paid.")).toBeVisible();
});

test("an overdue payment is listed for staff and apologised for in the consultant's pay", async ({ page, browser }) => {
  await loginAs(page, DEMO.staff);
  await gotoHydrated(page, "/payments");
  const overdue = page.getByRole("region", { name: "Overdue" });
  const survey = overdue.getByRole("listitem").filter({ hasText: OVERDUE_TITLE });
  await expect(survey).toHaveCount(1);
  await expect(survey).toContainText("$300.00 to Ana");
  await expect(survey).toContainText("Overdue");

  const ana = await browser.newContext();
  try {
    const anaPage = await ana.newPage();
    await loginAs(anaPage, DEMO.ana);
    await gotoHydrated(anaPage, "/portal/pay");
    const late = anaPage.getByRole("listitem").filter({ hasText: OVERDUE_TITLE });
    await expect(late).toContainText("This is late. We are sorry. Please tell us if you need it now.");
    // Completed 45 days before the demo was seeded, 30 days to pay: due 15 days before today.
    const due = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(
      new Date(Date.now() - 15 * 86_400_000),
    );
    await expect(late).toContainText(`You will be paid $300.00 by ${due} for ${OVERDUE_TITLE}.`);
    // The paid design work is not late.
    await expect(anaPage.getByRole("listitem").filter({ hasText: "Review the new curriculum" })).not.toContainText(
      "This is late",
    );
  } finally {
    await ana.close();
  }
});

test("My pay shows one year at a time, chosen with a form that keeps the year in the address", async ({ page }) => {
  await loginAs(page, DEMO.ana);
  const thisYear = new Date().getUTCFullYear();
  await gotoHydrated(page, `/portal/pay?year=${thisYear - 1}`);
  await expect(page.getByRole("heading", { level: 2, name: `Each payment in ${thisYear - 1}` })).toBeVisible();
  await expect(page.getByText(`No payments in ${thisYear - 1}. Choose another year.`)).toBeVisible();

  await page.getByLabel("Year", { exact: true }).selectOption(String(thisYear));
  await page.getByRole("button", { name: "Show this year" }).click();
  await expect(page).toHaveURL(new RegExp(`/portal/pay\\?year=${thisYear}$`));
  await expect(page.getByRole("heading", { level: 2, name: `Each payment in ${thisYear}` })).toBeVisible();
  // Not paid yet and late: this year's list shows it, whatever year it was due.
  await expect(page.getByRole("listitem").filter({ hasText: OVERDUE_TITLE })).toContainText("This is late");
  await expectNoSeriousA11yViolations(page);
});

test("an hourly rate below the organization's fair rate is flagged, with the public benchmark", async ({ page }) => {
  const title = uniqueTitle("Low rate check");
  await loginAs(page, DEMO.staff);
  // Below the fair rate, the form asks first (fair-pay.spec.ts); "Save anyway" saves it.
  await gotoHydrated(page, "/engagements/new");
  await fillEngagementForm(page, {
    consultant: "Ana",
    program: "Community Training Series",
    stage: "Evaluation",
    level: "Involve",
    title,
    rate: "40",
    estimatedHours: "2",
  });
  await page.getByLabel("Save anyway: I know this pays below our fair rate").check();
  await page.getByRole("button", { name: "Save engagement" }).click();
  await expect(page).toHaveURL(/\/engagements\/[^/?]+\?done=created$/);
  const engagementPath = new URL(page.url()).pathname;
  const flag = page.getByRole("note").filter({ hasText: "Below your fair rate" });
  await expect(flag).toBeVisible();
  await expect(flag).toContainText(
    "This pays about $40.00 an hour (about $80.00 in all). Your organization’s fair rate is $57.00 an hour.",
  );
  await expect(flag).toContainText(
    "Washington State’s community compensation guidelines (2025/26) recommend at least $57.00 an hour.",
  );

  await gotoHydrated(page, "/engagements");
  const item = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: title }) });
  await expect(item).toContainText("Hourly rate: $40.00");
  await expect(item).toContainText("Below fair rate");
  expect(engagementPath).toMatch(/^\/engagements\/[^/]+$/);
  // A fair engagement on the same list is not flagged.
  const fair = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: "Review the new curriculum" }) });
  await expect(fair).not.toContainText("Below fair rate");
});

test("bad input on an engagement and on time is refused with a message next to the field", async ({
  page,
  browser,
}) => {
  const title = uniqueTitle("Bad input check");
  await loginAs(page, DEMO.staff);
  await gotoHydrated(page, "/engagements/new");
  await fillEngagementForm(page, {
    consultant: "Ana",
    program: "Youth Outreach Curriculum",
    stage: "Design",
    level: "Consult",
    title,
    rate: "57.505",
    startDate: "2026-12-10",
    endDate: "2026-12-01",
  });
  await page.getByRole("button", { name: "Save engagement" }).click();
  const needsALook = page.getByRole("alert").filter({ hasText: "Some answers need a look" });
  await expect(needsALook).toBeVisible();
  const rate = page.getByLabel("Rate in US dollars");
  await expect(rate).toHaveAttribute("aria-invalid", "true");
  await expect(rate).toHaveAccessibleDescription(/Enter an amount like 57 or 57\.50 \(no more than two decimals\)\./);
  await expect(page.getByLabel("Title")).toHaveValue(title);

  // With the rate corrected, the dates are still refused.
  await rate.fill("57.50");
  await page.getByRole("button", { name: "Save engagement" }).click();
  const endDate = page.getByLabel("End date (optional)");
  await expect(endDate).toHaveAttribute("aria-invalid", "true");
  await expect(endDate).toHaveAccessibleDescription("The end date cannot be before the start date.");
  await expect(rate).not.toHaveAttribute("aria-invalid", "true");
  await expect(needsALook).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expect(endDate).toHaveValue("2026-12-01");
  await expect(page).toHaveURL(/\/engagements\/new$/);

  // Nothing was saved.
  await gotoHydrated(page, "/engagements");
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);

  // In the portal: 25 hours in a day is refused. Ana's demo delivery work is in progress.
  const ana = await browser.newContext();
  try {
    const anaPage = await ana.newPage();
    await loginAs(anaPage, DEMO.ana);
    await gotoHydrated(anaPage, "/portal/work");
    await anaPage.getByRole("link", { name: "Co-facilitate the spring training" }).click();
    await expect(anaPage.getByRole("heading", { level: 1 })).toHaveText("Co-facilitate the spring training");
    const myTime = anaPage.getByRole("region", { name: "My time" });
    const before = await myTime.getByRole("listitem").count();
    await myTime.getByLabel("Hours", { exact: true }).fill("25");
    await myTime.getByLabel("What kind of work").selectOption({ label: "Travel" });
    await myTime.getByRole("button", { name: "Save my time" }).click();
    const hours = myTime.getByLabel("Hours", { exact: true });
    await expect(hours).toHaveAttribute("aria-invalid", "true");
    await expect(hours).toHaveAccessibleDescription(new RegExp(HOURS_RANGE.replaceAll(".", "\\.")));
    await expect(myTime.getByText(HOURS_RANGE)).toBeVisible();
    await expect(myTime.getByRole("listitem")).toHaveCount(before);
  } finally {
    await ana.close();
  }
});

test("tax year totals: admins see legal names and download the CSV; staff see no legal names", async ({
  page,
  browser,
}) => {
  const year = new Date().getUTCFullYear();
  await loginAs(page, DEMO.admin);
  await gotoHydrated(page, `/payments/tax-year?year=${year}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Tax year totals ${year}`);
  const table = page.getByRole("table");
  await expect(table.getByRole("columnheader", { name: "Legal name" })).toBeVisible();
  const anaRow = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Ana", exact: true }) });
  await expect(anaRow).toHaveCount(1);
  await expect(anaRow).toContainText("Ana María Reyes");

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV for the bookkeeper" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`payments-${year}.csv`);

  const staff = await browser.newContext();
  try {
    const samPage = await staff.newPage();
    await loginAs(samPage, DEMO.staff);
    await gotoHydrated(samPage, `/payments/tax-year?year=${year}`);
    const staffTable = samPage.getByRole("table");
    await expect(staffTable.getByRole("rowheader", { name: "Ana", exact: true })).toBeVisible();
    await expect(staffTable.getByRole("columnheader", { name: "Legal name" })).toHaveCount(0);
    await expect(staffTable).not.toContainText("Ana María Reyes");
  } finally {
    await staff.close();
  }
});

async function checkA11y(page: Page, path: string, heading: string | RegExp) {
  await gotoHydratedWithoutErrors(page, path);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  await expectNoSeriousA11yViolations(page);
}

/** Opens the first link whose path matches, from the current page, and returns its path. */
async function firstLinkPath(page: Page, pattern: RegExp) {
  const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  const href = hrefs.find((h): h is string => Boolean(h && pattern.test(h)));
  expect(href, `a link matching ${pattern}`).toBeTruthy();
  return href!;
}

test.describe("accessibility", () => {
  test("programs: the list and a program page", async ({ page }) => {
    await loginAs(page, DEMO.staff);
    await checkA11y(page, "/programs", "Programs");
    const programPath = await firstLinkPath(page, /^\/programs\/[^/]+$/);
    await checkA11y(page, programPath, /.+/);
  });

  test("engagements: the list, the new engagement form (clean and with errors), a page and its time", async ({
    page,
  }) => {
    await loginAs(page, DEMO.staff);
    await checkA11y(page, "/engagements", "Engagements");
    const engagementPath = await firstLinkPath(page, /^\/engagements\/(?!new$)[^/]+$/);
    await checkA11y(page, engagementPath, /.+/);
    await checkA11y(page, `${engagementPath}/time`, "Time");

    await checkA11y(page, "/engagements/new", "New engagement");
    // With errors: only a title, so every other required answer is missing, and a bad rate.
    await page.getByLabel("Title").fill("Accessibility check");
    await page.getByLabel("Rate in US dollars").fill("57.505");
    await page.getByRole("button", { name: "Save engagement" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Some answers need a look" })).toBeVisible();
    await expect(page.getByLabel("Rate in US dollars")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Consultant", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expectNoSeriousA11yViolations(page);
  });

  test("payments: the list, a payment, a new payment, tax year totals and pay settings", async ({ page }) => {
    await loginAs(page, DEMO.admin);
    await checkA11y(page, "/payments", "Payments");
    // A payment of its own (not "record a payment" for work still unpaid, which the list also links to).
    const paymentPath = await firstLinkPath(page, /^\/payments\/(?!tax-year|new\b)[^/?]+$/);
    await checkA11y(page, paymentPath, /^\$[\d,.]+ to .+/);
    await page.getByRole("main").getByRole("link", { name: /./ }).nth(1).click();
    await expect(page).toHaveURL(/\/engagements\/[^/]+$/);
    const engagementId = new URL(page.url()).pathname.split("/").at(-1);
    await checkA11y(page, `/payments/new?engagement=${engagementId}`, /^Record a payment to /);
    await checkA11y(page, "/payments/tax-year", /^Tax year totals \d{4}$/);
    await checkA11y(page, "/settings/pay", "Pay settings");
  });

  for (const viewport of [null, { width: 360, height: 740 }] as const) {
    test(`the consultant's work and pay have no serious axe violations${viewport ? " at 360 px, without sideways scrolling" : ""}`, async ({
      page,
    }) => {
      if (viewport) await page.setViewportSize(viewport);
      await loginAs(page, DEMO.ana);
      await checkA11y(page, "/portal/work", "My work");
      if (viewport) expect(await hasHorizontalScroll(page), "sideways scroll on My work").toBe(false);
      await page.getByRole("link", { name: "Co-facilitate the spring training" }).click();
      await expect(page).toHaveURL(/\/portal\/work\/[^/]+$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Co-facilitate the spring training");
      await expect(page.getByRole("region", { name: "My time" })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      if (viewport) expect(await hasHorizontalScroll(page), "sideways scroll on a piece of work").toBe(false);
      await checkA11y(page, "/portal/pay", "My pay");
      if (viewport) expect(await hasHorizontalScroll(page), "sideways scroll on My pay").toBe(false);
    });
  }
});

test("an admin adds the organization's own activity, it is offered on the engagement form, and removing it takes it off again", async ({
  page,
}) => {
  const activity = uniqueTitle("Reviewing intake forms");
  await loginAs(page, DEMO.admin);
  await gotoHydrated(page, "/settings/activities");
  await expect(page.getByRole("heading", { level: 1, name: "Activity types" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Design" })).toContainText("Needs assessment");

  // A name left empty is refused next to the field, and the chosen stage stays chosen.
  await page.getByLabel("Stage").selectOption({ label: "Design" });
  await page.getByRole("button", { name: "Add activity" }).click();
  await expect(page.getByText("Write the name of the activity.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Activity (required)" })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Stage")).toHaveValue("design");

  await page.getByRole("textbox", { name: "Activity (required)" }).fill(activity);
  await page.getByRole("button", { name: "Add activity" }).click();
  await expect(page.getByRole("status")).toHaveText("Activity added. It is now offered on the engagement form.");
  await expect(page.getByRole("region", { name: "Design" })).toContainText(activity);
  await expectNoSeriousA11yViolations(page);

  // The new-engagement form offers it under its stage.
  await gotoHydrated(page, "/engagements/new");
  await expect(
    page.getByLabel("Activity (optional)").locator("option", { hasText: `Design: ${activity}` }),
  ).toHaveCount(1);

  // Removed: no longer offered, shown as removed, and can be offered again.
  await gotoHydrated(page, "/settings/activities");
  await page
    .getByRole("listitem")
    .filter({ hasText: activity })
    .getByRole("button", { name: /^Remove/ })
    .click();
  await expect(page.getByRole("status")).toHaveText(
    "Activity removed from the list. Engagements that have it keep it.",
  );
  await expect(page.getByRole("region", { name: "Design" })).toContainText(`${activity}(removed)`);
  await gotoHydrated(page, "/engagements/new");
  await expect(page.getByLabel("Activity (optional)").locator("option", { hasText: activity })).toHaveCount(0);
});
