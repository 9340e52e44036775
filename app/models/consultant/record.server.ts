// A consultant's record as staff keep it: the view (the legal name for those who may see it, every
// view audited), adding and editing a profile, and the status log from prospect to alumni.
import { and, desc, eq } from "drizzle-orm";
import { consultants, consultantStatusChanges, users, type ConsultantStatus } from "../../../db/schema";
import { db, type Executor } from "../../utils/db.server";
import { recordAudit } from "../../utils/audit.server";
import type { StaffProfileInput } from "../../utils/consultant-schema";
import { ROLE_TAGS } from "../../utils/consultant-options";
import { openConsultantFields, sealConsultantFields, sealedConsultantColumns } from "../consultant-fields.server";
import { ConflictError, NotFoundError, RuleError } from "../errors";
import { can } from "../permissions";
import { forgetDirectoryFilterOptions } from "./directory.server";
import { assertEmailFree, assertNotStale, changedFieldNames, selfColumns, type Actor } from "./shared.server";

// Staff see everything but the legal name, which only admins see.
const staffColumns = {
  ...selfColumns,
  preferredLanguage: consultants.preferredLanguage,
  expertise: consultants.expertise,
  ...sealedConsultantColumns("staffNotes"),
  userId: consultants.userId,
  createdAt: consultants.createdAt,
  erasedAt: consultants.erasedAt,
};

export type StaffConsultantView = Awaited<ReturnType<typeof getConsultantForStaff>>;

/** Who is looking decides what they see: the legal name is for admins only. */
function canSeeLegalName(actor: Actor) {
  return can(actor.role, "tax-details:read");
}

function findInOrganization(tx: Executor, organizationId: string, consultantId: string) {
  const row = tx
    .select({ ...staffColumns, ...sealedConsultantColumns("legalName") })
    .from(consultants)
    .where(and(eq(consultants.id, consultantId), eq(consultants.organizationId, organizationId)))
    .get();
  if (!row) throw new NotFoundError("staff:consultants.errors.notFound");
  return openConsultantFields(row, { organizationId, consultantId });
}

/** A consultant record for staff, with the view written to the audit log. */
export function getConsultantForStaff(args: { organizationId: string; consultantId: string; viewer: Actor }) {
  return db.transaction((tx) => {
    const { legalName, ...row } = findInOrganization(tx, args.organizationId, args.consultantId);
    recordAudit(tx, {
      actorUserId: args.viewer.userId,
      organizationId: args.organizationId,
      action: "consultant.viewed",
      subjectType: "consultant",
      subjectId: row.id,
    });
    return { ...row, legalName: canSeeLegalName(args.viewer) ? legalName : undefined };
  });
}

function splitExpertise(tags: string[]) {
  const known = new Set<string>(ROLE_TAGS);
  return { roleTags: tags.filter((t) => known.has(t)), otherExpertise: tags.filter((t) => !known.has(t)) };
}

export function expertiseForForm(tags: string[]) {
  const { roleTags, otherExpertise } = splitExpertise(tags);
  return { roleTags, otherExpertise: otherExpertise.join(", ") };
}

function staffValues(input: StaffProfileInput, actor: Actor) {
  const { roleTags, otherExpertise, legalName, ...rest } = input;
  const known = new Set<string>(ROLE_TAGS);
  const expertise = [...new Set([...roleTags.filter((t) => known.has(t)), ...otherExpertise])];
  return { ...rest, expertise, ...(canSeeLegalName(actor) ? { legalName } : {}) };
}

export const ERASED_RECORD_MESSAGE = "staff:consultants.errors.erased";

/** An erased record stays empty: nothing may be written back into it. */
function assertNotErased(current: { erasedAt: Date | null }) {
  if (current.erasedAt) throw new ConflictError(ERASED_RECORD_MESSAGE);
}

/**
 * Creates a consultant record. `creationKey` comes from the form: the same form submitted twice
 * returns the record the first submission made instead of a second one.
 */
export function createConsultant(args: {
  organizationId: string;
  actor: Actor;
  input: StaffProfileInput;
  creationKey: string;
}) {
  forgetDirectoryFilterOptions(args.organizationId);
  return db.transaction((tx) => {
    const existing = tx
      .select({ id: consultants.id })
      .from(consultants)
      .where(and(eq(consultants.organizationId, args.organizationId), eq(consultants.creationKey, args.creationKey)))
      .get();
    if (existing) return existing.id;
    const values = staffValues(args.input, args.actor);
    assertEmailFree(tx, args.organizationId, values.email);
    // The id is chosen here because it is part of what each sealed field is bound to.
    const id = crypto.randomUUID();
    const created = tx
      .insert(consultants)
      .values({
        ...sealConsultantFields(values, { organizationId: args.organizationId, consultantId: id }),
        id,
        organizationId: args.organizationId,
        createdByUserId: args.actor.userId,
        creationKey: args.creationKey,
      })
      .returning({ id: consultants.id, status: consultants.status })
      .get();
    tx.insert(consultantStatusChanges)
      .values({
        organizationId: args.organizationId,
        consultantId: created.id,
        fromStatus: null,
        toStatus: created.status,
        changedByUserId: args.actor.userId,
      })
      .run();
    recordAudit(tx, {
      actorUserId: args.actor.userId,
      organizationId: args.organizationId,
      action: "consultant.created",
      subjectType: "consultant",
      subjectId: created.id,
      changedFields: Object.keys(values).filter((k) => values[k as keyof typeof values] != null),
    });
    return created.id;
  });
}

export function updateConsultantProfile(args: {
  organizationId: string;
  consultantId: string;
  actor: Actor;
  input: StaffProfileInput;
  expectedVersion?: number;
}) {
  forgetDirectoryFilterOptions(args.organizationId);
  db.transaction((tx) => {
    const before = findInOrganization(tx, args.organizationId, args.consultantId);
    assertNotErased(before);
    assertNotStale(before, args.expectedVersion);
    const values = staffValues(args.input, args.actor);
    assertEmailFree(tx, args.organizationId, values.email, args.consultantId);
    const changed = changedFieldNames(before, values);
    if (changed.length === 0) return;
    tx.update(consultants)
      .set({ ...sealConsultantFields(values, args), updatedAt: new Date() })
      .where(eq(consultants.id, args.consultantId))
      .run();
    recordAudit(tx, {
      actorUserId: args.actor.userId,
      organizationId: args.organizationId,
      action: "consultant.updated",
      subjectType: "consultant",
      subjectId: args.consultantId,
      changedFields: changed,
    });
  });
}

export function changeConsultantStatus(args: {
  organizationId: string;
  consultantId: string;
  actor: Actor;
  status: ConsultantStatus;
  reason: string | null;
}) {
  db.transaction((tx) => {
    const before = findInOrganization(tx, args.organizationId, args.consultantId);
    assertNotErased(before);
    if (before.status === args.status) {
      throw new RuleError("status", "staff:consultants.errors.sameStatus");
    }
    tx.update(consultants)
      .set({ status: args.status, updatedAt: new Date() })
      .where(eq(consultants.id, args.consultantId))
      .run();
    tx.insert(consultantStatusChanges)
      .values({
        organizationId: args.organizationId,
        consultantId: args.consultantId,
        fromStatus: before.status,
        toStatus: args.status,
        reason: args.reason,
        changedByUserId: args.actor.userId,
      })
      .run();
    recordAudit(tx, {
      actorUserId: args.actor.userId,
      organizationId: args.organizationId,
      action: "consultant.status_changed",
      subjectType: "consultant",
      subjectId: args.consultantId,
      changedFields: ["status", ...(args.reason ? ["statusReason"] : [])],
    });
  });
}

export function listStatusChanges(organizationId: string, consultantId: string) {
  return db
    .select({
      id: consultantStatusChanges.id,
      fromStatus: consultantStatusChanges.fromStatus,
      toStatus: consultantStatusChanges.toStatus,
      reason: consultantStatusChanges.reason,
      changedAt: consultantStatusChanges.changedAt,
      changedByName: users.preferredName,
    })
    .from(consultantStatusChanges)
    .leftJoin(users, eq(users.id, consultantStatusChanges.changedByUserId))
    .where(
      and(
        eq(consultantStatusChanges.organizationId, organizationId),
        eq(consultantStatusChanges.consultantId, consultantId),
      ),
    )
    .orderBy(desc(consultantStatusChanges.changedAt))
    .all();
}
