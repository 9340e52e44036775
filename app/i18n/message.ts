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

// Names i18next reads as instructions rather than values: a message's values must never choose the
// language, the namespace, the fallback text or how values are escaped. (`count` and `context` stay:
// they only pick a sentence's plural or variant, as the catalogs intend.)
const OPTION_NAMES = new Set([
  "lng",
  "lngs",
  "ns",
  "defaultValue",
  "fallbackLng",
  "interpolation",
  "replace",
  "returnObjects",
  "returnDetails",
  "joinArrays",
  "postProcess",
  "keySeparator",
  "nsSeparator",
  "ordinal",
  "skipInterpolation",
]);
const VALUE_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** Only flat words and numbers under plain names: anything else in a message is dropped, not obeyed. */
function plainValues(parsed: unknown): MessageValues | undefined {
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
  const values: MessageValues = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (!VALUE_NAME.test(name) || OPTION_NAMES.has(name)) continue;
    if (typeof value === "string" || (typeof value === "number" && Number.isFinite(value))) values[name] = value;
  }
  return values;
}

/** The key and values of a message made by `message`. */
export function readMessage(text: string): { key: string; values?: MessageValues } {
  const at = text.indexOf(VALUES_MARK);
  if (at < 0) return { key: text };
  try {
    return { key: text.slice(0, at), values: plainValues(JSON.parse(text.slice(at + 1))) };
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
