import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { languageName, LANGUAGES } from "~/i18n/config";
import { Notice } from "./forms";

/**
 * A signed-in person's own language: each offered language by its own name, or "the same as my
 * browser". Saved to their account and remembered on this browser; a plain form, so it works
 * without JavaScript. `action` is the route that saves it.
 */
export function LanguageChoice({
  action,
  current,
  saved,
}: {
  action: string;
  /** Their saved language, or null when they follow their browser. */
  current: string | null;
  saved: boolean;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="language-choice-heading" className="card mt-6 max-w-2xl">
      <h2 id="language-choice-heading" className="text-lg font-semibold">
        {t("languageChoice.heading")}
      </h2>
      {saved ? (
        <div className="mt-3">
          <Notice>{t("languageChoice.saved")}</Notice>
        </div>
      ) : null}
      <Form method="post" action={action} className="mt-3">
        <label htmlFor="preferred-language" className="block font-medium">
          {t("language.preferred")}
        </label>
        <select
          id="preferred-language"
          name="language"
          defaultValue={current ?? ""}
          aria-describedby="preferred-language-help"
          className="input max-w-xs"
        >
          <option value="">{t("language.followBrowser")}</option>
          {LANGUAGES.map((language) => (
            // Each language by its own name, read out in that language.
            <option key={language} value={language} lang={language}>
              {languageName(language)}
            </option>
          ))}
        </select>
        <p id="preferred-language-help" className="mt-1 text-sm text-slate-700">
          {t("language.preferredHelp")}
        </p>
        <button type="submit" className="btn-primary mt-4">
          {t("languageChoice.save")}
        </button>
      </Form>
    </section>
  );
}
