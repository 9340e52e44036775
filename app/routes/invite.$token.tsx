import { SafeTrans } from "~/i18n/safe-trans";
import { RuleError } from "~/models/errors";
import { withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormErrors, NewPasswordFields, TextField, useReplyKey } from "~/components/forms";
import { PublicPage } from "~/components/public-page";
import { invitationPage, lookUpInvitation, respondToInvitation } from "~/models/invitation/accept.server";
import { endSession } from "~/utils/auth/session.server";
import { holdInvitationForSignIn } from "~/utils/auth/sign-in.server";
import { formPausedMessage, takeFormAttempt } from "~/utils/rate-limit.server";
import { readForm } from "~/utils/form-data.server";
import { InvitationFormSchema, NewAccountSchema } from "~/utils/account-schema";
import { requestLanguage } from "~/i18n/i18n.server";

export const handle = { i18n: ["auth"], title: "auth:titles.setUpAccount" };

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
      // A new account keeps the language its page was read in.
      await respondToInvitation({ token, preferredName, password, language: await requestLanguage(request) });
    } else if (!["valid", "used"].includes(lookUpInvitation(token).state)) {
      // "Used" may be this person's own answer a moment ago, still waiting for them to sign in.
      throw new RuleError(null, "auth:invite.linkNoLongerWorks");
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
  const { t } = useTranslation("auth");
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
      <PublicPage title={used ? t("invite.usedHeading") : t("invite.expiredHeading")}>
        <p>{used ? t("invite.usedIntro") : t("invite.expiredIntro")}</p>
        <p className="mt-6">
          <Link to="/login" className="btn-primary">
            {t("invite.toSignIn")}
          </Link>
        </p>
      </PublicPage>
    );
  }

  return (
    <PublicPage title={t("invite.heading")}>
      <div className="mb-4">
        <p>
          <SafeTrans
            t={t}
            i18nKey={invitation.toPortal ? "invite.invitedToPortal" : "invite.invitedBy"}
            values={{ organization: invitation.organizationName }}
            components={{ strong: <strong /> }}
          />
        </p>
        <p className="mt-2">
          <SafeTrans
            t={t}
            i18nKey="invite.signInWith"
            values={{ email: invitation.email }}
            components={{ strong: <strong className="break-all" /> }}
          />
        </p>
        {invitation.toPortal ? <p className="mt-2 text-sm text-slate-700">{t("invite.onlyName")}</p> : null}
      </div>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="create" />
        <p className="mb-4">{t("invite.choose")}</p>
        <TextField
          field={fields.preferredName}
          label={t("invite.nameLabel")}
          help={t("invite.nameHelp")}
          autoComplete="nickname"
          required
        />
        <NewPasswordFields
          fields={fields}
          labels={{ password: t("invite.choosePassword"), confirm: t("invite.passwordAgain") }}
          replyKey={replyKey}
        />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {t("invite.create")}
        </button>
      </Form>
      <h2 className="mt-8 text-lg font-semibold">{t("invite.haveAccountHeading")}</h2>
      <p className="mt-2">{t("invite.haveAccountIntro")}</p>
      <Form method="post" className="mt-4">
        <input type="hidden" name="intent" value="sign-in" />
        <button type="submit" className="btn-secondary w-full" disabled={navigation.state === "submitting"}>
          {t("invite.signInToAccept")}
        </button>
      </Form>
    </PublicPage>
  );
}
