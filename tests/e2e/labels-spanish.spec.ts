// The organization's own names for onboarding steps and kinds of work, and the readiness checklist, in
// Spanish. Accounts: admin@demo.test (Dana, no saved language: the cookie decides), ana@demo.test (Ana,
// the same), lucia@demo.test (Lucía, who saved Spanish). Dana names one demo step in Spanish and takes
// it back at the end, and adds an activity of her own; the rest only reads the demo.
import type { Page } from "@playwright/test";
import { checklist, openConsultant, uniqueName } from "./consultant-helpers";
import { DEMO, expect, expectNoSeriousA11yViolations, gotoHydrated, loginAs, test } from "./fixtures";

const LUCIA = "lucia@demo.test";
const STEP = "Orientation completed";

/** Asks for Spanish as the language switch does, for someone with no saved language. */
async function readSpanish(page: Page, baseURL: string) {
  await page.context().addCookies([{ name: "lang", value: "es", url: baseURL }]);
}

async function expectSpanishPage(page: Page, heading: string | RegExp) {
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
}

/** The row of the checklist editor whose English name is `label`. */
const stepRow = (page: Page, label: string) =>
  page.getByRole("listitem").filter({ has: page.locator(`input[name="label"][value="${label}"]`) });

test("an admin names a step and an activity in Spanish, and readers of Spanish see them", async ({
  page,
  browser,
  baseURL,
}) => {
  const spanishStep = uniqueName("Orientación completada");
  const activity = uniqueName("Reviewing intake forms");
  const spanishActivity = uniqueName("Revisión de formularios de ingreso");
  await loginAs(page, DEMO.admin);

  await gotoHydrated(page, "/settings/checklist");
  const row = stepRow(page, STEP);
  await row.getByLabel("Español (optional)").fill(spanishStep);
  await row.getByRole("button", { name: "Rename" }).click();
  try {
    await expect(page).toHaveURL("/settings/checklist?done=1");
    await expect(stepRow(page, STEP).getByLabel("Español (optional)")).toHaveValue(spanishStep);

    // An activity of her own, with its Spanish name, listed with it.
    await gotoHydrated(page, "/settings/activities");
    const add = page.getByRole("region", { name: "Add an activity" });
    await add.getByLabel("Stage").selectOption("design");
    await add.getByRole("textbox", { name: "Activity (required)" }).fill(activity);
    await add.getByLabel("Español (optional)").fill(spanishActivity);
    await add.getByRole("button", { name: "Add activity" }).click();
    await expect(page).toHaveURL("/settings/activities?done=added");
    await expect(page.getByRole("listitem").filter({ hasText: activity })).toContainText(`Español: ${spanishActivity}`);
    await expectNoSeriousA11yViolations(page);

    // Dana reading Spanish: the engagement form offers the activity by its Spanish name, and a
    // consultant's checklist names the step in Spanish.
    const anaPath = await openConsultant(page, "Ana");
    await expect(checklist(page)).toContainText(STEP);
    await readSpanish(page, baseURL!);
    await gotoHydrated(page, "/engagements/new");
    await expect(
      page.getByLabel("Actividad (opcional)").locator("option", { hasText: `Diseño: ${spanishActivity}` }),
    ).toHaveCount(1);
    await gotoHydrated(page, anaPath);
    await expect(page.getByRole("region", { name: "Lista de incorporación" })).toContainText(spanishStep);
    await expectSpanishPage(page, /^Ana/);

    // Ana reading Spanish: her data names the step in Spanish, and says once that the others are in English.
    const context = await browser.newContext();
    try {
      const ana = await context.newPage();
      await loginAs(ana, DEMO.ana);
      await readSpanish(ana, baseURL!);
      await gotoHydrated(ana, "/portal/my-data");
      const steps = ana.getByRole("region", { name: "Pasos para empezar" });
      await expect(steps).toContainText(spanishStep);
      await expect(steps.getByText(/aún no ha escrito algunos de estos pasos en español/)).toHaveCount(1);
      await expectSpanishPage(ana, "Mis datos");
    } finally {
      await context.close();
    }
  } finally {
    // The demo's step goes back to English only, so the other tests find it as they left it.
    await page.context().clearCookies({ name: "lang" });
    await gotoHydrated(page, "/settings/checklist");
    await stepRow(page, STEP).getByLabel("Español (optional)").fill("");
    await stepRow(page, STEP).getByRole("button", { name: "Rename" }).click();
    await expect(page).toHaveURL("/settings/checklist?done=1");
    await expect(stepRow(page, STEP).getByLabel("Español (optional)")).toHaveValue("");
  }
});

test("a Spanish name too long is refused next to its field, keeping what was typed", async ({ page, baseURL }) => {
  await loginAs(page, DEMO.admin);
  await readSpanish(page, baseURL!);
  await gotoHydrated(page, "/settings/checklist");
  await expectSpanishPage(page, "Pasos de incorporación");
  const row = stepRow(page, STEP);
  const spanish = row.getByLabel("Español (opcional)");
  await spanish.fill("x".repeat(121));
  await row.getByRole("button", { name: "Cambiar nombre" }).click();
  await expect(spanish).toHaveAttribute("aria-invalid", "true");
  await expect(spanish).toHaveAccessibleDescription(/Use 120 caracteres como máximo/);
  await expect(spanish).toHaveValue("x".repeat(121));
  await expectNoSeriousA11yViolations(page);
});

test("Lucía reads her organization's steps and kind of work in Spanish", async ({ page }) => {
  await loginAs(page, LUCIA);
  await gotoHydrated(page, "/portal/my-data");
  const steps = page.getByRole("region", { name: "Pasos para empezar" });
  for (const step of ["Acuerdo firmado", "Formulario de impuestos (W-9) recibido", "Cuenta del portal creada"])
    await expect(steps).toContainText(step);
  await expect(steps).not.toContainText("Agreement signed");
  // Every step is written in Spanish: no note.
  await expect(steps.getByText(/por eso se muestran en inglés/)).toHaveCount(0);
  await expectSpanishPage(page, "Mis datos");

  await gotoHydrated(page, "/portal/work");
  // Her organization wrote this work's terms in Spanish too, so its title reads in Spanish.
  await page.getByRole("link", { name: /Revisar la guía de referencias en español/ }).click();
  const work = page.getByRole("region", { name: "El trabajo" });
  await expect(work.getByRole("definition").filter({ hasText: "Revisión de currículo o materiales" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expectNoSeriousA11yViolations(page);
});

test("a staff member reading Spanish fills in and reads the readiness assessment in Spanish", async ({
  page,
  baseURL,
}) => {
  await loginAs(page, DEMO.admin);
  await readSpanish(page, baseURL!);
  await gotoHydrated(page, "/assessments");
  await expect(page.getByRole("link", { name: "Readiness this year" })).toBeVisible();
  await expect(
    page.getByText(/^Preparación organizacional informada por sobrevivientes \(versión \d+\)$/).first(),
  ).toBeVisible();

  await page.getByRole("link", { name: "Readiness this year" }).click();
  await expectSpanishPage(page, "Readiness this year");
  const sections = page.getByRole("navigation", { name: "Secciones" });
  await expect(sections.getByRole("link", { name: /^Misión, visión y cultura/ })).toBeVisible();
  await expect(sections.getByRole("link", { name: /^Recaudación de fondos/ })).toBeVisible();
  const statement = page.getByRole("group", { name: /Nuestra declaración de misión o de valores/ });
  await expect(statement.getByRole("radio", { name: "Todavía no" })).toBeAttached();
  await expect(statement.getByRole("radio", { name: "Totalmente en marcha" })).toBeAttached();
  // Written in Spanish in full: nothing to say about English.
  await expect(page.getByText(/se muestra en inglés|Se muestran en inglés/)).toHaveCount(0);

  await page.getByRole("link", { name: "Ver los resultados" }).click();
  await expectSpanishPage(page, "Resultados: Readiness this year");
  const table = page.getByRole("table", { name: /Puntaje por área/ });
  await expect(table.getByRole("row", { name: /Misión, visión y cultura/ })).toBeVisible();
  await expect(page.getByText("Adaptado de las seis áreas de evaluación de NHTTAC", { exact: false })).toBeVisible();
});
