import { SafeTrans } from "~/i18n/safe-trans";
import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listPendingErasureRequests, listRecentErasures } from "~/models/erasure/requests.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { useFormat } from "~/utils/use-format";

export const handle = { title: "staff:consultants.erasureRequests.title" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "consultant:erase");
  return {
    pending: listPendingErasureRequests(membership.organizationId),
    recent: listRecentErasures(membership.organizationId),
  };
});

export default function ErasureRequests() {
  const { pending, recent } = useLoaderData<typeof loader>();
  const fmt = useFormat();
  const { t } = useTranslation("staff");
  return (
    <>
      <h1 className="page-title">{t("consultants.erasureRequests.title")}</h1>
      <p className="mt-2 max-w-2xl">{t("consultants.erasureRequests.intro")}</p>

      <section aria-labelledby="pending-heading" className="card mt-4">
        <h2 id="pending-heading" className="text-lg font-semibold">
          {t("consultants.erasureRequests.waiting")}
        </h2>
        {pending.length === 0 ? (
          <p className="mt-2">{t("consultants.erasureRequests.noneWaiting")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {pending.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  {r.preferredName}
                  <span className="block text-sm text-slate-700">
                    {t("consultants.erasureRequests.askedOn", { date: fmt.date(r.createdAt) })}
                  </span>
                </span>
                <Link to={`/consultants/${r.consultantId}/erase`} className="link">
                  <SafeTrans
                    t={t}
                    i18nKey="consultants.erasureRequests.review"
                    components={{ hidden: <span className="sr-only" />, name: <>{r.preferredName}</> }}
                  />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="done-heading" className="card mt-4">
        <h2 id="done-heading" className="text-lg font-semibold">
          {t("consultants.erasureRequests.doneLately")}
        </h2>
        {recent.length === 0 ? (
          <p className="mt-2">{t("consultants.erasureRequests.noneDone")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {recent.map((r) => (
              <li key={r.consultantId} className="py-2">
                <Link to={`/consultants/${r.consultantId}`} className="link">
                  {r.preferredName}
                </Link>
                <span className="block text-sm text-slate-700">
                  {t("consultants.erasureRequests.deletedOn", {
                    date: r.erasedAt ? fmt.date(r.erasedAt) : "",
                    name: r.erasedByName ?? t("consultants.erasureRequests.anAdmin"),
                  })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
