// The consultant's side of an engagement in the portal ("My work"): their own engagements, one of
// them with its terms, and their answer to the terms. Always found from the session, never an id alone.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { engagements, memberships, programs, users, type Translations } from "../../../db/schema";
import { DEFAULT_LANGUAGE, type Language } from "../../i18n/config";
import { db, type Executor } from "../../utils/db.server";
import { estimatedTotalCents } from "../../utils/money";
import { NotFoundError, RuleError } from "../errors";
import { sameTranslations } from "../localized.server";
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
import { currentTerms, TERMS_FIELDS, termsWordsFor, type Terms } from "./terms.server";
import { planInSnapshot, samePlan, supportPlanTerms } from "./support-plan.server";

export const STALE_TERMS_MESSAGE = "common:engagementRules.staleTerms";

export const LANGUAGE_CHANGED_MESSAGE = "portal:termsWords.languageChanged";

/**
 * The language the terms are read in by someone who reads `readerLanguage`: theirs when the terms
 * are written in it in full, else English (what the page shows; `localized` decides). When the form
 * says which language it showed, it must be that one: an answer is never kept as given in a
 * language the person was not shown.
 */
export function languageShown(
  engagement: Parameters<typeof termsWordsFor>[0],
  readerLanguage: Language,
  posted?: string | null,
) {
  const shown = termsWordsFor(engagement, readerLanguage).language;
  if (posted && posted !== shown) throw new RuleError("language", LANGUAGE_CHANGED_MESSAGE);
  return shown;
}

const NOT_FOUND = "common:engagementRules.workNotFound";
/** An engagement of the signed-in consultant; anyone else's (or none) is a 404, never a 403. */
export function findOwnEngagement(tx: Executor, organizationId: string, userId: string, engagementId: string) {
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
export function listOwnEngagements(args: { organizationId: string; userId: string; language?: Language }) {
  const consultantId = requireOwnConsultantId(db, args.organizationId, args.userId);
  const rows = db
    .select({
      id: engagements.id,
      title: engagements.title,
      role: engagements.role,
      scopeWhat: engagements.scopeWhat,
      scopeWhen: engagements.scopeWhen,
      scopeWhere: engagements.scopeWhere,
      expensesPolicy: engagements.expensesPolicy,
      cancellationTerms: engagements.cancellationTerms,
      termsTranslations: engagements.termsTranslations,
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
    .map((row) => {
      const { createdAt, id, programName, stage, status, termsVersion, startDate, endDate } = row;
      const current = latestFor(decisions, id, termsVersion);
      const currentDecision = current?.decision ?? null;
      // The title in the words the work page will show them, so the list and the page agree.
      const title = termsWordsFor(row, args.language ?? DEFAULT_LANGUAGE).words.title ?? row.title;
      return {
        id,
        title,
        programName,
        stage,
        status,
        termsVersion,
        startDate,
        endDate,
        createdAt,
        currentDecision,
        needsAnswer: needsAnswer(status, currentDecision),
      };
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
 * One engagement of the signed-in consultant: its terms in the words they read (`language`, theirs
 * when the organization wrote it in full, else English with `termsFallback`), the program and
 * activity names (the activity in their `language` where written), and every answer they gave with the words of that answer in the language it was
 * given in. A 404 unless it is theirs.
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
  const english = currentTerms(engagement);
  const shown = termsWordsFor(engagement, args.language ?? DEFAULT_LANGUAGE);
  const terms = { ...english, ...shown.words };
  const current = latestFor(decisions, engagement.id, engagement.termsVersion);
  const lastAccepted = decisions.find((d) => d.decision === "accepted");
  // When terms they accepted were changed since: which parts, so they know where to look. A part
  // that an older answer's snapshot did not record yet (the program, the words in other
  // languages) cannot be compared.
  const changedSinceAccepted: string[] =
    lastAccepted && lastAccepted.termsVersion !== engagement.termsVersion
      ? [
          ...TERMS_FIELDS.filter(
            (key) =>
              key in lastAccepted.termsSnapshot &&
              JSON.stringify(english[key] ?? null) !== JSON.stringify(lastAccepted.termsSnapshot[key] ?? null),
          ),
          ...("termsTranslations" in lastAccepted.termsSnapshot &&
          !sameTranslations(lastAccepted.termsSnapshot.termsTranslations as Translations, engagement.termsTranslations)
            ? ["termsTranslations"]
            : []),
          ...("supportPlan" in lastAccepted.termsSnapshot &&
          !samePlan(lastAccepted.termsSnapshot.supportPlan, supportPlanTerms(db, engagement.id))
            ? ["supportPlan"]
            : []),
        ]
      : [];
  return {
    id: engagement.id,
    status: engagement.status,
    termsVersion: engagement.termsVersion,
    cancellationFeeCents: engagement.status === "cancelled" ? engagement.cancellationFeeCents : null,
    terms,
    /** The language of `terms`' words: what an answer given on this page records. */
    termsLanguage: shown.language,
    /** True when the reader's language was not written and the words are in English. */
    termsFallback: shown.fallback,
    estimatedTotalCents: estimatedTotalCents(english),
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
      // The words of that answer, in the language it was given in, whatever the terms say now.
      asRead: termsWordsFor(d.termsSnapshot, d.language),
      // The support plan that was part of those terms.
      supportPlan: planInSnapshot(d.termsSnapshot),
      rateKind: d.termsSnapshot.rateKind as Terms["rateKind"] | undefined,
      rateCents: d.termsSnapshot.rateCents as number | undefined,
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
 * the terms word for word, and the language they read them in: the one the page shows a reader of
 * `language` (the server decides; a `postedLanguage` that is not it is refused). Accepting makes
 * proposed work "agreed"; declining leaves it proposed, and staff see the message. The same answer
 * sent twice (a double tap) is kept once.
 */
export function decideOnAgreement(args: {
  organizationId: string;
  userId: string;
  engagementId: string;
  termsVersion: number;
  decision: AgreementDecision;
  message?: string | null;
  /** The reader's language, as the page is shown in. */
  language?: Language;
  /** The language the form says the terms were shown in, if it says. */
  postedLanguage?: string | null;
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
    const language = languageShown(engagement, args.language ?? DEFAULT_LANGUAGE, args.postedLanguage);
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
      language,
      how: { method: "portal", agreedOn: null, methodDetail: null, witnessUserId: null, paperFormLocation: null },
    });
    return { changed: true as const, status };
  });
}
