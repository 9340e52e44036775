import { PortalErrorPage } from "~/components/portal-error";
import { withHttpErrors } from "~/utils/http-errors.server";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { SessionList } from "~/components/session-list";
import { NO_STORE, sessionsAction, sessionsPageData } from "~/utils/account-pages.server";
import { CONSULTANT_ROLES, requireMembership } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Portal" }];
export const headers: HeadersFunction = () => NO_STORE;

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  return sessionsPageData(await requireMembership(request, CONSULTANT_ROLES));
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  return sessionsAction(request, await requireMembership(request, CONSULTANT_ROLES), "/portal/sessions");
});

export default function PortalSessions() {
  const { sessions } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return <SessionList sessions={sessions} done={searchParams.get("done")} />;
}

export function ErrorBoundary() {
  return <PortalErrorPage title="Where you are signed in" />;
}
