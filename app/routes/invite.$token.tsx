/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { RuleError } from "~/models/errors";
import { withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, NewPasswordFields, TextField, useReplyKey } from "~/components/forms";
import { PublicPage } from "~/components/public-page";
import { invitationPage, lookUpInvitation, respondToInvitation } from "~/models/invitation/accept.server";
import { endSession } from "~/utils/auth/session.server";
import { holdInvitationForSignIn } from "~/utils/auth/sign-in.server";
import { formPausedMessage, takeFormAttempt } from "~/utils/rate-limit.server";
import { readForm } from "~/utils/form-data.server";
import { InvitationFormSchema, NewAccountSchema } from "~/utils/account-schema";

export const meta: MetaFunction = () => [{ title: "Set up your account" }];

// The page looks the same whether or not the invited email already has an account: whoever holds
// the link learns nothing about that. A link that does not work shows nothing about whom it was for.
export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ params }: LoaderFunctionArgs) {
  return invitationPage(params.token ?? "");
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({
  request,
  params,
  context,
}: ActionFunctionArgs) {
  const token = params.token ?? "";
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: InvitationFormSchema });
  const hidden = { hideFields: ["password", "confirm"] };
  if (submission.status !== "success") return data(submission.reply(hidden), { status: 400 });
  try {
    if (submission.value.intent === "create") {
      // Each answer costs a password hash: counted per address before any of that work.
      const pausedUntil = takeFormAttempt("invitation-answer", context.clientIp ?? "unknown");
      if (pausedUntil) {
        return data(submission.reply({ formErrors: [formPausedMessage(pausedUntil)], ...hidden }), { status: 429 });
      }
      const { preferredName, password } = submission.value;
      await respondToInvitation({ token, preferredName, password });
    } else if (!["valid", "used"].includes(lookUpInvitation(token).state)) {
      // "Used" may be this person's own answer a moment ago, still waiting for them to sign in.
      throw new RuleError(null, "This invitation link no longer works.");
    }
  } catch (error) {
    if (error instanceof RuleError) {
      return data(submission.reply({ formErrors: [error.text], ...hidden }), { status: 400 });
    }
    throw error;
  }
  // Never a session from the link itself: the invitation is accepted when its holder signs in
  // (with two-step sign-in if their account has it), and anyone signed in on this browser is
  // signed out first.
  const headers = new Headers();
  headers.append("Set-Cookie", await endSession(request));
  headers.append("Set-Cookie", holdInvitationForSignIn(token));
  return redirect("/login", { headers });
});

export default function AcceptInvitation() {
  const invitation = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof NewAccountSchema>>({
    id: "accept-invite",
    lastResult,
    shouldValidate: "onSubmit",
  });
  const replyKey = useReplyKey(lastResult);

  if (invitation.state !== "valid") {
    const used = invitation.state === "used";
    return (
      <PublicPage title={used ? "This invitation was already used" : "This invitation link no longer works"}>
        <p>
          {used
            ? "Your account is already set up. You can sign in."
            : "Invitation links work for 7 days and only once. Ask the person who invited you to send a new one."}
        </p>
        <p className="mt-6">
          <Link to="/login" className="btn-primary">
            Go to sign in
          </Link>
        </p>
      </PublicPage>
    );
  }

  return (
    <PublicPage title="Set up your account">
      <div className="mb-4">
        <p>
          <strong>{invitation.organizationName}</strong> invited you{invitation.toPortal ? " to its portal" : ""}.
        </p>
        <p className="mt-2">
          You sign in with this email: <strong className="break-all">{invitation.email}</strong>
        </p>
        {invitation.toPortal ? (
          <p className="mt-2 text-sm text-slate-700">
            It is only the name you sign in with. We send you email only if you told us email is safe.
          </p>
        ) : null}
      </div>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="create" />
        <p className="mb-4">Choose the name we should use and a password. Next, you sign in with them.</p>
        <TextField
          field={fields.preferredName}
          label="Your name"
          help="Why we ask: so we can greet you by the name you choose. It does not have to be your legal name."
          autoComplete="nickname"
          required
        />
        <NewPasswordFields
          fields={fields}
          labels={{ password: "Choose a password", confirm: "Password again" }}
          replyKey={replyKey}
        />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          Create my account
        </button>
      </Form>
      <h2 className="mt-8 text-lg font-semibold">Already have an account with us?</h2>
      <p className="mt-2">Sign in with the password you already have, and the invitation is added to your account.</p>
      <Form method="post" className="mt-4">
        <input type="hidden" name="intent" value="sign-in" />
        <button type="submit" className="btn-secondary w-full" disabled={navigation.state === "submitting"}>
          Sign in to accept
        </button>
      </Form>
    </PublicPage>
  );
}
