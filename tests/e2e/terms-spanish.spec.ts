// Engagement terms in English and Spanish. Noor (staff, Northwind) writes new work for Lucía with its
// terms in Spanish too: a half translation is refused next to the empty field with nothing typed
// lost. Lucía, who reads Spanish, reads the terms in Spanish and accepts; her answer is kept as given
// in Spanish, and Noor's page says so (in English, and in Spanish with the language cookie). A
// consultant reading Spanish whose terms have no Spanish reads the English with a note saying so.
// Staff recording an answer given on paper say which language's terms were read. Accounts:
// staff@northwind.test (Noor: new work of her own), lucia@demo.test (Lucía: answers only that new
// work), staff@demo.test (Sam: new work for Lin, who has no portal account), ana@demo.test (read only).
import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import { fillEngagementForm, uniqueTitle } from "./engagement-helpers";
import { DEMO, E2E_DATABASE, expect, expectNoSeriousA11yViolations, gotoHydrated, loginAs, test } from "./fixtures";

const LUCIA = "lucia@demo.test";
/** Noor's new work for Lucía, before its title and description. */
const LUCIA_WORK = {
  consultant: "Lucía",
  program: "Partner Network Review",
  stage: "Delivery",
  level: "Collaborate",
  rate: "65",
} as const;

/** The languages of the answers kept for one engagement, oldest first. */
function answerLanguages(engagementId: string): string[] {
  const sqlite = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
  try {
    return (
      sqlite
        .prepare("SELECT language FROM engagement_agreements WHERE engagement_id = ? ORDER BY rowid")
        .all(engagementId) as { language: string }[]
    ).map((r) => r.language);
  } finally {
    sqlite.close();
  }
}

async function expectSpanishPage(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  // No catalog key shows through where its words belong.
  await expect(page.getByRole("main")).not.toContainText(/\b(common|portal|staff):[a-zA-Z]/);
  await expectNoSeriousA11yViolations(page);
}

test("staff write the terms in Spanish; Lucía reads them in Spanish and accepts; staff see it was given in Spanish", async ({
  page,
  browser,
  baseURL,
}) => {
  const title = uniqueTitle("Co-facilitate the partner training");
  const spanishTitle = `Cofacilitar la capacitación ${title.split(" ").at(-1)}`;
  const spanishWhat = "Cofacilitar una sesión de medio día, en español, para organizaciones aliadas.";

  await loginAs(page, DEMO.northwindStaff);
  await gotoHydrated(page, "/engagements/new");
  await fillEngagementForm(page, {
    ...LUCIA_WORK,
    title,
    what: "Co-facilitate one half-day session, in Spanish, for partner agencies.",
    estimatedHours: "4",
  });

  // Half a translation: the Spanish name of the work without the Spanish description.
  const spanish = page.getByRole("group", { name: "Español (optional)" });
  await expect(page.getByRole("heading", { name: "The terms in other languages" })).toBeVisible();
  await spanish.getByLabel("Name of the work").fill(spanishTitle);
  await page.getByRole("button", { name: "Save engagement" }).click();
  const describe = spanish.getByLabel("Describe the work");
  await expect(describe).toHaveAttribute("aria-invalid", "true");
  await expect(describe).toHaveAccessibleDescription(
    "Write this in Español too, or leave all the Español words empty.",
  );
  await expect(describe).toHaveAttribute("lang", "es");
  // Nothing typed is lost, in either language.
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expect(spanish.getByLabel("Name of the work")).toHaveValue(spanishTitle);
  await expect(page).toHaveURL(/\/engagements\/new$/);
  await expectNoSeriousA11yViolations(page);

  await describe.fill(spanishWhat);
  await page.getByRole("button", { name: "Save engagement" }).click();
  await expect(page).toHaveURL(/\/engagements\/[0-9a-f-]{36}\?done=created$/);
  const engagementId = new URL(page.url()).pathname.split("/").at(-1)!;
  const terms = page.getByRole("region", { name: /^Scope and terms/ });
  await expect(terms.getByText("The consultant can read these terms in: English, Español.")).toBeVisible();

  // Lucía reads Spanish (her own saved choice): the terms are in Spanish, and she accepts them.
  const lucia = await browser.newContext();
  try {
    const portal = await lucia.newPage();
    await loginAs(portal, LUCIA);
    await gotoHydrated(portal, "/portal/work");
    await expect(portal.getByRole("link", { name: spanishTitle })).toBeVisible();
    await gotoHydrated(portal, `/portal/work/${engagementId}`);
    await expect(portal.getByRole("heading", { level: 1 })).toHaveText(spanishTitle);
    await expect(portal.getByRole("heading", { level: 1 })).toHaveAttribute("lang", "es");
    await expect(portal.getByRole("region", { name: "El trabajo" })).toContainText(spanishWhat);
    await expect(portal.getByText("Estas condiciones están en inglés.", { exact: false })).toHaveCount(0);
    await expectSpanishPage(portal);
    await portal.getByRole("button", { name: "Sí, acepto estas condiciones" }).click();
    await expect(portal).toHaveURL(/\?done=accepted$/);
    await expect.poll(() => answerLanguages(engagementId)).toEqual(["es"]);
    const answers = portal.getByRole("region", { name: "Sus respuestas" });
    await expect(answers.getByText("Dado en español.")).toBeVisible();
    await answers.getByText("Las palabras que se leyeron (versión 1)").click();
    await expect(answers.getByRole("definition").filter({ hasText: spanishTitle })).toBeVisible();
    await expectSpanishPage(portal);
  } finally {
    await lucia.close();
  }

  // Noor's page: accepted, in Spanish, with the words Lucía read.
  await gotoHydrated(page, `/engagements/${engagementId}`);
  const agreement = page.getByRole("region", { name: "Agreement" });
  await expect(agreement).toContainText("Lucía accepted these terms.");
  await expect(agreement.getByText("Given in Spanish.")).toBeVisible();
  await agreement.getByText("The words read (version 1)").click();
  const read = agreement.getByRole("definition").filter({ hasText: spanishWhat });
  await expect(read).toBeVisible();
  await expect(read).toHaveAttribute("lang", "es");
  await expectNoSeriousA11yViolations(page);

  // The same page for staff who read Spanish.
  await page.context().addCookies([{ name: "lang", value: "es", url: baseURL! }]);
  await gotoHydrated(page, `/engagements/${engagementId}`);
  await expect(page.getByText("Dado en español.")).toBeVisible();
  await expect(
    page.getByText("La persona consultora puede leer estas condiciones en: English, Español."),
  ).toBeVisible();
  await expectSpanishPage(page);
});

test("a consultant reading Spanish whose terms have no Spanish reads the English, and is told so", async ({
  page,
  baseURL,
}) => {
  await loginAs(page, DEMO.ana);
  await page.context().addCookies([{ name: "lang", value: "es", url: baseURL! }]);
  await gotoHydrated(page, "/portal/work");
  await page.getByRole("link", { name: "Review the new curriculum" }).click();
  await expect(page).toHaveURL(/\/portal\/work\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Review the new curriculum");
  await expect(page.getByRole("heading", { level: 1 })).toHaveAttribute("lang", "en");
  await expect(
    page.getByText("Estas condiciones están en inglés. Esta organización aún no las ha escrito en español."),
  ).toBeVisible();
  await expectSpanishPage(page);
});

test("new English beside Spanish left as it was is refused next to the Spanish, nothing typed lost, until staff say it still says the same", async ({
  page,
}) => {
  const title = uniqueTitle("Review the partner handbook");
  const newWhat = "Review the partner handbook and suggest changes to two chapters.";
  await loginAs(page, DEMO.northwindStaff);
  await gotoHydrated(page, "/engagements/new");
  await fillEngagementForm(page, { ...LUCIA_WORK, title, what: "Review the partner handbook.", estimatedHours: "3" });
  const spanish = page.getByRole("group", { name: "Español (optional)" });
  await spanish.getByLabel("Name of the work").fill("Revisar el manual para organizaciones aliadas");
  await spanish.getByLabel("Describe the work").fill("Revisar el manual para organizaciones aliadas.");
  // A new translation has nothing to still say the same as.
  await expect(spanish.getByLabel("The Spanish still says the same")).toHaveCount(0);
  await page.getByRole("button", { name: "Save engagement" }).click();
  await expect(page).toHaveURL(/\/engagements\/[0-9a-f-]{36}\?done=created$/);
  const engagementId = new URL(page.url()).pathname.split("/").at(-1)!;

  await gotoHydrated(page, `/engagements/${engagementId}/edit`);
  await page.getByLabel("What the work is").fill(newWhat);
  await page.getByRole("button", { name: "Save changes" }).click();
  const describe = spanish.getByLabel("Describe the work");
  await expect(describe).toHaveAttribute("aria-invalid", "true");
  await expect(describe).toHaveAccessibleDescription(
    "The English changed: update the Spanish too, or tick ‘The Spanish still says the same’.",
  );
  // Nothing typed is lost, and the Spanish name, whose English did not change, is not in question.
  await expect(page.getByLabel("What the work is")).toHaveValue(newWhat);
  await expect(describe).toHaveValue("Revisar el manual para organizaciones aliadas.");
  await expect(spanish.getByLabel("Name of the work")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(new RegExp(`/engagements/${engagementId}/edit$`));
  await expectNoSeriousA11yViolations(page);

  await spanish.getByLabel("The Spanish still says the same").check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/engagements/${engagementId}\\?done=saved$`));
  await expect(page.getByRole("region", { name: /^Scope and terms/ })).toContainText(newWhat);
});

test("staff recording an answer given on paper say it was read in Spanish, from the languages written", async ({
  page,
}) => {
  const title = uniqueTitle("Paper terms in Spanish");
  await loginAs(page, DEMO.staff);
  await gotoHydrated(page, "/engagements/new");
  await fillEngagementForm(page, {
    consultant: "Lin",
    program: "Community Training Series",
    stage: "Evaluation",
    level: "Involve",
    title,
    rate: "60",
    estimatedHours: "5",
  });
  const spanish = page.getByRole("group", { name: "Español (optional)" });
  await spanish.getByLabel("Name of the work").fill("Condiciones en papel, en español");
  await spanish.getByLabel("Describe the work").fill("Dar su opinión sobre el plan en dos reuniones.");
  await page.getByRole("button", { name: "Save engagement" }).click();
  await expect(page).toHaveURL(/\/engagements\/[0-9a-f-]{36}\?done=created$/);
  const engagementId = new URL(page.url()).pathname.split("/").at(-1)!;

  await page.getByRole("link", { name: "Record an answer given on paper or out loud" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Record Lin’s answer");
  const language = page.getByRole("group", { name: "Language of the terms they read" });
  await expect(language.getByRole("radio")).toHaveCount(2);
  await page.getByRole("radio", { name: "They accepted the terms" }).check();
  await page.getByRole("radio", { name: "On a paper form" }).check();
  await page.getByLabel("The day they answered").fill(new Date().toISOString().slice(0, 10));
  await page.getByLabel("Where the signed form is kept").fill("Office cabinet");
  // Sent without saying which language: asked for, next to the choice.
  await page.getByRole("button", { name: "Record their answer" }).click();
  await expect(language).toContainText("Choose the language of the terms they read.");
  expect(answerLanguages(engagementId)).toEqual([]);
  await expectNoSeriousA11yViolations(page);

  await language.getByRole("radio", { name: "Español" }).check();
  await page.getByRole("button", { name: "Record their answer" }).click();
  await expect(page).toHaveURL(`/engagements/${engagementId}?done=answer-accepted`);
  expect(answerLanguages(engagementId)).toEqual(["es"]);
  await expect(page.getByRole("region", { name: "Agreement" }).getByText("Given in Spanish.")).toBeVisible();
});
