// The organization's settings for check-ins and pay limits: how often consultants are asked to
// check their details, and the organization's own guidance about pay and benefits, if it has any.
import { organizationSettings } from "../../../db/schema";
import { recordAudit } from "../../utils/audit.server";
import { db } from "../../utils/db.server";
import { getOrganizationSettings } from "../engagement/pay-settings.server";
import { assertMemberCan } from "../membership.server";

export function checkInSettings(organizationId: string) {
  const { checkInIntervalDays, benefitsGuidanceUrl } = getOrganizationSettings(organizationId);
  return { checkInIntervalDays, benefitsGuidanceUrl };
}

export function updateCheckInSettings(args: {
  organizationId: string;
  actorUserId: string;
  checkInIntervalDays: number;
  benefitsGuidanceUrl: string | null;
}) {
  assertMemberCan(args.organizationId, args.actorUserId, "settings:manage");
  const before = checkInSettings(args.organizationId);
  const values = { checkInIntervalDays: args.checkInIntervalDays, benefitsGuidanceUrl: args.benefitsGuidanceUrl };
  const changed = (Object.keys(values) as (keyof typeof values)[]).filter((key) => before[key] !== values[key]);
  if (changed.length === 0) return;
  db.transaction((tx) => {
    tx.insert(organizationSettings)
      .values({ organizationId: args.organizationId, ...values, updatedAt: new Date() })
      .onConflictDoUpdate({ target: organizationSettings.organizationId, set: { ...values, updatedAt: new Date() } })
      .run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "settings.check_ins_updated",
      subjectType: "organization",
      subjectId: args.organizationId,
      changedFields: changed,
    });
  });
}
