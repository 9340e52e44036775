// The staff consent matrix: consultants × purposes, whole for the funder report and a page at a
// time (with counts in SQL) for the staff consent page, which has to stay fast with thousands of
// consultants.
import { and, asc, eq, sql } from "drizzle-orm";
import { consentEvents, consultants, type ConsultantStatus } from "../../../db/schema";
import { db } from "../../utils/db.server";
import type { ConsentState } from "../../utils/consent-options";
import { organizationToday } from "../settings.server";
import { listConsentPurposes } from "./purposes.server";
import { cellOf, latestEvents, type ConsentCell } from "./shared.server";

export type MatrixFilters = { purposeId?: string; state?: ConsentState; consultantStatus?: string };

/** Consultants × purposes, for the staff consent page. Filters narrow the consultants shown. */
export function consentMatrix(
  organizationId: string,
  filters: MatrixFilters = {},
  today: string = organizationToday(organizationId),
) {
  const purposes = listConsentPurposes(organizationId);
  const events = new Map(latestEvents(organizationId).map((e) => [`${e.consultantId}:${e.purposeId}`, e]));
  const people = db
    .select({ id: consultants.id, preferredName: consultants.preferredName, status: consultants.status })
    .from(consultants)
    .where(
      and(
        eq(consultants.organizationId, organizationId),
        filters.consultantStatus
          ? eq(consultants.status, filters.consultantStatus as typeof consultants.$inferSelect.status)
          : undefined,
      ),
    )
    .orderBy(asc(consultants.preferredName))
    .all();
  const rows = people
    .map((person) => ({
      consultant: person,
      cells: Object.fromEntries(
        purposes.map((p) => [p.id, cellOf(events.get(`${person.id}:${p.id}`), today)] as const),
      ) as Record<string, ConsentCell>,
    }))
    .filter((row) => {
      if (!filters.state) return true;
      const shown = filters.purposeId ? [row.cells[filters.purposeId]] : Object.values(row.cells);
      return shown.some((cell) => cell?.state === filters.state);
    });
  return { purposes, rows };
}

export const MATRIX_PAGE_SIZE = 50;

/**
 * One page of the staff consent matrix: the consultants matching the filters, by name, 50 at a
 * time, with their cells; and for every matching consultant (not just this page) how many cells
 * are in each state. The counts are computed in SQL from the latest event of each consultant ×
 * purpose; only the page's consultants have their events read in full. `purposeId`, when it is one
 * of the organization's current purposes, narrows the columns (and what the state filter looks at).
 */
export function consentMatrixPage(
  organizationId: string,
  filters: MatrixFilters & { page?: number } = {},
  today: string = organizationToday(organizationId),
) {
  const purposes = listConsentPurposes(organizationId);
  const purposeId = purposes.some((p) => p.id === filters.purposeId) ? filters.purposeId : undefined;
  const columns = purposeId ? purposes.filter((p) => p.id === purposeId) : purposes;
  const columnIds = columns.length
    ? sql.join(
        columns.map((c) => sql`${c.id}`),
        sql`, `,
      )
    : sql`null`;
  // The latest event per consultant × purpose: with one max(), SQLite takes the other (bare)
  // columns from the row holding it. A grant past its end date counts as expired, as on screen.
  const cells = sql`latest as (
      select consultant_id, purpose_id, kind, expires_on, max(rowid) as latest_rowid from ${consentEvents}
      where organization_id = ${organizationId} and purpose_id in (${columnIds})
      group by consultant_id, purpose_id
    ),
    cells as (
      select consultant_id, case when kind = 'granted' and expires_on is not null and expires_on <= ${today}
        then 'expired' else kind end as state
      from latest
    )`;
  const stateFilter = !filters.state
    ? sql``
    : filters.state === "not_asked"
      ? sql`and (select count(*) from cells l where l.consultant_id = c.id) < ${columns.length}`
      : sql`and exists (select 1 from cells l where l.consultant_id = c.id and l.state = ${filters.state})`;
  const matching = sql`matching as (
      select c.id, c.preferred_name, c.status from ${consultants} c
      where c.organization_id = ${organizationId}
      ${filters.consultantStatus ? sql`and c.status = ${filters.consultantStatus}` : sql``}
      ${stateFilter}
    )`;
  const tally = db.all<{ state: ConsentState | "all"; n: number }>(sql`with ${cells}, ${matching}
    select 'all' as state, count(*) as n from matching
    union all
    select l.state, count(*) from cells l join matching m on m.id = l.consultant_id group by l.state`);
  const matchingCount = tally.find((t) => t.state === "all")?.n ?? 0;
  const counts: Record<ConsentState, number> = { granted: 0, declined: 0, withdrawn: 0, expired: 0, not_asked: 0 };
  for (const t of tally) if (t.state !== "all") counts[t.state] = t.n;
  counts.not_asked = matchingCount * columns.length - Object.values(counts).reduce((sum, n) => sum + n, 0);

  const pageCount = Math.max(1, Math.ceil(matchingCount / MATRIX_PAGE_SIZE));
  const page = Math.min(Math.max(1, filters.page ?? 1), pageCount);
  const people = db.all<{ id: string; preferredName: string; status: ConsultantStatus }>(sql`with ${
    filters.state ? sql`${cells}, ` : sql``
  }${matching}
    select id, preferred_name as preferredName, status from matching
    order by preferred_name, id limit ${MATRIX_PAGE_SIZE} offset ${(page - 1) * MATRIX_PAGE_SIZE}`);
  const events = new Map(
    latestEvents(
      organizationId,
      people.map((p) => p.id),
    ).map((e) => [`${e.consultantId}:${e.purposeId}`, e]),
  );
  return {
    purposes,
    columns,
    purposeId,
    rows: people.map((person) => ({
      consultant: person,
      cells: columns.map((p) => ({ purposeId: p.id, ...cellOf(events.get(`${person.id}:${p.id}`), today) })),
    })),
    counts,
    matchingCount,
    page,
    pageCount,
    pageSize: MATRIX_PAGE_SIZE,
  };
}
