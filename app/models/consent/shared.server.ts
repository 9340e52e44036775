// What the parts of consent share: reading the latest event of a consultant × purpose and what it
// means on a given day, the check that a consultant belongs to the organization, and flagging the
// uses a withdrawal or an expiry stops. Decisions, lapses, reads and the uses register all rest on these.
import { and, desc, eq, getTableName, inArray, isNull, sql } from "drizzle-orm";
import { consentEvents, consentUses, consultants, type CONSENT_METHODS, type NAME_CHOICES } from "../../../db/schema";
import { db, type Executor } from "../../utils/db.server";
import type { ConsentState } from "../../utils/consent-options";
import { ForbiddenError, NotFoundError } from "../errors";

export type Method = (typeof CONSENT_METHODS)[number];
export type NameChoice = (typeof NAME_CHOICES)[number];
export type ConsentEvent = typeof consentEvents.$inferSelect;

// Drizzle leaves columns unqualified in one-table queries; the correlated subqueries below need
// the outer table spelled out.
const outerEvents = (column: string) => sql.raw(`"${getTableName(consentEvents)}"."${column}"`);

/** The latest event of each consultant × purpose: rowid is the order events were written in. */
export const isLatestEvent = sql`${consentEvents}.rowid = (select max(e2.rowid) from ${consentEvents} e2
  where e2.consultant_id = ${outerEvents("consultant_id")} and e2.purpose_id = ${outerEvents("purpose_id")})`;

/**
 * What an event means on `today` (the organization's day): a grant past its expiry date no longer
 * holds. Without an event there is nothing to date, so no day is needed.
 */
export function effectiveState(event: null | undefined): "not_asked";
export function effectiveState(
  event: Pick<ConsentEvent, "kind" | "expiresOn"> | null | undefined,
  today: string,
): ConsentState;
export function effectiveState(
  event: Pick<ConsentEvent, "kind" | "expiresOn"> | null | undefined,
  today?: string,
): ConsentState {
  if (!event) return "not_asked";
  if (event.kind === "granted" && event.expiresOn && event.expiresOn <= today!) return "expired";
  return event.kind;
}

export function latestEvent(tx: Executor, consultantId: string, purposeId: string) {
  return tx
    .select()
    .from(consentEvents)
    .where(and(eq(consentEvents.consultantId, consultantId), eq(consentEvents.purposeId, purposeId)))
    .orderBy(desc(sql`${consentEvents}.rowid`))
    .limit(1)
    .get();
}

export function assertConsultant(
  tx: Executor,
  organizationId: string,
  consultantId: string,
  actor?: { kind: "consultant" | "staff"; userId: string },
) {
  const row = tx
    .select({ id: consultants.id, userId: consultants.userId })
    .from(consultants)
    .where(and(eq(consultants.id, consultantId), eq(consultants.organizationId, organizationId)))
    .get();
  if (!row) throw new NotFoundError("common:consentRules.consultantNotFound");
  // A consultant decides only about their own record, whatever a form says.
  if (actor?.kind === "consultant" && row.userId !== actor.userId) throw new ForbiddenError();
}

/** Flags the uses a withdrawal or expiry stops; they stay flagged until someone records what was done. */
export function flagActiveUses(
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

/** The latest event of each consultant × purpose in the organization (optionally some consultants). */
export function latestEvents(organizationId: string, consultantIds?: string | string[]) {
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

export function cellOf(event: ConsentEvent | undefined, today: string): ConsentCell {
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
