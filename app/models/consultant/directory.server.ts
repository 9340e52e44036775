// The consultant directory: search with filters and pages, and the filter menus (kept for a minute).
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { consultants, type ConsultantStatus } from "../../../db/schema";
import { db } from "../../utils/db.server";
import { cachedFigures, forgetFigures } from "../../utils/figures-cache.server";
import type { DirectorySort, ProgressFilter } from "../../utils/consultant-options";
import { effectiveAvailability } from "../../utils/capacity";
import { countActiveSteps, doneStepsSql } from "../checklist.server";
import { organizationToday } from "../settings.server";

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
      availabilityState: consultants.availabilityState,
      monthlyLimitHundredths: consultants.monthlyLimitHundredths,
      pausedFrom: consultants.pausedFrom,
      pausedUntil: consultants.pausedUntil,
    })
    .from(consultants)
    .where(where)
    .orderBy(...order)
    .limit(DIRECTORY_PAGE_SIZE)
    .offset((query.page - 1) * DIRECTORY_PAGE_SIZE)
    .all();
  // What each said they can take on, as it stands today where the organization is (a pause ends).
  const today = organizationToday(organizationId);
  const listed = rows.map(({ availabilityState, monthlyLimitHundredths, pausedFrom, pausedUntil, ...row }) => ({
    ...row,
    availability: effectiveAvailability({ availabilityState, monthlyLimitHundredths, pausedFrom, pausedUntil }, today),
  }));
  const count =
    db
      .select({ n: sql<number>`count(*)` })
      .from(consultants)
      .where(where)
      .get()?.n ?? 0;
  return { rows: listed, count, totalSteps: total, pageCount: Math.max(1, Math.ceil(count / DIRECTORY_PAGE_SIZE)) };
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
