// Consultant records in Spanish: staff read the directory and a record in Spanish (the language switch's
// cookie), and the consultant's portal speaks the language saved on their account. Accounts:
// staff@demo.test (Sam, no saved language: the cookie decides), lucia@demo.test (Lucía, who saved
// Spanish; only read here), and a consultant this file adds and invites, who switches to Spanish.
import type { Page } from "@playwright/test";
import { addConsultant, uniqueName } from "./consultant-helpers";
import {
  acceptInvitation,
  DEMO,
  emailedLink,
  expect,
  expectNoSeriousA11yViolations,
  gotoHydrated,
  loginAs,
  test,
  uniqueEmail,
} from "./fixtures";

const LUCIA = "lucia@demo.test";
const PASSWORD = "a long portal passphrase 9";

/**
 * Makes this browser ask for `language` with the `lang` cookie, set by the app's own language switch
 * (the cookie's value is encoded by the app, so it is not written by hand).
 */
async function useLanguageOnThisBrowser(page: Page, language: string) {
  const answer = await page.request.post("/language", { form: { language, returnTo: "/login" }, maxRedirects: 0 });
  expect(answer.status()).toBe(302);
  expect((await page.context().cookies()).some((c) => c.name === "lang")).toBe(true);
}

test("staff read the directory and a record in Spanish, and are told in Spanish what to fix", async ({ page }) => {
  await loginAs(page, DEMO.staff);
  await useLanguageOnThisBrowser(page, "es");

  await gotoHydrated(page, "/consultants");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 1, name: "Personas consultoras" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Agregar una persona consultora" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(/^\d+ personas consultoras$/);
  await expect(page.getByLabel("Buscar por nombre")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("link", { name: "Ana", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Ana");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByText("Estado: Activo")).toBeVisible();
  const safety = page.getByRole("region", { name: "¿Es seguro comunicarse con ella?" });
  await expect(safety.getByRole("listitem").filter({ hasText: "Correo electrónico" })).toContainText(
    "Es seguro usarlo",
  );
  await expect(page.getByRole("region", { name: "Perfil" })).toContainText("Idioma del portal y de los correos");
  await expect(page.getByRole("region", { name: "Acceso al portal" })).toContainText(
    "Ella tiene una cuenta del portal y puede ver sus propios registros.",
  );
  await expectNoSeriousA11yViolations(page);

  // A new record, with a mistake first: the message is in Spanish, under the field it is about.
  const name = uniqueName("Rocío");
  await gotoHydrated(page, "/consultants/new");
  await expect(page.getByRole("heading", { level: 1, name: "Agregar una persona consultora" })).toBeVisible();
  await page.getByLabel("Nombre preferido").fill(name);
  await page.getByLabel("Idioma del portal y de los correos (opcional)").selectOption({ label: "Español" });
  const email = page.getByLabel("Correo electrónico (opcional)");
  await email.fill("rocio en ejemplo");
  await page.getByRole("button", { name: "Guardar persona consultora" }).click();
  await expect(email).toHaveAccessibleDescription(/Escriba un correo electrónico como nombre@ejemplo\.org\./);
  await expect(page.getByLabel("Nombre preferido")).toHaveValue(name);
  await expectNoSeriousA11yViolations(page);

  await email.fill("");
  await page.getByRole("button", { name: "Guardar persona consultora" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Se agregó la persona consultora." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  const profile = page.getByRole("region", { name: "Perfil" });
  await expect(profile.getByRole("definition").filter({ hasText: "Español" })).toBeVisible();
});

test("Lucía's portal is in Spanish on a browser that never chose a language, from her saved choice", async ({
  page,
}) => {
  await loginAs(page, LUCIA);
  await expect(page).toHaveURL("/portal");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  // Her saved language is remembered on this browser at sign-in, so the pages after signing out speak it too.
  expect((await page.context().cookies()).filter((c) => c.name === "lang").map((c) => c.value)).toEqual(["es"]);

  await gotoHydrated(page, "/portal/profile");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 1, name: "Mi perfil" })).toBeVisible();
  await expect(page.getByLabel("Nombre preferido")).toHaveValue("Lucía");
  await expect(page.getByRole("combobox", { name: "Idioma", exact: true })).toHaveValue("es");
  await expectNoSeriousA11yViolations(page);
});

test("a consultant switches their profile to Español and the portal turns Spanish", async ({ page, browser }) => {
  const name = uniqueName("Marta");
  const address = uniqueEmail("idioma");
  await loginAs(page, DEMO.staff);
  await addConsultant(page, { preferredName: name, email: address, emailSafety: "Safe to use" });
  const since = Date.now() - 1_000;
  await page
    .getByRole("region", { name: "Portal access" })
    .getByRole("button", { name: "Invite to the portal" })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "Portal invitation emailed." })).toBeVisible();
  const invitePath = await emailedLink(address, since, "/invite/");

  const context = await browser.newContext();
  try {
    const portal = await context.newPage();
    await acceptInvitation(portal, invitePath, name, PASSWORD);
    await gotoHydrated(portal, "/portal/profile");
    await expect(portal.locator("html")).toHaveAttribute("lang", "en");
    await expect(portal.getByRole("heading", { level: 1, name: "My profile" })).toBeVisible();

    // The invitation was answered in English, so English is the language saved for them.
    const language = portal.getByRole("combobox", { name: "Language", exact: true });
    await expect(language).toHaveValue("en");
    await expect(language.getByRole("option", { name: "The same as my browser" })).toHaveCount(1);
    await language.selectOption({ label: "Español" });
    await portal.getByRole("button", { name: "Save my language" }).click();

    await expect(portal).toHaveURL("/portal/profile?done=language");
    await expect(portal.locator("html")).toHaveAttribute("lang", "es");
    await expect(portal.getByRole("heading", { level: 1, name: "Mi perfil" })).toBeVisible();
    await expect(portal.getByRole("status")).toHaveText("Su idioma está guardado.");
    await expect(portal.getByRole("combobox", { name: "Idioma", exact: true })).toHaveValue("es");
    await expectNoSeriousA11yViolations(portal);
    // Remembered on this browser too, for the pages before sign-in.
    expect((await context.cookies()).some((c) => c.name === "lang")).toBe(true);

    await gotoHydrated(portal, "/portal");
    await expect(portal.locator("html")).toHaveAttribute("lang", "es");
  } finally {
    await context.close();
  }

  // Staff see the language the consultant chose on the record.
  await page.reload();
  await expect(
    page.getByRole("region", { name: "Profile" }).getByRole("definition").filter({ hasText: "Español" }),
  ).toBeVisible();
});
