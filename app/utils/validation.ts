import { z } from "zod";
import { ISO_DAY_PATTERN, isIsoDay } from "./day";

// Shared input rules, so every form says the same thing about the same kind of value.
export const emailField = z
  .string({ error: "Enter an email address." })
  .trim()
  .min(1, "Enter an email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter an email address like name@example.org."));

export const newPasswordField = z
  .string({ error: "Choose a password." })
  .min(12, "Use at least 12 characters.")
  .max(200, "Use no more than 200 characters.");

export const preferredNameField = z
  .string({ error: "Enter the name you would like us to use." })
  .trim()
  .min(1, "Enter the name you would like us to use.")
  .max(100, "Use no more than 100 characters.");

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

export const DATE_FORMAT_MESSAGE = "Use a date like 2026-03-01.";
export const NO_SUCH_DAY_MESSAGE = "That date does not exist.";

/**
 * A calendar day typed in a form ("YYYY-MM-DD"): first the format, then whether the day exists, so
 * 2026-02-30 is refused rather than rolled over to March.
 */
export const isoDayField = (missingMessage?: string) =>
  z
    .string(missingMessage ? { error: missingMessage } : undefined)
    .regex(ISO_DAY_PATTERN, DATE_FORMAT_MESSAGE)
    .refine(isIsoDay, NO_SUCH_DAY_MESSAGE);
