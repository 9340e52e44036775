/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { RuleError } from "~/models/errors";
import { withHttpErrors } from "~/utils/http-errors.server";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { CONSULTANT_STATUSES, CONTACT_CHANNELS } from "../../db/schema";
import { FormErrors, Notice, optionsFrom, SelectField } from "~/components/forms";
import { StepProgress } from "~/components/progress";
import { checklistProgress, consultantChecklist, updateChecklistStep } from "~/models/checklist.server";
import { changeConsultantStatus, getConsultantForStaff, listStatusChanges } from "~/models/consultant/record.server";
import { erasureStatus } from "~/models/erasure/requests.server";
import { consentSummary, type ConsentSummary } from "~/models/consent/record.server";
import { countEngagements, listEngagements } from "~/models/engagement/reads.server";
import { overdueForConsultant, type OverdueItem } from "~/models/payment/overdue.server";
import { isoDay } from "~/utils/day";
import {
  INVITATION_VALID_DAYS,
  inviteConsultantToPortal,
  openPortalInvitation,
  revokeInvitation,
} from "~/models/invitation/send.server";
import { CopyableLink } from "~/components/copyable-link";
import { requirePermission } from "~/utils/auth/guards.server";
import { can } from "~/models/permissions";
import { CHANNEL_LABELS, PAYMENT_METHOD_LABELS, SAFETY_LABELS, STATUS_LABELS } from "~/utils/consultant-options";
import { ENGAGEMENT_STATUS_LABELS, STAGE_LABELS } from "~/utils/engagement-options";
import { useMessage } from "~/i18n/use-message";
import { REVIEW_WINDOW_DAYS } from "~/utils/consent-options";
import { formatDate } from "~/utils/format";
import { useFormat } from "~/utils/use-format";
import { capitalized, personWords, type PersonWords } from "~/utils/pronouns";
import { readForm } from "~/utils/form-data.server";
import { formatCents } from "~/utils/money";
import { ConsultantPageSchema as ActionSchema } from "~/utils/consultant-schema";

export const meta: MetaFunction = () => [{ title: "Consultant" }];

const DONE_MESSAGES: Record<string, string> = {
  created: "Consultant added.",
  saved: "Changes saved.",
  status: "Status changed.",
  checklist: "Onboarding checklist updated.",
  invited: "Portal invitation emailed.",
  reinvited: "A new portal invitation was emailed. The earlier link no longer works.",
  revoked: "Invitation revoked. Its link no longer works.",
  erased: "Their information was deleted and their portal login ended.",
};

const RECENT_ENGAGEMENTS = 20;

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const organizationId = membership.organizationId;
  const consultant = getConsultantForStaff({
    organizationId,
    consultantId: params.id ?? "",
    viewer: { userId: user.id, role: membership.role },
  });
  const checklist = consultantChecklist(organizationId, consultant.id);
  return {
    consultant,
    may: {
      seeLegalName: can(membership.role, "tax-details:read"),
      erase: can(membership.role, "consultant:erase"),
      changeChecklist: can(membership.role, "settings:manage"),
    },
    checklist,
    progress: checklistProgress(checklist),
    statusLog: listStatusChanges(organizationId, consultant.id),
    // A busy consultant has hundreds: the most recent here, all of them on the engagements page.
    engagements: listEngagements(organizationId, { consultantId: consultant.id }, { limit: RECENT_ENGAGEMENTS }),
    engagementCount: countEngagements(organizationId, { consultantId: consultant.id }),
    consent: consentSummary(organizationId, consultant.id),
    erasure: erasureStatus(organizationId, consultant.id),
    overdue: overdueForConsultant(organizationId, consultant.id, isoDay(new Date())),
    portalInvitation: consultant.userId ? null : openPortalInvitation(organizationId, consultant.id),
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const submission = parseWithZod(await readForm(request), { schema: ActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), invitation: null }, { status: 400 });
  const scope = { organizationId: membership.organizationId, consultantId: params.id ?? "" };
  const value = submission.value;
  try {
    switch (value.intent) {
      case "change-status":
        changeConsultantStatus({
          ...scope,
          actor: { userId: user.id, role: membership.role },
          status: value.status,
          reason: value.reason ?? null,
        });
        return redirect(`/consultants/${scope.consultantId}?done=status`);
      case "checklist":
        updateChecklistStep({
          ...scope,
          itemId: value.itemId,
          actorUserId: user.id,
          done: value.done === "yes",
          note: value.note,
        });
        return redirect(`/consultants/${scope.consultantId}?done=checklist`);
      case "invite-portal": {
        const outcome = await inviteConsultantToPortal({ ...scope, invitedByUserId: user.id });
        if (outcome.delivery === "email") {
          return redirect(`/consultants/${scope.consultantId}?done=${outcome.replaced ? "reinvited" : "invited"}`);
        }
        // Shown once, in this response only: never in a URL, never stored in clear.
        return {
          result: submission.reply({ resetForm: true }),
          invitation: { link: outcome.link, replaced: outcome.replaced },
        };
      }
      case "revoke-invitation":
        revokeInvitation({ ...scope, actorUserId: user.id, invitationId: value.invitationId });
        return redirect(`/consultants/${scope.consultantId}?done=revoked`);
    }
  } catch (error) {
    if (error instanceof RuleError || error instanceof RuleError) {
      return data({ result: submission.reply({ formErrors: [error.text] }), invitation: null }, { status: 400 });
    }
    throw error;
  }
});

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="py-1 sm:grid sm:grid-cols-3 sm:gap-3">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="sm:col-span-2">{children || <span className="text-slate-600">Not given</span>}</dd>
    </div>
  );
}

const yesNo = (value: boolean) => (value ? "Yes" : "No");

/** Pay owed to the consultant that is late: payments past due and completed work with none recorded. */
function OverduePaySection({ overdue }: { overdue: { items: OverdueItem[]; count: number } }) {
  return (
    <section aria-labelledby="overdue-pay-heading" className="card">
      <h2 id="overdue-pay-heading" className="text-lg font-semibold">
        Overdue pay
      </h2>
      {overdue.count === 0 ? (
        <p className="mt-2 text-slate-700">Nothing owed to them is overdue.</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-200">
          {overdue.items.map((item) =>
            item.kind === "payment" ? (
              <li key={item.payment.id} className="py-2">
                <Link to={`/payments/${item.payment.id}`} className="link">
                  {formatCents(item.payment.feeCents)} for {item.payment.engagementTitle}
                </Link>
                <span className="block text-sm text-red-800">
                  Overdue{item.payment.dueDate ? `, was due ${formatDate(item.payment.dueDate)}` : ""}
                </span>
              </li>
            ) : (
              <li key={`work-${item.work.engagementId}`} className="py-2">
                No payment recorded yet for{" "}
                <Link to={`/engagements/${item.work.engagementId}`} className="link">
                  {item.work.engagementTitle}
                </Link>
                <span className="block text-sm text-red-800">
                  Overdue{item.work.dueDate ? `, was due ${formatDate(item.work.dueDate)}` : ""}
                </span>
                <Link to={`/payments/new?engagement=${item.work.engagementId}`} className="link text-sm">
                  Record the payment for {item.work.engagementTitle}
                </Link>
              </li>
            ),
          )}
        </ul>
      )}
      {overdue.count > overdue.items.length ? (
        <p className="mt-2 text-sm text-slate-700">
          The {overdue.items.length} longest overdue of {overdue.count} are above; the rest are on the{" "}
          <Link to="/payments?overdue=1" className="link">
            overdue list
          </Link>
          .
        </p>
      ) : null}
    </section>
  );
}

function ConsentSection({
  consultantId,
  summary,
  they,
}: {
  consultantId: string;
  summary: ConsentSummary;
  they: PersonWords;
}) {
  const counts = [
    ["Yes", summary.granted],
    ["No", summary.declined],
    ["Withdrawn or ended", summary.ended],
    ["Not asked yet", summary.notAsked],
  ] as const;
  return (
    <section aria-labelledby="consent-heading" className="card">
      <h2 id="consent-heading" className="text-lg font-semibold">
        Consent
      </h2>
      <dl className="mt-3 grid grid-cols-2 gap-2">
        {counts.map(([label, count]) => (
          <div key={label} className="rounded-md border border-slate-200 p-2">
            <dt className="text-sm text-slate-700">{label}</dt>
            <dd className="text-xl font-semibold">{count}</dd>
          </div>
        ))}
      </dl>
      {summary.expiringSoon.length > 0 ? (
        <>
          <h3 className="mt-4 font-semibold">Ending within {REVIEW_WINDOW_DAYS} days</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {summary.expiringSoon.map((c) => (
              <li key={c.purposeId}>
                {c.label}: ends {formatDate(c.expiresOn)}
              </li>
            ))}
          </ul>
          <p className="mt-1 text-sm text-slate-700">
            Ask {they.object} whether {they.subject} {they.verb("wants", "want")} to say yes again.
          </p>
        </>
      ) : null}
      <p className="mt-4">
        <Link to={`/consultants/${consultantId}/consent`} className="link">
          Consent choices and history
        </Link>
      </p>
    </section>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/**
 * Whether they can sign in to the portal, and the invitation that lets them: when it was made and
 * runs out, revoking it, and a new link in place of the old one. A link that is not emailed is
 * shown once, here, to pass on by hand.
 */
function PortalAccess({
  consultant: c,
  invitation,
  shown,
  busy,
  they,
}: {
  consultant: LoaderData["consultant"];
  invitation: LoaderData["portalInvitation"];
  shown: { link: string; replaced: boolean } | null;
  busy: boolean;
  they: PersonWords;
}) {
  const fmt = useFormat();
  const byEmail = c.emailSafety === "safe";
  return (
    <section aria-labelledby="portal-heading" className="card">
      <h2 id="portal-heading" className="text-lg font-semibold">
        Portal access
      </h2>
      {c.userId ? (
        <p className="mt-2">
          {capitalized(they.subject)} {they.verb("has", "have")} a portal account and can see {they.possessive} own
          records.
        </p>
      ) : c.erasedAt ? (
        <p className="mt-2">Their portal login ended when their information was deleted.</p>
      ) : !c.email ? (
        <>
          <p className="mt-2">
            To invite them, first add their email address. They sign in to the portal with it. It is needed even when
            email is not safe: then it is only their sign-in name, and nothing is sent to it.
          </p>
          <p className="mt-2">
            <Link to={`/consultants/${c.id}/edit`} className="link">
              Add their email address
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="mt-2 text-sm">
            {byEmail
              ? "The invitation will be emailed, because email is marked safe."
              : "Email is not marked safe, so nothing will be emailed: you will get a link to pass on in a safe way."}
          </p>
          {shown ? (
            <div className="mt-3 rounded-md border border-amber-600 bg-amber-50 p-3">
              <CopyableLink
                id="invitation-link"
                label="Invitation link (shown only now):"
                value={shown.link}
                help={
                  <>
                    Pass it on in a way that is safe for them. It works once, for {INVITATION_VALID_DAYS} days.
                    {shown.replaced ? " The earlier link no longer works." : ""}
                  </>
                }
              />
            </div>
          ) : null}
          {invitation ? (
            <>
              <div className="mt-3 flex flex-wrap items-baseline gap-x-2 gap-y-1">
                <span>Invited on {fmt.date(invitation.createdAt)}</span> <span aria-hidden="true">·</span>{" "}
                <span>expires {fmt.date(invitation.expiresAt)}</span> <span aria-hidden="true">·</span>{" "}
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="revoke-invitation" />
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <button type="submit" className="link" disabled={busy}>
                    Revoke<span className="sr-only"> the invitation</span>
                  </button>
                </Form>
              </div>
              <Form method="post" className="mt-3">
                <input type="hidden" name="intent" value="invite-portal" />
                <button type="submit" className="btn-secondary" disabled={busy} aria-describedby="new-link-help">
                  Make a new link
                </button>
                <p id="new-link-help" className="mt-1 text-sm text-slate-700">
                  {byEmail
                    ? "We email them a new link. The old one stops working."
                    : "You get a new link to pass on. The old one stops working."}
                </p>
              </Form>
            </>
          ) : (
            <Form method="post" className="mt-3">
              <input type="hidden" name="intent" value="invite-portal" />
              <button type="submit" className="btn-primary" disabled={busy}>
                Invite to the portal
              </button>
            </Form>
          )}
        </>
      )}
    </section>
  );
}

export default function ConsultantRecord() {
  const {
    consultant: c,
    may,
    checklist,
    progress,
    statusLog,
    engagements,
    engagementCount,
    consent,
    erasure,
    overdue,
    portalInvitation,
  } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const fmt = useFormat();
  const words = useMessage();
  const they = personWords(c.preferredName, c.pronouns);
  const done = DONE_MESSAGES[searchParams.get("done") ?? ""];
  const busy = navigation.state === "submitting";
  const safety = { email: c.emailSafety, phone: c.phoneSafety, text: c.textSafety, mail: c.mailSafety };

  return (
    <>
      <p>
        <Link to="/consultants" className="link">
          ← Consultants
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="page-title">
            {c.preferredName}
            {c.pronouns ? <span className="ml-2 text-lg font-normal text-slate-700">({c.pronouns})</span> : null}
          </h1>
          <p className="mt-1">Status: {STATUS_LABELS[c.status]}</p>
        </div>
        {c.erasedAt ? null : (
          <Link to={`/consultants/${c.id}/edit`} className="btn-secondary">
            Edit profile
          </Link>
        )}
      </div>
      <div className="mt-4">{done ? <Notice>{done}</Notice> : null}</div>
      {c.erasedAt ? (
        <div className="mb-4 rounded-md border border-slate-400 bg-slate-50 p-3" role="status">
          <p className="font-semibold">This record was closed at the consultant’s request on {fmt.date(c.erasedAt)}.</p>
          <p className="mt-1">
            Their details were deleted. Payments and the history of their consent choices are kept, as the law and our
            records require.
          </p>
        </div>
      ) : erasure.request ? (
        <div className="mb-4 rounded-md border border-amber-700 bg-amber-50 p-3" role="status">
          <p className="font-semibold">
            This consultant asked us to delete {they.possessive} information on {fmt.date(erasure.request.createdAt)}.
          </p>
          {may.erase ? (
            <p className="mt-1">
              <Link to={`/consultants/${c.id}/erase`} className="link">
                Review the request and delete {they.possessive} information
              </Link>
            </p>
          ) : (
            <p className="mt-1">An admin will carry it out. Please do not add new details to this record.</p>
          )}
        </div>
      ) : null}
      <FormErrors id="record-errors" errors={answer?.result.error?.[""] ?? undefined} />

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="profile-heading" className="card">
            <h2 id="profile-heading" className="text-lg font-semibold">
              Profile
            </h2>
            <dl className="mt-3">
              {may.seeLegalName ? <Fact label="Legal name (admins only)">{c.legalName}</Fact> : null}
              <Fact label="Email">{c.email}</Fact>
              <Fact label="Phone">{c.phone}</Fact>
              <Fact label="Prefers">{c.preferredChannel ? CHANNEL_LABELS[c.preferredChannel] : null}</Fact>
              <Fact label="Languages">{c.languages.join(", ")}</Fact>
              <Fact label="City or region">{c.location}</Fact>
              <Fact label="Expertise and roles">{c.expertise.join(", ")}</Fact>
              <Fact label="Availability">{c.availability}</Fact>
              <Fact label="Access needs">{c.accessNeeds}</Fact>
              <Fact label="Interpreter">{c.interpreterLanguage}</Fact>
              <Fact label="Childcare support">{yesNo(c.needsChildcare)}</Fact>
              <Fact label="Transport support">{yesNo(c.needsTransport)}</Fact>
              <Fact label="Support person">{c.supportPerson}</Fact>
              <Fact label="Payment method">{PAYMENT_METHOD_LABELS[c.paymentMethod]}</Fact>
              <Fact label="Note about public benefits">{yesNo(c.wantsBenefitsNote)}</Fact>
            </dl>
          </section>

          <section aria-labelledby="safety-heading" className="card">
            <h2 id="safety-heading" className="text-lg font-semibold">
              Is it safe to contact {they.object}?
            </h2>
            <ul className="mt-3 grid gap-2 sm:grid-cols-2">
              {CONTACT_CHANNELS.map((channel) => (
                <li
                  key={channel}
                  className="flex items-center justify-between gap-2 rounded-md border border-slate-200 p-2"
                >
                  <span>{CHANNEL_LABELS[channel]}</span>
                  <strong className={safety[channel] === "not_safe" ? "text-red-800" : undefined}>
                    {SAFETY_LABELS[safety[channel]]}
                  </strong>
                </li>
              ))}
            </ul>
          </section>

          <section aria-labelledby="engagements-heading" className="card">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 id="engagements-heading" className="text-lg font-semibold">
                Engagements
              </h2>
              <Link to={`/engagements/new?consultant=${c.id}`} className="btn-secondary">
                New engagement
              </Link>
            </div>
            {engagements.length === 0 ? (
              <p className="mt-2 text-slate-700">No engagements yet.</p>
            ) : (
              <ul className="mt-3 divide-y divide-slate-200">
                {engagements.map((e) => (
                  <li key={e.id} className="py-2">
                    <Link to={`/engagements/${e.id}`} className="link">
                      {e.title}
                    </Link>
                    <span className="block text-sm text-slate-700">
                      {e.programName} · {words(STAGE_LABELS[e.stage])} · {words(ENGAGEMENT_STATUS_LABELS[e.status])}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {engagementCount > engagements.length ? (
              <p className="mt-2">
                <Link to={`/engagements?consultant=${c.id}`} className="link">
                  See all {engagementCount} engagements
                </Link>{" "}
                <span className="text-sm text-slate-700">(the {engagements.length} most recent are above)</span>
              </p>
            ) : null}
          </section>

          <OverduePaySection overdue={overdue} />

          <section aria-labelledby="checklist-heading" className="card">
            <h2 id="checklist-heading" className="text-lg font-semibold">
              Onboarding checklist
            </h2>
            <div className="mt-2">
              <StepProgress done={progress.done} total={progress.total} />
            </div>
            <ul className="mt-4 divide-y divide-slate-200">
              {checklist.map((step) => (
                <li key={step.itemId} className="py-3">
                  <Form method="post" className="flex flex-col gap-2 sm:flex-row sm:items-end sm:justify-between">
                    <input type="hidden" name="intent" value="checklist" />
                    <input type="hidden" name="itemId" value={step.itemId} />
                    <input type="hidden" name="done" value={step.doneAt ? "no" : "yes"} />
                    <div className="flex-1">
                      <p className="font-medium">
                        <span aria-hidden="true">{step.doneAt ? "✓ " : "○ "}</span>
                        {step.label}
                        <span className="sr-only">{step.doneAt ? " (done)" : " (not done)"}</span>
                      </p>
                      {step.doneAt ? (
                        <p className="text-sm text-slate-700">
                          Done by {step.doneByName ?? "someone"} on {fmt.dateTime(step.doneAt)}
                          {step.note ? ` · ${step.note}` : ""}
                        </p>
                      ) : (
                        <div className="mt-1">
                          <label htmlFor={`note-${step.itemId}`} className="text-sm">
                            Note (optional)
                          </label>
                          <input id={`note-${step.itemId}`} name="note" maxLength={500} className="input" />
                        </div>
                      )}
                    </div>
                    <button
                      type="submit"
                      className="btn-secondary"
                      disabled={busy}
                      aria-label={`${step.doneAt ? "Mark not done" : "Mark done"}: ${step.label}`}
                    >
                      {step.doneAt ? "Mark not done" : "Mark done"}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
            {may.changeChecklist ? (
              <p className="mt-3 text-sm">
                <Link to="/settings/checklist" className="link">
                  Change the organization’s onboarding steps
                </Link>
              </p>
            ) : null}
          </section>
        </div>

        <div className="space-y-6">
          <ConsentSection consultantId={c.id} summary={consent} they={they} />

          <PortalAccess
            consultant={c}
            invitation={portalInvitation}
            shown={answer?.invitation ?? null}
            busy={busy}
            they={they}
          />

          <section aria-labelledby="status-heading" className="card">
            <h2 id="status-heading" className="text-lg font-semibold">
              Status
            </h2>
            <Form method="post" className="mt-3">
              <input type="hidden" name="intent" value="change-status" />
              <SelectField
                look="bare"
                field={{ id: "new-status", name: "status", initialValue: c.status }}
                label="New status"
                options={optionsFrom(CONSULTANT_STATUSES, (s) => STATUS_LABELS[s])}
              />
              <label htmlFor="status-reason" className="mt-3 block font-medium">
                Reason (optional)
              </label>
              <input id="status-reason" name="reason" maxLength={500} className="input" />
              <p className="mt-1 text-sm text-slate-700">Shown in the status log below. Keep it factual and short.</p>
              <button type="submit" className="btn-secondary mt-3" disabled={busy}>
                Change status
              </button>
            </Form>
            <h3 className="mt-5 font-semibold">Status log</h3>
            <ol className="mt-2 space-y-2">
              {statusLog.map((change) => (
                <li key={change.id} className="text-sm">
                  <strong>
                    {change.fromStatus ? `${STATUS_LABELS[change.fromStatus]} → ` : "Started as "}
                    {STATUS_LABELS[change.toStatus]}
                  </strong>
                  <span className="block text-slate-700">
                    {fmt.dateTime(change.changedAt)} by {change.changedByName ?? "someone"}
                  </span>
                  {change.reason ? <span className="block">“{change.reason}”</span> : null}
                </li>
              ))}
            </ol>
          </section>

          {c.staffNotes ? (
            <section aria-labelledby="notes-heading" className="card">
              <h2 id="notes-heading" className="text-lg font-semibold">
                Private staff notes
              </h2>
              <p className="mt-2 whitespace-pre-wrap">{c.staffNotes}</p>
            </section>
          ) : null}

          {may.erase && !c.erasedAt && !erasure.request ? (
            <section aria-labelledby="erase-heading" className="card">
              <h2 id="erase-heading" className="text-lg font-semibold">
                Delete {they.possessive} information
              </h2>
              <p className="mt-2 text-sm">
                If {they.subject} asked by letter, email or phone to have {they.possessive} information deleted, you can
                do it here.
              </p>
              <p className="mt-2">
                <Link to={`/consultants/${c.id}/erase`} className="link">
                  Delete this consultant’s information
                </Link>
              </p>
            </section>
          ) : null}
        </div>
      </div>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
