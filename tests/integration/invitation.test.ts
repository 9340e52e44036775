import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Secret, TOTP } from "otpauth";
import {
  auditEvents,
  emailOutbox,
  invitations,
  memberships,
  sessions,
  twoFactorCredentials,
  users,
  type Role,
} from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { getSessionUser } from "../../app/utils/auth/session.server";
import { requireMembership } from "../../app/utils/auth/guards.server";
import { rolesWith } from "../../app/models/permissions";
import { setEmailSenderForTests } from "../../app/utils/email.server";
import { sha256 } from "../../app/utils/tokens.server";
import { INVITATION_VALID_DAYS, inviteMember } from "../../app/models/invitation/send.server";
import * as adminUsersRoute from "../../app/routes/_staff.admin.users";
import * as inviteRoute from "../../app/routes/invite.$token";
import * as loginRoute from "../../app/routes/login";
import * as verifyRoute from "../../app/routes/login_.verify";
import * as staffTwoStepRoute from "../../app/routes/_staff.account.two-step";
import { totpSecretAad } from "../../app/models/two-factor-secret.server";
import { decryptField } from "../../app/utils/field-crypto.server";
import { cookieFor, createMember, createOrganization, TEST_PASSWORD } from "../support/factories";
import { callRoute, makeRequest, type RouteResult } from "../support/http";
import { passwordHashingStats } from "../../app/utils/password-hash.server";
import { INVITATION_ANSWERS_PER_ADDRESS } from "../../app/utils/rate-limit.server";
import { inEnglishData } from "../support/messages";

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

/** Each answer from an address of its own: answers are counted per address (tested on its own below). */
let addressCount = 0;
function accept(token: string, form: Record<string, string>) {
  addressCount++;
  const clientIp = `198.18.${Math.floor(addressCount / 250)}.${(addressCount % 250) + 1}`;
  return callRoute(inviteRoute.action, makeRequest(`/invite/${token}`, { form }), { token }, { clientIp });
}

function acceptNew(token: string, preferredName = "Sam") {
  return accept(token, { intent: "create", preferredName, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
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
  return inEnglishData(result.data as Reply);
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
    expect((await load(second)).data).toMatchObject({ state: "valid", organizationName: org.name });

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
    expect((await load(token)).data).toMatchObject({ state: "valid", organizationName: org.name });
  });
});

/** The cookies a response set, as one Cookie header; cleared cookies left out. */
function cookiesSetBy(result: RouteResult) {
  return result.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((c) => !c.endsWith("="))
    .join("; ");
}

const sessionCookieIn = (result: RouteResult) =>
  result.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("seh_session=") && !c.endsWith("="));

const sessionsOf = (userId: string) => db.select().from(sessions).where(eq(sessions.userId, userId)).all();

/** The sign-in form, sent by the browser that holds what the invitation page left in it. */
function signIn(email: string, password: string, cookie: string) {
  return callRoute(loginRoute.action, makeRequest("/login", { form: { email, password }, cookie }));
}

describe("accepting an invitation", () => {
  it("creates the account and membership, then signing in sends staff to the dashboard; the link is then used", async () => {
    const email = newEmail();
    const token = await inviteAsAdmin(email, "staff");
    expect((await load(token)).data).toMatchObject({ state: "valid", organizationName: org.name });

    const result = await acceptNew(token, "  Sam  ");
    expect(result.status).toBe(302);
    expect(result.location).toBe("/login");
    // No session from the link itself: the next step is signing in.
    expect(sessionCookieIn(result)).toBeUndefined();
    const held = cookiesSetBy(result);
    expect(held).toMatch(/^seh_invitation=/);
    expect(result.headers.getSetCookie().find((c) => c.startsWith("seh_invitation="))).toMatch(/HttpOnly/i);

    const user = userByEmail(email)!;
    expect(sessionsOf(user.id)).toHaveLength(0);
    expect(user.preferredName).toBe("Sam");
    expect(user.passwordHash).toBeTruthy();
    expect(user.passwordHash).not.toContain(NEW_PASSWORD);
    const [membership] = membershipsOf(user.id);
    expect(membership!.role).toBe("staff");
    expect(membership!.deactivatedAt).toBeNull();

    // The sign-in page fills in the invited email.
    const loginPage = await callRoute(loginRoute.loader, makeRequest("/login", { cookie: held }));
    expect(loginPage.data).toEqual({ invitedEmail: email });
    const signedIn = await signIn(email, NEW_PASSWORD, held);
    expect(signedIn.status).toBe(302);
    expect(signedIn.location).toBe("/dashboard");
    const cookie = sessionCookieIn(signedIn)!;
    const session = await getSessionUser(makeRequest("/", { cookie }));
    expect(session?.user.id).toBe(user.id);
    const ctx = await requireMembership(makeRequest("/dashboard", { cookie }), rolesWith("staff-pages:use"));
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

  it("sends an invited consultant to the portal after signing in", async () => {
    const email = newEmail("consultant");
    const token = await inviteDirectly(email, "consultant");
    const result = await acceptNew(token);
    expect(result.location).toBe("/login");
    const signedIn = await signIn(email, NEW_PASSWORD, cookiesSetBy(result));
    expect(signedIn.location).toBe("/portal");
    const user = userByEmail(email)!;
    expect(membershipsOf(user.id)[0]!.role).toBe("consultant");
    const ctx = await requireMembership(
      makeRequest("/portal", { cookie: sessionCookieIn(signedIn)! }),
      rolesWith("portal:use"),
    );
    expect(ctx.membership.organizationId).toBe(org.id);
  });

  it("refuses mismatched or short passwords without echoing them and without spending the link", async () => {
    const token = await inviteDirectly(newEmail(), "staff");
    const mismatch = await accept(token, {
      intent: "create",
      preferredName: "Sam",
      password: NEW_PASSWORD,
      confirm: "something else!!",
    });
    expect(mismatch.status).toBe(400);
    expect(reply(mismatch).error?.confirm?.join(" ")).toContain("not the same");
    const short = await accept(token, {
      intent: "create",
      preferredName: "Sam",
      password: "too-short",
      confirm: "too-short",
    });
    expect(short.status).toBe(400);
    expect(reply(short).error?.password?.join(" ")).toContain("at least 12 characters");
    for (const result of [mismatch, short]) {
      expect(reply(result).initialValue?.password).toBeUndefined();
      expect(reply(result).initialValue?.confirm).toBeUndefined();
      expect(JSON.stringify(result.data)).not.toContain(NEW_PASSWORD);
      expect(JSON.stringify(result.data)).not.toContain("too-short");
    }
    expect((await load(token)).data).toMatchObject({ state: "valid", organizationName: org.name });
  });

  it("names the organization and the sign-in email for a link that works, and nothing for one that does not", async () => {
    const email = newEmail("page");
    const token = await inviteAsAdmin(email);
    expect((await load(token)).data).toEqual({ state: "valid", organizationName: org.name, email, toPortal: false });

    // Withdrawn, replaced, expired, used or never sent: only that it does not work.
    const [invitation] = invitationsFor(email);
    await adminAction({ intent: "revoke-invitation", invitationId: invitation!.id });
    const expiredEmail = newEmail("page-expired");
    const expired = await inviteAsAdmin(expiredEmail);
    db.update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(invitations.email, expiredEmail))
      .run();
    const usedEmail = newEmail("page-used");
    const used = await inviteAsAdmin(usedEmail);
    expect((await acceptNew(used)).status).toBe(302);
    for (const [link, state] of [
      [token, "expired"],
      [expired, "expired"],
      [used, "used"],
      ["never-sent-token-1234567890", "unknown"],
    ] as const) {
      const page = await load(link);
      expect(page.data).toEqual({ state });
      for (const secret of [email, expiredEmail, usedEmail, org.name])
        expect(JSON.stringify(page.data)).not.toContain(secret);
    }
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
    expect((await accept(token, { intent: "sign-in" })).status).toBe(400);
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

  it("the link holder cannot tell that the account exists, and cannot start a session or change anything", async () => {
    const { person, hash } = await existingPerson();
    const token = await inviteAsAdmin(person.email, "staff");
    const freshEmail = newEmail();
    const fresh = await inviteAsAdmin(freshEmail, "staff");
    // The page is the same as for an email with no account, but for the address each was sent to.
    const freshPage = (await load(fresh)).data as { email: string };
    expect(freshPage.email).toBe(freshEmail);
    expect((await load(token)).data).toEqual({ ...freshPage, email: person.email });

    // Choosing a new password through the link: the same answer as for a new account, and nothing changes.
    const tried = await accept(token, {
      intent: "create",
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
      preferredName: "Taken over",
    });
    const asNew = await acceptNew(fresh);
    expect(tried.status).toBe(asNew.status);
    expect(tried.location).toBe(asNew.location);
    expect(tried.headers.getSetCookie().map((c) => c.split("=")[0])).toEqual(
      asNew.headers.getSetCookie().map((c) => c.split("=")[0]),
    );
    expect(sessionCookieIn(tried)).toBeUndefined();
    expect(sessionsOf(person.userId)).toHaveLength(0);
    expect(userByEmail(person.email)!.passwordHash).toBe(hash);
    expect(userByEmail(person.email)!.preferredName).not.toBe("Taken over");
    expect(membershipsOf(person.userId)).toHaveLength(0);
    // Afterwards the page reads the same too: used, like a link that made an account.
    expect((await load(token)).data).toEqual({ state: "used" });
    expect((await load(token)).data).toEqual((await load(fresh)).data);

    // The link takes no more answers: no password hash is run for it again.
    const hashesBefore = passwordHashingStats().hashes;
    const replayed = await acceptNew(token, "Again");
    expect(replayed.status).toBe(400);
    expect(formErrors(replayed)).toContain("no longer works");
    expect(passwordHashingStats().hashes).toBe(hashesBefore);

    // Signing in with the password the link holder chose does not work either.
    const withChosen = await signIn(person.email, NEW_PASSWORD, cookiesSetBy(tried));
    expect(withChosen.status).toBe(400);
    expect(sessionCookieIn(withChosen)).toBeUndefined();
    expect(membershipsOf(person.userId)).toHaveLength(0);

    // The person themselves still joins by signing in with their own password.
    const theirs = await signIn(person.email, TEST_PASSWORD, cookiesSetBy(tried));
    expect(theirs.location).toBe("/dashboard");
    expect(membershipsOf(person.userId)[0]!.role).toBe("staff");
  });

  it("counts answers to invitation pages per address before any password hashing", async () => {
    const ip = "2001:db8:99:1::7";
    const answer = (token: string, address: string) =>
      callRoute(
        inviteRoute.action,
        makeRequest(`/invite/${token}`, {
          form: { intent: "create", preferredName: "Flood", password: NEW_PASSWORD, confirm: NEW_PASSWORD },
        }),
        { token },
        { clientIp: address },
      );
    for (let i = 0; i < INVITATION_ANSWERS_PER_ADDRESS; i++) {
      expect((await answer(`never-sent-${i}-${randomUUID()}`, ip)).status).toBe(400);
    }
    const token = await inviteDirectly(newEmail("flood"), "staff");
    const hashesBefore = passwordHashingStats().hashes;
    // Another address in the same /64 is the same address.
    const paused = await answer(token, "2001:db8:99:1::8");
    expect(paused.status).toBe(429);
    expect(formErrors(paused)).toContain("too many tries");
    expect(passwordHashingStats().hashes).toBe(hashesBefore);
    expect((await load(token)).data).toMatchObject({ state: "valid", organizationName: org.name });
    expect((await answer(token, "198.51.100.44")).status).toBe(302);
  });

  it("signing in with the right password adds the membership and keeps the password", async () => {
    const { person, hash } = await existingPerson();
    const token = await inviteAsAdmin(person.email, "admin");
    const result = await accept(token, { intent: "sign-in" });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/login");
    expect(sessionCookieIn(result)).toBeUndefined();
    expect(membershipsOf(person.userId)).toHaveLength(0);

    const held = cookiesSetBy(result);
    const loginPage = await callRoute(loginRoute.loader, makeRequest("/login", { cookie: held }));
    expect(loginPage.data).toEqual({ invitedEmail: person.email });
    const signedIn = await signIn(person.email, TEST_PASSWORD, held);
    expect(signedIn.status).toBe(302);
    expect(signedIn.location).toBe("/dashboard");
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
    const held = cookiesSetBy(await accept(token, { intent: "sign-in" }));
    const result = await signIn(person.email, TEST_PASSWORD, held);
    expect(result.status).toBe(302);
    expect(result.location).toBe("/portal");
    const cookie = sessionCookieIn(result)!;
    const session = await getSessionUser(makeRequest("/", { cookie }));
    expect(session?.session.activeOrganizationId).toBe(org.id);
    // The page the redirect points at must open for them.
    const ctx = await requireMembership(makeRequest("/portal", { cookie }), rolesWith("portal:use"));
    expect(ctx.membership.organizationId).toBe(org.id);
  });

  it("with two-step sign-in on, the invitation is accepted only once the code is right", async () => {
    const { person } = await existingPerson();
    const own = await cookieFor(person.userId);
    await callRoute(
      staffTwoStepRoute.action,
      makeRequest("/account/two-step", { cookie: own, form: { intent: "start", password: TEST_PASSWORD } }),
    );
    const secret = decryptField(
      db.select().from(twoFactorCredentials).where(eq(twoFactorCredentials.userId, person.userId)).get()!.secret,
      totpSecretAad(person.userId),
    );
    const code = (at: number) =>
      TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30, timestamp: at });
    const confirm = async () => {
      const step = Math.floor(Date.now() / 30_000);
      const result = await callRoute(
        staffTwoStepRoute.action,
        makeRequest("/account/two-step", {
          cookie: own,
          form: { intent: "confirm", code: code(Date.now() - 30_000), password: TEST_PASSWORD },
        }),
      );
      return { result, stepEnded: Math.floor(Date.now() / 30_000) !== step };
    };
    const first = await confirm();
    // The 30-second step can end while the password is checked on a busy machine: type the new code once.
    const turnedOn = first.result.status === 400 && first.stepEnded ? (await confirm()).result : first.result;
    expect(turnedOn.status).toBe(200);

    const token = await inviteAsAdmin(person.email, "staff");
    const held = cookiesSetBy(await accept(token, { intent: "sign-in" }));
    const passwordStep = await signIn(person.email, TEST_PASSWORD, held);
    expect(passwordStep.location).toBe("/login/verify");
    expect(sessionCookieIn(passwordStep)).toBeUndefined();
    expect(membershipsOf(person.userId)).toHaveLength(0);

    const pending = cookiesSetBy(passwordStep);
    const verified = await callRoute(
      verifyRoute.action,
      makeRequest("/login/verify", { cookie: `${held}; ${pending}`, form: { code: code(Date.now()) } }),
    );
    expect(verified.status).toBe(302);
    expect(verified.location).toBe("/dashboard");
    expect(membershipsOf(person.userId)[0]!.role).toBe("staff");
    const ctx = await requireMembership(
      makeRequest("/dashboard", { cookie: sessionCookieIn(verified)! }),
      rolesWith("staff-pages:use"),
    );
    expect(ctx.membership.organizationId).toBe(org.id);
  });

  it("an invitation held for someone else's email is not accepted by whoever signs in", async () => {
    const { person } = await existingPerson();
    const token = await inviteAsAdmin(newEmail("someone-else"), "admin");
    const held = cookiesSetBy(await accept(token, { intent: "sign-in" }));
    const signedIn = await signIn(person.email, TEST_PASSWORD, held);
    expect(signedIn.status).toBe(302);
    expect(signedIn.location).toBe("/dashboard");
    expect(membershipsOf(person.userId)).toHaveLength(0);
    const ctx = await requireMembership(
      makeRequest("/dashboard", { cookie: sessionCookieIn(signedIn)! }),
      rolesWith("staff-pages:use"),
    );
    expect(ctx.membership.organizationId).toBe(otherOrg.id);
    expect((await load(token)).data).toMatchObject({ state: "valid", organizationName: org.name });
  });
});
