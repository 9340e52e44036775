// Recording a choice: a consultant's yes, no or withdrawal for one purpose, made in the portal or
// given to staff on paper or out loud, and the "my choices are still right" that new work prompts.
// Every rule a choice must meet is checked here, whoever calls (the staff form's rules come from
// consent-decision-schema.ts, so both say the same words).
import { addMonths, parseISO } from "date-fns";
import { and, eq, ne } from "drizzle-orm";
import { consentEvents, engagements, type Role } from "../../../db/schema";
import { db, type Executor } from "../../utils/db.server";
import { recordAudit } from "../../utils/audit.server";
import { offlineDecisionDetails, offlineDecisionProblems } from "../../utils/consent-decision-schema";
import type { ConsentState } from "../../utils/consent-options";
import { durationValues } from "../../utils/consent-wording";
import { readMessage } from "../../i18n/message";
import { isoDay } from "../../utils/day";
import { dayIn } from "../../utils/format";
import { ConflictError, RuleError } from "../errors";
import { organizationTimeZone, organizationToday } from "../settings.server";
import { DEFAULT_LANGUAGE, type Language } from "../../i18n/config";
import { auditField, currentPurpose, purposeWording } from "./purposes.server";
import { consentOverview } from "./reads.server";
import {
  assertConsultant,
  effectiveState,
  flagActiveUses,
  latestEvent,
  type Method,
  type NameChoice,
} from "./shared.server";
import { assertMemberCan } from "../membership.server";

export type ConsentActor =
  /** The consultant, in the portal: always their own record, method "portal". */
  | { kind: "consultant"; userId: string }
  /** Staff or an admin recording what the consultant said on paper or out loud; the role decides. */
  | { kind: "staff"; userId: string; role: Role };

export type ConsentDecisionInput = {
  organizationId: string;
  consultantId: string;
  purposeId: string;
  decision: "granted" | "declined" | "withdrawn";
  actor: ConsentActor;
  method: Method;
  scopeNotes?: string | null;
  nameChoice?: NameChoice | null;
  /**
   * "YYYY-MM-DD"; left out, a grant gets the purpose's default expiry (if it has one), counted from
   * the day it was given.
   */
  expiresOn?: string | null;
  /** Staff, for a yes or no: the day the consultant signed the form or said it. */
  givenOn?: string | null;
  /** Someone who saw them sign or heard them say it: required out loud, optional on paper. */
  witnessName?: string | null;
  /** Staff, for a paper form: where the signed form is kept. */
  formKeptAt?: string | null;
  /** For a withdrawal recorded by staff: who asked for it, and on what day. */
  requestedBy?: string | null;
  requestedOn?: string | null;
  engagementId?: string | null;
  /**
   * The language of the words the decision is made on. Staff: the language of the form the person
   * read or had read to them, one the wording is written in, in full (English when left out). In the
   * portal: the reader's page language; what they were shown follows from it (purposeWording), and
   * that is what is recorded.
   */
  language?: Language;
  /**
   * In the portal: the language the page says it showed the words in. Refused when it is not what
   * the reader is shown now (the wording or their language changed since the page was opened).
   */
  shownLanguage?: string | null;
  /**
   * The version of the wording the page showed (portal and staff forms send it). Refused when it is
   * no longer the current one: nobody's choice is recorded on words published after they read.
   */
  shownVersion?: number;
  creationKey: string;
  today?: string;
};

/**
 * By purpose, the latest day the consultant made a choice already on record. A choice staff record
 * afterwards cannot be dated before it (offlineDecisionProblems). An expiry is not a choice.
 *
 * The day of a choice is the day staff were told (given on paper or out loud), the day a withdrawal
 * was asked for, or else the day it was recorded (in the portal, at once) where the organization
 * is: the same calendar as the organization's "today" it is checked against, so a choice made in
 * the portal late in the evening does not fall on a day that has not yet come there.
 */
export function latestChoiceDays(organizationId: string, consultantId: string, exec: Executor = db) {
  const timeZone = organizationTimeZone(organizationId);
  const days = new Map<string, string>();
  const choices = exec
    .select({
      purposeId: consentEvents.purposeId,
      givenOn: consentEvents.givenOn,
      requestedOn: consentEvents.requestedOn,
      createdAt: consentEvents.createdAt,
    })
    .from(consentEvents)
    .where(
      and(
        eq(consentEvents.organizationId, organizationId),
        eq(consentEvents.consultantId, consultantId),
        ne(consentEvents.kind, "expired"),
      ),
    )
    .all();
  for (const choice of choices) {
    const day = choice.givenOn ?? choice.requestedOn ?? dayIn(choice.createdAt, timeZone);
    const latest = days.get(choice.purposeId);
    if (!latest || day > latest) days.set(choice.purposeId, day);
  }
  return days;
}

/**
 * The day a decision counts from: for a yes or no staff record, the day it was given (an end date
 * runs from the signature, not from the typing); otherwise the day it is recorded.
 */
function decisionStartsOn(input: ConsentDecisionInput, today: string) {
  return input.actor.kind === "staff" && offlineDecisionDetails(input).givenOn && input.givenOn ? input.givenOn : today;
}

/** The checks that make a decision valid; each failure names the field to fix. */
function checkDecision(
  input: ConsentDecisionInput,
  purpose: ReturnType<typeof currentPurpose>,
  current: ConsentState,
  today: string,
  latestChoiceOn: string | undefined,
) {
  if (input.actor.kind === "consultant" && input.method !== "portal") {
    throw new RuleError("method", "common:consentRules.portalMethodOnly");
  }
  if (input.actor.kind === "staff") {
    // The same rules, and words, as the staff form (consent-decision-schema.ts).
    const [problem] = offlineDecisionProblems(input, today, latestChoiceOn);
    if (problem) {
      const { key, values } = readMessage(problem.message);
      throw new RuleError(problem.field, key, values);
    }
  }
  // A "no" over a current "yes" is a withdrawal in all but name: recorded as "declined" it would
  // flag no uses and let staff skip saying who asked. So it has to go through withdrawal.
  if (input.decision === "declined" && current === "granted") {
    throw new RuleError("decision", "common:consentRules.withdrawInstead");
  }
  if (input.decision === "withdrawn") {
    if (current !== "granted") {
      throw new RuleError("decision", "common:consentRules.nothingToWithdraw");
    }
  }
  if (input.decision === "granted") {
    if (purpose.asksNameChoice && !input.nameChoice) {
      throw new RuleError("nameChoice", "common:consentDecision.nameChoiceMissing");
    }
    const startsOn = decisionStartsOn(input, today);
    const latest = defaultExpiry(purpose, startsOn);
    // A yes signed long enough ago has already run its course: recording it would start it expired.
    if (latest && latest <= today && !input.expiresOn) {
      throw new RuleError("givenOn", "common:consentRules.yesAlreadyEnded", {
        ...durationValues(purpose.defaultExpiryMonths!),
        latest,
      });
    }
    if (input.expiresOn) {
      if (input.expiresOn <= today) throw new RuleError("expiresOn", "common:consentRules.endDateNotAfterToday");
      if (latest && input.expiresOn > latest) {
        throw new RuleError("expiresOn", "common:consentRules.endDateTooLate", {
          ...durationValues(purpose.defaultExpiryMonths!),
          latest,
        });
      }
    }
  }
}

/**
 * The language a decision records: the language of the words the person was shown. Nobody records a
 * language the words were not shown in: staff choose among those the wording is written in, and a
 * portal page's own account of what it showed must match what the server shows that reader.
 */
function languageShown(input: ConsentDecisionInput, purpose: ReturnType<typeof currentPurpose>) {
  const asked = input.language ?? DEFAULT_LANGUAGE;
  const shown = purposeWording(purpose, asked).language;
  if (input.actor.kind === "staff") {
    if (shown !== asked) throw new RuleError("language", "common:consentWords.errors.notWrittenIn");
    return asked;
  }
  if (input.shownLanguage && input.shownLanguage !== shown) {
    throw new RuleError("language", "common:consentWords.errors.shownChanged");
  }
  return shown;
}

function defaultExpiry(purpose: { defaultExpiryMonths: number | null }, startsOn: string) {
  return purpose.defaultExpiryMonths ? isoDay(addMonths(parseISO(startsOn), purpose.defaultExpiryMonths)) : null;
}

/**
 * Records a consultant's yes, no or withdrawal for one purpose, against the purpose's current
 * wording. A resent form (same creation key) returns the first event and changes nothing.
 * A withdrawal flags every active use of that purpose in the same transaction.
 */
export function recordConsentDecision(input: ConsentDecisionInput) {
  return db.transaction((tx) => recordDecisionIn(tx, input));
}

/** The decision itself, inside the caller's transaction (reconfirmConsents writes several in one). */
function recordDecisionIn(tx: Executor, input: ConsentDecisionInput) {
  const today = input.today ?? organizationToday(input.organizationId);
  // Access first: a replayed key must not hand a consultant another person's event.
  if (input.actor.kind === "staff") assertMemberCan(input.organizationId, input.actor.userId, "consent:record");
  assertConsultant(tx, input.organizationId, input.consultantId, input.actor);
  const replay = tx
    .select({ id: consentEvents.id, consultantId: consentEvents.consultantId })
    .from(consentEvents)
    .where(
      and(eq(consentEvents.organizationId, input.organizationId), eq(consentEvents.creationKey, input.creationKey)),
    )
    .get();
  if (replay) {
    // A key is only ever reused by the same form; anything else is refused, not merged.
    if (replay.consultantId !== input.consultantId) throw new ConflictError();
    return { eventId: replay.id, created: false };
  }
  const purpose = currentPurpose(tx, input.organizationId, input.purposeId);
  if (input.shownVersion !== undefined && input.shownVersion !== purpose.version) {
    throw new RuleError("purposeId", "common:consentWords.errors.shownChanged");
  }
  const current = effectiveState(latestEvent(tx, input.consultantId, purpose.id), today);
  const latestChoiceOn =
    input.actor.kind === "staff"
      ? latestChoiceDays(input.organizationId, input.consultantId, tx).get(purpose.id)
      : undefined;
  checkDecision(input, purpose, current, today, latestChoiceOn);
  const language = languageShown(input, purpose);
  if (input.engagementId) assertEngagementOfConsultant(tx, input);

  const granted = input.decision === "granted";
  const byStaff = input.actor.kind === "staff";
  // Staff keep only the details that belong to what was decided and how.
  const staffDetails = byStaff ? offlineDecisionDetails(input) : null;
  const event = tx
    .insert(consentEvents)
    .values({
      organizationId: input.organizationId,
      consultantId: input.consultantId,
      purposeId: purpose.id,
      purposeVersionId: purpose.versionId,
      kind: input.decision,
      language,
      method: input.method,
      scopeNotes: granted ? input.scopeNotes || null : null,
      nameChoice: granted && purpose.asksNameChoice ? input.nameChoice : null,
      expiresOn: granted ? input.expiresOn || defaultExpiry(purpose, decisionStartsOn(input, today)) : null,
      givenOn: staffDetails?.givenOn ? input.givenOn : null,
      witnessName: byStaff ? input.witnessName || null : null,
      formKeptAt: staffDetails?.formKeptAt ? input.formKeptAt || null : null,
      requestedBy: staffDetails?.withdrawal ? input.requestedBy : null,
      requestedOn: staffDetails?.withdrawal ? input.requestedOn : null,
      engagementId: input.engagementId ?? null,
      recordedByUserId: input.actor.userId,
      creationKey: input.creationKey,
    })
    .returning({ id: consentEvents.id })
    .get();
  if (input.decision === "withdrawn")
    flagActiveUses(tx, input.organizationId, input.consultantId, purpose.id, event.id);
  recordAudit(tx, {
    actorUserId: input.actor.userId,
    organizationId: input.organizationId,
    action: `consent.${input.decision}`,
    subjectType: "consultant",
    subjectId: input.consultantId,
    changedFields: [auditField(purpose)],
  });
  return { eventId: event.id, created: true };
}

function assertEngagementOfConsultant(tx: Executor, input: ConsentDecisionInput) {
  const row = tx
    .select({ id: engagements.id })
    .from(engagements)
    .where(
      and(
        eq(engagements.id, input.engagementId!),
        eq(engagements.organizationId, input.organizationId),
        eq(engagements.consultantId, input.consultantId),
      ),
    )
    .get();
  if (!row) throw new RuleError("engagementId", "common:consentRules.engagementNotTheirs");
}

/**
 * "My choices are still right": records each current yes and no again against today's wording
 * (a yes gets a fresh end date), tied to the engagement that prompted it. One key per click.
 * `language` is the reader's page language: each choice records the language its words were shown in.
 */
export function reconfirmConsents(args: {
  organizationId: string;
  consultantId: string;
  userId: string;
  engagementId: string;
  creationKey: string;
  language?: Language;
  /** By purpose, the version of the wording the page showed; a choice not shown is not confirmed. */
  shownVersions: Readonly<Record<string, number>>;
  today?: string;
}) {
  const today = args.today ?? organizationToday(args.organizationId);
  // One transaction, each decision written with it: all the choices are confirmed or none are.
  // (The read uses `db`, the same connection, so it sees the state this transaction writes on.)
  return db.transaction((tx) =>
    consentOverview(args.organizationId, args.consultantId, today)
      .filter((c) => c.state === "granted" || c.state === "declined")
      .map((c, index) =>
        recordDecisionIn(tx, {
          organizationId: args.organizationId,
          consultantId: args.consultantId,
          purposeId: c.purpose.id,
          decision: c.state as "granted" | "declined",
          actor: { kind: "consultant", userId: args.userId },
          method: "portal",
          scopeNotes: c.scopeNotes,
          nameChoice: c.nameChoice,
          // A purpose with a longest term starts a fresh one (renewal). On one without, an end
          // date the person chose stays: confirming must never turn "until June" into "for ever".
          expiresOn: c.purpose.defaultExpiryMonths ? null : c.expiresOn,
          engagementId: args.engagementId,
          language: args.language,
          shownVersion: args.shownVersions[c.purpose.id] ?? 0,
          creationKey: `${args.creationKey}:${index}`,
          today,
        }),
      ),
  );
}
