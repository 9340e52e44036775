import { RuleError } from "~/models/errors";
import { whereRuleErrorGoes, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { requirePermission } from "~/utils/auth/guards.server";
import { type OpenDraft, OpenDraftError, startAssessment } from "~/models/assessment/drafting.server";
import { listAssessments, listLatestTemplates } from "~/models/assessment/records.server";
import { readForm } from "~/utils/form-data.server";
import { languageFor } from "~/i18n/i18n.server";
import { useFormat } from "~/utils/use-format";
import { StartAssessmentSchema as StartSchema } from "~/utils/assessment-schema";

export const handle = { title: "staff:assessments.title" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const language = await languageFor(request, user.preferredLanguage);
  return {
    assessments: listAssessments(membership.organizationId, language),
    templates: listLatestTemplates(language),
    creationKey: crypto.randomUUID(),
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const submission = parseWithZod(await readForm(request), { schema: StartSchema });
  // Every answer has the same shape: the form's reply, and the open draft it ran into, if any.
  const refuse = (reply: SubmissionResult<string[]>, openDraft: OpenDraft | null = null) =>
    data({ ...reply, openDraft }, { status: 400 });
  if (submission.status !== "success") return refuse(submission.reply());
  try {
    const id = startAssessment({
      organizationId: membership.organizationId,
      actorUserId: user.id,
      ...submission.value,
    });
    return redirect(`/assessments/${id}`);
  } catch (error) {
    if (error instanceof OpenDraftError) {
      return refuse(submission.reply(), error.draft);
    }
    if (error instanceof RuleError) {
      return refuse(submission.reply(whereRuleErrorGoes(error)));
    }
    throw error;
  }
});

export default function Assessments() {
  const { assessments, templates, creationKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const fmt = useFormat();
  const { t } = useTranslation("staff");
  const dateText = (d: Date | string | null) => (d ? fmt.date(d) : "");
  const openDraft = lastResult?.openDraft ?? null;
  const [form, fields] = useForm<z.input<typeof StartSchema>>({ id: "start", lastResult, shouldValidate: "onSubmit" });

  return (
    <>
      <h1 className="page-title">{t("assessments.title")}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">{t("assessments.intro")}</p>

      <section aria-labelledby="history-heading" className="mt-6">
        <h2 id="history-heading" className="text-lg font-semibold">
          {t("assessments.list.heading")}
        </h2>
        {assessments.length === 0 ? (
          <p className="card mt-2">{t("assessments.list.empty")}</p>
        ) : (
          <ul className="mt-2 grid gap-3 md:grid-cols-2">
            {assessments.map((a) => (
              <li key={a.id} className="card">
                <p className="text-lg font-semibold">
                  <Link to={`/assessments/${a.id}`} className="link">
                    {a.title}
                  </Link>
                </p>
                <p className="text-sm">
                  {t("assessments.templateVersion", { title: a.templateTitle, version: a.templateVersion })}
                </p>
                <p className="text-sm">
                  {a.status === "complete"
                    ? t("assessments.list.completedOn", { date: dateText(a.completedAt) })
                    : a.startedByName
                      ? t("assessments.list.draftStartedBy", { date: dateText(a.createdAt), name: a.startedByName })
                      : t("assessments.list.draftStarted", { date: dateText(a.createdAt) })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="start-heading" className="card mt-8 max-w-2xl">
        <h2 id="start-heading" className="text-lg font-semibold">
          {t("assessments.start.heading")}
        </h2>
        <Form method="post" {...getFormProps(form)} className="mt-3">
          <FormErrors id={form.errorId} errors={form.errors} />
          {openDraft ? (
            <div role="alert" className="mb-4 rounded-md border border-amber-700 bg-amber-50 p-3">
              <p className="font-semibold">
                {openDraft.startedByName
                  ? t("assessments.start.openDraftBy", {
                      title: openDraft.title,
                      when: fmt.dateTime(openDraft.startedAt),
                      name: openDraft.startedByName,
                    })
                  : t("assessments.start.openDraft", {
                      title: openDraft.title,
                      when: fmt.dateTime(openDraft.startedAt),
                    })}
              </p>
              <p className="mt-1">{t("assessments.start.continueAdvice")}</p>
              <p className="mt-2">
                <Link to={`/assessments/${openDraft.id}`} className="link">
                  {t("assessments.start.continueLink", { title: openDraft.title })}
                </Link>
              </p>
            </div>
          ) : null}
          <input type="hidden" name="creationKey" value={creationKey} />
          <SelectField
            field={fields.templateId}
            label={t("assessments.start.checklist")}
            placeholder={t("assessments.start.chooseChecklist")}
            options={templates.map((t) => [t.id, t.title] as const)}
          />
          <TextField
            field={fields.title}
            label={t("assessments.start.name")}
            required
            help={t("assessments.start.nameHelp")}
          />
          <div className="flex flex-wrap gap-3">
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              {t("assessments.start.submit")}
            </button>
            {openDraft ? (
              <button
                type="submit"
                name="alongsideDraftId"
                value={openDraft.id}
                className="btn-secondary"
                disabled={navigation.state === "submitting"}
              >
                {t("assessments.start.anyway")}
              </button>
            ) : null}
          </div>
        </Form>
      </section>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
