// The activity types offered for each stage on the engagement form, edited by admins; a removed one
// stays on the engagements that use it.
import { and, asc, eq, getTableName, isNull, or, sql } from "drizzle-orm";
import { activityTypes, engagements, type Stage } from "../../db/schema";
import { db, type Executor } from "../utils/db.server";
import { recordAudit } from "../utils/audit.server";
import { DEFAULT_ACTIVITY_TYPES } from "../utils/engagement-options";
import { NotFoundError } from "./errors";
import { assertMemberCan } from "./membership.server";

/** Gives an organization the usual activities of each stage. Safe to call again. */
export function ensureDefaultActivityTypes(tx: Executor, organizationId: string) {
  const rows = Object.entries(DEFAULT_ACTIVITY_TYPES).flatMap(([stage, labels]) =>
    labels.map((label) => ({ organizationId, stage: stage as Stage, label })),
  );
  tx.insert(activityTypes).values(rows).onConflictDoNothing().run();
}

/** The activities offered on the engagement form; `alsoId` keeps one that was since removed. */
export function listActivityTypes(organizationId: string, options: { alsoId?: string | null } = {}) {
  return db
    .select({ id: activityTypes.id, stage: activityTypes.stage, label: activityTypes.label })
    .from(activityTypes)
    .where(
      and(
        eq(activityTypes.organizationId, organizationId),
        or(isNull(activityTypes.archivedAt), options.alsoId ? eq(activityTypes.id, options.alsoId) : undefined),
      ),
    )
    .orderBy(asc(activityTypes.stage), asc(activityTypes.label))
    .all();
}

/** Every activity of the organization, removed ones too, with how many engagements use each. */
export function listActivityTypesForSettings(organizationId: string) {
  return db
    .select({
      id: activityTypes.id,
      stage: activityTypes.stage,
      label: activityTypes.label,
      archivedAt: activityTypes.archivedAt,
      // Spelled out: Drizzle leaves columns unqualified in one-table queries, and a bare "id"
      // inside the subquery would mean the engagement's.
      engagementCount: sql<number>`(select count(*) from ${engagements} e
        where e.activity_type_id = ${sql.raw(`"${getTableName(activityTypes)}"."id"`)})`,
    })
    .from(activityTypes)
    .where(eq(activityTypes.organizationId, organizationId))
    .orderBy(asc(activityTypes.stage), asc(activityTypes.label))
    .all();
}

function audit(tx: Executor, organizationId: string, actorUserId: string, action: string, id: string) {
  recordAudit(tx, {
    actorUserId,
    organizationId,
    action,
    subjectType: "activity_type",
    subjectId: id,
    changedFields: action === "activity_type.added" ? ["stage", "label"] : ["archivedAt"],
  });
}

/**
 * Adds an activity to a stage. Adding one that was removed brings it back; adding one that is
 * already offered (a resent form) changes nothing. Labels differing only in case are the same.
 */
export function addActivityType(args: { organizationId: string; actorUserId: string; stage: Stage; label: string }) {
  assertMemberCan(args.organizationId, args.actorUserId, "settings:manage");
  return db.transaction((tx) => {
    const existing = tx
      .select({ id: activityTypes.id, archivedAt: activityTypes.archivedAt })
      .from(activityTypes)
      .where(
        and(
          eq(activityTypes.organizationId, args.organizationId),
          eq(activityTypes.stage, args.stage),
          sql`lower(${activityTypes.label}) = lower(${args.label})`,
        ),
      )
      .get();
    if (existing) {
      if (!existing.archivedAt) return { id: existing.id, outcome: "exists" as const };
      tx.update(activityTypes).set({ archivedAt: null }).where(eq(activityTypes.id, existing.id)).run();
      audit(tx, args.organizationId, args.actorUserId, "activity_type.restored", existing.id);
      return { id: existing.id, outcome: "restored" as const };
    }
    const created = tx
      .insert(activityTypes)
      .values({ organizationId: args.organizationId, stage: args.stage, label: args.label })
      .returning({ id: activityTypes.id })
      .get();
    audit(tx, args.organizationId, args.actorUserId, "activity_type.added", created.id);
    return { id: created.id, outcome: "added" as const };
  });
}

function findActivityType(tx: Executor, organizationId: string, id: string) {
  const row = tx
    .select({ id: activityTypes.id, archivedAt: activityTypes.archivedAt })
    .from(activityTypes)
    .where(and(eq(activityTypes.id, id), eq(activityTypes.organizationId, organizationId)))
    .get();
  if (!row) throw new NotFoundError("staff:engagements.errors.activityNotFound");
  return row;
}

/** Stops offering an activity; engagements that already have it keep it. */
export function archiveActivityType(args: { organizationId: string; actorUserId: string; activityTypeId: string }) {
  assertMemberCan(args.organizationId, args.actorUserId, "settings:manage");
  db.transaction((tx) => {
    const row = findActivityType(tx, args.organizationId, args.activityTypeId);
    if (row.archivedAt) return;
    tx.update(activityTypes).set({ archivedAt: new Date() }).where(eq(activityTypes.id, row.id)).run();
    audit(tx, args.organizationId, args.actorUserId, "activity_type.archived", row.id);
  });
}

export function restoreActivityType(args: { organizationId: string; actorUserId: string; activityTypeId: string }) {
  assertMemberCan(args.organizationId, args.actorUserId, "settings:manage");
  db.transaction((tx) => {
    const row = findActivityType(tx, args.organizationId, args.activityTypeId);
    if (!row.archivedAt) return;
    tx.update(activityTypes).set({ archivedAt: null }).where(eq(activityTypes.id, row.id)).run();
    audit(tx, args.organizationId, args.actorUserId, "activity_type.restored", row.id);
  });
}
