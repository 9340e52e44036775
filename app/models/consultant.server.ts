import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { consultants, consultantStatusChanges, users, type ConsultantStatus, type Role } from "../../db/schema";
import { db, type Executor } from "../utils/db.server";
import { recordAudit } from "../utils/audit.server";
import { cachedFigures, forgetFigures } from "../utils/figures-cache.server";
import type { SelfProfileInput, StaffProfileInput } from "../utils/consultant-schema";
import { ROLE_TAGS, type DirectorySort, type ProgressFilter } from "../utils/consultant-options";
import { consultantChecklist, countActiveSteps, doneStepsSql } from "./checklist.server";
import { openConsultantFields, sealConsultantFields, sealedConsultantColumns } from "./consultant-fields.server";
import { ConflictError, NotFoundError, RuleError } from "./errors";
import { NO_PROFILE_MESSAGE } from "./own-consultant.server";
import { can } from "./permissions";

/** A rule about the input was broken; `field` says which form field to show it next to. */
type Actor = { userId: string; role: Role };

// What the consultant may see and change about themselves in the portal.
const selfColumns = {
  id: consultants.id,
  status: consultants.status,
  preferredName: consultants.preferredName,
  pronouns: consultants.pronouns,
  email: consultants.email,
  preferredChannel: consultants.preferredChannel,
  emailSafety: consultants.emailSafety,
  phoneSafety: consultants.phoneSafety,
  textSafety: consultants.textSafety,
  mailSafety: consultants.mailSafety,
  languages: consultants.languages,
  location: consultants.location,
  availability: consultants.availability,
  interpreterLanguage: consultants.interpreterLanguage,
  needsChildcare: consultants.needsChildcare,
  needsTransport: consultants.needsTransport,
  paymentMethod: consultants.paymentMethod,
  wantsBenefitsNote: consultants.wantsBenefitsNote,
  updatedAt: consultants.updatedAt,
  ...sealedConsultantColumns("phone", "accessNeeds", "supportPerson"),
};

// Staff see everything but the legal name, which only admins see.
const staffColumns = {
  ...selfColumns,
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
  if (!row) throw new NotFoundError("We could not find that consultant.");
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

function assertEmailFree(tx: Executor, organizationId: string, email: string | null, exceptId?: string) {
  if (!email) return;
  const taken = tx
    .select({ id: consultants.id })
    .from(consultants)
    .where(and(eq(consultants.organizationId, organizationId), eq(consultants.email, email)))
    .get();
  if (taken && taken.id !== exceptId) {
    throw new RuleError("email", "Another consultant in this organization already has this email address.");
  }
}

export const STALE_FORM_MESSAGE =
  "Someone changed this profile while you were editing. Your answers are still below: check them and save again.";

export const ERASED_RECORD_MESSAGE =
  "This record was closed at the consultant's request. Its details were deleted and cannot be added again.";

/** An erased record stays empty: nothing may be written back into it. */
function assertNotErased(current: { erasedAt: Date | null }) {
  if (current.erasedAt) throw new ConflictError(ERASED_RECORD_MESSAGE);
}

function assertNotStale(current: { updatedAt: Date }, expectedVersion: number | undefined) {
  if (expectedVersion !== undefined && current.updatedAt.getTime() !== expectedVersion) {
    throw new RuleError("", STALE_FORM_MESSAGE);
  }
}

function changedFieldNames(before: Record<string, unknown>, after: Record<string, unknown>) {
  return Object.keys(after).filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null));
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
      throw new RuleError("status", "That is already the current status.");
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

// --- Directory ---------------------------------------------------------------------------

export const DIRECTORY_PAGE_SIZE = 25;

export type DirectoryQuery = {
  q?: string;
  status?: ConsultantStatus;
  expertise?: string;
  language?: string;
  progress?: ProgressFilter;
  sort: DirectorySort;
  page: number;
};

/** SQLite LIKE with the user's own % and _ taken literally. */
function containsPattern(term: string) {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function searchConsultants(organizationId: string, query: DirectoryQuery) {
  const total = countActiveSteps(organizationId);
  const done = doneStepsSql();
  const conditions: (SQL | undefined)[] = [eq(consultants.organizationId, organizationId)];
  if (query.q) conditions.push(sql`${consultants.preferredName} like ${containsPattern(query.q)} escape '\\'`);
  if (query.status) conditions.push(eq(consultants.status, query.status));
  if (query.expertise) {
    conditions.push(sql`exists (select 1 from json_each(${consultants.expertise}) where value = ${query.expertise})`);
  }
  if (query.language) {
    conditions.push(
      sql`exists (select 1 from json_each(${consultants.languages}) where lower(value) = lower(${query.language}))`,
    );
  }
  if (query.progress === "not-started") conditions.push(sql`${done} = 0`);
  if (query.progress === "in-progress") conditions.push(sql`${done} > 0 and ${done} < ${total}`);
  if (query.progress === "complete") conditions.push(sql`${done} >= ${total}`);
  const where = and(...conditions);

  const order = {
    name: [sql`${consultants.preferredName} collate nocase`],
    status: [
      sql`case ${consultants.status} when 'prospect' then 0 when 'onboarding' then 1 when 'active' then 2 when 'paused' then 3 else 4 end`,
      sql`${consultants.preferredName} collate nocase`,
    ],
    progress: [sql`${done} desc`, sql`${consultants.preferredName} collate nocase`],
    updated: [desc(consultants.updatedAt)],
  }[query.sort];
  // A unique last key, so that equal names or times never make pages repeat or skip a record.
  order.push(asc(consultants.id));

  const rows = db
    .select({
      id: consultants.id,
      preferredName: consultants.preferredName,
      pronouns: consultants.pronouns,
      status: consultants.status,
      languages: consultants.languages,
      expertise: consultants.expertise,
      hasPortalAccount: sql<boolean>`${consultants.userId} is not null`.mapWith(Boolean),
      doneSteps: done,
    })
    .from(consultants)
    .where(where)
    .orderBy(...order)
    .limit(DIRECTORY_PAGE_SIZE)
    .offset((query.page - 1) * DIRECTORY_PAGE_SIZE)
    .all();
  const count =
    db
      .select({ n: sql<number>`count(*)` })
      .from(consultants)
      .where(where)
      .get()?.n ?? 0;
  return { rows, count, totalSteps: total, pageCount: Math.max(1, Math.ceil(count / DIRECTORY_PAGE_SIZE)) };
}

const filterOptionsKey = (organizationId: string) => `${organizationId}:directory-filter-options`;

/**
 * The directory's filter menus, kept for a minute per organization: working them out reads every
 * consultant's tags and languages, and every search asks again. Adding, editing or erasing a
 * consultant forgets them (forgetDirectoryFilterOptions), so a new tag is offered at once.
 */
export function cachedDirectoryFilterOptions(organizationId: string) {
  return cachedFigures(filterOptionsKey(organizationId), () => directoryFilterOptions(organizationId)).value;
}

export function forgetDirectoryFilterOptions(organizationId: string) {
  forgetFigures(filterOptionsKey(organizationId));
}

/** The expertise tags and languages in use, for the directory's filter menus. */
export function directoryFilterOptions(organizationId: string) {
  const distinct = (column: typeof consultants.expertise | typeof consultants.languages) =>
    db
      .all<{ value: string }>(
        // One entry for "Tigrinya" and "tigrinya": the filter itself ignores case.
        sql`select min(j.value) as value from ${consultants}, json_each(${column}) j
            where ${consultants.organizationId} = ${organizationId}
            group by lower(j.value) order by lower(j.value)`,
      )
      .map((r) => r.value);
  return { expertise: distinct(consultants.expertise), languages: distinct(consultants.languages) };
}

export function hasAnyConsultant(organizationId: string) {
  return Boolean(
    db.select({ id: consultants.id }).from(consultants).where(eq(consultants.organizationId, organizationId)).get(),
  );
}

// --- The consultant's own record ---------------------------------------------------------

function selectOwn(tx: Executor, organizationId: string, userId: string) {
  const row = tx
    .select(selfColumns)
    .from(consultants)
    .where(and(eq(consultants.organizationId, organizationId), eq(consultants.userId, userId)))
    .get();
  return row && openConsultantFields(row, { organizationId, consultantId: row.id });
}

/** The consultant record of the signed-in person in their active organization. */
export function findOwnConsultant(organizationId: string, userId: string) {
  return selectOwn(db, organizationId, userId);
}

export function requireOwnConsultant(organizationId: string, userId: string) {
  const own = findOwnConsultant(organizationId, userId);
  if (!own) throw new NotFoundError(NO_PROFILE_MESSAGE);
  return own;
}

export function updateOwnProfile(args: {
  organizationId: string;
  userId: string;
  input: SelfProfileInput;
  expectedVersion?: number;
}) {
  forgetDirectoryFilterOptions(args.organizationId);
  db.transaction((tx) => {
    const before = selectOwn(tx, args.organizationId, args.userId);
    if (!before) throw new NotFoundError(NO_PROFILE_MESSAGE);
    assertNotStale(before, args.expectedVersion);
    assertEmailFree(tx, args.organizationId, args.input.email, before.id);
    const changed = changedFieldNames(before, args.input);
    if (changed.length === 0) return;
    tx.update(consultants)
      .set({
        ...sealConsultantFields(args.input, { organizationId: args.organizationId, consultantId: before.id }),
        updatedAt: new Date(),
      })
      .where(eq(consultants.id, before.id))
      .run();
    recordAudit(tx, {
      actorUserId: args.userId,
      organizationId: args.organizationId,
      action: "consultant.updated_own_profile",
      subjectType: "consultant",
      subjectId: before.id,
      changedFields: changed,
    });
  });
}

/**
 * Everything the organization holds about the signed-in consultant, for "my data". Staff notes
 * are left out (they are the organization's working notes); later features add their records.
 */
export function exportOwnData(args: { organizationId: string; userId: string; organizationName: string }) {
  return db.transaction((tx) => {
    const sealed = tx
      .select({
        ...selfColumns,
        ...sealedConsultantColumns("legalName"),
        expertise: consultants.expertise,
        createdAt: consultants.createdAt,
      })
      .from(consultants)
      .where(and(eq(consultants.organizationId, args.organizationId), eq(consultants.userId, args.userId)))
      .get();
    if (!sealed) throw new NotFoundError(NO_PROFILE_MESSAGE);
    const own = openConsultantFields(sealed, { organizationId: args.organizationId, consultantId: sealed.id });
    recordAudit(tx, {
      actorUserId: args.userId,
      organizationId: args.organizationId,
      action: "consultant.data_exported",
      subjectType: "consultant",
      subjectId: own.id,
    });
    // Whether a legal name is held, not the name itself: this page may be open on a shared phone,
    // and the consultant can ask an admin to see or correct it.
    const { legalName, ...profile } = own;
    return {
      organization: args.organizationName,
      exportedAt: new Date().toISOString(),
      profile: { ...profile, legalNameOnFile: Boolean(legalName) },
      statusHistory: listStatusChanges(args.organizationId, own.id).map(({ id: _id, ...change }) => change),
      onboarding: consultantChecklist(args.organizationId, own.id).map(({ itemId: _itemId, ...step }) => step),
    };
  });
}
