import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loginFailures, sessions } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import {
  getSessionUser,
  keepSessionAlive,
  readSessionDeadline,
  SESSION_IDLE_MS,
  SESSION_MAX_AGE_MS,
} from "../../app/utils/auth/session.server";
import { landingPathAfterLogin } from "../../app/utils/auth/redirects.server";
import { requireMembership } from "../../app/utils/auth/guards.server";
import {
  ACCOUNT_FAILURE_LIMIT,
  IP_FAILURE_LIMIT,
  LOCKOUT_DURATION_MS,
  loginLockedUntil,
} from "../../app/utils/rate-limit.server";
import * as loginRoute from "../../app/routes/login";
import * as logoutRoute from "../../app/routes/logout";
import * as dashboardRoute from "../../app/routes/_staff.dashboard";
import { cookieFor, createMember, createOrganization, TEST_PASSWORD } from "../support/factories";
import { callRoute, makeRequest } from "../support/http";
import { inEnglishData } from "../support/messages";

const org = createOrganization();

function login(email: string, password: string, ip = "198.51.100.7", extra: Record<string, string> = {}) {
  return callRoute(
    loginRoute.action,
    makeRequest("/login", { form: { email, password, ...extra } }),
    {},
    { clientIp: ip },
  );
}

function formErrors(result: { data: unknown }) {
  return (inEnglishData(result.data as { error?: Record<string, string[] | null> }).error?.[""] ?? []).join(" ");
}

describe("login", () => {
  it("signs staff in, sets a safe session cookie and sends them to the dashboard", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const result = await login(staff.email, TEST_PASSWORD);
    expect(result.status).toBe(302);
    expect(result.location).toBe("/dashboard");
    const setCookie = result.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/^seh_session=\w+/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    // A browser-session cookie: forgotten when the browser closes.
    expect(setCookie).not.toMatch(/Max-Age|Expires/i);
    const cookie = setCookie.split(";")[0]!;
    const page = await callRoute(dashboardRoute.loader, makeRequest("/dashboard", { cookie }));
    expect(page.status).toBe(200);
  });

  it("sends consultants to the portal", async () => {
    const consultant = await createMember({ organizationId: org.id, role: "consultant" });
    const result = await login(consultant.email, TEST_PASSWORD);
    expect(result.location).toBe("/portal");
  });

  it("accepts the email in any case and with spaces around it", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const result = await login(`  ${staff.email.toUpperCase()} `, TEST_PASSWORD);
    expect(result.status).toBe(302);
  });

  it("refuses a wrong password, keeps the email and never echoes the password", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const result = await login(staff.email, "wrong-password-123");
    expect(result.status).toBe(400);
    expect(result.headers.get("Set-Cookie")).toBeNull();
    expect(formErrors(result)).toContain("do not match");
    const initial = (result.data as { initialValue: Record<string, unknown> }).initialValue;
    expect(initial.email).toBe(staff.email);
    expect(initial.password).toBeUndefined();
  });

  it("gives an unknown email exactly the same answer as a wrong password", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const wrong = await login(staff.email, "wrong-password-123", "198.51.100.20");
    const unknown = await login("nobody-here@example.test", "wrong-password-123", "198.51.100.21");
    expect(unknown.status).toBe(wrong.status);
    expect(formErrors(unknown)).toBe(formErrors(wrong));
  });

  it("explains what is missing when the form is empty or malformed", async () => {
    const result = await login("not-an-email", "");
    expect(result.status).toBe(400);
    const errors = inEnglishData(result.data as { error: Record<string, string[]> }).error;
    expect(errors.email?.join(" ")).toContain("like name@example.org");
    expect(errors.password?.join(" ")).toContain("Enter your password");
  });

  it("refuses a deactivated member", async () => {
    const member = await createMember({ organizationId: org.id, role: "staff", deactivated: true });
    const result = await login(member.email, TEST_PASSWORD);
    expect(result.status).toBe(400);
  });

  it("only follows redirectTo inside the person's own side of the app", () => {
    expect(landingPathAfterLogin("staff", "/admin/users")).toBe("/admin/users");
    expect(landingPathAfterLogin("staff", "//evil.example/x")).toBe("/dashboard");
    expect(landingPathAfterLogin("staff", "https://evil.example")).toBe("/dashboard");
    expect(landingPathAfterLogin("staff", "/portal")).toBe("/dashboard");
    expect(landingPathAfterLogin("consultant", "/dashboard")).toBe("/portal");
    expect(landingPathAfterLogin("consultant", "/portal/pay")).toBe("/portal/pay");
  });

  it("rotates the session: a session carried into login is ended", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const oldCookie = await cookieFor(staff.userId);
    const result = await callRoute(
      loginRoute.action,
      makeRequest("/login", { form: { email: staff.email, password: TEST_PASSWORD }, cookie: oldCookie }),
    );
    const newCookie = result.headers.get("Set-Cookie")!.split(";")[0]!;
    expect(newCookie).not.toBe(oldCookie);
    expect(await getSessionUser(makeRequest("/", { cookie: oldCookie }))).toBeNull();
    expect(await getSessionUser(makeRequest("/", { cookie: newCookie }))).not.toBeNull();
  });
});

describe("lockout", () => {
  it(`locks an account after ${ACCOUNT_FAILURE_LIMIT} failures, even for the right password, with a clear message`, async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT - 1; i++) {
      expect((await login(staff.email, "nope-nope-nope", `192.0.2.${i}`)).status).toBe(400);
    }
    const fifth = await login(staff.email, "nope-nope-nope", "192.0.2.50");
    expect(fifth.status).toBe(429);
    expect(formErrors(fifth)).toContain("Too many attempts");
    const right = await login(staff.email, TEST_PASSWORD, "192.0.2.51");
    expect(right.status).toBe(429);
    expect(right.headers.get("Set-Cookie")).toBeNull();
  });

  it("locks an unknown email the same way, revealing nothing", async () => {
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++)
      await login("ghost@example.test", "nope-nope-nope", `192.0.2.${100 + i}`);
    expect((await login("ghost@example.test", "nope-nope-nope", "192.0.2.200")).status).toBe(429);
  });

  it("unlocks after the lockout period", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) await login(staff.email, "nope-nope-nope", "192.0.2.150");
    const until = loginLockedUntil(staff.email, "192.0.2.151");
    expect(until).not.toBeNull();
    expect(loginLockedUntil(staff.email, "192.0.2.151", Date.now() + LOCKOUT_DURATION_MS + 1_000)).toBeNull();
  });

  it("a successful sign-in clears earlier failures of the account", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT - 1; i++) await login(staff.email, "nope-nope-nope", "192.0.2.160");
    expect((await login(staff.email, TEST_PASSWORD, "192.0.2.161")).status).toBe(302);
    expect((await login(staff.email, "nope-nope-nope", "192.0.2.162")).status).toBe(400);
  });

  it(`locks one address after ${IP_FAILURE_LIMIT} failures across many accounts`, async () => {
    const ip = "203.0.113.99";
    for (let i = 0; i < IP_FAILURE_LIMIT; i++) await login(`spray-${i}@example.test`, "nope-nope-nope", ip);
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    expect((await login(staff.email, TEST_PASSWORD, ip)).status).toBe(429);
    // The same account from another address is fine.
    expect((await login(staff.email, TEST_PASSWORD, "203.0.113.100")).status).toBe(302);
  });

  it("counts every address of one IPv6 /64 as one address, and an IPv4 address over IPv6 as itself", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    for (let i = 0; i < IP_FAILURE_LIMIT; i++) {
      await login(`v6-spray-${i}@example.test`, "nope-nope-nope", `2001:db8:7:1::${(i + 1).toString(16)}`);
    }
    expect((await login(staff.email, TEST_PASSWORD, "2001:db8:7:1:ffff:ffff:ffff:fffe")).status).toBe(429);
    // The next /64 is another address.
    expect((await login(staff.email, TEST_PASSWORD, "2001:db8:7:2::1")).status).toBe(302);

    for (let i = 0; i < IP_FAILURE_LIMIT; i++) {
      await login(`v4-spray-${i}@example.test`, "nope-nope-nope", "::ffff:198.51.100.201");
    }
    expect((await login(staff.email, TEST_PASSWORD, "198.51.100.201")).status).toBe(429);
  });

  it("stores no email address or IP address in clear", async () => {
    await login("in-clear@example.test", "nope-nope-nope", "192.0.2.77");
    const rows = db.select().from(loginFailures).all();
    const raw = JSON.stringify(db.$client.prepare("select * from login_failures").all());
    expect(raw).not.toContain("in-clear@example.test");
    expect(raw).not.toContain("192.0.2.77");
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});

describe("sessions", () => {
  it("logout invalidates the session on the server", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const cookie = await cookieFor(staff.userId);
    const result = await callRoute(logoutRoute.action, makeRequest("/logout", { method: "POST", cookie }));
    expect(result.status).toBe(302);
    expect(result.headers.get("Set-Cookie")).toMatch(/seh_session=;/);
    const after = await callRoute(dashboardRoute.loader, makeRequest("/dashboard", { cookie }));
    expect(after.status).toBe(302);
    expect(after.location).toMatch(/^\/login/);
  });

  it("logout by GET does nothing", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const cookie = await cookieFor(staff.userId);
    await callRoute(logoutRoute.loader, makeRequest("/logout", { cookie }));
    expect(await getSessionUser(makeRequest("/", { cookie }))).not.toBeNull();
  });

  it("ends a session left unused for 30 minutes, whatever the role", async () => {
    for (const role of ["admin", "staff", "consultant"] as const) {
      const member = await createMember({ organizationId: org.id, role });
      const cookie = await cookieFor(member.userId);
      const idleFor = (ms: number) =>
        db
          .update(sessions)
          .set({ lastSeenAt: Date.now() - ms })
          .where(eq(sessions.userId, member.userId))
          .run();
      idleFor(29 * 60_000);
      expect(await getSessionUser(makeRequest("/", { cookie }))).not.toBeNull();
      idleFor(SESSION_IDLE_MS + 1_000);
      expect(await getSessionUser(makeRequest("/", { cookie }))).toBeNull();
      expect(db.select().from(sessions).where(eq(sessions.userId, member.userId)).all()).toHaveLength(0);
    }
  });

  it("ends any session 12 hours after sign-in, however active", async () => {
    expect(SESSION_MAX_AGE_MS).toBe(12 * 60 * 60_000);
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const cookie = await cookieFor(staff.userId);
    db.update(sessions)
      .set({ createdAt: Date.now() - SESSION_MAX_AGE_MS - 1, lastSeenAt: Date.now() })
      .where(eq(sessions.userId, staff.userId))
      .run();
    expect(await getSessionUser(makeRequest("/", { cookie }))).toBeNull();
    expect(db.select().from(sessions).where(eq(sessions.userId, staff.userId)).all()).toHaveLength(0);
  });

  it("stores only a digest of the session token: the database holds nothing to sign in with", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const cookie = await cookieFor(staff.userId);
    const token = cookie.split("=")[1]!;
    const rows = db.select().from(sessions).where(eq(sessions.userId, staff.userId)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token);
    // The stored id used as a cookie opens nothing.
    expect(await getSessionUser(makeRequest("/", { cookie: `seh_session=${rows[0]!.id}` }))).toBeNull();
    expect(await getSessionUser(makeRequest("/", { cookie }))).not.toBeNull();
  });

  it("says when the session ends without keeping it alive; Stay signed in does", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const cookie = await cookieFor(staff.userId);
    const tenMinutesAgo = Date.now() - 10 * 60_000;
    db.update(sessions).set({ lastSeenAt: tenMinutesAgo }).where(eq(sessions.userId, staff.userId)).run();
    const deadline = readSessionDeadline(makeRequest("/session", { cookie }));
    expect(deadline).toBe(tenMinutesAgo + SESSION_IDLE_MS);
    expect(db.select().from(sessions).where(eq(sessions.userId, staff.userId)).get()!.lastSeenAt).toBe(tenMinutesAgo);
    const extended = await keepSessionAlive(makeRequest("/session", { cookie, method: "POST" }));
    expect(extended).toBeGreaterThanOrEqual(Date.now() + SESSION_IDLE_MS - 1_000);
    expect(readSessionDeadline(makeRequest("/session", { cookie: "seh_session=nothing" }))).toBeNull();
  });

  it("a deactivated membership stops working at once, even with a live session", async () => {
    const otherOrg = createOrganization();
    const staff = await createMember({ organizationId: otherOrg.id, role: "staff" });
    const cookie = await cookieFor(staff.userId);
    const { setMemberActive } = await import("../../app/models/membership.server");
    const admin = await createMember({ organizationId: otherOrg.id, role: "admin" });
    setMemberActive({
      organizationId: otherOrg.id,
      actorUserId: admin.userId,
      membershipId: staff.membershipId,
      active: false,
    });
    const result = await callRoute(dashboardRoute.loader, makeRequest("/dashboard", { cookie }));
    expect(result.status).toBe(302);
    expect(result.location).toMatch(/^\/login/);
  });

  it("requireMembership resolves the active organization from the session", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const cookie = await cookieFor(staff.userId);
    const ctx = await requireMembership(makeRequest("/dashboard", { cookie }), ["staff"]);
    expect(ctx.membership.organizationId).toBe(org.id);
    expect(ctx.membership.role).toBe("staff");
  });
});
