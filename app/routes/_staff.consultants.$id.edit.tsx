import { replyWithRuleError, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ConsultantProfileFields } from "~/components/consultant-profile-fields";
import { FormErrors } from "~/components/forms";
import { expertiseForForm, getConsultantForStaff, updateConsultantProfile } from "~/models/consultant/record.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { can } from "~/models/permissions";
import { profileFormDefaults } from "~/utils/consultant-form";
import { EditConsultantSchema as EditSchema, STAFF_PROFILE_LISTS } from "~/utils/consultant-schema";
import { readForm } from "~/utils/form-data.server";

export const handle = { title: "staff:consultants.edit.title" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const record = getConsultantForStaff({
    organizationId: membership.organizationId,
    consultantId: params.id ?? "",
    viewer: { userId: user.id, role: membership.role },
  });
  // An erased record has nothing to edit, and nothing may be written back into it.
  if (record.erasedAt) throw redirect(`/consultants/${record.id}`);
  return {
    id: record.id,
    preferredName: record.preferredName,
    version: record.updatedAt.getTime(),
    seesLegalName: can(membership.role, "tax-details:read"),
    defaults: {
      ...profileFormDefaults(record),
      ...expertiseForForm(record.expertise),
      preferredLanguage: record.preferredLanguage ?? "",
      staffNotes: record.staffNotes ?? "",
      legalName: record.legalName ?? "",
    },
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const submission = parseWithZod(await readForm(request, STAFF_PROFILE_LISTS), { schema: EditSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { version, ...input } = submission.value;
  try {
    updateConsultantProfile({
      organizationId: membership.organizationId,
      consultantId: params.id ?? "",
      actor: { userId: user.id, role: membership.role },
      input,
      expectedVersion: version,
    });
    return redirect(`/consultants/${params.id}?done=saved`);
  } catch (error) {
    return replyWithRuleError(error, submission);
  }
});

export default function EditConsultant() {
  const { id, preferredName, version, seesLegalName, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("staff");
  const [form, fields] = useForm<z.input<typeof EditSchema>>({
    id: "edit-consultant",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: defaults,
  });
  return (
    <>
      <p>
        <Link to={`/consultants/${id}`} className="link">
          {t("consultants.backTo", { name: preferredName })}
        </Link>
      </p>
      <h1 className="page-title mb-4 mt-2">{t("consultants.edit.heading", { name: preferredName })}</h1>
      <Form method="post" {...getFormProps(form)} className="max-w-2xl">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="version" value={version} />
        <ConsultantProfileFields fields={fields} audience={seesLegalName ? "admin" : "staff"} />
        {Object.keys(form.allErrors).length > 0 ? (
          <p role="alert" className="mb-3 font-medium text-red-800">
            {t("consultants.form.needsLook")}
          </p>
        ) : null}
        <div className="flex gap-3">
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            {t("consultants.edit.save")}
          </button>
          <Link to={`/consultants/${id}`} className="btn-secondary">
            {t("consultants.edit.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
