// Reading time: an engagement's entries with what replaces what, their totals, and approved hours
// per engagement. `countsAsApproved` is the one rule of which entries an approved total counts.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { engagements, timeEntries, users } from "../../../db/schema";
import { db } from "../../utils/db.server";
import { NotFoundError } from "../errors";
import { NOT_FOUND } from "./rules.server";

/**
 * An approved entry that no approved correction replaces: what every approved total counts.
 * Use it in a query on time_entries (the correlated subquery refers to the outer row, spelled out
 * in full because Drizzle leaves columns unqualified in one-table queries).
 */
export const countsAsApproved = sql`(${timeEntries.status} = 'approved' and not exists (
  select 1 from time_entries as correction
  where correction.corrects_entry_id = ${sql.raw('"time_entries"."id"')} and correction.status = 'approved'
))`;

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
