import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requirePermission } from "~/utils/auth/guards.server";
import { taxYearTotals } from "~/models/payment/tax-year.server";
import { can } from "~/models/permissions";
import { useFormat } from "~/utils/use-format";
import { TaxYearSchema } from "~/utils/payment-schema";
import { Pager } from "~/components/pager";
import { FilterForm } from "~/components/filter-form";
import { optionsFrom, SelectField } from "~/components/forms";

export const handle = { title: "staff:taxYear.title" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  const url = new URL(request.url);
  const { year } = TaxYearSchema.parse({ year: url.searchParams.get("year") ?? undefined });
  const page = z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .catch(1)
    .parse(url.searchParams.get("page") ?? 1);
  const seesTaxDetails = can(membership.role, "tax-details:read");
  return {
    seesTaxDetails,
    ...taxYearTotals({
      organizationId: membership.organizationId,
      taxYear: year,
      includeLegalName: seesTaxDetails,
      page,
    }),
  };
});

export default function TaxYear() {
  const { t } = useTranslation("staff");
  const fmt = useFormat();
  const { taxYear, thresholdCents, rows, seesTaxDetails, consultantCount, page, pageCount, firstShown } =
    useLoaderData<typeof loader>();
  const thisYear = new Date().getUTCFullYear();
  const shown = { count: consultantCount, year: taxYear, first: firstShown, last: firstShown + rows.length - 1 };
  return (
    <>
      <h1 className="page-title">{t("taxYear.heading", { year: taxYear })}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("taxYear.intro", { year: taxYear, amount: thresholdCents })}</p>
      <FilterForm
        label={t("taxYear.chooseYear")}
        moreActions={
          <a href={`/payments/tax-year.csv?year=${taxYear}`} className="btn-secondary" download>
            {t("taxYear.download")}
          </a>
        }
      >
        <SelectField
          look="compact"
          field={{ id: "year", name: "year", initialValue: taxYear }}
          label={t("taxYear.year")}
          options={optionsFrom([thisYear, thisYear - 1, thisYear - 2, thisYear - 3])}
        />
      </FilterForm>
      {rows.length === 0 ? (
        <p className="card mt-4">{t("taxYear.noneYet", { year: taxYear })}</p>
      ) : (
        <>
          <p className="mt-4 text-slate-700" role="status">
            {pageCount > 1 ? t("taxYear.countPaged", shown) : t("taxYear.count", shown)}
          </p>
          <div className="mt-2 overflow-x-auto">
            <table className="w-full border-collapse bg-white text-left text-sm">
              <caption className="sr-only">{t("taxYear.caption", { year: taxYear })}</caption>
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="p-2">
                    {t("taxYear.columns.consultant")}
                  </th>
                  {seesTaxDetails ? (
                    <th scope="col" className="p-2">
                      {t("taxYear.columns.legalName")}
                    </th>
                  ) : null}
                  <th scope="col" className="p-2">
                    {t("taxYear.columns.fees")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("taxYear.columns.q1")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("taxYear.columns.q2")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("taxYear.columns.q3")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("taxYear.columns.q4")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("taxYear.columns.expenses")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("taxYear.columns.form1099")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("taxYear.columns.w9")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.consultantId} className="border-b border-slate-200">
                    <th scope="row" className="p-2 text-left font-medium">
                      {r.preferredName}
                    </th>
                    {seesTaxDetails ? (
                      <td className="p-2">
                        {"legalName" in r && r.legalName ? r.legalName : t("taxYear.cells.notOnFile")}
                      </td>
                    ) : null}
                    <td className="p-2">{fmt.money(r.feesCents)}</td>
                    <td className="p-2">{fmt.money(r.q1)}</td>
                    <td className="p-2">{fmt.money(r.q2)}</td>
                    <td className="p-2">{fmt.money(r.q3)}</td>
                    <td className="p-2">{fmt.money(r.q4)}</td>
                    <td className="p-2">{fmt.money(r.expensesCents)}</td>
                    <td className="p-2">
                      {r.reachesThreshold ? <strong>{t("taxYear.cells.needed")}</strong> : t("taxYear.cells.notNeeded")}
                    </td>
                    <td className="p-2">
                      {r.w9OnFile ? (
                        t("taxYear.cells.onFile")
                      ) : (
                        <strong className="text-red-800">{t("taxYear.cells.missing")}</strong>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            label={t("taxYear.pages")}
            page={page}
            pageCount={pageCount}
            hrefFor={(n) => `/payments/tax-year?year=${taxYear}&page=${n}`}
          />
        </>
      )}
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
