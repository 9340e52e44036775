// The staff pages of "you said, we did": a program's items with the closure rate, the median days to
// report back and the items open too long, one item with its next step, and the record form's choices.
import { differenceInCalendarDays, parseISO } from "date-fns";
import { and, asc, eq, isNull, type SQL } from "drizzle-orm";
import { consultants, engagements, programInputs, programs } from "../../../db/schema";
import { db } from "../../utils/db.server";
import { OPEN_TOO_LONG_DAYS, type InputStatus } from "../../utils/program-input-options";
import { organizationToday } from "../settings.server";
import { findItem, findProgram, itemColumns, keepsItsReceivedDay, nextStepWords } from "./shared.server";

/** Whole days from receipt to report-back: calendar days, so the time of day never matters. */
const daysBetween = (from: string, to: string) => differenceInCalendarDays(parseISO(to), parseISO(from));

/**
 * How many days an item still open has been open since it was received (null once reported back, or
 * for an item that does not keep its received day), and whether that is too long: longer than
 * OPEN_TOO_LONG_DAYS (day 60 is not yet flagged).
 */
function howLongOpen(item: { status: InputStatus; receivedOn: string; anonymous: boolean }, today: string) {
  const daysOpen =
    item.status === "reported_back" || !keepsItsReceivedDay(item) ? null : daysBetween(item.receivedOn, today);
  return { daysOpen, openTooLong: daysOpen !== null && daysOpen > OPEN_TOO_LONG_DAYS };
}

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
 * Items with their names, oldest first. The consultant's name is joined only for a named item (an
 * anonymous one has no consultant to join), the engagement only when there is one.
 */
function itemsWithNames(organizationId: string, where: SQL | undefined, today: string) {
  return db
    .select({
      ...itemColumns,
      consultantName: consultants.preferredName,
      engagementTitle: engagements.title,
    })
    .from(programInputs)
    .leftJoin(
      consultants,
      and(eq(consultants.id, programInputs.consultantId), eq(consultants.organizationId, programInputs.organizationId)),
    )
    .leftJoin(
      engagements,
      and(eq(engagements.id, programInputs.engagementId), eq(engagements.organizationId, programInputs.organizationId)),
    )
    .where(and(eq(programInputs.organizationId, organizationId), where))
    .orderBy(asc(programInputs.receivedOn), asc(programInputs.createdAt), asc(programInputs.id))
    .all()
    .map((row) => ({
      ...row,
      ...howLongOpen(row, today),
      daysToReportBack:
        row.reportedBackOn && keepsItsReceivedDay(row) ? daysBetween(row.receivedOn, row.reportedBackOn) : null,
    }));
}

/**
 * How a list of items closes the loop: the closure rate (share of items reported back; null with no
 * items, never 0/0), the median days from receipt to report-back over reported-back items that keep
 * their received day (null when there are none), how many open ones have been open too long, and how
 * many items are left out of those two figures for want of their day.
 */
function loopFigures(items: ReturnType<typeof itemsWithNames>) {
  const reportedBack = items.filter((i) => i.status === "reported_back");
  return {
    items,
    total: items.length,
    reportedBack: reportedBack.length,
    closureRate: items.length === 0 ? null : reportedBack.length / items.length,
    medianDaysToReportBack: medianDays(
      reportedBack.flatMap((i) => (i.daysToReportBack === null ? [] : [i.daysToReportBack])),
    ),
    openTooLong: items.filter((i) => i.openTooLong).length,
    untimed: items.filter((i) => !keepsItsReceivedDay(i)).length,
  };
}

/** The "you said, we did" page of one program: every item, with how long open ones have been open. */
export function programInputSummary(
  organizationId: string,
  programId: string,
  today: string = organizationToday(organizationId),
) {
  const program = findProgram(db, organizationId, programId);
  return { program, ...loopFigures(itemsWithNames(organizationId, eq(programInputs.programId, program.id), today)) };
}
export type ProgramInputSummary = ReturnType<typeof programInputSummary>;

/**
 * The organization's ideas and concerns about no one program (sent from the portal "in general"),
 * with the same loop figures as a program's page; and the ideas sent from the portal that nobody
 * has looked at yet, whatever their program, so that none waits unseen.
 */
export function consultantIdeasOverview(organizationId: string, today: string = organizationToday(organizationId)) {
  const general = loopFigures(itemsWithNames(organizationId, isNull(programInputs.programId), today));
  const waiting = db
    .select({
      id: programInputs.id,
      kind: programInputs.kind,
      summary: programInputs.summary,
      anonymous: programInputs.anonymous,
      receivedOn: programInputs.receivedOn,
      programId: programInputs.programId,
      programName: programs.name,
      consultantName: consultants.preferredName,
    })
    .from(programInputs)
    .leftJoin(
      programs,
      and(eq(programs.id, programInputs.programId), eq(programs.organizationId, programInputs.organizationId)),
    )
    .leftJoin(
      consultants,
      and(eq(consultants.id, programInputs.consultantId), eq(consultants.organizationId, programInputs.organizationId)),
    )
    .where(
      and(
        eq(programInputs.organizationId, organizationId),
        eq(programInputs.source, "portal"),
        eq(programInputs.status, "received"),
      ),
    )
    .orderBy(asc(programInputs.receivedOn), asc(programInputs.id))
    .all();
  return { general, waiting, today };
}

/** One item for its page, with the names staff need and the choices for the next step. */
export function getProgramInput(
  organizationId: string,
  itemId: string,
  today: string = organizationToday(organizationId),
) {
  const item = findItem(db, organizationId, itemId);
  // An idea in general has no program; an anonymous one has no consultant.
  const names = db
    .select({
      programName: programs.name,
      consultantName: consultants.preferredName,
    })
    .from(programInputs)
    .leftJoin(programs, and(eq(programs.id, programInputs.programId), eq(programs.organizationId, organizationId)))
    .leftJoin(
      consultants,
      and(eq(consultants.id, programInputs.consultantId), eq(consultants.organizationId, organizationId)),
    )
    .where(and(eq(programInputs.id, item.id), eq(programInputs.organizationId, organizationId)))
    .get()!;
  const engagement = item.engagementId
    ? (db
        .select({ id: engagements.id, title: engagements.title })
        .from(engagements)
        .where(and(eq(engagements.id, item.engagementId), eq(engagements.organizationId, organizationId)))
        .get() ?? null)
    : null;
  return {
    ...item,
    ...names,
    engagement,
    ...howLongOpen(item, today),
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
