/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
/**
 * Onboarding progress as a bar with the numbers in words, so colour is never the only signal.
 * A native <progress>: the CSP forbids inline style attributes, so no width can be set inline.
 */
export function StepProgress({
  done,
  total,
  label,
  noun = "steps",
}: {
  done: number;
  total: number;
  label?: string;
  noun?: string;
}) {
  return (
    <div>
      <p className="text-sm">
        {label ? `${label}: ` : null}
        {done} of {total} {noun} done
      </p>
      <progress
        value={done}
        max={Math.max(total, 1)}
        aria-hidden="true"
        className="mt-1 h-2 w-full max-w-xs overflow-hidden rounded-full [&::-moz-progress-bar]:bg-brand-600 [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-brand-600"
      />
    </div>
  );
}
