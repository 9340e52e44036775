import { withHttpErrors } from "~/utils/http-errors.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/forms";
import { LanguageChoice } from "~/components/language-choice";
import { forgetLanguage, isOfferedLanguage, rememberLanguage } from "~/i18n/i18n.server";
import { setOwnLanguage } from "~/models/language.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { readForm } from "~/utils/form-data.server";
import { OwnLanguageSchema } from "~/utils/account-schema";

export const handle = { title: "common:languageChoice.heading" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "staff-pages:use");
  return { preferredLanguage: user.preferredLanguage };
});

/**
 * A member of staff's own language: their pages and emails from now on. This browser remembers it
 * too, so the sign-in page after signing out is in it; "the same as my browser" forgets it here too.
 */
export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "staff-pages:use");
  const parsed = OwnLanguageSchema.safeParse(Object.fromEntries(await readForm(request)));
  const chosen = parsed.success ? parsed.data.language : null;
  // Only a tampered form sends anything but the list's values.
  if (chosen === null || (chosen !== "" && !isOfferedLanguage(chosen))) {
    return data({ error: "common:language.choose" }, { status: 400 });
  }
  const language = chosen === "" ? null : chosen;
  setOwnLanguage(user.id, language);
  const cookie = language ? await rememberLanguage(language) : await forgetLanguage();
  return redirect("/account/language?done=1", { headers: { "Set-Cookie": cookie } });
});

export default function AccountLanguage() {
  const { preferredLanguage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const saved = Boolean(searchParams.get("done"));
  const { t } = useTranslation();
  return (
    <>
      <h1 className="page-title">{t("languageChoice.heading")}</h1>
      <div className="mt-4">{saved ? <Notice>{t("languageChoice.saved")}</Notice> : null}</div>
      <LanguageChoice current={preferredLanguage} error={result?.error} />
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
