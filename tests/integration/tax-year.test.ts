import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { checklistItems, consultantChecklistEntries, payments, taxYearThresholds, users } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { taxYearTotals } from "../../app/models/payment/tax-year.server";
import { neutralizeFormula, toCsv } from "../../app/utils/csv.server";
import * as taxYearPage from "../../app/routes/_staff.payments.tax-year";
import * as taxYearCsv from "../../app/routes/_staff.payments.tax-year[.csv]";
import { and, eq } from "drizzle-orm";
import {
  cookieFor,
  createConsultantRecord,
  createEngagementRecord,
  createMember,
  createOrganization,
  createProgramRecord,
} from "../support/factories";
import { callRoute, makeRequest } from "../support/http";

const org = createOrganization();
const program = createProgramRecord(org.id);

function paid(
  consultantId: string,
  feeCents: number,
  paidDate: string,
  expensesCents = 0,
  status: "paid" | "approved" | "void" = "paid",
) {
  const engagement = createEngagementRecord(org.id, consultantId, program.id);
  db.insert(payments)
    .values({
      organizationId: org.id,
      engagementId: engagement.id,
      consultantId,
      feeCents,
      expensesCents,
      method: "check",
      status,
      paidDate,
    })
    .run();
}

function markW9(consultantId: string) {
  const item = db
    .select()
    .from(checklistItems)
    .where(and(eq(checklistItems.organizationId, org.id), eq(checklistItems.systemKey, "w9")))
    .get()!;
  db.insert(consultantChecklistEntries)
    .values({ organizationId: org.id, consultantId, itemId: item.id, doneAt: new Date() })
    .run();
}

const ana = createConsultantRecord(org.id, { preferredName: "Ana", legalName: "Ana María Reyes" });
const formula = createConsultantRecord(org.id, { preferredName: '=HYPERLINK("http://evil.example","click")' });
const quoted = createConsultantRecord(org.id, { preferredName: 'Jo "JJ", the\nsecond' });
paid(ana.id, 60_000, "2025-03-10"); // 2025: exactly $600
paid(ana.id, 150_000, "2026-02-01", 2_500);
paid(ana.id, 50_000, "2026-08-15"); // 2026 total fees $2,000.00: exactly the new threshold
paid(ana.id, 99_999, "2026-09-01", 0, "approved"); // not paid: not counted
paid(ana.id, 99_999, "2026-09-02", 0, "void"); // void: not counted
paid(formula.id, 199_999, "2026-11-30", 1_000); // one cent under
paid(quoted.id, 1_000, "2026-12-31");
markW9(ana.id);

describe("tax-year totals", () => {
  it("counts fees paid in the calendar year, expenses apart, per quarter", () => {
    const totals = taxYearTotals({ organizationId: org.id, taxYear: 2026, includeLegalName: true });
    const row = totals.rows.find((r) => r.consultantId === ana.id)!;
    expect(row.feesCents).toBe(200_000);
    expect(row.expensesCents).toBe(2_500);
    expect([row.q1, row.q2, row.q3, row.q4]).toEqual([150_000, 0, 50_000, 0]);
    expect(row.w9OnFile).toBe(true);
  });

  it("flags who reaches the threshold of that year: $600 up to 2025, $2,000 from 2026", () => {
    const y2025 = taxYearTotals({ organizationId: org.id, taxYear: 2025, includeLegalName: false });
    expect(y2025.thresholdCents).toBe(60_000);
    expect(y2025.rows.find((r) => r.consultantId === ana.id)?.reachesThreshold).toBe(true);
    const y2026 = taxYearTotals({ organizationId: org.id, taxYear: 2026, includeLegalName: false });
    expect(y2026.thresholdCents).toBe(200_000);
    expect(y2026.rows.find((r) => r.consultantId === ana.id)?.reachesThreshold).toBe(true);
    expect(y2026.rows.find((r) => r.consultantId === formula.id)?.reachesThreshold).toBe(false);
    expect(y2026.rows.find((r) => r.consultantId === formula.id)?.w9OnFile).toBe(false);
  });

  it("uses the organization's own threshold for a year when it set one", () => {
    db.insert(taxYearThresholds).values({ organizationId: org.id, taxYear: 2024, thresholdCents: 100 }).run();
    paid(ana.id, 100, "2024-05-05");
    const y2024 = taxYearTotals({ organizationId: org.id, taxYear: 2024, includeLegalName: false });
    expect(y2024.thresholdCents).toBe(100);
    expect(y2024.rows[0]?.reachesThreshold).toBe(true);
  });

  it("includes the legal name only when asked for an admin", () => {
    const forStaff = taxYearTotals({ organizationId: org.id, taxYear: 2026, includeLegalName: false });
    expect(JSON.stringify(forStaff)).not.toContain("Ana María Reyes");
    const forAdmin = taxYearTotals({ organizationId: org.id, taxYear: 2026, includeLegalName: true });
    expect(JSON.stringify(forAdmin)).toContain("Ana María Reyes");
  });
});

describe("year-end CSV", () => {
  it("neutralizes spreadsheet formulas", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(neutralizeFormula(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(neutralizeFormula("Ana")).toBe("Ana");
  });

  it("quotes commas, quotes and newlines so every row reads back exactly", () => {
    const text = toCsv(
      ["name", "amount"],
      [
        ['He said "hi", then\nleft', "1.00"],
        ["=cmd()", null],
      ],
    );
    const back = parse(text) as string[][];
    expect(back).toEqual([
      ["name", "amount"],
      ['He said "hi", then\nleft', "1.00"],
      ["'=cmd()", ""],
    ]);
  });

  it("downloads for staff without legal names, and for admins with them", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const admin = await createMember({ organizationId: org.id, role: "admin" });
    const asStaff = await callRoute(
      taxYearCsv.loader,
      makeRequest("/payments/tax-year.csv?year=2026", { cookie: await cookieFor(staff.userId) }),
    );
    expect(asStaff.headers.get("Content-Disposition")).toBe('attachment; filename="payments-2026.csv"');
    const staffRows = parse(asStaff.data as string) as string[][];
    expect(staffRows[0]).not.toContain("Legal name");
    expect(asStaff.data).not.toContain("Ana María Reyes");
    const formulaRow = staffRows.find((r) => r[0]!.includes("HYPERLINK"))!;
    expect(formulaRow[0]!.startsWith("'=")).toBe(true);
    expect(staffRows.find((r) => r[0]!.startsWith("Jo"))![0]).toBe('Jo "JJ", the\nsecond');
    expect(staffRows.find((r) => r[0] === "Ana")!.slice(1, 2)).toEqual(["2000.00"]);

    const asAdmin = await callRoute(
      taxYearCsv.loader,
      makeRequest("/payments/tax-year.csv?year=2026", { cookie: await cookieFor(admin.userId) }),
    );
    const adminRows = parse(asAdmin.data as string) as string[][];
    expect(adminRows[0]![1]).toBe("Legal name");
    expect(adminRows.find((r) => r[0] === "Ana")![1]).toBe("Ana María Reyes");
  });

  it("has its headers and yes/no cells in the downloader's language; amounts and names stay as they are", async () => {
    const download = async (userId: string, headers: Record<string, string> = {}) =>
      parse(
        (
          await callRoute(
            taxYearCsv.loader,
            makeRequest("/payments/tax-year.csv?year=2026", { cookie: await cookieFor(userId), headers }),
          )
        ).data as string,
      ) as string[][];
    const english = [
      "Consultant",
      "Legal name",
      "Fees paid",
      "Q1",
      "Q2",
      "Q3",
      "Q4",
      "Expenses reimbursed",
      "1099-NEC needed",
      "W-9 on file",
    ];
    const spanish = [
      "Persona consultora",
      "Nombre legal",
      "Honorarios pagados",
      "T1",
      "T2",
      "T3",
      "T4",
      "Gastos reembolsados",
      "Necesita 1099-NEC",
      "W-9 recibido",
    ];

    const spanishAdmin = await createMember({ organizationId: org.id, role: "admin" });
    db.update(users).set({ preferredLanguage: "es" }).where(eq(users.id, spanishAdmin.userId)).run();
    const inSpanish = await download(spanishAdmin.userId);
    expect(inSpanish[0]).toEqual(spanish);
    expect(inSpanish.find((r) => r[0] === "Ana")).toEqual([
      "Ana",
      "Ana María Reyes",
      "2000.00",
      "1500.00",
      "0.00",
      "500.00",
      "0.00",
      "25.00",
      "sí",
      "sí",
    ]);
    expect(inSpanish.find((r) => r[0]!.includes("HYPERLINK"))!.slice(-2)).toEqual(["no", "no"]);

    // Without a saved preference, the browser's language counts: Spanish asked for, Spanish given.
    const admin = await createMember({ organizationId: org.id, role: "admin" });
    expect((await download(admin.userId, { "Accept-Language": "es" }))[0]).toEqual(spanish);
    const inEnglish = await download(admin.userId);
    expect(inEnglish[0]).toEqual(english);
    expect(inEnglish.find((r) => r[0] === "Ana")!.slice(-2)).toEqual(["yes", "yes"]);
    // A saved English preference wins over a browser asking for Spanish.
    db.update(users).set({ preferredLanguage: "en" }).where(eq(users.id, admin.userId)).run();
    expect((await download(admin.userId, { "Accept-Language": "es" }))[0]).toEqual(english);
  });

  it("shows 100 consultants a page, by name, while the CSV keeps them all", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const cookie = await cookieFor(staff.userId);
    // 2019: a year nobody else in this file was paid in.
    for (let i = 1; i <= 103; i++) {
      paid(
        createConsultantRecord(org.id, { preferredName: `Paid ${String(i).padStart(3, "0")}` }).id,
        100,
        "2019-06-01",
      );
    }
    const pageOf = async (query: string) =>
      (await callRoute(taxYearPage.loader, makeRequest(`/payments/tax-year?year=2019${query}`, { cookie }))).data as {
        rows: { preferredName: string }[];
        consultantCount: number;
        page: number;
        pageCount: number;
      };
    const first = await pageOf("");
    expect(first).toMatchObject({ consultantCount: 103, page: 1, pageCount: 2 });
    expect(first.rows).toHaveLength(100);
    expect(first.rows[0]!.preferredName).toBe("Paid 001");
    const second = await pageOf("&page=2");
    expect(second.rows.map((r) => r.preferredName)).toEqual(["Paid 101", "Paid 102", "Paid 103"]);
    expect((await pageOf("&page=nine")).page).toBe(1);

    const csv = await callRoute(taxYearCsv.loader, makeRequest("/payments/tax-year.csv?year=2019", { cookie }));
    expect(parse(csv.data as string)).toHaveLength(1 + 103);
  });

  it("the page shows the legal name column to admins only", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const page = await callRoute(
      taxYearPage.loader,
      makeRequest("/payments/tax-year?year=2026", { cookie: await cookieFor(staff.userId) }),
    );
    expect(JSON.stringify(page.data)).not.toContain("Ana María Reyes");
  });
});
