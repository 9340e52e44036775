// The one write of a check-in, kept apart so the consultant's own profile (which counts as a
// check-in when they save it) can use it without the rest of the check-in rules.
import { and, eq } from "drizzle-orm";
import { consultants } from "../../../db/schema";
import { recordAudit } from "../../utils/audit.server";
import type { Executor } from "../../utils/db.server";

/**
 * Inside the transaction of a change the consultant made to their own details (or their "still
 * right"): today's date becomes their last check-in. Changes no other column, so an open form stays
 * valid.
 */
export function recordCheckIn(
  tx: Executor,
  args: { organizationId: string; consultantId: string; userId: string; today: string },
) {
  tx.update(consultants)
    .set({ lastCheckInOn: args.today })
    .where(and(eq(consultants.id, args.consultantId), eq(consultants.organizationId, args.organizationId)))
    .run();
  recordAudit(tx, {
    actorUserId: args.userId,
    organizationId: args.organizationId,
    action: "consultant.checked_in",
    subjectType: "consultant",
    subjectId: args.consultantId,
    changedFields: ["lastCheckInOn"],
  });
}
