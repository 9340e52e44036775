// A support plan for a piece of work: Ana, on a 360 px phone, asks for an interpreter and transport;
// Sam arranges both and records the bus fare, which becomes a payment of costs (never pay); Ana sees
// "Arranged" beside the terms and accepts them, and the plan is kept in the terms she accepted. The
// portal pages in Spanish for Lucía, with a refusal next to its field. Every page is axe clean; each
// change is checked in the database.
// Accounts: staff@demo.test (Sam) and ana@demo.test (Ana), Harbor Light Collective, on work Sam makes
// with a title of its own (so the spec runs again on the same server); lucia@demo.test (read only).
import Database from "better-sqlite3";
import { DEMO, E2E_DATABASE, expect, expectNoSeriousA11yViolations, gotoHydrated, loginAs, test } from "./fixtures";
import { addEngagement, uniqueTitle } from "./engagement-helpers";

const PHONE = { viewport: { width: 360, height: 740 } };
const LUCIA = "lucia@demo.test";

/** Rows from the server's database, read only. */
function rows<T>(sql: string, ...params: unknown[]): T[] {
  const sqlite = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare(sql).all(...params) as T[];
  } finally {
    sqlite.close();
  }
}

const planOf = (engagementId: string) =>
  rows<{ kind: string; status: string; language: string | null }>(
    "SELECT kind, status, language FROM support_items WHERE engagement_id = ? ORDER BY kind",
    engagementId,
  );
const costsOf = (engagementId: string) =>
  rows<{ fee_cents: number; expenses_cents: number }>(
    `SELECT p.fee_cents, p.expenses_cents FROM support_costs c JOIN payments p ON p.id = c.payment_id
      JOIN support_items i ON i.id = c.support_item_id WHERE i.engagement_id = ?`,
    engagementId,
  );
const acceptedPlans = (engagementId: string) =>
  rows<{ terms_version: number; plan: string }>(
    `SELECT terms_version, json_extract(terms_snapshot, '$.supportPlan') AS plan FROM engagement_agreements
      WHERE engagement_id = ? AND decision = 'accepted' ORDER BY terms_version`,
    engagementId,
  );

test("Ana asks on her phone; Sam arranges and records the fare; Ana accepts the terms with the plan", async ({
  browser,
  page,
}) => {
  test.setTimeout(180_000);
  const title = uniqueTitle("Speak at the partner forum");
  await loginAs(page, DEMO.staff);
  const engagementPath = await addEngagement(page, {
    consultant: "Ana",
    program: "Community Training Series",
    stage: "Delivery",
    level: "Consult",
    title,
    rateKind: "Honorarium",
    rate: "240",
    estimatedHours: "3",
  });
  const engagementId = engagementPath.split("/").at(-1)!;

  const phone = await browser.newContext(PHONE);
  try {
    const ana = await phone.newPage();
    await loginAs(ana, DEMO.ana);
    await gotoHydrated(ana, "/portal/work");
    await ana.getByRole("link", { name: title }).click();
    await expect(ana.getByRole("heading", { level: 1 })).toHaveText(title);
    const support = ana.getByRole("region", { name: "Support for this work" });
    await expect(support).toContainText("No support is planned for this work.");
    await support.getByRole("link", { name: "Ask for support" }).click();
    await expect(ana).toHaveURL(`/portal/work/${engagementId}/support`);
    await expect(ana.getByRole("heading", { level: 1 })).toHaveText("Ask for support");
    await expectNoSeriousA11yViolations(ana);

    // An interpreter without a language is refused next to the field, keeping what was ticked.
    const choices = ana.getByRole("group", { name: "Choose all that would help" });
    await choices.getByLabel("An interpreter").check();
    await choices.getByLabel("Transport").check();
    await ana.getByRole("button", { name: "Send my request" }).click();
    const language = ana.getByLabel("If you want an interpreter: which language?");
    await expect(language).toHaveAccessibleDescription(/Write which language the interpreter should speak\./);
    await expect(choices.getByLabel("Transport")).toBeChecked();
    expect(planOf(engagementId)).toEqual([]);

    await language.fill("Tigrinya");
    await ana.getByRole("button", { name: "Send my request" }).click();
    await expect(ana).toHaveURL(`/portal/work/${engagementId}?done=support#support-heading`);
    await expect
      .poll(() => planOf(engagementId))
      .toEqual([
        { kind: "interpreter", status: "requested", language: "Tigrinya" },
        { kind: "transport", status: "requested", language: null },
      ]);
    await expect(ana.getByRole("status")).toContainText("Your request was sent.");
    await expect(support.getByRole("heading", { name: /An interpreter/ })).toContainText("Asked for");
    // Nothing is wider than the phone.
    expect(await ana.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoSeriousA11yViolations(ana);

    // Sam sees the requests on the engagement, and arranges them on the plan's page.
    await gotoHydrated(page, engagementPath);
    const summary = page.getByRole("region", { name: "Support plan" });
    await expect(summary).toContainText("2 requests wait for you.");
    await summary.getByRole("link", { name: "Open the support plan" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Support plan");
    await expectNoSeriousA11yViolations(page);

    const interpreter = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: /An interpreter/ }) });
    await expect(interpreter).toContainText("Tigrinya");
    await interpreter.getByLabel("What is arranged (the consultant reads this)").fill("Booked for the whole forum");
    await interpreter.getByRole("button", { name: "Mark arranged" }).click();
    await expect.poll(() => planOf(engagementId).find((i) => i.kind === "interpreter")?.status).toBe("arranged");

    const transport = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /Transport/ }) });
    await expect(transport.getByRole("heading", { level: 2 })).toContainText("Asked for");
    await transport.getByLabel("What is arranged (the consultant reads this)").fill("Bus fare there and back");
    await transport.getByRole("button", { name: "Mark arranged" }).click();
    await expect.poll(() => planOf(engagementId).find((i) => i.kind === "transport")?.status).toBe("arranged");
    await expect(transport.getByRole("heading", { level: 2 })).toContainText("Arranged");

    await transport.getByLabel("Cost to pay back, in dollars").fill("12.50");
    await transport.getByRole("button", { name: "Record cost" }).click();
    await expect.poll(() => costsOf(engagementId)).toEqual([{ fee_cents: 0, expenses_cents: 1250 }]);
    await expect(transport.getByRole("link", { name: "$12.50 in costs" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // Ana sees what is arranged beside the terms, and accepts them with the plan.
    await gotoHydrated(ana, `/portal/work/${engagementId}`);
    await expect(support.getByRole("heading", { name: /An interpreter/ })).toContainText("Arranged");
    await expect(support.getByRole("heading", { name: /Transport/ })).toContainText("Arranged");
    await expect(support).toContainText("Booked for the whole forum");
    await expectNoSeriousA11yViolations(ana);
    await ana.getByRole("button", { name: "Yes, I accept these terms" }).click();
    await expect.poll(() => acceptedPlans(engagementId).length).toBe(1);
    const [accepted] = acceptedPlans(engagementId);
    expect(JSON.parse(accepted!.plan)).toEqual([
      {
        kind: "interpreter",
        language: "Tigrinya",
        status: "arranged",
        arrangement: "Booked for the whole forum",
        declineReason: null,
      },
      {
        kind: "transport",
        language: null,
        status: "arranged",
        arrangement: "Bus fare there and back",
        declineReason: null,
      },
    ]);
    const history = ana.getByRole("region", { name: "Answers you gave" });
    await history.getByText(/The words read \(version \d+\)/).click();
    await expect(history).toContainText("Support, as in these terms");
    await expect(history).toContainText("Transport: Arranged");
    expect(await ana.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  } finally {
    await phone.close();
  }
});

test("Lucía reads her support plan in Spanish, and a refusal comes in Spanish next to its field", async ({
  browser,
}) => {
  const phone = await browser.newContext(PHONE);
  try {
    const lucia = await phone.newPage();
    await loginAs(lucia, LUCIA);
    await gotoHydrated(lucia, "/portal/work");
    await lucia
      .getByRole("link", { name: "Cofacilitar la capacitación en español para organizaciones aliadas" })
      .click();
    await expect(lucia.locator("html")).toHaveAttribute("lang", "es");
    const support = lucia.getByRole("region", { name: "Apoyo para este trabajo" });
    await expect(support).toContainText(
      "El apoyo que el equipo organiza es parte de las condiciones que usted acepta.",
    );
    await expect(support.getByRole("heading", { name: /Cuidado de niños/ })).toContainText("Organizado");
    await expect(support).toContainText("Cuidado de niños en la sala de al lado, toda la mañana.");
    await expectNoSeriousA11yViolations(lucia);

    await support.getByRole("link", { name: "Pedir apoyo o cambiar un pedido" }).click();
    await expect(lucia.getByRole("heading", { level: 1 })).toHaveText("Pedir apoyo");
    await expectNoSeriousA11yViolations(lucia);
    await lucia.getByRole("group", { name: "Elija todo lo que le ayudaría" }).getByLabel("Un intérprete").check();
    await lucia.getByRole("button", { name: "Enviar mi pedido" }).click();
    await expect(lucia.getByLabel("Si quiere un intérprete: ¿qué idioma?")).toHaveAccessibleDescription(
      /Escriba qué idioma debe hablar el intérprete\./,
    );
    await expectNoSeriousA11yViolations(lucia);
  } finally {
    await phone.close();
  }
});

test("with JavaScript turned off, Ana asks for support and takes the request back", async ({ browser, page }) => {
  test.setTimeout(120_000);
  const title = uniqueTitle("Review the speaker guide");
  await loginAs(page, DEMO.staff);
  const engagementPath = await addEngagement(page, {
    consultant: "Ana",
    program: "Community Training Series",
    stage: "Design",
    level: "Consult",
    title,
    rate: "60",
    estimatedHours: "2",
  });
  const engagementId = engagementPath.split("/").at(-1)!;
  const noScript = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
  try {
    const ana = await noScript.newPage();
    await ana.goto("/login");
    await ana.getByLabel("Email").fill(DEMO.ana);
    await ana.getByLabel("Password").fill("demo-password-1");
    await ana.getByRole("button", { name: "Sign in" }).click();
    await ana.waitForURL((url) => url.pathname !== "/login");
    await ana.goto(`/portal/work/${engagementId}/support`);
    // Words for a kind not ticked are kept and the refusal says why, next to the field.
    await ana.getByLabel("If you have access needs: what do you need?").fill("A seat near the door");
    await ana.getByRole("group", { name: "Choose all that would help" }).getByLabel("A debrief after the work").check();
    await ana.getByRole("button", { name: "Send my request" }).click();
    const needs = ana.getByLabel("If you have access needs: what do you need?");
    await expect(needs).toHaveValue("A seat near the door");
    await expect(needs).toHaveAccessibleDescription(/tick this kind of support above too/);
    await ana.getByRole("group", { name: "Choose all that would help" }).getByLabel("Access needs").check();
    await ana.getByRole("button", { name: "Send my request" }).click();
    await expect(ana).toHaveURL(`/portal/work/${engagementId}?done=support#support-heading`);
    expect(planOf(engagementId).map((i) => [i.kind, i.status])).toEqual([
      ["access_needs", "requested"],
      ["debrief", "requested"],
    ]);
    await ana.goto(`/portal/work/${engagementId}/support`);
    await ana
      .getByRole("listitem")
      .filter({ has: ana.getByRole("heading", { name: /A debrief after the work/ }) })
      .getByRole("button", { name: "Take back this request" })
      .click();
    await expect(ana).toHaveURL(`/portal/work/${engagementId}/support?done=withdrawn`);
    await expect(ana.getByRole("status")).toHaveText("Your request was taken back.");
    expect(planOf(engagementId).map((i) => i.kind)).toEqual(["access_needs"]);
  } finally {
    await noScript.close();
  }
});
