import { TIME_KINDS } from "../../db/schema";
import type { PersonWords } from "~/utils/pronouns";
import { TIME_KIND_LABELS } from "~/utils/time-schema";
import { FormErrors, SelectField, TextAreaField, TextField } from "./forms";

type Meta = Parameters<typeof TextField>[0]["field"];

/** Hours typed as a decimal; the phone shows a number keypad with a decimal point. */
function HoursField({ field, help }: { field: Meta; help: string }) {
  const errors = field.errors ?? [];
  const describedBy = [field.descriptionId, errors.length ? field.errorId : null].filter(Boolean).join(" ");
  return (
    <div className="mb-4">
      <label htmlFor={field.id} className="block font-medium">
        Hours
      </label>
      <input
        id={field.id}
        name={field.name}
        inputMode="decimal"
        autoComplete="off"
        defaultValue={typeof field.initialValue === "string" ? field.initialValue : undefined}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={describedBy}
        className="input"
      />
      <p id={field.descriptionId} className="mt-1 text-sm text-slate-700">
        {help}
      </p>
      <p id={field.errorId} className="min-h-[1.25rem] text-sm font-medium text-red-800" aria-live="polite">
        {errors.join(" ")}
      </p>
    </div>
  );
}

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
  const self = audience.kind === "self";
  return (
    <>
      <input type="hidden" name={fields.creationKey.name} value={creationKey} />
      <FormErrors id={fields.creationKey.errorId} errors={fields.creationKey.errors} />
      <TextField
        field={fields.workDate}
        type="date"
        label={self ? "Date you worked" : `Date ${audience.consultant.subject} worked`}
        help="Today or an earlier day."
      />
      <HoursField field={fields.hours} help="For example 2, or 1.5 for an hour and a half." />
      <SelectField
        field={fields.kind}
        label="What kind of work"
        placeholder="Choose one"
        options={TIME_KINDS.map((kind) => [kind, TIME_KIND_LABELS[kind]] as const)}
      />
      <TextAreaField
        field={fields.note}
        label={self ? "Note (you can leave this empty)" : "Note (optional)"}
        help="Up to 500 characters."
      />
    </>
  );
}
