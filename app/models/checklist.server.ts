// The onboarding checklist: the steps an organization asks of every new consultant (edited by admins),
// and each consultant's progress through them, ticked by staff or by the product itself.
import { and, asc, eq, getTableName, isNull, max, sql } from "drizzle-orm";
import { checklistItems, consultantChecklistEntries, consultants, users } from "../../db/schema";
import { db, type Executor } from "../utils/db.server";
import { recordAudit } from "../utils/audit.server";
import { ConflictError, NotFoundError } from "./errors";
import { assertMemberCan } from "./membership.server";
import {
  changedLabelFields,
  labelTranslations,
  localizedLabel,
  type LabelTranslationsInput,
} from "./label-words.server";
import { DEFAULT_LANGUAGE, type Language } from "~/i18n/config";

export const DEFAULT_CHECKLIST: { label: string; systemKey?: string }[] = [
  { label: "Agreement signed" },
  { label: "Tax form (W-9) received", systemKey: "w9" },
  { label: "Payment method on file" },
  { label: "Orientation completed" },
  { label: "Consent choices reviewed" },
  { label: "Portal account created", systemKey: "portal_account" },
];

/** Gives an organization the default onboarding steps, once. Safe to call again. */
export function ensureDefaultChecklist(tx: Executor, organizationId: string) {
  const existing = tx
    .select({ id: checklistItems.id })
    .from(checklistItems)
    .where(eq(checklistItems.organizationId, organizationId))
    .limit(1)
    .get();
  if (existing) return;
  tx.insert(checklistItems)
    .values(DEFAULT_CHECKLIST.map((item, position) => ({ organizationId, position, ...item })))
    .run();
}

export function listChecklistItems(organizationId: string, options: { includeArchived?: boolean } = {}) {
  return db
    .select({
      id: checklistItems.id,
      label: checklistItems.label,
      translations: checklistItems.translations,
      position: checklistItems.position,
      systemKey: checklistItems.systemKey,
      archivedAt: checklistItems.archivedAt,
    })
    .from(checklistItems)
    .where(
      and(
        eq(checklistItems.organizationId, organizationId),
        options.includeArchived ? undefined : isNull(checklistItems.archivedAt),
      ),
    )
    .orderBy(asc(checklistItems.archivedAt), asc(checklistItems.position))
    .all();
}

/**
 * One consultant's checklist: every current step, done or not, with who did it and when. Each step is
 * named in `language` where the organization wrote it (`labelFallback` when it is in English instead).
 */
export function consultantChecklist(
  organizationId: string,
  consultantId: string,
  language: Language = DEFAULT_LANGUAGE,
) {
  return db
    .select({
      itemId: checklistItems.id,
      label: checklistItems.label,
      translations: checklistItems.translations,
      doneAt: consultantChecklistEntries.doneAt,
      doneByName: users.preferredName,
      note: consultantChecklistEntries.note,
    })
    .from(checklistItems)
    .leftJoin(
      consultantChecklistEntries,
      and(
        eq(consultantChecklistEntries.itemId, checklistItems.id),
        eq(consultantChecklistEntries.consultantId, consultantId),
      ),
    )
    .leftJoin(users, eq(users.id, consultantChecklistEntries.doneByUserId))
    .where(and(eq(checklistItems.organizationId, organizationId), isNull(checklistItems.archivedAt)))
    .orderBy(asc(checklistItems.position))
    .all()
    .map(({ translations, label, ...step }) => {
      const shown = localizedLabel(label, translations, language);
      return { ...step, label: shown.label, labelFallback: shown.fallback };
    });
}

export function checklistProgress(items: { doneAt: Date | null }[]) {
  const done = items.filter((i) => i.doneAt).length;
  return { done, total: items.length };
}

function assertItemOfOrganization(tx: Executor, organizationId: string, itemId: string) {
  const item = tx
    .select({ id: checklistItems.id })
    .from(checklistItems)
    .where(
      and(
        eq(checklistItems.id, itemId),
        eq(checklistItems.organizationId, organizationId),
        isNull(checklistItems.archivedAt),
      ),
    )
    .get();
  if (!item) throw new NotFoundError("staff:consultants.errors.stepNotFound");
}

function assertConsultantOfOrganization(tx: Executor, organizationId: string, consultantId: string) {
  const row = tx
    .select({ id: consultants.id, erasedAt: consultants.erasedAt })
    .from(consultants)
    .where(and(eq(consultants.id, consultantId), eq(consultants.organizationId, organizationId)))
    .get();
  if (!row) throw new NotFoundError("staff:consultants.errors.notFound");
  // An erased record's checklist notes were deleted; nothing is written back.
  if (row.erasedAt) throw new ConflictError("staff:consultants.errors.erased");
}

/** Marks a step done (or not done), with an optional note; the same request twice changes nothing more. */
export function setChecklistStep(
  tx: Executor,
  args: {
    organizationId: string;
    consultantId: string;
    itemId: string;
    actorUserId: string;
    done: boolean;
    note?: string | null;
  },
) {
  assertConsultantOfOrganization(tx, args.organizationId, args.consultantId);
  assertItemOfOrganization(tx, args.organizationId, args.itemId);
  const now = new Date();
  const values = {
    doneAt: args.done ? now : null,
    doneByUserId: args.done ? args.actorUserId : null,
    note: args.note ?? null,
    updatedAt: now,
  };
  const entry = consultantChecklistEntries;
  tx.insert(entry)
    .values({ organizationId: args.organizationId, consultantId: args.consultantId, itemId: args.itemId, ...values })
    .onConflictDoUpdate({
      target: [entry.consultantId, entry.itemId],
      // Ticking a step that is already done (a resent form, a colleague's old page) keeps who
      // did it and when; a note is kept unless a new one is given.
      set: {
        doneAt: args.done ? sql`coalesce(${entry.doneAt}, excluded.done_at)` : null,
        doneByUserId: args.done ? sql`coalesce(${entry.doneByUserId}, excluded.done_by_user_id)` : null,
        note: args.note ? args.note : sql`${entry.note}`,
        updatedAt: now,
      },
    })
    .run();
  recordAudit(tx, {
    actorUserId: args.actorUserId,
    organizationId: args.organizationId,
    action: args.done ? "consultant.checklist_done" : "consultant.checklist_undone",
    subjectType: "consultant",
    subjectId: args.consultantId,
    changedFields: ["checklist", ...(args.note ? ["checklistNote"] : [])],
  });
}

export function updateChecklistStep(args: {
  organizationId: string;
  consultantId: string;
  itemId: string;
  actorUserId: string;
  done: boolean;
  note?: string | null;
}) {
  db.transaction((tx) => setChecklistStep(tx, args));
}

/** Ticks a step the product itself completes, such as "Portal account created". */
export function completeSystemStep(
  tx: Executor,
  args: { organizationId: string; consultantId: string; systemKey: string; actorUserId: string },
) {
  const item = tx
    .select({ id: checklistItems.id })
    .from(checklistItems)
    .where(
      and(
        eq(checklistItems.organizationId, args.organizationId),
        eq(checklistItems.systemKey, args.systemKey),
        isNull(checklistItems.archivedAt),
      ),
    )
    .get();
  if (!item) return;
  setChecklistStep(tx, { ...args, itemId: item.id, done: true });
}

// --- The admin's checklist editor ---------------------------------------------------------

const CHECKLIST_FIELDS_CHANGED: Record<string, string[]> = {
  "checklist.item_added": ["label", "position"],
  "checklist.item_renamed": ["label"],
  "checklist.item_archived": ["archivedAt"],
  "checklist.item_moved": ["position"],
};

function auditChecklist(
  tx: Executor,
  organizationId: string,
  actorUserId: string,
  action: string,
  itemId: string,
  changedFields = CHECKLIST_FIELDS_CHANGED[action] ?? [],
) {
  recordAudit(tx, {
    actorUserId,
    organizationId,
    action,
    subjectType: "checklist_item",
    subjectId: itemId,
    changedFields,
  });
}

/** Adds a step, named in English and in any other language given (`translations`, from the form). */
export function addChecklistItem(args: {
  organizationId: string;
  actorUserId: string;
  label: string;
  translations?: LabelTranslationsInput;
}) {
  assertMemberCan(args.organizationId, args.actorUserId, "settings:manage");
  const translations = labelTranslations(args.translations);
  db.transaction((tx) => {
    const last = tx
      .select({ position: max(checklistItems.position) })
      .from(checklistItems)
      .where(eq(checklistItems.organizationId, args.organizationId))
      .get();
    const item = tx
      .insert(checklistItems)
      .values({
        organizationId: args.organizationId,
        label: args.label,
        translations,
        position: (last?.position ?? -1) + 1,
      })
      .returning({ id: checklistItems.id })
      .get();
    auditChecklist(tx, args.organizationId, args.actorUserId, "checklist.item_added", item.id, [
      ...CHECKLIST_FIELDS_CHANGED["checklist.item_added"]!,
      ...Object.keys(translations).map((l) => `translations.${l}`),
    ]);
  });
}

/**
 * Renames a step. With `translations` (the form's other-language names, empty ones included) those
 * are replaced too; without, they are left as they are.
 */
export function renameChecklistItem(args: {
  organizationId: string;
  actorUserId: string;
  itemId: string;
  label: string;
  translations?: LabelTranslationsInput;
}) {
  assertMemberCan(args.organizationId, args.actorUserId, "settings:manage");
  db.transaction((tx) => {
    assertItemOfOrganization(tx, args.organizationId, args.itemId);
    const before = tx
      .select({ label: checklistItems.label, translations: checklistItems.translations })
      .from(checklistItems)
      .where(eq(checklistItems.id, args.itemId))
      .get()!;
    const after = {
      label: args.label,
      translations: args.translations === undefined ? before.translations : labelTranslations(args.translations),
    };
    const changed = changedLabelFields(before, after);
    tx.update(checklistItems).set(after).where(eq(checklistItems.id, args.itemId)).run();
    // A resent form changes nothing, but is still on record as the rename it was meant to be.
    auditChecklist(
      tx,
      args.organizationId,
      args.actorUserId,
      "checklist.item_renamed",
      args.itemId,
      changed.length ? changed : ["label"],
    );
  });
}

export function archiveChecklistItem(args: { organizationId: string; actorUserId: string; itemId: string }) {
  assertMemberCan(args.organizationId, args.actorUserId, "settings:manage");
  db.transaction((tx) => {
    assertItemOfOrganization(tx, args.organizationId, args.itemId);
    tx.update(checklistItems).set({ archivedAt: new Date() }).where(eq(checklistItems.id, args.itemId)).run();
    auditChecklist(tx, args.organizationId, args.actorUserId, "checklist.item_archived", args.itemId);
  });
}

/** Swaps a step with its neighbour above or below. */
export function moveChecklistItem(args: {
  organizationId: string;
  actorUserId: string;
  itemId: string;
  direction: "up" | "down";
}) {
  assertMemberCan(args.organizationId, args.actorUserId, "settings:manage");
  db.transaction((tx) => {
    assertItemOfOrganization(tx, args.organizationId, args.itemId);
    const items = tx
      .select({ id: checklistItems.id, position: checklistItems.position })
      .from(checklistItems)
      .where(and(eq(checklistItems.organizationId, args.organizationId), isNull(checklistItems.archivedAt)))
      .orderBy(asc(checklistItems.position))
      .all();
    const index = items.findIndex((i) => i.id === args.itemId);
    const other = items[args.direction === "up" ? index - 1 : index + 1];
    const current = items[index]!;
    if (!other) return;
    tx.update(checklistItems).set({ position: other.position }).where(eq(checklistItems.id, current.id)).run();
    tx.update(checklistItems).set({ position: current.position }).where(eq(checklistItems.id, other.id)).run();
    auditChecklist(tx, args.organizationId, args.actorUserId, "checklist.item_moved", args.itemId);
  });
}

/** SQL for "how many current steps this consultant has done", for lists and filters. */
export function doneStepsSql() {
  // Spelled out: Drizzle leaves columns unqualified in one-table queries, and a bare "id" here
  // would be ambiguous inside the subquery.
  return sql<number>`(select count(*) from ${consultantChecklistEntries} e join ${checklistItems} i on i.id = e.item_id
    where e.consultant_id = ${sql.raw(`"${getTableName(consultants)}"."id"`)} and e.done_at is not null and i.archived_at is null)`;
}

export function countActiveSteps(organizationId: string) {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(checklistItems)
      .where(and(eq(checklistItems.organizationId, organizationId), isNull(checklistItems.archivedAt)))
      .get()?.n ?? 0
  );
}
