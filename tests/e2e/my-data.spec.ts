// "My data" shows a consultant what the portal's later features hold about them, and the questions
// about how the organization works are answered in the portal without JavaScript.
// - Jo (jo@demo.test), asked in the demo's readiness check-in, answers a new one Sam asks them, with
//   JavaScript off: opens it, saves a part, comes back to it, and sends. Their My data lists both sets
//   of answers, sent with their name. Sam (staff@demo.test) starts the check-in with a name of its own.
// - Priya (priya@demo.test) answered the demo's check-in without her name: My data says so, and shows
//   no answers, for none are linked to her (read only).
// - Ana (ana@demo.test), with JavaScript off, sends an idea with her name and one without (words of
//   their own): My data lists only the first, and the letter Dana signed for her.
// - Lucía (lucia@demo.test) reads her support plan and her idea in My data in Spanish (read only).
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import {
  DEMO,
  DEMO_PASSWORD,
  E2E_DATABASE,
  expect,
  expectNoSeriousA11yViolations,
  gotoHydrated,
  loginAs,
  submitLogin,
  test,
} from "./fixtures";
import { uniqueName } from "./consultant-helpers";

const readiness = JSON.parse(
  readFileSync(new URL("../../db/templates/survivor-informed-readiness.json", import.meta.url), "utf8"),
) as { sections: { key: string; title: string; items: { key: string; text: string }[] }[] };
const FIRST = readiness.sections[0]!;
const LAST = readiness.sections.at(-1)!;

/** One row from the server's database, read only. */
function row<T>(sql: string, ...params: unknown[]): T | undefined {
  const sqlite = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare(sql).get(...params) as T | undefined;
  } finally {
    sqlite.close();
  }
}

/** Signs in through the form, as a browser without JavaScript does. */
async function signInWithoutScripts(page: Page, email: string) {
  await page.goto("/login");
  await submitLogin(page, email, DEMO_PASSWORD);
  await expect(page).toHaveURL("/portal");
}

const myData = (page: Page, heading: string) => page.getByRole("region", { name: heading, exact: true });

test("Jo answers a check-in without JavaScript, part by part, and finds the answers in My data", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const name = uniqueName("Readiness for Jo");
  await loginAs(page, DEMO.staff);
  await gotoHydrated(page, "/assessments");
  await page.getByLabel("Checklist").selectOption({ label: "Survivor-informed organizational readiness" });
  await page.getByLabel("Name (required)").fill(name);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await page.getByRole("button", { name: "Start a new one anyway" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const assessmentId = new URL(page.url()).pathname.split("/").at(-1)!;
  await page.getByRole("link", { name: "Ask consultants to answer too" }).click();
  // Jo has a portal account now, so they can be asked.
  await page.getByRole("group", { name: "Who to ask" }).getByLabel("Jo", { exact: true }).check();
  await page.getByRole("button", { name: "Ask them" }).click();
  await expect(page.getByText("1 asked.", { exact: true })).toBeVisible();

  const noScript = await browser.newContext({ javaScriptEnabled: false });
  try {
    const jo = await noScript.newPage();
    await signInWithoutScripts(jo, DEMO.jo);
    const attention = jo.getByRole("region", { name: "Needs your attention" });
    await expect(attention).toContainText("We would like your view on how we work");
    await attention.getByRole("link", { name: "Answer the questions" }).last().click();
    await expect(jo.getByRole("heading", { level: 1, name: "How are we doing?" })).toBeVisible();
    await jo.getByLabel("With my name").check();
    await jo.getByRole("button", { name: "Start" }).click();
    await expect(jo.getByText("You are answering with your name.")).toBeVisible();

    // The first part, saved with its button: the page moves on to the second.
    const part = (n: number) =>
      jo.locator("form").filter({ has: jo.getByRole("heading", { name: new RegExp(`^Part ${n} of`) }) });
    const statements = part(1).getByRole("group");
    await expect(statements).toHaveCount(FIRST.items.length);
    for (let n = 0; n < FIRST.items.length; n++) await statements.nth(n).getByLabel("Mostly").check();
    await part(1).getByRole("button", { name: "Save and go on" }).click();
    await expect(jo.getByRole("heading", { name: /^Part 2 of/ })).toBeVisible();
    await expect(jo.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

    // Opened again, the first part has the answers saved.
    await jo
      .getByRole("navigation", { name: "Sections" })
      .getByRole("link", { name: new RegExp(`^1\\. ${FIRST.title} \\(${FIRST.items.length}/`) })
      .click();
    for (let n = 0; n < FIRST.items.length; n++) {
      await expect(part(1).getByRole("group").nth(n).getByLabel("Mostly")).toBeChecked();
    }

    // The last part is sent with one statement answered; the rest are skipped.
    await jo
      .getByRole("navigation", { name: "Sections" })
      .getByRole("link", { name: new RegExp(`^${readiness.sections.length}\\. `) })
      .click();
    const last = part(readiness.sections.length);
    await last.getByRole("group").first().getByLabel("Started").check();
    await last.getByRole("button", { name: "Send my answers" }).click();
    await expect(jo.getByText("You sent your answers. Thank you for your time.")).toBeVisible();
    expect(
      row<{ sent_at: number | null }>(
        `SELECT r.sent_at FROM assessment_respondents r JOIN consultants c ON c.id = r.consultant_id
          WHERE r.assessment_id = ? AND c.creation_key = 'demo:jo'`,
        assessmentId,
      )?.sent_at,
    ).not.toBeNull();

    // My data: both check-ins Jo was asked, each sent with their name, with their answers.
    await jo.goto("/portal/my-data");
    const asked = myData(jo, "Questions about how we work").getByRole("listitem");
    await expect(asked).toHaveCount(2);
    const newest = asked.last();
    await expect(newest).toContainText(/You sent your answers with your name on /);
    await expect(newest.getByRole("definition")).toHaveCount(FIRST.items.length + 1);
    await expect(newest.getByRole("term").first()).toHaveText(FIRST.items[0]!.text);
    await expect(newest.getByRole("definition").first()).toHaveText("Mostly");
    await expect(newest.getByRole("term").last()).toHaveText(LAST.items[0]!.text);
    await expect(newest.getByRole("definition").last()).toHaveText("Started");
    await expect(asked.first()).toContainText(/You sent your answers with your name on /);
  } finally {
    await noScript.close();
  }
  await gotoHydrated(page, `/assessments/${assessmentId}/invite`);
  await expect(page.getByText("Answered with their name: Jo.")).toBeVisible();
});

test("Priya answered without her name: My data says so, and shows no answers", async ({ page }) => {
  await loginAs(page, DEMO.priya);
  await gotoHydrated(page, "/portal/my-data");
  const asked = myData(page, "Questions about how we work");
  await expect(asked.getByRole("listitem")).toHaveCount(1);
  await expect(asked).toContainText(
    "You sent your answers without your name. They are not linked to you, so we cannot show them here.",
  );
  await expect(asked.getByRole("definition")).toHaveCount(0);
  await expect(myData(page, "Support for your work")).toContainText("No support is planned for any of your work.");
  await expect(myData(page, "Letters of experience")).toContainText("You have not asked for a letter.");
  await expectNoSeriousA11yViolations(page);
});

test("Ana's ideas sent without JavaScript: My data lists the one with her name, never the other, and her letter", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const named = `Share the agenda a week before (${randomUUID().slice(0, 8)}).`;
  const anonymous = `The meeting room is too cold (${randomUUID().slice(0, 8)}).`;
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  try {
    const ana = await noScript.newPage();
    await signInWithoutScripts(ana, DEMO.ana);
    await ana.goto("/portal/ideas");
    const send = ana.getByRole("region", { name: "Send an idea or a concern" });
    await send.getByLabel("An idea").check();
    await send.getByLabel("Your idea or concern").fill(named);
    await send.getByLabel("With my name").check();
    await send.getByRole("button", { name: "Send" }).click();
    await expect(ana).toHaveURL("/portal/ideas?done=sent");
    await expect(ana.getByRole("region", { name: "Ideas you sent with your name" })).toContainText(named);

    await send.getByLabel("A concern").check();
    await send.getByLabel("Your idea or concern").fill(anonymous);
    await send.getByLabel("Without my name (anonymous)").check();
    await send.getByRole("button", { name: "Send" }).click();
    await expect(ana.getByRole("region", { name: "Sent without your name", exact: true })).toContainText(
      "We show it only this once.",
    );

    await ana.goto("/portal/my-data");
    const ideas = myData(ana, "Ideas you sent with your name");
    await expect(ideas).toContainText(named);
    await expect(ideas).toContainText("Ideas you sent without your name are not linked to you.");
    expect(await ana.content()).not.toContain(anonymous);
    await expect(myData(ana, "Letters of experience")).toContainText(/Signed by Dana, Program Director\./);

    const download = await ana.request.get("/portal/my-data.json");
    const file = await download.text();
    expect(file).toContain(named);
    expect(file).not.toContain(anonymous);
    const exported = JSON.parse(file) as { letters: { status: string; signerName: string }[] };
    expect(exported.letters).toContainEqual(expect.objectContaining({ status: "issued", signerName: "Dana" }));
  } finally {
    await noScript.close();
  }
});

test("Lucía reads her support plan and her idea in My data, in Spanish", async ({ page }) => {
  await loginAs(page, "lucia@demo.test");
  await gotoHydrated(page, "/portal/my-data");
  await expect(page.getByRole("heading", { level: 1, name: "Mis datos" })).toBeVisible();
  const support = myData(page, "Apoyo para su trabajo");
  const childcare = support.getByRole("listitem").filter({ hasText: "Cuidado de niños" });
  await expect(childcare).toContainText("Organizado");
  await expect(childcare).toContainText("Cuidado de niños en la sala de al lado, toda la mañana.");
  await expect(childcare).toContainText(/Usted lo pidió el /);
  await expect(myData(page, "Ideas que envió con su nombre")).toContainText(
    "Añadan al final de la guía una lista corta de palabras difíciles",
  );
  await expectNoSeriousA11yViolations(page);
});
