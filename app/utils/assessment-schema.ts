// What the self-assessment forms accept: starting one, saving a section (its answers are read
// apart, by item), completing or reopening it, and the action plan. The routes parse with these;
// the tests derive the fields they fuzz from them.
import { z } from "zod";
import { ACTION_STATUSES } from "../../db/schema";
import { isIsoDay } from "./day";

export const StartAssessmentSchema = z.object({
  templateId: z.string({ error: "Choose a checklist." }).min(1, "Choose a checklist.").max(100),
  title: z
    .string({ error: "Give it a name, for example “Readiness 2026”." })
    .trim()
    .min(2, "Give it a name, for example “Readiness 2026”.")
    .max(120, "Use no more than 120 characters."),
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
    message: "Enter a date like 2027-03-31, or leave it empty.",
  });

export const ActionPlanSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add"),
    itemKey: z.string().min(1).max(60),
    title: z
      .string({ error: "Say what will be done." })
      .trim()
      .min(2, "Say what will be done.")
      .max(200, "Use no more than 200 characters."),
    ownerUserId: z.string().max(100).optional(),
    dueDate,
  }),
  z.object({
    intent: z.literal("status"),
    actionId: z.string().min(1).max(100),
    status: z.enum(ACTION_STATUSES),
  }),
]);
