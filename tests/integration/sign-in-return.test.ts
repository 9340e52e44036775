// Coming back after signing in: the page a person asked for is kept in a short-lived HttpOnly
// cookie, never in the sign-in page's address (which stays in the browser history).
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { pendingSignIns, sessions } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { beginSecondStep } from "../../app/utils/auth/sign-in.server";
import { SESSION_IDLE_MS, SESSION_MAX_AGE_MS } from "../../app/utils/auth/session.server";
import * as loginRoute from "../../app/routes/login";
import * as logoutRoute from "../../app/routes/logout";
import * as portalPayRoute from "../../app/routes/portal.pay";
import * as dashboardRoute from "../../app/routes/_staff.dashboard";
import { cookieFor, createMember, createOrganization, TEST_PASSWORD } from "../support/factories";
import { callRoute, makeRequest, type RouteResult } from "../support/http";

const org = createOrganization();

const RETURN_COOKIE = "seh_return_to";

/** The Set-Cookie header a response sent for `name`, if any. */
function setCookieFor(result: RouteResult, name: string) {
  return result.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
}

/** The return cookie as the browser would send it back. */
function returnCookieFrom(result: RouteResult) {
  const header = setCookieFor(result, RETURN_COOKIE);
  expect(header, "a return cookie").toBeTruthy();
  return header!.split(";")[0]!;
}

let ipCount = 0;
function signIn(email: string, cookie?: string) {
  ipCount++;
  return callRoute(
    loginRoute.action,
    makeRequest("/login", { form: { email, password: TEST_PASSWORD }, cookie }),
    {},
    { clientIp: `198.51.100.${ipCount}` },
  );
}

describe("sent to sign in from a page", () => {
  it("goes to /login with nothing in the address; the page is kept in a short-lived HttpOnly cookie", async () => {
    const result = await callRoute(portalPayRoute.loader, makeRequest("/portal/pay?year=2025"));
    expect(result.status).toBe(302);
    expect(result.location).toBe("/login");
    const header = setCookieFor(result, RETURN_COOKIE)!;
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    expect(header).toMatch(/Path=\//i);
    expect(header).toMatch(/Max-Age=900\b/i);
    expect(decodeURIComponent(header.split(";")[0]!.slice(RETURN_COOKIE.length + 1))).toBe("/portal/pay?year=2025");
  });

  it("names the page, not the data request, when the redirect answers a client-side navigation", async () => {
    const result = await callRoute(
      portalPayRoute.loader,
      makeRequest("/portal/pay.data?year=2025&_routes=routes%2Fportal.pay"),
    );
    expect(result.location).toBe("/login");
    expect(decodeURIComponent(returnCookieFrom(result).split("=")[1]!)).toBe("/portal/pay?year=2025");
  });

  it("keeps nothing for the home page", async () => {
    const result = await callRoute(dashboardRoute.loader, makeRequest("/"));
    expect(result.location).toBe("/login");
    expect(setCookieFor(result, RETURN_COOKIE)).toBeUndefined();
  });

  it("after signing in, the consultant lands on that page and the cookie is cleared", async () => {
    const consultant = await createMember({ organizationId: org.id, role: "consultant" });
    const sent = await callRoute(portalPayRoute.loader, makeRequest("/portal/pay"));
    const result = await signIn(consultant.email, returnCookieFrom(sent));
    expect(result.status).toBe(302);
    expect(result.location).toBe("/portal/pay");
    expect(setCookieFor(result, RETURN_COOKIE)).toMatch(/^seh_return_to=;.*Max-Age=0/i);
  });

  it("a redirectTo sent with the form is ignored: only the cookie counts", async () => {
    const consultant = await createMember({ organizationId: org.id, role: "consultant" });
    ipCount++;
    const result = await callRoute(
      loginRoute.action,
      makeRequest("/login", { form: { email: consultant.email, password: TEST_PASSWORD, redirectTo: "/portal/pay" } }),
      {},
      { clientIp: `198.51.100.${ipCount}` },
    );
    expect(result.location).toBe("/portal");
  });

  it.each([
    ["another site", "https://evil.example/portal"],
    ["a protocol-relative address", "//evil.example/portal"],
    ["a backslash trick", "/\\evil.example"],
    ["a tab trick", "/\t/evil.example"],
    ["not a path", "portal/pay"],
  ])("a cookie naming %s is ignored and the person goes home", async (_label, value) => {
    const consultant = await createMember({ organizationId: org.id, role: "consultant" });
    const result = await signIn(consultant.email, `${RETURN_COOKIE}=${encodeURIComponent(value)}`);
    expect(result.location).toBe("/portal");
  });

  it("a page on the other side of the app is not followed", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const sent = await callRoute(portalPayRoute.loader, makeRequest("/portal/pay"));
    expect((await signIn(staff.email, returnCookieFrom(sent))).location).toBe("/dashboard");
  });
});

describe("a session that ended", () => {
  it("for lack of use: the sign-in page says so", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const cookie = await cookieFor(staff.userId);
    db.update(sessions)
      .set({ lastSeenAt: Date.now() - SESSION_IDLE_MS - 1_000 })
      .where(eq(sessions.userId, staff.userId))
      .run();
    const result = await callRoute(dashboardRoute.loader, makeRequest("/dashboard", { cookie }));
    expect(result.location).toBe("/login?done=timed-out");
    expect(decodeURIComponent(returnCookieFrom(result).split("=")[1]!)).toBe("/dashboard");
  });

  it("at the 12-hour limit, or by signing out: no time-out message", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const old = await cookieFor(staff.userId);
    db.update(sessions)
      .set({ createdAt: Date.now() - SESSION_MAX_AGE_MS - 1, lastSeenAt: Date.now() - SESSION_IDLE_MS - 1_000 })
      .where(eq(sessions.userId, staff.userId))
      .run();
    expect((await callRoute(dashboardRoute.loader, makeRequest("/dashboard", { cookie: old }))).location).toBe(
      "/login",
    );

    const cookie = await cookieFor(staff.userId);
    await callRoute(logoutRoute.action, makeRequest("/logout", { method: "POST", cookie }));
    expect((await callRoute(dashboardRoute.loader, makeRequest("/dashboard", { cookie }))).location).toBe("/login");
  });
});

describe("signing out (and Quick exit, which signs out)", () => {
  it("ends a sign-in half done on this browser and forgets the page to come back to", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const pendingHeader = beginSecondStep(makeRequest("/login", { method: "POST" }), staff.userId, "/dashboard");
    const pending = pendingHeader.split(";")[0]!;
    const pendingRows = () => db.select().from(pendingSignIns).where(eq(pendingSignIns.userId, staff.userId)).all();
    expect(pendingRows()).toHaveLength(1);

    const result = await callRoute(
      logoutRoute.action,
      makeRequest("/logout", { method: "POST", cookie: `${pending}; ${RETURN_COOKIE}=%2Fportal%2Fpay` }),
    );
    expect(result.location).toBe("/login?done=signed-out");
    expect(pendingRows()).toHaveLength(0);
    expect(setCookieFor(result, "seh_pending_sign_in")).toMatch(/Max-Age=0/i);
    expect(setCookieFor(result, RETURN_COOKIE)).toMatch(/Max-Age=0/i);
  });

  it("forgets a held invitation, so the sign-in page no longer fills in its email", async () => {
    const result = await callRoute(
      logoutRoute.action,
      makeRequest("/logout", { method: "POST", cookie: "seh_invitation=some-invitation-token" }),
    );
    expect(setCookieFor(result, "seh_invitation")).toMatch(/Max-Age=0/i);
  });
});
