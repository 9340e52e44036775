import { replyWithRuleError, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";
import { z } from "zod";
import { STAGES } from "../../db/schema";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import { createProgram, listPrograms } from "~/models/program.server";
import { NewProgramSchema, PROGRAM_STATUS_LABELS } from "~/utils/program-schema";
import { requirePermission } from "~/utils/auth/guards.server";

import { STAGE_LABELS } from "~/utils/engagement-options";
import { readForm } from "~/utils/form-data.server";

export const handle = { title: "staff:programs.list.title" };

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
  const { t } = useTranslation("staff");
  const words = useMessage();

  return (
    <>
      <h1 className="page-title">{t("programs.list.title")}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">{t("programs.list.intro")}</p>
      <p className="mt-1 max-w-3xl">
        <Link to="/program-inputs" className="link">
          {t("ideas.staff.linkFromPrograms")}
        </Link>
      </p>

      {programs.length === 0 ? (
        <div className="card mt-6">
          <h2 className="text-lg font-semibold">{t("programs.list.emptyHeading")}</h2>
          <p className="mt-2">{t("programs.list.empty")}</p>
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
              <p className="text-sm">{t("programs.statusLine", { status: words(statusLabel[p.status] ?? "") })}</p>
              {p.description ? <p className="mt-1 line-clamp-2 text-sm text-slate-700">{p.description}</p> : null}
              <dl className="mt-2 flex flex-wrap gap-x-4 text-sm">
                {STAGES.map((stage) => (
                  <div key={stage} className="flex gap-1">
                    <dt>{t("programs.list.stageLabel", { stage: words(STAGE_LABELS[stage]) })}</dt>
                    <dd>{t("programs.list.engagementCount", { count: p.engagementsByStage[stage] })}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      )}

      <section aria-labelledby="add-program-heading" className="card mt-8 max-w-2xl">
        <h2 id="add-program-heading" className="text-lg font-semibold">
          {t("programs.list.add")}
        </h2>
        <Form method="post" {...getFormProps(form)} className="mt-3">
          <FormErrors id={form.errorId} errors={form.errors} />
          {/* The same key on a resubmission makes the server return the program already made. */}
          <input type="hidden" name="creationKey" value={creationKey} />
          <TextField
            field={fields.name}
            label={t("programs.fields.name")}
            required
            help={t("programs.fields.nameHelpNew")}
          />
          <TextAreaField
            field={fields.description}
            label={t("programs.fields.description")}
            help={t("programs.fields.descriptionHelp")}
          />
          <SelectField
            field={fields.status}
            label={t("programs.fields.status")}
            options={statusOptions}
            help={t("programs.fields.statusHelp")}
          />
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            {t("programs.list.addButton")}
          </button>
        </Form>
      </section>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
