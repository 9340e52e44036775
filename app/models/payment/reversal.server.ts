// Taking back a "paid" recorded by mistake, and a payment's history. Money marked paid that was not
// sent must be correctable, but never silently: only an admin may, with a reason, and the payment's
// page keeps showing what was undone.
import { and, asc, eq, sql } from "drizzle-orm";
import { auditEvents, paymentReversals, payments, users } from "../../../db/schema";
import { recordAudit } from "../../utils/audit.server";
import { db } from "../../utils/db.server";
import { NotFoundError, RuleError } from "../errors";
import { ONLY_ADMINS_MOVE_MONEY, type PaymentActor } from "./steps.server";
import { assertMemberCan } from "../membership.server";

export const NOT_PAID_MESSAGE = "staff:payments.errors.notMarkedPaid";

/**
 * An admin marks a paid payment as not paid, saying why: it is approved and waiting to be paid
 * again, and a reversal row keeps the date it had been marked paid, by whom, and the reason.
 * Returns the consultant's id, to tell them their pay changed.
 */
export function reversePaidPayment(args: {
  organizationId: string;
  actor: PaymentActor;
  paymentId: string;
  reason: string;
}) {
  assertMemberCan(args.organizationId, args.actor.userId, "payment:reverse", ONLY_ADMINS_MOVE_MONEY);
  return db.transaction((tx) => {
    const p = tx
      .select({
        id: payments.id,
        status: payments.status,
        paidDate: payments.paidDate,
        paidByUserId: payments.paidByUserId,
        consultantId: payments.consultantId,
      })
      .from(payments)
      .where(and(eq(payments.id, args.paymentId), eq(payments.organizationId, args.organizationId)))
      .get();
    if (!p) throw new NotFoundError("common:paymentRules.notFound");
    if (p.status !== "paid" || !p.paidDate) throw new RuleError(null, NOT_PAID_MESSAGE);
    tx.insert(paymentReversals)
      .values({
        organizationId: args.organizationId,
        paymentId: p.id,
        formerPaidDate: p.paidDate,
        formerPaidByUserId: p.paidByUserId,
        reason: args.reason,
        reversedByUserId: args.actor.userId,
      })
      .run();
    tx.update(payments)
      .set({ status: "approved", paidDate: null, reference: null, paidByUserId: null, updatedAt: new Date() })
      .where(eq(payments.id, p.id))
      .run();
    recordAudit(tx, {
      actorUserId: args.actor.userId,
      organizationId: args.organizationId,
      action: "payment.paid_reversed",
      subjectType: "payment",
      subjectId: p.id,
      changedFields: ["status", "paidDate", "reference", "reversalReason"],
    });
    return { consultantId: p.consultantId };
  });
}

/**
 * Everything that happened to one payment, oldest first, from the audit log: what, when and by
 * whom. A taken-back "paid" also shows the date it had and the reason given. The caller has
 * already found the payment in the organization.
 */
export function paymentHistory(organizationId: string, paymentId: string) {
  const events = db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      action: auditEvents.action,
      actorName: users.preferredName,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        eq(auditEvents.organizationId, organizationId),
        eq(auditEvents.subjectType, "payment"),
        eq(auditEvents.subjectId, paymentId),
      ),
    )
    .orderBy(asc(auditEvents.occurredAt), asc(sql`${auditEvents}.rowid`))
    .all();
  const reversals = db
    .select({ formerPaidDate: paymentReversals.formerPaidDate, reason: paymentReversals.reason })
    .from(paymentReversals)
    .where(and(eq(paymentReversals.organizationId, organizationId), eq(paymentReversals.paymentId, paymentId)))
    .orderBy(asc(paymentReversals.createdAt), asc(sql`${paymentReversals}.rowid`))
    .all();
  // Each reversal and its audit event are written in one transaction, so the n-th of each match.
  let next = 0;
  return events.map((e) =>
    e.action === "payment.paid_reversed" ? { ...e, reversal: reversals[next++] ?? null } : { ...e, reversal: null },
  );
}
