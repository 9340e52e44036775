// A consultant's yearly pay limit: the most they want to be paid in fees in a calendar year (some
// receive benefits that a higher income would end). Staff are warned, never stopped, before an offer
// or a payment would pass it; the product gives no advice about benefits.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { consultants, payments } from "../../../db/schema";
import type { Executor } from "../../utils/db.server";
import { paidInYear } from "./own-pay.server";

/**
 * The calendar year a fee counts toward: the year it was paid; for one not paid yet, this year (the
 * organization's), since it may be paid any day: a limit is there to be warned of in time.
 */
export function payYearOf(p: { paidDate: string | null }, today: string) {
  return Number((p.paidDate ?? today).slice(0, 4));
}

/**
 * Fees counted toward a consultant's yearly limit in `year`: those paid in that year, and those
 * recorded and not paid yet that would be paid in it. A payment the consultant deferred or
 * declined is left out: they chose to wait, or not to take it.
 */
export function feesCountedTowardYear(
  tx: Executor,
  args: { organizationId: string; consultantId: string; year: number; today: string },
) {
  const paidCents = paidInYear(args.organizationId, args.consultantId, args.year, tx).feesCents;
  const waitingCents = tx
    .select({ feeCents: payments.feeCents, paidDate: payments.paidDate })
    .from(payments)
    .where(
      and(
        eq(payments.organizationId, args.organizationId),
        eq(payments.consultantId, args.consultantId),
        inArray(payments.status, ["pending", "approved"]),
        isNull(payments.consultantChoice),
      ),
    )
    .all()
    .filter((p) => payYearOf(p, args.today) === args.year)
    .reduce((sum, p) => sum + p.feeCents, 0);
  return { paidCents, waitingCents };
}

export type YearlyLimitPassed = { year: number; limitCents: number; totalCents: number };

/**
 * Whether `addCents` more in fees in `year` would take the consultant past the yearly limit they
 * set: null when they set none or the total stays within it (exactly at the limit is within it).
 * Pass 0 for a payment already recorded: it is counted already. `feeCents` is the fee of the offer or
 * payment in hand: one that carries none (costs paid back, say) cannot take anyone past a limit on
 * pay, so it is never warned of, however far past it the year already is.
 */
export function yearlyPayLimitPassed(
  tx: Executor,
  args: {
    organizationId: string;
    consultantId: string;
    year: number;
    addCents: number;
    feeCents: number;
    today: string;
  },
): YearlyLimitPassed | null {
  if (args.feeCents <= 0) return null;
  const limitCents = tx
    .select({ cents: consultants.yearlyPayLimitCents })
    .from(consultants)
    .where(and(eq(consultants.id, args.consultantId), eq(consultants.organizationId, args.organizationId)))
    .get()?.cents;
  if (limitCents === null || limitCents === undefined) return null;
  const counted = feesCountedTowardYear(tx, args);
  const totalCents = counted.paidCents + counted.waitingCents + args.addCents;
  return totalCents > limitCents ? { year: args.year, limitCents, totalCents } : null;
}
