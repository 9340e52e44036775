/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { withHttpErrors } from "~/utils/http-errors.server";
import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PortalErrorPage } from "~/components/portal-error";
import { QuickExitHelp } from "~/components/quick-exit";
import { portalHome } from "~/models/portal-home.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { FORMAT_LABELS } from "~/utils/engagement-options";
import { useMessage } from "~/i18n/use-message";
import { formatDate } from "~/utils/format";
import { formatCents } from "~/utils/money";
import { describeOwnPayment, LATE_PAYMENT_WORDS, NEEDED_NOW_WORDS } from "~/utils/payment-options";

// Work and pay: never kept in the browser's cache, so Back after Quick exit cannot show them.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const { consent, feedbackWaiting, ...home } = portalHome({
    organizationId: membership.organizationId,
    userId: user.id,
  });
  return {
    organizationName: membership.organizationName,
    ...home,
    // Only whether something needs a look: the details stay on the choices page.
    attention: [
      consent?.awaitingEngagement ? "You agreed to new work. Please check your choices are still right." : null,
      consent?.endingSoon ? "A yes you gave will end soon." : null,
      consent?.ended ? "A yes you gave has ended." : null,
    ].filter((line): line is string => Boolean(line)),
    // "Feedback requested": work that is done and has no feedback yet.
    feedbackRequested: feedbackWaiting > 0,
  };
});

type HomeData = ReturnType<typeof useLoaderData<typeof loader>>;

const tapLink = "link inline-flex min-h-[44px] items-center";

/** When the work happens, in one short sentence. */
function whenWords(work: NonNullable<HomeData["nextWork"]>) {
  if (work.underWay) {
    const started = `Started on ${formatDate(work.startDate!)}.`;
    return work.endDate ? `${started} Ends on ${formatDate(work.endDate)}.` : started;
  }
  if (!work.startDate) return "The date is not set yet.";
  return work.endDate && work.endDate !== work.startDate
    ? `From ${formatDate(work.startDate)} to ${formatDate(work.endDate)}.`
    : `On ${formatDate(work.startDate)}.`;
}

function Attention({ agreements, attention, feedbackRequested }: HomeData) {
  return (
    <section aria-labelledby="attention-heading" className="mt-4 rounded-lg border-2 border-brand-600 bg-brand-50 p-4">
      <h2 id="attention-heading" className="text-lg font-semibold">
        Needs your attention
      </h2>
      {agreements.count ? (
        <>
          <p className="mt-2">
            {agreements.count === 1
              ? "Some work is waiting for your yes or no."
              : `${agreements.count} pieces of work are waiting for your yes or no.`}
          </p>
          <p className="mt-1">
            <Link to={agreements.onlyId ? `/portal/work/${agreements.onlyId}` : "/portal/work"} className={tapLink}>
              {agreements.onlyId ? "Read the terms" : "See my work"}
            </Link>
          </p>
        </>
      ) : null}
      {attention.map((line) => (
        <p key={line} className="mt-2">
          {line}
        </p>
      ))}
      {attention.length ? (
        <p className="mt-1">
          <Link to="/portal/consent" className={tapLink}>
            Check my choices
          </Link>
        </p>
      ) : null}
      {feedbackRequested ? (
        <>
          <p className="mt-2">Feedback requested: some of your work is done. How did it go for you?</p>
          <p className="mt-1">
            <Link to="/portal/feedback" className={tapLink}>
              Give feedback
            </Link>
          </p>
        </>
      ) : null}
    </section>
  );
}

function NextWork({ work }: { work: HomeData["nextWork"] }) {
  const words = useMessage();
  return (
    <section aria-labelledby="next-work-heading" className="card mt-4">
      <h2 id="next-work-heading" className="text-lg font-semibold">
        Your next work
      </h2>
      {work ? (
        <>
          <h3 className="mt-2 font-semibold">{work.title}</h3>
          <p className="mt-1">
            <span className="font-medium">When: </span>
            {whenWords(work)}
            {work.scopeWhen ? <span className="block">{work.scopeWhen}</span> : null}
          </p>
          {work.format || work.scopeWhere ? (
            <p className="mt-1">
              <span className="font-medium">Where: </span>
              {work.format ? `${words(FORMAT_LABELS[work.format])}.` : null}
              {work.scopeWhere ? <span className="block">{work.scopeWhere}</span> : null}
            </p>
          ) : null}
          <p className="mt-1">
            <Link to={`/portal/work/${work.id}`} className={tapLink}>
              See this work
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="mt-2">No work planned yet.</p>
          <p className="mt-1">When you say yes to paid work, it will show here.</p>
          <p className="mt-1">
            <Link to="/portal/work" className={tapLink}>
              See my work
            </Link>
          </p>
        </>
      )}
    </section>
  );
}

function Pay({ latest, thisYear }: { latest: HomeData["latestPayment"]; thisYear: HomeData["thisYear"] }) {
  return (
    <section aria-labelledby="pay-heading" className="card mt-4">
      <h2 id="pay-heading" className="text-lg font-semibold">
        Your pay
      </h2>
      {latest ? (
        <>
          <h3 className="mt-3 font-semibold">Latest payment</h3>
          <p className="mt-1">{describeOwnPayment(latest)}</p>
          {latest.expensesCents ? (
            <p className="mt-1 text-sm">Plus {formatCents(latest.expensesCents)} paid back for costs.</p>
          ) : null}
          {latest.neededNow ? (
            <p className="mt-1 font-semibold">{NEEDED_NOW_WORDS}</p>
          ) : latest.overdue ? (
            <p className="mt-1 font-semibold text-red-800">{LATE_PAYMENT_WORDS}</p>
          ) : null}
          <h3 className="mt-4 font-semibold">Paid to you in {thisYear.year}</h3>
          <p className="mt-1 text-2xl font-bold">{formatCents(thisYear.feesCents)}</p>
          {thisYear.expensesCents ? (
            <p className="mt-1 text-sm">
              Also paid back for your costs: {formatCents(thisYear.expensesCents)}. This is not pay.
            </p>
          ) : null}
        </>
      ) : (
        <>
          <p className="mt-2">No payments yet.</p>
          <p className="mt-1">They show here when your work is recorded.</p>
        </>
      )}
      <p className="mt-1">
        <Link to="/portal/pay" className={tapLink}>
          See all my pay
        </Link>
      </p>
    </section>
  );
}

export default function PortalHome() {
  const data = useLoaderData<typeof loader>();
  const { organizationName, hasProfile } = data;
  const anything = data.agreements.count > 0 || data.attention.length > 0 || data.feedbackRequested;
  return (
    <>
      <h1 className="page-title">Your portal</h1>
      <p className="mt-2">This is your space with {organizationName}.</p>
      {hasProfile ? null : (
        <p className="mt-1">
          Your profile is not set up yet. Your contact person will do that. Then your work and pay will show here.
        </p>
      )}
      {anything ? <Attention {...data} /> : <p className="mt-1">Nothing needs your attention right now.</p>}
      <NextWork work={data.nextWork} />
      <Pay latest={data.latestPayment} thisYear={data.thisYear} />
      <div className="card mt-4">
        <h2 className="text-lg font-semibold">Leaving fast</h2>
        <div className="mt-2">
          <QuickExitHelp />
        </div>
      </div>
      {hasProfile ? (
        <div className="card mt-4">
          <h2 className="text-lg font-semibold">Your details</h2>
          <p className="mt-2">See what we know about you. You can change it at any time.</p>
          <p className="mt-1">
            <Link to="/portal/profile" className={tapLink}>
              My profile
            </Link>
          </p>
        </div>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <PortalErrorPage title="Your portal" />;
}
