import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { recordAudit } from "../../app/utils/audit.server";
import * as auditRoute from "../../app/routes/_staff.admin.audit";
import * as usersRoute from "../../app/routes/_staff.admin.users";
import { cookieFor, createMember, createOrganization } from "../support/factories";
import { callRoute, makeRequest } from "../support/http";

const org = createOrganization();

function eventsOf(action: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.action, action)).all();
}

describe("the audit log is append-only", () => {
  it("refuses UPDATE", () => {
    recordAudit(db, { actorUserId: null, organizationId: org.id, action: "test.event", subjectType: "test" });
    expect(() => db.update(auditEvents).set({ action: "tampered" }).run()).toThrow(/append-only/);
    expect(eventsOf("tampered")).toHaveLength(0);
  });

  it("refuses DELETE, even of everything", () => {
    recordAudit(db, { actorUserId: null, organizationId: org.id, action: "test.kept", subjectType: "test" });
    const before = db
      .select({ n: sql<number>`count(*)` })
      .from(auditEvents)
      .get()!.n;
    expect(before).toBeGreaterThan(0);
    expect(() => db.delete(auditEvents).run()).toThrow(/append-only/);
    expect(() => db.$client.exec("DELETE FROM audit_events")).toThrow(/append-only/);
    expect(
      db
        .select({ n: sql<number>`count(*)` })
        .from(auditEvents)
        .get()!.n,
    ).toBe(before);
  });

  it("is written with the change or not at all", () => {
    expect(() =>
      db.transaction((tx) => {
        recordAudit(tx, { actorUserId: null, organizationId: org.id, action: "test.rolled_back", subjectType: "test" });
        throw new Error("the change failed");
      }),
    ).toThrow("the change failed");
    expect(eventsOf("test.rolled_back")).toHaveLength(0);
  });
});

describe("what gets recorded", () => {
  it("a sign-in, with who and where", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    await cookieFor(staff.userId);
    const [event] = eventsOf("session.login").filter((e) => e.subjectId === staff.userId);
    expect(event).toMatchObject({ actorUserId: staff.userId, organizationId: org.id, subjectType: "user" });
    expect(event!.occurredAt).toBeInstanceOf(Date);
  });

  it("a role change names the field, never the values", async () => {
    const admin = await createMember({ organizationId: org.id, role: "admin" });
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const result = await callRoute(
      usersRoute.action,
      makeRequest("/admin/users", {
        cookie: await cookieFor(admin.userId),
        form: { intent: "change-role", membershipId: staff.membershipId, role: "admin" },
      }),
    );
    expect(result.status).toBe(302);
    const event = eventsOf("membership.role_changed").find((e) => e.subjectId === staff.membershipId)!;
    expect(event).toMatchObject({ actorUserId: admin.userId, organizationId: org.id, changedFields: ["role"] });
    const raw = JSON.stringify(db.$client.prepare("select * from audit_events where id = ?").get(event.id));
    expect(raw).not.toContain('"admin"');
    expect(raw).not.toContain(staff.email);
  });
});

describe("the audit log page", () => {
  it("filters by action, person and date, newest first", async () => {
    const admin = await createMember({ organizationId: org.id, role: "admin" });
    const cookie = await cookieFor(admin.userId);
    const all = await callRoute(auditRoute.loader, makeRequest("/admin/audit", { cookie }));
    const allEvents = (all.data as { events: { action: string; occurredAt: Date }[] }).events;
    expect(allEvents.length).toBeGreaterThan(2);
    const times = allEvents.map((e) => e.occurredAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const byAction = await callRoute(auditRoute.loader, makeRequest("/admin/audit?action=session.login", { cookie }));
    const actions = (byAction.data as { events: { action: string }[] }).events.map((e) => e.action);
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(["session.login"]));

    const byActor = await callRoute(auditRoute.loader, makeRequest(`/admin/audit?actor=${admin.userId}`, { cookie }));
    const names = (byActor.data as { events: { actorName: string | null }[] }).events.map((e) => e.actorName);
    expect(new Set(names)).toEqual(new Set([admin.preferredName]));

    const future = await callRoute(auditRoute.loader, makeRequest("/admin/audit?from=2999-01-01", { cookie }));
    expect((future.data as { events: unknown[] }).events).toHaveLength(0);
    const today = new Date().toISOString().slice(0, 10);
    const todayOnly = await callRoute(
      auditRoute.loader,
      makeRequest(`/admin/audit?from=${today}&to=${today}`, { cookie }),
    );
    expect((todayOnly.data as { events: unknown[] }).events.length).toBeGreaterThan(0);
  });

  it("ignores malformed filters instead of failing", async () => {
    const admin = await createMember({ organizationId: org.id, role: "admin" });
    const cookie = await cookieFor(admin.userId);
    const result = await callRoute(
      auditRoute.loader,
      makeRequest("/admin/audit?from=yesterday&to=2024-13-45&page=-3&action=%3Cscript%3E", { cookie }),
    );
    expect(result.status).toBe(200);
    const data = result.data as { filters: { page: number; from?: string; to?: string } };
    expect(data.filters.page).toBe(1);
    expect(data.filters.from).toBeUndefined();
    expect(data.filters.to).toBeUndefined();
  });
});
