import { withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormErrors, NewPasswordFields, useReplyKey } from "~/components/forms";
import { PublicPage } from "~/components/public-page";
import { isResetTokenUsable, resetPassword } from "~/models/password-reset.server";
import { formPausedMessage, takeFormAttempt } from "~/utils/rate-limit.server";
import { readForm } from "~/utils/form-data.server";
import { ResetSchema, TokenSchema } from "~/utils/account-schema";

export const handle = { i18n: ["auth"], title: "auth:titles.newPassword" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const token = TokenSchema.safeParse(new URL(request.url).searchParams.get("token"));
  return { token: token.success ? token.data : null, usable: token.success && isResetTokenUsable(token.data) };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: ResetSchema });
  const pausedUntil = takeFormAttempt("password-reset", context.clientIp ?? "unknown");
  if (pausedUntil) {
    return data(
      submission.reply({ formErrors: [formPausedMessage(pausedUntil)], hideFields: ["password", "confirm"] }),
      { status: 429 },
    );
  }
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password", "confirm"] }), { status: 400 });
  }
  const userId = await resetPassword(submission.value.token, submission.value.password);
  if (!userId) {
    return data(
      submission.reply({
        formErrors: ["auth:reset.linkExpired"],
        hideFields: ["password", "confirm"],
      }),
      { status: 400 },
    );
  }
  return redirect("/login?done=reset");
});

export default function ResetPassword() {
  const { t } = useTranslation("auth");
  const { token, usable } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof ResetSchema>>({ id: "reset", lastResult, shouldValidate: "onSubmit" });
  const replyKey = useReplyKey(lastResult);
  if (!usable || !token) {
    return (
      <PublicPage title={t("reset.expiredHeading")}>
        <p>{t("reset.expiredIntro")}</p>
        <p className="mt-6">
          <Link to="/forgot-password" className="btn-primary">
            {t("reset.newLink")}
          </Link>
        </p>
      </PublicPage>
    );
  }
  return (
    <PublicPage title={t("reset.heading")}>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="token" value={token} />
        <NewPasswordFields
          fields={fields}
          labels={{ password: t("reset.newPassword"), confirm: t("reset.newPasswordAgain") }}
          replyKey={replyKey}
        />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {t("reset.submit")}
        </button>
      </Form>
    </PublicPage>
  );
}
