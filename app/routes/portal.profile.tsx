import { SafeTrans } from "~/i18n/safe-trans";
import { replyWithRuleError, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { PortalErrorPage } from "~/components/portal-error";
import { ConsultantProfileFields } from "~/components/consultant-profile-fields";
import { FormErrors, Notice } from "~/components/forms";
import { isLanguage } from "~/i18n/config";
import { rememberOwnLanguage } from "~/i18n/i18n.server";
import { LanguageChoice } from "~/components/language-choice";
import { setOwnLanguage } from "~/models/language.server";
import { requireOwnConsultant, updateOwnProfile } from "~/models/consultant/own.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { profileFormDefaults } from "~/utils/consultant-form";
import { readForm } from "~/utils/form-data.server";
import { MyProfileSchema } from "~/utils/consultant-schema";
import { OwnLanguageSchema } from "~/utils/language-schema";

// Personal details: never kept in the browser's cache, so Back after Quick exit cannot show them.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  // Always the signed-in person's own record in the active organization, never an id from the URL.
  const own = requireOwnConsultant(membership.organizationId, user.id);
  return {
    organizationName: membership.organizationName,
    version: own.updatedAt.getTime(),
    defaults: profileFormDefaults(own),
    // Their own choice, or "" to follow their browser.
    ownLanguage: isLanguage(user.preferredLanguage) ? user.preferredLanguage : "",
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const form = await readForm(request);
  if (form.get("intent") === "language") return saveOwnLanguage(user.id, form);
  const submission = parseWithZod(form, { schema: MyProfileSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { version, ...input } = submission.value;
  try {
    updateOwnProfile({
      organizationId: membership.organizationId,
      userId: user.id,
      input,
      expectedVersion: version,
    });
  } catch (error) {
    return replyWithRuleError(error, submission);
  }
  return redirect("/portal/profile?done=saved");
});

/**
 * The language of their pages and emails: kept on their account, and on this browser (the `lang`
 * cookie) so the pages before sign-in speak it too. "The same as my browser" forgets both.
 */
async function saveOwnLanguage(userId: string, form: FormData) {
  const submission = parseWithZod(form, { schema: OwnLanguageSchema });
  if (submission.status !== "success") return data({ languageReply: submission.reply() }, { status: 400 });
  const { language } = submission.value;
  setOwnLanguage(userId, language);
  return redirect("/portal/profile?done=language", { headers: { "Set-Cookie": rememberOwnLanguage(language) } });
}

export default function MyProfile() {
  const { organizationName, version, defaults, ownLanguage } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation("portal");
  // The two forms answer apart: a refused language leaves the profile form as it was, and the other way round.
  const languageReply = answer && "languageReply" in answer ? answer.languageReply : undefined;
  const lastResult = answer && !("languageReply" in answer) ? answer : undefined;
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm<z.input<typeof MyProfileSchema>>({
    id: "my-profile",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: defaults,
  });
  const done = answer ? null : searchParams.get("done");
  const busy = navigation.state === "submitting";
  return (
    <>
      <h1 className="page-title">{t("profile.title")}</h1>
      <p className="mb-4 mt-2">{t("profile.intro", { organization: organizationName })}</p>
      {done === "saved" ? <Notice>{t("profile.saved")}</Notice> : null}
      {done === "language" ? <Notice>{t("profile.language.saved")}</Notice> : null}
      <section aria-labelledby="language-heading" className="card mb-6">
        <h2 id="language-heading" className="mb-4 text-lg font-semibold">
          {t("profile.language.heading")}
        </h2>
        <LanguageChoice current={ownLanguage} reply={languageReply} saveLabel={t("profile.language.save")} />
      </section>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="version" value={version} />
        <ConsultantProfileFields fields={fields} audience="self" />
        {Object.keys(form.allErrors).length > 0 ? (
          <p role="alert" className="mb-3 font-medium text-red-800">
            {t("profile.needsLook")}
          </p>
        ) : null}
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
          {busy ? t("profile.saving") : t("profile.save")}
        </button>
      </Form>
      <section aria-labelledby="account-safety" className="card mt-8">
        <h2 id="account-safety" className="text-lg font-semibold">
          {t("profile.accountSafety.heading")}
        </h2>
        <ul className="mt-2 space-y-2">
          <li>
            <SafeTrans
              t={t}
              i18nKey="profile.accountSafety.twoStep"
              components={{ a: <Link to="/portal/two-step" className="link" /> }}
            />
          </li>
          <li>
            <SafeTrans
              t={t}
              i18nKey="profile.accountSafety.sessions"
              components={{ a: <Link to="/portal/sessions" className="link" /> }}
            />
          </li>
        </ul>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("portal");
  return <PortalErrorPage title={t("profile.title")} />;
}
