// Ideas from the portal: Ana sends an idea on her phone; Sam finds it among the new ones, decides and
// reports back; Ana sees the notice on her portal home, reads the organization's answer and says she
// has read it. An anonymous concern gets a receipt code that finds it again, and nothing in the
// database names her; without a name, only programs at least three people worked on can be chosen.
// The ideas page in Spanish, with a refusal next to its field. Every page is axe clean; each change is
// checked in the database.
// Accounts: ana@demo.test (Ana) and staff@demo.test (Sam), Harbor Light Collective; cam@northwind.test
// (Cam), whose only program two people worked on. Each test sends ideas with words of its own, so it
// runs again on the same server.
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { addEngagement, addProgram, uniqueTitle } from "./engagement-helpers";
import {
  DEMO,
  DEMO_PASSWORD,
  E2E_DATABASE,
  expect,
  expectNoSeriousA11yViolations,
  gotoHydrated,
  inLanguage,
  loginAs,
  submitLogin,
  test,
} from "./fixtures";

const PHONE = { viewport: { width: 360, height: 740 } };

/** Rows from the server's database, read only. */
function rows<T>(sql: string, ...params: unknown[]): T[] {
  const sqlite = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare(sql).all(...params) as T[];
  } finally {
    sqlite.close();
  }
}

/** One row from the server's database, read only. */
const row = <T>(sql: string, ...params: unknown[]): T | undefined => rows<T>(sql, ...params)[0];

type IdeaRow = {
  id: string;
  source: string;
  anonymous: number;
  consultant: string | null;
  consultant_id: string | null;
  created_by_user_id: string | null;
  status: string;
  answer_read_at: number | null;
};
const ideaSaying = (summary: string) =>
  row<IdeaRow>(
    `SELECT i.id, i.source, i.anonymous, c.preferred_name AS consultant, i.consultant_id, i.created_by_user_id,
            i.status, i.answer_read_at
       FROM program_inputs i LEFT JOIN consultants c ON c.id = i.consultant_id WHERE i.summary = ?`,
    summary,
  );

test("Ana sends an idea on her phone; Sam decides and reports back; Ana reads the answer", async ({ browser }) => {
  test.setTimeout(120_000);
  const said = `Send the reading list as audio too (${randomUUID().slice(0, 8)}).`;
  const answer = "We recorded the reading list. It is on the advisors' page.";
  const phone = await browser.newContext(PHONE);
  const desk = await browser.newContext();
  try {
    const ana = await phone.newPage();
    await loginAs(ana, DEMO.ana);
    await ana.getByRole("link", { name: "Share an idea or a concern" }).click();
    await expect(ana).toHaveURL("/portal/ideas");
    await expect(ana.getByRole("heading", { level: 1 })).toHaveText("Your ideas");
    await expectNoSeriousA11yViolations(ana);

    const form = ana.getByRole("region", { name: "Send an idea or a concern" });
    await form.getByRole("group", { name: "What is it?" }).getByLabel("An idea").check();
    await form.getByLabel("What is it about?").selectOption({ label: "Youth Outreach Curriculum" });
    await form.getByLabel("Your idea or concern").fill(said);
    await form.getByRole("group", { name: "Send it with your name?" }).getByLabel("With my name").check();
    await form.getByRole("button", { name: "Send" }).click();
    await expect(ana).toHaveURL("/portal/ideas?done=sent");
    await expect.poll(() => ideaSaying(said)?.status).toBe("received");
    expect(ideaSaying(said)).toMatchObject({ source: "portal", anonymous: 0, consultant: "Ana" });
    const mine = ana.getByRole("region", { name: "Ideas you sent with your name" });
    const card = mine.getByRole("listitem").filter({ hasText: said });
    await expect(card).toContainText("We have your input. We will look at it soon.");
    // Nothing is wider than the phone.
    expect(await ana.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoSeriousA11yViolations(ana);

    // Sam finds it among the new ideas, with its source and Ana's name, and takes it to a decision.
    const sam = await desk.newPage();
    await loginAs(sam, DEMO.staff);
    await gotoHydrated(sam, "/program-inputs");
    await expect(sam.getByRole("heading", { level: 1 })).toHaveText("Ideas from consultants");
    const waiting = sam.getByRole("region", { name: /^New:/ });
    await expect(waiting.getByRole("listitem").filter({ hasText: said })).toContainText(
      "Idea from Ana, sent in the portal",
    );
    await expectNoSeriousA11yViolations(sam);
    await waiting.getByRole("link", { name: said }).click();
    await expect(sam.getByRole("heading", { level: 1 })).toHaveText("Idea from Ana");
    await expect(sam.getByText("Sent by the consultant from their portal")).toBeVisible();
    await expectNoSeriousA11yViolations(sam);

    await sam.getByRole("group", { name: "What did you decide?" }).getByLabel("Adopted: we did it").check();
    await sam.getByLabel("Response: what you did, or why not").fill(answer);
    await sam.getByRole("button", { name: "Record the decision" }).click();
    await expect(sam.getByText("State: Adopted")).toBeVisible();
    await expect(sam.getByText(/They see your answer in their portal/)).toBeVisible();
    await sam.getByLabel("How you told them").fill("here in the portal");
    await sam.getByRole("button", { name: "Record that we reported back" }).click();
    await expect(sam.getByText("State: Reported back")).toBeVisible();
    await expect.poll(() => ideaSaying(said)?.status).toBe("reported_back");
    await expectNoSeriousA11yViolations(sam);

    // On the program's own list too, with where it came from.
    await sam.getByRole("link", { name: "← You said, we did: Youth Outreach Curriculum" }).click();
    await expect(sam.getByRole("listitem").filter({ hasText: said })).toContainText(
      "Idea from Ana, sent in the portal",
    );

    // Ana, later: a notice on her home, the answer on her ideas page.
    await gotoHydrated(ana, "/portal");
    const attention = ana.getByRole("region", { name: "Needs your attention" });
    await expect(attention).toContainText(/We answered (your idea|\d+ of your ideas)\./);
    await expectNoSeriousA11yViolations(ana);
    await attention.getByRole("link", { name: /^See the answers?$/ }).click();
    await expect(ana).toHaveURL("/portal/ideas");
    const answered = ana
      .getByRole("region", { name: "Ideas you sent with your name" })
      .getByRole("listitem")
      .filter({ hasText: said });
    await expect(answered).toContainText("New answer");
    await expect(answered).toContainText(`We did: ${answer}`);
    await expect(answered).toContainText("here in the portal");
    await expectNoSeriousA11yViolations(ana);
    await answered.getByRole("button", { name: "I have read this answer" }).click();
    await expect(ana).toHaveURL("/portal/ideas?done=read");
    await expect.poll(() => ideaSaying(said)?.answer_read_at).not.toBeNull();
    await expect(
      ana
        .getByRole("region", { name: "Ideas you sent with your name" })
        .getByRole("listitem")
        .filter({ hasText: said }),
    ).not.toContainText("New answer");
  } finally {
    await phone.close();
    await desk.close();
  }
});

test("an anonymous concern names nobody, its receipt code finds it again, and staff count no days for it", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const said = `The waiting room can be seen from the street (${randomUUID().slice(0, 8)}).`;
  const phone = await browser.newContext(PHONE);
  const desk = await browser.newContext();
  try {
    const ana = await phone.newPage();
    await loginAs(ana, DEMO.ana);
    await gotoHydrated(ana, "/portal/ideas");
    const code = await sendAnonymously(ana, said);
    expect(ideaSaying(said)).toMatchObject({
      source: "portal",
      anonymous: 1,
      consultant_id: null,
      created_by_user_id: null,
    });
    await expectNoSeriousA11yViolations(ana);
    // Not among her own: nothing links it to her.
    await expect(ana.getByRole("region", { name: "Ideas you sent with your name" })).not.toContainText(said);
    await followByCode(ana, code, said);
    await expectNoSeriousA11yViolations(ana);

    // Staff see it with its quarter only, and no count of days: the first day of its quarter is not
    // the day it came, so it stays out of "open too long" and the median days to report back.
    const sam = await desk.newPage();
    await loginAs(sam, DEMO.staff);
    await gotoHydrated(sam, "/program-inputs");
    const cards = sam.getByRole("listitem").filter({ hasText: said });
    await expect(cards.first()).toContainText("sent in the portal without a name");
    for (const card of await cards.all()) await expect(card).not.toContainText(/open for \d+ days?/);
    await expect(sam.getByRole("region", { name: "Closing the loop" })).toContainText(
      /\d+ items? sent without a name (is|are) not in the median or among those open too long/,
    );
    await expectNoSeriousA11yViolations(sam);
  } finally {
    await phone.close();
    await desk.close();
  }
});

test("without JavaScript, an anonymous idea is sent and found again by its code", async ({ browser }) => {
  test.setTimeout(90_000);
  const said = `Interpreters should sit beside us, not behind (${randomUUID().slice(0, 8)}).`;
  const phone = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
  try {
    const ana = await phone.newPage();
    await ana.goto("/login");
    await submitLogin(ana, DEMO.ana, DEMO_PASSWORD);
    await expect(ana).toHaveURL("/portal");
    await ana.goto("/portal/ideas");
    // The code comes in the answer to the form itself: never in an address, never stored.
    const code = await sendAnonymously(ana, said);
    expect(ideaSaying(said)).toMatchObject({ anonymous: 1, consultant_id: null });
    await followByCode(ana, code, said);
  } finally {
    await phone.close();
  }
});

/**
 * The programs a demo consultant worked on, as the ideas page lists them, with how many different
 * consultants ever worked on each: only those with at least three may be the subject of an anonymous idea.
 */
const programsOf = (demoKey: string) =>
  rows<{ id: string; name: string; people: number }>(
    `SELECT p.id, p.name, COUNT(DISTINCT e.consultant_id) AS people
       FROM programs p JOIN engagements e ON e.program_id = p.id AND e.organization_id = p.organization_id
      WHERE p.id IN (SELECT e2.program_id FROM engagements e2 JOIN consultants c ON c.id = e2.consultant_id
                      WHERE c.creation_key = ?)
      GROUP BY p.id ORDER BY p.name, p.id`,
    `demo:${demoKey}`,
  );

test("without a name, only programs at least three people worked on are offered; the server refuses others beside the field", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // A program only Cam has worked on, made here so no other demo work can widen it.
  const small = uniqueTitle("Peer circle");
  const staff = await browser.newPage();
  await loginAs(staff, DEMO.northwindStaff);
  await addProgram(staff, small);
  await addEngagement(staff, {
    consultant: "Cam",
    program: small,
    stage: "Design",
    level: "Involve",
    title: uniqueTitle("Peer circle review"),
    rate: "60",
  });
  await staff.close();
  const programs = programsOf("cam");
  const names = programs.map((p) => p.name);
  const wide = programs.filter((p) => p.people >= 3).map((p) => p.name);
  expect(programs.find((p) => p.name === small)?.people).toBe(1);
  expect(wide).not.toContain(small);
  const IN_GENERAL = "In general (not about one program)";

  const phone = await browser.newContext(PHONE);
  const noScript = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
  try {
    // With JavaScript: choosing "Without my name" leaves only the programs enough people worked on.
    const cam = await phone.newPage();
    await loginAs(cam, DEMO.cam);
    await gotoHydrated(cam, "/portal/ideas");
    const form = cam.getByRole("region", { name: "Send an idea or a concern" });
    const about = form.getByLabel("What is it about?");
    await expect(about.locator("option")).toHaveText([IN_GENERAL, ...names]);
    await form.getByLabel("Without my name (anonymous)").check();
    await expect(about.locator("option")).toHaveText([IN_GENERAL, ...wide]);
    await expect(about).toHaveAccessibleDescription(/Without your name: a program at least 3 people worked on/);
    await expectNoSeriousA11yViolations(cam);
    await form.getByLabel("With my name").check();
    await expect(about.locator("option")).toHaveText([IN_GENERAL, ...names]);
    // Chosen first, then "Without my name": the program goes from the list, and "In general" is chosen.
    await about.selectOption({ label: small });
    await form.getByLabel("Without my name (anonymous)").check();
    await expect(about.locator("option:checked")).toHaveText(IN_GENERAL);

    // Without JavaScript every program is listed, and the server is the guard: refused beside the field,
    // with everything typed kept, and nothing saved.
    const page = await noScript.newPage();
    await page.goto("/login");
    await submitLogin(page, DEMO.cam, DEMO_PASSWORD);
    await expect(page).toHaveURL("/portal");
    await page.goto("/portal/ideas");
    const said = `Only two of us did the partner review (${randomUUID().slice(0, 8)}).`;
    const send = page.getByRole("region", { name: "Send an idea or a concern" });
    await send.getByLabel("What is it about?").selectOption({ label: small });
    await send.getByLabel("Your idea or concern").fill(said);
    await send.getByLabel("Without my name (anonymous)").check();
    await send.getByRole("button", { name: "Send" }).click();
    const refused = send.getByLabel("What is it about?");
    await expect(refused).toHaveAccessibleDescription(
      /Fewer than 3 people have worked on this program, so the team might guess you sent it\. Choose “In general”, or send it with your name\./,
    );
    await expect(refused.locator("option:checked")).toHaveText(small);
    await expect(send.getByLabel("Your idea or concern")).toHaveValue(said);
    await expect(send.getByLabel("Without my name (anonymous)")).toBeChecked();
    expect(ideaSaying(said)).toBeUndefined();
  } finally {
    await phone.close();
    await noScript.close();
  }
});

/** Sends a concern without a name from the ideas page; returns the receipt code it shows. */
async function sendAnonymously(page: Page, said: string) {
  const form = page.getByRole("region", { name: "Send an idea or a concern" });
  await form.getByLabel("A concern").check();
  await form.getByLabel("Your idea or concern").fill(said);
  await form.getByLabel("Without my name (anonymous)").check();
  await form.getByRole("button", { name: "Send" }).click();
  const receipt = page.getByRole("region", { name: "Sent without your name", exact: true });
  await expect(receipt).toContainText("We show it only this once.");
  const code = (await receipt.getByTestId("receipt-code").textContent())!.trim();
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  expect(page.url()).not.toContain(code);
  return code;
}

/** Types the code (in small letters) under "Follow an idea" and finds the idea and where it is. */
async function followByCode(page: Page, code: string, said: string) {
  const follow = page.getByRole("region", { name: "Follow an idea you sent without your name" });
  await follow.getByLabel("Your private code").fill(code.toLowerCase());
  await follow.getByRole("button", { name: "See the answer" }).click();
  await expect(follow).toContainText(said);
  await expect(follow).toContainText("We have your input. We will look at it soon.");
}

test("the ideas page in Spanish, with a refusal next to its field", async ({ browser }) => {
  const phone = await browser.newContext(PHONE);
  try {
    const ana = await phone.newPage();
    await loginAs(ana, DEMO.ana);
    // Ana has saved no language: her browser's choice decides.
    await inLanguage(ana, "es");
    await gotoHydrated(ana, "/portal/ideas");
    await expect(ana.locator("html")).toHaveAttribute("lang", "es");
    await expect(ana.getByRole("heading", { level: 1 })).toHaveText("Sus ideas");
    const form = ana.getByRole("region", { name: "Envíe una idea o una preocupación" });
    await expect(form.getByLabel("Sin mi nombre (anónima)")).toBeVisible();
    await expect(ana.getByRole("main")).not.toContainText(/\b(common|portal|auth):[a-zA-Z]/);
    await expectNoSeriousA11yViolations(ana);

    // Sent with nothing written and no choice of name: each refusal beside its field, in Spanish.
    await form.getByRole("button", { name: "Enviar" }).click();
    await expect(form.getByLabel("Su idea o preocupación")).toHaveAccessibleDescription(
      /Escriba su idea o preocupación\./,
    );
    await expect(form.getByRole("group", { name: "¿La envía con su nombre?" })).toContainText(
      "Elija si la envía con su nombre.",
    );
    await expectNoSeriousA11yViolations(ana);
    // What was typed stays when the form is refused again.
    await form.getByLabel("Su idea o preocupación").fill("Reuniones por la tarde, por favor.");
    await form.getByRole("button", { name: "Enviar" }).click();
    await expect(form.getByRole("group", { name: "¿La envía con su nombre?" })).toContainText(
      "Elija si la envía con su nombre.",
    );
    await expect(form.getByLabel("Su idea o preocupación")).toHaveValue("Reuniones por la tarde, por favor.");
    await expect(ana).toHaveURL("/portal/ideas");
  } finally {
    await phone.close();
  }
});

test("the dashboard's shaping panel counts different consultants per program and stage", async ({ page }) => {
  await loginAs(page, DEMO.staff);
  await gotoHydrated(page, "/dashboard?from=2026-01-01&to=2026-12-31");
  const breadth = page.getByRole("region", { name: "How many different consultants took part" });
  await expect(breadth.getByRole("columnheader", { name: "Any stage" })).toBeVisible();
  const outreach = breadth.getByRole("row", { name: /^Youth Outreach Curriculum/ });
  await expect(outreach.getByRole("cell").first()).toContainText(/\d+\s*\d+ engagements?/);
  await expect(breadth.getByRole("row", { name: /^Every program/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
