// What a consultant says they can take on: open to work, at most so many hours a month, or paused
// until a day, with an optional note to staff; and the most they want to be paid in a year. Only
// the consultant sets these, in the portal, for their own record; staff read them.
import { and, eq } from "drizzle-orm";
import { consultants, type AvailabilityState } from "../../../db/schema";
import { recordAudit } from "../../utils/audit.server";
import { effectiveAvailability } from "../../utils/capacity";
import { db, type Executor } from "../../utils/db.server";
import { openConsultantFields, sealConsultantFields, sealedConsultantColumns } from "../consultant-fields.server";
import { requireOwnConsultantId } from "../consultant/own.server";
import { getOrganizationSettings } from "../engagement/pay-settings.server";
import { NotFoundError, RuleError } from "../errors";
import { feesCountedTowardYear } from "../payment/yearly-limit.server";
import { organizationToday } from "../settings.server";
import { checkInForStaff } from "./check-ins.server";
import { notifyConsultant, type NotifyResult } from "../contact.server";
import { recordCheckIn } from "./last-check-in.server";

export type AvailabilityInput = {
  state: AvailabilityState;
  /** Hundredths of an hour a month, for "limited". */
  monthlyLimitHundredths: number | null;
  /** The last day of the pause, for "paused". */
  pausedUntil: string | null;
  note: string | null;
};

const availabilityColumns = {
  id: consultants.id,
  availabilityState: consultants.availabilityState,
  monthlyLimitHundredths: consultants.monthlyLimitHundredths,
  pausedFrom: consultants.pausedFrom,
  pausedUntil: consultants.pausedUntil,
  availabilityChangedAt: consultants.availabilityChangedAt,
  yearlyPayLimitCents: consultants.yearlyPayLimitCents,
  ...sealedConsultantColumns("availabilityNote"),
};

function readAvailability(tx: Executor, organizationId: string, consultantId: string) {
  const row = tx
    .select(availabilityColumns)
    .from(consultants)
    .where(and(eq(consultants.id, consultantId), eq(consultants.organizationId, organizationId)))
    .get();
  return row && openConsultantFields(row, { organizationId, consultantId });
}

/** A pause lasts at most this long at a time: a later day is almost surely a typo. */
const LONGEST_PAUSE_DAYS = 2 * 366;

/**
 * The signed-in consultant sets their availability. A pause starts today (the organization's day)
 * and ends on its last day, which may be today but not before; a pause already on keeps its first
 * day when its end moves. Setting it counts as a check-in.
 */
export function setOwnAvailability(args: {
  organizationId: string;
  userId: string;
  input: AvailabilityInput;
  today?: string;
}) {
  const today = args.today ?? organizationToday(args.organizationId);
  const { input } = args;
  if (input.state === "limited" && !input.monthlyLimitHundredths) {
    throw new RuleError("monthlyHours", "portal:availability.errors.hoursMissing");
  }
  if (input.state === "paused") {
    if (!input.pausedUntil) throw new RuleError("pausedUntil", "portal:availability.errors.untilMissing");
    if (input.pausedUntil < today) throw new RuleError("pausedUntil", "portal:availability.errors.untilPast");
    const latest = new Date(Date.parse(`${today}T00:00:00Z`) + LONGEST_PAUSE_DAYS * 86_400_000);
    if (input.pausedUntil > latest.toISOString().slice(0, 10)) {
      throw new RuleError("pausedUntil", "portal:availability.errors.untilTooFar");
    }
  }
  db.transaction((tx) => {
    const consultantId = requireOwnConsultantId(tx, args.organizationId, args.userId);
    const before = readAvailability(tx, args.organizationId, consultantId)!;
    const wasPaused = effectiveAvailability(before, today).state === "paused";
    const after = {
      availabilityState: input.state,
      monthlyLimitHundredths: input.state === "limited" ? input.monthlyLimitHundredths : null,
      pausedFrom: input.state === "paused" ? (wasPaused ? before.pausedFrom : today) : null,
      pausedUntil: input.state === "paused" ? input.pausedUntil : null,
      availabilityNote: input.note,
    };
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
      (key) => (before[key] ?? null) !== (after[key] ?? null),
    );
    if (changed.length > 0) {
      tx.update(consultants)
        .set({
          ...sealConsultantFields(after, { organizationId: args.organizationId, consultantId }),
          availabilityChangedAt: new Date(),
        })
        .where(eq(consultants.id, consultantId))
        .run();
      recordAudit(tx, {
        actorUserId: args.userId,
        organizationId: args.organizationId,
        action: "consultant.availability_set",
        subjectType: "consultant",
        subjectId: consultantId,
        changedFields: changed,
      });
    }
    recordCheckIn(tx, { organizationId: args.organizationId, consultantId, userId: args.userId, today });
  });
}

/** The signed-in consultant sets (or, with null, takes away) the most they want to be paid in a year. */
export function setOwnYearlyPayLimit(args: { organizationId: string; userId: string; limitCents: number | null }) {
  db.transaction((tx) => {
    const consultantId = requireOwnConsultantId(tx, args.organizationId, args.userId);
    const before = readAvailability(tx, args.organizationId, consultantId)!;
    if (before.yearlyPayLimitCents === args.limitCents) return;
    tx.update(consultants).set({ yearlyPayLimitCents: args.limitCents }).where(eq(consultants.id, consultantId)).run();
    recordAudit(tx, {
      actorUserId: args.userId,
      organizationId: args.organizationId,
      action: "consultant.pay_limit_set",
      subjectType: "consultant",
      subjectId: consultantId,
      changedFields: ["yearlyPayLimitCents"],
    });
  });
}

/** This year's fees (the organization's year) against a consultant's yearly limit. */
function yearAgainstLimit(tx: Executor, organizationId: string, consultantId: string, today: string) {
  const year = Number(today.slice(0, 4));
  return { year, ...feesCountedTowardYear(tx, { organizationId, consultantId, year, today }) };
}

/** The signed-in consultant's availability page: what they set, and this year's pay against their limit. */
export function ownAvailability(args: { organizationId: string; userId: string; today?: string }) {
  const today = args.today ?? organizationToday(args.organizationId);
  const consultantId = requireOwnConsultantId(db, args.organizationId, args.userId);
  const own = readAvailability(db, args.organizationId, consultantId)!;
  return {
    today,
    availability: effectiveAvailability(own, today),
    note: own.availabilityNote,
    yearlyPayLimitCents: own.yearlyPayLimitCents,
    thisYear: yearAgainstLimit(db, args.organizationId, consultantId, today),
    benefitsGuidanceUrl: getOrganizationSettings(args.organizationId).benefitsGuidanceUrl,
  };
}

/** A consultant's availability, pay limit and check-in as staff see them on the record. */
export function capacityForStaff(organizationId: string, consultantId: string, today?: string) {
  const day = today ?? organizationToday(organizationId);
  const row = readAvailability(db, organizationId, consultantId);
  if (!row) throw new NotFoundError("staff:consultants.errors.notFound");
  return {
    availability: effectiveAvailability(row, day),
    note: row.availabilityNote,
    changedAt: row.availabilityChangedAt,
    yearlyPayLimitCents: row.yearlyPayLimitCents,
    thisYear: row.yearlyPayLimitCents === null ? null : yearAgainstLimit(db, organizationId, consultantId, day),
    checkIn: checkInForStaff(organizationId, consultantId, day),
  };
}

/**
 * Tells a consultant there is new work or a new request for them in the portal, unless they have
 * paused their work: a pause means no nudges, and the offer waits on their portal home for when they
 * come back. Otherwise the contact rule decides (notifyConsultant).
 */
export async function noticeOfNewWork(args: {
  organizationId: string;
  consultantId: string;
}): Promise<NotifyResult | { sent: false; reason: "paused" }> {
  const row = readAvailability(db, args.organizationId, args.consultantId);
  if (!row) throw new NotFoundError("staff:consultants.errors.notFound");
  if (effectiveAvailability(row, organizationToday(args.organizationId)).state === "paused") {
    return { sent: false, reason: "paused" };
  }
  return notifyConsultant({ ...args, message: { template: "portal-notice" } });
}
