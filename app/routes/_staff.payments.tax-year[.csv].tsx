import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { taxYearTotals } from "~/models/payment.server";
import { requireMembership, STAFF_ROLES } from "~/utils/auth.server";
import { toCsv } from "~/utils/csv.server";
import { centsToInput } from "~/utils/money";
import { TaxYearSchema } from "~/utils/payment-schema";

// The year-end file for the bookkeeper: amounts in dollars with two decimals; the legal name only
// when an admin downloads it.
export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requireMembership(request, STAFF_ROLES);
  const { year } = TaxYearSchema.parse({ year: new URL(request.url).searchParams.get("year") ?? undefined });
  const isAdmin = membership.role === "admin";
  const totals = taxYearTotals({ organizationId: membership.organizationId, taxYear: year, includeLegalName: isAdmin });
  const header = [
    "Consultant",
    ...(isAdmin ? ["Legal name"] : []),
    "Fees paid",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "Expenses reimbursed",
    "1099-NEC needed",
    "W-9 on file",
  ];
  const rows = totals.rows.map((r) => [
    r.preferredName,
    ...(isAdmin ? [("legalName" in r ? r.legalName : null) ?? ""] : []),
    centsToInput(r.feesCents),
    centsToInput(r.q1),
    centsToInput(r.q2),
    centsToInput(r.q3),
    centsToInput(r.q4),
    centsToInput(r.expensesCents),
    r.reachesThreshold ? "yes" : "no",
    r.w9OnFile ? "yes" : "no",
  ]);
  return new Response(toCsv(header, rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="payments-${year}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
