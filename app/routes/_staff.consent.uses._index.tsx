import { SafeTrans } from "~/i18n/safe-trans";
import { RuleError } from "~/models/errors";
import { whereRuleErrorGoes, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { FlagBadge } from "~/components/consent-status";
import { FormErrors, RadioGroupField, SelectField, TextAreaField, TextField } from "~/components/forms";
import { requirePermission } from "~/utils/auth/guards.server";
import { usesRegister, choicesForNewUse } from "~/models/consent/report.server";
import { recordConsentUse } from "~/models/consent/uses.server";
import { can } from "~/models/permissions";
import { CONSENT_USE_STATUS_LABELS } from "~/utils/consent-options";
import { useMessage } from "~/i18n/use-message";
import { RecordUseSchema } from "~/utils/consent-use-schema";
import { readForm } from "~/utils/form-data.server";
import { useFormat } from "~/utils/use-format";

export const handle = { title: "staff:consentUses.register.title" };

const STATUS_CHOICES = [
  ["planned", CONSENT_USE_STATUS_LABELS.planned],
  ["published", CONSENT_USE_STATUS_LABELS.published],
] as const;

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  const organizationId = membership.organizationId;
  // Only ids and a yes/no sit in the address, never names.
  const url = new URL(request.url);
  const flaggedOnly = url.searchParams.get("flagged") === "1";
  return {
    uses: usesRegister(organizationId, { flaggedOnly }),
    flaggedOnly,
    choices: choicesForNewUse(organizationId),
    preselectedConsultantId: url.searchParams.get("consultant") ?? "",
    creationKey: crypto.randomUUID(),
    mayOverride: can(membership.role, "consent-use:override"),
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const submission = parseWithZod(await readForm(request), { schema: RecordUseSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  try {
    const { useId } = recordConsentUse({
      organizationId: membership.organizationId,
      actor: { userId: user.id, role: membership.role },
      consultantId: v.consultantId,
      purposeId: v.purposeId,
      description: v.description,
      place: v.place,
      useDate: v.useDate ?? null,
      reference: v.reference ?? null,
      status: v.status,
      // The model refuses an override from a role without "consent-use:override", whatever the form sent.
      overrideReason: v.overrideReason ?? null,
      creationKey: v.creationKey,
    });
    return redirect(`/consent/uses/${useId}?done=created`);
  } catch (error) {
    if (error instanceof RuleError) {
      // Staff never see the override field, so its message goes to the top of the form for them.
      const onForm = error.field === "overrideReason" && !can(membership.role, "consent-use:override");
      return data(submission.reply(whereRuleErrorGoes(error, onForm)), { status: 400 });
    }
    throw error;
  }
});

export default function UsesRegister() {
  const { uses, flaggedOnly, choices, preselectedConsultantId, creationKey, mayOverride } =
    useLoaderData<typeof loader>();
  const words = useMessage();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof RecordUseSchema>>({
    id: "record-use",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { status: "planned", consultantId: preselectedConsultantId },
  });
  // An admin sees the override once consent is missing, or when they have already written a reason.
  const overrideOpen = Boolean(fields.purposeId.errors?.length || fields.overrideReason.errors?.length);
  const { t } = useTranslation("staff");
  const fmt = useFormat();

  return (
    <>
      <p>
        <Link to="/consent" className="link">
          {t("consentUses.register.back")}
        </Link>
      </p>
      <h1 className="page-title mt-2">{t("consentUses.register.title")}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">{t("consentUses.register.intro")}</p>

      <nav aria-label={t("consentUses.register.whichUses")} className="mt-4 flex flex-wrap gap-2">
        <Link
          to="/consent/uses"
          className={flaggedOnly ? "btn-secondary" : "btn-primary"}
          aria-current={flaggedOnly ? undefined : "page"}
        >
          {t("consentUses.register.allUses")}
        </Link>
        <Link
          to="/consent/uses?flagged=1"
          className={flaggedOnly ? "btn-primary" : "btn-secondary"}
          aria-current={flaggedOnly ? "page" : undefined}
        >
          {t("consentUses.register.flaggedOnly")}
        </Link>
      </nav>

      {uses.length === 0 ? (
        <p className="card mt-4">
          {flaggedOnly ? t("consentUses.register.noneFlagged") : t("consentUses.register.none")}
        </p>
      ) : (
        <ul className="mt-4 grid gap-3 md:grid-cols-2" aria-label={t("consentUses.register.uses")}>
          {uses.map((u) => (
            <li key={u.id} className={`card ${u.flagOpen ? "border-red-700" : ""}`}>
              {u.flagOpen ? <FlagBadge cause={u.flagCause} /> : null}
              <p className="mt-1 text-lg font-semibold">
                <Link to={`/consent/uses/${u.id}`} className="link">
                  {u.description}
                </Link>
              </p>
              <p className="text-sm">
                {u.preferredName} · {u.purposeLabel}
              </p>
              <p className="text-sm text-slate-700">
                {[
                  u.place,
                  ...(u.useDate ? [fmt.calendarDay(u.useDate)] : []),
                  words(CONSENT_USE_STATUS_LABELS[u.status]),
                ].join(" · ")}
              </p>
              {u.overrideReason ? (
                <p className="text-sm font-medium text-amber-900">{t("consentUses.register.overridden")}</p>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      <section aria-labelledby="record-use-heading" className="card mt-8 max-w-2xl">
        <h2 id="record-use-heading" className="text-lg font-semibold">
          {t("consentUses.register.recordHeading")}
        </h2>
        {choices.consultants.length === 0 ? (
          <p className="mt-2">
            <SafeTrans
              t={t}
              i18nKey="consentUses.register.noConsultants"
              components={{ a: <Link to="/consultants" className="link" /> }}
            />
          </p>
        ) : (
          <Form method="post" {...getFormProps(form)} className="mt-3">
            <FormErrors id={form.errorId} errors={form.errors} />
            {/* The same key on a resubmission makes the server return the use already recorded. */}
            <input type="hidden" name="creationKey" value={creationKey} />
            <SelectField
              field={fields.consultantId}
              label={t("consentUses.register.consultant")}
              placeholder={t("consentUses.register.chooseConsultant")}
              options={choices.consultants.map((c) => [c.id, c.preferredName] as const)}
            />
            <SelectField
              field={fields.purposeId}
              label={t("consentUses.register.usedFor")}
              placeholder={t("consentUses.register.choosePurpose")}
              options={choices.purposes.map((p) => [p.id, p.label] as const)}
              help={t("consentUses.register.usedForHelp")}
            />
            <TextField
              field={fields.description}
              label={t("consentUses.register.what")}
              help={t("consentUses.register.whatHelp")}
            />
            <TextField
              field={fields.place}
              label={t("consentUses.register.where")}
              help={t("consentUses.register.whereHelp")}
            />
            <TextField field={fields.useDate} label={t("consentUses.register.when")} type="date" />
            <TextField
              field={fields.reference}
              label={t("consentUses.register.reference")}
              help={t("consentUses.register.referenceHelp")}
            />
            <RadioGroupField field={fields.status} legend={t("consentUses.register.status")} options={STATUS_CHOICES} />
            {mayOverride ? (
              <details open={overrideOpen} className="mb-4 rounded-md border border-amber-700 bg-amber-50 p-3">
                <summary className="cursor-pointer font-semibold">{t("consentUses.register.override")}</summary>
                <p className="mt-2 text-sm">{t("consentUses.register.overrideHelp")}</p>
                <div className="mt-2">
                  <TextAreaField field={fields.overrideReason} label={t("consentUses.register.overrideReason")} />
                </div>
              </details>
            ) : null}
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              {t("consentUses.register.submit")}
            </button>
          </Form>
        )}
      </section>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
