/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { RuleError } from "~/models/errors";
import { whereRuleErrorGoes, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
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
import { formatDate } from "~/utils/format";
import { readForm } from "~/utils/form-data.server";

export const meta: MetaFunction = () => [{ title: "Uses register" }];

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

  return (
    <>
      <p>
        <Link to="/consent" className="link">
          ← Consent
        </Link>
      </p>
      <h1 className="page-title mt-2">Uses register</h1>
      <p className="mt-1 max-w-3xl text-slate-700">
        Every planned or actual use of a consultant’s story, name, image or words, and the consent it rests on. A use is
        only recorded when the consultant’s consent for it is current.
      </p>

      <nav aria-label="Which uses" className="mt-4 flex flex-wrap gap-2">
        <Link
          to="/consent/uses"
          className={flaggedOnly ? "btn-secondary" : "btn-primary"}
          aria-current={flaggedOnly ? undefined : "page"}
        >
          All uses
        </Link>
        <Link
          to="/consent/uses?flagged=1"
          className={flaggedOnly ? "btn-primary" : "btn-secondary"}
          aria-current={flaggedOnly ? "page" : undefined}
        >
          Only uses to take down or stop
        </Link>
      </nav>

      {uses.length === 0 ? (
        <p className="card mt-4">
          {flaggedOnly
            ? "Nothing to take down or stop."
            : "No uses recorded yet. When you plan to use a consultant’s words, name or image, record it with the form below."}
        </p>
      ) : (
        <ul className="mt-4 grid gap-3 md:grid-cols-2" aria-label="Uses">
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
                {u.place}
                {u.useDate ? ` · ${formatDate(u.useDate)}` : ""} · {words(CONSENT_USE_STATUS_LABELS[u.status])}
              </p>
              {u.overrideReason ? (
                <p className="text-sm font-medium text-amber-900">Recorded without consent, by an admin’s decision</p>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      <section aria-labelledby="record-use-heading" className="card mt-8 max-w-2xl">
        <h2 id="record-use-heading" className="text-lg font-semibold">
          Record a use
        </h2>
        {choices.consultants.length === 0 ? (
          <p className="mt-2">
            No consultants yet. Add one from the{" "}
            <Link to="/consultants" className="link">
              consultants page
            </Link>{" "}
            first.
          </p>
        ) : (
          <Form method="post" {...getFormProps(form)} className="mt-3">
            <FormErrors id={form.errorId} errors={form.errors} />
            {/* The same key on a resubmission makes the server return the use already recorded. */}
            <input type="hidden" name="creationKey" value={creationKey} />
            <SelectField
              field={fields.consultantId}
              label="Consultant"
              placeholder="Choose a consultant"
              options={choices.consultants.map((c) => [c.id, c.preferredName] as const)}
            />
            <SelectField
              field={fields.purposeId}
              label="Used for"
              placeholder="Choose a purpose"
              options={choices.purposes.map((p) => [p.id, p.label] as const)}
              help="The consent this use needs. It must be a current “yes”."
            />
            <TextField
              field={fields.description}
              label="What"
              help="For example “quote in the annual report” or “photo in the newsletter”."
            />
            <TextField field={fields.place} label="Where" help="For example “website”, “Instagram” or “gala slides”." />
            <TextField field={fields.useDate} label="When (optional)" type="date" />
            <TextField
              field={fields.reference}
              label="Link or file name (optional)"
              help="So the use can be found again if it must be taken down."
            />
            <RadioGroupField field={fields.status} legend="Status" options={STATUS_CHOICES} />
            {mayOverride ? (
              <details open={overrideOpen} className="mb-4 rounded-md border border-amber-700 bg-amber-50 p-3">
                <summary className="cursor-pointer font-semibold">Go ahead without consent (admins only)</summary>
                <p className="mt-2 text-sm">
                  Only when there is a strong reason, for example a use the consultant asked for in writing that is not
                  yet recorded. Write the reason: it is kept with the use, and the audit log notes that consent was
                  overridden.
                </p>
                <div className="mt-2">
                  <TextAreaField field={fields.overrideReason} label="Reason to go ahead without consent" />
                </div>
              </details>
            ) : null}
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              Record the use
            </button>
          </Form>
        )}
      </section>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
