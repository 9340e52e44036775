// What the engagement forms accept: the terms (new and edited), a status change, an answer given
// offline, and the consultant's answer in the portal. The routes parse with these; the tests derive
// the fields they fuzz from them. Messages are catalog keys (`common:engagementRules`): the portal's
// work page shows some of them too.
import { z } from "zod";
import {
  AGREEMENT_DECISIONS,
  ENGAGEMENT_LEVELS,
  ENGAGEMENT_STATUSES,
  RATE_KINDS,
  STAGES,
  WORK_FORMATS,
  type Translations,
} from "../../db/schema";
import { LANGUAGES } from "../i18n/config";
import { message } from "../i18n/message";
import { OFFLINE_AGREEMENT_METHODS } from "./engagement-options";
import { MAX_AMOUNT_LENGTH, MAX_PAYMENT_CENTS, parseHoursToHundredths, parseMoneyToCents } from "./money";
import { TERMS_WORDS_FIELDS, TERMS_WORDS_MAX, TRANSLATION_LANGUAGES, translationGaps } from "./terms-words";
import { stillSameField } from "./translations-form";
import { digitsField, isoDayField } from "./validation";

const R = "common:engagementRules";
const tooLong = (max: number) => message(`${R}.maxChars`, { max });
const RELOAD = `${R}.reload`;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, tooLong(max))
    .optional()
    .transform((v) => (v ? v : null));

// Work is planned years ahead at most: a date past this is a typo (and would have the capacity check
// count every month up to it).
const LATEST_WORK_DAY = "2100-12-31";

const isoDate = isoDayField()
  .refine((v) => v <= LATEST_WORK_DAY, message(`${R}.dateTooFar`, { latest: LATEST_WORK_DAY }))
  .optional()
  .transform((v) => v ?? null);

// A single engagement above this is almost certainly a typo (an extra zero).
const MAX_RATE_CENTS = 10_000_000;

const RATE_FORMAT_MESSAGE = `${R}.rateFormat`;
const HOURS_MESSAGE = `${R}.hours`;
const DAYS_MESSAGE = `${R}.days`;

/** Days after completion by which payment is due: shared with the organization's pay settings. */
export const paymentDueDaysField = digitsField(`${R}.dueDays`).pipe(
  z.number().min(1, `${R}.dueDaysMin`).max(365, `${R}.dueDaysMax`),
);

/** One language's words of the terms: each field optional here, all or none checked below. */
const termsWordsIn = z.object(
  Object.fromEntries(TERMS_WORDS_FIELDS.map((field) => [field, optionalText(TERMS_WORDS_MAX[field])])),
);

/**
 * The terms' words in each language besides English (`translations.es.title`, ...), built from
 * languages.json; kept as `{ es: { title: "..." } }` with empty fields and languages left out.
 */
const termsTranslations = z
  .object(Object.fromEntries(TRANSLATION_LANGUAGES.map((language) => [language, termsWordsIn.optional()])))
  .optional()
  .transform((all): Translations => {
    const kept: Translations = {};
    for (const [language, words] of Object.entries(all ?? {})) {
      const filled = Object.entries(words ?? {}).filter((entry): entry is [string, string] => Boolean(entry[1]));
      if (filled.length) kept[language] = Object.fromEntries(filled);
    }
    return kept;
  });

export const EngagementSchema = z
  .object({
    consultantId: z
      .string({ error: `${R}.consultant` })
      .min(1, `${R}.consultant`)
      .max(100),
    programId: z
      .string({ error: `${R}.program` })
      .min(1, `${R}.program`)
      .max(100),
    stage: z.enum(STAGES, { error: `${R}.stage` }),
    activityTypeId: optionalText(100),
    role: optionalText(TERMS_WORDS_MAX.role),
    level: z.enum(ENGAGEMENT_LEVELS, { error: `${R}.level` }),
    title: z
      .string({ error: `${R}.title` })
      .trim()
      .min(1, `${R}.title`)
      .max(TERMS_WORDS_MAX.title, tooLong(TERMS_WORDS_MAX.title)),
    scopeWhat: z
      .string({ error: `${R}.scopeWhat` })
      .trim()
      .min(1, `${R}.scopeWhat`)
      .max(TERMS_WORDS_MAX.scopeWhat, tooLong(TERMS_WORDS_MAX.scopeWhat)),
    scopeWhen: optionalText(TERMS_WORDS_MAX.scopeWhen),
    scopeWhere: optionalText(TERMS_WORDS_MAX.scopeWhere),
    format: z
      .enum(WORK_FORMATS)
      .optional()
      .transform((v) => v ?? null),
    startDate: isoDate,
    endDate: isoDate,
    rateKind: z.enum(RATE_KINDS, { error: `${R}.rateKind` }),
    rate: z
      .string({ error: `${R}.rate` })
      .max(MAX_AMOUNT_LENGTH, RATE_FORMAT_MESSAGE)
      .transform((v, ctx) => {
        const cents = parseMoneyToCents(v);
        if (cents === null) {
          ctx.addIssue({ code: "custom", message: RATE_FORMAT_MESSAGE });
          return z.NEVER;
        }
        return cents;
      })
      .refine((c) => c > 0, `${R}.rateZero`)
      .refine((c) => c <= MAX_RATE_CENTS, `${R}.rateTooHigh`),
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
    expensesPolicy: optionalText(TERMS_WORDS_MAX.expensesPolicy),
    paymentDueDays: paymentDueDaysField.optional(),
    cancellationTerms: optionalText(TERMS_WORDS_MAX.cancellationTerms),
    translations: termsTranslations,
    // "Still says the same": a translation kept as it was while the English changed, on purpose.
    stillSame: stillSameField,
    // "Save anyway": the person saw that this pays below the fair rate and saves it as it is.
    belowFairRateAccepted: z.boolean().default(false),
    // "Offer anyway": the person saw that this goes past what the consultant said they can take on
    // (a pause, a monthly or a yearly limit) and offers it as it is.
    offerAnyway: z.boolean().default(false),
  })
  .refine((v) => !v.startDate || !v.endDate || v.endDate >= v.startDate, {
    path: ["endDate"],
    message: `${R}.endBeforeStart`,
    // Checked whenever both dates are fine on their own, even if another field is wrong, so the
    // person sees every problem after one submission.
    when: (payload) => !payload.issues.some((i) => i.path?.[0] === "startDate" || i.path?.[0] === "endDate"),
  })
  // A half-written translation is refused next to each field it leaves out, whatever else is wrong.
  .superRefine(
    (v, ctx) => {
      // Run even when other fields failed, so the value may be only partly parsed.
      const typed = (v ?? {}) as Partial<Record<string, unknown>>;
      for (const gap of translationGaps(typed, typed.translations)) {
        ctx.addIssue({ code: "custom", path: ["translations", gap.language, gap.field], message: gap.message });
      }
    },
    { when: () => true },
  );

export type EngagementInput = z.output<typeof EngagementSchema>;

export const NewEngagementSchema = EngagementSchema.and(z.object({ creationKey: z.uuid() }));

const CANCELLATION_FEE_MESSAGE = `${R}.cancellationFee`;

export const EngagementStatusSchema = z.object({
  status: z.enum(ENGAGEMENT_STATUSES, { error: `${R}.status` }),
  cancellationReason: z.string().trim().max(500, tooLong(500)).optional(),
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

const trimmedText = (max: number) => z.string().trim().max(max, tooLong(max)).optional();

/** A language of languages.json: the one the terms were read in. */
const languageField = (error: string) => z.enum(LANGUAGES as [string, ...string[]], { error }).optional();

const WITNESS_NEEDED = `${R}.witnessNeeded`;
const PLACE_NEEDED = `${R}.placeNeeded`;
const HOW_NEEDED = `${R}.howNeeded`;

// The model checks these too; checking them here as well shows every message in one round trip.
const always = { when: () => true };

/** Staff record a consultant's answer to the terms, given on paper, out loud or another way. */
export const OfflineAnswerSchema = z
  .object({
    termsVersion: digitsField(RELOAD),
    decision: z.enum(AGREEMENT_DECISIONS, { error: `${R}.decision` }),
    method: z.enum(OFFLINE_AGREEMENT_METHODS, { error: `${R}.method` }),
    agreedOn: isoDayField(`${R}.agreedOn`),
    witnessUserId: trimmedText(100),
    paperFormLocation: trimmedText(300),
    methodDetail: trimmedText(300),
    message: trimmedText(1000),
    // Which language's words they read; English when the terms are written in no other.
    language: languageField("staff:termsWords.errors.chooseLanguage"),
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
  termsVersion: digitsField(RELOAD).pipe(z.number().min(1, RELOAD)),
  message: z
    .string()
    .trim()
    .max(1000, tooLong(1000))
    .optional()
    .transform((v) => (v ? v : null)),
  // The language the page showed the terms in: checked against what the server would show.
  language: languageField(RELOAD),
});

/** The forms of the portal's work page: an answer to the terms, or time logged or removed. */
export const PortalWorkIntentSchema = z.object({
  intent: z.enum(["accept", "decline", "log-time", "remove-time"], {
    error: `${R}.somethingMissing`,
  }),
});
