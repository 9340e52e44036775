import { SafeTrans } from "~/i18n/safe-trans";
import { withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, useMessages } from "~/components/forms";
import { erasureStatus, PAYMENT_RECORD_YEARS } from "~/models/erasure/requests.server";
import { forgetConsultant } from "~/models/erasure/forget.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { useFormat } from "~/utils/use-format";
import { pronounContext } from "~/utils/pronouns";
import { readForm } from "~/utils/form-data.server";
import { ERASE_CONFIRM_WORD as CONFIRM_WORD, EraseSchema } from "~/utils/consultant-schema";

export const handle = { title: "staff:consultants.erase.title" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "consultant:erase");
  return {
    status: erasureStatus(membership.organizationId, params.id ?? ""),
    paymentYears: PAYMENT_RECORD_YEARS,
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "consultant:erase");
  const submission = parseWithZod(await readForm(request), { schema: EraseSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const consultantId = params.id ?? "";
  forgetConsultant({
    organizationId: membership.organizationId,
    consultantId,
    actor: { userId: user.id, role: membership.role },
    channel: submission.value.channel,
  });
  return redirect(`/consultants/${consultantId}?done=erased`);
});

export default function EraseConsultant() {
  const { status, paymentYears } = useLoaderData<typeof loader>();
  const fmt = useFormat();
  const { t } = useTranslation("staff");
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EraseSchema }),
    shouldValidate: "onSubmit",
  });
  const confirmError = useMessages(fields.confirm.errors);

  if (status.erasedAt) {
    return (
      <>
        <h1 className="page-title">{t("consultants.erase.alreadyHeading")}</h1>
        <p className="mt-3">
          <SafeTrans
            t={t}
            i18nKey="consultants.erase.alreadyClosed"
            values={{ date: fmt.date(status.erasedAt) }}
            components={{ a: <Link to={`/consultants/${status.id}`} className="link" /> }}
          />
        </p>
      </>
    );
  }

  const person = { context: pronounContext(status.pronouns), name: status.preferredName };
  const confirmInput = getInputProps(fields.confirm, { type: "text" });
  const describedBy = [fields.confirm.descriptionId, fields.confirm.errors?.length ? fields.confirm.errorId : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="max-w-2xl">
      <p>
        <Link to={`/consultants/${status.id}`} className="link">
          {t("consultants.backTo", { name: status.preferredName })}
        </Link>
      </p>
      <h1 className="page-title mt-2">{t("consultants.erase.heading", { name: status.preferredName })}</h1>
      {status.request ? (
        <p className="mt-3">
          {t("consultants.erase.askedInPortal", { ...person, date: fmt.date(status.request.createdAt) })}
        </p>
      ) : (
        <p className="mt-3">{t("consultants.erase.onlyWhenAsked", person)}</p>
      )}

      <section aria-labelledby="deleted-heading" className="card mt-4">
        <h2 id="deleted-heading" className="text-lg font-semibold">
          {t("consultants.erase.deletedHeading")}
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          <li>{t("consultants.erase.deleted.profile", person)}</li>
          <li>{t("consultants.erase.deleted.needs")}</li>
          <li>{t("consultants.erase.deleted.notes")}</li>
          <li>{t("consultants.erase.deleted.consentNotes", person)}</li>
          <li>{t("consultants.erase.deleted.feedback", person)}</li>
          <li>{t("consultants.erase.deleted.ideas")}</li>
          <li>{t("consultants.erase.deleted.login", person)}</li>
        </ul>
        <p className="mt-2">{t("consultants.erase.consentWithdrawn", person)}</p>
      </section>

      <section aria-labelledby="kept-heading" className="card mt-4">
        <h2 id="kept-heading" className="text-lg font-semibold">
          {t("consultants.erase.keptHeading")}
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          <li>{t("consultants.erase.kept.payments", { payments: status.paymentCount, years: paymentYears })}</li>
          <li>{t("consultants.erase.kept.consent", person)}</li>
          <li>{t("consultants.erase.kept.work")}</li>
        </ul>
      </section>

      <Form method="post" {...getFormProps(form)} className="card mt-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        {status.request ? null : <input type="hidden" name="channel" value="other" />}
        <label htmlFor={fields.confirm.id} className="block font-medium">
          {t("consultants.erase.confirmLabel", { word: CONFIRM_WORD })}
        </label>
        <input
          {...confirmInput}
          key={fields.confirm.key}
          autoComplete="off"
          aria-describedby={describedBy}
          className="input"
        />
        <p id={fields.confirm.descriptionId} className="mt-1 text-sm text-slate-700">
          {t("consultants.erase.cannotUndo")}
        </p>
        <p id={fields.confirm.errorId} className="min-h-[1.25rem] text-sm font-medium text-red-800" aria-live="polite">
          {confirmError}
        </p>
        <button type="submit" className="btn-danger mt-2" disabled={navigation.state === "submitting"}>
          {t("consultants.erase.button", person)}
        </button>
      </Form>
    </div>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
