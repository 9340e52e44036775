// The staff layout, self-assessments, settings, users and roles, the audit log and partners in Spanish,
// for an admin with no saved language whose browser asked for Spanish with the switch's cookie.
// Account: admin@demo.test (Dana); the demo's "Readiness this year" assessment. Nothing is saved.
import type { Page } from "@playwright/test";
import { DEMO, expect, expectNoSeriousA11yViolations, gotoHydrated, inLanguage, loginAs, test } from "./fixtures";

/** The language switch's cookie as the server writes it: the plain language code. */
const SPANISH = "es";

/** Signs in (the sign-in page is another area's), then asks for Spanish as the language switch would. */
async function adminInSpanish(page: Page) {
  await loginAs(page, DEMO.admin);
  await inLanguage(page, SPANISH);
}

/** The page is in Spanish, headed by `heading`, and has no serious accessibility problem. */
async function expectSpanishPage(page: Page, heading: string | RegExp) {
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
}

test("the staff layout, the assessments, their results and action plan read in Spanish", async ({ page }) => {
  await adminInSpanish(page);
  await gotoHydrated(page, "/assessments");
  await expectSpanishPage(page, "Autoevaluaciones");
  await expect(page).toHaveTitle("Autoevaluaciones");

  // The layout: the main navigation, the account menu and the skip link.
  const nav = page.getByRole("navigation", { name: "Principal" });
  for (const link of ["Panel", "Personas consultoras", "Encargos", "Pagos", "Consentimiento", "Comentarios"])
    await expect(nav.getByRole("link", { name: link, exact: true })).toBeVisible();
  for (const link of ["Autoevaluaciones", "Organizaciones aliadas", "Usuarios y funciones", "Registro de actividad"])
    await expect(nav.getByRole("link", { name: link, exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Autoevaluaciones" })).toHaveAttribute("aria-current", "page");
  await page.locator("summary", { hasText: "Dana" }).click();
  await expect(page.getByText("Sesión iniciada como: Administración")).toBeVisible();
  await expect(page.getByRole("button", { name: "Cerrar sesión" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ir al contenido" })).toBeAttached();

  // The list and the form to start one.
  await expect(page.getByRole("heading", { level: 2, name: "Todas las autoevaluaciones" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Empezar una autoevaluación" })).toBeVisible();
  await expect(page.getByLabel("Lista", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Empezar", exact: true })).toBeVisible();

  // One assessment: its sections and progress; its checklist's words are in Spanish too (labels-spanish.spec.ts).
  await page.getByRole("link", { name: "Readiness this year" }).click();
  await expectSpanishPage(page, "Readiness this year");
  await expect(page.getByRole("navigation", { name: "Secciones" })).toBeVisible();
  await expect(page.getByText(/^Avance: \d+ de \d+ preguntas respondidas$/)).toBeVisible();
  await expect(page.getByText("Esta autoevaluación está terminada.", { exact: false })).toBeVisible();
  await expect(page.getByRole("button", { name: "Reabrir para cambiar respuestas" })).toBeVisible();

  // Its results.
  await page.getByRole("link", { name: "Ver los resultados" }).click();
  await expectSpanishPage(page, "Resultados: Readiness this year");
  const table = page.getByRole("table", { name: /Puntaje por área/ });
  await expect(table.getByRole("columnheader", { name: "Cambio" })).toBeVisible();
  await expect(table.getByRole("row", { name: /Misión, visión y cultura/ })).toContainText("▲ Subió");
  await expect(page.getByRole("img", { name: /Puntaje de preparación por área/ })).toBeVisible();
  await expect(page.getByText(/La barra con borde es la autoevaluación anterior/)).toBeVisible();

  // Its action plan.
  await page.getByRole("link", { name: "Plan de acción: convertir las brechas en tareas" }).click();
  await expectSpanishPage(page, "Plan de acción: Readiness this year");
  await expect(page.getByRole("region", { name: "El plan" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /^Brechas:/ })).toBeVisible();
});

test("the settings an admin keeps read in Spanish, and a bad value is refused in Spanish next to its field", async ({
  page,
}) => {
  await adminInSpanish(page);

  await gotoHydrated(page, "/settings/checklist");
  await expectSpanishPage(page, "Pasos de incorporación");
  await expect(page.getByLabel("Paso 1", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Subir/ }).first()).toBeVisible();

  await gotoHydrated(page, "/settings/organization");
  await expectSpanishPage(page, "Configuración de la organización");
  await expect(page.getByLabel("Zona horaria")).toHaveAccessibleDescription(/Ahora allí: \d/);

  await gotoHydrated(page, "/settings/activities");
  await expectSpanishPage(page, "Tipos de actividad");
  const form = page.getByRole("region", { name: "Agregar una actividad" });
  await form.getByLabel("Etapa").selectOption("design");
  const activity = form.getByLabel(/^Actividad/);
  await activity.fill("   ");
  await form.getByRole("button", { name: "Agregar actividad" }).click();
  await expect(activity).toHaveAccessibleDescription(/Escriba el nombre de la actividad\./);
  await expect(activity).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL("/settings/activities");
  await expectNoSeriousA11yViolations(page);
});

test("users and roles, the audit log and partners read in Spanish", async ({ page }) => {
  await adminInSpanish(page);

  await gotoHydrated(page, "/admin/users");
  await expectSpanishPage(page, "Usuarios y funciones");
  const people = page.getByRole("region", { name: "Personas de esta organización" });
  await expect(people.getByText("(usted)")).toBeVisible();
  await expect(people.getByLabel("Función de Sam")).toBeVisible();
  await expect(page.getByRole("region", { name: "Invitar a una persona del equipo" })).toBeVisible();

  await gotoHydrated(page, "/admin/audit");
  await expectSpanishPage(page, "Registro de actividad");
  await page.getByLabel("Acción", { exact: true }).selectOption("session.login");
  await page.getByRole("button", { name: "Aplicar filtros" }).click();
  await expect(page).toHaveURL(/[?&]action=session\.login/);
  const rows = page.getByRole("table").getByRole("rowgroup").nth(1).getByRole("row");
  await expect(rows.first().getByRole("cell").nth(2)).toHaveText("Inició sesión session.login");
  await expect(rows.first().getByRole("cell").nth(3)).toContainText("Usuario");
  await expectNoSeriousA11yViolations(page);

  await gotoHydrated(page, "/partners");
  await expectSpanishPage(page, "Organizaciones aliadas");
  await expect(page.getByText(/^Nombrada para: /).first()).toBeVisible();
});
