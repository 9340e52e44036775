// Which of the organization's own words a reader sees: the wording of a consent purpose, an
// engagement's terms, an onboarding step, a kind of work. Staff write them in English and, if they
// choose, in other languages; a reader gets their language when the organization wrote it in full,
// and otherwise English, with `fallback` set so the page can say so.
import type { Translations } from "../../db/schema";
import { DEFAULT_LANGUAGE, type Language } from "~/i18n/config";

export type Localized<F extends string> = {
  words: Record<F, string | null>;
  /** The language `words` are in: what a consent or an acceptance records as shown. */
  language: Language;
  /** True when the reader's language was not written and they see English instead. */
  fallback: boolean;
};

/**
 * The words of `fields` for a reader of `language`. All or nothing: a translation missing a field the
 * English has is not shown, so nobody reads half a text in one language and half in another.
 */
export function localized<F extends string>(
  english: Record<F, string | null>,
  translations: Translations | null | undefined,
  language: Language,
  fields: readonly F[],
): Localized<F> {
  if (language === DEFAULT_LANGUAGE) return { words: english, language: DEFAULT_LANGUAGE, fallback: false };
  const other = translations?.[language];
  const complete = other && fields.every((f) => english[f] === null || english[f] === "" || Boolean(other[f]?.trim()));
  if (!complete) return { words: english, language: DEFAULT_LANGUAGE, fallback: true };
  const words = Object.fromEntries(fields.map((f) => [f, english[f] === null ? null : other[f]!])) as Record<
    F,
    string | null
  >;
  return { words, language, fallback: false };
}

/** Whether two sets of translations say the same: a change in any language makes a new version. */
export function sameTranslations(a: Translations | null | undefined, b: Translations | null | undefined) {
  const clean = (t: Translations | null | undefined) =>
    JSON.stringify(
      Object.fromEntries(
        Object.entries(t ?? {})
          .map(([language, fields]) => [
            language,
            Object.fromEntries(
              Object.entries(fields)
                .filter(([, v]) => v.trim() !== "")
                .sort(([x], [y]) => x.localeCompare(y)),
            ),
          ])
          .filter(([, fields]) => Object.keys(fields as object).length > 0)
          .sort(([x], [y]) => String(x).localeCompare(String(y))),
      ),
    );
  return clean(a) === clean(b);
}
