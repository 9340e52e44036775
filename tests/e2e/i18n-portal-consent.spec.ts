// The portal's layout, My choices, a receipt and My data in Spanish, on a phone, for a consultant who has
// saved no language and whose browser asks for Spanish (the `lang` cookie, set after signing in so the
// sign-in form is the one every other spec uses). Account: cam@northwind.test. Cam says yes to "Media or
// press contact" and withdraws it, which no other spec reads or changes; the refused end date on "Share my
// contact details with partners" and the unticked delete request write nothing.
import type { Page } from "@playwright/test";
import { hasHorizontalScroll } from "./consultant-helpers";
import { DEMO, expect, expectNoSeriousA11yViolations, gotoHydrated, inLanguage, loginAs, test } from "./fixtures";

test.use({ viewport: { width: 360, height: 740 } });

const purpose = (page: Page, label: string) => page.getByRole("region", { name: label });

async function expectSpanishOnThePhone(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  expect(await hasHorizontalScroll(page)).toBe(false);
  await expectNoSeriousA11yViolations(page);
}

/** The cookie the language switch sets: the plain language code. */

test.beforeEach(async ({ page }) => {
  await loginAs(page, DEMO.cam);
  await inLanguage(page, "es");
});

test("Cam reads his choices in Spanish, is refused an end date in Spanish, says yes and withdraws it", async ({
  page,
}) => {
  await gotoHydrated(page, "/portal");
  const nav = page.getByRole("navigation", { name: "Portal" });
  await expect(nav.getByRole("link", { name: "Inicio" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Mis datos" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cerrar sesión" })).toBeVisible();
  await nav.getByRole("link", { name: "Mis decisiones" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Mis decisiones" })).toBeVisible();
  await expect(page.getByText("Puede cambiar esto en cualquier momento.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Mis comprobantes" })).toBeVisible();
  // The purpose's own name and words are the organization's wording; what he chose is said in Spanish.
  const media = purpose(page, "Media or press contact");
  await expect(media.getByText("Todavía no ha decidido.")).toBeVisible();
  await expect(media.getByText("Versión del texto: 1")).toBeVisible();
  await expectSpanishOnThePhone(page);

  // A refused end date: the model's message, in Spanish, next to the field, with what was typed kept.
  const contact = purpose(page, "Share my contact details with partners");
  await contact.locator("summary", { hasText: "Decir que sí" }).click();
  await contact.getByLabel("¿Quiere limitar algo? (puede dejarlo vacío)").fill("Solo organizaciones de salud");
  await contact.getByLabel("¿Cuándo debe terminar este sí? (puede dejarlo vacío)").fill("2020-01-01");
  await contact.getByRole("button", { name: /^Guardar mi sí/ }).click();
  await expect(contact.getByText("La fecha de fin debe ser después de hoy.")).toBeVisible();
  await expect(contact.getByLabel("¿Quiere limitar algo? (puede dejarlo vacío)")).toHaveValue(
    "Solo organizaciones de salud",
  );
  await expect(contact.getByText("Todavía no ha decidido.")).toBeVisible();

  await media.locator("summary", { hasText: "Decir que sí" }).click();
  await media.getByRole("button", { name: /^Guardar mi sí/ }).click();
  await expect(page).toHaveURL(/\/portal\/consent\/[^/?]+\?done=saved$/);
  await expect(page.getByRole("heading", { level: 1, name: "Comprobante" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Su decisión quedó guardada. Este es su comprobante.");
  await expect(page.getByText("Usted dijo que sí.")).toBeVisible();
  await expect(page.getByText("Usted lo guardó, en el portal.")).toBeVisible();
  await expectSpanishOnThePhone(page);

  await page.getByRole("link", { name: "← Mis decisiones" }).click();
  await expect(media.getByText("Su respuesta: sí.")).toBeVisible();
  await media.locator("summary", { hasText: "Retirar mi sí" }).click();
  await expect(media.getByText("No necesita dar una razón.")).toBeVisible();
  await media.getByRole("button", { name: /^Sí, retirarlo/ }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Comprobante" })).toBeVisible();
  await expect(page.getByText("Usted retiró su sí.")).toBeVisible();
  await page.getByRole("link", { name: "← Mis decisiones" }).click();
  await expect(media.getByText(/Retiró su sí el/)).toBeVisible();
  const receipts = page.getByRole("region", { name: "Mis comprobantes" });
  await expect(receipts.getByRole("link", { name: /Lo retiró\. Media or press contact/ })).toBeVisible();
  await expect(receipts.getByRole("link", { name: /Dijo que sí\. Media or press contact/ })).toBeVisible();
});

test("a receipt that is not his says so in Spanish, inside the portal", async ({ page }) => {
  await gotoHydrated(page, "/portal/consent/not-a-receipt");
  await expect(page.getByRole("heading", { level: 1, name: "Comprobante" })).toBeVisible();
  await expect(page.getByText("No encontramos el comprobante.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Volver al inicio de su portal" })).toBeVisible();
  await expectSpanishOnThePhone(page);
});

test("My data and the delete request page in Spanish; an unticked request is refused in Spanish", async ({ page }) => {
  await gotoHydrated(page, "/portal/my-data");
  await expect(page.getByRole("heading", { level: 1, name: "Mis datos" })).toBeVisible();
  const about = page.getByRole("region", { name: "Sobre usted" });
  await expect(about.getByText("Nombre preferido")).toBeVisible();
  await expect(page.getByRole("region", { name: "Contacto y seguridad" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Descargar mis datos como archivo" })).toBeVisible();
  await expectSpanishOnThePhone(page);

  await page.getByRole("link", { name: "Pedir que eliminen mi información" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Pedir que eliminen mi información" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Lo que guardamos, y por qué" })).toContainText("al menos 4 años");
  await expectSpanishOnThePhone(page);

  // The box is required in the browser; the server says the same, in the reader's language.
  await page.getByLabel("Sí, quiero que eliminen mi información.").evaluate((box) => box.removeAttribute("required"));
  await page.getByRole("button", { name: "Enviar mi solicitud" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "Marque la casilla para decirnos que quiere que eliminemos su información.",
  );
  await expect(page.getByRole("button", { name: "Enviar mi solicitud" })).toBeVisible();
});
