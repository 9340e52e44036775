import { withHttpErrors } from "~/utils/http-errors.server";
import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PortalErrorPage } from "~/components/portal-error";
import { exportOwnData } from "~/models/consultant/own.server";
import { useLanguage } from "~/i18n/page-language";
import { languageFor } from "~/i18n/i18n.server";
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
import { IdeaView } from "~/components/idea-view";
import { SupportItemFacts, SupportStatusBadge } from "~/components/support-plan";
import { SUPPORT_KIND_LABELS } from "~/utils/support-options";

// Personal details: never kept in the browser's cache, so Back after Quick exit cannot show them.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  return exportOwnData({
    organizationId: membership.organizationId,
    userId: user.id,
    organizationName: membership.organizationName,
    language: await languageFor(request, user.preferredLanguage),
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
  const { t } = useTranslation("portal");
  return (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-3">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="whitespace-pre-line break-words sm:col-span-2">
        {children || <span className="text-slate-600">{t("myData.notGiven")}</span>}
      </dd>
    </div>
  );
}

const list = (items: string[]) => items.join(", ");

export default function MyData() {
  const {
    organization,
    exportedAt,
    profile: p,
    statusHistory,
    onboarding,
    supportPlans,
    ideas,
    letters,
    assessments,
  } = useLoaderData<typeof loader>();
  const language = useLanguage();
  const fmt = useFormat();
  const { t } = useTranslation("portal");
  const words = useMessage();
  const yesNo = (value: boolean) => (value ? t("myData.yes") : t("myData.no"));
  return (
    <>
      <h1 className="page-title">{t("myData.title")}</h1>
      <p className="mt-2">{t("myData.intro", { organization })}</p>
      <p className="mt-1 text-sm text-slate-700">{t("myData.madeOn", { when: fmt.dateTime(exportedAt) })}</p>

      <div className="card mt-4 print:hidden">
        <p>
          <strong>{t("myData.printLead")}</strong> {t("myData.printHow")}
        </p>
        <p className="mt-3">
          <a href="/portal/my-data.json" download="my-data.json" className="link">
            {t("myData.download")}
          </a>
        </p>
        <p className="mt-1 text-sm text-slate-700">{t("myData.jsonNote")}</p>
      </div>

      <Section id="about" title={t("myData.about.heading")}>
        <dl className="mt-2 divide-y divide-slate-200">
          <Fact label={t("myData.about.preferredName")}>{p.preferredName}</Fact>
          <Fact label={t("myData.about.pronouns")}>{p.pronouns}</Fact>
          <Fact label={t("myData.about.legalName")}>
            {p.legalNameOnFile ? t("myData.about.legalNameOnFile") : t("myData.about.legalNameNotOnFile")}
          </Fact>
          <Fact label={t("myData.about.status")}>{words(STATUS_LABELS[p.status])}</Fact>
          <Fact label={t("myData.about.recordStarted")}>{fmt.date(p.createdAt)}</Fact>
        </dl>
      </Section>

      <Section id="contact" title={t("myData.contact.heading")}>
        <dl className="mt-2 divide-y divide-slate-200">
          <Fact label={t("myData.contact.email")}>{p.email}</Fact>
          <Fact label={t("myData.contact.phone")}>{p.phone}</Fact>
          <Fact label={t("myData.contact.channel")}>
            {p.preferredChannel ? words(CHANNEL_LABELS[p.preferredChannel]) : t("myData.contact.noPreference")}
          </Fact>
        </dl>
        <h3 className="mt-4 font-semibold">{t("myData.contact.safeWays")}</h3>
        <dl className="mt-1 divide-y divide-slate-200">
          <Fact label={t("myData.contact.emailSafety")}>{words(SAFETY_LABELS[p.emailSafety])}</Fact>
          <Fact label={t("myData.contact.phoneSafety")}>{words(SAFETY_LABELS[p.phoneSafety])}</Fact>
          <Fact label={t("myData.contact.textSafety")}>{words(SAFETY_LABELS[p.textSafety])}</Fact>
          <Fact label={t("myData.contact.mailSafety")}>{words(SAFETY_LABELS[p.mailSafety])}</Fact>
        </dl>
      </Section>

      <Section id="work" title={t("myData.work.heading")}>
        <dl className="mt-2 divide-y divide-slate-200">
          <Fact label={t("myData.work.languages")}>{list(p.languages)}</Fact>
          <Fact label={t("myData.work.location")}>{p.location}</Fact>
          <Fact label={t("myData.work.expertise")}>{list(p.expertise.map((tag) => words(expertiseLabel(tag))))}</Fact>
        </dl>
      </Section>

      <Section id="accommodations" title={t("myData.accommodations.heading")}>
        <dl className="mt-2 divide-y divide-slate-200">
          <Fact label={t("myData.accommodations.availability")}>{p.availability}</Fact>
          <Fact label={t("myData.accommodations.accessNeeds")}>{p.accessNeeds}</Fact>
          <Fact label={t("myData.accommodations.interpreter")}>{p.interpreterLanguage}</Fact>
          <Fact label={t("myData.accommodations.childcare")}>{yesNo(p.needsChildcare)}</Fact>
          <Fact label={t("myData.accommodations.transport")}>{yesNo(p.needsTransport)}</Fact>
          <Fact label={t("myData.accommodations.supportPerson")}>{p.supportPerson}</Fact>
        </dl>
      </Section>

      <Section id="payment" title={t("myData.payment.heading")}>
        <dl className="mt-2 divide-y divide-slate-200">
          <Fact label={t("myData.payment.method")}>{words(PAYMENT_METHOD_LABELS[p.paymentMethod])}</Fact>
          <Fact label={t("myData.payment.benefitsNote")}>{yesNo(p.wantsBenefitsNote)}</Fact>
        </dl>
      </Section>

      <Section id="status-history" title={t("myData.statusHistory.heading")}>
        {statusHistory.length === 0 ? (
          <p className="mt-2">{t("myData.statusHistory.none")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {statusHistory.map((change, index) => (
              <li key={index} className="py-2">
                <p className="font-medium">
                  {change.fromStatus
                    ? t("myData.statusHistory.change", {
                        from: words(STATUS_LABELS[change.fromStatus]),
                        to: words(STATUS_LABELS[change.toStatus]),
                      })
                    : t("myData.statusHistory.started", { status: words(STATUS_LABELS[change.toStatus]) })}
                </p>
                <p className="text-sm text-slate-700">
                  {change.changedByName
                    ? t("myData.statusHistory.whenBy", {
                        when: fmt.dateTime(change.changedAt),
                        name: change.changedByName,
                      })
                    : fmt.dateTime(change.changedAt)}
                </p>
                {change.reason ? (
                  <p className="mt-1 whitespace-pre-line break-words">
                    {t("myData.statusHistory.reason", { reason: change.reason })}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="onboarding" title={t("myData.onboarding.heading")}>
        {onboarding.length === 0 ? (
          <p className="mt-2">{t("myData.onboarding.none")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {onboarding.map((step, index) => (
              <li key={index} className="py-2">
                <p className="font-medium" lang={step.labelLanguage}>
                  {step.label}
                </p>
                <p className="text-sm text-slate-700">
                  {step.doneAt
                    ? step.doneByName
                      ? t("myData.onboarding.doneOnBy", { day: fmt.date(step.doneAt), name: step.doneByName })
                      : t("myData.onboarding.doneOn", { day: fmt.date(step.doneAt) })
                    : t("myData.onboarding.notDone")}
                </p>
                {step.note ? (
                  <p className="mt-1 whitespace-pre-line break-words">
                    {t("myData.onboarding.note", { note: step.note })}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {/* One note for the list: a note on each name would say the same thing over and over. */}
        {onboarding.some((step) => step.labelLanguage !== language) ? (
          <p className="mt-2 text-sm text-slate-700">{t("labelWords.someInEnglish")}</p>
        ) : null}
      </Section>

      <Section id="support-plans" title={t("myData.supportPlans.heading")}>
        {supportPlans.length === 0 ? (
          <p className="mt-2">{t("myData.supportPlans.none")}</p>
        ) : (
          supportPlans.map((plan, index) => (
            <div key={index} className="mt-3">
              <h3 className="font-semibold" lang={plan.titleLanguage !== language ? plan.titleLanguage : undefined}>
                {plan.title}
              </h3>
              <ul className="mt-1 divide-y divide-slate-200">
                {plan.items.map((item) => (
                  <li key={item.kind} className="py-2">
                    <p className="flex flex-wrap items-center gap-2 font-medium">
                      {words(SUPPORT_KIND_LABELS[item.kind])} <SupportStatusBadge status={item.status} />
                    </p>
                    <p className="text-sm text-slate-700">
                      {item.source === "consultant"
                        ? t("myData.supportPlans.askedByYou", { day: fmt.date(item.askedAt) })
                        : t("myData.supportPlans.addedByTeam", { day: fmt.date(item.askedAt) })}{" "}
                      {item.answeredAt
                        ? t("myData.supportPlans.answeredOn", { day: fmt.date(item.answeredAt) })
                        : item.source === "consultant"
                          ? t("myData.supportPlans.waiting")
                          : null}
                    </p>
                    <SupportItemFacts item={item} detailsLabel={t("myData.supportPlans.yourWords")} />
                  </li>
                ))}
              </ul>
            </div>
          ))
        )}
      </Section>

      <Section id="ideas" title={t("myData.ideas.heading")}>
        {ideas.length === 0 ? (
          <p className="mt-2">{t("myData.ideas.none")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {ideas.map((idea, index) => (
              <li key={index} className="py-3">
                <IdeaView idea={idea} headingLevel={3} />
              </li>
            ))}
          </ul>
        )}
        <p className="mt-2 text-sm text-slate-700">{t("myData.ideas.anonymous")}</p>
      </Section>

      <Section id="letters" title={t("myData.letters.heading")}>
        {letters.length === 0 ? (
          <p className="mt-2">{t("myData.letters.none")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {letters.map((letter, index) => (
              <li key={index} className="py-2">
                {letter.status === "requested" || !letter.issuedOn
                  ? t("myData.letters.requested", { day: fmt.date(letter.requestedAt) })
                  : letter.status === "revoked" && letter.revokedAt
                    ? t("myData.letters.revoked", {
                        day: fmt.calendarDay(letter.issuedOn),
                        withdrawn: fmt.date(letter.revokedAt),
                      })
                    : t("myData.letters.issued", {
                        day: fmt.calendarDay(letter.issuedOn),
                        name: letter.signerName,
                        title: letter.signerTitle,
                      })}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="assessments" title={t("myData.assessments.heading")}>
        {assessments.length === 0 ? (
          <p className="mt-2">{t("myData.assessments.none")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {assessments.map((asked, index) => (
              <li key={index} className="py-3">
                <h3 className="font-semibold">{asked.title}</h3>
                <p className="text-sm text-slate-700">
                  {t("myData.assessments.askedOn", { day: fmt.date(asked.invitedAt) })}
                  {asked.paid ? ` ${t("myData.assessments.paid")}` : null}
                </p>
                <p className="mt-1">
                  {!asked.answered
                    ? asked.answers.length > 0
                      ? t("myData.assessments.draft")
                      : t("myData.assessments.notAnswered")
                    : asked.answeredWithName && asked.sentAt
                      ? t("myData.assessments.sentNamed", { day: fmt.date(asked.sentAt) })
                      : t("myData.assessments.sentAnonymous")}
                </p>
                {asked.answers.length > 0 ? (
                  // Open, not folded away: the page is also printed as the consultant's copy.
                  <>
                    <h4 className="mt-2 font-medium">{t("myData.assessments.yourAnswers")}</h4>
                    <dl className="mt-1 divide-y divide-slate-200">
                      {asked.answers.map((answer, n) => (
                        <Fact key={n} label={answer.statement}>
                          {answer.notApplicable ? t("assessTogether.answer.notApplicable") : answer.answer}
                        </Fact>
                      ))}
                    </dl>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="delete" title={t("myData.deleteSection.heading")}>
        <p className="mt-2">{t("myData.deleteSection.youCanAsk")}</p>
        <p className="mt-2 print:hidden">
          <Link to="/portal/my-data/delete" className="link">
            {t("myData.deleteSection.link")}
          </Link>
        </p>
      </Section>
    </>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("portal");
  return <PortalErrorPage title={t("myData.title")} />;
}
