import { withHttpErrors } from "~/utils/http-errors.server";
import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PortalErrorPage } from "~/components/portal-error";
import { requirePermission } from "~/utils/auth/guards.server";
import { listOwnEngagements } from "~/models/engagement/own-work.server";
import { useMessage } from "~/i18n/use-message";
import { languageFor } from "~/i18n/i18n.server";
import { STAGE_LABELS } from "~/utils/engagement-options";

// The consultant's work: never kept in the browser's cache, so Back after Quick exit cannot show it.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  // Always the signed-in person's own work in the active organization.
  return {
    organizationName: membership.organizationName,
    // Titles in the words the work page shows this person: theirs when written, else English.
    engagements: listOwnEngagements({
      organizationId: membership.organizationId,
      userId: user.id,
      language: await languageFor(request, user.preferredLanguage),
    }),
  };
});

type Row = Awaited<ReturnType<typeof loader>>["engagements"][number];

/** Where the work stands, in one short sentence: its key in the "work.status" block. */
function statusLine(e: Row) {
  if (e.status === "cancelled") return "cancelled";
  if (e.status === "completed") return "done";
  if (e.needsAnswer) return e.currentDecision === "declined" ? "saidNo" : "pleaseAnswer";
  if (e.status === "in_progress") return "underWay";
  return "accepted";
}

export default function MyWork() {
  const { t } = useTranslation("portal");
  const words = useMessage();
  const { organizationName, engagements } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="page-title">{t("work.title")}</h1>
      <p className="mb-4 mt-2">{t("work.intro", { organization: organizationName })}</p>
      {engagements.length === 0 ? (
        <div className="card">
          <p>{t("work.none")}</p>
          <p className="mt-1">{t("work.noneOffer")}</p>
          <p className="mt-1">{t("work.noneAnswer")}</p>
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
              {e.startDate ? <p className="mt-1">{t("work.starts", { day: e.startDate })}</p> : null}
              <p className={`mt-1 ${e.needsAnswer ? "font-semibold text-brand-800" : ""}`}>
                {t(`work.status.${statusLine(e)}`)}
              </p>
            </li>
          ))}
        </ul>
      )}
      <p className="card mt-6">
        <Link to="/portal/experience" className="link inline-flex min-h-[44px] items-center font-semibold">
          {t("experience.link")}
        </Link>
        <span className="mt-1 block">{t("experience.linkHelp")}</span>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("portal");
  return <PortalErrorPage title={t("work.title")} />;
}
