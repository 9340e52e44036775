import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { languageName, LANGUAGES } from "~/i18n/config";
import { useLanguage } from "~/i18n/page-language";

/**
 * "Español" on an English page, "English" on a Spanish one: each other language by its own name, so a
 * person who cannot read this page's language can still find theirs. Works without JavaScript.
 */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const current = useLanguage();
  // The query too: a password-reset page is only usable with the token in its address.
  const { pathname, search } = useLocation();
  const others = LANGUAGES.filter((language) => language !== current);
  if (others.length === 0) return null;
  return (
    <Form
      method="post"
      action="/language"
      className="flex flex-wrap items-center gap-2"
      aria-label={t("language.label")}
    >
      <input type="hidden" name="returnTo" value={`${pathname}${search}`} />
      {others.map((language) => (
        <button key={language} type="submit" name="language" value={language} lang={language} className="link">
          {languageName(language)}
        </button>
      ))}
    </Form>
  );
}
