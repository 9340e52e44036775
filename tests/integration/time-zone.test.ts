// An organization's time zone: how moments are written in it (across daylight saving time), which
// names an admin may choose, and that the staff and portal pages get it from their layout.
import { RuleError } from "../../app/models/errors";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, organizations } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { dayIn, formatDate, formatDateTime, formattersFor, todayIn } from "../../app/utils/format";
import { isSupportedTimeZone, TimeZoneField } from "../../app/utils/time-zone";
import { organizationTimeZone, organizationToday, setOrganizationTimeZone } from "../../app/models/settings.server";
import { logTime } from "../../app/models/time/changes.server";
import * as settingsRoute from "../../app/routes/_staff.settings.organization";
import * as staffLayout from "../../app/routes/_staff";
import * as portalLayout from "../../app/routes/portal";
import {
  cookieFor,
  createConsultantRecord,
  createEngagementRecord,
  createMember,
  createOrganization,
  createProgramRecord,
  createTwoOrganizations,
} from "../support/factories";
import { callRoute, makeRequest } from "../support/http";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
type Reply = { status?: string; error?: Record<string, string[] | null> };

let world: World;
const cookie = { admin: "", staff: "", consultant: "", otherAdmin: "" };

beforeAll(async () => {
  world = await createTwoOrganizations();
  cookie.admin = await cookieFor(world.own.admin.userId);
  cookie.staff = await cookieFor(world.own.staff.userId);
  cookie.consultant = await cookieFor(world.own.consultant.userId);
  cookie.otherAdmin = await cookieFor(world.other.admin.userId);
});

describe("a moment, written in a time zone", () => {
  it("carries the zone's short name, which follows daylight saving time", () => {
    expect(formatDateTime("2026-12-07T14:15:00Z", "America/New_York")).toBe("Dec 7, 2026, 9:15 AM EST");
    expect(formatDateTime("2026-07-07T14:15:00Z", "America/New_York")).toBe("Jul 7, 2026, 10:15 AM EDT");
    expect(formatDateTime("2026-12-07T14:15:00Z", "America/Los_Angeles")).toBe("Dec 7, 2026, 6:15 AM PST");
    expect(formatDateTime("2026-12-07T14:15:00Z", "UTC")).toBe("Dec 7, 2026, 2:15 PM UTC");
  });

  it("skips the lost hour in spring and tells the repeated hour apart in autumn", () => {
    // 2026-03-08: clocks in New York go from 2:00 AM EST to 3:00 AM EDT.
    expect(formatDateTime("2026-03-08T06:59:00Z", "America/New_York")).toBe("Mar 8, 2026, 1:59 AM EST");
    expect(formatDateTime("2026-03-08T07:00:00Z", "America/New_York")).toBe("Mar 8, 2026, 3:00 AM EDT");
    // 2026-11-01: 1:30 AM happens twice, an hour apart; only the zone name tells which.
    expect(formatDateTime("2026-11-01T05:30:00Z", "America/New_York")).toBe("Nov 1, 2026, 1:30 AM EDT");
    expect(formatDateTime("2026-11-01T06:30:00Z", "America/New_York")).toBe("Nov 1, 2026, 1:30 AM EST");
  });

  it("falls on the organization's day, not the UTC day", () => {
    const lateEvening = new Date("2026-12-08T03:00:00Z"); // 10 PM on Dec 7 in New York
    expect(dayIn(lateEvening, "America/New_York")).toBe("2026-12-07");
    expect(dayIn(lateEvening, "UTC")).toBe("2026-12-08");
    expect(dayIn(lateEvening.getTime(), "Asia/Tokyo")).toBe("2026-12-08");
    const fmt = formattersFor("America/New_York");
    expect(fmt.date(lateEvening)).toBe("Dec 7, 2026");
    expect(fmt.day(lateEvening.toISOString())).toBe("2026-12-07");
    expect(todayIn("America/New_York", lateEvening)).toBe("2026-12-07");
  });

  it("leaves a calendar day as it is, and refuses a moment where a day is expected", () => {
    expect(formatDate("2026-12-07")).toBe("Dec 7, 2026");
    expect(formatDate("2026-03-08")).toBe("Mar 8, 2026");
    expect(() => formatDate("2026-12-08T03:00:00.000Z")).toThrow(TypeError);
  });
});

describe("which time zones an organization may choose", () => {
  it("takes IANA names the runtime knows, and UTC", () => {
    for (const zone of ["America/New_York", "America/Chicago", "Europe/Berlin", "Pacific/Honolulu", "UTC"]) {
      expect(isSupportedTimeZone(zone)).toBe(true);
      expect(TimeZoneField.safeParse(zone).success).toBe(true);
    }
  });

  it("refuses anything else with a message that says what to do", () => {
    for (const zone of ["", "Mars/Olympus_Mons", "EST5EDT ", "america/new_york", "+05:00", "Local"]) {
      const parsed = TimeZoneField.safeParse(zone);
      expect(parsed.success, zone).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe("staff:settings.errors.timeZone");
    }
    expect(() =>
      setOrganizationTimeZone({
        organizationId: world.own.org.id,
        actorUserId: world.own.admin.userId,
        timeZone: "Mars/Olympus_Mons",
      }),
    ).toThrow(RangeError);
  });

  it("starts a new organization on America/New_York", () => {
    expect(createOrganization().timeZone).toBe("America/New_York");
  });
});

describe("the organization settings page", () => {
  const post = (who: string, timeZone: string) =>
    callRoute(settingsRoute.action, makeRequest("/settings/organization", { cookie: who, form: { timeZone } }));

  it("lets an admin choose the zone, audited, and every page then shows it", async () => {
    const saved = await post(cookie.admin, "America/Denver");
    expect(saved.status).toBe(302);
    expect(saved.location).toBe("/settings/organization?done=1");
    expect(organizationTimeZone(world.own.org.id)).toBe("America/Denver");
    const audit = db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.organizationId, world.own.org.id), eq(auditEvents.action, "settings.time_zone_updated")),
      )
      .all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: world.own.admin.userId, changedFields: ["timeZone"] });

    const staffShell = await callRoute(staffLayout.loader, makeRequest("/dashboard", { cookie: cookie.staff }));
    expect(staffShell.data).toMatchObject({ timeZone: "America/Denver" });
    const portalShell = await callRoute(portalLayout.loader, makeRequest("/portal", { cookie: cookie.consultant }));
    expect(portalShell.data).toMatchObject({ timeZone: "America/Denver" });
    // Another organization keeps its own.
    expect(organizationTimeZone(world.other.org.id)).toBe("America/New_York");

    const page = await callRoute(settingsRoute.loader, makeRequest("/settings/organization", { cookie: cookie.admin }));
    expect(page.data).toMatchObject({ timeZone: "America/Denver", nowThere: expect.stringMatching(/ M[SD]T$/) });
  });

  it("refuses a name that is not on the list, next to the field, and changes nothing", async () => {
    const before = organizationTimeZone(world.own.org.id);
    const refused = await post(cookie.admin, "Europe/Atlantis");
    expect(refused.status).toBe(400);
    expect((refused.data as Reply).error?.timeZone).toEqual(["staff:settings.errors.timeZone"]);
    expect(organizationTimeZone(world.own.org.id)).toBe(before);
  });

  it("is for admins only, and each admin sets only their own organization", async () => {
    const before = db.select().from(organizations).where(eq(organizations.id, world.own.org.id)).get()!.timeZone;
    expect((await post(cookie.staff, "Asia/Tokyo")).status).toBe(403);
    expect((await post(cookie.consultant, "Asia/Tokyo")).status).toBe(403);
    expect(organizationTimeZone(world.own.org.id)).toBe(before);
    expect((await post(cookie.otherAdmin, "Asia/Tokyo")).status).toBe(302);
    expect(organizationTimeZone(world.other.org.id)).toBe("Asia/Tokyo");
    expect(organizationTimeZone(world.own.org.id)).toBe(before);
  });
});

describe("the organization's today", () => {
  // 20:00 UTC on Dec 7 is already Dec 8 in Tokyo, and still Dec 7 in New York.
  const now = new Date("2026-12-07T20:00:00Z");

  async function organizationIn(timeZone: string) {
    const org = createOrganization();
    db.update(organizations).set({ timeZone }).where(eq(organizations.id, org.id)).run();
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const consultant = createConsultantRecord(org.id);
    const engagement = createEngagementRecord(org.id, consultant.id, createProgramRecord(org.id).id, {
      status: "agreed",
      startDate: "2026-12-01",
    });
    const log = (workDate: string) =>
      logTime({
        organizationId: org.id,
        actor: { userId: staff.userId, role: "staff" },
        engagementId: engagement.id,
        input: { workDate, hundredths: 100, kind: "session", note: null },
        now,
      });
    return { org, log };
  }

  it("is the day where the organization is", async () => {
    expect(organizationToday((await organizationIn("Asia/Tokyo")).org.id, now)).toBe("2026-12-08");
    expect(organizationToday((await organizationIn("America/New_York")).org.id, now)).toBe("2026-12-07");
  });

  it("decides which work days are in the future", async () => {
    const tokyo = await organizationIn("Asia/Tokyo");
    expect(tokyo.log("2026-12-08")).toEqual(expect.any(String));
    const newYork = await organizationIn("America/New_York");
    expect(() => newYork.log("2026-12-08")).toThrow(RuleError);
    expect(newYork.log("2026-12-07")).toEqual(expect.any(String));
  });
});
