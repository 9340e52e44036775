// Reading consent: one consultant's current choice for every purpose, their full history with the
// exact words each choice was made on, one event as a receipt, the review lists of what ends soon
// or has ended, and whether new work is waiting for the consultant to confirm their choices.
import { addDays, parseISO } from "date-fns";
import { and, desc, eq, inArray, isNotNull, lte, max, or, sql } from "drizzle-orm";
import {
  consentEvents,
  consentPurposeVersions,
  consultants,
  engagementAgreements,
  engagements,
  users,
} from "../../../db/schema";
import { db } from "../../utils/db.server";
import { REVIEW_WINDOW_DAYS } from "../../utils/consent-options";
import { isoDay } from "../../utils/day";
import { NotFoundError } from "../errors";
import { organizationToday } from "../settings.server";
import { listConsentPurposes, purposeWording, wordingLanguages } from "./purposes.server";
import { cellOf, effectiveState, isLatestEvent, latestEvents } from "./shared.server";

/**
 * One consultant's current state for every purpose, with the wording each was decided on, in the
 * language it was decided in (`purpose` holds the current wording, in English and its translations).
 */
export function consentOverview(
  organizationId: string,
  consultantId: string,
  today: string = organizationToday(organizationId),
) {
  const byPurpose = new Map(latestEvents(organizationId, consultantId).map((e) => [e.purposeId, e]));
  const agreedVersions = versionsById([...byPurpose.values()].map((e) => e.purposeVersionId));
  return listConsentPurposes(organizationId).map((purpose) => {
    const event = byPurpose.get(purpose.id);
    const agreed = event ? agreedVersions.get(event.purposeVersionId) : undefined;
    const decided = agreed && event ? purposeWording(agreed, event.language) : null;
    return {
      purpose,
      ...cellOf(event, today),
      decidedVersion: decided ? { version: agreed!.version, label: decided.label, text: decided.text } : null,
      /** The language the decision was given in, which `decidedVersion`'s words are in. */
      decidedLanguage: decided?.language ?? null,
      /** The languages the current wording is written in, in full: a choice may be recorded in these. */
      languages: wordingLanguages(purpose),
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

/** Grants ending within the review window, and consents that have ended, for review. */
export function consentsForReview(organizationId: string, today: string = organizationToday(organizationId)) {
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

/**
 * Every event for one consultant, newest first, with the exact wording each was about in the language
 * it was given in (`label`, `text`, `language`), and that version's English (`english`) for staff.
 */
export function consentHistory(organizationId: string, consultantId: string, eventId?: string) {
  const rows = db
    .select({
      id: consentEvents.id,
      kind: consentEvents.kind,
      method: consentEvents.method,
      scopeNotes: consentEvents.scopeNotes,
      nameChoice: consentEvents.nameChoice,
      expiresOn: consentEvents.expiresOn,
      givenOn: consentEvents.givenOn,
      witnessName: consentEvents.witnessName,
      // Staff only: the portal's readers (portal.server.ts) pick their fields and leave it out.
      formKeptAt: consentEvents.formKeptAt,
      requestedBy: consentEvents.requestedBy,
      requestedOn: consentEvents.requestedOn,
      engagementId: consentEvents.engagementId,
      createdAt: consentEvents.createdAt,
      purposeId: consentEvents.purposeId,
      version: consentPurposeVersions.version,
      label: consentPurposeVersions.label,
      text: consentPurposeVersions.text,
      translations: consentPurposeVersions.translations,
      language: consentEvents.language,
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
  return rows.map(({ label, text, translations, language, ...event }) => {
    const shown = purposeWording({ label, text, translations }, language);
    return { ...event, label: shown.label, text: shown.text, language: shown.language, english: { label, text } };
  });
}
export type ConsentHistoryItem = ReturnType<typeof consentHistory>[number];

/** One event as a receipt, only if it belongs to this consultant. */
export function consentReceipt(organizationId: string, consultantId: string, eventId: string) {
  // Scoped to the consultant in the query itself: another person's event id finds nothing.
  const [item] = consentHistory(organizationId, consultantId, eventId);
  if (!item) throw new NotFoundError("common:consentRules.receiptNotFound");
  return item;
}

// --- Confirming again when new work is agreed ---------------------------------------------

/**
 * The engagement accepted after the consultant last looked at their consent, if any: agreeing to
 * new work is the moment to check the choices still hold (consent is re-confirmed for each new
 * engagement). Only when there is a current yes or no to confirm: reconfirmConsents writes
 * nothing otherwise, so the prompt could never be answered and would only press the person to decide.
 */
export function engagementAwaitingConsentCheck(
  organizationId: string,
  consultantId: string,
  today = organizationToday(organizationId),
) {
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
