// The consultant's home, work, pay and feedback pages in Spanish: Ana, who has no saved language,
// signs in and then picks Spanish with the language cookie; every page follows it (lang="es", Spanish
// words, money and dates written the Spanish way) and stays axe clean. The time form and the feedback
// form refuse bad input next to the field, in Spanish, and nothing is written.
// Account: ana@demo.test, read only (her preference stays unset; nothing she could send is saved).
import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import {
  DEMO,
  E2E_DATABASE,
  expect,
  expectNoSeriousA11yViolations,
  gotoHydrated,
  inLanguage,
  loginAs,
  test,
} from "./fixtures";

/** The due day of one of Ana's demo payments, as stored (YYYY-MM-DD). */
function dueDateOf(title: string) {
  const sqlite = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
  try {
    const row = sqlite
      .prepare(
        "SELECT p.due_date AS dueDate FROM payments p JOIN engagements e ON e.id = p.engagement_id WHERE e.title = ?",
      )
      .get(title) as { dueDate: string };
    return row.dueDate;
  } finally {
    sqlite.close();
  }
}

function timeRowsOf(engagementId: string) {
  const sqlite = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
  try {
    return (
      sqlite.prepare("SELECT COUNT(*) AS n FROM time_entries WHERE engagement_id = ?").get(engagementId) as {
        n: number;
      }
    ).n;
  } finally {
    sqlite.close();
  }
}

async function expectSpanishPage(page: Page, heading: string) {
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  // No catalog key shows through where its words belong.
  await expect(page.getByRole("main")).not.toContainText(/\b(common|portal):[a-zA-Z]/);
  await expectNoSeriousA11yViolations(page);
}

// The language cookie as the switch writes it: the plain language code.
const SPANISH_COOKIE = "es";

test.beforeEach(async ({ page }) => {
  await loginAs(page, DEMO.ana);
  await inLanguage(page, SPANISH_COOKIE);
});

test("home and My work are in Spanish, and a work item's terms read in Spanish", async ({ page }) => {
  await gotoHydrated(page, "/portal");
  await expectSpanishPage(page, "Su portal");
  await expect(page.getByText("Este es su espacio con Harbor Light Collective.")).toBeVisible();
  const next = page.getByRole("region", { name: "Su próximo trabajo", exact: true });
  await expect(next.getByText(/^Cuándo: /)).toBeVisible();
  const pay = page.getByRole("region", { name: "Sus pagos", exact: true });
  await expect(pay.getByRole("heading", { name: "Último pago" })).toBeVisible();
  await expect(pay.getByRole("heading", { name: `Pagado a usted en ${new Date().getUTCFullYear()}` })).toBeVisible();
  await expect(pay.getByRole("link", { name: "Ver todos mis pagos" })).toBeVisible();

  await gotoHydrated(page, "/portal/work");
  await expectSpanishPage(page, "Mi trabajo");
  await expect(page.getByText("Trabajo pagado que hace con Harbor Light Collective.")).toBeVisible();

  // Her next work: the terms in Spanish, and the time form answers in Spanish.
  await gotoHydrated(page, "/portal");
  const title = (await next.getByRole("heading", { level: 3 }).textContent())!.trim();
  await next.getByRole("link", { name: "Ver este trabajo" }).click();
  await expect(page).toHaveURL(/\/portal\/work\/[0-9a-f-]{36}$/);
  const engagementId = new URL(page.url()).pathname.split("/").at(-1)!;
  await expectSpanishPage(page, title);
  await expect(page.getByRole("heading", { name: "El trabajo" })).toBeVisible();
  await expect(page.getByText("Lo que usted hará")).toBeVisible();
  const payTerms = page.getByRole("region", { name: "Pago", exact: true });
  await expect(payTerms.getByText(/^(Se le pagará|Recibirá) \$[\d,]+\.\d\d /)).toBeVisible();
  await expect(
    payTerms.getByText(/^Le pagaremos en un plazo de \d+ días? después de terminar el trabajo\.$/),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "Su respuesta" })).toBeVisible();

  const time = page.getByRole("region", { name: "Mis horas", exact: true });
  await expect(time.getByRole("heading", { name: "Anotar mis horas" })).toBeVisible();
  const before = timeRowsOf(engagementId);
  const hours = time.getByLabel("Horas", { exact: true });
  await hours.fill("25");
  await time.getByLabel("Qué tipo de trabajo").selectOption({ label: "Reunión o sesión" });
  await time.getByRole("button", { name: "Guardar mis horas" }).click();
  await expect(hours).toHaveAttribute("aria-invalid", "true");
  // The message is the field's own description, read with it.
  await expect(hours).toHaveAccessibleDescription(/Las horas deben ser más de 0 y no más de 24\./);
  await expect(hours).toHaveValue("25");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  expect(timeRowsOf(engagementId)).toBe(before);
  await expectNoSeriousA11yViolations(page);
});

test("My pay shows amounts and days the Spanish way", async ({ page }) => {
  await gotoHydrated(page, "/portal/pay");
  await expectSpanishPage(page, "Mis pagos");
  const year = new Date().getUTCFullYear();
  await expect(page.getByRole("heading", { name: `Pagado a usted en ${year}` })).toBeVisible();
  await expect(page.getByText(/^Trimestre 1: \$[\d,]+\.\d\d$/)).toBeVisible();
  // Ana's demo payment for the survey review: $300.00, due a set day, written "7 dic 2026".
  const due = dueDateOf("Review the youth survey");
  const [y, m, d] = due.split("-").map(Number) as [number, number, number];
  const month = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"][m - 1];
  const survey = page.getByRole("listitem").filter({ hasText: "Review the youth survey" });
  await expect(
    survey.getByText(`Se le pagará $300.00 a más tardar el ${d} ${month} ${y} por Review the youth survey.`),
  ).toBeVisible();
  await expect(survey.getByText("Además, $18.50 de reembolso por sus gastos.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Lo necesito ahora" }).first()).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Año", exact: true })).toBeVisible();
});

test("feedback pages are in Spanish, and a form sent empty is refused next to each question", async ({ page }) => {
  await gotoHydrated(page, "/portal/feedback");
  await expectSpanishPage(page, "Sus comentarios");
  await expect(page.getByRole("heading", { name: "Esperando sus comentarios" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Usted dijo, nosotros hicimos" })).toBeVisible();

  await page
    .getByRole("link", { name: /^Dar comentarios/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/portal\/feedback\/[0-9a-f-]{36}$/);
  await expectSpanishPage(page, "¿Cómo le fue?");
  const question = page.getByRole("group", { name: "¿El pago fue justo?" });
  await expect(question.getByRole("radio", { name: "5 Mucho" })).toBeVisible();
  await expect(question.getByRole("radio", { name: "Prefiero no decir" })).toBeVisible();
  await page.getByRole("button", { name: "Enviar mis comentarios" }).click();
  await expect(question.getByText("Elija un número del 1 al 5, o “Prefiero no decir”.")).toBeVisible();
  await expect(page).toHaveURL(/\/portal\/feedback\/[0-9a-f-]{36}$/);
  await expectNoSeriousA11yViolations(page);
});
