// Capacity, pauses and check-ins in the browser: a consultant pauses on a phone and staff see the
// badge and the warning when they offer work, and offer it anyway; the yearly pay limit in the
// portal; the one-tap "still right"; the same warning without JavaScript; the portal page in Spanish.
// Accounts: staff@demo.test (Sam) with a consultant this file adds and invites itself; kofi@demo.test
// (read only, and one refused form); rosa@demo.test (her check-in); staff@northwind.test (Noor) and
// admin@demo.test (Dana), read only.
import type { Page } from "@playwright/test";
import {
  DEMO,
  DEMO_PASSWORD,
  acceptInvitation,
  emailedLink,
  expect,
  expectNoSeriousA11yViolations,
  gotoHydrated,
  inLanguage,
  loginAs,
  submitLogin,
  test,
  uniqueEmail,
} from "./fixtures";
import { addConsultant, searchDirectory, uniqueName } from "./consultant-helpers";
import { fillEngagementForm, organizationDay, uniqueTitle } from "./engagement-helpers";

const KOFI = "kofi@demo.test";
const ROSA = "rosa@demo.test";
const PHONE = { width: 360, height: 740 };

/** Today where an organization is, `days` later: "2026-12-17". */
const dayIn = (timeZone: string, days = 0) => organizationDay(days, timeZone);
/** A day as the pages show it in English: "Dec 17, 2026". */
const shown = (day: string) =>
  new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));

function capacityWarning(page: Page) {
  return page.getByRole("group", { name: "Before you go ahead" });
}

test("a consultant pauses on a phone; staff see the badge, are warned when offering work, and offer it anyway", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const name = uniqueName("Pause");
  const email = uniqueEmail("capacity-pause");
  const password = "capacity-pause-password-1";
  const lastDay = dayIn("America/New_York", 12);

  await loginAs(page, DEMO.staff);
  const recordPath = await addConsultant(page, { preferredName: name, email, emailSafety: "Safe to use" });
  const since = Date.now() - 1_000;
  await page
    .getByRole("region", { name: "Portal access" })
    .getByRole("button", { name: "Invite to the portal" })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "Portal invitation emailed." })).toBeVisible();
  const invitePath = await emailedLink(email, since, "/invite/");

  const phone = await browser.newContext({ viewport: PHONE });
  try {
    const portal = await phone.newPage();
    await acceptInvitation(portal, invitePath, name, password);
    await portal.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Availability" }).click();
    await expect(portal.getByRole("heading", { level: 1, name: "My availability" })).toBeVisible();
    await expect(portal.locator("#availability-now")).toHaveText("Right now: open to work.");
    await expectNoSeriousA11yViolations(portal);
    await portal.getByRole("group", { name: "Right now" }).getByLabel("I need a break").check();
    await portal.getByLabel("Last day of my break").fill(lastDay);
    await portal.getByLabel("A note to staff (optional)").fill("Back after my exams.");
    await portal.getByRole("button", { name: "Save my availability" }).click();
    await expect(portal).toHaveURL("/portal/availability?done=availability");
    await expect(portal.locator("#availability-now")).toHaveText(`Right now: on a break until ${shown(lastDay)}.`);
    // Nothing on the phone is wider than the screen.
    expect(await portal.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  } finally {
    await phone.close();
  }

  // The directory and the record say so, in words.
  await gotoHydrated(page, "/consultants");
  await searchDirectory(page, name, "1 consultant");
  await expect(page.getByRole("listitem").filter({ hasText: name })).toContainText(`Paused until ${shown(lastDay)}`);
  await gotoHydrated(page, recordPath);
  const capacity = page.getByRole("region", { name: "Availability and check-ins" });
  await expect(capacity).toContainText(`Paused until ${shown(lastDay)}`);
  await expect(capacity).toContainText("Back after my exams.");

  // Offering work on the last day of the pause: a warning before saving, and nothing typed is lost.
  const title = uniqueTitle("Paused talk");
  await gotoHydrated(page, `/engagements/new?consultant=${recordPath.split("/").at(-1)}`);
  await fillEngagementForm(page, {
    consultant: name,
    program: "Youth Outreach Curriculum",
    stage: "Delivery",
    level: "Consult",
    title,
    rate: "70",
    estimatedHours: "2",
    startDate: lastDay,
    endDate: lastDay,
  });
  await page.getByRole("button", { name: "Save engagement" }).click();
  await expect(capacityWarning(page)).toContainText(
    `This consultant has paused work from ${shown(dayIn("America/New_York"))} until ${shown(lastDay)}`,
  );
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expect(page.getByLabel("Start date (optional)")).toHaveValue(lastDay);
  await expectNoSeriousA11yViolations(page);
  await capacityWarning(page).getByRole("button", { name: "Offer anyway" }).click();
  await expect(page).toHaveURL(/\/engagements\/[^/?]+\?done=created$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
});

test("Kofi sees this year's pay against the yearly limit he set, with his organization's guidance", async ({
  browser,
}) => {
  const phone = await browser.newContext({ viewport: PHONE });
  try {
    const page = await phone.newPage();
    await loginAs(page, KOFI);
    await expect(page.getByRole("link", { name: "Your limit for the year: $2,000.00" })).toBeVisible();
    await page.getByRole("link", { name: "Your limit for the year: $2,000.00" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "My availability" })).toBeVisible();
    await expect(page.locator("#availability-now")).toHaveText("Right now: at most 5 hours a month.");
    const year = page.locator("#pay-this-year");
    await expect(year).toContainText(`Paid to you in ${dayIn("America/Chicago").slice(0, 4)}`);
    await expect(year).toContainText("Your limit$2,000.00");
    await expect(year).toContainText(/\$[\d,.]+ left before your limit\./);
    await expect(page.getByRole("link", { name: "information about pay and benefits" })).toHaveAttribute(
      "href",
      "https://www.example.org/pay-and-benefits",
    );
    await expect(page.getByLabel("Most I want to be paid this year, in dollars")).toHaveValue("2000.00");
    await expectNoSeriousA11yViolations(page);
  } finally {
    await phone.close();
  }
});

test("Rosa's check-in is due: she looks at her details, then one tap on her home says they are still right", async ({
  browser,
}) => {
  const phone = await browser.newContext({ viewport: PHONE });
  try {
    const page = await phone.newPage();
    await loginAs(page, ROSA);
    const ask = page.getByRole("region", { name: "Are your details still right?" });
    await expect(ask).toBeVisible();
    await ask.getByRole("link", { name: "Look at my details first" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Check my details" })).toBeVisible();
    await expect(page.getByRole("region", { name: "How we reach you" })).toContainText("Email: Safe to use");
    await expect(page.getByRole("region", { name: "Your availability" })).toContainText("Right now: on a break until");
    await expectNoSeriousA11yViolations(page);

    await gotoHydrated(page, "/portal");
    await page
      .getByRole("region", { name: "Are your details still right?" })
      .getByRole("button", { name: "Still right" })
      .click();
    await expect(page).toHaveURL("/portal?done=checked-in");
    await expect(
      page.getByRole("status").filter({ hasText: "Thank you. We noted that your details are still right." }),
    ).toBeVisible();
    await expect(page.getByRole("region", { name: "Are your details still right?" })).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("region", { name: "Are your details still right?" })).toHaveCount(0);
  } finally {
    await phone.close();
  }
});

test("staff see Rosa's pause and note on her record; the check-in settings page is accessible", async ({
  page,
  browser,
}) => {
  await loginAs(page, DEMO.northwindStaff);
  await gotoHydrated(page, "/consultants");
  await searchDirectory(page, "Rosa", "1 consultant");
  await expect(page.getByRole("listitem").filter({ hasText: "Rosa" })).toContainText("Paused until");
  await page.getByRole("link", { name: "Rosa", exact: true }).click();
  const capacity = page.getByRole("region", { name: "Availability and check-ins" });
  await expect(capacity).toContainText("Back after my course ends.");
  await expectNoSeriousA11yViolations(page);

  const admin = await browser.newContext();
  try {
    const dana = await admin.newPage();
    await loginAs(dana, DEMO.admin);
    await gotoHydrated(dana, "/settings/check-ins");
    await expect(dana.getByRole("heading", { level: 1, name: "Check-ins and pay limits" })).toBeVisible();
    await expect(dana.getByLabel("Days between check-ins")).toHaveValue("90");
    await expectNoSeriousA11yViolations(dana);
  } finally {
    await admin.close();
  }
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("the warning and Offer anyway work as a plain form, keeping what was typed", async ({ page }) => {
    const title = uniqueTitle("No script talk");
    const day = dayIn("America/Chicago", 5);
    await page.goto("/login");
    await submitLogin(page, DEMO.northwindStaff, DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname !== "/login");
    await page.goto("/engagements/new");
    await fillEngagementForm(page, {
      consultant: "Rosa",
      program: "Partner Network Review",
      stage: "Delivery",
      level: "Consult",
      title,
      rate: "70",
      estimatedHours: "2",
      startDate: day,
      endDate: day,
    });
    await page.getByRole("button", { name: "Save engagement" }).click();
    await expect(capacityWarning(page)).toContainText("This consultant has paused work");
    await expect(page.getByLabel("Title")).toHaveValue(title);
    await capacityWarning(page).getByRole("button", { name: "Offer anyway" }).click();
    await page.waitForURL(/\/engagements\/[^/?]+\?done=created$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  });
});

test("the availability page in Spanish, with a message next to its field", async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE });
  try {
    const page = await context.newPage();
    await inLanguage(page, "es");
    await page.goto("/login");
    await page.getByLabel(/Correo/).fill(KOFI);
    await page.getByLabel("Contraseña").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Iniciar sesión" }).click();
    await page.waitForURL((url) => url.pathname !== "/login");
    await gotoHydrated(page, "/portal/availability");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { level: 1, name: "Mi disponibilidad" })).toBeVisible();
    await expect(page.locator("#availability-now")).toHaveText("Ahora: como máximo 5 horas al mes.");
    await expect(page.getByRole("heading", { name: "Un límite a mi pago del año" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // A break with no last day is refused next to that field, in Spanish, and nothing changes.
    await page.getByRole("group", { name: "Ahora mismo" }).getByLabel("Necesito un descanso").check();
    await page.getByRole("button", { name: "Guardar mi disponibilidad" }).click();
    const until = page.getByLabel("Último día de mi descanso");
    await expect(until).toHaveAccessibleDescription(/Escriba el último día de su descanso\./);
    await expect(page.getByRole("group", { name: "Ahora mismo" }).getByLabel("Necesito un descanso")).toBeChecked();
    await gotoHydrated(page, "/portal/availability");
    await expect(page.locator("#availability-now")).toHaveText("Ahora: como máximo 5 horas al mes.");
  } finally {
    await context.close();
  }
});
