import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMembership, STAFF_ROLES } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Dashboard" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requireMembership(request, STAFF_ROLES);
  return { preferredName: user.preferredName, role: membership.role, organizationName: membership.organizationName };
}

export default function Dashboard() {
  const { preferredName, role, organizationName } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="page-title">Dashboard</h1>
      <p className="mt-2 text-slate-700">
        Welcome, {preferredName}. You are working in {organizationName}.
      </p>
      <section aria-labelledby="getting-started" className="card mt-6">
        <h2 id="getting-started" className="text-lg font-semibold">
          Getting started
        </h2>
        <p className="mt-2">
          This page will answer the questions your team asks most: are survivor consultants shaping design and
          evaluation, are they paid fairly and on time, and is consent current. The answers appear here as your team
          records consultants, engagements, payments and consent.
        </p>
        {role === "admin" ? (
          <p className="mt-3">
            First step:{" "}
            <Link to="/admin/users" className="link">
              invite your colleagues
            </Link>{" "}
            so they can work here too.
          </p>
        ) : null}
      </section>
    </>
  );
}
