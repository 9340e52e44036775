// Kept apart from experience-letter.tsx: only the public /verify page uses it, and the portal's letter
// pages, which must stay light on a phone, do not carry it.
import { useTranslation } from "react-i18next";
import { intlLocale, type Language } from "~/i18n/config";
import type { LetterFacts } from "~/models/experience/verification.server";

/** "August 2026" ("agosto de 2026"): the month (YYYY-MM) of calendar days, with no time zone shift. */
function formatMonth(month: string, language: Language) {
  return new Intl.DateTimeFormat(intlLocale(language), { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/**
 * What /verify says a checked letter states, to compare with the copy in hand, in the reader's
 * language; null once its words were erased.
 */
export function CheckedLetterFacts({ facts }: { facts: LetterFacts | null }) {
  const { t, i18n } = useTranslation();
  if (!facts) return <p className="mt-1">{t("verify.noFacts")}</p>;
  const { totalHundredths: hours, firstMonth, lastMonth } = facts;
  const month = (value: string) => formatMonth(value, i18n.language);
  return (
    <>
      <p className="mt-1">
        {!firstMonth || !lastMonth
          ? t("verify.states", { hours })
          : firstMonth === lastMonth
            ? t("verify.statesInMonth", { hours, month: month(firstMonth) })
            : t("verify.statesFromTo", { hours, from: month(firstMonth), to: month(lastMonth) })}
      </p>
      <p className="mt-1 font-semibold">{t("verify.compare")}</p>
    </>
  );
}
