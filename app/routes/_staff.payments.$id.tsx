import { RuleError } from "~/models/errors";
import { whereRuleErrorGoes, withHttpErrors } from "~/utils/http-errors.server";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CapacityWarning } from "~/components/capacity-warning";
import { FormErrors, Notice } from "~/components/forms";

import { optionsFrom, SelectField } from "~/components/forms";
import {
  approvePayment,
  markPaymentPaid,
  ONLY_ADMINS_MOVE_MONEY,
  recordPaymentChoice,
  voidPayment,
} from "~/models/payment/steps.server";
import { getPayment } from "~/models/payment/lists.server";
import { paymentHistory, reversePaidPayment } from "~/models/payment/reversal.server";
import { notifyConsultant } from "~/models/contact.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { assertCan, can } from "~/models/permissions";
import { PAYMENT_METHOD_LABELS } from "~/utils/consultant-options";
import { useMessage } from "~/i18n/use-message";
import { isoDay } from "~/utils/day";
import { useFormat } from "~/utils/use-format";
import { SafeTrans } from "~/i18n/safe-trans";
import {
  NEEDED_NOW_LABEL,
  PAYMENT_CHOICE_LABELS,
  PAYMENT_HISTORY_LABELS,
  PAYMENT_STATUS_LABELS,
} from "~/utils/payment-options";
import { PAID_METHODS, PaymentPageSchema as ActionSchema } from "~/utils/payment-schema";
import { readForm } from "~/utils/form-data.server";

export const handle = { title: "staff:payments.page.title" };

const DONE = {
  created: "payments.page.done.created",
  approve: "payments.page.done.approve",
  "mark-paid": "payments.page.done.markPaid",
  "reverse-paid": "payments.page.done.reversePaid",
  void: "payments.page.done.void",
  choice: "payments.page.done.choice",
} as const;
const doneKey = (done: string | null) => (done && Object.hasOwn(DONE, done) ? DONE[done as keyof typeof DONE] : null);

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  const payment = getPayment(membership.organizationId, params.id ?? "");
  return {
    payment,
    history: paymentHistory(membership.organizationId, payment.id),
    may: {
      approve: can(membership.role, "payment:approve"),
      markPaid: can(membership.role, "payment:mark-paid"),
      void: can(membership.role, "payment:void"),
      reverse: can(membership.role, "payment:reverse"),
    },
  };
});

type PaidValues = { paidDate: string; method: string; reference: string };
type Answer = { step: "confirm-paid" | "edit-paid"; values: PaidValues } | SubmissionResult<string[]>;

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const submission = parseWithZod(await readForm(request), { schema: ActionSchema });
  if (submission.status !== "success") return data<Answer>(submission.reply(), { status: 400 });
  const v = submission.value;
  const scope = {
    organizationId: membership.organizationId,
    actor: { userId: user.id, role: membership.role },
    paymentId: params.id ?? "",
  };
  try {
    if (v.intent === "approve") approvePayment({ ...scope, payAnyway: v.payAnyway });
    if (v.intent === "mark-paid") {
      if (v.confirmed !== "yes") {
        // Nothing is written yet: the page shows what will be recorded (or the form again, to change it),
        // and only to someone who may then mark it paid.
        assertCan(membership.role, "payment:mark-paid", ONLY_ADMINS_MOVE_MONEY);
        getPayment(scope.organizationId, scope.paymentId);
        const values = { paidDate: v.paidDate, method: v.method, reference: v.reference ?? "" };
        return data<Answer>({ step: v.confirmed === "no" ? "edit-paid" : "confirm-paid", values });
      }
      // Only the click that marks it paid tells the consultant; a repeated one changes nothing.
      if (markPaymentPaid({ ...scope, paidDate: v.paidDate, method: v.method, reference: v.reference || null })) {
        const { consultantId } = getPayment(scope.organizationId, scope.paymentId);
        await notifyConsultant({
          organizationId: scope.organizationId,
          consultantId,
          message: { template: "portal-notice" },
        });
      }
    }
    if (v.intent === "reverse-paid") {
      const { consultantId } = reversePaidPayment({ ...scope, reason: v.reason });
      // Their pay statement changed: they hear it from us, not by noticing.
      await notifyConsultant({
        organizationId: scope.organizationId,
        consultantId,
        message: { template: "portal-notice" },
      });
    }
    if (v.intent === "void") voidPayment({ ...scope, reason: v.reason });
    if (v.intent === "choice") recordPaymentChoice({ ...scope, choice: v.choice === "none" ? null : v.choice });
    return redirect(`/payments/${scope.paymentId}?done=${v.intent}`);
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    return data<Answer>(submission.reply(whereRuleErrorGoes(error)), { status: 400 });
  }
});

/** The error under one field, linked to it by id. */
function FieldError({ id, errors }: { id: string; errors?: string[] | null }) {
  const words = useMessage();
  return (
    <p id={id} className="min-h-[1.25rem] text-sm font-medium text-red-800" aria-live="polite">
      {errors?.map(words).join(" ")}
    </p>
  );
}

export default function PaymentPage() {
  const { t } = useTranslation("staff");
  const words = useMessage();
  const fmt = useFormat();
  const { payment: p, history, may } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const done = answer ? null : doneKey(searchParams.get("done"));
  const busy = navigation.state === "submitting";
  const step = answer && "step" in answer ? answer : undefined;
  const reply = answer && !("step" in answer) ? answer : undefined;
  const fieldErrors = (reply?.error ?? {}) as Record<string, string[] | null>;
  const formErrors = fieldErrors[""] ?? [];
  // Typed values come back with an error or from "Change something", so nothing typed is lost.
  const typed = (step?.values ?? reply?.initialValue ?? {}) as Partial<Record<string, string>>;
  const sentIntent = typed.intent ?? (step ? "mark-paid" : undefined);
  const open = p.status === "pending" || p.status === "approved";
  const today = isoDay(new Date());
  const paidDefaults = {
    paidDate: (sentIntent === "mark-paid" && typed.paidDate) || today,
    method: (sentIntent === "mark-paid" && typed.method) || (p.method === "undecided" ? "" : p.method),
    reference: (sentIntent === "mark-paid" && typed.reference) || "",
  };
  const errorsFor = (intent: string, field: string) => (sentIntent === intent ? fieldErrors[field] : undefined);
  const describedBy = (intent: string, field: string, helpId?: string) =>
    [helpId, errorsFor(intent, field)?.length ? `${field}-${intent}-error` : null].filter(Boolean).join(" ") ||
    undefined;
  // Approving would take the consultant past the yearly pay limit they set: asked once more.
  const approveWarning = errorsFor("approve", "payAnyway");
  const paidRef = (day: string, reference: string | null | undefined) =>
    reference ? t("payments.page.paidOnRef", { day, reference }) : t("payments.page.paidOnDay", { day });
  return (
    <>
      <p>
        <Link to="/payments" className="link">
          {t("payments.page.back")}
        </Link>
      </p>
      <h1 className="page-title mt-2">{t("payments.feeTo", { amount: p.feeCents, name: p.consultantName })}</h1>
      <p className="mt-1">
        <SafeTrans
          t={t}
          i18nKey="payments.page.forWork"
          values={{ title: p.engagementTitle, program: p.programName }}
          components={{ work: <Link to={`/engagements/${p.engagementId}`} className="link" /> }}
        />
      </p>
      <div className="mt-4">{done ? <Notice>{t(done)}</Notice> : null}</div>
      <FormErrors id="payment-errors" errors={formErrors} />
      {p.neededNow && p.neededNowAt ? (
        <p className="card mt-2 border-2 border-red-700">
          <SafeTrans
            t={t}
            i18nKey="payments.page.neededNow"
            values={{ label: words(NEEDED_NOW_LABEL), name: p.consultantName, date: fmt.date(p.neededNowAt) }}
            components={{ tag: <strong className="text-red-800" /> }}
          />
        </p>
      ) : null}
      {p.consultantChoice === "declined" && open ? (
        <p className="card mt-2">
          {p.expensesCents > 0
            ? t("payments.page.declinedWithCosts", { name: p.consultantName, amount: p.expensesCents })
            : t("payments.page.declined", { name: p.consultantName })}
        </p>
      ) : null}
      <dl className="card mt-2 grid gap-2 sm:grid-cols-2">
        <div>
          <dt className="font-medium text-slate-700">{t("payments.page.status")}</dt>
          <dd>
            {words(PAYMENT_STATUS_LABELS[p.status])}
            {p.overdue ? <strong className="ml-2 text-red-800">{t("payments.overdue")}</strong> : null}
            {p.neededNow ? <strong className="ml-2 text-red-800">{words(NEEDED_NOW_LABEL)}</strong> : null}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">{t("payments.page.fee")}</dt>
          <dd>{fmt.money(p.feeCents)}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">{t("payments.page.expenses")}</dt>
          <dd>{fmt.money(p.expensesCents)}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">{t("payments.page.method")}</dt>
          <dd>{words(PAYMENT_METHOD_LABELS[p.method])}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">{t("payments.page.due")}</dt>
          <dd>{p.dueDate ? fmt.calendarDay(p.dueDate) : t("payments.page.dueWhenCompleted")}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">{t("payments.page.paid")}</dt>
          <dd>{p.paidDate ? paidRef(p.paidDate, p.reference) : t("payments.page.notYet")}</dd>
        </div>
        {p.consultantChoice ? (
          <div>
            <dt className="font-medium text-slate-700">{t("payments.page.choice")}</dt>
            <dd>{words(PAYMENT_CHOICE_LABELS[p.consultantChoice])}</dd>
          </div>
        ) : null}
        {p.voidReason ? (
          <div>
            <dt className="font-medium text-slate-700">{t("payments.page.voidBecause")}</dt>
            <dd>{p.voidReason}</dd>
          </div>
        ) : null}
      </dl>

      {open ? (
        <div className="mt-6 grid gap-6 md:grid-cols-2">
          {may.approve || may.markPaid || may.void ? (
            <section aria-labelledby="admin-heading" className="card">
              <h2 id="admin-heading" className="text-lg font-semibold">
                {t("payments.page.approveAndPay")}
              </h2>
              {p.status === "pending" ? (
                may.approve ? (
                  <>
                    <Form method="post" className="mt-3">
                      <button type="submit" name="intent" value="approve" className="btn-primary" disabled={busy}>
                        {t("payments.page.approve")}
                      </button>
                    </Form>
                    {approveWarning?.length ? (
                      <Form method="post" className="mt-3">
                        <input type="hidden" name="intent" value="approve" />
                        <CapacityWarning
                          id="pay-limit-warning"
                          errors={approveWarning}
                          confirmName="payAnyway"
                          confirmLabel={t("capacity.warning.approveAnyway")}
                        />
                      </Form>
                    ) : null}
                  </>
                ) : null
              ) : !may.markPaid ? null : step?.step === "confirm-paid" ? (
                <div role="group" aria-labelledby="confirm-paid-heading" className="mt-3">
                  <h3 id="confirm-paid-heading" className="font-semibold">
                    {t("payments.page.checkHeading")}
                  </h3>
                  <p className="mt-2">
                    {t(step.values.reference ? "payments.page.checkSentenceRef" : "payments.page.checkSentence", {
                      amount: p.feeCents + p.expensesCents,
                      name: p.consultantName,
                      day: step.values.paidDate,
                      method: words(PAYMENT_METHOD_LABELS[step.values.method as keyof typeof PAYMENT_METHOD_LABELS]),
                      reference: step.values.reference,
                    })}
                  </p>
                  <p className="mt-2 text-sm text-slate-700">
                    {t("payments.page.checkTold", { name: p.consultantName })}
                  </p>
                  <Form method="post" className="mt-3 flex flex-wrap gap-2">
                    <input type="hidden" name="intent" value="mark-paid" />
                    <input type="hidden" name="paidDate" value={step.values.paidDate} />
                    <input type="hidden" name="method" value={step.values.method} />
                    <input type="hidden" name="reference" value={step.values.reference} />
                    <button type="submit" name="confirmed" value="yes" className="btn-primary" disabled={busy}>
                      {t("payments.page.confirmPaid")}
                    </button>
                    <button type="submit" name="confirmed" value="no" className="btn-secondary" disabled={busy}>
                      {t("payments.page.changeSomething")}
                    </button>
                  </Form>
                </div>
              ) : (
                // Keyed by what came back, so the fields show the typed values after each answer.
                <Form method="post" className="mt-3" key={JSON.stringify(paidDefaults)}>
                  <input type="hidden" name="intent" value="mark-paid" />
                  <label htmlFor="paid-date" className="block font-medium">
                    {t("payments.page.datePaid")}
                  </label>
                  <input
                    id="paid-date"
                    name="paidDate"
                    type="date"
                    defaultValue={paidDefaults.paidDate}
                    max={today}
                    className="input"
                    required
                    aria-invalid={errorsFor("mark-paid", "paidDate")?.length ? true : undefined}
                    aria-describedby={describedBy("mark-paid", "paidDate")}
                  />
                  <FieldError id="paidDate-mark-paid-error" errors={errorsFor("mark-paid", "paidDate")} />
                  <div className="mt-2">
                    <SelectField
                      look="bare"
                      field={{
                        id: "paid-method",
                        name: "method",
                        initialValue: paidDefaults.method,
                        errorId: "method-mark-paid-error",
                        errors: errorsFor("mark-paid", "method") ?? undefined,
                      }}
                      label={t("payments.page.howPaid")}
                      placeholder={t("payments.page.chooseMethod")}
                      options={optionsFrom(PAID_METHODS, (m) => PAYMENT_METHOD_LABELS[m])}
                      required
                    />
                  </div>
                  <label htmlFor="reference" className="mt-2 block font-medium">
                    {t("payments.page.reference")}
                  </label>
                  <input
                    id="reference"
                    name="reference"
                    maxLength={100}
                    defaultValue={paidDefaults.reference}
                    className="input"
                  />
                  <button type="submit" className="btn-primary mt-3" disabled={busy}>
                    {t("payments.page.markPaid")}
                  </button>
                  <p className="mt-2 text-sm text-slate-700">{t("payments.page.checkFirst")}</p>
                </Form>
              )}
              {may.void ? (
                <Form method="post" className="mt-5 border-t border-slate-200 pt-4">
                  <input type="hidden" name="intent" value="void" />
                  <label htmlFor="void-reason" className="block font-medium">
                    {t("payments.page.voidReason")}
                  </label>
                  <input
                    id="void-reason"
                    name="reason"
                    maxLength={500}
                    className="input"
                    aria-invalid={errorsFor("void", "reason")?.length ? true : undefined}
                    aria-describedby={describedBy("void", "reason")}
                  />
                  <FieldError id="reason-void-error" errors={errorsFor("void", "reason")} />
                  <button type="submit" className="btn-danger mt-3" disabled={busy}>
                    {t("payments.page.makeVoid")}
                  </button>
                </Form>
              ) : null}
            </section>
          ) : (
            <p className="card">{t("payments.page.adminApproves")}</p>
          )}
          <section aria-labelledby="choice-heading" className="card">
            <h2 id="choice-heading" className="text-lg font-semibold">
              {t("payments.page.choiceHeading")}
            </h2>
            <p className="mt-2 text-sm">{t("payments.page.choiceIntro")}</p>
            <Form method="post" className="mt-3 flex flex-wrap gap-2">
              <input type="hidden" name="intent" value="choice" />
              <button type="submit" name="choice" value="deferred" className="btn-secondary" disabled={busy}>
                {t("payments.page.theyDefer")}
              </button>
              <button type="submit" name="choice" value="declined" className="btn-secondary" disabled={busy}>
                {t("payments.page.theyDecline")}
              </button>
              {p.consultantChoice ? (
                <button type="submit" name="choice" value="none" className="btn-secondary" disabled={busy}>
                  {t("payments.page.clearChoice")}
                </button>
              ) : null}
            </Form>
          </section>
        </div>
      ) : null}

      {p.status === "paid" && may.reverse ? (
        <section aria-labelledby="reverse-heading" className="card mt-6 max-w-xl">
          <h2 id="reverse-heading" className="text-lg font-semibold">
            {t("payments.page.reverseHeading")}
          </h2>
          <p className="mt-2 text-sm">{t("payments.page.reverseIntro", { name: p.consultantName })}</p>
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="reverse-paid" />
            <label htmlFor="reverse-reason" className="block font-medium">
              {t("payments.page.reverseReason")}
            </label>
            <input
              id="reverse-reason"
              name="reason"
              maxLength={500}
              className="input"
              required
              aria-invalid={errorsFor("reverse-paid", "reason")?.length ? true : undefined}
              aria-describedby={describedBy("reverse-paid", "reason")}
            />
            <FieldError id="reason-reverse-paid-error" errors={errorsFor("reverse-paid", "reason")} />
            <button type="submit" className="btn-danger mt-3" disabled={busy}>
              {t("payments.page.markNotPaid")}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="history-heading" className="mt-6">
        <h2 id="history-heading" className="text-lg font-semibold">
          {t("payments.page.history")}
        </h2>
        <ol className="mt-2 space-y-2">
          {history.map((e) => (
            <li key={e.id} className="card">
              <p>
                <strong>{words(PAYMENT_HISTORY_LABELS[e.action] ?? e.action)}</strong> · {fmt.dateTime(e.occurredAt)}
                {e.actorName ? ` · ${t("payments.page.by", { name: e.actorName })}` : ""}
              </p>
              {e.reversal ? (
                <p className="mt-1 text-sm">
                  {e.reversal.reason === null
                    ? t("payments.page.reversedErased", { day: e.reversal.formerPaidDate })
                    : t("payments.page.reversedWhy", { day: e.reversal.formerPaidDate, reason: e.reversal.reason })}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
