import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { TIME_KINDS } from "../../db/schema";
import type { PersonWords } from "~/utils/pronouns";
import { TIME_KIND_LABELS, TimeEntrySchema } from "~/utils/time-schema";
import { FormErrors, SelectField, TextAreaField, TextField } from "./forms";

type Meta = Parameters<typeof TextField>[0]["field"];

/**
 * Who fills the form: the consultant in the portal ("Date you worked"), or staff logging time for
 * a consultant ("Date she worked").
 */
export type TimeFormAudience = { kind: "self" } | { kind: "staff"; consultant: PersonWords };

/**
 * Date, hours, kind of work and a note: the fields of one time entry, in one column. The creation
 * key comes fresh from the loader with each form, so sending the same form twice logs the time once.
 */
export function TimeEntryFields({
  fields,
  creationKey,
  audience,
}: {
  fields: Record<"workDate" | "hours" | "kind" | "note" | "creationKey", Meta>;
  creationKey: string;
  audience: TimeFormAudience;
}) {
  const { t } = useTranslation();
  const self = audience.kind === "self";
  return (
    <>
      <input type="hidden" name={fields.creationKey.name} value={creationKey} />
      <FormErrors id={fields.creationKey.errorId} errors={fields.creationKey.errors} />
      <TextField
        field={fields.workDate}
        type="date"
        label={
          self
            ? t("timeFields.dateWorkedSelf")
            : t(`timeFields.dateWorkedBy.${audience.consultant.pronoun}`, { name: audience.consultant.name })
        }
        help={t("timeFields.dateHelp")}
      />
      {/* Hours typed as a decimal; the phone shows a number keypad with a decimal point. */}
      <TextField
        field={fields.hours}
        label={t("timeFields.hours")}
        inputMode="decimal"
        autoComplete="off"
        help={t("timeFields.hoursHelp")}
      />
      <SelectField
        field={fields.kind}
        label={t("timeFields.kind")}
        placeholder={t("timeFields.chooseOne")}
        options={TIME_KINDS.map((kind) => [kind, TIME_KIND_LABELS[kind]] as const)}
      />
      <TextAreaField
        field={fields.note}
        label={self ? t("timeFields.noteSelf") : t("timeFields.noteStaff")}
        help={t("timeFields.noteHelp")}
      />
    </>
  );
}

/**
 * The form that logs one time entry: the consultant's own in the portal, or staff logging it for
 * them. Give it a new `key` and creation key after each save, so it opens empty for the next entry.
 */
export function LogTimeForm({
  formId,
  today,
  creationKey,
  lastResult,
  audience,
  intro,
  corrections = [],
}: {
  formId: string;
  today: string;
  creationKey: string;
  lastResult?: SubmissionResult<string[]>;
  audience: TimeFormAudience;
  /** A sentence above the fields. */
  intro?: ReactNode;
  /** Approved entries this one may replace, as [id, words]: staff only, as approved time is corrected by a new entry. */
  corrections?: readonly (readonly [string, string])[];
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof TimeEntrySchema>>({
    id: formId,
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { workDate: today },
  });
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "log-time";
  const self = audience.kind === "self";
  return (
    <Form method="post" {...getFormProps(form)} className={self ? "mt-4" : "mt-3"}>
      <FormErrors id={form.errorId} errors={form.errors} />
      {intro ? <p className="mb-3">{intro}</p> : null}
      <TimeEntryFields fields={fields} creationKey={creationKey} audience={audience} />
      {corrections.length ? (
        <SelectField
          field={fields.correctsEntryId}
          label={t("timeFields.corrects")}
          help={t("timeFields.correctsHelp")}
          placeholder={t("timeFields.correctsNone")}
          options={corrections}
        />
      ) : null}
      {/* In the portal, on a phone, the button spans the screen. */}
      <button
        type="submit"
        name="intent"
        value="log-time"
        className={self ? "btn-primary w-full sm:w-auto" : "btn-primary"}
        disabled={busy}
      >
        {busy ? t("timeFields.saving") : self ? t("timeFields.saveMine") : t("timeFields.save")}
      </button>
    </Form>
  );
}
