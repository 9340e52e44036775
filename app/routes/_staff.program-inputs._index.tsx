import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ClosingTheLoop, ItemsByStatus, ItemWords, PrintHint, SourceLine } from "~/components/input-loop";
import { consultantIdeasOverview } from "~/models/program-input/staff-views.server";
import { organizationToday } from "~/models/settings.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { useFormat } from "~/utils/use-format";

export const handle = { title: "staff:ideas.staff.title" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  return consultantIdeasOverview(membership.organizationId, organizationToday(membership.organizationId));
});

export default function ConsultantIdeasPage() {
  const { general, waiting, today } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const fmt = useFormat();
  return (
    <>
      <h1 className="page-title">{t("ideas.staff.title")}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">{t("ideas.staff.intro")}</p>
      <p className="mt-1 text-sm text-slate-700">{t("programInputs.list.asOf", { day: fmt.calendarDay(today) })}</p>
      <PrintHint />

      <section aria-labelledby="waiting-heading" className="card mt-4">
        <h2 id="waiting-heading" className="text-lg font-semibold">
          {t("ideas.staff.waitingHeading", { count: waiting.length })}
        </h2>
        {waiting.length === 0 ? (
          <p className="mt-2">{t("ideas.staff.noneWaiting")}</p>
        ) : (
          <ul className="mt-2 space-y-3">
            {waiting.map((item) => (
              <li key={item.id}>
                <p className="font-medium">
                  <Link to={`/program-inputs/${item.id}`} className="link">
                    <ItemWords summary={item.summary} />
                  </Link>
                </p>
                <p className="text-sm text-slate-700">
                  {item.programName ?? t("ideas.staff.inGeneral")} ·{" "}
                  <SourceLine item={{ ...item, source: "portal", stage: null }} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <h2 className="mt-8 text-xl font-semibold">{t("ideas.staff.generalHeading")}</h2>
      <p className="mt-1 max-w-3xl text-slate-700">{t("ideas.staff.generalIntro")}</p>
      <ClosingTheLoop figures={general} none={t("ideas.staff.noneGeneral")} />
      <ItemsByStatus items={general.items} level={3} />
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
