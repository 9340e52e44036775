import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FlagBadge } from "~/components/consent-status";
import { consentDashboard } from "~/models/consent-report.server";
import { prepareConsent } from "~/models/consent.server";
import { requireMembership, STAFF_ROLES } from "~/utils/auth.server";
import { REVIEW_WINDOW_DAYS } from "~/utils/consent-options";

export const meta: MetaFunction = () => [{ title: "Dashboard" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requireMembership(request, STAFF_ROLES);
  // Records expiries that fell due, so their uses are flagged before the panel is read.
  prepareConsent(membership.organizationId);
  return {
    preferredName: user.preferredName,
    role: membership.role,
    organizationName: membership.organizationName,
    consent: consentDashboard(membership.organizationId),
  };
}

const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

export default function Dashboard() {
  const { preferredName, role, organizationName, consent } = useLoaderData<typeof loader>();
  const flagged = consent.flaggedUses;
  return (
    <>
      <h1 className="page-title">Dashboard</h1>
      <p className="mt-2 text-slate-700">
        Welcome, {preferredName}. You are working in {organizationName}.
      </p>

      <section
        aria-labelledby="consent-current"
        className={`card mt-6 ${flagged.length ? "border-2 border-red-700" : ""}`}
      >
        <h2 id="consent-current" className="text-lg font-semibold">
          Is consent current?
        </h2>
        {flagged.length === 0 ? (
          <p className="mt-2">No use needs to be taken down or stopped.</p>
        ) : (
          <>
            <p className="mt-2 font-semibold text-red-900">
              {plural(flagged.length, "use", "uses")} to take down or stop
            </p>
            <ul className="mt-2 space-y-2">
              {flagged.map((u) => (
                <li key={u.id} className="rounded-md border border-red-700 bg-red-50 p-3">
                  <FlagBadge cause={u.flagCause} />
                  <p className="mt-1">
                    <Link to={`/consent/uses/${u.id}`} className="link font-semibold">
                      {u.description}
                    </Link>{" "}
                    · {u.preferredName} · {u.purposeLabel}
                  </p>
                </li>
              ))}
            </ul>
          </>
        )}
        <p className="mt-3">
          {plural(consent.expiringSoonCount, "consent ends", "consents end")} within {REVIEW_WINDOW_DAYS} days;{" "}
          {plural(consent.expiredCount, "has", "have")} ended.{" "}
          <Link to="/consent" className="link">
            Review consent
          </Link>
        </p>
      </section>

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
