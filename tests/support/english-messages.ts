// What a reply's messages say to an English reader. Actions send catalog keys with their values, which
// the page translates; a test that reads the reply reads them the way the page would show them.
import { readMessage } from "~/i18n/message";
import { inEnglish } from "~/i18n/translate.server";

/** One message (a catalog key, perhaps with values, or plain text) in English. */
export function inEnglishWords(text: string) {
  const { key, values } = readMessage(text);
  return inEnglish(key, values);
}

/** Conform's errors by field, each message in English. */
export function errorsInEnglish(errors: Record<string, string[] | null | undefined> | null | undefined) {
  return Object.fromEntries(
    Object.entries(errors ?? {}).map(([field, messages]) => [field, messages?.map(inEnglishWords) ?? messages]),
  ) as Record<string, string[] | undefined>;
}
