/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ENGAGEMENT_STATUSES, STAGES } from "../../db/schema";
import { FilterForm } from "~/components/filter-form";
import { optionsFrom, SelectField } from "~/components/forms";
import { requirePermission } from "~/utils/auth/guards.server";
import { listEngagements } from "~/models/engagement/reads.server";
import { ENGAGEMENT_STATUS_LABELS, LEVEL_LABELS, RATE_KIND_LABELS, STAGE_LABELS } from "~/utils/engagement-options";
import { formatCents } from "~/utils/money";

export const meta: MetaFunction = () => [{ title: "Engagements" }];

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
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="page-title">Engagements</h1>
        <Link to="/engagements/new" className="btn-primary">
          New engagement
        </Link>
      </div>
      <FilterForm label="Filter engagements">
        <SelectField
          look="compact"
          field={{ id: "stage", name: "stage", initialValue: filters.stage }}
          label="Stage"
          placeholder="Any stage"
          options={optionsFrom(STAGES, (s) => STAGE_LABELS[s])}
        />
        <SelectField
          look="compact"
          field={{ id: "status", name: "status", initialValue: filters.status }}
          label="Status"
          placeholder="Any status"
          options={optionsFrom(ENGAGEMENT_STATUSES, (s) => ENGAGEMENT_STATUS_LABELS[s])}
        />
        {filters.consultant ? <input type="hidden" name="consultant" value={filters.consultant} /> : null}
      </FilterForm>
      {filters.consultant ? (
        <p className="mt-4" role="status">
          {consultantName
            ? `Showing ${consultantName}’s engagements only.`
            : "Showing one consultant’s engagements only."}{" "}
          <Link to="/engagements" className="link">
            Show every consultant’s
          </Link>
        </p>
      ) : null}
      {engagements.length === 0 ? (
        <p className="card mt-4">
          No engagements {filters.stage || filters.status || filters.consultant ? "match these filters" : "yet"}. Add
          one with “New engagement”: choose a consultant, a program and the stage of the work.
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
                {STAGE_LABELS[e.stage]} · {LEVEL_LABELS[e.level]} · {ENGAGEMENT_STATUS_LABELS[e.status]}
              </p>
              <p className="text-sm">
                {RATE_KIND_LABELS[e.rateKind]}: {formatCents(e.rateCents)}
                {e.belowFairRate ? <strong className="ml-2 text-red-800">Below fair rate</strong> : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
