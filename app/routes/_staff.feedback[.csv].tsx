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
import { quarterWords } from "~/utils/period";

// One row per answer staff may see, under the report's rule: anonymous rows have empty
// consultant and engagement cells. Like the report page, downloading marks nothing read.
// Headers and word cells are in the language of the person downloading.
export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const filters = parseFeedbackFilters(new URL(request.url).searchParams);
  const rows = feedbackExportRows(membership.organizationId, filters);
  const language = await languageFor(request, user.preferredLanguage);
  const t = translator(language, "staff");
  const common = translator(language, "common");
  // Labels from the option maps: catalog keys (or plain words, shown as they are).
  const words = (label: string) => translateMessage(common, label);
  const header = [
    t("feedback.csv.program"),
    t("feedback.csv.stage"),
    t("feedback.csv.quarter"),
    t("feedback.csv.source"),
    t("feedback.csv.anonymous"),
    t("feedback.csv.consultant"),
    t("feedback.csv.engagement"),
    ...EXPERIENCE_QUESTIONS.map((q) => t("feedback.csv.score", { question: words(QUESTION_WORDING[q].staff) })),
    t("feedback.csv.comment"),
  ];
  const body = rows.map((r) => [
    r.programName,
    // Anonymous rows carry no stage or quarter (see feedbackExportRows).
    r.stage ? words(STAGE_LABELS[r.stage]) : "",
    r.quarter ? quarterWords(r.quarter, common) : "",
    words(SOURCE_LABELS[r.source]),
    r.anonymous ? t("feedback.csv.yes") : t("feedback.csv.no"),
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
