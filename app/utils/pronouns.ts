/**
 * The words staff pages use for a consultant in the third person, from the pronouns they gave
 * ("she/her", "he/him", "they/them"). The first pronoun listed decides ("she/they" reads "she").
 * Anything else, or nothing, falls back to the person's name and a neutral "their": we never guess.
 *
 * The English words below build English sentences only. Another language's grammar differs, so a
 * translated sentence about the person picks its variant by `pronoun` instead: a catalog entry with
 * a variant for "she", "he", "they" and "name" (the last one with `{{name}}`).
 */
export type PersonWords = {
  /** Which of the pronouns the product knows was given, or "name" when none was: picks a sentence's variant. */
  pronoun: "she" | "he" | "they" | "name";
  /** The person's name, for the "name" variant. */
  name: string;
  /** "she", "he", "they", or the name. */
  subject: string;
  /** "her", "him", "them", or the name. */
  object: string;
  /** "her", "his" or "their", before a noun: "her portal". */
  possessive: string;
  /** The verb that agrees with `subject`: `verb("has", "have")` is "have" only after "they". */
  verb: (singular: string, plural: string) => string;
};

const singular = (one: string) => one;
const plural = (_one: string, many: string) => many;

type Known = Omit<PersonWords, "verb" | "name" | "pronoun"> & { pronoun: "she" | "he" | "they"; plural: boolean };
const SHE: Known = { pronoun: "she", subject: "she", object: "her", possessive: "her", plural: false };
const HE: Known = { pronoun: "he", subject: "he", object: "him", possessive: "his", plural: false };
const THEY: Known = { pronoun: "they", subject: "they", object: "them", possessive: "their", plural: true };
// The object form first ("her/she") means the same person.
const KNOWN = new Map<string, Known>([
  ["she", SHE],
  ["her", SHE],
  ["he", HE],
  ["him", HE],
  ["they", THEY],
  ["them", THEY],
]);

export function personWords(name: string, pronouns: string | null | undefined): PersonWords {
  const first =
    (pronouns ?? "")
      .trim()
      .toLowerCase()
      .split(/[\s/,;|]+/)[0] ?? "";
  const known = KNOWN.get(first);
  if (!known) return { pronoun: "name", name, subject: name, object: name, possessive: "their", verb: singular };
  return {
    pronoun: known.pronoun,
    name,
    subject: known.subject,
    object: known.object,
    possessive: known.possessive,
    verb: known.plural ? plural : singular,
  };
}

/** "she" → "She", for the start of a sentence. */
export const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * The i18next `context` of a catalog sentence about a person: "she", "he" or "they" from the pronouns
 * they gave, or undefined for the sentence that uses their name. Each language words its own variants
 * (`askAgain`, `askAgain_she`, `askAgain_he`, `askAgain_they`), since pronouns do not translate word
 * for word.
 */
export function pronounContext(pronouns: string | null | undefined): "she" | "he" | "they" | undefined {
  const subject = personWords("", pronouns).subject;
  return subject === "she" || subject === "he" || subject === "they" ? subject : undefined;
}
