import { SafeTrans } from "~/i18n/safe-trans";
import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CONSULTANT_STATUSES } from "../../db/schema";
import { ConsentStateBadge, FlagBadge } from "~/components/consent-status";
import { requirePermission } from "~/utils/auth/guards.server";
import { consentsForReview } from "~/models/consent/reads.server";
import { consentMatrixView, flaggedUsesWithCause } from "~/models/consent/report.server";
import { CONSENT_STATE_LABELS, REVIEW_WINDOW_DAYS, type ConsentState } from "~/utils/consent-options";
import { STATUS_LABELS } from "~/utils/consultant-options";
import { useMessage } from "~/i18n/use-message";
import { useFormat } from "~/utils/use-format";
import { Pager } from "~/components/pager";
import { FilterForm } from "~/components/filter-form";
import { optionsFrom, SelectField } from "~/components/forms";

export const handle = { title: "staff:consent.title" };

const STATES = Object.keys(CONSENT_STATE_LABELS) as [ConsentState, ...ConsentState[]];

// The filters are ids and fixed choices, never names, so they may sit in the address. Anything
// malformed is dropped rather than shown as an error.
const FilterSchema = z.object({
  purpose: z.string().max(100).optional().catch(undefined),
  state: z.enum(STATES).optional().catch(undefined),
  status: z.enum(CONSULTANT_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  const organizationId = membership.organizationId;
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const filters = FilterSchema.parse(params);
  return {
    flaggedUses: flaggedUsesWithCause(organizationId),
    review: consentsForReview(organizationId),
    matrix: consentMatrixView(organizationId, {
      purposeId: filters.purpose,
      state: filters.state,
      consultantStatus: filters.status,
      page: filters.page,
    }),
  };
});

export default function ConsentOverview() {
  const { flaggedUses, review, matrix } = useLoaderData<typeof loader>();
  const fmt = useFormat();
  const { t } = useTranslation("staff");
  const consultantLink = (consultantId: string) => (
    <Link to={`/consultants/${consultantId}/consent`} className="link" />
  );
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="page-title">{t("consent.title")}</h1>
        <Link to="/consent/uses" className="btn-secondary">
          {t("consent.overview.usesRegister")}
        </Link>
      </div>
      <p className="mt-1 max-w-3xl text-slate-700">{t("consent.overview.intro")}</p>

      <section aria-labelledby="flagged-heading" className="card mt-6">
        <h2 id="flagged-heading" className="text-lg font-semibold">
          {t("consent.overview.flaggedHeading")}
        </h2>
        {flaggedUses.length === 0 ? (
          <p className="mt-2">{t("consent.overview.flaggedNone")}</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {flaggedUses.map((u) => (
              <li key={u.id} className="rounded-md border border-red-700 bg-red-50 p-3">
                <FlagBadge cause={u.flagCause} />
                <p className="mt-1 font-semibold">
                  <Link to={`/consent/uses/${u.id}`} className="link">
                    {u.description}
                  </Link>
                </p>
                <p className="text-sm">
                  {[
                    u.preferredName,
                    u.purposeLabel,
                    u.place,
                    ...(u.flagCause ? [t("consent.overview.since", { day: fmt.date(u.flagCause.at) })] : []),
                  ].join(" · ")}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="review-heading" className="card mt-6">
        <h2 id="review-heading" className="text-lg font-semibold">
          {t("consent.overview.reviewHeading")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("consent.overview.reviewHelp", { days: REVIEW_WINDOW_DAYS })}</p>
        <div className="mt-3 grid gap-6 md:grid-cols-2">
          <div>
            <h3 className="font-semibold">{t("consent.overview.endingSoon", { days: REVIEW_WINDOW_DAYS })}</h3>
            {review.expiringSoon.length === 0 ? (
              <p className="mt-1">{t("consent.overview.endingSoonNone", { days: REVIEW_WINDOW_DAYS })}</p>
            ) : (
              <ul className="mt-1 space-y-2">
                {review.expiringSoon.map((item) => (
                  <li key={item.eventId}>
                    <SafeTrans
                      t={t}
                      i18nKey="consent.overview.endsOn"
                      values={{
                        name: item.preferredName,
                        purpose: item.purposeLabel,
                        day: item.expiresOn ? fmt.calendarDay(item.expiresOn) : "",
                      }}
                      components={{ a: consultantLink(item.consultantId) }}
                    />
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3 className="font-semibold">{t("consent.overview.ended")}</h3>
            {review.expired.length === 0 ? (
              <p className="mt-1">{t("consent.overview.endedNone")}</p>
            ) : (
              <ul className="mt-1 space-y-2">
                {review.expired.map((item) => (
                  <li key={item.eventId}>
                    <SafeTrans
                      t={t}
                      i18nKey={item.expiresOn ? "consent.overview.endedOn" : "consent.overview.endedUndated"}
                      values={{
                        name: item.preferredName,
                        purpose: item.purposeLabel,
                        day: item.expiresOn ? fmt.calendarDay(item.expiresOn) : "",
                      }}
                      components={{ a: consultantLink(item.consultantId) }}
                    />
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      </section>

      <ConsentMatrix matrix={matrix} />
    </>
  );
}

type Matrix = ReturnType<typeof useLoaderData<typeof loader>>["matrix"];

/** The address of another page of the matrix, keeping the filters (ids and fixed choices only). */
function matrixPageHref(filters: Matrix["filters"], page: number) {
  const params = new URLSearchParams();
  if (filters.purposeId) params.set("purpose", filters.purposeId);
  if (filters.state) params.set("state", filters.state);
  if (filters.consultantStatus) params.set("status", filters.consultantStatus);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/consent?${query}` : "/consent";
}

function ConsentMatrix({ matrix }: { matrix: Matrix }) {
  const { columns, rows, counts, filters, allPurposes, consultantTotal, matchingCount, page, pageCount, firstShown } =
    matrix;
  const { t } = useTranslation("staff");
  const words = useMessage();
  const fmt = useFormat();
  const filtered = Boolean(filters.purposeId || filters.state || filters.consultantStatus);
  const showing =
    pageCount > 1
      ? t("consent.overview.showingPage", {
          count: matchingCount,
          total: consultantTotal,
          first: firstShown,
          last: firstShown + rows.length - 1,
        })
      : t("consent.overview.showing", { count: matchingCount, total: consultantTotal });
  return (
    <section aria-labelledby="matrix-heading" className="mt-8">
      <h2 id="matrix-heading" className="text-xl font-semibold">
        {t("consent.overview.matrixHeading")}
      </h2>
      <FilterForm label={t("consent.overview.filterLabel")} columns={4} clearTo="/consent" spacing="mt-3">
        <SelectField
          look="compact"
          field={{ id: "filter-purpose", name: "purpose", initialValue: filters.purposeId }}
          label={t("consent.overview.purpose")}
          placeholder={t("consent.overview.everyPurpose")}
          options={allPurposes.map((p) => [p.id, p.label] as const)}
        />
        <SelectField
          look="compact"
          field={{ id: "filter-state", name: "state", initialValue: filters.state }}
          label={t("consent.overview.answer")}
          placeholder={t("consent.overview.anyAnswer")}
          options={optionsFrom(STATES, (s) => CONSENT_STATE_LABELS[s])}
        />
        <SelectField
          look="compact"
          field={{ id: "filter-status", name: "status", initialValue: filters.consultantStatus }}
          label={t("consent.overview.consultantStatus")}
          placeholder={t("consent.overview.anyStatus")}
          options={optionsFrom(CONSULTANT_STATUSES, (s) => STATUS_LABELS[s])}
        />
      </FilterForm>

      <p className="mt-4 text-slate-700" role="status">
        {showing}{" "}
        {STATES.map((s) =>
          t("consent.overview.stateCount", { state: words(CONSENT_STATE_LABELS[s]), count: counts[s] }),
        ).join(" · ")}
      </p>

      {consultantTotal === 0 ? (
        <p className="card mt-2">
          <SafeTrans
            t={t}
            i18nKey="consent.overview.noConsultants"
            components={{ a: <Link to="/consultants" className="link" /> }}
          />
        </p>
      ) : rows.length === 0 ? (
        <p className="card mt-2">
          <SafeTrans
            t={t}
            i18nKey={filtered ? "consent.overview.noMatchFiltered" : "consent.overview.noMatch"}
            components={{ a: <Link to="/consent" className="link" /> }}
          />
        </p>
      ) : (
        // On a phone each consultant becomes a card listing their purposes; from md up it is a table.
        <div className="mt-2 md:overflow-x-auto md:rounded-lg md:border md:border-slate-200">
          <table className="block w-full text-left text-sm md:table md:border-collapse md:bg-white">
            <caption className="sr-only">{t("consent.overview.matrixCaption")}</caption>
            <thead className="hidden md:table-header-group">
              <tr className="border-b border-slate-300 bg-slate-100 align-bottom">
                <th scope="col" className="sticky left-0 bg-slate-100 p-2">
                  {t("consent.overview.consultant")}
                </th>
                {columns.map((c) => (
                  <th key={c.id} scope="col" className="min-w-[5.5rem] p-1.5 font-semibold">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="block space-y-3 md:table-row-group md:space-y-0">
              {rows.map((row) => (
                <tr
                  key={row.consultant.id}
                  className="card block md:table-row md:rounded-none md:border-0 md:border-b md:border-slate-200 md:p-0 md:shadow-none"
                >
                  <th scope="row" className="block pb-2 text-base md:sticky md:left-0 md:table-cell md:bg-white md:p-2">
                    <Link to={`/consultants/${row.consultant.id}/consent`} className="link">
                      {row.consultant.preferredName}
                    </Link>
                    <span className="block text-sm font-normal text-slate-700">
                      {words(STATUS_LABELS[row.consultant.status])}
                    </span>
                  </th>
                  {row.cells.map((cell, index) => (
                    <td
                      key={cell.purposeId}
                      className="flex items-center justify-between gap-2 border-t border-slate-100 py-1.5 md:table-cell md:border-0 md:p-1.5"
                    >
                      <span className="md:hidden">{columns[index]!.label}</span>
                      <span>
                        <ConsentStateBadge state={cell.state} />
                        {cell.state === "granted" && cell.expiresOn ? (
                          <span className="block text-xs text-slate-700">
                            {t("consent.overview.cellEnds", { day: fmt.calendarDay(cell.expiresOn) })}
                          </span>
                        ) : null}
                      </span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Pager
        label={t("consent.overview.pagerLabel")}
        page={page}
        pageCount={pageCount}
        hrefFor={(n) => matrixPageHref(filters, n)}
      />

      <p className="mt-6">
        <SafeTrans
          t={t}
          i18nKey="consent.overview.toRegister"
          components={{ a: <Link to="/consent/uses" className="link" /> }}
        />
      </p>
    </section>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
