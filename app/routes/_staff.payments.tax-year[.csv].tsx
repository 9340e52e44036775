import { withHttpErrors } from "~/utils/http-errors.server";
import { languageFor, translator } from "~/i18n/i18n.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/utils/auth/guards.server";
import { taxYearTotals } from "~/models/payment/tax-year.server";
import { can } from "~/models/permissions";
import { toCsv } from "~/utils/csv.server";
import { centsToInput } from "~/utils/money";
import { TaxYearSchema } from "~/utils/payment-schema";

// The year-end file for the bookkeeper: amounts in dollars with two decimals; the legal name only
// when an admin downloads it. Headers and the yes/no cells are in the downloader's language; amounts
// stay as a spreadsheet reads them.
export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const t = translator(await languageFor(request, user.preferredLanguage), "staff");
  const { year } = TaxYearSchema.parse({ year: new URL(request.url).searchParams.get("year") ?? undefined });
  const seesTaxDetails = can(membership.role, "tax-details:read");
  const totals = taxYearTotals({
    organizationId: membership.organizationId,
    taxYear: year,
    includeLegalName: seesTaxDetails,
  });
  const header = [
    t("taxYear.csv.consultant"),
    ...(seesTaxDetails ? [t("taxYear.csv.legalName")] : []),
    t("taxYear.csv.fees"),
    t("taxYear.columns.q1"),
    t("taxYear.columns.q2"),
    t("taxYear.columns.q3"),
    t("taxYear.columns.q4"),
    t("taxYear.csv.expenses"),
    t("taxYear.csv.form1099"),
    t("taxYear.csv.w9"),
  ];
  const yesNo = (yes: boolean) => (yes ? t("taxYear.csv.yes") : t("taxYear.csv.no"));
  const rows = totals.rows.map((r) => [
    r.preferredName,
    ...(seesTaxDetails ? [("legalName" in r ? r.legalName : null) ?? ""] : []),
    centsToInput(r.feesCents),
    centsToInput(r.q1),
    centsToInput(r.q2),
    centsToInput(r.q3),
    centsToInput(r.q4),
    centsToInput(r.expensesCents),
    yesNo(r.reachesThreshold),
    yesNo(r.w9OnFile),
  ]);
  return new Response(toCsv(header, rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="payments-${year}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
