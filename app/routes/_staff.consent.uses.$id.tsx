/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { RuleError } from "~/models/errors";
import { whereRuleErrorGoes, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import type { z } from "zod";
import { ConsentStateBadge, FlagBadge } from "~/components/consent-status";
import { FormErrors, Notice, RadioGroupField, TextAreaField } from "~/components/forms";
import { requirePermission } from "~/utils/auth/guards.server";
import { consentUseDetails } from "~/models/consent/report.server";
import { changeConsentUseStatus, getConsentUse, resolveFlaggedUse } from "~/models/consent/uses.server";
import { can } from "~/models/permissions";
import { CONSENT_USE_ACTION_LABELS, CONSENT_USE_STATUS_LABELS } from "~/utils/consent-options";
import { ChangeUseStatusSchema, ResolveFlagSchema, UseActionSchema } from "~/utils/consent-use-schema";
import { formatDate } from "~/utils/format";
import { useFormat } from "~/utils/use-format";
import { useMessage } from "~/i18n/use-message";
import { readForm } from "~/utils/form-data.server";

export const meta: MetaFunction = () => [{ title: "Use of a consultant’s contribution" }];

const ACTION_CHOICES = Object.entries(CONSENT_USE_ACTION_LABELS);

const DONE: Record<string, string> = {
  created: "Use recorded.",
  resolved: "Recorded what was done. The flag is closed.",
  published: "Marked as in use or published.",
  ended: "Use ended.",
};

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  return {
    use: consentUseDetails(membership.organizationId, params.id ?? ""),
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
  const done = DONE[searchParams.get("done") ?? ""];
  const intent = lastResult?.initialValue?.intent;
  const cause = use.flagCause;

  return (
    <>
      <p>
        <Link to="/consent/uses" className="link">
          ← Uses register
        </Link>
      </p>
      <h1 className="page-title mt-2">{use.description}</h1>
      <p className="mt-1">
        <Link to={`/consultants/${use.consultantId}/consent`} className="link">
          {use.preferredName}
        </Link>{" "}
        · {use.purposeLabel}
      </p>
      <div className="mt-4">{done ? <Notice>{done}</Notice> : null}</div>

      {use.flagOpen ? (
        <section
          aria-labelledby="flag-heading"
          className="mt-2 rounded-lg border-2 border-red-700 bg-red-50 p-4 sm:p-6"
        >
          <h2 id="flag-heading" className="text-lg font-semibold text-red-900">
            <FlagBadge cause={cause} />
          </h2>
          <p className="mt-2">
            {cause?.kind === "expired"
              ? `${use.preferredName}’s consent for “${use.purposeLabel}” ended on ${fmt.date(cause.at)}.`
              : `${use.preferredName} withdrew consent for “${use.purposeLabel}”${cause ? ` on ${fmt.date(cause.at)}` : ""}.`}{" "}
            Stop any new use and take it down where you can. Then record what was done.
          </p>
          <ResolveForm lastResult={intent === "resolve" ? lastResult : undefined} />
        </section>
      ) : null}

      <dl className="card mt-4 grid gap-3 sm:grid-cols-2">
        <Detail term="Where">{use.place}</Detail>
        <Detail term="When">{use.useDate ? formatDate(use.useDate) : "Not given"}</Detail>
        <Detail term="Link or file name">{use.reference ?? "Not given"}</Detail>
        <Detail term="Status">{words(CONSENT_USE_STATUS_LABELS[use.status])}</Detail>
        <Detail term={`Consent for “${use.purposeLabel}” today`}>
          <ConsentStateBadge state={use.currentState} />
        </Detail>
        <Detail term="Recorded">{fmt.dateTime(use.createdAt)}</Detail>
        {use.overrideReason ? (
          <div className="sm:col-span-2">
            <dt className="font-medium text-slate-700">Recorded without consent, by an admin, because</dt>
            <dd>{use.overrideReason}</dd>
          </div>
        ) : null}
        {use.actionTaken ? (
          <div className="sm:col-span-2">
            <dt className="font-medium text-slate-700">What was done after consent ended</dt>
            <dd>
              {words(CONSENT_USE_ACTION_LABELS[use.actionTaken])}
              {use.actionAt ? ` (${fmt.date(use.actionAt)})` : ""}
              {use.actionNote ? `: ${use.actionNote}` : ""}
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
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 rounded-md bg-white p-4">
      <h3 className="font-semibold">Record what was done</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="resolve" />
      <div className="mt-2">
        <RadioGroupField field={fields.actionTaken} legend="What was done?" options={ACTION_CHOICES} />
      </div>
      <TextAreaField
        field={fields.actionNote}
        label="Note"
        help="Needed when you choose “Something else”. For example who took it down, or why it cannot be pulled back."
      />
      <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
        Record what was done
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
  const words = useMessage();
  const [form, fields] = useForm<z.input<typeof ChangeUseStatusSchema>>({
    id: "use-status",
    lastResult,
    shouldValidate: "onSubmit",
  });
  const busy = navigation.state === "submitting";
  return (
    <section aria-labelledby="status-heading" className="card mt-6 max-w-2xl">
      <h2 id="status-heading" className="text-lg font-semibold">
        Change the status
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-3">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="status" />
        {status === "planned" ? (
          <p className="mb-3">
            {consentCurrent
              ? "When it is out (printed, posted or shown), mark it as published."
              : "The consultant’s consent for this purpose is not current, so this use cannot be published. Ask them first."}
          </p>
        ) : (
          <p className="mb-3">When it is no longer in use, end it. Ended uses stay on record.</p>
        )}
        {status === "planned" && !consentCurrent && mayOverride ? (
          <TextAreaField
            field={fields.overrideReason}
            label="Admins only: reason to publish without consent"
            help="Leave empty unless there is a strong reason. It is kept with the use and the override is audited."
          />
        ) : null}
        <div className="flex flex-wrap gap-2">
          {status === "planned" ? (
            <button type="submit" name="status" value="published" className="btn-primary" disabled={busy}>
              Mark as published
            </button>
          ) : null}
          <button type="submit" name="status" value="ended" className="btn-secondary" disabled={busy}>
            End this use
          </button>
        </div>
        <p
          id={fields.status.errorId}
          className="mt-1 min-h-[1.25rem] text-sm font-medium text-red-800"
          aria-live="polite"
        >
          {fields.status.errors?.map(words).join(" ")}
        </p>
      </Form>
    </section>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
