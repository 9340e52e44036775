// A message that travels before anyone knows who will read it: a rule broken in a model, a Zod check,
// a refusal thrown to an error page. It is a catalog key, with the values it needs, packed into one
// string so it passes through Zod and Conform untouched; the page translates it for its reader.
import type { TFunction } from "i18next";

/** Values a message is filled in with: numbers and short words, never personal data. */
export type MessageValues = Record<string, string | number>;

const VALUES_MARK = "|";

/** A translatable message: `message("common:validation.maxChars", { max: 200 })`. */
export function message(key: string, values?: MessageValues): string {
  return values ? `${key}${VALUES_MARK}${JSON.stringify(values)}` : key;
}

/** The key and values of a message made by `message`. */
export function readMessage(text: string): { key: string; values?: MessageValues } {
  const at = text.indexOf(VALUES_MARK);
  if (at < 0) return { key: text };
  try {
    return { key: text.slice(0, at), values: JSON.parse(text.slice(at + 1)) as MessageValues };
  } catch {
    return { key: text };
  }
}

/** A message in the reader's language. */
export function translateMessage(t: TFunction, text: string): string {
  const { key, values } = readMessage(text);
  // A key made at run time: the catalogs' completeness test, not the type checker, vouches for it.
  const translate = t as unknown as (key: string, options: object) => string;
  // A text that is not a key (a message from a library) is shown as it is rather than mangled.
  return translate(key, { ...values, defaultValue: text });
}
