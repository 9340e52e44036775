import { withHttpErrors } from "~/utils/http-errors.server";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SessionList } from "~/components/session-list";
import { NO_STORE, sessionsAction, sessionsPageData } from "~/utils/account-pages.server";
import { requirePermission } from "~/utils/auth/guards.server";

export const handle = { title: "common:sessionList.heading" };
export const headers: HeadersFunction = () => NO_STORE;

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  return sessionsPageData(await requirePermission(request, "staff-pages:use"));
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  return sessionsAction(request, await requirePermission(request, "staff-pages:use"), "/account/sessions");
});

export default function StaffSessions() {
  const { sessions } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  return (
    <>
      <SessionList sessions={sessions} done={searchParams.get("done")} />
      {/* The staff account's other setting, until the account menu names it. */}
      <section aria-labelledby="language-heading" className="card mt-6 max-w-2xl">
        <h2 id="language-heading" className="text-lg font-semibold">
          {t("languageChoice.heading")}
        </h2>
        <p className="mt-1">{t("language.preferredHelp")}</p>
        <p className="mt-3">
          <Link to="/account/language" className="link">
            {t("languageChoice.change")}
          </Link>
        </p>
      </section>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
