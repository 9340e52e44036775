import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";

/**
 * What a consultant said they can take on, against what is about to be saved: their pause, their
 * monthly hours, their yearly pay limit. A warning, not a refusal: the button sends the same form
 * again with `confirmName` set, so nothing typed is lost, with or without JavaScript.
 */
export function CapacityWarning({
  id,
  errors,
  confirmName,
  confirmLabel,
}: {
  id: string;
  errors: readonly string[] | null | undefined;
  confirmName: string;
  confirmLabel: string;
}) {
  const { t } = useTranslation("staff");
  const words = useMessage();
  if (!errors?.length) return null;
  return (
    <div
      role="group"
      aria-labelledby={`${id}-heading`}
      className="mb-4 rounded-md border-2 border-amber-700 bg-amber-50 p-3"
    >
      <p id={`${id}-heading`} className="font-semibold">
        {t("capacity.warning.heading")}
      </p>
      <ul id={id} className="mt-2 list-disc space-y-1 pl-5">
        {errors.map((text) => (
          <li key={text}>{words(text)}</li>
        ))}
      </ul>
      <p className="mt-2 text-sm">{t("capacity.warning.help")}</p>
      <button type="submit" name={confirmName} value="on" className="btn-secondary mt-3" aria-describedby={id}>
        {confirmLabel}
      </button>
    </div>
  );
}
