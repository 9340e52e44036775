// Consent, feedback and the funder report in Spanish, for a staff member whose browser asks for it.
// Account: staff@demo.test (Sam), who has no saved language, so the switch's cookie decides. Reads
// pages and sends one form that is refused: it changes no demo data.
import type { Page } from "@playwright/test";
import { DEMO, expect, expectNoSeriousA11yViolations, gotoHydrated, inLanguage, loginAs, test } from "./fixtures";

// The language switch's cookie as the server writes it: the plain language code.
const SPANISH = "es";

/** Signs Sam in (in English), then switches this browser to Spanish. */
async function samInSpanish(page: Page) {
  await loginAs(page, DEMO.staff);
  await inLanguage(page, SPANISH);
}

async function expectSpanishPage(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expectNoSeriousA11yViolations(page);
}

test("the consent overview, the uses register and a consultant's consent page are in Spanish", async ({ page }) => {
  await samInSpanish(page);

  await gotoHydrated(page, "/consent");
  await expect(page.getByRole("heading", { level: 1, name: "Consentimiento" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Usos que hay que retirar o detener" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Consentimiento por persona consultora" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Propósito" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /personas consultoras de \d+/ })).toBeVisible();
  await expect(page).toHaveTitle(/Consentimiento/);
  await expectSpanishPage(page);

  await page.getByRole("link", { name: "Registro de usos" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Registro de usos" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Registrar un uso" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Qué" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Registrar el uso" })).toBeVisible();
  await expectSpanishPage(page);

  await gotoHydrated(page, "/consent");
  await page.getByRole("table").getByRole("link", { name: "Ana" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Consentimiento: Ana" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Decisiones actuales" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Historial" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Registrar esta decisión" })).toBeVisible();
  await expectSpanishPage(page);
});

test("feedback in Spanish: the report with its chart, and a meeting note refused in Spanish next to its field", async ({
  page,
}) => {
  await samInSpanish(page);

  await gotoHydrated(page, "/feedback");
  await expect(page.getByRole("heading", { level: 1, name: "Comentarios" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Respuestas promedio" })).toBeVisible();
  const chart = page.getByRole("img", { name: "Respuesta promedio a cada pregunta, en una escala del 1 al 5" });
  await expect(chart).toBeVisible();
  await expect(page.locator("#chart-summary")).toHaveText(/^De \d+ respuestas?\. La más alta: .+ de 5\./);
  await expect(page.getByRole("link", { name: "Descargar CSV" })).toBeVisible();
  await expectSpanishPage(page);

  await page.getByRole("link", { name: "Registrar comentarios de una reunión" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Registrar comentarios de una reunión" })).toBeVisible();
  await page.getByRole("button", { name: "Guardar los comentarios" }).click();
  // Nothing chosen: the message stands next to the program, in Spanish.
  const program = page.getByRole("combobox", { name: "Programa" });
  await expect(program).toHaveAttribute("aria-invalid", "true");
  await expect(program).toHaveAccessibleDescription("Elija un programa.");
  await expect(page).toHaveURL(/\/feedback\/new$/);
  await expectSpanishPage(page);
});

test("the funder report in Spanish, with a date that does not exist refused next to its field", async ({ page }) => {
  await samInSpanish(page);

  await gotoHydrated(page, "/reports/engagement?from=2026-02-30&to=2026-06-30");
  await expect(page.getByRole("heading", { level: 1, name: "Informe para donantes y junta directiva" })).toBeVisible();
  for (const name of [
    "Personas consultoras con encargos",
    "Encargos, horas y pagos por etapa",
    "Pagar a tiempo",
    "Cómo calificaron las personas consultoras el trabajo con nosotros",
    "Ustedes dijeron, nosotros hicimos",
  ]) {
    await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
  }
  const from = page.getByRole("textbox", { name: "Desde", exact: true });
  await expect(from).toHaveValue("2026-02-30");
  await expect(from).toHaveAttribute("aria-invalid", "true");
  await expect(from).toHaveAccessibleDescription(/Escriba una fecha de inicio como 2026-01-01\./);
  await expect(page.getByRole("link", { name: /Descargar esta tabla como CSV/ }).first()).toBeVisible();
  await expectSpanishPage(page);

  // The dashboard's bar charts offer their figures as a table in Spanish too.
  await gotoHydrated(page, "/dashboard");
  await expect(page.getByText("Ver como tabla").first()).toBeVisible();
});
