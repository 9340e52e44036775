// The organization's payments as staff list and open them: the filters (year, status, overdue), the
// page of the payments list, a payment's own page and an engagement's payments.
import { differenceInCalendarDays, parseISO } from "date-fns";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { consultants, engagements, payments, programs } from "../../../db/schema";
import { isoDay } from "../../utils/day";
import { db } from "../../utils/db.server";
import { NotFoundError } from "../errors";
import { isPaymentOverdue, paymentOverdue } from "./due.server";
import { isPaymentNeededNow, neededNowFirst } from "./needed-now.server";

export type PaymentFilters = {
  year?: number;
  status?: (typeof payments.$inferSelect)["status"];
  overdueOnly?: boolean;
};

const paymentListColumns = {
  id: payments.id,
  feeCents: payments.feeCents,
  expensesCents: payments.expensesCents,
  method: payments.method,
  status: payments.status,
  consultantChoice: payments.consultantChoice,
  neededNowAt: payments.neededNowAt,
  dueDate: payments.dueDate,
  paidDate: payments.paidDate,
  reference: payments.reference,
  voidReason: payments.voidReason,
  engagementId: payments.engagementId,
  engagementTitle: engagements.title,
  completedAt: engagements.completedAt,
  consultantId: payments.consultantId,
  consultantName: consultants.preferredName,
  programName: programs.name,
};

/** Payments with their engagement, consultant and program, as the lists and a payment's page show them. */
const paymentListRows = () =>
  db
    .select(paymentListColumns)
    .from(payments)
    .innerJoin(engagements, eq(engagements.id, payments.engagementId))
    .innerJoin(consultants, eq(consultants.id, payments.consultantId))
    .innerJoin(programs, eq(programs.id, engagements.programId));

export function paymentFilterConditions(organizationId: string, filters: PaymentFilters, today: string) {
  const conditions: (SQL | undefined)[] = [eq(payments.organizationId, organizationId)];
  if (filters.status) conditions.push(eq(payments.status, filters.status));
  if (filters.year) {
    // A paid payment belongs to the year it was paid; an open one to the year it is due.
    conditions.push(
      sql`substr(coalesce(${payments.paidDate}, ${payments.dueDate}, ''), 1, 4) = ${String(filters.year)}`,
    );
  }
  if (filters.overdueOnly) conditions.push(paymentOverdue(today));
  return and(...conditions);
}

/**
 * The organization's payments matching the filters, those the consultant needs now first, then by
 * due date, `limit` of them from `offset`.
 * The page's ids are chosen from payments alone; only those few rows are then joined to their
 * engagement, consultant and program (joining first would join every matching payment to sort).
 */
export function listPayments(
  organizationId: string,
  filters: PaymentFilters,
  today = isoDay(new Date()),
  window: { limit: number; offset?: number } = { limit: 1000 },
) {
  const ids = db
    .select({ id: payments.id })
    .from(payments)
    .where(paymentFilterConditions(organizationId, filters, today))
    .orderBy(neededNowFirst(), asc(payments.dueDate), desc(payments.createdAt), asc(payments.id))
    .limit(window.limit)
    .offset(window.offset ?? 0)
    .all()
    .map((r) => r.id);
  return paymentRowsFor(organizationId, ids, today);
}

/** The organization's payments with these ids, in the order of the ids, as the lists show them. */
export function paymentRowsFor(organizationId: string, ids: string[], today: string) {
  if (ids.length === 0) return [];
  const position = new Map(ids.map((id, i) => [id, i]));
  return paymentListRows()
    .where(and(eq(payments.organizationId, organizationId), inArray(payments.id, ids)))
    .all()
    .sort((a, b) => position.get(a.id)! - position.get(b.id)!)
    .map((p) => ({
      ...p,
      overdue: isPaymentOverdue(p, today),
      neededNow: isPaymentNeededNow(p),
      // Days from the work being completed to being paid: how reliable the organization is.
      daysToPay: p.paidDate && p.completedAt ? differenceInCalendarDays(parseISO(p.paidDate), p.completedAt) : null,
    }));
}

/** How many of the organization's payments match the filters. */
export function countPayments(organizationId: string, filters: PaymentFilters, today = isoDay(new Date())) {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(payments)
      .where(paymentFilterConditions(organizationId, filters, today))
      .get()?.n ?? 0
  );
}

export function listPaymentsOfEngagement(organizationId: string, engagementId: string) {
  return paymentListRows()
    .where(and(eq(payments.organizationId, organizationId), eq(payments.engagementId, engagementId)))
    .orderBy(desc(payments.createdAt))
    .all();
}

export function getPayment(organizationId: string, paymentId: string) {
  const row = paymentListRows()
    .where(and(eq(payments.id, paymentId), eq(payments.organizationId, organizationId)))
    .get();
  if (!row) throw new NotFoundError("common:paymentRules.notFound");
  return { ...row, overdue: isPaymentOverdue(row, isoDay(new Date())), neededNow: isPaymentNeededNow(row) };
}
