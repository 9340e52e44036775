// When a consultant's pay is due, and when it is late. One definition: written in TypeScript for a
// row already read and in SQL for lists and counts (which must not read every row to decide), side
// by side here so that they cannot drift apart. Every page that says "overdue" uses these.
import { and, eq, exists, gt, inArray, isNull, lt, ne, notExists, or, sql } from "drizzle-orm";
import { engagements, payments, timeEntries } from "../../../db/schema";
import { addDaysToIsoDay, isoDay } from "../../utils/day";
import { db } from "../../utils/db.server";
import { countsAsApproved } from "../time/reads.server";

/** Payments still to be made: paid and void ones are settled. */
export const OPEN_PAYMENT_STATUSES = ["pending", "approved"] as const;

/**
 * The day pay for an engagement is due: the UTC day it was completed plus its payment deadline in
 * days (null until it is completed). Never the day someone got round to recording the payment: a
 * late entry must not move the deadline and make late pay look on time.
 */
export function dueDateFor(e: { completedAt: Date | null; paymentDueDays: number }) {
  return e.completedAt ? addDaysToIsoDay(isoDay(e.completedAt), e.paymentDueDays) : null;
}

/**
 * dueDateFor in SQL. The expression must stay exactly the one engagements_org_status_due_idx is built
 * on (db/schema.ts), or SQLite reads every engagement of the organization to find the late ones.
 */
export const engagementDueDay = sql<
  string | null
>`date(${engagements.completedAt} / 1000, 'unixepoch', '+' || ${engagements.paymentDueDays} || ' days')`;

/** Past its due date and not paid, unless the consultant chose to defer or decline it. */
export function isPaymentOverdue(
  p: { status: string; dueDate: string | null; consultantChoice: string | null },
  today: string,
) {
  return (
    (OPEN_PAYMENT_STATUSES as readonly string[]).includes(p.status) &&
    !p.consultantChoice &&
    p.dueDate !== null &&
    p.dueDate < today
  );
}

/**
 * A paid payment was paid on time: by its due date, or it has none (paid before the work was
 * completed, in advance). In SQL, for a query on payments; the counterpart of being overdue.
 */
export const paidByDueDate = sql<number>`(${payments.dueDate} is null or ${payments.paidDate} <= ${payments.dueDate})`;

/** isPaymentOverdue in SQL, for a query on payments. */
export function paymentOverdue(today: string) {
  return and(
    inArray(payments.status, [...OPEN_PAYMENT_STATUSES]),
    isNull(payments.consultantChoice),
    lt(payments.dueDate, today),
  )!;
}

// The outer engagement, spelled out in full: Drizzle leaves columns unqualified in one-table queries,
// and inside a subquery an unqualified "id" would be the subquery's own row.
const outerEngagementId = sql.raw('"engagements"."id"');

/**
 * A payment of a fee that is not void is on the engagement's record, paid or not. A payment of costs
 * alone (a fare paid back) pays none of the work: the work is still waiting for its pay.
 */
const noPaymentRecorded = () =>
  notExists(
    db
      .select({ one: sql`1` })
      .from(payments)
      .where(and(eq(payments.engagementId, outerEngagementId), ne(payments.status, "void"), gt(payments.feeCents, 0))),
  );

/**
 * A fee is owed for completed work (what suggestedFeeCents pays): a rate above nothing and, for
 * hourly or daily work, approved time that counts. A completed engagement cannot change any more,
 * so its rate is the one the consultant last accepted.
 */
const feeOwed = () =>
  and(
    gt(engagements.rateCents, 0),
    or(
      inArray(engagements.rateKind, ["flat_fee", "honorarium"]),
      exists(
        db
          .select({ one: sql`1` })
          .from(timeEntries)
          .where(and(eq(timeEntries.engagementId, outerEngagementId), countsAsApproved)),
      ),
    ),
  );

/**
 * Completed work with a fee owed and no payment recorded, past its due date: the consultant is
 * owed pay that nobody has started to make, which is as late as a payment past its due date. For
 * a query on engagements (scope it to the organization as well).
 */
export function unpaidCompletedWorkOverdue(today: string) {
  return and(eq(engagements.status, "completed"), lt(engagementDueDay, today), noPaymentRecorded(), feeOwed())!;
}
