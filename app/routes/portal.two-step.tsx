import { PortalErrorPage } from "~/components/portal-error";
import { withHttpErrors } from "~/utils/http-errors.server";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TwoStepSettings } from "~/components/two-step-settings";
import { NO_STORE, twoStepAction, twoStepPageData } from "~/utils/account-pages.server";
import { requirePermission } from "~/utils/auth/guards.server";

// Neutral title, as on every portal page.
export const handle = { title: "common:title" };
export const headers: HeadersFunction = () => NO_STORE;

// Consultants may turn it on; nobody requires it of them.
export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, "portal:use");
  // The app's entry is named "Portal" on a phone others may see: a name, the same in every language.
  return twoStepPageData(ctx, "Portal");
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, "portal:use");
  return twoStepAction(request, ctx, context.clientIp ?? "unknown", "/portal/two-step");
});

export default function PortalTwoStep() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  return <TwoStepSettings {...page} result={result} required={false} done={searchParams.get("done")} />;
}

export function ErrorBoundary() {
  const { t } = useTranslation();
  return <PortalErrorPage title={t("twoStepSettings.heading")} />;
}
