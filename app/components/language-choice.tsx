import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { languageName, LANGUAGES } from "~/i18n/config";
import { useMessages } from "./forms";

/**
 * A signed-in person's own language: each offered language by its own name, or "the same as my
 * browser". A plain form, so it works without JavaScript; it posts to the page it is on.
 */
export function LanguageChoice({ current, error }: { current: string | null; error?: string }) {
  const { t } = useTranslation();
  const errorText = useMessages(error ? [error] : undefined);
  return (
    <Form method="post" className="card max-w-xl">
      <label htmlFor="preferred-language" className="block font-medium">
        {t("language.preferred")}
      </label>
      <select
        id="preferred-language"
        name="language"
        defaultValue={current ?? ""}
        aria-invalid={errorText ? true : undefined}
        aria-describedby={errorText ? "preferred-language-help preferred-language-error" : "preferred-language-help"}
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
      <p id="preferred-language-error" className="min-h-[1.25rem] text-sm font-medium text-red-800" aria-live="polite">
        {errorText}
      </p>
      <button type="submit" className="btn-primary mt-2">
        {t("languageChoice.save")}
      </button>
    </Form>
  );
}
