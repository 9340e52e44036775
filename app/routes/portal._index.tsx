import { withHttpErrors } from "~/utils/http-errors.server";
import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { PortalErrorPage } from "~/components/portal-error";
import { QuickExitHelp } from "~/components/quick-exit";
import { Notice } from "~/components/forms";
import { portalHome } from "~/models/portal-home.server";
import { ownAvailability } from "~/models/capacity/availability.server";
import { ownCheckIn } from "~/models/capacity/check-ins.server";
import { CheckInCard } from "~/components/check-in-card";
import { languageFor } from "~/i18n/i18n.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { useMessage } from "~/i18n/use-message";
import { FORMAT_LABELS } from "~/utils/engagement-options";
import { describeOwnPayment, LATE_PAYMENT_WORDS, NEEDED_NOW_WORDS } from "~/utils/payment-options";
import { useFormat } from "~/utils/use-format";

// Work and pay: never kept in the browser's cache, so Back after Quick exit cannot show them.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const { consent, feedbackWaiting, ...home } = portalHome({
    organizationId: membership.organizationId,
    userId: user.id,
    language: await languageFor(request, user.preferredLanguage),
  });
  const own = { organizationId: membership.organizationId, userId: user.id };
  return {
    organizationName: membership.organizationName,
    ...home,
    // Whether the regular check-in of their details is due, and their yearly pay limit if they set one.
    checkInDue: home.hasProfile ? (ownCheckIn(own)?.due ?? false) : false,
    payLimitCents: home.hasProfile ? ownAvailability(own).yearlyPayLimitCents : null,
    // Only whether something needs a look: the details stay on the choices page.
    // Catalog keys: the page says them in its reader's language.
    attention: [
      consent?.awaitingEngagement ? "portal:home.attention.awaitingEngagement" : null,
      consent?.endingSoon ? "portal:home.attention.endingSoon" : null,
      consent?.ended ? "portal:home.attention.ended" : null,
    ].filter((line): line is string => Boolean(line)),
    // "Feedback requested": work that is done and has no feedback yet.
    feedbackRequested: feedbackWaiting > 0,
  };
});

type HomeData = ReturnType<typeof useLoaderData<typeof loader>>;

const tapLink = "link inline-flex min-h-[44px] items-center";

/** When the work happens, in one short sentence. */
function whenWords(work: NonNullable<HomeData["nextWork"]>, t: TFunction<"portal">) {
  if (work.underWay) {
    return work.endDate
      ? t("home.next.startedOnEnds", { start: work.startDate, end: work.endDate })
      : t("home.next.startedOn", { start: work.startDate });
  }
  if (!work.startDate) return t("home.next.noDate");
  return work.endDate && work.endDate !== work.startDate
    ? t("home.next.fromTo", { start: work.startDate, end: work.endDate })
    : t("home.next.on", { start: work.startDate });
}

function Attention({ agreements, attention, feedbackRequested, ideaAnswers, assessmentsWaiting }: HomeData) {
  const { t } = useTranslation("portal");
  const words = useMessage();
  return (
    <section aria-labelledby="attention-heading" className="mt-4 rounded-lg border-2 border-brand-600 bg-brand-50 p-4">
      <h2 id="attention-heading" className="text-lg font-semibold">
        {t("home.attention.heading")}
      </h2>
      {agreements.count ? (
        <>
          <p className="mt-2">{t("home.attention.workWaiting", { count: agreements.count })}</p>
          <p className="mt-1">
            <Link to={agreements.onlyId ? `/portal/work/${agreements.onlyId}` : "/portal/work"} className={tapLink}>
              {agreements.onlyId ? t("home.attention.readTerms") : t("home.attention.seeMyWork")}
            </Link>
          </p>
        </>
      ) : null}
      {attention.map((line) => (
        <p key={line} className="mt-2">
          {words(line)}
        </p>
      ))}
      {attention.length ? (
        <p className="mt-1">
          <Link to="/portal/consent" className={tapLink}>
            {t("home.attention.checkChoices")}
          </Link>
        </p>
      ) : null}
      {feedbackRequested ? (
        <>
          <p className="mt-2">{t("home.attention.feedbackRequested")}</p>
          <p className="mt-1">
            <Link to="/portal/feedback" className={tapLink}>
              {t("home.attention.giveFeedback")}
            </Link>
          </p>
        </>
      ) : null}
      {assessmentsWaiting.length > 0 ? (
        <>
          <p className="mt-2">{t("assessTogether.home.asked", { count: assessmentsWaiting.length })}</p>
          {assessmentsWaiting.map((a) => (
            <p key={a.id} className="mt-1">
              <Link to={`/portal/assessments/${a.id}`} className={tapLink}>
                {t("assessTogether.home.answer")}
              </Link>
            </p>
          ))}
        </>
      ) : null}
      {ideaAnswers > 0 ? (
        <>
          <p className="mt-2">{t("ideas.home.answered", { count: ideaAnswers })}</p>
          <p className="mt-1">
            <Link to="/portal/ideas" className={tapLink}>
              {t("ideas.home.seeAnswer", { count: ideaAnswers })}
            </Link>
          </p>
        </>
      ) : null}
    </section>
  );
}

function NextWork({ work }: { work: HomeData["nextWork"] }) {
  const { t } = useTranslation("portal");
  const words = useMessage();
  return (
    <section aria-labelledby="next-work-heading" className="card mt-4">
      <h2 id="next-work-heading" className="text-lg font-semibold">
        {t("home.next.heading")}
      </h2>
      {work ? (
        <>
          <h3 className="mt-2 font-semibold">{work.title}</h3>
          <p className="mt-1">
            <span className="font-medium">{t("home.next.when")}</span> {whenWords(work, t)}
            {work.scopeWhen ? <span className="block">{work.scopeWhen}</span> : null}
          </p>
          {work.format || work.scopeWhere ? (
            <p className="mt-1">
              <span className="font-medium">{t("home.next.where")}</span>{" "}
              {work.format ? t("home.next.format", { format: words(FORMAT_LABELS[work.format]) }) : null}
              {work.scopeWhere ? <span className="block">{work.scopeWhere}</span> : null}
            </p>
          ) : null}
          <p className="mt-1">
            <Link to={`/portal/work/${work.id}`} className={tapLink}>
              {t("home.next.seeThisWork")}
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="mt-2">{t("home.next.none")}</p>
          <p className="mt-1">{t("home.next.noneHelp")}</p>
          <p className="mt-1">
            <Link to="/portal/work" className={tapLink}>
              {t("home.next.seeMyWork")}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}

function Pay({
  latest,
  thisYear,
  payLimitCents,
}: {
  latest: HomeData["latestPayment"];
  thisYear: HomeData["thisYear"];
  payLimitCents: number | null;
}) {
  const { t } = useTranslation("portal");
  const words = useMessage();
  const f = useFormat();
  return (
    <section aria-labelledby="pay-heading" className="card mt-4">
      <h2 id="pay-heading" className="text-lg font-semibold">
        {t("home.pay.heading")}
      </h2>
      {latest ? (
        <>
          <h3 className="mt-3 font-semibold">{t("home.pay.latest")}</h3>
          <p className="mt-1">{words(describeOwnPayment(latest))}</p>
          {latest.expensesCents ? (
            <p className="mt-1 text-sm">{t("home.pay.plusCosts", { amount: latest.expensesCents })}</p>
          ) : null}
          {latest.neededNow ? (
            <p className="mt-1 font-semibold">{words(NEEDED_NOW_WORDS)}</p>
          ) : latest.overdue ? (
            <p className="mt-1 font-semibold text-red-800">{words(LATE_PAYMENT_WORDS)}</p>
          ) : null}
          <h3 className="mt-4 font-semibold">{t("home.pay.paidInYear", { year: thisYear.year })}</h3>
          <p className="mt-1 text-2xl font-bold">{f.money(thisYear.feesCents)}</p>
          {payLimitCents !== null ? (
            <p className="mt-1">
              <Link to="/portal/availability" className={tapLink}>
                {t("availability.home.limit", { limit: payLimitCents })}
              </Link>
            </p>
          ) : null}
          {thisYear.expensesCents ? (
            <p className="mt-1 text-sm">{t("home.pay.alsoCosts", { amount: thisYear.expensesCents })}</p>
          ) : null}
        </>
      ) : (
        <>
          <p className="mt-2">{t("home.pay.none")}</p>
          <p className="mt-1">{t("home.pay.noneHelp")}</p>
        </>
      )}
      <p className="mt-1">
        <Link to="/portal/pay" className={tapLink}>
          {t("home.pay.seeAll")}
        </Link>
      </p>
    </section>
  );
}

export default function PortalHome() {
  const { t } = useTranslation("portal");
  const data = useLoaderData<typeof loader>();
  const { organizationName, hasProfile } = data;
  const [searchParams] = useSearchParams();
  const anything =
    data.agreements.count > 0 ||
    data.attention.length > 0 ||
    data.feedbackRequested ||
    data.ideaAnswers > 0 ||
    data.assessmentsWaiting.length > 0;
  return (
    <>
      <h1 className="page-title">{t("home.title")}</h1>
      <p className="mt-2">{t("home.yourSpace", { organization: organizationName })}</p>
      {searchParams.get("done") === "checked-in" ? <Notice>{t("checkIn.thanks")}</Notice> : null}
      {hasProfile ? null : <p className="mt-1">{t("home.noProfile")}</p>}
      {data.checkInDue ? <CheckInCard /> : null}
      {anything ? <Attention {...data} /> : data.checkInDue ? null : <p className="mt-1">{t("home.nothingNeeded")}</p>}
      <NextWork work={data.nextWork} />
      <Pay latest={data.latestPayment} thisYear={data.thisYear} payLimitCents={data.payLimitCents} />
      {hasProfile ? (
        <div className="card mt-4">
          <h2 className="text-lg font-semibold">{t("ideas.home.heading")}</h2>
          <p className="mt-2">{t("ideas.home.text")}</p>
          <p className="mt-1">
            <Link to="/portal/ideas" className={tapLink}>
              {t("ideas.home.link")}
            </Link>
          </p>
        </div>
      ) : null}
      <div className="card mt-4">
        <h2 className="text-lg font-semibold">{t("home.leavingFast")}</h2>
        <div className="mt-2">
          <QuickExitHelp />
        </div>
      </div>
      {hasProfile ? (
        <div className="card mt-4">
          <h2 className="text-lg font-semibold">{t("home.details.heading")}</h2>
          <p className="mt-2">{t("home.details.text")}</p>
          <p className="mt-1">
            <Link to="/portal/profile" className={tapLink}>
              {t("home.details.link")}
            </Link>
          </p>
        </div>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("portal");
  return <PortalErrorPage title={t("home.title")} />;
}
