/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { STAGES } from "../../db/schema";
import { FormErrors, Notice, SelectField, TextField } from "~/components/forms";
import {
  addActivityType,
  archiveActivityType,
  listActivityTypesForSettings,
  restoreActivityType,
} from "~/models/activity-type.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { STAGE_LABELS } from "~/utils/engagement-options";
import { useMessage } from "~/i18n/use-message";
import { readForm } from "~/utils/form-data.server";
import { ActivityActionSchema as ActionSchema, AddActivitySchema as AddSchema } from "~/utils/settings-schema";

export const meta: MetaFunction = () => [{ title: "Activity types" }];

const NOTICES = {
  added: "Activity added. It is now offered on the engagement form.",
  exists: "That activity is already on the list.",
  restored: "Activity offered again.",
  archive: "Activity removed from the list. Engagements that have it keep it.",
  restore: "Activity offered again.",
} as const;

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "settings:manage");
  return { activities: listActivityTypesForSettings(membership.organizationId) };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "settings:manage");
  const submission = parseWithZod(await readForm(request), { schema: ActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const scope = { organizationId: membership.organizationId, actorUserId: user.id };
  const v = submission.value;
  if (v.intent === "add") {
    const { outcome } = addActivityType({ ...scope, stage: v.stage, label: v.label });
    return redirect(`/settings/activities?done=${outcome}`);
  }
  const change = v.intent === "archive" ? archiveActivityType : restoreActivityType;
  change({ ...scope, activityTypeId: v.activityTypeId });
  return redirect(`/settings/activities?done=${v.intent}`);
});

export default function ActivitySettings() {
  const { activities } = useLoaderData<typeof loader>();
  const words = useMessage();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const notice = done && done in NOTICES ? NOTICES[done as keyof typeof NOTICES] : null;
  const [form, fields] = useForm<z.input<typeof AddSchema>>({
    id: "add-activity",
    lastResult,
    shouldValidate: "onSubmit",
  });

  return (
    <>
      <h1 className="page-title">Activity types</h1>
      <p className="mt-2 max-w-2xl text-slate-700">
        The kinds of work offered on the engagement form, for each stage. Add the ones your organization does. Removing
        one only takes it off the list: engagements that already have it keep it.
      </p>
      <div className="mt-4">{notice ? <Notice>{notice}</Notice> : null}</div>

      <div className="mt-4 grid gap-4 lg:grid-cols-3">
        {STAGES.map((stage) => {
          const inStage = activities.filter((a) => a.stage === stage);
          return (
            <section key={stage} aria-labelledby={`stage-${stage}`} className="card">
              <h2 id={`stage-${stage}`} className="text-lg font-semibold">
                {words(STAGE_LABELS[stage])}
              </h2>
              {inStage.length === 0 ? (
                <p className="mt-2 text-slate-700">No activities for this stage yet. Add one below.</p>
              ) : (
                <ul className="mt-2 divide-y divide-slate-200">
                  {inStage.map((a) => (
                    <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                      <span>
                        {a.label}
                        {a.archivedAt ? <span className="ml-2 text-sm text-slate-700">(removed)</span> : null}
                        <span className="block text-sm text-slate-700">
                          {a.engagementCount === 1
                            ? "Used by 1 engagement"
                            : `Used by ${a.engagementCount} engagements`}
                        </span>
                      </span>
                      <Form method="post">
                        <input type="hidden" name="activityTypeId" value={a.id} />
                        {a.archivedAt ? (
                          <button type="submit" name="intent" value="restore" className="btn-secondary">
                            Offer again<span className="sr-only">: {a.label}</span>
                          </button>
                        ) : (
                          <button type="submit" name="intent" value="archive" className="btn-secondary">
                            Remove<span className="sr-only">: {a.label}</span>
                          </button>
                        )}
                      </Form>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>

      <section aria-labelledby="add-activity-heading" className="card mt-6 max-w-xl">
        <h2 id="add-activity-heading" className="text-lg font-semibold">
          Add an activity
        </h2>
        <Form method="post" {...getFormProps(form)} className="mt-3">
          <input type="hidden" name="intent" value="add" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <SelectField
            field={fields.stage}
            label="Stage"
            placeholder="Choose a stage"
            options={STAGES.map((s) => [s, STAGE_LABELS[s]] as const)}
          />
          <TextField
            field={fields.label}
            label="Activity"
            required
            help="For example “Reviewing intake forms” or “Panel at the annual conference”."
          />
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            Add activity
          </button>
        </Form>
      </section>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
