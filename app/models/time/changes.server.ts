// Changes to time on an engagement: consultants log their own time in the portal; staff log time
// for them and approve it. An approved entry is never changed or removed: a correction is a new
// entry pointing at it (correctsEntryId) and, once approved, replaces it in every total.
import { and, eq, inArray } from "drizzle-orm";
import { timeEntries } from "../../../db/schema";
import { recordAudit } from "../../utils/audit.server";
import { db } from "../../utils/db.server";
import { NotFoundError, RuleError } from "../errors";
import {
  assertCorrectable,
  assertDayWithinLimit,
  assertMayChange,
  assertOpenForTime,
  assertValidEntry,
  engagementForActor,
  ENTRY_NOT_FOUND,
  entryForActor,
  LOCKED_MESSAGE,
  type TimeActor,
  type TimeInput,
} from "./rules.server";

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
        throw new RuleError(null, "common:timeRules.reload");
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
    if (result.changes === 0) throw new RuleError(null, LOCKED_MESSAGE);
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
    if (result.changes === 0) throw new RuleError(null, LOCKED_MESSAGE);
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
