import { replyWithRuleError, whereRuleErrorGoes, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { CapacityWarning, type CapacityWarningsOf } from "~/components/capacity-warning";
import { CheckboxField, CheckboxGroupField, FormErrors, Notice, SelectField, TextField } from "~/components/forms";
import { useMessage } from "~/i18n/use-message";
import { requirePermission } from "~/utils/auth/guards.server";
import {
  AskAnywayNeeded,
  assessmentInvitationsOverview,
  inviteConsultants,
} from "~/models/assessment/invitations.server";
import { ANONYMITY_THRESHOLD } from "~/models/feedback/anonymity.server";
import { InviteConsultantsSchema } from "~/utils/assessment-schema";
import { readForm } from "~/utils/form-data.server";
import { useFormat } from "~/utils/use-format";

export const handle = { title: "staff:assessTogether.invite.title" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  return {
    ...assessmentInvitationsOverview(membership.organizationId, params.id ?? ""),
    threshold: ANONYMITY_THRESHOLD,
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const form = await readForm(request, (name) => name === "consultantIds");
  const submission = parseWithZod(form, { schema: InviteConsultantsSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const { paused } = await inviteConsultants({
      organizationId: membership.organizationId,
      actorUserId: user.id,
      assessmentId: params.id ?? "",
      ...submission.value,
    });
    // A count, never who: the page says how many were not sent a notice.
    return redirect(`/assessments/${params.id}/invite?done=invited${paused ? `&paused=${paused}` : ""}`);
  } catch (error) {
    // Everything chosen comes back ticked, with each consultant's warnings and "Ask anyway".
    if (error instanceof AskAnywayNeeded) {
      return data({ ...submission.reply(whereRuleErrorGoes(error)), capacity: error.byConsultant }, { status: 400 });
    }
    return replyWithRuleError(error, submission);
  }
});

export default function InviteConsultants() {
  const { assessment, open, canAsk, invited, namedAnswers, anonymousAnswers, anonymousGroup, programs, threshold } =
    useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const capacity = (lastResult as { capacity?: CapacityWarningsOf[] } | undefined)?.capacity;
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const paused = Number(searchParams.get("paused") ?? 0);
  const fmt = useFormat();
  const words = useMessage();
  const { t } = useTranslation("staff");
  const [form, fields] = useForm<z.input<typeof InviteConsultantsSchema>>({
    id: "invite-consultants",
    lastResult,
    shouldValidate: "onSubmit",
  });
  return (
    <>
      <p className="text-sm">
        <Link to={`/assessments/${assessment.id}`} className="link">
          {assessment.title}
        </Link>
      </p>
      <h1 className="page-title">{t("assessTogether.invite.heading", { title: assessment.title })}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">{t("assessTogether.invite.intro", { threshold })}</p>
      <div className="mt-3">
        {searchParams.get("done") === "invited" ? (
          <Notice>
            {t("assessTogether.invite.done")}
            {Number.isInteger(paused) && paused > 0 ? (
              <> {t("assessTogether.invite.donePaused", { count: paused })}</>
            ) : null}
          </Notice>
        ) : null}
      </div>

      <section aria-labelledby="asked-heading" className="mt-6">
        <h2 id="asked-heading" className="text-lg font-semibold">
          {t("assessTogether.invite.askedHeading")}
        </h2>
        <p className="mt-1">{t("assessTogether.invite.counts", { asked: invited.length })}</p>
        {namedAnswers.length > 0 ? (
          <p className="mt-1">{t("assessTogether.invite.named", { names: namedAnswers.join(", ") })}</p>
        ) : null}
        <p className="mt-1">
          {anonymousAnswers === 0
            ? t("assessTogether.invite.anonymousFew", { group: anonymousGroup })
            : t("assessTogether.invite.anonymousGroups", { count: anonymousAnswers, group: anonymousGroup })}
        </p>
        <p className="mt-1 text-sm text-slate-700">{t("assessTogether.invite.whoNotShown")}</p>
        {invited.length === 0 ? (
          <p className="card mt-2">{t("assessTogether.invite.noneAsked")}</p>
        ) : (
          <ul className="mt-2 grid gap-2">
            {invited.map((i) => (
              <li key={i.consultantId} className="card">
                {i.paid
                  ? t("assessTogether.invite.askedPaid", { name: i.preferredName, date: fmt.date(i.invitedAt) })
                  : t("assessTogether.invite.asked", { name: i.preferredName, date: fmt.date(i.invitedAt) })}
                {i.engagementId ? (
                  <>
                    {" "}
                    <Link to={`/engagements/${i.engagementId}`} className="link">
                      {t("assessTogether.invite.seeWork")}
                    </Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="ask-heading" className="mt-8">
        <h2 id="ask-heading" className="text-lg font-semibold">
          {t("assessTogether.invite.askHeading")}
        </h2>
        {!open ? (
          <p className="card mt-2">{t("assessTogether.invite.notOpen")}</p>
        ) : canAsk.length === 0 ? (
          <p className="card mt-2">{t("assessTogether.invite.nobodyToAsk")}</p>
        ) : (
          <Form method="post" {...getFormProps(form)} className="card mt-2 max-w-2xl">
            <FormErrors id={form.errorId} errors={form.errors} />
            <CheckboxGroupField
              field={fields.consultantIds}
              legend={t("assessTogether.invite.who")}
              help={t("assessTogether.invite.whoHelp")}
              options={canAsk.map(
                (c) =>
                  [
                    c.id,
                    c.pausedUntil
                      ? t("assessTogether.invite.whoPaused", { name: c.preferredName, until: c.pausedUntil })
                      : c.preferredName,
                  ] as const,
              )}
            />
            <CheckboxField
              field={fields.paid}
              label={t("assessTogether.invite.paid")}
              help={t("assessTogether.invite.paidHelp")}
            />
            <SelectField
              field={fields.programId}
              label={t("assessTogether.invite.program")}
              help={t("assessTogether.invite.programHelp")}
              placeholder={t("assessTogether.invite.chooseProgram")}
              options={programs.map((p) => [p.id, p.name] as const)}
            />
            <TextField
              field={fields.amount}
              label={t("assessTogether.invite.amount")}
              help={t("assessTogether.invite.amountHelp")}
              inputMode="decimal"
            />
            {fields.askAnyway.errors?.length ? (
              <p role="alert" className="mb-3 font-medium text-red-800">
                {fields.askAnyway.errors.map((e) => words(e)).join(" ")}
              </p>
            ) : null}
            <CapacityWarning
              id="capacity-warning"
              errors={fields.askAnyway.errors}
              people={capacity}
              confirmName="askAnyway"
              confirmLabel={t("assessTogether.invite.askAnyway")}
            />
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              {t("assessTogether.invite.submit")}
            </button>
          </Form>
        )}
      </section>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
