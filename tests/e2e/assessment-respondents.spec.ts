// Consultants assess the organization too: Sam (staff@demo.test) answers a new readiness assessment
// and asks Ana (ana@demo.test); Ana answers without her name on a phone; the survivors' view shows
// beside the staff view only once three anonymous answers make a whole group (two others' anonymous
// answers are written into the database first, and nothing staff see moves for them). Ana's portal
// page is also read in Spanish.
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
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
import { hasHorizontalScroll, uniqueName } from "./consultant-helpers";

const readiness = JSON.parse(
  readFileSync(new URL("../../db/templates/survivor-informed-readiness.json", import.meta.url), "utf8"),
) as { sections: { key: string; items: { key: string }[] }[] };

/** Answers every section as its form posts it without JavaScript, from the assessment page that is open. */
async function answerEverySection(page: Page, value: string) {
  const url = new URL(page.url());
  for (const section of readiness.sections) {
    const form: Record<string, string> = { intent: "save", section: section.key };
    for (const item of section.items) form[`item.${item.key}`] = value;
    const response = await page.request.post(url.pathname, { form, maxRedirects: 0 });
    expect(response.status()).toBe(302);
  }
}

/** What is in the database for an assessment: its consultants' answer sets. */
function respondentsOf(assessmentId: string) {
  const sqlite = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
  try {
    return sqlite
      .prepare(
        "select kind, user_id, consultant_id, sent_at, anonymous_group from assessment_respondents where assessment_id = ?",
      )
      .all(assessmentId) as {
      kind: string;
      user_id: string | null;
      consultant_id: string | null;
      anonymous_group: number | null;
    }[];
  } finally {
    sqlite.close();
  }
}

/** Two other consultants' answers, sent without their names (as the portal stores them: waiting for a group). */
function addTwoAnonymousAnswerSets(assessmentId: string) {
  const sqlite = new Database(E2E_DATABASE, { fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 5000");
    const respondent = sqlite.prepare(
      "insert into assessment_respondents (id, assessment_id, kind) values (?, ?, 'anonymous')",
    );
    const answer = sqlite.prepare(
      "insert into assessment_answers (assessment_id, respondent_id, item_key, value) values (?, ?, ?, ?)",
    );
    sqlite.transaction(() => {
      for (const value of [0, 1]) {
        const id = randomUUID();
        respondent.run(id, assessmentId);
        for (const section of readiness.sections) {
          for (const item of section.items) answer.run(assessmentId, id, item.key, JSON.stringify(value));
        }
      }
    })();
  } finally {
    sqlite.close();
  }
}

test("a consultant answers without her name on a phone; staff see the survivors' view only after the third answer", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const name = uniqueName("Readiness together");
  await loginAs(page, DEMO.staff);
  await gotoHydrated(page, "/assessments");
  await page.getByLabel("Checklist").selectOption({ label: "Survivor-informed organizational readiness" });
  await page.getByLabel("Name (required)").fill(name);
  // The demo keeps a readiness draft open: a second one starts when asked for in so many words.
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await page.getByRole("button", { name: "Start a new one anyway" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const fillPath = new URL(page.url()).pathname;
  const assessmentId = fillPath.split("/").at(-1)!;
  await answerEverySection(page, "3");

  // Sam asks Ana, from the assessment page.
  await gotoHydrated(page, fillPath);
  await page.getByRole("link", { name: "Ask consultants to answer too" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Ask consultants: ${name}` })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("group", { name: "Who to ask" }).getByLabel("Ana", { exact: true }).check();
  await page.getByRole("button", { name: "Ask them" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Asked." })).toBeVisible();
  await expect(page.getByText("1 asked.")).toBeVisible();
  const anonymousCount = page.getByText(/^Without their name:/);
  await expect(anonymousCount).toHaveText("Without their name: fewer than 3 so far (maybe none).");

  // No consultant has answered: the results say when the survivors' view will show, and no count.
  const sideBySide = page.getByRole("region", { name: "Staff and survivors, side by side" });
  const sideTable = page.getByRole("table", { name: "Score per area in the staff view and in the survivors' view" });
  await gotoHydrated(page, `${fillPath}/results`);
  await expect(sideBySide).toContainText(
    "The survivors' view shows once it can rest on the answers of at least 3 consultants.",
  );
  await expect(sideTable).toHaveCount(0);
  const beforeAnyAnswer = await sideBySide.textContent();

  // Two others answered without their names: nothing staff see moves, here or on the invitations page.
  addTwoAnonymousAnswerSets(assessmentId);
  await page.reload();
  await expect(sideBySide).toContainText("The survivors' view shows once it can rest on");
  expect(await sideBySide.textContent()).toBe(beforeAnyAnswer);
  await expect(sideTable).toHaveCount(0);
  await gotoHydrated(page, `${fillPath}/invite`);
  await expect(anonymousCount).toHaveText("Without their name: fewer than 3 so far (maybe none).");

  // Ana, on her phone, answers without her name.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  try {
    const ana = await phone.newPage();
    await loginAs(ana, DEMO.ana);
    await gotoHydrated(ana, "/portal");
    const attention = ana.getByRole("region", { name: "Needs your attention" });
    await expect(attention).toContainText("We would like your view on how we work");
    // Her newest invitation is the last one listed.
    await attention.getByRole("link", { name: "Answer the questions" }).last().click();
    await expect(ana.getByRole("heading", { level: 1, name: "How are we doing?" })).toBeVisible();
    await expectNoSeriousA11yViolations(ana);
    await ana.getByLabel("Without my name").check();
    await ana.getByRole("button", { name: "Start" }).click();
    await expect(ana.getByText("You are answering without your name.")).toBeVisible();
    expect(await hasHorizontalScroll(ana)).toBe(false);
    await expectNoSeriousA11yViolations(ana);
    for (const [i, section] of readiness.sections.entries()) {
      const last = i === readiness.sections.length - 1;
      // Each statement of the section answered "Started".
      const form = ana
        .locator("form")
        .filter({ has: ana.getByRole("heading", { name: new RegExp(`^Part ${i + 1} of`) }) });
      const statements = form.getByRole("group");
      await expect(statements).toHaveCount(section.items.length);
      for (let n = 0; n < section.items.length; n++) await statements.nth(n).getByLabel("Started").check();
      await form.getByRole("button", { name: last ? "Send my answers" : "Save and go on" }).click();
      if (!last) await expect(ana.getByRole("heading", { name: new RegExp(`^Part ${i + 2} of`) })).toBeVisible();
    }
    await expect(ana.getByText("You sent your answers. Thank you for your time.")).toBeVisible();
    expect(await hasHorizontalScroll(ana)).toBe(false);
    await expectNoSeriousA11yViolations(ana);
  } finally {
    await phone.close();
  }
  // Nothing stored names her, or anyone, beside the staff's own answers.
  await expect.poll(() => respondentsOf(assessmentId).filter((r) => r.kind === "anonymous").length).toBe(3);
  expect(respondentsOf(assessmentId).filter((r) => r.consultant_id !== null)).toEqual([]);
  // Hers completed a group of three: all three joined the view together.
  expect(respondentsOf(assessmentId).every((r) => r.kind !== "anonymous" || r.anonymous_group === 1)).toBe(true);

  // With the third answer, the two views show side by side, saying what they rest on.
  await gotoHydrated(page, `${fillPath}/results`);
  await expect(sideTable).toBeVisible();
  await expect(sideBySide).toContainText("The survivors' view combines the answers of 3 consultants");
  await expect(sideBySide).toContainText("With their name: 0. Without their name: 3.");
  await expect(sideBySide).toContainText("Answers without a name are added 3 at a time");
  // Their own scores were 0%, 33% and 33%: the spread is a word, never the lowest and highest.
  const mission = sideTable.getByRole("row", { name: /Mission, vision and culture/ });
  await expect(mission).toContainText("100%");
  await expect(mission).toContainText("22%");
  await expect(mission).toContainText("Some way apart");
  await expect(mission).not.toContainText(/\b(0|33)%/);
  await expect(sideBySide.getByText("Where the views differ most")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await gotoHydrated(page, `${fillPath}/invite`);
  await expect(anonymousCount).toHaveText("Without their name: at least 3. These are counted 3 at a time.");
  await expect(page.getByText("1 asked.")).toBeVisible();
});

test("the portal's questions read in Spanish, with the refusal next to the choice", async ({ page }) => {
  await loginAs(page, DEMO.ana);
  // Ana has saved no language of her own: the browser's choice decides.
  await inLanguage(page, "es");
  await gotoHydrated(page, "/portal");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByText("Nos gustaría conocer su opinión sobre cómo trabajamos")).toBeVisible();
  // The demo's check-in asked Ana first.
  await page.getByRole("link", { name: "Responder las preguntas" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "¿Cómo lo estamos haciendo?" })).toBeVisible();
  await expect(page.getByRole("group", { name: "¿Cómo quiere responder?" })).toBeVisible();
  await page.getByRole("button", { name: "Empezar" }).click();
  await expect(page.getByRole("alert")).toHaveText("Elija cómo quiere responder.");
  await expectNoSeriousA11yViolations(page);
});
