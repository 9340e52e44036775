import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";
import type { ConsentState } from "~/utils/consent-options";
import { CONSENT_STATE_LABELS } from "~/utils/consent-options";

// Each state has a word and a symbol as well as a colour, so colour is never the only signal.
const STATE_STYLE: Record<ConsentState, { symbol: string; className: string }> = {
  granted: { symbol: "✓", className: "border-emerald-700 bg-emerald-50 text-emerald-900" },
  declined: { symbol: "✕", className: "border-slate-500 bg-slate-100 text-slate-900" },
  withdrawn: { symbol: "!", className: "border-red-700 bg-red-50 text-red-900" },
  expired: { symbol: "◷", className: "border-amber-700 bg-amber-50 text-amber-950" },
  not_asked: { symbol: "–", className: "border-transparent text-xs text-slate-700" },
};

export function ConsentStateBadge({ state }: { state: ConsentState }) {
  const words = useMessage();
  const style = STATE_STYLE[state];
  return (
    <span
      className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 ${state === "not_asked" ? "" : "text-sm"} ${style.className}`}
    >
      <span aria-hidden="true" className="font-bold">
        {style.symbol}
      </span>
      {words(CONSENT_STATE_LABELS[state])}
    </span>
  );
}

/** The words a flagged use carries everywhere it is shown. */
export function FlagBadge({ cause }: { cause: { kind: "withdrawn" | "expired" } | null }) {
  const { t } = useTranslation("common");
  return (
    <strong className="inline-flex items-center gap-1 rounded border border-red-700 bg-red-50 px-1.5 py-0.5 text-sm text-red-900">
      <span aria-hidden="true">⚠</span>
      {cause?.kind === "expired" ? t("flagBadge.expired") : t("flagBadge.withdrawn")}
    </strong>
  );
}
