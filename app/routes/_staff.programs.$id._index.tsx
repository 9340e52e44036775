import { replyWithRuleError, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";
import type { z } from "zod";
import { FormErrors, Notice, SelectField, TextAreaField, TextField } from "~/components/forms";
import { getProgramWithStages, updateProgram } from "~/models/program.server";
import { EditProgramSchema, PROGRAM_STATUS_LABELS } from "~/utils/program-schema";
import { requirePermission } from "~/utils/auth/guards.server";

import { ENGAGEMENT_STATUS_LABELS, LEVEL_LABELS, STAGE_LABELS } from "~/utils/engagement-options";
import { useFormat } from "~/utils/use-format";
import { readForm } from "~/utils/form-data.server";

export const handle = { title: "staff:programs.detail.title" };

const DONE_MESSAGES: Record<string, string> = {
  created: "staff:programs.detail.done.created",
  saved: "staff:programs.detail.done.saved",
};

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  const { program, stages } = getProgramWithStages({
    organizationId: membership.organizationId,
    programId: params.id ?? "",
  });
  return {
    program: { ...program, version: program.updatedAt.getTime() },
    stages,
    statusOptions: Object.entries(PROGRAM_STATUS_LABELS),
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const submission = parseWithZod(await readForm(request), { schema: EditProgramSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { version, ...input } = submission.value;
  const programId = params.id ?? "";
  try {
    updateProgram({
      organizationId: membership.organizationId,
      actorUserId: user.id,
      programId,
      input,
      expectedVersion: version,
    });
    return redirect(`/programs/${programId}?done=saved`);
  } catch (error) {
    return replyWithRuleError(error, submission);
  }
});

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

function EditProgramForm({
  program,
  statusOptions,
  lastResult,
}: {
  program: Loaded["program"];
  statusOptions: Loaded["statusOptions"];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const navigation = useNavigation();
  const { t } = useTranslation("staff");
  const [form, fields] = useForm<z.input<typeof EditProgramSchema>>({
    id: "edit-program",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { name: program.name, description: program.description ?? "", status: program.status },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="version" value={program.version} />
      <TextField field={fields.name} label={t("programs.fields.name")} required help={t("programs.fields.nameHelp")} />
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
        {t("programs.detail.save")}
      </button>
    </Form>
  );
}

export default function ProgramPage() {
  const { program, stages, statusOptions } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const done = DONE_MESSAGES[searchParams.get("done") ?? ""];
  const statusLabel = Object.fromEntries(statusOptions);
  const { t } = useTranslation("staff");
  const words = useMessage();
  const fmt = useFormat();

  return (
    <>
      <p>
        <Link to="/programs" className="link">
          ← {t("programs.list.title")}
        </Link>
      </p>
      <h1 className="page-title mt-2">{program.name}</h1>
      <p className="mt-1">{t("programs.statusLine", { status: words(statusLabel[program.status] ?? "") })}</p>
      {program.description ? (
        <p className="mt-2 max-w-3xl whitespace-pre-wrap">{program.description}</p>
      ) : (
        <p className="mt-2 text-slate-700">{t("programs.detail.noDescription")}</p>
      )}
      <div className="mt-4">{done ? <Notice>{words(done)}</Notice> : null}</div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <p className="rounded-md border border-brand-600 bg-brand-50 p-3">{t("programs.detail.shapeDesign")}</p>
          <section aria-labelledby="input-heading" className="card">
            <h2 id="input-heading" className="text-lg font-semibold">
              {t("programs.detail.youSaidWeDid")}
            </h2>
            <p className="mt-1">
              {t("programs.detail.inputIntro")}{" "}
              <Link to={`/programs/${program.id}/input`} className="link">
                {t("programs.detail.seeInput")}
              </Link>
            </p>
          </section>
          <p className="text-sm text-slate-700">{t("programs.detail.totalsNote")}</p>
          {stages.map(({ stage, engagements, totals }) => (
            <section key={stage} aria-labelledby={`stage-${stage}`} className="card">
              <h2 id={`stage-${stage}`} className="text-lg font-semibold">
                {words(STAGE_LABELS[stage])}
              </h2>
              <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1">
                <div className="flex gap-1">
                  <dt className="font-medium">{t("programs.detail.hours")}</dt>
                  <dd>{fmt.hours(totals.approvedHundredths)}</dd>
                </div>
                <div className="flex gap-1">
                  <dt className="font-medium">{t("programs.detail.pay")}</dt>
                  <dd>{fmt.money(totals.paidFeeCents)}</dd>
                </div>
                <div className="flex gap-1">
                  <dt className="font-medium">{t("programs.detail.expenses")}</dt>
                  <dd>{fmt.money(totals.paidExpensesCents)}</dd>
                </div>
              </dl>
              {engagements.length === 0 ? (
                <p className="mt-3 text-slate-700">{t("programs.detail.noEngagements")}</p>
              ) : (
                <ul className="mt-3 divide-y divide-slate-200">
                  {engagements.map((e) => (
                    <li key={e.id} className="py-2">
                      <Link to={`/engagements/${e.id}`} className="link font-medium">
                        {e.title}
                      </Link>
                      <span className="block text-sm text-slate-700">
                        {t("programs.detail.engagementLine", {
                          name: e.consultantName,
                          level: words(LEVEL_LABELS[e.level]),
                          status: words(ENGAGEMENT_STATUS_LABELS[e.status]),
                        })}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
        </div>

        <section aria-labelledby="edit-heading" className="card self-start">
          <h2 id="edit-heading" className="text-lg font-semibold">
            {t("programs.detail.edit")}
          </h2>
          {/* A new version after each save starts the form again from what was stored. */}
          <EditProgramForm
            key={program.version}
            program={program}
            statusOptions={statusOptions}
            lastResult={lastResult}
          />
        </section>
      </div>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
