// Activity types: an organization adds its own kinds of work per stage, removes and
// offers them again; the page's loader and action run against this file's own database copy.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activityTypes, auditEvents } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { listActivityTypes } from "../../app/models/activity-type.server";
import { DEFAULT_ACTIVITY_TYPES } from "../../app/utils/engagement-options";
import * as route from "../../app/routes/_staff.settings.activities";
import { cookieFor, createEngagementRecord, createTwoOrganizations } from "../support/factories";
import { callRoute, makeRequest } from "../support/http";
import { message as messageOf } from "../../app/i18n/message";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
type PageData = Awaited<ReturnType<typeof route.loader>>;
type Reply = { error?: Record<string, string[] | null> };

let world: World;
const cookie = { admin: "", staff: "", consultant: "", otherAdmin: "" };

beforeAll(async () => {
  world = await createTwoOrganizations();
  cookie.admin = await cookieFor(world.own.admin.userId);
  cookie.staff = await cookieFor(world.own.staff.userId);
  cookie.consultant = await cookieFor(world.own.consultant.userId);
  cookie.otherAdmin = await cookieFor(world.other.admin.userId);
});

const post = (form: Record<string, string>, who = cookie.admin) =>
  callRoute(route.action, makeRequest("/settings/activities", { cookie: who, form }));

async function page(who = cookie.admin) {
  const result = await callRoute(route.loader, makeRequest("/settings/activities", { cookie: who }));
  expect(result.status).toBe(200);
  return (result.data as PageData).activities;
}

const rowsOf = (organizationId: string) =>
  db.select().from(activityTypes).where(eq(activityTypes.organizationId, organizationId)).all();

const auditFor = (id: string) =>
  db
    .select({ action: auditEvents.action, changedFields: auditEvents.changedFields })
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectType, "activity_type"), eq(auditEvents.subjectId, id)))
    .all();

describe("the activity types page", () => {
  it("lists the default activities for each stage with how many engagements use each", async () => {
    const activities = await page();
    for (const [stage, labels] of Object.entries(DEFAULT_ACTIVITY_TYPES)) {
      expect(activities.filter((a) => a.stage === stage).map((a) => a.label)).toEqual([...labels].sort());
    }
    const used = activities.find((a) => a.stage === "delivery")!;
    createEngagementRecord(world.own.org.id, world.own.consultant.consultantId, world.own.programId, {
      activityTypeId: used.id,
    });
    expect((await page()).find((a) => a.id === used.id)!.engagementCount).toBe(1);
  });

  it("adds an activity to one stage, offers it on the engagement form and audits it", async () => {
    const label = `Reviewing intake forms ${randomUUID().slice(0, 6)}`;
    const result = await post({ intent: "add", stage: "design", label: `  ${label}  ` });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/settings/activities?done=added");
    const added = listActivityTypes(world.own.org.id).find((a) => a.label === label);
    expect(added).toMatchObject({ stage: "design", label });
    expect(auditFor(added!.id)).toEqual([{ action: "activity_type.added", changedFields: ["stage", "label"] }]);
    // Only this organization has it.
    expect(listActivityTypes(world.other.org.id).some((a) => a.label === label)).toBe(false);
  });

  it("treats a resent form, or the same name in other capitals, as the one already there", async () => {
    const label = `Panel talk ${randomUUID().slice(0, 6)}`;
    await post({ intent: "add", stage: "delivery", label });
    const before = rowsOf(world.own.org.id).length;
    const again = await post({ intent: "add", stage: "delivery", label: label.toUpperCase() });
    expect(again.location).toBe("/settings/activities?done=exists");
    expect(rowsOf(world.own.org.id)).toHaveLength(before);
    // The same words in another stage are a different activity.
    const otherStage = await post({ intent: "add", stage: "evaluation", label });
    expect(otherStage.location).toBe("/settings/activities?done=added");
  });

  it("removes an activity from the offer and offers it again, keeping the same record", async () => {
    const label = `Street outreach ${randomUUID().slice(0, 6)}`;
    await post({ intent: "add", stage: "delivery", label });
    const { id } = listActivityTypes(world.own.org.id).find((a) => a.label === label)!;

    expect((await post({ intent: "archive", activityTypeId: id })).location).toBe("/settings/activities?done=archive");
    expect(listActivityTypes(world.own.org.id).some((a) => a.id === id)).toBe(false);
    expect((await page()).find((a) => a.id === id)!.archivedAt).not.toBeNull();
    // Removing twice changes nothing more.
    await post({ intent: "archive", activityTypeId: id });

    // Adding the same name again brings the removed one back rather than making a second.
    expect((await post({ intent: "add", stage: "delivery", label })).location).toBe(
      "/settings/activities?done=restored",
    );
    expect(rowsOf(world.own.org.id).filter((r) => r.label === label)).toHaveLength(1);
    await post({ intent: "archive", activityTypeId: id });
    await post({ intent: "restore", activityTypeId: id });
    expect(listActivityTypes(world.own.org.id).some((a) => a.id === id)).toBe(true);
    expect(auditFor(id).map((a) => a.action)).toEqual([
      "activity_type.added",
      "activity_type.archived",
      "activity_type.restored",
      "activity_type.archived",
      "activity_type.restored",
    ]);
  });

  it.each([
    ["empty", "", "staff:settings.errors.activityName"],
    ["only spaces", "    ", "staff:settings.errors.activityName"],
    ["too long", "x".repeat(81), messageOf("staff:settings.errors.maxChars", { max: 80 })],
  ])("refuses a name that is %s, next to the field, adding nothing", async (_, label, message) => {
    const before = rowsOf(world.own.org.id).length;
    const result = await post({ intent: "add", stage: "design", label });
    expect(result.status).toBe(400);
    expect((result.data as Reply).error?.label).toEqual([message]);
    expect(rowsOf(world.own.org.id)).toHaveLength(before);
  });

  it("refuses a stage that does not exist", async () => {
    const result = await post({ intent: "add", stage: "fundraising", label: "Gala" });
    expect(result.status).toBe(400);
    expect((result.data as Reply).error?.stage).toEqual(["staff:settings.errors.stage"]);
  });

  it("keeps markup and other alphabets as plain text", async () => {
    const label = `<script>alert(1)</script> Círculo de apoyo ${randomUUID().slice(0, 4)}`;
    await post({ intent: "add", stage: "design", label });
    expect(rowsOf(world.own.org.id).find((r) => r.label === label)?.label).toBe(label);
  });
});

describe("who may change activity types", () => {
  it("staff and consultants may not, and nothing changes", async () => {
    const before = rowsOf(world.own.org.id);
    for (const who of [cookie.staff, cookie.consultant]) {
      const result = await post({ intent: "add", stage: "design", label: "Not allowed" }, who);
      expect(result.status).toBe(403);
    }
    expect(rowsOf(world.own.org.id)).toEqual(before);
  });

  it("an admin of another organization cannot remove or restore this organization's activities", async () => {
    const target = listActivityTypes(world.own.org.id)[0]!;
    for (const intent of ["archive", "restore"]) {
      const result = await post({ intent, activityTypeId: target.id }, cookie.otherAdmin);
      expect(result.status).toBe(404);
    }
    expect(db.select().from(activityTypes).where(eq(activityTypes.id, target.id)).get()!.archivedAt).toBeNull();
    expect(auditFor(target.id)).toEqual([]);
  });
});
