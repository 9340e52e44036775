// The terms of an engagement: what the consultant agrees to, and the snapshot kept word for word
// with each answer. Editing, the consultant's answers and the seed all rely on this one list.
import type { engagements, Translations } from "../../../db/schema";
import { DEFAULT_LANGUAGE, type Language } from "../../i18n/config";
import { TERMS_WORDS_FIELDS, TRANSLATION_LANGUAGES, type TermsWordsField } from "../../utils/terms-words";
import { localized } from "../localized.server";
import type { SupportPlanTerm } from "./support-plan.server";

// What the consultant agrees to: any change to one of these needs a new acceptance. The program
// is part of it: the same work for another program is another offer. So are the words in other
// languages (`termsTranslations`), compared on their own since they are a set of texts.
export const TERMS_FIELDS = [
  "programId",
  "stage",
  "activityTypeId",
  "role",
  "level",
  "title",
  "scopeWhat",
  "scopeWhen",
  "scopeWhere",
  "format",
  "startDate",
  "endDate",
  "rateKind",
  "rateCents",
  "estimatedHundredths",
  "estimatedDays",
  "coversPreparation",
  "coversTravel",
  "coversDebrief",
  "expensesPolicy",
  "paymentDueDays",
  "cancellationTerms",
] as const;

type Engagement = typeof engagements.$inferSelect;
export type Terms = Pick<Engagement, (typeof TERMS_FIELDS)[number]>;
/**
 * The terms as kept with an answer: the English and every other language's words of that version, and
 * the support plan as it stood (what was asked for, arranged or not possible, and why).
 */
export type TermsSnapshot = Terms & { termsTranslations: Translations; supportPlan: SupportPlanTerm[] };

/** The terms in English, as they stand. */
export function currentTerms(engagement: Engagement): Terms {
  return Object.fromEntries(TERMS_FIELDS.map((field) => [field, engagement[field]])) as Terms;
}

/**
 * The terms as the consultant sees them, in every language written, with the support plan
 * (supportPlanTerms), kept word for word with their answer.
 */
export function termsSnapshot(engagement: Engagement, supportPlan: SupportPlanTerm[] = []): TermsSnapshot {
  return { ...currentTerms(engagement), termsTranslations: engagement.termsTranslations ?? {}, supportPlan };
}

/**
 * What changes on an engagement whose terms changed (its scope, pay, words, or its support plan): a new
 * version, which no earlier answer covers, so the consultant is asked again. Agreed terms that change
 * are no longer agreed, also for work under way: the consultant decides again before any more time is
 * logged, and the last accepted terms stay what pays.
 */
export function changedTermsValues(before: Pick<Engagement, "termsVersion" | "status">) {
  const backToProposed = before.status === "agreed" || before.status === "in_progress";
  return { termsVersion: before.termsVersion + 1, ...(backToProposed ? { status: "proposed" as const } : {}) };
}

type WordsSource = Partial<Record<TermsWordsField, unknown>> & { termsTranslations?: unknown };

const englishWords = (terms: WordsSource) =>
  Object.fromEntries(
    TERMS_WORDS_FIELDS.map((field) => {
      const value = terms[field];
      return [field, typeof value === "string" ? value : null];
    }),
  ) as Record<TermsWordsField, string | null>;

const translationsOf = (terms: WordsSource) =>
  (terms.termsTranslations && typeof terms.termsTranslations === "object"
    ? terms.termsTranslations
    : {}) as Translations;

/**
 * The words of the terms for a reader of `language`: theirs when written in full, else English with
 * `fallback`. Works on an engagement and on a kept snapshot alike (an older snapshot has no
 * translations and gives English).
 */
export function termsWordsFor(terms: WordsSource, language: Language) {
  return localized(englishWords(terms), translationsOf(terms), language, TERMS_WORDS_FIELDS);
}

/** The languages the terms can be read in as they stand: English, and each one written in full. */
export function termsLanguages(terms: WordsSource): Language[] {
  return [
    DEFAULT_LANGUAGE,
    ...TRANSLATION_LANGUAGES.filter((language) => termsWordsFor(terms, language).language === language),
  ];
}
