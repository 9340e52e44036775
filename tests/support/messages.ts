// What a person reading English sees for a message the server sends as a catalog key (see
// `~/i18n/message`): tests keep asserting the words a person reads, not the keys.
import { NAMESPACES } from "~/i18n/config";
import { readMessage } from "~/i18n/message";
import { inEnglish } from "~/i18n/translate.server";

const MESSAGE_KEY = new RegExp(`^(${NAMESPACES.join("|")}):[\\w.]+(\\|.*)?$`, "s");

/** A message (a key with its values, or plain text, left as it is) in English. */
export function english(text: string): string {
  if (!MESSAGE_KEY.test(text)) return text;
  const { key, values } = readMessage(text);
  return inEnglish(key, values);
}

/** An action's or loader's data with every message in it in English (a Conform reply, `{ errors }`…). */
export function inEnglishData<T>(value: T): T {
  if (typeof value === "string") return english(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => inEnglishData(v)) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inEnglishData(v)])) as T;
  }
  return value;
}

/** One message (a key, a key with values, or plain text) in English. */
export function englishOf(text: string) {
  return english(text);
}

/** A reply's errors, field by field, in English. */
export function englishErrors(errors: Record<string, string[] | null | undefined> | null | undefined) {
  return Object.fromEntries(
    Object.entries(errors ?? {}).map(([field, messages]) => [field, messages?.map(english)]),
  ) as Record<string, string[] | undefined>;
}
