import { withHttpErrors } from "~/utils/http-errors.server";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, Notice } from "~/components/forms";
import { paySettings, setTaxYearThreshold, updatePaySettings } from "~/models/settings.server";
import { BENCHMARK_HOURLY_CENTS, centsToInput } from "~/utils/money";
import { requirePermission } from "~/utils/auth/guards.server";

import { readForm } from "~/utils/form-data.server";
import { PaySettingsSchema as ActionSchema } from "~/utils/settings-schema";

export const handle = { title: "staff:paySettings.title" };

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
  const { t } = useTranslation("staff");
  const { settings, benchmark } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const saved = Boolean(searchParams.get("done"));
  const errors = lastResult?.error ? (Object.values(lastResult.error).flat().filter(Boolean) as string[]) : [];
  return (
    <>
      <h1 className="page-title">{t("paySettings.title")}</h1>
      <div className="mt-4">{saved ? <Notice>{t("paySettings.saved")}</Notice> : null}</div>
      <FormErrors id="settings-errors" errors={errors} />
      <Form method="post" className="card max-w-xl">
        <input type="hidden" name="intent" value="pay" />
        <label htmlFor="rate" className="block font-medium">
          {t("paySettings.rate")}
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
          {t("paySettings.rateHelp", { amount: benchmark })}
        </p>
        <label htmlFor="due-days" className="mt-4 block font-medium">
          {t("paySettings.dueDays")}
        </label>
        <input
          id="due-days"
          name="paymentDueDays"
          inputMode="numeric"
          defaultValue={settings.paymentDueDays}
          className="input"
        />
        <button type="submit" className="btn-primary mt-4">
          {t("paySettings.save")}
        </button>
      </Form>

      <section aria-labelledby="threshold-heading" className="card mt-6 max-w-xl">
        <h2 id="threshold-heading" className="text-lg font-semibold">
          {t("paySettings.thresholdHeading")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("paySettings.thresholdIntro")}</p>
        <ul className="mt-3 space-y-3">
          {settings.thresholds.map((y) => (
            <li key={y.taxYear}>
              <Form method="post" className="flex flex-wrap items-end gap-2">
                <input type="hidden" name="intent" value="threshold" />
                <input type="hidden" name="taxYear" value={y.taxYear} />
                <div>
                  <label htmlFor={`threshold-${y.taxYear}`} className="block text-sm font-medium">
                    {y.isDefault ? t("paySettings.yearDefault", { year: y.taxYear }) : y.taxYear}
                  </label>
                  <input
                    id={`threshold-${y.taxYear}`}
                    name="threshold"
                    inputMode="decimal"
                    defaultValue={centsToInput(y.thresholdCents)}
                    className="input"
                  />
                </div>
                <button type="submit" className="btn-secondary">
                  {t("paySettings.saveYear", { year: y.taxYear })}
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
