// Staff ask consultants to answer the readiness self-assessment: who may be asked (the organization's
// own active consultants with a portal account), the invitations themselves (paid ones come with an
// engagement in the evaluation stage, whose terms the consultant accepts as for any work), and the
// neutral notice that tells them, only through a channel they marked safe.
//
// What a consultant said they can take on is shown before they are asked: paid work that falls in
// their pause or goes past their limits is asked for only once staff have seen the warnings (the
// capacity model's own) and chosen "Ask anyway". Someone paused is never sent the notice while the
// pause lasts, paid or not: the invitation waits on their portal home for when they come back.
//
// What staff see of the answers: how many were asked, the names of those who answered with their
// name, and how many answered without it only in whole groups (anonymous-groups.server.ts), so the
// count never moves when one person sends. Nothing staff see marks an invitee as having answered:
// the invitation's "answered" is for the consultant's own portal.
import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import { assessmentInvitations, assessmentRespondents, consultants, programs } from "../../../db/schema";
import { recordAudit } from "../../utils/audit.server";
import { effectiveAvailability } from "../../utils/capacity";
import { db, type Executor } from "../../utils/db.server";
import { EngagementSchema } from "../../utils/engagement-schema";
import { centsToInput } from "../../utils/money";
import { TRANSLATION_LANGUAGES } from "../../utils/terms-words";
import { translator } from "~/i18n/i18n.server";
import { DEFAULT_LANGUAGE } from "~/i18n/config";
import { message } from "~/i18n/message";
import { offerCapacityWarnings } from "../capacity/offers.server";
import { noticeOfNewWork } from "../capacity/availability.server";
import { createEngagement, offerOf } from "../engagement/editing.server";
import { READINESS_TEMPLATE_KEY } from "../dashboard.server";
import { RuleError } from "../errors";
import { ANONYMOUS_GROUP, anonymousAnswersToTell } from "./anonymous-groups.server";
import { organizationToday } from "../settings.server";
import { findAssessment, templateOf } from "./records.server";

/** Whether consultants can be asked to answer this assessment: the readiness checklist, still open. */
export function takesConsultantAnswers(exec: Executor, assessment: { templateId: string; status: string }) {
  return assessment.status === "draft" && templateOf(exec, assessment.templateId).key === READINESS_TEMPLATE_KEY;
}

/**
 * The consultants staff may ask: the organization's own, active, with a portal account to answer in;
 * with the last day of their pause when they have paused their work (`today`, the organization's day).
 */
function invitable(exec: Executor, organizationId: string, today: string) {
  return exec
    .select({
      id: consultants.id,
      preferredName: consultants.preferredName,
      availabilityState: consultants.availabilityState,
      monthlyLimitHundredths: consultants.monthlyLimitHundredths,
      pausedFrom: consultants.pausedFrom,
      pausedUntil: consultants.pausedUntil,
    })
    .from(consultants)
    .where(
      and(
        eq(consultants.organizationId, organizationId),
        eq(consultants.status, "active"),
        isNotNull(consultants.userId),
      ),
    )
    .orderBy(asc(consultants.preferredName), asc(consultants.id))
    .all()
    .map(({ id, preferredName, ...facts }) => {
      const availability = effectiveAvailability(facts, today);
      return { id, preferredName, pausedUntil: availability.state === "paused" ? availability.pausedUntil : null };
    });
}

/**
 * The invitations page: who can still be asked, who was asked (when, paid or not), the names of
 * those who answered with their name, and how many anonymous answers are in whole groups.
 */
export function assessmentInvitationsOverview(organizationId: string, assessmentId: string) {
  const assessment = findAssessment(db, organizationId, assessmentId);
  const invited = db
    .select({
      consultantId: assessmentInvitations.consultantId,
      preferredName: consultants.preferredName,
      invitedAt: assessmentInvitations.createdAt,
      engagementId: assessmentInvitations.engagementId,
    })
    .from(assessmentInvitations)
    .innerJoin(consultants, eq(consultants.id, assessmentInvitations.consultantId))
    .where(
      and(
        eq(assessmentInvitations.organizationId, organizationId),
        eq(assessmentInvitations.assessmentId, assessmentId),
      ),
    )
    .orderBy(asc(consultants.preferredName), asc(consultants.id))
    .all();
  const named = db
    .select({ preferredName: consultants.preferredName })
    .from(assessmentRespondents)
    .innerJoin(consultants, eq(consultants.id, assessmentRespondents.consultantId))
    .where(
      and(
        eq(assessmentRespondents.assessmentId, assessment.id),
        eq(assessmentRespondents.kind, "consultant"),
        isNotNull(assessmentRespondents.sentAt),
      ),
    )
    .orderBy(asc(consultants.preferredName))
    .all()
    .map((r) => r.preferredName);
  const asked = new Set(invited.map((i) => i.consultantId));
  return {
    assessment: { id: assessment.id, title: assessment.title, status: assessment.status },
    open: takesConsultantAnswers(db, assessment),
    canAsk: invitable(db, organizationId, organizationToday(organizationId)).filter((c) => !asked.has(c.id)),
    invited: invited.map((i) => ({ ...i, paid: i.engagementId !== null })),
    namedAnswers: named,
    anonymousAnswers: anonymousAnswersToTell(db, assessment.id),
    anonymousGroup: ANONYMOUS_GROUP,
    programs: db
      .select({ id: programs.id, name: programs.name })
      .from(programs)
      .where(and(eq(programs.organizationId, organizationId), eq(programs.status, "active")))
      .orderBy(asc(programs.name))
      .all(),
  };
}

/** The terms of paid work answering the self-assessment, in English and each other language. */
function paidTerms(consultantId: string, paid: { programId: string; amountCents: number }, offerAnyway: boolean) {
  const words = (language: string) => {
    const t = translator(language as typeof DEFAULT_LANGUAGE, "staff");
    return { title: t("assessTogether.paidTerms.title"), scopeWhat: t("assessTogether.paidTerms.scope") };
  };
  // Parsed as the engagement form's own input, so it meets every rule that form does.
  return EngagementSchema.parse({
    consultantId,
    programId: paid.programId,
    stage: "evaluation",
    level: "consult",
    format: "remote",
    rateKind: "honorarium",
    rate: centsToInput(paid.amountCents),
    ...words(DEFAULT_LANGUAGE),
    translations: Object.fromEntries(TRANSLATION_LANGUAGES.map((language) => [language, words(language)])),
    offerAnyway,
  });
}

/** For one consultant about to be asked, what the paid work would go past (the capacity model's warnings). */
export type CapacityWarningsFor = { consultantId: string; preferredName: string; warnings: string[] };

/**
 * Paid work for some of the chosen consultants goes past what they said they can take on: nothing is
 * saved until staff have seen, for each of them, why, and chosen to ask anyway. The names travel apart
 * from the message, which stays a plain catalog key.
 */
export class AskAnywayNeeded extends RuleError {
  constructor(readonly byConsultant: CapacityWarningsFor[]) {
    super("askAnyway", "staff:assessTogether.errors.askAnyway");
    this.name = "AskAnywayNeeded";
  }
}

/**
 * Asks consultants to answer a readiness self-assessment: each one the organization's own, active
 * and with a portal account (anyone else is refused, and nothing is saved). Someone already asked is
 * not asked twice. Paid: each gets an engagement in the evaluation stage, with its terms to accept;
 * when that work falls in someone's pause or goes past their limits, nobody is asked until staff
 * ask anyway (AskAnywayNeeded). Then each new one not paused is told through a safe channel,
 * with a notice that says nothing but that there is something to see in the portal.
 */
export async function inviteConsultants(args: {
  organizationId: string;
  actorUserId: string;
  assessmentId: string;
  consultantIds: string[];
  paid: { programId: string; amountCents: number } | null;
  askAnyway?: boolean;
}) {
  const today = organizationToday(args.organizationId);
  const askAnyway = args.askAnyway ?? false;
  const created = db.transaction((tx) => {
    const assessment = findAssessment(tx, args.organizationId, args.assessmentId);
    if (!takesConsultantAnswers(tx, assessment)) {
      throw new RuleError(null, "staff:assessTogether.errors.notOpenToConsultants");
    }
    const allowed = new Map(invitable(tx, args.organizationId, today).map((c) => [c.id, c]));
    if (args.consultantIds.length === 0 || args.consultantIds.some((id) => !allowed.has(id))) {
      throw new RuleError("consultantIds", "staff:assessTogether.errors.chooseConsultants");
    }
    if (args.paid) {
      const program = tx
        .select({ id: programs.id })
        .from(programs)
        .where(
          and(
            eq(programs.id, args.paid.programId),
            eq(programs.organizationId, args.organizationId),
            eq(programs.status, "active"),
          ),
        )
        .get();
      if (!program) throw new RuleError("programId", "staff:assessTogether.errors.programFromList");
    }
    const already = new Set(
      tx
        .select({ consultantId: assessmentInvitations.consultantId })
        .from(assessmentInvitations)
        .where(
          and(
            eq(assessmentInvitations.assessmentId, assessment.id),
            inArray(assessmentInvitations.consultantId, args.consultantIds),
          ),
        )
        .all()
        .map((r) => r.consultantId),
    );
    const fresh = [...new Set(args.consultantIds)].filter((id) => !already.has(id));
    const paid = args.paid;
    if (paid && !askAnyway) {
      const warned = fresh
        .map((consultantId) => ({
          consultantId,
          preferredName: allowed.get(consultantId)!.preferredName,
          warnings: offerCapacityWarnings(tx, {
            organizationId: args.organizationId,
            offer: offerOf(paidTerms(consultantId, paid, false)),
            today,
          }).map((w) => message(w.key, w.values)),
        }))
        .filter((c) => c.warnings.length > 0);
      if (warned.length > 0) throw new AskAnywayNeeded(warned);
    }
    for (const consultantId of fresh) {
      // The engagement's own check sees the same warnings; "ask anyway" is its "offer anyway", audited there.
      const engagementId = paid
        ? createEngagement({
            organizationId: args.organizationId,
            actorUserId: args.actorUserId,
            input: paidTerms(consultantId, paid, askAnyway),
            creationKey: `assessment:${assessment.id}:${consultantId}`,
          }).id
        : null;
      tx.insert(assessmentInvitations)
        .values({
          organizationId: args.organizationId,
          assessmentId: assessment.id,
          consultantId,
          invitedByUserId: args.actorUserId,
          engagementId,
        })
        .run();
      recordAudit(tx, {
        actorUserId: args.actorUserId,
        organizationId: args.organizationId,
        action: "assessment.consultant_invited",
        subjectType: "consultant",
        subjectId: consultantId,
        changedFields: engagementId ? ["assessmentId", "engagementId"] : ["assessmentId"],
      });
    }
    return fresh;
  });
  let notified = 0;
  let paused = 0;
  for (const consultantId of created) {
    try {
      const result = await noticeOfNewWork({ organizationId: args.organizationId, consultantId });
      if (result.sent) notified++;
      else if (result.reason === "paused") paused++;
    } catch (error) {
      // The invitation is saved and shows on their portal home; a failed notice is logged without details.
      console.error("Assessment invitation notice failed:", error instanceof Error ? error.name : "unknown error");
    }
  }
  return { invited: created.length, notified, paused };
}
