import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CircleSummary, PartnersPuzzle } from "~/components/assessment-summary";
import { DomainChart } from "~/components/domain-chart";
import { Notice } from "~/components/forms";
import { TemplateLanguageNote } from "~/components/template-language-note";
import { languageFor } from "~/i18n/i18n.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { assessmentResults } from "~/models/assessment/results.server";
import { READINESS_TEMPLATE_KEY } from "~/models/dashboard.server";
import { partnersPuzzle } from "~/utils/partners-puzzle";
import { useFormat } from "~/utils/use-format";

export const handle = { title: "staff:assessments.results.title" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const language = await languageFor(request, user.preferredLanguage);
  const { assessment, template, shown, answers, progress, domains, previous, overall, staffRespondents, survivors } =
    assessmentResults(membership.organizationId, params.id ?? "", language);
  return {
    id: assessment.id,
    title: assessment.title,
    status: assessment.status,
    completedAt: assessment.completedAt,
    templateTitle: template.title,
    templateVersion: template.version,
    shown,
    adaptedFrom: template.adaptedFrom ?? null,
    sources: template.sources,
    summary: template.summary,
    progress,
    domains,
    overall,
    staffRespondents,
    // The survivors' view is of the readiness checklist, the one consultants are asked to answer.
    survivors: template.key === READINESS_TEMPLATE_KEY ? survivors : null,
    previous,
    // The summaries that are not scores need the template and every answer.
    template: template.summary === "domain_scores" ? null : template,
    answers: template.summary === "domain_scores" ? {} : answers,
    puzzle: template.summary === "puzzle" ? partnersPuzzle(template, answers) : null,
  };
});

const CHANGE_WORDS = {
  up: "assessments.results.change.up",
  down: "assessments.results.change.down",
  unchanged: "assessments.results.change.unchanged",
  "not comparable": "assessments.results.change.notComparable",
} as const;

export default function AssessmentResults() {
  const data = useLoaderData<typeof loader>();
  const fmt = useFormat();
  const { t } = useTranslation("staff");
  const dateText = (d: Date | string | null) => (d ? fmt.date(d) : "");
  const [searchParams] = useSearchParams();
  const hasPrevious = Boolean(data.previous);
  return (
    <>
      <p className="text-sm print:hidden">
        <Link to={`/assessments/${data.id}`} className="link">
          {t("assessments.results.back")}
        </Link>
      </p>
      <h1 className="page-title">{t("assessments.results.heading", { title: data.title })}</h1>
      <p className="text-slate-700">
        {t("assessments.results.template", { title: data.templateTitle })}{" "}
        {data.status === "complete"
          ? t("assessments.results.completedOn", { date: dateText(data.completedAt) })
          : t("assessments.results.stillDraft")}{" "}
        {t("assessments.results.answered", { answered: data.progress.answered, total: data.progress.total })}
      </p>
      <TemplateLanguageNote fallback={data.shown.fallback} version={data.templateVersion} />
      {searchParams.get("done") === "completed" ? <Notice>{t("assessments.results.markedComplete")}</Notice> : null}
      {data.summary === "domain_scores" ? (
        <p className="mt-2 max-w-3xl">
          {data.overall.percent === null
            ? t("assessTogether.results.noScoresYet", {
                answered: data.overall.answered,
                total: data.overall.items,
                needed: data.overall.needed,
              })
            : t("assessTogether.results.overall", {
                percent: data.overall.percent,
                scored: data.overall.scored,
                total: data.overall.items,
              })}{" "}
          {data.staffRespondents > 0 ? t("assessTogether.results.staffView", { count: data.staffRespondents }) : null}
        </p>
      ) : null}
      {data.summary === "domain_scores" ? (
        <p className="mt-3 print:hidden">
          <Link to={`/assessments/${data.id}/actions`} className="btn-secondary">
            {t("assessments.results.toActionPlan")}
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
              {t("assessments.results.chartHeading")}
            </h2>
            <p className="mt-1 text-sm text-slate-700">
              {t("assessments.results.howScored")}{" "}
              {hasPrevious
                ? t("assessments.results.previousBar", { date: dateText(data.previous!.completedAt) })
                : t("assessments.results.noPrevious")}
            </p>
            <div className="mt-3">
              <DomainChart
                domains={data.domains}
                title={t("assessments.results.chartTitle")}
                hasPrevious={hasPrevious}
              />
            </div>
          </section>

          <section aria-labelledby="table-heading" className="mt-6">
            <h2 id="table-heading" className="text-lg font-semibold">
              {t("assessments.results.numbers")}
            </h2>
            <table className="mt-2 w-full max-w-3xl text-left">
              <caption className="sr-only">{t("assessments.results.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="p-2">
                    {t("assessments.results.area")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("assessments.results.score")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("assessments.results.before")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("assessments.results.changeHeading")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.domains.map((d) => (
                  <tr key={d.key} className="border-t border-slate-200">
                    <th scope="row" className="p-2 font-normal">
                      {d.title}
                      {d.notApplicable > 0 ? (
                        <span className="block text-sm text-slate-700">
                          {t("assessments.results.notApplicable", { count: d.notApplicable })}
                        </span>
                      ) : null}
                    </th>
                    <td className="p-2">
                      {d.percent === null
                        ? t("assessments.results.noScore")
                        : t("assessments.percent", { percent: d.percent })}
                      <span className="block text-sm text-slate-700">
                        {t("assessTogether.results.restsOn", { scored: d.scored, total: d.items })}
                      </span>
                      {d.spread && d.spread.respondents > 1 ? (
                        <span className="block text-sm text-slate-700">
                          {t("assessTogether.results.spread", {
                            lowest: d.spread.lowest,
                            highest: d.spread.highest,
                            count: d.spread.respondents,
                          })}
                        </span>
                      ) : null}
                    </td>
                    <td className="p-2">
                      {d.previousPercent === null ? "–" : t("assessments.percent", { percent: d.previousPercent })}
                    </td>
                    <td className="p-2">{t(CHANGE_WORDS[d.change])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}

      {data.survivors ? <SideBySide id={data.id} survivors={data.survivors} /> : null}

      {data.adaptedFrom || data.sources.length > 0 ? (
        <section aria-labelledby="sources-heading" className="mt-6 max-w-3xl text-sm text-slate-700">
          <h2 id="sources-heading" className="font-semibold">
            {t("assessments.results.sources")}
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

type Survivors = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["survivors"]>;

/** The staff view and the survivors' view per area, with their spread, once enough consultants answered. */
function SideBySide({ id, survivors }: { id: string; survivors: Survivors }) {
  const { t } = useTranslation("staff");
  const score = (percent: number | null) =>
    percent === null ? t("assessments.results.noScore") : t("assessments.percent", { percent });
  return (
    <section aria-labelledby="side-heading" className="mt-8">
      <h2 id="side-heading" className="text-lg font-semibold">
        {t("assessTogether.side.heading")}
      </h2>
      {!survivors.shown ? (
        <p className="card mt-2">{t("assessTogether.side.moreNeeded", { count: survivors.moreNeeded })}</p>
      ) : (
        <>
          <p className="mt-1 max-w-3xl text-slate-700">
            {t("assessTogether.side.intro", { count: survivors.respondents })}
          </p>
          {survivors.mostDifferent.length > 0 ? (
            <div className="card mt-3 max-w-3xl">
              <h3 className="font-semibold">{t("assessTogether.side.mostDifferent")}</h3>
              <ul className="mt-1 list-disc pl-5">
                {survivors.mostDifferent.map((key) => {
                  const a = survivors.areas.find((x) => x.key === key)!;
                  return (
                    <li key={key}>
                      {a.difference! < 0
                        ? t("assessTogether.side.lower", {
                            area: a.title,
                            points: -a.difference!,
                            staff: a.staffPercent,
                            survivors: a.survivorsPercent,
                          })
                        : t("assessTogether.side.higher", {
                            area: a.title,
                            points: a.difference,
                            staff: a.staffPercent,
                            survivors: a.survivorsPercent,
                          })}
                    </li>
                  );
                })}
              </ul>
            </div>
          ) : null}
          <table className="mt-3 w-full max-w-3xl text-left">
            <caption className="sr-only">{t("assessTogether.side.caption")}</caption>
            <thead>
              <tr>
                <th scope="col" className="p-2">
                  {t("assessments.results.area")}
                </th>
                <th scope="col" className="p-2">
                  {t("assessTogether.side.staff")}
                </th>
                <th scope="col" className="p-2">
                  {t("assessTogether.side.survivors")}
                </th>
              </tr>
            </thead>
            <tbody>
              {survivors.areas.map((a) => (
                <tr key={a.key} className="border-t border-slate-200">
                  <th scope="row" className="p-2 font-normal">
                    {a.title}
                  </th>
                  <td className="p-2">{score(a.staffPercent)}</td>
                  <td className="p-2">
                    {score(a.survivorsPercent)}
                    <span className="block text-sm text-slate-700">
                      {t("assessTogether.results.restsOn", { scored: a.survivorsScored, total: a.items })}
                    </span>
                    {a.survivorsSpread && a.survivorsSpread.respondents > 1 ? (
                      <span className="block text-sm text-slate-700">
                        {t("assessTogether.results.spread", {
                          lowest: a.survivorsSpread.lowest,
                          highest: a.survivorsSpread.highest,
                          count: a.survivorsSpread.respondents,
                        })}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p className="mt-2 print:hidden">
        <Link to={`/assessments/${id}/invite`} className="link">
          {t("assessTogether.fill.askConsultants")}
        </Link>
      </p>
    </section>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
