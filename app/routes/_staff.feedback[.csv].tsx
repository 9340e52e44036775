import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { languageFor, translator } from "~/i18n/i18n.server";
import { translateMessage } from "~/i18n/message";
import { requirePermission } from "~/utils/auth/guards.server";
import { feedbackExportRows } from "~/models/feedback/report.server";
import { toCsv } from "~/utils/csv.server";
import { STAGE_LABELS } from "~/utils/engagement-options";
import { EXPERIENCE_QUESTIONS, QUESTION_WORDING, SOURCE_LABELS } from "~/utils/feedback-options";
import { parseFeedbackFilters } from "~/utils/feedback-schema";

// One row per answer staff may see, under the report's rule: anonymous rows have empty
// consultant and engagement cells. Like the report page, downloading marks nothing read.
export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  // Labels from the option maps are catalog keys: in the language of the person downloading.
  const t = translator(await languageFor(request, user.preferredLanguage));
  const words = (key: string) => translateMessage(t, key);
  const filters = parseFeedbackFilters(new URL(request.url).searchParams);
  const rows = feedbackExportRows(membership.organizationId, filters);
  const header = [
    "Program",
    "Stage",
    "Quarter",
    "How it was given",
    "Anonymous",
    "Consultant",
    "Engagement",
    ...EXPERIENCE_QUESTIONS.map((q) => `${words(QUESTION_WORDING[q].staff)} (1-5)`),
    "Comment",
  ];
  const body = rows.map((r) => [
    r.programName,
    // Anonymous rows carry no stage or quarter (see feedbackExportRows).
    r.stage ? words(STAGE_LABELS[r.stage]) : "",
    r.quarter ?? "",
    words(SOURCE_LABELS[r.source]),
    r.anonymous ? "yes" : "no",
    r.consultantName ?? "",
    r.engagementTitle ?? "",
    ...EXPERIENCE_QUESTIONS.map((q) => r[q]),
    r.comment ?? "",
  ]);
  return new Response(toCsv(header, body), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="feedback.csv"',
      "Cache-Control": "no-store",
    },
  });
});
