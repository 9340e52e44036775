import { z } from "zod";
import { ENGAGEMENT_LEVELS, RATE_KINDS, STAGES, WORK_FORMATS } from "../../db/schema";
import { MAX_AMOUNT_LENGTH, parseHoursToHundredths, parseMoneyToCents } from "./money";
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
