import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CircleSummary, PartnersPuzzle } from "~/components/assessment-summary";
import { DomainChart } from "~/components/domain-chart";
import { Notice } from "~/components/forms";
import { TemplateLanguageNote } from "~/components/template-language-note";
import { languageFor } from "~/i18n/i18n.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { AGREEMENT_POINTS, ANONYMOUS_GROUP } from "~/models/assessment/anonymous-groups.server";
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
    anonymousGroup: ANONYMOUS_GROUP,
    agreementPoints: AGREEMENT_POINTS,
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
            <AreaTable
              caption={t("assessments.results.caption")}
              headings={[
                t("assessments.results.area"),
                t("assessments.results.score"),
                t("assessments.results.before"),
                t("assessments.results.changeHeading"),
              ]}
              rows={data.domains.map((d) => ({
                key: d.key,
                title: d.title,
                note: d.notApplicable > 0 ? t("assessments.results.notApplicable", { count: d.notApplicable }) : null,
                cells: [
                  <Score
                    key="score"
                    percent={d.percent}
                    scored={d.scored}
                    total={d.items}
                    detail={
                      d.spread && d.spread.respondents > 1
                        ? t("assessTogether.results.spread", {
                            lowest: d.spread.lowest,
                            highest: d.spread.highest,
                            count: d.spread.respondents,
                          })
                        : null
                    }
                  />,
                  d.previousPercent === null ? "–" : t("assessments.percent", { percent: d.previousPercent }),
                  t(CHANGE_WORDS[d.change]),
                ],
              }))}
            />
          </section>
        </>
      )}

      {data.survivors ? (
        <SideBySide id={data.id} survivors={data.survivors} group={data.anonymousGroup} points={data.agreementPoints} />
      ) : null}

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

/** A table of scored areas: one row per area, headed by its title (and a note under it). */
function AreaTable({
  caption,
  headings,
  rows,
}: {
  caption: string;
  headings: string[];
  rows: { key: string; title: string; note?: string | null; cells: ReactNode[] }[];
}) {
  return (
    <table className="mt-2 w-full max-w-3xl text-left">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {headings.map((h) => (
            <th key={h} scope="col" className="p-2">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className="border-t border-slate-200">
            <th scope="row" className="p-2 font-normal">
              {row.title}
              {row.note ? <span className="block text-sm text-slate-700">{row.note}</span> : null}
            </th>
            {row.cells.map((cell, i) => (
              <td key={i} className="p-2">
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An area's score, what it rests on, and one more line about it if there is one. */
function Score({
  percent,
  scored,
  total,
  detail,
}: {
  percent: number | null;
  scored?: number;
  total?: number;
  detail?: string | null;
}) {
  const { t } = useTranslation("staff");
  return (
    <>
      {percent === null ? t("assessments.results.noScore") : t("assessments.percent", { percent })}
      {scored !== undefined ? (
        <span className="block text-sm text-slate-700">{t("assessTogether.results.restsOn", { scored, total })}</span>
      ) : null}
      {detail ? <span className="block text-sm text-slate-700">{detail}</span> : null}
    </>
  );
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type Survivors = NonNullable<Loaded["survivors"]>;

const AGREEMENT_WORDS = {
  close: "assessTogether.side.agreement.close",
  mixed: "assessTogether.side.agreement.mixed",
  "far apart": "assessTogether.side.agreement.farApart",
} as const;

/**
 * The staff view and the survivors' view per area, once the survivors' view may show; it says how
 * many answers it rests on and that answers without a name are added a whole group at a time.
 */
function SideBySide({
  id,
  survivors,
  group,
  points,
}: {
  id: string;
  survivors: Survivors;
  group: number;
  points: Loaded["agreementPoints"];
}) {
  const { t } = useTranslation("staff");
  return (
    <section aria-labelledby="side-heading" className="mt-8">
      <h2 id="side-heading" className="text-lg font-semibold">
        {t("assessTogether.side.heading")}
      </h2>
      {!survivors.shown ? (
        <div className="card mt-2 max-w-3xl">
          <p>{t("assessTogether.side.notYet", { group })}</p>
          {survivors.named > 0 ? (
            <p className="mt-1">{t("assessTogether.side.namedSoFar", { count: survivors.named })}</p>
          ) : null}
        </div>
      ) : (
        <>
          <p className="mt-1 max-w-3xl text-slate-700">
            {t("assessTogether.side.intro", { count: survivors.respondents })}{" "}
            {t("assessTogether.side.restsOn", { named: survivors.named, anonymous: survivors.anonymous })}{" "}
            {t("assessTogether.side.inGroups", { group, waiting: group - 1 })}
          </p>
          <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("assessTogether.side.agreementHelp", points)}</p>
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
          <AreaTable
            caption={t("assessTogether.side.caption")}
            headings={[
              t("assessments.results.area"),
              t("assessTogether.side.staff"),
              t("assessTogether.side.survivors"),
            ]}
            rows={survivors.areas.map((a) => ({
              key: a.key,
              title: a.title,
              cells: [
                <Score key="staff" percent={a.staffPercent} />,
                a.heldBack ? (
                  t("assessTogether.side.heldBack", { group })
                ) : (
                  <Score
                    key="survivors"
                    percent={a.survivorsPercent}
                    scored={a.survivorsScored ?? 0}
                    total={a.items}
                    detail={a.agreement ? t(AGREEMENT_WORDS[a.agreement]) : null}
                  />
                ),
              ],
            }))}
          />
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
