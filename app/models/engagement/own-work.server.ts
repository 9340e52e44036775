// The consultant's side of an engagement in the portal ("My work"): their own engagements, one of
// them with its terms, and their answer to the terms. Always found from the session, never an id alone.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { engagements, memberships, programs, users } from "../../../db/schema";
import { db, type Executor } from "../../utils/db.server";
import { estimatedTotalCents } from "../../utils/money";
import { NotFoundError, RuleError } from "../errors";
import { requireOwnConsultantId } from "../consultant/own.server";
import {
  assertStillAnswerable,
  decisionsFor,
  latestFor,
  needsAnswer,
  writeAnswer,
  type AgreementDecision,
} from "./agreement-answers.server";
import { activityLabelIn } from "../activity-type.server";
import { DEFAULT_LANGUAGE, type Language } from "~/i18n/config";
import { TERMS_FIELDS, termsSnapshot } from "./terms.server";

export const STALE_TERMS_MESSAGE = "common:engagementRules.staleTerms";

const NOT_FOUND = "common:engagementRules.workNotFound";
/** An engagement of the signed-in consultant; anyone else's (or none) is a 404, never a 403. */
function findOwnEngagement(tx: Executor, organizationId: string, userId: string, engagementId: string) {
  const consultantId = requireOwnConsultantId(tx, organizationId, userId);
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
  if (!row) throw new NotFoundError(NOT_FOUND);
  return row;
}

/** "My work": the signed-in consultant's engagements, the ones waiting for an answer first. */
export function listOwnEngagements(args: { organizationId: string; userId: string }) {
  const consultantId = requireOwnConsultantId(db, args.organizationId, args.userId);
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
 * program and activity names (the activity in their `language` where written), and every answer
 * they gave. A 404 unless it is theirs.
 */
export function getOwnEngagement(args: {
  organizationId: string;
  userId: string;
  engagementId: string;
  language?: Language;
}) {
  const engagement = findOwnEngagement(db, args.organizationId, args.userId, args.engagementId);
  const activity = activityLabelIn(engagement.activityTypeId, args.language ?? DEFAULT_LANGUAGE);
  const program = db.select({ name: programs.name }).from(programs).where(eq(programs.id, engagement.programId)).get();
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
    estimatedTotalCents: estimatedTotalCents(terms),
    contactName: contactPersonName(args.organizationId, engagement.createdByUserId),
    programName: program?.name ?? "",
    activityLabel: activity?.label ?? null,
    activityInEnglish: activity?.fallback ?? false,
    currentDecision: current?.decision ?? null,
    needsAnswer: needsAnswer(engagement.status, current?.decision ?? null),
    changedSinceAccepted,
    decisions: decisions.map((d) => ({
      id: d.id,
      termsVersion: d.termsVersion,
      decision: d.decision,
      message: d.message,
      decidedAt: d.decidedAt,
      method: d.method,
      // Who wrote down an answer given outside the portal, and the day it was given.
      recordedByName: d.method === "portal" ? null : d.decidedByName,
      agreedOn: d.agreedOn,
    })),
  };
}

/**
 * The consultant's contact person for a piece of work: the colleague who set it up, while they are
 * still an active member of the organization. Null otherwise, and the page says "the team".
 */
function contactPersonName(organizationId: string, staffUserId: string | null) {
  if (!staffUserId) return null;
  return (
    db
      .select({ name: users.preferredName })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.userId, staffUserId),
          eq(memberships.organizationId, organizationId),
          inArray(memberships.role, ["admin", "staff"]),
          isNull(memberships.deactivatedAt),
        ),
      )
      .get()?.name ?? null
  );
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
      throw new RuleError("termsVersion", STALE_TERMS_MESSAGE);
    }
    // Proposed work, agreed work (asked again after a change) and work under way whose terms
    // changed can be answered; finished or cancelled work cannot.
    assertStillAnswerable(engagement.status);
    const latest = latestFor(decisionsFor(tx, [engagement.id]), engagement.id, engagement.termsVersion);
    if (latest && latest.decision === args.decision && (latest.message ?? null) === message) {
      return { changed: false as const, status: engagement.status };
    }
    if (latest?.decision === "accepted" && args.decision === "declined") {
      throw new RuleError("decision", "common:engagementRules.alreadyAccepted");
    }
    const status = writeAnswer(tx, {
      organizationId: args.organizationId,
      actorUserId: args.userId,
      engagement,
      decision: args.decision,
      message,
      how: { method: "portal", agreedOn: null, methodDetail: null, witnessUserId: null, paperFormLocation: null },
    });
    return { changed: true as const, status };
  });
}
