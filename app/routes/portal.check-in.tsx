import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CheckInButton } from "~/components/check-in-card";
import { PortalErrorPage } from "~/components/portal-error";
import { useMessage } from "~/i18n/use-message";
import { ownAvailability } from "~/models/capacity/availability.server";
import { confirmDetailsStillRight, ownCheckIn } from "~/models/capacity/check-ins.server";
import { requireOwnConsultant } from "~/models/consultant/own.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { parseCheckInForm } from "~/utils/capacity-forms.server";
import { CHANNEL_LABELS, SAFETY_LABELS } from "~/utils/consultant-options";
import { readForm } from "~/utils/form-data.server";
import { withHttpErrors } from "~/utils/http-errors.server";

export const handle = { title: "portal:checkIn.title" };

// Their contact details and support needs: never kept in the browser's cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const own = { organizationId: membership.organizationId, userId: user.id };
  // Always the signed-in person's own record in the active organization, never an id from the URL.
  const c = requireOwnConsultant(own.organizationId, own.userId);
  return {
    checkIn: ownCheckIn(own),
    availability: ownAvailability(own).availability,
    details: {
      email: c.email,
      phone: c.phone,
      preferredChannel: c.preferredChannel,
      safety: { email: c.emailSafety, phone: c.phoneSafety, text: c.textSafety, mail: c.mailSafety },
      accessNeeds: c.accessNeeds,
      interpreterLanguage: c.interpreterLanguage,
      needsChildcare: c.needsChildcare,
      needsTransport: c.needsTransport,
      supportPerson: c.supportPerson,
    },
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const submission = parseCheckInForm(await readForm(request));
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  confirmDetailsStillRight({ organizationId: membership.organizationId, userId: user.id });
  return redirect("/portal?done=checked-in");
});

const CHANNELS = Object.keys(CHANNEL_LABELS) as (keyof typeof CHANNEL_LABELS)[];

function Fact({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation("portal");
  return (
    <div className="py-1">
      <dt className="font-medium">{label}</dt>
      <dd>{children || <span className="text-slate-700">{t("checkIn.notGiven")}</span>}</dd>
    </div>
  );
}

export default function CheckIn() {
  const { checkIn, availability: a, details: d } = useLoaderData<typeof loader>();
  const { t } = useTranslation("portal");
  const words = useMessage();
  const yesNo = (value: boolean) => (value ? t("checkIn.yes") : t("checkIn.no"));
  return (
    <>
      <h1 className="page-title">{t("checkIn.title")}</h1>
      <p className="mt-2">{t("checkIn.intro")}</p>
      {checkIn?.lastCheckInOn ? (
        <p className="mt-1">{t("checkIn.lastChecked", { day: checkIn.lastCheckInOn })}</p>
      ) : null}

      <section aria-labelledby="reach-heading" className="card mt-4">
        <h2 id="reach-heading" className="text-lg font-semibold">
          {t("checkIn.reach.heading")}
        </h2>
        <dl className="mt-2">
          <Fact label={t("checkIn.reach.email")}>{d.email}</Fact>
          <Fact label={t("checkIn.reach.phone")}>{d.phone}</Fact>
          <Fact label={t("checkIn.reach.prefers")}>
            {d.preferredChannel ? words(CHANNEL_LABELS[d.preferredChannel]) : null}
          </Fact>
        </dl>
        <h3 className="mt-3 font-semibold">{t("checkIn.reach.safe")}</h3>
        <ul className="mt-1 space-y-1">
          {CHANNELS.map((channel) => (
            <li key={channel}>
              {t("checkIn.reach.channelSafety", {
                channel: words(CHANNEL_LABELS[channel]),
                safety: words(SAFETY_LABELS[d.safety[channel]]),
              })}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="support-heading" className="card mt-4">
        <h2 id="support-heading" className="text-lg font-semibold">
          {t("checkIn.support.heading")}
        </h2>
        <dl className="mt-2">
          <Fact label={t("checkIn.support.accessNeeds")}>{d.accessNeeds}</Fact>
          <Fact label={t("checkIn.support.interpreter")}>{d.interpreterLanguage}</Fact>
          <Fact label={t("checkIn.support.childcare")}>{yesNo(d.needsChildcare)}</Fact>
          <Fact label={t("checkIn.support.transport")}>{yesNo(d.needsTransport)}</Fact>
          <Fact label={t("checkIn.support.supportPerson")}>{d.supportPerson}</Fact>
        </dl>
        <p className="mt-2">
          <Link to="/portal/profile" className="link inline-flex min-h-[44px] items-center">
            {t("checkIn.changeDetails")}
          </Link>
        </p>
      </section>

      <section aria-labelledby="availability-heading" className="card mt-4">
        <h2 id="availability-heading" className="text-lg font-semibold">
          {t("checkIn.availability.heading")}
        </h2>
        <p className="mt-2">
          {a.state === "paused"
            ? t("availability.now.paused", { until: a.pausedUntil })
            : a.state === "limited"
              ? t("availability.now.limited", { hours: a.monthlyLimitHundredths })
              : t("availability.now.open")}
        </p>
        <p className="mt-2">
          <Link to="/portal/availability" className="link inline-flex min-h-[44px] items-center">
            {t("checkIn.changeAvailability")}
          </Link>
        </p>
      </section>

      <div className="card mt-4">
        <p>{t("checkIn.allRight")}</p>
        <CheckInButton />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("portal");
  return <PortalErrorPage title={t("checkIn.title")} />;
}
