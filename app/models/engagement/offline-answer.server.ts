// Answers given outside the portal, recorded by staff: on a paper form, out loud (with a witness)
// or another way, for example by a consultant without a portal account. They count like an answer
// in the portal but never override the consultant's own word.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { consultants, memberships } from "../../../db/schema";
import { DEFAULT_LANGUAGE } from "../../i18n/config";
import { isIsoDay, isoDay } from "../../utils/day";
import { db, type Executor } from "../../utils/db.server";
import { OFFLINE_AGREEMENT_METHODS } from "../../utils/engagement-options";
import { estimatedTotalCents } from "../../utils/money";
import { RuleError } from "../errors";
import {
  assertStillAnswerable,
  dayAnswered,
  decisionsFor,
  earliestDayForRecordedAnswer,
  latestFor,
  needsAnswer,
  ownPortalAnswer,
  staffMayRecordAnswer,
  writeAnswer,
  type AgreementDecision,
  type How,
  type OfflineAgreementMethod,
} from "./agreement-answers.server";
import { findEngagement } from "./shared.server";
import { currentTerms, termsLanguages } from "./terms.server";
import { activeColleagues } from "../membership.server";

export const STAFF_STALE_TERMS_MESSAGE = "staff:engagements.errors.staleTerms";

export const ANSWERED_IN_PORTAL_MESSAGE = "staff:engagements.errors.answeredInPortal";

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
  /** The language of the terms they read: English, or one the terms are written in full in. */
  language?: string | null;
  today?: string;
};

export const LANGUAGE_NOT_WRITTEN_MESSAGE = "staff:termsWords.errors.languageNotWritten";

const CHOOSE_LANGUAGE_MESSAGE = "staff:termsWords.errors.chooseLanguage";

/** The colleagues who can have witnessed an answer: active admins and staff, other than `exceptUserId`. */
export function listPossibleWitnesses(organizationId: string, exceptUserId: string) {
  return activeColleagues(organizationId)
    .filter((c) => c.userId !== exceptUserId)
    .map((c) => ({ userId: c.userId, preferredName: c.preferredName }));
}

const clean = (text: string | null | undefined) => (text?.trim() ? text.trim() : null);

/** The checks on how an answer reached staff; each failure names the field to fix. */
function checkHow(tx: Executor, input: OfflineAnswerInput, today: string): How {
  if (!(OFFLINE_AGREEMENT_METHODS as readonly string[]).includes(input.method)) {
    throw new RuleError("method", "common:engagementRules.method");
  }
  if (!isIsoDay(input.agreedOn)) {
    throw new RuleError("agreedOn", "staff:engagements.errors.agreedOnFormat");
  }
  if (input.agreedOn > today) {
    throw new RuleError("agreedOn", "staff:engagements.errors.agreedOnFuture");
  }
  const witnessUserId = clean(input.witnessUserId);
  if (input.method === "out_loud" && !witnessUserId) {
    throw new RuleError("witnessUserId", "common:engagementRules.witnessNeeded");
  }
  if (witnessUserId) {
    if (witnessUserId === input.actorUserId) {
      throw new RuleError("witnessUserId", "staff:engagements.errors.witnessNotYou");
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
    if (!colleague) throw new RuleError("witnessUserId", "staff:engagements.errors.witnessFromList");
  }
  const paperFormLocation = input.method === "paper_form" ? clean(input.paperFormLocation) : null;
  if (input.method === "paper_form" && !paperFormLocation) {
    throw new RuleError("paperFormLocation", "common:engagementRules.placeNeeded");
  }
  const methodDetail = input.method === "other" ? clean(input.methodDetail) : null;
  if (input.method === "other" && !methodDetail) {
    throw new RuleError("methodDetail", "common:engagementRules.howNeeded");
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
    const engagement = findEngagement(tx, input.organizationId, input.engagementId);
    if (input.termsVersion !== engagement.termsVersion) {
      throw new RuleError("termsVersion", STAFF_STALE_TERMS_MESSAGE);
    }
    assertStillAnswerable(engagement.status);
    const how = checkHow(tx, input, today);
    // Words they read can only be words the organization wrote, in full, for this version; when
    // there is more than one language to have read, staff say which.
    const written = termsLanguages(engagement);
    if (!input.language && written.length > 1) throw new RuleError("language", CHOOSE_LANGUAGE_MESSAGE);
    const language = input.language || DEFAULT_LANGUAGE;
    if (!written.includes(language)) throw new RuleError("language", LANGUAGE_NOT_WRITTEN_MESSAGE);
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
      throw new RuleError("decision", "staff:engagements.errors.alreadyAccepted");
    }
    if (ownPortalAnswer(answers, engagement.termsVersion)) {
      throw new RuleError("decision", ANSWERED_IN_PORTAL_MESSAGE);
    }
    const earliestDay = earliestDayForRecordedAnswer(answers);
    if (earliestDay && how.agreedOn && how.agreedOn < earliestDay) {
      throw new RuleError("agreedOn", "staff:engagements.errors.answeredBefore", { day: earliestDay });
    }
    const status = writeAnswer(tx, {
      organizationId: input.organizationId,
      actorUserId: input.actorUserId,
      engagement,
      decision: input.decision,
      message,
      language,
      how,
    });
    return { changed: true as const, status };
  });
}

/** What the page for recording an answer shows: the terms waiting, and who can be named as witness. */
export function offlineAnswerFacts(organizationId: string, engagementId: string, actorUserId: string) {
  const engagement = findEngagement(db, organizationId, engagementId);
  const consultant = db
    .select({ preferredName: consultants.preferredName, userId: consultants.userId })
    .from(consultants)
    .where(eq(consultants.id, engagement.consultantId))
    .get()!;
  const answers = decisionsFor(db, [engagement.id]);
  const latest = latestFor(answers, engagement.id, engagement.termsVersion);
  const portalAnswer = ownPortalAnswer(answers, engagement.termsVersion);
  const terms = currentTerms(engagement);
  return {
    id: engagement.id,
    title: engagement.title,
    status: engagement.status,
    termsVersion: engagement.termsVersion,
    terms,
    estimatedTotalCents: estimatedTotalCents(terms),
    /** The languages staff may say the terms were read in: English, and each one written in full. */
    termsLanguages: termsLanguages(engagement),
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
