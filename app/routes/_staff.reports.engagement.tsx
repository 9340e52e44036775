/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { PeriodFilter } from "~/components/period-filter";
import { engagementReport } from "~/models/engagement-report.server";
import { periodFromAddress, programOptions } from "~/models/engagement-stats.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { LEVEL_LABELS, STAGE_LABELS } from "~/utils/engagement-options";
import { useMessage } from "~/i18n/use-message";
import { HELD_BACK_NOTE, PERIOD_RULES, type ReportTable } from "~/utils/engagement-report-options";
import { todayIn } from "~/utils/format";
import { formatCents, formatHours } from "~/utils/money";
import { formatLongDay, INPUT_STATUS_LABELS } from "~/utils/program-input-options";
import { useFormat } from "~/utils/use-format";

export const meta: MetaFunction = () => [{ title: "Funder and board report" }];

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  const organizationId = membership.organizationId;
  const url = new URL(request.url);
  const today = todayIn(membership.organizationTimeZone);
  const { period: scoped, typed, errors } = periodFromAddress(organizationId, url.searchParams, today);
  const programId = scoped.programId;
  const programs = programOptions(organizationId);
  const includeNames = url.searchParams.get("names") === "1";
  return {
    organizationName: membership.organizationName,
    generatedOn: today,
    period: scoped,
    programName: programs.find((p) => p.id === programId)?.name ?? null,
    programs,
    typed,
    errors,
    includeNames,
    // The downloads get the period actually shown, rebuilt from checked values only.
    csvQuery: new URLSearchParams({
      from: scoped.from,
      to: scoped.to,
      ...(programId ? { program: programId } : {}),
    }).toString(),
    report: engagementReport({ organizationId, period: scoped, today, includeNames }),
  };
});

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);
const percentOf = (share: number | null) => (share === null ? "–" : `${Math.round(share * 100)}%`);

export default function EngagementReportPage() {
  const data = useLoaderData<typeof loader>();
  const { report } = data;
  const words = useMessage();
  return (
    <article className="space-y-6 print:space-y-4 print:text-sm">
      <header>
        <h1 className="page-title">Funder and board report</h1>
        <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">Organization</dt>
          <dd>{data.organizationName}</dd>
          <dt className="font-semibold">Period</dt>
          <dd>
            {formatLongDay(data.period.from)} to {formatLongDay(data.period.to)}
          </dd>
          <dt className="font-semibold">Program</dt>
          <dd>{data.programName ?? "Every program"}</dd>
          <dt className="font-semibold">Generated on</dt>
          <dd>{formatLongDay(data.generatedOn)}</dd>
        </dl>
      </header>

      <Filters data={data} />
      <PrintButton />

      <section aria-labelledby="how-counted" className="card print:border-0 print:p-0 print:shadow-none">
        <h2 id="how-counted" className="text-lg font-semibold">
          How we count
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {PERIOD_RULES.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
          <li>
            Consultants are counted, not named. A name appears only when the consultant has said yes to “Use my name”
            and chose a name.
          </li>
          <li>“A year earlier” is the same dates one year before.</li>
        </ul>
      </section>

      <ConsultantsEngaged data={data} />
      <MixSection
        id="stages"
        title="Engagements, hours and pay by stage"
        caption="Engagements, approved hours and fees paid by program stage, this period and a year earlier"
        rows={report.mix.current.byStage.map((row, i) => ({
          label: words(STAGE_LABELS[row.stage]),
          now: row,
          before: report.mix.previous.byStage[i]!,
        }))}
        data={data}
      />
      <MixSection
        id="levels"
        title="Engagements, hours and pay by engagement level"
        caption="Engagements, approved hours and fees paid by engagement level, this period and a year earlier"
        rows={report.mix.current.byLevel.map((row, i) => ({
          label: words(LEVEL_LABELS[row.level]),
          now: row,
          before: report.mix.previous.byLevel[i]!,
        }))}
        data={data}
      />
      <TimelinessSection data={data} />
      <FeedbackSection data={data} />
      <HighlightsSection data={data} />
      <ReadinessSection data={data} />
    </article>
  );
}

function Filters({ data }: { data: Loaded }) {
  return (
    <PeriodFilter
      label="Choose the period"
      action="/reports/engagement"
      typed={data.typed}
      errors={data.errors}
      programs={data.programs}
      submitLabel="Show report"
    >
      <div className="mt-2 flex items-start gap-2">
        <input
          id="report-names"
          name="names"
          type="checkbox"
          value="1"
          defaultChecked={data.includeNames}
          aria-describedby="report-names-help"
          className="mt-1 h-5 w-5 rounded border-slate-400"
        />
        <div>
          <label htmlFor="report-names" className="font-medium">
            Add the list of consultants who agreed to be named
          </label>
          <p id="report-names-help" className="text-sm text-slate-700">
            Only consultants with a current yes to “Use my name”. Everyone else is counted, never named.
          </p>
        </div>
      </div>
    </PeriodFilter>
  );
}

/** window.print() needs scripts: without them the button is not shown and the words say what to do. */
function PrintButton() {
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  return (
    <div className="flex flex-wrap items-center gap-3 print:hidden">
      {scripted ? (
        <button type="button" className="btn-secondary" onClick={() => window.print()}>
          Print or save as PDF
        </button>
      ) : null}
      <p className="text-sm text-slate-700">
        {scripted
          ? "To save a PDF, choose “Save as PDF” as the printer."
          : "To print or save a PDF, use your browser’s Print command."}{" "}
        Menus, this form and download links are left off the paper.
      </p>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="card print:border-0 print:p-0 print:shadow-none">
      <h2 id={id} className="text-lg font-semibold print:break-after-avoid">
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * A table that scrolls inside its own box on a narrow screen; on paper it is shown whole. The
 * caption is read out by screen readers from the table; the same words are shown above the box,
 * where scrolling the table cannot cut them off.
 */
function ReportTableBox({ caption, wide = false, children }: { caption: string; wide?: boolean; children: ReactNode }) {
  return (
    <>
      <p aria-hidden="true" className="mt-3 text-sm text-slate-700">
        {caption}
      </p>
      <div
        className="mt-1 overflow-x-auto rounded-md border border-slate-200 print:overflow-visible print:border-0"
        role="region"
        aria-label={caption}
        // Keyboard users can scroll it too.
        tabIndex={0}
      >
        <table className={`w-full border-collapse text-left text-sm ${wide ? "min-w-[40rem] print:min-w-0" : ""}`}>
          <caption className="sr-only">{caption}</caption>
          {children}
        </table>
      </div>
    </>
  );
}

const th = "border-b border-slate-300 bg-slate-100 p-2 align-bottom font-semibold";
const td = "border-b border-slate-200 p-2 align-top";
// A row never splits across two pages.
const tr = "break-inside-avoid";

function CsvLink({ table, label, data }: { table: ReportTable; label: string; data: Loaded }) {
  return (
    <p className="mt-2 print:hidden">
      <a className="link" href={`/reports/engagement.csv?table=${table}&${data.csvQuery}`} download>
        Download this table as CSV<span className="sr-only"> ({label})</span>
      </a>
    </p>
  );
}

function ConsultantsEngaged({ data }: { data: Loaded }) {
  const { current, previous } = data.report.mix;
  const named = data.report.named;
  return (
    <Section id="consultants" title="Consultants engaged">
      <p className="mt-2 text-2xl font-bold">{current.consultantsEngaged}</p>
      <p>
        {current.consultantsEngaged === 0
          ? "No consultant had an engagement in this period."
          : `${plural(current.consultantsEngaged, "consultant was", "consultants were")} engaged in this period.`}{" "}
        A year earlier: {previous.consultantsEngaged}.
      </p>
      {named ? (
        <>
          <h3 className="mt-4 font-semibold">Consultants who agreed to be named</h3>
          {named.named.length === 0 ? (
            <p className="mt-1">None of the consultants engaged in this period has agreed to be named.</p>
          ) : (
            <ul className="mt-1 list-disc pl-5">
              {named.named.map((n) => (
                <li key={n.preferredName}>{n.preferredName}</li>
              ))}
            </ul>
          )}
          {named.withLimits > 0 ? (
            <p className="mt-2 text-sm print:hidden">
              {plural(named.withLimits, "more consultant", "more consultants")} agreed with limits they wrote down.
              Check their consent page before naming them.
            </p>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}

type MixRow = Loaded["report"]["mix"]["current"]["total"];

function MixSection({
  id,
  title,
  caption,
  rows,
  data,
}: {
  id: ReportTable;
  title: string;
  caption: string;
  rows: { label: string; now: MixRow; before: MixRow }[];
  data: Loaded;
}) {
  const { current, previous } = data.report.mix;
  const line = (label: string, now: MixRow, before: MixRow, total = false) => (
    <tr key={label} className={`${tr} ${total ? "font-semibold" : ""}`}>
      <th scope="row" className={`${td} font-semibold`}>
        {label}
      </th>
      <td className={td}>{now.engagements}</td>
      <td className={td}>{before.engagements}</td>
      <td className={td}>{formatHours(now.hundredths)}</td>
      <td className={td}>{formatHours(before.hundredths)}</td>
      <td className={td}>{formatCents(now.feeCents)}</td>
      <td className={td}>{formatCents(before.feeCents)}</td>
    </tr>
  );
  return (
    <Section id={id} title={title}>
      {current.total.engagements === 0 ? <p className="mt-2">No engagements in this period.</p> : null}
      <ReportTableBox caption={caption} wide>
        <thead>
          <tr>
            <th scope="col" className={th}>
              {id === "stages" ? "Stage" : "Level"}
            </th>
            <th scope="col" className={th}>
              Engagements
            </th>
            <th scope="col" className={th}>
              A year earlier
            </th>
            <th scope="col" className={th}>
              Approved hours
            </th>
            <th scope="col" className={th}>
              A year earlier
            </th>
            <th scope="col" className={th}>
              Fees paid
            </th>
            <th scope="col" className={th}>
              A year earlier
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => line(r.label, r.now, r.before))}
          {line("Total", current.total, previous.total, true)}
        </tbody>
      </ReportTableBox>
      {id === "stages" ? (
        <p className="mt-2 text-sm">Expenses reimbursed in the period: {formatCents(current.total.expensesCents)}.</p>
      ) : null}
      <CsvLink table={id} label={title} data={data} />
    </Section>
  );
}

function TimelinessSection({ data }: { data: Loaded }) {
  const t = data.report.timeliness;
  const rows: [string, string][] = [
    ["Payments made in the period", String(t.paidCount)],
    [
      "Median days from work completed to paid",
      t.medianDaysToPay === null ? "–" : plural(t.medianDaysToPay, "day", "days"),
    ],
    [
      "Paid by their due date",
      t.paidCount === 0 ? "–" : `${t.paidOnTime} of ${t.paidCount} (${percentOf(t.onTimeRate)})`,
    ],
    ["Overdue: due in the period and still unpaid", `${t.overdueCount} (${formatCents(t.overdueFeeCents)} in fees)`],
    ["Of which completed work with no payment recorded", String(t.unpaidWorkCount)],
  ];
  return (
    <Section id="timeliness" title="Paying on time">
      {t.paidCount === 0 ? <p className="mt-2">No payments were made in this period.</p> : null}
      <ReportTableBox caption="How quickly consultants were paid for work in this period">
        <thead>
          <tr>
            <th scope="col" className={th}>
              Measure
            </th>
            <th scope="col" className={th}>
              Value
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label} className={tr}>
              <th scope="row" className={`${td} font-semibold`}>
                {label}
              </th>
              <td className={td}>{value}</td>
            </tr>
          ))}
        </tbody>
      </ReportTableBox>
      <p className="mt-2 text-sm">
        A payment is due a set number of days after the work was completed, as its terms say; one without a due date
        (paid before the work was completed) counts as on time. Completed work with no payment recorded is overdue from
        the same day. Payments a consultant chose to defer or decline are not overdue.
      </p>
      <CsvLink table="timeliness" label="Paying on time" data={data} />
    </Section>
  );
}

function FeedbackSection({ data }: { data: Loaded }) {
  const quarters = data.report.feedback;
  const anyAnswers = quarters.some((q) => q.answers !== null && q.answers > 0);
  const anyHeldBack = quarters.some((q) => q.heldBack);
  return (
    <Section id="feedback" title="How consultants rated working with us">
      <p className="mt-2">
        The average of all experience questions (meaningful work, respect, fair pay, paid on time, clear scope, safety,
        would work with us again), from 1 (low) to 5 (high), by quarter.
      </p>
      {!anyAnswers && !anyHeldBack ? <p className="mt-2">No feedback in this period.</p> : null}
      <ReportTableBox caption="Average experience score by quarter, from 1 to 5">
        <thead>
          <tr>
            <th scope="col" className={th}>
              Quarter
            </th>
            <th scope="col" className={th}>
              Answers
            </th>
            <th scope="col" className={th}>
              Average score
            </th>
          </tr>
        </thead>
        <tbody>
          {quarters.map((q) => (
            <tr key={q.quarter} className={tr}>
              <th scope="row" className={`${td} font-semibold`}>
                {q.quarter}
              </th>
              <td className={td}>{q.heldBack ? "–" : q.answers}</td>
              <td className={td}>{q.heldBack ? HELD_BACK_NOTE : q.average === null ? "–" : q.average.toFixed(1)}</td>
            </tr>
          ))}
        </tbody>
      </ReportTableBox>
      <CsvLink table="feedback" label="Feedback scores" data={data} />
    </Section>
  );
}

function HighlightsSection({ data }: { data: Loaded }) {
  const words = useMessage();
  const { items, leftOut } = data.report.highlights;
  return (
    <Section id="highlights" title="You said, we did">
      <p className="mt-2">
        Input from consultants that we adopted, fully or in part, and reported back to them in this period. Only from
        consultants who agreed that their feedback may be used in reports, and without their names.
      </p>
      {items.length === 0 ? (
        <p className="mt-2">No input was adopted and reported back in this period.</p>
      ) : (
        <ReportTableBox caption="Input from consultants that we adopted and reported back, with what we did" wide>
          <thead>
            <tr>
              <th scope="col" className={th}>
                Program and stage
              </th>
              <th scope="col" className={th}>
                What consultants told us
              </th>
              <th scope="col" className={th}>
                What we did
              </th>
              <th scope="col" className={th}>
                Decision
              </th>
              <th scope="col" className={th}>
                Reported back
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((h, i) => (
              <tr key={i} className={tr}>
                <th scope="row" className={`${td} font-semibold`}>
                  {h.programName}
                  <span className="block font-normal text-slate-700">{words(STAGE_LABELS[h.stage])}</span>
                </th>
                <td className={`${td} min-w-[12rem]`}>{h.summary}</td>
                <td className={`${td} min-w-[12rem]`}>{h.response}</td>
                <td className={td}>{words(INPUT_STATUS_LABELS[h.decision])}</td>
                <td className={`${td} whitespace-nowrap`}>{formatLongDay(h.reportedBackOn)}</td>
              </tr>
            ))}
          </tbody>
        </ReportTableBox>
      )}
      {leftOut > 0 ? (
        <p className="mt-2 text-sm print:hidden">
          {plural(leftOut, "more item is", "more items are")} left out: the consultant has not agreed that their
          feedback may be used in reports.
        </p>
      ) : null}
      {items.length > 0 ? <CsvLink table="highlights" label="You said, we did" data={data} /> : null}
    </Section>
  );
}

const CHANGE_WORDS = {
  up: "Up",
  down: "Down",
  unchanged: "No change",
  "not comparable": "Not comparable",
} as const;

function ReadinessSection({ data }: { data: Loaded }) {
  const { latest, openActions } = data.report.readiness;
  const fmt = useFormat();
  return (
    <Section id="readiness" title="Readiness to work in a survivor-informed way">
      {latest === null ? (
        <p className="mt-2">No survivor-informed readiness self-assessment was completed by the end of this period.</p>
      ) : (
        <>
          <p className="mt-2">
            From “{latest.title}”, completed on {formatLongDay(fmt.day(latest.completedAt!))}
            {latest.previousCompletedAt
              ? `, compared with the one completed on ${formatLongDay(fmt.day(latest.previousCompletedAt))}`
              : " (the first one: nothing to compare with)"}
            . The self-assessment covers the whole organization, whatever program is chosen.
          </p>
          <ReportTableBox caption="Readiness score per domain, in percent of the highest answer, with the change since the previous self-assessment">
            <thead>
              <tr>
                <th scope="col" className={th}>
                  Domain
                </th>
                <th scope="col" className={th}>
                  Score
                </th>
                <th scope="col" className={th}>
                  Previous
                </th>
                <th scope="col" className={th}>
                  Change
                </th>
              </tr>
            </thead>
            <tbody>
              {latest.domains.map((d) => (
                <tr key={d.key} className={tr}>
                  <th scope="row" className={`${td} font-semibold`}>
                    {d.title}
                  </th>
                  <td className={td}>{d.percent === null ? "Not applicable" : `${d.percent}%`}</td>
                  <td className={td}>{d.previousPercent === null ? "–" : `${d.previousPercent}%`}</td>
                  <td className={td}>{CHANGE_WORDS[d.change]}</td>
                </tr>
              ))}
            </tbody>
          </ReportTableBox>
          <CsvLink table="readiness" label="Readiness" data={data} />
        </>
      )}
      <p className="mt-2">Open action items today: {openActions}.</p>
    </Section>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
