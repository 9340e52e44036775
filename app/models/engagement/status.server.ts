// An engagement's status as staff move it on: which status may follow which, completion giving its
// payments their due date, and cancellation with its reason and fee.
import { eq } from "drizzle-orm";
import { ENGAGEMENT_STATUSES, payments, engagements } from "../../../db/schema";
import { recordAudit } from "../../utils/audit.server";
import { db, type Executor } from "../../utils/db.server";
import { MAX_PAYMENT_CENTS } from "../../utils/money";
import { RuleError } from "../errors";
import { dueDateFor } from "../payment/due.server";
import { findEngagement } from "./shared.server";

type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];

// Which status may follow which, for staff. "Agreed" comes only from the consultant's acceptance.
const STAFF_TRANSITIONS: Record<EngagementStatus, EngagementStatus[]> = {
  proposed: ["cancelled"],
  agreed: ["in_progress", "completed", "cancelled"],
  in_progress: ["completed", "cancelled"],
  completed: [],
  cancelled: [],
};

export function nextStatusesForStaff(status: EngagementStatus) {
  return STAFF_TRANSITIONS[status];
}

export function changeEngagementStatus(args: {
  organizationId: string;
  engagementId: string;
  actorUserId: string;
  status: EngagementStatus;
  cancellationReason?: string | null;
  cancellationFeeCents?: number | null;
}): { changed: boolean } {
  return db.transaction((tx) => {
    const before = findEngagement(tx, args.organizationId, args.engagementId);
    if (before.status === args.status) return { changed: false }; // A repeated click changes nothing.
    if (!STAFF_TRANSITIONS[before.status].includes(args.status)) {
      throw new RuleError("status", "staff:engagements.errors.statusNotPossible");
    }
    if (args.status === "cancelled" && !args.cancellationReason) {
      throw new RuleError("cancellationReason", "staff:engagements.errors.cancellationReason");
    }
    // The fee caps what can be paid for cancelled work, so it is held to the payment limit.
    const fee = args.cancellationFeeCents;
    if (
      args.status === "cancelled" &&
      fee != null &&
      (!Number.isSafeInteger(fee) || fee < 0 || fee > MAX_PAYMENT_CENTS)
    ) {
      throw new RuleError("cancellationFee", "staff:engagements.errors.cancellationFee", { max: MAX_PAYMENT_CENTS });
    }
    const now = new Date();
    if (args.status === "completed")
      givePaymentsTheirDueDate(tx, before.id, dueDateFor({ completedAt: now, paymentDueDays: before.paymentDueDays })!);
    tx.update(engagements)
      .set({
        status: args.status,
        updatedAt: now,
        ...(args.status === "completed" ? { completedAt: now } : {}),
        ...(args.status === "cancelled"
          ? { cancellationReason: args.cancellationReason, cancellationFeeCents: args.cancellationFeeCents ?? null }
          : {}),
      })
      .where(eq(engagements.id, before.id))
      .run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "engagement.status_changed",
      subjectType: "engagement",
      subjectId: before.id,
      changedFields: ["status", ...(args.status === "cancelled" ? ["cancellationReason", "cancellationFeeCents"] : [])],
    });
    return { changed: true };
  });
}

/**
 * Payments recorded before the work was completed have no due date yet; completion gives every
 * payment of the engagement the engagement's due date, so open ones can fall overdue like any
 * other and one paid in advance counts as paid on time.
 */
function givePaymentsTheirDueDate(tx: Executor, engagementId: string, dueDate: string) {
  tx.update(payments).set({ dueDate, updatedAt: new Date() }).where(eq(payments.engagementId, engagementId)).run();
}
