// The period and program filter of the dashboard and the funder report: a GET form, so it works
// without JavaScript and the address can be bookmarked (dates and a program id say nothing about a
// person). Dates are typed as text: a browser date field empties a value it cannot read, and what
// was typed must come back as typed, with the message next to its field.
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";
import type { PeriodFieldErrors } from "~/utils/period";
import { SelectField } from "./forms";

export function PeriodFilter({
  label,
  action,
  typed,
  errors,
  programs,
  submitLabel,
  children,
}: {
  label: string;
  action: string;
  typed: { from: string; to: string; program: string };
  /** Messages (catalog keys) from parsePeriodQuery. */
  errors: PeriodFieldErrors;
  programs: { id: string; name: string }[];
  submitLabel?: string;
  /** More fields of the same form, after the period. */
  children?: ReactNode;
}) {
  const { t } = useTranslation("staff");
  const words = useMessage();
  const error = (name: keyof PeriodFieldErrors) => (
    <p id={`period-${name}-error`} className="min-h-[1.25rem] text-sm font-medium text-red-800">
      {errors[name] ? words(errors[name]) : ""}
    </p>
  );
  const described = (name: keyof PeriodFieldErrors, help?: string) =>
    [help, errors[name] ? `period-${name}-error` : undefined].filter(Boolean).join(" ") || undefined;
  const dateField = (name: "from" | "to", text: string, help: string) => (
    <div>
      <label htmlFor={`period-${name}`} className="block text-sm font-medium">
        {text}
      </label>
      <input
        id={`period-${name}`}
        name={name}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        defaultValue={typed[name]}
        className="input"
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={described(name, `period-${name}-help`)}
      />
      <p id={`period-${name}-help`} className="mt-1 text-sm text-slate-700">
        {help}
      </p>
      {error(name)}
    </div>
  );
  const fromField = dateField("from", t("charts.period.from"), t("charts.period.fromHelp"));
  const toField = dateField("to", t("charts.period.to"), t("charts.period.toHelp"));
  return (
    <Form method="get" action={action} className="card mt-4 print:hidden" aria-label={label}>
      <div className="grid gap-3 md:grid-cols-3">
        {fromField}
        {toField}
        <SelectField
          look="compact"
          field={{
            id: "period-program",
            name: "program",
            initialValue: typed.program,
            errorId: "period-program-error",
            errors: errors.program ? [errors.program] : undefined,
          }}
          label={t("charts.period.program")}
          placeholder={t("charts.period.everyProgram")}
          options={programs.map((p) => [p.id, p.name] as const)}
        />
      </div>
      {children}
      <div className="mt-4 flex flex-wrap gap-2">
        <button type="submit" className="btn-primary">
          {submitLabel ?? t("charts.period.show")}
        </button>
        <Link to={action} className="btn-secondary">
          {t("charts.period.thisYear")}
        </Link>
      </div>
    </Form>
  );
}
