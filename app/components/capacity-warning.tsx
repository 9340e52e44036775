import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";

/** One consultant's warnings, where a form offers work to several at once. */
export type CapacityWarningsOf = { consultantId: string; preferredName: string; warnings: readonly string[] };

/**
 * What a consultant said they can take on, against what is about to be saved: their pause, their
 * monthly hours, their yearly pay limit. A warning, not a refusal: the button sends the same form
 * again with `confirmName` set, so nothing typed is lost, with or without JavaScript. With `people`,
 * each consultant's warnings are listed under their name.
 */
export function CapacityWarning({
  id,
  errors,
  people,
  confirmName,
  confirmLabel,
}: {
  id: string;
  errors: readonly string[] | null | undefined;
  people?: readonly CapacityWarningsOf[];
  confirmName: string;
  confirmLabel: string;
}) {
  const { t } = useTranslation("staff");
  const words = useMessage();
  if (!errors?.length && !people?.length) return null;
  return (
    <div
      role="group"
      aria-labelledby={`${id}-heading`}
      className="mb-4 rounded-md border-2 border-amber-700 bg-amber-50 p-3"
    >
      <p id={`${id}-heading`} className="font-semibold">
        {t("capacity.warning.heading")}
      </p>
      {people?.length ? (
        <ul id={id} className="mt-2 space-y-2">
          {people.map((person) => (
            <li key={person.consultantId}>
              <span className="font-medium">{person.preferredName}</span>
              <ul className="list-disc space-y-1 pl-5">
                {person.warnings.map((text) => (
                  <li key={text}>{words(text)}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      ) : (
        <ul id={id} className="mt-2 list-disc space-y-1 pl-5">
          {errors?.map((text) => (
            <li key={text}>{words(text)}</li>
          ))}
        </ul>
      )}
      <p className="mt-2 text-sm">{t("capacity.warning.help")}</p>
      <button type="submit" name={confirmName} value="on" className="btn-secondary mt-3" aria-describedby={id}>
        {confirmLabel}
      </button>
    </div>
  );
}
