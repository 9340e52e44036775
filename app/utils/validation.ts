import { z } from "zod";
import { message } from "~/i18n/message";
import { ISO_DAY_PATTERN, isIsoDay } from "./day";

// Shared input rules, so every form says the same thing about the same kind of value. Their messages
// are catalog keys, shown in the reader's language.
export const emailField = z
  .string({ error: "common:validation.emailMissing" })
  .trim()
  .min(1, "common:validation.emailMissing")
  .max(254, "common:validation.emailTooLong")
  .pipe(z.email("common:validation.emailFormat"));

export const newPasswordField = z
  .string({ error: "common:validation.passwordMissing" })
  .min(12, message("common:validation.tooShort", { min: 12 }))
  .max(200, message("common:validation.tooLong", { max: 200 }));

export const preferredNameField = z
  .string({ error: "common:validation.nameMissing" })
  .trim()
  .min(1, "common:validation.nameMissing")
  .max(100, message("common:validation.tooLong", { max: 100 }));

/**
 * A whole number typed as digits only, as a number. z.coerce.number() also takes "1e2", "0x1e",
 * "Infinity" or "" (as 0); none of those is what a person types into a number field.
 */
export const digitsField = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .max(9, message)
    .regex(/^\d+$/, message)
    .transform((v) => Number(v));

export const DATE_FORMAT_MESSAGE = "common:validation.dateFormat";
export const NO_SUCH_DAY_MESSAGE = "common:validation.noSuchDay";

/**
 * A calendar day typed in a form ("YYYY-MM-DD"): first the format, then whether the day exists, so
 * 2026-02-30 is refused rather than rolled over to March.
 */
export const isoDayField = (missingMessage?: string) =>
  z
    .string(missingMessage ? { error: missingMessage } : undefined)
    .regex(ISO_DAY_PATTERN, DATE_FORMAT_MESSAGE)
    .refine(isIsoDay, NO_SUCH_DAY_MESSAGE);

/**
 * Zod's own messages (for checks a schema gives no words of its own) as catalog keys, so they too are
 * shown in the reader's language.
 */
export function zodMessage(issue: {
  code?: string;
  input?: unknown;
  origin?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
}): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "common:validation.required" : "common:validation.invalid";
    case "too_big":
      return issue.origin === "string"
        ? message("common:validation.tooLong", { max: Number(issue.maximum) })
        : issue.origin === "array" || issue.origin === "set"
          ? message("common:validation.tooMany", { max: Number(issue.maximum) })
          : "common:validation.outOfRange";
    case "too_small":
      return issue.origin === "string"
        ? Number(issue.minimum) <= 1
          ? "common:validation.required"
          : message("common:validation.tooShort", { min: Number(issue.minimum) })
        : issue.origin === "array" || issue.origin === "set"
          ? "common:validation.chooseAtLeastOne"
          : "common:validation.outOfRange";
    case "invalid_value":
    case "invalid_union":
      return "common:validation.choose";
    case "invalid_format":
      return "common:validation.format";
    default:
      return "common:validation.invalid";
  }
}

z.config({ customError: zodMessage });
