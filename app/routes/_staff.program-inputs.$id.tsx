/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { replyWithRuleError, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import type { z } from "zod";
import { FormErrors, Notice, RadioGroupField, TextAreaField, TextField } from "~/components/forms";
import { requirePermission } from "~/utils/auth/guards.server";
import { organizationToday } from "~/models/settings.server";
import { getProgramInput } from "~/models/program-input/staff-views.server";
import { decideInput, reportBack, startReview } from "~/models/program-input/steps.server";
import { STAGE_LABELS } from "~/utils/engagement-options";
import { formatDate } from "~/utils/format";
import {
  DecideSchema,
  INPUT_DECISION_LABELS,
  INPUT_STATUS_LABELS,
  InputStepSchema,
  isDecided,
  ReportBackSchema,
} from "~/utils/program-input-options";
import { readForm } from "~/utils/form-data.server";
import { useMessage } from "~/i18n/use-message";

export const meta: MetaFunction = () => [{ title: "Input item" }];

const DONE: Record<string, string> = {
  recorded: "Input recorded. Next, start the review or record the decision.",
  reviewing: "Review started.",
  decided: "Decision recorded. The consultant can now see your response. Next, report back to them.",
  reported: "Reported back. This item is closed.",
};

const DECISION_CHOICES = Object.entries(INPUT_DECISION_LABELS);

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  const today = organizationToday(membership.organizationId);
  return { item: getProgramInput(membership.organizationId, params.id ?? "", today), today };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const actor = { organizationId: membership.organizationId, actorUserId: user.id };
  // Another organization's item is a 404, whatever the form says.
  const item = getProgramInput(membership.organizationId, params.id ?? "");
  const submission = parseWithZod(await readForm(request), { schema: InputStepSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  try {
    if (v.intent === "start-review") {
      startReview({ ...actor, itemId: item.id });
      return redirect(`/program-inputs/${item.id}?done=reviewing`);
    }
    if (v.intent === "decide") {
      decideInput({ ...actor, itemId: item.id, decision: v.decision, response: v.response });
      return redirect(`/program-inputs/${item.id}?done=decided`);
    }
    reportBack({ ...actor, itemId: item.id, reportedBackOn: v.reportedBackOn, reportedBackHow: v.reportedBackHow });
    return redirect(`/program-inputs/${item.id}?done=reported`);
  } catch (error) {
    return replyWithRuleError(error, submission);
  }
});

type Reply = ReturnType<typeof useActionData<typeof action>>;

export default function ProgramInputItemPage() {
  const words = useMessage();
  const { item, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const done = DONE[searchParams.get("done") ?? ""];
  const sentIntent = lastResult?.initialValue?.intent;
  const intent = typeof sentIntent === "string" ? sentIntent : undefined;
  const decided = isDecided(item.status);
  const formShown: Record<string, boolean> = {
    "start-review": item.status === "received",
    decide: item.status === "received" || item.status === "under_review",
    "report-back": decided,
  };
  // A step sent from an out-of-date page (another tab moved the item on) is refused; its form may
  // no longer be on the page, so the refusal is shown above the step that is possible now.
  const staleRefusal = intent && !formShown[intent] ? lastResult?.error?.[""] : undefined;

  return (
    <>
      <p>
        <Link to={`/programs/${item.programId}/input`} className="link">
          ← You said, we did: {item.programName}
        </Link>
      </p>
      <h1 className="page-title mt-2">Input from {item.consultantName}</h1>
      <p className="mt-1">
        State: <strong>{words(INPUT_STATUS_LABELS[item.status])}</strong>
        {item.openTooLong ? (
          <strong className="ml-2 inline-flex items-center gap-1 rounded border border-amber-700 bg-amber-50 px-1.5 py-0.5 text-sm text-amber-950">
            <span aria-hidden="true">⚠</span>
            Open for {item.daysOpen} days
          </strong>
        ) : null}
      </p>
      <div className="mt-4">{done ? <Notice>{done}</Notice> : null}</div>

      <dl className="card mt-2 grid gap-3 sm:grid-cols-2">
        <Detail term="What they said" wide>
          <span className="whitespace-pre-line">{item.summary}</span>
        </Detail>
        <Detail term="Consultant">
          <Link to={`/consultants/${item.consultantId}`} className="link">
            {item.consultantName}
          </Link>
        </Detail>
        <Detail term="Program and stage">
          <Link to={`/programs/${item.programId}`} className="link">
            {item.programName}
          </Link>
          , {STAGE_LABELS[item.stage]}
        </Detail>
        <Detail term="Engagement">
          {item.engagement ? (
            <Link to={`/engagements/${item.engagement.id}`} className="link">
              {item.engagement.title}
            </Link>
          ) : (
            "Not from a particular engagement"
          )}
        </Detail>
        <Detail term="Received on">
          {formatDate(item.receivedOn)}
          {item.daysOpen !== null ? ` (open for ${item.daysOpen} ${item.daysOpen === 1 ? "day" : "days"})` : ""}
        </Detail>
        {item.decision ? (
          <>
            <Detail term="Decision">
              {words(INPUT_STATUS_LABELS[item.decision])}
              {item.decidedOn ? `, on ${formatDate(item.decidedOn)}` : ""}
            </Detail>
            <Detail term={item.decision === "not_adopted" ? "Why not" : "What we did"} wide>
              <span className="whitespace-pre-line">{item.response}</span>
            </Detail>
          </>
        ) : null}
        {item.reportedBackOn ? (
          <Detail term="Reported back" wide>
            On {formatDate(item.reportedBackOn)}, {item.reportedBackHow}
          </Detail>
        ) : null}
      </dl>

      <section aria-labelledby="next-heading" className="card mt-6 max-w-2xl">
        <h2 id="next-heading" className="text-lg font-semibold">
          {item.status === "reported_back" ? "Closed" : "Next step"}
        </h2>
        <div className="mt-2">
          <FormErrors id="step-refused" errors={staleRefusal ?? undefined} />
        </div>
        <p className="mt-1">{item.nextStep}</p>
        {formShown["start-review"] ? (
          <StartReviewForm lastResult={intent === "start-review" ? lastResult : undefined} />
        ) : null}
        {formShown.decide ? <DecideForm lastResult={intent === "decide" ? lastResult : undefined} /> : null}
        {formShown["report-back"] ? (
          <ReportBackForm today={today} lastResult={intent === "report-back" ? lastResult : undefined} />
        ) : null}
      </section>
    </>
  );
}

function Detail({ term, children, wide }: { term: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      <dt className="font-medium text-slate-700">{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function StartReviewForm({ lastResult }: { lastResult: Reply }) {
  const navigation = useNavigation();
  const [form] = useForm({ id: "start-review", lastResult, shouldValidate: "onSubmit" });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="start-review" />
      <button type="submit" className="btn-secondary" disabled={navigation.state === "submitting"}>
        Start the review
      </button>
    </Form>
  );
}

function DecideForm({ lastResult }: { lastResult: Reply }) {
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof DecideSchema>>({
    id: "decide",
    lastResult,
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-6 border-t border-slate-200 pt-4">
      <h3 className="font-semibold">Record the decision</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="decide" />
      <div className="mt-2">
        <RadioGroupField field={fields.decision} legend="What did you decide?" options={DECISION_CHOICES} />
      </div>
      <TextAreaField
        field={fields.response}
        label="Response: what you did, or why not"
        rows={4}
        help="Needed for every decision. The consultant reads this in their portal, so use plain words."
      />
      <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
        Record the decision
      </button>
    </Form>
  );
}

function ReportBackForm({ today, lastResult }: { today: string; lastResult: Reply }) {
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof ReportBackSchema>>({
    id: "report-back",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { reportedBackOn: today },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="report-back" />
      <TextField
        field={fields.reportedBackOn}
        label="Day you told the consultant"
        type="date"
        help="Not before the decision, and not in the future."
      />
      <TextField
        field={fields.reportedBackHow}
        label="How you told them"
        help="As it would end the sentence “We told you on 3 March …”: for example “at the advisory meeting” or “by phone”."
      />
      <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
        Record that we reported back
      </button>
    </Form>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
