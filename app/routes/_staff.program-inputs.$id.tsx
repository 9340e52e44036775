import { replyWithRuleError, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";
import type { z } from "zod";
import { FormErrors, Notice, RadioGroupField, TextAreaField, TextField } from "~/components/forms";
import { ItemWords } from "~/components/input-loop";
import { requirePermission } from "~/utils/auth/guards.server";
import { organizationToday } from "~/models/settings.server";
import { getProgramInput } from "~/models/program-input/staff-views.server";
import { decideInput, reportBack, startReview } from "~/models/program-input/steps.server";
import { tellAuthorOfAnswer } from "~/models/program-input/consultant-ideas.server";
import { receivedQuarter } from "~/utils/idea-options";
import { STAGE_LABELS } from "~/utils/engagement-options";
import { useFormat } from "~/utils/use-format";
import {
  DecideSchema,
  INPUT_DECISION_LABELS,
  INPUT_STATUS_LABELS,
  InputStepSchema,
  isDecided,
  ReportBackSchema,
} from "~/utils/program-input-options";
import { readForm } from "~/utils/form-data.server";

export const handle = { title: "staff:programInputs.item.title" };

const DONE: Record<string, string> = {
  recorded: "staff:programInputs.item.done.recorded",
  reviewing: "staff:programInputs.item.done.reviewing",
  decided: "staff:programInputs.item.done.decided",
  reported: "staff:programInputs.item.done.reported",
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
    const reported = reportBack({
      ...actor,
      itemId: item.id,
      reportedBackOn: v.reportedBackOn,
      reportedBackHow: v.reportedBackHow,
    });
    // The author of a named idea hears that there is an answer (a neutral notice, where it is safe).
    if (reported.changed) await tellAuthorOfAnswer(membership.organizationId, item.id);
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
  const { t } = useTranslation("staff");
  const fmt = useFormat();
  const kind = item.kind === "concern" ? "concern" : "idea";
  const heading =
    item.source === "staff"
      ? t("programInputs.item.heading", { name: item.consultantName })
      : item.anonymous
        ? t(`ideas.staff.heading.${kind}Anonymous`)
        : t(`ideas.staff.heading.${kind}Named`, { name: item.consultantName });

  return (
    <>
      <p>
        {item.programId ? (
          <Link to={`/programs/${item.programId}/input`} className="link">
            ← {t("programInputs.list.heading", { program: item.programName })}
          </Link>
        ) : (
          <Link to="/program-inputs" className="link">
            ← {t("ideas.staff.title")}
          </Link>
        )}
      </p>
      <h1 className="page-title mt-2">{heading}</h1>
      <p className="mt-1">
        {t("programInputs.stateLabel")} <strong>{words(INPUT_STATUS_LABELS[item.status])}</strong>
        {item.openTooLong ? (
          <strong className="ml-2 inline-flex items-center gap-1 rounded border border-amber-700 bg-amber-50 px-1.5 py-0.5 text-sm text-amber-950">
            <span aria-hidden="true">⚠</span>
            {t("programInputs.openFor", { count: item.daysOpen ?? 0 })}
          </strong>
        ) : null}
      </p>
      <div className="mt-4">{done ? <Notice>{words(done)}</Notice> : null}</div>

      <dl className="card mt-2 grid gap-3 sm:grid-cols-2">
        <Detail term={t("programInputs.item.whatTheySaid")} wide>
          <span className="whitespace-pre-line">
            <ItemWords summary={item.summary} />
          </span>
        </Detail>
        <Detail term={t("ideas.staff.source")}>
          {item.source === "portal" ? t("ideas.staff.sourcePortal") : t("ideas.staff.sourceStaff")}
        </Detail>
        <Detail term={t("programInputs.item.consultant")}>
          {item.consultantId ? (
            <Link to={`/consultants/${item.consultantId}`} className="link">
              {item.consultantName}
            </Link>
          ) : (
            t("ideas.staff.anonymous")
          )}
        </Detail>
        <Detail term={item.stage ? t("programInputs.item.programAndStage") : t("ideas.staff.program")}>
          {item.programId ? (
            <Link to={`/programs/${item.programId}`} className="link">
              {item.programName}
            </Link>
          ) : (
            t("ideas.staff.inGeneral")
          )}
          {item.stage ? <>, {words(STAGE_LABELS[item.stage])}</> : null}
        </Detail>
        {item.source === "staff" ? (
          <Detail term={t("programInputs.item.engagement")}>
            {item.engagement ? (
              <Link to={`/engagements/${item.engagement.id}`} className="link">
                {item.engagement.title}
              </Link>
            ) : (
              t("programInputs.notFromEngagement")
            )}
          </Detail>
        ) : null}
        <Detail term={t("programInputs.item.receivedOn")}>
          {item.anonymous
            ? t("ideas.staff.receivedInQuarter", { quarter: receivedQuarter(item.receivedOn) })
            : item.daysOpen !== null
              ? t("programInputs.item.receivedOnOpen", { day: fmt.calendarDay(item.receivedOn), count: item.daysOpen })
              : fmt.calendarDay(item.receivedOn)}
        </Detail>
        {item.decision ? (
          <>
            <Detail term={t("programInputs.item.decision")}>
              {item.decidedOn
                ? t("programInputs.item.decidedOn", {
                    decision: words(INPUT_STATUS_LABELS[item.decision]),
                    day: fmt.calendarDay(item.decidedOn),
                  })
                : words(INPUT_STATUS_LABELS[item.decision])}
            </Detail>
            <Detail
              term={
                item.decision === "not_adopted" ? t("programInputs.item.whyNot") : t("programInputs.item.whatWeDid")
              }
              wide
            >
              <span className="whitespace-pre-line">{item.response}</span>
            </Detail>
          </>
        ) : null}
        {item.reportedBackOn ? (
          <Detail term={t("programInputs.item.reportedBack")} wide>
            {t("programInputs.item.reportedBackOn", {
              day: fmt.calendarDay(item.reportedBackOn),
              how: item.reportedBackHow,
            })}
          </Detail>
        ) : null}
      </dl>

      <section aria-labelledby="next-heading" className="card mt-6 max-w-2xl">
        <h2 id="next-heading" className="text-lg font-semibold">
          {item.status === "reported_back" ? t("programInputs.item.closed") : t("programInputs.item.nextStep")}
        </h2>
        <div className="mt-2">
          <FormErrors id="step-refused" errors={staleRefusal ?? undefined} />
        </div>
        <p className="mt-1">{words(item.nextStep)}</p>
        {formShown["start-review"] ? (
          <StartReviewForm lastResult={intent === "start-review" ? lastResult : undefined} />
        ) : null}
        {formShown.decide ? <DecideForm lastResult={intent === "decide" ? lastResult : undefined} /> : null}
        {formShown["report-back"] ? (
          <ReportBackForm
            today={today}
            lastResult={intent === "report-back" ? lastResult : undefined}
            author={item.source === "staff" ? null : item.anonymous ? "anonymous" : "named"}
          />
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
  const { t } = useTranslation("staff");
  const [form] = useForm({ id: "start-review", lastResult, shouldValidate: "onSubmit" });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="start-review" />
      <button type="submit" className="btn-secondary" disabled={navigation.state === "submitting"}>
        {t("programInputs.item.startReview")}
      </button>
    </Form>
  );
}

function DecideForm({ lastResult }: { lastResult: Reply }) {
  const navigation = useNavigation();
  const { t } = useTranslation("staff");
  const [form, fields] = useForm<z.input<typeof DecideSchema>>({
    id: "decide",
    lastResult,
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-6 border-t border-slate-200 pt-4">
      <h3 className="font-semibold">{t("programInputs.item.recordDecision")}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="decide" />
      <div className="mt-2">
        <RadioGroupField
          field={fields.decision}
          legend={t("programInputs.item.whatDidYouDecide")}
          options={DECISION_CHOICES}
        />
      </div>
      <TextAreaField
        field={fields.response}
        label={t("programInputs.item.response")}
        rows={4}
        help={t("programInputs.item.responseHelp")}
      />
      <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
        {t("programInputs.item.recordDecision")}
      </button>
    </Form>
  );
}

/** `author`: who sent it from the portal, and so how they hear the answer (null: staff wrote it down). */
function ReportBackForm({
  today,
  lastResult,
  author,
}: {
  today: string;
  lastResult: Reply;
  author: "named" | "anonymous" | null;
}) {
  const navigation = useNavigation();
  const { t } = useTranslation("staff");
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
      {author ? (
        <p className="mb-3 max-w-prose text-sm text-slate-700">
          {author === "named" ? t("ideas.staff.reportBackNamed") : t("ideas.staff.reportBackAnonymous")}
        </p>
      ) : null}
      <TextField
        field={fields.reportedBackOn}
        label={t("programInputs.item.reportedBackOnLabel")}
        type="date"
        help={t("programInputs.item.reportedBackOnHelp")}
      />
      <TextField
        field={fields.reportedBackHow}
        label={t("programInputs.item.reportedBackHow")}
        help={t("programInputs.item.reportedBackHowHelp")}
      />
      <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
        {t("programInputs.item.recordReportedBack")}
      </button>
    </Form>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
