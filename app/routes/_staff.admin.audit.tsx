import { isoDayField } from "~/utils/validation";
import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { addDays, parseISO } from "date-fns";
import { z } from "zod";
import { FilterForm } from "~/components/filter-form";
import { optionsFrom, SelectField } from "~/components/forms";
import { auditFilterOptions, listAuditEvents } from "~/models/audit-log.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { useFormat } from "~/utils/use-format";
import { useMessage } from "~/i18n/use-message";

export const handle = { title: "staff:admin.audit.title" };

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

/**
 * What an entry's action ("session.login") or record type ("time_entry") is called in the reader's
 * language. The log keeps the codes; one the catalogs do not know yet is shown as it is.
 */
function useAuditWords() {
  const { i18n } = useTranslation("staff");
  const words = useMessage();
  return useCallback(
    (group: "actions" | "records", code: string) => {
      const key = `staff:admin.audit.${group}.${code}`;
      return i18n.exists(key) ? words(key) : code;
    },
    [i18n, words],
  );
}

export default function AuditLog() {
  const { events, hasMore, filters, options } = useLoaderData<typeof loader>();
  const fmt = useFormat();
  const { t } = useTranslation("staff");
  const auditWords = useAuditWords();
  const actionWords = (code: string) => auditWords("actions", code);
  const recordWords = (code: string) => auditWords("records", code);
  const byWords = (codes: string[], words: (code: string) => string) =>
    optionsFrom(codes, words).sort(([, a], [, b]) => a.localeCompare(b, fmt.language));
  return (
    <>
      <h1 className="page-title">{t("admin.audit.title")}</h1>
      <p className="mt-2 text-slate-700">{t("admin.audit.intro")}</p>
      <FilterForm
        label={t("admin.audit.filterLabel")}
        columns={5}
        clearTo="/admin/audit"
        submitLabel={t("admin.audit.apply")}
      >
        <SelectField
          look="compact"
          field={{ id: "f-action", name: "action", initialValue: filters.action }}
          label={t("admin.audit.action")}
          placeholder={t("admin.audit.anyAction")}
          options={byWords(options.actions, actionWords)}
        />
        <SelectField
          look="compact"
          field={{ id: "f-actor", name: "actor", initialValue: filters.actor }}
          label={t("admin.audit.person")}
          placeholder={t("admin.audit.anyone")}
          options={options.actors.map((a) => [a.id, a.name || t("admin.audit.nameNotSet")] as const)}
        />
        <SelectField
          look="compact"
          field={{ id: "f-subject", name: "subject", initialValue: filters.subject }}
          label={t("admin.audit.recordType")}
          placeholder={t("admin.audit.anyType")}
          options={byWords(options.subjectTypes, recordWords)}
        />
        <div>
          <label htmlFor="f-from" className="block text-sm font-medium">
            {t("admin.audit.from")}
          </label>
          <input id="f-from" name="from" type="date" defaultValue={filters.from ?? ""} className="input" />
        </div>
        <div>
          <label htmlFor="f-to" className="block text-sm font-medium">
            {t("admin.audit.to")}
          </label>
          <input id="f-to" name="to" type="date" defaultValue={filters.to ?? ""} className="input" />
        </div>
      </FilterForm>

      {events.length === 0 ? (
        <p className="card mt-4">{t("admin.audit.none")}</p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <caption className="sr-only">{t("admin.audit.caption")}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="p-2">
                  {t("admin.audit.when")}
                </th>
                <th scope="col" className="p-2">
                  {t("admin.audit.who")}
                </th>
                <th scope="col" className="p-2">
                  {t("admin.audit.action")}
                </th>
                <th scope="col" className="p-2">
                  {t("admin.audit.record")}
                </th>
                <th scope="col" className="p-2">
                  {t("admin.audit.fieldsChanged")}
                </th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id} className="border-b border-slate-200 align-top">
                  <td className="p-2 whitespace-nowrap">{fmt.dateTime(e.occurredAt)}</td>
                  <td className="p-2">{e.actorName ?? t("admin.audit.system")}</td>
                  <td className="p-2">
                    {actionWords(e.action)}{" "}
                    <span translate="no" className="block font-mono text-xs text-slate-700">
                      {e.action}
                    </span>
                  </td>
                  <td className="p-2">
                    {recordWords(e.subjectType)}{" "}
                    {e.subjectId ? (
                      <span translate="no" className="block font-mono text-xs text-slate-700">
                        {e.subjectId}
                      </span>
                    ) : null}
                  </td>
                  {/* The changed fields by their names in the record: codes, like the action's. */}
                  <td translate="no" className="p-2">
                    {e.changedFields.length ? e.changedFields.join(", ") : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("admin.audit.pages")} className="mt-4 flex gap-3">
        {filters.page > 1 ? (
          <Link className="btn-secondary" to={pageLink(filters, filters.page - 1)}>
            {t("admin.audit.newer")}
          </Link>
        ) : null}
        {hasMore ? (
          <Link className="btn-secondary" to={pageLink(filters, filters.page + 1)}>
            {t("admin.audit.older")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
