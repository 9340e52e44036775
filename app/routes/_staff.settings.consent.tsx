/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { RuleError } from "~/models/errors";
import { whereRuleErrorGoes, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, Notice, TextField } from "~/components/forms";
import {
  addConsentPurposeOnce,
  consentWordingSettings,
  reviseConsentWording,
  type ConsentWordingSetting,
} from "~/models/consent/purposes.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { CHANGE_YOUR_MIND } from "~/utils/consent-options";
import { durationMessage } from "~/utils/consent-wording";
import { useMessage } from "~/i18n/use-message";
import { useFormat } from "~/utils/use-format";
import { readForm } from "~/utils/form-data.server";
import { WordingActionSchema as ActionSchema, WordingSchema } from "~/utils/settings-schema";

export const meta: MetaFunction = () => [{ title: "Consent wording" }];

const NOTICES: Record<string, string> = {
  added: "Purpose added. Staff and consultants can now record choices for it.",
  revised: "Saved. The new wording is a new version; choices already made keep the words agreed to.",
  unchanged: "Nothing changed: the wording and the usual end were already like that.",
};

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "settings:manage");
  return { purposes: consentWordingSettings(membership.organizationId) };
});

type Reply = { form: string; result: SubmissionResult<string[]> };

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "settings:manage");
  const formData = await readForm(request);
  // The reply goes back to the form it came from: "add", or the purpose being changed.
  const form = formData.get("intent") === "add" ? "add" : String(formData.get("purposeId") ?? "");
  const submission = parseWithZod(formData, { schema: ActionSchema });
  if (submission.status !== "success") return data<Reply>({ form, result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const wording = {
    organizationId: membership.organizationId,
    actorUserId: user.id,
    label: v.label,
    text: v.text,
    defaultExpiryMonths: v.defaultExpiryMonths ?? null,
  };
  try {
    if (v.intent === "add") {
      const purposeId = addConsentPurposeOnce(wording);
      return redirect(`/settings/consent?done=added#purpose-${purposeId}`);
    }
    const { changed } = reviseConsentWording({ ...wording, purposeId: v.purposeId });
    return redirect(`/settings/consent?done=${changed.length ? "revised" : "unchanged"}#purpose-${v.purposeId}`);
  } catch (error) {
    if (error instanceof RuleError) {
      // A purpose no longer on the list is about the whole form, not a field of it.
      const result = submission.reply(whereRuleErrorGoes(error, error.field === "purposeId"));
      return data<Reply>({ form, result }, { status: 400 });
    }
    throw error;
  }
});

const usualEnd = (months: number | null, words: (text: string) => string) =>
  months ? `${words(durationMessage(months))} after the yes` : "no end date";

export default function ConsentWordingSettings() {
  const { purposes } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const notice = NOTICES[searchParams.get("done") ?? ""];

  return (
    <>
      <h1 className="page-title">Consent wording</h1>
      <div className="mt-2 max-w-3xl space-y-2 text-slate-700">
        <p>
          The purposes consultants are asked about, in the order they see them, with the words they agree to. Changing
          the words makes a new version. Choices already made keep the words agreed to.
        </p>
        <p>
          Every wording must tell the person that they can change their mind, that this stops any new use, and that
          things already published may not be possible to take back. The default purposes end with:
        </p>
        <blockquote className="border-l-4 border-slate-300 pl-3 italic">{CHANGE_YOUR_MIND}</blockquote>
      </div>
      <div className="mt-4">{notice ? <Notice>{notice}</Notice> : null}</div>

      <ol className="mt-4 space-y-4">
        {purposes.map((purpose) => (
          <li key={purpose.id}>
            <PurposeCard purpose={purpose} reply={reply?.form === purpose.id ? reply.result : undefined} />
          </li>
        ))}
      </ol>

      <AddPurpose reply={reply?.form === "add" ? reply.result : undefined} />
    </>
  );
}

function PurposeCard({
  purpose,
  reply,
}: {
  purpose: ConsentWordingSetting;
  reply: SubmissionResult<string[]> | undefined;
}) {
  const headingId = `purpose-${purpose.id}-heading`;
  const fmt = useFormat();
  const words = useMessage();
  return (
    <section id={`purpose-${purpose.id}`} aria-labelledby={headingId} className="card">
      <h2 id={headingId} className="text-lg font-semibold">
        {purpose.label}
      </h2>
      <p className="text-sm text-slate-700">
        Version {purpose.version} · Usual end: {usualEnd(purpose.defaultExpiryMonths, words)}
      </p>
      <p className="mt-2 max-w-3xl whitespace-pre-wrap">{purpose.text}</p>
      {purpose.earlier.map((v) => (
        <details key={v.id} className="mt-2 max-w-3xl text-sm">
          <summary className="cursor-pointer font-medium text-brand-700">Earlier wording (version {v.version})</summary>
          <p className="mt-1 font-medium">{v.label}</p>
          <p className="mt-1 whitespace-pre-wrap">{v.text}</p>
          <p className="mt-1 text-slate-700">
            Written {fmt.date(v.createdAt)}
            {v.createdByName ? ` by ${v.createdByName}` : ""}.
          </p>
        </details>
      ))}
      {/* A new key after a saved change shows the saved words in the form again. */}
      <ReviseForm key={`${purpose.version}:${purpose.defaultExpiryMonths ?? ""}`} purpose={purpose} reply={reply} />
    </section>
  );
}

function WordingFields({
  fields,
  text,
}: {
  fields: ReturnType<typeof useForm<z.input<typeof WordingSchema>>>[1];
  text: { label: string; help: string };
}) {
  return (
    <>
      <TextField
        field={fields.label}
        label="Name of the purpose"
        required
        help="Short and plain: 2 to 80 characters."
      />
      <div className="mb-4">
        <label htmlFor={fields.text.id} className="block font-medium">
          {text.label}
        </label>
        <textarea
          {...getTextareaProps(fields.text, { ariaDescribedBy: fields.text.descriptionId })}
          rows={5}
          className="input"
        />
        <p id={fields.text.descriptionId} className="mt-1 text-sm text-slate-700">
          {text.help}
        </p>
        <p id={fields.text.errorId} className="min-h-[1.25rem] text-sm font-medium text-red-800" aria-live="polite">
          {fields.text.errors?.join(" ")}
        </p>
      </div>
      <TextField
        field={fields.defaultExpiryMonths}
        label="Usual end, in months (optional)"
        help="How long a yes lasts unless the person chooses a shorter time: 1 to 36 months. Leave empty for no end date. Stories, images, recordings and media contact always end within 36 months."
      />
    </>
  );
}

function ReviseForm({
  purpose,
  reply,
}: {
  purpose: ConsentWordingSetting;
  reply: SubmissionResult<string[]> | undefined;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof WordingSchema>>({
    id: `revise-${purpose.id}`,
    lastResult: reply,
    shouldValidate: "onSubmit",
    defaultValue: {
      label: purpose.label,
      text: purpose.text,
      defaultExpiryMonths: purpose.defaultExpiryMonths ? String(purpose.defaultExpiryMonths) : "",
    },
  });
  return (
    <details className="mt-3" open={reply ? true : undefined}>
      <summary className="cursor-pointer font-medium text-brand-700">
        Change the wording or the usual end<span className="sr-only">: {purpose.label}</span>
      </summary>
      <Form method="post" {...getFormProps(form)} className="mt-3 max-w-3xl">
        <input type="hidden" name="intent" value="revise" />
        <input type="hidden" name="purposeId" value={purpose.id} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <p className="mb-3 text-sm text-slate-700">
          Changing the words makes a new version. Choices already made keep the words agreed to.
        </p>
        <WordingFields
          fields={fields}
          text={{
            label: "What the person agrees to",
            help: "Plain words, 20 to 2,000 characters. Keep the sentence about changing their mind.",
          }}
        />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          Save<span className="sr-only"> {purpose.label}</span>
        </button>
      </Form>
    </details>
  );
}

function AddPurpose({ reply }: { reply: SubmissionResult<string[]> | undefined }) {
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof WordingSchema>>({
    id: "add-purpose",
    lastResult: reply,
    shouldValidate: "onSubmit",
    // Starting from the promise about changing one's mind, so a new wording does not leave it out.
    defaultValue: { text: `\n\n${CHANGE_YOUR_MIND}` },
  });
  return (
    <section aria-labelledby="add-purpose-heading" className="card mt-8 max-w-3xl">
      <h2 id="add-purpose-heading" className="text-lg font-semibold">
        Add a purpose
      </h2>
      <p className="mt-1 text-sm text-slate-700">It is added at the end of the list, at version 1.</p>
      <Form method="post" {...getFormProps(form)} className="mt-3">
        <input type="hidden" name="intent" value="add" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <WordingFields
          fields={fields}
          text={{
            label: "What the person agrees to",
            help: "Plain words, 20 to 2,000 characters. Write what you would do, before the sentence about changing their mind.",
          }}
        />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          Add purpose
        </button>
      </Form>
    </section>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
