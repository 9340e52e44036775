import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { languageFor } from "~/i18n/i18n.server";
import { message } from "~/i18n/message";
import { engagementReportCsv } from "~/models/engagement-report.server";
import { periodFromAddress } from "~/models/engagement-stats.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { toCsv } from "~/utils/csv.server";
import { REPORT_TABLES } from "~/utils/engagement-report-options";
import { todayIn } from "~/utils/format";

// One table of the funder report as a spreadsheet, for the same period and program as the page.
// Figures only: no table carries a consultant's name, and neither does the file name.
export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const url = new URL(request.url);
  const parsed = z.enum(REPORT_TABLES).safeParse(url.searchParams.get("table"));
  if (!parsed.success)
    throw new Response(message("staff:reports.csv.chooseTable", { tables: REPORT_TABLES.join(", ") }), {
      status: 400,
    });
  const table = parsed.data;
  const today = todayIn(membership.organizationTimeZone);
  // A date that does not parse falls back to this year so far, as on the page.
  const { period: scoped } = periodFromAddress(membership.organizationId, url.searchParams, today);
  // Headers and words in the language of the person downloading.
  const language = await languageFor(request, user.preferredLanguage);
  const { header, rows } = engagementReportCsv(membership.organizationId, scoped, table, today, language);
  const filename = `engagement-report-${table}-${scoped.from}-to-${scoped.to}.csv`;
  return new Response(toCsv(header, rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
});
