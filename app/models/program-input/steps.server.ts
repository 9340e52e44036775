// "You said, we did": input a consultant gave on a program, what the organization did with it, and
// when it told them. Each item stays open until it has been decided and reported back (Involve UK
// standard 10), so the state machine below has one function per step and refuses any step out of
// order with a message saying what can happen next.
import { and, eq } from "drizzle-orm";
import { consultants, engagements, programInputs } from "../../../db/schema";
import { recordAudit } from "../../utils/audit.server";
import { db, type Executor } from "../../utils/db.server";
import {
  INPUT_TEXT_MAX,
  INPUT_TEXT_TOO_LONG_MESSAGE,
  isDecided,
  type InputDecision,
  type InputStatus,
  type RecordInputValues,
} from "../../utils/program-input-options";
import { ConflictError, RuleError } from "../errors";
import { organizationToday } from "../settings.server";
import { findItem, findProgram } from "./shared.server";

/** Before this, a "received" date is a typo (2206 for 2026 is caught by "not in the future"). */
const EARLIEST_DAY = "2000-01-01";

type Actor = { organizationId: string; actorUserId: string; today?: string };

function assertConsultantInOrganization(tx: Executor, organizationId: string, consultantId: string) {
  const row = tx
    .select({ id: consultants.id })
    .from(consultants)
    .where(and(eq(consultants.id, consultantId), eq(consultants.organizationId, organizationId)))
    .get();
  if (!row) throw new RuleError("consultantId", "staff:programInputs.errors.consultantFromList");
}

/** Input "from an engagement" must come from that consultant's own work on this program. */
function assertEngagementFits(
  tx: Executor,
  organizationId: string,
  engagementId: string,
  consultantId: string,
  programId: string,
) {
  const row = tx
    .select({ consultantId: engagements.consultantId, programId: engagements.programId })
    .from(engagements)
    .where(and(eq(engagements.id, engagementId), eq(engagements.organizationId, organizationId)))
    .get();
  if (!row || row.programId !== programId) {
    throw new RuleError("engagementId", "staff:programInputs.errors.engagementOfProgram");
  }
  if (row.consultantId !== consultantId) {
    throw new RuleError("engagementId", "staff:programInputs.errors.engagementOfConsultant");
  }
}

/** The day input was received, as typed: a real past-or-today date, not from before the product's data. */
function assertReceivedDay(value: string, today: string) {
  if (value > today) throw new RuleError("receivedOn", "staff:programInputs.errors.receivedInFuture");
  if (value < EARLIEST_DAY) throw new RuleError("receivedOn", "staff:programInputs.errors.receivedTooEarly");
}

/**
 * Records input a consultant gave on a program. `creationKey` comes with the form: the same form
 * sent twice returns the item the first submission made.
 */
export function recordProgramInput(args: Actor & { programId: string; input: RecordInputValues; creationKey: string }) {
  const today = args.today ?? organizationToday(args.organizationId);
  const { input, organizationId } = args;
  return db.transaction((tx) => {
    const program = findProgram(tx, organizationId, args.programId);
    const replay = tx
      .select({ id: programInputs.id, programId: programInputs.programId, consultantId: programInputs.consultantId })
      .from(programInputs)
      .where(and(eq(programInputs.organizationId, organizationId), eq(programInputs.creationKey, args.creationKey)))
      .get();
    if (replay) {
      // A key belongs to one form for one consultant and program; never merged into another item.
      if (replay.programId !== program.id || replay.consultantId !== input.consultantId) {
        throw new ConflictError();
      }
      return { id: replay.id, created: false };
    }
    assertConsultantInOrganization(tx, organizationId, input.consultantId);
    if (input.engagementId) {
      assertEngagementFits(tx, organizationId, input.engagementId, input.consultantId, program.id);
    }
    assertReceivedDay(input.receivedOn, today);
    const row = tx
      .insert(programInputs)
      .values({
        organizationId,
        programId: program.id,
        stage: input.stage,
        consultantId: input.consultantId,
        engagementId: input.engagementId,
        summary: input.summary,
        receivedOn: input.receivedOn,
        status: "received",
        createdByUserId: args.actorUserId,
        creationKey: args.creationKey,
      })
      .returning({ id: programInputs.id })
      .get();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId,
      action: "program_input.recorded",
      subjectType: "program_input",
      subjectId: row.id,
      changedFields: ["consultantId", "programId", "stage", "summary", "receivedOn"].concat(
        input.engagementId ? ["engagementId"] : [],
      ),
    });
    return { id: row.id, created: true };
  });
}

/** A step out of order: the sentence names the item's state, the step refused and what can happen next. */
function refuse(item: { status: InputStatus }, attempted: "startReview" | "decide" | "reportBack"): never {
  throw new RuleError("", "staff:programInputs.errors.refused", { status: item.status, attempted });
}

function moveItem(
  tx: Executor,
  args: Actor & { itemId: string },
  values: Partial<typeof programInputs.$inferInsert>,
  action: string,
) {
  tx.update(programInputs)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(programInputs.id, args.itemId), eq(programInputs.organizationId, args.organizationId)))
    .run();
  recordAudit(tx, {
    actorUserId: args.actorUserId,
    organizationId: args.organizationId,
    action: `program_input.${action}`,
    subjectType: "program_input",
    subjectId: args.itemId,
    // Field names only: a summary or response may say something personal.
    changedFields: Object.keys(values),
  });
}

/** received → under review. Already under review: nothing changes. */
export function startReview(args: Actor & { itemId: string }) {
  return db.transaction((tx) => {
    const item = findItem(tx, args.organizationId, args.itemId);
    if (item.status === "under_review") return { changed: false };
    if (item.status !== "received") refuse(item, "startReview");
    moveItem(tx, args, { status: "under_review" }, "review_started");
    return { changed: true };
  });
}

const RESPONSE_NEEDED: Record<InputDecision, string> = {
  adopted: "staff:programInputs.errors.responseAdopted",
  partly_adopted: "staff:programInputs.errors.responsePartlyAdopted",
  not_adopted: "staff:programInputs.errors.responseNotAdopted",
};

/**
 * Received or under review → adopted, partly adopted or not adopted. A response is required for
 * every decision: what was done, or why not ("We asked / You said / We did"). The same decision
 * with the same response again changes nothing; a different one on a decided item is refused.
 */
export function decideInput(args: Actor & { itemId: string; decision: InputDecision; response: string }) {
  const today = args.today ?? organizationToday(args.organizationId);
  const response = args.response.trim();
  return db.transaction((tx) => {
    const item = findItem(tx, args.organizationId, args.itemId);
    if (item.status === args.decision && item.response === response) return { changed: false };
    if (item.status !== "received" && item.status !== "under_review") refuse(item, "decide");
    if (!response) throw new RuleError("response", RESPONSE_NEEDED[args.decision]);
    if (response.length > INPUT_TEXT_MAX) throw new RuleError("response", INPUT_TEXT_TOO_LONG_MESSAGE);
    // An item back-dated into the future cannot exist (recordProgramInput refuses it); a decision is
    // dated today, so it is never before the day the input was received.
    moveItem(tx, args, { status: args.decision, decision: args.decision, response, decidedOn: today }, "decided");
    return { changed: true };
  });
}

/**
 * A decided item → reported back: the day the consultant was told (not before the decision, not
 * in the future) and how ("at the advisory meeting", "by phone"). The same report again changes
 * nothing.
 */
export function reportBack(args: Actor & { itemId: string; reportedBackOn: string; reportedBackHow: string }) {
  const today = args.today ?? organizationToday(args.organizationId);
  // "by phone." would read "We told you on 3 March by phone.." in the portal's sentence.
  const how = args.reportedBackHow.trim().replace(/[.\s]+$/, "");
  return db.transaction((tx) => {
    const item = findItem(tx, args.organizationId, args.itemId);
    if (
      item.status === "reported_back" &&
      item.reportedBackOn === args.reportedBackOn &&
      item.reportedBackHow === how
    ) {
      return { changed: false };
    }
    if (!isDecided(item.status)) refuse(item, "reportBack");
    if (!how) {
      throw new RuleError("reportedBackHow", "staff:programInputs.errors.reportedBackHow");
    }
    if (args.reportedBackOn > today)
      throw new RuleError("reportedBackOn", "staff:programInputs.errors.reportedBackFuture");
    if (item.decidedOn && args.reportedBackOn < item.decidedOn) {
      throw new RuleError("reportedBackOn", "staff:programInputs.errors.reportedBackBeforeDecision", {
        day: item.decidedOn,
      });
    }
    moveItem(
      tx,
      args,
      { status: "reported_back", reportedBackOn: args.reportedBackOn, reportedBackHow: how },
      "reported_back",
    );
    return { changed: true };
  });
}
