/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { RuleError } from "~/models/errors";
import { withHttpErrors } from "~/utils/http-errors.server";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, Notice, optionsFrom, SelectField } from "~/components/forms";
import { PortalErrorPage } from "~/components/portal-error";
import { requirePermission } from "~/utils/auth/guards.server";
import { listOwnPayments } from "~/models/payment/own-pay.server";
import { deferOwnPayment, requestPaymentNow, takeBackOwnChoice } from "~/models/payment/consultant-choice.server";
import { PAYMENT_METHOD_LABELS } from "~/utils/consultant-options";
import { useMessage } from "~/i18n/use-message";
import { formatCents } from "~/utils/money";
import { describeOwnPayment, LATE_PAYMENT_WORDS, NEEDED_NOW_WORDS } from "~/utils/payment-options";
import { readForm } from "~/utils/form-data.server";
import { PortalPayChoiceSchema as ChoiceSchema } from "~/utils/payment-schema";

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const DONE: Record<string, string> = {
  "need-now": "Thank you for telling us. The team knows you need this payment now.",
  defer: "Your choice is saved. We will wait until you tell us.",
  undo: "Your choice is taken back. We will pay this as agreed.",
  declined:
    "You said you do not want this payment. We told the team. You can change your mind below until the team closes it.",
};

// The year comes from the address (a GET form): anything else shows this year.
const yearFrom = (url: URL, thisYear: number) =>
  z.coerce
    .number()
    .int()
    .min(2000)
    .max(thisYear)
    .catch(thisYear)
    .parse(url.searchParams.get("year") ?? thisYear);

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const thisYear = new Date().getUTCFullYear();
  return {
    thisYear,
    ...listOwnPayments({
      organizationId: membership.organizationId,
      userId: user.id,
      year: yearFrom(new URL(request.url), thisYear),
    }),
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const submission = parseWithZod(await readForm(request), { schema: ChoiceSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const own = { organizationId: membership.organizationId, userId: user.id, paymentId: submission.value.paymentId };
  const { intent } = submission.value;
  try {
    if (intent === "need-now") await requestPaymentNow(own);
    if (intent === "defer") await deferOwnPayment(own);
    if (intent === "undo") await takeBackOwnChoice(own);
  } catch (error) {
    if (error instanceof RuleError) {
      return data(submission.reply({ formErrors: [error.text] }), { status: 400 });
    }
    throw error;
  }
  return redirect(`/portal/pay?done=${intent}`);
});

export default function MyPay() {
  const { year, years, thisYear, payments, totals } = useLoaderData<typeof loader>();
  const words = useMessage();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const errors = lastResult?.error ? (Object.values(lastResult.error).flat().filter(Boolean) as string[]) : [];
  const done = lastResult ? undefined : DONE[searchParams.get("done") ?? ""];
  const busy = navigation.state === "submitting";
  return (
    <>
      <h1 className="page-title">My pay</h1>
      <p className="mt-2 print:hidden">You can print this page as a statement.</p>
      <div className="mt-4">{done ? <Notice>{done}</Notice> : null}</div>
      <FormErrors id="pay-errors" errors={errors} />

      <Form method="get" className="mt-2 flex flex-wrap items-end gap-2 print:hidden" aria-label="Choose a year">
        <SelectField
          look="compact"
          field={{ id: "pay-year", name: "year", initialValue: year }}
          label="Year"
          options={optionsFrom(years)}
        />
        <button type="submit" className="btn-secondary">
          Show this year
        </button>
      </Form>

      <section aria-labelledby="totals-heading" className="card mt-2">
        <h2 id="totals-heading" className="text-lg font-semibold">
          Paid to you in {year}
        </h2>
        <p className="mt-2 text-2xl font-bold">{formatCents(totals.feesCents)}</p>
        <ul className="mt-2 grid grid-cols-2 gap-1 text-sm sm:grid-cols-4">
          {totals.quarters.map((cents, i) => (
            <li key={i}>
              Quarter {i + 1}: {formatCents(cents)}
            </li>
          ))}
        </ul>
        {totals.expensesCents ? (
          <p className="mt-2 text-sm">
            Also paid back for your costs: {formatCents(totals.expensesCents)}. This is not pay.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="list-heading" className="mt-6">
        <h2 id="list-heading" className="text-lg font-semibold">
          Each payment in {year}
        </h2>
        {year === thisYear ? <p className="mt-1 text-sm text-slate-700">Pay not made yet shows here too.</p> : null}
        {payments.length === 0 ? (
          <p className="card mt-2">
            {year === thisYear
              ? "No payments yet. They show here when your work is recorded."
              : `No payments in ${year}. Choose another year.`}
          </p>
        ) : (
          <ul className="mt-2 space-y-3">
            {payments.map((p) => (
              <li key={p.id} className="card">
                <p>{describeOwnPayment(p)}</p>
                {p.expensesCents ? (
                  <p className="mt-1 text-sm">Plus {formatCents(p.expensesCents)} paid back for costs.</p>
                ) : null}
                <p className="mt-1 text-sm text-slate-700">How: {words(PAYMENT_METHOD_LABELS[p.method])}</p>
                {p.neededNow ? (
                  <p className="mt-1 font-semibold">{NEEDED_NOW_WORDS}</p>
                ) : p.overdue ? (
                  <p className="mt-1 font-semibold text-red-800">{LATE_PAYMENT_WORDS}</p>
                ) : null}
                {p.status !== "paid" ? (
                  <div className="mt-3 print:hidden">
                    {p.consultantChoice ? (
                      <Form method="post">
                        <input type="hidden" name="paymentId" value={p.id} />
                        <button type="submit" name="intent" value="undo" className="btn-secondary" disabled={busy}>
                          I want this payment after all
                        </button>
                      </Form>
                    ) : p.neededNow ? null : (
                      <Form method="post" className="flex flex-wrap gap-2">
                        <input type="hidden" name="paymentId" value={p.id} />
                        <button type="submit" name="intent" value="need-now" className="btn-primary" disabled={busy}>
                          I need it now
                        </button>
                        <button type="submit" name="intent" value="defer" className="btn-secondary" disabled={busy}>
                          Pay me later
                        </button>
                      </Form>
                    )}
                    {p.consultantChoice === "declined" ? (
                      <p className="mt-2 text-sm text-slate-700">
                        You can change your mind until the team closes this payment.
                      </p>
                    ) : p.consultantChoice ? null : (
                      <p className="mt-3">
                        <Link to={`/portal/pay/${p.id}/decline`} className="link inline-block py-2">
                          I do not want this payment
                        </Link>
                      </p>
                    )}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <p className="mt-4 text-sm text-slate-700">
          Some pay can change public benefits. You can choose to wait or say no to a payment. That is your choice.
        </p>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <PortalErrorPage title="My pay" />;
}
