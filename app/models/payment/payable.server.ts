// What an engagement is owed and whether it can be paid at all: the accepted rate × approved time
// (or the fee, or the cancellation fee), less what other payments already take. Recording a payment,
// approving it and marking it paid all ask these same questions, so they live together here.
import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { consultants, engagementAgreements, engagements, payments, RATE_KINDS, timeEntries } from "../../../db/schema";
import { db, type Executor } from "../../utils/db.server";
import { feeForHours } from "../../utils/money";
import { NotFoundError, RuleError } from "../errors";

export function findEngagementForPayment(tx: Executor, organizationId: string, engagementId: string) {
  const row = tx
    .select({
      id: engagements.id,
      consultantId: engagements.consultantId,
      status: engagements.status,
      rateKind: engagements.rateKind,
      rateCents: engagements.rateCents,
      completedAt: engagements.completedAt,
      paymentDueDays: engagements.paymentDueDays,
      cancellationFeeCents: engagements.cancellationFeeCents,
      title: engagements.title,
      consultantName: consultants.preferredName,
      preferredMethod: consultants.paymentMethod,
    })
    .from(engagements)
    .innerJoin(consultants, eq(consultants.id, engagements.consultantId))
    // The unary + keeps SQLite from reading the organization's engagements through an index on
    // organization_id (which it chose, from the statistics, over the one row the id finds).
    .where(and(eq(engagements.id, engagementId), sql`+${engagements.organizationId} = ${organizationId}`))
    .get();
  if (!row) throw new NotFoundError("staff:payments.errors.engagementNotFound");
  return row;
}

/** Approved hours of an engagement, counting a correction instead of the entry it corrects. */
function approvedHundredths(tx: Executor, engagementId: string) {
  const rows = tx
    .select({
      id: timeEntries.id,
      hundredths: timeEntries.hundredths,
      corrects: timeEntries.correctsEntryId,
      workDate: timeEntries.workDate,
    })
    .from(timeEntries)
    .where(and(eq(timeEntries.engagementId, engagementId), eq(timeEntries.status, "approved")))
    .all();
  const replaced = new Set(rows.map((r) => r.corrects).filter(Boolean));
  const counted = rows.filter((r) => !replaced.has(r.id));
  return {
    hundredths: counted.reduce((sum, r) => sum + r.hundredths, 0),
    days: new Set(counted.map((r) => r.workDate)).size,
  };
}

export function paidOrPendingFees(tx: Executor, engagementId: string) {
  return (
    tx
      .select({ total: sql<number>`coalesce(sum(${payments.feeCents}), 0)` })
      .from(payments)
      .where(and(eq(payments.engagementId, engagementId), ne(payments.status, "void")))
      .get()?.total ?? 0
  );
}

/** Fees of the engagement's approved and paid payments, leaving one payment out. */
function approvedOrPaidFees(tx: Executor, engagementId: string, exceptPaymentId: string) {
  return (
    tx
      .select({ total: sql<number>`coalesce(sum(${payments.feeCents}), 0)` })
      .from(payments)
      .where(
        and(
          eq(payments.engagementId, engagementId),
          inArray(payments.status, ["approved", "paid"]),
          ne(payments.id, exceptPaymentId),
        ),
      )
      .get()?.total ?? 0
  );
}

type RateTerms = { rateKind: (typeof RATE_KINDS)[number]; rateCents: number };

/**
 * The pay terms of the newest version the consultant accepted, word for word as they saw them,
 * or undefined when they never accepted any. Staff may have changed the rate since: until the
 * consultant accepts the change, what they agreed to is what they are owed.
 */
function lastAcceptedRate(tx: Executor, engagementId: string): RateTerms | undefined {
  const row = tx
    .select({ termsSnapshot: engagementAgreements.termsSnapshot })
    .from(engagementAgreements)
    .where(and(eq(engagementAgreements.engagementId, engagementId), eq(engagementAgreements.decision, "accepted")))
    // Newest first; rowid breaks ties between answers given in the same millisecond.
    .orderBy(desc(engagementAgreements.decidedAt), desc(sql`rowid`))
    .get();
  if (!row) return undefined;
  const { rateKind, rateCents } = row.termsSnapshot;
  const known = (RATE_KINDS as readonly unknown[]).includes(rateKind) && Number.isSafeInteger(rateCents);
  return known ? { rateKind: rateKind as RateTerms["rateKind"], rateCents: rateCents as number } : undefined;
}

const NOT_ACCEPTED_MESSAGE = "staff:payments.errors.notAccepted";
const NO_CANCELLATION_FEE_MESSAGE = "staff:payments.errors.noCancellationFee";

type PayableFacts = { id: string; status: string; cancellationFeeCents: number | null };

/**
 * Why nothing at all can be paid for this engagement (a message key), or null. Work the consultant never accepted
 * has nothing to pay; proposed work they accepted before staff changed its terms is still owed
 * what was done under the accepted terms. Cancelled work is owed its cancellation fee only.
 */
export function nothingToPayReason(tx: Executor, e: PayableFacts) {
  if (e.status === "proposed" && !lastAcceptedRate(tx, e.id)) return NOT_ACCEPTED_MESSAGE;
  if (e.status === "cancelled" && !((e.cancellationFeeCents ?? 0) > 0)) return NO_CANCELLATION_FEE_MESSAGE;
  return null;
}

/**
 * For cancelled work, fees (not reimbursed expenses) stay within the cancellation fee, counting
 * `otherFees` that other payments already take of it. Null when they do; otherwise the message, and
 * with `thenVoid` the one that also says to make the payment void (it was recorded before).
 */
export function cancellationFeeExceeded(e: PayableFacts, feeCents: number, otherFees: number, thenVoid = false) {
  if (e.status !== "cancelled") return null;
  const cap = e.cancellationFeeCents ?? 0;
  if (otherFees + feeCents <= cap) return null;
  const values = { cap, taken: otherFees, max: Math.max(0, cap - otherFees) };
  const key = otherFees > 0 ? "feeOverCancellationTaken" : "feeOverCancellation";
  return { key: `staff:payments.errors.${key}${thenVoid ? "Void" : ""}`, values };
}

/**
 * What is still owed for an engagement: approved time × rate for hourly work, approved days ×
 * rate for daily work, the fee for a flat fee or honorarium (or the cancellation fee), minus fees
 * already recorded. The rate is the one the consultant last accepted. Never below zero.
 */
export function suggestedFeeCents(organizationId: string, engagementId: string) {
  const e = findEngagementForPayment(db, organizationId, engagementId);
  const accepted = lastAcceptedRate(db, engagementId);
  if (e.status === "proposed" && !accepted) return 0;
  const terms: RateTerms = accepted ?? e;
  const worked = approvedHundredths(db, engagementId);
  const earned =
    e.status === "cancelled"
      ? (e.cancellationFeeCents ?? 0)
      : terms.rateKind === "hourly"
        ? feeForHours(terms.rateCents, worked.hundredths)
        : terms.rateKind === "daily"
          ? terms.rateCents * worked.days
          : terms.rateCents;
  return Math.max(0, earned - paidOrPendingFees(db, engagementId));
}

/**
 * A payment recorded before its engagement was cancelled may be more than the cancellation fee:
 * approving or paying it checks again, against what is already approved or paid.
 */
export function assertStillPayable(tx: Executor, p: typeof payments.$inferSelect) {
  const e = tx
    .select({
      id: engagements.id,
      status: engagements.status,
      cancellationFeeCents: engagements.cancellationFeeCents,
    })
    .from(engagements)
    .where(eq(engagements.id, p.engagementId))
    .get()!;
  // Costs paid back are owed whatever became of the work: only a fee is held to the cancellation fee.
  if (e.status !== "cancelled" || p.feeCents === 0) return;
  // Cancelled work is payable only within its cancellation fee.
  if (nothingToPayReason(tx, e)) throw new RuleError(null, "staff:payments.errors.noCancellationFeeVoid");
  const tooMuch = cancellationFeeExceeded(e, p.feeCents, approvedOrPaidFees(tx, e.id, p.id), true);
  if (tooMuch) throw new RuleError(null, tooMuch.key, tooMuch.values);
}
