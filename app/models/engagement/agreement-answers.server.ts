// The consultant's answers to an engagement's terms, wherever they were given: reading them, what
// they mean (is an answer still needed, may staff record one) and keeping a new one. Every answer
// is kept with the terms word for word as they stood (engagement_agreements is append-only), so a
// later edit by staff never changes what was agreed.
import { desc, eq, inArray, sql } from "drizzle-orm";
import { AGREEMENT_DECISIONS, AGREEMENT_METHODS, engagementAgreements, engagements, users } from "../../../db/schema";
import { recordAudit } from "../../utils/audit.server";
import { isoDay } from "../../utils/day";
import { type Executor } from "../../utils/db.server";
import { OFFLINE_AGREEMENT_METHODS } from "../../utils/engagement-options";
import type { Language } from "../../i18n/config";
import { RuleError } from "../errors";
import { supportPlanTerms } from "./support-plan.server";
import { termsSnapshot } from "./terms.server";

export type AgreementDecision = (typeof AGREEMENT_DECISIONS)[number];
export type AgreementMethod = (typeof AGREEMENT_METHODS)[number];
export type OfflineAgreementMethod = (typeof OFFLINE_AGREEMENT_METHODS)[number] & AgreementMethod;

export function decisionsFor(tx: Executor, engagementIds: string[]) {
  if (engagementIds.length === 0) return [];
  return (
    tx
      .select({
        id: engagementAgreements.id,
        engagementId: engagementAgreements.engagementId,
        termsVersion: engagementAgreements.termsVersion,
        decision: engagementAgreements.decision,
        message: engagementAgreements.message,
        termsSnapshot: engagementAgreements.termsSnapshot,
        language: engagementAgreements.language,
        decidedAt: engagementAgreements.decidedAt,
        decidedByUserId: engagementAgreements.decidedByUserId,
        decidedByName: users.preferredName,
        method: engagementAgreements.method,
        agreedOn: engagementAgreements.agreedOn,
      })
      .from(engagementAgreements)
      .innerJoin(users, eq(users.id, engagementAgreements.decidedByUserId))
      .where(inArray(engagementAgreements.engagementId, engagementIds))
      // Newest first; rowid breaks ties between answers given in the same millisecond.
      .orderBy(desc(engagementAgreements.decidedAt), desc(sql`${engagementAgreements}.rowid`))
      .all()
  );
}

/** The newest answer to a given version of the terms, if any. */
export function latestFor<T extends { engagementId: string; termsVersion: number }>(
  decisions: T[],
  engagementId: string,
  termsVersion: number,
) {
  return decisions.find((d) => d.engagementId === engagementId && d.termsVersion === termsVersion);
}

/** The day an answer was given: the day written down for one recorded by staff, else the day (UTC) it was made in the portal. */
export function dayAnswered(answer: { method: AgreementMethod; agreedOn: string | null; decidedAt: Date }) {
  return answer.method !== "portal" && answer.agreedOn ? answer.agreedOn : isoDay(answer.decidedAt);
}

/**
 * The earliest day an answer recorded by staff can carry: the day of the latest answer already on
 * record for the work, whatever its version. A record dated earlier would slip in before an answer
 * given since (the consultant's own "no", say) and quietly overturn it. Null when there is none yet.
 */
export function earliestDayForRecordedAnswer(
  answers: { method: AgreementMethod; agreedOn: string | null; decidedAt: Date }[],
) {
  return answers.reduce<string | null>((latest, a) => {
    const day = dayAnswered(a);
    return latest === null || day > latest ? day : latest;
  }, null);
}

/**
 * The consultant's own answer in the portal to this version of the terms, if they gave one. It
 * stands: staff cannot record another answer to the same version for them, only to new terms.
 */
export function ownPortalAnswer<T extends { termsVersion: number; method: AgreementMethod }>(
  answers: T[],
  termsVersion: number,
) {
  return answers.find((a) => a.termsVersion === termsVersion && a.method === "portal") ?? null;
}

/**
 * Whether staff may record an answer given outside the portal to the current terms: they still
 * wait for an answer, and the consultant has not answered them in the portal. `answers` are the
 * work's answers, newest first.
 */
export function staffMayRecordAnswer(
  status: string,
  termsVersion: number,
  answers: { termsVersion: number; decision: AgreementDecision; method: AgreementMethod }[],
) {
  const current = answers.find((a) => a.termsVersion === termsVersion);
  return needsAnswer(status, current?.decision ?? null) && !ownPortalAnswer(answers, termsVersion);
}

/** Whether the consultant still has to answer: open work whose current terms they have not accepted. */
export function needsAnswer(status: string, currentDecision: AgreementDecision | null) {
  return (status === "proposed" || status === "agreed" || status === "in_progress") && currentDecision !== "accepted";
}

/** Finished or cancelled work can no longer be answered, in the portal or on paper. */
export function assertStillAnswerable(status: string) {
  if (status === "completed" || status === "cancelled") {
    throw new RuleError(
      "decision",
      status === "completed" ? "common:engagementRules.doneNoAnswer" : "common:engagementRules.cancelledNoAnswer",
    );
  }
}

type Engagement = typeof engagements.$inferSelect;
export type How = {
  method: AgreementMethod;
  agreedOn: string | null;
  methodDetail: string | null;
  witnessUserId: string | null;
  paperFormLocation: string | null;
};

/**
 * Keeps an answer to the current terms, from the portal or recorded by staff alike: the terms word
 * for word in every language written, the language they were read in, proposed work becoming
 * agreed on a yes, and the audit entry. Returns the status after.
 */
export function writeAnswer(
  tx: Executor,
  args: {
    organizationId: string;
    actorUserId: string;
    engagement: Engagement;
    decision: AgreementDecision;
    message: string | null;
    /** The language of the words read, as the page showed them (never just asked for). */
    language: Language;
    how: How;
  },
) {
  const { engagement, how } = args;
  tx.insert(engagementAgreements)
    .values({
      organizationId: args.organizationId,
      engagementId: engagement.id,
      termsVersion: engagement.termsVersion,
      decision: args.decision,
      message: args.message,
      // The support plan as it stands is part of what they answer.
      termsSnapshot: termsSnapshot(engagement, supportPlanTerms(tx, engagement.id)),
      language: args.language,
      decidedByUserId: args.actorUserId,
      ...how,
    })
    .run();
  const becomesAgreed = args.decision === "accepted" && engagement.status === "proposed";
  if (becomesAgreed) {
    tx.update(engagements)
      .set({ status: "agreed", updatedAt: new Date() })
      .where(eq(engagements.id, engagement.id))
      .run();
  }
  recordAudit(tx, {
    actorUserId: args.actorUserId,
    organizationId: args.organizationId,
    action: args.decision === "accepted" ? "engagement.accepted" : "engagement.declined",
    subjectType: "engagement",
    subjectId: engagement.id,
    changedFields: [
      "decision",
      "termsVersion",
      "language",
      ...(args.message ? ["message"] : []),
      ...(how.method !== "portal" ? ["method", "agreedOn"] : []),
      ...(how.methodDetail ? ["methodDetail"] : []),
      ...(how.witnessUserId ? ["witnessUserId"] : []),
      ...(how.paperFormLocation ? ["paperFormLocation"] : []),
      ...(becomesAgreed ? ["status"] : []),
    ],
  });
  return becomesAgreed ? ("agreed" as const) : engagement.status;
}
