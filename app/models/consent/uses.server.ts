// The uses register: every use of a consultant's contribution (a quote in a report, a photo on the
// website), each resting on a current yes for its purpose or on an admin's written reason to go
// ahead without one, and the flags a withdrawal or an expiry raises until someone records what was done.
import { and, desc, eq, isNotNull, isNull } from "drizzle-orm";
import {
  consentEvents,
  consentUses,
  consultants,
  type CONSENT_USE_ACTIONS,
  type CONSENT_USE_STATUSES,
  type Role,
} from "../../../db/schema";
import { db, type Executor } from "../../utils/db.server";
import { recordAudit } from "../../utils/audit.server";
import { ConflictError, NotFoundError, RuleError } from "../errors";
import { can } from "../permissions";
import { organizationToday } from "../settings.server";
import { currentPurpose, listConsentPurposes } from "./purposes.server";
import { assertConsultant, effectiveState, latestEvent } from "./shared.server";
import { findActiveMembership } from "../membership.server";

type UseStatus = (typeof CONSENT_USE_STATUSES)[number];

/**
 * The note kept when a yes given again answers a flag: a catalog key, so the use's page shows it
 * in its reader's language (a note staff typed is shown as typed).
 */
export const GIVEN_AGAIN_NOTE = "staff:consentUses.givenAgainNote";
type UseAction = (typeof CONSENT_USE_ACTIONS)[number];

export type UseInput = {
  organizationId: string;
  /** The role decides whether a use may go ahead without consent ("consent-use:override"). */
  actor: { userId: string; role: Role };
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

type Refusal = { key: string; values: { purpose: string } };

/** Why there is no current yes, one sentence per state (the purpose's name goes in it). */
const NO_CONSENT = {
  not_asked: "staff:consentUses.errors.noConsent.notAsked",
  declined: "staff:consentUses.errors.noConsent.declined",
  withdrawn: "staff:consentUses.errors.noConsent.withdrawn",
  expired: "staff:consentUses.errors.noConsent.expired",
} as const;

/** The grant a use may rest on today, or a message saying why there is none. */
function currentGrant(
  tx: Executor,
  consultantId: string,
  purposeId: string,
  purposeLabel: string,
  today: string,
): { grant: NonNullable<ReturnType<typeof latestEvent>>; refusal: null } | { grant: null; refusal: Refusal } {
  const event = latestEvent(tx, consultantId, purposeId);
  const state = effectiveState(event, today);
  if (state === "granted") return { grant: event!, refusal: null };
  // The purpose's name is the organization's wording, not personal data.
  return { grant: null, refusal: { key: NO_CONSENT[state], values: { purpose: purposeLabel } } };
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
    const { grant, refusal } = currentGrant(
      tx,
      input.consultantId,
      purpose.id,
      purpose.label,
      organizationToday(input.organizationId),
    );
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

function checkOverride(
  input: { organizationId: string; actor: { userId: string }; overrideReason?: string | null },
  refusal: Refusal,
) {
  if (!input.overrideReason) throw new RuleError("purposeId", refusal.key, refusal.values);
  // The role is read from the person's own membership here, not taken from the caller.
  const role = findActiveMembership(input.actor.userId, input.organizationId)?.role;
  if (!role || !can(role, "consent-use:override")) {
    throw new RuleError("overrideReason", "staff:consentUses.errors.adminOnlyOverride");
  }
  return input.overrideReason;
}

function findUse(tx: Executor, organizationId: string, useId: string) {
  const use = tx
    .select()
    .from(consentUses)
    .where(and(eq(consentUses.id, useId), eq(consentUses.organizationId, organizationId)))
    .get();
  if (!use) throw new NotFoundError("staff:consentUses.errors.notFound");
  return use;
}

/**
 * Moves a use along: planned → published → ended. Publishing needs a current yes again (it may
 * have been withdrawn since it was planned), or an admin's override.
 */
export function changeConsentUseStatus(args: {
  organizationId: string;
  actor: { userId: string; role: Role };
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
      throw new RuleError("status", "staff:consentUses.errors.flagOpen");
    }
    if (use.status === "ended") throw new RuleError("status", "staff:consentUses.errors.ended");
    if (use.status === "published" && args.status === "planned") {
      throw new RuleError("status", "staff:consentUses.errors.noBackToPlanned");
    }
    const set: Partial<typeof consentUses.$inferInsert> = { status: args.status, updatedAt: new Date() };
    if (args.status === "published") {
      const purpose = currentPurpose(tx, args.organizationId, use.purposeId);
      const { grant, refusal } = currentGrant(
        tx,
        use.consultantId,
        use.purposeId,
        purpose.label,
        organizationToday(args.organizationId),
      );
      if (grant) {
        set.basisEventId = grant.id;
        // The consultant said yes again after the flag: that answers it.
        if (flagOpen) {
          Object.assign(set, {
            actionTaken: "other",
            actionNote: GIVEN_AGAIN_NOTE,
            actionAt: new Date(),
            actionByUserId: args.actor.userId,
          });
        }
      } else if (flagOpen) {
        throw new RuleError("status", "staff:consentUses.errors.flagOpen");
      } else {
        set.overrideReason = checkOverride(
          { organizationId: args.organizationId, actor: args.actor, overrideReason: args.overrideReason },
          refusal!,
        );
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
    if (!use.flaggedAt) throw new RuleError("actionTaken", "staff:consentUses.errors.notFlagged");
    if (use.actionAt) return; // Already recorded (a resent form).
    if (args.actionTaken === "other" && !args.actionNote) {
      throw new RuleError("actionNote", "staff:consentUses.errors.writeWhatWasDone");
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
