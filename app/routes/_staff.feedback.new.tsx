/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { replyWithRuleError, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { z } from "zod";
import { STAGES } from "../../db/schema";
import { FormErrors, RadioGroupField, SelectField, TextAreaField, TextField } from "~/components/forms";
import { ScoreQuestion } from "~/components/feedback-fields";
import { requirePermission } from "~/utils/auth/guards.server";
import { meetingFeedbackChoices, recordMeetingFeedback } from "~/models/feedback/meeting.server";
import { organizationToday } from "~/models/settings.server";
import { STAGE_LABELS } from "~/utils/engagement-options";
import { EXPERIENCE_QUESTIONS, QUESTION_WORDING, SKIP } from "~/utils/feedback-options";
import { MeetingFeedbackSchema } from "~/utils/feedback-schema";
import { readForm } from "~/utils/form-data.server";

export const meta: MetaFunction = () => [{ title: "Record feedback from a meeting" }];

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  return {
    ...meetingFeedbackChoices(membership.organizationId),
    today: organizationToday(membership.organizationId),
    // The same key on a resubmission records the feedback once.
    creationKey: crypto.randomUUID(),
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const submission = parseWithZod(await readForm(request), { schema: MeetingFeedbackSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { creationKey, programId, stage, heardOn, who, consultantId, comment, ...scores } = submission.value;
  try {
    recordMeetingFeedback({
      organizationId: membership.organizationId,
      actorUserId: user.id,
      creationKey,
      programId,
      stage,
      heardOn,
      // Anonymous means the row names nobody, whatever was picked in the list.
      consultantId: who === "named" ? consultantId : null,
      scores,
      comment,
    });
  } catch (error) {
    return replyWithRuleError(error, submission);
  }
  return redirect("/feedback?done=recorded");
});

export default function RecordMeetingFeedback() {
  const { programs, consultants, today, creationKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof MeetingFeedbackSchema>>({
    id: "meeting-feedback",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: {
      heardOn: today,
      who: "anonymous",
      ...Object.fromEntries(EXPERIENCE_QUESTIONS.map((q) => [q, SKIP])),
    },
  });
  return (
    <>
      <p>
        <Link to="/feedback" className="link">
          ← Feedback
        </Link>
      </p>
      <h1 className="page-title mt-2">Record feedback from a meeting</h1>
      <p className="mt-1 max-w-3xl text-slate-700">
        Write down what a consultant told you about their work with you. Record it under their name only if they agreed
        to that.
      </p>
      <Form method="post" {...getFormProps(form)} className="card mt-4 max-w-2xl">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="creationKey" value={creationKey} />
        <SelectField
          field={fields.programId}
          label="Program"
          placeholder="Choose a program"
          options={programs.map((p) => [p.id, p.name] as const)}
        />
        <RadioGroupField
          field={fields.stage}
          legend="Stage of the work"
          options={STAGES.map((s) => [s, STAGE_LABELS[s]] as const)}
        />
        <TextField
          field={fields.heardOn}
          type="date"
          label="Date of the meeting"
          help="Only the quarter is kept, so an anonymous note cannot be matched to a day."
        />
        <RadioGroupField
          field={fields.who}
          legend="Whose feedback is it?"
          options={[
            ["anonymous", "Anonymous: no name is kept"],
            ["named", "Named: the consultant agreed to be named"],
          ]}
          help="Anonymous notes are held back from the report until there are at least 3 for the program."
        />
        <SelectField
          field={fields.consultantId}
          label="Consultant (only for named feedback)"
          placeholder="Nobody: anonymous"
          options={consultants.map((c) => [c.id, c.preferredName] as const)}
        />
        <h2 className="mb-2 mt-2 text-lg font-semibold">What they said, from 1 (not at all) to 5 (very much)</h2>
        {EXPERIENCE_QUESTIONS.map((q) => (
          <ScoreQuestion key={q} field={fields[q]} legend={QUESTION_WORDING[q].staff} skipLabel="Not said" />
        ))}
        <TextAreaField
          field={fields.comment}
          label="What they said, in their words (optional)"
          help="Leave out anything about their past. For anonymous notes, leave out details that would say who it was."
          rows={4}
        />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          Save feedback
        </button>
      </Form>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
