import { withHttpErrors } from "~/utils/http-errors.server";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { TwoStepSettings } from "~/components/two-step-settings";
import { NO_STORE, twoStepAction, twoStepPageData } from "~/utils/account-pages.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { TWO_FACTOR_SETUP_PATH } from "~/utils/auth/two-step.server";

export const handle = { title: "common:twoStepSettings.heading" };
export const headers: HeadersFunction = () => NO_STORE;

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, "staff-pages:use");
  return twoStepPageData(ctx, "Engagement Hub");
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, "staff-pages:use");
  return twoStepAction(request, ctx, context.clientIp ?? "unknown", TWO_FACTOR_SETUP_PATH);
});

export default function StaffTwoStep() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  return (
    <TwoStepSettings
      {...page}
      result={result}
      required={searchParams.get("required") === "1"}
      done={searchParams.get("done")}
    />
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
