import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emailOutbox, passwordResetTokens, users } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { getSessionUser } from "../../app/utils/auth/session.server";
import { verifyLogin } from "../../app/utils/auth/sign-in.server";
import { setEmailSenderForTests } from "../../app/utils/email.server";
import { sha256 } from "../../app/utils/tokens.server";
import { RESET_VALID_HOURS } from "../../app/models/password-reset.server";
import { FORM_ATTEMPT_WINDOW_MS, FORM_ATTEMPTS_PER_ADDRESS, takeFormAttempt } from "../../app/utils/rate-limit.server";
import { passwordHashingStats } from "../../app/utils/password-hash.server";
import * as forgotPasswordRoute from "../../app/routes/forgot-password";
import * as resetPasswordRoute from "../../app/routes/reset-password";
import { cookieFor, createMember, createOrganization, TEST_PASSWORD } from "../support/factories";
import { callRoute, makeRequest } from "../support/http";
import { inEnglishData } from "../support/messages";

const org = createOrganization();
const NEW_PASSWORD = "a brand new passphrase";

// Each login check and form post uses its own address, so the per-address limits (tested on their
// own below) never get in the way.
let ipCounter = 0;
const nextIp = () => `198.18.${++ipCounter >> 8}.${ipCounter & 0xff}`;

type Reply = { initialValue?: Record<string, unknown>; error?: Record<string, string[] | null> };

function forgot(email: string, clientIp = nextIp()) {
  return callRoute(forgotPasswordRoute.action, makeRequest("/forgot-password", { form: { email } }), {}, { clientIp });
}

function loadReset(token: string) {
  return callRoute(resetPasswordRoute.loader, makeRequest(`/reset-password?token=${encodeURIComponent(token)}`));
}

function reset(form: Record<string, string>, clientIp = nextIp()) {
  return callRoute(
    resetPasswordRoute.action,
    makeRequest(`/reset-password?token=${encodeURIComponent(form.token ?? "")}`, { form }),
    {},
    { clientIp },
  );
}

function outboxFor(email: string) {
  return db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)).all();
}

function tokensOf(userId: string) {
  return db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, userId)).all();
}

function tokenIn(text: string) {
  const token = /\/reset-password\?token=([\w-]+)/.exec(text)?.[1];
  expect(token).toBeTruthy();
  return token!;
}

/** Asks for a link through the form and returns the token from the one new email it sent. */
async function requestLink(email: string) {
  const seen = new Set(outboxFor(email).map((row) => row.id));
  const result = await forgot(email);
  expect(result.location).toBe("/forgot-password?done=sent");
  const added = outboxFor(email).filter((row) => !seen.has(row.id));
  expect(added).toHaveLength(1);
  return tokenIn(added[0]!.text);
}

function passwordHashOf(userId: string) {
  return db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)).get()!.hash;
}

function reply(result: { data: unknown }) {
  return inEnglishData(result.data as Reply);
}

function formErrors(result: { data: unknown }) {
  return (reply(result).error?.[""] ?? []).join(" ");
}

async function canLogIn(email: string, password: string) {
  return (await verifyLogin(email, password, nextIp())).ok;
}

beforeEach(() => setEmailSenderForTests(null));
afterEach(() => setEmailSenderForTests(undefined));

describe("asking for a reset link", () => {
  it("answers the same for a known and an unknown email, and only emails the known one", async () => {
    const member = await createMember({ organizationId: org.id, role: "consultant" });
    const unknownEmail = `nobody-${randomUUID().slice(0, 8)}@example.test`;
    const tokensBefore = db.select().from(passwordResetTokens).all().length;

    const known = await forgot(member.email);
    const unknown = await forgot(unknownEmail);

    expect(known.status).toBe(302);
    expect(known.location).toBe("/forgot-password?done=sent");
    expect(unknown.status).toBe(known.status);
    expect(unknown.location).toBe(known.location);
    expect(unknown.data).toBe(known.data);
    expect([...unknown.headers]).toEqual([...known.headers]);
    // Nothing personal in the URL the browser keeps in its history.
    expect(known.location).not.toContain(member.email);

    expect(outboxFor(member.email)).toHaveLength(1);
    expect(outboxFor(unknownEmail)).toHaveLength(0);
    expect(tokensOf(member.userId)).toHaveLength(1);
    expect(db.select().from(passwordResetTokens).all()).toHaveLength(tokensBefore + 1);
  });

  it("accepts the email in any case and with spaces around it", async () => {
    const member = await createMember({ organizationId: org.id, role: "staff" });
    await forgot(`  ${member.email.toUpperCase()} `);
    expect(outboxFor(member.email)).toHaveLength(1);
  });

  it("stores only a SHA-256 digest of the token, never the token in the link", async () => {
    const member = await createMember({ organizationId: org.id, role: "staff" });
    const token = await requestLink(member.email);
    const [row] = tokensOf(member.userId);
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.tokenHash).toBe(sha256(token));
    expect(row!.tokenHash).not.toContain(token);
    // Valid for one hour.
    const validFor = row!.expiresAt.getTime() - row!.createdAt.getTime();
    expect(validFor).toBeGreaterThan(RESET_VALID_HOURS * 60 * 60_000 - 5_000);
    expect(validFor).toBeLessThanOrEqual(RESET_VALID_HOURS * 60 * 60_000 + 5_000);
  });

  it("sends an email with the link but without the address it is sent to", async () => {
    const member = await createMember({ organizationId: org.id, role: "consultant" });
    const token = await requestLink(member.email);
    const [email] = outboxFor(member.email);
    expect(email!.template).toBe("password-reset");
    expect(email!.text).toContain(`/reset-password?token=${token}`);
    expect(email!.html).toContain(`/reset-password?token=${token}`);
    for (const body of [email!.html, email!.text, email!.subject]) {
      expect(body).not.toContain(member.email);
      expect(body).not.toContain(member.email.split("@")[0]);
    }
  });

  it("rejects a malformed email with a field error and sends nothing", async () => {
    const result = await forgot("not-an-email");
    expect(result.status).toBe(400);
    expect(reply(result).error?.email?.join(" ")).toContain("like name@example.org");
  });

  it("sends nothing to a deactivated member", async () => {
    const member = await createMember({ organizationId: org.id, role: "staff", deactivated: true });
    const result = await forgot(member.email);
    expect(result.location).toBe("/forgot-password?done=sent");
    expect(outboxFor(member.email)).toHaveLength(0);
    expect(tokensOf(member.userId)).toHaveLength(0);
  });

  it("sends nothing to a person who has not set a password yet", async () => {
    const member = await createMember({ organizationId: org.id, role: "consultant" });
    db.update(users).set({ passwordHash: null }).where(eq(users.id, member.userId)).run();
    const result = await forgot(member.email);
    expect(result.location).toBe("/forgot-password?done=sent");
    expect(outboxFor(member.email)).toHaveLength(0);
    expect(tokensOf(member.userId)).toHaveLength(0);
  });
});

describe("using a reset link", () => {
  it("works once: sets the new password, then refuses the same link", async () => {
    const member = await createMember({ organizationId: org.id, role: "consultant" });
    const token = await requestLink(member.email);

    const page = await loadReset(token);
    expect(page.data).toEqual({ token, usable: true });

    const result = await reset({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/login?done=reset");
    expect(await canLogIn(member.email, NEW_PASSWORD)).toBe(true);
    expect(await canLogIn(member.email, TEST_PASSWORD)).toBe(false);
    expect((await loadReset(token)).data).toEqual({ token, usable: false });

    const hashAfterReset = passwordHashOf(member.userId);
    const again = await reset({ token, password: "yet another passphrase", confirm: "yet another passphrase" });
    expect(again.status).toBe(400);
    expect(formErrors(again)).toContain("expired or was already used");
    expect(passwordHashOf(member.userId)).toBe(hashAfterReset);
    expect(await canLogIn(member.email, NEW_PASSWORD)).toBe(true);
    expect(await canLogIn(member.email, "yet another passphrase")).toBe(false);
  });

  it("refuses an expired link and leaves the password alone", async () => {
    const member = await createMember({ organizationId: org.id, role: "staff" });
    const token = await requestLink(member.email);
    db.update(passwordResetTokens)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(passwordResetTokens.userId, member.userId))
      .run();
    expect((await loadReset(token)).data).toEqual({ token, usable: false });
    const hashBefore = passwordHashOf(member.userId);
    const result = await reset({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(result.status).toBe(400);
    expect(formErrors(result)).toContain("expired or was already used");
    expect(passwordHashOf(member.userId)).toBe(hashBefore);
    expect(await canLogIn(member.email, TEST_PASSWORD)).toBe(true);
  });

  it("refuses a link that was never sent", async () => {
    const token = "x".repeat(43);
    expect((await loadReset(token)).data).toEqual({ token, usable: false });
    const result = await reset({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(result.status).toBe(400);
    expect(formErrors(result)).toContain("expired or was already used");
  });

  it("checks the link before any argon2 work: a bad link costs no hashing", async () => {
    const member = await createMember({ organizationId: org.id, role: "staff" });
    const used = await requestLink(member.email);
    expect((await reset({ token: used, password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(302);
    const expired = await requestLink(member.email);
    db.update(passwordResetTokens)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(passwordResetTokens.tokenHash, sha256(expired)))
      .run();

    const hashesBefore = passwordHashingStats().hashes;
    for (const token of ["z".repeat(43), used, expired]) {
      const result = await reset({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
      expect(result.status).toBe(400);
      expect(formErrors(result)).toContain("expired or was already used");
    }
    expect(passwordHashingStats().hashes).toBe(hashesBefore);

    const good = await requestLink(member.email);
    expect((await reset({ token: good, password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(302);
    expect(passwordHashingStats().hashes).toBe(hashesBefore + 1);
  });

  it("ends every session of the person", async () => {
    const member = await createMember({ organizationId: org.id, role: "staff" });
    const otherMember = await createMember({ organizationId: org.id, role: "staff" });
    const phone = await cookieFor(member.userId);
    const laptop = await cookieFor(member.userId);
    const someoneElse = await cookieFor(otherMember.userId);
    expect(await getSessionUser(makeRequest("/", { cookie: phone }))).not.toBeNull();

    const token = await requestLink(member.email);
    const result = await reset({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(result.status).toBe(302);

    expect(await getSessionUser(makeRequest("/", { cookie: phone }))).toBeNull();
    expect(await getSessionUser(makeRequest("/", { cookie: laptop }))).toBeNull();
    expect(await getSessionUser(makeRequest("/", { cookie: someoneElse }))).not.toBeNull();
    // The reset does not sign anyone in.
    expect(result.headers.get("Set-Cookie")).toBeNull();
  });

  it("using one of two links sent makes the other one stop working", async () => {
    const member = await createMember({ organizationId: org.id, role: "consultant" });
    const first = await requestLink(member.email);
    const second = await requestLink(member.email);
    expect(second).not.toBe(first);
    expect(tokensOf(member.userId)).toHaveLength(2);
    expect((await loadReset(first)).data).toEqual({ token: first, usable: true });
    expect((await loadReset(second)).data).toEqual({ token: second, usable: true });

    expect((await reset({ token: second, password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(302);
    expect((await loadReset(first)).data).toEqual({ token: first, usable: false });
    const stale = await reset({ token: first, password: "an attacker passphrase", confirm: "an attacker passphrase" });
    expect(stale.status).toBe(400);
    expect(await canLogIn(member.email, NEW_PASSWORD)).toBe(true);
    expect(await canLogIn(member.email, "an attacker passphrase")).toBe(false);
  });
});

describe("bad input", () => {
  async function freshToken() {
    const member = await createMember({ organizationId: org.id, role: "staff" });
    const token = await requestLink(member.email);
    return { member, token };
  }

  function expectNoPasswordEchoed(result: { data: unknown }, ...passwords: string[]) {
    const initial = reply(result).initialValue ?? {};
    expect(initial.password).toBeUndefined();
    expect(initial.confirm).toBeUndefined();
    const body = JSON.stringify(result.data);
    for (const password of passwords) expect(body).not.toContain(password);
  }

  it("refuses two different passwords, with the error on the second field", async () => {
    const { member, token } = await freshToken();
    const result = await reset({ token, password: NEW_PASSWORD, confirm: "a different passphrase" });
    expect(result.status).toBe(400);
    expect(reply(result).error?.confirm?.join(" ")).toContain("not the same");
    expectNoPasswordEchoed(result, NEW_PASSWORD, "a different passphrase");
    // The link is not spent by a form mistake.
    expect((await loadReset(token)).data).toEqual({ token, usable: true });
    expect(await canLogIn(member.email, TEST_PASSWORD)).toBe(true);
  });

  it("refuses a password shorter than 12 characters", async () => {
    const { token } = await freshToken();
    const result = await reset({ token, password: "short-pass1", confirm: "short-pass1" });
    expect(result.status).toBe(400);
    expect(reply(result).error?.password?.join(" ")).toContain("at least 12 characters");
    expectNoPasswordEchoed(result, "short-pass1");
    expect((await loadReset(token)).data).toEqual({ token, usable: true });
  });

  it("refuses a password longer than 200 characters", async () => {
    const { token } = await freshToken();
    const huge = "a".repeat(10_000);
    const result = await reset({ token, password: huge, confirm: huge });
    expect(result.status).toBe(400);
    expect(reply(result).error?.password?.join(" ")).toContain("no more than 200 characters");
    expectNoPasswordEchoed(result, "a".repeat(201));
    expect((await loadReset(token)).data).toEqual({ token, usable: true });
  });

  it("refuses a form without a token", async () => {
    const result = await callRoute(
      resetPasswordRoute.action,
      makeRequest("/reset-password", { form: { password: NEW_PASSWORD, confirm: NEW_PASSWORD } }),
      {},
      { clientIp: nextIp() },
    );
    expect(result.status).toBe(400);
    expectNoPasswordEchoed(result, NEW_PASSWORD);
    expect(reply(result).error?.token).toBeTruthy();
  });

  it("the page without a token (or with a junk one) says the link does not work, without throwing", async () => {
    const none = await callRoute(resetPasswordRoute.loader, makeRequest("/reset-password"));
    expect(none.status).toBe(200);
    expect(none.data).toEqual({ token: null, usable: false });
    const junk = await loadReset("short");
    expect(junk.data).toEqual({ token: null, usable: false });
  });

  it("never echoes passwords, even when the link is refused", async () => {
    const token = "y".repeat(43);
    const result = await reset({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(result.status).toBe(400);
    expectNoPasswordEchoed(result, NEW_PASSWORD);
  });
});

describe("too many tries from one address", () => {
  const unknownEmail = () => `nobody-${randomUUID().slice(0, 8)}@example.test`;

  it(`pauses the reset request form after ${FORM_ATTEMPTS_PER_ADDRESS} tries from one address, sending nothing`, async () => {
    const member = await createMember({ organizationId: org.id, role: "staff" });
    const ip = "192.0.2.77";
    for (let i = 0; i < FORM_ATTEMPTS_PER_ADDRESS; i++) {
      expect((await forgot(i === 0 ? "not-an-email" : unknownEmail(), ip)).status).toBe(i === 0 ? 400 : 302);
    }
    const paused = await forgot(member.email, ip);
    expect(paused.status).toBe(429);
    expect(formErrors(paused)).toMatch(/too many tries from your network.*wait 15 minutes/i);
    expect(outboxFor(member.email)).toHaveLength(0);
    expect(tokensOf(member.userId)).toHaveLength(0);

    // Another address is not affected.
    expect((await forgot(member.email, "192.0.2.78")).location).toBe("/forgot-password?done=sent");
    expect(outboxFor(member.email)).toHaveLength(1);
  });

  it("counts a whole IPv6 /64 as one address, and IPv4 over IPv6 as the IPv4 address", async () => {
    for (let i = 1; i <= FORM_ATTEMPTS_PER_ADDRESS; i++) {
      expect((await forgot(unknownEmail(), `2001:db8:5:6::${i.toString(16)}`)).status).toBe(302);
    }
    expect((await forgot(unknownEmail(), "2001:db8:5:6:ffff:1:2:3")).status).toBe(429);
    expect((await forgot(unknownEmail(), "2001:db8:5:7::1")).status).toBe(302);

    for (let i = 0; i < FORM_ATTEMPTS_PER_ADDRESS; i++) {
      expect((await forgot(unknownEmail(), "192.0.2.90")).status).toBe(302);
    }
    expect((await forgot(unknownEmail(), "::ffff:192.0.2.90")).status).toBe(429);
  });

  it(`pauses the new password form after ${FORM_ATTEMPTS_PER_ADDRESS} tries from one address; the link is not spent`, async () => {
    const member = await createMember({ organizationId: org.id, role: "consultant" });
    const token = await requestLink(member.email);
    const ip = "192.0.2.80";
    for (let i = 0; i < FORM_ATTEMPTS_PER_ADDRESS; i++) {
      const guess = await reset({ token: `${"g".repeat(40)}${i}`, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, ip);
      expect(guess.status).toBe(400);
    }
    const hashesBefore = passwordHashingStats().hashes;
    const paused = await reset({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, ip);
    expect(paused.status).toBe(429);
    expect(formErrors(paused)).toMatch(/too many tries from your network.*wait 15 minutes/i);
    expect(JSON.stringify(paused.data)).not.toContain(NEW_PASSWORD);
    expect(passwordHashingStats().hashes).toBe(hashesBefore);
    expect((await loadReset(token)).data).toEqual({ token, usable: true });
    expect(await canLogIn(member.email, TEST_PASSWORD)).toBe(true);

    // The person, on another network, can still use the link.
    expect((await reset({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, "192.0.2.81")).status).toBe(302);
    expect(await canLogIn(member.email, NEW_PASSWORD)).toBe(true);
  });

  it("counts tries over a sliding 15 minutes, and a refused try is not counted", () => {
    const ip = "192.0.2.99";
    const t0 = Date.parse("2026-03-01T10:00:00Z");
    for (let i = 0; i < FORM_ATTEMPTS_PER_ADDRESS; i++) {
      expect(takeFormAttempt("password-reset", ip, t0 + i * 60_000)).toBeNull();
    }
    // The oldest try leaves the window 15 minutes after it was made.
    const until = new Date(t0 + FORM_ATTEMPT_WINDOW_MS);
    expect(takeFormAttempt("password-reset", ip, t0 + 10 * 60_000)).toEqual(until);
    expect(takeFormAttempt("password-reset", ip, t0 + FORM_ATTEMPT_WINDOW_MS - 1)).toEqual(until);
    // The other form is counted on its own.
    expect(takeFormAttempt("password-reset-request", ip, t0 + 10 * 60_000)).toBeNull();
    expect(takeFormAttempt("password-reset", ip, t0 + FORM_ATTEMPT_WINDOW_MS)).toBeNull();
    expect(takeFormAttempt("password-reset", ip, t0 + FORM_ATTEMPT_WINDOW_MS + 1)).toEqual(
      new Date(t0 + 60_000 + FORM_ATTEMPT_WINDOW_MS),
    );
  });
});
