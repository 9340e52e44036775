import { SafeTrans } from "~/i18n/safe-trans";
import { NotFoundError, RuleError } from "~/models/errors";
import { withHttpErrors } from "~/utils/http-errors.server";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useLocation,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";

import { FormErrors, Notice } from "~/components/forms";
import { LogTimeForm } from "~/components/time-fields";
import { requirePermission } from "~/utils/auth/guards.server";
import { getEngagementForStaff } from "~/models/engagement/reads.server";
import { approveTime, deleteTime, logTime } from "~/models/time/changes.server";
import { listTime, timeTotals } from "~/models/time/reads.server";
import { ENGAGEMENT_STATUS_LABELS } from "~/utils/engagement-options";
import { todayIn } from "~/utils/format";
import { useFormat } from "~/utils/use-format";
import { feeForHours } from "~/utils/money";
import { personWords } from "~/utils/pronouns";
import {
  ApproveAllSchema,
  StaffTimeIntentSchema as IntentSchema,
  TIME_KIND_LABELS,
  TIME_STATUS_LABELS,
  TimeEntryIdSchema as EntrySchema,
  TimeEntrySchema,
} from "~/utils/time-schema";
import { readForm } from "~/utils/form-data.server";

export const handle = { title: "staff:time.title" };

const DONE_MESSAGES: Record<string, string> = {
  logged: "staff:time.done.logged",
  approved: "staff:time.done.approved",
  removed: "staff:time.done.removed",
};

// Names typed by people go into a sentence with tags: escaped before its tags are read, shown as typed.
const TYPED_VALUES = { tOptions: { interpolation: { escapeValue: true } }, shouldUnescape: true } as const;

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  const e = getEngagementForStaff(membership.organizationId, params.id ?? "");
  const entries = listTime(membership.organizationId, e.id);
  const totals = timeTotals(entries);
  return {
    engagement: {
      id: e.id,
      title: e.title,
      status: e.status,
      consultantName: e.consultantName,
      consultantPronouns: e.consultantPronouns,
      rateKind: e.rateKind,
      rateCents: e.rateCents,
    },
    entries,
    totals,
    // The one fee function (ADR 004); only an hourly rate turns hours into a fee.
    approvedFeeCents: e.rateKind === "hourly" ? feeForHours(e.rateCents, totals.approvedHundredths) : null,
    correctable: entries.filter((x) => x.status === "approved" && !x.replacedBy && !x.pendingCorrection),
    today: todayIn(membership.organizationTimeZone),
    // A fresh key for the time form: the same form sent twice logs the time once.
    timeFormKey: crypto.randomUUID(),
  };
});

type Reply = { form: "time" | "list"; result: SubmissionResult<string[]> };

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const engagementId = params.id ?? "";
  const organizationId = membership.organizationId;
  const actor = { userId: user.id, role: membership.role };
  const formData = await readForm(request, ["entryIds"]);
  const intent = formData.get("intent");
  const fail = (form: Reply["form"], result: SubmissionResult<string[]>) =>
    data<Reply>({ form, result }, { status: 400 });
  /** The entry must be on this engagement: an id from elsewhere is simply not found. */
  const assertOnEngagement = (entryId: string) => {
    if (!listTime(organizationId, engagementId).some((x) => x.id === entryId)) {
      throw new NotFoundError("staff:time.errors.entryNotFound");
    }
  };

  if (intent === "log-time") {
    // Another organization's work is not found, whatever the form holds.
    getEngagementForStaff(organizationId, engagementId);
    const submission = parseWithZod(formData, { schema: TimeEntrySchema });
    if (submission.status !== "success") return fail("time", submission.reply());
    const { hours, creationKey, ...rest } = submission.value;
    try {
      logTime({ organizationId, actor, engagementId, input: { ...rest, hundredths: hours }, creationKey });
    } catch (error) {
      if (error instanceof RuleError) {
        return fail(
          "time",
          submission.reply(
            error.field ? { fieldErrors: { [error.field]: [error.text] } } : { formErrors: [error.text] },
          ),
        );
      }
      throw error;
    }
    return redirect(`/engagements/${engagementId}/time?done=logged`);
  }

  if (intent === "approve" || intent === "approve-all") {
    const entryIds =
      intent === "approve"
        ? (() => {
            const submission = parseWithZod(formData, { schema: EntrySchema });
            return submission.status === "success" ? [submission.value.entryId] : submission;
          })()
        : (() => {
            const submission = parseWithZod(formData, { schema: ApproveAllSchema });
            return submission.status === "success" ? submission.value.entryIds : submission;
          })();
    if (!Array.isArray(entryIds)) return fail("list", entryIds.reply());
    // "Approve all" approves what the page showed; an entry removed since then is left out.
    const onEngagement = new Set(listTime(organizationId, engagementId).map((x) => x.id));
    const ids = intent === "approve-all" ? entryIds.filter((id) => onEngagement.has(id)) : entryIds;
    // Only entries of this engagement, in this organization; already approved ones stay as they were.
    approveTime({ organizationId, actorUserId: user.id, entryIds: ids, engagementId });
    return redirect(`/engagements/${engagementId}/time?done=approved`);
  }

  if (intent === "remove-time") {
    const submission = parseWithZod(formData, { schema: EntrySchema });
    if (submission.status !== "success") return fail("list", submission.reply());
    assertOnEngagement(submission.value.entryId);
    try {
      deleteTime({ organizationId, actor, entryId: submission.value.entryId });
    } catch (error) {
      if (error instanceof RuleError) return fail("list", submission.reply({ formErrors: [error.text] }));
      throw error;
    }
    return redirect(`/engagements/${engagementId}/time?done=removed`);
  }

  return fail("list", parseWithZod(formData, { schema: IntentSchema }).reply());
});

export default function EngagementTime() {
  const words = useMessage();
  const {
    engagement: e,
    entries,
    totals,
    approvedFeeCents,
    correctable,
    today,
    timeFormKey,
  } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const done = reply ? undefined : DONE_MESSAGES[searchParams.get("done") ?? ""];
  const listErrors =
    reply?.form === "list"
      ? (Object.values(reply.result.error ?? {})
          .flat()
          .filter(Boolean) as string[])
      : [];
  const waiting = entries.filter((x) => x.status === "submitted");
  const busy = navigation.state === "submitting";
  const correctionOf = (id: string | null) => entries.find((x) => x.id === id);
  const fmt = useFormat();
  const { t } = useTranslation("staff");
  const someoneGone = t("time.someoneGone");
  return (
    <>
      <p>
        <Link to={`/engagements/${e.id}`} className="link">
          ← {e.title}
        </Link>
      </p>
      <h1 className="page-title mt-2">{t("time.title")}</h1>
      <p className="mt-1">
        {e.consultantName} · {e.title} · {words(ENGAGEMENT_STATUS_LABELS[e.status])}
      </p>
      <div className="mt-4">{done ? <Notice>{words(done)}</Notice> : null}</div>
      <FormErrors id="list-errors" errors={listErrors} />

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="totals-heading" className="card">
            <h2 id="totals-heading" className="text-lg font-semibold">
              {t("time.totals")}
            </h2>
            <dl className="mt-2 grid gap-2 sm:grid-cols-2">
              <div>
                <dt className="font-medium text-slate-700">{t("time.approved")}</dt>
                <dd className="text-xl font-semibold">{fmt.hours(totals.approvedHundredths)}</dd>
                {approvedFeeCents !== null ? (
                  <dd className="text-sm">
                    {t("time.feeAtRate", { fee: fmt.money(approvedFeeCents), rate: fmt.money(e.rateCents) })}
                  </dd>
                ) : null}
              </div>
              <div>
                <dt className="font-medium text-slate-700">{t("time.waiting")}</dt>
                <dd className="text-xl font-semibold">{fmt.hours(totals.waitingHundredths)}</dd>
              </div>
            </dl>
            <p className="mt-2 text-sm text-slate-700">{t("time.correctionCounts")}</p>
            {waiting.length ? (
              <Form
                method="post"
                className="mt-3"
                onSubmit={(event) => {
                  if (!window.confirm(t("time.confirmApproveAll", { count: waiting.length }))) {
                    event.preventDefault();
                  }
                }}
              >
                {waiting.map((x) => (
                  <input key={x.id} type="hidden" name="entryIds" value={x.id} />
                ))}
                <button type="submit" name="intent" value="approve-all" className="btn-primary" disabled={busy}>
                  {t("time.approveAll", { count: waiting.length })}
                </button>
              </Form>
            ) : null}
          </section>

          <section aria-labelledby="entries-heading" className="card">
            <h2 id="entries-heading" className="text-lg font-semibold">
              {t("time.entries")}
            </h2>
            {entries.length === 0 ? (
              <p className="mt-2">{t("time.none")}</p>
            ) : (
              <ul className="mt-2 divide-y divide-slate-200">
                {entries.map((x) => {
                  const original = correctionOf(x.correctsEntryId);
                  return (
                    <li key={x.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                      <div>
                        <p className="font-semibold">
                          {fmt.calendarDay(x.workDate)}: {fmt.hours(x.hundredths)} · {words(TIME_KIND_LABELS[x.kind])}
                        </p>
                        {x.note ? <p className="whitespace-pre-wrap">{x.note}</p> : null}
                        <p className="text-sm text-slate-700">
                          {t("time.loggedBy", { name: x.loggedByName ?? someoneGone, when: fmt.dateTime(x.createdAt) })}
                        </p>
                        {original ? (
                          <p className="text-sm">
                            {t("time.correctionOf", {
                              day: fmt.calendarDay(original.workDate),
                              hours: fmt.hours(original.hundredths),
                            })}
                          </p>
                        ) : null}
                        <p className="mt-1">
                          {x.replacedBy ? (
                            <strong>{t("time.replaced")}</strong>
                          ) : x.status === "approved" && x.approvedAt ? (
                            <SafeTrans
                              t={t}
                              i18nKey="time.approvedBy"
                              values={{
                                status: words(TIME_STATUS_LABELS[x.status]),
                                name: x.approvedByName ?? someoneGone,
                                when: fmt.dateTime(x.approvedAt),
                              }}
                              components={{ strong: <strong /> }}
                              {...TYPED_VALUES}
                            />
                          ) : (
                            <strong>{words(TIME_STATUS_LABELS[x.status])}</strong>
                          )}
                          {x.pendingCorrection ? ` · ${t("time.correctionWaiting")}` : ""}
                        </p>
                      </div>
                      {x.status === "submitted" ? (
                        <div className="flex gap-2">
                          <Form method="post">
                            <input type="hidden" name="entryId" value={x.id} />
                            <button
                              type="submit"
                              name="intent"
                              value="approve"
                              className="btn-secondary"
                              disabled={busy}
                            >
                              {t("time.approve")}
                              <span className="sr-only"> {fmt.calendarDay(x.workDate)}</span>
                            </button>
                          </Form>
                          <Form
                            method="post"
                            onSubmit={(event) => {
                              if (!window.confirm(t("time.confirmRemove"))) event.preventDefault();
                            }}
                          >
                            <input type="hidden" name="entryId" value={x.id} />
                            <button
                              type="submit"
                              name="intent"
                              value="remove-time"
                              className="btn-danger"
                              disabled={busy}
                            >
                              {t("time.remove")}
                              <span className="sr-only"> {fmt.calendarDay(x.workDate)}</span>
                            </button>
                          </Form>
                        </div>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        </div>

        <section aria-labelledby="log-heading" className="card">
          <h2 id="log-heading" className="text-lg font-semibold">
            {t("time.log")}
          </h2>
          {e.status === "cancelled" ? (
            <p className="mt-2">{t("time.cancelled")}</p>
          ) : e.status === "proposed" ? (
            <p className="mt-2">{t("time.notYetAccepted", { name: e.consultantName })}</p>
          ) : (
            <LogTimeForm
              key={location.key}
              formId="staff-log-time"
              today={today}
              creationKey={timeFormKey}
              audience={{ kind: "staff", consultant: personWords(e.consultantName, e.consultantPronouns) }}
              intro={t("time.intro", { name: e.consultantName })}
              corrections={correctable.map(
                (x) =>
                  [
                    x.id,
                    t("time.correctionOption", {
                      day: fmt.calendarDay(x.workDate),
                      hours: fmt.hours(x.hundredths),
                      kind: words(TIME_KIND_LABELS[x.kind]),
                    }),
                  ] as const,
              )}
              lastResult={reply?.form === "time" ? reply.result : undefined}
            />
          )}
        </section>
      </div>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
