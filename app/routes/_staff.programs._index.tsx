/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { replyWithRuleError, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { STAGES } from "../../db/schema";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import { createProgram, listPrograms } from "~/models/program.server";
import { NewProgramSchema, PROGRAM_STATUS_LABELS } from "~/utils/program-schema";
import { requirePermission } from "~/utils/auth/guards.server";

import { STAGE_LABELS } from "~/utils/engagement-options";
import { readForm } from "~/utils/form-data.server";

export const meta: MetaFunction = () => [{ title: "Programs" }];

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  return {
    programs: listPrograms(membership.organizationId),
    creationKey: crypto.randomUUID(),
    statusOptions: Object.entries(PROGRAM_STATUS_LABELS),
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const submission = parseWithZod(await readForm(request), { schema: NewProgramSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { creationKey, ...input } = submission.value;
  try {
    const id = createProgram({ organizationId: membership.organizationId, actorUserId: user.id, input, creationKey });
    return redirect(`/programs/${id}?done=created`);
  } catch (error) {
    return replyWithRuleError(error, submission);
  }
});

export default function Programs() {
  const { programs, creationKey, statusOptions } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof NewProgramSchema>>({
    id: "new-program",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { status: "active" },
  });
  const statusLabel = Object.fromEntries(statusOptions);

  return (
    <>
      <h1 className="page-title">Programs</h1>
      <p className="mt-1 max-w-3xl text-slate-700">
        A program is a piece of your work, such as a training series or a new service. Its page shows who took part at
        each stage (design, delivery and evaluation) and what they were paid.
      </p>

      {programs.length === 0 ? (
        <div className="card mt-6">
          <h2 className="text-lg font-semibold">No programs yet</h2>
          <p className="mt-2">
            Start by adding your first program with the form below. A name is enough. Then you can add engagements to it
            and see them by stage.
          </p>
        </div>
      ) : (
        <ul className="mt-6 grid gap-3 md:grid-cols-2">
          {programs.map((p) => (
            <li key={p.id} className="card">
              <p className="text-lg font-semibold">
                <Link to={`/programs/${p.id}`} className="link">
                  {p.name}
                </Link>
              </p>
              <p className="text-sm">Status: {statusLabel[p.status]}</p>
              {p.description ? <p className="mt-1 line-clamp-2 text-sm text-slate-700">{p.description}</p> : null}
              <dl className="mt-2 flex flex-wrap gap-x-4 text-sm">
                {STAGES.map((stage) => (
                  <div key={stage} className="flex gap-1">
                    <dt>{STAGE_LABELS[stage]}:</dt>
                    <dd>
                      {p.engagementsByStage[stage] === 1
                        ? "1 engagement"
                        : `${p.engagementsByStage[stage]} engagements`}
                    </dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      )}

      <section aria-labelledby="add-program-heading" className="card mt-8 max-w-2xl">
        <h2 id="add-program-heading" className="text-lg font-semibold">
          Add a program
        </h2>
        <Form method="post" {...getFormProps(form)} className="mt-3">
          <FormErrors id={form.errorId} errors={form.errors} />
          {/* The same key on a resubmission makes the server return the program already made. */}
          <input type="hidden" name="creationKey" value={creationKey} />
          <TextField
            field={fields.name}
            label="Name"
            required
            help="For example “Youth outreach 2026”. Each program needs its own name."
          />
          <TextAreaField
            field={fields.description}
            label="Description (optional)"
            help="What the program does and for whom. Leave out anything personal about consultants."
          />
          <SelectField
            field={fields.status}
            label="Status"
            options={statusOptions}
            help="Active: work is going on. Paused: on hold for now. Closed: finished, kept for the record."
          />
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            Add program
          </button>
        </Form>
      </section>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
