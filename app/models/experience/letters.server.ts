// Letters of experience. The consultant asks for one from the portal with their choices (pay, the
// organization's name); an admin issues it from the consultant's record, signed with their name and
// title, and what it states is frozen then; or the consultant takes the request back. An issued
// letter can be revoked. Every printed copy carries a code of its own that anyone can check at
// /verify (./verification.server.ts): the code is shown once, on that copy, and only its digest is
// kept, as for invitation and reset links.
import { randomInt } from "node:crypto";
import { and, desc, eq, inArray, ne } from "drizzle-orm";
import { experienceLetterCodes, experienceLetters, type ExperienceStatement } from "../../../db/schema";
import { db, type Executor } from "../../utils/db.server";
import { recordAudit } from "../../utils/audit.server";
import { composeEmailForEveryLanguage, deliverEmail, enqueueEmail } from "../../utils/email.server";
import { sha256 } from "../../utils/tokens.server";
import { notifyConsultant } from "../contact.server";
import { requireOwnConsultantId } from "../consultant/own.server";
import { NotFoundError, RuleError } from "../errors";
import { notificationLanguage } from "../language.server";
import { activeAdminInboxes, assertMemberCan } from "../membership.server";
import { organizationToday } from "../settings.server";
import { experienceStatement, type ExperienceChoices } from "./record.server";

// --- Codes --------------------------------------------------------------------------------------

// Crockford's base32: no I, L, O or U, so nothing typed from paper is mistaken for another letter.
const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
// 20 characters, 100 random bits: no one finds a letter by guessing, even without the limit on tries.
export const LETTER_CODE_LENGTH = 20;

function newLetterCode() {
  let code = "";
  for (let i = 0; i < LETTER_CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code.match(/.{4}/g)!.join("-");
}

/** People copy codes with spaces, dashes or small letters, and read I, L and O as 1 and 0. */
export function normalizeLetterCode(code: string) {
  return code
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, "")
    .replace(/[IL]/g, "1")
    .replace(/O/g, "0");
}

/** The digest a code is kept as: the one home of how a letter's code is stored. */
export function letterCodeDigest(code: string) {
  return sha256(`experience-letter:${normalizeLetterCode(code)}`);
}

/** Makes the code for one printed copy of an issued letter; returns it, to be shown once. */
function writeLetterCode(tx: Executor, args: { organizationId: string; letterId: string; userId: string }) {
  const code = newLetterCode();
  tx.insert(experienceLetterCodes)
    .values({
      organizationId: args.organizationId,
      letterId: args.letterId,
      codeHash: letterCodeDigest(code),
      createdByUserId: args.userId,
    })
    .run();
  return code;
}

// --- Reading ------------------------------------------------------------------------------------

const letterColumns = {
  id: experienceLetters.id,
  status: experienceLetters.status,
  includePay: experienceLetters.includePay,
  includeOrganization: experienceLetters.includeOrganization,
  requestedAt: experienceLetters.requestedAt,
  issuedOn: experienceLetters.issuedOn,
  signerName: experienceLetters.signerName,
  signerTitle: experienceLetters.signerTitle,
  revokedAt: experienceLetters.revokedAt,
};

/** A consultant's letters, newest first; requests they took back are left out. */
export function lettersOfConsultant(tx: Executor, organizationId: string, consultantId: string) {
  return tx
    .select(letterColumns)
    .from(experienceLetters)
    .where(
      and(
        eq(experienceLetters.organizationId, organizationId),
        eq(experienceLetters.consultantId, consultantId),
        ne(experienceLetters.status, "withdrawn"),
      ),
    )
    .orderBy(desc(experienceLetters.requestedAt), desc(experienceLetters.id))
    .all();
}

function findLetter(tx: Executor, organizationId: string, consultantId: string, letterId: string) {
  const row = tx
    .select()
    .from(experienceLetters)
    .where(
      and(
        eq(experienceLetters.id, letterId),
        eq(experienceLetters.organizationId, organizationId),
        eq(experienceLetters.consultantId, consultantId),
      ),
    )
    .get();
  if (!row) throw new NotFoundError("common:experience.letterNotFound");
  return row;
}

/** A letter as it was issued, for printing: its words, who signed it and when. */
function issuedLetter(row: typeof experienceLetters.$inferSelect) {
  return {
    id: row.id,
    status: row.status as "issued" | "revoked",
    issuedOn: row.issuedOn!,
    signerName: row.signerName!,
    signerTitle: row.signerTitle!,
    revokedAt: row.revokedAt,
    // Null once the consultant's record was erased at their request.
    statement: row.statement as ExperienceStatement | null,
  };
}

export type IssuedLetter = ReturnType<typeof issuedLetter>;

// --- The consultant's side ----------------------------------------------------------------------

type Own = { organizationId: string; userId: string };

/** The signed-in consultant's record of experience today, with the choices they made on the page. */
export function ownExperienceRecord(args: Own & { choices: ExperienceChoices }) {
  const consultantId = requireOwnConsultantId(db, args.organizationId, args.userId);
  return experienceStatement(db, args.organizationId, consultantId, args.choices);
}

/** The signed-in consultant's letters: waiting, issued and revoked. */
export function listOwnLetters(args: Own) {
  const consultantId = requireOwnConsultantId(db, args.organizationId, args.userId);
  return lettersOfConsultant(db, args.organizationId, consultantId);
}

/** One issued (or revoked) letter of the signed-in consultant; anyone else's, or a request, is a 404. */
export function getOwnLetter(args: Own & { letterId: string }) {
  const consultantId = requireOwnConsultantId(db, args.organizationId, args.userId);
  const row = findLetter(db, args.organizationId, consultantId, args.letterId);
  if (row.status !== "issued" && row.status !== "revoked") throw new NotFoundError("common:experience.letterNotFound");
  return issuedLetter(row);
}

/**
 * The consultant asks for a letter, saying what it may include. A request still waiting is replaced
 * by the new one (so an admin always issues the latest choices). The organization's admins get an
 * email that says only that something waits.
 */
export async function askForLetter(args: Own & { choices: ExperienceChoices }) {
  const consultantId = requireOwnConsultantId(db, args.organizationId, args.userId);
  const composedIn = await composeEmailForEveryLanguage({
    template: "staff-notice",
    path: `/consultants/${consultantId}/letters`,
  });
  const result = db.transaction((tx) => {
    if (experienceStatement(tx, args.organizationId, consultantId, args.choices).work.length === 0) {
      throw new RuleError(null, "portal:experience.errors.noWorkYet");
    }
    const now = new Date();
    const replaced = tx
      .update(experienceLetters)
      .set({ status: "withdrawn", withdrawnAt: now })
      .where(
        and(
          eq(experienceLetters.organizationId, args.organizationId),
          eq(experienceLetters.consultantId, consultantId),
          eq(experienceLetters.status, "requested"),
        ),
      )
      .returning({ id: experienceLetters.id })
      .all();
    const letter = tx
      .insert(experienceLetters)
      .values({
        organizationId: args.organizationId,
        consultantId,
        includePay: args.choices.includePay,
        includeOrganization: args.choices.includeOrganization,
        requestedByUserId: args.userId,
        requestedAt: now,
      })
      .returning({ id: experienceLetters.id })
      .get();
    recordAudit(tx, {
      actorUserId: args.userId,
      organizationId: args.organizationId,
      action: "experience_letter.requested",
      subjectType: "experience_letter",
      subjectId: letter.id,
      changedFields: ["includePay", "includeOrganization"],
    });
    // Asking again changes only the choices: the admins already know a request waits.
    if (replaced.length > 0) return { letterId: letter.id, outboxIds: [] as string[] };
    const outboxIds = activeAdminInboxes(tx, args.organizationId).map((admin) =>
      enqueueEmail(tx, admin.email, composedIn(notificationLanguage({ userLanguage: admin.language }))),
    );
    return { letterId: letter.id, outboxIds };
  });
  for (const id of result.outboxIds) void deliverEmail(id);
  return { letterId: result.letterId };
}

/** The consultant takes back a request not yet issued. Taking it back twice changes nothing. */
export function withdrawLetterRequest(args: Own & { letterId: string }) {
  db.transaction((tx) => {
    const consultantId = requireOwnConsultantId(tx, args.organizationId, args.userId);
    const letter = findLetter(tx, args.organizationId, consultantId, args.letterId);
    if (letter.status === "withdrawn") return;
    if (letter.status !== "requested") throw new RuleError(null, "portal:experience.errors.alreadyIssued");
    tx.update(experienceLetters)
      .set({ status: "withdrawn", withdrawnAt: new Date() })
      .where(eq(experienceLetters.id, letter.id))
      .run();
    recordAudit(tx, {
      actorUserId: args.userId,
      organizationId: args.organizationId,
      action: "experience_letter.withdrawn",
      subjectType: "experience_letter",
      subjectId: letter.id,
      changedFields: ["status"],
    });
  });
}

function copyOf(
  tx: Executor,
  args: { organizationId: string; consultantId: string; letterId: string; userId: string },
  revokedMessage: string,
) {
  const letter = findLetter(tx, args.organizationId, args.consultantId, args.letterId);
  if (letter.status === "revoked") throw new RuleError(null, revokedMessage);
  if (letter.status !== "issued") throw new NotFoundError("common:experience.letterNotFound");
  // Erased at the consultant's request: a new copy would be a signed letter that says nothing, with a
  // code that checks as genuine. Copies made before keep checking.
  if (letter.statement === null) throw new RuleError(null, "common:experience.erasedNoCopy");
  const code = writeLetterCode(tx, { organizationId: args.organizationId, letterId: letter.id, userId: args.userId });
  recordAudit(tx, {
    actorUserId: args.userId,
    organizationId: args.organizationId,
    action: "experience_letter.copy_made",
    subjectType: "experience_letter",
    subjectId: letter.id,
  });
  return { letter: issuedLetter(letter), code };
}

/** A copy of one of their issued letters for the consultant to print, with its own code. */
export function makeOwnLetterCopy(args: Own & { letterId: string }) {
  return db.transaction((tx) => {
    const consultantId = requireOwnConsultantId(tx, args.organizationId, args.userId);
    return copyOf(tx, { ...args, consultantId }, "portal:experience.errors.revoked");
  });
}

// --- The admin's side ---------------------------------------------------------------------------

type Admin = { organizationId: string; consultantId: string; actorUserId: string };

/**
 * A consultant's letters for the admins: each issued one as it was issued, and a waiting request with
 * what it would state if it were issued now.
 */
export function lettersForAdmin(args: Admin) {
  assertMemberCan(args.organizationId, args.actorUserId, "experience-letter:issue");
  const preview = experienceStatement(db, args.organizationId, args.consultantId, {
    includePay: false,
    includeOrganization: false,
  });
  const letters = lettersOfConsultant(db, args.organizationId, args.consultantId);
  const waiting = letters.find((l) => l.status === "requested") ?? null;
  const issuedIds = letters.filter((l) => l.status !== "requested").map((l) => l.id);
  const issued =
    issuedIds.length === 0
      ? []
      : db
          .select()
          .from(experienceLetters)
          .where(inArray(experienceLetters.id, issuedIds))
          .orderBy(desc(experienceLetters.issuedAt), desc(experienceLetters.id))
          .all()
          .map((row) => ({ ...issuedLetter(row), revokeReason: row.revokeReason }));
  return {
    consultantName: preview.consultantName,
    waiting: waiting && {
      ...waiting,
      statement: experienceStatement(db, args.organizationId, args.consultantId, waiting),
    },
    issued,
  };
}

/**
 * Issues the waiting request: the statement is written now, with the consultant's choices, and kept
 * as it is from then on. Returns the code of the first copy, for the admin to print.
 */
export async function issueLetter(args: Admin & { letterId: string; signerName: string; signerTitle: string }) {
  assertMemberCan(args.organizationId, args.actorUserId, "experience-letter:issue");
  const issued = db.transaction((tx) => {
    const letter = findLetter(tx, args.organizationId, args.consultantId, args.letterId);
    if (letter.status !== "requested") throw new RuleError(null, "staff:experience.errors.notWaiting");
    const statement = experienceStatement(tx, args.organizationId, args.consultantId, letter);
    if (statement.work.length === 0) throw new RuleError(null, "staff:experience.errors.noWork");
    const now = new Date();
    tx.update(experienceLetters)
      .set({
        status: "issued",
        issuedAt: now,
        issuedOn: organizationToday(args.organizationId, now),
        issuedByUserId: args.actorUserId,
        signerName: args.signerName,
        signerTitle: args.signerTitle,
        statement,
      })
      .where(eq(experienceLetters.id, letter.id))
      .run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "experience_letter.issued",
      subjectType: "experience_letter",
      subjectId: letter.id,
      changedFields: ["status", "signerName", "signerTitle", "statement"],
    });
    const code = writeLetterCode(tx, {
      organizationId: args.organizationId,
      letterId: letter.id,
      userId: args.actorUserId,
    });
    return { letter: issuedLetter(findLetter(tx, args.organizationId, args.consultantId, letter.id)), code };
  });
  // The letter is issued whatever happens to the email, which says only that there is something to see.
  try {
    await notifyConsultant({
      organizationId: args.organizationId,
      consultantId: args.consultantId,
      message: { template: "portal-notice" },
    });
  } catch (error) {
    console.error("Letter notice failed:", error instanceof Error ? error.name : "unknown error");
  }
  return issued;
}

/** A copy of an issued letter for the admin to print (to sign by hand, or post), with its own code. */
export function makeLetterCopy(args: Admin & { letterId: string }) {
  assertMemberCan(args.organizationId, args.actorUserId, "experience-letter:issue");
  return db.transaction((tx) =>
    copyOf(tx, { ...args, userId: args.actorUserId }, "staff:experience.errors.revokedNoCopy"),
  );
}

/**
 * Revokes an issued letter: every code of it then checks as revoked. Revoking twice changes nothing.
 * The reason stays with the admins.
 */
export function revokeLetter(args: Admin & { letterId: string; reason: string }) {
  assertMemberCan(args.organizationId, args.actorUserId, "experience-letter:issue");
  db.transaction((tx) => {
    const letter = findLetter(tx, args.organizationId, args.consultantId, args.letterId);
    if (letter.status === "revoked") return;
    if (letter.status !== "issued") throw new RuleError(null, "staff:experience.errors.notIssued");
    tx.update(experienceLetters)
      .set({ status: "revoked", revokedAt: new Date(), revokedByUserId: args.actorUserId, revokeReason: args.reason })
      .where(eq(experienceLetters.id, letter.id))
      .run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "experience_letter.revoked",
      subjectType: "experience_letter",
      subjectId: letter.id,
      changedFields: ["status", "revokeReason"],
    });
  });
}

/** For the consultant's record page: whether a request waits for an admin. */
export function waitingLetterRequest(organizationId: string, consultantId: string) {
  return (
    db
      .select({ id: experienceLetters.id, requestedAt: experienceLetters.requestedAt })
      .from(experienceLetters)
      .where(
        and(
          eq(experienceLetters.organizationId, organizationId),
          eq(experienceLetters.consultantId, consultantId),
          eq(experienceLetters.status, "requested"),
        ),
      )
      .get() ?? null
  );
}
