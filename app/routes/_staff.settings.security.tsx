/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { withHttpErrors } from "~/utils/http-errors.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { Notice } from "~/components/forms";
import { setTwoFactorRequirement, signInSecuritySettings } from "~/models/settings.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { hasTwoFactor } from "~/utils/auth/two-step.server";
import { readForm } from "~/utils/form-data.server";
import { SecuritySettingsSchema as ActionSchema } from "~/utils/settings-schema";

export const meta: MetaFunction = () => [{ title: "Sign-in security" }];

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "settings:manage");
  return { ...signInSecuritySettings(membership.organizationId), youHaveTwoFactor: hasTwoFactor(user.id) };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "settings:manage");
  const parsed = ActionSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ error: "Choose on or off." }, { status: 400 });
  setTwoFactorRequirement({
    organizationId: membership.organizationId,
    actorUserId: user.id,
    required: parsed.data.requireTwoFactorForStaff === "on",
  });
  return redirect("/settings/security?done=1");
});

export default function SecuritySettings() {
  const { requireTwoFactorForStaff, youHaveTwoFactor } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return (
    <>
      <h1 className="page-title">Sign-in security</h1>
      <div className="mt-4">{searchParams.get("done") ? <Notice>Setting saved.</Notice> : null}</div>
      <Form method="post" className="card max-w-xl">
        <fieldset>
          <legend className="font-semibold">Require two-step sign-in for admins and staff</legend>
          <p id="require-help" className="mt-1 text-sm text-slate-700">
            When this is on, admins and staff who have not set up two-step sign-in are taken to its setup page after
            they sign in, and cannot open other pages until it is done. Consultants are not affected: for them it stays
            a choice.
            {youHaveTwoFactor ? null : " You have not set it up yet, so you will be asked to do it next."}
          </p>
          <div className="mt-3 space-y-2">
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="requireTwoFactorForStaff"
                value="on"
                defaultChecked={requireTwoFactorForStaff}
                aria-describedby="require-help"
              />
              On: required
            </label>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="requireTwoFactorForStaff"
                value="off"
                defaultChecked={!requireTwoFactorForStaff}
                aria-describedby="require-help"
              />
              Off: each person chooses
            </label>
          </div>
        </fieldset>
        <button type="submit" className="btn-primary mt-4">
          Save
        </button>
      </Form>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
