// What may be typed into a consultant profile, one set of rules for the staff form and the portal,
// checked on the server whatever the browser did; and the other forms about a consultant (the record
// page, the directory search, erasing). The routes parse with these; the tests derive the fields
// they fuzz from them.
// Messages are catalog keys (`common:consultantRules...`), translated where they are shown.
import { z } from "zod";
import { CONSULTANT_STATUSES, CONTACT_CHANNELS, CONTACT_SAFETY, PAYMENT_METHODS } from "../../db/schema";
import { LANGUAGES } from "~/i18n/config";
import { message } from "~/i18n/message";
import { preferredNameField } from "./validation";

const maxChars = (max: number) => message("common:consultantRules.maxChars", { max });

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, maxChars(max))
    .optional()
    .transform((v) => (v ? v : null));

/** "Spanish, Tigrinya ,  ASL" → ["Spanish", "Tigrinya", "ASL"], without repeats. */
const tagList = (what: "languages" | "expertise") =>
  z
    .string()
    .max(1000, `common:consultantRules.${what}.listTooLong`)
    .optional()
    .transform((v) => [
      ...new Set(
        (v ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ])
    .refine((tags) => tags.length <= 30, `common:consultantRules.${what}.tooMany`)
    .refine((tags) => tags.every((t) => t.length <= 60), `common:consultantRules.${what}.tagTooLong`);

const safety = z.enum(CONTACT_SAFETY, { error: "common:consultantRules.safety" }).default("ask_first");

export const SelfProfileSchema = z.object({
  preferredName: preferredNameField,
  pronouns: text(40),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, "common:consultantRules.emailTooLong")
    .pipe(z.email("common:consultantRules.emailInvalid"))
    .optional()
    .transform((v) => v ?? null),
  phone: z
    .string()
    .trim()
    .max(40, "common:consultantRules.phoneTooLong")
    .regex(/^[0-9+()\-.\s]*$/, "common:consultantRules.phoneCharacters")
    .optional()
    .transform((v) => (v ? v : null)),
  preferredChannel: z
    .enum(CONTACT_CHANNELS, { error: "common:consultantRules.channel" })
    .optional()
    .transform((v) => v ?? null),
  emailSafety: safety,
  phoneSafety: safety,
  textSafety: safety,
  mailSafety: safety,
  languages: tagList("languages"),
  location: text(100),
  availability: text(500),
  accessNeeds: text(1000),
  interpreterLanguage: text(60),
  needsChildcare: z.boolean().default(false),
  needsTransport: z.boolean().default(false),
  supportPerson: text(200),
  paymentMethod: z.enum(PAYMENT_METHODS, { error: "common:consultantRules.paymentMethod" }).default("undecided"),
  wantsBenefitsNote: z.boolean().default(false),
});

export const StaffProfileSchema = SelfProfileSchema.extend({
  // The language staff recorded for them, one of those the product speaks, or none ("Not recorded").
  // Once they have an account, their own choice in the portal counts over it.
  preferredLanguage: z
    .enum([...LANGUAGES] as [string, ...string[]], { error: "common:consultantRules.preferredLanguage" })
    .optional()
    .transform((v) => v ?? null),
  roleTags: z
    .array(z.string().max(60, maxChars(60)))
    .max(20, "common:consultantRules.tooManyRoles")
    .default([]),
  otherExpertise: tagList("expertise"),
  staffNotes: text(5000),
  // Only an admin's form has this field; the model ignores it from anyone else.
  legalName: text(200),
});

/** The staff profile fields that take several values: a form reads the rest as one value each. */
export const STAFF_PROFILE_LISTS = ["roleTags"] as const;

export type SelfProfileInput = z.output<typeof SelfProfileSchema>;
export type StaffProfileInput = z.output<typeof StaffProfileSchema>;

/**
 * The record's last-change time when the form was opened. A save from a form opened before
 * someone else's change is refused, so an old page can never silently undo it (for instance
 * turn "not safe" back into "safe").
 */
export const versionField = z.coerce.number().int().nonnegative().optional();

export const NewConsultantSchema = StaffProfileSchema.extend({ creationKey: z.uuid() });

export const EditConsultantSchema = StaffProfileSchema.extend({ version: versionField });

export const MyProfileSchema = SelfProfileSchema.extend({ version: versionField });

const id = z.string().min(1).max(100);
export const ConsultantPageSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("change-status"),
    status: z.enum(CONSULTANT_STATUSES, { error: "common:consultantRules.status" }),
    reason: z.string().trim().max(500, maxChars(500)).optional(),
  }),
  z.object({
    intent: z.literal("checklist"),
    itemId: id,
    done: z.enum(["yes", "no"]),
    note: z.string().trim().max(500, maxChars(500)).optional(),
  }),
  // Also "make a new link": the new invitation replaces any open one.
  z.object({ intent: z.literal("invite-portal") }),
  z.object({ intent: z.literal("revoke-invitation"), invitationId: id }),
]);

// Filters arrive as a form post, never in the address: a search term is often a person's name,
// and names must not end up in browser history. Anything malformed is dropped, never an error.
export const DirectoryQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(CONSULTANT_STATUSES).optional().catch(undefined),
  expertise: z.string().max(60).optional().catch(undefined),
  language: z.string().max(60).optional().catch(undefined),
  progress: z.enum(["not-started", "in-progress", "complete"]).optional().catch(undefined),
  sort: z.enum(["name", "status", "progress", "updated"]).catch("name"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** The word typed to confirm that a consultant's information is erased. */
export const ERASE_CONFIRM_WORD = "DELETE";

export const EraseSchema = z.object({
  confirm: z
    .string({ error: message("common:consultantRules.eraseConfirm", { word: ERASE_CONFIRM_WORD }) })
    .trim()
    .refine(
      (value) => value === ERASE_CONFIRM_WORD,
      message("common:consultantRules.eraseCapitals", { word: ERASE_CONFIRM_WORD }),
    ),
  channel: z.enum(["portal", "other"]).optional(),
});
