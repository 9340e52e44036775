/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { PortalErrorPage } from "~/components/portal-error";
import { withHttpErrors } from "~/utils/http-errors.server";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { SessionList } from "~/components/session-list";
import { NO_STORE, sessionsAction, sessionsPageData } from "~/utils/account-pages.server";
import { requirePermission } from "~/utils/auth/guards.server";

export const meta: MetaFunction = () => [{ title: "Portal" }];
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
  return <PortalErrorPage title="Where you are signed in" />;
}
