import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, passwordResetTokens, sessions } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { getSessionUser, startSession } from "../../app/utils/auth/session.server";
import { resetPassword } from "../../app/models/password-reset.server";
import { sha256 } from "../../app/utils/tokens.server";
import * as staffSessionsRoute from "../../app/routes/_staff.account.sessions";
import * as portalSessionsRoute from "../../app/routes/portal.sessions";
import * as usersRoute from "../../app/routes/_staff.admin.users";
import * as dashboardRoute from "../../app/routes/_staff.dashboard";
import { cookieFor, createConsultantRecord, createTwoOrganizations, TEST_PASSWORD } from "../support/factories";
import { callRoute, makeRequest } from "../support/http";

const world = await createTwoOrganizations();

const UA = {
  windowsChrome:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
  iphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
};

/** A sign-in from a browser with this User-Agent; returns its Cookie header value. */
async function signInFrom(userId: string, userAgent: string) {
  const request = new Request("http://localhost/login", { method: "POST", headers: { "User-Agent": userAgent } });
  return (await startSession(request, userId, { strength: "password" })).split(";")[0]!;
}

type Listed = { handle: string; deviceLabel: string; isCurrent: boolean };
async function listed(cookie: string, route = staffSessionsRoute, path = "/account/sessions") {
  const result = await callRoute(route.loader, makeRequest(path, { cookie }));
  expect(result.status).toBe(200);
  return (result.data as { sessions: Listed[] }).sessions;
}

const isSignedIn = async (cookie: string) =>
  (await callRoute(dashboardRoute.loader, makeRequest("/dashboard", { cookie }))).status === 200;

const sessionCount = (userId: string) => db.select().from(sessions).where(eq(sessions.userId, userId)).all().length;

describe("the sessions page", () => {
  it("lists only my own sessions, with plain device names and this device marked", async () => {
    const me = world.own.staff;
    const laptop = await signInFrom(me.userId, UA.windowsChrome);
    await signInFrom(me.userId, UA.iphone);
    await cookieFor(world.own.admin.userId); // someone else's session
    const rows = await listed(laptop);
    expect(rows.map((r) => r.deviceLabel).sort()).toEqual(
      expect.arrayContaining(["Chrome on Windows", "Safari on iOS"]),
    );
    expect(rows.filter((r) => r.isCurrent)).toHaveLength(1);
    expect(rows.find((r) => r.isCurrent)!.deviceLabel).toBe("Chrome on Windows");
    expect(rows).toHaveLength(sessionCount(me.userId));
    // The page never carries a session id (it is the secret in the cookie).
    const ids = db
      .select({ id: sessions.id })
      .from(sessions)
      .all()
      .map((s) => s.id);
    const page = JSON.stringify(rows);
    for (const id of ids) expect(page).not.toContain(id);
  });

  it("signs one other device out, and not someone else's", async () => {
    const me = world.own.admin;
    const laptop = await signInFrom(me.userId, UA.windowsChrome);
    const phone = await signInFrom(me.userId, UA.iphone);
    const phoneHandle = (await listed(laptop)).find((r) => r.deviceLabel === "Safari on iOS")!.handle;

    // Another person cannot use my handle.
    const otherCookie = await cookieFor(world.own.staff.userId);
    const foreign = await callRoute(
      staffSessionsRoute.action,
      makeRequest("/account/sessions", { cookie: otherCookie, form: { intent: "sign-out-one", handle: phoneHandle } }),
    );
    expect(foreign.status).toBe(404);
    expect(await isSignedIn(phone)).toBe(true);

    const result = await callRoute(
      staffSessionsRoute.action,
      makeRequest("/account/sessions", { cookie: laptop, form: { intent: "sign-out-one", handle: phoneHandle } }),
    );
    expect(result.location).toBe("/account/sessions?done=one");
    expect(await isSignedIn(phone)).toBe(false);
    expect(await isSignedIn(laptop)).toBe(true);
    const audit = db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, me.userId), eq(auditEvents.action, "session.ended_other")))
      .all();
    expect(audit).toHaveLength(1);
  });

  it("signs out everywhere else, keeping this device", async () => {
    const consultant = world.own.consultant;
    const here = await signInFrom(consultant.userId, UA.iphone);
    const there = await signInFrom(consultant.userId, UA.windowsChrome);
    const result = await callRoute(
      portalSessionsRoute.action,
      makeRequest("/portal/sessions", { cookie: here, form: { intent: "sign-out-others" } }),
    );
    expect(result.location).toBe("/portal/sessions?done=others");
    const rows = await listed(here, portalSessionsRoute, "/portal/sessions");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.isCurrent).toBe(true);
    expect(await getSessionUser(makeRequest("/", { cookie: there }))).toBeNull();
  });
});

describe("an admin signs a member out everywhere", () => {
  const post = (cookie: string, membershipId: string) =>
    callRoute(
      usersRoute.action,
      makeRequest("/admin/users", { cookie, form: { intent: "sign-out-everywhere", membershipId } }),
    );

  it("ends every session of a member of their organization", async () => {
    const target = world.own.otherConsultant;
    const a = await signInFrom(target.userId, UA.iphone);
    await signInFrom(target.userId, UA.windowsChrome);
    const result = await post(await cookieFor(world.own.admin.userId), target.membershipId);
    expect(result.location).toBe("/admin/users?done=signed-out");
    expect(sessionCount(target.userId)).toBe(0);
    expect(await getSessionUser(makeRequest("/", { cookie: a }))).toBeNull();
    const audit = db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, target.membershipId), eq(auditEvents.action, "session.ended_by_admin")))
      .all();
    expect(audit).toHaveLength(1);
  });

  it("cannot reach a member of another organization", async () => {
    const target = world.other.staff;
    await signInFrom(target.userId, UA.iphone);
    const before = sessionCount(target.userId);
    const result = await post(await cookieFor(world.own.admin.userId), target.membershipId);
    expect(result.status).toBe(404);
    expect(sessionCount(target.userId)).toBe(before);
  });

  it("is for admins only", async () => {
    const result = await post(await cookieFor(world.own.staff.userId), world.own.consultant.membershipId);
    expect(result.status).toBe(403);
  });
});

describe("other ways sessions end", () => {
  it("deactivating a member signs them out", async () => {
    const other = await createTwoOrganizations();
    const target = other.own.staff;
    const cookie = await signInFrom(target.userId, UA.windowsChrome);
    expect(await isSignedIn(cookie)).toBe(true);
    const result = await callRoute(
      usersRoute.action,
      makeRequest("/admin/users", {
        cookie: await cookieFor(other.own.admin.userId),
        form: { intent: "deactivate", membershipId: target.membershipId },
      }),
    );
    expect(result.status).toBe(302);
    expect(sessionCount(target.userId)).toBe(0);
    expect(await isSignedIn(cookie)).toBe(false);
  });

  it("a password reset ends every session, this device's included", async () => {
    const target = world.other.admin;
    await signInFrom(target.userId, UA.windowsChrome);
    await signInFrom(target.userId, UA.iphone);
    const token = "reset-token-for-sessions-test";
    db.insert(passwordResetTokens)
      .values({ userId: target.userId, tokenHash: sha256(token), expiresAt: new Date(Date.now() + 60_000) })
      .run();
    expect(await resetPassword(token, `${TEST_PASSWORD}-new`)).toBe(target.userId);
    expect(sessionCount(target.userId)).toBe(0);
  });

  it("a consultant's portal sessions page works the same", async () => {
    createConsultantRecord(world.own.org.id); // an unrelated record changes nothing
    const cookie = await signInFrom(world.own.consultant.userId, UA.windowsChrome);
    const rows = await listed(cookie, portalSessionsRoute, "/portal/sessions");
    expect(rows.some((r) => r.isCurrent)).toBe(true);
  });
});
