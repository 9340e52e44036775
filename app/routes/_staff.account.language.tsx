import { withHttpErrors } from "~/utils/http-errors.server";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/forms";
import { LanguageChoice } from "~/components/language-choice";
import { isLanguage } from "~/i18n/config";
import { rememberOwnLanguage } from "~/i18n/i18n.server";
import { setOwnLanguage } from "~/models/language.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { readForm } from "~/utils/form-data.server";
import { OwnLanguageSchema } from "~/utils/language-schema";

export const handle = { title: "common:languageChoice.heading" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "staff-pages:use");
  return { preferredLanguage: isLanguage(user.preferredLanguage) ? user.preferredLanguage : "" };
});

/**
 * A member of staff's own language: their pages and emails from now on. This browser remembers it
 * too, so the sign-in page after signing out is in it; "the same as my browser" forgets it here too.
 */
export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "staff-pages:use");
  const submission = parseWithZod(await readForm(request), { schema: OwnLanguageSchema });
  if (submission.status !== "success") return data({ languageReply: submission.reply() }, { status: 400 });
  const { language } = submission.value;
  setOwnLanguage(user.id, language);
  return redirect("/account/language?done=1", { headers: { "Set-Cookie": rememberOwnLanguage(language) } });
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
      <div className="card max-w-xl">
        <LanguageChoice
          current={preferredLanguage}
          reply={result?.languageReply}
          saveLabel={t("languageChoice.save")}
        />
      </div>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
