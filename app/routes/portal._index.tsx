import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { findOwnConsultant } from "~/models/consultant.server";
import { CONSULTANT_ROLES, requireMembership } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requireMembership(request, CONSULTANT_ROLES);
  return {
    organizationName: membership.organizationName,
    hasProfile: Boolean(findOwnConsultant(membership.organizationId, user.id)),
  };
}

export default function PortalHome() {
  const { organizationName, hasProfile } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="page-title">Your portal</h1>
      <div className="card mt-4">
        <h2 className="text-lg font-semibold">Leaving fast</h2>
        <p className="mt-2">The red Quick exit button signs you out and opens a weather website.</p>
        <p className="mt-1">You can also press the Esc key two times.</p>
      </div>
      <div className="card mt-4">
        <h2 className="text-lg font-semibold">What you will find here</h2>
        <p className="mt-2">This is your space with {organizationName}.</p>
        <p className="mt-1">Your work, your pay and your choices will show here.</p>
        <p className="mt-1">Nothing needs your attention right now.</p>
      </div>
      {hasProfile ? (
        <div className="card mt-4">
          <h2 className="text-lg font-semibold">Your details</h2>
          <p className="mt-2">See what we know about you. You can change it at any time.</p>
          <p className="mt-3">
            <Link to="/portal/profile" className="link">
              My profile
            </Link>
          </p>
        </div>
      ) : null}
    </>
  );
}
