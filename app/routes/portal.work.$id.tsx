/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { RuleError } from "~/models/errors";
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
import type { ReactNode } from "react";

import { FormErrors, Notice } from "~/components/forms";
import { PortalErrorPage } from "~/components/portal-error";
import { LogTimeForm } from "~/components/time-fields";
import { requirePermission } from "~/utils/auth/guards.server";
import { decideOnAgreement, getOwnEngagement } from "~/models/engagement/own-work.server";
import { deleteTime, logTime } from "~/models/time/changes.server";
import { listTime, timeTotals } from "~/models/time/reads.server";
import { AGREEMENT_METHOD_PORTAL_WORDS, FORMAT_LABELS, STAGE_LABELS } from "~/utils/engagement-options";
import { useMessage } from "~/i18n/use-message";
import { formatDate, todayIn, type Formatters } from "~/utils/format";
import { useFormat } from "~/utils/use-format";
import { formatCents, formatHours } from "~/utils/money";
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

const DONE_MESSAGES: Record<string, string> = {
  accepted: "Thank you. You accepted the terms. The team can see your answer now.",
  declined: "You said no to these terms. The team can see your answer.",
  logged: "Your time is saved. It is waiting for approval.",
  removed: "That time entry is removed.",
};

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const args = { organizationId: membership.organizationId, userId: user.id };
  // A 404 unless this is the signed-in consultant's own work.
  const engagement = getOwnEngagement({ ...args, engagementId: params.id ?? "" });
  const entries = listTime(membership.organizationId, engagement.id);
  return {
    engagement,
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
      throw new Response("We could not find that time entry.", { status: 404 });
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

const STAGE_WORDS = {
  design: "helping plan a program",
  delivery: "helping run a program",
  evaluation: "helping check how a program worked",
} as const;

// Plain words for the parts of the terms that can change.
const CHANGE_WORDS: Record<string, string> = {
  programId: "the program",
  stage: "the stage",
  activityTypeId: "the kind of work",
  role: "your role",
  level: "how much say you have",
  title: "the title",
  scopeWhat: "what the work is",
  scopeWhen: "when",
  scopeWhere: "where",
  format: "in person or online",
  startDate: "the dates",
  endDate: "the dates",
  rateKind: "the pay",
  rateCents: "the pay",
  estimatedHundredths: "the time it takes",
  estimatedDays: "the time it takes",
  coversPreparation: "what the pay includes",
  coversTravel: "what the pay includes",
  coversDebrief: "what the pay includes",
  expensesPolicy: "costs",
  paymentDueDays: "when you get paid",
  cancellationTerms: "what happens if it is cancelled",
};

function payLine(t: Terms) {
  const amount = formatCents(t.rateCents);
  switch (t.rateKind) {
    case "hourly":
      return `You will be paid ${amount} an hour.`;
    case "daily":
      return `You will be paid ${amount} a day.`;
    case "flat_fee":
      return `You will be paid ${amount} for this work.`;
    case "honorarium":
      return `You will get ${amount} as a thank-you payment (honorarium) for this work.`;
  }
}

/** "a", "a and b", "a, b and c". */
function inWords(items: readonly string[]) {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** How long the work is expected to take, in the terms' own unit. */
function timeLines(t: Terms) {
  if (t.rateKind === "daily") {
    return [
      t.estimatedDays
        ? `We think it will take about ${t.estimatedDays} ${t.estimatedDays === 1 ? "day" : "days"}.`
        : null,
      t.estimatedHundredths ? `A day of this work is about ${formatHours(t.estimatedHundredths)}.` : null,
    ].filter((line): line is string => Boolean(line));
  }
  return t.estimatedHundredths ? [`We think it will take about ${formatHours(t.estimatedHundredths)}.`] : [];
}

function coverLines(t: Terms) {
  const parts = [
    [t.coversPreparation, "getting ready"],
    [t.coversTravel, "travel time"],
    [t.coversDebrief, "talking it over after (debrief)"],
  ] as const;
  const paid = parts.filter(([on]) => on).map(([, words]) => words);
  const unpaid = parts.filter(([on]) => !on).map(([, words]) => words);
  return [
    paid.length ? `Your pay includes ${inWords(paid)}.` : null,
    unpaid.length ? `Your pay does not include ${inWords(unpaid)}.` : null,
  ].filter((line): line is string => Boolean(line));
}

function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="mt-3">
      <dt className="font-semibold">{label}</dt>
      <dd className="whitespace-pre-wrap">{children}</dd>
    </div>
  );
}

/** "You accepted these terms on …", saying so when the team wrote down an answer given outside the portal. */
function acceptedLine(
  accepted: LoaderData["engagement"]["decisions"][number],
  fmt: Formatters,
  words: (text: string) => string,
) {
  if (accepted.method === "portal" || !accepted.agreedOn) {
    return `You accepted these terms on ${fmt.date(accepted.decidedAt)}.`;
  }
  return (
    `You accepted these terms ${words(AGREEMENT_METHOD_PORTAL_WORDS[accepted.method])} on ${formatDate(accepted.agreedOn)}. ` +
    `${accepted.recordedByName ?? "The team"} wrote down your answer on ${fmt.date(accepted.decidedAt)}.`
  );
}

function AnswerStatus({ engagement: e }: { engagement: LoaderData["engagement"] }) {
  const accepted = e.decisions.find((d) => d.decision === "accepted" && d.termsVersion === e.termsVersion);
  const fmt = useFormat();
  const words = useMessage();
  if (e.status === "cancelled") {
    return (
      <p>
        This work was cancelled.
        {e.cancellationFeeCents
          ? ` You will get a cancellation payment of ${formatCents(e.cancellationFeeCents)}.`
          : ""}
      </p>
    );
  }
  if (!e.needsAnswer) {
    return accepted ? <p>{acceptedLine(accepted, fmt, words)}</p> : null;
  }
  if (e.changedSinceAccepted.length) {
    const what = [...new Set(e.changedSinceAccepted.map((key) => CHANGE_WORDS[key] ?? "other details"))];
    return (
      <>
        <p className="font-semibold">The terms changed after you accepted them.</p>
        <p>What changed: {inWords(what)}.</p>
        <p>Please read them again. Then tell us if you accept.</p>
      </>
    );
  }
  if (e.currentDecision === "declined") {
    const declined = e.decisions.find((d) => d.termsVersion === e.termsVersion);
    return (
      <>
        <p>
          {declined && declined.method !== "portal" && declined.agreedOn
            ? `You said no to these terms ${words(AGREEMENT_METHOD_PORTAL_WORDS[declined.method])} on ${formatDate(declined.agreedOn)}. ${declined.recordedByName ?? "The team"} wrote down your answer.`
            : "You said no to these terms. The team can see your answer."}
        </p>
        <p>If you change your mind, you can still say yes.</p>
      </>
    );
  }
  return <p>Please read the terms. Then tell us if you accept them.</p>;
}

function DecisionForms({ engagement: e, errors }: { engagement: LoaderData["engagement"]; errors?: string[] }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <>
      <FormErrors id="decision-errors" errors={errors} />
      <Form method="post" className="mt-4">
        <input type="hidden" name="termsVersion" value={e.termsVersion} />
        <label htmlFor="accept-message" className="block font-medium">
          Message to the team (you can leave this empty)
        </label>
        <textarea id="accept-message" name="message" rows={2} maxLength={1000} className="input" />
        <button
          type="submit"
          name="intent"
          value="accept"
          className="btn-primary mt-3 w-full sm:w-auto"
          disabled={busy}
        >
          Yes, I accept these terms
        </button>
      </Form>
      {e.currentDecision !== "declined" ? (
        <details className="mt-4">
          <summary className="link inline-flex min-h-[44px] cursor-pointer items-center">Say no to these terms</summary>
          <Form method="post" className="mt-2">
            <input type="hidden" name="termsVersion" value={e.termsVersion} />
            <label htmlFor="decline-message" className="block font-medium">
              Message to the team (you can leave this empty)
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
              For example, what would need to change for you to say yes.
            </p>
            <button type="submit" name="intent" value="decline" className="btn-secondary mt-3" disabled={busy}>
              Send my answer: no
            </button>
          </Form>
        </details>
      ) : null}
    </>
  );
}

export default function MyWorkDetail() {
  const { engagement: e, entries, totals, today, timeFormKey } = useLoaderData<typeof loader>();
  // The colleague responsible for this work, by name; "the team" if nobody is named.
  const contact = e.contactName ?? "the team";
  const reply = useActionData<typeof action>();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const done = reply ? undefined : DONE_MESSAGES[searchParams.get("done") ?? ""];
  const t = e.terms;
  const words = useMessage();
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
          ← My work
        </Link>
      </p>
      <h1 className="page-title mt-2">{t.title}</h1>
      <p className="mt-1">{e.programName}</p>
      <div className="mt-4">{done ? <Notice>{done}</Notice> : null}</div>

      {e.needsAnswer ? (
        <p className="card">
          {e.changedSinceAccepted.length
            ? "The terms changed after you accepted them. Please read them again. Your answer is at the end."
            : "Please read the terms below. Your answer is at the end."}
        </p>
      ) : null}

      <section aria-labelledby="work-heading" className={e.needsAnswer ? "card mt-4" : "card"}>
        <h2 id="work-heading" className="text-lg font-semibold">
          The work
        </h2>
        <dl>
          <Line label="What you will do">{t.scopeWhat}</Line>
          {e.activityLabel ? <Line label="Kind of work">{e.activityLabel}</Line> : null}
          {t.role ? <Line label="Your role">{t.role}</Line> : null}
          <Line label="Stage">
            {words(STAGE_LABELS[t.stage])}: {STAGE_WORDS[t.stage]}.
          </Line>
          {t.startDate || t.scopeWhen ? (
            <Line label="When">
              {t.startDate ? (
                <span className="block">
                  {t.endDate && t.endDate !== t.startDate
                    ? `From ${formatDate(t.startDate)} to ${formatDate(t.endDate)}.`
                    : `On ${formatDate(t.startDate)}.`}
                </span>
              ) : null}
              {t.scopeWhen}
            </Line>
          ) : null}
          {t.scopeWhere || t.format ? (
            <Line label="Where">
              {t.format ? <span className="block">{words(FORMAT_LABELS[t.format])}.</span> : null}
              {t.scopeWhere}
            </Line>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="pay-heading" className="card mt-4">
        <h2 id="pay-heading" className="text-lg font-semibold">
          Pay
        </h2>
        <dl>
          <Line label="How much">
            <span className="block">{payLine(t)}</span>
            {timeLines(t).map((line) => (
              <span key={line} className="block">
                {line}
              </span>
            ))}
          </Line>
          {e.estimatedTotalCents !== null ? (
            <Line label="In total">
              {t.rateKind === "flat_fee" || t.rateKind === "honorarium"
                ? `${formatCents(e.estimatedTotalCents)} in all.`
                : `About ${formatCents(e.estimatedTotalCents)} in all. This is an estimate: you are paid for the time you work.`}
            </Line>
          ) : null}
          <Line label="What the pay includes">
            {coverLines(t).map((line) => (
              <span key={line} className="block">
                {line}
              </span>
            ))}
          </Line>
          <Line label="When you get paid">We will pay you within {t.paymentDueDays} days after the work is done.</Line>
          <Line label="Costs">
            {t.expensesPolicy ?? `Nothing is written about costs. Please ask ${contact} before you spend money.`}
          </Line>
          <Line label="If the work is cancelled">
            {t.cancellationTerms ?? `Nothing is written about this. You can ask ${contact}.`}
          </Line>
        </dl>
      </section>

      <section aria-labelledby="contact-heading" className="card mt-4">
        <h2 id="contact-heading" className="text-lg font-semibold">
          Your contact person
        </h2>
        <p className="mt-2">
          {e.contactName
            ? `${e.contactName} is your contact person for this work. Ask ${e.contactName} if anything is not clear.`
            : "The team is your contact for this work. Ask us if anything is not clear."}
        </p>
      </section>

      <section aria-labelledby="answer-heading" className="card mt-4">
        <h2 id="answer-heading" className="text-lg font-semibold">
          Your answer
        </h2>
        <div className="mt-2 space-y-1">
          <AnswerStatus engagement={e} />
        </div>
        {e.needsAnswer ? <DecisionForms engagement={e} errors={decisionErrors} /> : null}
      </section>

      <section aria-labelledby="time-heading" className="card mt-4">
        <h2 id="time-heading" className="text-lg font-semibold">
          My time
        </h2>
        <p className="mt-2">
          Approved: {formatHours(totals.approvedHundredths)}. Waiting for approval:{" "}
          {formatHours(totals.waitingHundredths)}.
        </p>
        {canLogTime ? (
          <>
            <h3 className="mt-4 font-semibold">Log my time</h3>
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
          <p className="mt-2">
            {e.status === "cancelled"
              ? "This work was cancelled, so time cannot be logged."
              : "You can log your time here after you accept the terms."}
          </p>
        )}
        <FormErrors id="remove-errors" errors={removeErrors} />
        {entries.length === 0 ? (
          <p className="mt-4">No time logged yet.</p>
        ) : (
          <ul className="mt-4 divide-y divide-slate-200">
            {entries.map((entry) => (
              <li key={entry.id} className="py-3">
                <p className="font-semibold">
                  {formatDate(entry.workDate)}: {formatHours(entry.hundredths)}
                </p>
                <p>{TIME_KIND_LABELS[entry.kind]}</p>
                {entry.note ? <p className="whitespace-pre-wrap">{entry.note}</p> : null}
                <p>
                  {entry.replaced ? "Replaced by a correction." : TIME_STATUS_LABELS[entry.status]}
                  {entry.isCorrection ? " This is a correction." : ""}
                </p>
                {entry.status === "submitted" && entry.mine ? (
                  <Form
                    method="post"
                    onSubmit={(event) => {
                      if (!window.confirm("Remove this time entry?")) event.preventDefault();
                    }}
                  >
                    <input type="hidden" name="entryId" value={entry.id} />
                    <button type="submit" name="intent" value="remove-time" className="link min-h-[44px]">
                      Remove this entry
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <p className="mt-3 text-sm text-slate-700">Approved time cannot be changed. If it is wrong, tell {contact}.</p>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <PortalErrorPage title="My work" />;
}
