// Which language a request is answered in, and the server's translators.
//
// The order: a signed-in person's saved preference; then the language they picked with the switch
// (a cookie, no account needed); then what their browser asks for (Accept-Language); then English.
import type { Cookie, CookieSerializeOptions } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { isProduction } from "~/utils/env.server";
import { DEFAULT_LANGUAGE, type Language } from "./config";
import { isOfferedLanguage, offeredLanguages } from "./translate.server";

export { i18nFor, isOfferedLanguage, translator } from "./translate.server";

const LANGUAGE_COOKIE = "lang";
const LANGUAGE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;
const LANGUAGE_CODE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** A language cookie's value: plain ("es"), or as Remix's own cookies encode it (base64 of JSON). */
function readLanguageValue(raw: string): string | null {
  const value = decodeURIComponent(raw);
  if (LANGUAGE_CODE.test(value)) return value;
  try {
    const decoded: unknown = JSON.parse(atob(value));
    return typeof decoded === "string" && LANGUAGE_CODE.test(decoded) ? decoded : null;
  } catch {
    return null;
  }
}

/**
 * The language chosen with the switch before sign-in (or remembered at sign-in). Not personal: it says
 * only which language. Written as plain text ("lang=es"), so it reads the same to the server, to a
 * test that sets it by hand, and to anyone looking at their browser's cookies.
 */
export const languageCookie: Cookie = {
  name: LANGUAGE_COOKIE,
  isSigned: false,
  expires: undefined,
  async parse(header) {
    for (const part of (header ?? "").split(";")) {
      const at = part.indexOf("=");
      if (at > 0 && part.slice(0, at).trim() === LANGUAGE_COOKIE) return readLanguageValue(part.slice(at + 1).trim());
    }
    return null;
  },
  async serialize(value: unknown, options?: CookieSerializeOptions) {
    const language = typeof value === "string" && LANGUAGE_CODE.test(value) ? value : "";
    const maxAge = language ? (options?.maxAge ?? LANGUAGE_COOKIE_MAX_AGE) : 0;
    const attributes = [`${LANGUAGE_COOKIE}=${language}`, "Path=/", `Max-Age=${maxAge}`, "HttpOnly", "SameSite=Lax"];
    if (isProduction()) attributes.push("Secure");
    return attributes.join("; ");
  },
};

let detector: RemixI18Next | undefined;
function getDetector() {
  detector ??= new RemixI18Next({
    detection: {
      supportedLanguages: offeredLanguages(),
      fallbackLanguage: DEFAULT_LANGUAGE,
      cookie: languageCookie,
      // Never the address: a language in a URL would be kept in history and shared links.
      order: ["cookie", "header"],
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

/** The Set-Cookie header that remembers a language on this browser. */
export function rememberLanguage(language: Language) {
  return languageCookie.serialize(language);
}

/** The Set-Cookie header that forgets it: the browser's own languages count again. */
export function forgetLanguage() {
  return languageCookie.serialize("");
}
