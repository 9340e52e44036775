import { withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { STAGES } from "../../db/schema";
import { FormErrors, Notice, SelectField, TextField } from "~/components/forms";
import { LabelTranslationFields, LabelTranslationsLine } from "~/components/label-translation-fields";
import {
  addActivityType,
  archiveActivityType,
  listActivityTypesForSettings,
  restoreActivityType,
  translateActivityType,
} from "~/models/activity-type.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { STAGE_LABELS } from "~/utils/engagement-options";
import { useMessage } from "~/i18n/use-message";
import { readForm } from "~/utils/form-data.server";
import {
  ActivityActionSchema as ActionSchema,
  AddActivitySchema as AddSchema,
  TranslateActivitySchema as TranslateSchema,
} from "~/utils/settings-schema";

export const handle = { title: "staff:settings.activities.title" };

const NOTICES = {
  added: "settings.activities.notices.added",
  exists: "settings.activities.notices.exists",
  restored: "settings.activities.notices.restored",
  archive: "settings.activities.notices.archived",
  restore: "settings.activities.notices.restored",
  translate: "labelWords.saved",
} as const;

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "settings:manage");
  return { activities: listActivityTypesForSettings(membership.organizationId) };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "settings:manage");
  const form = await readForm(request);
  const submission = parseWithZod(form, { schema: ActionSchema });
  if (submission.status !== "success") {
    // Each activity has its own form for its other names: only the one sent shows its messages.
    const activityTypeId = form.get("activityTypeId");
    const formId =
      form.get("intent") === "translate" && typeof activityTypeId === "string" ? `names-${activityTypeId}` : null;
    return data({ ...submission.reply(), formId }, { status: 400 });
  }
  const scope = { organizationId: membership.organizationId, actorUserId: user.id };
  const v = submission.value;
  if (v.intent === "add") {
    const { outcome } = addActivityType({ ...scope, stage: v.stage, label: v.label, translations: v.translations });
    return redirect(`/settings/activities?done=${outcome}`);
  }
  if (v.intent === "translate") {
    // Every language's field is sent: one left empty removes that name.
    translateActivityType({ ...scope, activityTypeId: v.activityTypeId, translations: v.translations ?? {} });
    return redirect(`/settings/activities?done=translate`);
  }
  const change = v.intent === "archive" ? archiveActivityType : restoreActivityType;
  change({ ...scope, activityTypeId: v.activityTypeId });
  return redirect(`/settings/activities?done=${v.intent}`);
});

type Reply = SubmissionResult<string[]> & { formId: string | null };
type Activity = ReturnType<typeof useLoaderData<typeof loader>>["activities"][number];

/** An activity's names in the other languages, behind a disclosure (open again when refused). */
function NamesForm({ activity, reply }: { activity: Activity; reply: Reply | undefined }) {
  const { t } = useTranslation("staff");
  const id = `names-${activity.id}`;
  const mine = reply?.formId === id;
  const [form, fields] = useForm<z.input<typeof TranslateSchema>>({
    id,
    lastResult: mine ? reply : undefined,
    defaultValue: { translations: activity.translations },
    shouldValidate: "onSubmit",
  });
  return (
    <details className="mt-1" open={mine || undefined}>
      <summary className="link cursor-pointer text-sm">
        {t("labelWords.otherLanguages")}
        <span className="sr-only">: {activity.label}</span>
      </summary>
      <Form method="post" {...getFormProps(form)} className="mt-2">
        <input type="hidden" name="intent" value="translate" />
        <input type="hidden" name="activityTypeId" value={activity.id} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <LabelTranslationFields field={fields.translations} />
        <button type="submit" className="btn-secondary">
          {t("labelWords.save")}
          <span className="sr-only">: {activity.label}</span>
        </button>
      </Form>
    </details>
  );
}

export default function ActivitySettings() {
  const { activities } = useLoaderData<typeof loader>();
  const words = useMessage();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const { t } = useTranslation("staff");
  const notice = done && done in NOTICES ? t(NOTICES[done as keyof typeof NOTICES]) : null;
  const [form, fields] = useForm<z.input<typeof AddSchema>>({
    id: "add-activity",
    lastResult: lastResult && !lastResult.formId ? lastResult : undefined,
    shouldValidate: "onSubmit",
  });

  return (
    <>
      <h1 className="page-title">{t("settings.activities.title")}</h1>
      <p className="mt-2 max-w-2xl text-slate-700">{t("settings.activities.intro")}</p>
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
                <p className="mt-2 text-slate-700">{t("settings.activities.noneInStage")}</p>
              ) : (
                <ul className="mt-2 divide-y divide-slate-200">
                  {inStage.map((a) => (
                    <li key={a.id} className="flex flex-wrap items-start justify-between gap-2 py-2">
                      <div className="min-w-0 flex-1">
                        {a.label}
                        {a.archivedAt ? (
                          <span className="ml-2 text-sm text-slate-700">{t("settings.activities.removed")}</span>
                        ) : null}
                        <span className="block text-sm text-slate-700">
                          {t("settings.activities.usedBy", { count: a.engagementCount })}
                        </span>
                        <LabelTranslationsLine translations={a.translations} />
                        <NamesForm activity={a} reply={lastResult} />
                      </div>
                      <Form method="post">
                        <input type="hidden" name="activityTypeId" value={a.id} />
                        {a.archivedAt ? (
                          <button type="submit" name="intent" value="restore" className="btn-secondary">
                            {t("settings.activities.offerAgain")}
                            <span className="sr-only">: {a.label}</span>
                          </button>
                        ) : (
                          <button type="submit" name="intent" value="archive" className="btn-secondary">
                            {t("settings.activities.remove")}
                            <span className="sr-only">: {a.label}</span>
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
          {t("settings.activities.addHeading")}
        </h2>
        <Form method="post" {...getFormProps(form)} className="mt-3">
          <input type="hidden" name="intent" value="add" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <SelectField
            field={fields.stage}
            label={t("settings.activities.stage")}
            placeholder={t("settings.activities.chooseStage")}
            options={STAGES.map((s) => [s, STAGE_LABELS[s]] as const)}
          />
          <TextField
            field={fields.label}
            label={t("settings.activities.activity")}
            required
            help={t("settings.activities.activityHelp")}
          />
          <LabelTranslationFields field={fields.translations} help={t("labelWords.activityHelp")} />
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            {t("settings.activities.add")}
          </button>
        </Form>
      </section>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
