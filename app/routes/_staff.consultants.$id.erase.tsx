/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors } from "~/components/forms";
import { erasureStatus, PAYMENT_RECORD_YEARS } from "~/models/erasure/requests.server";
import { forgetConsultant } from "~/models/erasure/forget.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { useFormat } from "~/utils/use-format";
import { capitalized, personWords } from "~/utils/pronouns";
import { readForm } from "~/utils/form-data.server";
import { ERASE_CONFIRM_WORD as CONFIRM_WORD, EraseSchema } from "~/utils/consultant-schema";

export const meta: MetaFunction = () => [{ title: "Delete a consultant's information" }];

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
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EraseSchema }),
    shouldValidate: "onSubmit",
  });

  if (status.erasedAt) {
    return (
      <>
        <h1 className="page-title">Information already deleted</h1>
        <p className="mt-3">
          This record was closed on {fmt.date(status.erasedAt)}.{" "}
          <Link to={`/consultants/${status.id}`} className="link">
            Back to the record
          </Link>
        </p>
      </>
    );
  }

  const they = personWords(status.preferredName, status.pronouns);
  const describedBy = [fields.confirm.descriptionId, fields.confirm.errors?.length ? fields.confirm.errorId : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="max-w-2xl">
      <p>
        <Link to={`/consultants/${status.id}`} className="link">
          ← {status.preferredName}
        </Link>
      </p>
      <h1 className="page-title mt-2">Delete {status.preferredName}’s information</h1>
      {status.request ? (
        <p className="mt-3">
          {capitalized(they.subject)} asked for this in the portal on {fmt.date(status.request.createdAt)}.
        </p>
      ) : (
        <p className="mt-3">Do this only when {they.subject} asked for it, for example by letter, email or phone.</p>
      )}

      <section aria-labelledby="deleted-heading" className="card mt-4">
        <h2 id="deleted-heading" className="text-lg font-semibold">
          What will be deleted
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          <li>
            {capitalized(they.possessive)} name, pronouns, legal name, email, phone, location, languages and expertise.
          </li>
          <li>Availability, access needs, support person and interpreter needs.</li>
          <li>Staff notes, onboarding notes and reasons given for status changes.</li>
          <li>
            Notes on {they.possessive} consent choices, messages on agreements, notes on time entries, payment
            references.
          </li>
          <li>The words of {they.possessive} feedback (the scores stay in the totals, with no name).</li>
          <li>
            {capitalized(they.possessive)} portal login for this organization, and any invitation or password link.
          </li>
        </ul>
        <p className="mt-2">
          Every consent {they.subject} still {they.verb("gives", "give")} is withdrawn, and uses of {they.possessive}{" "}
          work are flagged to stop.
        </p>
      </section>

      <section aria-labelledby="kept-heading" className="card mt-4">
        <h2 id="kept-heading" className="text-lg font-semibold">
          What is kept, and why
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          <li>
            Payments ({status.paymentCount}): amounts, dates and method. Tax law requires these records for at least{" "}
            {paymentYears} years. The legal name is deleted: use the W-9 you keep on file for tax forms.
          </li>
          <li>
            When {they.subject} said yes or no to each use of {they.possessive} story, and when it was withdrawn: the
            proof of consent.
          </li>
          <li>Engagements, hours and program input, now linked to a record with no name.</li>
        </ul>
      </section>

      <Form method="post" {...getFormProps(form)} className="card mt-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        {status.request ? null : <input type="hidden" name="channel" value="other" />}
        <label htmlFor={fields.confirm.id} className="block font-medium">
          Type {CONFIRM_WORD} to confirm
        </label>
        <input
          {...getInputProps(fields.confirm, { type: "text" })}
          key={fields.confirm.key}
          autoComplete="off"
          aria-describedby={describedBy}
          className="input"
        />
        <p id={fields.confirm.descriptionId} className="mt-1 text-sm text-slate-700">
          This cannot be undone.
        </p>
        <p id={fields.confirm.errorId} className="min-h-[1.25rem] text-sm font-medium text-red-800" aria-live="polite">
          {fields.confirm.errors?.join(" ")}
        </p>
        <button type="submit" className="btn-danger mt-2" disabled={navigation.state === "submitting"}>
          Delete {they.possessive} information
        </button>
      </Form>
    </div>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
