// What the self-assessment forms accept: starting one, saving a section (its answers are read
// apart, by item), completing or reopening it, and the action plan. The routes parse with these;
// the tests derive the fields they fuzz from them.
import { z } from "zod";
import { message } from "~/i18n/message";
import { ACTION_STATUSES } from "../../db/schema";
import { isIsoDay } from "./day";

const NAME_IT = "staff:assessments.errors.nameIt";
const CHOOSE_CHECKLIST = "staff:assessments.errors.chooseChecklist";
const SAY_WHAT = "staff:assessments.errors.sayWhat";

export const StartAssessmentSchema = z.object({
  templateId: z.string({ error: CHOOSE_CHECKLIST }).min(1, CHOOSE_CHECKLIST).max(100),
  title: z
    .string({ error: NAME_IT })
    .trim()
    .min(2, NAME_IT)
    .max(120, message("staff:assessments.errors.maxChars", { max: 120 })),
  creationKey: z.uuid(),
  // Sent by "Start a new one anyway", which shows only once the open draft was named.
  alongsideDraftId: z.string().max(100).optional(),
});

export const AssessmentIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.enum(["save", "autosave"]),
    section: z.string().min(1).max(60),
    next: z.string().max(60).optional(),
  }),
  z.object({ intent: z.enum(["complete", "reopen"]) }),
]);

const dueDate = z
  .string()
  .trim()
  .max(10)
  .optional()
  .refine((v) => !v || (isIsoDay(v) && v >= "2000-01-01" && v <= "2100-12-31"), {
    message: "staff:assessments.errors.dueDate",
  });

export const ActionPlanSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add"),
    itemKey: z.string().min(1).max(60),
    title: z
      .string({ error: SAY_WHAT })
      .trim()
      .min(2, SAY_WHAT)
      .max(200, message("staff:assessments.errors.maxChars", { max: 200 })),
    ownerUserId: z.string().max(100).optional(),
    dueDate,
  }),
  z.object({
    intent: z.literal("status"),
    actionId: z.string().min(1).max(100),
    status: z.enum(ACTION_STATUSES),
  }),
]);
