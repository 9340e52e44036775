import { withHttpErrors } from "~/utils/http-errors.server";
import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { GivenIn } from "~/components/consent-wording";
import { Notice } from "~/components/forms";
import { PortalErrorPage } from "~/components/portal-error";
import { requireOwnConsultant } from "~/models/consultant/own.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { myConsentReceipt } from "~/models/consent/portal.server";
import { NAME_CHOICE_LABELS } from "~/utils/consent-options";
import { useMessage } from "~/i18n/use-message";
import { useFormat } from "~/utils/use-format";

// A receipt of the consultant's own choice: never kept in the browser's cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const own = requireOwnConsultant(membership.organizationId, user.id);
  // A 404 for any id that is not one of this consultant's own decisions, in this organization.
  return { receipt: myConsentReceipt(membership.organizationId, own.id, params.id ?? "") };
});

type Receipt = ReturnType<typeof useLoaderData<typeof loader>>["receipt"];

// How a choice reached us, in a sentence of its own for each way (a label inside a sentence does not
// translate).
const METHOD_KEY = {
  portal: "portal",
  written_form: "writtenForm",
  verbal_with_witness: "verbalWithWitness",
} as const;

function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="mt-3 break-inside-avoid">
      <dt className="font-semibold">{label}</dt>
      <dd className="whitespace-pre-wrap">{children}</dd>
    </div>
  );
}

function RecordedHow({ receipt: r }: { receipt: Receipt }) {
  const { t } = useTranslation("portal");
  if (r.kind === "expired") return <>{t("consent.receipt.bySystem")}</>;
  const how = r.method ? METHOD_KEY[r.method] : null;
  if (r.recordedByMe) return <>{t(`consent.receipt.byMe.${how ?? "unknown"}`)}</>;
  return (
    <>
      {r.recordedByName ? t("consent.receipt.byTeamMember", { name: r.recordedByName }) : t("consent.receipt.byTeam")}
      {how ? ` ${t(`consent.receipt.howYouTold.${how}`)}` : ""}
    </>
  );
}

export default function ConsentReceipt() {
  const { receipt: r } = useLoaderData<typeof loader>();
  const fmt = useFormat();
  const { t } = useTranslation("portal");
  const words = useMessage();
  const [searchParams] = useSearchParams();
  return (
    <>
      <p className="print:hidden">
        <Link to="/portal/consent" className="link inline-flex min-h-[44px] items-center">
          {t("consent.receipt.back")}
        </Link>
      </p>
      <h1 className="page-title mt-2">{t("consent.receipt.title")}</h1>
      <div className="mt-4 print:hidden">
        {searchParams.get("done") === "saved" ? <Notice>{t("consent.receipt.saved")}</Notice> : null}
      </div>

      <section aria-labelledby="receipt-heading" className="card mt-2 print:border-0 print:p-0 print:shadow-none">
        <h2 id="receipt-heading" lang={r.language} className="text-lg font-semibold">
          {r.label}
        </h2>
        <dl>
          <Line label={t("consent.receipt.whatYouDecided")}>{t(`consent.receipt.decision.${r.kind}`)}</Line>
          {r.givenOn ? (
            <Line label={r.method === "written_form" ? t("consent.receipt.daySigned") : t("consent.receipt.dayTold")}>
              {fmt.calendarDay(r.givenOn)}
            </Line>
          ) : null}
          {r.witnessName ? <Line label={t("consent.receipt.witness")}>{r.witnessName}</Line> : null}
          <Line label={r.givenOn ? t("consent.receipt.daySaved") : t("consent.receipt.when")}>
            {fmt.dateTime(r.createdAt)}
          </Line>
          {r.kind === "granted" ? (
            <>
              {r.nameChoice ? (
                <Line label={t("consent.receipt.nameWeMayUse")}>{words(NAME_CHOICE_LABELS[r.nameChoice])}</Line>
              ) : null}
              <Line label={t("consent.receipt.limits")}>{r.scopeNotes ?? t("consent.receipt.nothing")}</Line>
              <Line label={t("consent.receipt.whenItEnds")}>
                {r.expiresOn ? fmt.calendarDay(r.expiresOn) : t("consent.receipt.noEnd")}
              </Line>
            </>
          ) : null}
          {r.kind === "expired" && r.expiresOn ? (
            <Line label={t("consent.receipt.endDate")}>{fmt.calendarDay(r.expiresOn)}</Line>
          ) : null}
          <Line label={t("consent.receipt.howSaved")}>
            <RecordedHow receipt={r} />
          </Line>
          {r.requestedBy ? (
            <Line label={t("consent.receipt.whoAsked")}>
              {r.requestedOn
                ? t("consent.receipt.askedByOn", { who: r.requestedBy, day: fmt.calendarDay(r.requestedOn) })
                : t("consent.receipt.askedBy", { who: r.requestedBy })}
            </Line>
          ) : null}
          {r.engagementTitle ? <Line label={t("consent.receipt.newWork")}>{r.engagementTitle}</Line> : null}
        </dl>

        <h3 className="mt-5 font-semibold">{t("consent.receipt.exactWords", { version: r.version })}</h3>
        {/* The words as they were shown when the choice was made, in that language, whatever the page's. */}
        <GivenIn language={r.language} className="mt-1" />
        <blockquote lang={r.language} className="mt-2 whitespace-pre-wrap border-l-4 border-slate-400 pl-3">
          {r.text}
        </blockquote>
      </section>

      <div className="mt-4 space-y-1 print:hidden">
        <p>{t("consent.receipt.changeAnyTime")}</p>
        <p>{t("consent.receipt.print")}</p>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("portal");
  return <PortalErrorPage title={t("consent.receipt.title")} />;
}
