import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { myConsentAttention } from "~/models/consent-portal.server";
import { findOwnConsultant } from "~/models/consultant.server";
import { feedbackWaitingCount } from "~/models/feedback.server";
import { CONSULTANT_ROLES, requireMembership } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requireMembership(request, CONSULTANT_ROLES);
  const own = findOwnConsultant(membership.organizationId, user.id);
  const consent = own ? myConsentAttention(membership.organizationId, own.id) : null;
  const feedbackWaiting = own ? feedbackWaitingCount(membership.organizationId, own.id) : 0;
  return {
    organizationName: membership.organizationName,
    hasProfile: Boolean(own),
    // Only whether something needs a look: the details stay on the choices page.
    attention: [
      consent?.awaitingEngagement ? "You agreed to new work. Please check your choices are still right." : null,
      consent?.endingSoon ? "A yes you gave will end soon." : null,
      consent?.ended ? "A yes you gave has ended." : null,
    ].filter((line): line is string => Boolean(line)),
    // "Feedback requested": work that is done and has no feedback yet.
    feedbackRequested: feedbackWaiting > 0,
  };
}

export default function PortalHome() {
  const { organizationName, hasProfile, attention, feedbackRequested } = useLoaderData<typeof loader>();
  const anything = attention.length > 0 || feedbackRequested;
  return (
    <>
      <h1 className="page-title">Your portal</h1>
      {anything ? (
        <section
          aria-labelledby="attention-heading"
          className="mt-4 rounded-lg border-2 border-brand-600 bg-brand-50 p-4"
        >
          <h2 id="attention-heading" className="text-lg font-semibold">
            Needs your attention
          </h2>
          {attention.map((line) => (
            <p key={line} className="mt-2">
              {line}
            </p>
          ))}
          {attention.length ? (
            <p className="mt-3">
              <Link to="/portal/consent" className="link inline-flex min-h-[44px] items-center">
                Check my choices
              </Link>
            </p>
          ) : null}
          {feedbackRequested ? (
            <>
              <p className="mt-2">Feedback requested: some of your work is done. How did it go for you?</p>
              <p className="mt-3">
                <Link to="/portal/feedback" className="link inline-flex min-h-[44px] items-center">
                  Give feedback
                </Link>
              </p>
            </>
          ) : null}
        </section>
      ) : null}
      <div className="card mt-4">
        <h2 className="text-lg font-semibold">Leaving fast</h2>
        <p className="mt-2">The red Quick exit button signs you out and opens a weather website.</p>
        <p className="mt-1">You can also press the Esc key two times.</p>
      </div>
      <div className="card mt-4">
        <h2 className="text-lg font-semibold">What you will find here</h2>
        <p className="mt-2">This is your space with {organizationName}.</p>
        <p className="mt-1">Your work, your pay and your choices will show here.</p>
        {anything ? null : <p className="mt-1">Nothing needs your attention right now.</p>}
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
