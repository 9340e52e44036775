// Words of the funder and board report shared by its page and its spreadsheets (server and browser),
// as catalog keys: the page and the CSV translate them for their reader.

/** The CSV tables the report offers, in the order the page shows them. */
export const REPORT_TABLES = ["stages", "levels", "timeliness", "feedback", "highlights", "readiness"] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

/** Why a quarter's score is missing (see singlesOutSomeone in app/models/feedback/anonymity.server.ts). */
export const HELD_BACK_NOTE = "common:reportOptions.heldBack";

/** How the period is counted (engagement-stats.server.ts), said on the page and kept in one place. */
export const PERIOD_RULES = [
  "common:reportOptions.periodRules.engagements",
  "common:reportOptions.periodRules.hours",
  "common:reportOptions.periodRules.pay",
] as const;
