import { useTranslation } from "react-i18next";

/**
 * Onboarding progress as a bar with the numbers in words, so colour is never the only signal.
 * A native <progress>: the CSP forbids inline style attributes, so no width can be set inline.
 * `label` names what is counted ("Onboarding"), in the reader's words; `noun` says what the parts are.
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
  noun?: "steps" | "items";
}) {
  const { t } = useTranslation("common");
  const counted =
    noun === "items" ? t("progress.itemsDone", { done, total }) : t("progress.stepsDone", { done, total });
  return (
    <div>
      <p className="text-sm">{label ? t("progress.labelled", { label, counted }) : counted}</p>
      <progress
        value={done}
        max={Math.max(total, 1)}
        aria-hidden="true"
        className="mt-1 h-2 w-full max-w-xs overflow-hidden rounded-full [&::-moz-progress-bar]:bg-brand-600 [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-brand-600"
      />
    </div>
  );
}
