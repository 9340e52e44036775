// Helpers for the programs, engagements, time and payments pages (tests/e2e/engagements.spec.ts).
// Everything goes through the pages a person uses.
import { expect, type Browser, type Page } from "@playwright/test";
import { DEMO, gotoHydrated, loginAs, waitForHydration } from "./fixtures";

/** A title or name nobody else has: digits after the label. */
export function uniqueTitle(label: string) {
  return `${label} ${Date.now() % 100_000_000}${Math.floor(Math.random() * 1_000)}`;
}

/** Today as the server counts it (UTC), like the payment pages' default dates: "2026-11-22". */
export function todayIso() {
  return new Date().toISOString().slice(0, 10);
}

/**
 * A day where an organization is (the demo's Harbor Light: America/New_York), `days` from today, as its
 * pages count days: what they check typed days against ("cannot be in the future") and show. Between
 * midnight UTC and midnight in New York it is the day before UTC's.
 */
export function organizationDay(days = 0, timeZone = "America/New_York") {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Today where the demo organization is (America/New_York), like the time forms' default day. */
export const organizationToday = () => organizationDay(0);

/**
 * Like gotoHydrated, but fails at once, naming the error, when a script error keeps the page from
 * hydrating (instead of waiting for the test's time limit).
 */
export async function gotoHydratedWithoutErrors(page: Page, path: string) {
  const errors: string[] = [];
  const onError = (error: Error) => errors.push(error.message);
  page.on("pageerror", onError);
  try {
    await page.goto(path);
    await expect
      .poll(
        async () =>
          errors.length
            ? `script error: ${errors.join("; ")}`
            : (await page.evaluate(() => Object.keys(document.body).some((key) => key.startsWith("__reactFiber$"))))
              ? "hydrated"
              : "waiting",
        { message: `${path} hydrates without script errors` },
      )
      .toBe("hydrated");
  } finally {
    page.off("pageerror", onError);
  }
  await waitForHydration(page);
}

/** Adds a program from the Programs page and returns the path of its page, where the page ends. */
export async function addProgram(page: Page, name: string) {
  await gotoHydratedWithoutErrors(page, "/programs");
  const form = page.getByRole("region", { name: "Add a program" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Description (optional)").fill("Made by a browser test.");
  await form.getByRole("button", { name: "Add program" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Program added." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  return new URL(page.url()).pathname;
}

export type NewEngagement = {
  consultant: string;
  program: string;
  stage: "Design" | "Delivery" | "Evaluation";
  level: "Inform" | "Consult" | "Involve" | "Collaborate" | "Survivor-led";
  title: string;
  what?: string;
  rateKind?: "Hourly rate" | "Daily rate" | "Flat fee per deliverable" | "Honorarium";
  rate: string;
  estimatedHours?: string;
  startDate?: string;
  endDate?: string;
};

/** Fills the "New engagement" form (the page must be open); does not submit. */
export async function fillEngagementForm(page: Page, e: NewEngagement) {
  await page.getByLabel("Consultant", { exact: true }).selectOption({ label: e.consultant });
  await page.getByLabel("Program", { exact: true }).selectOption({ label: e.program });
  await page.getByLabel("Stage", { exact: true }).selectOption({ label: e.stage });
  await page.getByLabel("Engagement level").selectOption({ label: e.level });
  await page.getByLabel("Title").fill(e.title);
  await page.getByLabel("What the work is").fill(e.what ?? "Give feedback on the plan in two meetings.");
  if (e.startDate !== undefined) await page.getByLabel("Start date (optional)").fill(e.startDate);
  if (e.endDate !== undefined) await page.getByLabel("End date (optional)").fill(e.endDate);
  await page.getByLabel("How the work is paid").selectOption({ label: e.rateKind ?? "Hourly rate" });
  await page.getByLabel("Rate in US dollars").fill(e.rate);
  if (e.estimatedHours !== undefined) await page.getByLabel("Estimated hours (optional)").fill(e.estimatedHours);
}

/** Creates an engagement as the signed-in staff member and returns its page's path, where the page ends. */
export async function addEngagement(page: Page, e: NewEngagement) {
  await gotoHydrated(page, "/engagements/new");
  await expect(page.getByRole("heading", { level: 1, name: "New engagement" })).toBeVisible();
  await fillEngagementForm(page, e);
  await page.getByRole("button", { name: "Save engagement" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Engagement saved as proposed" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(e.title);
  await expect(page).toHaveURL(/\/engagements\/[^/?]+\?done=created$/);
  return new URL(page.url()).pathname;
}

/**
 * From an engagement's page: "Record a payment", optionally with a fee other than the suggested one,
 * saved as pending. Returns the payment page's path, where the page ends.
 */
export async function recordPayment(page: Page, engagementPath: string, fee?: string) {
  await gotoHydrated(page, engagementPath);
  await page.getByRole("link", { name: "Record a payment" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Record a payment to");
  await waitForForm(page);
  if (fee !== undefined) await page.getByLabel("Fee in US dollars").fill(fee);
  await page.getByRole("button", { name: "Save payment" }).click();
  await expect(page.getByRole("status")).toHaveText("Payment saved. It is waiting for an admin to approve it.");
  return new URL(page.url()).pathname;
}

/** After a client-side navigation, waits until the new page's form is interactive. */
export async function waitForForm(page: Page) {
  await page.waitForLoadState("domcontentloaded");
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

/** Ana, in her own browser context, accepts the terms of the engagement with this title. */
export async function acceptAsAna(browser: Browser, title: string) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await loginAs(page, DEMO.ana);
    await gotoHydrated(page, "/portal/work");
    await page.getByRole("link", { name: title }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await page.getByRole("button", { name: "Yes, I accept these terms" }).click();
    await expect(page.getByRole("status")).toContainText("Thank you. You accepted the terms.");
  } finally {
    await context.close();
  }
}
