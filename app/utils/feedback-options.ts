// Words for experience feedback, shared by the portal form, the staff report and the model.
// Kept out of *.server.ts files: the browser build leaves those out.
import { EXPERIENCE_QUESTIONS } from "../../db/schema";

export type ExperienceQuestion = (typeof EXPERIENCE_QUESTIONS)[number];
export { EXPERIENCE_QUESTIONS };

/** How each question is asked in the portal (plain words) and named on the staff report. */
export const QUESTION_WORDING: Record<ExperienceQuestion, { portal: string; staff: string }> = {
  meaningful: { portal: "Was the work meaningful to you?", staff: "Meaningful work" },
  respected: { portal: "Did you feel respected?", staff: "Felt respected" },
  fairPay: { portal: "Was the pay fair?", staff: "Fair pay" },
  onTime: { portal: "Were you paid on time?", staff: "Paid on time" },
  clearScope: { portal: "Was it clear what the work was?", staff: "Clear scope" },
  safe: { portal: "Did you feel safe?", staff: "Felt safe" },
  again: { portal: "Would you work with us again?", staff: "Would work with us again" },
};

/** The five points of the scale, with words, so a number is never the only meaning. */
export const SCORE_WORDS = {
  1: "Not at all",
  2: "A little",
  3: "Somewhat",
  4: "Mostly",
  5: "Very much",
} as const;

/** The radio value for "prefer not to say" (stored as null). */
export const SKIP = "skip";

export const SCORE_CHOICES: readonly (readonly [string, string])[] = [
  ...([1, 2, 3, 4, 5] as const).map((n) => [String(n), `${n} ${SCORE_WORDS[n]}`] as const),
  [SKIP, "Prefer not to say"],
];

export const COMMENT_MAX = 4000;
export const COMMENT_TOO_LONG_MESSAGE = `Use no more than ${COMMENT_MAX.toLocaleString("en-US")} characters.`;
export const SCORE_MESSAGE = "Choose a number from 1 to 5, or “Prefer not to say”.";

export const SOURCE_LABELS = { portal: "Sent in the portal", meeting: "Heard in a meeting" } as const;

/** The quarter an answer is filed under: "2026-Q3". */
export const QUARTER_PATTERN = /^\d{4}-Q[1-4]$/;
