import { asc, eq } from "drizzle-orm";
import { organizations, organizationSettings, taxYearThresholds } from "../../db/schema";
import { db } from "../utils/db.server";
import { recordAudit } from "../utils/audit.server";
import { defaultNecThresholdCents } from "../utils/money";
import { todayIn } from "../utils/format";
import { isSupportedTimeZone, TIME_ZONE_MESSAGE } from "../utils/time-zone";
import { getOrganizationSettings } from "./engagement/pay-settings.server";
import { NotFoundError } from "./errors";
import { assertMemberCan } from "./membership.server";

export function paySettings(organizationId: string, years: number[]) {
  const settings = getOrganizationSettings(organizationId);
  const overrides = db
    .select({ taxYear: taxYearThresholds.taxYear, thresholdCents: taxYearThresholds.thresholdCents })
    .from(taxYearThresholds)
    .where(eq(taxYearThresholds.organizationId, organizationId))
    .orderBy(asc(taxYearThresholds.taxYear))
    .all();
  const byYear = new Map(overrides.map((o) => [o.taxYear, o.thresholdCents]));
  return {
    defaultHourlyRateCents: settings.defaultHourlyRateCents,
    paymentDueDays: settings.paymentDueDays,
    thresholds: years.map((taxYear) => ({
      taxYear,
      thresholdCents: byYear.get(taxYear) ?? defaultNecThresholdCents(taxYear),
      isDefault: !byYear.has(taxYear),
    })),
  };
}

export function updatePaySettings(args: {
  organizationId: string;
  actorUserId: string;
  defaultHourlyRateCents: number;
  paymentDueDays: number;
}) {
  assertMemberCan(args.organizationId, args.actorUserId, "settings:manage");
  db.transaction((tx) => {
    const values = {
      defaultHourlyRateCents: args.defaultHourlyRateCents,
      paymentDueDays: args.paymentDueDays,
      updatedAt: new Date(),
    };
    tx.insert(organizationSettings)
      .values({ organizationId: args.organizationId, ...values })
      .onConflictDoUpdate({ target: organizationSettings.organizationId, set: values })
      .run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "settings.pay_updated",
      subjectType: "organization",
      subjectId: args.organizationId,
      changedFields: ["defaultHourlyRateCents", "paymentDueDays"],
    });
  });
}

/** Sets the 1099-NEC threshold for one tax year (the law changes; the organization keeps up). */
export function setTaxYearThreshold(args: {
  organizationId: string;
  actorUserId: string;
  taxYear: number;
  thresholdCents: number;
}) {
  assertMemberCan(args.organizationId, args.actorUserId, "settings:manage");
  db.transaction((tx) => {
    tx.insert(taxYearThresholds)
      .values({ organizationId: args.organizationId, taxYear: args.taxYear, thresholdCents: args.thresholdCents })
      .onConflictDoUpdate({
        target: [taxYearThresholds.organizationId, taxYearThresholds.taxYear],
        set: { thresholdCents: args.thresholdCents },
      })
      .run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "settings.tax_threshold_set",
      subjectType: "organization",
      subjectId: args.organizationId,
      changedFields: ["thresholdCents"],
    });
  });
}

/** Whether admins and staff must use two-step sign-in (enforced in requireMembership). */
export function signInSecuritySettings(organizationId: string) {
  const row = db
    .select({ required: organizationSettings.requireTwoFactorForStaff })
    .from(organizationSettings)
    .where(eq(organizationSettings.organizationId, organizationId))
    .get();
  return { requireTwoFactorForStaff: row?.required ?? false };
}

export function setTwoFactorRequirement(args: { organizationId: string; actorUserId: string; required: boolean }) {
  assertMemberCan(args.organizationId, args.actorUserId, "settings:manage");
  db.transaction((tx) => {
    const values = { requireTwoFactorForStaff: args.required, updatedAt: new Date() };
    tx.insert(organizationSettings)
      .values({ organizationId: args.organizationId, ...values })
      .onConflictDoUpdate({ target: organizationSettings.organizationId, set: values })
      .run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: args.required ? "settings.two_factor_required" : "settings.two_factor_not_required",
      subjectType: "organization",
      subjectId: args.organizationId,
      changedFields: ["requireTwoFactorForStaff"],
    });
  });
}

/** The time zone every moment is shown in for this organization (an IANA name). */
export function organizationTimeZone(organizationId: string) {
  const row = db
    .select({ timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .get();
  if (!row) throw new NotFoundError("staff:settings.errors.organizationNotFound");
  return row.timeZone;
}

/** Today's calendar day (YYYY-MM-DD) where the organization is. */
export function organizationToday(organizationId: string, now: Date = new Date()) {
  return todayIn(organizationTimeZone(organizationId), now);
}

export function setOrganizationTimeZone(args: { organizationId: string; actorUserId: string; timeZone: string }) {
  assertMemberCan(args.organizationId, args.actorUserId, "settings:manage");
  // A name the runtime does not know would break every page that shows a time.
  if (!isSupportedTimeZone(args.timeZone)) throw new RangeError(TIME_ZONE_MESSAGE);
  db.transaction((tx) => {
    tx.update(organizations).set({ timeZone: args.timeZone }).where(eq(organizations.id, args.organizationId)).run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "settings.time_zone_updated",
      subjectType: "organization",
      subjectId: args.organizationId,
      changedFields: ["timeZone"],
    });
  });
}
