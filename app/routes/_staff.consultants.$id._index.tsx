import { SafeTrans } from "~/i18n/safe-trans";
import { RuleError } from "~/models/errors";
import { withHttpErrors } from "~/utils/http-errors.server";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CONSULTANT_STATUSES, CONTACT_CHANNELS } from "../../db/schema";
import { FormErrors, Notice, optionsFrom, SelectField } from "~/components/forms";
import { StepProgress } from "~/components/progress";
import { checklistProgress, consultantChecklist, updateChecklistStep } from "~/models/checklist.server";
import { changeConsultantStatus, getConsultantForStaff, listStatusChanges } from "~/models/consultant/record.server";
import { erasureStatus } from "~/models/erasure/requests.server";
import { capacityForStaff } from "~/models/capacity/availability.server";
import { CapacitySummary } from "~/components/capacity-summary";
import { waitingLetterRequest } from "~/models/experience/letters.server";
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
import {
  CHANNEL_LABELS,
  expertiseLabel,
  PAYMENT_METHOD_LABELS,
  SAFETY_LABELS,
  STATUS_LABELS,
} from "~/utils/consultant-options";
import { ENGAGEMENT_STATUS_LABELS, STAGE_LABELS } from "~/utils/engagement-options";
import { useMessage } from "~/i18n/use-message";
import { REVIEW_WINDOW_DAYS } from "~/utils/consent-options";
import { useFormat } from "~/utils/use-format";
import { languageName } from "~/i18n/config";
import { languageFor } from "~/i18n/i18n.server";
import { pronounContext } from "~/utils/pronouns";
import { readForm } from "~/utils/form-data.server";
import { ConsultantPageSchema as ActionSchema } from "~/utils/consultant-schema";

export const handle = { title: "staff:consultants.record.title" };

const DONE_MESSAGES = {
  created: "staff:consultants.record.done.created",
  saved: "staff:consultants.record.done.saved",
  status: "staff:consultants.record.done.status",
  checklist: "staff:consultants.record.done.checklist",
  invited: "staff:consultants.record.done.invited",
  reinvited: "staff:consultants.record.done.reinvited",
  revoked: "staff:consultants.record.done.revoked",
  erased: "staff:consultants.record.done.erased",
} as const;
const doneMessage = (done: string | null) =>
  done && Object.hasOwn(DONE_MESSAGES, done) ? DONE_MESSAGES[done as keyof typeof DONE_MESSAGES] : undefined;

const RECENT_ENGAGEMENTS = 20;
// Marks beside a checklist step, hidden from screen readers (which hear “(done)” instead).
const DONE_MARK = "✓ ";
const OPEN_MARK = "○ ";

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const organizationId = membership.organizationId;
  const consultant = getConsultantForStaff({
    organizationId,
    consultantId: params.id ?? "",
    viewer: { userId: user.id, role: membership.role },
  });
  // Each step named in the reader's language where the organization wrote it.
  const checklist = consultantChecklist(
    organizationId,
    consultant.id,
    await languageFor(request, user.preferredLanguage),
  );
  return {
    consultant,
    may: {
      seeLegalName: can(membership.role, "tax-details:read"),
      erase: can(membership.role, "consultant:erase"),
      changeChecklist: can(membership.role, "settings:manage"),
      issueLetters: can(membership.role, "experience-letter:issue"),
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
    capacity: capacityForStaff(organizationId, consultant.id),
    portalInvitation: consultant.userId ? null : openPortalInvitation(organizationId, consultant.id),
    letterRequest: can(membership.role, "experience-letter:issue")
      ? waitingLetterRequest(organizationId, consultant.id)
      : null,
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
    if (error instanceof RuleError) {
      return data({ result: submission.reply({ formErrors: [error.text] }), invitation: null }, { status: 400 });
    }
    throw error;
  }
});

function Fact({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation("staff");
  return (
    <div className="py-1 sm:grid sm:grid-cols-3 sm:gap-3">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="sm:col-span-2">
        {children || <span className="text-slate-600">{t("consultants.record.notGiven")}</span>}
      </dd>
    </div>
  );
}

/** Pay owed to the consultant that is late: payments past due and completed work with none recorded. */
function OverduePaySection({ overdue }: { overdue: { items: OverdueItem[]; count: number } }) {
  const { t } = useTranslation("staff");
  const overdueWords = (dueDate: string | null) =>
    dueDate ? t("consultants.record.overdue.wasDue", { day: dueDate }) : t("consultants.record.overdue.overdue");
  return (
    <section aria-labelledby="overdue-pay-heading" className="card">
      <h2 id="overdue-pay-heading" className="text-lg font-semibold">
        {t("consultants.record.overdue.heading")}
      </h2>
      {overdue.count === 0 ? (
        <p className="mt-2 text-slate-700">{t("consultants.record.overdue.none")}</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-200">
          {overdue.items.map((item) =>
            item.kind === "payment" ? (
              <li key={item.payment.id} className="py-2">
                <Link to={`/payments/${item.payment.id}`} className="link">
                  {t("consultants.record.overdue.paymentFor", {
                    amount: item.payment.feeCents,
                    title: item.payment.engagementTitle,
                  })}
                </Link>
                <span className="block text-sm text-red-800">{overdueWords(item.payment.dueDate)}</span>
              </li>
            ) : (
              <li key={`work-${item.work.engagementId}`} className="py-2">
                {/* The title is typed by staff: it is the link's own text, never parsed as part of the sentence. */}
                <SafeTrans
                  t={t}
                  i18nKey="consultants.record.overdue.noPaymentFor"
                  components={{
                    a: (
                      <Link to={`/engagements/${item.work.engagementId}`} className="link">
                        {item.work.engagementTitle}
                      </Link>
                    ),
                  }}
                />
                <span className="block text-sm text-red-800">{overdueWords(item.work.dueDate)}</span>
                <Link to={`/payments/new?engagement=${item.work.engagementId}`} className="link text-sm">
                  {t("consultants.record.overdue.recordPaymentFor", { title: item.work.engagementTitle })}
                </Link>
              </li>
            ),
          )}
        </ul>
      )}
      {overdue.count > overdue.items.length ? (
        <p className="mt-2 text-sm text-slate-700">
          <SafeTrans
            t={t}
            i18nKey="consultants.record.overdue.more"
            values={{ shown: overdue.items.length, total: overdue.count }}
            components={{ a: <Link to="/payments?overdue=1" className="link" /> }}
          />
        </p>
      ) : null}
    </section>
  );
}

/** How a sentence about the consultant names them: the pronouns they gave, or their name. */
type Person = { context: ReturnType<typeof pronounContext>; name: string };

function ConsentSection({
  consultantId,
  summary,
  person,
}: {
  consultantId: string;
  summary: ConsentSummary;
  person: Person;
}) {
  const { t } = useTranslation("staff");
  const f = useFormat();
  const counts = [
    ["granted", t("consultants.record.consent.granted"), summary.granted],
    ["declined", t("consultants.record.consent.declined"), summary.declined],
    ["ended", t("consultants.record.consent.ended"), summary.ended],
    ["notAsked", t("consultants.record.consent.notAsked"), summary.notAsked],
  ] as const;
  return (
    <section aria-labelledby="consent-heading" className="card">
      <h2 id="consent-heading" className="text-lg font-semibold">
        {t("consultants.record.consent.heading")}
      </h2>
      <dl className="mt-3 grid grid-cols-2 gap-2">
        {counts.map(([key, label, count]) => (
          <div key={key} className="rounded-md border border-slate-200 p-2">
            <dt className="text-sm text-slate-700">{label}</dt>
            <dd className="text-xl font-semibold">{count}</dd>
          </div>
        ))}
      </dl>
      {summary.expiringSoon.length > 0 ? (
        <>
          <h3 className="mt-4 font-semibold">
            {t("consultants.record.consent.endingWithin", { days: REVIEW_WINDOW_DAYS })}
          </h3>
          <ul className="mt-1 space-y-1 text-sm">
            {summary.expiringSoon.map((c) => (
              <li key={c.purposeId}>
                {t("consultants.record.consent.ends", { purpose: c.label, day: f.calendarDay(c.expiresOn) })}
              </li>
            ))}
          </ul>
          <p className="mt-1 text-sm text-slate-700">{t("consultants.record.consent.askAgain", person)}</p>
        </>
      ) : null}
      <p className="mt-4">
        <Link to={`/consultants/${consultantId}/consent`} className="link">
          {t("consultants.record.consent.link")}
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
  person,
}: {
  consultant: LoaderData["consultant"];
  invitation: LoaderData["portalInvitation"];
  shown: { link: string; replaced: boolean } | null;
  busy: boolean;
  person: Person;
}) {
  const { t } = useTranslation("staff");
  const fmt = useFormat();
  const byEmail = c.emailSafety === "safe";
  return (
    <section aria-labelledby="portal-heading" className="card">
      <h2 id="portal-heading" className="text-lg font-semibold">
        {t("consultants.record.portal.heading")}
      </h2>
      {c.userId ? (
        <p className="mt-2">{t("consultants.record.portal.hasAccount", person)}</p>
      ) : c.erasedAt ? (
        <p className="mt-2">{t("consultants.record.portal.loginEnded")}</p>
      ) : !c.email ? (
        <>
          <p className="mt-2">{t("consultants.record.portal.needsEmail")}</p>
          <p className="mt-2">
            <Link to={`/consultants/${c.id}/edit`} className="link">
              {t("consultants.record.portal.addEmail")}
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="mt-2 text-sm">
            {byEmail ? t("consultants.record.portal.willEmail") : t("consultants.record.portal.willNotEmail")}
          </p>
          {shown ? (
            <div className="mt-3 rounded-md border border-amber-600 bg-amber-50 p-3">
              <CopyableLink
                id="invitation-link"
                label={t("consultants.record.portal.linkLabel")}
                value={shown.link}
                help={
                  shown.replaced
                    ? t("consultants.record.portal.linkHelpReplaced", { days: INVITATION_VALID_DAYS })
                    : t("consultants.record.portal.linkHelp", { days: INVITATION_VALID_DAYS })
                }
              />
            </div>
          ) : null}
          {invitation ? (
            <>
              <div className="mt-3 flex flex-wrap items-baseline gap-x-2 gap-y-1">
                <span>{t("consultants.record.portal.invitedOn", { date: fmt.date(invitation.createdAt) })}</span>{" "}
                <span aria-hidden="true">·</span>{" "}
                <span>{t("consultants.record.portal.expires", { date: fmt.date(invitation.expiresAt) })}</span>{" "}
                <span aria-hidden="true">·</span>{" "}
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="revoke-invitation" />
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <button type="submit" className="link" disabled={busy}>
                    <SafeTrans
                      t={t}
                      i18nKey="consultants.record.portal.revoke"
                      components={{ hidden: <span className="sr-only" /> }}
                    />
                  </button>
                </Form>
              </div>
              <Form method="post" className="mt-3">
                <input type="hidden" name="intent" value="invite-portal" />
                <button type="submit" className="btn-secondary" disabled={busy} aria-describedby="new-link-help">
                  {t("consultants.record.portal.newLink")}
                </button>
                <p id="new-link-help" className="mt-1 text-sm text-slate-700">
                  {byEmail ? t("consultants.record.portal.newLinkEmail") : t("consultants.record.portal.newLinkByHand")}
                </p>
              </Form>
            </>
          ) : (
            <Form method="post" className="mt-3">
              <input type="hidden" name="intent" value="invite-portal" />
              <button type="submit" className="btn-primary" disabled={busy}>
                {t("consultants.record.portal.invite")}
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
    capacity,
    portalInvitation,
    letterRequest,
  } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const fmt = useFormat();
  const { t } = useTranslation("staff");
  const words = useMessage();
  const person: Person = { context: pronounContext(c.pronouns), name: c.preferredName };
  const done = doneMessage(searchParams.get("done"));
  const busy = navigation.state === "submitting";
  const safety = { email: c.emailSafety, phone: c.phoneSafety, text: c.textSafety, mail: c.mailSafety };
  const yesNo = (value: boolean) => (value ? t("consultants.record.yes") : t("consultants.record.no"));
  const someone = t("consultants.record.someone");

  return (
    <>
      <p>
        <Link to="/consultants" className="link">
          {t("consultants.backToList")}
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="page-title">
            {c.preferredName}
            {c.pronouns ? <span className="ml-2 text-lg font-normal text-slate-700">({c.pronouns})</span> : null}
          </h1>
          <p className="mt-1">{t("consultants.record.statusLine", { status: words(STATUS_LABELS[c.status]) })}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          {may.issueLetters ? (
            <Link to={`/consultants/${c.id}/letters`} className="btn-secondary">
              {t("experience.record.link")}
            </Link>
          ) : null}
          {c.erasedAt ? null : (
            <Link to={`/consultants/${c.id}/edit`} className="btn-secondary">
              {t("consultants.record.editProfile")}
            </Link>
          )}
        </div>
      </div>
      <div className="mt-4">{done ? <Notice>{words(done)}</Notice> : null}</div>
      {c.erasedAt ? (
        <div className="mb-4 rounded-md border border-slate-400 bg-slate-50 p-3" role="status">
          <p className="font-semibold">{t("consultants.record.erased.closedOn", { date: fmt.date(c.erasedAt) })}</p>
          <p className="mt-1">{t("consultants.record.erased.kept")}</p>
        </div>
      ) : erasure.request ? (
        <div className="mb-4 rounded-md border border-amber-700 bg-amber-50 p-3" role="status">
          <p className="font-semibold">
            {t("consultants.record.erasure.asked", { ...person, date: fmt.date(erasure.request.createdAt) })}
          </p>
          {may.erase ? (
            <p className="mt-1">
              <Link to={`/consultants/${c.id}/erase`} className="link">
                {t("consultants.record.erasure.review", person)}
              </Link>
            </p>
          ) : (
            <p className="mt-1">{t("consultants.record.erasure.adminWill")}</p>
          )}
        </div>
      ) : null}
      {letterRequest ? (
        <div className="mb-4 rounded-md border border-amber-700 bg-amber-50 p-3" role="status">
          <p className="font-semibold">
            {t("experience.record.waiting", { name: c.preferredName, date: fmt.date(letterRequest.requestedAt) })}
          </p>
          <p className="mt-1">
            <Link to={`/consultants/${c.id}/letters`} className="link">
              {t("experience.record.review")}
            </Link>
          </p>
        </div>
      ) : null}
      <FormErrors id="record-errors" errors={answer?.result.error?.[""] ?? undefined} />

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="profile-heading" className="card">
            <h2 id="profile-heading" className="text-lg font-semibold">
              {t("consultants.record.profile.heading")}
            </h2>
            <dl className="mt-3">
              {may.seeLegalName ? <Fact label={t("consultants.record.profile.legalName")}>{c.legalName}</Fact> : null}
              <Fact label={t("consultants.record.profile.email")}>{c.email}</Fact>
              <Fact label={t("consultants.record.profile.phoneNumber")}>{c.phone}</Fact>
              <Fact label={t("consultants.record.profile.prefers")}>
                {c.preferredChannel ? words(CHANNEL_LABELS[c.preferredChannel]) : null}
              </Fact>
              <Fact label={t("consultants.record.profile.languages")}>{c.languages.join(", ")}</Fact>
              <Fact label={t("consultants.record.profile.preferredLanguage")}>
                {c.preferredLanguage ? (
                  <span lang={c.preferredLanguage}>{languageName(c.preferredLanguage)}</span>
                ) : (
                  t("consultants.record.profile.notRecorded")
                )}
              </Fact>
              <Fact label={t("consultants.record.profile.location")}>{c.location}</Fact>
              <Fact label={t("consultants.record.profile.expertise")}>
                {c.expertise.map((tag) => words(expertiseLabel(tag))).join(", ")}
              </Fact>
              <Fact label={t("consultants.record.profile.availability")}>{c.availability}</Fact>
              <Fact label={t("consultants.record.profile.accessNeeds")}>{c.accessNeeds}</Fact>
              <Fact label={t("consultants.record.profile.interpreter")}>{c.interpreterLanguage}</Fact>
              <Fact label={t("consultants.record.profile.childcare")}>{yesNo(c.needsChildcare)}</Fact>
              <Fact label={t("consultants.record.profile.transport")}>{yesNo(c.needsTransport)}</Fact>
              <Fact label={t("consultants.record.profile.supportPerson")}>{c.supportPerson}</Fact>
              <Fact label={t("consultants.record.profile.paymentMethod")}>
                {words(PAYMENT_METHOD_LABELS[c.paymentMethod])}
              </Fact>
              <Fact label={t("consultants.record.profile.benefitsNote")}>{yesNo(c.wantsBenefitsNote)}</Fact>
            </dl>
          </section>

          <CapacitySummary capacity={capacity} />

          <section aria-labelledby="safety-heading" className="card">
            <h2 id="safety-heading" className="text-lg font-semibold">
              {t("consultants.record.safetyHeading", person)}
            </h2>
            <ul className="mt-3 grid gap-2 sm:grid-cols-2">
              {CONTACT_CHANNELS.map((channel) => (
                <li
                  key={channel}
                  className="flex items-center justify-between gap-2 rounded-md border border-slate-200 p-2"
                >
                  <span>{words(CHANNEL_LABELS[channel])}</span>
                  <strong className={safety[channel] === "not_safe" ? "text-red-800" : undefined}>
                    {words(SAFETY_LABELS[safety[channel]])}
                  </strong>
                </li>
              ))}
            </ul>
          </section>

          <section aria-labelledby="engagements-heading" className="card">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 id="engagements-heading" className="text-lg font-semibold">
                {t("consultants.record.engagements.heading")}
              </h2>
              <Link to={`/engagements/new?consultant=${c.id}`} className="btn-secondary">
                {t("consultants.record.engagements.new")}
              </Link>
            </div>
            {engagements.length === 0 ? (
              <p className="mt-2 text-slate-700">{t("consultants.record.engagements.none")}</p>
            ) : (
              <ul className="mt-3 divide-y divide-slate-200">
                {engagements.map((e) => (
                  <li key={e.id} className="py-2">
                    <Link to={`/engagements/${e.id}`} className="link">
                      {e.title}
                    </Link>
                    <span className="block text-sm text-slate-700">
                      {t("consultants.record.engagements.line", {
                        program: e.programName,
                        stage: words(STAGE_LABELS[e.stage]),
                        status: words(ENGAGEMENT_STATUS_LABELS[e.status]),
                      })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {engagementCount > engagements.length ? (
              <p className="mt-2">
                <Link to={`/engagements?consultant=${c.id}`} className="link">
                  {t("consultants.record.engagements.seeAll", { total: engagementCount })}
                </Link>{" "}
                <span className="text-sm text-slate-700">
                  {t("consultants.record.engagements.recentAbove", { shown: engagements.length })}
                </span>
              </p>
            ) : null}
          </section>

          <OverduePaySection overdue={overdue} />

          <section aria-labelledby="checklist-heading" className="card">
            <h2 id="checklist-heading" className="text-lg font-semibold">
              {t("consultants.record.checklist.heading")}
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
                        <span aria-hidden="true">{step.doneAt ? DONE_MARK : OPEN_MARK}</span>
                        {step.label}
                        <span className="sr-only">
                          {" "}
                          {step.doneAt
                            ? t("consultants.record.checklist.done")
                            : t("consultants.record.checklist.notDone")}
                        </span>
                      </p>
                      {step.doneAt ? (
                        <p className="text-sm text-slate-700">
                          {step.note
                            ? t("consultants.record.checklist.doneByWithNote", {
                                name: step.doneByName ?? someone,
                                when: fmt.dateTime(step.doneAt),
                                note: step.note,
                              })
                            : t("consultants.record.checklist.doneBy", {
                                name: step.doneByName ?? someone,
                                when: fmt.dateTime(step.doneAt),
                              })}
                        </p>
                      ) : (
                        <div className="mt-1">
                          <label htmlFor={`note-${step.itemId}`} className="text-sm">
                            {t("consultants.record.checklist.note")}
                          </label>
                          <input id={`note-${step.itemId}`} name="note" maxLength={500} className="input" />
                        </div>
                      )}
                    </div>
                    <button
                      type="submit"
                      className="btn-secondary"
                      disabled={busy}
                      aria-label={
                        step.doneAt
                          ? t("consultants.record.checklist.markNotDoneFor", { step: step.label })
                          : t("consultants.record.checklist.markDoneFor", { step: step.label })
                      }
                    >
                      {step.doneAt
                        ? t("consultants.record.checklist.markNotDone")
                        : t("consultants.record.checklist.markDone")}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
            {may.changeChecklist ? (
              <p className="mt-3 text-sm">
                <Link to="/settings/checklist" className="link">
                  {t("consultants.record.checklist.changeSteps")}
                </Link>
              </p>
            ) : null}
          </section>
        </div>

        <div className="space-y-6">
          <ConsentSection consultantId={c.id} summary={consent} person={person} />

          <PortalAccess
            consultant={c}
            invitation={portalInvitation}
            shown={answer?.invitation ?? null}
            busy={busy}
            person={person}
          />

          <section aria-labelledby="status-heading" className="card">
            <h2 id="status-heading" className="text-lg font-semibold">
              {t("consultants.record.status.heading")}
            </h2>
            <Form method="post" className="mt-3">
              <input type="hidden" name="intent" value="change-status" />
              <SelectField
                look="bare"
                field={{ id: "new-status", name: "status", initialValue: c.status }}
                label={t("consultants.record.status.newStatus")}
                options={optionsFrom(CONSULTANT_STATUSES, (s) => STATUS_LABELS[s])}
              />
              <label htmlFor="status-reason" className="mt-3 block font-medium">
                {t("consultants.record.status.reason")}
              </label>
              <input id="status-reason" name="reason" maxLength={500} className="input" />
              <p className="mt-1 text-sm text-slate-700">{t("consultants.record.status.reasonHelp")}</p>
              <button type="submit" className="btn-secondary mt-3" disabled={busy}>
                {t("consultants.record.status.change")}
              </button>
            </Form>
            <h3 className="mt-5 font-semibold">{t("consultants.record.status.log")}</h3>
            <ol className="mt-2 space-y-2">
              {statusLog.map((change) => (
                <li key={change.id} className="text-sm">
                  <strong>
                    {change.fromStatus
                      ? t("consultants.record.status.fromTo", {
                          from: words(STATUS_LABELS[change.fromStatus]),
                          to: words(STATUS_LABELS[change.toStatus]),
                        })
                      : t("consultants.record.status.startedAs", { to: words(STATUS_LABELS[change.toStatus]) })}
                  </strong>
                  <span className="block text-slate-700">
                    {t("consultants.record.status.changedBy", {
                      when: fmt.dateTime(change.changedAt),
                      name: change.changedByName ?? someone,
                    })}
                  </span>
                  {change.reason ? (
                    <span className="block">{t("consultants.record.status.quoted", { reason: change.reason })}</span>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>

          {c.staffNotes ? (
            <section aria-labelledby="notes-heading" className="card">
              <h2 id="notes-heading" className="text-lg font-semibold">
                {t("consultants.record.staffNotes")}
              </h2>
              <p className="mt-2 whitespace-pre-wrap">{c.staffNotes}</p>
            </section>
          ) : null}

          {may.erase && !c.erasedAt && !erasure.request ? (
            <section aria-labelledby="erase-heading" className="card">
              <h2 id="erase-heading" className="text-lg font-semibold">
                {t("consultants.record.erase.heading", person)}
              </h2>
              <p className="mt-2 text-sm">{t("consultants.record.erase.ifAsked", person)}</p>
              <p className="mt-2">
                <Link to={`/consultants/${c.id}/erase`} className="link">
                  {t("consultants.record.erase.link")}
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
