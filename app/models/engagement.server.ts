import { and, asc, desc, eq, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import {
  activityTypes,
  consultants,
  engagementAgreements,
  engagements,
  ENGAGEMENT_STATUSES,
  organizationSettings,
  payments,
  programs,
  timeEntries,
  users,
} from "../../db/schema";
import { db, type Executor } from "../utils/db.server";
import { recordAudit } from "../utils/audit.server";
import { listActivityTypes } from "./activity-type.server";
import { dueDateFor } from "./payment-due.server";
import type { EngagementInput } from "../utils/engagement-schema";
import {
  BENCHMARK_HOURLY_CENTS,
  centsToInput,
  fairPayCheck,
  formatCents,
  hundredthsToInput,
  isBelowFairRate,
  MAX_PAYMENT_CENTS,
} from "../utils/money";
import { NotFoundError, RuleError } from "./errors";

type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];

// --- Organization settings ---------------------------------------------------------------

export function getOrganizationSettings(organizationId: string) {
  return (
    db.select().from(organizationSettings).where(eq(organizationSettings.organizationId, organizationId)).get() ?? {
      organizationId,
      defaultHourlyRateCents: 5700,
      paymentDueDays: 30,
      updatedAt: null,
    }
  );
}

// --- Engagements -----------------------------------------------------------------------------

// What the consultant agrees to: any change to one of these needs a new acceptance. The program
// is part of it: the same work for another program is another offer.
export const TERMS_FIELDS = [
  "programId",
  "stage",
  "activityTypeId",
  "role",
  "level",
  "title",
  "scopeWhat",
  "scopeWhen",
  "scopeWhere",
  "format",
  "startDate",
  "endDate",
  "rateKind",
  "rateCents",
  "estimatedHundredths",
  "estimatedDays",
  "coversPreparation",
  "coversTravel",
  "coversDebrief",
  "expensesPolicy",
  "paymentDueDays",
  "cancellationTerms",
] as const;

/**
 * The consultant, program and activity must belong to this organization. A closed program or a
 * removed activity is offered no more, but an engagement that already has one keeps it.
 */
function assertInOrganization(
  tx: Executor,
  organizationId: string,
  input: EngagementInput,
  current?: { programId: string; activityTypeId: string | null },
) {
  const consultant = tx
    .select({ id: consultants.id })
    .from(consultants)
    .where(and(eq(consultants.id, input.consultantId), eq(consultants.organizationId, organizationId)))
    .get();
  if (!consultant) throw new RuleError("consultantId", "Choose a consultant from the list.");
  const program = tx
    .select({ status: programs.status })
    .from(programs)
    .where(and(eq(programs.id, input.programId), eq(programs.organizationId, organizationId)))
    .get();
  if (!program) throw new RuleError("programId", "Choose a program from the list.");
  if (program.status === "closed" && current?.programId !== input.programId) {
    throw new RuleError("programId", "That program is closed. Choose an open one.");
  }
  if (input.activityTypeId) {
    const type = tx
      .select({ stage: activityTypes.stage, archivedAt: activityTypes.archivedAt })
      .from(activityTypes)
      .where(and(eq(activityTypes.id, input.activityTypeId), eq(activityTypes.organizationId, organizationId)))
      .get();
    if (!type) throw new RuleError("activityTypeId", "Choose an activity from the list.");
    if (type.archivedAt && current?.activityTypeId !== input.activityTypeId) {
      throw new RuleError("activityTypeId", "That activity is no longer offered. Choose another.");
    }
    if (type.stage !== input.stage) {
      throw new RuleError("activityTypeId", "That activity belongs to another stage.");
    }
  }
}

function valuesFrom(input: EngagementInput, defaultDueDays: number) {
  const { rate, estimatedHours, estimatedDays, paymentDueDays, belowFairRateAccepted: _accepted, ...rest } = input;
  return {
    ...rest,
    rateCents: rate,
    estimatedHundredths: estimatedHours,
    estimatedDays: input.rateKind === "daily" ? estimatedDays : null,
    paymentDueDays: paymentDueDays ?? defaultDueDays,
  };
}

/**
 * Terms that pay below the organization's fair hourly rate are saved only once the person has
 * seen the figures and chosen to save anyway: the warning comes before saving, not after.
 */
function assertFairRateOrAccepted(
  organizationId: string,
  values: ReturnType<typeof valuesFrom>,
  accepted: boolean,
): boolean {
  const check = fairPayCheck(values, getOrganizationSettings(organizationId).defaultHourlyRateCents);
  if (check.belowFairRate !== true) return false;
  if (accepted) return true;
  const total = check.estimatedTotalCents === null ? "" : ` (about ${formatCents(check.estimatedTotalCents)} in all)`;
  throw new RuleError(
    "belowFairRateAccepted",
    `This pays about ${formatCents(check.effectiveHourlyCents ?? 0)} an hour${total}, below your fair rate of ` +
      `${formatCents(check.fairHourlyCents)} an hour. Raise the rate, or tick “Save anyway” and save again.`,
  );
}

/**
 * Records an engagement as proposed; the same form submitted twice makes one. Says whether this
 * call created it, and for whom as stored, so a resent form does not notify anyone again.
 */
export function createEngagement(args: {
  organizationId: string;
  actorUserId: string;
  input: EngagementInput;
  creationKey: string;
}): { id: string; consultantId: string; created: boolean } {
  return db.transaction((tx) => {
    const existing = tx
      .select({ id: engagements.id, consultantId: engagements.consultantId })
      .from(engagements)
      .where(and(eq(engagements.organizationId, args.organizationId), eq(engagements.creationKey, args.creationKey)))
      .get();
    if (existing) return { ...existing, created: false };
    assertInOrganization(tx, args.organizationId, args.input);
    const values = valuesFrom(args.input, getOrganizationSettings(args.organizationId).paymentDueDays);
    const belowFair = assertFairRateOrAccepted(args.organizationId, values, args.input.belowFairRateAccepted);
    const created = tx
      .insert(engagements)
      .values({
        ...values,
        organizationId: args.organizationId,
        creationKey: args.creationKey,
        createdByUserId: args.actorUserId,
      })
      .returning({ id: engagements.id, consultantId: engagements.consultantId })
      .get();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "engagement.created",
      subjectType: "engagement",
      subjectId: created.id,
      // "Saved anyway" below the fair rate is on the record with the change.
      changedFields: [...Object.keys(values), ...(belowFair ? ["belowFairRateAccepted"] : [])],
    });
    return { ...created, created: true };
  });
}

function findEngagement(tx: Executor, organizationId: string, engagementId: string) {
  const row = tx
    .select()
    .from(engagements)
    .where(and(eq(engagements.id, engagementId), eq(engagements.organizationId, organizationId)))
    .get();
  if (!row) throw new NotFoundError("We could not find that engagement.");
  return row;
}

export const CONSULTANT_LOCKED_MESSAGE = "Cancel this engagement and add a new one for the other consultant.";

/**
 * Whether the consultant has already answered, logged or been paid on this work. Their messages,
 * time notes and pay belong to them: handing the engagement to someone else would show those to
 * the new consultant and pay the new one for the old one's hours.
 */
function hasConsultantHistory(tx: Executor, engagementId: string) {
  const answer = tx
    .select({ id: engagementAgreements.id })
    .from(engagementAgreements)
    .where(eq(engagementAgreements.engagementId, engagementId))
    .get();
  const time = tx
    .select({ id: timeEntries.id })
    .from(timeEntries)
    .where(eq(timeEntries.engagementId, engagementId))
    .get();
  const payment = tx.select({ id: payments.id }).from(payments).where(eq(payments.engagementId, engagementId)).get();
  return Boolean(answer || time || payment);
}

/**
 * Saves changes. A change to the terms raises the terms version, so an earlier acceptance no
 * longer covers them and the consultant is asked again; the accepted version stays as it was.
 * The consultant can be changed only while nothing of theirs is recorded on the work.
 */
export function updateEngagement(args: {
  organizationId: string;
  engagementId: string;
  actorUserId: string;
  input: EngagementInput;
}) {
  db.transaction((tx) => {
    const before = findEngagement(tx, args.organizationId, args.engagementId);
    if (before.status === "completed" || before.status === "cancelled") {
      throw new RuleError("", "A completed or cancelled engagement can no longer be changed.");
    }
    assertInOrganization(tx, args.organizationId, args.input, before);
    const values = valuesFrom(args.input, before.paymentDueDays);
    const changed = Object.keys(values).filter(
      (key) =>
        JSON.stringify(before[key as keyof typeof before] ?? null) !==
        JSON.stringify(values[key as keyof typeof values] ?? null),
    );
    if (changed.length === 0) return;
    const belowFair = assertFairRateOrAccepted(args.organizationId, values, args.input.belowFairRateAccepted);
    if (changed.includes("consultantId") && hasConsultantHistory(tx, before.id)) {
      throw new RuleError("consultantId", CONSULTANT_LOCKED_MESSAGE);
    }
    // New terms, or a different consultant, need that consultant's own acceptance.
    const termsChanged =
      changed.includes("consultantId") || changed.some((key) => (TERMS_FIELDS as readonly string[]).includes(key));
    // Agreed terms that change are no longer agreed, also for work under way: the consultant
    // decides again before any more time is logged, and the last accepted terms stay what pays.
    const backToProposed = termsChanged && (before.status === "agreed" || before.status === "in_progress");
    tx.update(engagements)
      .set({
        ...values,
        updatedAt: new Date(),
        ...(termsChanged ? { termsVersion: before.termsVersion + 1 } : {}),
        ...(backToProposed ? { status: "proposed" as const } : {}),
      })
      .where(eq(engagements.id, before.id))
      .run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: termsChanged ? "engagement.terms_changed" : "engagement.updated",
      subjectType: "engagement",
      subjectId: before.id,
      changedFields: [...changed, ...(belowFair ? ["belowFairRateAccepted"] : [])],
    });
  });
}

// Which status may follow which, for staff. "Agreed" comes only from the consultant's acceptance.
const STAFF_TRANSITIONS: Record<EngagementStatus, EngagementStatus[]> = {
  proposed: ["cancelled"],
  agreed: ["in_progress", "completed", "cancelled"],
  in_progress: ["completed", "cancelled"],
  completed: [],
  cancelled: [],
};

export function nextStatusesForStaff(status: EngagementStatus) {
  return STAFF_TRANSITIONS[status];
}

export function changeEngagementStatus(args: {
  organizationId: string;
  engagementId: string;
  actorUserId: string;
  status: EngagementStatus;
  cancellationReason?: string | null;
  cancellationFeeCents?: number | null;
}): { changed: boolean } {
  return db.transaction((tx) => {
    const before = findEngagement(tx, args.organizationId, args.engagementId);
    if (before.status === args.status) return { changed: false }; // A repeated click changes nothing.
    if (!STAFF_TRANSITIONS[before.status].includes(args.status)) {
      throw new RuleError("status", "That change of status is not possible from here.");
    }
    if (args.status === "cancelled" && !args.cancellationReason) {
      throw new RuleError("cancellationReason", "Say why it was cancelled.");
    }
    // The fee caps what can be paid for cancelled work, so it is held to the payment limit.
    const fee = args.cancellationFeeCents;
    if (
      args.status === "cancelled" &&
      fee != null &&
      (!Number.isSafeInteger(fee) || fee < 0 || fee > MAX_PAYMENT_CENTS)
    ) {
      throw new RuleError("cancellationFee", `Enter a cancellation fee from $0 to ${formatCents(MAX_PAYMENT_CENTS)}.`);
    }
    const now = new Date();
    if (args.status === "completed")
      givePaymentsTheirDueDate(tx, before.id, dueDateFor({ completedAt: now, paymentDueDays: before.paymentDueDays })!);
    tx.update(engagements)
      .set({
        status: args.status,
        updatedAt: now,
        ...(args.status === "completed" ? { completedAt: now } : {}),
        ...(args.status === "cancelled"
          ? { cancellationReason: args.cancellationReason, cancellationFeeCents: args.cancellationFeeCents ?? null }
          : {}),
      })
      .where(eq(engagements.id, before.id))
      .run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "engagement.status_changed",
      subjectType: "engagement",
      subjectId: before.id,
      changedFields: ["status", ...(args.status === "cancelled" ? ["cancellationReason", "cancellationFeeCents"] : [])],
    });
    return { changed: true };
  });
}

/**
 * Payments recorded before the work was completed have no due date yet; completion gives every
 * payment of the engagement the engagement's due date, so open ones can fall overdue like any
 * other and one paid in advance counts as paid on time.
 */
function givePaymentsTheirDueDate(tx: Executor, engagementId: string, dueDate: string) {
  tx.update(payments).set({ dueDate, updatedAt: new Date() }).where(eq(payments.engagementId, engagementId)).run();
}

export type EngagementFilters = { stage?: string; status?: string; consultantId?: string; programId?: string };

function engagementFilterConditions(organizationId: string, filters: EngagementFilters) {
  const conditions: (SQL | undefined)[] = [eq(engagements.organizationId, organizationId)];
  if (filters.stage) conditions.push(eq(engagements.stage, filters.stage as EngagementInput["stage"]));
  if (filters.status) conditions.push(eq(engagements.status, filters.status as EngagementStatus));
  if (filters.consultantId) conditions.push(eq(engagements.consultantId, filters.consultantId));
  if (filters.programId) conditions.push(eq(engagements.programId, filters.programId));
  return and(...conditions);
}

/** How many of the organization's engagements match the filters. */
export function countEngagements(organizationId: string, filters: EngagementFilters = {}) {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(engagements)
      .where(engagementFilterConditions(organizationId, filters))
      .get()?.n ?? 0
  );
}

/** The organization's engagements matching the filters, the most recent first, `limit` of them. */
export function listEngagements(
  organizationId: string,
  filters: EngagementFilters = {},
  { limit = 500 }: { limit?: number } = {},
) {
  const fair = getOrganizationSettings(organizationId).defaultHourlyRateCents;
  return db
    .select({
      id: engagements.id,
      title: engagements.title,
      stage: engagements.stage,
      level: engagements.level,
      status: engagements.status,
      startDate: engagements.startDate,
      rateKind: engagements.rateKind,
      rateCents: engagements.rateCents,
      estimatedHundredths: engagements.estimatedHundredths,
      consultantName: consultants.preferredName,
      programName: programs.name,
    })
    .from(engagements)
    .innerJoin(consultants, eq(consultants.id, engagements.consultantId))
    .innerJoin(programs, eq(programs.id, engagements.programId))
    .where(engagementFilterConditions(organizationId, filters))
    .orderBy(desc(engagements.startDate), desc(engagements.createdAt), asc(engagements.id))
    .limit(limit)
    .all()
    .map((e) => ({ ...e, belowFairRate: isBelowFairRate(e, fair) }));
}

/** One engagement for staff, with the fair-pay check and every answer the consultant gave. */
export function getEngagementForStaff(organizationId: string, engagementId: string) {
  const engagement = findEngagement(db, organizationId, engagementId);
  const names = db
    .select({
      consultantName: consultants.preferredName,
      consultantHasPortalAccount: sql<boolean>`${consultants.userId} is not null`.mapWith(Boolean),
      consultantPronouns: consultants.pronouns,
      programName: programs.name,
    })
    .from(consultants)
    .innerJoin(programs, eq(programs.id, engagement.programId))
    .where(eq(consultants.id, engagement.consultantId))
    .get()!;
  const activity = engagement.activityTypeId
    ? db
        .select({ label: activityTypes.label })
        .from(activityTypes)
        .where(eq(activityTypes.id, engagement.activityTypeId))
        .get()
    : undefined;
  const fair = getOrganizationSettings(organizationId).defaultHourlyRateCents;
  const witnesses = alias(users, "witnesses");
  const agreements = db
    .select({
      id: engagementAgreements.id,
      termsVersion: engagementAgreements.termsVersion,
      decision: engagementAgreements.decision,
      message: engagementAgreements.message,
      termsSnapshot: engagementAgreements.termsSnapshot,
      decidedAt: engagementAgreements.decidedAt,
      // The consultant for a portal answer; the colleague who recorded any other.
      decidedByName: users.preferredName,
      method: engagementAgreements.method,
      agreedOn: engagementAgreements.agreedOn,
      methodDetail: engagementAgreements.methodDetail,
      witnessName: witnesses.preferredName,
      paperFormLocation: engagementAgreements.paperFormLocation,
    })
    .from(engagementAgreements)
    .innerJoin(users, eq(users.id, engagementAgreements.decidedByUserId))
    .leftJoin(witnesses, eq(witnesses.id, engagementAgreements.witnessUserId))
    .where(eq(engagementAgreements.engagementId, engagement.id))
    // Newest first; rowid breaks ties between answers recorded in the same millisecond.
    .orderBy(desc(engagementAgreements.decidedAt), desc(sql`${engagementAgreements}.rowid`))
    .all();
  const { creationKey: _key, ...rest } = engagement;
  const current = agreements.find((a) => a.termsVersion === engagement.termsVersion);
  return {
    ...rest,
    ...names,
    activityLabel: activity?.label ?? null,
    fairPay: { ...fairPayCheck(engagement, fair), benchmarkHourlyCents: BENCHMARK_HOURLY_CENTS },
    agreements,
    currentDecision: current?.decision ?? null,
    currentVersionAccepted: agreements.some(
      (a) => a.termsVersion === engagement.termsVersion && a.decision === "accepted",
    ),
  };
}

type Engagement = typeof engagements.$inferSelect;
export type Terms = Pick<Engagement, (typeof TERMS_FIELDS)[number]>;

/** The terms as the consultant sees them, kept word for word with their answer. */
export function termsSnapshot(engagement: Engagement): Terms {
  return Object.fromEntries(TERMS_FIELDS.map((field) => [field, engagement[field]])) as Terms;
}

/**
 * What the engagement form offers: this organization's consultants, open programs and current
 * activities, plus the program and activity an engagement being edited already has.
 */
export function engagementFormChoices(
  organizationId: string,
  keep: { programId?: string; activityTypeId?: string | null } = {},
) {
  return {
    consultants: db
      .select({ id: consultants.id, preferredName: consultants.preferredName })
      .from(consultants)
      // An erased record takes no new work.
      .where(and(eq(consultants.organizationId, organizationId), isNull(consultants.erasedAt)))
      .orderBy(asc(consultants.preferredName))
      .all(),
    programs: db
      .select({ id: programs.id, name: programs.name })
      .from(programs)
      .where(
        and(
          eq(programs.organizationId, organizationId),
          or(ne(programs.status, "closed"), keep.programId ? eq(programs.id, keep.programId) : undefined),
        ),
      )
      .orderBy(asc(programs.name))
      .all(),
    activityTypes: listActivityTypes(organizationId, { alsoId: keep.activityTypeId }),
  };
}

/** An engagement as form values (money and hours back to the text a person would type). */
export function engagementFormDefaults(e: typeof engagements.$inferSelect) {
  return {
    consultantId: e.consultantId,
    programId: e.programId,
    stage: e.stage,
    activityTypeId: e.activityTypeId ?? "",
    role: e.role ?? "",
    level: e.level,
    title: e.title,
    scopeWhat: e.scopeWhat,
    scopeWhen: e.scopeWhen ?? "",
    scopeWhere: e.scopeWhere ?? "",
    format: e.format ?? "",
    startDate: e.startDate ?? "",
    endDate: e.endDate ?? "",
    rateKind: e.rateKind,
    rate: centsToInput(e.rateCents),
    estimatedHours: e.estimatedHundredths ? hundredthsToInput(e.estimatedHundredths) : "",
    estimatedDays: e.estimatedDays ? String(e.estimatedDays) : "",
    coversPreparation: e.coversPreparation,
    coversTravel: e.coversTravel,
    coversDebrief: e.coversDebrief,
    expensesPolicy: e.expensesPolicy ?? "",
    paymentDueDays: String(e.paymentDueDays),
    cancellationTerms: e.cancellationTerms ?? "",
  };
}

export function getEngagementForEdit(organizationId: string, engagementId: string) {
  return findEngagement(db, organizationId, engagementId);
}
