import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { languageName, type Language } from "~/i18n/config";
import { TERMS_WORDS_FIELDS, type TermsWordsField } from "~/utils/terms-words";
import { SupportPlanAsRead, type PlanItemView } from "./support-plan";

/**
 * A language's name as it reads inside a sentence of the page ("Spanish", "español"), from the
 * `common` catalog; a language the catalog does not name yet is called by its own name.
 */
export function useLanguageInSentence() {
  const { t } = useTranslation("common");
  return useCallback(
    (language: Language) =>
      // A key made at run time from languages.json: the default covers a language added without one.
      (t as unknown as (key: string, options: object) => string)(`termsWords.languageNames.${language}`, {
        defaultValue: languageName(language),
      }),
    [t],
  );
}

export type AsRead = { language: Language; words: Record<TermsWordsField, string | null> };

/**
 * One answer's words, as the person read them and in the language they read them in, whatever the
 * terms say now: the language named, and the words behind a disclosure. Used by the staff page and
 * the portal alike.
 */
export function TermsAsRead({
  version,
  asRead,
  plan,
}: {
  version: number;
  asRead: AsRead;
  /** The support plan kept with the answer, part of its terms (none for an answer from before plans). */
  plan?: PlanItemView[] | null;
}) {
  const { t } = useTranslation("common");
  const inSentence = useLanguageInSentence();
  const shown = TERMS_WORDS_FIELDS.filter((field) => asRead.words[field]);
  return (
    <>
      <span className="block">{t("termsWords.givenIn", { language: inSentence(asRead.language) })}</span>
      <details className="mt-1">
        <summary className="link inline-flex min-h-[44px] cursor-pointer items-center">
          {t("termsWords.asRead", { version })}
        </summary>
        <dl className="mt-1 space-y-1">
          {shown.map((field) => (
            <div key={field}>
              <dt className="font-medium">{t(`termsWords.labels.${field}`)}</dt>
              <dd lang={asRead.language} className="whitespace-pre-wrap">
                {asRead.words[field]}
              </dd>
            </div>
          ))}
          <SupportPlanAsRead plan={plan} />
        </dl>
      </details>
    </>
  );
}
