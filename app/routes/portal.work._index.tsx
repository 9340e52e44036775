/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { withHttpErrors } from "~/utils/http-errors.server";
import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PortalErrorPage } from "~/components/portal-error";
import { requirePermission } from "~/utils/auth/guards.server";
import { listOwnEngagements } from "~/models/engagement/own-work.server";
import { STAGE_LABELS } from "~/utils/engagement-options";
import { useMessage } from "~/i18n/use-message";
import { formatDate } from "~/utils/format";

// The consultant's work: never kept in the browser's cache, so Back after Quick exit cannot show it.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  // Always the signed-in person's own work in the active organization.
  return {
    organizationName: membership.organizationName,
    engagements: listOwnEngagements({ organizationId: membership.organizationId, userId: user.id }),
  };
});

type Row = Awaited<ReturnType<typeof loader>>["engagements"][number];

/** Where the work stands, in one short sentence. */
function statusLine(e: Row) {
  if (e.status === "cancelled") return "Cancelled.";
  if (e.status === "completed") return "Done.";
  if (e.needsAnswer) {
    return e.currentDecision === "declined" ? "You said no to these terms." : "Please read the terms and answer.";
  }
  if (e.status === "in_progress") return "Under way. You accepted the terms.";
  return "You accepted the terms.";
}

export default function MyWork() {
  const { organizationName, engagements } = useLoaderData<typeof loader>();
  const words = useMessage();
  return (
    <>
      <h1 className="page-title">My work</h1>
      <p className="mb-4 mt-2">Paid work you do with {organizationName}.</p>
      {engagements.length === 0 ? (
        <div className="card">
          <p>No work yet.</p>
          <p className="mt-1">When the team offers you paid work, it will show here.</p>
          <p className="mt-1">You can then read the terms and say yes or no.</p>
        </div>
      ) : (
        <ul className="space-y-3">
          {engagements.map((e) => (
            <li key={e.id} className="card">
              <h2 className="text-lg font-semibold">
                <Link to={`/portal/work/${e.id}`} className="link">
                  {e.title}
                </Link>
              </h2>
              <p className="mt-1">
                {e.programName} · {words(STAGE_LABELS[e.stage])}
              </p>
              {e.startDate ? <p className="mt-1">Starts {formatDate(e.startDate)}</p> : null}
              <p className={`mt-1 ${e.needsAnswer ? "font-semibold text-brand-800" : ""}`}>{statusLine(e)}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <PortalErrorPage title="My work" />;
}
