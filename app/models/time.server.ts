// Time on an engagement. Hours are integer hundredths of an hour (ADR 004). Consultants
// log their own time in the portal; staff log time for them and approve it. An approved entry is
// never changed or removed: a correction is a new entry pointing at it (correctsEntryId) and, once
// approved, replaces it in every total.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { engagements, timeEntries, TIME_KINDS, users, type Role } from "../../db/schema";
import { db, type Executor } from "../utils/db.server";
import { recordAudit } from "../utils/audit.server";
import { formatDate } from "../utils/format";
import { HOURS_RANGE_MESSAGE, MAX_HUNDREDTHS_PER_DAY } from "../utils/time-schema";
import { organizationToday } from "./settings.server";
import { isIsoDay } from "../utils/day";
import { NotFoundError, RuleError } from "./errors";
import { findOwnConsultantId } from "./consultant/own.server";

/** A rule about the input was broken; `field` says which form field to show it next to ("" for the form). */
export type TimeActor = { userId: string; role: Role };

export type TimeInput = {
  workDate: string;
  hundredths: number;
  kind: (typeof TIME_KINDS)[number];
  note?: string | null;
  correctsEntryId?: string | null;
};

const NOT_FOUND = "We could not find that work.";
const ENTRY_NOT_FOUND = "We could not find that time entry.";
const LOCKED_MESSAGE = "This time is approved, so it cannot be changed. Log a correction instead.";
// Time may be logged from this many days before the work starts (preparation happens early).
const DAYS_BEFORE_START = 30;
const DAY_MS = 86_400_000;

/**
 * An approved entry that no approved correction replaces: what every approved total counts.
 * Use it in a query on time_entries (the correlated subquery refers to the outer row, spelled out
 * in full because Drizzle leaves columns unqualified in one-table queries).
 */
export const countsAsApproved = sql`(${timeEntries.status} = 'approved' and not exists (
  select 1 from time_entries as correction
  where correction.corrects_entry_id = ${sql.raw('"time_entries"."id"')} and correction.status = 'approved'
))`;

// --- Who may touch which engagement -----------------------------------------------------------

/**
 * The engagement the actor may log time on: staff and admins any in their organization, a
 * consultant only their own. Anything else is a 404, so nobody learns what exists.
 */
function engagementForActor(tx: Executor, organizationId: string, actor: TimeActor, engagementId: string) {
  const engagement = tx
    .select()
    .from(engagements)
    .where(and(eq(engagements.id, engagementId), eq(engagements.organizationId, organizationId)))
    .get();
  if (!engagement) throw new NotFoundError(NOT_FOUND);
  if (actor.role === "consultant") {
    if (findOwnConsultantId(tx, organizationId, actor.userId) !== engagement.consultantId) {
      throw new NotFoundError(NOT_FOUND);
    }
  }
  return engagement;
}

function entryForActor(tx: Executor, organizationId: string, actor: TimeActor, entryId: string) {
  const entry = tx
    .select()
    .from(timeEntries)
    .where(and(eq(timeEntries.id, entryId), eq(timeEntries.organizationId, organizationId)))
    .get();
  if (!entry) throw new NotFoundError(ENTRY_NOT_FOUND);
  let engagement;
  try {
    engagement = engagementForActor(tx, organizationId, actor, entry.engagementId);
  } catch (error) {
    if (error instanceof Response) throw new NotFoundError(ENTRY_NOT_FOUND);
    throw error;
  }
  return { entry, engagement };
}

// --- Rules --------------------------------------------------------------------------------------

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function earliestDate(engagement: typeof engagements.$inferSelect) {
  const from = engagement.startDate ?? isoDay(engagement.createdAt);
  return isoDay(new Date(Date.parse(`${from}T00:00:00Z`) - DAYS_BEFORE_START * DAY_MS));
}

/** Time is for work the consultant agreed to: never on an offer they have not accepted (yet, or again). */
function assertOpenForTime(engagement: typeof engagements.$inferSelect, actor: TimeActor) {
  if (engagement.status === "cancelled") {
    throw new RuleError("", "This work was cancelled, so time cannot be logged on it.");
  }
  if (engagement.status === "proposed") {
    throw new RuleError(
      "",
      actor.role === "consultant"
        ? "Please accept the terms of this work first. Then you can log your time."
        : "The consultant has not accepted the current terms yet, so time cannot be logged on this work.",
    );
  }
}

function assertValidEntry(engagement: typeof engagements.$inferSelect, input: TimeInput, now: Date) {
  if (!Number.isSafeInteger(input.hundredths) || input.hundredths <= 0 || input.hundredths > MAX_HUNDREDTHS_PER_DAY) {
    throw new RuleError("hours", HOURS_RANGE_MESSAGE);
  }
  if (!isIsoDay(input.workDate)) {
    throw new RuleError("workDate", "Use a date like 2026-03-01.");
  }
  // A day that has not begun where the organization is, is in the future.
  if (input.workDate > organizationToday(engagement.organizationId, now)) {
    throw new RuleError("workDate", "That date is in the future. Time is logged once the work is done.");
  }
  const earliest = earliestDate(engagement);
  if (input.workDate < earliest) {
    throw new RuleError(
      "workDate",
      `That date is too early for this work. Pick a date from ${formatDate(earliest)} to today.`,
    );
  }
  if (!(TIME_KINDS as readonly string[]).includes(input.kind)) {
    throw new RuleError("kind", "Choose what kind of work it was.");
  }
  if (input.note && input.note.length > 500) throw new RuleError("note", "Use no more than 500 characters.");
}

type DayEntry = { id: string; hundredths: number; status: string; correctsEntryId: string | null };

/**
 * The most time that could end up counted for the consultant on `workDate`, across all their
 * engagements, once `add` is saved (and `excludeId` is left out). An entry replaced by an approved
 * correction does not count. A waiting correction and the entry it corrects, on the same day,
 * count as the larger of the two: whichever one stays, the day stays within 24 hours.
 */
function worstCaseDayTotal(
  tx: Executor,
  organizationId: string,
  consultantId: string,
  workDate: string,
  change: { excludeId?: string; add: Omit<DayEntry, "id" | "status"> },
) {
  const onDay: DayEntry[] = tx
    .select({
      id: timeEntries.id,
      hundredths: timeEntries.hundredths,
      status: timeEntries.status,
      correctsEntryId: timeEntries.correctsEntryId,
    })
    .from(timeEntries)
    .innerJoin(engagements, eq(engagements.id, timeEntries.engagementId))
    .where(
      and(
        eq(timeEntries.organizationId, organizationId),
        eq(engagements.organizationId, organizationId),
        eq(engagements.consultantId, consultantId),
        eq(timeEntries.workDate, workDate),
      ),
    )
    .all()
    .filter((e) => e.id !== change.excludeId);
  const replaced = new Set(
    onDay.length
      ? tx
          .select({ id: timeEntries.correctsEntryId })
          .from(timeEntries)
          .where(
            and(
              inArray(
                timeEntries.correctsEntryId,
                onDay.map((e) => e.id),
              ),
              eq(timeEntries.status, "approved"),
            ),
          )
          .all()
          .map((r) => r.id)
      : [],
  );
  const counted = [...onDay.filter((e) => !replaced.has(e.id)), { id: "", status: "submitted", ...change.add }];
  const byId = new Map(counted.map((e) => [e.id, e]));
  return counted.reduce((total, e) => {
    const target = e.status === "submitted" && e.correctsEntryId ? byId.get(e.correctsEntryId) : undefined;
    return total + (target ? Math.max(0, e.hundredths - target.hundredths) : e.hundredths);
  }, 0);
}

function assertDayWithinLimit(
  tx: Executor,
  organizationId: string,
  engagement: typeof engagements.$inferSelect,
  input: TimeInput,
  excludeId?: string,
) {
  const total = worstCaseDayTotal(tx, organizationId, engagement.consultantId, input.workDate, {
    excludeId,
    add: { hundredths: input.hundredths, correctsEntryId: input.correctsEntryId ?? null },
  });
  if (total > MAX_HUNDREDTHS_PER_DAY) {
    throw new RuleError(
      "hours",
      `${HOURS_RANGE_MESSAGE} With the time already logged for ${formatDate(input.workDate)}, this day would have more than 24 hours.`,
    );
  }
}

function assertCorrectable(tx: Executor, engagementId: string, correctsEntryId: string) {
  const original = tx
    .select({ id: timeEntries.id, status: timeEntries.status, engagementId: timeEntries.engagementId })
    .from(timeEntries)
    .where(eq(timeEntries.id, correctsEntryId))
    .get();
  if (!original || original.engagementId !== engagementId) {
    throw new RuleError("correctsEntryId", "Choose an approved entry of this work to correct.");
  }
  if (original.status !== "approved") {
    throw new RuleError("correctsEntryId", "That entry is not approved yet. Change it instead of correcting it.");
  }
  const existing = tx
    .select({ id: timeEntries.id })
    .from(timeEntries)
    .where(eq(timeEntries.correctsEntryId, correctsEntryId))
    .get();
  if (existing) {
    throw new RuleError("correctsEntryId", "That entry already has a correction. Correct the newest one instead.");
  }
}

// --- Changes -----------------------------------------------------------------------------------

/**
 * Logs time on an engagement; returns the new entry's id. The form sends a creation key, so the
 * same submission twice (a double tap, a resent page) makes one entry and returns it again.
 */
export function logTime(args: {
  organizationId: string;
  actor: TimeActor;
  engagementId: string;
  input: TimeInput;
  creationKey?: string;
  now?: Date;
}) {
  return db.transaction((tx) => {
    const engagement = engagementForActor(tx, args.organizationId, args.actor, args.engagementId);
    if (args.creationKey) {
      const existing = tx
        .select({ id: timeEntries.id, engagementId: timeEntries.engagementId })
        .from(timeEntries)
        .where(and(eq(timeEntries.organizationId, args.organizationId), eq(timeEntries.creationKey, args.creationKey)))
        .get();
      // A key from another engagement's form is not a resend: say nothing about that entry.
      if (existing && existing.engagementId !== engagement.id) {
        throw new RuleError("", "Something went wrong with this form. Please reload the page and try again.");
      }
      if (existing) return existing.id;
    }
    assertOpenForTime(engagement, args.actor);
    assertValidEntry(engagement, args.input, args.now ?? new Date());
    if (args.input.correctsEntryId) assertCorrectable(tx, engagement.id, args.input.correctsEntryId);
    assertDayWithinLimit(tx, args.organizationId, engagement, args.input);
    const created = tx
      .insert(timeEntries)
      .values({
        organizationId: args.organizationId,
        engagementId: engagement.id,
        workDate: args.input.workDate,
        hundredths: args.input.hundredths,
        kind: args.input.kind,
        note: args.input.note ?? null,
        correctsEntryId: args.input.correctsEntryId ?? null,
        loggedByUserId: args.actor.userId,
        creationKey: args.creationKey ?? null,
      })
      .returning({ id: timeEntries.id })
      .get();
    recordAudit(tx, {
      actorUserId: args.actor.userId,
      organizationId: args.organizationId,
      action: args.input.correctsEntryId ? "time.correction_logged" : "time.logged",
      subjectType: "time_entry",
      subjectId: created.id,
      changedFields: [
        "workDate",
        "hundredths",
        "kind",
        ...(args.input.note ? ["note"] : []),
        ...(args.input.correctsEntryId ? ["correctsEntryId"] : []),
      ],
    });
    return created.id;
  });
}

/** A consultant changes only what they logged themselves; staff any entry in their organization. */
function assertMayChange(actor: TimeActor, entry: typeof timeEntries.$inferSelect) {
  if (entry.status === "approved") throw new RuleError("", LOCKED_MESSAGE);
  if (actor.role === "consultant" && entry.loggedByUserId !== actor.userId) {
    throw new RuleError("", "Your contact person logged this time. Please ask them to change it.");
  }
}

/** Changes an entry that is still waiting for approval. Which entry it corrects, if any, stays. */
export function updateTime(args: {
  organizationId: string;
  actor: TimeActor;
  entryId: string;
  input: Omit<TimeInput, "correctsEntryId">;
  now?: Date;
}) {
  db.transaction((tx) => {
    const { entry, engagement } = entryForActor(tx, args.organizationId, args.actor, args.entryId);
    assertMayChange(args.actor, entry);
    const input = { ...args.input, correctsEntryId: entry.correctsEntryId };
    assertOpenForTime(engagement, args.actor);
    assertValidEntry(engagement, input, args.now ?? new Date());
    assertDayWithinLimit(tx, args.organizationId, engagement, input, entry.id);
    const values = {
      workDate: input.workDate,
      hundredths: input.hundredths,
      kind: input.kind,
      note: input.note ?? null,
    };
    const changed = (Object.keys(values) as (keyof typeof values)[]).filter((key) => entry[key] !== values[key]);
    if (changed.length === 0) return;
    // The status condition makes the lock hold even against an approval in between.
    const result = tx
      .update(timeEntries)
      .set(values)
      .where(and(eq(timeEntries.id, entry.id), eq(timeEntries.status, "submitted")))
      .run();
    if (result.changes === 0) throw new RuleError("", LOCKED_MESSAGE);
    recordAudit(tx, {
      actorUserId: args.actor.userId,
      organizationId: args.organizationId,
      action: "time.updated",
      subjectType: "time_entry",
      subjectId: entry.id,
      changedFields: changed,
    });
  });
}

/** Removes an entry that is still waiting for approval (logged by mistake). */
export function deleteTime(args: { organizationId: string; actor: TimeActor; entryId: string }) {
  db.transaction((tx) => {
    const { entry } = entryForActor(tx, args.organizationId, args.actor, args.entryId);
    assertMayChange(args.actor, entry);
    const result = tx
      .delete(timeEntries)
      .where(and(eq(timeEntries.id, entry.id), eq(timeEntries.status, "submitted")))
      .run();
    if (result.changes === 0) throw new RuleError("", LOCKED_MESSAGE);
    recordAudit(tx, {
      actorUserId: args.actor.userId,
      organizationId: args.organizationId,
      action: "time.deleted",
      subjectType: "time_entry",
      subjectId: entry.id,
    });
  });
}

/**
 * Approves entries (staff and admins: the route checks the role). Entries already approved are
 * left as they were, so approving twice changes nothing. Returns how many were approved now.
 * Every id must be an entry of this organization (and engagement, when given), or nothing is approved.
 */
export function approveTime(args: {
  organizationId: string;
  actorUserId: string;
  entryIds: string[];
  /** When given, every entry must belong to this engagement. */
  engagementId?: string;
}) {
  const ids = [...new Set(args.entryIds)];
  if (ids.length === 0) return 0;
  return db.transaction((tx) => {
    const found = tx
      .select({ id: timeEntries.id, status: timeEntries.status })
      .from(timeEntries)
      .where(
        and(
          eq(timeEntries.organizationId, args.organizationId),
          inArray(timeEntries.id, ids),
          args.engagementId ? eq(timeEntries.engagementId, args.engagementId) : undefined,
        ),
      )
      .all();
    if (found.length !== ids.length) throw new NotFoundError(ENTRY_NOT_FOUND);
    const waiting = found.filter((e) => e.status === "submitted").map((e) => e.id);
    if (waiting.length === 0) return 0;
    const approvedAt = new Date();
    tx.update(timeEntries)
      .set({ status: "approved", approvedByUserId: args.actorUserId, approvedAt })
      .where(and(inArray(timeEntries.id, waiting), eq(timeEntries.status, "submitted")))
      .run();
    for (const id of waiting) {
      recordAudit(tx, {
        actorUserId: args.actorUserId,
        organizationId: args.organizationId,
        action: "time.approved",
        subjectType: "time_entry",
        subjectId: id,
        changedFields: ["status", "approvedByUserId", "approvedAt"],
      });
    }
    return waiting.length;
  });
}

// --- Reading -----------------------------------------------------------------------------------

const loggedBy = alias(users, "logged_by");
const approvedBy = alias(users, "approved_by");

/**
 * Every entry of an engagement (a 404 unless it is in the organization), newest work first, with
 * what replaces what. `counts` says whether the entry is in the approved total.
 */
export function listTime(organizationId: string, engagementId: string) {
  const engagement = db
    .select({ id: engagements.id })
    .from(engagements)
    .where(and(eq(engagements.id, engagementId), eq(engagements.organizationId, organizationId)))
    .get();
  if (!engagement) throw new NotFoundError(NOT_FOUND);
  const rows = db
    .select({
      id: timeEntries.id,
      workDate: timeEntries.workDate,
      hundredths: timeEntries.hundredths,
      kind: timeEntries.kind,
      note: timeEntries.note,
      status: timeEntries.status,
      correctsEntryId: timeEntries.correctsEntryId,
      loggedByUserId: timeEntries.loggedByUserId,
      loggedByName: loggedBy.preferredName,
      approvedByName: approvedBy.preferredName,
      approvedAt: timeEntries.approvedAt,
      createdAt: timeEntries.createdAt,
    })
    .from(timeEntries)
    .leftJoin(loggedBy, eq(loggedBy.id, timeEntries.loggedByUserId))
    .leftJoin(approvedBy, eq(approvedBy.id, timeEntries.approvedByUserId))
    .where(and(eq(timeEntries.organizationId, organizationId), eq(timeEntries.engagementId, engagement.id)))
    .orderBy(desc(timeEntries.workDate), desc(timeEntries.createdAt), asc(timeEntries.id))
    .all();
  return rows.map((entry) => {
    const correction = rows.find((c) => c.correctsEntryId === entry.id);
    const replacedBy = correction?.status === "approved" ? correction.id : null;
    return {
      ...entry,
      replacedBy,
      pendingCorrection: correction?.status === "submitted" ? correction.id : null,
      counts: entry.status === "approved" && !replacedBy,
    };
  });
}

export type TimeListEntry = ReturnType<typeof listTime>[number];

/** Approved and waiting hours of a list from listTime; an entry replaced by an approved correction is left out. */
export function timeTotals(entries: TimeListEntry[]) {
  return {
    approvedHundredths: entries.filter((e) => e.counts).reduce((sum, e) => sum + e.hundredths, 0),
    waitingHundredths: entries.filter((e) => e.status === "submitted").reduce((sum, e) => sum + e.hundredths, 0),
  };
}

/**
 * Approved hours per engagement, in hundredths, counting each correction instead of the entry it
 * replaces. All engagements of the organization, or only those given.
 */
export function approvedHoursByEngagement(organizationId: string, engagementIds?: string[]) {
  if (engagementIds && engagementIds.length === 0) return new Map<string, number>();
  const rows = db
    .select({
      engagementId: timeEntries.engagementId,
      hundredths: sql<number>`coalesce(sum(${timeEntries.hundredths}), 0)`,
    })
    .from(timeEntries)
    .where(
      and(
        eq(timeEntries.organizationId, organizationId),
        engagementIds ? inArray(timeEntries.engagementId, engagementIds) : undefined,
        countsAsApproved,
      ),
    )
    .groupBy(timeEntries.engagementId)
    .all();
  return new Map(rows.map((r) => [r.engagementId, r.hundredths]));
}
