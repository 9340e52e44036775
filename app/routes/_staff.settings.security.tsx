import { withHttpErrors } from "~/utils/http-errors.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/forms";
import { setTwoFactorRequirement, signInSecuritySettings } from "~/models/settings.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { hasTwoFactor } from "~/utils/auth/two-step.server";
import { readForm } from "~/utils/form-data.server";
import { SecuritySettingsSchema as ActionSchema } from "~/utils/settings-schema";

export const handle = { i18n: ["auth"], title: "auth:titles.security" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "settings:manage");
  return { ...signInSecuritySettings(membership.organizationId), youHaveTwoFactor: hasTwoFactor(user.id) };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "settings:manage");
  const parsed = ActionSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ error: "auth:security.chooseOnOrOff" }, { status: 400 });
  setTwoFactorRequirement({
    organizationId: membership.organizationId,
    actorUserId: user.id,
    required: parsed.data.requireTwoFactorForStaff === "on",
  });
  return redirect("/settings/security?done=1");
});

export default function SecuritySettings() {
  const { t } = useTranslation("auth");
  const { requireTwoFactorForStaff, youHaveTwoFactor } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const saved = Boolean(searchParams.get("done"));
  return (
    <>
      <h1 className="page-title">{t("security.heading")}</h1>
      <div className="mt-4">{saved ? <Notice>{t("security.saved")}</Notice> : null}</div>
      <Form method="post" className="card max-w-xl">
        <fieldset>
          <legend className="font-semibold">{t("security.legend")}</legend>
          <p id="require-help" className="mt-1 text-sm text-slate-700">
            {t("security.help")}
            {youHaveTwoFactor ? null : <> {t("security.notSetUpYet")}</>}
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
              {t("security.on")}
            </label>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="requireTwoFactorForStaff"
                value="off"
                defaultChecked={!requireTwoFactorForStaff}
                aria-describedby="require-help"
              />
              {t("security.off")}
            </label>
          </div>
        </fieldset>
        <button type="submit" className="btn-primary mt-4">
          {t("security.save")}
        </button>
      </Form>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
