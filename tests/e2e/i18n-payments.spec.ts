// The staff pages about pay in Spanish, for a staff member whose browser asks for Spanish (the
// language cookie) and who saved no preference: the dashboard, recording a payment (a bad amount is
// refused in Spanish next to its field, then the payment is saved), the payment, the list and the
// tax year; and, for an admin, the pay settings refusing a bad rate in Spanish. Each page says
// lang="es" and passes axe. Accounts: staff@demo.test (Sam), admin@demo.test (Dana), and
// ana@demo.test, who accepts the terms of the engagement this test makes (a unique title).
import type { Page } from "@playwright/test";
import { DEMO, expect, expectNoSeriousA11yViolations, gotoHydrated, inLanguage, loginAs, test } from "./fixtures";
import { acceptAsAna, addEngagement, uniqueTitle, waitForForm } from "./engagement-helpers";

/** The browser asks for Spanish, as the language switch leaves it: the "lang" cookie holds "es". */
async function expectSpanishPage(page: Page, heading: string | RegExp) {
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  await expectNoSeriousA11yViolations(page);
}

test("Sam reads the dashboard, records a payment and finds it, all in Spanish", async ({ page, browser }) => {
  test.setTimeout(120_000);
  // The work is set up in English (other areas' pages), then Sam's browser turns to Spanish.
  const title = uniqueTitle("Revisión en español");
  await loginAs(page, DEMO.staff);
  const engagementPath = await addEngagement(page, {
    consultant: "Ana",
    program: "Community Training Series",
    stage: "Design",
    level: "Consult",
    title,
    rateKind: "Flat fee per deliverable",
    rate: "240",
  });
  await acceptAsAna(browser, title);
  await inLanguage(page, "es");

  await gotoHydrated(page, "/dashboard");
  await expectSpanishPage(page, "Panel");
  await expect(page.getByRole("region", { name: "¿Pagamos de forma justa y a tiempo?", exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Requiere su atención", exact: true })).toBeVisible();
  await expect(page.getByRole("img", { name: "Encargos por etapa" })).toBeVisible();
  await expect(page.getByText(/^Se muestra del \d{1,2} [a-z]+\.? \d{4} al /)).toBeVisible();

  const engagementId = engagementPath.split("/").at(-1)!;
  await gotoHydrated(page, `/payments/new?engagement=${engagementId}`);
  await expectSpanishPage(page, "Registrar un pago para Ana");
  await waitForForm(page);
  const fee = page.getByLabel("Honorario en dólares estadounidenses");
  await fee.fill("-240");
  await page.getByRole("button", { name: "Guardar el pago" }).click();
  // Refused next to the field, in Spanish, with what was typed kept.
  await expect(fee).toHaveAccessibleDescription(/Escriba una cantidad como 240 o 240\.50, hasta \$100,000/);
  await expect(fee).toHaveAttribute("aria-invalid", "true");
  await expect(fee).toHaveValue("-240");
  await expectNoSeriousA11yViolations(page);
  await fee.fill("240");
  await page.getByRole("button", { name: "Guardar el pago" }).click();
  await page.waitForURL(/\/payments\/[0-9a-f-]{36}\?done=created$/);
  const paymentPath = new URL(page.url()).pathname;

  await expectSpanishPage(page, "$240.00 para Ana");
  await expect(page.getByRole("status")).toHaveText("Pago guardado. Está esperando que la administración lo apruebe.");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Historial" })).toBeVisible();

  await gotoHydrated(page, "/payments");
  await expectSpanishPage(page, "Pagos");
  const all = page.getByRole("region", { name: "Todos los pagos" });
  await expect(all.getByRole("form", { name: "Filtrar los pagos" })).toBeVisible();
  const item = all.getByRole("listitem").filter({ hasText: title });
  await expect(item.getByRole("link", { name: "$240.00 para Ana" })).toHaveAttribute("href", paymentPath);

  await gotoHydrated(page, "/payments/tax-year");
  await expectSpanishPage(page, /^Totales del año fiscal \d{4}$/);
  await expect(page.getByRole("link", { name: "Descargar el CSV para contabilidad" })).toBeVisible();
  await expect(page.getByLabel("Año fiscal", { exact: true })).toBeVisible();
});

test("Dana's pay settings refuse a bad rate in Spanish", async ({ page }) => {
  await loginAs(page, DEMO.admin);
  await inLanguage(page, "es");
  await gotoHydrated(page, "/settings/pay");
  await expectSpanishPage(page, "Configuración de pagos");
  const rate = page.getByLabel("Tarifa justa por hora (dólares estadounidenses)");
  const saved = await rate.inputValue();
  await rate.fill("gratis");
  await page.getByRole("button", { name: "Guardar", exact: true }).click();
  await expect(
    page.getByText("Escriba una cantidad como 57 o 57.50, mayor que $0 y de $1,000.00 como máximo."),
  ).toBeVisible();
  await gotoHydrated(page, "/settings/pay");
  await expect(rate).toHaveValue(saved);
});
