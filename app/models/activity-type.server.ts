// The activity types offered for each stage on the engagement form, edited by admins; a removed one
// stays on the engagements that use it.
import { and, asc, eq, getTableName, isNull, or, sql } from "drizzle-orm";
import { activityTypes, engagements, type Stage, type Translations } from "../../db/schema";
import { db, type Executor } from "../utils/db.server";
import { recordAudit } from "../utils/audit.server";
import { DEFAULT_ACTIVITY_TYPES } from "../utils/engagement-options";
import { NotFoundError } from "./errors";
import { assertMemberCan } from "./membership.server";
import {
  changedLabelFields,
  labelTranslations,
  localizedLabel,
  type LabelTranslationsInput,
} from "./label-words.server";
import { DEFAULT_LANGUAGE, type Language } from "~/i18n/config";

/** Gives an organization the usual activities of each stage. Safe to call again. */
export function ensureDefaultActivityTypes(tx: Executor, organizationId: string) {
  const rows = Object.entries(DEFAULT_ACTIVITY_TYPES).flatMap(([stage, labels]) =>
    labels.map((label) => ({ organizationId, stage: stage as Stage, label })),
  );
  tx.insert(activityTypes).values(rows).onConflictDoNothing().run();
}

/**
 * The activities offered on the engagement form; `alsoId` keeps one that was since removed. Each is
 * named in `language` where the organization wrote it, else in English.
 */
export function listActivityTypes(
  organizationId: string,
  options: { alsoId?: string | null; language?: Language } = {},
) {
  return db
    .select({
      id: activityTypes.id,
      stage: activityTypes.stage,
      label: activityTypes.label,
      translations: activityTypes.translations,
    })
    .from(activityTypes)
    .where(
      and(
        eq(activityTypes.organizationId, organizationId),
        or(isNull(activityTypes.archivedAt), options.alsoId ? eq(activityTypes.id, options.alsoId) : undefined),
      ),
    )
    .orderBy(asc(activityTypes.stage), asc(activityTypes.label))
    .all()
    .map(({ translations, ...a }) => ({
      ...a,
      label: localizedLabel(a.label, translations, options.language ?? DEFAULT_LANGUAGE).label,
    }));
}

/** The name of an activity in `language` where written (`fallback` when it is in English instead). */
export function activityLabelIn(activityTypeId: string | null, language: Language = DEFAULT_LANGUAGE) {
  if (!activityTypeId) return null;
  const row = db
    .select({ label: activityTypes.label, translations: activityTypes.translations })
    .from(activityTypes)
    .where(eq(activityTypes.id, activityTypeId))
    .get();
  return row ? localizedLabel(row.label, row.translations, language) : null;
}

/** Every activity of the organization, removed ones too, with how many engagements use each. */
export function listActivityTypesForSettings(organizationId: string) {
  return db
    .select({
      id: activityTypes.id,
      stage: activityTypes.stage,
      label: activityTypes.label,
      translations: activityTypes.translations,
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

function audit(
  tx: Executor,
  organizationId: string,
  actorUserId: string,
  action: string,
  id: string,
  changedFields = action === "activity_type.added" ? ["stage", "label"] : ["archivedAt"],
) {
  recordAudit(tx, { actorUserId, organizationId, action, subjectType: "activity_type", subjectId: id, changedFields });
}

/** Replaces an activity's names in other languages when they differ; audited as its words changing. */
function setTranslations(
  tx: Executor,
  scope: { organizationId: string; actorUserId: string },
  row: { id: string; label: string; translations: Translations },
  translations: Translations,
) {
  const changed = changedLabelFields(row, { label: row.label, translations });
  if (changed.length === 0) return false;
  tx.update(activityTypes).set({ translations }).where(eq(activityTypes.id, row.id)).run();
  audit(tx, scope.organizationId, scope.actorUserId, "activity_type.translated", row.id, changed);
  return true;
}

/**
 * Adds an activity to a stage, named in English and in any other language given. Adding one that was
 * removed brings it back; adding one that is already offered (a resent form) changes nothing but the
 * other languages' names, when given. Labels differing only in case are the same.
 */
export function addActivityType(args: {
  organizationId: string;
  actorUserId: string;
  stage: Stage;
  label: string;
  translations?: LabelTranslationsInput;
}) {
  assertMemberCan(args.organizationId, args.actorUserId, "settings:manage");
  const translations = labelTranslations(args.translations);
  return db.transaction((tx) => {
    const existing = tx
      .select({
        id: activityTypes.id,
        label: activityTypes.label,
        translations: activityTypes.translations,
        archivedAt: activityTypes.archivedAt,
      })
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
      // Names left empty here keep the ones already written.
      if (Object.keys(translations).length > 0) {
        setTranslations(tx, args, existing, { ...existing.translations, ...translations });
      }
      if (!existing.archivedAt) return { id: existing.id, outcome: "exists" as const };
      tx.update(activityTypes).set({ archivedAt: null }).where(eq(activityTypes.id, existing.id)).run();
      audit(tx, args.organizationId, args.actorUserId, "activity_type.restored", existing.id);
      return { id: existing.id, outcome: "restored" as const };
    }
    const created = tx
      .insert(activityTypes)
      .values({ organizationId: args.organizationId, stage: args.stage, label: args.label, translations })
      .returning({ id: activityTypes.id })
      .get();
    audit(tx, args.organizationId, args.actorUserId, "activity_type.added", created.id, [
      "stage",
      "label",
      ...Object.keys(translations).map((l) => `translations.${l}`),
    ]);
    return { id: created.id, outcome: "added" as const };
  });
}

function findActivityType(tx: Executor, organizationId: string, id: string) {
  const row = tx
    .select({
      id: activityTypes.id,
      label: activityTypes.label,
      translations: activityTypes.translations,
      archivedAt: activityTypes.archivedAt,
    })
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

/**
 * Names an activity in the other languages (the form's names, empty ones included: an emptied name is
 * removed). Its English name stays: engagements and reports know it by that. Says whether anything changed.
 */
export function translateActivityType(args: {
  organizationId: string;
  actorUserId: string;
  activityTypeId: string;
  translations: LabelTranslationsInput;
}) {
  assertMemberCan(args.organizationId, args.actorUserId, "settings:manage");
  return db.transaction((tx) => {
    const row = findActivityType(tx, args.organizationId, args.activityTypeId);
    return setTranslations(tx, args, row, labelTranslations(args.translations));
  });
}
