// "You said, we did": input a consultant gave on a program, what the organization
// did with it, and when it told them. Each item stays open until it has been decided and reported
// back (Involve UK standard 10), so the state machine below has one function per step and refuses
// any step out of order with a message saying what can happen next.
import { differenceInCalendarDays, parseISO } from "date-fns";
import { and, asc, desc, eq } from "drizzle-orm";
import { consultants, engagements, programInputs, programs } from "../../db/schema";
import { recordAudit } from "../utils/audit.server";
import { db, type Executor } from "../utils/db.server";
import {
  INPUT_STATUS_LABELS,
  OPEN_TOO_LONG_DAYS,
  portalStatusWords,
  type InputDecision,
  type InputStatus,
  type RecordInputValues,
} from "../utils/program-input-options";
import { isoDay } from "../utils/day";
import { ConflictError, NotFoundError, RuleError } from "./errors";

/** A rule the person can fix: `field` names the form field the message belongs next to ("" for the form). */
export const todayIso = () => isoDay(new Date());

/** Before this, a "received" date is a typo (2206 for 2026 is caught by "not in the future"). */
const EARLIEST_DAY = "2000-01-01";

const DECIDED: readonly InputStatus[] = ["adopted", "partly_adopted", "not_adopted"];
const isDecided = (status: InputStatus) => DECIDED.includes(status);

type Actor = { organizationId: string; actorUserId: string; today?: string };

// --- Finding things in the organization ---------------------------------------------------

const itemColumns = {
  id: programInputs.id,
  programId: programInputs.programId,
  consultantId: programInputs.consultantId,
  engagementId: programInputs.engagementId,
  stage: programInputs.stage,
  summary: programInputs.summary,
  receivedOn: programInputs.receivedOn,
  status: programInputs.status,
  decision: programInputs.decision,
  response: programInputs.response,
  decidedOn: programInputs.decidedOn,
  reportedBackOn: programInputs.reportedBackOn,
  reportedBackHow: programInputs.reportedBackHow,
};

/** An item of this organization; any other id (another organization's included) is a 404. */
function findItem(tx: Executor, organizationId: string, itemId: string) {
  const row = tx
    .select(itemColumns)
    .from(programInputs)
    .where(and(eq(programInputs.id, itemId), eq(programInputs.organizationId, organizationId)))
    .get();
  if (!row) throw new NotFoundError("We could not find that input item.");
  return row;
}

function findProgram(tx: Executor, organizationId: string, programId: string) {
  const row = tx
    .select({ id: programs.id, name: programs.name, status: programs.status })
    .from(programs)
    .where(and(eq(programs.id, programId), eq(programs.organizationId, organizationId)))
    .get();
  if (!row) throw new NotFoundError("We could not find that program.");
  return row;
}

function assertConsultantInOrganization(tx: Executor, organizationId: string, consultantId: string) {
  const row = tx
    .select({ id: consultants.id })
    .from(consultants)
    .where(and(eq(consultants.id, consultantId), eq(consultants.organizationId, organizationId)))
    .get();
  if (!row) throw new RuleError("consultantId", "Choose a consultant from the list.");
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
    throw new RuleError("engagementId", "Choose an engagement of this program, or leave it empty.");
  }
  if (row.consultantId !== consultantId) {
    throw new RuleError(
      "engagementId",
      "That engagement is another consultant’s work. Choose one of this consultant’s, or leave it empty.",
    );
  }
}

/** A day a person typed: a real past-or-today date, and not from before the product's data. */
function assertPastDay(field: string, value: string, today: string, what: string) {
  if (value > today) throw new RuleError(field, `${what} cannot be in the future.`);
  if (value < EARLIEST_DAY) throw new RuleError(field, `${what} cannot be before the year 2000.`);
}

// --- Recording ----------------------------------------------------------------------------

/**
 * Records input a consultant gave on a program. `creationKey` comes with the form: the same form
 * sent twice returns the item the first submission made.
 */
export function recordProgramInput(args: Actor & { programId: string; input: RecordInputValues; creationKey: string }) {
  const today = args.today ?? todayIso();
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
    assertPastDay("receivedOn", input.receivedOn, today, "The day you received it");
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

// --- The state machine --------------------------------------------------------------------

/** What can happen next from each state, in the words the refusal messages use. */
export function nextStepWords(item: { status: InputStatus; reportedBackOn?: string | null }): string {
  switch (item.status) {
    case "received":
      return "What can happen next: start the review, or record the decision.";
    case "under_review":
      return "What can happen next: record the decision (adopted, partly adopted or not adopted) with a response.";
    case "adopted":
    case "partly_adopted":
    case "not_adopted":
      return "What can happen next: report back to the consultant, with the day and how you told them.";
    case "reported_back":
      return "This item is closed: it has been reported back. Nothing more needs to happen.";
  }
}

function refuse(item: { status: InputStatus }, attempted: string): never {
  throw new RuleError(
    "",
    `This item is “${INPUT_STATUS_LABELS[item.status]}”, so you cannot ${attempted} now. ${nextStepWords(item)}`,
  );
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
    if (item.status !== "received") refuse(item, "start the review");
    moveItem(tx, args, { status: "under_review" }, "review_started");
    return { changed: true };
  });
}

const RESPONSE_NEEDED: Record<InputDecision, string> = {
  adopted: "Write what you did. An “adopted” item needs a response the consultant can read.",
  partly_adopted: "Write what you did, and what you did not do and why.",
  not_adopted: "Write why not. The consultant should hear the reason.",
};

/**
 * Received or under review → adopted, partly adopted or not adopted. A response is required for
 * every decision: what was done, or why not ("We asked / You said / We did"). The same decision
 * with the same response again changes nothing; a different one on a decided item is refused.
 */
export function decideInput(args: Actor & { itemId: string; decision: InputDecision; response: string }) {
  const today = args.today ?? todayIso();
  const response = args.response.trim();
  return db.transaction((tx) => {
    const item = findItem(tx, args.organizationId, args.itemId);
    if (item.status === args.decision && item.response === response) return { changed: false };
    if (item.status !== "received" && item.status !== "under_review") refuse(item, "record a decision");
    if (!response) throw new RuleError("response", RESPONSE_NEEDED[args.decision]);
    if (response.length > 2000) throw new RuleError("response", "Use no more than 2,000 characters.");
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
  const today = args.today ?? todayIso();
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
    if (!isDecided(item.status)) refuse(item, "report back");
    if (!how) {
      throw new RuleError(
        "reportedBackHow",
        "Say how you told them, for example “at the advisory meeting” or “by phone”.",
      );
    }
    if (args.reportedBackOn > today) throw new RuleError("reportedBackOn", "The day cannot be in the future.");
    if (item.decidedOn && args.reportedBackOn < item.decidedOn) {
      throw new RuleError(
        "reportedBackOn",
        `The day cannot be before the decision (${item.decidedOn}). Give the day you told the consultant.`,
      );
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

// --- Staff views --------------------------------------------------------------------------

/** Whole days from receipt to report-back: calendar days, so the time of day never matters. */
const daysBetween = (from: string, to: string) => differenceInCalendarDays(parseISO(to), parseISO(from));

/**
 * The median of whole-day counts. With an even count it is the mean of the two middle values,
 * which is always a whole or a half day: it is returned exactly (12.5), never rounded, and the
 * page shows the half. Null when there is nothing to take the median of.
 */
export function medianDays(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The "you said, we did" page of one program: every item, with how long open ones have been
 * open, the closure rate (share of items reported back; null with no items, never 0/0) and the
 * median days from receipt to report-back over reported-back items (null when there are none).
 */
export function programInputSummary(organizationId: string, programId: string, today: string = todayIso()) {
  const program = findProgram(db, organizationId, programId);
  const rows = db
    .select({
      ...itemColumns,
      consultantName: consultants.preferredName,
      engagementTitle: engagements.title,
    })
    .from(programInputs)
    .innerJoin(
      consultants,
      and(eq(consultants.id, programInputs.consultantId), eq(consultants.organizationId, programInputs.organizationId)),
    )
    .leftJoin(
      engagements,
      and(eq(engagements.id, programInputs.engagementId), eq(engagements.organizationId, programInputs.organizationId)),
    )
    .where(and(eq(programInputs.organizationId, organizationId), eq(programInputs.programId, program.id)))
    .orderBy(asc(programInputs.receivedOn), asc(programInputs.createdAt), asc(programInputs.id))
    .all();

  const items = rows.map((row) => {
    const open = row.status !== "reported_back";
    const daysOpen = open ? daysBetween(row.receivedOn, today) : null;
    return {
      ...row,
      daysOpen,
      /** Open longer than 60 days since it was received ("longer than": day 60 is not yet flagged). */
      openTooLong: daysOpen !== null && daysOpen > OPEN_TOO_LONG_DAYS,
      daysToReportBack: row.reportedBackOn ? daysBetween(row.receivedOn, row.reportedBackOn) : null,
    };
  });
  const reportedBack = items.filter((i) => i.status === "reported_back");
  return {
    program,
    items,
    total: items.length,
    reportedBack: reportedBack.length,
    closureRate: items.length === 0 ? null : reportedBack.length / items.length,
    medianDaysToReportBack: medianDays(reportedBack.map((i) => i.daysToReportBack!)),
    openTooLong: items.filter((i) => i.openTooLong).length,
  };
}
export type ProgramInputSummary = ReturnType<typeof programInputSummary>;

/** One item for its page, with the names staff need and the choices for the next step. */
export function getProgramInput(organizationId: string, itemId: string, today: string = todayIso()) {
  const item = findItem(db, organizationId, itemId);
  const names = db
    .select({
      programName: programs.name,
      consultantName: consultants.preferredName,
    })
    .from(programInputs)
    .innerJoin(programs, eq(programs.id, programInputs.programId))
    .innerJoin(consultants, eq(consultants.id, programInputs.consultantId))
    .where(and(eq(programInputs.id, item.id), eq(programInputs.organizationId, organizationId)))
    .get()!;
  const engagement = item.engagementId
    ? (db
        .select({ id: engagements.id, title: engagements.title })
        .from(engagements)
        .where(and(eq(engagements.id, item.engagementId), eq(engagements.organizationId, organizationId)))
        .get() ?? null)
    : null;
  const daysOpen = item.status === "reported_back" ? null : daysBetween(item.receivedOn, today);
  return {
    ...item,
    ...names,
    engagement,
    daysOpen,
    openTooLong: daysOpen !== null && daysOpen > OPEN_TOO_LONG_DAYS,
    nextStep: nextStepWords(item),
  };
}

/** The program an input page is about; another organization's program is a 404. */
export function programForInputs(organizationId: string, programId: string) {
  return findProgram(db, organizationId, programId);
}

/** What the "record input" form offers for a program: the organization's consultants and the program's engagements. */
export function choicesForNewInput(organizationId: string, programId: string) {
  const program = findProgram(db, organizationId, programId);
  return {
    consultants: db
      .select({ id: consultants.id, preferredName: consultants.preferredName })
      .from(consultants)
      .where(eq(consultants.organizationId, organizationId))
      .orderBy(asc(consultants.preferredName), asc(consultants.id))
      .all(),
    engagements: db
      .select({ id: engagements.id, title: engagements.title, consultantName: consultants.preferredName })
      .from(engagements)
      .innerJoin(consultants, eq(consultants.id, engagements.consultantId))
      .where(and(eq(engagements.organizationId, organizationId), eq(engagements.programId, program.id)))
      .orderBy(asc(engagements.title), asc(engagements.id))
      .all(),
  };
}

// --- The consultant's own view (portal) ---------------------------------------------------

/**
 * My input items for the portal. `consultantId` is the signed-in person's own record, found from
 * the session by the route, never from a form or an address. Only what the consultant should
 * read: no staff names, no internal ids beyond the item's own, and the organization's response
 * only once a decision has been made.
 */
export function listOwnInputItems(organizationId: string, consultantId: string) {
  const rows = db
    .select({
      id: programInputs.id,
      summary: programInputs.summary,
      programName: programs.name,
      stage: programInputs.stage,
      receivedOn: programInputs.receivedOn,
      status: programInputs.status,
      decision: programInputs.decision,
      response: programInputs.response,
      decidedOn: programInputs.decidedOn,
      reportedBackOn: programInputs.reportedBackOn,
      reportedBackHow: programInputs.reportedBackHow,
    })
    .from(programInputs)
    .innerJoin(
      programs,
      and(eq(programs.id, programInputs.programId), eq(programs.organizationId, programInputs.organizationId)),
    )
    .where(and(eq(programInputs.organizationId, organizationId), eq(programInputs.consultantId, consultantId)))
    .orderBy(desc(programInputs.receivedOn), desc(programInputs.createdAt), asc(programInputs.id))
    .all();
  return rows.map((row) => {
    const decided = isDecided(row.status) || row.status === "reported_back";
    return {
      id: row.id,
      summary: row.summary,
      programName: row.programName,
      stage: row.stage,
      receivedOn: row.receivedOn,
      status: row.status,
      statusWords: portalStatusWords(row.status, row.decision),
      decision: decided ? row.decision : null,
      response: decided ? row.response : null,
      decidedOn: decided ? row.decidedOn : null,
      reportedBackOn: row.status === "reported_back" ? row.reportedBackOn : null,
      reportedBackHow: row.status === "reported_back" ? row.reportedBackHow : null,
    };
  });
}
export type OwnInputItem = ReturnType<typeof listOwnInputItems>[number];
