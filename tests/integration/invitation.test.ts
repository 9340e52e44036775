import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, emailOutbox, invitations, memberships, users, type Role } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { getSessionUser, requireMembership, STAFF_ROLES, CONSULTANT_ROLES } from "../../app/utils/auth.server";
import { setEmailSenderForTests } from "../../app/utils/email.server";
import { sha256 } from "../../app/utils/tokens.server";
import { INVITATION_VALID_DAYS, inviteMember } from "../../app/models/invitation.server";
import * as adminUsersRoute from "../../app/routes/_staff.admin.users";
import * as inviteRoute from "../../app/routes/invite.$token";
import { cookieFor, createMember, createOrganization, TEST_PASSWORD } from "../support/factories";
import { callRoute, makeRequest } from "../support/http";

const NEW_PASSWORD = "my own new passphrase";
const DAY_MS = 24 * 60 * 60_000;

// Names chosen so that the organization under test sorts after the "other" one.
const org = createOrganization(`Zephyr ${randomUUID().slice(0, 8)}`);
const otherOrg = createOrganization(`Aspen ${randomUUID().slice(0, 8)}`);

type Reply = { initialValue?: Record<string, unknown>; error?: Record<string, string[] | null> };

const newEmail = (label = "invitee") => `${label}-${randomUUID().slice(0, 8)}@example.test`;

let adminCookie: string;
let admin: Awaited<ReturnType<typeof createMember>>;

async function adminAction(form: Record<string, string>, cookie = adminCookie) {
  return callRoute(adminUsersRoute.action, makeRequest("/admin/users", { form, cookie }));
}

function invitationsFor(email: string) {
  return db.select().from(invitations).where(eq(invitations.email, email)).all();
}

function outboxFor(email: string) {
  return db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)).all();
}

/** Runs `send` and returns the token from the one new invitation email it sent to `email`. */
async function tokenSentBy(email: string, send: () => Promise<unknown>) {
  const seen = new Set(outboxFor(email).map((row) => row.id));
  await send();
  const added = outboxFor(email).filter((row) => !seen.has(row.id));
  expect(added).toHaveLength(1);
  expect(added[0]!.template).toBe("invitation");
  const token = /\/invite\/([\w-]+)/.exec(added[0]!.text)?.[1];
  expect(token).toBeTruthy();
  return token!;
}

function inviteAsAdmin(email: string, role: Role = "staff") {
  return tokenSentBy(email, async () => {
    const result = await adminAction({ intent: "invite", email, role });
    expect(result.location).toBe("/admin/users?done=invited");
  });
}

function inviteDirectly(email: string, role: Role) {
  return tokenSentBy(email, () => inviteMember({ organizationId: org.id, invitedByUserId: admin.userId, email, role }));
}

function load(token: string) {
  return callRoute(inviteRoute.loader, makeRequest(`/invite/${token}`), { token });
}

function accept(token: string, form: Record<string, string>) {
  return callRoute(inviteRoute.action, makeRequest(`/invite/${token}`, { form }), { token });
}

function acceptNew(token: string, preferredName = "Sam") {
  return accept(token, { preferredName, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
}

function userByEmail(email: string) {
  return db.select().from(users).where(eq(users.email, email)).get();
}

function membershipsOf(userId: string, organizationId = org.id) {
  return db
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organizationId, organizationId)))
    .all();
}

function reply(result: { data: unknown }) {
  return result.data as Reply;
}

function formErrors(result: { data: unknown }) {
  return (reply(result).error?.[""] ?? []).join(" ");
}

beforeAll(async () => {
  admin = await createMember({ organizationId: org.id, role: "admin" });
  adminCookie = await cookieFor(admin.userId);
});
beforeEach(() => setEmailSenderForTests(null));
afterEach(() => setEmailSenderForTests(undefined));

describe("inviting through the admin users page", () => {
  it("stores a hashed, 7-day token, emails the link and audits field names only", async () => {
    const email = newEmail();
    let result: Awaited<ReturnType<typeof adminAction>> | undefined;
    const token = await tokenSentBy(email, async () => {
      result = await adminAction({ intent: "invite", email, role: "staff" });
    });
    expect(result!.status).toBe(302);
    expect(result!.location).toBe("/admin/users?done=invited");

    const [invitation] = invitationsFor(email);
    expect(invitation).toBeDefined();
    expect(invitation!.organizationId).toBe(org.id);
    expect(invitation!.role).toBe("staff");
    expect(invitation!.invitedByUserId).toBe(admin.userId);
    expect(invitation!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const validFor = invitation!.expiresAt.getTime() - invitation!.createdAt.getTime();
    expect(Math.abs(validFor - INVITATION_VALID_DAYS * DAY_MS)).toBeLessThan(5_000);
    expect(INVITATION_VALID_DAYS).toBe(7);

    const [email0] = outboxFor(email);
    expect(email0!.text).toContain(`/invite/${token}`);
    expect(invitation!.tokenHash).toBe(sha256(token));
    expect(invitation!.tokenHash).not.toContain(token);
    for (const body of [email0!.html, email0!.text, email0!.subject]) expect(body).not.toContain(email);

    const audit = db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "invitation.created"), eq(auditEvents.subjectId, invitation!.id)))
      .all();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.organizationId).toBe(org.id);
    expect(audit[0]!.actorUserId).toBe(admin.userId);
    expect(audit[0]!.changedFields).toEqual(["email", "role"]);
    const rawRow = JSON.stringify(
      db.$client.prepare("SELECT * FROM audit_events WHERE subject_id = ?").all(invitation!.id),
    );
    expect(rawRow).not.toContain(email);
    expect(rawRow).not.toContain(email.split("@")[0]);
    expect(rawRow).not.toContain(token);
  });

  it("refuses to invite someone who is already a member of this organization", async () => {
    const member = await createMember({ organizationId: org.id, role: "staff" });
    const result = await adminAction({ intent: "invite", email: member.email.toUpperCase(), role: "admin" });
    expect(result.status).toBe(400);
    expect(formErrors(result)).toContain("already has an account in this organization");
    expect(invitationsFor(member.email)).toHaveLength(0);
  });

  it("refuses a bad email with a field error", async () => {
    const result = await adminAction({ intent: "invite", email: "not-an-email", role: "staff" });
    expect(result.status).toBe(400);
    expect(reply(result).error?.email?.join(" ")).toContain("like name@example.org");
  });

  it.each(["consultant", "superuser", ""])("refuses the role %j with a field error", async (role) => {
    const email = newEmail();
    const result = await adminAction({ intent: "invite", email, role });
    expect(result.status).toBe(400);
    expect(reply(result).error?.role?.join(" ")).toBeTruthy();
    expect(invitationsFor(email)).toHaveLength(0);
  });

  it("staff who are not admins cannot invite", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const email = newEmail();
    const result = await adminAction({ intent: "invite", email, role: "admin" }, await cookieFor(staff.userId));
    expect(result.status).toBe(403);
    expect(invitationsFor(email)).toHaveLength(0);
  });

  it("re-inviting the same address revokes the earlier link", async () => {
    const email = newEmail();
    const first = await inviteAsAdmin(email);
    const second = await inviteAsAdmin(email);
    expect(second).not.toBe(first);
    expect((await load(first)).data).toEqual({ state: "expired" });
    expect((await load(second)).data).toEqual({ state: "valid", hasAccount: false });

    expect((await acceptNew(first)).status).toBe(400);
    expect(userByEmail(email)).toBeUndefined();
    expect((await acceptNew(second)).status).toBe(302);
  });

  it("an admin can withdraw an invitation; the link then no longer works", async () => {
    const email = newEmail();
    const token = await inviteAsAdmin(email);
    const [invitation] = invitationsFor(email);
    const result = await adminAction({ intent: "revoke-invitation", invitationId: invitation!.id });
    expect(result.location).toBe("/admin/users?done=revoked");
    expect((await load(token)).data).toEqual({ state: "expired" });
    const refused = await acceptNew(token);
    expect(refused.status).toBe(400);
    expect(formErrors(refused)).toContain("no longer works");
    expect(userByEmail(email)).toBeUndefined();
  });

  it("an admin of another organization cannot withdraw this organization's invitation", async () => {
    const email = newEmail();
    const token = await inviteAsAdmin(email);
    const [invitation] = invitationsFor(email);
    const otherAdmin = await createMember({ organizationId: otherOrg.id, role: "admin" });
    const result = await adminAction(
      { intent: "revoke-invitation", invitationId: invitation!.id },
      await cookieFor(otherAdmin.userId),
    );
    expect(result.status).toBe(404);
    expect((await load(token)).data).toEqual({ state: "valid", hasAccount: false });
  });
});

describe("accepting an invitation", () => {
  it("creates the account and membership, signs in and sends staff to the dashboard; the link is then used", async () => {
    const email = newEmail();
    const token = await inviteAsAdmin(email, "staff");
    expect((await load(token)).data).toEqual({ state: "valid", hasAccount: false });

    const result = await acceptNew(token, "  Sam  ");
    expect(result.status).toBe(302);
    expect(result.location).toBe("/dashboard");
    const setCookie = result.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/^seh_session=\w+/);

    const user = userByEmail(email)!;
    expect(user.preferredName).toBe("Sam");
    expect(user.passwordHash).toBeTruthy();
    expect(user.passwordHash).not.toContain(NEW_PASSWORD);
    const [membership] = membershipsOf(user.id);
    expect(membership!.role).toBe("staff");
    expect(membership!.deactivatedAt).toBeNull();

    const session = await getSessionUser(makeRequest("/", { cookie: setCookie.split(";")[0]! }));
    expect(session?.user.id).toBe(user.id);
    const ctx = await requireMembership(makeRequest("/dashboard", { cookie: setCookie.split(";")[0]! }), STAFF_ROLES);
    expect(ctx.membership.organizationId).toBe(org.id);

    expect((await load(token)).data).toEqual({ state: "used" });
    const again = await acceptNew(token, "Someone else");
    expect(again.status).toBe(400);
    expect(formErrors(again)).toContain("no longer works");
    expect(again.headers.get("Set-Cookie")).toBeNull();
    expect(membershipsOf(user.id)).toHaveLength(1);
    expect(userByEmail(email)!.preferredName).toBe("Sam");
    expect(userByEmail(email)!.passwordHash).toBe(user.passwordHash);
  });

  it("sends an invited consultant to the portal", async () => {
    const email = newEmail("consultant");
    const token = await inviteDirectly(email, "consultant");
    const result = await acceptNew(token);
    expect(result.status).toBe(302);
    expect(result.location).toBe("/portal");
    const user = userByEmail(email)!;
    expect(membershipsOf(user.id)[0]!.role).toBe("consultant");
    const cookie = result.headers.get("Set-Cookie")!.split(";")[0]!;
    const ctx = await requireMembership(makeRequest("/portal", { cookie }), CONSULTANT_ROLES);
    expect(ctx.membership.organizationId).toBe(org.id);
  });

  it("refuses mismatched or short passwords without echoing them and without spending the link", async () => {
    const token = await inviteDirectly(newEmail(), "staff");
    const mismatch = await accept(token, { preferredName: "Sam", password: NEW_PASSWORD, confirm: "something else!!" });
    expect(mismatch.status).toBe(400);
    expect(reply(mismatch).error?.confirm?.join(" ")).toContain("not the same");
    const short = await accept(token, { preferredName: "Sam", password: "too-short", confirm: "too-short" });
    expect(short.status).toBe(400);
    expect(reply(short).error?.password?.join(" ")).toContain("at least 12 characters");
    for (const result of [mismatch, short]) {
      expect(reply(result).initialValue?.password).toBeUndefined();
      expect(reply(result).initialValue?.confirm).toBeUndefined();
      expect(JSON.stringify(result.data)).not.toContain(NEW_PASSWORD);
      expect(JSON.stringify(result.data)).not.toContain("too-short");
    }
    expect((await load(token)).data).toEqual({ state: "valid", hasAccount: false });
  });

  it("says expired for an expired link and refuses it", async () => {
    const email = newEmail();
    const token = await inviteAsAdmin(email);
    db.update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(invitations.email, email))
      .run();
    expect((await load(token)).data).toEqual({ state: "expired" });
    expect((await acceptNew(token)).status).toBe(400);
    expect(userByEmail(email)).toBeUndefined();
  });

  it("says unknown for a link that was never sent, without throwing", async () => {
    for (const token of [randomUUID().replace(/-/g, "") + "abcdefghij", "x", ""]) {
      const page = await load(token);
      expect(page.status).toBe(200);
      expect(page.data).toEqual({ state: "unknown" });
    }
    const result = await acceptNew("never-sent-token-1234567890");
    expect(result.status).toBe(400);
    expect(formErrors(result)).toContain("no longer works");
  });

  it("accepts a link only once when it is submitted twice at the same time", async () => {
    const email = newEmail("double");
    const token = await inviteDirectly(email, "staff");
    const results = await Promise.all([acceptNew(token, "First"), acceptNew(token, "Second")]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([302, 400]);
    const refused = results.find((r) => r.status === 400)!;
    expect(formErrors(refused)).toContain("no longer works");
    expect(refused.headers.get("Set-Cookie")).toBeNull();

    expect(db.select().from(users).where(eq(users.email, email)).all()).toHaveLength(1);
    const user = userByEmail(email)!;
    expect(db.select().from(memberships).where(eq(memberships.userId, user.id)).all()).toHaveLength(1);
    expect((await load(token)).data).toEqual({ state: "used" });
  });
});

describe("accepting as a person who already has an account", () => {
  async function existingPerson() {
    const person = await createMember({ organizationId: otherOrg.id, role: "staff" });
    const hash = userByEmail(person.email)!.passwordHash;
    return { person, hash };
  }

  it("asks for the current password and refuses a wrong one, changing nothing", async () => {
    const { person, hash } = await existingPerson();
    const token = await inviteAsAdmin(person.email, "staff");
    expect((await load(token)).data).toEqual({ state: "valid", hasAccount: true });

    // Trying to set a new password through the link is refused too.
    const wrong = await accept(token, { password: NEW_PASSWORD, confirm: NEW_PASSWORD, preferredName: "Taken over" });
    expect(wrong.status).toBe(400);
    expect(formErrors(wrong)).toContain("does not match");
    expect(wrong.headers.get("Set-Cookie")).toBeNull();
    expect(JSON.stringify(wrong.data)).not.toContain(NEW_PASSWORD);
    expect(userByEmail(person.email)!.passwordHash).toBe(hash);
    expect(userByEmail(person.email)!.preferredName).not.toBe("Taken over");
    expect(membershipsOf(person.userId)).toHaveLength(0);
    expect((await load(token)).data).toEqual({ state: "valid", hasAccount: true });
  });

  it("with the right password adds the membership and keeps the password", async () => {
    const { person, hash } = await existingPerson();
    const token = await inviteAsAdmin(person.email, "admin");
    const result = await accept(token, { password: TEST_PASSWORD });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/dashboard");
    expect(userByEmail(person.email)!.passwordHash).toBe(hash);
    expect(membershipsOf(person.userId)[0]!.role).toBe("admin");
    // The membership elsewhere is untouched.
    expect(membershipsOf(person.userId, otherOrg.id)[0]!.role).toBe("staff");
    expect((await load(token)).data).toEqual({ state: "used" });
  });

  it("lands in the organization that invited them, with the role they were invited to", async () => {
    // A staff member of one organization invited as a consultant of another one.
    const { person } = await existingPerson();
    const token = await inviteDirectly(person.email, "consultant");
    const result = await accept(token, { password: TEST_PASSWORD });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/portal");
    const cookie = result.headers.get("Set-Cookie")!.split(";")[0]!;
    const session = await getSessionUser(makeRequest("/", { cookie }));
    expect(session?.session.activeOrganizationId).toBe(org.id);
    // The page the redirect points at must open for them.
    const ctx = await requireMembership(makeRequest("/portal", { cookie }), CONSULTANT_ROLES);
    expect(ctx.membership.organizationId).toBe(org.id);
  });
});
