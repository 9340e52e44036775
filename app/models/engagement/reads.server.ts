// Engagements as staff read them: the filtered list and its count, one engagement with its fair-pay
// check and every answer, and what the engagement form offers and starts from.
import { and, asc, desc, eq, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import {
  consultants,
  engagementAgreements,
  engagements,
  ENGAGEMENT_STATUSES,
  programs,
  users,
} from "../../../db/schema";
import { db } from "../../utils/db.server";
import type { EngagementInput } from "../../utils/engagement-schema";
import {
  BENCHMARK_HOURLY_CENTS,
  centsToInput,
  fairPayCheck,
  hundredthsToInput,
  isBelowFairRate,
} from "../../utils/money";
import { TERMS_WORDS_FIELDS, TRANSLATION_LANGUAGES } from "../../utils/terms-words";
import { activityLabelIn, listActivityTypes } from "../activity-type.server";
import { getOrganizationSettings } from "./pay-settings.server";
import { findEngagement } from "./shared.server";
import { termsLanguages, termsWordsFor } from "./terms.server";
import { planInSnapshot } from "./support-plan.server";
import { DEFAULT_LANGUAGE, type Language } from "~/i18n/config";

type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];

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

/**
 * One engagement for staff, with the fair-pay check and every answer the consultant gave; its
 * activity named in the reader's `language` where written.
 */
export function getEngagementForStaff(
  organizationId: string,
  engagementId: string,
  language: Language = DEFAULT_LANGUAGE,
) {
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
  const fair = getOrganizationSettings(organizationId).defaultHourlyRateCents;
  const witnesses = alias(users, "witnesses");
  const agreements = db
    .select({
      id: engagementAgreements.id,
      termsVersion: engagementAgreements.termsVersion,
      decision: engagementAgreements.decision,
      message: engagementAgreements.message,
      termsSnapshot: engagementAgreements.termsSnapshot,
      language: engagementAgreements.language,
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
    .all()
    // Each answer with the words as they were read, in the language they were read in.
    .map((a) => ({
      ...a,
      asRead: termsWordsFor(a.termsSnapshot, a.language),
      // The support plan that was part of those terms.
      supportPlan: planInSnapshot(a.termsSnapshot),
    }));
  const { creationKey: _key, termsTranslations, ...rest } = engagement;
  const current = agreements.find((a) => a.termsVersion === engagement.termsVersion);
  return {
    ...rest,
    ...names,
    activityLabel: activityLabelIn(engagement.activityTypeId, language)?.label ?? null,
    // Staff read the English; they are told which other languages the terms are written in.
    termsLanguages: termsLanguages({ ...engagement, termsTranslations }),
    fairPay: { ...fairPayCheck(engagement, fair), benchmarkHourlyCents: BENCHMARK_HOURLY_CENTS },
    agreements,
    currentDecision: current?.decision ?? null,
    currentVersionAccepted: agreements.some(
      (a) => a.termsVersion === engagement.termsVersion && a.decision === "accepted",
    ),
  };
}

/**
 * What the engagement form offers: this organization's consultants, open programs and current
 * activities, plus the program and activity an engagement being edited already has.
 */
export function engagementFormChoices(
  organizationId: string,
  keep: { programId?: string; activityTypeId?: string | null } = {},
  language: Language = DEFAULT_LANGUAGE,
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
    activityTypes: listActivityTypes(organizationId, { alsoId: keep.activityTypeId, language }),
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

/** The terms' words in other languages as the form's `translations` fields (`translations.es.title`). */
export function engagementTranslationDefaults(e: typeof engagements.$inferSelect) {
  return Object.fromEntries(
    TRANSLATION_LANGUAGES.map((language) => [
      language,
      Object.fromEntries(TERMS_WORDS_FIELDS.map((field) => [field, e.termsTranslations?.[language]?.[field] ?? ""])),
    ]),
  );
}

export function getEngagementForEdit(organizationId: string, engagementId: string) {
  return findEngagement(db, organizationId, engagementId);
}
