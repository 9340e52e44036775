import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ENGAGEMENT_STATUSES, STAGES } from "../../db/schema";
import { FilterForm } from "~/components/filter-form";
import { optionsFrom, SelectField } from "~/components/forms";
import { requirePermission } from "~/utils/auth/guards.server";
import { listEngagements } from "~/models/engagement/reads.server";
import { ENGAGEMENT_STATUS_LABELS, LEVEL_LABELS, RATE_KIND_LABELS, STAGE_LABELS } from "~/utils/engagement-options";
import { useMessage } from "~/i18n/use-message";
import { useFormat } from "~/utils/use-format";

export const handle = { title: "staff:engagements.list.title" };

// Stage, status and a consultant's id: none says anything about a person by itself (an id is
// not a name), so they may sit in the address.
const FilterSchema = z.object({
  stage: z.enum(STAGES).optional().catch(undefined),
  status: z.enum(ENGAGEMENT_STATUSES).optional().catch(undefined),
  consultant: z.string().max(100).optional().catch(undefined),
});

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const filters = FilterSchema.parse(params);
  const engagements = listEngagements(membership.organizationId, {
    stage: filters.stage,
    status: filters.status,
    consultantId: filters.consultant,
  });
  // Another organization's consultant id finds nothing, and so names nobody.
  return { filters, engagements, consultantName: filters.consultant ? (engagements[0]?.consultantName ?? null) : null };
});

export default function Engagements() {
  const { filters, engagements, consultantName } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const words = useMessage();
  const f = useFormat();
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="page-title">{t("engagements.list.title")}</h1>
        <Link to="/engagements/new" className="btn-primary">
          {t("engagements.list.new")}
        </Link>
      </div>
      <FilterForm label={t("engagements.list.filter")}>
        <SelectField
          look="compact"
          field={{ id: "stage", name: "stage", initialValue: filters.stage }}
          label={t("engagements.list.stage")}
          placeholder={t("engagements.list.anyStage")}
          options={optionsFrom(STAGES, (s) => STAGE_LABELS[s])}
        />
        <SelectField
          look="compact"
          field={{ id: "status", name: "status", initialValue: filters.status }}
          label={t("engagements.list.status")}
          placeholder={t("engagements.list.anyStatus")}
          options={optionsFrom(ENGAGEMENT_STATUSES, (s) => ENGAGEMENT_STATUS_LABELS[s])}
        />
        {filters.consultant ? <input type="hidden" name="consultant" value={filters.consultant} /> : null}
      </FilterForm>
      {filters.consultant ? (
        <p className="mt-4" role="status">
          {consultantName ? t("engagements.list.onlyNamed", { name: consultantName }) : t("engagements.list.onlyOne")}{" "}
          <Link to="/engagements" className="link">
            {t("engagements.list.showEveryone")}
          </Link>
        </p>
      ) : null}
      {engagements.length === 0 ? (
        <p className="card mt-4">
          {filters.stage || filters.status || filters.consultant
            ? t("engagements.list.emptyFiltered")
            : t("engagements.list.empty")}
        </p>
      ) : (
        <ul className="mt-4 grid gap-3 md:grid-cols-2">
          {engagements.map((e) => (
            <li key={e.id} className="card">
              <p className="text-lg font-semibold">
                <Link to={`/engagements/${e.id}`} className="link">
                  {e.title}
                </Link>
              </p>
              <p className="text-sm">
                {e.consultantName} · {e.programName}
              </p>
              <p className="text-sm">
                {words(STAGE_LABELS[e.stage])} · {words(LEVEL_LABELS[e.level])} ·{" "}
                {words(ENGAGEMENT_STATUS_LABELS[e.status])}
              </p>
              <p className="text-sm">
                {t("engagements.list.rate", {
                  kind: words(RATE_KIND_LABELS[e.rateKind]),
                  amount: f.money(e.rateCents),
                })}
                {e.belowFairRate ? (
                  <strong className="ml-2 text-red-800">{t("engagements.list.belowFairRate")}</strong>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
