/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/utils/auth/guards.server";
import { taxYearTotals } from "~/models/payment/tax-year.server";
import { can } from "~/models/permissions";
import { formatCents } from "~/utils/money";
import { TaxYearSchema } from "~/utils/payment-schema";
import { Pager } from "~/components/pager";
import { FilterForm } from "~/components/filter-form";
import { optionsFrom, SelectField } from "~/components/forms";

export const meta: MetaFunction = () => [{ title: "Tax year totals" }];

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
  const { taxYear, thresholdCents, rows, seesTaxDetails, consultantCount, page, pageCount, firstShown } =
    useLoaderData<typeof loader>();
  const thisYear = new Date().getUTCFullYear();
  return (
    <>
      <h1 className="page-title">Tax year totals {taxYear}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        Fees paid in {taxYear}, per consultant. A consultant paid {formatCents(thresholdCents)} or more in fees this
        year needs a Form 1099-NEC. Reimbursed expenses are not income and are listed apart.
      </p>
      <FilterForm
        label="Choose the tax year"
        moreActions={
          <a href={`/payments/tax-year.csv?year=${taxYear}`} className="btn-secondary" download>
            Download CSV for the bookkeeper
          </a>
        }
      >
        <SelectField
          look="compact"
          field={{ id: "year", name: "year", initialValue: taxYear }}
          label="Tax year"
          options={optionsFrom([thisYear, thisYear - 1, thisYear - 2, thisYear - 3])}
        />
      </FilterForm>
      {rows.length === 0 ? (
        <p className="card mt-4">No payments were marked paid in {taxYear}.</p>
      ) : (
        <>
          <p className="mt-4 text-slate-700" role="status">
            {consultantCount === 1 ? "1 consultant was" : `${consultantCount} consultants were`} paid in {taxYear}
            {pageCount > 1
              ? `. This page shows ${firstShown} to ${firstShown + rows.length - 1}; the CSV has them all`
              : ""}
            .
          </p>
          <div className="mt-2 overflow-x-auto">
            <table className="w-full border-collapse bg-white text-left text-sm">
              <caption className="sr-only">Fees and expenses paid per consultant in {taxYear}</caption>
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="p-2">
                    Consultant
                  </th>
                  {seesTaxDetails ? (
                    <th scope="col" className="p-2">
                      Legal name
                    </th>
                  ) : null}
                  <th scope="col" className="p-2">
                    Fees
                  </th>
                  <th scope="col" className="p-2">
                    Q1
                  </th>
                  <th scope="col" className="p-2">
                    Q2
                  </th>
                  <th scope="col" className="p-2">
                    Q3
                  </th>
                  <th scope="col" className="p-2">
                    Q4
                  </th>
                  <th scope="col" className="p-2">
                    Expenses
                  </th>
                  <th scope="col" className="p-2">
                    1099-NEC
                  </th>
                  <th scope="col" className="p-2">
                    W-9
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
                      <td className="p-2">{"legalName" in r && r.legalName ? r.legalName : "Not on file"}</td>
                    ) : null}
                    <td className="p-2">{formatCents(r.feesCents)}</td>
                    <td className="p-2">{formatCents(r.q1)}</td>
                    <td className="p-2">{formatCents(r.q2)}</td>
                    <td className="p-2">{formatCents(r.q3)}</td>
                    <td className="p-2">{formatCents(r.q4)}</td>
                    <td className="p-2">{formatCents(r.expensesCents)}</td>
                    <td className="p-2">{r.reachesThreshold ? <strong>Needed</strong> : "Not needed"}</td>
                    <td className="p-2">
                      {r.w9OnFile ? "On file" : <strong className="text-red-800">Missing</strong>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            label="Pages of consultants"
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
