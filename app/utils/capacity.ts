// The calendar arithmetic of a consultant's availability, shared by the server and the pages that
// show it: whether a pause is still on, which days a piece of work takes, and how its estimated hours
// fall over the months. Days are "YYYY-MM-DD" calendar days, hours integer hundredths (ADR 004).
import type { AvailabilityState } from "../../db/schema";
import { addDaysToIsoDay } from "./day";

export type AvailabilityFacts = {
  availabilityState: AvailabilityState;
  monthlyLimitHundredths: number | null;
  pausedFrom: string | null;
  pausedUntil: string | null;
};

export type EffectiveAvailability =
  | { state: "open" }
  | { state: "limited"; monthlyLimitHundredths: number }
  | { state: "paused"; pausedFrom: string; pausedUntil: string };

/**
 * What a consultant's availability means on `today`: a pause whose last day has passed reads as
 * open again, without anyone having to write it back.
 */
export function effectiveAvailability(facts: AvailabilityFacts, today: string): EffectiveAvailability {
  if (facts.availabilityState === "paused" && facts.pausedUntil && facts.pausedUntil >= today) {
    return { state: "paused", pausedFrom: facts.pausedFrom ?? today, pausedUntil: facts.pausedUntil };
  }
  if (facts.availabilityState === "limited" && facts.monthlyLimitHundredths !== null) {
    return { state: "limited", monthlyLimitHundredths: facts.monthlyLimitHundredths };
  }
  return { state: "open" };
}

/**
 * The first and last day a piece of work takes: its dates, the one date it has for both, or today
 * for work with no dates yet (it is being offered now).
 */
export function workDays(work: { startDate: string | null; endDate: string | null }, today: string) {
  const first = work.startDate ?? work.endDate ?? today;
  const last = work.endDate ?? work.startDate ?? today;
  return { first, last: last < first ? first : last };
}

/** Whether two runs of days, each with its first and last day, share at least one day. */
export function daysOverlap(a: { first: string; last: string }, b: { first: string; last: string }) {
  return a.first <= b.last && b.first <= a.last;
}

/** "2026-03" for any day of March 2026. */
export const monthOf = (day: string) => day.slice(0, 7);

/** The first and last day of a month ("2026-02" → 2026-02-01 and 2026-02-28). */
export function monthBounds(month: string) {
  const first = `${month}-01`;
  const [year, m] = month.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, "0")}-01`;
  return { first, last: addDaysToIsoDay(next, -1) };
}

const daysBetween = (first: string, last: string) =>
  Math.round((Date.parse(last) - Date.parse(first)) / 86_400_000) + 1;

/**
 * Hours spread evenly over the days from `first` to `last`, summed per month. Each month gets its
 * share rounded down; the last month takes what rounding left, so the shares add up to the total.
 */
export function hoursByMonth(totalHundredths: number, days: { first: string; last: string }) {
  const byMonth = new Map<string, number>();
  const total = daysBetween(days.first, days.last);
  let given = 0;
  let month = monthOf(days.first);
  for (;;) {
    const bounds = monthBounds(month);
    const from = bounds.first < days.first ? days.first : bounds.first;
    const to = bounds.last > days.last ? days.last : bounds.last;
    const isLast = to === days.last;
    const share = isLast ? totalHundredths - given : Math.floor((totalHundredths * daysBetween(from, to)) / total);
    byMonth.set(month, share);
    given += share;
    if (isLast) return byMonth;
    month = monthOf(addDaysToIsoDay(bounds.last, 1));
  }
}
