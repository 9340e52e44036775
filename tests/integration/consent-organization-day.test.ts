// Consent is judged on the organization's own calendar day, not the UTC one: an end date, the day a
// choice was given and the day a portal choice was made, for organizations far east and far west of
// UTC, at moments when their day differs from the UTC day.
import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { consentEvents, organizations } from "../../db/schema";
import { latestChoiceDays, recordConsentDecision } from "../../app/models/consent/decisions.server";
import { sweepConsents } from "../../app/models/consent/lapses.server";
import { listConsentPurposes } from "../../app/models/consent/purposes.server";
import { consentOverview, consentsForReview } from "../../app/models/consent/reads.server";
import { recordConsentUse } from "../../app/models/consent/uses.server";
import { RuleError } from "../../app/models/errors";
import { portalHome } from "../../app/models/portal-home.server";
import { db } from "../../app/utils/db.server";
import { createConsultantRecord, createMember, createOrganization } from "../support/factories";

/** An organization in `timeZone`, with a staff member and a consultant who has a portal account. */
async function organizationIn(timeZone: string) {
  const org = createOrganization();
  db.update(organizations).set({ timeZone }).where(eq(organizations.id, org.id)).run();
  const staff = await createMember({ organizationId: org.id, role: "staff" });
  const member = await createMember({ organizationId: org.id, role: "consultant" });
  const consultant = createConsultantRecord(org.id, { userId: member.userId });
  const purposeId = (key: string) => listConsentPurposes(org.id).find((p) => p.systemKey === key)!.id;
  return { org, staff, member, consultantId: consultant.id, purposeId };
}

const eventsOf = (consultantId: string) =>
  db
    .select()
    .from(consentEvents)
    .where(eq(consentEvents.consultantId, consultantId))
    .orderBy(asc(sql`${consentEvents}.rowid`))
    .all();

afterEach(() => {
  vi.useRealTimers();
});

describe("an organization ahead of UTC (UTC+14)", () => {
  let east: Awaited<ReturnType<typeof organizationIn>>;
  beforeAll(async () => {
    east = await organizationIn("Pacific/Kiritimati");
  });

  it("ends a yes on its own day, and the sweep records it then; a use can no longer rest on it", () => {
    // Given in January, ending on March 11.
    recordConsentDecision({
      organizationId: east.org.id,
      consultantId: east.consultantId,
      purposeId: east.purposeId("social_media"),
      decision: "granted",
      actor: { kind: "staff", userId: east.staff.userId, role: "staff" },
      method: "written_form",
      givenOn: "2030-01-05",
      formKeptAt: "Binder",
      expiresOn: "2030-03-11",
      creationKey: randomUUID(),
      today: "2030-01-05",
    });
    // 20:00 UTC on March 10 is already 10:00 on March 11 there.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-03-10T20:00:00Z"));

    const story = consentOverview(east.org.id, east.consultantId).find(
      (c) => c.purpose.id === east.purposeId("social_media"),
    )!;
    expect(story.state).toBe("expired");
    expect(consentsForReview(east.org.id).expired.map((e) => e.consultantId)).toEqual([east.consultantId]);
    // The portal home says the same as the consent page: ended, not "ending soon".
    expect(portalHome({ organizationId: east.org.id, userId: east.member.userId }).consent).toMatchObject({
      ended: 1,
      endingSoon: 0,
    });
    let refusal: unknown;
    try {
      recordConsentUse({
        organizationId: east.org.id,
        actor: { userId: east.staff.userId, role: "staff" },
        consultantId: east.consultantId,
        purposeId: east.purposeId("social_media"),
        description: "Post",
        place: "Instagram",
        status: "planned",
        creationKey: randomUUID(),
      });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(RuleError);
    expect((refusal as RuleError).message).toMatch(/gave a yes that has ended/);

    sweepConsents();
    const expired = db
      .select()
      .from(consentEvents)
      .where(and(eq(consentEvents.consultantId, east.consultantId), eq(consentEvents.kind, "expired")))
      .all();
    expect(expired).toHaveLength(1);
    expect(expired[0]!.expiresOn).toBe("2030-03-11");
  });

  it("takes a choice given on its today, which is still tomorrow in UTC", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-03-10T20:00:00Z"));
    recordConsentDecision({
      organizationId: east.org.id,
      consultantId: east.consultantId,
      purposeId: east.purposeId("photo"),
      decision: "granted",
      actor: { kind: "staff", userId: east.staff.userId, role: "staff" },
      method: "written_form",
      givenOn: "2030-03-11",
      formKeptAt: "Binder",
      creationKey: randomUUID(),
    });
    expect(eventsOf(east.consultantId).find((e) => e.purposeId === east.purposeId("photo"))).toMatchObject({
      kind: "granted",
      givenOn: "2030-03-11",
      // Three years from the day it was signed there.
      expiresOn: "2033-03-11",
    });
  });
});

describe("an organization behind UTC (UTC-11)", () => {
  it("dates a portal choice made in its evening on its own day, so staff can record the next one that day", async () => {
    const west = await organizationIn("Pacific/Pago_Pago");
    // 05:00 UTC on March 11 is 18:00 on March 10 there.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-03-11T05:00:00Z"));
    recordConsentDecision({
      organizationId: west.org.id,
      consultantId: west.consultantId,
      purposeId: west.purposeId("story"),
      decision: "declined",
      actor: { kind: "consultant", userId: west.member.userId },
      method: "portal",
      creationKey: randomUUID(),
    });
    expect(latestChoiceDays(west.org.id, west.consultantId).get(west.purposeId("story"))).toBe("2030-03-10");

    // Later that evening they sign a paper form saying yes; staff record it the same day.
    vi.setSystemTime(new Date("2030-03-11T08:00:00Z"));
    recordConsentDecision({
      organizationId: west.org.id,
      consultantId: west.consultantId,
      purposeId: west.purposeId("story"),
      decision: "granted",
      actor: { kind: "staff", userId: west.staff.userId, role: "staff" },
      method: "written_form",
      givenOn: "2030-03-10",
      formKeptAt: "Binder",
      creationKey: randomUUID(),
    });
    expect(eventsOf(west.consultantId).map((e) => e.kind)).toEqual(["declined", "granted"]);
  });
});
