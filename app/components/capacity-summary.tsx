import { useTranslation } from "react-i18next";
import type { EffectiveAvailability } from "~/utils/capacity";
import { useFormat } from "~/utils/use-format";
import { AvailabilityBadge } from "./availability-badge";

type Capacity = {
  availability: EffectiveAvailability;
  note: string | null;
  changedAt: string | Date | null;
  yearlyPayLimitCents: number | null;
  thisYear: { year: number; paidCents: number; waitingCents: number } | null;
  checkIn: { lastCheckInOn: string | null; dueOn: string; overdue: boolean } | null;
};

/**
 * What the consultant said they can take on, in their own words, their yearly pay limit against the
 * year so far, and when they last checked their details: on their record, for staff.
 */
export function CapacitySummary({ capacity: c }: { capacity: Capacity }) {
  const { t } = useTranslation("staff");
  const f = useFormat();
  return (
    <section aria-labelledby="capacity-heading" className="card">
      <h2 id="capacity-heading" className="text-lg font-semibold">
        {t("capacity.record.heading")}
      </h2>
      <dl className="mt-3 space-y-3">
        <div>
          <dt className="font-medium text-slate-700">{t("capacity.record.availability")}</dt>
          <dd>
            <AvailabilityBadge availability={c.availability} showOpen />
            {c.availability.state === "paused" ? (
              <span className="block text-sm">
                {t("capacity.record.pausedSince", { from: c.availability.pausedFrom })}
              </span>
            ) : null}
            {c.changedAt ? (
              <span className="block text-sm text-slate-700">
                {t("capacity.record.changedOn", { date: f.date(c.changedAt) })}
              </span>
            ) : null}
          </dd>
        </div>
        {c.note ? (
          <div>
            <dt className="font-medium text-slate-700">{t("capacity.record.note")}</dt>
            <dd className="whitespace-pre-line">{c.note}</dd>
          </div>
        ) : null}
        <div>
          <dt className="font-medium text-slate-700">{t("capacity.record.payLimit")}</dt>
          <dd>
            {c.yearlyPayLimitCents === null || !c.thisYear ? (
              t("capacity.record.noPayLimit")
            ) : (
              <>
                {t("capacity.record.payLimitAmount", { limit: c.yearlyPayLimitCents })}
                <span className="block text-sm">
                  {t("capacity.record.yearSoFar", {
                    year: c.thisYear.year,
                    paid: c.thisYear.paidCents,
                    waiting: c.thisYear.waitingCents,
                  })}
                </span>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">{t("capacity.record.checkIn")}</dt>
          <dd>
            {!c.checkIn ? (
              t("capacity.record.noCheckIns")
            ) : (
              <>
                {c.checkIn.lastCheckInOn
                  ? t("capacity.record.lastCheckIn", { day: c.checkIn.lastCheckInOn })
                  : t("capacity.record.neverCheckedIn")}
                <span className={`block text-sm ${c.checkIn.overdue ? "font-semibold text-red-800" : ""}`}>
                  {c.checkIn.overdue
                    ? t("capacity.record.overdueSince", { day: c.checkIn.dueOn })
                    : t("capacity.record.nextDue", { day: c.checkIn.dueOn })}
                </span>
              </>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
