import { replyWithRuleError, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { STAGES } from "../../db/schema";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import { requirePermission } from "~/utils/auth/guards.server";
import { organizationToday } from "~/models/settings.server";
import { choicesForNewInput, programForInputs, programInputSummary } from "~/models/program-input/staff-views.server";
import { recordProgramInput } from "~/models/program-input/steps.server";
import { STAGE_LABELS } from "~/utils/engagement-options";
import { useFormat } from "~/utils/use-format";
import { RecordInputSchema } from "~/utils/program-input-options";
import { ClosingTheLoop, ItemsByStatus, PrintHint } from "~/components/input-loop";
import { readForm } from "~/utils/form-data.server";

export const handle = { title: "staff:programInputs.list.title" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  const today = organizationToday(membership.organizationId);
  const summary = programInputSummary(membership.organizationId, params.id ?? "", today);
  return {
    summary,
    choices: choicesForNewInput(membership.organizationId, summary.program.id),
    creationKey: crypto.randomUUID(),
    today,
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  // Another organization's program is a 404, whatever the form says.
  const program = programForInputs(membership.organizationId, params.id ?? "");
  const submission = parseWithZod(await readForm(request), { schema: RecordInputSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { creationKey, ...input } = submission.value;
  try {
    const { id } = recordProgramInput({
      organizationId: membership.organizationId,
      actorUserId: user.id,
      programId: program.id,
      input,
      creationKey,
    });
    return redirect(`/program-inputs/${id}?done=recorded`);
  } catch (error) {
    return replyWithRuleError(error, submission);
  }
});

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ProgramInputPage() {
  const { summary, choices, creationKey, today } = useLoaderData<typeof loader>();
  const { program, items } = summary;
  const { t } = useTranslation("staff");
  const fmt = useFormat();

  return (
    <>
      <p className="print:hidden">
        <Link to={`/programs/${program.id}`} className="link">
          ← {program.name}
        </Link>
      </p>
      <h1 className="page-title mt-2">{t("programInputs.list.heading", { program: program.name })}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">{t("programInputs.list.intro")}</p>
      <p className="mt-1 max-w-3xl text-slate-700">
        {t("ideas.staff.alsoFromPortal")}{" "}
        <Link to="/program-inputs" className="link print:no-underline">
          {t("ideas.staff.seeAllIdeas")}
        </Link>
      </p>
      <p className="mt-1 text-sm text-slate-700">{t("programInputs.list.asOf", { day: fmt.calendarDay(today) })}</p>
      <PrintHint />

      <ClosingTheLoop figures={summary} none={t("programInputs.list.none")} />
      <ItemsByStatus items={items} />

      <RecordInputForm choices={choices} creationKey={creationKey} today={today} />
    </>
  );
}

function RecordInputForm({
  choices,
  creationKey,
  today,
}: {
  choices: Loaded["choices"];
  creationKey: string;
  today: string;
}) {
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("staff");
  const [form, fields] = useForm<z.input<typeof RecordInputSchema>>({
    id: "record-input",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { receivedOn: today },
  });
  return (
    <section aria-labelledby="record-input-heading" className="card mt-8 max-w-2xl print:hidden">
      <h2 id="record-input-heading" className="text-lg font-semibold">
        {t("programInputs.record.heading")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t("programInputs.record.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-3">
        <FormErrors id={form.errorId} errors={form.errors} />
        {/* The same key on a resubmission returns the item already recorded. */}
        <input type="hidden" name="creationKey" value={creationKey} />
        <SelectField
          field={fields.consultantId}
          label={t("programInputs.record.consultant")}
          placeholder={t("programInputs.record.chooseConsultant")}
          options={choices.consultants.map((c) => [c.id, c.preferredName] as const)}
        />
        <SelectField
          field={fields.engagementId}
          label={t("programInputs.record.engagement")}
          placeholder={t("programInputs.notFromEngagement")}
          options={choices.engagements.map(
            (e) =>
              [e.id, t("programInputs.record.engagementOption", { title: e.title, name: e.consultantName })] as const,
          )}
          help={t("programInputs.record.engagementHelp")}
        />
        <SelectField
          field={fields.stage}
          label={t("programInputs.record.stage")}
          placeholder={t("programInputs.record.chooseStage")}
          options={STAGES.map((s) => [s, STAGE_LABELS[s]] as const)}
          help={t("programInputs.record.stageHelp")}
        />
        <TextAreaField
          field={fields.summary}
          label={t("programInputs.record.summary")}
          rows={4}
          help={t("programInputs.record.summaryHelp")}
        />
        <TextField
          field={fields.receivedOn}
          label={t("programInputs.record.receivedOn")}
          type="date"
          help={t("programInputs.record.receivedOnHelp")}
        />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("programInputs.record.submit")}
        </button>
      </Form>
    </section>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
