// Staff record an engagement and change it: the checks that its consultant, program and activity
// are the organization's, the fair-rate warning, and the rule that changed terms need a new answer.
import { and, eq } from "drizzle-orm";
import {
  activityTypes,
  assessmentInvitations,
  consultants,
  engagementAgreements,
  engagements,
  payments,
  programs,
  supportItems,
  timeEntries,
  type Translations,
} from "../../../db/schema";
import { recordAudit } from "../../utils/audit.server";
import { db, type Executor } from "../../utils/db.server";
import type { EngagementInput } from "../../utils/engagement-schema";
import { fairPayCheck } from "../../utils/money";
import { TERMS_WORDS_FIELDS, TRANSLATION_LANGUAGES, translationGaps } from "../../utils/terms-words";
import { assertWithinCapacityOrAccepted, OFFER_FIELDS, type Offer } from "../capacity/offers.server";
import { RuleError } from "../errors";
import { organizationToday } from "../settings.server";
import { refuseStaleTranslations, sameTranslations, staleTranslations } from "../localized.server";
import { getOrganizationSettings } from "./pay-settings.server";
import { findEngagement } from "./shared.server";
import { changedTermsValues, TERMS_FIELDS } from "./terms.server";

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
  if (!consultant) throw new RuleError("consultantId", "staff:engagements.errors.consultantFromList");
  const program = tx
    .select({ status: programs.status })
    .from(programs)
    .where(and(eq(programs.id, input.programId), eq(programs.organizationId, organizationId)))
    .get();
  if (!program) throw new RuleError("programId", "staff:engagements.errors.programFromList");
  if (program.status === "closed" && current?.programId !== input.programId) {
    throw new RuleError("programId", "staff:engagements.errors.programClosed");
  }
  if (input.activityTypeId) {
    const type = tx
      .select({ stage: activityTypes.stage, archivedAt: activityTypes.archivedAt })
      .from(activityTypes)
      .where(and(eq(activityTypes.id, input.activityTypeId), eq(activityTypes.organizationId, organizationId)))
      .get();
    if (!type) throw new RuleError("activityTypeId", "staff:engagements.errors.activityFromList");
    if (type.archivedAt && current?.activityTypeId !== input.activityTypeId) {
      throw new RuleError("activityTypeId", "staff:engagements.errors.activityArchived");
    }
    if (type.stage !== input.stage) {
      throw new RuleError("activityTypeId", "staff:engagements.errors.activityOtherStage");
    }
  }
}

function valuesFrom(input: EngagementInput, defaultDueDays: number) {
  const {
    rate,
    estimatedHours,
    estimatedDays,
    paymentDueDays,
    translations,
    belowFairRateAccepted: _accepted,
    offerAnyway: _offerAnyway,
    stillSame: _stillSame,
    ...rest
  } = input;
  const values = {
    ...rest,
    rateCents: rate,
    estimatedHundredths: estimatedHours,
    estimatedDays: input.rateKind === "daily" ? estimatedDays : null,
    paymentDueDays: paymentDueDays ?? defaultDueDays,
    termsTranslations: translations ?? {},
  };
  // The form refuses this already; here it holds for every caller.
  const gap = translationGaps(values, values.termsTranslations)[0];
  if (gap) throw new RuleError(gap.path, gap.message);
  return values;
}

/** Which languages' words differ between two sets of translations, for the audit ("termsTranslations.es"). */
function changedTranslations(before: Translations, after: Translations) {
  return TRANSLATION_LANGUAGES.filter(
    (language) => !sameTranslations({ [language]: before[language] ?? {} }, { [language]: after[language] ?? {} }),
  ).map((language) => `termsTranslations.${language}`);
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
  const amounts = { hourly: check.effectiveHourlyCents ?? 0, fair: check.fairHourlyCents };
  throw check.estimatedTotalCents === null
    ? new RuleError("belowFairRateAccepted", "staff:engagements.errors.belowFairRate", amounts)
    : new RuleError("belowFairRateAccepted", "staff:engagements.errors.belowFairRateWithTotal", {
        ...amounts,
        total: check.estimatedTotalCents,
      });
}

/**
 * The offer of work the form's terms make, for the checks against the consultant's availability: what
 * any caller that makes an engagement shows staff first is what this module checks before saving.
 */
export function offerOf(input: EngagementInput, engagementId?: string): Offer {
  return {
    consultantId: input.consultantId,
    engagementId,
    terms: {
      rateKind: input.rateKind,
      rateCents: input.rate,
      estimatedHundredths: input.estimatedHours,
      // As saved (valuesFrom): only a daily rate keeps a number of days.
      estimatedDays: input.rateKind === "daily" ? input.estimatedDays : null,
      startDate: input.startDate,
      endDate: input.endDate,
    },
  };
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
    const overCapacity = assertWithinCapacityOrAccepted(tx, {
      organizationId: args.organizationId,
      offer: offerOf(args.input),
      today: organizationToday(args.organizationId),
      accepted: args.input.offerAnyway,
    });
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
      changedFields: [
        ...Object.keys(values).filter((key) => key !== "termsTranslations"),
        ...changedTranslations({}, values.termsTranslations),
        ...(belowFair ? ["belowFairRateAccepted"] : []),
        // "Offered anyway" past the consultant's pause or limits is on the record too.
        ...(overCapacity ? ["offerAnyway"] : []),
      ],
    });
    return { ...created, created: true };
  });
}

/**
 * Whether the consultant has already answered, logged, been paid, asked for support or been asked
 * to assess on this work. Their messages, time notes, pay and support plan (sealed words about their
 * needs among them) belong to them: handing the engagement to someone else would show those to the
 * new consultant and pay the new one for the old one's hours.
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
  const support = tx
    .select({ id: supportItems.id })
    .from(supportItems)
    .where(eq(supportItems.engagementId, engagementId))
    .get();
  const invitation = tx
    .select({ id: assessmentInvitations.id })
    .from(assessmentInvitations)
    .where(eq(assessmentInvitations.engagementId, engagementId))
    .get();
  return Boolean(answer || time || payment || support || invitation);
}

/**
 * Saves changes. A change to the terms raises the terms version, so an earlier acceptance no
 * longer covers them and the consultant is asked again; the accepted version stays as it was.
 * The consultant can be changed only while nothing of theirs is recorded on the work. Changed English
 * beside a translation left as it was is refused unless staff say it still says the same.
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
      throw new RuleError(null, "staff:engagements.errors.closedNoChange");
    }
    assertInOrganization(tx, args.organizationId, args.input, before);
    const values = valuesFrom(args.input, before.paymentDueDays);
    const changed = [
      ...Object.keys(values).filter(
        (key) =>
          key !== "termsTranslations" &&
          JSON.stringify(before[key as keyof typeof before] ?? null) !==
            JSON.stringify(values[key as keyof typeof values] ?? null),
      ),
      // Words in any language are terms too: a change to the Spanish alone asks the consultant again.
      ...changedTranslations(before.termsTranslations ?? {}, values.termsTranslations),
    ];
    if (changed.length === 0) return;
    // New English beside a translation kept as it was would have its readers agree to the old meaning.
    const words = (terms: Partial<Record<(typeof TERMS_WORDS_FIELDS)[number], string | null>>) =>
      Object.fromEntries(TERMS_WORDS_FIELDS.map((field) => [field, terms[field] ?? null]));
    refuseStaleTranslations(
      staleTranslations(
        words(before),
        words(values),
        before.termsTranslations,
        values.termsTranslations,
        args.input.stillSame,
      ),
      (stale) => `translations.${stale.language}.${stale.field}`,
    );
    const belowFair = assertFairRateOrAccepted(args.organizationId, values, args.input.belowFairRateAccepted);
    if (changed.includes("consultantId") && hasConsultantHistory(tx, before.id)) {
      throw new RuleError("consultantId", "staff:engagements.errors.consultantLocked");
    }
    // Asked again only when who, when or how much changes: a new title offers nothing new.
    const overCapacity =
      changed.some((key) => (OFFER_FIELDS as readonly string[]).includes(key)) &&
      assertWithinCapacityOrAccepted(tx, {
        organizationId: args.organizationId,
        offer: offerOf(args.input, before.id),
        today: organizationToday(args.organizationId),
        accepted: args.input.offerAnyway,
      });
    // New terms, or a different consultant, need that consultant's own acceptance.
    const termsChanged =
      changed.includes("consultantId") ||
      changed.some((key) => (TERMS_FIELDS as readonly string[]).includes(key) || key.startsWith("termsTranslations."));
    tx.update(engagements)
      .set({ ...values, updatedAt: new Date(), ...(termsChanged ? changedTermsValues(before) : {}) })
      .where(eq(engagements.id, before.id))
      .run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: termsChanged ? "engagement.terms_changed" : "engagement.updated",
      subjectType: "engagement",
      subjectId: before.id,
      changedFields: [
        ...changed,
        ...(belowFair ? ["belowFairRateAccepted"] : []),
        ...(overCapacity ? ["offerAnyway"] : []),
      ],
    });
  });
}
