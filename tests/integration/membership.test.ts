import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships } from "../../db/schema";
import { getSessionUser } from "../../app/utils/auth/session.server";
import { db } from "../../app/utils/db.server";
import * as usersRoute from "../../app/routes/_staff.admin.users";
import * as switchRoute from "../../app/routes/switch-organization";
import * as staffLayout from "../../app/routes/_staff";
import { addMembership, cookieFor, createMember, createOrganization } from "../support/factories";
import { callRoute, makeRequest } from "../support/http";
import { inEnglishData } from "../support/messages";

async function asAdmin(organizationId: string) {
  const admin = await createMember({ organizationId, role: "admin" });
  return { admin, cookie: await cookieFor(admin.userId) };
}

function post(cookie: string, form: Record<string, string>) {
  return callRoute(usersRoute.action, makeRequest("/admin/users", { cookie, form }));
}

function membership(id: string) {
  return db.select().from(memberships).where(eq(memberships.id, id)).get()!;
}

describe("users and roles", () => {
  it("an admin changes a colleague's role", async () => {
    const org = createOrganization();
    const { cookie } = await asAdmin(org.id);
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const result = await post(cookie, { intent: "change-role", membershipId: staff.membershipId, role: "admin" });
    expect(result.location).toBe("/admin/users?done=role-changed");
    expect(membership(staff.membershipId).role).toBe("admin");
  });

  it("refuses to leave the organization without an admin", async () => {
    const org = createOrganization();
    const { admin, cookie } = await asAdmin(org.id);
    const result = await post(cookie, { intent: "change-role", membershipId: admin.membershipId, role: "staff" });
    expect(result.status).toBe(400);
    expect(JSON.stringify(inEnglishData(result.data))).toContain("at least one active admin");
    expect(membership(admin.membershipId).role).toBe("admin");
  });

  it("an admin cannot deactivate themselves", async () => {
    const org = createOrganization();
    const { admin, cookie } = await asAdmin(org.id);
    await createMember({ organizationId: org.id, role: "admin" });
    const result = await post(cookie, { intent: "deactivate", membershipId: admin.membershipId });
    expect(result.status).toBe(400);
    expect(JSON.stringify(inEnglishData(result.data))).toContain("cannot deactivate yourself");
    expect(membership(admin.membershipId).deactivatedAt).toBeNull();
  });

  it("deactivates and reactivates, and the list shows it", async () => {
    const org = createOrganization();
    const { cookie } = await asAdmin(org.id);
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    expect((await post(cookie, { intent: "deactivate", membershipId: staff.membershipId })).location).toBe(
      "/admin/users?done=deactivated",
    );
    expect(membership(staff.membershipId).deactivatedAt).toBeInstanceOf(Date);
    const list = await callRoute(usersRoute.loader, makeRequest("/admin/users", { cookie }));
    const row = (list.data as { members: { membershipId: string; deactivatedAt: Date | null }[] }).members.find(
      (m) => m.membershipId === staff.membershipId,
    );
    expect(row?.deactivatedAt).toBeInstanceOf(Date);
    expect((await post(cookie, { intent: "reactivate", membershipId: staff.membershipId })).location).toBe(
      "/admin/users?done=reactivated",
    );
    expect(membership(staff.membershipId).deactivatedAt).toBeNull();
  });

  it("refuses unknown intents, unknown roles and missing ids with 400", async () => {
    const org = createOrganization();
    const { cookie } = await asAdmin(org.id);
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    expect((await post(cookie, { intent: "delete-everything" })).status).toBe(400);
    expect(
      (await post(cookie, { intent: "change-role", membershipId: staff.membershipId, role: "owner" })).status,
    ).toBe(400);
    expect((await post(cookie, { intent: "deactivate" })).status).toBe(400);
    expect(membership(staff.membershipId).role).toBe("staff");
  });

  it("the members list never carries password hashes", async () => {
    const org = createOrganization();
    const { cookie } = await asAdmin(org.id);
    const list = await callRoute(usersRoute.loader, makeRequest("/admin/users", { cookie }));
    expect(JSON.stringify(list.data)).not.toMatch(/argon2|passwordHash/);
  });
});

describe("switching organization", () => {
  it("a person in two organizations switches, and their role follows", async () => {
    const first = createOrganization("A first org");
    const second = createOrganization("B second org");
    const person = await createMember({ organizationId: first.id, role: "staff" });
    addMembership(person.userId, second.id, "consultant");
    const cookie = await cookieFor(person.userId);

    const shell = await callRoute(staffLayout.loader, makeRequest("/dashboard", { cookie }));
    const orgs = (shell.data as { organizations: { id: string }[] }).organizations.map((o) => o.id);
    expect(orgs).toEqual([first.id, second.id]);

    const result = await callRoute(
      switchRoute.action,
      makeRequest("/switch-organization", { cookie, form: { organizationId: second.id } }),
    );
    expect(result.location).toBe("/portal");
    expect((await getSessionUser(makeRequest("/", { cookie })))?.session.activeOrganizationId).toBe(second.id);
    // As a consultant in the second organization the staff pages are closed.
    expect((await callRoute(staffLayout.loader, makeRequest("/dashboard", { cookie }))).status).toBe(403);
  });

  it("falls back to another membership when the active one is deactivated", async () => {
    const first = createOrganization("A org");
    const second = createOrganization("B org");
    const person = await createMember({ organizationId: first.id, role: "staff" });
    addMembership(person.userId, second.id, "staff");
    const cookie = await cookieFor(person.userId);
    db.update(memberships).set({ deactivatedAt: new Date() }).where(eq(memberships.id, person.membershipId)).run();
    const shell = await callRoute(staffLayout.loader, makeRequest("/dashboard", { cookie }));
    expect((shell.data as { organizationId: string }).organizationId).toBe(second.id);
  });
});
