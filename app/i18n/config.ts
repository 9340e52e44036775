// The languages the app speaks and the options shared by the server and the browser. A language is
// data, not code: it is a line in `app/locales/languages.json` and a folder of catalogs beside it.
import languages from "~/locales/languages.json";

/** A language code from `app/locales/languages.json`, such as "en" or "es". */
export type Language = string;

export const LANGUAGES: readonly Language[] = languages.map((l) => l.code);
export const DEFAULT_LANGUAGE: Language = "en";

/**
 * The catalogs. `common` is on every page; `auth` on the pages before sign-in; `portal` and `staff` on
 * their areas; `email` only on the server.
 */
export const NAMESPACES = ["common", "auth", "portal", "staff", "email"] as const;
export type Namespace = (typeof NAMESPACES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && LANGUAGES.includes(value);
}

/** The language's own name, shown in the language switch in that language ("Español"). */
export function languageName(language: Language) {
  return languages.find((l) => l.code === language)?.name ?? language;
}

/** The locale `Intl` formats numbers, money and dates with: Spanish as written in the United States. */
export function intlLocale(language: Language) {
  return languages.find((l) => l.code === language)?.intl ?? "en-US";
}

/** i18next's options, the same on both sides so the browser renders what the server sent. */
export const i18nOptions = {
  supportedLngs: [...LANGUAGES],
  fallbackLng: DEFAULT_LANGUAGE,
  defaultNS: "common",
  fallbackNS: "common",
  // React escapes what it renders; escaping here too would show "&amp;" on the page.
  interpolation: { escapeValue: false },
  returnNull: false,
} as const;
