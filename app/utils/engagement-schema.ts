// What the engagement forms accept: the terms (new and edited), a status change, an answer given
// offline, and the consultant's answer in the portal. The routes parse with these; the tests derive
// the fields they fuzz from them.
import { z } from "zod";
import {
  AGREEMENT_DECISIONS,
  ENGAGEMENT_LEVELS,
  ENGAGEMENT_STATUSES,
  RATE_KINDS,
  STAGES,
  WORK_FORMATS,
} from "../../db/schema";
import { OFFLINE_AGREEMENT_METHODS } from "./engagement-options";
import { MAX_AMOUNT_LENGTH, MAX_PAYMENT_CENTS, parseHoursToHundredths, parseMoneyToCents } from "./money";
import { digitsField, isoDayField } from "./validation";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use no more than ${max.toLocaleString("en-US")} characters.`)
    .optional()
    .transform((v) => (v ? v : null));

const isoDate = isoDayField()
  .optional()
  .transform((v) => v ?? null);

// A single engagement above this is almost certainly a typo (an extra zero).
const MAX_RATE_CENTS = 10_000_000;

const RATE_FORMAT_MESSAGE = "Enter an amount like 57 or 57.50 (no more than two decimals).";
const HOURS_MESSAGE = "Enter hours like 6 or 1.5, more than 0 and at most 1,000.";
const DAYS_MESSAGE = "Enter whole days, like 3, from 1 to 365.";

/** Days after completion by which payment is due: shared with the organization's pay settings. */
export const paymentDueDaysField = digitsField("Enter whole days, like 30.").pipe(
  z.number().min(1, "Use at least 1 day.").max(365, "Use at most 365 days."),
);

export const EngagementSchema = z
  .object({
    consultantId: z.string({ error: "Choose a consultant." }).min(1, "Choose a consultant.").max(100),
    programId: z.string({ error: "Choose a program." }).min(1, "Choose a program.").max(100),
    stage: z.enum(STAGES, { error: "Choose the stage." }),
    activityTypeId: optionalText(100),
    role: optionalText(60),
    level: z.enum(ENGAGEMENT_LEVELS, { error: "Choose the engagement level." }),
    title: z
      .string({ error: "Give it a short title." })
      .trim()
      .min(1, "Give it a short title.")
      .max(120, "Use no more than 120 characters."),
    scopeWhat: z
      .string({ error: "Describe the work." })
      .trim()
      .min(1, "Describe the work.")
      .max(4000, "Use no more than 4,000 characters."),
    scopeWhen: optionalText(500),
    scopeWhere: optionalText(500),
    format: z
      .enum(WORK_FORMATS)
      .optional()
      .transform((v) => v ?? null),
    startDate: isoDate,
    endDate: isoDate,
    rateKind: z.enum(RATE_KINDS, { error: "Choose how the work is paid." }),
    rate: z
      .string({ error: "Enter the rate." })
      .max(MAX_AMOUNT_LENGTH, RATE_FORMAT_MESSAGE)
      .transform((v, ctx) => {
        const cents = parseMoneyToCents(v);
        if (cents === null) {
          ctx.addIssue({ code: "custom", message: RATE_FORMAT_MESSAGE });
          return z.NEVER;
        }
        return cents;
      })
      .refine((c) => c > 0, "The rate must be more than $0.")
      .refine((c) => c <= MAX_RATE_CENTS, "That rate looks too high. Check for an extra zero."),
    estimatedHours: z
      .string()
      .max(MAX_AMOUNT_LENGTH, HOURS_MESSAGE)
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        const hundredths = parseHoursToHundredths(v);
        if (hundredths === null || hundredths <= 0 || hundredths > 100_000) {
          ctx.addIssue({ code: "custom", message: HOURS_MESSAGE });
          return z.NEVER;
        }
        return hundredths;
      }),
    // Only a daily rate has days; for other kinds they are not kept.
    estimatedDays: digitsField(DAYS_MESSAGE)
      .pipe(z.number().min(1, DAYS_MESSAGE).max(365, DAYS_MESSAGE))
      .optional()
      .transform((v) => v ?? null),
    coversPreparation: z.boolean().default(false),
    coversTravel: z.boolean().default(false),
    coversDebrief: z.boolean().default(false),
    expensesPolicy: optionalText(2000),
    paymentDueDays: paymentDueDaysField.optional(),
    cancellationTerms: optionalText(2000),
    // "Save anyway": the person saw that this pays below the fair rate and saves it as it is.
    belowFairRateAccepted: z.boolean().default(false),
  })
  .refine((v) => !v.startDate || !v.endDate || v.endDate >= v.startDate, {
    path: ["endDate"],
    message: "The end date cannot be before the start date.",
    // Checked whenever both dates are fine on their own, even if another field is wrong, so the
    // person sees every problem after one submission.
    when: (payload) => !payload.issues.some((i) => i.path?.[0] === "startDate" || i.path?.[0] === "endDate"),
  });

export type EngagementInput = z.output<typeof EngagementSchema>;

export const NewEngagementSchema = EngagementSchema.and(z.object({ creationKey: z.uuid() }));

const CANCELLATION_FEE_MESSAGE = "Enter an amount like 50 or 50.00, up to $100,000.";

export const EngagementStatusSchema = z.object({
  status: z.enum(ENGAGEMENT_STATUSES, { error: "Choose a status." }),
  cancellationReason: z.string().trim().max(500, "Use no more than 500 characters.").optional(),
  // The cancellation fee is what cancelled work can be paid: held to the same limit as a payment.
  cancellationFee: z
    .string()
    .max(MAX_AMOUNT_LENGTH, CANCELLATION_FEE_MESSAGE)
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const cents = parseMoneyToCents(v);
      if (cents === null || cents > MAX_PAYMENT_CENTS) {
        ctx.addIssue({ code: "custom", message: CANCELLATION_FEE_MESSAGE });
        return z.NEVER;
      }
      return cents;
    }),
});

const trimmedText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use no more than ${max.toLocaleString("en-US")} characters.`)
    .optional();

const WITNESS_NEEDED = "Choose the colleague who also heard it. An answer said out loud needs a witness.";
const PLACE_NEEDED = "Say where the signed form is kept, so it can be found.";
const HOW_NEEDED = "Say in a few words how they answered.";

// The model checks these too; checking them here as well shows every message in one round trip.
const always = { when: () => true };

/** Staff record a consultant's answer to the terms, given on paper, out loud or another way. */
export const OfflineAnswerSchema = z
  .object({
    termsVersion: digitsField("Please reload the page and try again."),
    decision: z.enum(AGREEMENT_DECISIONS, { error: "Choose what they answered." }),
    method: z.enum(OFFLINE_AGREEMENT_METHODS, {
      error: "Say how they answered: on a paper form, out loud or another way.",
    }),
    agreedOn: isoDayField("Give the day they answered."),
    witnessUserId: trimmedText(100),
    paperFormLocation: trimmedText(300),
    methodDetail: trimmedText(300),
    message: trimmedText(1000),
  })
  .refine((v) => v.method !== "out_loud" || Boolean(v.witnessUserId), {
    ...always,
    path: ["witnessUserId"],
    message: WITNESS_NEEDED,
  })
  .refine((v) => v.method !== "paper_form" || Boolean(v.paperFormLocation), {
    ...always,
    path: ["paperFormLocation"],
    message: PLACE_NEEDED,
  })
  .refine((v) => v.method !== "other" || Boolean(v.methodDetail), {
    ...always,
    path: ["methodDetail"],
    message: HOW_NEEDED,
  });

/** The consultant's yes or no to the terms, in the portal. */
export const TermsDecisionSchema = z.object({
  intent: z.enum(["accept", "decline"]),
  termsVersion: digitsField("Please reload the page and try again.").pipe(
    z.number().min(1, "Please reload the page and try again."),
  ),
  message: z
    .string()
    .trim()
    .max(1000, "Use no more than 1,000 characters.")
    .optional()
    .transform((v) => (v ? v : null)),
});

/** The forms of the portal's work page: an answer to the terms, or time logged or removed. */
export const PortalWorkIntentSchema = z.object({
  intent: z.enum(["accept", "decline", "log-time", "remove-time"], {
    error: "Something was missing. Please reload the page and try again.",
  }),
});
