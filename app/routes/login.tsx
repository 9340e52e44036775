/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, Notice, PasswordField, TextField, useReplyKey } from "~/components/forms";
import { PublicPage } from "~/components/public-page";
import { emailOfHeldInvitation } from "~/models/invitation/accept.server";
import { beginSecondStep, completeSignIn, readHeldInvitation, verifyLogin } from "~/utils/auth/sign-in.server";
import { hasTwoFactor } from "~/utils/auth/two-step.server";
import { readReturnPath } from "~/utils/auth/redirects.server";
import { requireAnonymous } from "~/utils/auth/guards.server";

import { readForm } from "~/utils/form-data.server";
import { LoginSchema } from "~/utils/account-schema";

export const meta: MetaFunction = () => [{ title: "Sign in" }];

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
    const message =
      result.reason === "locked"
        ? `Too many attempts. For your safety, sign-in is paused for ${minutesUntil(result.until)} minutes. You can also reset your password.`
        : "That email and password do not match. Check them and try again.";
    return data(submission.reply({ formErrors: [message], hideFields: ["password"] }), {
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
    <PublicPage title="Sign in">
      {done === "reset" ? <Notice>Your password has been changed. Sign in with your new password.</Notice> : null}
      {done === "signed-out" ? <Notice>You have signed out.</Notice> : null}
      {done === "expired" ? <Notice>Signing in took too long, so we stopped it. Please sign in again.</Notice> : null}
      {done === "timed-out" ? (
        <Notice>For your safety, you were signed out after 30 minutes without activity. Please sign in again.</Notice>
      ) : null}
      {invitedEmail ? (
        <Notice>
          Sign in to finish accepting your invitation. If you already had an account with us, use the password you
          already have.
        </Notice>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.email} label="Email" type="email" autoComplete="username" required />
        <PasswordField field={fields.password} label="Password" autoComplete="current-password" replyKey={replyKey} />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Signing in…" : "Sign in"}
        </button>
      </Form>
      <p className="mt-6">
        <Link to="/forgot-password" className="link">
          Forgot your password?
        </Link>
      </p>
    </PublicPage>
  );
}
