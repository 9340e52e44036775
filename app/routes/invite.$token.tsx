import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, TextField, useReplyKey } from "~/components/forms";
import { PublicPage } from "~/components/public-page";
import { acceptInvitation, InvitationError, lookUpInvitation } from "~/models/invitation.server";
import { homePathFor, startSession } from "~/utils/auth.server";
import { newPasswordField, preferredNameField } from "~/utils/validation";
import { readForm } from "~/utils/form-data.server";

export const meta: MetaFunction = () => [{ title: "Set up your account" }];

const NewAccountSchema = z
  .object({
    preferredName: preferredNameField,
    password: newPasswordField,
    confirm: z.string({ error: "Type the password again." }).max(200),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords are not the same." });

const ExistingAccountSchema = z.object({
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(200),
});

export async function loader({ params }: LoaderFunctionArgs) {
  const found = lookUpInvitation(params.token ?? "");
  return found.state === "valid" ? { state: "valid" as const, hasAccount: found.hasAccount } : { state: found.state };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const found = lookUpInvitation(token);
  const formData = await readForm(request);
  const schema = found.state === "valid" && found.hasAccount ? ExistingAccountSchema : NewAccountSchema;
  const submission = parseWithZod(formData, { schema });
  const hidden = { hideFields: ["password", "confirm"] };
  if (submission.status !== "success") return data(submission.reply(hidden), { status: 400 });
  try {
    const value = submission.value as { password: string; preferredName?: string };
    const { userId, organizationId } = await acceptInvitation({
      token,
      password: value.password,
      preferredName: value.preferredName,
      clientIp: context.clientIp,
    });
    const cookie = await startSession(request, userId, organizationId);
    const role = found.state === "valid" ? found.role : "consultant";
    return redirect(homePathFor(role), { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    if (error instanceof InvitationError) {
      return data(submission.reply({ formErrors: [error.message], ...hidden }), { status: 400 });
    }
    throw error;
  }
}

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
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {invitation.hasAccount ? (
          <>
            <p className="mb-4">You already have an account. Enter your password to join.</p>
            <TextField
              key={`password-${replyKey}`}
              field={fields.password}
              label="Password"
              type="password"
              autoComplete="current-password"
              required
              keepValue={false}
            />
          </>
        ) : (
          <>
            <TextField
              field={fields.preferredName}
              label="Your name"
              help="Why we ask: so we can greet you by the name you choose. It does not have to be your legal name."
              autoComplete="nickname"
              required
            />
            <TextField
              key={`password-${replyKey}`}
              field={fields.password}
              label="Choose a password"
              type="password"
              autoComplete="new-password"
              help="At least 12 characters. A few words you can remember work well."
              required
              keepValue={false}
            />
            <TextField
              key={`confirm-${replyKey}`}
              field={fields.confirm}
              label="Password again"
              type="password"
              autoComplete="new-password"
              required
              keepValue={false}
            />
          </>
        )}
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {invitation.hasAccount ? "Join" : "Create my account"}
        </button>
      </Form>
    </PublicPage>
  );
}
