// The pages before sign-in and the account pages in Spanish: the language switch (also without
// JavaScript), the words, <html lang>, axe, a refusal and a field's message in Spanish, and a member of
// staff choosing their own language. Accounts: staff@ (Sam, no saved language: it is never changed
// here), and a colleague invited by admin@ for the language choice.
import type { Page } from "@playwright/test";
import {
  acceptInvitation,
  DEMO,
  DEMO_PASSWORD,
  expect,
  expectNoSeriousA11yViolations,
  gotoHydrated,
  inLanguage,
  inviteStaffMember,
  test,
  uniqueEmail,
} from "./fixtures";

async function expectLanguage(page: Page, language: string) {
  await expect(page.locator("html")).toHaveAttribute("lang", language);
}

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("the switch on the sign-in page turns it Spanish, and the staff pages follow after signing in", async ({
    page,
  }) => {
    await page.goto("/login");
    await expectLanguage(page, "en");
    await page.getByRole("button", { name: "Español" }).click();
    await expectLanguage(page, "es");
    await expect(page).toHaveURL("/login");
    await expect(page.getByRole("heading", { level: 1, name: "Iniciar sesión" })).toBeVisible();
    await expect(page.getByRole("link", { name: "¿Olvidó su contraseña?" })).toBeVisible();
    // And back: the switch offers the other language by its own name.
    await expect(page.getByRole("button", { name: "English" })).toBeVisible();

    // Sam has no saved language, so his pages follow this browser's choice.
    await page.getByLabel("Correo electrónico").fill(DEMO.staff);
    await page.getByLabel("Contraseña").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Iniciar sesión" }).click();
    await expect(page).toHaveURL("/dashboard");
    await expectLanguage(page, "es");

    await page.goto("/account/sessions");
    await expectLanguage(page, "es");
    await expect(page.getByRole("heading", { level: 1, name: "Dónde tiene la sesión iniciada" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Idioma" })).toBeVisible();
    await page.getByRole("link", { name: "Elegir su idioma" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Idioma" })).toBeVisible();
    await expect(page.getByRole("combobox", { name: "Idioma" })).toHaveValue("");
    await page.goto("/account/two-step");
    await expect(page.getByRole("heading", { level: 1, name: "Verificación en dos pasos" })).toBeVisible();
  });
});

test("switching language on a reset link's page keeps the link", async ({ page }) => {
  const path = "/reset-password?token=a-token-that-only-this-page-knows";
  await gotoHydrated(page, path);
  await page.getByRole("button", { name: "Español" }).click();
  await expectLanguage(page, "es");
  await expect(page).toHaveURL(path);
});

test("the pages before sign-in are in Spanish, say so in <html lang>, and pass axe", async ({ page }) => {
  await inLanguage(page, "es");
  const pages: [string, string][] = [
    ["/login", "Iniciar sesión"],
    ["/forgot-password", "Cambie su contraseña"],
    ["/reset-password?token=not-a-real-token-but-long-enough", "Este enlace ya no funciona"],
    ["/invite/not-a-real-invitation-token", "Este enlace de invitación ya no funciona"],
  ];
  for (const [path, heading] of pages) {
    await gotoHydrated(page, path);
    await expectLanguage(page, "es");
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.getByRole("link", { name: "Salida rápida" })).toBeVisible();
    await expect(page.getByRole("button", { name: "English" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  }
});

test("a wrong password, and a password too long, are explained in Spanish", async ({ page }) => {
  await inLanguage(page, "es");
  await gotoHydrated(page, "/login");
  // An address of its own, so no account's lockout is touched.
  await page.getByLabel("Correo electrónico").fill(uniqueEmail("wrong-es"));
  await page.getByLabel("Contraseña").fill("not-the-password");
  await page.getByRole("button", { name: "Iniciar sesión" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "Ese correo y esa contraseña no coinciden. Revíselos e inténtelo de nuevo.",
  );
  await expectLanguage(page, "es");

  await page.getByLabel("Contraseña").fill("x".repeat(201));
  await page.getByRole("button", { name: "Iniciar sesión" }).click();
  const password = page.getByLabel("Contraseña");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  const errorId = (await password.getAttribute("aria-describedby"))!.split(" ").at(-1)!;
  await expect(page.locator(`[id="${errorId}"]`)).toHaveText("Use 200 caracteres como máximo.");
  await expectNoSeriousA11yViolations(page);
});

test("a member of staff chooses Spanish on their account page; it stays after signing out", async ({
  page,
  browser,
}) => {
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await gotoHydrated(adminPage, "/login");
  await adminPage.getByLabel("Email").fill(DEMO.admin);
  await adminPage.getByLabel("Password").fill(DEMO_PASSWORD);
  await adminPage.getByRole("button", { name: "Sign in" }).click();
  await adminPage.waitForURL("/dashboard");
  const email = uniqueEmail("language");
  const invitePath = await inviteStaffMember(adminPage, email);
  await adminContext.close();

  const password = "a language of my own";
  await acceptInvitation(page, invitePath, "Lee", password);
  await gotoHydrated(page, "/account/sessions");
  await page.getByRole("link", { name: "Choose your language" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Language" })).toBeVisible();
  await expectLanguage(page, "en");
  // The invitation page was read in English, so that is the account's own language now.
  await expect(page.getByRole("combobox", { name: "Language" })).toHaveValue("en");
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("combobox", { name: "Language" }).selectOption("es");
  await page.getByRole("button", { name: "Save language" }).click();
  await expect(page).toHaveURL("/account/language?done=1");
  await expectLanguage(page, "es");
  await expect(page.getByRole("status").filter({ hasText: "Se guardó el idioma." })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Idioma" })).toHaveValue("es");
  await expectNoSeriousA11yViolations(page);

  // On another browser (here: this one, with every cookie gone) the sign-in page is in English; signing
  // in remembers Lee's language there, so once signed out the sign-in page is in Spanish.
  await page.context().clearCookies();
  await gotoHydrated(page, "/login");
  await expectLanguage(page, "en");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("/dashboard");
  await expectLanguage(page, "es");
  await page.context().clearCookies({ name: "seh_session" });
  await gotoHydrated(page, "/login");
  await expectLanguage(page, "es");
  await expect(page.getByRole("heading", { level: 1, name: "Iniciar sesión" })).toBeVisible();
});
