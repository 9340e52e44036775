import { SafeTrans } from "~/i18n/safe-trans";
import { languageFor } from "~/i18n/i18n.server";
import { RuleError } from "~/models/errors";
import { withHttpErrors } from "~/utils/http-errors.server";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";
import { FormErrors, Notice } from "~/components/forms";
import { TermsAsRead } from "~/components/terms-as-read";
import { languageName } from "~/i18n/config";

import { optionsFrom, SelectField } from "~/components/forms";
import { requirePermission } from "~/utils/auth/guards.server";
import { requestFeedback } from "~/models/feedback/consultant-answers.server";
import { changeEngagementStatus, nextStatusesForStaff } from "~/models/engagement/status.server";
import { getEngagementForStaff } from "~/models/engagement/reads.server";
import { needsAnswer, staffMayRecordAnswer } from "~/models/engagement/agreement-answers.server";
import { listPaymentsOfEngagement } from "~/models/payment/lists.server";
import { supportPlanAtAGlance } from "~/models/engagement/support-plan.server";
import { SupportPlanList } from "~/components/support-plan";
import { PAYMENT_STATUS_LABELS } from "~/utils/payment-options";
import {
  ENGAGEMENT_STATUS_LABELS,
  FORMAT_LABELS,
  LEVEL_LABELS,
  RATE_KIND_LABELS,
  STAGE_LABELS,
} from "~/utils/engagement-options";
import { useFormat } from "~/utils/use-format";
import { personWords } from "~/utils/pronouns";
import { readForm } from "~/utils/form-data.server";
import { EngagementStatusSchema as StatusSchema } from "~/utils/engagement-schema";

export const handle = { title: "staff:engagements.detail.title" };

const DONE_MESSAGES: Record<string, string> = {
  created: "staff:engagements.detail.done.created",
  saved: "staff:engagements.detail.done.saved",
  status: "staff:engagements.detail.done.status",
  "answer-accepted": "staff:engagements.detail.done.answerAccepted",
  "answer-declined": "staff:engagements.detail.done.answerDeclined",
};

// Names and notes typed by people go into these sentences: escaped before the sentence's own tags
// are read, and shown as typed.
const TYPED_VALUES = { tOptions: { interpolation: { escapeValue: true } }, shouldUnescape: true } as const;

/**
 * Which English sentence fits the consultant's pronouns ("she", "he", "they"), as an i18next context;
 * none when they gave none we know, and the sentence uses their name.
 */
function pronounContext(name: string, pronouns: string | null) {
  const subject = personWords(name, pronouns).subject;
  return subject === "she" || subject === "he" || subject === "they" ? subject : undefined;
}

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const language = await languageFor(request, user.preferredLanguage);
  const engagement = getEngagementForStaff(membership.organizationId, params.id ?? "", language);
  return {
    engagement,
    waitingForAnswer: needsAnswer(engagement.status, engagement.currentDecision),
    mayRecordAnswer: staffMayRecordAnswer(engagement.status, engagement.termsVersion, engagement.agreements),
    nextStatuses: nextStatusesForStaff(engagement.status),
    payments: listPaymentsOfEngagement(membership.organizationId, engagement.id),
    // What the consultant said they need stays sealed here: it is opened, and logged, on the plan's own page.
    support: supportPlanAtAGlance(membership.organizationId, engagement.id),
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const submission = parseWithZod(await readForm(request), { schema: StatusSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const { changed } = changeEngagementStatus({
      organizationId: membership.organizationId,
      engagementId: params.id ?? "",
      actorUserId: user.id,
      status: submission.value.status,
      cancellationReason: submission.value.cancellationReason ?? null,
      cancellationFeeCents: submission.value.cancellationFee,
    });
    // Only a real change to completed asks for feedback: a repeated click must not ask twice.
    if (changed && submission.value.status === "completed") {
      await requestFeedback(membership.organizationId, params.id ?? "");
    }
    return redirect(`/engagements/${params.id}?done=status`);
  } catch (error) {
    if (error instanceof RuleError) {
      return data(submission.reply({ formErrors: [error.text] }), { status: 400 });
    }
    throw error;
  }
});

function Fact({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation("staff");
  return (
    <div className="py-1 sm:grid sm:grid-cols-3 sm:gap-3">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="sm:col-span-2 whitespace-pre-wrap">
        {children || <span className="text-slate-600">{t("engagements.detail.notGiven")}</span>}
      </dd>
    </div>
  );
}

export default function EngagementPage() {
  const words = useMessage();
  const {
    engagement: e,
    waitingForAnswer,
    mayRecordAnswer,
    nextStatuses,
    payments,
    support,
  } = useLoaderData<typeof loader>();
  const supportWaiting = support.filter((i) => i.status === "requested").length;
  const { t } = useTranslation("staff");
  const fmt = useFormat();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const done = DONE_MESSAGES[searchParams.get("done") ?? ""];
  const covers = [
    e.coversPreparation && t("engagements.detail.covers.preparation"),
    e.coversTravel && t("engagements.detail.covers.travel"),
    e.coversDebrief && t("engagements.detail.covers.debrief"),
  ].filter(Boolean);
  const errors = lastResult?.error ? (Object.values(lastResult.error).flat().filter(Boolean) as string[]) : [];
  const about = { name: e.consultantName, version: e.termsVersion };
  const context = pronounContext(e.consultantName, e.consultantPronouns);
  const how = {
    paper_form: t("engagements.detail.how.paperForm"),
    out_loud: t("engagements.detail.how.outLoud"),
    other: t("engagements.detail.how.other"),
  };
  const fairPay = {
    hourly: fmt.money(e.fairPay.effectiveHourlyCents ?? 0),
    fair: fmt.money(e.fairPay.fairHourlyCents),
    benchmark: fmt.money(e.fairPay.benchmarkHourlyCents),
  };
  return (
    <>
      <p>
        <Link to="/engagements" className="link">
          ← {t("engagements.list.title")}
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="page-title">{e.title}</h1>
          <p className="mt-1">
            {e.consultantName} · {e.programName} · {words(STAGE_LABELS[e.stage])} ·{" "}
            {words(ENGAGEMENT_STATUS_LABELS[e.status])}
          </p>
        </div>
        <div className="flex gap-2">
          <Link to={`/engagements/${e.id}/time`} className="btn-secondary">
            {t("engagements.detail.time")}
          </Link>
          {e.status !== "completed" && e.status !== "cancelled" ? (
            <Link to={`/engagements/${e.id}/edit`} className="btn-secondary">
              {t("engagements.detail.edit")}
            </Link>
          ) : null}
        </div>
      </div>
      <div className="mt-4">{done ? <Notice>{words(done)}</Notice> : null}</div>
      <FormErrors id="status-errors" errors={errors} />

      {e.fairPay.belowFairRate ? (
        <div className="mb-4 rounded-md border border-red-700 bg-red-50 p-3" role="note">
          <p className="font-semibold text-red-900">{t("engagements.detail.belowFairRate")}</p>
          <p className="mt-1">
            {e.fairPay.estimatedTotalCents !== null
              ? t("engagements.detail.belowFairRateWithTotal", {
                  ...fairPay,
                  total: fmt.money(e.fairPay.estimatedTotalCents),
                })
              : t("engagements.detail.belowFairRateText", fairPay)}
          </p>
        </div>
      ) : e.fairPay.belowFairRate === null ? (
        <p className="mb-4 rounded-md border border-slate-300 bg-white p-3">
          {t("engagements.detail.addHoursToCheck")}
        </p>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="terms-heading" className="card lg:col-span-2">
          <h2 id="terms-heading" className="text-lg font-semibold">
            {t("engagements.detail.termsHeading", { version: e.termsVersion })}
          </h2>
          <p className="mt-1 text-sm text-slate-700">
            {e.termsLanguages.length > 1
              ? t("termsWords.detail.writtenIn", { languages: e.termsLanguages.map(languageName).join(", ") })
              : t("termsWords.detail.englishOnly")}
          </p>
          <dl className="mt-3">
            <Fact label={t("engagements.detail.facts.activity")}>{e.activityLabel}</Fact>
            <Fact label={t("engagements.detail.facts.role")}>{e.role}</Fact>
            <Fact label={t("engagements.detail.facts.level")}>{words(LEVEL_LABELS[e.level])}</Fact>
            <Fact label={t("engagements.detail.facts.what")}>{e.scopeWhat}</Fact>
            <Fact label={t("engagements.detail.facts.when")}>{e.scopeWhen}</Fact>
            <Fact label={t("engagements.detail.facts.where")}>{e.scopeWhere}</Fact>
            <Fact label={t("engagements.detail.facts.format")}>{e.format ? words(FORMAT_LABELS[e.format]) : null}</Fact>
            <Fact label={t("engagements.detail.facts.dates")}>
              {e.startDate && e.endDate
                ? t("engagements.detail.datesBoth", {
                    start: fmt.calendarDay(e.startDate),
                    end: fmt.calendarDay(e.endDate),
                  })
                : e.startDate
                  ? fmt.calendarDay(e.startDate)
                  : e.endDate
                    ? t("engagements.detail.datesUntil", { end: fmt.calendarDay(e.endDate) })
                    : null}
            </Fact>
            <Fact label={t("engagements.detail.facts.pay")}>
              {t("engagements.list.rate", {
                kind: words(RATE_KIND_LABELS[e.rateKind]),
                amount: fmt.money(e.rateCents),
              })}
            </Fact>
            <Fact
              label={
                e.rateKind === "daily"
                  ? t("engagements.detail.facts.hoursInDay")
                  : t("engagements.detail.facts.estimatedTime")
              }
            >
              {e.estimatedHundredths ? fmt.hours(e.estimatedHundredths) : null}
            </Fact>
            {e.rateKind === "daily" ? (
              <Fact label={t("engagements.detail.facts.daysOfWork")}>
                {e.estimatedDays ? fmt.number(e.estimatedDays) : null}
              </Fact>
            ) : null}
            <Fact label={t("engagements.detail.facts.estimatedTotal")}>
              {e.fairPay.estimatedTotalCents !== null ? fmt.money(e.fairPay.estimatedTotalCents) : null}
            </Fact>
            <Fact label={t("engagements.detail.facts.paidTimeIncludes")}>{covers.join(", ")}</Fact>
            <Fact label={t("engagements.detail.facts.expenses")}>{e.expensesPolicy}</Fact>
            <Fact label={t("engagements.detail.facts.paidWithin")}>
              {t("engagements.detail.paidWithinDays", { count: e.paymentDueDays })}
            </Fact>
            <Fact label={t("engagements.detail.facts.ifCancelled")}>{e.cancellationTerms}</Fact>
            {e.status === "cancelled" ? (
              <Fact label={t("engagements.detail.facts.cancelledBecause")}>
                {e.cancellationFeeCents
                  ? t("engagements.detail.cancelledWithFee", {
                      reason: e.cancellationReason ?? "",
                      fee: fmt.money(e.cancellationFeeCents),
                    })
                  : e.cancellationReason}
              </Fact>
            ) : null}
          </dl>
        </section>

        <div className="space-y-6">
          <section aria-labelledby="agreement-heading" className="card">
            <h2 id="agreement-heading" className="text-lg font-semibold">
              {t("engagements.detail.agreement.heading")}
            </h2>
            <p className="mt-2">
              {e.currentVersionAccepted
                ? t("engagements.detail.agreement.accepted", about)
                : !waitingForAnswer
                  ? t("engagements.detail.agreement.notAccepted", about)
                  : !mayRecordAnswer
                    ? t("engagements.detail.agreement.saidNoInPortal", { ...about, context })
                    : e.consultantHasPortalAccount
                      ? t("engagements.detail.agreement.waitingInPortal", { ...about, context })
                      : t("engagements.detail.agreement.waitingNoAccount", { ...about, context })}
            </p>
            {mayRecordAnswer ? (
              <Link to={`/engagements/${e.id}/agreement`} className="btn-secondary mt-3">
                {t("engagements.detail.agreement.record")}
              </Link>
            ) : null}
            {e.agreements.length ? (
              <ol className="mt-3 space-y-2 text-sm">
                {e.agreements.map((a) =>
                  a.method === "portal" ? (
                    <li key={a.id}>
                      <SafeTrans
                        t={t}
                        i18nKey={
                          a.decision === "accepted"
                            ? "engagements.detail.agreement.inPortalAccepted"
                            : "engagements.detail.agreement.inPortalDeclined"
                        }
                        values={{ version: a.termsVersion, name: a.decidedByName, when: fmt.dateTime(a.decidedAt) }}
                        components={{ strong: <strong /> }}
                        {...TYPED_VALUES}
                      />
                      {a.message ? <span className="block">“{a.message}”</span> : null}
                      <TermsAsRead version={a.termsVersion} asRead={a.asRead} plan={a.supportPlan} />
                    </li>
                  ) : (
                    <li key={a.id}>
                      <SafeTrans
                        t={t}
                        i18nKey={
                          a.decision === "accepted"
                            ? "engagements.detail.agreement.offlineAccepted"
                            : "engagements.detail.agreement.offlineDeclined"
                        }
                        values={{
                          version: a.termsVersion,
                          how: how[a.method],
                          detail: a.methodDetail ? ` (${a.methodDetail})` : "",
                          day: a.agreedOn ? fmt.calendarDay(a.agreedOn) : "?",
                        }}
                        components={{ strong: <strong /> }}
                        {...TYPED_VALUES}
                      />
                      <span className="block">
                        {a.witnessName
                          ? t("engagements.detail.agreement.recordedByWithWitness", {
                              name: a.decidedByName,
                              when: fmt.dateTime(a.decidedAt),
                              witness: a.witnessName,
                            })
                          : t("engagements.detail.agreement.recordedBy", {
                              name: a.decidedByName,
                              when: fmt.dateTime(a.decidedAt),
                            })}
                      </span>
                      {a.paperFormLocation ? (
                        <span className="block">
                          {t("engagements.detail.agreement.formKept", { place: a.paperFormLocation })}
                        </span>
                      ) : null}
                      {a.message ? <span className="block">“{a.message}”</span> : null}
                      <TermsAsRead version={a.termsVersion} asRead={a.asRead} plan={a.supportPlan} />
                    </li>
                  ),
                )}
              </ol>
            ) : null}
          </section>

          <section aria-labelledby="support-heading" className="card">
            <h2 id="support-heading" className="text-lg font-semibold">
              {t("supportPlan.onEngagement.heading")}
            </h2>
            {supportWaiting ? (
              <p className="mt-2 font-semibold">{t("supportPlan.onEngagement.waiting", { count: supportWaiting })}</p>
            ) : null}
            <SupportPlanList items={support} />
            <Link to={`/engagements/${e.id}/support`} className="btn-secondary mt-3">
              {t("supportPlan.onEngagement.open")}
            </Link>
          </section>

          <section aria-labelledby="payments-heading" className="card">
            <h2 id="payments-heading" className="text-lg font-semibold">
              {t("engagements.detail.payments.heading")}
            </h2>
            {payments.length === 0 ? (
              <p className="mt-2 text-slate-700">{t("engagements.detail.payments.none")}</p>
            ) : (
              <ul className="mt-2 space-y-1 text-sm">
                {payments.map((p) => (
                  <li key={p.id}>
                    <Link to={`/payments/${p.id}`} className="link">
                      {fmt.money(p.feeCents)}
                    </Link>{" "}
                    {p.expensesCents ? t("supportPlan.costsOnPayment", { amount: fmt.money(p.expensesCents) }) : null} ·{" "}
                    {words(PAYMENT_STATUS_LABELS[p.status])}
                  </li>
                ))}
              </ul>
            )}
            <Link to={`/payments/new?engagement=${e.id}`} className="btn-secondary mt-3">
              {t("engagements.detail.payments.record")}
            </Link>
          </section>

          {nextStatuses.length ? (
            <section aria-labelledby="status-heading" className="card">
              <h2 id="status-heading" className="text-lg font-semibold">
                {t("engagements.detail.status.heading")}
              </h2>
              <Form method="post" className="mt-3">
                <SelectField
                  look="bare"
                  field={{ id: "next-status", name: "status" }}
                  label={t("engagements.detail.status.changeTo")}
                  options={optionsFrom(nextStatuses, (s) => ENGAGEMENT_STATUS_LABELS[s])}
                />
                <label htmlFor="cancellation-reason" className="mt-3 block font-medium">
                  {t("engagements.detail.status.reason")}
                </label>
                <input id="cancellation-reason" name="cancellationReason" maxLength={500} className="input" />
                <label htmlFor="cancellation-fee" className="mt-3 block font-medium">
                  {t("engagements.detail.status.fee")}
                </label>
                <input id="cancellation-fee" name="cancellationFee" inputMode="decimal" className="input" />
                <button type="submit" className="btn-secondary mt-3" disabled={navigation.state === "submitting"}>
                  {t("engagements.detail.status.change")}
                </button>
              </Form>
            </section>
          ) : null}
        </div>
      </div>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
