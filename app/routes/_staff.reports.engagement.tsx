import { SafeTrans } from "~/i18n/safe-trans";
import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PeriodFilter } from "~/components/period-filter";
import { DEFAULT_LANGUAGE, intlLocale } from "~/i18n/config";
import { useMessage } from "~/i18n/use-message";
import { languageFor } from "~/i18n/i18n.server";
import { engagementReport } from "~/models/engagement-report.server";
import { periodFromAddress, programOptions } from "~/models/engagement-stats.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { LEVEL_LABELS, STAGE_LABELS } from "~/utils/engagement-options";
import { HELD_BACK_NOTE, PERIOD_RULES, type ReportTable } from "~/utils/engagement-report-options";
import { todayIn } from "~/utils/format";
import { quarterWords } from "~/utils/period";
import { formatLongDay } from "~/utils/long-day";
import { INPUT_STATUS_LABELS } from "~/utils/program-input-options";
import { useFormat } from "~/utils/use-format";

export const handle = { title: "staff:reports.title" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const organizationId = membership.organizationId;
  const url = new URL(request.url);
  const language = await languageFor(request, user.preferredLanguage);
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
    report: engagementReport({ organizationId, period: scoped, today, includeNames, language }),
  };
});

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

const percentOf = (share: number | null) => (share === null ? "–" : `${Math.round(share * 100)}%`);

/**
 * "1 January 2025": a day the way a printed report says it, in the reader's language ("1 de enero de
 * 2025"). English keeps the portal's day-month-year order.
 */
function useLongDay() {
  const { language } = useFormat();
  return useMemo(() => {
    if (language === DEFAULT_LANGUAGE) return formatLongDay;
    const format = new Intl.DateTimeFormat(intlLocale(language), {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    });
    return (isoDay: string) => format.format(new Date(`${isoDay}T00:00:00Z`));
  }, [language]);
}

export default function EngagementReportPage() {
  const data = useLoaderData<typeof loader>();
  const { report } = data;
  const { t } = useTranslation("staff");
  const words = useMessage();
  const longDay = useLongDay();
  return (
    <article className="space-y-6 print:space-y-4 print:text-sm">
      <header>
        <h1 className="page-title">{t("reports.title")}</h1>
        <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">{t("reports.organization")}</dt>
          <dd>{data.organizationName}</dd>
          <dt className="font-semibold">{t("reports.period")}</dt>
          <dd>{t("reports.periodRange", { from: longDay(data.period.from), to: longDay(data.period.to) })}</dd>
          <dt className="font-semibold">{t("reports.program")}</dt>
          <dd>{data.programName ?? t("reports.everyProgram")}</dd>
          <dt className="font-semibold">{t("reports.generatedOn")}</dt>
          <dd>{longDay(data.generatedOn)}</dd>
        </dl>
      </header>

      <Filters data={data} />
      <PrintButton />

      <section aria-labelledby="how-counted" className="card print:border-0 print:p-0 print:shadow-none">
        <h2 id="how-counted" className="text-lg font-semibold">
          {t("reports.howCounted")}
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {PERIOD_RULES.map((rule) => (
            <li key={rule}>{words(rule)}</li>
          ))}
          <li>{t("reports.countedNotNamed")}</li>
          <li>{t("reports.yearEarlierRule")}</li>
        </ul>
      </section>

      <ConsultantsEngaged data={data} />
      <MixSection
        id="stages"
        title={t("reports.stages.title")}
        caption={t("reports.stages.caption")}
        rows={report.mix.current.byStage.map((row, i) => ({
          label: words(STAGE_LABELS[row.stage]),
          now: row,
          before: report.mix.previous.byStage[i]!,
        }))}
        data={data}
      />
      <MixSection
        id="levels"
        title={t("reports.levels.title")}
        caption={t("reports.levels.caption")}
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
  const { t } = useTranslation("staff");
  return (
    <PeriodFilter
      label={t("reports.filters.label")}
      action="/reports/engagement"
      typed={data.typed}
      errors={data.errors}
      programs={data.programs}
      submitLabel={t("reports.filters.submit")}
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
            {t("reports.filters.names")}
          </label>
          <p id="report-names-help" className="text-sm text-slate-700">
            {t("reports.filters.namesHelp")}
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
  const { t } = useTranslation("staff");
  return (
    <div className="flex flex-wrap items-center gap-3 print:hidden">
      {scripted ? (
        <button type="button" className="btn-secondary" onClick={() => window.print()}>
          {t("reports.print.button")}
        </button>
      ) : null}
      <p className="text-sm text-slate-700">
        {scripted ? t("reports.print.scripted") : t("reports.print.unscripted")} {t("reports.print.leftOff")}
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
  const { t } = useTranslation("staff");
  return (
    <p className="mt-2 print:hidden">
      <a className="link" href={`/reports/engagement.csv?table=${table}&${data.csvQuery}`} download>
        <SafeTrans
          t={t}
          i18nKey="reports.csvLink"
          values={{ label }}
          components={{ hidden: <span className="sr-only" /> }}
        />
      </a>
    </p>
  );
}

function ConsultantsEngaged({ data }: { data: Loaded }) {
  const { current, previous } = data.report.mix;
  const named = data.report.named;
  const { t } = useTranslation("staff");
  return (
    <Section id="consultants" title={t("reports.consultants.title")}>
      <p className="mt-2 text-2xl font-bold">{current.consultantsEngaged}</p>
      <p>
        {current.consultantsEngaged === 0
          ? t("reports.consultants.none")
          : t("reports.consultants.engaged", { count: current.consultantsEngaged })}{" "}
        {t("reports.consultants.yearEarlier", { number: previous.consultantsEngaged })}
      </p>
      {named ? (
        <>
          <h3 className="mt-4 font-semibold">{t("reports.consultants.namedHeading")}</h3>
          {named.named.length === 0 ? (
            <p className="mt-1">{t("reports.consultants.namedNone")}</p>
          ) : (
            <ul className="mt-1 list-disc pl-5">
              {named.named.map((n) => (
                <li key={n.preferredName}>{n.preferredName}</li>
              ))}
            </ul>
          )}
          {named.withLimits > 0 ? (
            <p className="mt-2 text-sm print:hidden">
              {t("reports.consultants.withLimits", { count: named.withLimits })}
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
  const { t } = useTranslation("staff");
  const fmt = useFormat();
  const line = (label: string, now: MixRow, before: MixRow, total = false) => (
    <tr key={label} className={`${tr} ${total ? "font-semibold" : ""}`}>
      <th scope="row" className={`${td} font-semibold`}>
        {label}
      </th>
      <td className={td}>{now.engagements}</td>
      <td className={td}>{before.engagements}</td>
      <td className={td}>{fmt.hours(now.hundredths)}</td>
      <td className={td}>{fmt.hours(before.hundredths)}</td>
      <td className={td}>{fmt.money(now.feeCents)}</td>
      <td className={td}>{fmt.money(before.feeCents)}</td>
    </tr>
  );
  return (
    <Section id={id} title={title}>
      {current.total.engagements === 0 ? <p className="mt-2">{t("reports.mix.none")}</p> : null}
      <ReportTableBox caption={caption} wide>
        <thead>
          <tr>
            <th scope="col" className={th}>
              {id === "stages" ? t("reports.mix.stage") : t("reports.mix.level")}
            </th>
            <th scope="col" className={th}>
              {t("reports.mix.engagements")}
            </th>
            <th scope="col" className={th}>
              {t("reports.mix.yearEarlier")}
            </th>
            <th scope="col" className={th}>
              {t("reports.mix.hours")}
            </th>
            <th scope="col" className={th}>
              {t("reports.mix.yearEarlier")}
            </th>
            <th scope="col" className={th}>
              {t("reports.mix.fees")}
            </th>
            <th scope="col" className={th}>
              {t("reports.mix.yearEarlier")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => line(r.label, r.now, r.before))}
          {line(t("reports.mix.total"), current.total, previous.total, true)}
        </tbody>
      </ReportTableBox>
      {id === "stages" ? (
        <p className="mt-2 text-sm">{t("reports.mix.expenses", { amount: current.total.expensesCents })}</p>
      ) : null}
      <CsvLink table={id} label={title} data={data} />
    </Section>
  );
}

function TimelinessSection({ data }: { data: Loaded }) {
  const p = data.report.timeliness;
  const { t } = useTranslation("staff");
  const fmt = useFormat();
  const rows: [string, string][] = [
    [t("reports.timeliness.paid"), String(p.paidCount)],
    [
      t("reports.timeliness.medianDays"),
      p.medianDaysToPay === null ? "–" : t("reports.timeliness.days", { count: p.medianDaysToPay }),
    ],
    [
      t("reports.timeliness.onTime"),
      p.paidCount === 0
        ? "–"
        : t("reports.timeliness.onTimeValue", {
            paid: p.paidOnTime,
            total: p.paidCount,
            percent: percentOf(p.onTimeRate),
          }),
    ],
    [
      t("reports.timeliness.overdue"),
      t("reports.timeliness.overdueValue", { number: p.overdueCount, amount: fmt.money(p.overdueFeeCents) }),
    ],
    [t("reports.timeliness.unpaidWork"), String(p.unpaidWorkCount)],
  ];
  return (
    <Section id="timeliness" title={t("reports.timeliness.title")}>
      {p.paidCount === 0 ? <p className="mt-2">{t("reports.timeliness.none")}</p> : null}
      <ReportTableBox caption={t("reports.timeliness.caption")}>
        <thead>
          <tr>
            <th scope="col" className={th}>
              {t("reports.timeliness.measure")}
            </th>
            <th scope="col" className={th}>
              {t("reports.timeliness.value")}
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
      <p className="mt-2 text-sm">{t("reports.timeliness.note")}</p>
      <CsvLink table="timeliness" label={t("reports.timeliness.title")} data={data} />
    </Section>
  );
}

function FeedbackSection({ data }: { data: Loaded }) {
  const quarters = data.report.feedback;
  const anyAnswers = quarters.some((q) => q.answers !== null && q.answers > 0);
  const anyHeldBack = quarters.some((q) => q.heldBack);
  const { t } = useTranslation("staff");
  const { t: tc } = useTranslation("common");
  const words = useMessage();
  return (
    <Section id="feedback" title={t("reports.feedback.title")}>
      <p className="mt-2">{t("reports.feedback.intro")}</p>
      {!anyAnswers && !anyHeldBack ? <p className="mt-2">{t("reports.feedback.none")}</p> : null}
      <ReportTableBox caption={t("reports.feedback.caption")}>
        <thead>
          <tr>
            <th scope="col" className={th}>
              {t("reports.feedback.quarter")}
            </th>
            <th scope="col" className={th}>
              {t("reports.feedback.answers")}
            </th>
            <th scope="col" className={th}>
              {t("reports.feedback.average")}
            </th>
          </tr>
        </thead>
        <tbody>
          {quarters.map((q) => (
            <tr key={q.quarter} className={tr}>
              <th scope="row" className={`${td} font-semibold`}>
                {quarterWords(q.quarter, tc)}
              </th>
              <td className={td}>{q.heldBack ? "–" : q.answers}</td>
              <td className={td}>
                {q.heldBack ? words(HELD_BACK_NOTE) : q.average === null ? "–" : q.average.toFixed(1)}
              </td>
            </tr>
          ))}
        </tbody>
      </ReportTableBox>
      <CsvLink table="feedback" label={t("reports.feedback.csvLabel")} data={data} />
    </Section>
  );
}

function HighlightsSection({ data }: { data: Loaded }) {
  const words = useMessage();
  const { items, leftOut } = data.report.highlights;
  const { t } = useTranslation("staff");
  const longDay = useLongDay();
  return (
    <Section id="highlights" title={t("reports.highlights.title")}>
      <p className="mt-2">{t("reports.highlights.intro")}</p>
      {items.length === 0 ? (
        <p className="mt-2">{t("reports.highlights.none")}</p>
      ) : (
        <ReportTableBox caption={t("reports.highlights.caption")} wide>
          <thead>
            <tr>
              <th scope="col" className={th}>
                {t("reports.highlights.programStage")}
              </th>
              <th scope="col" className={th}>
                {t("reports.highlights.told")}
              </th>
              <th scope="col" className={th}>
                {t("reports.highlights.did")}
              </th>
              <th scope="col" className={th}>
                {t("reports.highlights.decision")}
              </th>
              <th scope="col" className={th}>
                {t("reports.highlights.reportedBack")}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((h, i) => (
              <tr key={i} className={tr}>
                <th scope="row" className={`${td} font-semibold`}>
                  {h.programName}
                  {h.stage ? (
                    <span className="block font-normal text-slate-700">{words(STAGE_LABELS[h.stage])}</span>
                  ) : null}
                </th>
                <td className={`${td} min-w-[12rem]`}>{h.summary}</td>
                <td className={`${td} min-w-[12rem]`}>{h.response}</td>
                <td className={td}>{words(INPUT_STATUS_LABELS[h.decision])}</td>
                <td className={`${td} whitespace-nowrap`}>{longDay(h.reportedBackOn)}</td>
              </tr>
            ))}
          </tbody>
        </ReportTableBox>
      )}
      {leftOut > 0 ? (
        <p className="mt-2 text-sm print:hidden">{t("reports.highlights.leftOut", { count: leftOut })}</p>
      ) : null}
      {items.length > 0 ? <CsvLink table="highlights" label={t("reports.highlights.title")} data={data} /> : null}
    </Section>
  );
}

const CHANGE_KEYS = {
  up: "reports.readiness.changes.up",
  down: "reports.readiness.changes.down",
  unchanged: "reports.readiness.changes.unchanged",
  "not comparable": "reports.readiness.changes.notComparable",
} as const;

function ReadinessSection({ data }: { data: Loaded }) {
  const { latest, openActions } = data.report.readiness;
  const fmt = useFormat();
  const { t } = useTranslation("staff");
  const longDay = useLongDay();
  return (
    <Section id="readiness" title={t("reports.readiness.title")}>
      {latest === null ? (
        <p className="mt-2">{t("reports.readiness.none")}</p>
      ) : (
        <>
          <p className="mt-2">
            {latest.previousCompletedAt
              ? t("reports.readiness.from", {
                  title: latest.title,
                  day: longDay(fmt.day(latest.completedAt!)),
                  previous: longDay(fmt.day(latest.previousCompletedAt)),
                })
              : t("reports.readiness.fromFirst", { title: latest.title, day: longDay(fmt.day(latest.completedAt!)) })}
          </p>
          <ReportTableBox caption={t("reports.readiness.caption")}>
            <thead>
              <tr>
                <th scope="col" className={th}>
                  {t("reports.readiness.domain")}
                </th>
                <th scope="col" className={th}>
                  {t("reports.readiness.score")}
                </th>
                <th scope="col" className={th}>
                  {t("reports.readiness.previous")}
                </th>
                <th scope="col" className={th}>
                  {t("reports.readiness.change")}
                </th>
              </tr>
            </thead>
            <tbody>
              {latest.domains.map((d) => (
                <tr key={d.key} className={tr}>
                  <th scope="row" className={`${td} font-semibold`}>
                    {d.title}
                  </th>
                  <td className={td}>
                    {d.percent !== null
                      ? `${d.percent}%`
                      : d.allNotApplicable
                        ? t("reports.readiness.notApplicable")
                        : t("assessTogether.report.tooFewAnswers")}
                  </td>
                  <td className={td}>{d.previousPercent === null ? "–" : `${d.previousPercent}%`}</td>
                  <td className={td}>{t(CHANGE_KEYS[d.change])}</td>
                </tr>
              ))}
            </tbody>
          </ReportTableBox>
          <CsvLink table="readiness" label={t("reports.readiness.csvLabel")} data={data} />
        </>
      )}
      <p className="mt-2">{t("reports.readiness.openActions", { number: openActions })}</p>
    </Section>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
