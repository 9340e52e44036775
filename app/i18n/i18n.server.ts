// Which language a request is answered in, and the server's translators.
//
// The order: a signed-in person's saved preference; then the language they picked with the switch
// (a cookie, no account needed); then what their browser asks for (Accept-Language); then English.
import { Cookie } from "lucia";
import { RemixI18Next } from "remix-i18next/server";
import { readCookie } from "~/utils/auth/cookies.server";
import { isProduction } from "~/utils/env.server";
import { DEFAULT_LANGUAGE, type Language } from "./config";
import { isOfferedLanguage, offeredLanguages } from "./translate.server";

export { i18nFor, isOfferedLanguage, translator } from "./translate.server";

const LANGUAGE_COOKIE = "lang";

/**
 * The language chosen with the switch before sign-in, as plain text ("es"): not personal, it says only
 * which language. Kept a year, on this browser only.
 */
export function rememberLanguage(language: Language) {
  return languageCookie(language, 60 * 60 * 24 * 365);
}

/**
 * After signing out: the language stays for the rest of this visit (the signed-out page is still in it)
 * but is gone when the browser closes, so a shared device does not keep it for the next person.
 */
export function keepLanguageForThisVisit(request: Request) {
  const language = readCookie(request, LANGUAGE_COOKIE);
  return isOfferedLanguage(language) ? languageCookie(language) : forgetLanguage();
}

/** A person's own language saved: this browser remembers it too, or forgets it for "the same as my browser". */
export function rememberOwnLanguage(language: string | null) {
  return isOfferedLanguage(language) ? rememberLanguage(language) : forgetLanguage();
}

/** The Set-Cookie header that forgets it: the browser's own languages count again. */
export function forgetLanguage() {
  return languageCookie("", 0);
}

function languageCookie(value: string, maxAge?: number) {
  return new Cookie(LANGUAGE_COOKIE, value, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: isProduction(),
    ...(maxAge === undefined ? {} : { maxAge }),
  }).serialize();
}

let detector: RemixI18Next | undefined;
function getDetector() {
  detector ??= new RemixI18Next({
    detection: {
      supportedLanguages: offeredLanguages(),
      fallbackLanguage: DEFAULT_LANGUAGE,
      findLocale: async (request) => readCookie(request, LANGUAGE_COOKIE),
      // Never the address: a language in a URL would be kept in history and shared links.
      order: ["custom", "header"],
    },
  });
  return detector;
}

/** The language for a request from someone not signed in (or with no saved preference). */
export async function requestLanguage(request: Request): Promise<Language> {
  const detected = await getDetector().getLocale(request);
  return isOfferedLanguage(detected) ? detected : DEFAULT_LANGUAGE;
}

/** A signed-in person's language: their saved preference, or what their browser asks for. */
export async function languageFor(request: Request, preferred: string | null | undefined): Promise<Language> {
  return isOfferedLanguage(preferred) ? preferred : requestLanguage(request);
}
