import { withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormErrors, Notice, PasswordField, TextField, useReplyKey } from "~/components/forms";
import { PublicPage } from "~/components/public-page";
import { emailOfHeldInvitation } from "~/models/invitation/accept.server";
import { beginSecondStep, completeSignIn, readHeldInvitation, verifyLogin } from "~/utils/auth/sign-in.server";
import { hasTwoFactor } from "~/utils/auth/two-step.server";
import { readReturnPath } from "~/utils/auth/redirects.server";
import { requireAnonymous } from "~/utils/auth/guards.server";

import { readForm } from "~/utils/form-data.server";
import { message } from "~/i18n/message";
import { LoginSchema } from "~/utils/account-schema";

export const handle = { i18n: ["auth"], title: "auth:titles.signIn" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  // Someone who came from an invitation link: the email it was sent to is filled in for them.
  const held = readHeldInvitation(request);
  return { invitedEmail: held ? emailOfHeldInvitation(held) : null };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password } = submission.value;
  // The page the person was sent here from, if any: kept in a cookie, never in the address.
  const redirectTo = readReturnPath(request);
  const result = await verifyLogin(email, password, context.clientIp ?? "unknown", readHeldInvitation(request));
  if (!result.ok) {
    const refusal =
      result.reason === "locked"
        ? message("auth:login.locked", { count: minutesUntil(result.until) })
        : "auth:login.wrongPassword";
    return data(submission.reply({ formErrors: [refusal], hideFields: ["password"] }), {
      status: result.reason === "locked" ? 429 : 400,
    });
  }
  if (hasTwoFactor(result.userId)) {
    // No session yet: the code from the app comes first.
    const pending = beginSecondStep(request, result.userId, redirectTo);
    return redirect("/login/verify", { headers: { "Set-Cookie": pending } });
  }
  const { headers, to } = await completeSignIn(request, result.userId, { strength: "password", redirectTo });
  return redirect(to, { headers });
});

function minutesUntil(until: Date) {
  return Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
}

export default function Login() {
  const { t } = useTranslation("auth");
  const { invitedEmail } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof LoginSchema>>({
    id: "login",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { email: invitedEmail ?? "" },
  });
  const replyKey = useReplyKey(lastResult);
  const done = searchParams.get("done");
  return (
    <PublicPage title={t("login.heading")}>
      {done === "reset" ? <Notice>{t("login.doneReset")}</Notice> : null}
      {done === "signed-out" ? <Notice>{t("login.doneSignedOut")}</Notice> : null}
      {done === "expired" ? <Notice>{t("login.doneExpired")}</Notice> : null}
      {done === "timed-out" ? <Notice>{t("login.doneTimedOut")}</Notice> : null}
      {invitedEmail ? <Notice>{t("login.invited")}</Notice> : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.email} label={t("forms.email")} type="email" autoComplete="username" required />
        <PasswordField
          field={fields.password}
          label={t("forms.password")}
          autoComplete="current-password"
          replyKey={replyKey}
        />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? t("login.submitting") : t("login.submit")}
        </button>
      </Form>
      <p className="mt-6">
        <Link to="/forgot-password" className="link">
          {t("login.forgot")}
        </Link>
      </p>
    </PublicPage>
  );
}
