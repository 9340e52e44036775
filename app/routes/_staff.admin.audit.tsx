/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { isoDayField } from "~/utils/validation";
import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { addDays, parseISO } from "date-fns";
import { z } from "zod";
import { FilterForm } from "~/components/filter-form";
import { optionsFrom, SelectField } from "~/components/forms";
import { auditFilterOptions, listAuditEvents } from "~/models/audit-log.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { useFormat } from "~/utils/use-format";

export const meta: MetaFunction = () => [{ title: "Audit log" }];

const isoDay = isoDayField().optional().catch(undefined);

// Filters come from the query string, so anything malformed is dropped rather than rejected.
const FilterSchema = z.object({
  action: z.string().max(100).optional().catch(undefined),
  actor: z.string().max(100).optional().catch(undefined),
  subject: z.string().max(100).optional().catch(undefined),
  from: isoDay,
  to: isoDay,
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "audit:read");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filters = FilterSchema.parse(Object.fromEntries(Object.entries(params).filter(([, v]) => v !== "")));
  const result = listAuditEvents(membership.organizationId, {
    action: filters.action,
    actorUserId: filters.actor,
    subjectType: filters.subject,
    from: filters.from ? parseISO(`${filters.from}T00:00:00Z`) : undefined,
    until: filters.to ? addDays(parseISO(`${filters.to}T00:00:00Z`), 1) : undefined,
    page: filters.page,
  });
  return { ...result, filters, options: auditFilterOptions(membership.organizationId) };
});

function pageLink(filters: Record<string, string | number | undefined>, page: number) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, page })) {
    if (value !== undefined && String(value) !== "") params.set(key, String(value));
  }
  return `?${params.toString()}`;
}

export default function AuditLog() {
  const { events, hasMore, filters, options } = useLoaderData<typeof loader>();
  const fmt = useFormat();
  return (
    <>
      <h1 className="page-title">Audit log</h1>
      <p className="mt-2 text-slate-700">
        Every change and sign-in in this organization. Entries cannot be edited or deleted. Field names are shown, never
        their values.
      </p>
      <FilterForm label="Filter the audit log" columns={5} clearTo="/admin/audit" submitLabel="Apply filters">
        <SelectField
          look="compact"
          field={{ id: "f-action", name: "action", initialValue: filters.action }}
          label="Action"
          placeholder="Any action"
          options={optionsFrom(options.actions)}
        />
        <SelectField
          look="compact"
          field={{ id: "f-actor", name: "actor", initialValue: filters.actor }}
          label="Person"
          placeholder="Anyone"
          options={options.actors.map((a) => [a.id, a.name || "(name not set)"] as const)}
        />
        <SelectField
          look="compact"
          field={{ id: "f-subject", name: "subject", initialValue: filters.subject }}
          label="Record type"
          placeholder="Any type"
          options={optionsFrom(options.subjectTypes)}
        />
        <div>
          <label htmlFor="f-from" className="block text-sm font-medium">
            From
          </label>
          <input id="f-from" name="from" type="date" defaultValue={filters.from ?? ""} className="input" />
        </div>
        <div>
          <label htmlFor="f-to" className="block text-sm font-medium">
            To
          </label>
          <input id="f-to" name="to" type="date" defaultValue={filters.to ?? ""} className="input" />
        </div>
      </FilterForm>

      {events.length === 0 ? (
        <p className="card mt-4">No entries match these filters.</p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <caption className="sr-only">Audit entries, newest first</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="p-2">
                  When
                </th>
                <th scope="col" className="p-2">
                  Who
                </th>
                <th scope="col" className="p-2">
                  Action
                </th>
                <th scope="col" className="p-2">
                  Record
                </th>
                <th scope="col" className="p-2">
                  Fields changed
                </th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id} className="border-b border-slate-200 align-top">
                  <td className="p-2 whitespace-nowrap">{fmt.dateTime(e.occurredAt)}</td>
                  <td className="p-2">{e.actorName ?? "System"}</td>
                  <td className="p-2 font-mono">{e.action}</td>
                  <td className="p-2">
                    {e.subjectType}
                    {e.subjectId ? <span className="block font-mono text-xs text-slate-700">{e.subjectId}</span> : null}
                  </td>
                  <td className="p-2">{e.changedFields.length ? e.changedFields.join(", ") : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pages" className="mt-4 flex gap-3">
        {filters.page > 1 ? (
          <Link className="btn-secondary" to={pageLink(filters, filters.page - 1)}>
            Newer entries
          </Link>
        ) : null}
        {hasMore ? (
          <Link className="btn-secondary" to={pageLink(filters, filters.page + 1)}>
            Older entries
          </Link>
        ) : null}
      </nav>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
