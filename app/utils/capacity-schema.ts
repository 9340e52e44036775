// What the capacity forms accept: a consultant's availability and yearly pay limit, their "still
// right" check-in, and the organization's check-in settings. Imported only by the routes' actions,
// so zod stays out of the portal's browser bundle. Messages are catalog keys, shown next to their field.
import { z } from "zod";
import { AVAILABILITY_STATES } from "../../db/schema";
import { message } from "~/i18n/message";
import { MAX_AMOUNT_LENGTH, parseHoursToHundredths, parseMoneyToCents } from "./money";
import { digitsField, isoDayField } from "./validation";

const A = "portal:availability.errors";

/** More hours a month than a month has is a typo. */
export const MAX_MONTHLY_HUNDREDTHS = 744 * 100;
/** A yearly limit above a million dollars is a typo (an extra zero or two). */
export const MAX_YEARLY_LIMIT_CENTS = 100_000_000;

const hoursMessage = message(`${A}.hours`, { max: MAX_MONTHLY_HUNDREDTHS });

export const AvailabilitySchema = z
  .object({
    intent: z.literal("availability"),
    state: z.enum(AVAILABILITY_STATES, { error: `${A}.state` }),
    monthlyHours: z
      .string()
      .max(MAX_AMOUNT_LENGTH, hoursMessage)
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        const hundredths = parseHoursToHundredths(v);
        if (hundredths === null || hundredths <= 0 || hundredths > MAX_MONTHLY_HUNDREDTHS) {
          ctx.addIssue({ code: "custom", message: hoursMessage });
          return z.NEVER;
        }
        return hundredths;
      }),
    pausedUntil: isoDayField()
      .optional()
      .transform((v) => v ?? null),
    note: z
      .string()
      .trim()
      .max(500, message(`${A}.noteTooLong`, { max: 500 }))
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .refine((v) => v.state !== "limited" || v.monthlyHours !== null, {
    path: ["monthlyHours"],
    message: `${A}.hoursMissing`,
  })
  .refine((v) => v.state !== "paused" || v.pausedUntil !== null, {
    path: ["pausedUntil"],
    message: `${A}.untilMissing`,
  });

const limitMessage = message(`${A}.limit`, { max: MAX_YEARLY_LIMIT_CENTS });

/** The most they want to be paid in fees in a year; empty takes the limit away. */
export const PayLimitSchema = z.object({
  intent: z.literal("pay-limit"),
  yearlyLimit: z
    .string()
    .max(MAX_AMOUNT_LENGTH, limitMessage)
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const cents = parseMoneyToCents(v);
      if (cents === null || cents <= 0 || cents > MAX_YEARLY_LIMIT_CENTS) {
        ctx.addIssue({ code: "custom", message: limitMessage });
        return z.NEVER;
      }
      return cents;
    }),
});

export const AvailabilityPageSchema = z.discriminatedUnion("intent", [AvailabilitySchema, PayLimitSchema]);

/** "Still right": one tap, nothing else to say. */
export const CheckInSchema = z.object({ intent: z.literal("still-right") });

const S = "staff:checkInSettings.errors";

export const CheckInSettingsSchema = z.object({
  checkInIntervalDays: digitsField(`${S}.interval`).pipe(z.number().min(7, `${S}.interval`).max(365, `${S}.interval`)),
  // Only a web address people can open: never javascript: or a file on someone's computer.
  benefitsGuidanceUrl: z
    .string()
    .trim()
    .max(500, `${S}.urlTooLong`)
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.domain, error: `${S}.url` }).nullable()),
});
