// The forms of records and letters of experience: the consultant's request, the admin's steps, and
// the public check of a code.
import { z } from "zod";
import { message } from "~/i18n/message";

const id = z.string().min(1).max(100);

/** The portal's record page: ask for a letter with these choices, or take a waiting request back. */
export const OwnLettersSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("ask"),
    includePay: z.boolean().default(false),
    includeOrganization: z.boolean().default(false),
  }),
  z.object({ intent: z.literal("withdraw"), letterId: id }),
]);

/** The portal's letter page: a copy to print, with a code of its own. */
export const OwnLetterCopySchema = z.object({ intent: z.literal("copy") });

export const SIGNER_TEXT_MAX = 100;
export const REVOKE_REASON_MAX = 500;

/** The admin's letters page for one consultant. */
export const LetterAdminSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("issue"),
    letterId: id,
    signerName: z
      .string({ error: "staff:experience.errors.signerName" })
      .trim()
      .min(1, "staff:experience.errors.signerName")
      .max(SIGNER_TEXT_MAX, message("staff:experience.errors.tooLong", { max: SIGNER_TEXT_MAX })),
    signerTitle: z
      .string({ error: "staff:experience.errors.signerTitle" })
      .trim()
      .min(1, "staff:experience.errors.signerTitle")
      .max(SIGNER_TEXT_MAX, message("staff:experience.errors.tooLong", { max: SIGNER_TEXT_MAX })),
  }),
  z.object({ intent: z.literal("copy"), letterId: id }),
  z.object({
    intent: z.literal("revoke"),
    letterId: id,
    reason: z
      .string({ error: "staff:experience.errors.reason" })
      .trim()
      .min(1, "staff:experience.errors.reason")
      .max(REVOKE_REASON_MAX, message("staff:experience.errors.tooLong", { max: REVOKE_REASON_MAX })),
  }),
]);

/** The public check: the code as printed (spaces, dashes and small letters are all fine). */
export const LetterCheckSchema = z.object({
  code: z
    .string({ error: "common:verify.enterCode" })
    .trim()
    .min(1, "common:verify.enterCode")
    .max(60, "common:verify.codeTooLong"),
});
