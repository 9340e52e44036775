/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { BarChart } from "~/components/bar-chart";
import { FlagBadge } from "~/components/consent-status";
import { DomainChart } from "~/components/domain-chart";
import { PeriodFilter } from "~/components/period-filter";
import { liveFigures, periodFigures } from "~/models/dashboard.server";
import { periodFromAddress, programOptions } from "~/models/engagement-stats.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { can } from "~/models/permissions";
import { barChart } from "~/utils/bar-chart.server";
import { cachedFigures } from "~/utils/figures-cache.server";
import { REVIEW_WINDOW_DAYS } from "~/utils/consent-options";
import { STATUS_LABELS } from "~/utils/consultant-options";
import { languageFor, translator } from "~/i18n/i18n.server";
import { translateMessage } from "~/i18n/message";
import { useMessage } from "~/i18n/use-message";
import { LEVEL_LABELS, STAGE_LABELS } from "~/utils/engagement-options";
import { formatDate, todayIn } from "~/utils/format";
import { useFormat } from "~/utils/use-format";
import { formatCents, formatHours } from "~/utils/money";

export const meta: MetaFunction = () => [{ title: "Dashboard" }];

const count = (n: number) => String(n);
const percent = (share: number | null) => (share === null ? "no figure yet" : `${Math.round(share * 100)}%`);
const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const organizationId = membership.organizationId;
  // Chart labels are drawn on the server, in the reader's language.
  const t = translator(await languageFor(request, user.preferredLanguage));
  const today = todayIn(membership.organizationTimeZone);
  const { period, typed, errors } = periodFromAddress(organizationId, new URL(request.url).searchParams, today);
  const refreshQuery = new URLSearchParams(
    Object.entries({ from: period.from, to: period.to, program: period.programId ?? "", fresh: "1" }).filter(
      ([, v]) => v !== "",
    ),
  ).toString();
  const url = new URL(request.url);
  // The period's figures may be a minute old (they read every engagement, hour and payment of the
  // period); what needs doing and consent are always read fresh.
  const figures = cachedFigures(
    `${organizationId}|dashboard|${period.from}|${period.to}|${period.programId ?? ""}|${today}`,
    () => periodFigures(organizationId, period, today),
    { fresh: url.searchParams.get("fresh") === "1" },
  );
  const d = { ...figures.value, ...liveFigures(organizationId, { userId: user.id, role: membership.role }, today) };
  const programs = programOptions(organizationId);
  const { current, previous } = d.shaping;
  const series = (label: string, pick: (row: (typeof current.byStage)[number]) => number) => [
    { key: "now", label: "This period", short: "now", values: current.byStage.map(pick) },
    { key: "before", label: label, short: "before", values: previous.byStage.map(pick) },
  ];
  const stages = current.byStage.map((s) => ({ key: s.stage, label: STAGE_LABELS[s.stage] }));
  const lastYear = `${formatDate(d.shaping.previousPeriod.from)} to ${formatDate(d.shaping.previousPeriod.to)}`;
  return {
    preferredName: user.preferredName,
    mayApprovePayments: can(membership.role, "payment:approve"),
    organizationName: membership.organizationName,
    period,
    programName: programs.find((p) => p.id === period.programId)?.name ?? null,
    typed,
    errors,
    programs,
    lastYear,
    computedAt: figures.computedAt,
    refreshQuery,
    ...d,
    charts: {
      engagementsByStage: barChart({
        categories: stages,
        series: series("A year before", (s) => s.engagements),
        format: count,
      }),
      hoursByStage: barChart({
        categories: stages,
        series: series("A year before", (s) => s.hundredths),
        format: formatHours,
      }),
      payByStage: barChart({
        categories: stages,
        series: series("A year before", (s) => s.feeCents),
        format: formatCents,
      }),
      engagementsByLevel: barChart({
        categories: current.byLevel.map((l) => ({ key: l.level, label: LEVEL_LABELS[l.level] })),
        series: [
          { key: "now", label: "This period", short: "now", values: current.byLevel.map((l) => l.engagements) },
          {
            key: "before",
            label: "A year before",
            short: "before",
            values: previous.byLevel.map((l) => l.engagements),
          },
        ],
        format: count,
      }),
      experience: barChart({
        categories: d.loop.experience.map((q) => ({ key: q.quarter, label: q.quarter })),
        series: [{ key: "average", label: "Average score", values: d.loop.experience.map((q) => q.average) }],
        format: (v) => `${v.toFixed(1)} of 5`,
        max: 5,
        emptyLabel: "not shown",
      }),
      consultants: barChart({
        categories: d.onboarding.byStatus.map((s) => ({
          key: s.status,
          label: translateMessage(t, STATUS_LABELS[s.status]),
        })),
        series: [{ key: "count", label: "Consultants", values: d.onboarding.byStatus.map((s) => s.count) }],
        format: count,
      }),
    },
  };
});

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

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

function stageSummary(d: Data) {
  const { current } = d.shaping;
  if (current.total.engagements === 0) return "No engagements started in this period.";
  const parts = current.byStage.map((s) => `${STAGE_LABELS[s.stage].toLowerCase()} ${s.engagements}`);
  return `${plural(current.total.engagements, "engagement", "engagements")}: ${parts.join(", ")}. A year before: ${
    d.shaping.previous.total.engagements
  }.`;
}

function Shaping({ d }: { d: Data }) {
  const { share, previousShare, current } = d.shaping;
  return (
    <Panel id="panel-shaping" question="Are survivors shaping design and evaluation, or only delivery?">
      <p className="mt-2 text-xl font-semibold">
        {share === null
          ? "No engagements in this period yet."
          : `${percent(share)} of engagements were in design or evaluation.`}
      </p>
      <p className="mt-1 text-slate-700">
        {previousShare === null
          ? `No engagements in the same dates a year before (${d.lastYear}).`
          : `A year before (${d.lastYear}): ${percent(previousShare)}.`}{" "}
        {current.consultantsEngaged > 0
          ? `${plural(current.consultantsEngaged, "consultant", "consultants")} engaged.`
          : null}
      </p>
      <BarChart chart={d.charts.engagementsByStage} title="Engagements by stage" summary={stageSummary(d)} />
      <BarChart
        chart={d.charts.hoursByStage}
        title="Approved hours by stage"
        summary={`${formatHours(current.total.hundredths)} approved in this period; ${formatHours(
          d.shaping.previous.total.hundredths,
        )} a year before.`}
      />
      <BarChart
        chart={d.charts.payByStage}
        title="Fees paid by stage"
        summary={`${formatCents(current.total.feeCents)} in fees paid in this period (expenses of ${formatCents(
          current.total.expensesCents,
        )} are reimbursed apart); ${formatCents(d.shaping.previous.total.feeCents)} a year before.`}
      />
      <BarChart
        chart={d.charts.engagementsByLevel}
        title="Engagements by level of engagement"
        summary={
          current.total.engagements === 0
            ? "No engagements started in this period."
            : current.byLevel
                .filter((l) => l.engagements > 0)
                .map((l) => `${LEVEL_LABELS[l.level]}: ${l.engagements}`)
                .join(", ") + "."
        }
      />
      <DetailLink to="/programs">See engagements by program</DetailLink>
    </Panel>
  );
}

function Pay({ d }: { d: Data }) {
  const p = d.pay;
  return (
    <Panel id="panel-pay" question="Are we paying fairly and on time?" alert={p.overdueCount > 0}>
      <dl className="mt-2 grid gap-3 sm:grid-cols-2">
        <div>
          <dt className="text-sm text-slate-700">Median days from work completed to paid</dt>
          <dd className="text-xl font-semibold">
            {p.medianDaysToPay === null ? "No payments made in this period" : plural(p.medianDaysToPay, "day", "days")}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-700">Paid by the due date</dt>
          <dd className="text-xl font-semibold">
            {p.onTimeRate === null
              ? "No payments made in this period"
              : `${p.paidOnTime} of ${p.paidCount} (${percent(p.onTimeRate)})`}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-700">Overdue now</dt>
          <dd className={`text-xl font-semibold ${p.overdueCount ? "text-red-800" : ""}`}>
            {p.overdueCount === 0
              ? "None"
              : `${plural(p.overdueCount, "payment", "payments")}, ${formatCents(p.overdueFeeCents)}`}
            {p.unpaidWorkCount > 0 ? (
              <span className="block text-sm font-normal">
                Of these, {plural(p.unpaidWorkCount, "is completed work", "are completed work")} with no payment
                recorded yet.
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-700">
            Engagements paying below your fair rate ({formatCents(p.fairHourlyCents)} an hour)
          </dt>
          <dd className="text-xl font-semibold">
            {p.belowFairRate === 0 ? "None" : plural(p.belowFairRate, "engagement", "engagements")}
            {p.fairRateUnknown > 0 ? (
              <span className="block text-sm font-normal text-slate-700">
                {plural(p.fairRateUnknown, "fixed fee has", "fixed fees have")} no hours estimate to compare.
              </span>
            ) : null}
          </dd>
        </div>
        {d.mayApprovePayments ? (
          <div>
            <dt className="text-sm text-slate-700">Payments waiting for approval</dt>
            <dd className="text-xl font-semibold">{p.awaitingApproval === 0 ? "None" : p.awaitingApproval}</dd>
          </div>
        ) : null}
      </dl>
      <DetailLink to="/payments">Review payments</DetailLink>
    </Panel>
  );
}

function Consent({ d }: { d: Data }) {
  const flagged = d.consent.flaggedUses;
  return (
    <Panel id="panel-consent" question="Is consent current?" alert={flagged.length > 0}>
      <p className="mt-1 text-sm text-slate-700">As of today, for every program.</p>
      {flagged.length === 0 ? (
        <p className="mt-2">No use needs to be taken down or stopped.</p>
      ) : (
        <>
          <p className="mt-2 font-semibold text-red-900">
            {plural(flagged.length, "use", "uses")} to take down or stop
          </p>
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
        {plural(d.consent.expiringSoonCount, "consent ends", "consents end")} within {REVIEW_WINDOW_DAYS} days;{" "}
        {plural(d.consent.expiredCount, "has", "have")} ended.
      </p>
      <DetailLink to="/consent">Review consent</DetailLink>
    </Panel>
  );
}

function Loop({ d }: { d: Data }) {
  const l = d.loop;
  const shown = l.experience.filter((q) => q.average !== null);
  const heldBack = l.experience.some((q) => q.heldBack);
  return (
    <Panel id="panel-loop" question="Are we closing the loop?">
      <p className="mt-2 text-xl font-semibold">
        {l.received === 0
          ? "No input received in this period."
          : `${l.reportedBack} of ${l.received} pieces of input reported back (${percent(l.closureRate)}).`}
      </p>
      {l.received > 0 ? (
        <p className="mt-1">
          {l.open === 0 ? "Nothing is still open." : `${plural(l.open, "item is", "items are")} still open`}
          {l.openTooLong > 0 ? `, ${l.openTooLong} of them for more than 60 days.` : l.open ? "." : ""}
        </p>
      ) : null}
      <BarChart
        chart={d.charts.experience}
        title="Average experience score by quarter (1 to 5)"
        summary={
          shown.length === 0
            ? "No experience scores to show for this period yet."
            : shown.map((q) => `${q.quarter}: ${q.average!.toFixed(1)} from ${q.answers} answers`).join("; ") + "."
        }
      />
      {heldBack ? (
        <p className="mt-2 text-sm text-slate-700">
          “Not shown”: a quarter with one or two anonymous answers is held back, so nobody can work out who said what.
        </p>
      ) : null}
      <DetailLink to="/feedback">Read the feedback</DetailLink>
    </Panel>
  );
}

function Readiness({ d }: { d: Data }) {
  const { latest, openActions } = d.readiness;
  const fmt = useFormat();
  return (
    <Panel id="panel-readiness" question="How ready are we?">
      {latest === null ? (
        <p className="mt-2">
          No readiness self-assessment has been completed by the end of this period.{" "}
          <Link to="/assessments" className="link">
            Start one
          </Link>
          .
        </p>
      ) : (
        <>
          <p className="mt-2">
            {latest.title}, completed {fmt.date(latest.completedAt!)}
            {latest.previousCompletedAt ? `; compared with ${fmt.date(latest.previousCompletedAt)}.` : "."}
          </p>
          <p className="mt-1 text-slate-700">
            {latest.domains
              .map((dm) => {
                const now = dm.percent === null ? "no score" : `${dm.percent}%`;
                const move =
                  dm.previousPercent === null || dm.percent === null
                    ? ""
                    : ` (${dm.percent - dm.previousPercent >= 0 ? "up" : "down"} ${Math.abs(dm.percent - dm.previousPercent)} points)`;
                return `${dm.title}: ${now}${move}`;
              })
              .join("; ")}
            .
          </p>
          <DomainChart
            domains={latest.domains}
            title="Readiness by domain, with the previous assessment"
            hasPrevious={latest.previousCompletedAt !== null}
          />
          <DetailLink to={`/assessments/${latest.id}/results`}>See the full results</DetailLink>
        </>
      )}
      <p className="mt-2">
        {openActions === 0
          ? "No open action items."
          : `${plural(openActions, "action item is", "action items are")} open.`}
      </p>
    </Panel>
  );
}

function Onboarding({ d }: { d: Data }) {
  const o = d.onboarding;
  const words = useMessage();
  return (
    <Panel id="panel-onboarding" question="Who is onboarding?">
      <p className="mt-1 text-sm text-slate-700">As of today, for every program.</p>
      <p className="mt-2 text-xl font-semibold">
        {o.total === 0
          ? "No consultants yet."
          : `${plural(o.onboarding, "consultant is", "consultants are")} onboarding, with ${plural(
              o.stepsOutstanding,
              "step",
              "steps",
            )} still to do.`}
      </p>
      {o.total > 0 ? (
        <BarChart
          chart={d.charts.consultants}
          title="Consultants by status"
          summary={o.byStatus.map((s) => `${words(STATUS_LABELS[s.status])}: ${s.count}`).join(", ") + "."}
        />
      ) : null}
      <DetailLink to={o.total === 0 ? "/consultants/new" : "/consultants?status=onboarding"}>
        {o.total === 0 ? "Add the first consultant" : "See who is onboarding"}
      </DetailLink>
    </Panel>
  );
}

function NeedsYou({ d }: { d: Data }) {
  const n = d.needsYou;
  const items: { key: string; content: ReactNode }[] = [];
  for (const p of n.neededNow)
    items.push({
      key: `needed-now-${p.id}`,
      content: (
        <>
          <strong className="font-semibold text-red-800">Needed now:</strong>{" "}
          <Link to={`/payments/${p.id}`} className="link">
            {formatCents(p.feeCents)} to {p.consultantName}
          </Link>{" "}
          for {p.title}
        </>
      ),
    });
  if (n.toApprove > 0)
    items.push({
      key: "approve",
      content: (
        <Link to="/payments?status=pending" className="link">
          {plural(n.toApprove, "payment", "payments")} to approve
        </Link>
      ),
    });
  if (n.toPay > 0)
    items.push({
      key: "pay",
      content: (
        <Link to="/payments?status=approved" className="link">
          {plural(n.toPay, "approved payment", "approved payments")} to pay
        </Link>
      ),
    });
  for (const w of n.unpaidWork.items)
    items.push({
      key: `unpaid-${w.id}`,
      content: (
        <>
          No payment recorded yet for{" "}
          <Link to={`/payments/new?engagement=${w.id}`} className="link">
            {w.title}
          </Link>{" "}
          {w.dueDate ? (
            <span className="font-semibold text-red-800">(overdue, was due {formatDate(w.dueDate)})</span>
          ) : null}
        </>
      ),
    });
  if (n.unpaidWork.more)
    items.push({
      key: "unpaid-more",
      content: (
        <Link to="/payments?overdue=1" className="link">
          More completed work with no payment recorded
        </Link>
      ),
    });
  for (const e of n.timeToApprove)
    items.push({
      key: `time-${e.id}`,
      content: (
        <>
          Time to approve on{" "}
          <Link to={`/engagements/${e.id}/time`} className="link">
            {e.title}
          </Link>{" "}
          ({plural(e.entries, "entry", "entries")})
        </>
      ),
    });
  for (const e of n.awaitingAcceptance)
    items.push({
      key: `accept-${e.id}`,
      content: (
        <>
          Waiting for the consultant to accept{" "}
          <Link to={`/engagements/${e.id}`} className="link">
            {e.title}
          </Link>
        </>
      ),
    });
  for (const a of n.myActions)
    items.push({
      key: `action-${a.id}`,
      content: (
        <>
          Your action item:{" "}
          <Link to={`/assessments/${a.assessmentId}/actions`} className="link">
            {a.title}
          </Link>
          {a.dueDate ? (
            <span className={a.overdue ? "font-semibold text-red-800" : ""}>
              {" "}
              ({a.overdue ? "overdue, was due" : "due"} {formatDate(a.dueDate)})
            </span>
          ) : null}
        </>
      ),
    });
  for (const p of n.inputsWaiting)
    items.push({
      key: `input-${p.programId}`,
      content: (
        <>
          Input open for more than 60 days on{" "}
          <Link to={`/programs/${p.programId}/input`} className="link">
            {p.programName}
          </Link>{" "}
          ({p.n})
        </>
      ),
    });
  if (d.consent.expiringSoonCount + d.consent.expiredCount > 0)
    items.push({
      key: "consent",
      content: (
        <Link to="/consent" className="link">
          Consents to review ({d.consent.expiringSoonCount + d.consent.expiredCount})
        </Link>
      ),
    });
  return (
    <section aria-labelledby="panel-needs-you" className="card mt-6 border-2 border-brand-600">
      <h2 id="panel-needs-you" className="text-lg font-semibold">
        Needs you
      </h2>
      {items.length === 0 ? (
        <p className="mt-2">Nothing is waiting for you. Well done.</p>
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
  const d = useLoaderData<typeof loader>();
  const fmt = useFormat();
  return (
    <>
      <h1 className="page-title">Dashboard</h1>
      <p className="mt-2 text-slate-700">
        Welcome, {d.preferredName}. You are working in {d.organizationName}.
      </p>
      <NeedsYou d={d} />
      <PeriodFilter
        label="Choose the period and program"
        action="/dashboard"
        typed={d.typed}
        errors={d.errors}
        programs={d.programs}
      />
      <p className="mt-3" aria-live="polite">
        Showing {formatDate(d.period.from)} to {formatDate(d.period.to)}, {d.programName ?? "every program"}.
      </p>
      <p className="mt-1 text-sm text-slate-700">
        Figures for the period as of {fmt.dateTime(d.computedAt)}; they are worked out again after a minute.{" "}
        <Link to={`/dashboard?${d.refreshQuery}`} className="link">
          Work them out now
        </Link>
      </p>
      <p className="mt-1 text-sm text-slate-700">
        An engagement counts in the period its start date falls in; hours are approved time worked in the period; pay is
        fees paid in the period. Cancelled work is left out.{" "}
        <Link
          to={`/reports/engagement?from=${d.period.from}&to=${d.period.to}${d.period.programId ? `&program=${d.period.programId}` : ""}`}
          className="link"
        >
          Funder and board report for this period
        </Link>
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
