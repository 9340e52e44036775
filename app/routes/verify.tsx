import { withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type HeadersFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CheckedLetterFacts } from "~/components/checked-letter-facts";
import { FormErrors, TextField } from "~/components/forms";
import { PublicPage } from "~/components/public-page";
import { checkLetterCode } from "~/models/experience/verification.server";
import { LetterCheckSchema } from "~/utils/experience-schema";
import { readForm } from "~/utils/form-data.server";
import { formPausedMessage, takeFormAttempt } from "~/utils/rate-limit.server";

// "auth" for the message shown when too many codes were tried from one address.
export const handle = { i18n: ["auth"], title: "common:verify.title" };

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

// Nothing to read: the page is its form, and a code is never taken from the address.
export const loader = /* @__PURE__ */ withHttpErrors(async function loader() {
  return null;
});

// A POST, never a GET: a code in the address would stay in browser history and server logs.
export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: LetterCheckSchema });
  // Every try counts against the address, right or wrong: guessing codes is slowed to a crawl.
  const pausedUntil = takeFormAttempt("letter-check", context.clientIp ?? "unknown");
  if (pausedUntil) {
    return data(
      { result: submission.reply({ formErrors: [formPausedMessage(pausedUntil)] }), check: null },
      { status: 429 },
    );
  }
  if (submission.status !== "success") return data({ result: submission.reply(), check: null }, { status: 400 });
  return { result: submission.reply(), check: checkLetterCode(submission.value.code) };
});

export default function CheckLetter() {
  const { t } = useTranslation();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof LetterCheckSchema>>({
    id: "check",
    lastResult: answer?.result,
    shouldValidate: "onSubmit",
  });
  const check = answer?.check ?? null;
  return (
    <PublicPage title={t("verify.heading")}>
      <p className="mb-4">{t("verify.intro")}</p>
      {check ? (
        <div
          role="status"
          data-result={check.result}
          className={`mb-4 rounded-md border p-3 ${
            check.result === "genuine"
              ? "border-emerald-700 bg-emerald-50 text-emerald-900"
              : "border-red-700 bg-red-50 text-red-900"
          }`}
        >
          {check.result !== "not-found" ? (
            <>
              <p className="font-semibold">{check.result === "genuine" ? t("verify.genuine") : t("verify.revoked")}</p>
              <p className="mt-1">{t("verify.issuedOn", { day: check.issuedOn })}</p>
              <CheckedLetterFacts facts={check.facts} />
            </>
          ) : (
            <>
              <p className="font-semibold">{t("verify.notFound")}</p>
              <p className="mt-1">{t("verify.notFoundHelp")}</p>
            </>
          )}
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField
          field={fields.code}
          label={t("verify.codeLabel")}
          help={t("verify.codeHelp")}
          autoComplete="off"
          required
        />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {t("verify.submit")}
        </button>
      </Form>
      <p className="mt-6 text-sm text-slate-700">{t("verify.only")}</p>
    </PublicPage>
  );
}
