// Kept apart from experience-letter.tsx: only the public /verify page uses it, and the portal's letter
// pages, which must stay light on a phone, do not carry it.
import { useTranslation } from "react-i18next";
import type { LetterFacts } from "~/models/experience/verification.server";

/**
 * What /verify says a checked letter states, to compare with the copy in hand, in the reader's
 * language; null once its words were erased.
 */
export function CheckedLetterFacts({ facts }: { facts: LetterFacts | null }) {
  const { t } = useTranslation();
  if (!facts) return <p className="mt-1">{t("verify.noFacts")}</p>;
  const { totalHundredths: hours, firstMonth, lastMonth } = facts;
  return (
    <>
      <p className="mt-1">
        {!firstMonth || !lastMonth
          ? t("verify.states", { hours })
          : firstMonth === lastMonth
            ? t("verify.statesInMonth", { hours, month: firstMonth })
            : t("verify.statesFromTo", { hours, from: firstMonth, to: lastMonth })}
      </p>
      <p className="mt-1 font-semibold">{t("verify.compare")}</p>
    </>
  );
}
