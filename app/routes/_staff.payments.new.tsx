import { replyWithRuleError, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { PAYMENT_METHODS } from "../../db/schema";
import { CapacityWarning } from "~/components/capacity-warning";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { createPayment, paymentFormFacts } from "~/models/payment/recording.server";
import { isoDay } from "~/utils/day";
import { requirePermission } from "~/utils/auth/guards.server";
import { PAYMENT_METHOD_LABELS } from "~/utils/consultant-options";
import { centsToInput } from "~/utils/money";
import { useMessage } from "~/i18n/use-message";
import { readForm } from "~/utils/form-data.server";
import { NewPaymentSchema as PaymentSchema } from "~/utils/payment-schema";

export const handle = { title: "staff:payments.new.title" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  const engagementId = new URL(request.url).searchParams.get("engagement") ?? "";
  return {
    creationKey: crypto.randomUUID(),
    facts: paymentFormFacts(membership.organizationId, engagementId),
    today: isoDay(new Date()),
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const submission = parseWithZod(await readForm(request), { schema: PaymentSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  try {
    const id = createPayment({
      organizationId: membership.organizationId,
      actorUserId: user.id,
      engagementId: v.engagementId,
      feeCents: v.fee,
      expensesCents: v.expenses,
      method: v.method,
      creationKey: v.creationKey,
      payAnyway: v.payAnyway,
    });
    return redirect(`/payments/${id}?done=created`);
  } catch (error) {
    return replyWithRuleError(error, submission);
  }
});

export default function NewPayment() {
  const { t } = useTranslation("staff");
  const words = useMessage();
  const { creationKey, facts, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof PaymentSchema>>({
    id: "new-payment",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: {
      fee: facts.suggestedFeeCents ? centsToInput(facts.suggestedFeeCents) : "",
      method: facts.defaultMethod,
    },
  });
  return (
    <>
      <p>
        <Link to={`/engagements/${facts.engagementId}`} className="link">
          ← {facts.title}
        </Link>
      </p>
      <h1 className="page-title mb-2 mt-2">{t("payments.new.heading", { name: facts.consultantName })}</h1>
      {facts.nothingToPayReason ? (
        // Said before anyone fills in the form; the model refuses such a payment either way.
        <p className="card max-w-xl">{words(facts.nothingToPayReason)}</p>
      ) : (
        <>
          <p className="mb-4 text-slate-700">{t("payments.new.intro", { amount: facts.suggestedFeeCents })}</p>
          <Form method="post" {...getFormProps(form)} className="card max-w-xl">
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="engagementId" value={facts.engagementId} />
            <input type="hidden" name="creationKey" value={creationKey} />
            <TextField field={fields.fee} label={t("payments.new.fee")} help={t("payments.new.feeHelp")} />
            <TextField
              field={fields.expenses}
              label={t("payments.new.expenses")}
              help={t("payments.new.expensesHelp")}
            />
            <SelectField
              field={fields.method}
              label={t("payments.new.method")}
              options={PAYMENT_METHODS.map((m) => [m, PAYMENT_METHOD_LABELS[m]] as const)}
              help={t("payments.new.methodHelp")}
            />
            <p className="mb-4" id="due-date">
              <span className="font-medium">{t("payments.new.dueDate")} </span>
              {facts.dueDate
                ? t("payments.new.dueOn", { day: facts.dueDate, count: facts.paymentDueDays })
                : t("payments.new.dueAfter", { count: facts.paymentDueDays })}
              {facts.dueDate && facts.dueDate < today ? (
                <strong className="ml-1 text-red-800">{t("payments.new.lateAlready")}</strong>
              ) : null}
            </p>
            <CapacityWarning
              id="pay-limit-warning"
              errors={fields.payAnyway.errors}
              confirmName="payAnyway"
              confirmLabel={t("capacity.warning.recordAnyway")}
            />
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              {t("payments.new.save")}
            </button>
          </Form>
        </>
      )}
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
