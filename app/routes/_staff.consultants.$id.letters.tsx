import { RuleError } from "~/models/errors";
import { withHttpErrors, whereRuleErrorGoes } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ExperienceLetter, ExperienceSummary, ExperienceWorkList } from "~/components/experience-letter";
import { FormErrors, Notice, TextAreaField, TextField } from "~/components/forms";
import { issueLetter, lettersForAdmin, makeLetterCopy, revokeLetter } from "~/models/experience/letters.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { appUrl } from "~/utils/env.server";
import { LetterAdminSchema } from "~/utils/experience-schema";
import { readForm } from "~/utils/form-data.server";
import { useFormat } from "~/utils/use-format";

export const handle = { title: "staff:experience.title" };

// A copy's code is on this page only in the answer to the form that made it: never kept in a cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "experience-letter:issue");
  return {
    consultantId: params.id ?? "",
    ...lettersForAdmin({
      organizationId: membership.organizationId,
      consultantId: params.id ?? "",
      actorUserId: user.id,
    }),
    signerName: user.preferredName,
    verifyAddress: `${appUrl()}/verify`,
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "experience-letter:issue");
  const submission = parseWithZod(await readForm(request), { schema: LetterAdminSchema });
  const intent = submission.payload.intent;
  const letterId = typeof submission.payload.letterId === "string" ? submission.payload.letterId : null;
  if (submission.status !== "success") {
    return data({ intent, letterId, result: submission.reply(), copy: null }, { status: 400 });
  }
  const scope = { organizationId: membership.organizationId, consultantId: params.id ?? "", actorUserId: user.id };
  const value = submission.value;
  try {
    switch (value.intent) {
      case "issue": {
        const copy = await issueLetter({
          ...scope,
          letterId: value.letterId,
          signerName: value.signerName,
          signerTitle: value.signerTitle,
        });
        // The code is answered in this response only: never in an address, never stored in clear.
        return { intent, letterId, result: submission.reply({ resetForm: true }), copy };
      }
      case "copy": {
        const copy = makeLetterCopy({ ...scope, letterId: value.letterId });
        return { intent, letterId, result: submission.reply({ resetForm: true }), copy };
      }
      case "revoke":
        revokeLetter({ ...scope, letterId: value.letterId, reason: value.reason });
        return redirect(`/consultants/${scope.consultantId}/letters?done=revoked`);
    }
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    return data(
      { intent, letterId, result: submission.reply(whereRuleErrorGoes(error, true)), copy: null },
      { status: 400 },
    );
  }
});

type Answer = ReturnType<typeof useActionData<typeof action>>;

function IssueForm({ letterId, signerName, answer }: { letterId: string; signerName: string; answer: Answer }) {
  const { t } = useTranslation("staff");
  const navigation = useNavigation();
  const [form, fields] = useForm<{ signerName: string; signerTitle: string }>({
    id: "issue",
    lastResult: answer?.intent === "issue" && answer.letterId === letterId ? answer.result : undefined,
    defaultValue: { signerName },
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="issue" />
      <input type="hidden" name="letterId" value={letterId} />
      <TextField field={fields.signerName} label={t("experience.issue.signerName")} required />
      <TextField
        field={fields.signerTitle}
        label={t("experience.issue.signerTitle")}
        help={t("experience.issue.signerTitleHelp")}
        required
      />
      <p className="mb-3 text-sm text-slate-700">{t("experience.issue.frozen")}</p>
      <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
        {t("experience.issue.submit")}
      </button>
    </Form>
  );
}

function RevokeForm({ letterId, answer }: { letterId: string; answer: Answer }) {
  const { t } = useTranslation("staff");
  const navigation = useNavigation();
  const mine = answer?.intent === "revoke" && answer.letterId === letterId;
  const [form, fields] = useForm<{ reason: string }>({
    id: `revoke-${letterId}`,
    lastResult: mine ? answer.result : undefined,
    shouldValidate: "onSubmit",
  });
  return (
    <details className="mt-3" open={mine || undefined}>
      <summary className="cursor-pointer font-medium text-red-800">{t("experience.revoke.open")}</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="revoke" />
        <input type="hidden" name="letterId" value={letterId} />
        <p className="mb-2">{t("experience.revoke.explain")}</p>
        <TextAreaField
          field={fields.reason}
          label={t("experience.revoke.reason")}
          help={t("experience.revoke.reasonHelp")}
        />
        <button type="submit" className="btn-danger" disabled={navigation.state === "submitting"}>
          {t("experience.revoke.submit")}
        </button>
      </Form>
    </details>
  );
}

export default function ConsultantLetters() {
  const { consultantId, consultantName, waiting, issued, signerName, verifyAddress } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation("staff");
  const f = useFormat();
  const copy = answer?.copy ?? null;
  // A copy's refusal, or a signature refused because the request it was for is gone, goes at the top.
  const otherErrors =
    answer && (answer.intent === "copy" || (answer.intent === "issue" && answer.letterId !== waiting?.id))
      ? answer.result.error?.[""]
      : undefined;
  return (
    <>
      <div className="print:hidden">
        <p>
          <Link to={`/consultants/${consultantId}`} className="link">
            {t("consultants.backTo", { name: consultantName })}
          </Link>
        </p>
        <h1 className="page-title mt-2">{t("experience.heading", { name: consultantName })}</h1>
        <p className="mt-2 max-w-3xl">{t("experience.intro")}</p>
        <div className="mt-4">
          {searchParams.get("done") === "revoked" ? <Notice>{t("experience.done.revoked")}</Notice> : null}
          {copy ? (
            <Notice>{answer?.intent === "issue" ? t("experience.done.issued") : t("experience.done.copy")}</Notice>
          ) : null}
          <FormErrors id="copy-errors" errors={otherErrors ?? undefined} />
        </div>
      </div>

      {copy ? (
        <div className="max-w-2xl">
          <ExperienceLetter letter={copy.letter} code={copy.code} verifyAddress={verifyAddress} />
        </div>
      ) : null}

      <div className="mt-6 grid max-w-3xl gap-6 print:hidden">
        <section aria-labelledby="waiting-heading" className="card">
          <h2 id="waiting-heading" className="text-lg font-semibold">
            {t("experience.waiting.heading")}
          </h2>
          {waiting ? (
            <>
              <p className="mt-2">
                {t("experience.waiting.asked", { name: consultantName, day: f.date(waiting.requestedAt) })}
              </p>
              <ul className="mt-1 list-disc pl-6">
                <li>{waiting.includePay ? t("experience.waiting.withPay") : t("experience.waiting.withoutPay")}</li>
                <li>
                  {waiting.includeOrganization
                    ? t("experience.waiting.withOrganization")
                    : t("experience.waiting.withoutOrganization")}
                </li>
              </ul>
              <h3 className="mt-4 font-semibold">{t("experience.waiting.preview")}</h3>
              {waiting.statement.work.length === 0 ? (
                <p className="mt-2">{t("experience.waiting.noWork")}</p>
              ) : (
                <div className="mt-2 rounded-md border border-slate-200 p-3">
                  <ExperienceSummary statement={waiting.statement} />
                  <ExperienceWorkList statement={waiting.statement} />
                </div>
              )}
              <IssueForm letterId={waiting.id} signerName={signerName} answer={answer} />
            </>
          ) : (
            <p className="mt-2">{t("experience.waiting.none", { name: consultantName })}</p>
          )}
        </section>

        <section aria-labelledby="issued-heading" className="card">
          <h2 id="issued-heading" className="text-lg font-semibold">
            {t("experience.issued.heading")}
          </h2>
          {issued.length === 0 ? (
            <p className="mt-2">{t("experience.issued.none")}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-200">
              {issued.map((letter) => (
                <li key={letter.id} className="py-3">
                  <p className="font-medium">
                    {t("experience.issued.line", {
                      day: f.calendarDay(letter.issuedOn),
                      name: letter.signerName,
                      title: letter.signerTitle,
                    })}
                  </p>
                  {letter.status === "revoked" ? (
                    <p className="text-sm text-red-800">
                      {t("experience.issued.revokedOn", { day: f.date(letter.revokedAt!) })}
                      {letter.revokeReason
                        ? ` ${t("experience.issued.reason", { reason: letter.revokeReason })}`
                        : null}
                    </p>
                  ) : (
                    <>
                      {letter.statement === null ? (
                        <p className="mt-2 text-sm">{t("experience.issued.erasedNoCopy")}</p>
                      ) : (
                        <Form method="post" className="mt-2">
                          <input type="hidden" name="intent" value="copy" />
                          <input type="hidden" name="letterId" value={letter.id} />
                          <button type="submit" className="btn-secondary" disabled={navigation.state === "submitting"}>
                            {t("experience.issued.copy")}
                          </button>
                        </Form>
                      )}
                      <RevokeForm letterId={letter.id} answer={answer} />
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
