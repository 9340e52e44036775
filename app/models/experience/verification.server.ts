// The public check of a letter of experience (/verify): whoever holds a letter types its code and
// learns whether a letter with that code is genuine, revoked or unknown, its date, and the facts of
// the letter as it was issued that they can compare with the copy in hand (the total hours and the
// first and last month of the work): a code printed on a changed or invented letter then gives itself
// away. Never who it is about, which organization issued it, pay, roles or the signer: someone who
// found a code without the letter must learn nothing that points to a person or an organization.
import { eq } from "drizzle-orm";
import { experienceLetterCodes, experienceLetters, type ExperienceStatement } from "../../../db/schema";
import { db } from "../../utils/db.server";
import { LETTER_CODE_LENGTH, letterCodeDigest, normalizeLetterCode } from "./letters.server";

/** What a letter states that a holder can compare: months are YYYY-MM, null when it states no dates. */
export type LetterFacts = { totalHundredths: number; firstMonth: string | null; lastMonth: string | null };

export type LetterCheck =
  { result: "genuine" | "revoked"; issuedOn: string; facts: LetterFacts | null } | { result: "not-found" };

/**
 * The comparable facts of a frozen statement; null once it was erased at the consultant's request.
 * Its days are the organization's calendar days (work days as they were recorded, where it is), so
 * their month is read from them as they are.
 */
function factsOf(statement: ExperienceStatement | null): LetterFacts | null {
  if (!statement) return null;
  return {
    totalHundredths: statement.totalHundredths,
    firstMonth: statement.firstDay?.slice(0, 7) ?? null,
    lastMonth: statement.lastDay?.slice(0, 7) ?? null,
  };
}

export function checkLetterCode(code: string): LetterCheck {
  if (normalizeLetterCode(code).length !== LETTER_CODE_LENGTH) return { result: "not-found" };
  const found = db
    .select({
      status: experienceLetters.status,
      issuedOn: experienceLetters.issuedOn,
      statement: experienceLetters.statement,
    })
    .from(experienceLetterCodes)
    .innerJoin(experienceLetters, eq(experienceLetters.id, experienceLetterCodes.letterId))
    .where(eq(experienceLetterCodes.codeHash, letterCodeDigest(code)))
    .get();
  if (!found?.issuedOn) return { result: "not-found" };
  if (found.status !== "issued" && found.status !== "revoked") return { result: "not-found" };
  const result = found.status === "issued" ? "genuine" : "revoked";
  return { result, issuedOn: found.issuedOn, facts: factsOf(found.statement) };
}
