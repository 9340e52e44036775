// The words of an engagement's terms that staff write in each language: the title, role, scope,
// expenses and cancellation a consultant reads. Numbers, dates and choices (pay, stage, format) are
// the same in every language and are shown in the reader's own. Shared by the form (its fields and
// Zod checks) and the models, so both hold a translation to the same rule.
import { DEFAULT_LANGUAGE, LANGUAGES, languageName, type Language } from "~/i18n/config";
import { message } from "~/i18n/message";

export const TERMS_WORDS_FIELDS = [
  "title",
  "role",
  "scopeWhat",
  "scopeWhen",
  "scopeWhere",
  "expensesPolicy",
  "cancellationTerms",
] as const;

export type TermsWordsField = (typeof TERMS_WORDS_FIELDS)[number];

/** The longest each field may be: the same in every language. */
export const TERMS_WORDS_MAX: Record<TermsWordsField, number> = {
  title: 120,
  role: 60,
  scopeWhat: 4000,
  scopeWhen: 500,
  scopeWhere: 500,
  expensesPolicy: 2000,
  cancellationTerms: 2000,
};

/** The languages staff may write the terms in besides English, from languages.json. */
export const TRANSLATION_LANGUAGES: readonly Language[] = LANGUAGES.filter((l) => l !== DEFAULT_LANGUAGE);

const filled = (value: unknown): value is string => typeof value === "string" && value.trim() !== "";

export type TranslationGap = {
  language: Language;
  field: TermsWordsField;
  /** Where a message about it goes in the form: `translations.es.title`. */
  path: string;
  /** The catalog message for the field. */
  message: string;
};

/**
 * Where a translation is half written, field by field: a language with any words must have every
 * field the English has (a reader never sees half one language and half another), and no words
 * where the English has none. A language left wholly empty is fine: its readers see the English.
 * Reads loosely typed values, so it can run on a form that has other problems too.
 */
export function translationGaps(english: Partial<Record<TermsWordsField, unknown>>, translations: unknown) {
  const gaps: TranslationGap[] = [];
  const all = (translations && typeof translations === "object" ? translations : {}) as Record<string, unknown>;
  for (const language of TRANSLATION_LANGUAGES) {
    const raw = all[language];
    const words = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
    if (!TERMS_WORDS_FIELDS.some((f) => filled(words[f]))) continue;
    for (const field of TERMS_WORDS_FIELDS) {
      const inEnglish = filled(english[field]);
      const inLanguage = filled(words[field]);
      if (inEnglish === inLanguage) continue;
      gaps.push({
        language,
        field,
        path: `translations.${language}.${field}`,
        message: inEnglish
          ? message("staff:termsWords.errors.missing", { language: languageName(language) })
          : message("staff:termsWords.errors.noEnglish", { language: languageName(language) }),
      });
    }
  }
  return gaps;
}
