// Demo capacity: what consultants said they can take on, and their regular check-ins. At Northwind
// Alliance, Rosa is on a break until six weeks from now (with a note to staff) and her check-in is
// due, so her portal asks her; Kofi can do at most 5 hours a month and wants at most $2,000 in fees
// this year, of which $1,800 is paid (his completed review), so offering him more work warns staff.
// At Harbor Light Collective, Ben's check-in is long overdue: it shows on "Needs you", and since his
// email is not safe no reminder is ever sent to him. The organization links its own guidance on pay
// and benefits. Set once: a second run leaves what a person has changed since.
import { subDays } from "date-fns";
import { and, eq, isNull } from "drizzle-orm";
import { consultants, organizationSettings, type AvailabilityState } from "../schema";
import { sealConsultantFields } from "../../app/models/consultant-fields.server";
import { organizationToday } from "../../app/models/settings.server";
import type { Executor } from "../../app/utils/db.server";
import { addDaysToIsoDay } from "../../app/utils/day";

type DemoCapacity = {
  consultant: string;
  state?: AvailabilityState;
  monthlyLimitHundredths?: number;
  /** A break from `pausedDaysAgo` days ago to `pausedForDays` days from now. */
  pause?: { pausedDaysAgo: number; pausedForDays: number; note: string };
  yearlyPayLimitCents?: number;
  /** Days since they last said their details are still right. */
  checkedInDaysAgo?: number;
};

const CAPACITY: Record<string, DemoCapacity[]> = {
  "Harbor Light Collective": [{ consultant: "ben", checkedInDaysAgo: 150 }],
  "Northwind Alliance": [
    {
      consultant: "rosa",
      state: "paused",
      pause: { pausedDaysAgo: 10, pausedForDays: 45, note: "Back after my course ends. Email is fine until then." },
      checkedInDaysAgo: 95,
    },
    { consultant: "kofi", state: "limited", monthlyLimitHundredths: 500, yearlyPayLimitCents: 200_000 },
  ],
};

const GUIDANCE: Record<string, string> = {
  "Northwind Alliance": "https://www.example.org/pay-and-benefits",
};

export function ensureDemoCapacity(tx: Executor, organizationId: string, orgName: string) {
  const today = organizationToday(organizationId);
  for (const demo of CAPACITY[orgName] ?? []) {
    const consultant = tx
      .select({ id: consultants.id })
      .from(consultants)
      .where(
        and(
          eq(consultants.organizationId, organizationId),
          eq(consultants.creationKey, `demo:${demo.consultant}`),
          isNull(consultants.availabilityChangedAt),
          isNull(consultants.lastCheckInOn),
        ),
      )
      .get();
    if (!consultant) continue;
    const pause = demo.pause;
    tx.update(consultants)
      .set({
        availabilityState: demo.state ?? "open",
        monthlyLimitHundredths: demo.monthlyLimitHundredths ?? null,
        pausedFrom: pause ? addDaysToIsoDay(today, -pause.pausedDaysAgo) : null,
        pausedUntil: pause ? addDaysToIsoDay(today, pause.pausedForDays) : null,
        // Sealed like everything the app writes (ADR 008).
        ...sealConsultantFields(
          { availabilityNote: pause?.note ?? null },
          { organizationId, consultantId: consultant.id },
        ),
        availabilityChangedAt: demo.state ? subDays(new Date(), pause?.pausedDaysAgo ?? 20) : null,
        yearlyPayLimitCents: demo.yearlyPayLimitCents ?? null,
        lastCheckInOn: addDaysToIsoDay(today, -(demo.checkedInDaysAgo ?? 0)),
      })
      .where(eq(consultants.id, consultant.id))
      .run();
  }
  const url = GUIDANCE[orgName];
  if (url) {
    tx.insert(organizationSettings)
      .values({ organizationId, benefitsGuidanceUrl: url })
      .onConflictDoUpdate({
        target: organizationSettings.organizationId,
        set: { benefitsGuidanceUrl: url },
        setWhere: isNull(organizationSettings.benefitsGuidanceUrl),
      })
      .run();
  }
}
