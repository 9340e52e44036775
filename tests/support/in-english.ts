// A reply carries its messages as catalog keys with their values (see app/i18n/message.ts), which the
// page translates for its reader. Tests read them as the English a person sees.
import { readMessage } from "~/i18n/message";
import { inEnglish } from "~/i18n/translate.server";

/** One message of a reply, in English. */
export function englishOf(text: string): string {
  const { key, values } = readMessage(text);
  return inEnglish(key, values);
}

/** A Conform reply's errors by field, each message in English. */
export function englishErrors(errors: Record<string, string[] | null> | null | undefined) {
  return Object.fromEntries(
    Object.entries(errors ?? {}).map(([field, messages]) => [field, messages ? messages.map(englishOf) : messages]),
  ) as Record<string, string[] | null>;
}
