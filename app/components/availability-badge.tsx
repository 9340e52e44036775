import { useTranslation } from "react-i18next";
import type { EffectiveAvailability } from "~/utils/capacity";

/**
 * What a consultant said they can take on, in a few words for staff: "Paused until Jan 12, 2027" or
 * "At most 5 hours a month". Nothing for someone open to work, unless `showOpen`.
 */
export function AvailabilityBadge({
  availability,
  showOpen = false,
}: {
  availability: EffectiveAvailability;
  showOpen?: boolean;
}) {
  const { t } = useTranslation("staff");
  if (availability.state === "open") {
    return showOpen ? <span className="text-sm">{t("capacity.badge.open")}</span> : null;
  }
  // A word as well as a colour: the colour alone says nothing to everyone.
  return (
    <strong className="inline-block rounded border border-amber-700 bg-amber-50 px-2 py-0.5 text-sm text-amber-900">
      {availability.state === "paused"
        ? t("capacity.badge.paused", { until: availability.pausedUntil })
        : t("capacity.badge.limited", { hours: availability.monthlyLimitHundredths })}
    </strong>
  );
}
