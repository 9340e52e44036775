// Regular check-ins: every so many days (an organization setting) the portal asks a consultant to
// check that their contact details, safe channels, support needs and availability are still right.
// Saying "still right", or changing any of them in the portal, is a check-in. Staff see who has let
// one go unanswered; a reminder goes out once per period, and only through a channel marked safe.
import { and, asc, eq, inArray, isNull, isNotNull, sql } from "drizzle-orm";
import { checkInReminders, consultants, memberships, organizations } from "../../../db/schema";
import { recordAudit } from "../../utils/audit.server";
import { addDaysToIsoDay } from "../../utils/day";
import { db, type Executor } from "../../utils/db.server";
import { composeEmailForEveryLanguage, deliverEmail, enqueueEmail } from "../../utils/email.server";
import { dayIn, todayIn } from "../../utils/format";
import { allowedChannels, findContactFacts } from "../contact.server";
import { requireOwnConsultantId } from "../consultant/own.server";
import { recordCheckIn } from "./last-check-in.server";
import { getOrganizationSettings } from "../engagement/pay-settings.server";
import { notificationLanguage } from "../language.server";
import { organizationTimeZone } from "../settings.server";

/** A check-in not answered this many days after it fell due is overdue: staff see it on "Needs you". */
export const CHECK_IN_GRACE_DAYS = 14;

/** Consultants asked to check in: those with a portal account who still work with the organization. */
const CHECKING_IN_STATUSES = ["onboarding", "active", "paused"] as const;

export type CheckInPeriod = { periodFrom: string; dueOn: string };

/**
 * The period a consultant's next check-in belongs to: it counts from their last check-in, or from
 * the day they joined the portal, and falls due `intervalDays` later.
 */
export function checkInPeriod(facts: { lastCheckInOn: string | null; joinedOn: string }, intervalDays: number) {
  const periodFrom = facts.lastCheckInOn ?? facts.joinedOn;
  return { periodFrom, dueOn: addDaysToIsoDay(periodFrom, intervalDays) };
}

/** Due from its due day on: the portal asks, and a reminder may go out. */
export const isCheckInDue = (period: CheckInPeriod, today: string) => today >= period.dueOn;

/** Still not answered `CHECK_IN_GRACE_DAYS` after it fell due. */
export const isCheckInOverdue = (period: CheckInPeriod, today: string) =>
  today >= addDaysToIsoDay(period.dueOn, CHECK_IN_GRACE_DAYS);

/** The people of an organization who are asked to check in, with what their period counts from. */
function checkingIn(executor: Executor, organizationId: string, extra?: ReturnType<typeof and>) {
  return executor
    .select({
      consultantId: consultants.id,
      preferredName: consultants.preferredName,
      lastCheckInOn: consultants.lastCheckInOn,
      joinedAt: memberships.createdAt,
    })
    .from(consultants)
    .innerJoin(
      memberships,
      and(eq(memberships.userId, consultants.userId), eq(memberships.organizationId, consultants.organizationId)),
    )
    .where(
      and(
        eq(consultants.organizationId, organizationId),
        isNotNull(consultants.userId),
        isNull(consultants.erasedAt),
        inArray(consultants.status, [...CHECKING_IN_STATUSES]),
        eq(memberships.role, "consultant"),
        isNull(memberships.deactivatedAt),
        extra,
      ),
    );
}

// A day in SQL a little earlier than the organization's: the exact test is made in code, on its day.
const periodStartSql = sql<string>`coalesce(${consultants.lastCheckInOn}, date(${memberships.createdAt} / 1000, 'unixepoch', '-1 day'))`;

/** The signed-in consultant's check-in: when it is due, and whether the portal asks for it now. */
export function ownCheckIn(args: { organizationId: string; userId: string; today?: string }) {
  const timeZone = organizationTimeZone(args.organizationId);
  const today = args.today ?? todayIn(timeZone);
  const row = checkingIn(db, args.organizationId, and(eq(consultants.userId, args.userId))).get();
  if (!row) return null;
  const period = checkInPeriod(
    { lastCheckInOn: row.lastCheckInOn, joinedOn: dayIn(row.joinedAt, timeZone) },
    getOrganizationSettings(args.organizationId).checkInIntervalDays,
  );
  return { ...period, lastCheckInOn: row.lastCheckInOn, due: isCheckInDue(period, today) };
}

/** A consultant's check-in as staff see it on their record: null for those not asked to check in. */
export function checkInForStaff(organizationId: string, consultantId: string, today: string) {
  const timeZone = organizationTimeZone(organizationId);
  const row = checkingIn(db, organizationId, and(eq(consultants.id, consultantId))).get();
  if (!row) return null;
  const period = checkInPeriod(
    { lastCheckInOn: row.lastCheckInOn, joinedOn: dayIn(row.joinedAt, timeZone) },
    getOrganizationSettings(organizationId).checkInIntervalDays,
  );
  return { ...period, lastCheckInOn: row.lastCheckInOn, overdue: isCheckInOverdue(period, today) };
}

/** "Still right": the signed-in consultant says their details need no change. */
export function confirmDetailsStillRight(args: { organizationId: string; userId: string; today?: string }) {
  const today = args.today ?? todayIn(organizationTimeZone(args.organizationId));
  db.transaction((tx) => {
    const consultantId = requireOwnConsultantId(tx, args.organizationId, args.userId);
    recordCheckIn(tx, { ...args, consultantId, today });
  });
}

/**
 * Who has let a check-in go unanswered past the grace days, longest first: `limit` of them and how
 * many in all, for "Needs you".
 */
export function overdueCheckIns(organizationId: string, today: string, limit: number) {
  const timeZone = organizationTimeZone(organizationId);
  const interval = getOrganizationSettings(organizationId).checkInIntervalDays;
  const latestStart = addDaysToIsoDay(today, -(interval + CHECK_IN_GRACE_DAYS));
  const overdue = checkingIn(db, organizationId, and(sql`${periodStartSql} <= ${latestStart}`))
    .orderBy(asc(periodStartSql), asc(consultants.id))
    .all()
    .map((row) => ({
      consultantId: row.consultantId,
      preferredName: row.preferredName,
      ...checkInPeriod({ lastCheckInOn: row.lastCheckInOn, joinedOn: dayIn(row.joinedAt, timeZone) }, interval),
    }))
    .filter((row) => isCheckInOverdue(row, today))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.consultantId.localeCompare(b.consultantId));
  return { items: overdue.slice(0, limit), count: overdue.length };
}

/**
 * One reminder per due period to every consultant whose check-in is due, through a channel they
 * marked safe and in their language, with neutral words: nothing about who sends it or why. Email is
 * the only automatic channel; anyone with no safe channel gets no reminder (the portal still asks).
 * A period already reminded is never reminded again, even by two runs at once (a unique index).
 * Run by the server's background jobs; `now` for tests. Returns how many reminders were queued.
 */
export async function sendCheckInReminders(now: Date = new Date()) {
  const due = db
    .select({ id: organizations.id, timeZone: organizations.timeZone })
    .from(organizations)
    .all()
    .flatMap((org) => {
      const today = todayIn(org.timeZone, now);
      const interval = getOrganizationSettings(org.id).checkInIntervalDays;
      const reminded = sql`exists (select 1 from ${checkInReminders} r where r.consultant_id = ${consultants.id}
        and r.period_from >= ${periodStartSql})`;
      return checkingIn(
        db,
        org.id,
        and(sql`${periodStartSql} <= ${addDaysToIsoDay(today, -interval)}`, sql`not ${reminded}`),
      )
        .all()
        .map((row) => ({
          organizationId: org.id,
          consultantId: row.consultantId,
          ...checkInPeriod({ lastCheckInOn: row.lastCheckInOn, joinedOn: dayIn(row.joinedAt, org.timeZone) }, interval),
        }))
        .filter((row) => isCheckInDue(row, today));
    });
  if (due.length === 0) return 0;
  const composed = await composeEmailForEveryLanguage({ template: "check-in" });
  const queued: string[] = [];
  for (const person of due) {
    const owner = { organizationId: person.organizationId, consultantId: person.consultantId };
    db.transaction((tx) => {
      const facts = findContactFacts(tx, owner);
      if (!facts) return;
      if (!allowedChannels(facts).email) return;
      const reminded = tx
        .insert(checkInReminders)
        .values({ ...owner, periodFrom: person.periodFrom, dueOn: person.dueOn, channel: "email" })
        .onConflictDoNothing()
        .returning({ id: checkInReminders.id })
        .get();
      if (!reminded) return;
      queued.push(enqueueEmail(tx, facts.email!, composed(notificationLanguage(facts))));
      recordAudit(tx, {
        actorUserId: null,
        organizationId: person.organizationId,
        action: "consultant.check_in_reminded",
        subjectType: "consultant",
        subjectId: person.consultantId,
      });
    });
  }
  for (const id of queued) void deliverEmail(id);
  return queued.length;
}
