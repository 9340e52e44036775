// The organization's pay settings as engagements use them: the fair hourly rate new terms are
// checked against and the default number of days to pay, with the defaults when none are saved.
import { eq } from "drizzle-orm";
import { organizationSettings } from "../../../db/schema";
import { db } from "../../utils/db.server";

export function getOrganizationSettings(organizationId: string) {
  return (
    db.select().from(organizationSettings).where(eq(organizationSettings.organizationId, organizationId)).get() ?? {
      organizationId,
      defaultHourlyRateCents: 5700,
      paymentDueDays: 30,
      requireTwoFactorForStaff: false,
      checkInIntervalDays: 90,
      benefitsGuidanceUrl: null,
      updatedAt: null,
    }
  );
}
