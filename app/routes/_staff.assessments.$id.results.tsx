/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { CircleSummary, PartnersPuzzle } from "~/components/assessment-summary";
import { DomainChart } from "~/components/domain-chart";
import { Notice } from "~/components/forms";
import { requirePermission } from "~/utils/auth/guards.server";
import { assessmentResults } from "~/models/assessment/results.server";
import { partnersPuzzle } from "~/utils/partners-puzzle";
import { useFormat } from "~/utils/use-format";

export const meta: MetaFunction = () => [{ title: "Self-assessment results" }];

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  const { assessment, template, answers, progress, domains, previous } = assessmentResults(
    membership.organizationId,
    params.id ?? "",
  );
  return {
    id: assessment.id,
    title: assessment.title,
    status: assessment.status,
    completedAt: assessment.completedAt,
    templateTitle: template.title,
    adaptedFrom: template.adaptedFrom ?? null,
    sources: template.sources,
    summary: template.summary,
    progress,
    domains,
    previous,
    // The summaries that are not scores need the template and every answer.
    template: template.summary === "domain_scores" ? null : template,
    answers: template.summary === "domain_scores" ? {} : answers,
    puzzle: template.summary === "puzzle" ? partnersPuzzle(template, answers) : null,
  };
});

const CHANGE_WORDS = {
  up: "▲ Up",
  down: "▼ Down",
  unchanged: "= Unchanged",
  "not comparable": "– Not comparable",
} as const;

export default function AssessmentResults() {
  const data = useLoaderData<typeof loader>();
  const fmt = useFormat();
  const dateText = (d: Date | string | null) => (d ? fmt.date(d) : "");
  const [searchParams] = useSearchParams();
  const hasPrevious = Boolean(data.previous);
  return (
    <>
      <p className="text-sm print:hidden">
        <Link to={`/assessments/${data.id}`} className="link">
          Back to the answers
        </Link>
      </p>
      <h1 className="page-title">Results: {data.title}</h1>
      <p className="text-slate-700">
        {data.templateTitle}.{" "}
        {data.status === "complete" ? `Completed on ${dateText(data.completedAt)}.` : "Still a draft: results so far."}{" "}
        {data.progress.answered} of {data.progress.total} items answered.
      </p>
      {searchParams.get("done") === "completed" ? <Notice>Marked complete.</Notice> : null}
      {data.summary === "domain_scores" ? (
        <p className="mt-3 print:hidden">
          <Link to={`/assessments/${data.id}/actions`} className="btn-secondary">
            Action plan: turn the gaps into work
          </Link>
        </p>
      ) : null}

      {data.summary === "circle" && data.template ? (
        <CircleSummary template={data.template} answers={data.answers} />
      ) : data.summary === "puzzle" && data.puzzle && data.template ? (
        <>
          <PartnersPuzzle puzzle={data.puzzle} />
          {/* The questions outside the sector tables (how COVID affected each sector). */}
          <CircleSummary
            template={{
              ...data.template,
              sections: data.template.sections.filter((s) => s.items.every((i) => i.type !== "table")),
            }}
            answers={data.answers}
          />
        </>
      ) : (
        <>
          <section aria-labelledby="chart-heading" className="card mt-6">
            <h2 id="chart-heading" className="text-lg font-semibold">
              Score per area
            </h2>
            <p className="mt-1 text-sm text-slate-700">
              Points earned over points possible. “Not applicable” answers are left out.
              {hasPrevious
                ? ` The outlined bar is the previous assessment (completed ${dateText(data.previous!.completedAt)}).`
                : " There is no earlier completed assessment to compare with yet."}
            </p>
            <div className="mt-3">
              <DomainChart domains={data.domains} title="Readiness score per area" hasPrevious={hasPrevious} />
            </div>
          </section>

          <section aria-labelledby="table-heading" className="mt-6">
            <h2 id="table-heading" className="text-lg font-semibold">
              The numbers
            </h2>
            <table className="mt-2 w-full max-w-3xl text-left">
              <caption className="sr-only">Score per area, and the change since the previous assessment</caption>
              <thead>
                <tr>
                  <th scope="col" className="p-2">
                    Area
                  </th>
                  <th scope="col" className="p-2">
                    Score
                  </th>
                  <th scope="col" className="p-2">
                    Before
                  </th>
                  <th scope="col" className="p-2">
                    Change
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.domains.map((d) => (
                  <tr key={d.key} className="border-t border-slate-200">
                    <th scope="row" className="p-2 font-normal">
                      {d.title}
                      {d.notApplicable > 0 ? (
                        <span className="block text-sm text-slate-700">{d.notApplicable} not applicable</span>
                      ) : null}
                    </th>
                    <td className="p-2">{d.percent === null ? "No score" : `${d.percent}%`}</td>
                    <td className="p-2">{d.previousPercent === null ? "–" : `${d.previousPercent}%`}</td>
                    <td className="p-2">{CHANGE_WORDS[d.change]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}

      {data.adaptedFrom || data.sources.length > 0 ? (
        <section aria-labelledby="sources-heading" className="mt-6 max-w-3xl text-sm text-slate-700">
          <h2 id="sources-heading" className="font-semibold">
            Sources
          </h2>
          {data.adaptedFrom ? <p>{data.adaptedFrom}</p> : null}
          <ul className="list-disc pl-5">
            {data.sources.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
