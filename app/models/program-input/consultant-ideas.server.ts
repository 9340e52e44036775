// Ideas and concerns a consultant sends from the portal. They enter the same "you said, we did" loop
// as input staff write down (steps.server.ts moves them on), named or anonymous.
//
// Anonymity follows anonymous feedback (app/models/feedback): an anonymous item holds no consultant,
// no engagement and no exact time (only the first day of its quarter), and nothing about it goes into
// the audit log, whose rows carry the actor and the exact time. Its only way back is a receipt code
// shown once to the sender and kept as a digest: it leads from the code to the item, never from the
// item to a person, and looking it up is not logged either.
import { randomInt } from "node:crypto";
import { and, asc, count, countDistinct, eq, inArray, isNull } from "drizzle-orm";
import { engagements, programInputs, programs, type IdeaKind } from "../../../db/schema";
import { recordAudit } from "../../utils/audit.server";
import { db, type Executor } from "../../utils/db.server";
import { isoDay } from "../../utils/day";
import { INPUT_TEXT_MAX, isDecided, portalStatusWords } from "../../utils/program-input-options";
import { sha256 } from "../../utils/tokens.server";
import { notifyConsultant } from "../contact.server";
import { ConflictError, NotFoundError, RuleError } from "../errors";
import { ANONYMITY_THRESHOLD } from "../feedback/anonymity.server";
import { quarterOf, startOfQuarterUtc } from "../feedback/answer-rules.server";

/**
 * The programs a consultant may send an idea about: those they have worked on (any engagement of
 * theirs, which "My work" already names to them). Other programs of the organization are its own
 * business, not the consultant's record; an idea about them, or about anything else, is sent "in
 * general".
 *
 * Each says whether an anonymous idea may be about it: only once at least ANONYMITY_THRESHOLD
 * different consultants have ever worked on it (any engagement, as above), the rule that holds back
 * anonymous feedback. Staff see who worked on each program, so an anonymous idea about a smaller one
 * would all but name its sender.
 */
export function programsForIdeas(tx: Executor, organizationId: string, consultantId: string) {
  const mine = tx
    .selectDistinct({ id: programs.id, name: programs.name })
    .from(engagements)
    .innerJoin(programs, and(eq(programs.id, engagements.programId), eq(programs.organizationId, organizationId)))
    .where(and(eq(engagements.organizationId, organizationId), eq(engagements.consultantId, consultantId)))
    .orderBy(asc(programs.name), asc(programs.id))
    .all();
  if (mine.length === 0) return [];
  const people = new Map(
    tx
      .select({ programId: engagements.programId, n: countDistinct(engagements.consultantId) })
      .from(engagements)
      .where(
        and(
          eq(engagements.organizationId, organizationId),
          inArray(
            engagements.programId,
            mine.map((p) => p.id),
          ),
        ),
      )
      .groupBy(engagements.programId)
      .all()
      .map((r) => [r.programId, r.n] as const),
  );
  return mine.map((p) => ({ ...p, anonymousAllowed: (people.get(p.id) ?? 0) >= ANONYMITY_THRESHOLD }));
}

// No 0/O or 1/I to mix up when typing it back in: 32 symbols, 5 bits each, 60 bits in all.
const RECEIPT_SYMBOLS = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const RECEIPT_LENGTH = 12;

/** A new receipt code, grouped in fours for reading aloud: "K7QM-4RTX-9PZD". */
function newReceiptCode() {
  const symbols = Array.from({ length: RECEIPT_LENGTH }, () => RECEIPT_SYMBOLS[randomInt(RECEIPT_SYMBOLS.length)]);
  return symbols.join("").replace(/(.{4})(?=.)/g, "$1-");
}

/** What is kept of a receipt code: the digest of its symbols, however it was typed (case, spaces, dashes). */
export function receiptDigestOf(code: string) {
  return sha256(code.toUpperCase().replace(/[^0-9A-Z]/g, ""));
}

const NO_PROGRAM_OF_YOURS = "portal:ideas.errors.programFromList";

/**
 * Sends an idea or a concern, about one of my programs (`programId`) or in general (null). Named,
 * it is mine: I follow it in the portal and it is audited with me as the actor. Anonymous, it names
 * nobody and the answer says a receipt code, shown once, that is never stored.
 *
 * `creationKey` comes with the form: the same form sent twice returns the item the first made (an
 * anonymous one without its code, which only the first answer could show).
 */
export function sendIdea(args: {
  organizationId: string;
  consultantId: string;
  userId: string;
  kind: IdeaKind;
  programId: string | null;
  summary: string;
  anonymous: boolean;
  creationKey: string;
  now?: Date;
}) {
  const now = args.now ?? new Date();
  const summary = args.summary.trim();
  if (!summary) throw new RuleError("summary", "portal:ideas.errors.summary");
  if (summary.length > INPUT_TEXT_MAX) throw new RuleError("summary", "portal:ideas.errors.tooLong");
  return db.transaction((tx) => {
    const replay = tx
      .select({
        id: programInputs.id,
        source: programInputs.source,
        consultantId: programInputs.consultantId,
        anonymous: programInputs.anonymous,
      })
      .from(programInputs)
      .where(
        and(eq(programInputs.organizationId, args.organizationId), eq(programInputs.creationKey, args.creationKey)),
      )
      .get();
    if (replay) {
      // A key belongs to one form of one person; a named item is never handed to someone else.
      if (replay.source !== "portal" || replay.anonymous !== args.anonymous) throw new ConflictError();
      if (!replay.anonymous && replay.consultantId !== args.consultantId) throw new ConflictError();
      return { id: replay.anonymous ? null : replay.id, created: false, receiptCode: null };
    }
    if (args.programId !== null) {
      const program = programsForIdeas(tx, args.organizationId, args.consultantId).find((p) => p.id === args.programId);
      if (!program) throw new RuleError("about", NO_PROGRAM_OF_YOURS);
      if (args.anonymous && !program.anonymousAllowed) {
        throw new RuleError("about", "portal:ideas.errors.tooFewForAnonymous", { people: ANONYMITY_THRESHOLD });
      }
    }
    // Anonymous: the rule of anonymous feedback, no time finer than the quarter.
    const filedAt = args.anonymous ? startOfQuarterUtc(quarterOf(now)) : now;
    const receiptCode = args.anonymous ? newReceiptCode() : null;
    const row = tx
      .insert(programInputs)
      .values({
        organizationId: args.organizationId,
        programId: args.programId,
        stage: null,
        consultantId: args.anonymous ? null : args.consultantId,
        engagementId: null,
        source: "portal",
        kind: args.kind,
        anonymous: args.anonymous,
        receiptDigest: receiptCode ? receiptDigestOf(receiptCode) : null,
        summary,
        receivedOn: isoDay(filedAt),
        status: "received",
        createdByUserId: args.anonymous ? null : args.userId,
        creationKey: args.creationKey,
        createdAt: filedAt,
        updatedAt: filedAt,
      })
      .returning({ id: programInputs.id })
      .get();
    if (!args.anonymous) {
      recordAudit(tx, {
        actorUserId: args.userId,
        organizationId: args.organizationId,
        action: "program_input.sent_from_portal",
        subjectType: "program_input",
        subjectId: row.id,
        changedFields: ["kind", "summary"].concat(args.programId ? ["programId"] : []),
      });
    }
    // The id of an anonymous item is not returned either: nothing the sender's page keeps leads to it.
    return { id: args.anonymous ? null : row.id, created: true, receiptCode };
  });
}

/** What the portal shows of one idea: the organization's answer only once it has decided. */
function portalView(row: {
  id: string;
  kind: IdeaKind | null;
  summary: string;
  programName: string | null;
  receivedOn: string;
  status: (typeof programInputs.$inferSelect)["status"];
  decision: (typeof programInputs.$inferSelect)["decision"];
  response: string | null;
  decidedOn: string | null;
  reportedBackOn: string | null;
  reportedBackHow: string | null;
}) {
  const decided = isDecided(row.status) || row.status === "reported_back";
  const reported = row.status === "reported_back";
  return {
    kind: row.kind,
    summary: row.summary,
    programName: row.programName,
    receivedOn: row.receivedOn,
    status: row.status,
    statusWords: portalStatusWords(row.status, row.decision),
    decision: decided ? row.decision : null,
    response: decided ? row.response : null,
    decidedOn: decided ? row.decidedOn : null,
    reportedBackOn: reported ? row.reportedBackOn : null,
    reportedBackHow: reported ? row.reportedBackHow : null,
  };
}

const viewColumns = {
  id: programInputs.id,
  kind: programInputs.kind,
  summary: programInputs.summary,
  programName: programs.name,
  receivedOn: programInputs.receivedOn,
  status: programInputs.status,
  decision: programInputs.decision,
  response: programInputs.response,
  decidedOn: programInputs.decidedOn,
  reportedBackOn: programInputs.reportedBackOn,
  reportedBackHow: programInputs.reportedBackHow,
};

/**
 * The ideas I sent with my name, newest first, each with where it is and the organization's answer,
 * and whether that answer is new to me (reported back, and I have not said I read it).
 */
export function myIdeas(organizationId: string, consultantId: string) {
  return db
    .select({ ...viewColumns, answerReadAt: programInputs.answerReadAt, createdAt: programInputs.createdAt })
    .from(programInputs)
    .leftJoin(
      programs,
      and(eq(programs.id, programInputs.programId), eq(programs.organizationId, programInputs.organizationId)),
    )
    .where(
      and(
        eq(programInputs.organizationId, organizationId),
        eq(programInputs.consultantId, consultantId),
        eq(programInputs.source, "portal"),
      ),
    )
    .all()
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.id.localeCompare(b.id))
    .map((row) => ({
      id: row.id,
      ...portalView(row),
      newAnswer: row.status === "reported_back" && row.answerReadAt === null,
    }));
}
export type MyIdea = ReturnType<typeof myIdeas>[number];

/** How many of my ideas have an answer I have not read yet (the portal home's notice). */
export function ideaAnswersToRead(organizationId: string, consultantId: string) {
  return (
    db
      .select({ n: count() })
      .from(programInputs)
      .where(
        and(
          eq(programInputs.organizationId, organizationId),
          eq(programInputs.consultantId, consultantId),
          eq(programInputs.source, "portal"),
          eq(programInputs.status, "reported_back"),
          isNull(programInputs.answerReadAt),
        ),
      )
      .get()?.n ?? 0
  );
}

/** I have read the answer to one of my ideas: the notice ends. Anyone else's item (or none) is a 404. */
export function markIdeaAnswerRead(args: {
  organizationId: string;
  consultantId: string;
  userId: string;
  itemId: string;
  now?: Date;
}) {
  return db.transaction((tx) => {
    const item = tx
      .select({ id: programInputs.id, status: programInputs.status, answerReadAt: programInputs.answerReadAt })
      .from(programInputs)
      .where(
        and(
          eq(programInputs.id, args.itemId),
          eq(programInputs.organizationId, args.organizationId),
          eq(programInputs.consultantId, args.consultantId),
          eq(programInputs.source, "portal"),
        ),
      )
      .get();
    if (!item) throw new NotFoundError("portal:ideas.errors.notFound");
    if (item.status !== "reported_back" || item.answerReadAt) return { changed: false };
    tx.update(programInputs)
      .set({ answerReadAt: args.now ?? new Date() })
      .where(eq(programInputs.id, item.id))
      .run();
    recordAudit(tx, {
      actorUserId: args.userId,
      organizationId: args.organizationId,
      action: "program_input.answer_read",
      subjectType: "program_input",
      subjectId: item.id,
      changedFields: ["answerReadAt"],
    });
    return { changed: true };
  });
}

/**
 * An anonymous idea of this organization found by its receipt code, as the portal shows it; null for
 * a code that matches nothing here. Not audited: a log row would put the person who looked next to
 * the item.
 */
export function followAnonymousIdea(organizationId: string, code: string) {
  const row = db
    .select(viewColumns)
    .from(programInputs)
    .leftJoin(
      programs,
      and(eq(programs.id, programInputs.programId), eq(programs.organizationId, programInputs.organizationId)),
    )
    .where(
      and(
        eq(programInputs.organizationId, organizationId),
        eq(programInputs.anonymous, true),
        eq(programInputs.receiptDigest, receiptDigestOf(code)),
      ),
    )
    .get();
  return row ? portalView(row) : null;
}

/**
 * Tells the author of a named idea, once it is reported back, that there is something to see: the
 * neutral portal notice, in their language, only through a channel they marked safe (notifyConsultant
 * decides both). Input staff wrote down, and anonymous ideas, are not sent anything. The report-back is
 * already saved: a failure here is logged without details and never undoes it.
 */
export async function tellAuthorOfAnswer(organizationId: string, itemId: string) {
  const item = db
    .select({
      consultantId: programInputs.consultantId,
      source: programInputs.source,
      status: programInputs.status,
    })
    .from(programInputs)
    .where(and(eq(programInputs.id, itemId), eq(programInputs.organizationId, organizationId)))
    .get();
  if (!item || item.source !== "portal" || !item.consultantId || item.status !== "reported_back") {
    return { sent: false as const, reason: "not-an-author" as const };
  }
  try {
    return await notifyConsultant({
      organizationId,
      consultantId: item.consultantId,
      message: { template: "portal-notice" },
    });
  } catch (error) {
    console.error("Idea answer notice failed:", error instanceof Error ? error.name : "unknown error");
    return { sent: false as const, reason: "failed" as const };
  }
}
