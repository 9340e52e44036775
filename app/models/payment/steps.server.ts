// The steps that move money, taken by admins: approve a pending payment, mark an approved one paid,
// make one void; and staff recording a consultant's choice to defer or decline. Each step checks the
// actor's permission itself, so no route can forget it, and each is audited.
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { memberships, payments, type PaymentMethod, type Role } from "../../../db/schema";
import { recordAudit } from "../../utils/audit.server";
import { isoDay } from "../../utils/day";
import { db, type Executor } from "../../utils/db.server";
import { FUTURE_PAID_DATE_MESSAGE, UNDECIDED_METHOD_MESSAGE } from "../../utils/payment-schema";
import { NotFoundError, RuleError } from "../errors";
import { assertStillPayable } from "./payable.server";
import { assertMemberCan } from "../membership.server";
import { assertWarningsAccepted, yearlyLimitWarning } from "../capacity/offers.server";
import { organizationToday } from "../settings.server";
import { payYearOf, yearlyPayLimitPassed } from "./yearly-limit.server";

function findPayment(tx: Executor, organizationId: string, paymentId: string) {
  const row = tx
    .select()
    .from(payments)
    .where(and(eq(payments.id, paymentId), eq(payments.organizationId, organizationId)))
    .get();
  if (!row) throw new NotFoundError("common:paymentRules.notFound");
  return row;
}

function auditPayment(
  tx: Executor,
  organizationId: string,
  actorUserId: string,
  action: string,
  id: string,
  fields: string[],
) {
  recordAudit(tx, {
    actorUserId,
    organizationId,
    action,
    subjectType: "payment",
    subjectId: id,
    changedFields: fields,
  });
}

/** Who takes a step: the step checks their role against the permissions list itself. */
export type PaymentActor = { userId: string; role: Role };

export const ONLY_ADMINS_MOVE_MONEY = "staff:payments.errors.onlyAdmins";

export const SELF_APPROVAL_MESSAGE = "staff:payments.errors.selfApproval";

/**
 * Whether an active admin other than this person can approve what they recorded. Two people handle
 * money; an organization whose only admin they are (a small team) has nobody else to ask.
 */
export function anotherAdminCanApprove(executor: Executor, organizationId: string, userId: string) {
  const others =
    executor
      .select({ n: sql<number>`count(*)` })
      .from(memberships)
      .where(
        and(
          eq(memberships.organizationId, organizationId),
          eq(memberships.role, "admin"),
          isNull(memberships.deactivatedAt),
          ne(memberships.userId, userId),
        ),
      )
      .get()?.n ?? 0;
  return others > 0;
}

/**
 * Admins approve a pending payment. Approving twice changes nothing; says whether this call
 * approved it. Two people handle money: whoever recorded a payment does not approve it, unless
 * they are the organization's only admin (a small team), which the audit log then shows.
 */
export function approvePayment(args: {
  organizationId: string;
  actor: PaymentActor;
  paymentId: string;
  /** "Approve anyway": seen that this takes the consultant past the yearly pay limit they set. */
  payAnyway?: boolean;
}) {
  assertMemberCan(args.organizationId, args.actor.userId, "payment:approve", ONLY_ADMINS_MOVE_MONEY);
  return db.transaction((tx) => {
    const p = findPayment(tx, args.organizationId, args.paymentId);
    if (p.status === "approved" || p.status === "paid") return false;
    if (p.status === "void") throw new RuleError(null, "staff:payments.errors.voidNotApproved");
    const selfApproved = p.createdByUserId === args.actor.userId;
    if (selfApproved && anotherAdminCanApprove(tx, args.organizationId, args.actor.userId)) {
      throw new RuleError(null, SELF_APPROVAL_MESSAGE);
    }
    assertStillPayable(tx, p);
    // A payment the consultant deferred or declined is not counted toward their year: nothing to warn of.
    const today = organizationToday(args.organizationId);
    const passed =
      p.consultantChoice === null
        ? yearlyPayLimitPassed(tx, {
            organizationId: args.organizationId,
            consultantId: p.consultantId,
            year: payYearOf(p, today),
            addCents: 0,
            feeCents: p.feeCents,
            today,
          })
        : null;
    const overLimit = assertWarningsAccepted(
      passed ? [yearlyLimitWarning(passed)] : [],
      args.payAnyway ?? false,
      "payAnyway",
    );
    tx.update(payments)
      .set({ status: "approved", approvedByUserId: args.actor.userId, approvedAt: new Date(), updatedAt: new Date() })
      .where(eq(payments.id, p.id))
      .run();
    auditPayment(tx, args.organizationId, args.actor.userId, "payment.approved", p.id, [
      "status",
      ...(selfApproved ? ["selfApproved"] : []),
      ...(overLimit ? ["payAnyway"] : []),
    ]);
    return true;
  });
}

export const DECLINED_NOT_PAID_MESSAGE = "staff:payments.errors.declinedNotPaid";

/**
 * What stops a payment from counting as paid: money is paid by a real method, and on a day that
 * has come (a transfer planned for next week is not paid yet). The form says the same per field.
 */
export function paidPaymentProblem(p: { method: PaymentMethod; paidDate: string }, today: string) {
  if (p.method === "undecided") return new RuleError("method", UNDECIDED_METHOD_MESSAGE);
  if (p.paidDate > today) return new RuleError("paidDate", FUTURE_PAID_DATE_MESSAGE);
  return null;
}

/**
 * Admins mark an approved payment paid, with the date, the method it was paid by (when it differs
 * from the one recorded) and an optional reference. Marking it paid again changes nothing; says
 * whether this call marked it paid (and so whether to tell anyone).
 */
export function markPaymentPaid(args: {
  organizationId: string;
  actor: PaymentActor;
  paymentId: string;
  paidDate: string;
  method?: PaymentMethod;
  reference: string | null;
  today?: string;
}) {
  assertMemberCan(args.organizationId, args.actor.userId, "payment:mark-paid", ONLY_ADMINS_MOVE_MONEY);
  return db.transaction((tx) => {
    const p = findPayment(tx, args.organizationId, args.paymentId);
    if (p.status === "paid") return false;
    if (p.status !== "approved") {
      throw new RuleError(null, "staff:payments.errors.approveFirst");
    }
    if (p.consultantChoice === "declined") throw new RuleError(null, DECLINED_NOT_PAID_MESSAGE);
    const method = args.method ?? p.method;
    const problem = paidPaymentProblem({ method, paidDate: args.paidDate }, args.today ?? isoDay(new Date()));
    if (problem) throw problem;
    assertStillPayable(tx, p);
    tx.update(payments)
      .set({
        status: "paid",
        method,
        paidDate: args.paidDate,
        reference: args.reference,
        paidByUserId: args.actor.userId,
        updatedAt: new Date(),
      })
      .where(eq(payments.id, p.id))
      .run();
    auditPayment(tx, args.organizationId, args.actor.userId, "payment.paid", p.id, [
      "status",
      "paidDate",
      "reference",
      ...(method !== p.method ? ["method"] : []),
    ]);
    return true;
  });
}

export function voidPayment(args: { organizationId: string; actor: PaymentActor; paymentId: string; reason: string }) {
  assertMemberCan(args.organizationId, args.actor.userId, "payment:void", ONLY_ADMINS_MOVE_MONEY);
  db.transaction((tx) => {
    const p = findPayment(tx, args.organizationId, args.paymentId);
    if (p.status === "void") return;
    if (p.status === "paid") throw new RuleError(null, "staff:payments.errors.paidNotVoid");
    tx.update(payments)
      .set({ status: "void", voidReason: args.reason, updatedAt: new Date() })
      .where(eq(payments.id, p.id))
      .run();
    auditPayment(tx, args.organizationId, args.actor.userId, "payment.voided", p.id, ["status", "voidReason"]);
  });
}

/**
 * Records the consultant's choice to defer or decline a payment (because of benefits or any
 * other reason of theirs): a choice, never an error. `null` takes the choice back.
 */
export function recordPaymentChoice(args: {
  organizationId: string;
  actor: PaymentActor;
  paymentId: string;
  choice: "deferred" | "declined" | null;
}) {
  assertMemberCan(args.organizationId, args.actor.userId, "payment:record");
  db.transaction((tx) => {
    const p = findPayment(tx, args.organizationId, args.paymentId);
    if (p.status === "paid" || p.status === "void") {
      throw new RuleError(null, "staff:payments.errors.alreadySettled");
    }
    // A choice to wait or say no replaces an earlier "I need it now" (as in consultant-choice.server.ts).
    const clearsNeededNow = args.choice !== null && p.neededNowAt !== null;
    tx.update(payments)
      .set({ consultantChoice: args.choice, ...(clearsNeededNow ? { neededNowAt: null } : {}), updatedAt: new Date() })
      .where(eq(payments.id, p.id))
      .run();
    auditPayment(tx, args.organizationId, args.actor.userId, "payment.choice_recorded", p.id, [
      "consultantChoice",
      ...(clearsNeededNow ? ["neededNowAt"] : []),
    ]);
  });
}
