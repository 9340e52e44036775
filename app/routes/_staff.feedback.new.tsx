import { replyWithRuleError, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { STAGES } from "../../db/schema";
import { FormErrors, RadioGroupField, SelectField, TextAreaField, TextField } from "~/components/forms";
import { ScoreQuestion } from "~/components/feedback-fields";
import { requirePermission } from "~/utils/auth/guards.server";
import { ANONYMITY_THRESHOLD } from "~/models/feedback/anonymity.server";
import { meetingFeedbackChoices, recordMeetingFeedback } from "~/models/feedback/meeting.server";
import { organizationToday } from "~/models/settings.server";
import { STAGE_LABELS } from "~/utils/engagement-options";
import { EXPERIENCE_QUESTIONS, QUESTION_WORDING, SKIP } from "~/utils/feedback-options";
import { MeetingFeedbackSchema } from "~/utils/feedback-schema";
import { readForm } from "~/utils/form-data.server";
import { useMessage } from "~/i18n/use-message";

export const handle = { title: "staff:feedback.meeting.title" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  return {
    ...meetingFeedbackChoices(membership.organizationId),
    today: organizationToday(membership.organizationId),
    threshold: ANONYMITY_THRESHOLD,
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
  const { programs, consultants, today, creationKey, threshold } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("staff");
  const words = useMessage();
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
          {t("feedback.meeting.back")}
        </Link>
      </p>
      <h1 className="page-title mt-2">{t("feedback.meeting.title")}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">{t("feedback.meeting.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="card mt-4 max-w-2xl">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="creationKey" value={creationKey} />
        <SelectField
          field={fields.programId}
          label={t("feedback.meeting.program")}
          placeholder={t("feedback.meeting.chooseProgram")}
          options={programs.map((p) => [p.id, p.name] as const)}
        />
        <RadioGroupField
          field={fields.stage}
          legend={t("feedback.meeting.stage")}
          options={STAGES.map((s) => [s, STAGE_LABELS[s]] as const)}
        />
        <TextField
          field={fields.heardOn}
          type="date"
          label={t("feedback.meeting.heardOn")}
          help={t("feedback.meeting.heardOnHelp")}
        />
        <RadioGroupField
          field={fields.who}
          legend={t("feedback.meeting.who")}
          options={[
            ["anonymous", t("feedback.meeting.anonymous")],
            ["named", t("feedback.meeting.named")],
          ]}
          help={t("feedback.meeting.whoHelp", { threshold })}
        />
        <SelectField
          field={fields.consultantId}
          label={t("feedback.meeting.consultant")}
          placeholder={t("feedback.meeting.nobody")}
          options={consultants.map((c) => [c.id, c.preferredName] as const)}
        />
        <h2 className="mb-2 mt-2 text-lg font-semibold">{t("feedback.meeting.scoresHeading")}</h2>
        {EXPERIENCE_QUESTIONS.map((q) => (
          <ScoreQuestion
            key={q}
            field={fields[q]}
            legend={words(QUESTION_WORDING[q].staff)}
            skipLabel={t("feedback.meeting.notSaid")}
          />
        ))}
        <TextAreaField
          field={fields.comment}
          label={t("feedback.meeting.comment")}
          help={t("feedback.meeting.commentHelp")}
          rows={4}
        />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("feedback.meeting.submit")}
        </button>
      </Form>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
