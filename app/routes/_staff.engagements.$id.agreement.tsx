import { RuleError } from "~/models/errors";
import { whereRuleErrorGoes, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";
import { languageName } from "~/i18n/config";
import { z } from "zod";
import { FormErrors, RadioGroupField, SelectField, TextAreaField, TextField } from "~/components/forms";
import { offlineAnswerFacts, recordAnswerGivenOffline } from "~/models/engagement/offline-answer.server";
import { isoDay } from "~/utils/day";
import { requirePermission } from "~/utils/auth/guards.server";
import { AGREEMENT_METHOD_LABELS, OFFLINE_AGREEMENT_METHODS, RATE_KIND_LABELS } from "~/utils/engagement-options";
import { useFormat } from "~/utils/use-format";
import { readForm } from "~/utils/form-data.server";
import { OfflineAnswerSchema } from "~/utils/engagement-schema";

export const handle = { title: "staff:engagements.answer.title" };

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
      language: v.language ?? null,
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
  const { t } = useTranslation("staff");
  const words = useMessage();
  const fmt = useFormat();
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
  const terms = e.terms;
  const pay = t("engagements.list.rate", {
    kind: words(RATE_KIND_LABELS[terms.rateKind]),
    amount: fmt.money(terms.rateCents),
  });
  return (
    <>
      <p>
        <Link to={`/engagements/${e.id}`} className="link">
          ← {e.title}
        </Link>
      </p>
      <h1 className="page-title mt-2">{t("engagements.answer.heading", { name: e.consultantName })}</h1>
      <p className="mt-1 max-w-2xl text-slate-700">
        {e.hasPortalAccount
          ? t("engagements.answer.intro", { name: e.consultantName })
          : t("engagements.answer.introNoAccount", { name: e.consultantName })}
      </p>
      {e.mayRecordAnswer ? (
        <div className="mt-4 grid gap-6 lg:grid-cols-5">
          <section aria-labelledby="terms-heading" className="card lg:col-span-2">
            <h2 id="terms-heading" className="text-lg font-semibold">
              {t("engagements.answer.termsHeading", { version: e.termsVersion })}
            </h2>
            <dl className="mt-2 space-y-2">
              <div>
                <dt className="font-medium">{t("engagements.detail.facts.what")}</dt>
                <dd className="whitespace-pre-wrap">{terms.scopeWhat}</dd>
              </div>
              <div>
                <dt className="font-medium">{t("engagements.detail.facts.pay")}</dt>
                <dd>
                  {e.estimatedTotalCents !== null
                    ? t("engagements.answer.payWithTotal", { pay, total: fmt.money(e.estimatedTotalCents) })
                    : pay}
                </dd>
              </div>
            </dl>
            <p className="mt-3 text-sm text-slate-700">
              {e.currentDecision === "declined"
                ? t("engagements.answer.declinedBefore")
                : t("engagements.answer.makeSure")}
            </p>
          </section>
          <Form method="post" {...getFormProps(form)} onChange={onChange} className="card lg:col-span-3">
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="termsVersion" value={e.termsVersion} />
            <RadioGroupField
              field={fields.decision}
              legend={t("engagements.answer.decision")}
              options={[
                ["accepted", t("engagements.answer.accepted")],
                ["declined", t("engagements.answer.declined")],
              ]}
            />
            <RadioGroupField
              field={fields.method}
              legend={t("engagements.answer.method")}
              options={OFFLINE_AGREEMENT_METHODS.map((m) => [m, AGREEMENT_METHOD_LABELS[m]] as const)}
            />
            {e.termsLanguages.length > 1 ? (
              <RadioGroupField
                field={fields.language}
                legend={t("termsWords.answer.language")}
                help={t("termsWords.answer.languageHelp")}
                options={e.termsLanguages.map((language) => [language, languageName(language)] as const)}
              />
            ) : (
              <p className="mb-4 text-sm text-slate-700">{t("termsWords.answer.englishOnly")}</p>
            )}
            <div className="max-w-xs">
              <TextField
                field={fields.agreedOn}
                label={t("engagements.answer.agreedOn")}
                type="date"
                help={
                  e.earliestDay
                    ? t("engagements.answer.agreedOnHelpFrom", { earliest: e.earliestDay, today })
                    : t("engagements.answer.agreedOnHelp", { today })
                }
              />
            </div>
            {show.witness ? (
              <SelectField
                field={fields.witnessUserId}
                label={t("engagements.answer.witness")}
                placeholder={t("engagements.answer.noWitness")}
                options={e.witnesses.map((w) => [w.userId, w.preferredName] as const)}
                help={t("engagements.answer.witnessHelp")}
              />
            ) : null}
            {show.place ? (
              <TextField
                field={fields.paperFormLocation}
                label={t("engagements.answer.place")}
                help={scripted ? t("engagements.answer.placeHelp") : t("engagements.answer.placeHelpNoScript")}
              />
            ) : null}
            {show.how ? (
              <TextField
                field={fields.methodDetail}
                label={t("engagements.answer.how")}
                help={scripted ? t("engagements.answer.howHelp") : t("engagements.answer.howHelpNoScript")}
              />
            ) : null}
            <TextAreaField
              field={fields.message}
              label={t("engagements.answer.message")}
              help={t("engagements.answer.messageHelp")}
            />
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              {t("engagements.answer.submit")}
            </button>
          </Form>
        </div>
      ) : e.status === "completed" || e.status === "cancelled" ? (
        <p className="card mt-4">{t("engagements.answer.closed")}</p>
      ) : e.answeredInPortal && e.currentDecision !== "accepted" ? (
        <div className="card mt-4 max-w-2xl space-y-2">
          <p>
            {t(
              e.answeredInPortal.decision === "accepted"
                ? "engagements.answer.answeredInPortalAccepted"
                : "engagements.answer.answeredInPortalDeclined",
              { name: e.consultantName, version: e.termsVersion, day: e.answeredInPortal.day },
            )}
            {e.answeredInPortal.message
              ? ` ${t("engagements.answer.theyWrote", { message: e.answeredInPortal.message })}`
              : ""}
          </p>
          <p>{t("engagements.answer.ownAnswerStands")}</p>
          <p>
            <Link to={`/engagements/${e.id}/edit`} className="link">
              {t("engagements.answer.changeTerms")}
            </Link>
          </p>
        </div>
      ) : (
        <p className="card mt-4">
          {t("engagements.answer.alreadyAccepted", { name: e.consultantName, version: e.termsVersion })}
        </p>
      )}
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
