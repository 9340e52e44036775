// Words for experience feedback, shared by the portal form, the staff report and the model.
// Kept out of *.server.ts files: the browser build leaves those out.
import { EXPERIENCE_QUESTIONS } from "../../db/schema";

export type ExperienceQuestion = (typeof EXPERIENCE_QUESTIONS)[number];
export { EXPERIENCE_QUESTIONS };

/**
 * How each question is asked in the portal (plain words) and named on the staff report: catalog keys
 * (common namespace), shown with `useMessage()` or, on the server, `translator(...)`.
 */
export const QUESTION_WORDING: Record<ExperienceQuestion, { portal: string; staff: string }> = Object.fromEntries(
  EXPERIENCE_QUESTIONS.map((q) => [
    q,
    { portal: `common:feedbackOptions.questions.${q}.portal`, staff: `common:feedbackOptions.questions.${q}.staff` },
  ]),
) as Record<ExperienceQuestion, { portal: string; staff: string }>;

/** The radio value for "prefer not to say" (stored as null). */
export const SKIP = "skip";

/** Each choice on the 1 to 5 scale with its words, so a number is never the only meaning. */
export const SCORE_LABELS = {
  "1": "common:feedbackOptions.scores.notAtAll",
  "2": "common:feedbackOptions.scores.aLittle",
  "3": "common:feedbackOptions.scores.somewhat",
  "4": "common:feedbackOptions.scores.mostly",
  "5": "common:feedbackOptions.scores.veryMuch",
  [SKIP]: "common:feedbackOptions.scores.skip",
} as const;

export const SCORE_CHOICES: readonly (readonly [string, string])[] = Object.entries(SCORE_LABELS);

export const COMMENT_MAX = 4000;
export const COMMENT_TOO_LONG_MESSAGE = "common:feedbackOptions.commentTooLong";
export const SCORE_MESSAGE = "common:feedbackOptions.scoreMissing";

export const SOURCE_LABELS = {
  portal: "common:feedbackOptions.sources.portal",
  meeting: "common:feedbackOptions.sources.meeting",
} as const;

/** The quarter an answer is filed under: "2026-Q3". */
export const QUARTER_PATTERN = /^\d{4}-Q[1-4]$/;
