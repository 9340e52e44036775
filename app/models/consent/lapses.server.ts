// Consent ending without a new choice: a yes reaching its end date (recorded by the background
// sweep, never by a page), and every consent in force withdrawn when a consultant asks to be
// forgotten. Both write events, as a choice does, and flag the uses they stop.
import { and, eq, isNotNull, lte } from "drizzle-orm";
import { consentEvents, consentPurposes, organizations } from "../../../db/schema";
import { db, type Executor } from "../../utils/db.server";
import { recordAudit } from "../../utils/audit.server";
import { organizationToday } from "../settings.server";
import { auditField, ensureDefaultConsentPurposes } from "./purposes.server";
import { effectiveState, flagActiveUses, isLatestEvent, latestEvent } from "./shared.server";

/**
 * Writes an "expired" event for every grant of the organization whose end date has come, and flags
 * its uses. Run by sweepConsents, never by a page: pages read a grant past its end date as expired
 * already (effectiveState), so nothing waits on it but the history and the flags.
 */
export function recordLapsedConsents(organizationId: string, today: string = organizationToday(organizationId)) {
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
          // The words that ended are the grant's, in the language it was given in.
          language: grant.language,
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

/**
 * Consent upkeep for every organization, run by the server at start-up and every minute (see
 * startBackgroundJobs), because reading a page must never write: gives an organization made before
 * a default purpose existed that purpose, and records the expiries that have fallen due, each on
 * the organization's own day unless `today` is given. Returns how many expiries it recorded.
 */
export function sweepConsents(today?: string) {
  let recorded = 0;
  for (const { id } of db.select({ id: organizations.id }).from(organizations).all()) {
    db.transaction((tx) => ensureDefaultConsentPurposes(tx, id));
    recorded += recordLapsedConsents(id, today ?? organizationToday(id));
  }
  return recorded;
}

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
  const today = args.today ?? organizationToday(args.organizationId);
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
        language: latest.language,
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
