// Small wording helpers for the staff consent pages, shared by server and browser.

/** "36 months" reads as "3 years"; anything else in months. */
export function formatMonths(months: number) {
  if (months % 12 === 0) return months === 12 ? "1 year" : `${months / 12} years`;
  return months === 1 ? "1 month" : `${months} months`;
}
