import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { translateMessage } from "~/i18n/message";
import { useMessage } from "~/i18n/use-message";

/** Messages from the server (catalog keys with their values) in the reader's language. */
export function useMessages(messages: string[] | undefined) {
  const { t } = useTranslation();
  return messages?.map((text) => translateMessage(t, text)).join(" ");
}

export type FieldProps = {
  /** Conform field metadata, or any object with these properties. */
  field: {
    id: string;
    name: string;
    errorId: string;
    descriptionId: string;
    errors?: string[];
    initialValue?: unknown;
  };
  label: string;
  help?: ReactNode;
  type?: "text" | "email" | "password" | "search" | "date" | "tel";
  inputMode?: "numeric" | "decimal";
  autoComplete?: string;
  required?: boolean;
  /** Password fields are never echoed back after a failed submission. */
  keepValue?: boolean;
  /** A narrow box, for a value that is never long. */
  short?: boolean;
  /** The language of what is typed, when it is not the page's (words written in Spanish on an English page). */
  lang?: string;
};

/** One labelled input with help text and an error line, linked for screen readers. */
export function TextField({
  field,
  label,
  help,
  type = "text",
  inputMode,
  autoComplete,
  required,
  keepValue = true,
  short,
  lang,
}: FieldProps) {
  const { t } = useTranslation();
  return (
    <div className="mb-4">
      <label htmlFor={field.id} className="block font-medium">
        {label}
        {required ? <span className="sr-only"> {t("forms.required")}</span> : null}
      </label>
      <input
        id={field.id}
        name={field.name}
        type={type}
        inputMode={inputMode}
        defaultValue={keepValue ? asString(field.initialValue) : undefined}
        autoComplete={autoComplete}
        required={required}
        lang={lang}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={describedBy(field, Boolean(help))}
        className={short ? "input max-w-xs" : "input"}
      />
      <Help field={field} help={help} />
      <ErrorLine field={field} />
    </div>
  );
}

/**
 * A password, typed afresh after every answer of the server: it is never echoed back, and a new
 * `replyKey` (from useReplyKey) empties the box, as a page without JavaScript would.
 */
export function PasswordField({
  field,
  label,
  help,
  autoComplete,
  replyKey,
  short,
}: Pick<FieldProps, "field" | "label" | "help" | "short"> & {
  autoComplete: "current-password" | "new-password";
  replyKey?: number;
}) {
  return (
    <TextField
      key={replyKey}
      field={field}
      label={label}
      help={help}
      type="password"
      autoComplete={autoComplete}
      required
      keepValue={false}
      short={short}
    />
  );
}

/** A new password and the same again, checked against each other by the server. */
export function NewPasswordFields({
  fields,
  labels,
  replyKey,
}: {
  fields: { password: FieldProps["field"]; confirm: FieldProps["field"] };
  labels: { password: string; confirm: string };
  replyKey: number;
}) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordField
        field={fields.password}
        label={labels.password}
        autoComplete="new-password"
        help={t("forms.passwordHelp")}
        replyKey={replyKey}
      />
      <PasswordField field={fields.confirm} label={labels.confirm} autoComplete="new-password" replyKey={replyKey} />
    </>
  );
}

export function FormErrors({ id, errors }: { id: string; errors?: string[] }) {
  const text = useMessages(errors);
  if (!text) return null;
  return (
    <div id={id} role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 text-red-900">
      {text}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="mb-4 rounded-md border border-emerald-700 bg-emerald-50 p-3 text-emerald-900">
      {children}
    </div>
  );
}

/**
 * A number that changes every time the server answers a submission. Used as the `key` of
 * password fields so they are emptied after each answer, as they are without JavaScript.
 */
export function useReplyKey(lastResult: unknown) {
  const [key, setKey] = useState(0);
  const previous = useRef(lastResult);
  useEffect(() => {
    if (lastResult !== previous.current) {
      previous.current = lastResult;
      setKey((k) => k + 1);
    }
  }, [lastResult]);
  return key;
}

type Meta = FieldProps["field"];

function describedBy(field: Pick<SelectMeta, "descriptionId" | "errorId" | "errors">, hasHelp: boolean) {
  const ids = [hasHelp ? field.descriptionId : null, field.errors?.length ? field.errorId : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function Help({ field, help }: { field: Pick<SelectMeta, "descriptionId">; help?: ReactNode }) {
  return help ? (
    <p id={field.descriptionId} className="mt-1 text-sm text-slate-700">
      {help}
    </p>
  ) : null;
}

// Space is kept for the error so the form does not jump when it appears or goes.
function ErrorLine({ field }: { field: Pick<Meta, "errorId" | "errors"> }) {
  return (
    <p id={field.errorId} className="min-h-[1.25rem] text-sm font-medium text-red-800" aria-live="polite">
      {useMessages(field.errors)}
    </p>
  );
}

const asString = (value: unknown) => (typeof value === "string" ? value : undefined);
const isOn = (value: unknown) => value === "on" || value === true || value === "true";

export function TextAreaField({
  field,
  label,
  help,
  rows = 3,
  lang,
}: {
  field: Meta;
  label: string;
  help?: ReactNode;
  rows?: number;
  /** The language of what is typed, when it is not the page's. */
  lang?: string;
}) {
  return (
    <div className="mb-4">
      <label htmlFor={field.id} className="block font-medium">
        {label}
      </label>
      <textarea
        id={field.id}
        name={field.name}
        rows={rows}
        lang={lang}
        defaultValue={asString(field.initialValue)}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={describedBy(field, Boolean(help))}
        className="input"
      />
      <Help field={field} help={help} />
      <ErrorLine field={field} />
    </div>
  );
}

/**
 * What a select needs to know of its field. Conform's field metadata fits; so does a plain
 * `{ id, name, initialValue }` for a filter or a one-field form, which has no error line unless it
 * names one (`errorId`), and no help unless it names where it goes (`descriptionId`).
 */
type SelectMeta = Pick<Meta, "id" | "name"> & Partial<Omit<Meta, "id" | "name">>;

/** Choices as [value, text] pairs: the values in their order, each with its words (or their catalog key). */
export function optionsFrom<T extends string | number>(
  values: readonly T[],
  text: (value: T) => string = String,
): [string, string][] {
  return values.map((value) => [String(value), text(value)]);
}

const SELECT_LOOKS = {
  /** A field of a form: room below it for help and an error. */
  field: { wrapper: "mb-4", label: "block font-medium", select: "input" },
  /** A field among hand-written ones that keep their own spacing. */
  bare: { wrapper: undefined, label: "block font-medium", select: "input" },
  /** A filter above a list, or a choice in a row of controls: compact, no room kept below. */
  compact: { wrapper: undefined, label: "block text-sm font-medium", select: "input" },
  /** A choice in a row of a list, beside a small button. */
  inline: { wrapper: undefined, label: "block text-sm", select: "rounded-md border-slate-400 py-1" },
} as const;

/** One labelled select with help text and an error line, linked for screen readers. */
export function SelectField({
  field,
  label,
  help,
  options,
  placeholder,
  required,
  look = "field",
  languageNames = false,
}: {
  field: SelectMeta;
  label: ReactNode;
  help?: ReactNode;
  options: readonly (readonly [string, string])[];
  placeholder?: string;
  required?: boolean;
  look?: keyof typeof SELECT_LOOKS;
  /** Options are languages named in themselves: each is read out in its own language. */
  languageNames?: boolean;
}) {
  const classes = SELECT_LOOKS[look];
  const words = useMessage();
  const hasHelp = Boolean(help && field.descriptionId);
  const initial = field.initialValue;
  return (
    <div className={classes.wrapper}>
      <label htmlFor={field.id} className={classes.label}>
        {label}
      </label>
      <select
        id={field.id}
        name={field.name}
        defaultValue={typeof initial === "string" || typeof initial === "number" ? String(initial) : ""}
        required={required}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={describedBy(field, hasHelp)}
        className={classes.select}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map(([value, text]) => (
          <option key={value} value={value} lang={languageNames ? value : undefined}>
            {words(text)}
          </option>
        ))}
      </select>
      {hasHelp ? <Help field={field} help={help} /> : null}
      {field.errorId ? <ErrorLine field={{ errorId: field.errorId, errors: field.errors }} /> : null}
    </div>
  );
}

/** A set of radio buttons in a fieldset, so the legend is read with each choice. */
export function RadioGroupField({
  field,
  legend,
  help,
  options,
}: {
  field: Meta;
  legend: string;
  help?: ReactNode;
  options: readonly (readonly [string, string])[];
}) {
  const current = asString(field.initialValue);
  const words = useMessage();
  return (
    <fieldset className="mb-4" aria-describedby={describedBy(field, Boolean(help))}>
      <legend className="font-medium">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-5 gap-y-2">
        {options.map(([value, text]) => (
          <label key={value} className="inline-flex min-h-[44px] items-center gap-2">
            <input type="radio" name={field.name} value={value} defaultChecked={current === value} />
            {words(text)}
          </label>
        ))}
      </div>
      <Help field={field} help={help} />
      <ErrorLine field={field} />
    </fieldset>
  );
}

export function CheckboxField({ field, label, help }: { field: Meta; label: string; help?: ReactNode }) {
  return (
    <div className="mb-4">
      <label htmlFor={field.id} className="inline-flex min-h-[44px] items-center gap-2 font-medium">
        <input
          id={field.id}
          type="checkbox"
          name={field.name}
          defaultChecked={isOn(field.initialValue)}
          aria-describedby={describedBy(field, Boolean(help))}
          className="h-5 w-5 rounded border-slate-500"
        />
        {label}
      </label>
      <Help field={field} help={help} />
      <ErrorLine field={field} />
    </div>
  );
}

export function CheckboxGroupField({
  field,
  legend,
  help,
  options,
}: {
  field: Meta;
  legend: string;
  help?: ReactNode;
  /** Each choice as its value (shown as it is, or translated when it is a catalog key), or as [value, text]. */
  options: readonly (string | readonly [string, string])[];
}) {
  // One box ticked comes back from the server as a single value, not a list.
  const initial = field.initialValue;
  const selected = new Set(
    Array.isArray(initial) ? (initial as string[]) : typeof initial === "string" ? [initial] : [],
  );
  const words = useMessage();
  return (
    <fieldset className="mb-4" aria-describedby={describedBy(field, Boolean(help))}>
      <legend className="font-medium">{legend}</legend>
      <div className="mt-1 grid gap-x-5 sm:grid-cols-2">
        {options.map((option) => {
          const [value, text] = typeof option === "string" ? [option, option] : option;
          return (
            <label key={value} className="inline-flex min-h-[44px] items-center gap-2">
              <input
                type="checkbox"
                name={field.name}
                value={value}
                defaultChecked={selected.has(value)}
                className="h-5 w-5 rounded border-slate-500"
              />
              {words(text)}
            </label>
          );
        })}
      </div>
      <Help field={field} help={help} />
      <ErrorLine field={field} />
    </fieldset>
  );
}
