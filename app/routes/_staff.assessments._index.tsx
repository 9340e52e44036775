/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { RuleError } from "~/models/errors";
import { whereRuleErrorGoes, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { requirePermission } from "~/utils/auth/guards.server";
import { type OpenDraft, OpenDraftError, startAssessment } from "~/models/assessment/drafting.server";
import { listAssessments, listLatestTemplates } from "~/models/assessment/records.server";
import { readForm } from "~/utils/form-data.server";
import { useFormat } from "~/utils/use-format";
import { StartAssessmentSchema as StartSchema } from "~/utils/assessment-schema";

export const meta: MetaFunction = () => [{ title: "Self-assessments" }];

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  return {
    assessments: listAssessments(membership.organizationId),
    templates: listLatestTemplates(),
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
  const dateText = (d: Date | string | null) => (d ? fmt.date(d) : "");
  const openDraft = lastResult?.openDraft ?? null;
  const [form, fields] = useForm<z.input<typeof StartSchema>>({ id: "start", lastResult, shouldValidate: "onSubmit" });

  return (
    <>
      <h1 className="page-title">Self-assessments</h1>
      <p className="mt-1 max-w-3xl text-slate-700">
        Check where your organization stands, then turn the gaps into work. Several colleagues can fill in the same
        assessment; answers are saved section by section.
      </p>

      <section aria-labelledby="history-heading" className="mt-6">
        <h2 id="history-heading" className="text-lg font-semibold">
          All assessments
        </h2>
        {assessments.length === 0 ? (
          <p className="card mt-2">No assessments yet. Start the first one with the form below.</p>
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
                  {a.templateTitle} (version {a.templateVersion})
                </p>
                <p className="text-sm">
                  {a.status === "complete"
                    ? `Completed on ${dateText(a.completedAt)}`
                    : `Draft, started on ${dateText(a.createdAt)}${a.startedByName ? ` by ${a.startedByName}` : ""}`}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="start-heading" className="card mt-8 max-w-2xl">
        <h2 id="start-heading" className="text-lg font-semibold">
          Start an assessment
        </h2>
        <Form method="post" {...getFormProps(form)} className="mt-3">
          <FormErrors id={form.errorId} errors={form.errors} />
          {openDraft ? (
            <div role="alert" className="mb-4 rounded-md border border-amber-700 bg-amber-50 p-3">
              <p className="font-semibold">
                A draft from this checklist is open: “{openDraft.title}”, started {fmt.dateTime(openDraft.startedAt)}
                {openDraft.startedByName ? ` by ${openDraft.startedByName}` : ""}.
              </p>
              <p className="mt-1">
                Continue it, so that everyone’s answers are in one place. Start a new one only if you mean to keep two.
              </p>
              <p className="mt-2">
                <Link to={`/assessments/${openDraft.id}`} className="link">
                  Continue “{openDraft.title}”
                </Link>
              </p>
            </div>
          ) : null}
          <input type="hidden" name="creationKey" value={creationKey} />
          <SelectField
            field={fields.templateId}
            label="Checklist"
            placeholder="Choose a checklist"
            options={templates.map((t) => [t.id, t.title] as const)}
          />
          <TextField field={fields.title} label="Name" required help="For example “Readiness 2026”." />
          <div className="flex flex-wrap gap-3">
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              Start
            </button>
            {openDraft ? (
              <button
                type="submit"
                name="alongsideDraftId"
                value={openDraft.id}
                className="btn-secondary"
                disabled={navigation.state === "submitting"}
              >
                Start a new one anyway
              </button>
            ) : null}
          </div>
        </Form>
      </section>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
