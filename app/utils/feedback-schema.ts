// What consultants and staff may send as experience feedback. Imported only by actions and
// loaders, so zod stays out of the portal's browser bundle. Messages are catalog keys ("common":
// the portal's form uses them too), translated where they are shown.
import { z } from "zod";
import { EXPERIENCE_QUESTIONS, STAGES } from "../../db/schema";
import { isoDayField } from "./validation";
import {
  COMMENT_MAX,
  COMMENT_TOO_LONG_MESSAGE,
  QUARTER_PATTERN,
  SCORE_MESSAGE,
  SKIP,
  type ExperienceQuestion,
} from "./feedback-options";

/** A form from an old page or missing a hidden field: nothing the person typed can fix it. */
const RELOAD = "common:feedbackRules.reload";

const scoreField = z
  .enum(["1", "2", "3", "4", "5", SKIP], { error: SCORE_MESSAGE })
  .transform((v) => (v === SKIP ? null : Number(v)));

const scoreFields = Object.fromEntries(EXPERIENCE_QUESTIONS.map((q) => [q, scoreField])) as Record<
  ExperienceQuestion,
  typeof scoreField
>;

const commentField = z
  .string()
  .trim()
  .max(COMMENT_MAX, COMMENT_TOO_LONG_MESSAGE)
  .optional()
  .transform((v) => v || null);

/** The consultant's form: every question answered (a number or "prefer not to say"), a comment, anonymous or not. */
export const ExperienceFeedbackSchema = z.object({
  ...scoreFields,
  comment: commentField,
  anonymous: z
    .literal("on")
    .optional()
    .transform((v) => v === "on"),
});

/** Staff writing down feedback heard in a meeting. */
export const MeetingFeedbackSchema = z
  .object({
    creationKey: z.uuid({ error: RELOAD }),
    programId: z
      .string({ error: "common:feedbackRules.chooseProgram" })
      .min(1, "common:feedbackRules.chooseProgram")
      .max(100),
    stage: z.enum(STAGES, { error: "common:feedbackRules.chooseStage" }),
    heardOn: isoDayField("common:feedbackRules.meetingDay"),
    who: z.enum(["anonymous", "named"], { error: "common:feedbackRules.chooseWho" }),
    consultantId: z
      .string()
      .max(100)
      .optional()
      .transform((v) => v || null),
    ...scoreFields,
    comment: commentField,
  })
  .superRefine((value, ctx) => {
    if (value.who === "named" && !value.consultantId) {
      ctx.addIssue({
        code: "custom",
        path: ["consultantId"],
        message: "common:feedbackRules.chooseConsultant",
      });
    }
  });

/** Report filters sit in the address: ids and fixed choices only; anything malformed is dropped. */
export const FeedbackFilterSchema = z.object({
  program: z.string().max(100).optional().catch(undefined),
  stage: z.enum(STAGES).optional().catch(undefined),
  quarter: z.string().regex(QUARTER_PATTERN).optional().catch(undefined),
});

export function parseFeedbackFilters(searchParams: URLSearchParams) {
  const params = Object.fromEntries([...searchParams].filter(([, v]) => v !== ""));
  const parsed = FeedbackFilterSchema.parse(params);
  return { programId: parsed.program, stage: parsed.stage, quarter: parsed.quarter };
}

/** "Mark as read" on the report: the filters the page showed, and its `shown` value (see markFeedbackRead). */
export const MarkFeedbackReadSchema = z.object({
  shown: z.string({ error: RELOAD }).max(100, RELOAD),
  program: z.string({ error: RELOAD }).max(100, RELOAD).optional(),
  stage: z.enum(STAGES, { error: RELOAD }).optional(),
  quarter: z.string({ error: RELOAD }).regex(QUARTER_PATTERN, RELOAD).optional(),
});

/** The filters as an address query, rebuilt from the parsed ids and choices only. */
export function feedbackFilterQuery(filters: { programId?: string; stage?: string; quarter?: string }) {
  return new URLSearchParams(
    Object.entries({ program: filters.programId, stage: filters.stage, quarter: filters.quarter }).filter(
      (entry): entry is [string, string] => Boolean(entry[1]),
    ),
  ).toString();
}
