// Recording a payment owed: what the form shows (the suggested fee, the due date that follows from
// the terms) and the pending payment it creates. Approving and paying it are the admins' steps.
import { and, eq } from "drizzle-orm";
import { PAYMENT_METHODS, payments, type PaymentMethod } from "../../../db/schema";
import { recordAudit } from "../../utils/audit.server";
import { db, type Executor } from "../../utils/db.server";
import { RuleError } from "../errors";
import { dueDateFor } from "./due.server";
import {
  cancellationFeeExceeded,
  findEngagementForPayment,
  nothingToPayReason,
  paidOrPendingFees,
  suggestedFeeCents,
} from "./payable.server";
import { assertMemberCan } from "../membership.server";
import { assertWarningsAccepted, yearlyLimitWarning } from "../capacity/offers.server";
import { organizationToday } from "../settings.server";
import { payYearOf, yearlyPayLimitPassed } from "./yearly-limit.server";

export function paymentFormFacts(organizationId: string, engagementId: string) {
  const e = findEngagementForPayment(db, organizationId, engagementId);
  return {
    nothingToPayReason: nothingToPayReason(db, e),
    engagementId: e.id,
    title: e.title,
    consultantName: e.consultantName,
    status: e.status,
    suggestedFeeCents: suggestedFeeCents(organizationId, engagementId),
    defaultMethod: e.preferredMethod,
    // Shown, not asked: it follows from the terms and the completion date.
    dueDate: dueDateFor(e),
    paymentDueDays: e.paymentDueDays,
  };
}

/**
 * Staff record a payment as pending; the same form sent twice records one. Its due date is the
 * engagement's (dueDateFor), however late the payment is recorded.
 */
export function createPayment(args: {
  organizationId: string;
  actorUserId: string;
  engagementId: string;
  feeCents: number;
  expensesCents: number;
  method?: PaymentMethod | null;
  creationKey: string;
  /** "Record anyway": seen that this takes the consultant past the yearly pay limit they set. */
  payAnyway?: boolean;
}) {
  assertMemberCan(args.organizationId, args.actorUserId, "payment:record");
  return db.transaction((tx) => {
    const existing = paymentMadeBy(tx, args.organizationId, args.creationKey);
    if (existing) return existing.id;
    const e = findEngagementForPayment(tx, args.organizationId, args.engagementId);
    const nothingToPay = nothingToPayReason(tx, e);
    if (nothingToPay) throw new RuleError(null, nothingToPay);
    const tooMuch = cancellationFeeExceeded(e, args.feeCents, paidOrPendingFees(tx, e.id));
    if (tooMuch) throw new RuleError("fee", tooMuch.key, tooMuch.values);
    if (args.feeCents + args.expensesCents <= 0) {
      throw new RuleError("fee", "staff:payments.errors.nothingEntered");
    }
    const today = organizationToday(args.organizationId);
    const passed = yearlyPayLimitPassed(tx, {
      organizationId: args.organizationId,
      consultantId: e.consultantId,
      year: payYearOf({ paidDate: null }, today),
      addCents: args.feeCents,
      feeCents: args.feeCents,
      today,
    });
    const overLimit = assertWarningsAccepted(
      passed ? [yearlyLimitWarning(passed)] : [],
      args.payAnyway ?? false,
      "payAnyway",
    );
    const created = insertPendingPayment(tx, e, {
      ...args,
      method: args.method ?? undefined,
      changedFields: ["feeCents", "expensesCents", "method", "dueDate", ...(overLimit ? ["payAnyway"] : [])],
    });
    return created.id;
  });
}

/**
 * A cost the consultant paid so they could do the work (a fare, childcare), to be paid back: a pending
 * payment whose whole amount is reimbursed expenses and whose fee is nothing. The one place a cost
 * becomes money owed, so a cost is never pay: not income, not in the tax-year fees, not within a
 * cancelled engagement's cancellation fee. Owed whatever became of the work, as money spent is spent.
 * Runs in the caller's transaction; the same creation key twice returns the first payment.
 */
export function recordReimbursement(
  tx: Executor,
  args: { organizationId: string; actorUserId: string; engagementId: string; costCents: number; creationKey: string },
): { id: string; created: boolean } {
  assertMemberCan(args.organizationId, args.actorUserId, "payment:record");
  const existing = paymentMadeBy(tx, args.organizationId, args.creationKey);
  if (existing) return { id: existing.id, created: false };
  if (!(args.costCents > 0)) throw new RuleError("amount", "staff:payments.errors.nothingEntered");
  const e = findEngagementForPayment(tx, args.organizationId, args.engagementId);
  const created = insertPendingPayment(tx, e, {
    ...args,
    feeCents: 0,
    expensesCents: args.costCents,
    changedFields: ["expensesCents", "method", "dueDate"],
  });
  return { id: created.id, created: true };
}

/** The payment an earlier sending of the same form made, if any: a form sent twice records one. */
function paymentMadeBy(tx: Executor, organizationId: string, creationKey: string) {
  return tx
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.organizationId, organizationId), eq(payments.creationKey, creationKey)))
    .get();
}

/**
 * A pending payment for the engagement's consultant, due when the terms say, paid the way they prefer
 * unless staff chose, and its audit entry.
 */
function insertPendingPayment(
  tx: Executor,
  e: ReturnType<typeof findEngagementForPayment>,
  args: {
    organizationId: string;
    actorUserId: string;
    feeCents: number;
    expensesCents: number;
    method?: PaymentMethod;
    creationKey: string;
    changedFields: string[];
  },
) {
  const created = tx
    .insert(payments)
    .values({
      organizationId: args.organizationId,
      engagementId: e.id,
      consultantId: e.consultantId,
      feeCents: args.feeCents,
      expensesCents: args.expensesCents,
      method: args.method ?? (PAYMENT_METHODS.includes(e.preferredMethod) ? e.preferredMethod : "undecided"),
      dueDate: dueDateFor(e),
      creationKey: args.creationKey,
      createdByUserId: args.actorUserId,
    })
    .returning({ id: payments.id })
    .get();
  recordAudit(tx, {
    actorUserId: args.actorUserId,
    organizationId: args.organizationId,
    action: "payment.created",
    subjectType: "payment",
    subjectId: created.id,
    changedFields: args.changedFields,
  });
  return created;
}
