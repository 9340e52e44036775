// Giving up or recording a payment is never one careless tap. On a phone (360 px) Ana says she needs
// a late payment now, and staff see it first; she says no to a payment only after a confirmation
// page (with JavaScript off, too) and takes it back. An admin marks a payment paid after checking
// the details, and marks it not paid again with a reason, which its history keeps; staff cannot.
// Accounts: staff@demo.test (Sam), admin@demo.test (Dana), ana@demo.test (Ana). Each test makes its
// own engagement and payment (unique titles); Ana's demo payments are left as they are.
import Database from "better-sqlite3";
import type { Browser, Page } from "@playwright/test";
import {
  DEMO,
  DEMO_PASSWORD,
  E2E_DATABASE,
  expect,
  expectNoSeriousA11yViolations,
  gotoHydrated,
  loginAs,
  submitLogin,
  test,
} from "./fixtures";
import { hasHorizontalScroll } from "./consultant-helpers";
import { acceptAsAna, addEngagement, todayIso, uniqueTitle, waitForForm } from "./engagement-helpers";

const PHONE = { width: 360, height: 740 };

/** The payment's row as stored: the tests wait on the database, not on a message. */
function paymentRow(id: string) {
  const sqlite = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
  try {
    return sqlite
      .prepare("SELECT status, consultant_choice AS choice, needed_now_at AS neededNowAt FROM payments WHERE id = ?")
      .get(id) as { status: string; choice: string | null; neededNowAt: number | null };
  } finally {
    sqlite.close();
  }
}

/**
 * Time passes: the work was completed long enough ago that the payment fell due 15 days ago (its due
 * date follows from the completion and the terms' deadline, as the app computes it). The app has no
 * way to complete work in the past, so the test moves the dates in the database.
 */
function completedLongAgo(paymentId: string) {
  const sqlite = new Database(E2E_DATABASE, { fileMustExist: true });
  try {
    const engagement = sqlite
      .prepare(
        "SELECT e.id, e.payment_due_days AS dueDays FROM engagements e JOIN payments p ON p.engagement_id = e.id WHERE p.id = ?",
      )
      .get(paymentId) as { id: string; dueDays: number };
    const completedAt = Date.now() - (engagement.dueDays + 15) * 24 * 60 * 60 * 1000;
    sqlite
      .prepare("UPDATE engagements SET status = 'completed', completed_at = ? WHERE id = ?")
      .run(completedAt, engagement.id);
    sqlite
      .prepare("UPDATE payments SET due_date = date(? / 1000, 'unixepoch', '+' || ? || ' days') WHERE id = ?")
      .run(completedAt, engagement.dueDays, paymentId);
  } finally {
    sqlite.close();
  }
}

/**
 * Sam offers Ana work, Ana accepts it, and Sam records a payment for it (made late when `late`
 * says so). Returns the title and the payment's id.
 */
async function paymentForAna(
  page: Page,
  browser: Browser,
  label: string,
  values: { late?: boolean; expenses?: string },
) {
  const title = uniqueTitle(label);
  await loginAs(page, DEMO.staff);
  const engagementPath = await addEngagement(page, {
    consultant: "Ana",
    program: "Community Training Series",
    stage: "Delivery",
    level: "Consult",
    title,
    rateKind: "Flat fee per deliverable",
    rate: "240",
  });
  await acceptAsAna(browser, title);
  await gotoHydrated(page, engagementPath);
  await page.getByRole("link", { name: "Record a payment" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Record a payment to Ana");
  await waitForForm(page);
  await page.getByLabel("Fee in US dollars").fill("240");
  if (values.expenses) await page.getByLabel("Expenses to reimburse (optional)").fill(values.expenses);
  await page.getByRole("button", { name: "Save payment" }).click();
  await expect(page).toHaveURL(/\/payments\/[^/?]+\?done=created$/);
  const id = new URL(page.url()).pathname.split("/").at(-1)!;
  if (values.late) completedLongAgo(id);
  return { title, id };
}

test("on a phone, Ana says she needs a late payment now, and staff see it first", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const { title, id } = await paymentForAna(page, browser, "Needed now check", { late: true });

  const ana = await browser.newContext({ viewport: PHONE });
  try {
    const anaPage = await ana.newPage();
    await loginAs(anaPage, DEMO.ana);
    await gotoHydrated(anaPage, "/portal/pay");
    const item = anaPage.getByRole("listitem").filter({ hasText: title });
    await expect(item).toContainText("This is late. We are sorry. Please tell us if you need it now.");
    // Asking for the money is the first thing offered; saying no is a link to a page that asks again.
    await expect(item.getByRole("button").first()).toHaveText("I need it now");
    await expect(item.getByRole("button", { name: "I do not want this payment" })).toHaveCount(0);
    await expect(item.getByRole("link", { name: "I do not want this payment" })).toBeVisible();
    expect(await hasHorizontalScroll(anaPage)).toBe(false);

    await item.getByRole("button", { name: "I need it now" }).click();
    await expect(anaPage).toHaveURL("/portal/pay?done=need-now");
    await expect.poll(() => paymentRow(id).neededNowAt).not.toBeNull();
    await expect(item).toContainText("You told us you need this now. We let the team know.");
    await expect(item.getByRole("button", { name: "I need it now" })).toHaveCount(0);
    expect(await hasHorizontalScroll(anaPage)).toBe(false);
    await expectNoSeriousA11yViolations(anaPage);

    // The page that asks before saying no: opening it and keeping the payment changes nothing.
    await item.getByRole("link", { name: "I do not want this payment" }).click();
    await expect(anaPage.getByRole("heading", { level: 1 })).toHaveText("Say no to this payment?");
    expect(await hasHorizontalScroll(anaPage)).toBe(false);
    await expectNoSeriousA11yViolations(anaPage);
    await anaPage.getByRole("link", { name: "No, keep this payment" }).click();
    await expect(anaPage).toHaveURL("/portal/pay");
    expect(paymentRow(id)).toMatchObject({ choice: null, status: "pending" });
  } finally {
    await ana.close();
  }

  // Sam recorded it: it is at the top of the payments list, marked in words, and in "Needs you".
  await gotoHydrated(page, "/payments");
  const first = page.getByRole("region", { name: "All payments" }).getByRole("listitem").first();
  await expect(first).toContainText(title);
  await expect(first).toContainText("Needed now");
  await gotoHydrated(page, "/dashboard");
  const needsYou = page.getByRole("region", { name: "Needs you" });
  const entry = needsYou.getByRole("listitem").filter({ hasText: title });
  await expect(entry).toContainText("Needed now: $240.00 to Ana");
  await entry.getByRole("link", { name: "$240.00 to Ana" }).click();
  await expect(page).toHaveURL(`/payments/${id}`);
  await expect(page.getByText(/Ana told us on .* that they need this payment now\./)).toBeVisible();
});

test("on a phone with JavaScript off, Ana says no to a payment only after the confirmation page, then takes it back", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const { title, id } = await paymentForAna(page, browser, "Decline check", { expenses: "12.50" });

  // Without scripts: every step is a plain link or form post.
  const ana = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  try {
    const anaPage = await ana.newPage();
    await anaPage.goto("/login");
    await submitLogin(anaPage, DEMO.ana, DEMO_PASSWORD);
    await expect(anaPage).toHaveURL("/portal");
    await anaPage.goto("/portal/pay");
    const item = anaPage.getByRole("listitem").filter({ hasText: title });
    await item.getByRole("link", { name: "I do not want this payment" }).click();
    await expect(anaPage).toHaveURL(`/portal/pay/${id}/decline`);
    await expect(anaPage.getByRole("heading", { level: 1 })).toHaveText("Say no to this payment?");
    const what = anaPage.getByRole("region", { name: "What happens if you say no" });
    await expect(what).toContainText(`We will not pay you $240.00 for ${title}.`);
    await expect(what).toContainText("We will tell the team that you said no.");
    await expect(what).toContainText("We still pay back the $12.50 for your costs.");
    await expect(what).toContainText("You can change your mind on My pay, until the team closes this payment.");
    // Opening the page decided nothing.
    expect(paymentRow(id).choice).toBeNull();
    expect(await hasHorizontalScroll(anaPage)).toBe(false);

    await anaPage.getByRole("button", { name: "Yes, I do not want this payment" }).click();
    await expect(anaPage).toHaveURL("/portal/pay?done=declined");
    expect(paymentRow(id).choice).toBe("declined");
    const declined = anaPage.getByRole("listitem").filter({ hasText: title });
    await expect(declined).toContainText(`You chose not to take $240.00 for ${title}.`);
    await expect(declined).toContainText("You can change your mind until the team closes this payment.");

    await declined.getByRole("button", { name: "I want this payment after all" }).click();
    await expect(anaPage).toHaveURL("/portal/pay?done=undo");
    expect(paymentRow(id).choice).toBeNull();
    const back = anaPage.getByRole("listitem").filter({ hasText: title });
    await expect(back).toContainText("You will be paid $240.00");
    await expect(back.getByRole("button", { name: "I need it now" })).toBeVisible();
  } finally {
    await ana.close();
  }
});

test("an admin marks a payment paid after checking, and marks it not paid with a reason; staff cannot", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const { id } = await paymentForAna(page, browser, "Paid by mistake check", {});
  const paymentPath = `/payments/${id}`;

  const dana = await browser.newContext();
  try {
    const danaPage = await dana.newPage();
    await loginAs(danaPage, DEMO.admin);
    await gotoHydrated(danaPage, paymentPath);
    const adminCard = danaPage.getByRole("region", { name: "Approve and pay" });
    await adminCard.getByRole("button", { name: "Approve payment" }).click();
    await expect.poll(() => paymentRow(id).status).toBe("approved");
    await expect(adminCard.getByLabel("Date paid")).toHaveValue(todayIso());
    await expect(adminCard.getByLabel("How it was paid")).toHaveValue("direct_deposit");
    await adminCard.getByLabel("Reference (optional)").fill("E2E-PAID");
    await adminCard.getByRole("button", { name: "Mark paid" }).click();

    // Asked once more, with what will be recorded; nothing is paid yet.
    const check = adminCard.getByRole("group", { name: "Check before you mark it paid" });
    await expect(check).toContainText("as paid on");
    await expect(check).toContainText("by Direct deposit (ref. E2E-PAID)?");
    expect(paymentRow(id).status).toBe("approved");
    await expectNoSeriousA11yViolations(danaPage);
    await check.getByRole("button", { name: "Yes, mark it paid" }).click();
    await expect(danaPage).toHaveURL(`${paymentPath}?done=mark-paid`);
    expect(paymentRow(id).status).toBe("paid");

    // Sam is staff, not an admin: no way to take it back.
    await gotoHydrated(page, paymentPath);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("$240.00 to Ana");
    await expect(page.getByRole("region", { name: "Marked paid by mistake?" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Mark not paid" })).toHaveCount(0);

    const mistake = danaPage.getByRole("region", { name: "Marked paid by mistake?" });
    await mistake.getByLabel("Why it was not paid").fill("The transfer failed");
    await mistake.getByRole("button", { name: "Mark not paid" }).click();
    await expect(danaPage).toHaveURL(`${paymentPath}?done=reverse-paid`);
    expect(paymentRow(id).status).toBe("approved");
    await expect(danaPage.getByRole("definition").filter({ hasText: "Approved, not paid yet" })).toBeVisible();
    const history = danaPage.getByRole("region", { name: "History" });
    const reversal = history.getByRole("listitem").filter({ hasText: "Marked not paid" });
    await expect(reversal).toContainText(`It had been marked paid on`);
    await expect(reversal).toContainText("Why: The transfer failed");
    await expect(reversal).toContainText("by Dana");
    await expect(history.getByRole("listitem").filter({ hasText: "Marked paid" }).first()).toBeVisible();
    await expectNoSeriousA11yViolations(danaPage);
  } finally {
    await dana.close();
  }
});
