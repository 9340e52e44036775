// Words of the funder and board report shared by its page and its spreadsheets (server and browser).

/** The CSV tables the report offers, in the order the page shows them. */
export const REPORT_TABLES = ["stages", "levels", "timeliness", "feedback", "highlights", "readiness"] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

/** Why a quarter's score is missing (see singlesOutSomeone in app/models/feedback/anonymity.server.ts). */
export const HELD_BACK_NOTE = "Held back: one or two anonymous answers could show what one person said";

/** How the period is counted (engagement-stats.server.ts), said on the page and kept in one place. */
export const PERIOD_RULES = [
  "An engagement counts in the period its start date falls in (the day it was recorded when it has no start date yet). Cancelled engagements are left out.",
  "Hours are approved time with a work date in the period.",
  "Pay is the fees of payments marked paid with a paid date in the period. Expenses are reimbursed apart from fees.",
] as const;
