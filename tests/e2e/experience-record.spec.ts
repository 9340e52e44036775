// A record of experience that opens doors: Ana prints her record on a 360 px phone and asks for a
// signed letter; Dana, an admin, signs it from Ana's record; anyone holding the code confirms it on
// the public page, which states only its date, hours and months; Ana prints her own copy with a code
// of its own. Lucía's record and the public page in Spanish. Accounts: ana@demo.test (her request is
// replaced by the next run's, so the spec runs again on the same server), admin@demo.test,
// lucia@demo.test (read only).
// Each run checks one code at /verify: the page allows ten checks from one address in 15 minutes.
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
import { hasHorizontalScroll } from "./consultant-helpers";

const PHONE = { width: 360, height: 740 };
const LUCIA = "lucia@demo.test";
const CODE = /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/;

function query<T>(sql: string, ...args: unknown[]): T | undefined {
  const sqlite = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare(sql).get(...args) as T | undefined;
  } finally {
    sqlite.close();
  }
}

const anaId = () => query<{ id: string }>("SELECT id FROM consultants WHERE creation_key = 'demo:ana'")!.id;

/** Ana's request waiting for an admin, with her choices, if there is one. */
const waitingRequest = () =>
  query<{ id: string; include_pay: number; include_organization: number }>(
    "SELECT id, include_pay, include_organization FROM experience_letters WHERE consultant_id = ? AND status = 'requested'",
    anaId(),
  );

const statusOf = (letterId: string) =>
  query<{ status: string }>("SELECT status FROM experience_letters WHERE id = ?", letterId)?.status;

/**
 * What /verify says a letter states, in English, from the letter as it was issued: its hours in all,
 * and the months of its first and last day of work.
 */
function statedFacts(letterId: string) {
  const { statement } = query<{ statement: string }>(
    "SELECT statement FROM experience_letters WHERE id = ?",
    letterId,
  )!;
  const { totalHundredths, firstDay, lastDay } = JSON.parse(statement) as {
    totalHundredths: number;
    firstDay: string;
    lastDay: string;
  };
  const hours = new Intl.NumberFormat("en-US", {
    style: "unit",
    unit: "hour",
    unitDisplay: "long",
    maximumFractionDigits: 2,
  }).format(totalHundredths / 100);
  const month = (day: string) =>
    new Intl.DateTimeFormat("en-US", { month: "long", year: "numeric", timeZone: "UTC" }).format(
      new Date(`${day.slice(0, 7)}-01T00:00:00Z`),
    );
  return firstDay.slice(0, 7) === lastDay.slice(0, 7)
    ? `The letter states ${hours} of work in all, in ${month(firstDay)}.`
    : `The letter states ${hours} of work in all, from ${month(firstDay)} to ${month(lastDay)}.`;
}

async function printedOnly(page: Page, visible: () => Promise<void>) {
  await page.emulateMedia({ media: "print" });
  try {
    await visible();
    await expect(page.getByRole("navigation", { name: "Portal" })).toBeHidden();
    await expect(page.getByRole("link", { name: "Quick exit" })).toBeHidden();
  } finally {
    await page.emulateMedia({ media: "screen" });
  }
}

test("a consultant prints her record on a phone and asks for a letter; an admin signs it; the public page confirms it", async ({
  browser,
}) => {
  const phone = await browser.newContext({ viewport: PHONE });
  const desk = await browser.newContext();
  const stranger = await browser.newContext();
  try {
    // Ana's record, from "My work", on her phone.
    const ana = await phone.newPage();
    await loginAs(ana, DEMO.ana);
    await gotoHydrated(ana, "/portal/work");
    await ana.getByRole("link", { name: "My record of experience" }).click();
    await expect(ana.getByRole("heading", { level: 1, name: "My record of experience" })).toBeVisible();
    const record = ana.getByRole("region", { name: "Record of experience" });
    await expect(record.getByText("Curriculum reviewer", { exact: true })).toBeVisible();
    await expect(record.getByText(/^Ana worked as a paid consultant\.$/)).toBeVisible();
    // Pay and the organization's name only when she chooses them.
    await expect(record.getByText(/Fees paid/)).toHaveCount(0);
    await expect(record.getByText("Harbor Light Collective")).toHaveCount(0);
    expect(await hasHorizontalScroll(ana)).toBe(false);
    await expectNoSeriousA11yViolations(ana);

    await ana.getByRole("checkbox", { name: "What I was paid", exact: true }).check();
    await ana.getByRole("button", { name: "Show", exact: true }).click();
    await expect(ana).toHaveURL(/[?&]pay=yes/);
    await expect(record.getByText(/^Fees paid for this work: \$[\d,]+\.\d\d\.$/)).toBeVisible();
    await expect(record.getByText("Harbor Light Collective")).toHaveCount(0);
    // On paper: the record alone, without the menus, the choices or Quick exit.
    await printedOnly(ana, async () => {
      await expect(record).toBeVisible();
      await expect(ana.getByRole("button", { name: "Show", exact: true })).toBeHidden();
      await expect(ana.getByRole("region", { name: "Signed letters" })).toBeHidden();
    });

    // She asks for a letter that names the organization and leaves out her pay.
    const letters = ana.getByRole("region", { name: "Signed letters" });
    await letters.getByRole("checkbox", { name: "Show what I was paid" }).uncheck();
    await letters.getByRole("checkbox", { name: "Name Harbor Light Collective" }).check();
    const before = waitingRequest()?.id;
    await letters.getByRole("button", { name: /^(Ask for a letter|Ask again with these choices)$/ }).click();
    await expect(ana).toHaveURL(/done=asked/);
    await expect.poll(() => waitingRequest()?.id).not.toBe(before);
    const request = waitingRequest()!;
    expect(request).toMatchObject({ include_pay: 0, include_organization: 1 });
    await expect(letters.getByText("It will name Harbor Light Collective.")).toBeVisible();
    await expectNoSeriousA11yViolations(ana);

    // Dana sees the request on Ana's record and signs it.
    const dana = await desk.newPage();
    await loginAs(dana, DEMO.admin);
    await gotoHydrated(dana, `/consultants/${anaId()}`);
    await dana.getByRole("link", { name: "Review and sign it" }).click();
    await expect(dana.getByRole("heading", { level: 1, name: "Letters of experience for Ana" })).toBeVisible();
    const waiting = dana.getByRole("region", { name: "Waiting for a signature" });
    await expect(waiting.getByText("Name the organization: yes")).toBeVisible();
    await expect(waiting.getByText("Show their pay: no")).toBeVisible();
    await expectNoSeriousA11yViolations(dana);
    await expect(waiting.getByLabel("Your name, as signed")).toHaveValue("Dana");
    await waiting.getByLabel("Your title").fill("Program Director");
    await waiting.getByRole("button", { name: "Sign and issue the letter" }).click();
    const danasCode = dana.getByTestId("letter-code");
    await expect(danasCode).toHaveText(CODE);
    expect(statusOf(request.id)).toBe("issued");
    const letter = dana.getByRole("article", { name: "Letter of experience" });
    await expect(letter.getByText("Harbor Light Collective", { exact: true })).toBeVisible();
    await expect(letter.getByText("Program Director", { exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(dana);
    const code = (await danasCode.textContent())!.trim();

    // Anyone with the code, without signing in: genuine, its date, and the hours and months the letter
    // states (to compare with the copy in hand), nothing more.
    const visitor = await stranger.newPage();
    await gotoHydrated(visitor, "/verify");
    await expect(visitor.getByRole("heading", { level: 1, name: "Check a letter of experience" })).toBeVisible();
    await expectNoSeriousA11yViolations(visitor);
    await visitor.getByLabel("Code").fill(code.toLowerCase());
    await visitor.getByRole("button", { name: "Check" }).click();
    const answer = visitor.locator("[data-result]");
    await expect(answer).toHaveAttribute("data-result", "genuine");
    await expect(answer).toContainText("This letter is genuine.");
    await expect(answer).toContainText(/It was issued on \w{3} \d{1,2}, \d{4}\./);
    await expect(answer).toContainText(statedFacts(request.id));
    await expect(answer).toContainText("If the copy you hold says something else, it has been changed.");
    await expect(visitor).toHaveURL(/\/verify$/);
    const page = (await visitor.locator("main").innerText()) + (await visitor.title());
    for (const never of ["Ana", "Harbor Light", "Dana", "Program Director", "Curriculum reviewer", "$"]) {
      expect(page).not.toContain(never);
    }
    await expectNoSeriousA11yViolations(visitor);

    // Ana sees her letter and prints a copy with a code of its own.
    await gotoHydrated(ana, "/portal/experience");
    await ana.locator(`a[href="/portal/experience/${request.id}"]`).click();
    await expect(ana.getByRole("heading", { level: 1, name: /^Your letter of / })).toBeVisible();
    await expect(ana.getByText("This copy has no code for checking it.", { exact: false })).toBeVisible();
    await expectNoSeriousA11yViolations(ana);
    await ana.getByRole("button", { name: "Make a copy to print" }).click();
    const anasCode = ana.getByTestId("letter-code");
    await expect(anasCode).toHaveText(CODE);
    expect((await anasCode.textContent())!.trim()).not.toBe(code);
    expect(await hasHorizontalScroll(ana)).toBe(false);
    await printedOnly(ana, async () => {
      await expect(ana.getByRole("article", { name: "Letter of experience" })).toBeVisible();
      await expect(anasCode).toBeVisible();
      await expect(ana.getByRole("button", { name: "Make another copy" })).toBeHidden();
    });
    await expectNoSeriousA11yViolations(ana);
  } finally {
    await phone.close();
    await desk.close();
    await stranger.close();
  }
});

test("in Spanish: Lucía's record and the public check", async ({ page, browser }) => {
  await loginAs(page, LUCIA);
  await gotoHydrated(page, "/portal/experience");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 1, name: "Mi registro de experiencia" })).toBeVisible();
  const record = page.getByRole("region", { name: "Registro de experiencia" });
  await expect(record.getByText(/^Lucía trabajó como persona consultora pagada\.$/)).toBeVisible();
  await expect(record.getByText(/\d+(,\d+)? horas en total\.$/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const visitor = await browser.newContext();
  try {
    const check = await visitor.newPage();
    await inLanguage(check, "es");
    await gotoHydrated(check, "/verify");
    await expect(check.locator("html")).toHaveAttribute("lang", "es");
    await expect(check.getByRole("heading", { level: 1, name: "Verificar una carta de experiencia" })).toBeVisible();
    await expect(check.getByLabel("Código")).toBeVisible();
    await expectNoSeriousA11yViolations(check);
  } finally {
    await visitor.close();
  }
});
