import { withHttpErrors } from "~/utils/http-errors.server";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { SessionList } from "~/components/session-list";
import { NO_STORE, sessionsAction, sessionsPageData } from "~/utils/account-pages.server";
import { requireMembership, STAFF_ROLES } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Where you are signed in" }];
export const headers: HeadersFunction = () => NO_STORE;

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  return sessionsPageData(await requireMembership(request, STAFF_ROLES));
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  return sessionsAction(request, await requireMembership(request, STAFF_ROLES), "/account/sessions");
});

export default function StaffSessions() {
  const { sessions } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return <SessionList sessions={sessions} done={searchParams.get("done")} />;
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
