import { withHttpErrors } from "~/utils/http-errors.server";
import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/forms";
import { PortalErrorPage } from "~/components/portal-error";
import { requireOwnConsultant } from "~/models/consultant/own.server";
import { myFeedbackOverview, type MyFeedbackItem } from "~/models/feedback/consultant-answers.server";
import { listOwnInputItems } from "~/models/program-input/own-items.server";
import { MyInputItems } from "~/components/my-input-items";
import { requirePermission } from "~/utils/auth/guards.server";
import { useMessage } from "~/i18n/use-message";
import { STAGE_LABELS } from "~/utils/engagement-options";
import { useFormat } from "~/utils/use-format";

// The consultant's own answers: never kept in the browser's cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  // Always the signed-in person's own record in the active organization.
  const own = requireOwnConsultant(membership.organizationId, user.id);
  return {
    items: myFeedbackOverview(membership.organizationId, own.id),
    inputs: listOwnInputItems(membership.organizationId, own.id),
  };
});

type Item = Omit<MyFeedbackItem, "completedAt"> & { completedAt: string | Date | null };

function WorkLine({ item }: { item: Item }) {
  const { t } = useTranslation("portal");
  const words = useMessage();
  const fmt = useFormat();
  return (
    <p className="mt-1">
      {item.programName} · {words(STAGE_LABELS[item.stage])}
      {item.completedAt ? <> · {t("feedback.doneOn", { date: fmt.date(item.completedAt) })}</> : null}
    </p>
  );
}

export default function MyFeedback() {
  const { t } = useTranslation("portal");
  const { items, inputs } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const waiting = items.filter((i) => i.state === "waiting");
  const given = items.filter((i) => i.state !== "waiting");
  return (
    <>
      <h1 className="page-title">{t("feedback.title")}</h1>
      <p className="mt-2">{t("feedback.intro")}</p>
      <p className="mt-1">{t("feedback.withoutName")}</p>
      <div className="mt-4">{searchParams.get("done") === "sent" ? <Notice>{t("feedback.saved")}</Notice> : null}</div>

      <section aria-labelledby="waiting-heading" className="mt-4">
        <h2 id="waiting-heading" className="text-lg font-semibold">
          {t("feedback.waitingHeading")}
        </h2>
        {waiting.length === 0 ? (
          <p className="card mt-2">{t("feedback.nothingWaiting")}</p>
        ) : (
          <ul className="mt-2 space-y-3">
            {waiting.map((item) => (
              <li key={item.engagementId} className="card">
                <h3 className="font-semibold">{item.title}</h3>
                <WorkLine item={item} />
                <p className="mt-2">
                  <Link
                    to={`/portal/feedback/${item.engagementId}`}
                    className="btn-primary inline-flex min-h-[44px] w-full items-center justify-center sm:w-auto"
                  >
                    {t("feedback.give")}
                    <span className="sr-only">: {item.title}</span>
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="given-heading" className="mt-6">
        <h2 id="given-heading" className="text-lg font-semibold">
          {t("feedback.givenHeading")}
        </h2>
        {given.length === 0 ? (
          <p className="card mt-2">{t("feedback.noneGiven")}</p>
        ) : (
          <ul className="mt-2 space-y-3">
            {given.map((item) => (
              <li key={item.engagementId} className="card">
                <h3 className="font-semibold">{item.title}</h3>
                <WorkLine item={item} />
                <p className="mt-1">{item.anonymous ? t("feedback.sentAnonymous") : t("feedback.sentNamed")}</p>
                {item.state === "read" ? (
                  <>
                    <p className="mt-1">{t("feedback.readLocked")}</p>
                    <p className="mt-1">
                      <Link
                        to={`/portal/feedback/${item.engagementId}`}
                        className="link inline-flex min-h-[44px] items-center"
                      >
                        {t("feedback.seeSent")}
                        <span className="sr-only">: {item.title}</span>
                      </Link>
                    </p>
                  </>
                ) : (
                  <>
                    <p className="mt-1">{t("feedback.notReadYet")}</p>
                    <p className="mt-1">
                      <Link
                        to={`/portal/feedback/${item.engagementId}`}
                        className="link inline-flex min-h-[44px] items-center"
                      >
                        {t("feedback.change")}
                        <span className="sr-only">: {item.title}</span>
                      </Link>
                    </p>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <MyInputItems items={inputs} />
      <p className="mt-3">
        <Link to="/portal/ideas" className="link inline-flex min-h-[44px] items-center">
          {t("ideas.feedbackLink")}
        </Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("portal");
  return <PortalErrorPage title={t("feedback.title")} />;
}
