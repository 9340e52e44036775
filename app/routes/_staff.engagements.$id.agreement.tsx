/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { RuleError } from "~/models/errors";
import { whereRuleErrorGoes, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState, type FormEvent } from "react";
import { z } from "zod";
import { FormErrors, RadioGroupField, SelectField, TextAreaField, TextField } from "~/components/forms";
import { offlineAnswerFacts, recordAnswerGivenOffline } from "~/models/engagement/offline-answer.server";
import { isoDay } from "~/utils/day";
import { requirePermission } from "~/utils/auth/guards.server";
import { AGREEMENT_METHOD_LABELS, OFFLINE_AGREEMENT_METHODS, RATE_KIND_LABELS } from "~/utils/engagement-options";
import { formatCents } from "~/utils/money";
import { readForm } from "~/utils/form-data.server";
import { OfflineAnswerSchema } from "~/utils/engagement-schema";

export const meta: MetaFunction = () => [{ title: "Record their answer" }];

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  return {
    engagement: offlineAnswerFacts(membership.organizationId, params.id ?? "", user.id),
    today: isoDay(new Date()),
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const submission = parseWithZod(await readForm(request), { schema: OfflineAnswerSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  try {
    recordAnswerGivenOffline({
      organizationId: membership.organizationId,
      actorUserId: user.id,
      engagementId: params.id ?? "",
      termsVersion: v.termsVersion,
      decision: v.decision,
      method: v.method,
      agreedOn: v.agreedOn,
      witnessUserId: v.witnessUserId || null,
      paperFormLocation: v.paperFormLocation || null,
      methodDetail: v.methodDetail || null,
      message: v.message || null,
    });
  } catch (error) {
    if (error instanceof RuleError) {
      const onForm = error.field === "termsVersion" || error.field === "decision";
      return data(submission.reply(whereRuleErrorGoes(error, onForm)), { status: 400 });
    }
    throw error;
  }
  return redirect(
    `/engagements/${params.id}?done=${v.decision === "accepted" ? "answer-accepted" : "answer-declined"}`,
  );
});

export default function RecordOfflineAnswer() {
  const { engagement: e, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof OfflineAnswerSchema>>({
    id: "offline-answer",
    lastResult,
    shouldValidate: "onSubmit",
  });
  const [method, setMethod] = useState(
    typeof fields.method.initialValue === "string" ? fields.method.initialValue : "",
  );
  // Without scripts every field shows, each saying when it applies; with scripts only those that apply.
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement;
    if (target.name === "method") setMethod(target.value);
  };
  const show = {
    witness: !scripted || method !== "",
    place: !scripted || method === "paper_form",
    how: !scripted || method === "other",
  };
  const t = e.terms;
  return (
    <>
      <p>
        <Link to={`/engagements/${e.id}`} className="link">
          ← {e.title}
        </Link>
      </p>
      <h1 className="page-title mt-2">Record {e.consultantName}’s answer</h1>
      <p className="mt-1 max-w-2xl text-slate-700">
        When {e.consultantName} answers on paper, out loud or another way
        {e.hasPortalAccount ? "" : " (they have no portal account)"}, record it here. It counts like an answer in the
        portal: a yes lets the work go ahead, and the terms as they are now are kept as what was agreed.
      </p>
      {e.mayRecordAnswer ? (
        <div className="mt-4 grid gap-6 lg:grid-cols-5">
          <section aria-labelledby="terms-heading" className="card lg:col-span-2">
            <h2 id="terms-heading" className="text-lg font-semibold">
              The terms they answer (version {e.termsVersion})
            </h2>
            <dl className="mt-2 space-y-2">
              <div>
                <dt className="font-medium">What</dt>
                <dd className="whitespace-pre-wrap">{t.scopeWhat}</dd>
              </div>
              <div>
                <dt className="font-medium">Pay</dt>
                <dd>
                  {RATE_KIND_LABELS[t.rateKind]}: {formatCents(t.rateCents)}
                  {e.estimatedTotalCents !== null ? `, about ${formatCents(e.estimatedTotalCents)} in all` : ""}
                </dd>
              </div>
            </dl>
            <p className="mt-3 text-sm text-slate-700">
              {e.currentDecision === "declined"
                ? "They said no to these terms before. A yes recorded now replaces that answer."
                : "Make sure they saw these terms, word for word."}
            </p>
          </section>
          <Form method="post" {...getFormProps(form)} onChange={onChange} className="card lg:col-span-3">
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="termsVersion" value={e.termsVersion} />
            <RadioGroupField
              field={fields.decision}
              legend="Their answer"
              options={[
                ["accepted", "They accepted the terms"],
                ["declined", "They said no to the terms"],
              ]}
            />
            <RadioGroupField
              field={fields.method}
              legend="How they answered"
              options={OFFLINE_AGREEMENT_METHODS.map((m) => [m, AGREEMENT_METHOD_LABELS[m]] as const)}
            />
            <div className="max-w-xs">
              <TextField
                field={fields.agreedOn}
                label="The day they answered"
                type="date"
                help={
                  e.earliestDay
                    ? `The day they signed or said it: from ${e.earliestDay}, the day of their last answer on record, to ${today}.`
                    : `The day they signed or said it, not today’s date unless it was today (${today} or earlier).`
                }
              />
            </div>
            {show.witness ? (
              <SelectField
                field={fields.witnessUserId}
                label="Witness: a colleague who also heard or saw it"
                placeholder="No witness"
                options={e.witnesses.map((w) => [w.userId, w.preferredName] as const)}
                help="Needed when they said it out loud. Optional for a paper form."
              />
            ) : null}
            {show.place ? (
              <TextField
                field={fields.paperFormLocation}
                label="Where the signed form is kept"
                help={
                  scripted
                    ? "For example: the locked cabinet in the office, folder “Agreements 2026”."
                    : "Needed for a paper form. For example: the locked cabinet, folder “Agreements 2026”."
                }
              />
            ) : null}
            {show.how ? (
              <TextField
                field={fields.methodDetail}
                label="How they answered"
                help={scripted ? "In a few words." : "Needed for “Another way”. In a few words."}
              />
            ) : null}
            <TextAreaField
              field={fields.message}
              label="What they said (optional)"
              help="For example, what would need to change for them to say yes."
            />
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              Record their answer
            </button>
          </Form>
        </div>
      ) : e.status === "completed" || e.status === "cancelled" ? (
        <p className="card mt-4">This work is closed, so there is no answer to record.</p>
      ) : e.answeredInPortal && e.currentDecision !== "accepted" ? (
        <div className="card mt-4 max-w-2xl space-y-2">
          <p>
            {e.consultantName} answered version {e.termsVersion} of the terms themselves in the portal on{" "}
            {e.answeredInPortal.day}: they{" "}
            {e.answeredInPortal.decision === "accepted" ? "accepted the terms" : "said no to the terms"}.
            {e.answeredInPortal.message ? ` They wrote: “${e.answeredInPortal.message}”` : ""}
          </p>
          <p>
            Their own answer stands, so no answer to these terms can be recorded for them here. They can still change
            their mind in the portal. To go ahead otherwise, change the terms: they can then answer the new version, in
            the portal, on paper or out loud.
          </p>
          <p>
            <Link to={`/engagements/${e.id}/edit`} className="link">
              Change the terms
            </Link>
          </p>
        </div>
      ) : (
        <p className="card mt-4">
          {e.consultantName} already accepted version {e.termsVersion} of the terms. There is no answer to record.
        </p>
      )}
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
