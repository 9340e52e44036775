// The signed-in consultant's own pay, for "My pay" and the portal home: their payments of a year,
// the newest one, and what they were paid in a year. Always found from the session, never from an id.
import { and, asc, between, desc, eq, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import { engagements, payments } from "../../../db/schema";
import { isoDay } from "../../utils/day";
import { db, type Executor } from "../../utils/db.server";
import { findOwnConsultantId } from "../consultant/own.server";
import { isPaymentOverdue } from "./due.server";
import { isPaymentNeededNow } from "./needed-now.server";

const ownPaymentColumns = {
  id: payments.id,
  feeCents: payments.feeCents,
  expensesCents: payments.expensesCents,
  method: payments.method,
  status: payments.status,
  consultantChoice: payments.consultantChoice,
  neededNowAt: payments.neededNowAt,
  dueDate: payments.dueDate,
  paidDate: payments.paidDate,
  engagementTitle: engagements.title,
};

// Filtering by the consultant's id (not by a join to consultants on their user id) lets SQLite read
// only their payments through payments_org_consultant_paid_idx, not every payment of the organization.
const ownPaymentsOf = (organizationId: string, consultantId: string) =>
  and(
    eq(payments.organizationId, organizationId),
    eq(payments.consultantId, consultantId),
    ne(payments.status, "void"),
  );

const newestFirst = [desc(sql`coalesce(${payments.paidDate}, ${payments.dueDate}, '9999')`), asc(payments.id)];

/**
 * The fees and reimbursed expenses paid to one consultant in a calendar year (expenses are not pay):
 * the one home of "paid in a year", for the portal and for the consultant's yearly pay limit.
 */
export function paidInYear(organizationId: string, consultantId: string, year: number, executor: Executor = db) {
  const row = executor
    .select({
      feesCents: sql<number>`coalesce(sum(${payments.feeCents}), 0)`,
      expensesCents: sql<number>`coalesce(sum(${payments.expensesCents}), 0)`,
    })
    .from(payments)
    .where(
      and(
        eq(payments.organizationId, organizationId),
        eq(payments.consultantId, consultantId),
        between(payments.paidDate, `${year}-01-01`, `${year}-12-31`),
        eq(payments.status, "paid"),
      ),
    )
    .get();
  return { feesCents: row?.feesCents ?? 0, expensesCents: row?.expensesCents ?? 0 };
}

/**
 * The signed-in consultant's payments of one calendar year in their active organization, newest
 * first, with that year's fees per quarter: what was paid in the year and, when it is the current
 * year, every payment not paid yet (whatever its due date: the consultant may still act on it).
 * Void payments are left out: they were never money owed. `years` are the years they can choose.
 */
export function listOwnPayments(args: { organizationId: string; userId: string; year: number; today?: string }) {
  const today = args.today ?? isoDay(new Date());
  const currentYear = Number(today.slice(0, 4));
  const consultantId = findOwnConsultantId(db, args.organizationId, args.userId);
  const paidYears = consultantId
    ? db
        .selectDistinct({ year: sql<string>`substr(${payments.paidDate}, 1, 4)` })
        .from(payments)
        .where(
          and(
            eq(payments.organizationId, args.organizationId),
            eq(payments.consultantId, consultantId),
            isNotNull(payments.paidDate),
          ),
        )
        .all()
        .map((r) => Number(r.year))
    : [];
  const years = [...new Set([currentYear, args.year, ...paidYears])].sort((a, b) => b - a);
  const rows = consultantId
    ? db
        .select(ownPaymentColumns)
        .from(payments)
        .innerJoin(engagements, eq(engagements.id, payments.engagementId))
        .where(
          and(
            ownPaymentsOf(args.organizationId, consultantId),
            or(
              between(payments.paidDate, `${args.year}-01-01`, `${args.year}-12-31`),
              args.year === currentYear ? isNull(payments.paidDate) : undefined,
            ),
          ),
        )
        .orderBy(...newestFirst)
        .all()
    : [];
  const paidThisYear = rows.filter((p) => p.status === "paid" && p.paidDate?.startsWith(String(args.year)));
  const quarter = (q: number) =>
    paidThisYear
      .filter((p) => Math.ceil(Number(p.paidDate!.slice(5, 7)) / 3) === q)
      .reduce((sum, p) => sum + p.feeCents, 0);
  return {
    year: args.year,
    years,
    payments: rows.map((p) => ({ ...p, overdue: isPaymentOverdue(p, today), neededNow: isPaymentNeededNow(p) })),
    totals: {
      feesCents: paidThisYear.reduce((sum, p) => sum + p.feeCents, 0),
      expensesCents: paidThisYear.reduce((sum, p) => sum + p.expensesCents, 0),
      quarters: [1, 2, 3, 4].map(quarter),
    },
  };
}

/** The consultant's newest payment, as "My pay" lists it first, or undefined. */
export function latestOwnPayment(args: { organizationId: string; userId: string; today?: string }) {
  const consultantId = findOwnConsultantId(db, args.organizationId, args.userId);
  if (!consultantId) return undefined;
  const p = db
    .select(ownPaymentColumns)
    .from(payments)
    .innerJoin(engagements, eq(engagements.id, payments.engagementId))
    .where(ownPaymentsOf(args.organizationId, consultantId))
    .orderBy(...newestFirst)
    .limit(1)
    .get();
  return p
    ? { ...p, overdue: isPaymentOverdue(p, args.today ?? isoDay(new Date())), neededNow: isPaymentNeededNow(p) }
    : undefined;
}

/** Fees and reimbursed expenses paid to the signed-in consultant in a calendar year. */
export function ownPaidInYear(args: { organizationId: string; userId: string; year: number }) {
  const consultantId = findOwnConsultantId(db, args.organizationId, args.userId);
  return consultantId ? paidInYear(args.organizationId, consultantId, args.year) : { feesCents: 0, expensesCents: 0 };
}
