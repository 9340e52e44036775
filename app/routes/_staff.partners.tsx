import { SafeTrans } from "~/i18n/safe-trans";
import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listPartners } from "~/models/partner.server";
import { requirePermission } from "~/utils/auth/guards.server";

export const handle = { title: "staff:partners.title" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  return { partners: listPartners(membership.organizationId) };
});

export default function Partners() {
  const { partners } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  return (
    <>
      <h1 className="page-title">{t("partners.title")}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">{t("partners.intro")}</p>
      {partners.length === 0 ? (
        <p className="card mt-6">
          <SafeTrans
            t={t}
            i18nKey="partners.empty"
            components={{ maps: <Link to="/assessments" className="link" /> }}
          />
        </p>
      ) : (
        <ul className="mt-6 grid gap-3 md:grid-cols-2">
          {partners.map((p) => (
            <li key={p.id} className="card">
              <p className="font-semibold">{p.name}</p>
              {p.contact ? <p className="text-sm">{t("partners.contact", { contact: p.contact })}</p> : null}
              <p className="text-sm text-slate-700">{t("partners.namedFor", { sectors: p.sectors.join(", ") })}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
