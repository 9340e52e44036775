// The model functions that change access or settings refuse, by themselves, anyone whose role does
// not hold the permission: a route that forgot its guard would still change nothing.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  invitations,
  memberships,
  organizations,
  organizationSettings,
  payments,
  taxYearThresholds,
} from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { ForbiddenError } from "../../app/models/errors";
import { inviteMember } from "../../app/models/invitation/send.server";
import { changeMemberRole, setMemberActive, signMemberOutEverywhere } from "../../app/models/membership.server";
import {
  setOrganizationTimeZone,
  setTaxYearThreshold,
  setTwoFactorRequirement,
  updatePaySettings,
} from "../../app/models/settings.server";
import { getSessionUser } from "../../app/utils/auth/session.server";
import { addActivityType, listActivityTypesForSettings } from "../../app/models/activity-type.server";
import { addChecklistItem, listChecklistItems } from "../../app/models/checklist.server";
import { addConsentPurpose, listConsentPurposes } from "../../app/models/consent/purposes.server";
import { createPayment } from "../../app/models/payment/recording.server";
import {
  cookieFor,
  createConsultantRecord,
  createEngagementRecord,
  createMember,
  createOrganization,
  createProgramRecord,
} from "../support/factories";
import { makeRequest } from "../support/http";

async function organizationWithPeople() {
  const org = createOrganization();
  const admin = await createMember({ organizationId: org.id, role: "admin" });
  const staff = await createMember({ organizationId: org.id, role: "staff" });
  const consultant = await createMember({ organizationId: org.id, role: "consultant" });
  const other = createOrganization();
  const otherAdmin = await createMember({ organizationId: other.id, role: "admin" });
  return { org, admin, staff, consultant, otherAdmin };
}

const membershipRow = (id: string) => db.select().from(memberships).where(eq(memberships.id, id)).get()!;

describe("members:manage, in the model", () => {
  it("refuses a role change, a deactivation or signing someone out to staff, consultants and other organizations' admins", async () => {
    const { org, admin, staff, consultant, otherAdmin } = await organizationWithPeople();
    const target = await createMember({ organizationId: org.id, role: "staff" });
    const targetCookie = await cookieFor(target.userId);
    for (const actor of [staff, consultant, otherAdmin]) {
      const scope = { organizationId: org.id, actorUserId: actor.userId, membershipId: target.membershipId };
      expect(() => changeMemberRole({ ...scope, role: "admin" })).toThrow(ForbiddenError);
      expect(() => setMemberActive({ ...scope, active: false })).toThrow(ForbiddenError);
      expect(() => signMemberOutEverywhere(scope)).toThrow(ForbiddenError);
    }
    expect(membershipRow(target.membershipId)).toMatchObject({ role: "staff", deactivatedAt: null });
    expect(await getSessionUser(makeRequest("/dashboard", { cookie: targetCookie }))).not.toBeNull();

    changeMemberRole({
      organizationId: org.id,
      actorUserId: admin.userId,
      membershipId: target.membershipId,
      role: "admin",
    });
    expect(membershipRow(target.membershipId).role).toBe("admin");
  });

  it("refuses a deactivated admin", async () => {
    const { org, admin } = await organizationWithPeople();
    const former = await createMember({ organizationId: org.id, role: "admin" });
    setMemberActive({
      organizationId: org.id,
      actorUserId: admin.userId,
      membershipId: former.membershipId,
      active: false,
    });
    expect(() =>
      changeMemberRole({
        organizationId: org.id,
        actorUserId: former.userId,
        membershipId: admin.membershipId,
        role: "staff",
      }),
    ).toThrow(ForbiddenError);
    expect(membershipRow(admin.membershipId).role).toBe("admin");
  });

  it("refuses an invitation sent by staff, and sends none", async () => {
    const { org, staff } = await organizationWithPeople();
    const email = `colleague-${crypto.randomUUID()}@example.test`;
    await expect(
      inviteMember({ organizationId: org.id, invitedByUserId: staff.userId, email, role: "admin" }),
    ).rejects.toThrow(ForbiddenError);
    expect(db.select().from(invitations).where(eq(invitations.email, email)).all()).toHaveLength(0);
  });
});

describe("settings:manage, in the model", () => {
  it("refuses every settings write by staff and changes nothing", async () => {
    const { org, staff } = await organizationWithPeople();
    const scope = { organizationId: org.id, actorUserId: staff.userId };
    expect(() => updatePaySettings({ ...scope, defaultHourlyRateCents: 1, paymentDueDays: 1 })).toThrow(ForbiddenError);
    expect(() => setTaxYearThreshold({ ...scope, taxYear: 2026, thresholdCents: 1 })).toThrow(ForbiddenError);
    expect(() => setTwoFactorRequirement({ ...scope, required: true })).toThrow(ForbiddenError);
    expect(() => setOrganizationTimeZone({ ...scope, timeZone: "Europe/Paris" })).toThrow(ForbiddenError);

    const settings = db
      .select()
      .from(organizationSettings)
      .where(eq(organizationSettings.organizationId, org.id))
      .get();
    expect(settings?.defaultHourlyRateCents).not.toBe(1);
    expect(settings?.requireTwoFactorForStaff ?? false).toBe(false);
    expect(db.select().from(taxYearThresholds).where(eq(taxYearThresholds.organizationId, org.id)).all()).toHaveLength(
      0,
    );
    expect(db.select().from(organizations).where(eq(organizations.id, org.id)).get()?.timeZone).not.toBe(
      "Europe/Paris",
    );
  });

  it("takes the same writes from an admin", async () => {
    const { org, admin } = await organizationWithPeople();
    setOrganizationTimeZone({ organizationId: org.id, actorUserId: admin.userId, timeZone: "Europe/Paris" });
    expect(db.select().from(organizations).where(eq(organizations.id, org.id)).get()?.timeZone).toBe("Europe/Paris");
  });
});

describe("the organization's own lists and recording pay, in the model", () => {
  it("refuses consent wording, activities and checklist steps to staff, consultants and other organizations' admins", async () => {
    const { org, admin, staff, consultant, otherAdmin } = await organizationWithPeople();
    const counts = () => ({
      purposes: listConsentPurposes(org.id).length,
      activities: listActivityTypesForSettings(org.id).length,
      steps: listChecklistItems(org.id, { includeArchived: true }).length,
    });
    const before = counts();
    for (const actor of [staff, consultant, otherAdmin]) {
      const scope = { organizationId: org.id, actorUserId: actor.userId };
      expect(() =>
        addConsentPurpose({ ...scope, label: "Podcast", text: "Your voice in our podcast.", defaultExpiryMonths: 12 }),
      ).toThrow(ForbiddenError);
      expect(() => addActivityType({ ...scope, stage: "design", label: "Focus group" })).toThrow(ForbiddenError);
      expect(() => addChecklistItem({ ...scope, label: "Welcome call" })).toThrow(ForbiddenError);
    }
    expect(counts()).toEqual(before);
    const scope = { organizationId: org.id, actorUserId: admin.userId };
    addConsentPurpose({ ...scope, label: "Podcast", text: "Your voice in our podcast.", defaultExpiryMonths: 12 });
    addActivityType({ ...scope, stage: "design", label: "Focus group" });
    addChecklistItem({ ...scope, label: "Welcome call" });
    expect(counts()).toEqual({
      purposes: before.purposes + 1,
      activities: before.activities + 1,
      steps: before.steps + 1,
    });
  });

  it("refuses recording a payment to a consultant and to another organization's admin", async () => {
    const { org, staff, consultant, otherAdmin } = await organizationWithPeople();
    const person = createConsultantRecord(org.id);
    const engagement = createEngagementRecord(org.id, person.id, createProgramRecord(org.id).id, {
      status: "completed",
      completedAt: new Date(),
    });
    const record = (actorUserId: string) =>
      createPayment({
        organizationId: org.id,
        actorUserId,
        engagementId: engagement.id,
        feeCents: 24_000,
        expensesCents: 0,
        creationKey: crypto.randomUUID(),
      });
    for (const actor of [consultant, otherAdmin]) expect(() => record(actor.userId)).toThrow(ForbiddenError);
    expect(db.select().from(payments).where(eq(payments.organizationId, org.id)).all()).toHaveLength(0);
    record(staff.userId);
    expect(db.select().from(payments).where(eq(payments.organizationId, org.id)).all()).toHaveLength(1);
  });
});
