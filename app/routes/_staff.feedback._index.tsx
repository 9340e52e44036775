import { replyWithRuleError, withHttpErrors } from "~/utils/http-errors.server";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { STAGES } from "../../db/schema";
import { FilterForm } from "~/components/filter-form";
import { FormErrors, Notice, optionsFrom, SelectField } from "~/components/forms";
import { AverageScoresChart } from "~/components/feedback-chart";
import { requirePermission } from "~/utils/auth/guards.server";
import { ANONYMITY_THRESHOLD } from "~/models/feedback/anonymity.server";
import { markFeedbackRead } from "~/models/feedback/read-marking.server";
import { feedbackReport } from "~/models/feedback/report.server";
import { STAGE_LABELS } from "~/utils/engagement-options";
import { useMessage } from "~/i18n/use-message";
import { averageBars } from "~/utils/feedback-chart.server";
import { EXPERIENCE_QUESTIONS, QUESTION_WORDING, SOURCE_LABELS } from "~/utils/feedback-options";
import { feedbackFilterQuery, MarkFeedbackReadSchema, parseFeedbackFilters } from "~/utils/feedback-schema";
import { readForm } from "~/utils/form-data.server";
import { quarterWords } from "~/utils/period";

export const handle = { title: "staff:feedback.title" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  const url = new URL(request.url);
  // Ids and fixed choices only; anything malformed is dropped rather than shown as an error.
  const filters = parseFeedbackFilters(url.searchParams);
  const report = feedbackReport(membership.organizationId, filters);
  return {
    ...report,
    threshold: ANONYMITY_THRESHOLD,
    chart: averageBars(report.overall.averages, report.overall.counts),
    // The download gets the same filters.
    csvQuery: feedbackFilterQuery(filters),
  };
});

// Reading the page changes nothing; this button is what ends the consultants' chance to change
// the answers shown.
export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const submission = parseWithZod(await readForm(request), { schema: MarkFeedbackReadSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { shown, program, stage, quarter } = submission.value;
  const filters = { programId: program, stage, quarter };
  try {
    markFeedbackRead({ organizationId: membership.organizationId, actorUserId: user.id, filters, shown });
  } catch (error) {
    return replyWithRuleError(error, submission);
  }
  const query = feedbackFilterQuery(filters);
  return redirect(`/feedback?${query ? `${query}&` : ""}done=read`);
});

const formatAverage = (value: number | null) => (value === null ? "–" : value.toFixed(1));

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

/** The chart in words: the highest and lowest averages. */
function summaryOf(overall: Loaded["overall"], t: TFunction<"staff">, words: (text: string) => string) {
  const answered = EXPERIENCE_QUESTIONS.filter((q) => overall.averages[q] !== null);
  if (answered.length === 0) return t("feedback.summary.none");
  const sorted = [...answered].sort((a, b) => overall.averages[b]! - overall.averages[a]!);
  const high = sorted[0]!;
  const low = sorted[sorted.length - 1]!;
  // The question's name inside a sentence: "fair pay", not "Fair pay".
  const inSentence = (q: (typeof EXPERIENCE_QUESTIONS)[number]) => {
    const name = words(QUESTION_WORDING[q].staff);
    return name.charAt(0).toLocaleLowerCase() + name.slice(1);
  };
  return t("feedback.summary.text", {
    count: overall.answers,
    high: inSentence(high),
    highAverage: formatAverage(overall.averages[high]),
    low: inSentence(low),
    lowAverage: formatAverage(overall.averages[low]),
  });
}

function Filters({ report }: { report: Loaded }) {
  const { t } = useTranslation("staff");
  const { t: tc } = useTranslation("common");
  return (
    <FilterForm label={t("feedback.filters.label")} columns={4} clearTo="/feedback">
      <SelectField
        look="compact"
        field={{ id: "filter-program", name: "program", initialValue: report.filters.programId }}
        label={t("feedback.filters.program")}
        placeholder={t("feedback.filters.everyProgram")}
        options={report.programOptions.map((p) => [p.id, p.name] as const)}
      />
      <SelectField
        look="compact"
        field={{ id: "filter-stage", name: "stage", initialValue: report.filters.stage }}
        label={t("feedback.filters.stage")}
        placeholder={t("feedback.filters.everyStage")}
        options={optionsFrom(STAGES, (s) => STAGE_LABELS[s])}
      />
      <SelectField
        look="compact"
        field={{ id: "filter-quarter", name: "quarter", initialValue: report.filters.quarter }}
        label={t("feedback.filters.quarter")}
        placeholder={t("feedback.filters.everyQuarter")}
        options={optionsFrom(report.quarters, (q) => quarterWords(q, tc))}
      />
    </FilterForm>
  );
}

function AveragesTable({ cells }: { cells: Loaded["cells"] }) {
  const { t } = useTranslation("staff");
  const { t: tc } = useTranslation("common");
  const words = useMessage();
  return (
    // On a phone each row becomes a card; from md up it is a table.
    <div className="mt-3 md:overflow-x-auto md:rounded-lg md:border md:border-slate-200">
      <table className="block w-full text-left text-sm md:table md:border-collapse md:bg-white">
        <caption className="sr-only">{t("feedback.table.caption")}</caption>
        <thead className="hidden md:table-header-group">
          <tr className="border-b border-slate-300 bg-slate-100 align-bottom">
            <th scope="col" className="p-2">
              {t("feedback.table.cell")}
            </th>
            <th scope="col" className="p-2">
              {t("feedback.table.answers")}
            </th>
            {EXPERIENCE_QUESTIONS.map((q) => (
              <th key={q} scope="col" className="min-w-[5.5rem] p-1.5 font-semibold">
                {words(QUESTION_WORDING[q].staff)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="block space-y-3 md:table-row-group md:space-y-0">
          {cells.map((cell) => (
            <tr
              key={`${cell.programId}-${cell.stage}-${cell.quarter}`}
              className="card block md:table-row md:rounded-none md:border-0 md:border-b md:border-slate-200 md:p-0 md:shadow-none"
            >
              <th scope="row" className="block pb-2 text-base md:table-cell md:p-2 md:text-sm">
                {cell.programName}
                <span className="block font-normal text-slate-700">
                  {t("feedback.table.stageAndQuarter", {
                    stage: words(STAGE_LABELS[cell.stage]),
                    quarter: quarterWords(cell.quarter, tc),
                  })}
                </span>
              </th>
              <td className="flex justify-between gap-2 border-t border-slate-100 py-1.5 md:table-cell md:border-0 md:p-2">
                <span className="md:hidden">{t("feedback.table.answers")}</span>
                <span>{cell.heldBack ? t("feedback.table.heldBack") : cell.answers}</span>
              </td>
              {EXPERIENCE_QUESTIONS.map((q) => (
                <td
                  key={q}
                  className="flex justify-between gap-2 border-t border-slate-100 py-1.5 md:table-cell md:border-0 md:p-1.5"
                >
                  <span className="md:hidden">{words(QUESTION_WORDING[q].staff)}</span>
                  <span>
                    {formatAverage(cell.averages[q])}{" "}
                    <span className="text-slate-700">{t("feedback.table.count", { count: cell.counts[q] })}</span>
                  </span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Why "Mark as read" did not go through; shown at the top, where the page opens after sending. */
function useMarkReadErrors() {
  const lastResult = useActionData<typeof action>();
  return lastResult?.error ? Object.values(lastResult.error).flatMap((e) => e ?? []) : [];
}

function MarkAsRead({ report }: { report: Loaded }) {
  const busy = useNavigation().state === "submitting";
  const errors = useMarkReadErrors();
  const { t } = useTranslation("staff");
  return (
    <section aria-labelledby="mark-read-heading" className="card mt-8">
      <h2 id="mark-read-heading" className="text-xl font-semibold">
        {t("feedback.markRead.heading")}
      </h2>
      <p className="mt-1">{t("feedback.markRead.text")}</p>
      <Form method="post" className="mt-3" aria-describedby={errors.length ? "mark-read-errors" : undefined}>
        <input type="hidden" name="shown" value={report.shown} />
        <input type="hidden" name="program" value={report.filters.programId ?? ""} />
        <input type="hidden" name="stage" value={report.filters.stage ?? ""} />
        <input type="hidden" name="quarter" value={report.filters.quarter ?? ""} />
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("feedback.markRead.button")}
        </button>
      </Form>
    </section>
  );
}

function Comments({ comments }: { comments: Loaded["comments"] }) {
  const { t } = useTranslation("staff");
  const { t: tc } = useTranslation("common");
  const words = useMessage();
  if (comments.length === 0) return <p className="card mt-3">{t("feedback.comments.none")}</p>;
  return (
    <ul className="mt-3 space-y-3">
      {comments.map((c, index) => (
        // No ids: an anonymous answer's id must not reach the page.
        <li key={index} className="card">
          <p className="whitespace-pre-wrap">{c.comment}</p>
          <p className="mt-2 text-sm text-slate-700">
            {c.anonymous ? (
              <>
                <strong>{t("feedback.comments.anonymous")}</strong>
                {` · ${c.programName}`}
              </>
            ) : (
              <>
                <strong>{c.consultantName ?? t("feedback.comments.aConsultant")}</strong>
                {[
                  "",
                  ...(c.engagementTitle ? [c.engagementTitle] : []),
                  c.programName,
                  words(STAGE_LABELS[c.stage]),
                  quarterWords(c.quarter, tc),
                  c.recordedByName
                    ? t("feedback.comments.writtenDownBy", {
                        source: words(SOURCE_LABELS[c.source]),
                        name: c.recordedByName,
                      })
                    : words(SOURCE_LABELS[c.source]),
                ].join(" · ")}
              </>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}

export default function FeedbackReport() {
  const words = useMessage();
  const report = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const markReadErrors = useMarkReadErrors();
  const { t } = useTranslation("staff");
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="page-title">{t("feedback.title")}</h1>
        <div className="flex flex-wrap gap-2">
          <Link to="/feedback/new" className="btn-secondary">
            {t("feedback.list.recordMeeting")}
          </Link>
          <a href={`/feedback.csv${report.csvQuery ? `?${report.csvQuery}` : ""}`} className="btn-secondary" download>
            {t("feedback.list.downloadCsv")}
          </a>
        </div>
      </div>
      <p className="mt-1 max-w-3xl text-slate-700">{t("feedback.list.intro")}</p>
      <div className="mt-4">
        {done === "recorded" ? <Notice>{t("feedback.list.recorded")}</Notice> : null}
        {done === "read" ? <Notice>{t("feedback.list.markedRead")}</Notice> : null}
        <FormErrors id="mark-read-errors" errors={markReadErrors} />
      </div>

      <Filters report={report} />

      {report.heldBackPrograms.length ? (
        <div className="mt-4 rounded-md border border-slate-400 bg-slate-50 p-3" role="note">
          <p className="font-semibold">{t("feedback.heldBack.heading")}</p>
          {report.heldBackPrograms.map((name) => (
            <p key={name} className="mt-1">
              {t("feedback.heldBack.program", { program: name, threshold: report.threshold })}
            </p>
          ))}
          <p className="mt-1 text-sm text-slate-700">{t("feedback.heldBack.why")}</p>
        </div>
      ) : null}

      <section aria-labelledby="averages-heading" className="mt-6">
        <h2 id="averages-heading" className="text-xl font-semibold">
          {t("feedback.averages.heading")}
        </h2>
        {report.overall.answers === 0 ? (
          <p className="card mt-3">{t("feedback.averages.none")}</p>
        ) : report.overall.heldBack ? (
          <p className="card mt-3">{t("feedback.averages.selectionHeldBack")}</p>
        ) : (
          <>
            <div className="card mt-3">
              <p id="chart-summary">{summaryOf(report.overall, t, words)}</p>
              <div className="mt-3">
                <AverageScoresChart chart={report.chart} titleId="chart-title" summaryId="chart-summary" />
              </div>
              <p className="mt-2 text-sm text-slate-700">{t("feedback.averages.chartNote")}</p>
            </div>
            <h3 className="mt-6 text-lg font-semibold">{t("feedback.averages.byCell")}</h3>
            <AveragesTable cells={report.cells} />
            <p className="mt-2 text-sm text-slate-700">{t("feedback.averages.heldBackNote")}</p>
          </>
        )}
      </section>

      <section aria-labelledby="comments-heading" className="mt-8">
        <h2 id="comments-heading" className="text-xl font-semibold">
          {t("feedback.comments.heading")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("feedback.comments.help")}</p>
        <Comments comments={report.comments} />
      </section>

      {report.overall.answers === 0 ? null : <MarkAsRead report={report} />}
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
