// Whether a payment is one the consultant told us they need now. Kept apart from the rest of the payment model
// so the payments list, the dashboard and the consultant's requests all ask the same question.
import { and, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { payments } from "../../../db/schema";

/**
 * Needed now: the consultant asked for it, it is still to be paid, and they have not since chosen
 * to wait for it or to give it up.
 */
export function isPaymentNeededNow(p: { status: string; neededNowAt: Date | null; consultantChoice: string | null }) {
  return p.neededNowAt !== null && (p.status === "pending" || p.status === "approved") && !p.consultantChoice;
}

/** The same rule as a condition on the payments table. */
export const paymentNeededNowCondition = () =>
  and(
    isNotNull(payments.neededNowAt),
    inArray(payments.status, ["pending", "approved"]),
    isNull(payments.consultantChoice),
  );

/** For an ORDER BY: payments needed now before the others. */
export const neededNowFirst = () => sql`(case when ${paymentNeededNowCondition()} then 0 else 1 end)`;
