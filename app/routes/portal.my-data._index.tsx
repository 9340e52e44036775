/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { withHttpErrors } from "~/utils/http-errors.server";
import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { PortalErrorPage } from "~/components/portal-error";
import { exportOwnData } from "~/models/consultant/own.server";
import { requirePermission } from "~/utils/auth/guards.server";
import {
  CHANNEL_LABELS,
  expertiseLabel,
  PAYMENT_METHOD_LABELS,
  SAFETY_LABELS,
  STATUS_LABELS,
} from "~/utils/consultant-options";
import { useMessage } from "~/i18n/use-message";
import { useFormat } from "~/utils/use-format";

// Personal details: never kept in the browser's cache, so Back after Quick exit cannot show them.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  return exportOwnData({
    organizationId: membership.organizationId,
    userId: user.id,
    organizationName: membership.organizationName,
  });
});

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="card mt-4 break-inside-avoid print:border-0 print:p-0 print:shadow-none">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-3">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="whitespace-pre-line break-words sm:col-span-2">
        {children || <span className="text-slate-600">Not given</span>}
      </dd>
    </div>
  );
}

const yesNo = (value: boolean) => (value ? "Yes" : "No");
const list = (items: string[]) => items.join(", ");

export default function MyData() {
  const { organization, exportedAt, profile: p, statusHistory, onboarding } = useLoaderData<typeof loader>();
  const fmt = useFormat();
  const words = useMessage();
  return (
    <>
      <h1 className="page-title">My data</h1>
      <p className="mt-2">This page shows everything {organization} keeps about you.</p>
      <p className="mt-1 text-sm text-slate-700">Made on {fmt.dateTime(exportedAt)}.</p>

      <div className="card mt-4 print:hidden">
        <p>
          <strong>Print this page:</strong> open your browser menu and choose Print.
        </p>
        <p className="mt-3">
          <a href="/portal/my-data.json" download="my-data.json" className="link">
            Download my data as a file
          </a>
        </p>
        <p className="mt-1 text-sm text-slate-700">The file is in JSON, a format other apps can read.</p>
      </div>

      <Section id="about" title="About you">
        <dl className="mt-2 divide-y divide-slate-200">
          <Fact label="Preferred name">{p.preferredName}</Fact>
          <Fact label="Pronouns">{p.pronouns}</Fact>
          <Fact label="Legal name">
            {p.legalNameOnFile
              ? "On file. Only admins see it. It is used only for pay and tax forms. Ask your contact person to see or change it."
              : "Not on file."}
          </Fact>
          <Fact label="Status">{words(STATUS_LABELS[p.status])}</Fact>
          <Fact label="Record started">{fmt.date(p.createdAt)}</Fact>
        </dl>
      </Section>

      <Section id="contact" title="Contact and safety">
        <dl className="mt-2 divide-y divide-slate-200">
          <Fact label="Email address">{p.email}</Fact>
          <Fact label="Phone number">{p.phone}</Fact>
          <Fact label="How you like to be contacted">
            {p.preferredChannel ? words(CHANNEL_LABELS[p.preferredChannel]) : "No preference"}
          </Fact>
        </dl>
        <h3 className="mt-4 font-semibold">Which ways are safe to use</h3>
        <dl className="mt-1 divide-y divide-slate-200">
          <Fact label="Email">{words(SAFETY_LABELS[p.emailSafety])}</Fact>
          <Fact label="Phone calls">{words(SAFETY_LABELS[p.phoneSafety])}</Fact>
          <Fact label="Text messages">{words(SAFETY_LABELS[p.textSafety])}</Fact>
          <Fact label="Postal mail">{words(SAFETY_LABELS[p.mailSafety])}</Fact>
        </dl>
      </Section>

      <Section id="work" title="Languages, location and expertise">
        <dl className="mt-2 divide-y divide-slate-200">
          <Fact label="Languages">{list(p.languages)}</Fact>
          <Fact label="City or region">{p.location}</Fact>
          <Fact label="Expertise and roles">{list(p.expertise.map((tag) => words(expertiseLabel(tag))))}</Fact>
        </dl>
      </Section>

      <Section id="accommodations" title="Availability and accommodations">
        <dl className="mt-2 divide-y divide-slate-200">
          <Fact label="When you are available">{p.availability}</Fact>
          <Fact label="Access needs">{p.accessNeeds}</Fact>
          <Fact label="Interpreter language">{p.interpreterLanguage}</Fact>
          <Fact label="Childcare support helps">{yesNo(p.needsChildcare)}</Fact>
          <Fact label="Transport support helps">{yesNo(p.needsTransport)}</Fact>
          <Fact label="Support person">{p.supportPerson}</Fact>
        </dl>
      </Section>

      <Section id="payment" title="Payment preferences">
        <dl className="mt-2 divide-y divide-slate-200">
          <Fact label="How you like to be paid">{words(PAYMENT_METHOD_LABELS[p.paymentMethod])}</Fact>
          <Fact label="Note about public benefits">{yesNo(p.wantsBenefitsNote)}</Fact>
        </dl>
      </Section>

      <Section id="status-history" title="Status history">
        {statusHistory.length === 0 ? (
          <p className="mt-2">No changes yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {statusHistory.map((change, index) => (
              <li key={index} className="py-2">
                <p className="font-medium">
                  {change.fromStatus
                    ? `${words(STATUS_LABELS[change.fromStatus])} to ${words(STATUS_LABELS[change.toStatus])}`
                    : `Started as ${words(STATUS_LABELS[change.toStatus])}`}
                </p>
                <p className="text-sm text-slate-700">
                  {fmt.dateTime(change.changedAt)}
                  {change.changedByName ? ` · by ${change.changedByName}` : null}
                </p>
                {change.reason ? <p className="mt-1 whitespace-pre-line break-words">Reason: {change.reason}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="onboarding" title="Getting started steps">
        {onboarding.length === 0 ? (
          <p className="mt-2">There are no steps.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {onboarding.map((step, index) => (
              <li key={index} className="py-2">
                <p className="font-medium">{step.label}</p>
                <p className="text-sm text-slate-700">
                  {step.doneAt
                    ? `Done on ${fmt.date(step.doneAt)}${step.doneByName ? ` · by ${step.doneByName}` : ""}`
                    : "Not done yet"}
                </p>
                {step.note ? <p className="mt-1 whitespace-pre-line break-words">Note: {step.note}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="delete" title="Delete my information">
        <p className="mt-2">You can ask us to delete the information we keep about you.</p>
        <p className="mt-2 print:hidden">
          <Link to="/portal/my-data/delete" className="link">
            Ask us to delete my information
          </Link>
        </p>
      </Section>
    </>
  );
}

export function ErrorBoundary() {
  return <PortalErrorPage title="My data" />;
}
