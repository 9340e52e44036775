import { replyWithRuleError, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ConsultantProfileFields } from "~/components/consultant-profile-fields";
import { FormErrors } from "~/components/forms";
import { createConsultant } from "~/models/consultant/record.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { can } from "~/models/permissions";
import { NEW_PROFILE_DEFAULTS } from "~/utils/consultant-form";
import { NewConsultantSchema, STAFF_PROFILE_LISTS } from "~/utils/consultant-schema";
import { readForm } from "~/utils/form-data.server";

export const handle = { title: "staff:consultants.new.title" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  return { creationKey: crypto.randomUUID(), seesLegalName: can(membership.role, "tax-details:read") };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const submission = parseWithZod(await readForm(request, STAFF_PROFILE_LISTS), { schema: NewConsultantSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { creationKey, ...input } = submission.value;
  try {
    const id = createConsultant({
      organizationId: membership.organizationId,
      actor: { userId: user.id, role: membership.role },
      input,
      creationKey,
    });
    return redirect(`/consultants/${id}?done=created`);
  } catch (error) {
    return replyWithRuleError(error, submission);
  }
});

export default function NewConsultant() {
  const { creationKey, seesLegalName } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("staff");
  const [form, fields] = useForm<z.input<typeof NewConsultantSchema>>({
    id: "new-consultant",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: NEW_PROFILE_DEFAULTS,
  });
  return (
    <>
      <p>
        <Link to="/consultants" className="link">
          {t("consultants.backToList")}
        </Link>
      </p>
      <h1 className="page-title mt-2">{t("consultants.new.title")}</h1>
      <p className="mb-4 mt-1 text-slate-700">{t("consultants.new.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="max-w-2xl">
        <FormErrors id={form.errorId} errors={form.errors} />
        {/* The same key on a resubmission makes the server return the record already made. */}
        <input type="hidden" name="creationKey" value={creationKey} />
        <ConsultantProfileFields fields={fields} audience={seesLegalName ? "admin" : "staff"} />
        {Object.keys(form.allErrors).length > 0 ? (
          <p role="alert" className="mb-3 font-medium text-red-800">
            {t("consultants.form.needsLook")}
          </p>
        ) : null}
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("consultants.new.save")}
        </button>
      </Form>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
