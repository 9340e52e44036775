/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { withHttpErrors } from "~/utils/http-errors.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors } from "~/components/forms";
import { PublicPage } from "~/components/public-page";
import { listActiveMemberships } from "~/models/membership.server";
import { checkSignInCode, codeEntryPausedUntil } from "~/models/two-factor/codes.server";
import { abandonSecondStep, finishSecondStep, readPendingSignIn } from "~/utils/auth/sign-in.server";
import { requireAnonymous } from "~/utils/auth/guards.server";
import { readForm } from "~/utils/form-data.server";
import { CodeSchema } from "~/utils/account-schema";

export const meta: MetaFunction = () => [{ title: "Sign in" }];

type ActionResult = { codeError?: string; formError?: string };

function startAgain() {
  return redirect("/login?done=expired", { headers: { "Set-Cookie": abandonSecondStep(null) } });
}

function pausedMessage(until: Date) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return `Too many wrong codes. For your safety, code entry is paused for ${minutes} minutes. Then sign in again.`;
}

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const pending = readPendingSignIn(request);
  if (!pending) throw startAgain();
  const pausedUntil = codeEntryPausedUntil(pending.userId, context.clientIp ?? "unknown");
  return { pausedMessage: pausedUntil ? pausedMessage(pausedUntil) : null };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const pending = readPendingSignIn(request);
  if (!pending) return startAgain();
  const parsed = CodeSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) {
    return data<ActionResult>({ codeError: parsed.error.issues[0]!.message }, { status: 400 });
  }
  const check = checkSignInCode({
    userId: pending.userId,
    ip: context.clientIp ?? "unknown",
    code: parsed.data.code,
    organizationId: listActiveMemberships(pending.userId)[0]?.organizationId ?? null,
  });
  if (!check.ok) {
    if (check.reason === "locked") {
      // The page says so (with or without JavaScript); the pending sign-in runs out on its own
      // before the pause ends, so the password is asked again too.
      return data<ActionResult>({ formError: pausedMessage(check.until) }, { status: 429 });
    }
    return data<ActionResult>(
      {
        codeError: "That code did not work. Type the newest code from your app, or a recovery code you have not used.",
      },
      { status: 400 },
    );
  }
  const { headers, to } = await finishSecondStep(request, pending);
  return redirect(to, { headers });
});

export default function VerifySignIn() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const codeError = result?.codeError;
  const formError = result?.formError ?? page.pausedMessage;
  return (
    <PublicPage title="Enter your code">
      <FormErrors id="verify-errors" errors={formError ? [formError] : undefined} />
      <p className="mb-4">Open the authenticator app on your phone and type the 6-digit code it shows.</p>
      <Form method="post">
        <div className="mb-4">
          <label htmlFor="code" className="block font-medium">
            Code
          </label>
          <input
            id="code"
            name="code"
            type="text"
            inputMode="text"
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            required
            className="input"
            aria-invalid={codeError ? true : undefined}
            aria-describedby={codeError ? "code-help code-error" : "code-help"}
          />
          <p id="code-help" className="mt-1 text-sm text-slate-700">
            Lost your phone? Type one of your recovery codes instead. Each one works once.
          </p>
          <p id="code-error" className="min-h-[1.25rem] text-sm font-medium text-red-800" aria-live="polite">
            {codeError}
          </p>
        </div>
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Checking…" : "Sign in"}
        </button>
      </Form>
      <p className="mt-6">
        <Link to="/login" className="link">
          Start again
        </Link>
      </p>
    </PublicPage>
  );
}
