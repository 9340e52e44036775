// The consultant's side of an engagement's agreement: they read the terms in the portal
// and accept or decline them, or they answer on paper or out loud and staff record it. Every answer
// is kept with the terms word for word as they stood (engagement_agreements is append-only), so a
// later edit by staff never changes what was agreed.
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import {
  activityTypes,
  AGREEMENT_DECISIONS,
  AGREEMENT_METHODS,
  consultants,
  engagementAgreements,
  engagements,
  memberships,
  programs,
  users,
} from "../../db/schema";
import { db, type Executor } from "../utils/db.server";
import { recordAudit } from "../utils/audit.server";
import { OFFLINE_AGREEMENT_METHODS } from "../utils/engagement-options";
import { estimatedTotalCents } from "../utils/money";
import { TERMS_FIELDS, termsSnapshot } from "./engagement.server";
import { isIsoDay, isoDay } from "../utils/day";
import { NotFoundError, RuleError } from "./errors";
import { requireOwnConsultantId } from "./consultant/own.server";

export type AgreementDecision = (typeof AGREEMENT_DECISIONS)[number];
export type AgreementMethod = (typeof AGREEMENT_METHODS)[number];
export type OfflineAgreementMethod = (typeof OFFLINE_AGREEMENT_METHODS)[number] & AgreementMethod;

export const STALE_TERMS_MESSAGE = "The terms changed since you opened this page. Please read them again.";

const NOT_FOUND = "We could not find that work.";
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
function latestFor<T extends { engagementId: string; termsVersion: number }>(
  decisions: T[],
  engagementId: string,
  termsVersion: number,
) {
  return decisions.find((d) => d.engagementId === engagementId && d.termsVersion === termsVersion);
}

/** The day an answer was given: the day written down for one recorded by staff, else the day (UTC) it was made in the portal. */
function dayAnswered(answer: { method: AgreementMethod; agreedOn: string | null; decidedAt: Date }) {
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
    estimatedTotalCents: estimatedTotalCents(terms),
    contactName: contactPersonName(args.organizationId, engagement.createdByUserId),
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
    if (engagement.status === "completed" || engagement.status === "cancelled") {
      throw new RuleError(
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
      throw new RuleError(
        "decision",
        "You already accepted these terms. To change your mind, please talk to your contact person.",
      );
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

type Engagement = typeof engagements.$inferSelect;
type How = {
  method: AgreementMethod;
  agreedOn: string | null;
  methodDetail: string | null;
  witnessUserId: string | null;
  paperFormLocation: string | null;
};

/**
 * Keeps an answer to the current terms, from the portal or recorded by staff alike: the terms word
 * for word, proposed work becoming agreed on a yes, and the audit entry. Returns the status after.
 */
function writeAnswer(
  tx: Executor,
  args: {
    organizationId: string;
    actorUserId: string;
    engagement: Engagement;
    decision: AgreementDecision;
    message: string | null;
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
      termsSnapshot: termsSnapshot(engagement),
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

// --- Answers given outside the portal, recorded by staff -------------------------------------

export const STAFF_STALE_TERMS_MESSAGE =
  "The terms changed since you opened this page. Check that the answer was to the terms as they are now.";

export const ANSWERED_IN_PORTAL_MESSAGE =
  "They answered these terms themselves in the portal, and their own answer stands. To go ahead, change the terms, then they can answer the new version.";

const answeredBeforeMessage = (day: string) =>
  `Their last answer on record is from ${day}. Give a day on or after it: an answer recorded now cannot come before it.`;

export type OfflineAnswerInput = {
  organizationId: string;
  actorUserId: string;
  engagementId: string;
  termsVersion: number;
  decision: AgreementDecision;
  method: OfflineAgreementMethod;
  /** "YYYY-MM-DD": the day the consultant gave their answer, not the day it is typed in. */
  agreedOn: string;
  methodDetail?: string | null;
  witnessUserId?: string | null;
  paperFormLocation?: string | null;
  message?: string | null;
  today?: string;
};

function findEngagementOfOrganization(tx: Executor, organizationId: string, engagementId: string) {
  const row = tx
    .select()
    .from(engagements)
    .where(and(eq(engagements.id, engagementId), eq(engagements.organizationId, organizationId)))
    .get();
  if (!row) throw new NotFoundError("We could not find that engagement.");
  return row;
}

/** The colleagues who can have witnessed an answer: active admins and staff, other than `exceptUserId`. */
export function listPossibleWitnesses(organizationId: string, exceptUserId: string) {
  return db
    .select({ userId: users.id, preferredName: users.preferredName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        inArray(memberships.role, ["admin", "staff"]),
        isNull(memberships.deactivatedAt),
      ),
    )
    .orderBy(users.preferredName)
    .all()
    .filter((c) => c.userId !== exceptUserId);
}

const clean = (text: string | null | undefined) => (text?.trim() ? text.trim() : null);

/** The checks on how an answer reached staff; each failure names the field to fix. */
function checkHow(tx: Executor, input: OfflineAnswerInput, today: string): How {
  if (!(OFFLINE_AGREEMENT_METHODS as readonly string[]).includes(input.method)) {
    throw new RuleError("method", "Say how they answered: on a paper form, out loud or another way.");
  }
  if (!isIsoDay(input.agreedOn)) {
    throw new RuleError("agreedOn", "Give the day they answered, like 2026-03-01.");
  }
  if (input.agreedOn > today) {
    throw new RuleError("agreedOn", "The day they answered cannot be in the future.");
  }
  const witnessUserId = clean(input.witnessUserId);
  if (input.method === "out_loud" && !witnessUserId) {
    throw new RuleError(
      "witnessUserId",
      "Choose the colleague who also heard it. An answer said out loud needs a witness.",
    );
  }
  if (witnessUserId) {
    if (witnessUserId === input.actorUserId) {
      throw new RuleError("witnessUserId", "The witness is someone other than you. Choose another colleague.");
    }
    const colleague = tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(
          eq(memberships.userId, witnessUserId),
          eq(memberships.organizationId, input.organizationId),
          inArray(memberships.role, ["admin", "staff"]),
          isNull(memberships.deactivatedAt),
        ),
      )
      .get();
    if (!colleague) throw new RuleError("witnessUserId", "Choose a colleague from the list.");
  }
  const paperFormLocation = input.method === "paper_form" ? clean(input.paperFormLocation) : null;
  if (input.method === "paper_form" && !paperFormLocation) {
    throw new RuleError("paperFormLocation", "Say where the signed form is kept, so it can be found.");
  }
  const methodDetail = input.method === "other" ? clean(input.methodDetail) : null;
  if (input.method === "other" && !methodDetail) {
    throw new RuleError("methodDetail", "Say in a few words how they answered.");
  }
  return { method: input.method, agreedOn: input.agreedOn, methodDetail, witnessUserId, paperFormLocation };
}

/**
 * Staff record an answer the consultant gave on paper, out loud or another way (for example
 * because they have no portal account). It counts exactly like an answer in the portal: the same
 * terms are kept word for word, a yes lets the work go ahead, and it is audited. Only terms that
 * wait for an answer can be answered; the same record sent twice is kept once. It never overrides
 * the consultant's own word: terms they answered in the portal cannot be answered for them, and
 * no record can be dated before the latest answer already on record.
 */
export function recordAnswerGivenOffline(input: OfflineAnswerInput) {
  const message = clean(input.message);
  const today = input.today ?? isoDay(new Date());
  return db.transaction((tx) => {
    const engagement = findEngagementOfOrganization(tx, input.organizationId, input.engagementId);
    if (input.termsVersion !== engagement.termsVersion) {
      throw new RuleError("termsVersion", STAFF_STALE_TERMS_MESSAGE);
    }
    if (engagement.status === "completed" || engagement.status === "cancelled") {
      throw new RuleError(
        "decision",
        engagement.status === "completed"
          ? "This work is done, so its terms can no longer be answered."
          : "This work was cancelled, so its terms can no longer be answered.",
      );
    }
    const how = checkHow(tx, input, today);
    const answers = decisionsFor(tx, [engagement.id]);
    const latest = latestFor(answers, engagement.id, engagement.termsVersion);
    if (
      latest &&
      latest.decision === input.decision &&
      latest.method === how.method &&
      latest.agreedOn === how.agreedOn &&
      (latest.message ?? null) === message
    ) {
      return { changed: false as const, status: engagement.status };
    }
    if (!needsAnswer(engagement.status, latest?.decision ?? null)) {
      throw new RuleError("decision", "These terms are already accepted. There is no answer to record.");
    }
    if (ownPortalAnswer(answers, engagement.termsVersion)) {
      throw new RuleError("decision", ANSWERED_IN_PORTAL_MESSAGE);
    }
    const earliestDay = earliestDayForRecordedAnswer(answers);
    if (earliestDay && how.agreedOn && how.agreedOn < earliestDay) {
      throw new RuleError("agreedOn", answeredBeforeMessage(earliestDay));
    }
    const status = writeAnswer(tx, {
      organizationId: input.organizationId,
      actorUserId: input.actorUserId,
      engagement,
      decision: input.decision,
      message,
      how,
    });
    return { changed: true as const, status };
  });
}

/** What the page for recording an answer shows: the terms waiting, and who can be named as witness. */
export function offlineAnswerFacts(organizationId: string, engagementId: string, actorUserId: string) {
  const engagement = findEngagementOfOrganization(db, organizationId, engagementId);
  const consultant = db
    .select({ preferredName: consultants.preferredName, userId: consultants.userId })
    .from(consultants)
    .where(eq(consultants.id, engagement.consultantId))
    .get()!;
  const answers = decisionsFor(db, [engagement.id]);
  const latest = latestFor(answers, engagement.id, engagement.termsVersion);
  const portalAnswer = ownPortalAnswer(answers, engagement.termsVersion);
  const terms = termsSnapshot(engagement);
  return {
    id: engagement.id,
    title: engagement.title,
    status: engagement.status,
    termsVersion: engagement.termsVersion,
    terms,
    estimatedTotalCents: estimatedTotalCents(terms),
    consultantName: consultant.preferredName,
    hasPortalAccount: Boolean(consultant.userId),
    currentDecision: latest?.decision ?? null,
    waitingForAnswer: needsAnswer(engagement.status, latest?.decision ?? null),
    mayRecordAnswer: staffMayRecordAnswer(engagement.status, engagement.termsVersion, answers),
    answeredInPortal: portalAnswer
      ? { decision: portalAnswer.decision, day: dayAnswered(portalAnswer), message: portalAnswer.message }
      : null,
    earliestDay: earliestDayForRecordedAnswer(answers),
    witnesses: listPossibleWitnesses(organizationId, actorUserId),
  };
}
