import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { AssessmentRuleError, listAssessments, listLatestTemplates, startAssessment } from "~/models/assessment.server";
import { requireMembership, STAFF_ROLES } from "~/utils/auth.server";
import { readForm } from "~/utils/form-data.server";

export const meta: MetaFunction = () => [{ title: "Self-assessments" }];

const StartSchema = z.object({
  templateId: z.string({ error: "Choose a checklist." }).min(1, "Choose a checklist.").max(100),
  title: z
    .string({ error: "Give it a name, for example “Readiness 2026”." })
    .trim()
    .min(2, "Give it a name, for example “Readiness 2026”.")
    .max(120, "Use no more than 120 characters."),
  creationKey: z.uuid(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requireMembership(request, STAFF_ROLES);
  return {
    assessments: listAssessments(membership.organizationId),
    templates: listLatestTemplates(),
    creationKey: crypto.randomUUID(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requireMembership(request, STAFF_ROLES);
  const submission = parseWithZod(await readForm(request), { schema: StartSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const id = startAssessment({
      organizationId: membership.organizationId,
      actorUserId: user.id,
      ...submission.value,
    });
    return redirect(`/assessments/${id}`);
  } catch (error) {
    if (error instanceof AssessmentRuleError) {
      return data(submission.reply({ fieldErrors: { [error.field]: [error.message] } }), { status: 400 });
    }
    throw error;
  }
}

const dateText = (d: Date | string | null) =>
  d ? new Date(d).toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric" }) : "";

export default function Assessments() {
  const { assessments, templates, creationKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
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
          <input type="hidden" name="creationKey" value={creationKey} />
          <SelectField
            field={fields.templateId}
            label="Checklist"
            placeholder="Choose a checklist"
            options={templates.map((t) => [t.id, t.title] as const)}
          />
          <TextField field={fields.title} label="Name" required help="For example “Readiness 2026”." />
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            Start
          </button>
        </Form>
      </section>
    </>
  );
}
