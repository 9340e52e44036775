import { withHttpErrors } from "~/utils/http-errors.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, useMessages } from "~/components/forms";
import { PublicPage } from "~/components/public-page";
import { listActiveMemberships } from "~/models/membership.server";
import { checkSignInCode, codeEntryPausedUntil } from "~/models/two-factor/codes.server";
import { abandonSecondStep, finishSecondStep, readPendingSignIn } from "~/utils/auth/sign-in.server";
import { requireAnonymous } from "~/utils/auth/guards.server";
import { readForm } from "~/utils/form-data.server";
import { CodeSchema } from "~/utils/account-schema";
import { message } from "~/i18n/message";

export const handle = { i18n: ["auth"], title: "auth:titles.signIn" };

type ActionResult = { codeError?: string; formError?: string };

function startAgain() {
  return redirect("/login?done=expired", { headers: { "Set-Cookie": abandonSecondStep(null) } });
}

function pausedMessage(until: Date) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return message("auth:verify.paused", { count: minutes });
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
    return data<ActionResult>({ codeError: "auth:verify.wrongCode" }, { status: 400 });
  }
  const { headers, to } = await finishSecondStep(request, pending);
  return redirect(to, { headers });
});

export default function VerifySignIn() {
  const { t } = useTranslation("auth");
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const codeError = useMessages(result?.codeError ? [result.codeError] : undefined);
  const formError = result?.formError ?? page.pausedMessage;
  return (
    <PublicPage title={t("verify.heading")}>
      <FormErrors id="verify-errors" errors={formError ? [formError] : undefined} />
      <p className="mb-4">{t("verify.intro")}</p>
      <Form method="post">
        <div className="mb-4">
          <label htmlFor="code" className="block font-medium">
            {t("verify.codeLabel")}
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
            {t("verify.codeHelp")}
          </p>
          <p id="code-error" className="min-h-[1.25rem] text-sm font-medium text-red-800" aria-live="polite">
            {codeError}
          </p>
        </div>
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? t("verify.checking") : t("verify.submit")}
        </button>
      </Form>
      <p className="mt-6">
        <Link to="/login" className="link">
          {t("verify.startAgain")}
        </Link>
      </p>
    </PublicPage>
  );
}
