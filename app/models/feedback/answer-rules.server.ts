// What makes an experience answer, wherever it comes from (the consultant's portal form or a note
// staff wrote in a meeting): the scores and comment it may hold, and the quarter it is filed under,
// which is the only time an anonymous row carries.
import { format, parseISO } from "date-fns";
import { experienceFeedback } from "../../../db/schema";
import { isoDay } from "../../utils/day";
import {
  COMMENT_MAX,
  COMMENT_TOO_LONG_MESSAGE,
  EXPERIENCE_QUESTIONS,
  SCORE_MESSAGE,
  type ExperienceQuestion,
} from "../../utils/feedback-options";
import { RuleError } from "../errors";

export type Scores = Record<ExperienceQuestion, number | null>;

const NOTHING_MESSAGE = "common:feedbackRules.saySomething";

/** The quarter an answer is filed under, from a UTC day: "2026-Q3". */
export function quarterOf(date: Date) {
  return format(parseISO(isoDay(date)), "yyyy-'Q'Q");
}

/** Noon UTC on the first day of a quarter: the only time an anonymous row carries. */
export function startOfQuarterUtc(quarter: string) {
  const [year, q] = quarter.split("-Q").map(Number) as [number, number];
  return new Date(Date.UTC(year, (q - 1) * 3, 1, 12));
}

/** Each score is a whole number from 1 to 5, or null for "prefer not to say". */
export function assertScores(input: Record<ExperienceQuestion, unknown>): Scores {
  const scores = {} as Scores;
  for (const question of EXPERIENCE_QUESTIONS) {
    const value = input[question];
    if (value === null || value === undefined) {
      scores[question] = null;
    } else if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 5) {
      scores[question] = value;
    } else {
      throw new RuleError(question, SCORE_MESSAGE);
    }
  }
  return scores;
}

export function assertComment(comment: string | null | undefined) {
  const trimmed = comment?.trim() ?? "";
  if (trimmed.length > COMMENT_MAX) {
    throw new RuleError("comment", COMMENT_TOO_LONG_MESSAGE);
  }
  return trimmed || null;
}

/** An answer with every question skipped and no comment says nothing; refusing it avoids an empty row. */
export function assertSaysSomething(scores: Scores, comment: string | null) {
  if (comment === null && EXPERIENCE_QUESTIONS.every((q) => scores[q] === null)) {
    throw new RuleError(null, NOTHING_MESSAGE);
  }
}

export const scoreColumns = Object.fromEntries(EXPERIENCE_QUESTIONS.map((q) => [q, experienceFeedback[q]])) as {
  [Q in ExperienceQuestion]: (typeof experienceFeedback)[Q];
};
