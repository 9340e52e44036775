// The period and program filter of the dashboard and the funder report: a GET form, so it works
// without JavaScript and the address can be bookmarked (dates and a program id say nothing about a
// person). What was typed comes back as typed, with the message next to its field.
import { Form, Link } from "@remix-run/react";
import type { PeriodFieldErrors } from "~/utils/period";

export function PeriodFilter({
  label,
  action,
  typed,
  errors,
  programs,
}: {
  label: string;
  action: string;
  typed: { from: string; to: string; program: string };
  errors: PeriodFieldErrors;
  programs: { id: string; name: string }[];
}) {
  const field = (name: "from" | "to", text: string) => (
    <div>
      <label htmlFor={`period-${name}`} className="block text-sm font-medium">
        {text}
      </label>
      <input
        id={`period-${name}`}
        name={name}
        type="date"
        defaultValue={typed[name]}
        className="input"
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `period-${name}-error` : undefined}
      />
      {errors[name] ? (
        <p id={`period-${name}-error`} className="text-sm font-medium text-red-800">
          {errors[name]}
        </p>
      ) : null}
    </div>
  );
  return (
    <Form
      method="get"
      action={action}
      className="card mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4 print:hidden"
      aria-label={label}
    >
      {field("from", "From")}
      {field("to", "To")}
      <div>
        <label htmlFor="period-program" className="block text-sm font-medium">
          Program
        </label>
        <select id="period-program" name="program" defaultValue={typed.program} className="input">
          <option value="">Every program</option>
          {programs.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="flex items-end gap-2">
        <button type="submit" className="btn-primary">
          Show
        </button>
        <Link to={action} className="btn-secondary">
          This year
        </Link>
      </div>
    </Form>
  );
}
