// Tax-year totals per consultant: fees (income, for Form 1099-NEC) and reimbursed expenses apart,
// against the year's threshold, for the page and the bookkeeper's CSV.
import { and, asc, eq, sql } from "drizzle-orm";
import {
  checklistItems,
  consultantChecklistEntries,
  consultants,
  payments,
  taxYearThresholds,
} from "../../../db/schema";
import { db } from "../../utils/db.server";
import { defaultNecThresholdCents } from "../../utils/money";
import { openConsultantFields, sealedConsultantColumns } from "../consultant-fields.server";

export function necThresholdCents(organizationId: string, taxYear: number) {
  const override = db
    .select({ cents: taxYearThresholds.thresholdCents })
    .from(taxYearThresholds)
    .where(and(eq(taxYearThresholds.organizationId, organizationId), eq(taxYearThresholds.taxYear, taxYear)))
    .get();
  return override?.cents ?? defaultNecThresholdCents(taxYear);
}

const paidInQuarter = (q: number) =>
  sql<number>`coalesce(sum(case when cast(substr(${payments.paidDate}, 6, 2) as integer) between ${q * 3 - 2} and ${q * 3} then ${payments.feeCents} end), 0)`;

export const TAX_YEAR_PAGE_SIZE = 100;

/**
 * Per consultant, what was paid in a calendar year: fees (income, for Form 1099-NEC) and
 * reimbursed expenses (not income) apart, fees per quarter, and whether the fees reach the year's
 * threshold and a W-9 is on file. The legal name is included for admins only. With `page`, only
 * that page's 100 consultants (by name; the page on screen), otherwise all of them (the CSV).
 */
export function taxYearTotals(args: {
  organizationId: string;
  taxYear: number;
  includeLegalName: boolean;
  page?: number;
}) {
  const threshold = necThresholdCents(args.organizationId, args.taxYear);
  const paidInTheYear = and(
    eq(payments.organizationId, args.organizationId),
    eq(payments.status, "paid"),
    sql`substr(${payments.paidDate}, 1, 4) = ${String(args.taxYear)}`,
  );
  const consultantCount =
    db
      .select({ n: sql<number>`count(distinct ${payments.consultantId})` })
      .from(payments)
      .where(paidInTheYear)
      .get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(consultantCount / TAX_YEAR_PAGE_SIZE));
  const page = args.page === undefined ? undefined : Math.min(Math.max(1, args.page), pageCount);
  const w9 = sql<number>`exists (select 1 from ${consultantChecklistEntries} e join ${checklistItems} i on i.id = e.item_id
    where e.consultant_id = ${payments.consultantId} and i.system_key = 'w9' and e.done_at is not null)`;
  const rows = db
    .select({
      consultantId: payments.consultantId,
      preferredName: consultants.preferredName,
      ...sealedConsultantColumns("legalName"),
      feesCents: sql<number>`sum(${payments.feeCents})`,
      expensesCents: sql<number>`sum(${payments.expensesCents})`,
      q1: paidInQuarter(1),
      q2: paidInQuarter(2),
      q3: paidInQuarter(3),
      q4: paidInQuarter(4),
      w9OnFile: w9.mapWith(Boolean),
    })
    .from(payments)
    .innerJoin(consultants, eq(consultants.id, payments.consultantId))
    .where(paidInTheYear)
    .groupBy(payments.consultantId)
    .orderBy(sql`${consultants.preferredName} collate nocase`, asc(payments.consultantId))
    .limit(page === undefined ? -1 : TAX_YEAR_PAGE_SIZE)
    .offset(page === undefined ? 0 : (page - 1) * TAX_YEAR_PAGE_SIZE)
    .all();
  return {
    taxYear: args.taxYear,
    thresholdCents: threshold,
    consultantCount,
    page: page ?? 1,
    pageCount: page === undefined ? 1 : pageCount,
    firstShown: page === undefined ? 1 : (page - 1) * TAX_YEAR_PAGE_SIZE + 1,
    rows: rows.map(({ legalName, ...row }) => ({
      ...row,
      // Decrypted only for admins: nobody else's request ever opens the sealed value.
      ...(args.includeLegalName
        ? openConsultantFields({ legalName }, { organizationId: args.organizationId, consultantId: row.consultantId })
        : {}),
      reachesThreshold: row.feesCents >= threshold,
    })),
  };
}
