// Components rendered on their own, as the server would render them for a reader of `language`.
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { i18nFor } from "~/i18n/translate.server";

export function renderIn(element: ReactElement, language = "en") {
  return renderToStaticMarkup(<I18nextProvider i18n={i18nFor(language)}>{element}</I18nextProvider>);
}
