import { useMessages } from "~/components/forms";
import { useMessage } from "~/i18n/use-message";
import { SCORE_CHOICES, SKIP } from "~/utils/feedback-options";

type Meta = {
  id: string;
  name: string;
  errorId: string;
  errors?: string[];
  initialValue?: unknown;
};

/**
 * One question on the 1 to 5 scale, plus "Prefer not to say", as a radio group. Each choice has
 * its words next to the number, and two choices share a row on a phone, each a 44 px target.
 */
export function ScoreQuestion({
  field,
  legend,
  skipLabel,
}: {
  field: Meta;
  legend: string;
  /** Staff writing down a meeting say "Not said" instead of "Prefer not to say". */
  skipLabel?: string;
}) {
  const words = useMessage();
  const errors = useMessages(field.errors);
  const current = typeof field.initialValue === "string" ? field.initialValue : undefined;
  const invalid = Boolean(field.errors?.length);
  return (
    <fieldset className="mb-4" aria-describedby={invalid ? field.errorId : undefined}>
      <legend className="font-medium">{words(legend)}</legend>
      <div className="mt-1 grid grid-cols-2 gap-x-4 sm:grid-cols-3">
        {SCORE_CHOICES.map(([value, text]) => (
          <label key={value} className="inline-flex min-h-[44px] items-center gap-2">
            <input
              type="radio"
              name={field.name}
              value={value}
              defaultChecked={current === value}
              aria-invalid={invalid || undefined}
            />
            {value === SKIP && skipLabel !== undefined ? skipLabel : words(text)}
          </label>
        ))}
      </div>
      {/* Space is kept for the error so the form does not jump when it appears or goes. */}
      <p id={field.errorId} className="min-h-[1.25rem] text-sm font-medium text-red-800" aria-live="polite">
        {errors}
      </p>
    </fieldset>
  );
}
