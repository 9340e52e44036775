// The rules of time on an engagement, shared by every change to it: who may touch which engagement
// and entry, which days and hours are allowed, the 24-hours-a-day limit across all of a consultant's
// work, and which entries may be corrected or changed. Hours are integer hundredths (ADR 004).
import { and, eq, inArray } from "drizzle-orm";
import { engagements, timeEntries, TIME_KINDS, type Role } from "../../../db/schema";
import { addDaysToIsoDay, isIsoDay, isoDay } from "../../utils/day";
import { type Executor } from "../../utils/db.server";
import { HOURS_RANGE_MESSAGE, MAX_HUNDREDTHS_PER_DAY } from "../../utils/time-schema";
import { NotFoundError, RuleError } from "../errors";
import { findOwnConsultantId } from "../consultant/own.server";
import { organizationToday } from "../settings.server";

export type TimeActor = { userId: string; role: Role };

export type TimeInput = {
  workDate: string;
  hundredths: number;
  kind: (typeof TIME_KINDS)[number];
  note?: string | null;
  correctsEntryId?: string | null;
};

export const NOT_FOUND = "common:timeRules.workNotFound";
export const ENTRY_NOT_FOUND = "common:timeRules.entryNotFound";
export const LOCKED_MESSAGE = "common:timeRules.locked";
// Time may be logged from this many days before the work starts (preparation happens early).
const DAYS_BEFORE_START = 30;

// --- Who may touch which engagement -----------------------------------------------------------

/**
 * The engagement the actor may log time on: staff and admins any in their organization, a
 * consultant only their own. Anything else is a 404, so nobody learns what exists.
 */
export function engagementForActor(tx: Executor, organizationId: string, actor: TimeActor, engagementId: string) {
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

export function entryForActor(tx: Executor, organizationId: string, actor: TimeActor, entryId: string) {
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
    // Someone else's work: the entry is as unknown to them as the work it belongs to.
    if (error instanceof NotFoundError) throw new NotFoundError(ENTRY_NOT_FOUND);
    throw error;
  }
  return { entry, engagement };
}

// --- Rules --------------------------------------------------------------------------------------

function earliestDate(engagement: typeof engagements.$inferSelect) {
  const from = engagement.startDate ?? isoDay(engagement.createdAt);
  return addDaysToIsoDay(from, -DAYS_BEFORE_START);
}

/** Time is for work the consultant agreed to: never on an offer they have not accepted (yet, or again). */
export function assertOpenForTime(engagement: typeof engagements.$inferSelect, actor: TimeActor) {
  if (engagement.status === "cancelled") {
    throw new RuleError(null, "common:timeRules.cancelled");
  }
  if (engagement.status === "proposed") {
    throw new RuleError(
      "",
      actor.role === "consultant" ? "common:timeRules.acceptFirst" : "common:timeRules.notAccepted",
    );
  }
}

export function assertValidEntry(engagement: typeof engagements.$inferSelect, input: TimeInput, now: Date) {
  if (!Number.isSafeInteger(input.hundredths) || input.hundredths <= 0 || input.hundredths > MAX_HUNDREDTHS_PER_DAY) {
    throw new RuleError("hours", HOURS_RANGE_MESSAGE);
  }
  if (!isIsoDay(input.workDate)) {
    throw new RuleError("workDate", "common:timeRules.dateFormat");
  }
  // A day that has not begun where the organization is, is in the future.
  if (input.workDate > organizationToday(engagement.organizationId, now)) {
    throw new RuleError("workDate", "common:timeRules.future");
  }
  const earliest = earliestDate(engagement);
  if (input.workDate < earliest) {
    throw new RuleError("workDate", "common:timeRules.tooEarly", { earliest });
  }
  if (!(TIME_KINDS as readonly string[]).includes(input.kind)) {
    throw new RuleError("kind", "common:timeRules.kindMissing");
  }
  if (input.note && input.note.length > 500) throw new RuleError("note", "common:timeRules.noteTooLong");
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

export function assertDayWithinLimit(
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
    throw new RuleError("hours", "common:timeRules.dayOver24", { day: input.workDate });
  }
}

export function assertCorrectable(tx: Executor, engagementId: string, correctsEntryId: string) {
  const original = tx
    .select({ id: timeEntries.id, status: timeEntries.status, engagementId: timeEntries.engagementId })
    .from(timeEntries)
    .where(eq(timeEntries.id, correctsEntryId))
    .get();
  if (!original || original.engagementId !== engagementId) {
    throw new RuleError("correctsEntryId", "common:timeRules.correctsMissing");
  }
  if (original.status !== "approved") {
    throw new RuleError("correctsEntryId", "common:timeRules.correctsNotApproved");
  }
  const existing = tx
    .select({ id: timeEntries.id })
    .from(timeEntries)
    .where(eq(timeEntries.correctsEntryId, correctsEntryId))
    .get();
  if (existing) {
    throw new RuleError("correctsEntryId", "common:timeRules.correctsAlready");
  }
}

/** A consultant changes only what they logged themselves; staff any entry in their organization. */
export function assertMayChange(actor: TimeActor, entry: typeof timeEntries.$inferSelect) {
  if (entry.status === "approved") throw new RuleError(null, LOCKED_MESSAGE);
  if (actor.role === "consultant" && entry.loggedByUserId !== actor.userId) {
    throw new RuleError(null, "common:timeRules.loggedByContact");
  }
}
