import { replyWithRuleError, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { CheckboxField, FormErrors, TextAreaField } from "~/components/forms";
import { ScoreQuestion } from "~/components/feedback-fields";
import { PortalErrorPage } from "~/components/portal-error";
import { requireOwnConsultant } from "~/models/consultant/own.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { myFeedbackForm, submitExperienceFeedback } from "~/models/feedback/consultant-answers.server";
import { useMessage } from "~/i18n/use-message";
import { STAGE_LABELS } from "~/utils/engagement-options";
import {
  EXPERIENCE_QUESTIONS,
  QUESTION_WORDING,
  SCORE_LABELS,
  SKIP,
  type ExperienceQuestion,
} from "~/utils/feedback-options";
import { ExperienceFeedbackSchema } from "~/utils/feedback-schema";
import { useFormat } from "~/utils/use-format";
import { readForm } from "~/utils/form-data.server";

// The consultant's own answer: never kept in the browser's cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const own = requireOwnConsultant(membership.organizationId, user.id);
  // A 404 for any engagement that is not this consultant's own, in this organization.
  return myFeedbackForm(membership.organizationId, own.id, params.id ?? "");
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const own = requireOwnConsultant(membership.organizationId, user.id);
  const submission = parseWithZod(await readForm(request), { schema: ExperienceFeedbackSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { comment, anonymous, ...scores } = submission.value;
  try {
    // One answer per engagement: sending the form twice changes the same answer, never adds one.
    submitExperienceFeedback({
      organizationId: membership.organizationId,
      consultantId: own.id,
      userId: user.id,
      engagementId: params.id ?? "",
      scores,
      comment,
      anonymous,
    });
  } catch (error) {
    return replyWithRuleError(error, submission);
  }
  return redirect("/portal/feedback?done=sent");
});

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

const asChoice = (score: number | null) => (score === null ? SKIP : String(score));

/** What was sent, once the team has read it. */
function SentAnswer({ answer }: { answer: NonNullable<Loaded["answer"]> }) {
  const { t } = useTranslation("portal");
  const words = useMessage();
  return (
    <section aria-labelledby="sent-heading" className="card mt-4">
      <h2 id="sent-heading" className="text-lg font-semibold">
        {t("feedback.sent.heading")}
      </h2>
      <p className="mt-1">{t("feedback.readLocked")}</p>
      <dl className="mt-3">
        {EXPERIENCE_QUESTIONS.map((q) => {
          const choice = asChoice(answer.scores[q]) as keyof typeof SCORE_LABELS;
          return (
            <div key={q} className="mt-2">
              <dt className="font-medium">{words(QUESTION_WORDING[q].portal)}</dt>
              <dd>{words(SCORE_LABELS[choice] ?? SCORE_LABELS[SKIP])}</dd>
            </div>
          );
        })}
        <div className="mt-2">
          <dt className="font-medium">{t("feedback.sent.anythingElse")}</dt>
          <dd className="whitespace-pre-wrap">{answer.comment ?? t("feedback.sent.nothing")}</dd>
        </div>
        <div className="mt-2">
          <dt className="font-medium">{t("feedback.sent.yourName")}</dt>
          <dd>{answer.anonymous ? t("feedback.sent.withoutName") : t("feedback.sent.withName")}</dd>
        </div>
      </dl>
    </section>
  );
}

export default function GiveFeedback() {
  const { t } = useTranslation("portal");
  const words = useMessage();
  const { engagement, done, locked, answer } = useLoaderData<typeof loader>();
  const fmt = useFormat();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof ExperienceFeedbackSchema>>({
    id: "experience-feedback",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: answer
      ? {
          ...(Object.fromEntries(EXPERIENCE_QUESTIONS.map((q) => [q, asChoice(answer.scores[q])])) as Record<
            ExperienceQuestion,
            string
          >),
          comment: answer.comment ?? "",
          anonymous: answer.anonymous ? "on" : undefined,
        }
      : {},
  });
  const busy = navigation.state !== "idle" && navigation.formMethod?.toLowerCase() === "post";

  return (
    <>
      <p>
        <Link to="/portal/feedback" className="link inline-flex min-h-[44px] items-center">
          {t("feedback.back")}
        </Link>
      </p>
      <h1 className="page-title mt-2">{t("feedback.howDidItGo")}</h1>
      <p className="mt-2 font-semibold">{engagement.title}</p>
      <p className="mt-1">
        {engagement.programName} · {words(STAGE_LABELS[engagement.stage])}
        {engagement.completedAt ? <> · {t("feedback.doneOn", { date: fmt.date(engagement.completedAt) })}</> : null}
      </p>

      {!done ? (
        <div className="card mt-4">
          <p>{t("feedback.notDoneYet")}</p>
        </div>
      ) : locked && answer ? (
        <SentAnswer answer={answer} />
      ) : (
        <Form method="post" {...getFormProps(form)} className="card mt-4">
          <p>{t("feedback.answerEach")}</p>
          <p className="mb-4 mt-1">{t("feedback.noWrongAnswers")}</p>
          <FormErrors id={form.errorId} errors={form.errors} />
          {EXPERIENCE_QUESTIONS.map((q) => (
            <ScoreQuestion key={q} field={fields[q]} legend={QUESTION_WORDING[q].portal} />
          ))}
          <TextAreaField
            field={fields.comment}
            label={t("feedback.comment")}
            help={t("feedback.commentHelp")}
            rows={4}
          />
          <CheckboxField
            field={fields.anonymous}
            label={t("feedback.anonymous")}
            help={
              <>
                <span className="block">{t("feedback.anonymousSees")}</span>
                <span className="block">{t("feedback.anonymousHides")}</span>
                <span className="block">{t("feedback.anonymousThree")}</span>
              </>
            }
          />
          <p className="mb-4">{answer ? t("feedback.canChange") : t("feedback.canChangeAfter")}</p>
          <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
            {busy ? t("feedback.sending") : answer ? t("feedback.saveChanges") : t("feedback.send")}
          </button>
        </Form>
      )}
    </>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("portal");
  return <PortalErrorPage title={t("feedback.errorTitle")} />;
}
