import { z } from "zod";

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
