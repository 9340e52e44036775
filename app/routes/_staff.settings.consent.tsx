import { SafeTrans } from "~/i18n/safe-trans";
import { RuleError } from "~/models/errors";
import { whereRuleErrorGoes, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CheckboxField, FormErrors, Notice, TextField, useMessages } from "~/components/forms";
import { useLanguageInProse } from "~/components/consent-wording";
import { useMessage } from "~/i18n/use-message";
import { intlLocale, languageName, type Language } from "~/i18n/config";
import { TRANSLATION_LANGUAGES } from "~/utils/translations-form";
import {
  addConsentPurposeOnce,
  consentWordingSettings,
  reviseConsentWording,
  type ConsentWordingSetting,
} from "~/models/consent/purposes.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { CHANGE_YOUR_MIND } from "~/utils/consent-options";
import { useFormat } from "~/utils/use-format";
import { readForm } from "~/utils/form-data.server";
import { WordingActionSchema as ActionSchema, WordingSchema } from "~/utils/settings-schema";

export const handle = { title: "staff:consentSettings.title" };

const NOTICES = {
  added: "consentSettings.done.added",
  revised: "consentSettings.done.revised",
  unchanged: "consentSettings.done.unchanged",
} as const;
const isNotice = (value: string | null): value is keyof typeof NOTICES => value !== null && value in NOTICES;

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
    translations: v.translations,
    defaultExpiryMonths: v.defaultExpiryMonths ?? null,
  };
  try {
    if (v.intent === "add") {
      const purposeId = addConsentPurposeOnce(wording);
      return redirect(`/settings/consent?done=added#purpose-${purposeId}`);
    }
    const { changed } = reviseConsentWording({ ...wording, purposeId: v.purposeId, stillSame: v.stillSame });
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

/** "3 years after the yes", "18 months after the yes", "no end date". */
function usualEnd(months: number | null, t: TFunction<"staff">) {
  if (!months) return t("consentSettings.noEnd");
  return months % 12 === 0
    ? t("consentSettings.yearsAfterYes", { count: months / 12 })
    : t("consentSettings.monthsAfterYes", { count: months });
}

export default function ConsentWordingSettings() {
  const { purposes } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const notice = isNotice(done) ? NOTICES[done] : null;
  const { t } = useTranslation("staff");
  const words = useMessage();

  return (
    <>
      <h1 className="page-title">{t("consentSettings.title")}</h1>
      <div className="mt-2 max-w-3xl space-y-2 text-slate-700">
        <p>{t("consentSettings.intro")}</p>
        <p>{t("consentSettings.promise")}</p>
        <blockquote className="border-l-4 border-slate-300 pl-3 italic">{words(CHANGE_YOUR_MIND)}</blockquote>
      </div>
      <div className="mt-4">{notice ? <Notice>{t(notice)}</Notice> : null}</div>

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
  const { t } = useTranslation("staff");
  return (
    <section id={`purpose-${purpose.id}`} aria-labelledby={headingId} className="card">
      <h2 id={headingId} className="text-lg font-semibold">
        {purpose.label}
      </h2>
      <p className="text-sm text-slate-700">
        {t("consentSettings.versionAndEnd", {
          version: purpose.version,
          end: usualEnd(purpose.defaultExpiryMonths, t),
        })}
      </p>
      <p className="mt-2 max-w-3xl whitespace-pre-wrap">{purpose.text}</p>
      <WrittenIn languages={purpose.languages} className="mt-1 text-sm text-slate-700" />
      {purpose.earlier.map((v) => (
        <details key={v.id} className="mt-2 max-w-3xl text-sm">
          <summary className="cursor-pointer font-medium text-brand-700">
            {t("consentSettings.earlier", { version: v.version })}
          </summary>
          <p className="mt-1 font-medium">{v.label}</p>
          <p className="mt-1 whitespace-pre-wrap">{v.text}</p>
          <WrittenIn languages={v.languages} className="mt-1 text-slate-700" />
          <p className="mt-1 text-slate-700">
            {v.createdByName
              ? t("consentSettings.writtenBy", { day: fmt.date(v.createdAt), name: v.createdByName })
              : t("consentSettings.written", { day: fmt.date(v.createdAt) })}
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
  written = [],
}: {
  fields: ReturnType<typeof useForm<z.input<typeof WordingSchema>>>[1];
  text: { label: string; help: string };
  /** The languages the wording is written in already: each may be kept as it is when the English changes. */
  written?: Language[];
}) {
  const { t } = useTranslation("staff");
  const textErrors = useMessages(fields.text.errors);
  return (
    <>
      <TextField
        field={fields.label}
        label={t("consentSettings.fields.label")}
        required
        help={t("consentSettings.fields.labelHelp")}
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
          {textErrors}
        </p>
      </div>
      <TextField
        field={fields.defaultExpiryMonths}
        label={t("consentSettings.fields.months")}
        help={t("consentSettings.fields.monthsHelp")}
      />
      {TRANSLATION_LANGUAGES.map((language) => (
        <TranslationFields
          key={language}
          language={language}
          fields={fields.translations.getFieldset()[language]!}
          stillSame={written.includes(language) ? fields.stillSame.getFieldset()[language] : undefined}
        />
      ))}
    </>
  );
}

/**
 * The same wording in another language, optional: both fields or neither. Named for the language in its
 * own name ("Español"), so whoever reads it knows which words go here.
 */
function TranslationFields({
  language,
  fields,
  stillSame,
}: {
  language: Language;
  fields: FieldMetadata<{ label?: string; text?: string } | undefined>;
  stillSame?: FieldMetadata<boolean | undefined>;
}) {
  const { t } = useTranslation("staff");
  const inProse = useLanguageInProse();
  const own = { language: languageName(language) };
  const { label, text } = fields.getFieldset();
  const textErrors = useMessages(text.errors);
  return (
    <fieldset className="mb-4 rounded-md border border-slate-300 p-3" aria-describedby={`${fields.id}-help`}>
      <legend className="px-1 font-medium">{t("consentWords.settings.legend", own)}</legend>
      <p id={`${fields.id}-help`} className="mb-3 text-sm text-slate-700">
        {t("consentWords.settings.help", own)}
      </p>
      <TextField field={label} label={t("consentWords.settings.label", own)} />
      <div className="mb-1">
        <label htmlFor={text.id} className="block font-medium">
          {t("consentWords.settings.text", own)}
        </label>
        <textarea
          {...getTextareaProps(text, { ariaDescribedBy: text.descriptionId })}
          lang={language}
          rows={5}
          className="input"
        />
        <p id={text.descriptionId} className="mt-1 text-sm text-slate-700">
          {t("consentWords.settings.textHelp", own)}
        </p>
        <p id={text.errorId} className="min-h-[1.25rem] text-sm font-medium text-red-800" aria-live="polite">
          {textErrors}
        </p>
      </div>
      {stillSame ? (
        <CheckboxField
          field={stillSame}
          label={t("staleTranslation.stillSame", { language: inProse(language) })}
          help={t("staleTranslation.stillSameHelp", { language: inProse(language) })}
        />
      ) : null}
    </fieldset>
  );
}

/** "Written in English and Español": the languages a wording has, each in its own name. */
function WrittenIn({ languages, className }: { languages: Language[]; className?: string }) {
  const { t } = useTranslation("staff");
  const fmt = useFormat();
  const names = new Intl.ListFormat(intlLocale(fmt.language), { type: "conjunction" }).format(
    languages.map(languageName),
  );
  return (
    <p className={className}>
      {languages.length > 1
        ? t("consentWords.settings.writtenIn", { languages: names })
        : t("consentWords.settings.englishOnly")}
    </p>
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
      translations: purpose.translations,
    },
  });
  const { t } = useTranslation("staff");
  return (
    <details className="mt-3" open={reply ? true : undefined}>
      <summary className="cursor-pointer font-medium text-brand-700">
        <SafeTrans
          t={t}
          i18nKey="consentSettings.revise"
          values={{ purpose: purpose.label }}
          components={{ hidden: <span className="sr-only" /> }}
        />
      </summary>
      <Form method="post" {...getFormProps(form)} className="mt-3 max-w-3xl">
        <input type="hidden" name="intent" value="revise" />
        <input type="hidden" name="purposeId" value={purpose.id} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <p className="mb-3 text-sm text-slate-700">{t("consentSettings.reviseNote")}</p>
        <WordingFields
          fields={fields}
          text={{ label: t("consentSettings.fields.text"), help: t("consentSettings.fields.reviseTextHelp") }}
          written={purpose.languages}
        />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          <SafeTrans
            t={t}
            i18nKey="consentSettings.save"
            values={{ purpose: purpose.label }}
            components={{ hidden: <span className="sr-only" /> }}
          />
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
  const { t } = useTranslation("staff");
  return (
    <section aria-labelledby="add-purpose-heading" className="card mt-8 max-w-3xl">
      <h2 id="add-purpose-heading" className="text-lg font-semibold">
        {t("consentSettings.add.heading")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t("consentSettings.add.help")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-3">
        <input type="hidden" name="intent" value="add" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <WordingFields
          fields={fields}
          text={{ label: t("consentSettings.fields.text"), help: t("consentSettings.fields.addTextHelp") }}
        />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("consentSettings.add.submit")}
        </button>
      </Form>
    </section>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
