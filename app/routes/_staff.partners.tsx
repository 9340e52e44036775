/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listPartners } from "~/models/partner.server";
import { requirePermission } from "~/utils/auth/guards.server";

export const meta: MetaFunction = () => [{ title: "Partners" }];

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  return { partners: listPartners(membership.organizationId) };
});

export default function Partners() {
  const { partners } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="page-title">Partners</h1>
      <p className="mt-1 max-w-3xl text-slate-700">
        Every provider named on an external resource map. When you fill in a map, these names are offered again so you
        do not type them twice.
      </p>
      {partners.length === 0 ? (
        <p className="card mt-6">
          No partners yet. They appear here when someone names a provider on an{" "}
          <Link to="/assessments" className="link">
            external resource map
          </Link>
          .
        </p>
      ) : (
        <ul className="mt-6 grid gap-3 md:grid-cols-2">
          {partners.map((p) => (
            <li key={p.id} className="card">
              <p className="font-semibold">{p.name}</p>
              {p.contact ? <p className="text-sm">Point of contact: {p.contact}</p> : null}
              <p className="text-sm text-slate-700">Named for: {p.sectors.join(", ")}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
