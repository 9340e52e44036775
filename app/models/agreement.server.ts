// The consultant's side of an engagement's agreement: they read the terms in the portal
// and accept or decline them. Every answer is kept with the terms word for word as they saw them
// (engagement_agreements is append-only), so a later edit by staff never changes what was agreed.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import {
  activityTypes,
  AGREEMENT_DECISIONS,
  consultants,
  engagementAgreements,
  engagements,
  programs,
} from "../../db/schema";
import { db, type Executor } from "../utils/db.server";
import { recordAudit } from "../utils/audit.server";
import { EngagementRuleError, TERMS_FIELDS, termsSnapshot } from "./engagement.server";

export type AgreementDecision = (typeof AGREEMENT_DECISIONS)[number];

export const STALE_TERMS_MESSAGE = "The terms changed since you opened this page. Please read them again.";

const NOT_FOUND = "We could not find that work.";
const NO_PROFILE = "Your profile is not set up yet. Please ask your contact person.";

/** The signed-in person's consultant record in the organization, or a 404. */
function ownConsultantId(tx: Executor, organizationId: string, userId: string) {
  const own = tx
    .select({ id: consultants.id })
    .from(consultants)
    .where(and(eq(consultants.organizationId, organizationId), eq(consultants.userId, userId)))
    .get();
  if (!own) throw new Response(NO_PROFILE, { status: 404 });
  return own.id;
}

/** An engagement of the signed-in consultant; anyone else's (or none) is a 404, never a 403. */
function findOwnEngagement(tx: Executor, organizationId: string, userId: string, engagementId: string) {
  const consultantId = ownConsultantId(tx, organizationId, userId);
  const row = tx
    .select()
    .from(engagements)
    .where(
      and(
        eq(engagements.id, engagementId),
        eq(engagements.organizationId, organizationId),
        eq(engagements.consultantId, consultantId),
      ),
    )
    .get();
  if (!row) throw new Response(NOT_FOUND, { status: 404 });
  return row;
}

function decisionsFor(tx: Executor, engagementIds: string[]) {
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
        decidedAt: engagementAgreements.decidedAt,
        decidedByUserId: engagementAgreements.decidedByUserId,
      })
      .from(engagementAgreements)
      .where(inArray(engagementAgreements.engagementId, engagementIds))
      // Newest first; rowid breaks ties between answers given in the same millisecond.
      .orderBy(desc(engagementAgreements.decidedAt), desc(sql`rowid`))
      .all()
  );
}

/** The newest answer to a given version of the terms, if any. */
function latestFor<T extends { engagementId: string; termsVersion: number }>(
  decisions: T[],
  engagementId: string,
  termsVersion: number,
) {
  return decisions.find((d) => d.engagementId === engagementId && d.termsVersion === termsVersion);
}

/** Whether the consultant still has to answer: open work whose current terms they have not accepted. */
function needsAnswer(status: string, currentDecision: AgreementDecision | null) {
  return (status === "proposed" || status === "agreed" || status === "in_progress") && currentDecision !== "accepted";
}

/** "My work": the signed-in consultant's engagements, the ones waiting for an answer first. */
export function listOwnEngagements(args: { organizationId: string; userId: string }) {
  const consultantId = ownConsultantId(db, args.organizationId, args.userId);
  const rows = db
    .select({
      id: engagements.id,
      title: engagements.title,
      programName: programs.name,
      stage: engagements.stage,
      status: engagements.status,
      termsVersion: engagements.termsVersion,
      startDate: engagements.startDate,
      endDate: engagements.endDate,
      createdAt: engagements.createdAt,
    })
    .from(engagements)
    .innerJoin(programs, eq(programs.id, engagements.programId))
    .where(and(eq(engagements.organizationId, args.organizationId), eq(engagements.consultantId, consultantId)))
    .all();
  const decisions = decisionsFor(
    db,
    rows.map((r) => r.id),
  );
  return rows
    .map(({ createdAt, ...r }) => {
      const current = latestFor(decisions, r.id, r.termsVersion);
      const currentDecision = current?.decision ?? null;
      return { ...r, createdAt, currentDecision, needsAnswer: needsAnswer(r.status, currentDecision) };
    })
    .sort(
      (a, b) =>
        Number(b.needsAnswer) - Number(a.needsAnswer) ||
        (b.startDate ?? "").localeCompare(a.startDate ?? "") ||
        b.createdAt.getTime() - a.createdAt.getTime() ||
        a.id.localeCompare(b.id),
    )
    .map(({ createdAt: _createdAt, ...r }) => r);
}

/**
 * One engagement of the signed-in consultant: its terms as `termsSnapshot` records them, the
 * program and activity names, and every answer they gave. A 404 unless it is theirs.
 */
export function getOwnEngagement(args: { organizationId: string; userId: string; engagementId: string }) {
  const engagement = findOwnEngagement(db, args.organizationId, args.userId, args.engagementId);
  const program = db.select({ name: programs.name }).from(programs).where(eq(programs.id, engagement.programId)).get();
  const activity = engagement.activityTypeId
    ? db
        .select({ label: activityTypes.label })
        .from(activityTypes)
        .where(eq(activityTypes.id, engagement.activityTypeId))
        .get()
    : undefined;
  const decisions = decisionsFor(db, [engagement.id]);
  const terms = termsSnapshot(engagement);
  const current = latestFor(decisions, engagement.id, engagement.termsVersion);
  const lastAccepted = decisions.find((d) => d.decision === "accepted");
  // When terms they accepted were changed since: which parts, so they know where to look. A part
  // that an older answer's snapshot did not record yet (the program) cannot be compared.
  const changedSinceAccepted =
    lastAccepted && lastAccepted.termsVersion !== engagement.termsVersion
      ? TERMS_FIELDS.filter(
          (key) =>
            key in lastAccepted.termsSnapshot &&
            JSON.stringify(terms[key] ?? null) !== JSON.stringify(lastAccepted.termsSnapshot[key] ?? null),
        )
      : [];
  return {
    id: engagement.id,
    status: engagement.status,
    termsVersion: engagement.termsVersion,
    cancellationFeeCents: engagement.status === "cancelled" ? engagement.cancellationFeeCents : null,
    terms,
    programName: program?.name ?? "",
    activityLabel: activity?.label ?? null,
    currentDecision: current?.decision ?? null,
    needsAnswer: needsAnswer(engagement.status, current?.decision ?? null),
    changedSinceAccepted,
    decisions: decisions.map((d) => ({
      id: d.id,
      termsVersion: d.termsVersion,
      decision: d.decision,
      message: d.message,
      decidedAt: d.decidedAt,
    })),
  };
}

/**
 * The consultant accepts or declines the current version of the terms. The answer is kept with
 * the terms word for word. Accepting makes proposed work "agreed"; declining leaves it proposed,
 * and staff see the message. The same answer sent twice (a double tap) is kept once.
 */
export function decideOnAgreement(args: {
  organizationId: string;
  userId: string;
  engagementId: string;
  termsVersion: number;
  decision: AgreementDecision;
  message?: string | null;
}) {
  const message = args.message?.trim() ? args.message.trim() : null;
  return db.transaction((tx) => {
    const engagement = findOwnEngagement(tx, args.organizationId, args.userId, args.engagementId);
    if (args.termsVersion !== engagement.termsVersion) {
      throw new EngagementRuleError("termsVersion", STALE_TERMS_MESSAGE);
    }
    // Proposed work, agreed work (asked again after a change) and work under way whose terms
    // changed can be answered; finished or cancelled work cannot.
    if (engagement.status === "completed" || engagement.status === "cancelled") {
      throw new EngagementRuleError(
        "decision",
        engagement.status === "completed"
          ? "This work is done, so its terms can no longer be answered."
          : "This work was cancelled, so its terms can no longer be answered.",
      );
    }
    const latest = latestFor(decisionsFor(tx, [engagement.id]), engagement.id, engagement.termsVersion);
    if (latest && latest.decision === args.decision && (latest.message ?? null) === message) {
      return { changed: false as const, status: engagement.status };
    }
    if (latest?.decision === "accepted" && args.decision === "declined") {
      throw new EngagementRuleError(
        "decision",
        "You already accepted these terms. To change your mind, please talk to your contact person.",
      );
    }
    tx.insert(engagementAgreements)
      .values({
        organizationId: args.organizationId,
        engagementId: engagement.id,
        termsVersion: engagement.termsVersion,
        decision: args.decision,
        message,
        termsSnapshot: termsSnapshot(engagement),
        decidedByUserId: args.userId,
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
      actorUserId: args.userId,
      organizationId: args.organizationId,
      action: args.decision === "accepted" ? "engagement.accepted" : "engagement.declined",
      subjectType: "engagement",
      subjectId: engagement.id,
      changedFields: [
        "decision",
        "termsVersion",
        ...(message ? ["message"] : []),
        ...(becomesAgreed ? ["status"] : []),
      ],
    });
    return { changed: true as const, status: becomesAgreed ? ("agreed" as const) : engagement.status };
  });
}
