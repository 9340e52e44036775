import { NotFoundError, RuleError } from "~/models/errors";
import { withHttpErrors } from "~/utils/http-errors.server";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useLocation,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { FormErrors, Notice } from "~/components/forms";
import { TermsAsRead, useLanguageInSentence } from "~/components/terms-as-read";
import { DEFAULT_LANGUAGE } from "~/i18n/config";
import { languageFor } from "~/i18n/i18n.server";
import { useLanguage } from "~/i18n/page-language";
import { PortalErrorPage } from "~/components/portal-error";
import { LogTimeForm } from "~/components/time-fields";
import { requirePermission } from "~/utils/auth/guards.server";
import { decideOnAgreement, getOwnEngagement } from "~/models/engagement/own-work.server";
import { ownSupportPlan } from "~/models/engagement/support-plan.server";
import { SupportPlanList } from "~/components/support-plan";
import { deleteTime, logTime } from "~/models/time/changes.server";
import { ENTRY_NOT_FOUND } from "~/models/time/rules.server";
import { listTime, timeTotals } from "~/models/time/reads.server";
import { useMessage } from "~/i18n/use-message";
import { AGREEMENT_METHOD_PORTAL_WORDS, FORMAT_LABELS, STAGE_LABELS } from "~/utils/engagement-options";
import { todayIn } from "~/utils/format";
import { useFormat } from "~/utils/use-format";
import {
  PortalLogTimeSchema as LogTimeSchema,
  TIME_KIND_LABELS,
  TIME_STATUS_LABELS,
  TimeEntryIdSchema as RemoveSchema,
} from "~/utils/time-schema";
import { readForm } from "~/utils/form-data.server";
import {
  PortalWorkIntentSchema as IntentSchema,
  TermsDecisionSchema as DecisionSchema,
} from "~/utils/engagement-schema";

// The consultant's work and pay: never kept in the browser's cache, so Back after Quick exit cannot show it.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

// What `?done=` in the address may say, each with its words in the "work.done" block.
const DONE_MESSAGES = ["accepted", "declined", "logged", "removed"] as const;
const doneMessage = (done: string | null) => DONE_MESSAGES.find((d) => d === done);

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const args = { organizationId: membership.organizationId, userId: user.id };
  const language = await languageFor(request, user.preferredLanguage);
  // A 404 unless this is the signed-in consultant's own work.
  // The terms in the words of the page's language when the organization wrote it, else English.
  const engagement = getOwnEngagement({ ...args, engagementId: params.id ?? "", language });
  const entries = listTime(membership.organizationId, engagement.id);
  const support = ownSupportPlan({ ...args, engagementId: engagement.id });
  return {
    engagement,
    // The support plan, part of the terms; the consultant's own words about their needs are theirs to see.
    support: { items: support.items, canAsk: support.open },
    today: todayIn(membership.organizationTimeZone),
    // A fresh key for the time form: the same form sent twice logs the time once.
    timeFormKey: crypto.randomUUID(),
    totals: timeTotals(entries),
    // Only what the consultant needs: no names of who logged or approved.
    entries: entries.map((e) => ({
      id: e.id,
      workDate: e.workDate,
      hundredths: e.hundredths,
      kind: e.kind,
      note: e.note,
      status: e.status,
      isCorrection: Boolean(e.correctsEntryId),
      replaced: Boolean(e.replacedBy),
      mine: e.loggedByUserId === user.id,
    })),
  };
});

type Reply = { form: "decision" | "time" | "remove"; result: SubmissionResult<string[]> };

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const engagementId = params.id ?? "";
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const fail = (form: Reply["form"], result: SubmissionResult<string[]>) =>
    data<Reply>({ form, result }, { status: 400 });

  if (intent === "accept" || intent === "decline") {
    const submission = parseWithZod(formData, { schema: DecisionSchema });
    if (submission.status !== "success") return fail("decision", submission.reply());
    try {
      decideOnAgreement({
        organizationId: membership.organizationId,
        userId: user.id,
        engagementId,
        termsVersion: submission.value.termsVersion,
        decision: intent === "accept" ? "accepted" : "declined",
        message: submission.value.message,
        // The language of the words read is the one this page shows this person, never just what is posted.
        language: await languageFor(request, user.preferredLanguage),
        postedLanguage: submission.value.language,
      });
    } catch (error) {
      if (error instanceof RuleError) return fail("decision", submission.reply({ formErrors: [error.text] }));
      throw error;
    }
    return redirect(`/portal/work/${engagementId}?done=${intent === "accept" ? "accepted" : "declined"}`);
  }

  if (intent === "log-time") {
    // Someone else's work is not found, whatever the form holds.
    getOwnEngagement({ organizationId: membership.organizationId, userId: user.id, engagementId });
    const submission = parseWithZod(formData, { schema: LogTimeSchema });
    if (submission.status !== "success") return fail("time", submission.reply());
    const { hours, creationKey, ...rest } = submission.value;
    try {
      logTime({
        organizationId: membership.organizationId,
        actor: { userId: user.id, role: membership.role },
        engagementId,
        input: { ...rest, hundredths: hours },
        creationKey,
      });
    } catch (error) {
      if (error instanceof RuleError) {
        const field = error.field === "correctsEntryId" ? "" : error.field;
        return fail(
          "time",
          submission.reply(field ? { fieldErrors: { [field]: [error.text] } } : { formErrors: [error.text] }),
        );
      }
      throw error;
    }
    return redirect(`/portal/work/${engagementId}?done=logged`);
  }

  if (intent === "remove-time") {
    const submission = parseWithZod(formData, { schema: RemoveSchema });
    if (submission.status !== "success") return fail("remove", submission.reply());
    // The entry must be on this page's work: an id from elsewhere is simply not found.
    getOwnEngagement({ organizationId: membership.organizationId, userId: user.id, engagementId });
    if (!listTime(membership.organizationId, engagementId).some((e) => e.id === submission.value.entryId)) {
      throw new NotFoundError(ENTRY_NOT_FOUND);
    }
    try {
      deleteTime({
        organizationId: membership.organizationId,
        actor: { userId: user.id, role: membership.role },
        entryId: submission.value.entryId,
      });
    } catch (error) {
      if (error instanceof RuleError) return fail("remove", submission.reply({ formErrors: [error.text] }));
      throw error;
    }
    return redirect(`/portal/work/${engagementId}?done=removed`);
  }

  return fail("decision", parseWithZod(formData, { schema: IntentSchema }).reply());
});

type LoaderData = Awaited<ReturnType<typeof loader>>;
type Terms = LoaderData["engagement"]["terms"];
type Engagement = LoaderData["engagement"];
type T = TFunction<"portal">;

// Plain words for the parts of the terms that can change: their keys in the "work.changes" block.
const CHANGE_WORDS: Record<string, string> = {
  programId: "programId",
  stage: "stage",
  activityTypeId: "activityTypeId",
  role: "role",
  level: "level",
  title: "title",
  scopeWhat: "scopeWhat",
  scopeWhen: "scopeWhen",
  scopeWhere: "scopeWhere",
  format: "format",
  startDate: "dates",
  endDate: "dates",
  rateKind: "pay",
  rateCents: "pay",
  estimatedHundredths: "time",
  estimatedDays: "time",
  coversPreparation: "covers",
  coversTravel: "covers",
  coversDebrief: "covers",
  expensesPolicy: "expensesPolicy",
  paymentDueDays: "paymentDueDays",
  cancellationTerms: "cancellationTerms",
};

const PAY_LINE = { hourly: "hourly", daily: "daily", flat_fee: "flatFee", honorarium: "honorarium" } as const;

function payLine(terms: Terms, t: T) {
  return t(`work.pay.${PAY_LINE[terms.rateKind]}`, { amount: terms.rateCents });
}

/** "a", "a and b", "a, b and c", in the reader's language. */
function inWords(items: readonly string[], t: T) {
  return items.length < 2
    ? items.join("")
    : t("work.listAnd", { items: items.slice(0, -1).join(t("work.listSeparator")), last: items.at(-1) });
}

/** How long the work is expected to take, in the terms' own unit. */
function timeLines(terms: Terms, t: T) {
  if (terms.rateKind === "daily") {
    return [
      terms.estimatedDays ? t("work.pay.days", { count: terms.estimatedDays }) : null,
      terms.estimatedHundredths ? t("work.pay.dayLength", { hours: terms.estimatedHundredths }) : null,
    ].filter((line): line is string => Boolean(line));
  }
  return terms.estimatedHundredths ? [t("work.pay.hours", { hours: terms.estimatedHundredths })] : [];
}

function coverLines(terms: Terms, t: T) {
  const parts = [
    [terms.coversPreparation, t("work.pay.preparation")],
    [terms.coversTravel, t("work.pay.travel")],
    [terms.coversDebrief, t("work.pay.debrief")],
  ] as const;
  const paid = parts.filter(([on]) => on).map(([, words]) => words);
  const unpaid = parts.filter(([on]) => !on).map(([, words]) => words);
  return [
    paid.length ? t("work.pay.includes", { items: inWords(paid, t) }) : null,
    unpaid.length ? t("work.pay.excludes", { items: inWords(unpaid, t) }) : null,
  ].filter((line): line is string => Boolean(line));
}

function Line({ label, children, lang }: { label: string; children: ReactNode; lang?: string }) {
  return (
    <div className="mt-3">
      <dt className="font-semibold">{label}</dt>
      <dd className="whitespace-pre-wrap" lang={lang}>
        {children}
      </dd>
    </div>
  );
}

/** Every answer given to these terms, newest first, each with the words read and their language. */
function AnswerHistory({ engagement: e }: { engagement: Engagement }) {
  const { t } = useTranslation("portal");
  const words = useMessage();
  const f = useFormat();
  if (e.decisions.length === 0) return null;
  return (
    <section aria-labelledby="history-heading" className="card mt-4">
      <h2 id="history-heading" className="text-lg font-semibold">
        {t("termsWords.history.heading")}
      </h2>
      <ol className="mt-2 space-y-3">
        {e.decisions.map((d) => {
          const offline = d.method !== "portal" && d.agreedOn ? d.agreedOn : null;
          const values = { version: d.termsVersion, date: f.date(d.decidedAt) };
          return (
            <li key={d.id}>
              <span className="block">
                {offline
                  ? t(
                      d.decision === "accepted"
                        ? "termsWords.history.acceptedOffline"
                        : "termsWords.history.declinedOffline",
                      {
                        ...values,
                        how: words(AGREEMENT_METHOD_PORTAL_WORDS[d.method]),
                        day: offline,
                      },
                    )
                  : t(
                      d.decision === "accepted" ? "termsWords.history.accepted" : "termsWords.history.declined",
                      values,
                    )}
              </span>
              {d.message ? <span className="block">“{d.message}”</span> : null}
              <TermsAsRead version={d.termsVersion} asRead={d.asRead} plan={d.supportPlan} />
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** Said when the reader's language is not written for these terms and they read the English. */
function FallbackNote({ engagement: e }: { engagement: Engagement }) {
  const { t } = useTranslation("portal");
  const inSentence = useLanguageInSentence();
  const language = useLanguage();
  if (!e.termsFallback) return null;
  return <p className="card mt-4">{t("termsWords.fallback", { language: inSentence(language) })}</p>;
}

/** "You accepted these terms on …", saying so when the team wrote down an answer given outside the portal. */
function AcceptedLine({ accepted }: { accepted: Engagement["decisions"][number] }) {
  const { t } = useTranslation("portal");
  const words = useMessage();
  const f = useFormat();
  const date = f.date(accepted.decidedAt);
  if (accepted.method === "portal" || !accepted.agreedOn) return <p>{t("work.answer.acceptedOn", { date })}</p>;
  const values = { how: words(AGREEMENT_METHOD_PORTAL_WORDS[accepted.method]), day: accepted.agreedOn, date };
  return (
    <p>
      {accepted.recordedByName
        ? t("work.answer.acceptedOffline", { ...values, recordedBy: accepted.recordedByName })
        : t("work.answer.acceptedOfflineTeam", values)}
    </p>
  );
}

function AnswerStatus({ engagement: e }: { engagement: Engagement }) {
  const { t } = useTranslation("portal");
  const words = useMessage();
  const accepted = e.decisions.find((d) => d.decision === "accepted" && d.termsVersion === e.termsVersion);
  if (e.status === "cancelled") {
    return (
      <p>
        {e.cancellationFeeCents
          ? t("work.answer.cancelledWithFee", { amount: e.cancellationFeeCents })
          : t("work.answer.cancelled")}
      </p>
    );
  }
  if (!e.needsAnswer) {
    return accepted ? <AcceptedLine accepted={accepted} /> : null;
  }
  if (e.changedSinceAccepted.length) {
    const what = [
      ...new Set(
        e.changedSinceAccepted.map((key) =>
          key === "termsTranslations"
            ? "portal:termsWords.changes.translations"
            : key === "supportPlan"
              ? "portal:supportPlan.changedWhat"
              : `portal:work.changes.${CHANGE_WORDS[key] ?? "other"}`,
        ),
      ),
    ].map((key) => words(key));
    return (
      <>
        <p className="font-semibold">{t("work.answer.changed")}</p>
        <p>{t("work.answer.whatChanged", { what: inWords(what, t) })}</p>
        <p>{t("work.answer.readAgain")}</p>
      </>
    );
  }
  if (e.currentDecision === "declined") {
    const declined = e.decisions.find((d) => d.termsVersion === e.termsVersion);
    const offline = declined && declined.method !== "portal" && declined.agreedOn ? declined : null;
    const values = offline
      ? { how: words(AGREEMENT_METHOD_PORTAL_WORDS[offline.method]), day: offline.agreedOn }
      : undefined;
    return (
      <>
        <p>
          {offline && values
            ? offline.recordedByName
              ? t("work.answer.declinedOffline", { ...values, recordedBy: offline.recordedByName })
              : t("work.answer.declinedOfflineTeam", values)
            : t("work.answer.declined")}
        </p>
        <p>{t("work.answer.changeMind")}</p>
      </>
    );
  }
  return <p>{t("work.answer.pleaseRead")}</p>;
}

function DecisionForms({ engagement: e, errors }: { engagement: Engagement; errors?: string[] }) {
  const { t } = useTranslation("portal");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <>
      <FormErrors id="decision-errors" errors={errors} />
      <Form method="post" className="mt-4">
        <input type="hidden" name="termsVersion" value={e.termsVersion} />
        <input type="hidden" name="language" value={e.termsLanguage} />
        <label htmlFor="accept-message" className="block font-medium">
          {t("work.answer.message")}
        </label>
        <textarea id="accept-message" name="message" rows={2} maxLength={1000} className="input" />
        <button
          type="submit"
          name="intent"
          value="accept"
          className="btn-primary mt-3 w-full sm:w-auto"
          disabled={busy}
        >
          {t("work.answer.accept")}
        </button>
      </Form>
      {e.currentDecision !== "declined" ? (
        <details className="mt-4">
          <summary className="link inline-flex min-h-[44px] cursor-pointer items-center">
            {t("work.answer.sayNo")}
          </summary>
          <Form method="post" className="mt-2">
            <input type="hidden" name="termsVersion" value={e.termsVersion} />
            <input type="hidden" name="language" value={e.termsLanguage} />
            <label htmlFor="decline-message" className="block font-medium">
              {t("work.answer.message")}
            </label>
            <textarea
              id="decline-message"
              name="message"
              rows={3}
              maxLength={1000}
              aria-describedby="decline-help"
              className="input"
            />
            <p id="decline-help" className="mt-1 text-sm text-slate-700">
              {t("work.answer.declineHelp")}
            </p>
            <button type="submit" name="intent" value="decline" className="btn-secondary mt-3" disabled={busy}>
              {t("work.answer.sendNo")}
            </button>
          </Form>
        </details>
      ) : null}
    </>
  );
}

export default function MyWorkDetail() {
  const { t } = useTranslation("portal");
  const words = useMessage();
  const f = useFormat();
  const { engagement: e, entries, totals, today, timeFormKey, support } = useLoaderData<typeof loader>();
  // The colleague responsible for this work, by name; "the team" if nobody is named.
  const contact = e.contactName;
  const reply = useActionData<typeof action>();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const done = reply ? undefined : doneMessage(searchParams.get("done"));
  const supportAsked = !reply && searchParams.get("done") === "support";
  const terms = e.terms;
  // The language of the organization's words on this page: the reader's, or English when not written.
  const wordsLang = e.termsLanguage;
  const decisionErrors =
    reply?.form === "decision"
      ? (Object.values(reply.result.error ?? {})
          .flat()
          .filter(Boolean) as string[])
      : [];
  const removeErrors =
    reply?.form === "remove"
      ? (Object.values(reply.result.error ?? {})
          .flat()
          .filter(Boolean) as string[])
      : [];
  const canLogTime = e.status !== "cancelled" && e.status !== "proposed";
  return (
    <>
      <p>
        <Link to="/portal/work" className="link">
          {t("work.back")}
        </Link>
      </p>
      <h1 className="page-title mt-2" lang={wordsLang}>
        {terms.title}
      </h1>
      <p className="mt-1">{e.programName}</p>
      <div className="mt-4">
        {done ? <Notice>{t(`work.done.${done}`)}</Notice> : null}
        {supportAsked ? <Notice>{t("supportPlan.asked")}</Notice> : null}
      </div>
      <FallbackNote engagement={e} />

      {e.needsAnswer ? (
        <p className="card">{e.changedSinceAccepted.length ? t("work.readAgainBelow") : t("work.readBelow")}</p>
      ) : null}

      <section aria-labelledby="work-heading" className={e.needsAnswer ? "card mt-4" : "card"}>
        <h2 id="work-heading" className="text-lg font-semibold">
          {t("work.the.heading")}
        </h2>
        <dl>
          <Line label={t("work.the.what")} lang={wordsLang}>
            {terms.scopeWhat}
          </Line>
          {e.activityLabel ? (
            <Line label={t("work.the.kind")}>
              <span lang={e.activityInEnglish ? DEFAULT_LANGUAGE : undefined}>{e.activityLabel}</span>
              {e.activityInEnglish ? (
                <span className="block text-sm text-slate-700">{t("labelWords.inEnglish")}</span>
              ) : null}
            </Line>
          ) : null}
          {terms.role ? (
            <Line label={t("work.the.role")} lang={wordsLang}>
              {terms.role}
            </Line>
          ) : null}
          <Line label={t("work.the.stage")}>
            {t("work.the.stageLine", {
              stage: words(STAGE_LABELS[terms.stage]),
              words: t(`work.stageWords.${terms.stage}`),
            })}
          </Line>
          {terms.startDate || terms.scopeWhen ? (
            <Line label={t("work.the.when")}>
              {terms.startDate ? (
                <span className="block">
                  {terms.endDate && terms.endDate !== terms.startDate
                    ? t("work.the.fromTo", { start: terms.startDate, end: terms.endDate })
                    : t("work.the.on", { start: terms.startDate })}
                </span>
              ) : null}
              {terms.scopeWhen ? <span lang={wordsLang}>{terms.scopeWhen}</span> : null}
            </Line>
          ) : null}
          {terms.scopeWhere || terms.format ? (
            <Line label={t("work.the.where")}>
              {terms.format ? (
                <span className="block">{t("work.the.format", { format: words(FORMAT_LABELS[terms.format]) })}</span>
              ) : null}
              {terms.scopeWhere ? <span lang={wordsLang}>{terms.scopeWhere}</span> : null}
            </Line>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="pay-heading" className="card mt-4">
        <h2 id="pay-heading" className="text-lg font-semibold">
          {t("work.pay.heading")}
        </h2>
        <dl>
          <Line label={t("work.pay.howMuch")}>
            <span className="block">{payLine(terms, t)}</span>
            {timeLines(terms, t).map((line) => (
              <span key={line} className="block">
                {line}
              </span>
            ))}
          </Line>
          {e.estimatedTotalCents !== null ? (
            <Line label={t("work.pay.inTotal")}>
              {terms.rateKind === "flat_fee" || terms.rateKind === "honorarium"
                ? t("work.pay.fixedTotal", { amount: e.estimatedTotalCents })
                : t("work.pay.estimatedTotal", { amount: e.estimatedTotalCents })}
            </Line>
          ) : null}
          <Line label={t("work.pay.includesLabel")}>
            {coverLines(terms, t).map((line) => (
              <span key={line} className="block">
                {line}
              </span>
            ))}
          </Line>
          <Line label={t("work.pay.whenLabel")}>{t("work.pay.when", { count: terms.paymentDueDays })}</Line>
          <Line label={t("work.pay.costs")}>
            {terms.expensesPolicy ? (
              <span lang={wordsLang}>{terms.expensesPolicy}</span>
            ) : contact ? (
              t("work.pay.noCostsPolicy", { contact })
            ) : (
              t("work.pay.noCostsPolicyTeam")
            )}
          </Line>
          <Line label={t("work.pay.ifCancelled")}>
            {terms.cancellationTerms ? (
              <span lang={wordsLang}>{terms.cancellationTerms}</span>
            ) : contact ? (
              t("work.pay.noCancellationTerms", { contact })
            ) : (
              t("work.pay.noCancellationTermsTeam")
            )}
          </Line>
        </dl>
      </section>

      <section aria-labelledby="support-heading" className="card mt-4">
        <h2 id="support-heading" className="text-lg font-semibold">
          {t("supportPlan.heading")}
        </h2>
        <p className="mt-2">{t("supportPlan.partOfTerms")}</p>
        <SupportPlanList items={support.items} detailsLabel={t("supportPlan.yourWords")} />
        {support.canAsk ? (
          <Link to={`/portal/work/${e.id}/support`} className="btn-secondary mt-3 w-full sm:w-auto">
            {support.items.length ? t("supportPlan.askOrChange") : t("supportPlan.ask")}
          </Link>
        ) : null}
      </section>

      <section aria-labelledby="contact-heading" className="card mt-4">
        <h2 id="contact-heading" className="text-lg font-semibold">
          {t("work.contact.heading")}
        </h2>
        <p className="mt-2">{contact ? t("work.contact.named", { contact }) : t("work.contact.team")}</p>
      </section>

      <section aria-labelledby="answer-heading" className="card mt-4">
        <h2 id="answer-heading" className="text-lg font-semibold">
          {t("work.answer.heading")}
        </h2>
        <div className="mt-2 space-y-1">
          <AnswerStatus engagement={e} />
        </div>
        {e.needsAnswer ? <DecisionForms engagement={e} errors={decisionErrors} /> : null}
      </section>

      <AnswerHistory engagement={e} />

      <section aria-labelledby="time-heading" className="card mt-4">
        <h2 id="time-heading" className="text-lg font-semibold">
          {t("work.time.heading")}
        </h2>
        <p className="mt-2">
          {t("work.time.totals", { approved: totals.approvedHundredths, waiting: totals.waitingHundredths })}
        </p>
        {canLogTime ? (
          <>
            <h3 className="mt-4 font-semibold">{t("work.time.logHeading")}</h3>
            <LogTimeForm
              key={location.key}
              formId="log-time"
              today={today}
              creationKey={timeFormKey}
              audience={{ kind: "self" }}
              lastResult={reply?.form === "time" ? reply.result : undefined}
            />
          </>
        ) : (
          <p className="mt-2">{e.status === "cancelled" ? t("work.time.cancelled") : t("work.time.acceptFirst")}</p>
        )}
        <FormErrors id="remove-errors" errors={removeErrors} />
        {entries.length === 0 ? (
          <p className="mt-4">{t("work.time.none")}</p>
        ) : (
          <ul className="mt-4 divide-y divide-slate-200">
            {entries.map((entry) => (
              <li key={entry.id} className="py-3">
                <p className="font-semibold">
                  {f.calendarDay(entry.workDate)}: {f.hours(entry.hundredths)}
                </p>
                <p>{words(TIME_KIND_LABELS[entry.kind])}</p>
                {entry.note ? <p className="whitespace-pre-wrap">{entry.note}</p> : null}
                <p>
                  {entry.replaced ? t("work.time.replaced") : words(TIME_STATUS_LABELS[entry.status])}
                  {entry.isCorrection ? ` ${t("work.time.isCorrection")}` : ""}
                </p>
                {entry.status === "submitted" && entry.mine ? (
                  <Form
                    method="post"
                    onSubmit={(event) => {
                      if (!window.confirm(t("work.time.confirmRemove"))) event.preventDefault();
                    }}
                  >
                    <input type="hidden" name="entryId" value={entry.id} />
                    <button type="submit" name="intent" value="remove-time" className="link min-h-[44px]">
                      {t("work.time.remove")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <p className="mt-3 text-sm text-slate-700">
          {contact ? t("work.time.approvedLocked", { contact }) : t("work.time.approvedLockedTeam")}
        </p>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("portal");
  return <PortalErrorPage title={t("work.title")} />;
}
