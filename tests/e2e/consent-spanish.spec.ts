// Consent purposes in Spanish: an admin writes a purpose's wording in Spanish beside the English (half a
// translation is refused next to the empty field); a consultant who reads Spanish reads it in Spanish,
// says yes, and gets a receipt that keeps the Spanish words after the English changes; staff see the
// choice was given in Spanish. And the demo: Lucía reads Northwind's purposes in Spanish, her choices
// were given in Spanish, and a purpose not yet written in Spanish says so.
// Accounts: admin@demo.test (Dana) with a purpose and a consultant this test adds and invites itself;
// lucia@demo.test and staff@northwind.test (Noor), read only.
import type { Page } from "@playwright/test";
import { addConsultant, hasHorizontalScroll, uniqueName } from "./consultant-helpers";
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
const PASSWORD = "spanish-consent-password-1";
const PROMISE = "You can change your mind at any time.";
const PROMESA = "Puede cambiar de opinión en cualquier momento.";

async function expectSpanish(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  expect(await hasHorizontalScroll(page)).toBe(false);
  await expectNoSeriousA11yViolations(page);
}

test("an admin adds Spanish wording; a consultant who reads Spanish says yes on it and keeps a Spanish receipt", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const label = uniqueName("Speaking at events");
  const english = `We may ask you to speak at our events. ${PROMISE}`;
  const nombre = `Hablar en eventos ${label.split(" ").at(-1)}`;
  const palabras = `Podemos pedirle que hable en nuestros eventos. ${PROMESA}`;

  // Dana adds the purpose in English, then writes its Spanish.
  await loginAs(page, DEMO.admin);
  await gotoHydrated(page, "/settings/consent");
  const add = page.getByRole("region", { name: "Add a purpose" });
  await add.getByLabel("Name of the purpose").fill(label);
  await add.getByLabel("What the person agrees to").fill(english);
  await add.getByRole("button", { name: "Add purpose" }).click();
  await expect(page.getByRole("status")).toContainText("Purpose added.");
  const purpose = page.getByRole("region", { name: label });
  await expect(purpose).toContainText("Written in English only.");

  await purpose.getByText("Change the wording or the usual end").click();
  const spanish = purpose.getByRole("group", { name: "Español (optional)" });
  await spanish.getByLabel("Name in Español").fill(nombre);
  await purpose.getByRole("button", { name: "Save" }).click();
  // Half a translation: refused next to the empty field, with the name typed still there.
  await expect(spanish.getByLabel("Wording in Español")).toHaveAccessibleDescription(
    /Write the wording in Español too, or leave the name in Español empty\./,
  );
  await expect(spanish.getByLabel("Name in Español")).toHaveValue(nombre);
  await expect(purpose).toContainText("Version 1");
  await expectNoSeriousA11yViolations(page);

  await spanish.getByLabel("Wording in Español").fill(palabras);
  await purpose.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("Saved. The new wording is a new version");
  await expect(purpose).toContainText("Version 2");
  await expect(purpose).toContainText("Written in English and Español.");

  // A consultant of Dana's own, invited to the portal, who chooses Spanish there.
  const name = uniqueName("Spanish reader");
  const email = uniqueEmail("consent-spanish");
  const recordPath = await addConsultant(page, { preferredName: name, email, emailSafety: "Safe to use" });
  const since = Date.now() - 1_000;
  await page
    .getByRole("region", { name: "Portal access" })
    .getByRole("button", { name: "Invite to the portal" })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "Portal invitation emailed." })).toBeVisible();
  const invitePath = await emailedLink(email, since, "/invite/");

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  try {
    const portal = await phone.newPage();
    await acceptInvitation(portal, invitePath, name, PASSWORD);
    await gotoHydrated(portal, "/portal/profile");
    await portal.getByRole("combobox", { name: "Language", exact: true }).selectOption({ label: "Español" });
    await portal.getByRole("button", { name: "Save my language" }).click();
    await expect(portal).toHaveURL("/portal/profile?done=language");

    // The purpose in Spanish, as Dana wrote it; one not written in Spanish says so.
    await gotoHydrated(portal, "/portal/consent");
    await expect(portal.getByRole("heading", { level: 1, name: "Mis decisiones" })).toBeVisible();
    const choice = portal.getByRole("region", { name: nombre });
    await expect(choice.getByText(palabras)).toBeVisible();
    await expect(choice.getByRole("heading", { name: nombre })).toHaveAttribute("lang", "es");
    await expect(choice.getByText("Versión del texto: 2")).toBeVisible();
    await expect(
      portal
        .getByRole("region", { name: "Media or press contact" })
        .getByText("Esta organización aún no lo ha escrito en español, así que se muestra en inglés."),
    ).toBeVisible();
    await expectSpanish(portal);

    await choice.locator("summary", { hasText: "Decir que sí" }).click();
    await choice.getByRole("button", { name: /^Guardar mi sí/ }).click();
    await expect(portal).toHaveURL(/\/portal\/consent\/[^/?]+\?done=saved$/);
    const receiptPath = new URL(portal.url()).pathname;
    await expect(portal.getByRole("heading", { level: 1, name: "Comprobante" })).toBeVisible();
    await expect(portal.getByRole("heading", { level: 2, name: nombre })).toBeVisible();
    await expect(portal.getByText("Dado en español.")).toBeVisible();
    await expect(portal.getByRole("blockquote")).toHaveText(palabras);
    await expectSpanish(portal);

    // Dana changes the English: a new version, which the receipt does not follow. The Spanish left as it
    // was is questioned first, next to its field, until she says it still says the same.
    await gotoHydrated(page, "/settings/consent");
    await purpose.getByText("Change the wording or the usual end").click();
    const newWords = `We may ask you to speak at our events and online. ${PROMISE}`;
    await purpose.getByLabel("What the person agrees to").fill(newWords);
    await purpose.getByRole("button", { name: "Save" }).click();
    await expect(purpose.getByLabel("Wording in Español")).toHaveAccessibleDescription(
      /The English changed: update the Spanish too, or tick ‘The Spanish still says the same’\./,
    );
    await expect(purpose.getByLabel("What the person agrees to")).toHaveValue(newWords);
    await expect(purpose).toContainText("Version 2");
    await purpose.getByLabel("The Spanish still says the same").check();
    await purpose.getByRole("button", { name: "Save" }).click();
    await expect(purpose).toContainText("Version 3");

    await gotoHydrated(portal, receiptPath);
    await expect(portal.getByRole("heading", { level: 3, name: "El texto exacto (versión 2)" })).toBeVisible();
    await expect(portal.getByText("Dado en español.")).toBeVisible();
    await expect(portal.getByRole("blockquote")).toHaveText(palabras);
  } finally {
    await phone.close();
  }

  // Staff read in the history that the yes was given in Spanish, on the Spanish words, with their English.
  await gotoHydrated(page, `${recordPath}/consent`);
  const history = page.getByRole("region", { name: "History" });
  const item = history.getByRole("listitem").filter({ hasText: `Said yes: ${label}` });
  await expect(item.getByText("Given in Spanish.")).toBeVisible();
  await item.getByText("The exact wording (version 2)").click();
  await expect(item.getByText(palabras)).toBeVisible();
  await item.getByText("The same version in English").click();
  await expect(item.getByText(english)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("Lucía reads Northwind's purposes in Spanish, and her choices say they were given in Spanish", async ({
  page,
}) => {
  await loginAs(page, LUCIA);
  await gotoHydrated(page, "/portal/consent");
  await expect(page.getByRole("heading", { level: 1, name: "Mis decisiones" })).toBeVisible();
  const name = page.getByRole("region", { name: "Usar mi nombre" });
  await expect(name.getByText("Su respuesta: sí.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Compartir mi historia o citas" })).toContainText(
    "Podemos usar sus palabras",
  );
  await expect(
    page
      .getByRole("region", { name: "Share my contact details with partners" })
      .getByText("Esta organización aún no lo ha escrito en español, así que se muestra en inglés."),
  ).toBeVisible();
  await expectSpanish(page);

  await name.getByRole("link", { name: /^Ver el comprobante/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Comprobante" })).toBeVisible();
  await expect(page.getByText("Dado en español.")).toBeVisible();
  await expect(page.getByRole("blockquote")).toContainText("Podemos mostrar un nombre junto a su trabajo");
  await expectSpanish(page);
});

test("Noor sees on Lucía's record that her choices were given in Spanish, and records only in a language written", async ({
  page,
}) => {
  await loginAs(page, DEMO.northwindStaff);
  await gotoHydrated(page, "/consultants");
  await page.getByRole("link", { name: "Lucía", exact: true }).click();
  await page.getByRole("link", { name: "Consent choices and history" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Consent: Lucía" })).toBeVisible();
  const history = page.getByRole("region", { name: "History" });
  const photo = history.getByRole("listitem").filter({ hasText: "Said no: Photo or image of me" });
  await expect(photo.getByText("Given in Spanish.")).toBeVisible();
  await photo.getByText("The exact wording (version 1)").click();
  await expect(photo.getByText("Podemos usar una foto o imagen suya.", { exact: false })).toBeVisible();
  await expect(photo).toContainText("Consent binder, Northwind office");

  // Recording a choice from paper: the form's language is one the purpose's wording is written in.
  const form = page.getByRole("region", { name: "Record a choice the consultant gave you" });
  const language = form.getByLabel("Language of the words they read");
  await form.getByLabel("Purpose").selectOption({ label: "Use my name (now: Yes)" });
  await expect(language.locator("option")).toHaveText(["English", "Español"]);
  await form.getByLabel("Purpose").selectOption({ label: "Media or press contact (now: Not asked yet)" });
  await expect(language.locator("option")).toHaveText(["English"]);
  await expectNoSeriousA11yViolations(page);
});
