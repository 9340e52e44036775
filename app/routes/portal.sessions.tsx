import { PortalErrorPage } from "~/components/portal-error";
import { withHttpErrors } from "~/utils/http-errors.server";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SessionList } from "~/components/session-list";
import { NO_STORE, sessionsAction, sessionsPageData } from "~/utils/account-pages.server";
import { requirePermission } from "~/utils/auth/guards.server";

// Neutral title, as on every portal page.
export const handle = { title: "common:title" };
export const headers: HeadersFunction = () => NO_STORE;

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  return sessionsPageData(await requirePermission(request, "portal:use"));
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  return sessionsAction(request, await requirePermission(request, "portal:use"), "/portal/sessions");
});

export default function PortalSessions() {
  const { sessions } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return <SessionList sessions={sessions} done={searchParams.get("done")} />;
}

export function ErrorBoundary() {
  const { t } = useTranslation();
  return <PortalErrorPage title={t("sessionList.heading")} />;
}
