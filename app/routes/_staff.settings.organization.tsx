/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, Notice, SelectField } from "~/components/forms";
import { organizationTimeZone, setOrganizationTimeZone } from "~/models/settings.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { formatDateTime } from "~/utils/format";
import { readForm } from "~/utils/form-data.server";
import { supportedTimeZones, timeZoneLabel } from "~/utils/time-zone";
import { TimeZoneSchema } from "~/utils/settings-schema";

export const meta: MetaFunction = () => [{ title: "Organization settings" }];

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "settings:manage");
  const timeZone = organizationTimeZone(membership.organizationId);
  return {
    timeZone,
    // Worked out here, not in the browser, so the page reads the same before and after it loads.
    nowThere: formatDateTime(new Date(), timeZone),
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
  const [form, fields] = useForm<z.input<typeof TimeZoneSchema>>({
    id: "time-zone",
    lastResult,
    defaultValue: { timeZone },
    shouldValidate: "onSubmit",
  });
  return (
    <>
      <h1 className="page-title">Organization settings</h1>
      <div className="mt-4">{searchParams.get("done") ? <Notice>Setting saved.</Notice> : null}</div>
      <Form method="post" {...getFormProps(form)} className="card max-w-xl">
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField
          field={fields.timeZone}
          label="Time zone"
          options={zones}
          help={`Every time in the app, in the portal and on receipts is shown in this time zone, for staff and consultants alike. Now there: ${nowThere}. Dates people type, like due dates, do not change.`}
        />
        <button type="submit" className="btn-primary">
          Save
        </button>
      </Form>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
