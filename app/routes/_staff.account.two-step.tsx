import { withHttpErrors } from "~/utils/http-errors.server";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { TwoStepSettings } from "~/components/two-step-settings";
import { NO_STORE, twoStepAction, twoStepPageData } from "~/utils/account-pages.server";
import { requireMembership, STAFF_ROLES, TWO_FACTOR_SETUP_PATH } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Two-step sign-in" }];
export const headers: HeadersFunction = () => NO_STORE;

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, STAFF_ROLES);
  return twoStepPageData(ctx, "Engagement Hub");
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireMembership(request, STAFF_ROLES);
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
