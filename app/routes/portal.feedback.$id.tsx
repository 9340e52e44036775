/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
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
import type { z } from "zod";
import { CheckboxField, FormErrors, TextAreaField } from "~/components/forms";
import { ScoreQuestion } from "~/components/feedback-fields";
import { PortalErrorPage } from "~/components/portal-error";
import { requireOwnConsultant } from "~/models/consultant/own.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { myFeedbackForm, submitExperienceFeedback } from "~/models/feedback/consultant-answers.server";
import { STAGE_LABELS } from "~/utils/engagement-options";
import { useMessage } from "~/i18n/use-message";
import {
  EXPERIENCE_QUESTIONS,
  QUESTION_WORDING,
  SCORE_WORDS,
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
  return (
    <section aria-labelledby="sent-heading" className="card mt-4">
      <h2 id="sent-heading" className="text-lg font-semibold">
        What you sent
      </h2>
      <p className="mt-1">The team has read it, so it can no longer be changed.</p>
      <dl className="mt-3">
        {EXPERIENCE_QUESTIONS.map((q) => {
          const score = answer.scores[q] as keyof typeof SCORE_WORDS | null;
          return (
            <div key={q} className="mt-2">
              <dt className="font-medium">{QUESTION_WORDING[q].portal}</dt>
              <dd>{score === null ? "Prefer not to say" : `${score} ${SCORE_WORDS[score]}`}</dd>
            </div>
          );
        })}
        <div className="mt-2">
          <dt className="font-medium">Anything else</dt>
          <dd className="whitespace-pre-wrap">{answer.comment ?? "Nothing."}</dd>
        </div>
        <div className="mt-2">
          <dt className="font-medium">Your name</dt>
          <dd>{answer.anonymous ? "Sent without your name." : "Sent with your name."}</dd>
        </div>
      </dl>
    </section>
  );
}

export default function GiveFeedback() {
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
  const words = useMessage();

  return (
    <>
      <p>
        <Link to="/portal/feedback" className="link inline-flex min-h-[44px] items-center">
          ← Your feedback
        </Link>
      </p>
      <h1 className="page-title mt-2">How did it go?</h1>
      <p className="mt-2 font-semibold">{engagement.title}</p>
      <p className="mt-1">
        {engagement.programName} · {words(STAGE_LABELS[engagement.stage])}
        {engagement.completedAt ? ` · done ${fmt.date(engagement.completedAt)}` : ""}
      </p>

      {!done ? (
        <div className="card mt-4">
          <p>You can give feedback once this work is done.</p>
        </div>
      ) : locked && answer ? (
        <SentAnswer answer={answer} />
      ) : (
        <Form method="post" {...getFormProps(form)} className="card mt-4">
          <p>Answer each question from 1 to 5. You can choose “Prefer not to say”.</p>
          <p className="mb-4 mt-1">There are no right or wrong answers.</p>
          <FormErrors id={form.errorId} errors={form.errors} />
          {EXPERIENCE_QUESTIONS.map((q) => (
            <ScoreQuestion key={q} field={fields[q]} legend={QUESTION_WORDING[q].portal} />
          ))}
          <TextAreaField
            field={fields.comment}
            label="Anything else you want to tell us? (you can leave this empty)"
            help="What went well, and what we should change."
            rows={4}
          />
          <CheckboxField
            field={fields.anonymous}
            label="Send without my name (anonymous)"
            help={
              <>
                <span className="block">
                  The team will see your answers with the program and the stage of the work.
                </span>
                <span className="block">
                  They will not see your name, which piece of work it was, or the exact date.
                </span>
                <span className="block">
                  To keep you hard to spot, they only see anonymous answers once at least 3 people have sent one for
                  this program.
                </span>
              </>
            }
          />
          <p className="mb-4">
            {answer
              ? "You can change your answer until the team has read it."
              : "After you send it, you can change it until the team has read it."}
          </p>
          <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
            {busy ? "Sending…" : answer ? "Save my changes" : "Send my feedback"}
          </button>
        </Form>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <PortalErrorPage title="Feedback" />;
}
