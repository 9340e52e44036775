// The fields for a name the organization writes itself (an onboarding step, a kind of work) in each
// of the app's other languages: one optional field per language, labelled with the language's own
// name, named "translations.<language>.label". Built from the list of languages, so a third one needs
// no code here.
import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/forms";
import { DEFAULT_LANGUAGE, LANGUAGES, languageName } from "~/i18n/config";

export const OTHER_LANGUAGES = LANGUAGES.filter((l) => l !== DEFAULT_LANGUAGE);

type Translations = Record<string, { label?: string } | undefined> | undefined;

export function LabelTranslationFields({ field, help }: { field: FieldMetadata<Translations>; help?: string }) {
  const { t } = useTranslation("staff");
  const languages = field.getFieldset();
  return (
    <>
      {OTHER_LANGUAGES.map((language) => {
        const label = languages[language]!.getFieldset().label;
        return (
          <TextField
            key={language}
            field={label}
            label={t("labelWords.optionalIn", { language: languageName(language) })}
            help={help}
          />
        );
      })}
    </>
  );
}

/** "Español: Grupo focal", or that it is not written yet, for each other language: for settings lists. */
export function LabelTranslationsLine({ translations }: { translations: Record<string, Record<string, string>> }) {
  const { t } = useTranslation("staff");
  return (
    <>
      {OTHER_LANGUAGES.map((language) => {
        const written = translations[language]?.label;
        return (
          <span key={language} className="block text-sm text-slate-700">
            {written ? (
              <>
                {t("labelWords.inLanguage", { language: languageName(language) })}{" "}
                <span lang={language}>{written}</span>
              </>
            ) : (
              t("labelWords.notWrittenIn", { language: languageName(language) })
            )}
          </span>
        );
      })}
    </>
  );
}
