// Offering work against what the consultant said they can take on: a pause, a monthly limit of
// hours, a yearly limit on pay. Staff are warned before the offer is saved and may offer anyway:
// the consultant's word is shown, never enforced (they can still say no to the terms themselves).
import { and, eq, gte, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import { consultants, engagements, payments, RATE_KINDS, timeEntries } from "../../../db/schema";
import type { MessageValues } from "~/i18n/message";
import { daysOverlap, effectiveAvailability, hoursByMonth, monthBounds, monthOf, workDays } from "../../utils/capacity";
import { addDaysToIsoDay } from "../../utils/day";
import type { Executor } from "../../utils/db.server";
import { estimatedTotalCents, estimatedWorkHundredths } from "../../utils/money";
import { RuleError } from "../errors";
import { yearlyPayLimitPassed } from "../payment/yearly-limit.server";
import { countsAsApproved } from "../time/reads.server";

/** What an offer of work says about when and how much: the engagement's terms as typed. */
export type OfferTerms = {
  rateKind: (typeof RATE_KINDS)[number];
  rateCents: number;
  estimatedHundredths: number | null;
  estimatedDays: number | null;
  startDate: string | null;
  endDate: string | null;
};

export type Offer = {
  consultantId: string;
  /** The engagement being changed; none for new work. */
  engagementId?: string;
  terms: OfferTerms;
};

export type CapacityWarning = { key: string; values: MessageValues };

/** The engagement fields an offer's warnings depend on: a change to any other asks nothing again. */
export const OFFER_FIELDS = [
  "consultantId",
  "startDate",
  "endDate",
  "estimatedHundredths",
  "estimatedDays",
  "rateKind",
  "rateCents",
] as const;

// Work still to be done counts with its estimate; done or cancelled work only with the time logged.
const PLANNED_STATUSES = new Set(["proposed", "agreed", "in_progress"]);

/**
 * The hours a consultant has in a calendar month ("2026-03"): for each piece of their work that is
 * not cancelled, the larger of the time logged in the month and, while the work is still to be
 * done, the share of its estimate that falls in the month (spread evenly over its days; work with
 * no dates counts in the month of `today`). Logged time is what counts as approved plus new time
 * waiting for approval. With `offer`, the offered work counts as typed, in place of what the
 * engagement said before. This is the one rule the monthly limit is checked against.
 */
export function consultantHoursInMonth(
  tx: Executor,
  args: { organizationId: string; consultantId: string; month: string; today: string; offer?: Offer },
) {
  const work = tx
    .select({
      id: engagements.id,
      status: engagements.status,
      rateKind: engagements.rateKind,
      rateCents: engagements.rateCents,
      estimatedHundredths: engagements.estimatedHundredths,
      estimatedDays: engagements.estimatedDays,
      startDate: engagements.startDate,
      endDate: engagements.endDate,
    })
    .from(engagements)
    .where(
      and(
        eq(engagements.organizationId, args.organizationId),
        eq(engagements.consultantId, args.consultantId),
        ne(engagements.status, "cancelled"),
      ),
    )
    .all();
  const offered = args.offer;
  const pieces = offered
    ? [
        ...work.filter((w) => w.id !== offered.engagementId),
        {
          ...offered.terms,
          id: offered.engagementId ?? "offered",
          status: work.find((w) => w.id === offered.engagementId)?.status ?? ("proposed" as const),
        },
      ]
    : work;
  const { first, last } = monthBounds(args.month);
  const ids = pieces.map((p) => p.id);
  const logged = new Map(
    ids.length
      ? tx
          .select({
            engagementId: timeEntries.engagementId,
            hundredths: sql<number>`coalesce(sum(${timeEntries.hundredths}), 0)`,
          })
          .from(timeEntries)
          .where(
            and(
              eq(timeEntries.organizationId, args.organizationId),
              inArray(timeEntries.engagementId, ids),
              gte(timeEntries.workDate, first),
              lte(timeEntries.workDate, last),
              // A correction waiting for approval does not add to the entry it would replace.
              or(countsAsApproved, and(eq(timeEntries.status, "submitted"), isNull(timeEntries.correctsEntryId))),
            ),
          )
          .groupBy(timeEntries.engagementId)
          .all()
          .map((r) => [r.engagementId, r.hundredths])
      : [],
  );
  let total = 0;
  for (const piece of pieces) {
    const estimate = PLANNED_STATUSES.has(piece.status) ? estimatedWorkHundredths(piece) : null;
    const planned = estimate ? (hoursByMonth(estimate, workDays(piece, args.today)).get(args.month) ?? 0) : 0;
    total += Math.max(planned, logged.get(piece.id) ?? 0);
  }
  return total;
}

/** The months a run of days touches, in order. */
function monthsOf(days: { first: string; last: string }) {
  const months: string[] = [];
  for (let month = monthOf(days.first); month <= monthOf(days.last);) {
    months.push(month);
    month = monthOf(addDaysToIsoDay(monthBounds(month).last, 1));
  }
  return months;
}

/**
 * What staff should know before an offer is saved: the work falls in the consultant's pause (its
 * first and last day count), takes a month past the hours they asked for (exactly at the limit is
 * within it), or its estimated fee takes their year past the pay limit they set. Empty when none.
 */
export function offerCapacityWarnings(
  tx: Executor,
  args: { organizationId: string; offer: Offer; today: string },
): CapacityWarning[] {
  const { offer, today } = args;
  const facts = tx
    .select({
      availabilityState: consultants.availabilityState,
      monthlyLimitHundredths: consultants.monthlyLimitHundredths,
      pausedFrom: consultants.pausedFrom,
      pausedUntil: consultants.pausedUntil,
    })
    .from(consultants)
    .where(and(eq(consultants.id, offer.consultantId), eq(consultants.organizationId, args.organizationId)))
    .get();
  if (!facts) return [];
  const warnings: CapacityWarning[] = [];
  const days = workDays(offer.terms, today);
  const availability = effectiveAvailability(facts, today);
  if (availability.state === "paused") {
    const pause = { first: availability.pausedFrom, last: availability.pausedUntil };
    if (daysOverlap(days, pause)) {
      warnings.push({ key: "staff:capacity.warnings.paused", values: { from: pause.first, until: pause.last } });
    }
  }
  if (availability.state === "limited") {
    for (const month of monthsOf(days)) {
      const total = consultantHoursInMonth(tx, { ...args, consultantId: offer.consultantId, month, offer });
      if (total > availability.monthlyLimitHundredths) {
        const bounds = monthBounds(month);
        warnings.push({
          key: "staff:capacity.warnings.monthly",
          values: { limit: availability.monthlyLimitHundredths, total, from: bounds.first, to: bounds.last },
        });
        // The first month over the limit is enough to decide; the others would repeat it.
        break;
      }
    }
  }
  const fee = estimatedTotalCents(offer.terms);
  if (fee) {
    // Fees already recorded on this work are counted in the year already.
    const recorded = offer.engagementId
      ? (tx
          .select({ cents: sql<number>`coalesce(sum(${payments.feeCents}), 0)` })
          .from(payments)
          .where(and(eq(payments.engagementId, offer.engagementId), ne(payments.status, "void")))
          .get()?.cents ?? 0)
      : 0;
    const passed = yearlyPayLimitPassed(tx, {
      organizationId: args.organizationId,
      consultantId: offer.consultantId,
      // Paid once the work is done: in the year of its last day, or this year if that has passed.
      year: Number((days.last > today ? days.last : today).slice(0, 4)),
      addCents: Math.max(0, fee - recorded),
      feeCents: Math.max(0, fee - recorded),
      today,
    });
    if (passed) warnings.push(yearlyLimitWarning(passed));
  }
  return warnings;
}

export function yearlyLimitWarning(passed: { year: number; limitCents: number; totalCents: number }) {
  return {
    key: "staff:capacity.warnings.yearly",
    values: { year: passed.year, limit: passed.limitCents, total: passed.totalCents },
  };
}

/**
 * Refuses, next to the form's "Offer anyway", an offer that goes past what the consultant said they
 * can take on, until staff have seen the warnings and chosen to offer anyway. Says whether they did.
 */
export function assertWithinCapacityOrAccepted(
  tx: Executor,
  args: { organizationId: string; offer: Offer; today: string; accepted: boolean; field?: string },
): boolean {
  const warnings = offerCapacityWarnings(tx, args);
  return assertWarningsAccepted(warnings, args.accepted, args.field ?? "offerAnyway");
}

/** The warnings refused as one rule on `field`, each its own message, unless they were accepted. */
export function assertWarningsAccepted(warnings: CapacityWarning[], accepted: boolean, field: string) {
  if (warnings.length === 0) return false;
  if (accepted) return true;
  const [first, ...rest] = warnings;
  const error = new RuleError(field, first!.key, first!.values);
  error.also = rest.map((w) => ({ field, text: new RuleError(field, w.key, w.values).text }));
  throw error;
}
