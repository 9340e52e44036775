/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { withHttpErrors } from "~/utils/http-errors.server";
import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { Notice } from "~/components/forms";
import { PortalErrorPage } from "~/components/portal-error";
import { requireOwnConsultant } from "~/models/consultant/own.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { myConsentReceipt } from "~/models/consent/portal.server";
import { CONSENT_METHOD_LABELS, NAME_CHOICE_LABELS } from "~/utils/consent-options";
import { formatDate } from "~/utils/format";
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

const DECISION_WORDS = {
  granted: "You said yes.",
  declined: "You said no.",
  withdrawn: "You took back your yes (withdrawn).",
  expired: "Your yes ended, because its end date came.",
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
  if (r.kind === "expired") return <>Saved by the system on the end date. Nobody had to do anything.</>;
  const how = r.method ? CONSENT_METHOD_LABELS[r.method] : null;
  if (r.recordedByMe) return <>You saved this yourself{how ? `, ${how.toLowerCase()}` : ""}.</>;
  return (
    <>
      {r.recordedByName ? `${r.recordedByName} from the team saved this for you.` : "The team saved this for you."}
      {how ? ` How you told them: ${how.toLowerCase()}.` : ""}
    </>
  );
}

export default function ConsentReceipt() {
  const { receipt: r } = useLoaderData<typeof loader>();
  const fmt = useFormat();
  const [searchParams] = useSearchParams();
  return (
    <>
      <p className="print:hidden">
        <Link to="/portal/consent" className="link inline-flex min-h-[44px] items-center">
          ← My choices
        </Link>
      </p>
      <h1 className="page-title mt-2">Receipt</h1>
      <div className="mt-4 print:hidden">
        {searchParams.get("done") === "saved" ? <Notice>Your choice is saved. This is your receipt.</Notice> : null}
      </div>

      <section aria-labelledby="receipt-heading" className="card mt-2 print:border-0 print:p-0 print:shadow-none">
        <h2 id="receipt-heading" className="text-lg font-semibold">
          {r.label}
        </h2>
        <dl>
          <Line label="What you decided">{DECISION_WORDS[r.kind]}</Line>
          {r.givenOn ? (
            <Line label={r.method === "written_form" ? "The day you signed" : "The day you told us"}>
              {formatDate(r.givenOn)}
            </Line>
          ) : null}
          {r.witnessName ? <Line label="Witness">{r.witnessName}</Line> : null}
          <Line label={r.givenOn ? "The day it was saved" : "When"}>{fmt.dateTime(r.createdAt)}</Line>
          {r.kind === "granted" ? (
            <>
              {r.nameChoice ? <Line label="Name we may use">{NAME_CHOICE_LABELS[r.nameChoice]}</Line> : null}
              <Line label="What you asked us to limit">{r.scopeNotes ?? "Nothing."}</Line>
              <Line label="When it ends">
                {r.expiresOn ? formatDate(r.expiresOn) : "No end date. You can take it back at any time."}
              </Line>
            </>
          ) : null}
          {r.kind === "expired" && r.expiresOn ? <Line label="End date">{formatDate(r.expiresOn)}</Line> : null}
          <Line label="How it was saved">
            <RecordedHow receipt={r} />
          </Line>
          {r.requestedBy ? (
            <Line label="Who asked for it">
              {r.requestedBy}
              {r.requestedOn ? `, on ${formatDate(r.requestedOn)}` : ""}.
            </Line>
          ) : null}
          {r.engagementTitle ? <Line label="Saved when you agreed to new work">{r.engagementTitle}</Line> : null}
        </dl>

        <h3 className="mt-5 font-semibold">The exact words (wording version {r.version})</h3>
        <blockquote className="mt-2 whitespace-pre-wrap border-l-4 border-slate-400 pl-3">{r.text}</blockquote>
      </section>

      <div className="mt-4 space-y-1 print:hidden">
        <p>You can change your choice at any time on the My choices page.</p>
        <p>To print this receipt or save it as a file, use your browser’s print button or menu.</p>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <PortalErrorPage title="Receipt" />;
}
