import { withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormErrors, Notice, SelectField } from "~/components/forms";
import { organizationTimeZone, setOrganizationTimeZone } from "~/models/settings.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { formatDateTime } from "~/utils/format";
import { languageFor } from "~/i18n/i18n.server";
import { readForm } from "~/utils/form-data.server";
import { supportedTimeZones, timeZoneLabel } from "~/utils/time-zone";
import { TimeZoneSchema } from "~/utils/settings-schema";

export const handle = { title: "staff:settings.organization.title" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "settings:manage");
  const timeZone = organizationTimeZone(membership.organizationId);
  return {
    timeZone,
    // Worked out here, not in the browser, so the page reads the same before and after it loads.
    nowThere: formatDateTime(new Date(), timeZone, await languageFor(request, user.preferredLanguage)),
    zones: supportedTimeZones().map((zone) => [zone, timeZoneLabel(zone)] as const),
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "settings:manage");
  const submission = parseWithZod(await readForm(request), { schema: TimeZoneSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  setOrganizationTimeZone({
    organizationId: membership.organizationId,
    actorUserId: user.id,
    timeZone: submission.value.timeZone,
  });
  return redirect("/settings/organization?done=1");
});

export default function OrganizationSettings() {
  const { timeZone, nowThere, zones } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation("staff");
  const saved = Boolean(searchParams.get("done"));
  const [form, fields] = useForm<z.input<typeof TimeZoneSchema>>({
    id: "time-zone",
    lastResult,
    defaultValue: { timeZone },
    shouldValidate: "onSubmit",
  });
  return (
    <>
      <h1 className="page-title">{t("settings.organization.title")}</h1>
      <div className="mt-4">{saved ? <Notice>{t("settings.organization.saved")}</Notice> : null}</div>
      <Form method="post" {...getFormProps(form)} className="card max-w-xl">
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField
          field={fields.timeZone}
          label={t("settings.organization.timeZone")}
          options={zones}
          help={t("settings.organization.timeZoneHelp", { now: nowThere })}
        />
        <button type="submit" className="btn-primary">
          {t("settings.organization.save")}
        </button>
      </Form>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
