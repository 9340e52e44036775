// The part of a settings form where staff write the organization's own words in the other languages
// the app speaks, beside the English: one field set per language, built from LANGUAGES, so a language
// added to app/locales/languages.json gets its fields without a code change. Shared by the server
// (the action parses with it) and the browser (the form shows its messages).
import { z } from "zod";
import type { Translations } from "../../db/schema";
import { DEFAULT_LANGUAGE, LANGUAGES, languageName, type Language } from "../i18n/config";
import { message } from "../i18n/message";

/** The languages staff may add a translation in: every one the app speaks but English. */
export const TRANSLATION_LANGUAGES: readonly Language[] = LANGUAGES.filter((l) => l !== DEFAULT_LANGUAGE);

/** A form field's name for one field of one language: `translations.es.text`. */
export const translationFieldName = (language: Language, field: string) => `translations.${language}.${field}`;

/**
 * `translations.<language>.<field>` for every other language, each field checked like its English
 * (`fields`, the same length limits), optional as a whole. A language with some fields written and
 * others empty is refused, with `missing[field]` next to each empty one: a reader is never shown half a
 * text in one language and half in another. Gives the filled languages only, as stored.
 */
export function translationsField<F extends string>(fields: Record<F, z.ZodString>, missing: Record<F, string>) {
  const names = Object.keys(fields) as F[];
  const language = z
    .object(
      Object.fromEntries(names.map((name) => [name, fields[name].optional()])) as Record<F, z.ZodOptional<z.ZodString>>,
    )
    .optional();
  return z
    .object(Object.fromEntries(TRANSLATION_LANGUAGES.map((l) => [l, language])))
    .optional()
    .superRefine(
      (value, ctx) => {
        for (const l of TRANSLATION_LANGUAGES) {
          const given = (value?.[l] ?? {}) as Partial<Record<F, unknown>>;
          if (!names.some((name) => given[name])) continue;
          for (const name of names) {
            if (given[name]) continue;
            ctx.addIssue({
              code: "custom",
              path: [l, name],
              message: message(missing[name], { language: languageName(l) }),
            });
          }
        }
      },
      // Also when a field is malformed, so every message shows in one round trip.
      { when: () => true },
    )
    .transform((value): Translations => {
      const out: Translations = {};
      for (const l of TRANSLATION_LANGUAGES) {
        const given = (value?.[l] ?? {}) as Partial<Record<F, string>>;
        if (names.every((name) => given[name])) out[l] = Object.fromEntries(names.map((n) => [n, given[n]!]));
      }
      return out;
    });
}

/**
 * `stillSame.<language>`, a box per other language: staff saying a translation still says the same
 * after a change to the English, so the save may keep it as it is. Gives the languages ticked.
 */
export const stillSameField = z
  .object(Object.fromEntries(TRANSLATION_LANGUAGES.map((l) => [l, z.boolean().default(false)])))
  .optional()
  .transform((ticked): Language[] => TRANSLATION_LANGUAGES.filter((l) => ticked?.[l] === true));
