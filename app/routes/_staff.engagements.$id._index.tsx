/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { RuleError } from "~/models/errors";
import { withHttpErrors } from "~/utils/http-errors.server";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormErrors, Notice } from "~/components/forms";

import { optionsFrom, SelectField } from "~/components/forms";
import { requirePermission } from "~/utils/auth/guards.server";
import { requestFeedback } from "~/models/feedback/consultant-answers.server";
import { changeEngagementStatus, nextStatusesForStaff } from "~/models/engagement/status.server";
import { getEngagementForStaff } from "~/models/engagement/reads.server";
import { needsAnswer, staffMayRecordAnswer } from "~/models/engagement/agreement-answers.server";
import { listPaymentsOfEngagement } from "~/models/payment/lists.server";
import { PAYMENT_STATUS_LABELS } from "~/utils/payment-options";
import {
  AGREEMENT_METHOD_LABELS,
  ENGAGEMENT_STATUS_LABELS,
  FORMAT_LABELS,
  LEVEL_LABELS,
  RATE_KIND_LABELS,
  STAGE_LABELS,
} from "~/utils/engagement-options";
import { formatDate } from "~/utils/format";
import { useFormat } from "~/utils/use-format";
import { capitalized, personWords } from "~/utils/pronouns";
import { formatCents, formatHours } from "~/utils/money";
import { readForm } from "~/utils/form-data.server";
import { EngagementStatusSchema as StatusSchema } from "~/utils/engagement-schema";
import { useMessage } from "~/i18n/use-message";

export const meta: MetaFunction = () => [{ title: "Engagement" }];

const DONE_MESSAGES: Record<string, string> = {
  created: "Engagement saved as proposed. The consultant can accept it in their portal.",
  saved: "Changes saved.",
  status: "Status changed.",
  "answer-accepted": "Their answer is recorded: they accepted the terms. The work can go ahead.",
  "answer-declined": "Their answer is recorded: they said no to the terms.",
};

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  const engagement = getEngagementForStaff(membership.organizationId, params.id ?? "");
  return {
    engagement,
    waitingForAnswer: needsAnswer(engagement.status, engagement.currentDecision),
    mayRecordAnswer: staffMayRecordAnswer(engagement.status, engagement.termsVersion, engagement.agreements),
    nextStatuses: nextStatusesForStaff(engagement.status),
    payments: listPaymentsOfEngagement(membership.organizationId, engagement.id),
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
  return (
    <div className="py-1 sm:grid sm:grid-cols-3 sm:gap-3">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="sm:col-span-2 whitespace-pre-wrap">
        {children || <span className="text-slate-600">Not given</span>}
      </dd>
    </div>
  );
}

export default function EngagementPage() {
  const words = useMessage();
  const { engagement: e, waitingForAnswer, mayRecordAnswer, nextStatuses, payments } = useLoaderData<typeof loader>();
  const fmt = useFormat();
  const they = personWords(e.consultantName, e.consultantPronouns);
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const done = DONE_MESSAGES[searchParams.get("done") ?? ""];
  const covers = [
    e.coversPreparation && "preparation",
    e.coversTravel && "travel",
    e.coversDebrief && "debrief",
  ].filter(Boolean);
  const errors = lastResult?.error ? (Object.values(lastResult.error).flat().filter(Boolean) as string[]) : [];
  return (
    <>
      <p>
        <Link to="/engagements" className="link">
          ← Engagements
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="page-title">{e.title}</h1>
          <p className="mt-1">
            {e.consultantName} · {e.programName} · {STAGE_LABELS[e.stage]} · {ENGAGEMENT_STATUS_LABELS[e.status]}
          </p>
        </div>
        <div className="flex gap-2">
          <Link to={`/engagements/${e.id}/time`} className="btn-secondary">
            Time
          </Link>
          {e.status !== "completed" && e.status !== "cancelled" ? (
            <Link to={`/engagements/${e.id}/edit`} className="btn-secondary">
              Edit
            </Link>
          ) : null}
        </div>
      </div>
      <div className="mt-4">{done ? <Notice>{done}</Notice> : null}</div>
      <FormErrors id="status-errors" errors={errors} />

      {e.fairPay.belowFairRate ? (
        <div className="mb-4 rounded-md border border-red-700 bg-red-50 p-3" role="note">
          <p className="font-semibold text-red-900">Below your fair rate</p>
          <p className="mt-1">
            This pays about {formatCents(e.fairPay.effectiveHourlyCents ?? 0)} an hour
            {e.fairPay.estimatedTotalCents !== null
              ? ` (about ${formatCents(e.fairPay.estimatedTotalCents)} in all)`
              : ""}
            . Your organization’s fair rate is {formatCents(e.fairPay.fairHourlyCents)} an hour. For reference,
            Washington State’s community compensation guidelines (2025/26) recommend at least{" "}
            {formatCents(e.fairPay.benchmarkHourlyCents)} an hour.
          </p>
        </div>
      ) : e.fairPay.belowFairRate === null ? (
        <p className="mb-4 rounded-md border border-slate-300 bg-white p-3">
          Add estimated hours to check this fee against your fair hourly rate.
        </p>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="terms-heading" className="card lg:col-span-2">
          <h2 id="terms-heading" className="text-lg font-semibold">
            Scope and terms (version {e.termsVersion})
          </h2>
          <dl className="mt-3">
            <Fact label="Activity">{e.activityLabel}</Fact>
            <Fact label="Role">{e.role}</Fact>
            <Fact label="Engagement level">{LEVEL_LABELS[e.level]}</Fact>
            <Fact label="What">{e.scopeWhat}</Fact>
            <Fact label="When">{e.scopeWhen}</Fact>
            <Fact label="Where">{e.scopeWhere}</Fact>
            <Fact label="Format">{e.format ? FORMAT_LABELS[e.format] : null}</Fact>
            <Fact label="Dates">
              {e.startDate ? formatDate(e.startDate) : null}
              {e.endDate ? ` to ${formatDate(e.endDate)}` : null}
            </Fact>
            <Fact label="Pay">
              {RATE_KIND_LABELS[e.rateKind]}: {formatCents(e.rateCents)}
            </Fact>
            <Fact label={e.rateKind === "daily" ? "Hours in a day" : "Estimated time"}>
              {e.estimatedHundredths ? formatHours(e.estimatedHundredths) : null}
            </Fact>
            {e.rateKind === "daily" ? (
              <Fact label="Days of work">{e.estimatedDays ? String(e.estimatedDays) : null}</Fact>
            ) : null}
            <Fact label="Estimated total">
              {e.fairPay.estimatedTotalCents !== null ? formatCents(e.fairPay.estimatedTotalCents) : null}
            </Fact>
            <Fact label="Paid time includes">{covers.join(", ")}</Fact>
            <Fact label="Expenses">{e.expensesPolicy}</Fact>
            <Fact label="Paid within">{`${e.paymentDueDays} days of completion`}</Fact>
            <Fact label="If cancelled">{e.cancellationTerms}</Fact>
            {e.status === "cancelled" ? (
              <Fact label="Cancelled because">
                {e.cancellationReason}
                {e.cancellationFeeCents ? ` (cancellation fee ${formatCents(e.cancellationFeeCents)})` : ""}
              </Fact>
            ) : null}
          </dl>
        </section>

        <div className="space-y-6">
          <section aria-labelledby="agreement-heading" className="card">
            <h2 id="agreement-heading" className="text-lg font-semibold">
              Agreement
            </h2>
            <p className="mt-2">
              {e.currentVersionAccepted
                ? `${e.consultantName} accepted these terms.`
                : !waitingForAnswer
                  ? `${e.consultantName} did not accept version ${e.termsVersion}.`
                  : !mayRecordAnswer
                    ? `${e.consultantName} said no to version ${e.termsVersion} in ${they.possessive} portal. ${capitalized(they.subject)} can still accept it there, or change the terms so they can answer new ones.`
                    : e.consultantHasPortalAccount
                      ? `Waiting for ${e.consultantName} to accept version ${e.termsVersion} in ${they.possessive} portal.`
                      : `Waiting for ${e.consultantName} to accept version ${e.termsVersion}. ${capitalized(they.subject)} ${they.verb("has", "have")} no portal account: record ${they.possessive} answer when ${they.subject} ${they.verb("gives", "give")} it.`}
            </p>
            {mayRecordAnswer ? (
              <Link to={`/engagements/${e.id}/agreement`} className="btn-secondary mt-3">
                Record an answer given on paper or out loud
              </Link>
            ) : null}
            {e.agreements.length ? (
              <ol className="mt-3 space-y-2 text-sm">
                {e.agreements.map((a) =>
                  a.method === "portal" ? (
                    <li key={a.id}>
                      <strong>
                        {a.decision === "accepted" ? "Accepted" : "Declined"} version {a.termsVersion}
                      </strong>{" "}
                      by {a.decidedByName}, {fmt.dateTime(a.decidedAt)}
                      {a.message ? <span className="block">“{a.message}”</span> : null}
                    </li>
                  ) : (
                    <li key={a.id}>
                      <strong>
                        {a.decision === "accepted" ? "Accepted" : "Declined"} version {a.termsVersion}
                      </strong>{" "}
                      {AGREEMENT_METHOD_LABELS[a.method].toLowerCase()}
                      {a.methodDetail ? ` (${a.methodDetail})` : ""}, on {a.agreedOn ? formatDate(a.agreedOn) : "?"}
                      <span className="block">
                        Recorded by {a.decidedByName}, {fmt.dateTime(a.decidedAt)}
                        {a.witnessName ? `. Witness: ${a.witnessName}` : ""}
                      </span>
                      {a.paperFormLocation ? <span className="block">Form kept: {a.paperFormLocation}</span> : null}
                      {a.message ? <span className="block">“{a.message}”</span> : null}
                    </li>
                  ),
                )}
              </ol>
            ) : null}
          </section>

          <section aria-labelledby="payments-heading" className="card">
            <h2 id="payments-heading" className="text-lg font-semibold">
              Payments
            </h2>
            {payments.length === 0 ? (
              <p className="mt-2 text-slate-700">No payments recorded yet.</p>
            ) : (
              <ul className="mt-2 space-y-1 text-sm">
                {payments.map((p) => (
                  <li key={p.id}>
                    <Link to={`/payments/${p.id}`} className="link">
                      {formatCents(p.feeCents)}
                    </Link>{" "}
                    · {words(PAYMENT_STATUS_LABELS[p.status])}
                  </li>
                ))}
              </ul>
            )}
            <Link to={`/payments/new?engagement=${e.id}`} className="btn-secondary mt-3">
              Record a payment
            </Link>
          </section>

          {nextStatuses.length ? (
            <section aria-labelledby="status-heading" className="card">
              <h2 id="status-heading" className="text-lg font-semibold">
                Status
              </h2>
              <Form method="post" className="mt-3">
                <SelectField
                  look="bare"
                  field={{ id: "next-status", name: "status" }}
                  label="Change to"
                  options={optionsFrom(nextStatuses, (s) => ENGAGEMENT_STATUS_LABELS[s])}
                />
                <label htmlFor="cancellation-reason" className="mt-3 block font-medium">
                  Reason, if cancelling
                </label>
                <input id="cancellation-reason" name="cancellationReason" maxLength={500} className="input" />
                <label htmlFor="cancellation-fee" className="mt-3 block font-medium">
                  Cancellation fee, if any (US dollars)
                </label>
                <input id="cancellation-fee" name="cancellationFee" inputMode="decimal" className="input" />
                <button type="submit" className="btn-secondary mt-3" disabled={navigation.state === "submitting"}>
                  Change status
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
