// The period and program a dashboard or report is about. Shared by server and browser.
import { isIsoDay } from "./day";
import { differenceInCalendarDays, eachQuarterOfInterval, format, parseISO, subYears } from "date-fns";
import type { TFunction } from "i18next";
import { z } from "zod";

export type Period = { from: string; to: string; programId?: string };

export type PeriodFieldErrors = { from?: string; to?: string; program?: string };

// Ten years is more than any board or funder report covers, and keeps every query bounded.
export const MAX_PERIOD_DAYS = 3660;

const isoDay = (message: string) => z.string().trim().refine(isIsoDay, message);

const PeriodQuery = z
  .object({
    from: isoDay("staff:charts.period.errors.from").optional(),
    to: isoDay("staff:charts.period.errors.to").optional(),
    program: z.string().trim().max(64).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to)
      ctx.addIssue({ code: "custom", path: ["to"], message: "staff:charts.period.errors.endBeforeStart" });
    else if (v.from && v.to && differenceInCalendarDays(parseISO(v.to), parseISO(v.from)) > MAX_PERIOD_DAYS)
      ctx.addIssue({ code: "custom", path: ["to"], message: "staff:charts.period.errors.tooLong" });
  });

/** From 1 January of today's year to today: "this year so far". */
export function yearToDate(today: string): Period {
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

/** The same dates one year earlier, for "this year vs last year". */
export function yearBefore(period: Period): Period {
  const shift = (day: string) => format(subYears(parseISO(day), 1), "yyyy-MM-dd");
  return { ...period, from: shift(period.from), to: shift(period.to) };
}

/**
 * Reads ?from=&to=&program= from an address. A value that does not make sense is reported next to
 * its field, echoed back as typed, and the default period is used instead, so the page still works.
 * The program id is only a candidate here: the model checks it belongs to the organization.
 */
export function parsePeriodQuery(searchParams: URLSearchParams, today: string) {
  const raw = {
    from: searchParams.get("from") ?? "",
    to: searchParams.get("to") ?? "",
    program: searchParams.get("program") ?? "",
  };
  const present = Object.fromEntries(Object.entries(raw).filter(([, v]) => v.trim() !== ""));
  const parsed = PeriodQuery.safeParse(present);
  const fallback = yearToDate(today);
  if (!parsed.success) {
    const errors: PeriodFieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === "from" || field === "to") && !errors[field]) errors[field] = issue.message;
    }
    return { period: { ...fallback, programId: undefined } as Period, typed: raw, errors };
  }
  const { from, to, program } = parsed.data;
  // One date alone means the rest of that date's year (or, for this year, up to today).
  const period: Period = {
    from: from ?? (to ? `${to.slice(0, 4)}-01-01` : fallback.from),
    to: to ?? (from && from.slice(0, 4) !== today.slice(0, 4) ? `${from.slice(0, 4)}-12-31` : fallback.to),
    programId: program,
  };
  if (period.from > period.to) period.to = `${period.from.slice(0, 4)}-12-31`;
  // The form shows the period in use, so the dates are never a mystery.
  return {
    period,
    typed: { from: period.from, to: period.to, program: raw.program },
    errors: {} as PeriodFieldErrors,
  };
}

/**
 * A quarter ("2026-Q1", the value kept and sent in addresses) in the reader's words: "2026-Q1" in
 * English, "T1 2026" in Spanish.
 */
export function quarterWords(quarter: string, t: TFunction<"common">) {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  return match ? t("period.quarter", { year: match[1], quarter: match[2] }) : quarter;
}

/** The quarters ("2026-Q1") a period touches, in order. */
export function quartersOf(period: Period): string[] {
  return eachQuarterOfInterval({ start: parseISO(period.from), end: parseISO(period.to) }).map((d) =>
    format(d, "yyyy-'Q'Q"),
  );
}
