import { SafeTrans } from "~/i18n/safe-trans";
import { replyWithRuleError, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { useMessage } from "~/i18n/use-message";
import { STAGES } from "../../db/schema";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import { requirePermission } from "~/utils/auth/guards.server";
import { organizationToday } from "~/models/settings.server";
import { choicesForNewInput, programForInputs, programInputSummary } from "~/models/program-input/staff-views.server";
import { recordProgramInput } from "~/models/program-input/steps.server";
import { STAGE_LABELS } from "~/utils/engagement-options";
import { useFormat } from "~/utils/use-format";
import {
  INPUT_STATUS_LABELS,
  OPEN_TOO_LONG_DAYS,
  RecordInputSchema,
  type InputStatus,
} from "~/utils/program-input-options";
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

/** 12, or 12.5 for an even count whose two middle values differ by an odd number. */
const medianFigure = (median: number) => (Number.isInteger(median) ? median : Number(median.toFixed(1)));

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type Item = Loaded["summary"]["items"][number];

export default function ProgramInputPage() {
  const words = useMessage();
  const { summary, choices, creationKey, today } = useLoaderData<typeof loader>();
  const { program, items, total, reportedBack, closureRate, medianDaysToReportBack, openTooLong } = summary;
  const groups = (Object.keys(INPUT_STATUS_LABELS) as InputStatus[])
    .map((status) => ({ status, items: items.filter((i) => i.status === status) }))
    .filter((g) => g.items.length > 0);
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
      <p className="mt-1 text-sm text-slate-700">{t("programInputs.list.asOf", { day: fmt.calendarDay(today) })}</p>
      <p className="mt-2 text-sm print:hidden">
        <SafeTrans t={t} i18nKey="programInputs.list.print" components={{ strong: <strong /> }} />
      </p>

      <section aria-labelledby="closing-heading" className="card mt-4 break-inside-avoid">
        <h2 id="closing-heading" className="text-lg font-semibold">
          {t("programInputs.list.closingHeading")}
        </h2>
        {total === 0 ? (
          <p className="mt-2">{t("programInputs.list.none")}</p>
        ) : (
          <ul className="mt-2 list-disc space-y-1 pl-5">
            <li>
              {t("programInputs.list.reportedBack", {
                count: total,
                reported: reportedBack,
                percent: Math.round(closureRate! * 100),
              })}
            </li>
            <li>
              {medianDaysToReportBack === null
                ? t("programInputs.list.noMedian")
                : t("programInputs.list.median", {
                    count: medianFigure(medianDaysToReportBack),
                    days: fmt.number(medianFigure(medianDaysToReportBack)),
                  })}
            </li>
            <li>
              {openTooLong === 0
                ? t("programInputs.list.noneOpenTooLong", { days: OPEN_TOO_LONG_DAYS })
                : t("programInputs.list.openTooLong", { count: openTooLong, days: OPEN_TOO_LONG_DAYS })}
            </li>
          </ul>
        )}
      </section>

      {groups.map((group) => (
        <section key={group.status} aria-labelledby={`group-${group.status}`} className="mt-6">
          <h2 id={`group-${group.status}`} className="text-lg font-semibold">
            {words(INPUT_STATUS_LABELS[group.status])} ({group.items.length})
          </h2>
          <ul className="mt-2 grid gap-3 md:grid-cols-2 print:block">
            {group.items.map((item) => (
              <InputItemCard key={item.id} item={item} />
            ))}
          </ul>
        </section>
      ))}

      <RecordInputForm choices={choices} creationKey={creationKey} today={today} />
    </>
  );
}

function InputItemCard({ item }: { item: Item }) {
  const { t } = useTranslation("staff");
  const words = useMessage();
  const fmt = useFormat();
  const from = {
    name: item.consultantName,
    stage: words(STAGE_LABELS[item.stage]),
    day: fmt.calendarDay(item.receivedOn),
  };
  return (
    <li className={`card break-inside-avoid print:mb-3 ${item.openTooLong ? "border-2 border-amber-700" : ""}`}>
      {item.openTooLong ? (
        <p className="mb-2">
          <strong className="inline-flex items-center gap-1 rounded border border-amber-700 bg-amber-50 px-1.5 py-0.5 text-sm text-amber-950">
            <span aria-hidden="true">⚠</span>
            {t("programInputs.openFor", { count: item.daysOpen! })}
          </strong>
        </p>
      ) : null}
      <p className="font-medium">
        <Link to={`/program-inputs/${item.id}`} className="link">
          {item.summary}
        </Link>
      </p>
      <p className="mt-1 text-sm text-slate-700">
        {item.engagementTitle
          ? t("programInputs.list.fromDuring", { ...from, engagement: item.engagementTitle })
          : t("programInputs.list.from", from)}
      </p>
      <p className="mt-1 text-sm">
        <span className="font-medium">{t("programInputs.stateLabel")}</span> {words(INPUT_STATUS_LABELS[item.status])}
        {item.status === "reported_back" && item.decision ? ` (${words(INPUT_STATUS_LABELS[item.decision])})` : ""}
        {!item.openTooLong && item.daysOpen !== null
          ? ` · ${t("programInputs.list.openForLower", { count: item.daysOpen })}`
          : ""}
      </p>
      {item.response ? (
        <p className="mt-2 whitespace-pre-line">
          <span className="font-medium">
            {item.decision === "not_adopted" ? t("programInputs.list.whyNot") : t("programInputs.list.whatWeDid")}
          </span>{" "}
          {item.response}
        </p>
      ) : null}
      {item.reportedBackOn ? (
        <p className="mt-2 text-sm">
          {t("programInputs.list.reportedBackOn", {
            day: fmt.calendarDay(item.reportedBackOn),
            how: item.reportedBackHow,
            count: item.daysToReportBack!,
          })}
        </p>
      ) : null}
    </li>
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
