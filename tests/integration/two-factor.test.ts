import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { describe, expect, it, vi } from "vitest";
import { auditEvents, loginFailures, pendingSignIns, sessions, twoFactorCredentials } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { getSessionUser } from "../../app/utils/auth/session.server";
import { PENDING_SIGN_IN_MS } from "../../app/utils/auth/sign-in.server";
import { setTwoFactorRequirement } from "../../app/models/settings.server";
import * as loginRoute from "../../app/routes/login";
import * as verifyRoute from "../../app/routes/login_.verify";
import * as staffTwoStepRoute from "../../app/routes/_staff.account.two-step";
import * as portalTwoStepRoute from "../../app/routes/portal.two-step";
import * as dashboardRoute from "../../app/routes/_staff.dashboard";
import * as staffLayoutRoute from "../../app/routes/_staff";
import * as portalHomeRoute from "../../app/routes/portal._index";
import {
  cookieFor,
  createConsultantRecord,
  createMember,
  createOrganization,
  TEST_PASSWORD,
} from "../support/factories";
import { callRoute, makeRequest } from "../support/http";
import { decryptField, envelopeKeyId, keyRing, parseKeyRing } from "../../app/utils/field-crypto.server";
import { totpSecretAad } from "../../app/models/two-factor-secret.server";
import { resealTwoFactorSecrets } from "../../app/models/field-maintenance.server";
import { inEnglishData } from "../support/messages";

const org = createOrganization();
const admin = await createMember({ organizationId: org.id, role: "admin" });

const storedSecretOf = (userId: string) =>
  db.select().from(twoFactorCredentials).where(eq(twoFactorCredentials.userId, userId)).get()!.secret;
/** The secret as the authenticator app has it: stored sealed, opened with the field key. */
const secretOf = (userId: string) => decryptField(storedSecretOf(userId), totpSecretAad(userId));

/** The code an authenticator app would show for `secret` at `timestamp`. */
function codeFor(secret: string, timestamp = Date.now()) {
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30, timestamp });
}

/** Another code than `code`, the way a person with the wrong account would type one. */
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

function twoStep(cookie: string, form: Record<string, string>, path = "/account/two-step") {
  return callRoute(staffTwoStepRoute.action, makeRequest(path, { cookie, form }), {}, { clientIp: "192.0.2.10" });
}

/** Turns two-step sign-in on for a user through the page; returns the secret and recovery codes. */
async function turnOn(userId: string) {
  const cookie = await cookieFor(userId);
  expect((await twoStep(cookie, { intent: "start", password: TEST_PASSWORD })).status).toBe(302);
  const secret = secretOf(userId);
  // The code of the previous step: the sign-in that follows uses the current one (no replay).
  const confirm = () => {
    const step = Math.floor(Date.now() / 30_000);
    const code = codeFor(secret, Date.now() - 30_000);
    return twoStep(cookie, { intent: "confirm", code, password: TEST_PASSWORD }).then((result) => ({
      result,
      stepEnded: Math.floor(Date.now() / 30_000) !== step,
    }));
  };
  const first = await confirm();
  let confirmed = first.result;
  // The password check takes seconds on a busy machine, so the 30-second step can end while the code is
  // checked, making it two steps old; a person would type the new code, and so does this (once).
  if (confirmed.status === 400 && first.stepEnded) confirmed = (await confirm()).result;
  expect(confirmed.status).toBe(200);
  const codes = (confirmed.data as { recoveryCodes: string[] }).recoveryCodes;
  return { secret, codes, cookie };
}

function password(email: string, ip = "192.0.2.20") {
  return callRoute(
    loginRoute.action,
    makeRequest("/login", { form: { email, password: TEST_PASSWORD } }),
    {},
    { clientIp: ip },
  );
}

/** Signs in with the password; returns the pending cookie for the second step. */
async function passwordStep(email: string) {
  const result = await password(email);
  expect(result.status).toBe(302);
  expect(result.location).toBe("/login/verify");
  const cookies = result.headers.getSetCookie();
  // No session yet: only the pending sign-in.
  expect(cookies.some((c) => c.startsWith("seh_session="))).toBe(false);
  const pending = cookies.find((c) => c.startsWith("seh_pending_sign_in="))!;
  expect(pending).toMatch(/HttpOnly/i);
  return pending.split(";")[0]!;
}

function verify(pendingCookie: string, code: string, ip = "192.0.2.20") {
  return callRoute(
    verifyRoute.action,
    makeRequest("/login/verify", { cookie: pendingCookie, form: { code } }),
    {},
    { clientIp: ip },
  );
}

const sessionCookieIn = (result: { headers: Headers }) =>
  result.headers
    .getSetCookie()
    .find((c) => c.startsWith("seh_session="))
    ?.split(";")[0];

describe("setting up two-step sign-in", () => {
  it("shows a QR code and the key, confirms with a code, then shows ten recovery codes once", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const cookie = await cookieFor(staff.userId);
    await twoStep(cookie, { intent: "start", password: TEST_PASSWORD });
    const page = await callRoute(staffTwoStepRoute.loader, makeRequest("/account/two-step", { cookie }));
    const data = page.data as { state: string; setup: { qrCodeDataUrl: string; secretForTyping: string } };
    expect(data.state).toBe("setting-up");
    expect(data.setup.qrCodeDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(data.setup.secretForTyping.replace(/ /g, "")).toBe(secretOf(staff.userId));
    expect(page.headers.get("Cache-Control")).toBe("no-store");

    const wrong = await twoStep(cookie, {
      intent: "confirm",
      code: wrongCode(codeFor(secretOf(staff.userId))),
      password: TEST_PASSWORD,
    });
    expect(wrong.status).toBe(400);
    expect((inEnglishData(wrong.data) as { errors: { code: string } }).errors.code).toContain("did not work");

    const ok = await twoStep(cookie, {
      intent: "confirm",
      code: codeFor(secretOf(staff.userId)),
      password: TEST_PASSWORD,
    });
    expect(ok.status).toBe(200);
    const codes = (ok.data as { recoveryCodes: string[] }).recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);

    const after = await callRoute(staffTwoStepRoute.loader, makeRequest("/account/two-step", { cookie }));
    expect(after.data).toMatchObject({ state: "on", recoveryCodesLeft: 10, setup: null });
    // Only digests are stored, and the audit log names no code.
    const stored = JSON.stringify(db.select().from(auditEvents).where(eq(auditEvents.subjectId, staff.userId)).all());
    for (const code of codes) expect(stored).not.toContain(code);
    expect(stored).toContain("two_factor.turned_on");
  });

  it("a consultant may turn it on from the portal", async () => {
    const consultant = await createMember({ organizationId: org.id, role: "consultant" });
    createConsultantRecord(org.id, { userId: consultant.userId });
    const cookie = await cookieFor(consultant.userId);
    const start = await callRoute(
      portalTwoStepRoute.action,
      makeRequest("/portal/two-step", { cookie, form: { intent: "start", password: TEST_PASSWORD } }),
    );
    expect(start.location).toBe("/portal/two-step");
    const confirm = await callRoute(
      portalTwoStepRoute.action,
      makeRequest("/portal/two-step", {
        cookie,
        form: { intent: "confirm", code: codeFor(secretOf(consultant.userId)), password: TEST_PASSWORD },
      }),
    );
    expect((confirm.data as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10);
  });
});

describe("signing in with two-step sign-in on", () => {
  it("comes back to the page the person asked for, which is never in an address on the way", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const { secret } = await turnOn(staff.userId);
    const sent = await callRoute(staffLayoutRoute.loader, makeRequest("/account/sessions?tab=2"));
    expect(sent.location).toBe("/login");
    const returnCookie = sent.headers
      .getSetCookie()
      .find((c) => c.startsWith("seh_return_to="))!
      .split(";")[0]!;

    const passwordAnswer = await callRoute(
      loginRoute.action,
      makeRequest("/login", { form: { email: staff.email, password: TEST_PASSWORD }, cookie: returnCookie }),
      {},
      { clientIp: "192.0.2.21" },
    );
    expect(passwordAnswer.location).toBe("/login/verify");
    const pending = passwordAnswer.headers
      .getSetCookie()
      .find((c) => c.startsWith("seh_pending_sign_in="))!
      .split(";")[0]!;
    const ok = await verify(`${pending}; ${returnCookie}`, codeFor(secret));
    expect(ok.location).toBe("/account/sessions?tab=2");
    expect(ok.headers.getSetCookie().find((c) => c.startsWith("seh_return_to="))).toMatch(/Max-Age=0/i);
  });

  it("asks for a code after the password and starts the session only with a right one", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const { secret } = await turnOn(staff.userId);
    const pending = await passwordStep(staff.email);

    const wrong = await verify(pending, wrongCode(codeFor(secret)));
    expect(wrong.status).toBe(400);
    expect(sessionCookieIn(wrong)).toBeUndefined();

    const ok = await verify(pending, codeFor(secret));
    expect(ok.status).toBe(302);
    expect(ok.location).toBe("/dashboard");
    const session = sessionCookieIn(ok)!;
    expect(session).toBeDefined();
    const page = await callRoute(dashboardRoute.loader, makeRequest("/dashboard", { cookie: session }));
    expect(page.status).toBe(200);
    // The pending sign-in is spent: the same cookie cannot be used again.
    const again = await verify(pending, codeFor(secret));
    expect(again.location).toBe("/login?done=expired");
  });

  it("refuses a code that was already used, even within its 30 seconds", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const { secret } = await turnOn(staff.userId);
    const code = codeFor(secret);
    expect((await verify(await passwordStep(staff.email), code)).status).toBe(302);
    const replay = await verify(await passwordStep(staff.email), code);
    expect(replay.status).toBe(400);
    expect(sessionCookieIn(replay)).toBeUndefined();
  });

  it("accepts a code one step off (a phone clock a little fast) but not two steps off", async () => {
    // The clock stands still mid-step, so the test never straddles a step boundary.
    vi.useFakeTimers({ toFake: ["Date"], now: Math.floor(Date.now() / 30_000) * 30_000 + 15_000 });
    try {
      const staff = await createMember({ organizationId: org.id, role: "staff" });
      const { secret } = await turnOn(staff.userId);
      expect((await verify(await passwordStep(staff.email), codeFor(secret, Date.now() + 60_000))).status).toBe(400);
      expect((await verify(await passwordStep(staff.email), codeFor(secret, Date.now() + 30_000))).status).toBe(302);
    } finally {
      vi.useRealTimers();
    }
  });

  it("the pending sign-in expires after five minutes", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const { secret } = await turnOn(staff.userId);
    const pending = await passwordStep(staff.email);
    db.update(pendingSignIns)
      .set({ expiresAt: new Date(Date.now() - 1) })
      .where(eq(pendingSignIns.userId, staff.userId))
      .run();
    const result = await verify(pending, codeFor(secret));
    expect(result.status).toBe(302);
    expect(result.location).toBe("/login?done=expired");
    expect(sessionCookieIn(result)).toBeUndefined();
    const page = await callRoute(verifyRoute.loader, makeRequest("/login/verify", { cookie: pending }));
    expect(page.location).toBe("/login?done=expired");
    expect(PENDING_SIGN_IN_MS).toBe(5 * 60_000);
  });

  it("without the pending cookie, the second step sends you back to the password", async () => {
    const result = await callRoute(verifyRoute.loader, makeRequest("/login/verify"));
    expect(result.location).toBe("/login?done=expired");
  });

  it("a recovery code works once, in any case and with or without dashes", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const { codes, cookie } = await turnOn(staff.userId);
    const first = await verify(await passwordStep(staff.email), codes[0]!.toUpperCase().replace(/-/g, " "));
    expect(first.status).toBe(302);
    expect(sessionCookieIn(first)).toBeDefined();
    const second = await verify(await passwordStep(staff.email), codes[0]!);
    expect(second.status).toBe(400);
    const page = await callRoute(staffTwoStepRoute.loader, makeRequest("/account/two-step", { cookie }));
    expect(page.data).toMatchObject({ recoveryCodesLeft: 9 });
    const audit = db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, staff.userId), eq(auditEvents.action, "two_factor.recovery_code_used")))
      .all();
    expect(audit).toHaveLength(1);
  });

  it("five wrong codes pause code entry for 15 minutes, and a right password typed again does not reset them", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const { secret } = await turnOn(staff.userId);
    const bad = wrongCode(codeFor(secret));
    // Four wrong codes, then the right password again (which used to clear the count), then one more.
    let pending = await passwordStep(staff.email);
    for (let i = 0; i < 4; i++) expect((await verify(pending, bad)).status).toBe(400);
    pending = await passwordStep(staff.email);
    const fifth = await verify(pending, bad);
    expect(fifth.status).toBe(429);
    expect((inEnglishData(fifth.data) as { formError: string }).formError).toMatch(
      /code entry is paused for 15 minutes/,
    );
    // The right code is refused while paused, and the code page says why (also without JavaScript:
    // the page itself, not only the answer to the form, carries the message).
    const right = await verify(pending, codeFor(secret));
    expect(right.status).toBe(429);
    expect(sessionCookieIn(right)).toBeUndefined();
    const page = await callRoute(
      verifyRoute.loader,
      makeRequest("/login/verify", { cookie: pending }),
      {},
      { clientIp: "192.0.2.20" },
    );
    expect(page.status).toBe(200);
    expect((page.data as { pausedMessage: string }).pausedMessage).toMatch(/paused/);
    // A fresh password step does not reopen code entry.
    const again = await passwordStep(staff.email);
    expect((await verify(again, codeFor(secret))).status).toBe(429);

    // After 15 minutes, the right code works and clears the count.
    db.update(loginFailures)
      .set({ createdAt: new Date(Date.now() - 16 * 60_000) })
      .run();
    const later = await passwordStep(staff.email);
    const ok = await verify(later, codeFor(secret, Date.now() + 30_000));
    expect(ok.status).toBe(302);
    expect(sessionCookieIn(ok)).toBeDefined();
  });

  it("people without two-step sign-in still sign in with the password alone", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const result = await password(staff.email);
    expect(result.location).toBe("/dashboard");
    expect(sessionCookieIn(result)).toBeDefined();
  });
});

const liveSessionsOf = (userId: string) => db.select().from(sessions).where(eq(sessions.userId, userId)).all();

describe("turning it off", () => {
  it("needs the password and a current code; a stolen session with the password alone cannot", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const { secret, cookie } = await turnOn(staff.userId);
    const credential = () =>
      db.select().from(twoFactorCredentials).where(eq(twoFactorCredentials.userId, staff.userId)).get();
    const nothing = await twoStep(cookie, { intent: "turn-off", code: "", password: "" });
    expect(nothing.status).toBe(400);
    const passwordOnly = await twoStep(cookie, { intent: "turn-off", password: TEST_PASSWORD });
    expect(passwordOnly.status).toBe(400);
    const codeOnly = await twoStep(cookie, { intent: "turn-off", code: codeFor(secret) });
    expect(codeOnly.status).toBe(400);
    const wrongCodeResult = await twoStep(cookie, {
      intent: "turn-off",
      code: wrongCode(codeFor(secret)),
      password: TEST_PASSWORD,
    });
    expect(wrongCodeResult.status).toBe(400);
    expect((inEnglishData(wrongCodeResult.data) as { errors: { code: string } }).errors.code).toContain("did not work");
    const wrongPassword = await twoStep(cookie, {
      intent: "turn-off",
      code: codeFor(secret),
      password: "not-my-password",
    });
    expect(wrongPassword.status).toBe(400);
    expect((inEnglishData(wrongPassword.data) as { errors: { password: string } }).errors.password).toContain(
      "not right",
    );
    expect(credential()).toBeTruthy();

    const elsewhere = await cookieFor(staff.userId, "second-factor");
    const ok = await twoStep(cookie, { intent: "turn-off", code: codeFor(secret), password: TEST_PASSWORD });
    expect(ok.location).toBe("/account/two-step?done=off");
    expect(credential()).toBeFalsy();
    // The other device is signed out; this one stays.
    expect(await getSessionUser(makeRequest("/", { cookie: elsewhere }))).toBeNull();
    expect(await getSessionUser(makeRequest("/", { cookie }))).not.toBeNull();
    expect(liveSessionsOf(staff.userId)).toHaveLength(1);
    expect((await password(staff.email)).location).toBe("/dashboard");
  });
});

describe("turning it on and new recovery codes", () => {
  it("turning it on needs the password too, and signs out the other devices", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const cookie = await cookieFor(staff.userId);
    const elsewhere = await cookieFor(staff.userId);
    await twoStep(cookie, { intent: "start", password: TEST_PASSWORD });
    const secret = secretOf(staff.userId);
    const noPassword = await twoStep(cookie, { intent: "confirm", code: codeFor(secret) });
    expect(noPassword.status).toBe(400);
    const wrongPassword = await twoStep(cookie, { intent: "confirm", code: codeFor(secret), password: "nope nope" });
    expect(wrongPassword.status).toBe(400);
    expect(
      db.select().from(twoFactorCredentials).where(eq(twoFactorCredentials.userId, staff.userId)).get()!.confirmedAt,
    ).toBeNull();
    const ok = await twoStep(cookie, { intent: "confirm", code: codeFor(secret), password: TEST_PASSWORD });
    expect(ok.status).toBe(200);
    expect(await getSessionUser(makeRequest("/", { cookie: elsewhere }))).toBeNull();
    // This session proved the code: it counts as having passed the second step.
    expect((await getSessionUser(makeRequest("/", { cookie })))?.session.secondFactorAt).toEqual(expect.any(Number));
  });

  it("new codes replace the old ones after the password and a current code, and sign out the other devices", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const { secret, codes, cookie } = await turnOn(staff.userId);
    const elsewhere = await cookieFor(staff.userId, "second-factor");
    const withoutPassword = await twoStep(cookie, { intent: "new-codes", code: codeFor(secret) });
    expect(withoutPassword.status).toBe(400);
    const result = await twoStep(cookie, { intent: "new-codes", code: codeFor(secret), password: TEST_PASSWORD });
    const fresh = (result.data as { recoveryCodes: string[] }).recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(await getSessionUser(makeRequest("/", { cookie: elsewhere }))).toBeNull();
    expect((await verify(await passwordStep(staff.email), codes[1]!)).status).toBe(400);
    expect((await verify(await passwordStep(staff.email), fresh[0]!)).status).toBe(302);
  });
});

describe("a setup belongs to the session that started it", () => {
  it("another session (say, a stolen one) can neither plant a secret for the owner nor read one", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const stolen = await cookieFor(staff.userId);
    const owners = await cookieFor(staff.userId);
    // Starting needs the password.
    expect((await twoStep(stolen, { intent: "start" })).status).toBe(400);
    expect((await twoStep(stolen, { intent: "start", password: "a guess at it" })).status).toBe(400);
    expect((await twoStep(stolen, { intent: "start", password: TEST_PASSWORD })).status).toBe(302);
    const planted = secretOf(staff.userId);

    // The owner's page shows no setup and no secret; confirming the planted secret there fails.
    const page = await callRoute(staffTwoStepRoute.loader, makeRequest("/account/two-step", { cookie: owners }));
    expect(page.data).toMatchObject({ state: "off", setup: null });
    expect(JSON.stringify(page.data)).not.toContain(planted.slice(0, 8));
    const confirmHere = await twoStep(owners, { intent: "confirm", code: codeFor(planted), password: TEST_PASSWORD });
    expect(confirmHere.status).toBe(400);

    // Starting again in the owner's session replaces it: the planted secret is gone for good.
    await twoStep(owners, { intent: "start", password: TEST_PASSWORD });
    expect(secretOf(staff.userId)).not.toBe(planted);
    const confirmPlanted = await twoStep(stolen, {
      intent: "confirm",
      code: codeFor(planted),
      password: TEST_PASSWORD,
    });
    expect(confirmPlanted.status).toBe(400);
    const ok = await twoStep(owners, {
      intent: "confirm",
      code: codeFor(secretOf(staff.userId)),
      password: TEST_PASSWORD,
    });
    expect(ok.status).toBe(200);
  });
});

describe("a session that passed only the password", () => {
  it("signs out a person who has two-step sign-in on, however the session began", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    await turnOn(staff.userId);
    const passwordOnly = await cookieFor(staff.userId, "password");
    expect(await getSessionUser(makeRequest("/", { cookie: passwordOnly }))).toBeNull();
    const blocked = await callRoute(dashboardRoute.loader, makeRequest("/dashboard", { cookie: passwordOnly }));
    expect(blocked.status).toBe(302);
    expect(blocked.location).toMatch(/^\/login/);
    const full = await cookieFor(staff.userId, "second-factor");
    expect((await callRoute(dashboardRoute.loader, makeRequest("/dashboard", { cookie: full }))).status).toBe(200);
  });
});

describe("the organization requires two-step sign-in", () => {
  it("sends admins and staff without it to the setup page until it is done; consultants are unaffected", async () => {
    const required = createOrganization();
    const reqAdmin = await createMember({ organizationId: required.id, role: "admin" });
    const reqStaff = await createMember({ organizationId: required.id, role: "staff" });
    const consultant = await createMember({ organizationId: required.id, role: "consultant" });
    createConsultantRecord(required.id, { userId: consultant.userId });
    setTwoFactorRequirement({ organizationId: required.id, actorUserId: reqAdmin.userId, required: true });

    const cookie = await cookieFor(reqStaff.userId);
    for (const route of [dashboardRoute, staffLayoutRoute]) {
      const blocked = await callRoute(route.loader, makeRequest("/dashboard", { cookie }));
      expect(blocked.status).toBe(302);
      expect(blocked.location).toBe("/account/two-step?required=1");
    }
    // The setup page itself (and its layout) opens.
    const setupPage = await callRoute(
      staffTwoStepRoute.loader,
      makeRequest("/account/two-step?required=1", { cookie }),
    );
    expect(setupPage.status).toBe(200);
    const layout = await callRoute(staffLayoutRoute.loader, makeRequest("/account/two-step", { cookie }));
    expect(layout.status).toBe(200);

    const consultantCookie = await cookieFor(consultant.userId);
    const portal = await callRoute(portalHomeRoute.loader, makeRequest("/portal", { cookie: consultantCookie }));
    expect(portal.status).toBe(200);

    // Once set up, the other pages open.
    await twoStep(cookie, { intent: "start", password: TEST_PASSWORD });
    await twoStep(cookie, { intent: "confirm", code: codeFor(secretOf(reqStaff.userId)), password: TEST_PASSWORD });
    const open = await callRoute(dashboardRoute.loader, makeRequest("/dashboard", { cookie }));
    expect(open.status).toBe(200);

    // Other organizations are not affected.
    const elsewhere = await callRoute(
      dashboardRoute.loader,
      makeRequest("/dashboard", { cookie: await cookieFor(admin.userId) }),
    );
    expect(elsewhere.status).toBe(200);
  });

  it("is audited when an admin changes it", () => {
    setTwoFactorRequirement({ organizationId: org.id, actorUserId: admin.userId, required: false });
    const event = db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, "settings.two_factor_not_required")))
      .get();
    expect(event?.changedFields).toEqual(["requireTwoFactorForStaff"]);
  });
});

describe("sessions record no secrets", () => {
  it("a session made by the second step has a device label, not the User-Agent", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const { secret } = await turnOn(staff.userId);
    const pending = await passwordStep(staff.email);
    const ua =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    const result = await callRoute(
      verifyRoute.action,
      makeRequest("/login/verify", { cookie: pending, form: { code: codeFor(secret) }, headers: { "User-Agent": ua } }),
      {},
      { clientIp: "192.0.2.20" },
    );
    const token = sessionCookieIn(result)!.split("=")[1]!;
    const labels = db
      .select({ deviceLabel: sessions.deviceLabel })
      .from(sessions)
      .where(eq(sessions.userId, staff.userId))
      .all()
      .map((r) => r.deviceLabel);
    expect(labels).toContain("Chrome on Windows");
    const stored = JSON.stringify(db.select().from(sessions).where(eq(sessions.userId, staff.userId)).all());
    expect(stored).not.toContain("Mozilla");
    // Only a digest of the token is stored: a copy of the database holds no usable session.
    expect(stored).not.toContain(token);
    expect(db.select().from(sessions).where(eq(sessions.id, token)).get()).toBeUndefined();
  });
});

describe("the secret at rest", () => {
  it("is sealed with the field key, bound to its user, and re-sealed by a key rotation", async () => {
    const member = await createMember({ organizationId: org.id, role: "staff" });
    const { secret } = await turnOn(member.userId);
    const stored = storedSecretOf(member.userId);
    expect(stored).toMatch(/^enc:v1:/);
    expect(stored).not.toContain(secret);
    // Moved to another user's row it does not open.
    expect(() => decryptField(stored, totpSecretAad(admin.userId))).toThrow();

    const oldRing = keyRing();
    const oldEntries = [...oldRing.keys].map(([id, key]) => `${id}:${key.toString("base64")}`);
    const newRing = parseKeyRing([`rotated:${randomBytes(32).toString("base64")}`, ...oldEntries].join(","), "test");
    expect(resealTwoFactorSecrets(db, { mode: "rotate", ring: newRing })).toBeGreaterThanOrEqual(1);
    expect(envelopeKeyId(storedSecretOf(member.userId))).toBe("rotated");
    expect(decryptField(storedSecretOf(member.userId), totpSecretAad(member.userId), newRing)).toBe(secret);
    expect(resealTwoFactorSecrets(db, { mode: "rotate", ring: newRing })).toBe(0);
  });
});
