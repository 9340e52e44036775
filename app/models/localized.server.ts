// Which of the organization's own words a reader sees: the wording of a consent purpose, an
// engagement's terms, an onboarding step, a kind of work. Staff write them in English and, if they
// choose, in other languages; a reader gets their language when the organization wrote it in full,
// and otherwise English, with `fallback` set so the page can say so.
import type { Translations } from "../../db/schema";
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from "~/i18n/config";
import { message } from "~/i18n/message";
import { RuleError } from "./errors";

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

/** A translation's field that still says what the English said before it changed. */
export type StaleTranslation = { language: Language; field: string };

const said = (value: string | null | undefined) => (value ?? "").trim();
const written = (words: Record<string, string> | undefined) => Object.values(words ?? {}).some((v) => said(v) !== "");

/**
 * Where a save would let a translation go on saying what the English used to say: a field whose English
 * changed while the same field of a translation that was written, and still is, stays as it was. A reader
 * of that language would then agree, under the new version, to the old meaning. Staff may say the
 * translation still says the same (`confirmed`, by language), write it anew, or clear it (its readers
 * then get the English). A translation written for the first time is written against the new English.
 */
export function staleTranslations<F extends string>(
  beforeEnglish: Partial<Record<F, string | null>>,
  afterEnglish: Partial<Record<F, string | null>>,
  beforeTranslations: Translations | null | undefined,
  afterTranslations: Translations | null | undefined,
  confirmed: readonly Language[],
): StaleTranslation[] {
  const fields = [...new Set([...Object.keys(beforeEnglish), ...Object.keys(afterEnglish)])] as F[];
  const changed = fields.filter((f) => said(beforeEnglish[f]) !== said(afterEnglish[f]));
  if (changed.length === 0) return [];
  const stale: StaleTranslation[] = [];
  for (const language of LANGUAGES) {
    if (language === DEFAULT_LANGUAGE || confirmed.includes(language)) continue;
    const before = beforeTranslations?.[language];
    const after = afterTranslations?.[language];
    if (!written(before) || !written(after)) continue;
    for (const field of changed) {
      if (said(before?.[field]) === said(after?.[field])) stale.push({ language, field });
    }
  }
  return stale;
}

/**
 * Refuses a save that leaves translations stale, with a message next to each such field (`where` names
 * it in the form) saying to update that language or to say it still says the same.
 */
export function refuseStaleTranslations(stale: StaleTranslation[], where: (stale: StaleTranslation) => string) {
  const [first, ...rest] = stale;
  if (!first) return;
  const key = "staff:staleTranslation.changed";
  const error = new RuleError(where(first), key, { language: first.language });
  error.also = rest.map((s) => ({ field: where(s), text: message(key, { language: s.language }) }));
  throw error;
}
