// The public check of a letter of experience (/verify): whoever holds a letter types its code and
// learns only whether a letter with that code is genuine, revoked or unknown, and its date. Never who
// it is about, nor which organization issued it: the holder has the letter itself.
import { eq } from "drizzle-orm";
import { experienceLetterCodes, experienceLetters } from "../../../db/schema";
import { db } from "../../utils/db.server";
import { LETTER_CODE_LENGTH, letterCodeDigest, normalizeLetterCode } from "./letters.server";

export type LetterCheck =
  { result: "genuine"; issuedOn: string } | { result: "revoked"; issuedOn: string } | { result: "not-found" };

export function checkLetterCode(code: string): LetterCheck {
  if (normalizeLetterCode(code).length !== LETTER_CODE_LENGTH) return { result: "not-found" };
  const found = db
    .select({ status: experienceLetters.status, issuedOn: experienceLetters.issuedOn })
    .from(experienceLetterCodes)
    .innerJoin(experienceLetters, eq(experienceLetters.id, experienceLetterCodes.letterId))
    .where(eq(experienceLetterCodes.codeHash, letterCodeDigest(code)))
    .get();
  if (!found?.issuedOn) return { result: "not-found" };
  if (found.status === "issued") return { result: "genuine", issuedOn: found.issuedOn };
  if (found.status === "revoked") return { result: "revoked", issuedOn: found.issuedOn };
  return { result: "not-found" };
}
