import { replyWithRuleError, withHttpErrors } from "~/utils/http-errors.server";
import { languageFor } from "~/i18n/i18n.server";
import { FormProvider, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CapacityWarning } from "~/components/capacity-warning";
import { EngagementFields } from "~/components/engagement-fields";
import { TermsTranslationFields } from "~/components/terms-translation-fields";
import { FormErrors } from "~/components/forms";
import { requirePermission } from "~/utils/auth/guards.server";
import {
  engagementFormChoices,
  engagementFormDefaults,
  engagementTranslationDefaults,
  getEngagementForEdit,
} from "~/models/engagement/reads.server";
import { getOrganizationSettings } from "~/models/engagement/pay-settings.server";
import { updateEngagement } from "~/models/engagement/editing.server";
import { EngagementSchema } from "~/utils/engagement-schema";
import type { z } from "zod";
import { readForm } from "~/utils/form-data.server";

export const handle = { title: "staff:engagements.edit.title" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const language = await languageFor(request, user.preferredLanguage);
  const engagement = getEngagementForEdit(membership.organizationId, params.id ?? "");
  return {
    id: engagement.id,
    title: engagement.title,
    status: engagement.status,
    defaults: { ...engagementFormDefaults(engagement), translations: engagementTranslationDefaults(engagement) },
    written: Object.keys(engagement.termsTranslations ?? {}),
    choices: engagementFormChoices(membership.organizationId, engagement, language),
    fairHourlyCents: getOrganizationSettings(membership.organizationId).defaultHourlyRateCents,
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const submission = parseWithZod(await readForm(request), { schema: EngagementSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    updateEngagement({
      organizationId: membership.organizationId,
      engagementId: params.id ?? "",
      actorUserId: user.id,
      input: submission.value,
    });
    return redirect(`/engagements/${params.id}?done=saved`);
  } catch (error) {
    return replyWithRuleError(error, submission);
  }
});

export default function EditEngagement() {
  const { id, title, status, defaults, written, choices, fairHourlyCents } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("staff");
  const [form, fields] = useForm<z.input<typeof EngagementSchema>>({
    id: "edit-engagement",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: defaults,
  });
  return (
    <>
      <p>
        <Link to={`/engagements/${id}`} className="link">
          ← {title}
        </Link>
      </p>
      <h1 className="page-title mb-2 mt-2">{t("engagements.edit.title")}</h1>
      {status !== "proposed" ? (
        <p className="mb-4 rounded-md border border-amber-600 bg-amber-50 p-3">
          {t("engagements.edit.reacceptWarning")}
        </p>
      ) : null}
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)} className="max-w-2xl">
          <FormErrors id={form.errorId} errors={form.errors} />
          <EngagementFields
            fields={fields}
            choices={choices}
            fairHourlyCents={fairHourlyCents}
            checkButtonProps={form.validate.getButtonProps({ name: fields.rate.name })}
          />
          <TermsTranslationFields translations={fields.translations} stillSame={fields.stillSame} written={written} />
          <CapacityWarning
            id="capacity-warning"
            errors={fields.offerAnyway.errors}
            confirmName="offerAnyway"
            confirmLabel={t("capacity.warning.offerAnyway")}
          />
          <div className="flex gap-3">
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              {t("engagements.edit.save")}
            </button>
            <Link to={`/engagements/${id}`} className="btn-secondary">
              {t("engagements.edit.cancel")}
            </Link>
          </div>
        </Form>
      </FormProvider>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
