// Lucía's whole portal journey, in Spanish because she saved Spanish: this browser asks for English
// and never sets the language cookie (the one her sign-in writes is removed at once). She signs in,
// reads the terms of new work and accepts them, logs time on it, reads her pay, withdraws a yes and
// gives it again, gives feedback on the work once it is finished, downloads her data and opens the
// print view of My data. Every page is lang="es", has a Spanish heading and is axe clean; each
// change she sends is checked in the database.
// Accounts: lucia@demo.test, and staff@northwind.test (Noor), who offers Lucía the work (a title of
// its own) and marks it completed. Lucía's demo records are only read, except her yes to "Use my
// feedback in reports", which she withdraws and gives again, so the journey runs again on the same
// server (--repeat-each).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import { addEngagement, uniqueTitle } from "./engagement-helpers";
import { DEMO, E2E_DATABASE, expect, expectNoSeriousA11yViolations, gotoHydrated, loginAs, test } from "./fixtures";

const LUCIA = "lucia@demo.test";
const PROGRAM = "Partner Network Review";

test.use({ viewport: { width: 360, height: 740 } });

/** One row (or value) from the server's database, read only. */
function row<T>(sql: string, ...params: unknown[]): T | undefined {
  const sqlite = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare(sql).get(...params) as T | undefined;
  } finally {
    sqlite.close();
  }
}

function lucia() {
  return row<{ userId: string; consultantId: string; organizationId: string }>(
    `SELECT u.id AS userId, c.id AS consultantId, c.organization_id AS organizationId
       FROM users u JOIN consultants c ON c.user_id = u.id WHERE u.email = ?`,
    LUCIA,
  )!;
}

const engagementStatus = (id: string) =>
  row<{ status: string }>("SELECT status FROM engagements WHERE id = ?", id)?.status;

/**
 * Lucía has one yes to "Use my feedback in reports", which the journey withdraws and gives again:
 * copies of the journey running at once (--repeat-each with two workers) take turns for that part.
 * The turn is a directory made atomically beside the server's database, naming the process that
 * holds it; a turn left behind by a process that has ended is taken over.
 */
async function inTurn(work: () => Promise<void>) {
  const turn = `${E2E_DATABASE}.lucia-consent-turn`;
  const holder = path.join(turn, "pid");
  const take = () => {
    try {
      fs.mkdirSync(turn);
      fs.writeFileSync(holder, String(process.pid));
      return true;
    } catch {
      if (holderHasEnded(holder)) fs.rmSync(turn, { recursive: true, force: true });
      return false;
    }
  };
  await expect.poll(take, { message: "Lucía's consent is free", timeout: 120_000, intervals: [250] }).toBe(true);
  try {
    await work();
  } finally {
    fs.rmSync(turn, { recursive: true, force: true });
  }
}

function holderHasEnded(holder: string) {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(holder, "utf8"));
  } catch {
    return false; // Just taken: the process is still writing its name.
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

/** Money and days as `Intl` writes them for a Spanish reader in the United States. */
const money = (cents: number) =>
  new Intl.NumberFormat("es-US", { style: "currency", currency: "USD" }).format(cents / 100);
const day = (isoDay: string) =>
  new Intl.DateTimeFormat("es-US", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${isoDay}T00:00:00Z`));

/** What every page of her journey must be: Spanish, with its Spanish heading, and axe clean. */
async function expectSpanishPage(page: Page, heading: { level: 1 | 2; name: string }) {
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: heading.level, name: heading.name, exact: true })).toBeVisible();
  // No catalog key shows through where its words belong.
  await expect(page.getByRole("main")).not.toContainText(/\b(common|portal|auth):[a-zA-Z]/);
  await expectNoSeriousA11yViolations(page);
}

/** Follows a link of the portal's menu and waits for the page it leads to. */
async function openFromMenu(page: Page, link: string, path: string) {
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: link, exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === path);
}

test("Lucía goes through her whole portal in Spanish, from her saved language alone", async ({ page, browser }) => {
  // Two people, several sign-ins (argon2) and axe on every page: slow on a busy machine.
  test.setTimeout(240_000);
  const me = lucia();
  const title = uniqueTitle("Read the Spanish partner letter");
  const staff = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const noor = await staff.newPage();

    // Noor offers Lucía a flat fee of $300 for new work.
    await loginAs(noor, DEMO.northwindStaff);
    const staffPath = await addEngagement(noor, {
      consultant: "Lucía",
      program: PROGRAM,
      stage: "Design",
      level: "Involve",
      title,
      what: "Read the partner letter in Spanish and say what is unclear.",
      rateKind: "Flat fee per deliverable",
      rate: "300",
    });
    const engagementId = staffPath.split("/").at(-1)!;

    await test.step("she signs in and her portal is Spanish", async () => {
      await loginAs(page, LUCIA);
      await expect(page).toHaveURL("/portal");
      await expectSpanishPage(page, { level: 1, name: "Su portal" });
      // From here on only her saved language can make the pages Spanish.
      await page.context().clearCookies({ name: "lang" });
      const attention = page.getByRole("region", { name: "Necesita su atención" });
      // At least the new work and the demo's review of the consent form.
      await expect(attention.getByText(/^Hay \d+ trabajos esperando su respuesta: sí o no\.$/)).toBeVisible();
    });

    await test.step("she reads the terms of the new work and accepts them", async () => {
      await page
        .getByRole("region", { name: "Necesita su atención" })
        .getByRole("link", { name: "Ver mi trabajo" })
        .click();
      await expect(page).toHaveURL("/portal/work");
      await expectSpanishPage(page, { level: 1, name: "Mi trabajo" });
      // The demo's review of the consent form still waits for her answer too.
      const demoOffer = page.getByRole("listitem").filter({ hasText: "Review the Spanish consent form" });
      await expect(demoOffer.getByText("Lea las condiciones y responda.")).toBeVisible();

      await page.getByRole("link", { name: title }).click();
      await expect(page).toHaveURL(`/portal/work/${engagementId}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
      await expectSpanishPage(page, { level: 2, name: "Su respuesta" });
      await expect(page.getByText("Lea las condiciones de abajo. Su respuesta va al final.")).toBeVisible();
      await expect(page.getByRole("heading", { level: 2, name: "El trabajo" })).toBeVisible();
      const pay = page.getByRole("region", { name: "Pago", exact: true });
      await expect(pay.getByText(`Se le pagará ${money(30000)} por este trabajo.`)).toBeVisible();
      await expect(pay.getByText("Le pagaremos en un plazo de 30 días después de terminar el trabajo.")).toBeVisible();
      await expect(page.getByText("Puede anotar sus horas aquí después de aceptar las condiciones.")).toBeVisible();

      await page.getByRole("button", { name: "Sí, acepto estas condiciones" }).click();
      await expect(page).toHaveURL(`/portal/work/${engagementId}?done=accepted`);
      await expect
        .poll(
          () =>
            row<{ decision: string }>(
              "SELECT decision FROM engagement_agreements WHERE engagement_id = ? AND decided_by_user_id = ?",
              engagementId,
              me.userId,
            )?.decision,
        )
        .toBe("accepted");
      expect(engagementStatus(engagementId)).toBe("agreed");
      // The time form only exists once the terms are accepted.
      await expect(page.getByRole("heading", { level: 3, name: "Anotar mis horas" })).toBeVisible();
      await expect(page.getByText(/^Usted aceptó estas condiciones el /)).toBeVisible();
      await expectSpanishPage(page, { level: 2, name: "Su respuesta" });
    });

    await test.step("she logs two and a half hours on it", async () => {
      const time = page.getByRole("region", { name: "Mis horas", exact: true });
      await time.getByLabel("Horas", { exact: true }).fill("2.5");
      await time.getByLabel("Qué tipo de trabajo").selectOption({ label: "Reunión o sesión" });
      await time.getByRole("button", { name: "Guardar mis horas" }).click();
      await expect(page).toHaveURL(`/portal/work/${engagementId}?done=logged`);
      await expect
        .poll(() =>
          row<{ hundredths: number; status: string; loggedBy: string }>(
            "SELECT hundredths, status, logged_by_user_id AS loggedBy FROM time_entries WHERE engagement_id = ?",
            engagementId,
          ),
        )
        .toEqual({ hundredths: 250, status: "submitted", loggedBy: me.userId });
      await expect(time.getByRole("listitem")).toHaveCount(1);
      await expect(time.getByText(/^Aprobadas: 0 horas\. Esperando aprobación: 2\.5 horas\.$/)).toBeVisible();
      await expectSpanishPage(page, { level: 2, name: "Mis horas" });
    });

    await test.step("she reads her pay, the amounts written for a Spanish reader", async () => {
      // Her demo payment for the referral guide review, paid: the year it was paid in shows it.
      const paid = row<{ feeCents: number; paidDate: string }>(
        `SELECT p.fee_cents AS feeCents, p.paid_date AS paidDate FROM payments p
           JOIN engagements e ON e.id = p.engagement_id
          WHERE p.consultant_id = ? AND e.title = 'Review the Spanish referral guide'`,
        me.consultantId,
      )!;
      await openFromMenu(page, "Mis pagos", "/portal/pay");
      const year = paid.paidDate.slice(0, 4);
      if (year !== String(new Date().getUTCFullYear())) {
        await page.getByRole("combobox", { name: "Año", exact: true }).selectOption(year);
        await page.getByRole("button", { name: "Mostrar este año" }).click();
        await expect(page).toHaveURL(`/portal/pay?year=${year}`);
      }
      await expectSpanishPage(page, { level: 1, name: "Mis pagos" });
      await expect(page.getByRole("heading", { name: `Pagado a usted en ${year}` })).toBeVisible();
      // "$227.50": es-US writes dollars as people in the United States read them.
      expect(money(paid.feeCents)).toBe("$227.50");
      await expect(
        page.getByText(
          `Se le pagó ${money(paid.feeCents)} el ${day(paid.paidDate)} por Review the Spanish referral guide.`,
        ),
      ).toBeVisible();
      const quarter = Math.ceil(Number(paid.paidDate.slice(5, 7)) / 3);
      await expect(page.getByText(new RegExp(`^Trimestre ${quarter}: \\$[\\d,]+\\.\\d\\d$`))).toBeVisible();
    });

    await test.step("she withdraws her yes to her feedback in reports, then gives it again", () =>
      inTurn(async () => {
        const purposeId = row<{ id: string }>(
          "SELECT id FROM consent_purposes WHERE organization_id = ? AND system_key = 'feedback_reports'",
          me.organizationId,
        )!.id;
        const latestEvent = () =>
          row<{ id: string; kind: string; method: string; recordedBy: string }>(
            `SELECT id, kind, method, recorded_by_user_id AS recordedBy FROM consent_events
            WHERE consultant_id = ? AND purpose_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`,
            me.consultantId,
            purposeId,
          );
        // The purpose's own name is the organization's wording (its language is not this page's to
        // choose), so its card is found by the purpose it is about.
        const card = page.locator(`section[aria-labelledby="purpose-${purposeId}"]`);

        await openFromMenu(page, "Mis decisiones", "/portal/consent");
        await expectSpanishPage(page, { level: 1, name: "Mis decisiones" });
        await expect(card.getByText(/^Su respuesta: sí\. Dijo que sí el /)).toBeVisible();
        await card.locator("summary", { hasText: "Retirar mi sí" }).click();
        await expect(card.getByText("No necesita dar una razón.")).toBeVisible();
        await card.getByRole("button", { name: /^Sí, retirarlo/ }).click();

        await expect(page).toHaveURL(/\/portal\/consent\/[^/?]+\?done=saved$/);
        const withdrawn = new URL(page.url()).pathname.split("/").at(-1)!;
        expect(latestEvent()).toEqual({ id: withdrawn, kind: "withdrawn", method: "portal", recordedBy: me.userId });
        await expectSpanishPage(page, { level: 1, name: "Comprobante" });
        await expect(page.getByText("Usted retiró su sí.")).toBeVisible();

        await page.getByRole("link", { name: "← Mis decisiones" }).click();
        await expect(page).toHaveURL("/portal/consent");
        await expect(card.getByText(/^Su respuesta: no\. Retiró su sí el /)).toBeVisible();
        await expectSpanishPage(page, { level: 1, name: "Mis decisiones" });

        await card.locator("summary", { hasText: "Decir que sí" }).click();
        await card.getByRole("button", { name: /^Guardar mi sí/ }).click();
        await expect(page).toHaveURL(/\/portal\/consent\/[^/?]+\?done=saved$/);
        const granted = new URL(page.url()).pathname.split("/").at(-1)!;
        expect(granted).not.toBe(withdrawn);
        expect(latestEvent()).toEqual({ id: granted, kind: "granted", method: "portal", recordedBy: me.userId });
        await expect(page.getByText("Usted dijo que sí.")).toBeVisible();
        await expectSpanishPage(page, { level: 1, name: "Comprobante" });
      }));

    await test.step("Noor marks the work completed", async () => {
      await gotoHydrated(noor, staffPath);
      const status = noor.getByRole("region", { name: "Status", exact: true });
      await status.getByLabel("Change to").selectOption({ label: "Completed" });
      await status.getByRole("button", { name: "Change status" }).click();
      await expect(noor).toHaveURL(`${staffPath}?done=status`);
      await expect.poll(() => engagementStatus(engagementId)).toBe("completed");
    });

    await test.step("she gives feedback on the finished work, with her name", async () => {
      const comment = `La carta quedó clara. ${title}`;
      await openFromMenu(page, "Comentarios", "/portal/feedback");
      await expectSpanishPage(page, { level: 1, name: "Sus comentarios" });
      const waiting = page.getByRole("region", { name: "Esperando sus comentarios" });
      const workItem = (list: typeof waiting) =>
        list.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: title, exact: true }) });
      await workItem(waiting)
        .getByRole("link", { name: /^Dar comentarios/ })
        .click();

      await expect(page).toHaveURL(`/portal/feedback/${engagementId}`);
      await expectSpanishPage(page, { level: 1, name: "¿Cómo le fue?" });
      for (const question of [
        "¿El trabajo fue importante para usted?",
        "¿Sintió que le trataron con respeto?",
        "¿El pago fue justo?",
        "¿Se le pagó a tiempo?",
        "¿Estaba claro cuál era el trabajo?",
        "¿Se sintió a salvo?",
        "¿Volvería a trabajar con nosotros?",
      ]) {
        await page.getByRole("group", { name: question }).getByRole("radio", { name: "5 Mucho" }).check();
      }
      await page.getByLabel("¿Algo más que quiera contarnos? (puede dejarlo vacío)").fill(comment);
      await page.getByRole("button", { name: "Enviar mis comentarios" }).click();

      await expect(page).toHaveURL("/portal/feedback?done=sent");
      await expect
        .poll(() =>
          row<{ comment: string; anonymous: number; consultantId: string }>(
            `SELECT f.comment, f.anonymous, f.consultant_id AS consultantId FROM feedback_submissions s
               JOIN experience_feedback f ON f.id = s.feedback_id WHERE s.engagement_id = ?`,
            engagementId,
          ),
        )
        .toEqual({ comment, anonymous: 0, consultantId: me.consultantId });
      const given = page.getByRole("region", { name: "Comentarios que dio" });
      await expect(workItem(given).getByText("Los envió con su nombre.")).toBeVisible();
      await expect(workItem(given).getByRole("link", { name: /^Cambiar mis comentarios/ })).toBeVisible();
      await expect(workItem(waiting)).toHaveCount(0);
      await expectSpanishPage(page, { level: 1, name: "Sus comentarios" });
    });

    await test.step("she downloads her data, and it is hers", async () => {
      await openFromMenu(page, "Mis datos", "/portal/my-data");
      await expectSpanishPage(page, { level: 1, name: "Mis datos" });
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Descargar mis datos como archivo" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("my-data.json");
      const data = JSON.parse(fs.readFileSync((await download.path())!, "utf8")) as {
        organization: string;
        profile: { id: string; preferredName: string; email: string };
      };
      expect(data.organization).toBe("Northwind Alliance");
      expect(data.profile).toMatchObject({
        id: me.consultantId,
        preferredName: "Lucía",
        email: LUCIA,
      });
      // Hers alone: nobody else's record is in it.
      expect(JSON.stringify(data)).not.toContain(DEMO.cam);
    });

    await test.step("she opens the print view of My data", async () => {
      await page.emulateMedia({ media: "print" });
      await expectSpanishPage(page, { level: 1, name: "Mis datos" });
      await expect(page.getByRole("heading", { level: 2, name: "Sobre usted" })).toBeVisible();
      // Located by markup: hidden elements leave the accessibility tree, so a role locator finding
      // nothing would pass "hidden" for the wrong reason.
      for (const hidden of [page.locator("header nav"), page.locator('a[href="/portal/my-data.json"]')]) {
        await expect(hidden).toHaveCount(1);
        await expect(hidden).toBeHidden();
      }
      await page.emulateMedia({ media: null });
    });

    // Nothing along the way gave this browser a language: her saved choice did it all.
    expect((await page.context().cookies()).filter((c) => c.name === "lang")).toEqual([]);
  } finally {
    await staff.close();
  }
});
