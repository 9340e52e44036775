/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { withHttpErrors } from "~/utils/http-errors.server";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormErrors, Notice } from "~/components/forms";
import { paySettings, setTaxYearThreshold, updatePaySettings } from "~/models/settings.server";
import { BENCHMARK_HOURLY_CENTS, centsToInput, formatCents } from "~/utils/money";
import { requirePermission } from "~/utils/auth/guards.server";

import { readForm } from "~/utils/form-data.server";
import { PaySettingsSchema as ActionSchema } from "~/utils/settings-schema";

export const meta: MetaFunction = () => [{ title: "Pay settings" }];

const yearsShown = () => {
  const y = new Date().getUTCFullYear();
  return [y - 1, y, y + 1];
};

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "settings:manage");
  return { settings: paySettings(membership.organizationId, yearsShown()), benchmark: BENCHMARK_HOURLY_CENTS };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "settings:manage");
  const submission = parseWithZod(await readForm(request), { schema: ActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const scope = { organizationId: membership.organizationId, actorUserId: user.id };
  if (v.intent === "pay") {
    updatePaySettings({ ...scope, defaultHourlyRateCents: v.defaultHourlyRate, paymentDueDays: v.paymentDueDays });
  } else {
    setTaxYearThreshold({ ...scope, taxYear: v.taxYear, thresholdCents: v.threshold });
  }
  return redirect("/settings/pay?done=1");
});

export default function PaySettings() {
  const { settings, benchmark } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const errors = lastResult?.error ? (Object.values(lastResult.error).flat().filter(Boolean) as string[]) : [];
  return (
    <>
      <h1 className="page-title">Pay settings</h1>
      <div className="mt-4">{searchParams.get("done") ? <Notice>Settings saved.</Notice> : null}</div>
      <FormErrors id="settings-errors" errors={errors} />
      <Form method="post" className="card max-w-xl">
        <input type="hidden" name="intent" value="pay" />
        <label htmlFor="rate" className="block font-medium">
          Fair hourly rate (US dollars)
        </label>
        <input
          id="rate"
          name="defaultHourlyRate"
          inputMode="decimal"
          defaultValue={centsToInput(settings.defaultHourlyRateCents)}
          className="input"
          aria-describedby="rate-help"
        />
        <p id="rate-help" className="mt-1 text-sm text-slate-700">
          Engagements paying less per hour are flagged. For reference, Washington State’s community compensation
          guidelines (2025/26) recommend at least {formatCents(benchmark)} an hour.
        </p>
        <label htmlFor="due-days" className="mt-4 block font-medium">
          Pay within how many days of completion
        </label>
        <input
          id="due-days"
          name="paymentDueDays"
          inputMode="numeric"
          defaultValue={settings.paymentDueDays}
          className="input"
        />
        <button type="submit" className="btn-primary mt-4">
          Save
        </button>
      </Form>

      <section aria-labelledby="threshold-heading" className="card mt-6 max-w-xl">
        <h2 id="threshold-heading" className="text-lg font-semibold">
          Form 1099-NEC threshold by tax year
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          The defaults follow the law: $600 for payments made up to 2025, $2,000 from 2026. Change a year if the law
          changes (it is indexed for inflation from 2027).
        </p>
        <ul className="mt-3 space-y-3">
          {settings.thresholds.map((t) => (
            <li key={t.taxYear}>
              <Form method="post" className="flex flex-wrap items-end gap-2">
                <input type="hidden" name="intent" value="threshold" />
                <input type="hidden" name="taxYear" value={t.taxYear} />
                <div>
                  <label htmlFor={`threshold-${t.taxYear}`} className="block text-sm font-medium">
                    {t.taxYear}
                    {t.isDefault ? " (default)" : ""}
                  </label>
                  <input
                    id={`threshold-${t.taxYear}`}
                    name="threshold"
                    inputMode="decimal"
                    defaultValue={centsToInput(t.thresholdCents)}
                    className="input"
                  />
                </div>
                <button type="submit" className="btn-secondary">
                  Save {t.taxYear}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
