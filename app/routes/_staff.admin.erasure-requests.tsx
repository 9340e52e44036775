/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listPendingErasureRequests, listRecentErasures } from "~/models/erasure/requests.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { useFormat } from "~/utils/use-format";

export const meta: MetaFunction = () => [{ title: "Requests to delete information" }];

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
  return (
    <>
      <h1 className="page-title">Requests to delete information</h1>
      <p className="mt-2 max-w-2xl">
        Consultants can ask us to delete their information. Open a request to see what will be deleted and what we must
        keep, then carry it out.
      </p>

      <section aria-labelledby="pending-heading" className="card mt-4">
        <h2 id="pending-heading" className="text-lg font-semibold">
          Waiting
        </h2>
        {pending.length === 0 ? (
          <p className="mt-2">No requests are waiting.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {pending.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  {r.preferredName}
                  <span className="block text-sm text-slate-700">Asked on {fmt.date(r.createdAt)}</span>
                </span>
                <Link to={`/consultants/${r.consultantId}/erase`} className="link">
                  Review and delete
                  <span className="sr-only"> {r.preferredName}’s information</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="done-heading" className="card mt-4">
        <h2 id="done-heading" className="text-lg font-semibold">
          Done lately
        </h2>
        {recent.length === 0 ? (
          <p className="mt-2">No records have been deleted yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {recent.map((r) => (
              <li key={r.consultantId} className="py-2">
                <Link to={`/consultants/${r.consultantId}`} className="link">
                  {r.preferredName}
                </Link>
                <span className="block text-sm text-slate-700">
                  Deleted on {r.erasedAt ? fmt.date(r.erasedAt) : ""} by {r.erasedByName ?? "an admin"}
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
