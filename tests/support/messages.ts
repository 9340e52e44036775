// Messages travel as catalog keys (with their values) and are translated where they are shown. Tests
// that pin the wording read them in English, as an English-speaking reader sees them.
import { readMessage } from "~/i18n/message";
import { inEnglish } from "~/i18n/translate.server";

/** One message (a key, a key with values, or plain text) in English. */
export function englishOf(text: string) {
  const { key, values } = readMessage(text);
  return inEnglish(key, values);
}

/** A reply's errors, field by field, in English. */
export function englishErrors(errors: Record<string, string[] | null | undefined> | null | undefined) {
  return Object.fromEntries(
    Object.entries(errors ?? {}).map(([field, messages]) => [field, messages?.map(englishOf)]),
  ) as Record<string, string[] | undefined>;
}
