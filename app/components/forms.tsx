import { useEffect, useRef, useState, type ReactNode } from "react";

type FieldProps = {
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
  type?: "text" | "email" | "password" | "search" | "date";
  autoComplete?: string;
  required?: boolean;
  /** Password fields are never echoed back after a failed submission. */
  keepValue?: boolean;
};

/** One labelled input with help text and an error line, linked for screen readers. */
export function TextField({ field, label, help, type = "text", autoComplete, required, keepValue = true }: FieldProps) {
  const errors = field.errors ?? [];
  const describedBy = [help ? field.descriptionId : null, errors.length ? field.errorId : null]
    .filter(Boolean)
    .join(" ");
  const initial = keepValue && typeof field.initialValue === "string" ? field.initialValue : undefined;
  return (
    <div className="mb-4">
      <label htmlFor={field.id} className="block font-medium">
        {label}
        {required ? <span className="sr-only"> (required)</span> : null}
      </label>
      <input
        id={field.id}
        name={field.name}
        type={type}
        defaultValue={initial}
        autoComplete={autoComplete}
        required={required}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={describedBy || undefined}
        className="input"
      />
      {help ? (
        <p id={field.descriptionId} className="mt-1 text-sm text-slate-700">
          {help}
        </p>
      ) : null}
      {/* Space is kept for the error so the form does not jump when it appears or goes. */}
      <p id={field.errorId} className="min-h-[1.25rem] text-sm font-medium text-red-800" aria-live="polite">
        {errors.join(" ")}
      </p>
    </div>
  );
}

export function FormErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div id={id} role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 text-red-900">
      {errors.join(" ")}
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
