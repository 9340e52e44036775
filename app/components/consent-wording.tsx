// How the staff pages and the portal speak of the language a consent purpose's words are in: the
// language's name inside a sentence ("Given in Spanish", "Dado en español"), and the note a reader gets
// when the organization has not written the words in their language.
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { languageName, type Language } from "~/i18n/config";
import { useLanguage } from "~/i18n/page-language";

/**
 * A language's name as a sentence of the reader's language says it ("Spanish", "español"). A language
 * the catalogs do not name yet is called by its own name.
 */
export function useLanguageInProse() {
  const { t } = useTranslation("common");
  return useCallback(
    (language: Language) =>
      // A key made at run time: the catalogs' test holds every language's names to English's.
      (t as unknown as (key: string, options: object) => string)(`consentWords.languageNames.${language}`, {
        defaultValue: languageName(language),
      }),
    [t],
  );
}

/** "Given in Spanish.": the language a choice was made in, which its words are shown in. */
export function GivenIn({ language, className }: { language: Language; className?: string }) {
  const { t } = useTranslation("common");
  const inProse = useLanguageInProse();
  return <p className={className}>{t("consentWords.givenIn", { language: inProse(language) })}</p>;
}

/** Said when the organization has not written a purpose in the reader's language: they read the English. */
export function WordingFallbackNote({ className }: { className?: string }) {
  const { t } = useTranslation("common");
  const inProse = useLanguageInProse();
  const reader = useLanguage();
  return <p className={className}>{t("consentWords.fallback", { language: inProse(reader) })}</p>;
}
