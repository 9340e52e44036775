import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * A link to pass on by hand: in a read-only field that can be selected and copied without
 * JavaScript; with it, a button copies the link and says so in a live region.
 */
export function CopyableLink({
  id,
  label,
  value,
  help,
}: {
  id: string;
  label: string;
  value: string;
  help: ReactNode;
}) {
  const { t } = useTranslation("common");
  const field = useRef<HTMLInputElement>(null);
  const [canCopy, setCanCopy] = useState(false);
  const [said, setSaid] = useState("");
  // Only once the page's scripts run, and only where the browser lets a page write to the clipboard.
  useEffect(() => setCanCopy(Boolean(navigator.clipboard?.writeText)), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setSaid(t("copyableLink.copied"));
    } catch {
      field.current?.select();
      setSaid(t("copyableLink.notCopied"));
    }
  };

  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          ref={field}
          id={id}
          type="text"
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          aria-describedby={`${id}-help`}
          className="input mt-0 min-w-0 flex-1 font-mono text-sm"
        />
        {canCopy ? (
          <button type="button" className="btn-secondary" onClick={() => void copy()}>
            {t("copyableLink.copy")}
          </button>
        ) : null}
      </div>
      <p id={`${id}-help`} className="mt-1 text-sm">
        {help}
      </p>
      <p role="status" className="min-h-[1.25rem] text-sm font-medium">
        {said}
      </p>
    </div>
  );
}
