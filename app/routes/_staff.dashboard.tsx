import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { BarChart } from "~/components/bar-chart";
import { FlagBadge } from "~/components/consent-status";
import { DomainChart } from "~/components/domain-chart";
import { PeriodFilter } from "~/components/period-filter";
import { languageFor, translator } from "~/i18n/i18n.server";
import { translateMessage } from "~/i18n/message";
import { SafeTrans } from "~/i18n/safe-trans";
import { useMessage } from "~/i18n/use-message";
import { liveFigures, periodFigures } from "~/models/dashboard.server";
import { periodFromAddress, programOptions } from "~/models/engagement-stats.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { can } from "~/models/permissions";
import { barChart } from "~/utils/bar-chart.server";
import { cachedFigures } from "~/utils/figures-cache.server";
import { REVIEW_WINDOW_DAYS } from "~/utils/consent-options";
import { STATUS_LABELS } from "~/utils/consultant-options";
import { LEVEL_LABELS, STAGE_LABELS } from "~/utils/engagement-options";
import { todayIn } from "~/utils/format";
import { quarterWords } from "~/utils/period";
import { useFormat } from "~/utils/use-format";
import { formatCents, formatHours } from "~/utils/money";

export const handle = { title: "staff:dashboard.title" };

const count = (n: number) => String(n);

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const organizationId = membership.organizationId;
  const today = todayIn(membership.organizationTimeZone);
  const { period, typed, errors } = periodFromAddress(organizationId, new URL(request.url).searchParams, today);
  const refreshQuery = new URLSearchParams(
    Object.entries({ from: period.from, to: period.to, program: period.programId ?? "", fresh: "1" }).filter(
      ([, v]) => v !== "",
    ),
  ).toString();
  const url = new URL(request.url);
  // The charts are drawn here, so their words and figures are in the reader's language here.
  const language = await languageFor(request, user.preferredLanguage);
  // The period's figures may be a minute old (they read every engagement, hour and payment of the
  // period); what needs doing and consent are always read fresh. They name the readiness areas in
  // the reader's language, so each language keeps its own.
  const figures = cachedFigures(
    `${organizationId}|dashboard|${period.from}|${period.to}|${period.programId ?? ""}|${today}|${language}`,
    () => periodFigures(organizationId, period, today, language),
    { fresh: url.searchParams.get("fresh") === "1" },
  );
  const d = { ...figures.value, ...liveFigures(organizationId, { userId: user.id, role: membership.role }, today) };
  const programs = programOptions(organizationId);
  const { current, previous } = d.shaping;
  const t = translator(language, "staff");
  const common = translator(language);
  const words = (text: string) => translateMessage(common, text);
  const nowAndBefore = <T,>(now: T[], before: T[], pick: (row: T) => number) => [
    { key: "now", label: t("dashboard.charts.thisPeriod"), short: t("dashboard.charts.now"), values: now.map(pick) },
    {
      key: "before",
      label: t("dashboard.charts.yearBefore"),
      short: t("dashboard.charts.before"),
      values: before.map(pick),
    },
  ];
  const byStage = (pick: (row: (typeof current.byStage)[number]) => number) =>
    nowAndBefore(current.byStage, previous.byStage, pick);
  const stages = current.byStage.map((s) => ({ key: s.stage, label: words(STAGE_LABELS[s.stage]) }));
  return {
    preferredName: user.preferredName,
    mayApprovePayments: can(membership.role, "payment:approve"),
    organizationName: membership.organizationName,
    period,
    programName: programs.find((p) => p.id === period.programId)?.name ?? null,
    typed,
    errors,
    programs,
    computedAt: figures.computedAt,
    refreshQuery,
    ...d,
    charts: {
      engagementsByStage: barChart({ categories: stages, series: byStage((s) => s.engagements), format: count }),
      hoursByStage: barChart({
        categories: stages,
        series: byStage((s) => s.hundredths),
        format: (v) => formatHours(v, language),
      }),
      payByStage: barChart({
        categories: stages,
        series: byStage((s) => s.feeCents),
        format: (v) => formatCents(v, language),
      }),
      engagementsByLevel: barChart({
        categories: current.byLevel.map((l) => ({ key: l.level, label: words(LEVEL_LABELS[l.level]) })),
        series: nowAndBefore(current.byLevel, previous.byLevel, (l) => l.engagements),
        format: count,
      }),
      experience: barChart({
        categories: d.loop.experience.map((q) => ({ key: q.quarter, label: quarterWords(q.quarter, common) })),
        series: [
          {
            key: "average",
            label: t("dashboard.charts.averageScore"),
            values: d.loop.experience.map((q) => q.average),
          },
        ],
        format: (v) => t("dashboard.charts.scoreOf5", { score: v.toFixed(1) }),
        max: 5,
        emptyLabel: t("dashboard.charts.notShown"),
      }),
      consultants: barChart({
        categories: d.onboarding.byStatus.map((s) => ({ key: s.status, label: words(STATUS_LABELS[s.status]) })),
        series: [
          { key: "count", label: t("dashboard.charts.consultants"), values: d.onboarding.byStatus.map((s) => s.count) },
        ],
        format: count,
      }),
    },
  };
});

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** A share as a percentage, or the words for none yet. */
function usePercent() {
  const { t } = useTranslation("staff");
  return (share: number | null) =>
    share === null ? t("dashboard.noFigure") : t("dashboard.percent", { value: Math.round(share * 100) });
}

function Panel({
  id,
  question,
  children,
  alert,
}: {
  id: string;
  question: string;
  children: ReactNode;
  alert?: boolean;
}) {
  return (
    <section aria-labelledby={id} className={`card min-w-0 ${alert ? "border-2 border-red-700" : ""}`}>
      <h2 id={id} className="text-lg font-semibold">
        {question}
      </h2>
      {children}
    </section>
  );
}

function DetailLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="mt-3">
      <Link to={to} className="link inline-flex min-h-[44px] items-center">
        {children}
      </Link>
    </p>
  );
}

function Shaping({ d }: { d: Data }) {
  const { t, i18n } = useTranslation("staff");
  const words = useMessage();
  const percent = usePercent();
  const { share, previousShare, current, previous, previousPeriod } = d.shaping;
  const lastYear = { from: previousPeriod.from, to: previousPeriod.to };
  const stageSummary =
    current.total.engagements === 0
      ? t("dashboard.shaping.noneStarted")
      : t("dashboard.shaping.byStageSummary", {
          count: current.total.engagements,
          stages: current.byStage
            .map((s) => `${words(STAGE_LABELS[s.stage]).toLocaleLowerCase(i18n.language)} ${s.engagements}`)
            .join(", "),
          before: previous.total.engagements,
        });
  return (
    <Panel id="panel-shaping" question={t("dashboard.shaping.question")}>
      <p className="mt-2 text-xl font-semibold">
        {share === null ? t("dashboard.shaping.noneYet") : t("dashboard.shaping.share", { percent: percent(share) })}
      </p>
      <p className="mt-1 text-slate-700">
        {previousShare === null
          ? t("dashboard.shaping.noneYearBefore", lastYear)
          : t("dashboard.shaping.yearBefore", { ...lastYear, percent: percent(previousShare) })}{" "}
        {current.consultantsEngaged > 0
          ? t("dashboard.shaping.consultantsEngaged", { count: current.consultantsEngaged })
          : null}
      </p>
      <BarChart chart={d.charts.engagementsByStage} title={t("dashboard.shaping.byStage")} summary={stageSummary} />
      <BarChart
        chart={d.charts.hoursByStage}
        title={t("dashboard.shaping.hoursByStage")}
        summary={t("dashboard.shaping.hoursSummary", {
          now: current.total.hundredths,
          before: previous.total.hundredths,
        })}
      />
      <BarChart
        chart={d.charts.payByStage}
        title={t("dashboard.shaping.payByStage")}
        summary={t("dashboard.shaping.paySummary", {
          fees: current.total.feeCents,
          expenses: current.total.expensesCents,
          before: previous.total.feeCents,
        })}
      />
      <BarChart
        chart={d.charts.engagementsByLevel}
        title={t("dashboard.shaping.byLevel")}
        summary={
          current.total.engagements === 0
            ? t("dashboard.shaping.noneStarted")
            : t("dashboard.listEnd", {
                list: current.byLevel
                  .filter((l) => l.engagements > 0)
                  .map((l) => t("dashboard.labelCount", { label: words(LEVEL_LABELS[l.level]), n: l.engagements }))
                  .join(", "),
              })
        }
      />
      <Breadth breadth={d.breadth} />
      <DetailLink to="/programs">{t("dashboard.shaping.link")}</DetailLink>
    </Panel>
  );
}

/**
 * How broad is survivor input: different consultants (not engagements) per program and stage, as a
 * table that reads without JavaScript and scrolls sideways inside itself on a narrow screen (relative,
 * so its screen-reader-only words stay inside it and never widen the page).
 */
function Breadth({ breadth }: { breadth: Data["breadth"] }) {
  const { t } = useTranslation("staff");
  const words = useMessage();
  const cell = "border-b border-slate-200 px-2 py-1 text-right tabular-nums";
  const people = (c: { consultants: number; engagements: number }) =>
    c.engagements === 0 ? (
      <>
        <span aria-hidden="true">–</span>
        <span className="sr-only">{t("breadth.none")}</span>
      </>
    ) : (
      <>
        <span className="font-semibold">{c.consultants}</span>
        <span className="block text-xs text-slate-700">{t("breadth.engagements", { count: c.engagements })}</span>
      </>
    );
  return (
    <div className="mt-4">
      <h3 id="breadth-heading" className="font-semibold">
        {t("breadth.heading")}
      </h3>
      <p className="mt-1 text-sm text-slate-700">
        {breadth.consultants === 0 ? t("breadth.noneYet") : t("breadth.summary", { count: breadth.consultants })}
      </p>
      {breadth.programs.length > 0 ? (
        <div className="relative mt-2 overflow-x-auto" tabIndex={0} role="region" aria-labelledby="breadth-heading">
          <table className="w-full text-sm">
            <caption className="sr-only">{t("breadth.caption")}</caption>
            <thead>
              <tr>
                <th scope="col" className="border-b border-slate-300 px-2 py-1 text-left">
                  {t("breadth.program")}
                </th>
                {breadth.byStage.map((s) => (
                  <th key={s.stage} scope="col" className="border-b border-slate-300 px-2 py-1 text-right">
                    {words(STAGE_LABELS[s.stage])}
                  </th>
                ))}
                <th scope="col" className="border-b border-slate-300 px-2 py-1 text-right">
                  {t("breadth.anyStage")}
                </th>
              </tr>
            </thead>
            <tbody>
              {breadth.programs.map((p) => (
                <tr key={p.id}>
                  <th scope="row" className="border-b border-slate-200 px-2 py-1 text-left font-medium">
                    {p.name}
                  </th>
                  {p.byStage.map((c) => (
                    <td key={c.stage} className={cell}>
                      {people(c)}
                    </td>
                  ))}
                  <td className={cell}>{people(p)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" className="px-2 py-1 text-left">
                  {t("breadth.everyProgram")}
                </th>
                {breadth.byStage.map((c) => (
                  <td key={c.stage} className="px-2 py-1 text-right tabular-nums">
                    {people(c)}
                  </td>
                ))}
                <td className="px-2 py-1 text-right tabular-nums">
                  {people({
                    consultants: breadth.consultants,
                    engagements: breadth.byStage.reduce((n, s) => n + s.engagements, 0),
                  })}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      ) : null}
      <p className="mt-2 text-xs text-slate-700">{t("breadth.howCounted")}</p>
    </div>
  );
}

function Pay({ d }: { d: Data }) {
  const { t } = useTranslation("staff");
  const percent = usePercent();
  const p = d.pay;
  return (
    <Panel id="panel-pay" question={t("dashboard.pay.question")} alert={p.overdueCount > 0}>
      <dl className="mt-2 grid gap-3 sm:grid-cols-2">
        <div>
          <dt className="text-sm text-slate-700">{t("dashboard.pay.medianDays")}</dt>
          <dd className="text-xl font-semibold">
            {p.medianDaysToPay === null
              ? t("dashboard.pay.noneMade")
              : t("dashboard.pay.days", { count: p.medianDaysToPay })}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-700">{t("dashboard.pay.onTime")}</dt>
          <dd className="text-xl font-semibold">
            {p.onTimeRate === null
              ? t("dashboard.pay.noneMade")
              : t("dashboard.pay.onTimeOf", { paid: p.paidOnTime, total: p.paidCount, percent: percent(p.onTimeRate) })}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-700">{t("dashboard.pay.overdueNow")}</dt>
          <dd className={`text-xl font-semibold ${p.overdueCount ? "text-red-800" : ""}`}>
            {p.overdueCount === 0
              ? t("dashboard.none")
              : t("dashboard.pay.overdue", { count: p.overdueCount, amount: p.overdueFeeCents })}
            {p.unpaidWorkCount > 0 ? (
              <span className="block text-sm font-normal">
                {t("dashboard.pay.unpaidWork", { count: p.unpaidWorkCount })}
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-700">{t("dashboard.pay.belowFair", { amount: p.fairHourlyCents })}</dt>
          <dd className="text-xl font-semibold">
            {p.belowFairRate === 0 ? t("dashboard.none") : t("dashboard.pay.engagements", { count: p.belowFairRate })}
            {p.fairRateUnknown > 0 ? (
              <span className="block text-sm font-normal text-slate-700">
                {t("dashboard.pay.fairUnknown", { count: p.fairRateUnknown })}
              </span>
            ) : null}
          </dd>
        </div>
        {d.mayApprovePayments ? (
          <div>
            <dt className="text-sm text-slate-700">{t("dashboard.pay.awaitingApproval")}</dt>
            <dd className="text-xl font-semibold">
              {p.awaitingApproval === 0 ? t("dashboard.none") : p.awaitingApproval}
            </dd>
          </div>
        ) : null}
      </dl>
      <DetailLink to="/payments">{t("dashboard.pay.link")}</DetailLink>
    </Panel>
  );
}

function Consent({ d }: { d: Data }) {
  const { t } = useTranslation("staff");
  const flagged = d.consent.flaggedUses;
  return (
    <Panel id="panel-consent" question={t("dashboard.consent.question")} alert={flagged.length > 0}>
      <p className="mt-1 text-sm text-slate-700">{t("dashboard.asOfToday")}</p>
      {flagged.length === 0 ? (
        <p className="mt-2">{t("dashboard.consent.noneFlagged")}</p>
      ) : (
        <>
          <p className="mt-2 font-semibold text-red-900">{t("dashboard.consent.flagged", { count: flagged.length })}</p>
          <ul className="mt-2 space-y-2">
            {flagged.map((u) => (
              <li key={u.id} className="rounded-md border border-red-700 bg-red-50 p-3">
                <FlagBadge cause={u.flagCause} />
                <p className="mt-1">
                  <Link to={`/consent/uses/${u.id}`} className="link font-semibold">
                    {u.description}
                  </Link>{" "}
                  · {u.preferredName} · {u.purposeLabel}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="mt-3">
        {t("dashboard.consent.endingSoon", { count: d.consent.expiringSoonCount, days: REVIEW_WINDOW_DAYS })}{" "}
        {t("dashboard.consent.ended", { count: d.consent.expiredCount })}
      </p>
      <DetailLink to="/consent">{t("dashboard.consent.link")}</DetailLink>
    </Panel>
  );
}

function Loop({ d }: { d: Data }) {
  const { t } = useTranslation("staff");
  const { t: tc } = useTranslation("common");
  const percent = usePercent();
  const l = d.loop;
  const shown = l.experience.filter((q) => q.average !== null);
  const heldBack = l.experience.some((q) => q.heldBack);
  return (
    <Panel id="panel-loop" question={t("dashboard.loop.question")}>
      <p className="mt-2 text-xl font-semibold">
        {l.received === 0
          ? t("dashboard.loop.noneReceived")
          : t("dashboard.loop.reportedBack", {
              reported: l.reportedBack,
              received: l.received,
              percent: percent(l.closureRate),
            })}
      </p>
      {l.received > 0 ? (
        <p className="mt-1">
          {l.open === 0
            ? t("dashboard.loop.nothingOpen")
            : l.openTooLong > 0
              ? t("dashboard.loop.stillOpenTooLong", { count: l.open, tooLong: l.openTooLong })
              : t("dashboard.loop.stillOpen", { count: l.open })}
        </p>
      ) : null}
      <BarChart
        chart={d.charts.experience}
        title={t("dashboard.loop.chart")}
        summary={
          shown.length === 0
            ? t("dashboard.loop.noScores")
            : t("dashboard.listEnd", {
                list: shown
                  .map((q) =>
                    t("dashboard.loop.quarterScore", {
                      quarter: quarterWords(q.quarter, tc),
                      average: q.average!.toFixed(1),
                      count: q.answers ?? 0,
                    }),
                  )
                  .join("; "),
              })
        }
      />
      {heldBack ? <p className="mt-2 text-sm text-slate-700">{t("dashboard.loop.heldBack")}</p> : null}
      <DetailLink to="/feedback">{t("dashboard.loop.link")}</DetailLink>
    </Panel>
  );
}

function Readiness({ d }: { d: Data }) {
  const { t } = useTranslation("staff");
  const { latest, openActions } = d.readiness;
  const fmt = useFormat();
  const domainWords = (dm: NonNullable<typeof latest>["domains"][number]) => {
    if (dm.percent === null) return t("dashboard.readiness.domainNoScore", { title: dm.title });
    if (dm.previousPercent === null) return t("dashboard.readiness.domain", { title: dm.title, percent: dm.percent });
    const change = dm.percent - dm.previousPercent;
    return t(change >= 0 ? "dashboard.readiness.domainUp" : "dashboard.readiness.domainDown", {
      title: dm.title,
      percent: dm.percent,
      count: Math.abs(change),
    });
  };
  return (
    <Panel id="panel-readiness" question={t("dashboard.readiness.question")}>
      {latest === null ? (
        <p className="mt-2">
          <SafeTrans
            t={t}
            i18nKey="dashboard.readiness.none"
            components={{ start: <Link to="/assessments" className="link" /> }}
          />
        </p>
      ) : (
        <>
          <p className="mt-2">
            {latest.previousCompletedAt
              ? t("dashboard.readiness.completedCompared", {
                  title: latest.title,
                  date: fmt.date(latest.completedAt!),
                  previous: fmt.date(latest.previousCompletedAt),
                })
              : t("dashboard.readiness.completed", { title: latest.title, date: fmt.date(latest.completedAt!) })}
          </p>
          <p className="mt-1 text-slate-700">
            {t("dashboard.listEnd", { list: latest.domains.map(domainWords).join("; ") })}
          </p>
          <DomainChart
            domains={latest.domains}
            title={t("dashboard.readiness.chart")}
            hasPrevious={latest.previousCompletedAt !== null}
          />
          <DetailLink to={`/assessments/${latest.id}/results`}>{t("dashboard.readiness.link")}</DetailLink>
        </>
      )}
      <p className="mt-2">
        {openActions === 0
          ? t("dashboard.readiness.noActions")
          : t("dashboard.readiness.openActions", { count: openActions })}
      </p>
    </Panel>
  );
}

function Onboarding({ d }: { d: Data }) {
  const { t } = useTranslation("staff");
  const words = useMessage();
  const o = d.onboarding;
  return (
    <Panel id="panel-onboarding" question={t("dashboard.onboarding.question")}>
      <p className="mt-1 text-sm text-slate-700">{t("dashboard.asOfToday")}</p>
      <p className="mt-2 text-xl font-semibold">
        {o.total === 0
          ? t("dashboard.onboarding.none")
          : t("dashboard.onboarding.onboarding", {
              count: o.onboarding,
              steps: t("dashboard.onboarding.steps", { count: o.stepsOutstanding }),
            })}
      </p>
      {o.total > 0 ? (
        <BarChart
          chart={d.charts.consultants}
          title={t("dashboard.onboarding.chart")}
          summary={t("dashboard.listEnd", {
            list: o.byStatus
              .map((s) => t("dashboard.labelCount", { label: words(STATUS_LABELS[s.status]), n: s.count }))
              .join(", "),
          })}
        />
      ) : null}
      <DetailLink to={o.total === 0 ? "/consultants/new" : "/consultants?status=onboarding"}>
        {o.total === 0 ? t("dashboard.onboarding.addFirst") : t("dashboard.onboarding.seeWho")}
      </DetailLink>
    </Panel>
  );
}

function NeedsYou({ d }: { d: Data }) {
  const { t } = useTranslation("staff");
  const n = d.needsYou;
  const items: { key: string; content: ReactNode }[] = [];
  for (const p of n.neededNow)
    items.push({
      key: `needed-now-${p.id}`,
      content: (
        <SafeTrans
          t={t}
          i18nKey="dashboard.needsYou.neededNow"
          values={{ amount: p.feeCents, name: p.consultantName, title: p.title }}
          components={{
            tag: <strong className="font-semibold text-red-800" />,
            pay: <Link to={`/payments/${p.id}`} className="link" />,
          }}
        />
      ),
    });
  if (n.toApprove > 0)
    items.push({
      key: "approve",
      content: (
        <Link to="/payments?status=pending" className="link">
          {t("dashboard.needsYou.toApprove", { count: n.toApprove })}
        </Link>
      ),
    });
  if (n.toPay > 0)
    items.push({
      key: "pay",
      content: (
        <Link to="/payments?status=approved" className="link">
          {t("dashboard.needsYou.toPay", { count: n.toPay })}
        </Link>
      ),
    });
  for (const w of n.unpaidWork.items)
    items.push({
      key: `unpaid-${w.id}`,
      content: (
        <SafeTrans
          t={t}
          i18nKey={w.dueDate ? "dashboard.needsYou.unpaidOverdue" : "dashboard.needsYou.unpaid"}
          values={{ title: w.title, day: w.dueDate }}
          components={{
            work: <Link to={`/payments/new?engagement=${w.id}`} className="link" />,
            late: <span className="font-semibold text-red-800" />,
          }}
        />
      ),
    });
  if (n.unpaidWork.more)
    items.push({
      key: "unpaid-more",
      content: (
        <Link to="/payments?overdue=1" className="link">
          {t("dashboard.needsYou.moreUnpaid")}
        </Link>
      ),
    });
  for (const e of n.timeToApprove)
    items.push({
      key: `time-${e.id}`,
      content: (
        <SafeTrans
          t={t}
          i18nKey="dashboard.needsYou.timeToApprove"
          values={{ title: e.title, count: e.entries }}
          components={{ work: <Link to={`/engagements/${e.id}/time`} className="link" /> }}
        />
      ),
    });
  for (const e of n.supportAsked)
    items.push({
      key: `support-${e.id}`,
      content: (
        <SafeTrans
          t={t}
          i18nKey="dashboard.needsYou.supportAsked"
          values={{ title: e.title, count: e.requests }}
          components={{ work: <Link to={`/engagements/${e.id}/support`} className="link" /> }}
        />
      ),
    });
  for (const e of n.awaitingAcceptance)
    items.push({
      key: `accept-${e.id}`,
      content: (
        <SafeTrans
          t={t}
          i18nKey="dashboard.needsYou.awaitingAcceptance"
          values={{ title: e.title }}
          components={{ work: <Link to={`/engagements/${e.id}`} className="link" /> }}
        />
      ),
    });
  for (const a of n.myActions)
    items.push({
      key: `action-${a.id}`,
      content: (
        <SafeTrans
          t={t}
          i18nKey={
            !a.dueDate
              ? "dashboard.needsYou.action"
              : a.overdue
                ? "dashboard.needsYou.actionOverdue"
                : "dashboard.needsYou.actionDue"
          }
          values={{ title: a.title, day: a.dueDate }}
          components={{
            work: <Link to={`/assessments/${a.assessmentId}/actions`} className="link" />,
            when: <span className={a.overdue ? "font-semibold text-red-800" : ""} />,
          }}
        />
      ),
    });
  if (n.newIdeas > 0)
    items.push({
      key: "new-ideas",
      content: (
        <Link to="/program-inputs" className="link">
          {t("ideas.staff.needsYou", { count: n.newIdeas })}
        </Link>
      ),
    });
  for (const p of n.inputsWaiting)
    items.push({
      key: `input-${p.programId ?? "general"}`,
      content: (
        <SafeTrans
          t={t}
          i18nKey="dashboard.needsYou.inputWaiting"
          values={{ program: p.programName ?? t("ideas.staff.inGeneral"), count: p.n }}
          components={{
            program: <Link to={p.programId ? `/programs/${p.programId}/input` : "/program-inputs"} className="link" />,
          }}
        />
      ),
    });
  for (const c of n.checkInsOverdue.items)
    items.push({
      key: `check-in-${c.consultantId}`,
      content: (
        <SafeTrans
          t={t}
          i18nKey="capacity.needsYou.checkIn"
          values={{ name: c.preferredName, day: c.dueOn }}
          components={{ person: <Link to={`/consultants/${c.consultantId}`} className="link" /> }}
        />
      ),
    });
  if (n.checkInsOverdue.count > n.checkInsOverdue.items.length)
    items.push({
      key: "check-in-more",
      content: t("capacity.needsYou.moreCheckIns", {
        count: n.checkInsOverdue.count - n.checkInsOverdue.items.length,
      }),
    });
  if (d.consent.expiringSoonCount + d.consent.expiredCount > 0)
    items.push({
      key: "consent",
      content: (
        <Link to="/consent" className="link">
          {t("dashboard.needsYou.consents", { count: d.consent.expiringSoonCount + d.consent.expiredCount })}
        </Link>
      ),
    });
  return (
    <section aria-labelledby="panel-needs-you" className="card mt-6 border-2 border-brand-600">
      <h2 id="panel-needs-you" className="text-lg font-semibold">
        {t("dashboard.needsYou.heading")}
      </h2>
      {items.length === 0 ? (
        <p className="mt-2">{t("dashboard.needsYou.nothing")}</p>
      ) : (
        <ul className="mt-2 list-disc space-y-2 pl-5">
          {items.map((item) => (
            <li key={item.key}>{item.content}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default function Dashboard() {
  const { t } = useTranslation("staff");
  const d = useLoaderData<typeof loader>();
  const fmt = useFormat();
  const shown = { from: d.period.from, to: d.period.to };
  return (
    <>
      <h1 className="page-title">{t("dashboard.title")}</h1>
      <p className="mt-2 text-slate-700">
        {t("dashboard.welcome", { name: d.preferredName, organization: d.organizationName })}
      </p>
      <NeedsYou d={d} />
      <PeriodFilter
        label={t("dashboard.periodFilter")}
        action="/dashboard"
        typed={d.typed}
        errors={d.errors}
        programs={d.programs}
      />
      <p className="mt-3" aria-live="polite">
        {d.programName
          ? t("dashboard.showingProgram", { ...shown, program: d.programName })
          : t("dashboard.showingEvery", shown)}
      </p>
      <p className="mt-1 text-sm text-slate-700">
        <SafeTrans
          t={t}
          i18nKey="dashboard.asOf"
          values={{ time: fmt.dateTime(d.computedAt) }}
          components={{ now: <Link to={`/dashboard?${d.refreshQuery}`} className="link" /> }}
        />
      </p>
      <p className="mt-1 text-sm text-slate-700">
        <SafeTrans
          t={t}
          i18nKey="dashboard.howCounted"
          components={{
            report: (
              <Link
                to={`/reports/engagement?from=${d.period.from}&to=${d.period.to}${d.period.programId ? `&program=${d.period.programId}` : ""}`}
                className="link"
              />
            ),
          }}
        />
      </p>
      <div className="mt-4 grid gap-6 lg:grid-cols-2">
        <Shaping d={d} />
        <div className="grid content-start gap-6">
          <Pay d={d} />
          <Consent d={d} />
        </div>
        <Loop d={d} />
        <Readiness d={d} />
        <Onboarding d={d} />
      </div>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
