import { withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormErrors, Notice, TextField } from "~/components/forms";
import { PublicPage } from "~/components/public-page";
import { requestPasswordReset } from "~/models/password-reset.server";
import { requireAnonymous } from "~/utils/auth/guards.server";
import { formPausedMessage, takeFormAttempt } from "~/utils/rate-limit.server";
import { readForm } from "~/utils/form-data.server";
import { ForgotSchema } from "~/utils/account-schema";

export const handle = { i18n: ["auth"], title: "auth:titles.resetPassword" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: ForgotSchema });
  const pausedUntil = takeFormAttempt("password-reset-request", context.clientIp ?? "unknown");
  if (pausedUntil) return data(submission.reply({ formErrors: [formPausedMessage(pausedUntil)] }), { status: 429 });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await requestPasswordReset(submission.value.email);
  // The same answer whether or not the address has an account.
  return redirect("/forgot-password?done=sent");
});

export default function ForgotPassword() {
  const { t } = useTranslation("auth");
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof ForgotSchema>>({
    id: "forgot",
    lastResult,
    shouldValidate: "onSubmit",
  });
  return (
    <PublicPage title={t("forgot.heading")}>
      {searchParams.get("done") === "sent" ? <Notice>{t("forgot.sent")}</Notice> : null}
      <p className="mb-4">{t("forgot.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.email} label={t("forms.email")} type="email" autoComplete="email" required />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {t("forgot.submit")}
        </button>
      </Form>
      <p className="mt-6">
        <Link to="/login" className="link">
          {t("forgot.backToSignIn")}
        </Link>
      </p>
    </PublicPage>
  );
}
