import { addDays, addMonths, parseISO } from "date-fns";
import { and, asc, desc, eq, getTableName, inArray, isNotNull, isNull, lte, max, ne, or, sql } from "drizzle-orm";
import {
  consentEvents,
  consentPurposes,
  consentPurposeVersions,
  consentUses,
  consultants,
  engagementAgreements,
  engagements,
  organizations,
  users,
  type CONSENT_METHODS,
  type CONSENT_USE_ACTIONS,
  type CONSENT_USE_STATUSES,
  type ConsultantStatus,
  type NAME_CHOICES,
} from "../../db/schema";
import { db, type Executor } from "../utils/db.server";
import { recordAudit } from "../utils/audit.server";
import { offlineDecisionProblems } from "../utils/consent-decision-schema";
import { DEFAULT_CONSENT_PURPOSES, REVIEW_WINDOW_DAYS, type ConsentState } from "../utils/consent-options";
import { formatMonths } from "../utils/consent-wording";
import { isoDay } from "../utils/day";
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from "./errors";

type Method = (typeof CONSENT_METHODS)[number];
type NameChoice = (typeof NAME_CHOICES)[number];
type UseStatus = (typeof CONSENT_USE_STATUSES)[number];
type UseAction = (typeof CONSENT_USE_ACTIONS)[number];
type ConsentEvent = typeof consentEvents.$inferSelect;

/** A rule the person can fix: `field` names the form field the message belongs next to. */
export const todayIso = () => isoDay(new Date());

// Drizzle leaves columns unqualified in one-table queries; the correlated subqueries below need
// the outer table spelled out.
const outerEvents = (column: string) => sql.raw(`"${getTableName(consentEvents)}"."${column}"`);

/** The latest event of each consultant × purpose: rowid is the order events were written in. */
const isLatestEvent = sql`${consentEvents}.rowid = (select max(e2.rowid) from ${consentEvents} e2
  where e2.consultant_id = ${outerEvents("consultant_id")} and e2.purpose_id = ${outerEvents("purpose_id")})`;

/** What an event means today: a grant past its expiry date no longer holds. */
export function effectiveState(
  event: Pick<ConsentEvent, "kind" | "expiresOn"> | null | undefined,
  today: string = todayIso(),
): ConsentState {
  if (!event) return "not_asked";
  if (event.kind === "granted" && event.expiresOn && event.expiresOn <= today) return "expired";
  return event.kind;
}

// --- Purposes and their versions -----------------------------------------------------------

/** Gives an organization the default purposes, each at version 1. Safe to call again. */
export function ensureDefaultConsentPurposes(tx: Executor, organizationId: string) {
  // One read per organization on every sweep: the usual case is that every default is there already.
  const present = new Set(
    tx
      .select({ key: consentPurposes.systemKey })
      .from(consentPurposes)
      .where(and(eq(consentPurposes.organizationId, organizationId), isNotNull(consentPurposes.systemKey)))
      .all()
      .map((r) => r.key),
  );
  DEFAULT_CONSENT_PURPOSES.forEach((purpose, position) => {
    if (present.has(purpose.systemKey)) return;
    const created = tx
      .insert(consentPurposes)
      .values({
        organizationId,
        systemKey: purpose.systemKey,
        position,
        defaultExpiryMonths: purpose.defaultExpiryMonths,
        asksNameChoice: purpose.asksNameChoice ?? false,
      })
      .returning({ id: consentPurposes.id })
      .get();
    tx.insert(consentPurposeVersions)
      .values({ organizationId, purposeId: created.id, version: 1, label: purpose.label, text: purpose.text })
      .run();
  });
}

const latestVersionOf = sql`(select max(v2.version) from ${consentPurposeVersions} v2
  where v2.purpose_id = ${consentPurposes.id})`;

/** Purposes joined to their current wording; callers add the where clause. */
function purposesWithCurrentWording(exec: Executor) {
  return exec
    .select({
      id: consentPurposes.id,
      systemKey: consentPurposes.systemKey,
      position: consentPurposes.position,
      defaultExpiryMonths: consentPurposes.defaultExpiryMonths,
      asksNameChoice: consentPurposes.asksNameChoice,
      archivedAt: consentPurposes.archivedAt,
      versionId: consentPurposeVersions.id,
      version: consentPurposeVersions.version,
      label: consentPurposeVersions.label,
      text: consentPurposeVersions.text,
    })
    .from(consentPurposes)
    .innerJoin(
      consentPurposeVersions,
      and(
        eq(consentPurposeVersions.purposeId, consentPurposes.id),
        eq(consentPurposeVersions.version, latestVersionOf),
      ),
    );
}

/** The organization's purposes in order, each with its current wording. */
export function listConsentPurposes(organizationId: string, options: { includeArchived?: boolean } = {}) {
  return purposesWithCurrentWording(db)
    .where(
      and(
        eq(consentPurposes.organizationId, organizationId),
        options.includeArchived ? undefined : isNull(consentPurposes.archivedAt),
      ),
    )
    .orderBy(asc(consentPurposes.position))
    .all();
}
export type ConsentPurpose = ReturnType<typeof listConsentPurposes>[number];

/** Every wording a purpose has had, newest first. */
export function listPurposeVersions(organizationId: string, purposeId: string) {
  return db
    .select({
      id: consentPurposeVersions.id,
      version: consentPurposeVersions.version,
      label: consentPurposeVersions.label,
      text: consentPurposeVersions.text,
      createdAt: consentPurposeVersions.createdAt,
      createdByName: users.preferredName,
    })
    .from(consentPurposeVersions)
    .leftJoin(users, eq(users.id, consentPurposeVersions.createdByUserId))
    .where(
      and(eq(consentPurposeVersions.organizationId, organizationId), eq(consentPurposeVersions.purposeId, purposeId)),
    )
    .orderBy(desc(consentPurposeVersions.version))
    .all();
}

function currentPurpose(tx: Executor, organizationId: string, purposeId: string) {
  const purpose = purposesWithCurrentWording(tx)
    .where(and(eq(consentPurposes.id, purposeId), eq(consentPurposes.organizationId, organizationId)))
    .get();
  if (!purpose || purpose.archivedAt) throw new RuleError("purposeId", "Choose a purpose from the list.");
  return purpose;
}

/** The audit names a purpose by its key, never by anything a person wrote. */
const auditField = (purpose: { systemKey: string | null; id: string }) => `consent:${purpose.systemKey ?? purpose.id}`;

export function addConsentPurpose(args: {
  organizationId: string;
  actorUserId: string;
  label: string;
  text: string;
  defaultExpiryMonths: number | null;
}) {
  return db.transaction((tx) => {
    const last = tx
      .select({ position: max(consentPurposes.position) })
      .from(consentPurposes)
      .where(eq(consentPurposes.organizationId, args.organizationId))
      .get();
    const purpose = tx
      .insert(consentPurposes)
      .values({
        organizationId: args.organizationId,
        position: (last?.position ?? -1) + 1,
        defaultExpiryMonths: args.defaultExpiryMonths,
      })
      .returning({ id: consentPurposes.id })
      .get();
    tx.insert(consentPurposeVersions)
      .values({
        organizationId: args.organizationId,
        purposeId: purpose.id,
        version: 1,
        label: args.label,
        text: args.text,
        createdByUserId: args.actorUserId,
      })
      .run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "consent_purpose.added",
      subjectType: "consent_purpose",
      subjectId: purpose.id,
      changedFields: ["label", "text", "defaultExpiryMonths"],
    });
    return purpose.id;
  });
}

/**
 * New wording makes a new version; consents already given keep showing the words agreed to.
 * The expiry setting is not part of the wording and changes in place. Returns the version in force.
 */
export function reviseConsentPurpose(args: {
  organizationId: string;
  actorUserId: string;
  purposeId: string;
  label: string;
  text: string;
  defaultExpiryMonths: number | null;
}) {
  return db.transaction((tx) => {
    const purpose = currentPurpose(tx, args.organizationId, args.purposeId);
    const changed: string[] = [];
    let version = purpose.version;
    if (purpose.label !== args.label || purpose.text !== args.text) {
      version = purpose.version + 1;
      tx.insert(consentPurposeVersions)
        .values({
          organizationId: args.organizationId,
          purposeId: purpose.id,
          version,
          label: args.label,
          text: args.text,
          createdByUserId: args.actorUserId,
        })
        .run();
      changed.push(...(purpose.label !== args.label ? ["label"] : []), ...(purpose.text !== args.text ? ["text"] : []));
    }
    if (purpose.defaultExpiryMonths !== args.defaultExpiryMonths) {
      tx.update(consentPurposes)
        .set({ defaultExpiryMonths: args.defaultExpiryMonths })
        .where(eq(consentPurposes.id, purpose.id))
        .run();
      changed.push("defaultExpiryMonths");
    }
    if (changed.length > 0) {
      recordAudit(tx, {
        actorUserId: args.actorUserId,
        organizationId: args.organizationId,
        action: "consent_purpose.revised",
        subjectType: "consent_purpose",
        subjectId: purpose.id,
        changedFields: changed,
      });
    }
    return { version, changed };
  });
}

// --- Decisions (events) -----------------------------------------------------------------------

export type ConsentActor =
  /** The consultant, in the portal: always their own record, method "portal". */
  | { kind: "consultant"; userId: string }
  /** Staff or an admin recording what the consultant said on paper or out loud. */
  | { kind: "staff"; userId: string };

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
  creationKey: string;
  today?: string;
};

function latestEvent(tx: Executor, consultantId: string, purposeId: string) {
  return tx
    .select()
    .from(consentEvents)
    .where(and(eq(consentEvents.consultantId, consultantId), eq(consentEvents.purposeId, purposeId)))
    .orderBy(desc(sql`${consentEvents}.rowid`))
    .limit(1)
    .get();
}

/**
 * The day a recorded choice was made: the day staff were told (given on paper or out loud), the
 * day a withdrawal was asked for, or else the UTC day it was recorded (in the portal, at once).
 */
const choiceDay = sql<string>`coalesce(${consentEvents.givenOn}, ${consentEvents.requestedOn},
  date(${consentEvents.createdAt} / 1000, 'unixepoch'))`;

/**
 * By purpose, the latest day the consultant made a choice already on record. A choice staff record
 * afterwards cannot be dated before it (offlineDecisionProblems). An expiry is not a choice.
 */
export function latestChoiceDays(organizationId: string, consultantId: string, exec: Executor = db) {
  return new Map(
    exec
      .select({ purposeId: consentEvents.purposeId, day: sql<string>`max(${choiceDay})` })
      .from(consentEvents)
      .where(
        and(
          eq(consentEvents.organizationId, organizationId),
          eq(consentEvents.consultantId, consultantId),
          ne(consentEvents.kind, "expired"),
        ),
      )
      .groupBy(consentEvents.purposeId)
      .all()
      .map((r) => [r.purposeId, r.day] as const),
  );
}

function assertConsultant(tx: Executor, organizationId: string, consultantId: string, actor?: ConsentActor) {
  const row = tx
    .select({ id: consultants.id, userId: consultants.userId })
    .from(consultants)
    .where(and(eq(consultants.id, consultantId), eq(consultants.organizationId, organizationId)))
    .get();
  if (!row) throw new NotFoundError("Consultant not found.");
  // A consultant decides only about their own record, whatever a form says.
  if (actor?.kind === "consultant" && row.userId !== actor.userId) throw new ForbiddenError();
}

/**
 * The day a decision counts from: for a yes or no staff record, the day it was given (an end date
 * runs from the signature, not from the typing); otherwise the day it is recorded.
 */
function decisionStartsOn(input: ConsentDecisionInput, today: string) {
  return input.actor.kind === "staff" && input.decision !== "withdrawn" && input.givenOn ? input.givenOn : today;
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
    throw new RuleError("method", "Choices made in the portal are recorded as made in the portal.");
  }
  if (input.actor.kind === "staff") {
    // The same rules, and words, as the staff form (consent-decision-schema.ts).
    const [problem] = offlineDecisionProblems(input, today, latestChoiceOn);
    if (problem) throw new RuleError(problem.field, problem.message);
  }
  // A "no" over a current "yes" is a withdrawal in all but name: recorded as "declined" it would
  // flag no uses and let staff skip saying who asked. So it has to go through withdrawal.
  if (input.decision === "declined" && current === "granted") {
    throw new RuleError("decision", "This is a current “yes”. To change it to “no”, withdraw it.");
  }
  if (input.decision === "withdrawn") {
    if (current !== "granted") {
      throw new RuleError("decision", "Only a current “yes” can be withdrawn. There is nothing to withdraw here.");
    }
  }
  if (input.decision === "granted") {
    if (purpose.asksNameChoice && !input.nameChoice) {
      throw new RuleError("nameChoice", "Choose which name may be used.");
    }
    const startsOn = decisionStartsOn(input, today);
    const latest = defaultExpiry(purpose, startsOn);
    // A yes signed long enough ago has already run its course: recording it would start it expired.
    if (latest && latest <= today && !input.expiresOn) {
      throw new RuleError(
        "givenOn",
        `A “yes” to this purpose lasts ${formatMonths(purpose.defaultExpiryMonths!)}, so one given then ended on ${latest}. Ask them again, and record the day they answer.`,
      );
    }
    if (input.expiresOn) {
      if (input.expiresOn <= today) throw new RuleError("expiresOn", "The end date must be after today.");
      if (latest && input.expiresOn > latest) {
        throw new RuleError(
          "expiresOn",
          `For this purpose a “yes” lasts at most ${formatMonths(purpose.defaultExpiryMonths!)} from the day it was given. Choose ${latest} or earlier.`,
        );
      }
    }
  }
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
  const today = input.today ?? todayIso();
  // Access first: a replayed key must not hand a consultant another person's event.
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
  const current = effectiveState(latestEvent(tx, input.consultantId, purpose.id), today);
  const latestChoiceOn =
    input.actor.kind === "staff"
      ? latestChoiceDays(input.organizationId, input.consultantId, tx).get(purpose.id)
      : undefined;
  checkDecision(input, purpose, current, today, latestChoiceOn);
  if (input.engagementId) assertEngagementOfConsultant(tx, input);

  const granted = input.decision === "granted";
  const byStaff = input.actor.kind === "staff";
  const event = tx
    .insert(consentEvents)
    .values({
      organizationId: input.organizationId,
      consultantId: input.consultantId,
      purposeId: purpose.id,
      purposeVersionId: purpose.versionId,
      kind: input.decision,
      method: input.method,
      scopeNotes: granted ? input.scopeNotes || null : null,
      nameChoice: granted && purpose.asksNameChoice ? input.nameChoice : null,
      expiresOn: granted ? input.expiresOn || defaultExpiry(purpose, decisionStartsOn(input, today)) : null,
      givenOn: byStaff && input.decision !== "withdrawn" ? input.givenOn : null,
      witnessName: byStaff ? input.witnessName || null : null,
      formKeptAt: byStaff && input.method === "written_form" ? input.formKeptAt || null : null,
      requestedBy: input.decision === "withdrawn" && byStaff ? input.requestedBy : null,
      requestedOn: input.decision === "withdrawn" && byStaff ? input.requestedOn : null,
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
  if (!row) throw new RuleError("engagementId", "That engagement is not one of this consultant’s.");
}

/** Flags the uses a withdrawal or expiry stops; they stay flagged until someone records what was done. */
function flagActiveUses(
  tx: Executor,
  organizationId: string,
  consultantId: string,
  purposeId: string,
  eventId: string,
) {
  tx.update(consentUses)
    .set({ flaggedAt: new Date(), flagEventId: eventId, updatedAt: new Date() })
    .where(
      and(
        eq(consentUses.organizationId, organizationId),
        eq(consentUses.consultantId, consultantId),
        eq(consentUses.purposeId, purposeId),
        inArray(consentUses.status, ["planned", "published"]),
        isNull(consentUses.flaggedAt),
      ),
    )
    .run();
}

/**
 * Writes an "expired" event for every grant of the organization whose end date has come, and flags
 * its uses. Run by sweepConsents, never by a page: pages read a grant past its end date as expired
 * already (effectiveState), so nothing waits on it but the history and the flags.
 */
export function recordLapsedConsents(organizationId: string, today: string = todayIso()) {
  // consent_events_org_kind_expiry_idx finds the grants past their end date.
  const lapsed = db
    .select()
    .from(consentEvents)
    .where(
      and(
        eq(consentEvents.organizationId, organizationId),
        eq(consentEvents.kind, "granted"),
        isNotNull(consentEvents.expiresOn),
        lte(consentEvents.expiresOn, today),
        isLatestEvent,
      ),
    )
    .all();
  if (lapsed.length === 0) return 0;
  const purposes = new Map(
    db
      .select({ id: consentPurposes.id, systemKey: consentPurposes.systemKey })
      .from(consentPurposes)
      .where(eq(consentPurposes.organizationId, organizationId))
      .all()
      .map((p) => [p.id, p]),
  );
  return db.transaction((tx) => {
    let written = 0;
    for (const grant of lapsed) {
      // Checked again inside the transaction: another request may have written one meanwhile.
      if (latestEvent(tx, grant.consultantId, grant.purposeId)?.id !== grant.id) continue;
      const event = tx
        .insert(consentEvents)
        .values({
          organizationId,
          consultantId: grant.consultantId,
          purposeId: grant.purposeId,
          purposeVersionId: grant.purposeVersionId,
          kind: "expired",
          expiresOn: grant.expiresOn,
        })
        .returning({ id: consentEvents.id })
        .get();
      flagActiveUses(tx, organizationId, grant.consultantId, grant.purposeId, event.id);
      recordAudit(tx, {
        actorUserId: null,
        organizationId,
        action: "consent.expired",
        subjectType: "consultant",
        subjectId: grant.consultantId,
        // Named like every other consent audit (the purpose's key), so the two can be read together.
        changedFields: [auditField(purposes.get(grant.purposeId) ?? { id: grant.purposeId, systemKey: null })],
      });
      written += 1;
    }
    // Counts only what this call wrote: another request may have recorded some meanwhile.
    return written;
  });
}

// --- Reading consent ------------------------------------------------------------------------

/** The latest event of each consultant × purpose in the organization (optionally some consultants). */
function latestEvents(organizationId: string, consultantIds?: string | string[]) {
  const only = typeof consultantIds === "string" ? [consultantIds] : consultantIds;
  if (only?.length === 0) return [];
  return db
    .select()
    .from(consentEvents)
    .where(
      and(
        eq(consentEvents.organizationId, organizationId),
        only ? inArray(consentEvents.consultantId, only) : undefined,
        isLatestEvent,
      ),
    )
    .all();
}

export type ConsentCell = {
  state: ConsentState;
  eventId: string | null;
  expiresOn: string | null;
  scopeNotes: string | null;
  nameChoice: NameChoice | null;
  /** When it was recorded. */
  decidedAt: Date | null;
  /** The day it was given, when staff recorded it from paper or a conversation. */
  givenOn: string | null;
};

function cellOf(event: ConsentEvent | undefined, today: string): ConsentCell {
  return {
    state: effectiveState(event, today),
    eventId: event?.id ?? null,
    expiresOn: event?.kind === "granted" ? event.expiresOn : null,
    scopeNotes: event?.kind === "granted" ? event.scopeNotes : null,
    nameChoice: event?.kind === "granted" ? event.nameChoice : null,
    decidedAt: event?.createdAt ?? null,
    givenOn: event?.givenOn ?? null,
  };
}

/** One consultant's current state for every purpose, with the wording each was decided on. */
export function consentOverview(organizationId: string, consultantId: string, today: string = todayIso()) {
  const byPurpose = new Map(latestEvents(organizationId, consultantId).map((e) => [e.purposeId, e]));
  const agreedVersions = versionsById([...byPurpose.values()].map((e) => e.purposeVersionId));
  return listConsentPurposes(organizationId).map((purpose) => {
    const event = byPurpose.get(purpose.id);
    const agreed = event ? agreedVersions.get(event.purposeVersionId) : undefined;
    return {
      purpose,
      ...cellOf(event, today),
      decidedVersion: agreed ? { version: agreed.version, label: agreed.label, text: agreed.text } : null,
      // The wording changed since the decision: worth asking again.
      wordingChanged: Boolean(agreed && agreed.version !== purpose.version),
    };
  });
}

function versionsById(ids: string[]) {
  if (ids.length === 0) return new Map<string, typeof consentPurposeVersions.$inferSelect>();
  return new Map(
    db
      .select()
      .from(consentPurposeVersions)
      .where(inArray(consentPurposeVersions.id, [...new Set(ids)]))
      .all()
      .map((v) => [v.id, v]),
  );
}

export type MatrixFilters = { purposeId?: string; state?: ConsentState; consultantStatus?: string };

/** Consultants × purposes, for the staff consent page. Filters narrow the consultants shown. */
export function consentMatrix(organizationId: string, filters: MatrixFilters = {}, today: string = todayIso()) {
  const purposes = listConsentPurposes(organizationId);
  const events = new Map(latestEvents(organizationId).map((e) => [`${e.consultantId}:${e.purposeId}`, e]));
  const people = db
    .select({ id: consultants.id, preferredName: consultants.preferredName, status: consultants.status })
    .from(consultants)
    .where(
      and(
        eq(consultants.organizationId, organizationId),
        filters.consultantStatus
          ? eq(consultants.status, filters.consultantStatus as typeof consultants.$inferSelect.status)
          : undefined,
      ),
    )
    .orderBy(asc(consultants.preferredName))
    .all();
  const rows = people
    .map((person) => ({
      consultant: person,
      cells: Object.fromEntries(
        purposes.map((p) => [p.id, cellOf(events.get(`${person.id}:${p.id}`), today)] as const),
      ) as Record<string, ConsentCell>,
    }))
    .filter((row) => {
      if (!filters.state) return true;
      const shown = filters.purposeId ? [row.cells[filters.purposeId]] : Object.values(row.cells);
      return shown.some((cell) => cell?.state === filters.state);
    });
  return { purposes, rows };
}

export const MATRIX_PAGE_SIZE = 50;

/**
 * One page of the staff consent matrix: the consultants matching the filters, by name, 50 at a
 * time, with their cells; and for every matching consultant (not just this page) how many cells
 * are in each state. The counts are computed in SQL from the latest event of each consultant ×
 * purpose; only the page's consultants have their events read in full. `purposeId`, when it is one
 * of the organization's current purposes, narrows the columns (and what the state filter looks at).
 */
export function consentMatrixPage(
  organizationId: string,
  filters: MatrixFilters & { page?: number } = {},
  today: string = todayIso(),
) {
  const purposes = listConsentPurposes(organizationId);
  const purposeId = purposes.some((p) => p.id === filters.purposeId) ? filters.purposeId : undefined;
  const columns = purposeId ? purposes.filter((p) => p.id === purposeId) : purposes;
  const columnIds = columns.length
    ? sql.join(
        columns.map((c) => sql`${c.id}`),
        sql`, `,
      )
    : sql`null`;
  // The latest event per consultant × purpose: with one max(), SQLite takes the other (bare)
  // columns from the row holding it. A grant past its end date counts as expired, as on screen.
  const cells = sql`latest as (
      select consultant_id, purpose_id, kind, expires_on, max(rowid) as latest_rowid from ${consentEvents}
      where organization_id = ${organizationId} and purpose_id in (${columnIds})
      group by consultant_id, purpose_id
    ),
    cells as (
      select consultant_id, case when kind = 'granted' and expires_on is not null and expires_on <= ${today}
        then 'expired' else kind end as state
      from latest
    )`;
  const stateFilter = !filters.state
    ? sql``
    : filters.state === "not_asked"
      ? sql`and (select count(*) from cells l where l.consultant_id = c.id) < ${columns.length}`
      : sql`and exists (select 1 from cells l where l.consultant_id = c.id and l.state = ${filters.state})`;
  const matching = sql`matching as (
      select c.id, c.preferred_name, c.status from ${consultants} c
      where c.organization_id = ${organizationId}
      ${filters.consultantStatus ? sql`and c.status = ${filters.consultantStatus}` : sql``}
      ${stateFilter}
    )`;
  const tally = db.all<{ state: ConsentState | "all"; n: number }>(sql`with ${cells}, ${matching}
    select 'all' as state, count(*) as n from matching
    union all
    select l.state, count(*) from cells l join matching m on m.id = l.consultant_id group by l.state`);
  const matchingCount = tally.find((t) => t.state === "all")?.n ?? 0;
  const counts: Record<ConsentState, number> = { granted: 0, declined: 0, withdrawn: 0, expired: 0, not_asked: 0 };
  for (const t of tally) if (t.state !== "all") counts[t.state] = t.n;
  counts.not_asked = matchingCount * columns.length - Object.values(counts).reduce((sum, n) => sum + n, 0);

  const pageCount = Math.max(1, Math.ceil(matchingCount / MATRIX_PAGE_SIZE));
  const page = Math.min(Math.max(1, filters.page ?? 1), pageCount);
  const people = db.all<{ id: string; preferredName: string; status: ConsultantStatus }>(sql`with ${
    filters.state ? sql`${cells}, ` : sql``
  }${matching}
    select id, preferred_name as preferredName, status from matching
    order by preferred_name, id limit ${MATRIX_PAGE_SIZE} offset ${(page - 1) * MATRIX_PAGE_SIZE}`);
  const events = new Map(
    latestEvents(
      organizationId,
      people.map((p) => p.id),
    ).map((e) => [`${e.consultantId}:${e.purposeId}`, e]),
  );
  return {
    purposes,
    columns,
    purposeId,
    rows: people.map((person) => ({
      consultant: person,
      cells: columns.map((p) => ({ purposeId: p.id, ...cellOf(events.get(`${person.id}:${p.id}`), today) })),
    })),
    counts,
    matchingCount,
    page,
    pageCount,
    pageSize: MATRIX_PAGE_SIZE,
  };
}

/** Grants ending within the review window, and consents that have ended, for review. */
export function consentsForReview(organizationId: string, today: string = todayIso()) {
  const until = isoDay(addDays(parseISO(today), REVIEW_WINDOW_DAYS));
  // The candidates come from consent_events_org_kind_expiry_idx (a handful of the organization's
  // events); only those are then checked to be the latest for their consultant × purpose.
  const events = db
    .select()
    .from(consentEvents)
    .where(
      and(
        eq(consentEvents.organizationId, organizationId),
        or(
          and(eq(consentEvents.kind, "granted"), lte(consentEvents.expiresOn, until)),
          eq(consentEvents.kind, "expired"),
        ),
        isLatestEvent,
      ),
    )
    .all();
  const names = consultantNames(
    organizationId,
    events.map((e) => e.consultantId),
  );
  const purposes = new Map(listConsentPurposes(organizationId, { includeArchived: true }).map((p) => [p.id, p]));
  const items = events.map((e) => ({
    eventId: e.id,
    consultantId: e.consultantId,
    preferredName: names.get(e.consultantId) ?? "",
    purposeId: e.purposeId,
    purposeLabel: purposes.get(e.purposeId)?.label ?? "",
    state: effectiveState(e, today),
    expiresOn: e.expiresOn,
  }));
  const byDate = (a: { expiresOn: string | null }, b: { expiresOn: string | null }) =>
    (a.expiresOn ?? "").localeCompare(b.expiresOn ?? "");
  return {
    expiringSoon: items.filter((i) => i.state === "granted").sort(byDate),
    expired: items.filter((i) => i.state === "expired").sort(byDate),
  };
}

function consultantNames(organizationId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  return new Map(
    db
      .select({ id: consultants.id, name: consultants.preferredName })
      .from(consultants)
      .where(and(eq(consultants.organizationId, organizationId), inArray(consultants.id, [...new Set(ids)])))
      .all()
      .map((r) => [r.id, r.name]),
  );
}

/** Every event for one consultant, newest first, with the exact wording each was about. */
export function consentHistory(organizationId: string, consultantId: string, eventId?: string) {
  return db
    .select({
      id: consentEvents.id,
      kind: consentEvents.kind,
      method: consentEvents.method,
      scopeNotes: consentEvents.scopeNotes,
      nameChoice: consentEvents.nameChoice,
      expiresOn: consentEvents.expiresOn,
      givenOn: consentEvents.givenOn,
      witnessName: consentEvents.witnessName,
      // Staff only: the portal's readers (consent-portal.server.ts) pick their fields and leave it out.
      formKeptAt: consentEvents.formKeptAt,
      requestedBy: consentEvents.requestedBy,
      requestedOn: consentEvents.requestedOn,
      engagementId: consentEvents.engagementId,
      createdAt: consentEvents.createdAt,
      purposeId: consentEvents.purposeId,
      version: consentPurposeVersions.version,
      label: consentPurposeVersions.label,
      text: consentPurposeVersions.text,
      recordedByName: users.preferredName,
      recordedByConsultant: sql<boolean>`${consentEvents.recordedByUserId} = (select c.user_id from ${consultants} c where c.id = ${consentEvents.consultantId})`,
    })
    .from(consentEvents)
    .innerJoin(consentPurposeVersions, eq(consentPurposeVersions.id, consentEvents.purposeVersionId))
    .leftJoin(users, eq(users.id, consentEvents.recordedByUserId))
    .where(
      and(
        eq(consentEvents.organizationId, organizationId),
        eq(consentEvents.consultantId, consultantId),
        eventId ? eq(consentEvents.id, eventId) : undefined,
      ),
    )
    .orderBy(desc(sql`${consentEvents}.rowid`))
    .all();
}
export type ConsentHistoryItem = ReturnType<typeof consentHistory>[number];

/** One event as a receipt, only if it belongs to this consultant. */
export function consentReceipt(organizationId: string, consultantId: string, eventId: string) {
  // Scoped to the consultant in the query itself: another person's event id finds nothing.
  const [item] = consentHistory(organizationId, consultantId, eventId);
  if (!item) throw new NotFoundError("Receipt not found.");
  return item;
}

// --- Confirming again when new work is agreed ---------------------------------------------

/**
 * The engagement accepted after the consultant last looked at their consent, if any: agreeing to
 * new work is the moment to check the choices still hold (consent is re-confirmed for each new
 * engagement). Only when there is a current yes or no to confirm: reconfirmConsents writes
 * nothing otherwise, so the prompt could never be answered and would only press the person to decide.
 */
export function engagementAwaitingConsentCheck(organizationId: string, consultantId: string, today = todayIso()) {
  const lastDecision = db
    .select({ at: max(consentEvents.createdAt) })
    .from(consentEvents)
    .where(
      and(
        eq(consentEvents.organizationId, organizationId),
        eq(consentEvents.consultantId, consultantId),
        isNotNull(consentEvents.recordedByUserId),
      ),
    )
    .get()?.at;
  const engagement =
    db
      .select({ id: engagements.id, title: engagements.title, acceptedAt: engagementAgreements.decidedAt })
      .from(engagementAgreements)
      .innerJoin(engagements, eq(engagements.id, engagementAgreements.engagementId))
      .where(
        and(
          eq(engagements.organizationId, organizationId),
          eq(engagements.consultantId, consultantId),
          eq(engagementAgreements.decision, "accepted"),
          lastDecision ? sql`${engagementAgreements.decidedAt} > ${lastDecision.getTime()}` : undefined,
        ),
      )
      .orderBy(desc(engagementAgreements.decidedAt))
      .limit(1)
      .get() ?? null;
  if (!engagement) return null;
  const somethingToConfirm = consentOverview(organizationId, consultantId, today).some(
    (c) => c.state === "granted" || c.state === "declined",
  );
  return somethingToConfirm ? engagement : null;
}

/**
 * "My choices are still right": records each current yes and no again against today's wording
 * (a yes gets a fresh end date), tied to the engagement that prompted it. One key per click.
 */
export function reconfirmConsents(args: {
  organizationId: string;
  consultantId: string;
  userId: string;
  engagementId: string;
  creationKey: string;
  today?: string;
}) {
  const today = args.today ?? todayIso();
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
          creationKey: `${args.creationKey}:${index}`,
          today,
        }),
      ),
  );
}

// --- The uses register ----------------------------------------------------------------------

export type UseInput = {
  organizationId: string;
  actor: { userId: string; isAdmin: boolean };
  consultantId: string;
  purposeId: string;
  description: string;
  place: string;
  useDate?: string | null;
  reference?: string | null;
  status: Exclude<UseStatus, "ended">;
  /** Admins only: go ahead without a current yes, for a written reason. */
  overrideReason?: string | null;
  creationKey: string;
};

/** The grant a use may rest on now, or a message saying why there is none. */
function currentGrant(tx: Executor, consultantId: string, purposeId: string, purposeLabel: string) {
  const event = latestEvent(tx, consultantId, purposeId);
  const state = effectiveState(event);
  if (state === "granted") return { grant: event!, refusal: null };
  const why = {
    not_asked: "has not been asked yet",
    declined: "said no",
    withdrawn: "withdrew their consent",
    expired: "gave a yes that has ended",
    granted: "",
  }[state];
  return {
    grant: null,
    refusal: `No current consent for “${purposeLabel}”: the consultant ${why}. Ask them first, then record their answer.`,
  };
}

/**
 * Records a planned or published use. Refused without a current yes for the purpose, unless an
 * admin overrides with a written reason (audited). A resent form returns the first record.
 */
export function recordConsentUse(input: UseInput) {
  return db.transaction((tx) => {
    assertConsultant(tx, input.organizationId, input.consultantId);
    const replay = tx
      .select({ id: consentUses.id, consultantId: consentUses.consultantId })
      .from(consentUses)
      .where(and(eq(consentUses.organizationId, input.organizationId), eq(consentUses.creationKey, input.creationKey)))
      .get();
    if (replay) {
      // As for decisions: a key belongs to one form for one consultant, never merged into another's.
      if (replay.consultantId !== input.consultantId) throw new ConflictError();
      return { useId: replay.id, created: false };
    }
    const purpose = currentPurpose(tx, input.organizationId, input.purposeId);
    const { grant, refusal } = currentGrant(tx, input.consultantId, purpose.id, purpose.label);
    const override = !grant ? checkOverride(input, refusal!) : null;
    const use = tx
      .insert(consentUses)
      .values({
        organizationId: input.organizationId,
        consultantId: input.consultantId,
        purposeId: purpose.id,
        description: input.description,
        place: input.place,
        useDate: input.useDate || null,
        reference: input.reference || null,
        status: input.status,
        basisEventId: grant?.id ?? null,
        overrideReason: override,
        overrideByUserId: override ? input.actor.userId : null,
        createdByUserId: input.actor.userId,
        creationKey: input.creationKey,
      })
      .returning({ id: consentUses.id })
      .get();
    recordAudit(tx, {
      actorUserId: input.actor.userId,
      organizationId: input.organizationId,
      action: override ? "consent_use.recorded_with_override" : "consent_use.recorded",
      subjectType: "consent_use",
      subjectId: use.id,
      changedFields: ["description", "place", "status", ...(override ? ["overrideReason"] : [])],
    });
    return { useId: use.id, created: true };
  });
}

function checkOverride(input: { actor: { isAdmin: boolean }; overrideReason?: string | null }, refusal: string) {
  if (!input.overrideReason) throw new RuleError("purposeId", refusal);
  if (!input.actor.isAdmin) throw new RuleError("overrideReason", "Only an admin can go ahead without consent.");
  return input.overrideReason;
}

function findUse(tx: Executor, organizationId: string, useId: string) {
  const use = tx
    .select()
    .from(consentUses)
    .where(and(eq(consentUses.id, useId), eq(consentUses.organizationId, organizationId)))
    .get();
  if (!use) throw new NotFoundError("That use is not on record.");
  return use;
}

/**
 * Moves a use along: planned → published → ended. Publishing needs a current yes again (it may
 * have been withdrawn since it was planned), or an admin's override.
 */
export function changeConsentUseStatus(args: {
  organizationId: string;
  actor: { userId: string; isAdmin: boolean };
  useId: string;
  status: UseStatus;
  overrideReason?: string | null;
}) {
  db.transaction((tx) => {
    const use = findUse(tx, args.organizationId, args.useId);
    if (use.status === args.status) return;
    // While a flag is open the only next step is recording what was done: moving the use along
    // would leave the flag open for good, or publish what the consultant withdrew.
    const flagOpen = Boolean(use.flaggedAt && !use.actionAt);
    if (flagOpen && args.status !== "published") {
      throw new RuleError("status", "Consent for this use has ended. First record what was done about it.");
    }
    if (use.status === "ended") throw new RuleError("status", "This use has ended. Record a new one instead.");
    if (use.status === "published" && args.status === "planned") {
      throw new RuleError("status", "A published use cannot go back to planned.");
    }
    const set: Partial<typeof consentUses.$inferInsert> = { status: args.status, updatedAt: new Date() };
    if (args.status === "published") {
      const purpose = currentPurpose(tx, args.organizationId, use.purposeId);
      const { grant, refusal } = currentGrant(tx, use.consultantId, use.purposeId, purpose.label);
      if (grant) {
        set.basisEventId = grant.id;
        // The consultant said yes again after the flag: that answers it.
        if (flagOpen) {
          Object.assign(set, {
            actionTaken: "other",
            actionNote: "Consent was given again before it was used.",
            actionAt: new Date(),
            actionByUserId: args.actor.userId,
          });
        }
      } else if (flagOpen) {
        throw new RuleError("status", "Consent for this use has ended. First record what was done about it.");
      } else {
        set.overrideReason = checkOverride({ actor: args.actor, overrideReason: args.overrideReason }, refusal!);
        set.overrideByUserId = args.actor.userId;
      }
    }
    tx.update(consentUses).set(set).where(eq(consentUses.id, use.id)).run();
    recordAudit(tx, {
      actorUserId: args.actor.userId,
      organizationId: args.organizationId,
      action: set.overrideReason ? "consent_use.published_with_override" : `consent_use.${args.status}`,
      subjectType: "consent_use",
      subjectId: use.id,
      changedFields: ["status", ...(set.overrideReason ? ["overrideReason"] : [])],
    });
  });
}

/** Records what was done about a flagged use; the flag then closes and the use ends. */
export function resolveFlaggedUse(args: {
  organizationId: string;
  actorUserId: string;
  useId: string;
  actionTaken: UseAction;
  actionNote?: string | null;
}) {
  db.transaction((tx) => {
    const use = findUse(tx, args.organizationId, args.useId);
    if (!use.flaggedAt) throw new RuleError("actionTaken", "This use is not flagged: there is nothing to resolve.");
    if (use.actionAt) return; // Already recorded (a resent form).
    if (args.actionTaken === "other" && !args.actionNote) {
      throw new RuleError("actionNote", "Write what was done.");
    }
    const now = new Date();
    tx.update(consentUses)
      .set({
        status: "ended",
        actionTaken: args.actionTaken,
        actionNote: args.actionNote || null,
        actionAt: now,
        actionByUserId: args.actorUserId,
        updatedAt: now,
      })
      .where(eq(consentUses.id, use.id))
      .run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "consent_use.flag_resolved",
      subjectType: "consent_use",
      subjectId: use.id,
      changedFields: ["status", "actionTaken", ...(args.actionNote ? ["actionNote"] : [])],
    });
  });
}

const useColumns = {
  id: consentUses.id,
  consultantId: consentUses.consultantId,
  preferredName: consultants.preferredName,
  purposeId: consentUses.purposeId,
  description: consentUses.description,
  place: consentUses.place,
  useDate: consentUses.useDate,
  reference: consentUses.reference,
  status: consentUses.status,
  overrideReason: consentUses.overrideReason,
  flaggedAt: consentUses.flaggedAt,
  flagEventId: consentUses.flagEventId,
  actionTaken: consentUses.actionTaken,
  actionNote: consentUses.actionNote,
  actionAt: consentUses.actionAt,
  createdAt: consentUses.createdAt,
};

/** Uses that a withdrawal or expiry flagged and nobody has dealt with yet: the dashboard's list. */
export function openFlaggedUses(organizationId: string) {
  return listConsentUses(organizationId, { flaggedOnly: true });
}

export function listConsentUses(
  organizationId: string,
  filters: { flaggedOnly?: boolean; consultantId?: string } = {},
) {
  const purposes = new Map(listConsentPurposes(organizationId, { includeArchived: true }).map((p) => [p.id, p.label]));
  return db
    .select(useColumns)
    .from(consentUses)
    .innerJoin(consultants, eq(consultants.id, consentUses.consultantId))
    .where(
      and(
        eq(consentUses.organizationId, organizationId),
        filters.flaggedOnly ? and(isNotNull(consentUses.flaggedAt), isNull(consentUses.actionAt)) : undefined,
        filters.consultantId ? eq(consentUses.consultantId, filters.consultantId) : undefined,
      ),
    )
    .orderBy(desc(consentUses.flaggedAt), desc(consentUses.createdAt))
    .all()
    .map((u) => ({
      ...u,
      purposeLabel: purposes.get(u.purposeId) ?? "",
      flagOpen: Boolean(u.flaggedAt && !u.actionAt),
    }));
}
export type ConsentUseRow = ReturnType<typeof listConsentUses>[number];

/** One use with its purpose, the flagging event's kind, and who dealt with it. */
export function getConsentUse(organizationId: string, useId: string) {
  const use = findUse(db, organizationId, useId);
  const row = listConsentUses(organizationId, { consultantId: use.consultantId }).find((u) => u.id === useId)!;
  const flagKind = use.flagEventId
    ? (db.select({ kind: consentEvents.kind }).from(consentEvents).where(eq(consentEvents.id, use.flagEventId)).get()
        ?.kind ?? null)
    : null;
  return { ...row, flagKind };
}

/**
 * Consent upkeep for every organization, run by the server at start-up and every minute (see
 * startBackgroundJobs), because reading a page must never write: gives an organization made before
 * a default purpose existed that purpose, and records the expiries that have fallen due. Returns
 * how many expiries it recorded.
 */
export function sweepConsents(today: string = todayIso()) {
  let recorded = 0;
  for (const { id } of db.select({ id: organizations.id }).from(organizations).all()) {
    db.transaction((tx) => ensureDefaultConsentPurposes(tx, id));
    recorded += recordLapsedConsents(id, today);
  }
  return recorded;
}

// --- Erasure -----------------------------------------------------------------------------------

/** Stands in the "requested by" of the withdrawals an erasure records: no person is named. */
export const ERASURE_WITHDRAWAL_REQUESTED_BY = "The consultant, when asking us to delete their information";

/**
 * Inside an erasure's transaction: every consent still in force is withdrawn, as new events (the
 * history stays), and the uses it allowed are flagged so staff take them down. Archived purposes
 * are included: a grant under one still holds until withdrawn.
 */
export function withdrawAllConsentsForErasure(
  tx: Executor,
  args: { organizationId: string; consultantId: string; actorUserId: string; today?: string },
) {
  const today = args.today ?? todayIso();
  const purposeIds = tx
    .selectDistinct({ purposeId: consentEvents.purposeId })
    .from(consentEvents)
    .where(
      and(eq(consentEvents.organizationId, args.organizationId), eq(consentEvents.consultantId, args.consultantId)),
    )
    .all()
    .map((r) => r.purposeId);
  let withdrawn = 0;
  for (const purposeId of purposeIds) {
    const latest = latestEvent(tx, args.consultantId, purposeId);
    if (!latest || effectiveState(latest, today) !== "granted") continue;
    const event = tx
      .insert(consentEvents)
      .values({
        organizationId: args.organizationId,
        consultantId: args.consultantId,
        purposeId,
        purposeVersionId: latest.purposeVersionId,
        kind: "withdrawn",
        method: "written_form",
        requestedBy: ERASURE_WITHDRAWAL_REQUESTED_BY,
        requestedOn: today,
        recordedByUserId: args.actorUserId,
      })
      .returning({ id: consentEvents.id })
      .get();
    flagActiveUses(tx, args.organizationId, args.consultantId, purposeId, event.id);
    withdrawn += 1;
  }
  return withdrawn;
}
