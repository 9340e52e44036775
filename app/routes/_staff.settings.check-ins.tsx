import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { FormErrors, Notice, TextField } from "~/components/forms";
import { CHECK_IN_GRACE_DAYS } from "~/models/capacity/check-ins.server";
import { checkInSettings, updateCheckInSettings } from "~/models/capacity/settings.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { CheckInSettingsSchema } from "~/utils/capacity-schema";
import { readForm } from "~/utils/form-data.server";
import { withHttpErrors } from "~/utils/http-errors.server";

export const handle = { title: "staff:checkInSettings.title" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "settings:manage");
  return { settings: checkInSettings(membership.organizationId), graceDays: CHECK_IN_GRACE_DAYS };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "settings:manage");
  const submission = parseWithZod(await readForm(request), { schema: CheckInSettingsSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  updateCheckInSettings({ organizationId: membership.organizationId, actorUserId: user.id, ...submission.value });
  return redirect("/settings/check-ins?done=1");
});

export default function CheckInSettings() {
  const { settings, graceDays } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation("staff");
  const saved = Boolean(searchParams.get("done")) && !lastResult;
  const [form, fields] = useForm<z.input<typeof CheckInSettingsSchema>>({
    id: "check-in-settings",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: {
      checkInIntervalDays: String(settings.checkInIntervalDays),
      benefitsGuidanceUrl: settings.benefitsGuidanceUrl ?? "",
    },
  });
  return (
    <>
      <h1 className="page-title">{t("checkInSettings.title")}</h1>
      <p className="mt-2 max-w-2xl text-slate-700">{t("checkInSettings.intro")}</p>
      <div className="mt-4">{saved ? <Notice>{t("checkInSettings.saved")}</Notice> : null}</div>
      <Form method="post" {...getFormProps(form)} className="card max-w-xl">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField
          field={fields.checkInIntervalDays}
          label={t("checkInSettings.interval")}
          help={t("checkInSettings.intervalHelp", { days: graceDays })}
          inputMode="numeric"
          short
        />
        <TextField
          field={fields.benefitsGuidanceUrl}
          label={t("checkInSettings.url")}
          help={t("checkInSettings.urlHelp")}
          type="text"
        />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("checkInSettings.save")}
        </button>
      </Form>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
