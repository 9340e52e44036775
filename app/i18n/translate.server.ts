// The server's translators: one i18next instance holding every catalog, and per-language views of it.
import i18next, { type TFunction } from "i18next";
import { DEFAULT_LANGUAGE, i18nOptions, LANGUAGES, type Language, type Namespace } from "./config";
import { addFormatters } from "./formatters";
import type { MessageValues } from "./message";
import { PSEUDO_LANGUAGE, pseudoLanguageOffered, resources } from "./resources.server";

/** Languages a request may ask for: the real ones, and the test-only pseudo language when offered. */
export function offeredLanguages(): Language[] {
  return pseudoLanguageOffered() ? [...LANGUAGES, PSEUDO_LANGUAGE] : [...LANGUAGES];
}

export function isOfferedLanguage(value: unknown): value is Language {
  return typeof value === "string" && offeredLanguages().includes(value);
}

const server = i18next.createInstance();
void server.init({ ...i18nOptions, supportedLngs: offeredLanguages(), resources, initImmediate: false });
addFormatters(server);

/** An i18next instance answering in one language, for rendering one page. Shares the loaded catalogs. */
export function i18nFor(language: Language) {
  return server.cloneInstance({ lng: isOfferedLanguage(language) ? language : DEFAULT_LANGUAGE, initImmediate: false });
}

/** A translator for one language and namespace: for emails, CSV headers and other server-made words. */
export function translator<N extends Namespace = "common">(language: Language, namespace?: N): TFunction<N> {
  return server.getFixedT(
    isOfferedLanguage(language) ? language : DEFAULT_LANGUAGE,
    namespace ?? "common",
  ) as TFunction<N>;
}

/** A message key in English: what an error's own `message` says, for logs-free tests and developers. */
export function inEnglish(key: string, values?: MessageValues): string {
  const translate = server.getFixedT(DEFAULT_LANGUAGE) as unknown as (key: string, options: object) => string;
  return translate(key, { ...values, defaultValue: key });
}
