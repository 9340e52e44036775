// Money and hours without floating point (ADR 004): amounts are integer cents, hours are integer
// hundredths of an hour. Parsing works on the typed text; arithmetic is integer arithmetic.
import { DEFAULT_LANGUAGE, intlLocale, type Language } from "~/i18n/config";

/** No single payment, and no cancellation fee, above this: almost certainly an extra zero. */
export const MAX_PAYMENT_CENTS = 10_000_000;

/** The longest amount or number of hours a form takes ("$100,000.00" is 11 characters). */
export const MAX_AMOUNT_LENGTH = 20;

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(kind: "money" | "hours", language: Language) {
  const key = `${kind} ${language}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(
      intlLocale(language),
      kind === "money"
        ? { style: "currency", currency: "USD" }
        : { style: "unit", unit: "hour", unitDisplay: "long", maximumFractionDigits: 2 },
    );
    numberFormats.set(key, format);
  }
  return format;
}

/** "$1,250.50": dollars as the reader writes them (Spanish in the US writes them the same way). */
export function formatCents(cents: number, language: Language = DEFAULT_LANGUAGE) {
  return numberFormat("money", language).format(cents / 100);
}

/** "1.5 hours", "1 hora": the unit's word and its plural come from `Intl`, in the reader's language. */
export function formatHours(hundredths: number, language: Language = DEFAULT_LANGUAGE) {
  return numberFormat("hours", language).format(hundredths / 100);
}

// "1250", "1,250.5", "$1,250.50" — never more than two decimals, never negative.
const MONEY = /^\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;
// "1", "1.5", "0.25", ".5"
const HOURS = /^(\d*)(?:\.(\d{1,2}))?$/;

/** Dollars typed by a person, as cents; null when it is not a plain amount with at most two decimals. */
export function parseMoneyToCents(text: string): number | null {
  const match = MONEY.exec(text.trim());
  if (!match) return null;
  const dollars = Number(match[1]!.replaceAll(",", ""));
  const cents = Number((match[2] ?? "").padEnd(2, "0"));
  const total = dollars * 100 + cents;
  return Number.isSafeInteger(total) ? total : null;
}

/** Hours typed by a person, as hundredths of an hour; null when not a plain number with at most two decimals. */
export function parseHoursToHundredths(text: string): number | null {
  const match = HOURS.exec(text.trim());
  if (!match || (match[1] === "" && match[2] === undefined)) return null;
  const whole = Number(match[1] || "0");
  const fraction = Number((match[2] ?? "").padEnd(2, "0"));
  const total = whole * 100 + fraction;
  return Number.isSafeInteger(total) ? total : null;
}

/** Cents as the text a form shows, e.g. 125050 → "1250.50". */
export function centsToInput(cents: number) {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}

export function hundredthsToInput(hundredths: number) {
  const fraction = hundredths % 100;
  return fraction === 0
    ? String(hundredths / 100)
    : `${Math.floor(hundredths / 100)}.${String(fraction).padStart(2, "0")}`;
}

/**
 * The fee for `hundredths` of an hour at `rateCents` an hour: the one place a rate meets hours.
 * Rounds half up to the cent, so an exact half cent goes to the consultant.
 */
export function feeForHours(rateCents: number, hundredths: number) {
  return Math.floor((rateCents * hundredths + 50) / 100);
}

// A day of work when the engagement does not say how long: a standard eight hours.
const STANDARD_DAY_HUNDREDTHS = 800;

type RateTerms = {
  rateKind: "hourly" | "daily" | "flat_fee" | "honorarium";
  rateCents: number;
  /** The hours the work takes; for a daily rate, the hours in one day. */
  estimatedHundredths: number | null;
};

/**
 * Whether an engagement pays less per hour than the organization's fair rate. Compared without
 * dividing: rate × 100 < fair rate × hundredths. Unknown (null) when a fixed fee has no estimate.
 */
export function isBelowFairRate(terms: RateTerms, fairHourlyCents: number): boolean | null {
  switch (terms.rateKind) {
    case "hourly":
      return terms.rateCents < fairHourlyCents;
    case "daily":
      return terms.rateCents * 100 < fairHourlyCents * (terms.estimatedHundredths ?? STANDARD_DAY_HUNDREDTHS);
    case "flat_fee":
    case "honorarium":
      if (!terms.estimatedHundredths) return null;
      return terms.rateCents * 100 < fairHourlyCents * terms.estimatedHundredths;
  }
}

/** The effective hourly rate in whole cents (rounded down), for display; null when unknown. */
export function effectiveHourlyCents(terms: RateTerms): number | null {
  if (terms.rateKind === "hourly") return terms.rateCents;
  const hundredths =
    terms.rateKind === "daily" ? (terms.estimatedHundredths ?? STANDARD_DAY_HUNDREDTHS) : terms.estimatedHundredths;
  if (!hundredths) return null;
  return Math.floor((terms.rateCents * 100) / hundredths);
}

/**
 * What the whole work is expected to pay: rate × hours for hourly work, rate × days for a daily
 * rate, the fee itself for a flat fee or honorarium. Null when the hours or days are not given.
 */
export function estimatedTotalCents(terms: RateTerms & { estimatedDays?: number | null }): number | null {
  switch (terms.rateKind) {
    case "hourly":
      return terms.estimatedHundredths ? feeForHours(terms.rateCents, terms.estimatedHundredths) : null;
    case "daily":
      return terms.estimatedDays ? terms.rateCents * terms.estimatedDays : null;
    case "flat_fee":
    case "honorarium":
      return terms.rateCents;
  }
}

/**
 * The hours the whole work is expected to take: the estimate itself, or for a daily rate the hours
 * in a day (eight if not given) times the days. Null when the terms do not say.
 */
export function estimatedWorkHundredths(terms: RateTerms & { estimatedDays?: number | null }): number | null {
  if (terms.rateKind !== "daily") return terms.estimatedHundredths || null;
  return terms.estimatedDays ? (terms.estimatedHundredths ?? STANDARD_DAY_HUNDREDTHS) * terms.estimatedDays : null;
}

export type FairPayCheck = {
  fairHourlyCents: number;
  effectiveHourlyCents: number | null;
  estimatedTotalCents: number | null;
  belowFairRate: boolean | null;
};

/** Terms measured against the organization's fair hourly rate: what every fair-pay figure shows. */
export function fairPayCheck(
  terms: RateTerms & { estimatedDays?: number | null },
  fairHourlyCents: number,
): FairPayCheck {
  return {
    fairHourlyCents,
    effectiveHourlyCents: effectiveHourlyCents(terms),
    estimatedTotalCents: estimatedTotalCents(terms),
    belowFairRate: isBelowFairRate(terms, fairHourlyCents),
  };
}

/**
 * The same check on what a person is typing into the engagement form (before it is valid), so the
 * figures can show as they type and on the server's answer without JavaScript. Null until the
 * rate and how it is paid make sense; hours or days that do not parse count as not given.
 */
export function fairPayCheckOfTyped(
  typed: { rateKind?: unknown; rate?: unknown; estimatedHours?: unknown; estimatedDays?: unknown },
  fairHourlyCents: number,
): FairPayCheck | null {
  const kinds = ["hourly", "daily", "flat_fee", "honorarium"] as const;
  const rateKind = kinds.find((k) => k === typed.rateKind);
  const rateCents = typeof typed.rate === "string" ? parseMoneyToCents(typed.rate) : null;
  if (!rateKind || !rateCents) return null;
  const hundredths = typeof typed.estimatedHours === "string" ? parseHoursToHundredths(typed.estimatedHours) : null;
  const days =
    typeof typed.estimatedDays === "string" && /^\d{1,3}$/.test(typed.estimatedDays.trim())
      ? Number(typed.estimatedDays.trim())
      : null;
  return fairPayCheck(
    { rateKind, rateCents, estimatedHundredths: hundredths || null, estimatedDays: days || null },
    fairHourlyCents,
  );
}

/**
 * The Form 1099-NEC threshold for a calendar year: $600 for payments made up to 2025 and $2,000 from
 * 2026 (One Big Beautiful Bill Act, 2025), unless the organization set another figure for that year.
 */
export function defaultNecThresholdCents(taxYear: number) {
  return taxYear <= 2025 ? 60_000 : 200_000;
}

/** The public benchmark shown beside the fair-pay flag (Washington State community compensation, 2025/26). */
export const BENCHMARK_HOURLY_CENTS = 5_700;
