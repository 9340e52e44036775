import { RuleError } from "~/models/errors";
import { whereRuleErrorGoes, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ConsentStateBadge, FlagBadge } from "~/components/consent-status";
import { FormErrors, Notice, RadioGroupField, TextAreaField, useMessages } from "~/components/forms";
import { useMessage } from "~/i18n/use-message";
import { requirePermission } from "~/utils/auth/guards.server";
import { consentUseDetails } from "~/models/consent/report.server";
import {
  changeConsentUseStatus,
  getConsentUse,
  GIVEN_AGAIN_NOTE,
  resolveFlaggedUse,
} from "~/models/consent/uses.server";
import { can } from "~/models/permissions";
import { CONSENT_USE_ACTION_LABELS, CONSENT_USE_STATUS_LABELS } from "~/utils/consent-options";
import { ChangeUseStatusSchema, ResolveFlagSchema, UseActionSchema } from "~/utils/consent-use-schema";
import { useFormat } from "~/utils/use-format";
import { readForm } from "~/utils/form-data.server";

export const handle = { title: "staff:consentUses.use.title" };

const ACTION_CHOICES = Object.entries(CONSENT_USE_ACTION_LABELS);

const DONE = {
  created: "consentUses.use.done.created",
  resolved: "consentUses.use.done.resolved",
  published: "consentUses.use.done.published",
  ended: "consentUses.use.done.ended",
} as const;
const isDone = (value: string | null): value is keyof typeof DONE => value !== null && value in DONE;

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  const use = consentUseDetails(membership.organizationId, params.id ?? "");
  return {
    use: {
      ...use,
      // The note the system writes is shown in the reader's language; a note staff typed, as typed.
      actionNote: use.actionNote === GIVEN_AGAIN_NOTE ? null : use.actionNote,
      givenAgain: use.actionNote === GIVEN_AGAIN_NOTE,
    },
    mayOverride: can(membership.role, "consent-use:override"),
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const organizationId = membership.organizationId;
  const useId = params.id ?? "";
  getConsentUse(organizationId, useId); // another organization's use is a 404, whatever the form says
  const submission = parseWithZod(await readForm(request), { schema: UseActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  try {
    if (v.intent === "resolve") {
      resolveFlaggedUse({
        organizationId,
        actorUserId: user.id,
        useId,
        actionTaken: v.actionTaken,
        actionNote: v.actionNote ?? null,
      });
      return redirect(`/consent/uses/${useId}?done=resolved`);
    }
    changeConsentUseStatus({
      organizationId,
      actor: { userId: user.id, role: membership.role },
      useId,
      status: v.status,
      overrideReason: v.overrideReason ?? null,
    });
    return redirect(`/consent/uses/${useId}?done=${v.status}`);
  } catch (error) {
    if (error instanceof RuleError) {
      // The refusal to publish names the purpose; on this page it belongs next to the status buttons.
      const field =
        error.field === "purposeId" ||
        (error.field === "overrideReason" && !can(membership.role, "consent-use:override"))
          ? "status"
          : error.field;
      return data(submission.reply(whereRuleErrorGoes({ ...error, field, text: error.text })), { status: 400 });
    }
    throw error;
  }
});

export default function ConsentUsePage() {
  const words = useMessage();
  const { use, mayOverride } = useLoaderData<typeof loader>();
  const fmt = useFormat();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const doneParam = searchParams.get("done");
  const done = isDone(doneParam) ? DONE[doneParam] : null;
  const intent = lastResult?.initialValue?.intent;
  const cause = use.flagCause;
  const { t } = useTranslation("staff");
  const names = { name: use.preferredName, purpose: use.purposeLabel };
  const flagText =
    cause?.kind === "expired"
      ? t("consentUses.use.flagExpired", { ...names, day: fmt.date(cause.at) })
      : cause
        ? t("consentUses.use.flagWithdrawn", { ...names, day: fmt.date(cause.at) })
        : t("consentUses.use.flagWithdrawnUndated", names);
  const actionText = use.actionTaken
    ? use.actionAt
      ? t("consentUses.use.actionOn", {
          action: words(CONSENT_USE_ACTION_LABELS[use.actionTaken]),
          day: fmt.date(use.actionAt),
        })
      : words(CONSENT_USE_ACTION_LABELS[use.actionTaken])
    : "";
  const actionNote = use.givenAgain ? t("consentUses.givenAgainNote") : use.actionNote;

  return (
    <>
      <p>
        <Link to="/consent/uses" className="link">
          {t("consentUses.use.back")}
        </Link>
      </p>
      <h1 className="page-title mt-2">{use.description}</h1>
      <p className="mt-1">
        <Link to={`/consultants/${use.consultantId}/consent`} className="link">
          {use.preferredName}
        </Link>{" "}
        · {use.purposeLabel}
      </p>
      <div className="mt-4">{done ? <Notice>{t(done)}</Notice> : null}</div>

      {use.flagOpen ? (
        <section
          aria-labelledby="flag-heading"
          className="mt-2 rounded-lg border-2 border-red-700 bg-red-50 p-4 sm:p-6"
        >
          <h2 id="flag-heading" className="text-lg font-semibold text-red-900">
            <FlagBadge cause={cause} />
          </h2>
          <p className="mt-2">{flagText}</p>
          <ResolveForm lastResult={intent === "resolve" ? lastResult : undefined} />
        </section>
      ) : null}

      <dl className="card mt-4 grid gap-3 sm:grid-cols-2">
        <Detail term={t("consentUses.use.where")}>{use.place}</Detail>
        <Detail term={t("consentUses.use.when")}>
          {use.useDate ? fmt.calendarDay(use.useDate) : t("consentUses.use.notGiven")}
        </Detail>
        <Detail term={t("consentUses.use.reference")}>{use.reference ?? t("consentUses.use.notGiven")}</Detail>
        <Detail term={t("consentUses.use.status")}>{words(CONSENT_USE_STATUS_LABELS[use.status])}</Detail>
        <Detail term={t("consentUses.use.consentToday", { purpose: use.purposeLabel })}>
          <ConsentStateBadge state={use.currentState} />
        </Detail>
        <Detail term={t("consentUses.use.recorded")}>{fmt.dateTime(use.createdAt)}</Detail>
        {use.overrideReason ? (
          <div className="sm:col-span-2">
            <dt className="font-medium text-slate-700">{t("consentUses.use.overriddenBecause")}</dt>
            <dd>{use.overrideReason}</dd>
          </div>
        ) : null}
        {use.actionTaken ? (
          <div className="sm:col-span-2">
            <dt className="font-medium text-slate-700">{t("consentUses.use.actionHeading")}</dt>
            <dd>
              {actionNote ? t("consentUses.use.actionWithNote", { action: actionText, note: actionNote }) : actionText}
            </dd>
          </div>
        ) : null}
      </dl>

      {!use.flagOpen && use.status !== "ended" ? (
        <StatusForm
          status={use.status}
          consentCurrent={use.currentState === "granted"}
          mayOverride={mayOverride}
          lastResult={intent === "status" ? lastResult : undefined}
        />
      ) : null}
    </>
  );
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-slate-700">{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

type Reply = ReturnType<typeof useActionData<typeof action>>;

function ResolveForm({ lastResult }: { lastResult: Reply }) {
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof ResolveFlagSchema>>({
    id: "resolve-flag",
    lastResult,
    shouldValidate: "onSubmit",
  });
  const { t } = useTranslation("staff");
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 rounded-md bg-white p-4">
      <h3 className="font-semibold">{t("consentUses.use.resolveHeading")}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="resolve" />
      <div className="mt-2">
        <RadioGroupField
          field={fields.actionTaken}
          legend={t("consentUses.use.whatWasDone")}
          options={ACTION_CHOICES}
        />
      </div>
      <TextAreaField field={fields.actionNote} label={t("consentUses.use.note")} help={t("consentUses.use.noteHelp")} />
      <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
        {t("consentUses.use.resolveSubmit")}
      </button>
    </Form>
  );
}

function StatusForm({
  status,
  consentCurrent,
  mayOverride,
  lastResult,
}: {
  status: "planned" | "published";
  consentCurrent: boolean;
  mayOverride: boolean;
  lastResult: Reply;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof ChangeUseStatusSchema>>({
    id: "use-status",
    lastResult,
    shouldValidate: "onSubmit",
  });
  const busy = navigation.state === "submitting";
  const { t } = useTranslation("staff");
  const statusErrors = useMessages(fields.status.errors);
  return (
    <section aria-labelledby="status-heading" className="card mt-6 max-w-2xl">
      <h2 id="status-heading" className="text-lg font-semibold">
        {t("consentUses.use.statusHeading")}
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-3">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="status" />
        {status === "planned" ? (
          <p className="mb-3">
            {consentCurrent ? t("consentUses.use.whenPublished") : t("consentUses.use.notCurrent")}
          </p>
        ) : (
          <p className="mb-3">{t("consentUses.use.whenEnded")}</p>
        )}
        {status === "planned" && !consentCurrent && mayOverride ? (
          <TextAreaField
            field={fields.overrideReason}
            label={t("consentUses.use.overrideReason")}
            help={t("consentUses.use.overrideHelp")}
          />
        ) : null}
        <div className="flex flex-wrap gap-2">
          {status === "planned" ? (
            <button type="submit" name="status" value="published" className="btn-primary" disabled={busy}>
              {t("consentUses.use.markPublished")}
            </button>
          ) : null}
          <button type="submit" name="status" value="ended" className="btn-secondary" disabled={busy}>
            {t("consentUses.use.end")}
          </button>
        </div>
        <p
          id={fields.status.errorId}
          className="mt-1 min-h-[1.25rem] text-sm font-medium text-red-800"
          aria-live="polite"
        >
          {statusErrors}
        </p>
      </Form>
    </section>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
