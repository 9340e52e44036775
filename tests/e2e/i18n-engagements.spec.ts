// Engagements, time and programs in Spanish: staff whose browser asks for Spanish (the `lang` cookie,
// with no saved preference) read these pages in Spanish, and a refused save says why in Spanish next to
// the field. Account: staff@demo.test (Sam), who keeps no language of his own. Demo records are only
// read; the one form sent is refused, so nothing is written.
import type { Page } from "@playwright/test";
import { DEMO, expect, expectNoSeriousA11yViolations, gotoHydrated, inLanguage, loginAs, test } from "./fixtures";

const DEMO_ENGAGEMENT = "Review the youth survey";
const DEMO_PROGRAM = "Youth Outreach Curriculum";

// The `lang` cookie as the language switch writes it: the plain language code.
const SPANISH_COOKIE = "es";

test.beforeEach(async ({ page }) => {
  // Signed in first: the sign-in page is not part of this area.
  await loginAs(page, DEMO.staff);
  await inLanguage(page, SPANISH_COOKIE);
});

async function expectSpanishPage(page: Page, heading: string | RegExp) {
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expectNoSeriousA11yViolations(page);
}

test("the engagements list, an engagement and its time page are in Spanish", async ({ page }) => {
  await gotoHydrated(page, "/engagements");
  await expectSpanishPage(page, "Encargos");
  await expect(page.getByRole("link", { name: "Nuevo encargo" })).toBeVisible();
  await expect(page.getByLabel("Etapa")).toContainText("Cualquier etapa");

  const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: DEMO_ENGAGEMENT }) });
  await expect(card).toContainText("Evaluación · Involucrar · Terminado");
  await card.getByRole("link", { name: DEMO_ENGAGEMENT }).click();
  await expect(page).toHaveURL(/\/engagements\/[^/]+$/);
  await expectSpanishPage(page, DEMO_ENGAGEMENT);
  await expect(page.getByRole("heading", { name: /^Alcance y condiciones \(versión \d+\)$/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Acuerdo" })).toContainText("aceptó");
  await expect(page.getByRole("region", { name: "Pagos" })).toBeVisible();

  await page.getByRole("link", { name: "Tiempo", exact: true }).click();
  await expect(page).toHaveURL(/\/engagements\/[^/]+\/time$/);
  await expectSpanishPage(page, "Tiempo");
  await expect(page.getByRole("heading", { name: "Totales" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Registros" })).toBeVisible();
  await expect(page.getByText(/\d horas?$/).first()).toBeVisible();
});

test("the programs list and a program are in Spanish", async ({ page }) => {
  await gotoHydrated(page, "/programs");
  await expectSpanishPage(page, "Programas");
  await expect(page.getByRole("heading", { name: "Agregar un programa" })).toBeVisible();
  await expect(page.getByLabel("Estado")).toContainText("Activo");

  await page.getByRole("link", { name: DEMO_PROGRAM }).click();
  await expect(page).toHaveURL(/\/programs\/[^/]+$/);
  await expectSpanishPage(page, DEMO_PROGRAM);
  await expect(page.getByRole("region", { name: "Diseño" })).toContainText("Horas:");
  await expect(page.getByRole("heading", { name: "Usted dijo, nosotros hicimos" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Editar programa" })).toBeVisible();
});

test("a refused engagement says why in Spanish next to the field, and keeps what was typed", async ({ page }) => {
  await gotoHydrated(page, "/engagements/new");
  await expectSpanishPage(page, "Nuevo encargo");
  await page.getByLabel("Persona consultora", { exact: true }).selectOption({ label: "Ana" });
  await page.getByLabel("Programa", { exact: true }).selectOption({ label: "Community Training Series" });
  await page.getByLabel("Etapa", { exact: true }).selectOption({ label: "Diseño" });
  await page.getByLabel("Nivel de participación").selectOption({ label: "Consultar" });
  await page.getByLabel("Título").fill("Revisar el plan");
  await page.getByLabel("En qué consiste el trabajo").fill("Dar comentarios sobre el plan en dos reuniones.");
  await page.getByLabel("Cómo se paga el trabajo").selectOption({ label: "Tarifa por hora" });

  // A rate the form cannot read.
  const rate = page.getByLabel("Tarifa en dólares estadounidenses");
  await rate.fill("57.505");
  await page.getByRole("button", { name: "Guardar encargo" }).click();
  await expect(rate).toHaveAccessibleDescription(
    /Escriba una cantidad como 57 o 57\.50 \(dos decimales como máximo\)\./,
  );
  await expect(page).toHaveURL(/\/engagements\/new$/);
  await expect(page.getByLabel("Título")).toHaveValue("Revisar el plan");
  await expectNoSeriousA11yViolations(page);

  // A rate below the fair rate: the model's warning, with its amounts, in Spanish.
  await rate.fill("25");
  await page.getByLabel("Horas estimadas (opcional)").fill("4");
  await page.getByRole("button", { name: "Guardar encargo" }).click();
  await expect(
    page.getByLabel("Guardar de todos modos: sé que esto paga menos que nuestra tarifa justa"),
  ).toHaveAccessibleDescription(
    /Esto paga unos \$25\.00 por hora \(unos \$100\.00 en total\), menos que su tarifa justa de \$57\.00 por hora\./,
  );
  await expect(page).toHaveURL(/\/engagements\/new$/);
});
