/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { replyWithRuleError, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { z } from "zod";
import { STAGES } from "../../db/schema";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import { requirePermission } from "~/utils/auth/guards.server";
import { organizationToday } from "~/models/settings.server";
import { choicesForNewInput, programForInputs, programInputSummary } from "~/models/program-input/staff-views.server";
import { recordProgramInput } from "~/models/program-input/steps.server";
import { STAGE_LABELS } from "~/utils/engagement-options";
import { formatDate } from "~/utils/format";
import {
  INPUT_STATUS_LABELS,
  OPEN_TOO_LONG_DAYS,
  RecordInputSchema,
  type InputStatus,
} from "~/utils/program-input-options";
import { readForm } from "~/utils/form-data.server";
import { useMessage } from "~/i18n/use-message";

export const meta: MetaFunction = () => [{ title: "You said, we did" }];

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

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const days = (n: number) => plural(n, "day", "days");

/** "12 days", or "12.5 days" for an even count whose two middle values differ by an odd number. */
const medianWords = (median: number) => `${Number.isInteger(median) ? median : median.toFixed(1)} days`;

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type Item = Loaded["summary"]["items"][number];

export default function ProgramInputPage() {
  const words = useMessage();
  const { summary, choices, creationKey, today } = useLoaderData<typeof loader>();
  const { program, items, total, reportedBack, closureRate, medianDaysToReportBack, openTooLong } = summary;
  const groups = (Object.keys(INPUT_STATUS_LABELS) as InputStatus[])
    .map((status) => ({ status, items: items.filter((i) => i.status === status) }))
    .filter((g) => g.items.length > 0);

  return (
    <>
      <p className="print:hidden">
        <Link to={`/programs/${program.id}`} className="link">
          ← {program.name}
        </Link>
      </p>
      <h1 className="page-title mt-2">You said, we did: {program.name}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">
        What consultants told us about this program, what we did with it, and when we told them. An item stays open
        until we have reported back.
      </p>
      <p className="mt-1 text-sm text-slate-700">As of {formatDate(today)}.</p>
      <p className="mt-2 text-sm print:hidden">
        <strong>Print this page:</strong> open your browser menu and choose Print. Forms and menus are left off the
        paper.
      </p>

      <section aria-labelledby="closing-heading" className="card mt-4 break-inside-avoid">
        <h2 id="closing-heading" className="text-lg font-semibold">
          Closing the loop
        </h2>
        {total === 0 ? (
          <p className="mt-2">No input recorded yet for this program. Record the first item with the form below.</p>
        ) : (
          <ul className="mt-2 list-disc space-y-1 pl-5">
            <li>
              {reportedBack} of {plural(total, "item", "items")} reported back ({Math.round(closureRate! * 100)}%).
            </li>
            <li>
              {medianDaysToReportBack === null
                ? "No item has been reported back yet, so there is no typical time to report back yet."
                : `Median time from receiving input to reporting back: ${medianWords(medianDaysToReportBack)}.`}
            </li>
            <li>
              {openTooLong === 0
                ? `No item has been open for more than ${OPEN_TOO_LONG_DAYS} days.`
                : `${plural(openTooLong, "item has", "items have")} been open for more than ${OPEN_TOO_LONG_DAYS} days.`}
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
  const words = useMessage();
  return (
    <li className={`card break-inside-avoid print:mb-3 ${item.openTooLong ? "border-2 border-amber-700" : ""}`}>
      {item.openTooLong ? (
        <p className="mb-2">
          <strong className="inline-flex items-center gap-1 rounded border border-amber-700 bg-amber-50 px-1.5 py-0.5 text-sm text-amber-950">
            <span aria-hidden="true">⚠</span>
            Open for {days(item.daysOpen!)}
          </strong>
        </p>
      ) : null}
      <p className="font-medium">
        <Link to={`/program-inputs/${item.id}`} className="link">
          {item.summary}
        </Link>
      </p>
      <p className="mt-1 text-sm text-slate-700">
        From {item.consultantName} · {STAGE_LABELS[item.stage]} stage · Received {formatDate(item.receivedOn)}
        {item.engagementTitle ? ` · During “${item.engagementTitle}”` : ""}
      </p>
      <p className="mt-1 text-sm">
        <span className="font-medium">State:</span> {words(INPUT_STATUS_LABELS[item.status])}
        {item.status === "reported_back" && item.decision ? ` (${words(INPUT_STATUS_LABELS[item.decision])})` : ""}
        {!item.openTooLong && item.daysOpen !== null ? ` · open for ${days(item.daysOpen)}` : ""}
      </p>
      {item.response ? (
        <p className="mt-2 whitespace-pre-line">
          <span className="font-medium">{item.decision === "not_adopted" ? "Why not: " : "What we did: "}</span>
          {item.response}
        </p>
      ) : null}
      {item.reportedBackOn ? (
        <p className="mt-2 text-sm">
          Reported back on {formatDate(item.reportedBackOn)}, {item.reportedBackHow} ({days(item.daysToReportBack!)}{" "}
          after it was received).
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
  const [form, fields] = useForm<z.input<typeof RecordInputSchema>>({
    id: "record-input",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { receivedOn: today },
  });
  return (
    <section aria-labelledby="record-input-heading" className="card mt-8 max-w-2xl print:hidden">
      <h2 id="record-input-heading" className="text-lg font-semibold">
        Record input from a consultant
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        Write down an idea, concern or suggestion a consultant gave on this program. The consultant sees it, and what
        you did with it, in their portal.
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-3">
        <FormErrors id={form.errorId} errors={form.errors} />
        {/* The same key on a resubmission returns the item already recorded. */}
        <input type="hidden" name="creationKey" value={creationKey} />
        <SelectField
          field={fields.consultantId}
          label="Consultant"
          placeholder="Choose a consultant"
          options={choices.consultants.map((c) => [c.id, c.preferredName] as const)}
        />
        <SelectField
          field={fields.engagementId}
          label="Engagement (optional)"
          placeholder="Not from a particular engagement"
          options={choices.engagements.map((e) => [e.id, `${e.title} (with ${e.consultantName})`] as const)}
          help="If the input came up during a piece of work, choose it. It must be that consultant’s work."
        />
        <SelectField
          field={fields.stage}
          label="Stage"
          placeholder="Choose a stage"
          options={STAGES.map((s) => [s, STAGE_LABELS[s]] as const)}
          help="Which part of the program the input is about."
        />
        <TextAreaField
          field={fields.summary}
          label="What the consultant said"
          rows={4}
          help="A sentence or two in plain words. Leave out anything personal about their past."
        />
        <TextField field={fields.receivedOn} label="Received on" type="date" help="The day they told you." />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          Record input
        </button>
      </Form>
    </section>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
