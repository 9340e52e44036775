import { SafeTrans } from "~/i18n/safe-trans";
import { languageFor } from "~/i18n/i18n.server";
import { replyWithRuleError, withHttpErrors } from "~/utils/http-errors.server";
import { FormProvider, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CapacityWarning } from "~/components/capacity-warning";
import { EngagementFields } from "~/components/engagement-fields";
import { TermsTranslationFields } from "~/components/terms-translation-fields";
import { FormErrors } from "~/components/forms";
import { noticeOfNewWork } from "~/models/capacity/availability.server";
import { EngagementSchema, NewEngagementSchema } from "~/utils/engagement-schema";
import { requirePermission } from "~/utils/auth/guards.server";
import { createEngagement } from "~/models/engagement/editing.server";
import { engagementFormChoices } from "~/models/engagement/reads.server";
import { getOrganizationSettings } from "~/models/engagement/pay-settings.server";
import { readForm } from "~/utils/form-data.server";

export const handle = { title: "staff:engagements.new.title" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const language = await languageFor(request, user.preferredLanguage);
  // Ids of records (never names) may preselect the consultant or program when coming from their page.
  const url = new URL(request.url);
  return {
    creationKey: crypto.randomUUID(),
    choices: engagementFormChoices(membership.organizationId, {}, language),
    fairHourlyCents: getOrganizationSettings(membership.organizationId).defaultHourlyRateCents,
    preselected: {
      consultantId: url.searchParams.get("consultant") ?? "",
      programId: url.searchParams.get("program") ?? "",
    },
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const submission = parseWithZod(await readForm(request), { schema: NewEngagementSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { creationKey, ...input } = submission.value;
  try {
    const engagement = createEngagement({
      organizationId: membership.organizationId,
      actorUserId: user.id,
      input,
      creationKey,
    });
    // "You have an update", only where email is safe for them and not while they have paused their
    // work: the details wait in the portal. A resent form changed nothing, so it tells nobody again.
    if (engagement.created) {
      await noticeOfNewWork({ organizationId: membership.organizationId, consultantId: engagement.consultantId });
    }
    return redirect(`/engagements/${engagement.id}?done=created`);
  } catch (error) {
    return replyWithRuleError(error, submission);
  }
});

export default function NewEngagement() {
  const { creationKey, choices, preselected, fairHourlyCents } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof EngagementSchema>>({
    id: "new-engagement",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { ...preselected, coversPreparation: true, coversTravel: true, coversDebrief: true },
  });
  const { t } = useTranslation("staff");
  const noChoices = choices.consultants.length === 0 || choices.programs.length === 0;
  return (
    <>
      <p>
        <Link to="/engagements" className="link">
          ← {t("engagements.list.title")}
        </Link>
      </p>
      <h1 className="page-title mb-2 mt-2">{t("engagements.new.title")}</h1>
      <p className="mb-4 text-slate-700">{t("engagements.new.intro")}</p>
      {noChoices ? (
        <p className="card">
          <SafeTrans
            t={t}
            i18nKey="engagements.new.firstAdd"
            components={{
              consultant: <Link to="/consultants/new" className="link" />,
              program: <Link to="/programs" className="link" />,
            }}
          />
        </p>
      ) : (
        <FormProvider context={form.context}>
          <Form method="post" {...getFormProps(form)} className="max-w-2xl">
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="creationKey" value={creationKey} />
            <EngagementFields
              fields={fields}
              choices={choices}
              fairHourlyCents={fairHourlyCents}
              checkButtonProps={form.validate.getButtonProps({ name: fields.rate.name })}
            />
            <TermsTranslationFields translations={fields.translations} />
            <CapacityWarning
              id="capacity-warning"
              errors={fields.offerAnyway.errors}
              confirmName="offerAnyway"
              confirmLabel={t("capacity.warning.offerAnyway")}
            />
            {Object.keys(form.allErrors).length > 0 ? (
              <p role="alert" className="mb-3 font-medium text-red-800">
                {t("engagements.new.needsALook")}
              </p>
            ) : null}
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              {t("engagements.new.save")}
            </button>
          </Form>
        </FormProvider>
      )}
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
