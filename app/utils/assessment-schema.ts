// What the self-assessment forms accept: starting one, saving a section (its answers are read
// apart, by item), completing or reopening it, and the action plan. The routes parse with these;
// the tests derive the fields they fuzz from them.
import { z } from "zod";
import { message } from "~/i18n/message";
import { ACTION_STATUSES, ANSWER_MODES } from "../../db/schema";
import { isIsoDay } from "./day";
import { MAX_AMOUNT_LENGTH, MAX_PAYMENT_CENTS, parseMoneyToCents } from "./money";

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

const CHOOSE_CONSULTANTS = "staff:assessTogether.errors.chooseConsultants";

/** Staff ask consultants to answer; paid, with the program and the amount each is paid. */
export const InviteConsultantsSchema = z
  .object({
    consultantIds: z
      .array(z.string().min(1).max(100), { error: CHOOSE_CONSULTANTS })
      .min(1, CHOOSE_CONSULTANTS)
      .max(500),
    paid: z.boolean().default(false),
    programId: z.string().max(100).optional(),
    amount: z.string().max(MAX_AMOUNT_LENGTH, "staff:assessTogether.errors.amount").optional(),
    // "Ask anyway": staff saw that paid work goes past what a consultant said they can take on.
    askAnyway: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (!v.paid) return;
    if (!v.programId) {
      ctx.addIssue({ code: "custom", path: ["programId"], message: "staff:assessTogether.errors.programFromList" });
    }
    const cents = v.amount ? parseMoneyToCents(v.amount) : null;
    if (cents === null || cents <= 0 || cents > MAX_PAYMENT_CENTS) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: "staff:assessTogether.errors.amount" });
    }
  })
  .transform(({ consultantIds, paid, programId, amount, askAnyway }) => ({
    consultantIds,
    paid: paid && programId && amount ? { programId, amountCents: parseMoneyToCents(amount)! } : null,
    askAnyway,
  }));

/**
 * The consultant in the portal: choosing to answer with their name or without it, saving a section
 * (its answers are read apart, by item, as on the staff form) and sending, which saves the section
 * it is pressed in first.
 */
export const ConsultantAnswersSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("begin"),
    answerAs: z.enum(ANSWER_MODES, { error: "portal:assessTogether.errors.chooseHow" }),
  }),
  z.object({
    intent: z.enum(["save", "send"]),
    section: z.string().min(1).max(60),
    next: z.string().max(60).optional(),
  }),
]);
