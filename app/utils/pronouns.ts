/**
 * The words staff pages use for a consultant in the third person, from the pronouns they gave
 * ("she/her", "he/him", "they/them"). The first pronoun listed decides ("she/they" reads "she").
 * Anything else, or nothing, falls back to the person's name and a neutral "their": we never guess.
 */
export type PersonWords = {
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

type Known = Omit<PersonWords, "verb"> & { plural: boolean };
const SHE: Known = { subject: "she", object: "her", possessive: "her", plural: false };
const HE: Known = { subject: "he", object: "him", possessive: "his", plural: false };
const THEY: Known = { subject: "they", object: "them", possessive: "their", plural: true };
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
  if (!known) return { subject: name, object: name, possessive: "their", verb: singular };
  return {
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
