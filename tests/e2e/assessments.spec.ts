// Self-assessments: staff fill in a readiness assessment section by section, reload in the middle
// and find every answer, then see the results. Accounts: staff@demo.test (Sam); each test starts
// its own assessment with a unique name.
import type { Page, Route } from "@playwright/test";
import {
  DEMO,
  DEMO_PASSWORD,
  expect,
  expectNoSeriousA11yViolations,
  gotoHydrated,
  loginAs,
  submitLogin,
  test,
  waitForHydration,
} from "./fixtures";
import { uniqueName } from "./consultant-helpers";
import { readFileSync } from "node:fs";

const readiness = JSON.parse(
  readFileSync(new URL("../../db/templates/survivor-informed-readiness.json", import.meta.url), "utf8"),
) as { sections: { key: string; items: { key: string }[] }[] };

const SAVED = "All answers in this section are saved.";
const NOT_SAVED = "Not saved yet. Your answers are still on this page: check them, or press Save.";

/** The section's form (its fieldset is named by the section title) and its save-as-you-go status. */
function sectionOf(page: Page, title: string) {
  const section = page.getByRole("group", { name: title, exact: true });
  return { section, status: section.getByRole("status") };
}

/** One readiness statement's answer in the open section, found by the start of the statement. */
function answer(page: Page, statement: RegExp, label: string) {
  return page.getByRole("group", { name: statement }).getByLabel(label, { exact: true });
}

/**
 * The demo keeps a readiness draft open, so starting another one is refused once, naming the draft,
 * and goes ahead with "Start a new one anyway".
 */
async function startBesideOpenDraft(page: Page) {
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("A draft from this checklist is open");
  await page.getByRole("button", { name: "Start a new one anyway" }).click();
}

async function startReadiness(page: Page, name: string) {
  await gotoHydrated(page, "/assessments");
  await page.getByLabel("Checklist").selectOption({ label: "Survivor-informed organizational readiness" });
  await page.getByLabel("Name (required)").fill(name);
  await startBesideOpenDraft(page);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/**
 * Answers whole sections as their forms post them without JavaScript (quicker than clicking 20
 * radio buttons), from the assessment page that is open: each item `value`, unless `given`.
 */
async function answerSections(page: Page, keys: string[], value: string, given: Record<string, string> = {}) {
  const url = new URL(page.url());
  for (const section of readiness.sections.filter((s) => keys.includes(s.key))) {
    const form: Record<string, string> = { intent: "save", section: section.key };
    for (const item of section.items) form[`item.${item.key}`] = given[item.key] ?? value;
    const response = await page.request.post(url.pathname, { form, maxRedirects: 0 });
    expect(response.status()).toBe(302);
  }
}

const isAutosave = (route: Route) =>
  route.request().method() === "POST" && (route.request().postData() ?? "").includes("intent=autosave");

/**
 * Holds every save-as-you-go request until the test lets it through, so the page can be looked at
 * while a save is on its way. A later request may only be held after the page has sent it.
 */
async function holdAutosaves(page: Page) {
  const held: Route[] = [];
  await page.route(
    (url) => url.pathname.startsWith("/assessments/"),
    async (route) => {
      if (isAutosave(route)) held.push(route);
      else await route.fallback();
    },
  );
  return {
    /** The next save the page sent: what it carries, and a way to let it reach the server. */
    async next() {
      await expect.poll(() => held.length, { message: "a save-as-you-go request was sent" }).toBeGreaterThan(0);
      const route = held.shift()!;
      return {
        body: route.request().postData() ?? "",
        /** Lets the request through and waits for the server's reply to reach the page. */
        async release() {
          await route.continue();
          return route.request().response();
        },
      };
    },
  };
}

test("staff fill in a readiness assessment section by section, reload without losing anything, and see results", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const name = uniqueName("Readiness");
  await loginAs(page, DEMO.staff);
  await gotoHydrated(page, "/assessments");
  await expect(page.getByRole("heading", { level: 1, name: "Self-assessments" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Checklist").selectOption({ label: "Survivor-informed organizational readiness" });
  await page.getByLabel("Name (required)").fill(name);
  await startBesideOpenDraft(page);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Answered: 0 of 26 items done")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // First section, saved with the button.
  const statement = page.getByRole("group", { name: /^Our mission or values statement commits us/ });
  await statement.getByLabel("Mostly").check();
  await page
    .getByRole("group", { name: /^Leadership visibly supports survivor leadership/ })
    .getByLabel("Started")
    .check();
  await page.getByRole("button", { name: "Save and go to the next section" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Section saved." })).toBeVisible();
  await expect(page.getByRole("group", { name: "Program design, delivery and evaluation" })).toBeVisible();

  // Second section, saved as we go: no button pressed before the reload. The status line can be
  // left over from an earlier save, so the test waits for the save that carries this answer.
  const stored = page.waitForResponse(
    (r) => r.request().method() === "POST" && (r.request().postData() ?? "").includes("item.paid-at-design=3"),
  );
  await page
    .getByRole("group", { name: /^Survivor consultants are engaged, and paid, at the design stage/ })
    .getByLabel("Fully in place")
    .check();
  expect((await stored).status()).toBe(200);
  await expect(sectionOf(page, "Program design, delivery and evaluation").status).toHaveText(SAVED);
  await page.reload();
  await expect(
    page
      .getByRole("group", { name: /^Survivor consultants are engaged, and paid, at the design stage/ })
      .getByLabel("Fully in place"),
  ).toBeChecked();
  await page.getByRole("link", { name: /^Mission, vision and culture/ }).click();
  await expect(statement.getByLabel("Mostly")).toBeChecked();
  await expect(page.getByText("Answered: 3 of 26 items done")).toBeVisible();

  // Three answers of 26 are too few to call it complete: the refusal is said next to the button.
  await page.getByRole("button", { name: "Mark complete and see results" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "Not yet: only 3 of the 26 items have an answer. At least 21 are needed before it can be marked complete. “Not applicable” counts as an answer.",
  );
  await expectNoSeriousA11yViolations(page);

  // The results so far show no score: one answered item no longer reads as 100%.
  const fillPath = new URL(page.url()).pathname;
  await gotoHydrated(page, `${fillPath}/results`);
  await expect(page.getByRole("heading", { level: 1, name: `Results: ${name}` })).toBeVisible();
  await expect(
    page.getByText(/^No scores yet: 3 of 26 items have an answer, and at least 21 are needed/),
  ).toBeVisible();
  const table = page.getByRole("table", { name: /Score per area/ });
  await expect(table.getByRole("row", { name: /Program design/ })).toContainText("No score");
  await expect(table.getByRole("row", { name: /Program design/ })).toContainText("From 1 of 5 items");
  await expect(table.getByRole("row", { name: /Program design/ })).not.toContainText("100%");
  await expect(table.getByRole("row", { name: /Mission, vision and culture/ })).toContainText("From 2 of 5 items");
  await expectNoSeriousA11yViolations(page);

  // "Started" is below "Mostly": a gap to put on the action plan, with an owner and a date.
  await page.getByRole("link", { name: "Action plan: turn the gaps into work" }).click();
  const gap = page.getByRole("listitem").filter({ hasText: /^Leadership visibly supports survivor leadership/ });
  await expect(gap).toContainText("Answer: Started.");
  await gap.locator("summary").click();
  await gap.getByLabel("What will be done").fill("Put survivor leadership in next year's budget");
  await gap.getByLabel("Owner").selectOption({ label: "Sam" });
  await gap.getByLabel("Due date (optional)").fill("2027-06-30");
  await gap.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to the action plan." })).toBeVisible();
  const plan = page.getByRole("region", { name: "The plan" });
  await expect(plan).toContainText("Put survivor leadership in next year's budget");
  await expect(plan).toContainText("Owner: Sam. Due 2027-06-30. Status: Not started.");
  await expectNoSeriousA11yViolations(page);

  // With the other areas answered (23 of 26), it is marked complete. Mission has 2 of its 5: still no score.
  await gotoHydrated(page, fillPath);
  await answerSections(page, ["programs", "partnerships", "outreach", "fundraising", "hr"], "2", {
    "paid-at-design": "3",
  });
  await page.reload();
  await expect(page.getByText("Answered: 23 of 26 items done")).toBeVisible();
  await page.getByRole("button", { name: "Mark complete and see results" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Results: ${name}` })).toBeVisible();
  await expect(page.getByRole("img", { name: /Readiness score per area/ })).toBeVisible();
  // Program design: Fully in place (3) + four Mostly (2) of 15 possible = 73 %.
  await expect(table.getByRole("row", { name: /Program design/ })).toContainText("73%");
  await expect(table.getByRole("row", { name: /Mission, vision and culture/ })).toContainText("No score");
  await expect(table.getByRole("row", { name: /Fundraising/ })).toContainText("67%");
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: "Action plan: turn the gaps into work" }).click();
  await page.getByRole("link", { name: `Results: ${name}` }).click();

  // Completed answers are locked until someone reopens on purpose.
  await page.getByRole("link", { name: "Back to the answers" }).click();
  await expect(page.getByText("This assessment is complete.")).toBeVisible();
  await page.getByRole("button", { name: "Reopen to change answers" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Reopened." })).toBeVisible();
});

test("saving as you go says saved only once the newest answer is stored", async ({ page }) => {
  test.setTimeout(90_000);
  await loginAs(page, DEMO.staff);
  await startReadiness(page, uniqueName("Readiness saving"));
  const { status } = sectionOf(page, "Mission, vision and culture");
  const saves = await holdAutosaves(page);

  await answer(page, /^Our mission or values statement commits us/, "Mostly").check();
  const first = await saves.next();
  await expect(status).toHaveText("Saving…");

  // A second answer while the first save is on its way: the first save's reply is stale.
  await answer(page, /^Leadership visibly supports survivor leadership/, "Started").check();
  expect((await first.release())?.status()).toBe(200);
  const second = await saves.next();
  expect(second.body).toContain("item.leadership-support=1");
  await expect(status).toHaveText("Saving…");
  await expect(page.getByText(SAVED)).toHaveCount(0);

  expect((await second.release())?.status()).toBe(200);
  await expect(status).toHaveText(SAVED);
  await page.reload();
  await expect(answer(page, /^Our mission or values statement commits us/, "Mostly")).toBeChecked();
  await expect(answer(page, /^Leadership visibly supports survivor leadership/, "Started")).toBeChecked();
});

test("a save that fails says so, keeps the answers on the page, and the next change saves them", async ({ page }) => {
  test.setTimeout(90_000);
  await loginAs(page, DEMO.staff);
  await startReadiness(page, uniqueName("Readiness offline"));
  const { status } = sectionOf(page, "Mission, vision and culture");
  const failures: ((route: Route) => Promise<void>)[] = [
    (route) => route.abort("internetdisconnected"),
    (route) => route.fulfill({ status: 500, body: "" }),
    (route) => route.abort("internetdisconnected"),
  ];
  const fail = async (route: Route) => {
    const next = isAutosave(route) ? failures.shift() : undefined;
    await (next ? next(route) : route.fallback());
  };
  await page.route((url) => url.pathname.startsWith("/assessments/"), fail);

  await answer(page, /^Our mission or values statement commits us/, "Mostly").check();
  await expect(status).toHaveText(NOT_SAVED);
  await answer(page, /^Leadership visibly supports survivor leadership/, "Started").check();
  await expect(status).toHaveText(NOT_SAVED);
  await expect(answer(page, /^Our mission or values statement commits us/, "Mostly")).toBeChecked();
  await expect(answer(page, /^Leadership visibly supports survivor leadership/, "Started")).toBeChecked();

  // Following a link tries once more, then asks rather than leave the answers behind.
  await page.getByRole("link", { name: /^Program design, delivery and evaluation/ }).click();
  const ask = page.getByRole("dialog", { name: "Your last change is not saved yet" });
  await expect(ask).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await ask.getByRole("button", { name: "Stay on this page" }).click();
  await expect(ask).toBeHidden();
  await expect(answer(page, /^Leadership visibly supports survivor leadership/, "Started")).toBeChecked();

  await page.unroute((url) => url.pathname.startsWith("/assessments/"), fail);
  const stored = page.waitForResponse((r) => (r.request().postData() ?? "").includes("item.expertise-not-tokens=3"));
  await answer(page, /^Survivors are engaged for their expertise/, "Fully in place").check();
  expect((await stored).status()).toBe(200);
  await expect(status).toHaveText(SAVED);
  await page.reload();
  await expect(answer(page, /^Our mission or values statement commits us/, "Mostly")).toBeChecked();
  await expect(answer(page, /^Leadership visibly supports survivor leadership/, "Started")).toBeChecked();
  await expect(answer(page, /^Survivors are engaged for their expertise/, "Fully in place")).toBeChecked();
});

test("leaving right after a change keeps it: another section, marking complete, or reloading the tab", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await loginAs(page, DEMO.staff);
  await startReadiness(page, uniqueName("Readiness leaving"));

  // Within the app: the link is followed once the answer is stored.
  await answer(page, /^Our mission or values statement commits us/, "Mostly").check();
  await page.getByRole("link", { name: /^Program design, delivery and evaluation/ }).click();
  await expect(page.getByRole("group", { name: "Program design, delivery and evaluation", exact: true })).toBeVisible();
  await page.getByRole("link", { name: /^Mission, vision and culture/ }).click();
  await expect(answer(page, /^Our mission or values statement commits us/, "Mostly")).toBeChecked();

  // Closing or reloading the tab: the browser may ask first; leaving still sends the answer.
  page.on("dialog", (dialog) => dialog.accept());
  await answer(page, /^Leadership visibly supports survivor leadership/, "Started").check();
  await page.reload();
  await expect(async () => {
    await page.reload();
    await expect(answer(page, /^Leadership visibly supports survivor leadership/, "Started")).toBeChecked({
      timeout: 1_000,
    });
  }).toPass();

  // Marking complete right after the last answer counts that answer. (Changed with honest scores: three
  // answers are too few to complete, and the refusal counts the third.)
  await page.getByRole("link", { name: /^Program design, delivery and evaluation/ }).click();
  await expect(page.getByRole("group", { name: "Program design, delivery and evaluation", exact: true })).toBeVisible();
  await waitForHydration(page);
  await answer(page, /^Survivor consultants are engaged, and paid, at the design stage/, "Fully in place").check();
  await page.getByRole("button", { name: "Mark complete and see results" }).click();
  await expect(page.getByRole("alert")).toContainText("only 3 of the 26 items have an answer");
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("a section saves with its button and its answers are there when it is opened again", async ({ page }) => {
    const name = uniqueName("Readiness no JS");
    await page.goto("/login");
    await submitLogin(page, DEMO.staff, DEMO_PASSWORD);
    await expect(page).toHaveURL("/dashboard");
    await page.goto("/assessments");
    await page.getByLabel("Checklist").selectOption({ label: "Survivor-informed organizational readiness" });
    await page.getByLabel("Name (required)").fill(name);
    await startBesideOpenDraft(page);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await page.getByRole("link", { name: /^Fundraising/ }).click();
    await page
      .getByRole("group", { name: /^Survivor compensation is a line in our budgets/ })
      .getByLabel("Not applicable")
      .check();
    await page.getByRole("button", { name: "Save and go to the next section" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Section saved." })).toBeVisible();
    await page.getByRole("link", { name: /^Fundraising/ }).click();
    await expect(
      page.getByRole("group", { name: /^Survivor compensation is a line in our budgets/ }).getByLabel("Not applicable"),
    ).toBeChecked();
  });
});

test("the demo's readiness this year compares with last year's, area by area", async ({ page }) => {
  await loginAs(page, DEMO.staff);
  await gotoHydrated(page, "/assessments");
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Self-assessments" }),
  ).toBeVisible();
  await page.getByRole("link", { name: "Readiness this year" }).click();
  await page.getByRole("link", { name: "See the results" }).click();
  const table = page.getByRole("table", { name: /Score per area/ });
  await expect(table.getByRole("row", { name: /Mission, vision and culture/ })).toContainText("▲ Up");
  await expect(table.getByRole("row", { name: /Referral networks/ })).toContainText("not applicable");
  await expect(page.getByText(/The outlined bar is the previous assessment/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("an external resource map: a provider with a partnership turns a gap into a covered piece of the puzzle", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const name = uniqueName("Partners map");
  const provider = uniqueName("Harbor Legal Aid");
  const need = "Criminal legal assistance";
  await loginAs(page, DEMO.staff);
  await gotoHydrated(page, "/assessments");
  await page.getByLabel("Checklist").selectOption({ label: "External resource mapping" });
  await page.getByLabel("Name (required)").fill(name);
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // Before: every piece of the legal sector is a gap.
  await page.getByRole("button", { name: "Mark complete and see results" }).click();
  const legal = page.getByRole("region", { name: "Legal service providers" });
  await expect(legal.getByRole("listitem").filter({ hasText: need })).toContainText("Gap: nobody yet");
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("link", { name: "Back to the answers" }).click();
  await page.getByRole("button", { name: "Reopen to change answers" }).click();
  await page.getByRole("link", { name: /^Legal service providers/ }).click();
  await page.getByLabel(`Who can meet this need (provider): ${need}`).fill(provider);
  await page.getByLabel(`Partnership: ${need}`).selectOption("Yes");
  await page.getByRole("button", { name: /^Save/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Section saved." })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("button", { name: "Mark complete and see results" }).click();
  await expect(legal.getByRole("listitem").filter({ hasText: need })).toContainText(
    `Covered with a partnership: ${provider}`,
  );
  await expect(legal).toContainText(/^.*1 covered with a partnership/);

  // The provider is now in the partner directory.
  await gotoHydrated(page, "/partners");
  await expect(page.getByText(provider)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("an internal resource map gathers every answer on one summary page", async ({ page }) => {
  const name = uniqueName("Internal map");
  await loginAs(page, DEMO.staff);
  await gotoHydrated(page, "/assessments");
  await page.getByLabel("Checklist").selectOption({ label: "Internal resource mapping" });
  await page.getByLabel("Name (required)").fill(name);
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const values = page.getByRole("group", { name: /^These are the core values/ });
  await values.getByRole("textbox").nth(0).fill("Respect");
  await values.getByRole("textbox").nth(1).fill("Courage");
  await page.getByRole("button", { name: "Save and go to the next section" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Section saved." })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("button", { name: "Mark complete and see results" }).click();
  const summary = page.getByRole("region", { name: "My core values" });
  await expect(summary).toContainText("Respect · Courage");
  await expect(page.getByRole("region", { name: "COVID impact" })).toContainText("Not answered yet");
  await expectNoSeriousA11yViolations(page);
});

test("the demo's partners map shows covered pieces, known providers and gaps per sector", async ({ page }) => {
  await loginAs(page, DEMO.staff);
  await gotoHydrated(page, "/assessments");
  await page.getByRole("link", { name: "Our partners map" }).click();
  await page.getByRole("link", { name: "See the results" }).click();
  const crisis = page.getByRole("region", { name: "Crisis response, advocacy and case management" });
  await expect(crisis).toContainText(/2 covered with a partnership, 1 with a provider known, \d+ gaps\./);
  await expect(crisis.getByRole("listitem").filter({ hasText: "City Language Bank" })).toContainText(
    "Provider known, no partnership",
  );
  await expect(page.getByRole("region", { name: "COVID impact" })).toContainText("Hotel shelter stays grew longer");
  await expectNoSeriousA11yViolations(page);
});

test("starting a second assessment from a checklist with an open draft offers to continue the draft", async ({
  page,
}) => {
  const name = uniqueName("Readiness twice");
  await loginAs(page, DEMO.staff);
  await gotoHydrated(page, "/assessments");
  await page.getByLabel("Checklist").selectOption({ label: "Survivor-informed organizational readiness" });
  await page.getByLabel("Name (required)").fill(name);
  await page.getByRole("button", { name: "Start", exact: true }).click();

  // The newest open draft is named, with when (in the organization's time zone) and by whom.
  const offer = page.getByRole("alert");
  await expect(offer).toContainText(
    /A draft from this checklist is open: “.+”, started [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M E[SD]T by \S+/,
  );
  await expect(page.getByLabel("Name (required)")).toHaveValue(name);
  await expect(page.getByRole("button", { name: "Start a new one anyway" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const draftTitle = /“(.+?)”/.exec((await offer.textContent()) ?? "")![1]!;
  await offer.getByRole("link", { name: `Continue “${draftTitle}”` }).click();
  await expect(page.getByRole("heading", { level: 1, name: draftTitle })).toBeVisible();

  // Nothing was started under the typed name.
  await gotoHydrated(page, "/assessments");
  await expect(page.getByRole("region", { name: "All assessments" })).toBeVisible();
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
});
