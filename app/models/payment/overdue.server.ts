// What is late in paying consultants, for the payments page, "Needs you", the dashboard and a
// consultant's record: payments past their due date, and completed work owed a fee with no payment
// recorded at all (nothing else would ever show it). What counts as late is decided in
// due.server.ts; this module only finds it.
import { and, asc, between, count, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { consultants, engagements, payments, programs, type PAYMENT_STATUSES } from "../../../db/schema";
import { db } from "../../utils/db.server";
import type { Period } from "../../utils/period";
import { engagementDueDay, paymentOverdue, unpaidCompletedWorkOverdue } from "./due.server";
import { paymentFilterConditions, paymentRowsFor } from "./lists.server";
import { suggestedFeeCents } from "./payable.server";
import { neededNowFirst } from "./needed-now.server";

export type OverdueFilters = {
  year?: number;
  status?: (typeof PAYMENT_STATUSES)[number];
  consultantId?: string;
};

function overduePayments(organizationId: string, filters: OverdueFilters, today: string) {
  return and(
    paymentFilterConditions(organizationId, { year: filters.year, status: filters.status }, today),
    paymentOverdue(today),
    filters.consultantId ? eq(payments.consultantId, filters.consultantId) : undefined,
  );
}

/**
 * Completed work owed a fee with no payment recorded, past due, matching the filters; undefined
 * when a payment status is asked for, since such work has no payment to have one.
 */
function unpaidWork(organizationId: string, filters: OverdueFilters, today: string) {
  if (filters.status) return undefined;
  return and(
    eq(engagements.organizationId, organizationId),
    unpaidCompletedWorkOverdue(today),
    // Like an open payment, it belongs to the year it is due.
    filters.year ? between(engagementDueDay, `${filters.year}-01-01`, `${filters.year}-12-31`) : undefined,
    filters.consultantId ? eq(engagements.consultantId, filters.consultantId) : undefined,
  );
}

/** How many payments are overdue, and how much completed work has no payment recorded and is past due. */
export function countOverdue(organizationId: string, filters: OverdueFilters, today: string) {
  const late =
    db
      .select({ n: count() })
      .from(payments)
      .where(overduePayments(organizationId, filters, today))
      .get()?.n ?? 0;
  const owedWhere = unpaidWork(organizationId, filters, today);
  const owed = owedWhere ? (db.select({ n: count() }).from(engagements).where(owedWhere).get()?.n ?? 0) : 0;
  return { payments: late, unpaidWork: owed, total: late + owed };
}

/** Completed work with no payment recorded, as the overdue lists show it, in the order of the ids. */
function unpaidWorkRows(organizationId: string, ids: string[]) {
  if (ids.length === 0) return [];
  const position = new Map(ids.map((id, i) => [id, i]));
  return db
    .select({
      engagementId: engagements.id,
      engagementTitle: engagements.title,
      completedAt: engagements.completedAt,
      dueDate: engagementDueDay,
      consultantId: engagements.consultantId,
      consultantName: consultants.preferredName,
      programName: programs.name,
    })
    .from(engagements)
    .innerJoin(consultants, eq(consultants.id, engagements.consultantId))
    .innerJoin(programs, eq(programs.id, engagements.programId))
    .where(and(eq(engagements.organizationId, organizationId), inArray(engagements.id, ids)))
    .all()
    .sort((a, b) => position.get(a.engagementId)! - position.get(b.engagementId)!)
    .map((w) => ({ ...w, owedCents: suggestedFeeCents(organizationId, w.engagementId) }));
}

export type OverdueItem =
  | { kind: "payment"; payment: ReturnType<typeof paymentRowsFor>[number] }
  | { kind: "unpaid-work"; work: ReturnType<typeof unpaidWorkRows>[number] };

/**
 * Everything overdue, what a consultant needs now first, then the longest overdue, `limit` of them from `offset`: payments past their
 * due date and completed work with no payment recorded, in one list. The page is chosen from the
 * ids and due days alone; only its few rows are then read in full.
 */
export function listOverdue(
  organizationId: string,
  filters: OverdueFilters,
  today: string,
  window: { limit: number; offset?: number },
): OverdueItem[] {
  const late = db
    .select({
      kind: sql<string>`'payment'`.as("kind"),
      // A payment the consultant needs now leads the list, however recently it fell due.
      first: sql<number>`${neededNowFirst()}`.as("first"),
      id: payments.id,
      due: sql<string>`${payments.dueDate}`.as("due"),
    })
    .from(payments)
    .where(overduePayments(organizationId, filters, today));
  const owedWhere = unpaidWork(organizationId, filters, today);
  const chosen = (
    owedWhere
      ? late.unionAll(
          db
            .select({
              kind: sql<string>`'unpaid-work'`.as("kind"),
              first: sql<number>`1`.as("first"),
              id: engagements.id,
              due: sql<string>`${engagementDueDay}`.as("due"),
            })
            .from(engagements)
            .where(owedWhere),
        )
      : late
  )
    .orderBy(asc(sql`first`), asc(sql`due`), asc(sql`kind`), asc(sql`id`))
    .limit(window.limit)
    .offset(window.offset ?? 0)
    .all();
  const paymentIds = chosen.filter((r) => r.kind === "payment").map((r) => r.id);
  const workIds = chosen.filter((r) => r.kind === "unpaid-work").map((r) => r.id);
  const paymentById = new Map(paymentRowsFor(organizationId, paymentIds, today).map((p) => [p.id, p]));
  const workById = new Map(unpaidWorkRows(organizationId, workIds).map((w) => [w.engagementId, w]));
  return chosen.flatMap((r): OverdueItem[] => {
    if (r.kind === "payment") {
      const payment = paymentById.get(r.id);
      return payment ? [{ kind: "payment", payment }] : [];
    }
    const work = workById.get(r.id);
    return work ? [{ kind: "unpaid-work", work }] : [];
  });
}

/**
 * "Needs you": completed work with no payment recorded, past due, the longest overdue first, at
 * most `limit` of them, and whether there are more (counting them all would read every completed
 * engagement of the organization on every visit to the dashboard).
 */
export function unpaidWorkToRecord(organizationId: string, today: string, limit: number) {
  const rows = db
    .select({ id: engagements.id, title: engagements.title, dueDate: engagementDueDay })
    .from(engagements)
    .where(and(eq(engagements.organizationId, organizationId), unpaidCompletedWorkOverdue(today)))
    .orderBy(asc(engagementDueDay), asc(engagements.id))
    .limit(limit + 1)
    .all();
  return { items: rows.slice(0, limit), more: rows.length > limit };
}

/**
 * For the dashboard and the funder report: completed work of the period (and program) with no
 * payment recorded, due in the period and past due today, and the fees it is owed.
 */
export function unpaidWorkDueIn(organizationId: string, period: Period, today: string) {
  const rows = db
    .select({ id: engagements.id })
    .from(engagements)
    .where(
      and(
        eq(engagements.organizationId, organizationId),
        unpaidCompletedWorkOverdue(today),
        gte(engagementDueDay, period.from),
        lte(engagementDueDay, period.to),
        period.programId ? eq(engagements.programId, period.programId) : undefined,
      ),
    )
    .all();
  return {
    count: rows.length,
    feeCents: rows.reduce((sum, r) => sum + suggestedFeeCents(organizationId, r.id), 0),
  };
}

const CONSULTANT_OVERDUE_SHOWN = 20;

/** What is overdue to one consultant, for their record: the longest overdue first, and how many in all. */
export function overdueForConsultant(organizationId: string, consultantId: string, today: string) {
  return {
    items: listOverdue(organizationId, { consultantId }, today, { limit: CONSULTANT_OVERDUE_SHOWN }),
    count: countOverdue(organizationId, { consultantId }, today).total,
  };
}
