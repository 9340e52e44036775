// The staff dashboard: each panel answers one question about whether the organization works in a
// survivor-informed way, for a period and optionally one program. Read-only.
import { endOfDay, parseISO } from "date-fns";
import { and, asc, count, desc, eq, gte, inArray, isNull, lt, lte, min, ne, notExists, or, sql } from "drizzle-orm";
import {
  assessmentActions,
  assessments,
  assessmentTemplates,
  checklistItems,
  consultantChecklistEntries,
  consultants,
  CONSULTANT_STATUSES,
  engagementAgreements,
  engagements,
  payments,
  programInputs,
  programs,
  timeEntries,
  type Role,
} from "../../db/schema";
import { db } from "../utils/db.server";
import { quartersOf, type Period } from "../utils/period";
import { OPEN_TOO_LONG_DAYS } from "../utils/program-input-options";
import { assessmentResults } from "./assessment/results.server";
import { countActiveSteps } from "./checklist.server";
import { consentDashboard } from "./consent/report.server";
import { breadthOfInput, engagementMixYearOnYear, payTimeliness, shapingShare } from "./engagement-stats.server";
import { experienceByQuarter } from "./feedback/quarterly-scores.server";
import { unpaidWorkToRecord } from "./payment/overdue.server";
import { overdueCheckIns } from "./capacity/check-ins.server";
import { supportRequestsWaiting } from "./engagement/support-plan.server";
import { addDaysToIsoDay } from "../utils/day";
import { paymentNeededNowCondition } from "./payment/needed-now.server";
import { anotherAdminCanApprove } from "./payment/steps.server";
import { keepsItsReceivedDay, keepsItsReceivedDayWhere } from "./program-input/shared.server";
import { DEFAULT_LANGUAGE, type Language } from "~/i18n/config";

export const READINESS_TEMPLATE_KEY = "survivor-informed-readiness";

/** Input received before this day has been open longer than the limit (day 60 is not yet late). */
const openTooLongBefore = (today: string) => addDaysToIsoDay(today, -OPEN_TOO_LONG_DAYS);

/** Are we closing the loop? Input received in the period: how much is still open, how much reported back. */
export function inputLoop(organizationId: string, period: Period, today: string) {
  const rows = db
    .select({ status: programInputs.status, receivedOn: programInputs.receivedOn, anonymous: programInputs.anonymous })
    .from(programInputs)
    .where(
      and(
        eq(programInputs.organizationId, organizationId),
        period.programId ? eq(programInputs.programId, period.programId) : undefined,
        gte(programInputs.receivedOn, period.from),
        lte(programInputs.receivedOn, period.to),
      ),
    )
    .all();
  const reportedBack = rows.filter((r) => r.status === "reported_back").length;
  const tooLongBefore = openTooLongBefore(today);
  return {
    received: rows.length,
    open: rows.length - reportedBack,
    reportedBack,
    closureRate: rows.length === 0 ? null : reportedBack / rows.length,
    openTooLong: rows.filter(
      (r) => r.status !== "reported_back" && keepsItsReceivedDay(r) && r.receivedOn < tooLongBefore,
    ).length,
    experience: experienceByQuarter(organizationId, { programId: period.programId, quarters: quartersOf(period) }),
  };
}

/**
 * How ready are we? The readiness self-assessment completed most recently by the end of the
 * period, its domain scores and how each moved since the one before; open action items now.
 */
export function readinessProgress(organizationId: string, period: Period, language: Language = DEFAULT_LANGUAGE) {
  const latest = db
    .select({ id: assessments.id })
    .from(assessments)
    .innerJoin(assessmentTemplates, eq(assessmentTemplates.id, assessments.templateId))
    .where(
      and(
        eq(assessments.organizationId, organizationId),
        eq(assessments.status, "complete"),
        eq(assessmentTemplates.key, READINESS_TEMPLATE_KEY),
        lte(assessments.completedAt, endOfDay(parseISO(period.to))),
      ),
    )
    .orderBy(desc(assessments.completedAt))
    .limit(1)
    .get();
  const openActions =
    db
      .select({ n: count() })
      .from(assessmentActions)
      .where(and(eq(assessmentActions.organizationId, organizationId), ne(assessmentActions.status, "done")))
      .get()?.n ?? 0;
  if (!latest) return { latest: null, openActions };
  const results = assessmentResults(organizationId, latest.id, language);
  return {
    latest: {
      id: results.assessment.id,
      title: results.assessment.title,
      completedAt: results.assessment.completedAt,
      previousCompletedAt: results.previous?.completedAt ?? null,
      domains: results.domains.map((d) => ({
        key: d.key,
        title: d.title,
        percent: d.percent,
        // Why a score may be missing: every item not applicable, or too few answers to score.
        allNotApplicable: d.notApplicable === d.items,
        previousPercent: d.previousPercent,
        change: d.change,
      })),
    },
    openActions,
  };
}

/** Who is onboarding? Consultants by status now, and onboarding steps not yet done by those onboarding. */
export function onboardingOverview(organizationId: string) {
  const rows = db
    .select({ status: consultants.status, n: count() })
    .from(consultants)
    .where(eq(consultants.organizationId, organizationId))
    .groupBy(consultants.status)
    .all();
  const byStatus = CONSULTANT_STATUSES.map((status) => ({
    status,
    count: rows.find((r) => r.status === status)?.n ?? 0,
  }));
  const onboarding = byStatus.find((s) => s.status === "onboarding")!.count;
  const stepsDone =
    db
      .select({ n: count() })
      .from(consultantChecklistEntries)
      .innerJoin(consultants, eq(consultants.id, consultantChecklistEntries.consultantId))
      .innerJoin(checklistItems, eq(checklistItems.id, consultantChecklistEntries.itemId))
      .where(
        and(
          eq(consultantChecklistEntries.organizationId, organizationId),
          // Said of the consultant too: entries have no organization index, so without it SQLite
          // reads every consultant of every organization to find this one's onboarding ones.
          eq(consultants.organizationId, organizationId),
          eq(consultants.status, "onboarding"),
          isNull(checklistItems.archivedAt),
          sql`${consultantChecklistEntries.doneAt} is not null`,
        ),
      )
      .get()?.n ?? 0;
  return {
    byStatus,
    total: byStatus.reduce((n, s) => n + s.count, 0),
    onboarding,
    stepsOutstanding: onboarding * countActiveSteps(organizationId) - stepsDone,
  };
}

const NEEDS_YOU_LIMIT = 5;

/**
 * "Needs you": the signed-in person's own to-do list. A payment the consultant needs now comes
 * first, for admins and for whoever recorded it. Admins approve and pay; staff and admins
 * approve time, and answer the support a consultant asked for; whoever set up an engagement sees it while the consultant has not accepted the
 * current terms; action items are their owner's. Completed work with no payment recorded, past
 * due, is everyone's: staff and admins alike record payments. So are overdue check-ins.
 */
export function needsYou(organizationId: string, actor: { userId: string; role: Role }, today: string) {
  const isAdmin = actor.role === "admin";
  const toApprove = isAdmin
    ? (db
        .select({ n: count() })
        .from(payments)
        .where(
          and(
            eq(payments.organizationId, organizationId),
            eq(payments.status, "pending"),
            // Whoever recorded a payment does not approve it, unless they are the only admin.
            anotherAdminCanApprove(db, organizationId, actor.userId)
              ? or(isNull(payments.createdByUserId), ne(payments.createdByUserId, actor.userId))
              : undefined,
          ),
        )
        .get()?.n ?? 0)
    : 0;
  const toPay = isAdmin
    ? (db
        .select({ n: count() })
        .from(payments)
        .where(and(eq(payments.organizationId, organizationId), eq(payments.status, "approved")))
        .get()?.n ?? 0)
    : 0;
  // Payments a consultant told us they need now: for the admins who pay them and whoever recorded them.
  const neededNow = db
    .select({
      id: payments.id,
      feeCents: payments.feeCents,
      consultantName: consultants.preferredName,
      title: engagements.title,
    })
    .from(payments)
    .innerJoin(engagements, eq(engagements.id, payments.engagementId))
    .innerJoin(consultants, eq(consultants.id, payments.consultantId))
    .where(
      and(
        eq(payments.organizationId, organizationId),
        paymentNeededNowCondition(),
        isAdmin ? undefined : eq(payments.createdByUserId, actor.userId),
      ),
    )
    .orderBy(asc(payments.neededNowAt), asc(payments.id))
    .limit(NEEDS_YOU_LIMIT)
    .all();
  // The work whose time has waited longest, found from the time index alone; titles for those only.
  const waiting = db
    .select({ id: timeEntries.engagementId, entries: count(), since: min(timeEntries.workDate) })
    .from(timeEntries)
    .where(and(eq(timeEntries.organizationId, organizationId), eq(timeEntries.status, "submitted")))
    .groupBy(timeEntries.engagementId)
    .orderBy(asc(min(timeEntries.workDate)), asc(timeEntries.engagementId))
    .limit(NEEDS_YOU_LIMIT)
    .all();
  const titles = new Map(
    waiting.length
      ? db
          .select({ id: engagements.id, title: engagements.title })
          .from(engagements)
          .where(
            and(
              eq(engagements.organizationId, organizationId),
              inArray(
                engagements.id,
                waiting.map((w) => w.id),
              ),
            ),
          )
          .all()
          .map((e) => [e.id, e.title])
      : [],
  );
  const timeToApprove = waiting.map((w) => ({ id: w.id, title: titles.get(w.id) ?? "", entries: w.entries }));
  // Support a consultant asked for and is waiting to hear about: everyone's, as staff and admins
  // alike arrange it.
  const supportAsked = supportRequestsWaiting(organizationId, NEEDS_YOU_LIMIT);
  const awaitingAcceptance = db
    .select({ id: engagements.id, title: engagements.title })
    .from(engagements)
    .where(
      and(
        eq(engagements.organizationId, organizationId),
        eq(engagements.createdByUserId, actor.userId),
        inArray(engagements.status, ["proposed", "agreed"]),
        notExists(
          db
            .select({ one: sql`1` })
            .from(engagementAgreements)
            .where(
              and(
                eq(engagementAgreements.engagementId, sql.raw('"engagements"."id"')),
                eq(engagementAgreements.termsVersion, sql.raw('"engagements"."terms_version"')),
                eq(engagementAgreements.decision, "accepted"),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(engagements.startDate), asc(engagements.title))
    .limit(NEEDS_YOU_LIMIT)
    .all();
  const myActions = db
    .select({
      id: assessmentActions.id,
      assessmentId: assessmentActions.assessmentId,
      title: assessmentActions.title,
      dueDate: assessmentActions.dueDate,
    })
    .from(assessmentActions)
    .where(
      and(
        eq(assessmentActions.organizationId, organizationId),
        eq(assessmentActions.ownerUserId, actor.userId),
        ne(assessmentActions.status, "done"),
      ),
    )
    .orderBy(sql`${assessmentActions.dueDate} is null`, asc(assessmentActions.dueDate), asc(assessmentActions.title))
    .limit(NEEDS_YOU_LIMIT)
    .all()
    .map((a) => ({ ...a, overdue: a.dueDate !== null && a.dueDate < today }));
  // Ideas sent "in general" have no program: they wait under a null program, on their own page.
  const inputsWaiting = db
    .select({ programId: programInputs.programId, programName: programs.name, n: count() })
    .from(programInputs)
    .leftJoin(programs, eq(programs.id, programInputs.programId))
    .where(
      and(
        eq(programInputs.organizationId, organizationId),
        ne(programInputs.status, "reported_back"),
        keepsItsReceivedDayWhere(),
        lt(programInputs.receivedOn, openTooLongBefore(today)),
      ),
    )
    .groupBy(programInputs.programId, programs.name)
    .orderBy(asc(programs.name))
    .all();
  // Ideas and concerns consultants sent from the portal that nobody has looked at yet.
  const newIdeas =
    db
      .select({ n: count() })
      .from(programInputs)
      .where(
        and(
          eq(programInputs.organizationId, organizationId),
          eq(programInputs.source, "portal"),
          eq(programInputs.status, "received"),
        ),
      )
      .get()?.n ?? 0;
  const unpaidWork = unpaidWorkToRecord(organizationId, today, NEEDS_YOU_LIMIT);
  // Consultants who have let a regular check-in of their details go unanswered: everyone's to follow up.
  const checkInsOverdue = overdueCheckIns(organizationId, today, NEEDS_YOU_LIMIT);
  return {
    checkInsOverdue,
    neededNow,
    toApprove,
    toPay,
    unpaidWork,
    timeToApprove,
    supportAsked,
    awaitingAcceptance,
    myActions,
    inputsWaiting,
    newIdeas,
  };
}

/**
 * The panels about a period (and program): the same for everyone in the organization, and the
 * costly ones to work out, so the page may keep them for a minute (app/utils/figures-cache.server.ts).
 */
export function periodFigures(
  organizationId: string,
  period: Period,
  today: string,
  language: Language = DEFAULT_LANGUAGE,
) {
  const mix = engagementMixYearOnYear(organizationId, period);
  return {
    shaping: { ...mix, share: shapingShare(mix.current), previousShare: shapingShare(mix.previous) },
    breadth: breadthOfInput(organizationId, period),
    pay: payTimeliness(organizationId, period, today),
    loop: inputLoop(organizationId, period, today),
    // The readiness areas are named in the template's words, in the reader's language.
    readiness: readinessProgress(organizationId, period, language),
    onboarding: onboardingOverview(organizationId),
  };
}

/** The panels about now and about the person looking: always read fresh. */
export function liveFigures(organizationId: string, actor: { userId: string; role: Role }, today: string) {
  return { consent: consentDashboard(organizationId, today), needsYou: needsYou(organizationId, actor, today) };
}

/** Every panel of the dashboard, for one period (and program) and the person looking. */
export function staffDashboard(args: {
  organizationId: string;
  actor: { userId: string; role: Role };
  period: Period;
  today: string;
}) {
  return {
    ...periodFigures(args.organizationId, args.period, args.today),
    ...liveFigures(args.organizationId, args.actor, args.today),
  };
}
export type StaffDashboard = ReturnType<typeof staffDashboard>;
