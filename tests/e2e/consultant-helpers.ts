// Helpers for the consultant pages (tests/e2e/consultants.spec.ts). Everything goes through the
// pages a person uses; nothing reads the database except the email outbox (fixtures.ts).
import { expect, type Locator, type Page } from "@playwright/test";
import { gotoHydrated } from "./fixtures";

/**
 * A name nobody else has, made of digits after the label so that it never contains letters other
 * tests search for ("Ana" must match only Ana).
 */
export function uniqueName(label: string) {
  const digits = `${Date.now() % 100_000_000}${Math.floor(Math.random() * 1_000)}`;
  return `${label} ${digits}`;
}

export type Safety = "Safe to use" | "Not safe: do not use" | "Ask first";

export type NewConsultant = {
  preferredName?: string;
  pronouns?: string;
  email?: string;
  emailSafety?: Safety;
  languages?: string;
  roles?: string[];
  staffNotes?: string;
};

/** The radio group of one contact channel, found by its legend ("Email", "Phone calls", …). */
export function safetyGroup(page: Page, legend: "Email" | "Phone calls" | "Text messages" | "Postal mail") {
  return page.getByRole("group", { name: legend, exact: true });
}

/** Fills the profile form (add or edit) with the given answers; leaves the rest alone. */
export async function fillProfileForm(page: Page, values: NewConsultant) {
  if (values.preferredName !== undefined) await page.getByLabel("Preferred name").fill(values.preferredName);
  if (values.pronouns !== undefined) await page.getByLabel("Pronouns (optional)").fill(values.pronouns);
  if (values.email !== undefined) await page.getByLabel("Email (optional)").fill(values.email);
  if (values.emailSafety) await safetyGroup(page, "Email").getByLabel(values.emailSafety).check();
  if (values.languages !== undefined) await page.getByLabel("Languages", { exact: true }).fill(values.languages);
  for (const role of values.roles ?? []) {
    await page.getByRole("group", { name: "Roles", exact: true }).getByLabel(role, { exact: true }).check();
  }
  if (values.staffNotes !== undefined) await page.getByLabel("Notes (staff only)").fill(values.staffNotes);
}

/**
 * Adds a consultant from the "Add a consultant" page as the signed-in staff member and returns the
 * path of the new record, where the page ends.
 */
export async function addConsultant(page: Page, values: NewConsultant & { preferredName: string }) {
  await gotoHydrated(page, "/consultants/new");
  await expect(page.getByRole("heading", { level: 1, name: "Add a consultant" })).toBeVisible();
  await fillProfileForm(page, values);
  await page.getByRole("button", { name: "Save consultant" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Consultant added." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(values.preferredName);
  return new URL(page.url()).pathname;
}

/** Searches the directory by name and waits for the answer with this many results. */
export async function searchDirectory(page: Page, name: string, expectedCount: string) {
  await page.getByLabel("Search by name").fill(name);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("status")).toHaveText(expectedCount);
}

/** Finds a consultant in the directory by their (unique) name and opens their record. */
export async function openConsultant(page: Page, name: string) {
  await gotoHydrated(page, "/consultants");
  await searchDirectory(page, name, "1 consultant");
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page).toHaveURL(/\/consultants\/[^/?]+$/);
  return new URL(page.url()).pathname;
}

/** The "Onboarding checklist" card of a consultant record. */
export function checklist(page: Page): Locator {
  return page.getByRole("region", { name: "Onboarding checklist" });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A button whose visible text is `action` and whose accessible name also names `item`, such as
 * "Mark done: Agreement signed" (the item is in visually hidden text). Chromium computes the name
 * as "Mark done : Agreement signed", with a space before the colon, so either is accepted.
 */
export function itemButton(scope: Page | Locator, action: string, item: string) {
  return scope.getByRole("button", { name: new RegExp(`^${escapeRegExp(action)}\\s*:\\s*${escapeRegExp(item)}$`) });
}

/** Ticks one onboarding step on a consultant record and waits until the page shows it done. */
export async function markStepDone(page: Page, step: string) {
  await itemButton(checklist(page), "Mark done", step).click();
  await expect(itemButton(checklist(page), "Mark not done", step)).toBeVisible();
}

/** "2 of 6 steps done" as shown on the record; `total` may be a pattern while the step count can vary. */
export function progressText(done: number, total: number | "any") {
  return total === "any" ? new RegExp(`^${done} of \\d+ steps done$`) : `${done} of ${total} steps done`;
}

/** Fails the test if the page ever opens an alert, confirm or prompt (markup run as a script). */
export function failOnDialog(page: Page) {
  const opened: string[] = [];
  page.on("dialog", (dialog) => {
    opened.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return {
    expectNone: () => expect(opened, "dialogs opened by the page").toEqual([]),
  };
}

/** True when the page is wider than the window, so a person would have to scroll sideways. */
export function hasHorizontalScroll(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}
