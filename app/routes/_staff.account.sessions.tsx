import { withHttpErrors } from "~/utils/http-errors.server";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { LanguageChoice } from "~/components/language-choice";
import { SessionList } from "~/components/session-list";
import { NO_STORE, sessionsAction, sessionsPageData } from "~/utils/account-pages.server";
import { requirePermission } from "~/utils/auth/guards.server";

export const handle = { title: "common:sessionList.heading" };
export const headers: HeadersFunction = () => NO_STORE;

// The staff account page: where they are signed in, and the language of their pages and emails.
export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  return sessionsPageData(await requirePermission(request, "staff-pages:use"));
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  return sessionsAction(request, await requirePermission(request, "staff-pages:use"), "/account/sessions");
});

export default function StaffSessions() {
  const { sessions, preferredLanguage } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  return (
    <>
      <SessionList sessions={sessions} done={done} />
      <LanguageChoice action="/account/language" current={preferredLanguage} saved={done === "language"} />
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
