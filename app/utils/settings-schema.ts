// What the admin's settings forms accept: activity types, the onboarding checklist, consent wording,
// the organization's time zone, pay and sign-in security. The routes parse with these; the tests
// derive the fields they fuzz from them.
import { z } from "zod";
import { DEFAULT_LANGUAGE, LANGUAGES } from "~/i18n/config";
import { message } from "~/i18n/message";
import { STAGES } from "../../db/schema";
import { CHANGE_YOUR_MIND } from "./consent-options";
import { paymentDueDaysField } from "./engagement-schema";
import { MAX_AMOUNT_LENGTH, parseMoneyToCents } from "./money";
import { yearField } from "./payment-schema";
import { TimeZoneField } from "./time-zone";
import { stillSameField, translationsField } from "./translations-form";
import { digitsField } from "./validation";

/**
 * A name in each of the app's other languages ("translations.es.label"), each optional and held to the
 * English name's limits. Built from the list of languages, so a new language needs no code here.
 */
function otherLanguageLabels(label: z.ZodType<string, string>) {
  const others = LANGUAGES.filter((l) => l !== DEFAULT_LANGUAGE);
  return z
    .object(Object.fromEntries(others.map((l) => [l, z.object({ label: label.optional() }).optional()])))
    .optional();
}

const ACTIVITY_NAME = "staff:settings.errors.activityName";
const activityLabel = z
  .string({ error: ACTIVITY_NAME })
  .trim()
  .min(2, ACTIVITY_NAME)
  .max(80, message("staff:settings.errors.maxChars", { max: 80 }));
export const AddActivitySchema = z.object({
  intent: z.literal("add"),
  stage: z.enum(STAGES, { error: "staff:settings.errors.stage" }),
  label: activityLabel,
  translations: otherLanguageLabels(activityLabel),
});
const ChangeActivitySchema = z.object({
  intent: z.enum(["archive", "restore"]),
  activityTypeId: z.string().min(1).max(100),
});
/** An activity's names in the other languages; its English name stays as it is. */
export const TranslateActivitySchema = z.object({
  intent: z.literal("translate"),
  activityTypeId: z.string().min(1).max(100),
  translations: otherLanguageLabels(activityLabel),
});
export const ActivityActionSchema = z.discriminatedUnion("intent", [
  AddActivitySchema,
  ChangeActivitySchema,
  TranslateActivitySchema,
]);

const STEP_NAME = "staff:settings.errors.stepName";
const checklistLabel = z
  .string({ error: STEP_NAME })
  .trim()
  .min(1, STEP_NAME)
  .max(120, message("staff:settings.errors.maxChars", { max: 120 }));
const id = z.string().min(1).max(100);
export const ChecklistActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), label: checklistLabel, translations: otherLanguageLabels(checklistLabel) }),
  z.object({
    intent: z.literal("rename"),
    itemId: id,
    label: checklistLabel,
    translations: otherLanguageLabels(checklistLabel),
  }),
  z.object({ intent: z.literal("archive"), itemId: id }),
  z.object({ intent: z.literal("move"), itemId: id, direction: z.enum(["up", "down"]) }),
]);

// The consent wording's messages are catalog keys, translated where they are shown.
const MONTHS = "staff:consentSettings.errors.months";
// The same limits hold for the wording in every language.
const wordingLabel = z
  .string({ error: "staff:consentSettings.errors.labelMissing" })
  .trim()
  .min(2, "staff:consentSettings.errors.labelShort")
  .max(80, "staff:consentSettings.errors.labelLong");
const wordingText = z
  .string({ error: "staff:consentSettings.errors.textMissing" })
  .trim()
  .min(20, "staff:consentSettings.errors.textShort")
  .max(2000, "staff:consentSettings.errors.textLong");
export const WordingSchema = z.object({
  label: wordingLabel,
  text: wordingText.refine((t) => t !== CHANGE_YOUR_MIND, "staff:consentSettings.errors.textOnlyPromise"),
  // Digits only: z.coerce.number() would also take "0x1F" (31), "1e1" or "12.0".
  defaultExpiryMonths: digitsField(MONTHS).pipe(z.number().min(1, MONTHS).max(36, MONTHS)).optional(),
  translations: translationsField(
    { label: wordingLabel, text: wordingText },
    { label: "staff:consentWords.errors.labelMissing", text: "staff:consentWords.errors.textMissing" },
  ),
  stillSame: stillSameField,
});
const ReviseWordingSchema = WordingSchema.extend({
  intent: z.literal("revise"),
  purposeId: z.string().min(1).max(100),
});
const AddPurposeSchema = WordingSchema.extend({ intent: z.literal("add") });
export const WordingActionSchema = z.discriminatedUnion("intent", [ReviseWordingSchema, AddPurposeSchema]);

export const TimeZoneSchema = z.object({ timeZone: TimeZoneField });

const money = (max: number) => {
  const refusal = message("staff:paySettings.errors.amount", { max });
  return z
    .string({ error: "staff:paySettings.errors.amountMissing" })
    .max(MAX_AMOUNT_LENGTH, refusal)
    .transform((v, ctx) => {
      const cents = parseMoneyToCents(v);
      if (cents === null || cents <= 0 || cents > max) {
        ctx.addIssue({ code: "custom", message: refusal });
        return z.NEVER;
      }
      return cents;
    });
};

export const PaySettingsSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("pay"),
    defaultHourlyRate: money(100_000),
    paymentDueDays: paymentDueDaysField,
  }),
  z.object({
    intent: z.literal("threshold"),
    taxYear: yearField,
    threshold: money(10_000_000),
  }),
]);

export const SecuritySettingsSchema = z.object({ requireTwoFactorForStaff: z.enum(["on", "off"]) });
