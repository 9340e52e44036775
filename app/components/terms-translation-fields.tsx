import { useId } from "react";
import { useTranslation } from "react-i18next";
import { languageName } from "~/i18n/config";
import { TERMS_WORDS_FIELDS, TRANSLATION_LANGUAGES, type TermsWordsField } from "~/utils/terms-words";
import { useLanguageInProse } from "./consent-wording";
import { CheckboxField, TextAreaField, TextField } from "./forms";

type Meta = Parameters<typeof TextField>[0]["field"];
type Fieldset = { getFieldset(): Record<string, Meta | undefined> };

/** The form's `translations` field: one set of fields per language (`translations.es.title`, ...). */
type TranslationsField = { getFieldset(): Record<string, Fieldset | undefined> };

// Long texts get a box of several lines, as their English fields do.
const LONG: readonly TermsWordsField[] = ["scopeWhat", "expensesPolicy", "cancellationTerms"];

/**
 * The words of the terms in each language besides English, for the engagement form: one optional
 * set of fields per language of languages.json, labelled with the language's own name. What is
 * typed is marked with its language, so screen readers and spell checkers read it as such. When
 * changing terms, each language already `written` gets a box to say it still says the same as a
 * changed English (`stillSame`).
 */
export function TermsTranslationFields({
  translations,
  stillSame,
  written = [],
}: {
  translations: TranslationsField;
  stillSame?: { getFieldset(): Record<string, Meta | undefined> };
  written?: readonly string[];
}) {
  const { t } = useTranslation("staff");
  const inProse = useLanguageInProse();
  const id = useId();
  const languages = translations.getFieldset();
  const boxes = stillSame?.getFieldset();
  if (TRANSLATION_LANGUAGES.length === 0) return null;
  return (
    <section aria-labelledby={id} className="card mb-6">
      <h2 id={id} className="mb-2 text-lg font-semibold">
        {t("termsWords.form.heading")}
      </h2>
      <p className="mb-4 text-slate-700">{t("termsWords.form.intro")}</p>
      {TRANSLATION_LANGUAGES.map((language) => {
        const fields = languages[language]?.getFieldset();
        if (!fields) return null;
        return (
          <fieldset key={language} className="mb-2">
            <legend className="mb-1 font-semibold">
              {t("termsWords.form.legend", { language: languageName(language) })}
            </legend>
            <p className="mb-3 text-sm text-slate-700">{t("termsWords.form.allOrNone")}</p>
            {TERMS_WORDS_FIELDS.map((name) => {
              const field = fields[name];
              if (!field) return null;
              const label = t(`termsWords.form.fields.${name}`);
              return LONG.includes(name) ? (
                <TextAreaField
                  key={name}
                  field={field}
                  label={label}
                  lang={language}
                  rows={name === "scopeWhat" ? 4 : 3}
                />
              ) : (
                <TextField key={name} field={field} label={label} lang={language} />
              );
            })}
            {boxes?.[language] && written.includes(language) ? (
              <CheckboxField
                field={boxes[language]}
                label={t("staleTranslation.stillSame", { language: inProse(language) })}
                help={t("staleTranslation.stillSameHelp", { language: inProse(language) })}
              />
            ) : null}
          </fieldset>
        );
      })}
    </section>
  );
}
