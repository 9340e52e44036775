// A one-field name the organization writes itself (an onboarding step, a kind of work) in English
// and, if it chooses, in each other language: what the settings forms send turned into stored
// translations, a reader's name for it, and which languages a change touched (for the audit log).
import type { Translations } from "../../db/schema";
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from "~/i18n/config";
import { localized } from "./localized.server";

/** What a settings form sends: per language, the name in it, or nothing when left empty. */
export type LabelTranslationsInput = Record<string, { label?: string } | undefined> | undefined;

/** The names given for the app's other languages, trimmed, leaving out the ones left empty. */
export function labelTranslations(input: LabelTranslationsInput): Translations {
  const out: Translations = {};
  for (const language of LANGUAGES) {
    const label = input?.[language]?.label?.trim();
    if (language !== DEFAULT_LANGUAGE && label) out[language] = { label };
  }
  return out;
}

/** The name a reader of `language` sees: theirs when written, else the English (`fallback`). */
export function localizedLabel(label: string, translations: Translations | null | undefined, language: Language) {
  const shown = localized({ label }, translations, language, ["label"] as const);
  return { label: shown.words.label ?? label, fallback: shown.fallback };
}

/** What a change of a name touched: "label" for the English, "translations.<language>" for each other. */
export function changedLabelFields(
  before: { label: string; translations: Translations },
  after: { label: string; translations: Translations },
): string[] {
  const languages = new Set([...Object.keys(before.translations), ...Object.keys(after.translations)]);
  return [
    ...(before.label !== after.label ? ["label"] : []),
    ...[...languages]
      .sort()
      .filter((l) => (before.translations[l]?.label ?? "") !== (after.translations[l]?.label ?? ""))
      .map((l) => `translations.${l}`),
  ];
}
