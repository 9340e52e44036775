// Ideas and concerns sent from the portal: what pages in the browser need to show them. Kept out of
// *.server.ts files, which the browser build leaves out, and free of Zod, which the form's schema
// (idea-schema.ts) brings and the page's JavaScript must not.

/** The "about" choice for an idea about the organization in general, not one program. */
export const GENERAL = "general";

/**
 * The quarter an anonymous idea came in ("2026-Q2"), from the day it keeps: the first day of that
 * quarter, its only time (see sendIdea).
 */
export function receivedQuarter(isoDay: string) {
  const month = Number(isoDay.slice(5, 7));
  return `${isoDay.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}
