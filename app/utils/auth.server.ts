// Everything about sessions lives here, so that Lucia (deprecated upstream) can be replaced by
// its own session recipe without touching routes. See docs/decisions/002-lucia-behind-one-module.md.
import { rolesWith, type Permission } from "../models/permissions";
import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { redirect } from "@remix-run/node";
import { and, desc, eq, gt, isNotNull, lt, ne } from "drizzle-orm";
import { Cookie, Lucia, TimeSpan } from "lucia";
import {
  organizationSettings,
  pendingSignIns,
  sessions,
  twoFactorCredentials,
  users,
  type Role,
} from "../../db/schema";
import { db, type Executor } from "./db.server";
import { isProduction } from "./env.server";
import { clearAccountFailures, forgetLoginAttempt, loginLockedUntil, recordLoginFailure } from "./rate-limit.server";
import { generateToken, normalizeEmail, sha256 } from "./tokens.server";
import { hashPassword, verifyPassword } from "./password-hash.server";
import { deviceLabelFrom } from "./device-label.server";
import { recordAudit } from "./audit.server";
import { findActiveMembership, listActiveMemberships, type ActiveMembership } from "../models/membership.server";
import { acceptInvitationAtSignIn, isInvitationFor } from "../models/invitation.server";

// Session lifetime for records about survivors (OWASP ASVS level 2): a session ends 30 minutes
// after its last use, and 12 hours after sign-in whatever the activity. Both are checked here
// against the session's own times; Lucia's expiry only backs up the absolute cap.
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_AGE_MS = 12 * 60 * 60_000;
const LUCIA_EXPIRY = new TimeSpan(12, "h");

const adapter = new DrizzleSQLiteAdapter(db, sessions, users);

const lucia = new Lucia(adapter, {
  sessionExpiresIn: LUCIA_EXPIRY,
  sessionCookie: {
    name: "seh_session",
    // The server decides expiry (see sessionCookieFor), so the cookie never needs refreshing.
    expires: false,
    attributes: { secure: isProduction(), sameSite: "lax" },
  },
  getSessionAttributes: (attributes) => ({
    activeOrganizationId: attributes.activeOrganizationId,
    createdAt: attributes.createdAt,
    lastSeenAt: attributes.lastSeenAt,
    secondFactorAt: attributes.secondFactorAt,
  }),
  getUserAttributes: (attributes) => ({
    email: attributes.email,
    preferredName: attributes.preferredName,
  }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseSessionAttributes: {
      activeOrganizationId: string | null;
      createdAt: number;
      deviceLabel: string | null;
      lastSeenAt: number | null;
      secondFactorAt: number | null;
    };
    DatabaseUserAttributes: { email: string; preferredName: string };
  }
}

// A real hash of a random password, so a login for an unknown email costs as much time as one
// for a known email and timing reveals nothing.
let decoyHash: Promise<string> | undefined;
function getDecoyHash() {
  return (decoyHash ??= hashPassword(crypto.randomUUID()));
}

export type LoginResult =
  { ok: true; userId: string } | { ok: false; reason: "invalid" } | { ok: false; reason: "locked"; until: Date };

/**
 * Checks an email and password with the lockout rules, whatever the account may do afterwards.
 * The attempt is counted as a failure before the slow hash check, so that many attempts sent at
 * once cannot all pass the lock check first; a success takes it back.
 */
export async function checkPasswordWithLockout(email: string, password: string, ip: string): Promise<LoginResult> {
  const normalized = normalizeEmail(email);
  const lockedUntil = loginLockedUntil(normalized, ip);
  if (lockedUntil) return { ok: false, reason: "locked", until: lockedUntil };
  const attempt = recordLoginFailure(normalized, ip);

  const user = db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, normalized))
    .get();
  const storedHash = user?.passwordHash ?? (await getDecoyHash());
  const matches = await verifyPassword(storedHash, password);
  if (!user || !user.passwordHash || !matches) {
    const nowLocked = loginLockedUntil(normalized, ip);
    return nowLocked ? { ok: false, reason: "locked", until: nowLocked } : { ok: false, reason: "invalid" };
  }
  forgetLoginAttempt(attempt);
  clearAccountFailures(normalized);
  return { ok: true, userId: user.id };
}

/**
 * Checks a sign-in: the right password and at least one active membership, or an invitation this
 * browser holds for the same email (someone whose earlier memberships all ended, invited back).
 */
export async function verifyLogin(
  email: string,
  password: string,
  ip: string,
  heldInvitation?: string | null,
): Promise<LoginResult> {
  const result = await checkPasswordWithLockout(email, password, ip);
  const invited = heldInvitation ? isInvitationFor(heldInvitation, email) : false;
  if (result.ok && !invited && listActiveMemberships(result.userId).length === 0) {
    // Counts as a failure, and answers exactly like a wrong password.
    recordLoginFailure(normalizeEmail(email), ip);
    return { ok: false, reason: "invalid" };
  }
  return result;
}

/** How a new session was authenticated: the password alone, or the password and the second step. */
export type SignInStrength = "password" | "second-factor";

/** The cookie carries the token; the database knows the session only by the token's digest. */
const sessionIdOf = (token: string) => sha256(`session:${token}`);

function readSessionToken(request: Request) {
  return lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
}

/**
 * Starts a fresh session (a new token every time: the session is rotated at sign-in) and returns
 * the Set-Cookie header. Any session the request already carried is ended. The session works in
 * `organizationId` when given (e.g. the organization whose invitation was just accepted).
 */
export async function startSession(
  request: Request,
  userId: string,
  options: { organizationId?: string; strength: SignInStrength },
) {
  const previous = readSessionToken(request);
  if (previous) await lucia.invalidateSession(sessionIdOf(previous));
  const first =
    (options.organizationId ? findActiveMembership(userId, options.organizationId) : undefined) ??
    listActiveMemberships(userId)[0];
  const now = Date.now();
  const token = generateToken();
  await lucia.createSession(
    userId,
    {
      activeOrganizationId: first?.organizationId ?? null,
      createdAt: now,
      deviceLabel: deviceLabelFrom(request.headers.get("User-Agent")),
      lastSeenAt: now,
      secondFactorAt: options.strength === "second-factor" ? now : null,
    },
    { sessionId: sessionIdOf(token) },
  );
  recordAudit(db, {
    actorUserId: userId,
    organizationId: first?.organizationId ?? null,
    action: "session.login",
    subjectType: "user",
    subjectId: userId,
    changedFields: options.strength === "second-factor" ? ["secondFactor"] : undefined,
  });
  return sessionCookieFor(token);
}

// Lucia's "non-expiring" cookie lasts 400 days. Without Max-Age the browser forgets the cookie
// when it closes, which matters on a shared or borrowed phone; the server enforces expiry anyway.
function sessionCookieFor(token: string) {
  const cookie = lucia.createSessionCookie(token);
  const { maxAge: _maxAge, expires: _expires, ...attributes } = cookie.attributes;
  return new Cookie(cookie.name, cookie.value, attributes).serialize();
}

/** When a session ends if nobody uses it: 30 minutes after its last use, 12 hours after sign-in at most. */
function sessionDeadline(session: { createdAt: number; lastSeenAt: number | null }) {
  return Math.min((session.lastSeenAt ?? session.createdAt) + SESSION_IDLE_MS, session.createdAt + SESSION_MAX_AGE_MS);
}

/**
 * A session counts only if it passed every step its user has: a person with two-step sign-in on
 * whose session passed only the password (however it was started) is signed out.
 */
function sessionMeetsTwoFactor(session: { secondFactorAt: number | null }, userId: string) {
  return session.secondFactorAt !== null || !hasTwoFactor(userId);
}

/**
 * The request's live session, or why there is none: `timedOut` when it ended just now for being
 * left unused (so the sign-in page can say why).
 */
async function checkSession(request: Request) {
  const token = readSessionToken(request);
  if (!token) return { current: null, timedOut: false } as const;
  const { session, user } = await lucia.validateSession(sessionIdOf(token));
  if (!session || !user) return { current: null, timedOut: false } as const;
  const now = Date.now();
  if (now >= sessionDeadline(session) || !sessionMeetsTwoFactor(session, user.id)) {
    await lucia.invalidateSession(session.id);
    const idle = now >= (session.lastSeenAt ?? session.createdAt) + SESSION_IDLE_MS;
    return { current: null, timedOut: idle && now < session.createdAt + SESSION_MAX_AGE_MS } as const;
  }
  if (now - (session.lastSeenAt ?? 0) >= LAST_SEEN_PRECISION_MS) {
    db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, session.id)).run();
    session.lastSeenAt = now;
  }
  return { current: { session, user }, timedOut: false } as const;
}

export async function getSessionUser(request: Request) {
  return (await checkSession(request)).current;
}

// The idle timeout counts from the last use to the minute: one write a minute per active session,
// not one per request.
const LAST_SEEN_PRECISION_MS = 60_000;

/**
 * When the request's session will end if nothing more happens (epoch ms), or null without a live
 * session. Reads only: asking must not itself keep the session alive.
 */
export function readSessionDeadline(request: Request, now = Date.now()) {
  const token = readSessionToken(request);
  if (!token) return null;
  const row = db
    .select({ createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(eq(sessions.id, sessionIdOf(token)))
    .get();
  if (!row) return null;
  const deadline = sessionDeadline(row);
  return deadline > now ? deadline : null;
}

/** "Stay signed in": counts as a use now, and returns the new deadline (null if the session has ended). */
export async function keepSessionAlive(request: Request) {
  const current = await getSessionUser(request);
  if (!current) return null;
  const now = Date.now();
  db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, current.session.id)).run();
  return sessionDeadline({ createdAt: current.session.createdAt, lastSeenAt: now });
}

/** Ends the request's session and returns the Set-Cookie header that clears the cookie. */
export async function endSession(request: Request) {
  const current = await getSessionUser(request);
  if (current) {
    await lucia.invalidateSession(current.session.id);
    recordAudit(db, {
      actorUserId: current.user.id,
      organizationId: current.session.activeOrganizationId,
      action: "session.logout",
      subjectType: "user",
      subjectId: current.user.id,
    });
  }
  return lucia.createBlankSessionCookie().serialize();
}

/**
 * Ends every other session of a user inside the caller's transaction: after a change to how they
 * sign in, a device someone else may hold must sign in again.
 */
export function endOtherSessionsInTransaction(tx: Executor, userId: string, keepSessionId: string) {
  tx.delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
    .run();
  tx.delete(pendingSignIns).where(eq(pendingSignIns.userId, userId)).run();
}

/**
 * Ends every session of a user inside the caller's transaction, so a password change and the
 * end of the old sessions commit together.
 */
export function endAllSessionsOf(tx: Executor, userId: string) {
  tx.delete(sessions).where(eq(sessions.userId, userId)).run();
  tx.delete(pendingSignIns).where(eq(pendingSignIns.userId, userId)).run();
}

// ---------------------------------------------------------------------------------------------
// The sessions page. A session's id is the secret in its cookie, so the page never shows it: each
// session is named by a digest of its id instead.

export type SessionListItem = {
  handle: string;
  deviceLabel: string;
  signedInAt: Date;
  lastSeenAt: Date;
  isCurrent: boolean;
};

function handleOf(sessionId: string) {
  return sha256(`session-handle:${sessionId}`).slice(0, 32);
}

function liveSessionRows(userId: string) {
  return db
    .select({
      id: sessions.id,
      deviceLabel: sessions.deviceLabel,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      activeOrganizationId: sessions.activeOrganizationId,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        gt(sessions.expiresAt, Math.floor(Date.now() / 1000)),
        gt(sessions.createdAt, Date.now() - SESSION_MAX_AGE_MS),
        gt(sessions.lastSeenAt, Date.now() - SESSION_IDLE_MS),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt))
    .all();
}

/** The signed-in devices of one person, newest activity first, the current one marked. */
export function listSessionsOf(userId: string, currentSessionId: string): SessionListItem[] {
  return liveSessionRows(userId).map((row) => ({
    handle: handleOf(row.id),
    deviceLabel: row.deviceLabel ?? "Unknown device",
    signedInAt: new Date(row.createdAt),
    lastSeenAt: new Date(row.lastSeenAt ?? row.createdAt),
    isCurrent: row.id === currentSessionId,
  }));
}

/**
 * Signs one of the person's own other devices out. False when the handle names no session of
 * theirs (or names the current one: signing out here goes through the Sign out button).
 */
export function endOwnSession(args: {
  userId: string;
  organizationId: string;
  currentSessionId: string;
  handle: string;
}) {
  const target = liveSessionRows(args.userId).find((row) => handleOf(row.id) === args.handle);
  if (!target || target.id === args.currentSessionId) return false;
  db.transaction((tx) => {
    tx.delete(sessions)
      .where(and(eq(sessions.id, target.id), eq(sessions.userId, args.userId)))
      .run();
    recordAudit(tx, {
      actorUserId: args.userId,
      organizationId: args.organizationId,
      action: "session.ended_other",
      subjectType: "user",
      subjectId: args.userId,
    });
  });
  return true;
}

/** "Sign out everywhere else": every session of the person but the one making the request. */
export function endOtherSessionsOf(args: { userId: string; organizationId: string; currentSessionId: string }) {
  return db.transaction((tx) => {
    const ended = tx
      .delete(sessions)
      .where(and(eq(sessions.userId, args.userId), ne(sessions.id, args.currentSessionId)))
      .returning({ id: sessions.id })
      .all().length;
    recordAudit(tx, {
      actorUserId: args.userId,
      organizationId: args.organizationId,
      action: "session.ended_all_others",
      subjectType: "user",
      subjectId: args.userId,
    });
    return ended;
  });
}

// ---------------------------------------------------------------------------------------------
// The second step of sign-in. After a right password, a person with two-step sign-in on gets no
// session yet: only a random token in a short-lived HttpOnly cookie, whose digest names a pending
// row bound to them. The code check itself is in app/models/two-factor.server.ts.

export const PENDING_SIGN_IN_MS = 5 * 60_000;
const PENDING_COOKIE = "seh_pending_sign_in";

/** A cookie that carries a sign-in along for a few minutes, out of reach of page scripts. */
function shortLivedCookie(name: string, value: string, maxAgeSeconds: number) {
  return new Cookie(name, value, {
    httpOnly: true,
    secure: isProduction(),
    sameSite: "lax",
    path: "/",
    maxAge: maxAgeSeconds,
  }).serialize();
}

const pendingCookie = (value: string, maxAgeSeconds: number) => shortLivedCookie(PENDING_COOKIE, value, maxAgeSeconds);

/** Starts the second step for a user whose password was right; returns the Set-Cookie header. */
export function beginSecondStep(request: Request, userId: string, redirectTo: string | undefined) {
  const token = generateToken();
  db.transaction((tx) => {
    // Any earlier pending sign-in of this browser, or any expired one, is gone.
    const previous = readPendingToken(request);
    if (previous)
      tx.delete(pendingSignIns)
        .where(eq(pendingSignIns.tokenHash, sha256(previous)))
        .run();
    tx.delete(pendingSignIns).where(lt(pendingSignIns.expiresAt, new Date())).run();
    tx.insert(pendingSignIns)
      .values({
        tokenHash: sha256(token),
        userId,
        redirectTo: redirectTo ? safeRedirectPath(redirectTo, "") || null : null,
        expiresAt: new Date(Date.now() + PENDING_SIGN_IN_MS),
      })
      .run();
  });
  return pendingCookie(token, PENDING_SIGN_IN_MS / 1000);
}

function readCookie(request: Request, cookieName: string) {
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === cookieName) return rest.join("=") || null;
  }
  return null;
}

function readPendingToken(request: Request) {
  return readCookie(request, PENDING_COOKIE);
}

export type PendingSignIn = { id: string; userId: string; email: string; redirectTo: string | null };

/** The pending sign-in this browser holds, if it has not expired. */
export function readPendingSignIn(request: Request, now = new Date()): PendingSignIn | null {
  const token = readPendingToken(request);
  if (!token) return null;
  return (
    db
      .select({
        id: pendingSignIns.id,
        userId: pendingSignIns.userId,
        email: users.email,
        redirectTo: pendingSignIns.redirectTo,
      })
      .from(pendingSignIns)
      .innerJoin(users, eq(users.id, pendingSignIns.userId))
      .where(and(eq(pendingSignIns.tokenHash, sha256(token)), gt(pendingSignIns.expiresAt, now)))
      .get() ?? null
  );
}

/** Ends a pending sign-in (done, given up, or locked) and returns the header that clears its cookie. */
export function abandonSecondStep(pending: Pick<PendingSignIn, "id"> | null) {
  if (pending) db.delete(pendingSignIns).where(eq(pendingSignIns.id, pending.id)).run();
  return pendingCookie("", 0);
}

/**
 * The code was right: the pending sign-in is spent and the real session starts, marked as having
 * passed the second step. Returns the headers to send and where to go.
 */
export async function finishSecondStep(request: Request, pending: PendingSignIn) {
  const spent = db.delete(pendingSignIns).where(eq(pendingSignIns.id, pending.id)).returning().get();
  if (!spent) throw redirect("/login");
  const { headers, to } = await completeSignIn(request, pending.userId, {
    strength: "second-factor",
    redirectTo: pending.redirectTo ?? undefined,
  });
  headers.append("Set-Cookie", pendingCookie("", 0));
  return { headers, to };
}

// ---------------------------------------------------------------------------------------------
// An invitation accepted by signing in. The link alone never starts a session for an account that
// already exists: it only leaves this short-lived cookie, and the invitation is accepted for the
// person who then signs in (with every step their account has), if the invitation is theirs.

const INVITATION_COOKIE = "seh_invitation";
const INVITATION_COOKIE_SECONDS = 60 * 60;

const invitationCookie = (value: string, maxAgeSeconds: number) =>
  shortLivedCookie(INVITATION_COOKIE, value, maxAgeSeconds);

/** Remembers an invitation until its holder signs in; returns the Set-Cookie header. */
export function holdInvitationForSignIn(token: string) {
  return invitationCookie(token, INVITATION_COOKIE_SECONDS);
}

/** The invitation token this browser holds for its next sign-in, if any. */
export function readHeldInvitation(request: Request) {
  return readCookie(request, INVITATION_COOKIE);
}

// ---------------------------------------------------------------------------------------------
// Where to go after signing in: the page the person asked for before they were sent to sign in,
// kept in a short-lived cookie (never in the address, so never in the browser history).

const RETURN_COOKIE = "seh_return_to";
const RETURN_COOKIE_SECONDS = 15 * 60;

function rememberReturnPath(path: string) {
  return shortLivedCookie(RETURN_COOKIE, path, RETURN_COOKIE_SECONDS);
}

/** The header that forgets the page to come back to. */
export function forgetReturnPath() {
  return shortLivedCookie(RETURN_COOKIE, "", 0);
}

/** The page to come back to after signing in, if this browser holds one (only ever a path on this site). */
export function readReturnPath(request: Request) {
  const raw = readCookie(request, RETURN_COOKIE);
  if (!raw) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  return safeRedirectPath(path, "") || undefined;
}

/**
 * On signing out (and Quick exit, which signs out): a sign-in half done on this browser ends too,
 * so whoever picks the device up next cannot finish it, and the page to come back to and a held
 * invitation (whose email the sign-in page would fill in) are forgotten: the invitation link itself
 * still works. Returns the Set-Cookie headers.
 */
export function forgetSignInInProgress(request: Request) {
  const cookies: string[] = [];
  const pending = readPendingToken(request);
  if (pending) {
    db.delete(pendingSignIns)
      .where(eq(pendingSignIns.tokenHash, sha256(pending)))
      .run();
    cookies.push(pendingCookie("", 0));
  }
  if (readCookie(request, RETURN_COOKIE) !== null) cookies.push(forgetReturnPath());
  if (readCookie(request, INVITATION_COOKIE) !== null) cookies.push(invitationCookie("", 0));
  return cookies;
}

/**
 * Everything that happens once a person has passed every step of sign-in: an invitation this
 * browser holds is accepted for them (when it is theirs), the session starts (in the invitation's
 * organization, if any), and the landing page is chosen. Returns the headers and where to go.
 */
export async function completeSignIn(
  request: Request,
  userId: string,
  options: { strength: SignInStrength; redirectTo?: string },
) {
  const heldInvitation = readHeldInvitation(request);
  const joined = heldInvitation ? acceptInvitationAtSignIn({ token: heldInvitation, userId }) : null;
  const headers = new Headers();
  headers.append(
    "Set-Cookie",
    await startSession(request, userId, { strength: options.strength, organizationId: joined?.organizationId }),
  );
  if (heldInvitation) headers.append("Set-Cookie", invitationCookie("", 0));
  if (readCookie(request, RETURN_COOKIE) !== null) headers.append("Set-Cookie", forgetReturnPath());
  const membership =
    (joined ? findActiveMembership(userId, joined.organizationId) : undefined) ?? listActiveMemberships(userId)[0];
  if (!membership) throw redirect("/login");
  const to = joined ? homePathFor(membership.role) : landingPathAfterLogin(membership.role, options.redirectTo);
  return { headers, to };
}

/**
 * A session that has just proved the second step (the first code of a new setup) counts as having
 * passed it from now on; one whose person turned two-step sign-in off no longer does.
 */
export function setSessionSecondFactor(tx: Executor, sessionId: string, passed: boolean) {
  tx.update(sessions)
    .set({ secondFactorAt: passed ? Date.now() : null })
    .where(eq(sessions.id, sessionId))
    .run();
}

/** Whether the person has confirmed two-step sign-in (an unconfirmed setup does not count). */
export function hasTwoFactor(userId: string) {
  return Boolean(
    db
      .select({ userId: twoFactorCredentials.userId })
      .from(twoFactorCredentials)
      .where(and(eq(twoFactorCredentials.userId, userId), isNotNull(twoFactorCredentials.confirmedAt)))
      .get(),
  );
}

export const TWO_FACTOR_SETUP_PATH = "/account/two-step";

function organizationRequiresTwoFactor(organizationId: string) {
  const row = db
    .select({ required: organizationSettings.requireTwoFactorForStaff })
    .from(organizationSettings)
    .where(eq(organizationSettings.organizationId, organizationId))
    .get();
  return row?.required ?? false;
}

/**
 * When the organization requires two-step sign-in, an admin or staff member's session must have
 * passed it. Someone who has not set it up yet may open only the setup page (and sign out, which
 * needs no membership check); setting it up there marks the session.
 */
function assertTwoFactorWhereRequired(
  request: Request,
  session: { secondFactorAt: number | null },
  membership: ActiveMembership,
) {
  if (membership.role === "consultant") return;
  if (session.secondFactorAt !== null) return;
  if (!organizationRequiresTwoFactor(membership.organizationId)) return;
  const path = new URL(request.url).pathname.replace(/\.data$/, "");
  if (path === TWO_FACTOR_SETUP_PATH) return;
  throw redirect(`${TWO_FACTOR_SETUP_PATH}?required=1`);
}

/** A path inside the app only: an absolute or protocol-relative URL would be an open redirect. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback: string) {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  // Browsers drop tabs and newlines and read "\\" as "/", so "/\t/evil.example" is "//evil.example":
  // anything of the kind is refused, and what is left must stay on this site once resolved.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  const base = "http://app.invalid";
  const resolved = new URL(to, base);
  if (resolved.origin !== base) return fallback;
  // "/.//evil.example" resolves to the path "//evil.example", which a browser reads as another site.
  if (resolved.pathname.startsWith("//")) return fallback;
  return `${resolved.pathname}${resolved.search}`;
}

export function homePathFor(role: Role) {
  return role === "consultant" ? "/portal" : "/dashboard";
}

/** Where to go after signing in: back where the person was, if that is on their side of the app. */
export function landingPathAfterLogin(role: Role, redirectTo: string | undefined) {
  const home = homePathFor(role);
  const wanted = safeRedirectPath(redirectTo, home);
  const isPortalPath = wanted === "/portal" || wanted.startsWith("/portal/");
  return isPortalPath === (role === "consultant") ? wanted : home;
}

/**
 * The page a request was for, as a person would have seen it in the address bar: a client-side
 * data request (`/portal/pay.data?_routes=…`) names the page `/portal/pay`.
 */
function pagePathOf(request: Request) {
  const url = new URL(request.url);
  let pathname = url.pathname;
  if (pathname === "/_root.data") pathname = "/";
  else if (pathname.endsWith(".data")) pathname = pathname.slice(0, -".data".length);
  url.searchParams.delete("_routes");
  url.searchParams.delete("index");
  const search = url.searchParams.toString();
  return `${pathname}${search ? `?${search}` : ""}`;
}

/**
 * To the sign-in page, which brings the person back afterwards. Where to is kept in a short-lived
 * cookie, never in the address: the sign-in page's address stays in the browser history, and a
 * portal path there would tell anyone who looks what the person was doing.
 */
function loginRedirect(request: Request, why: { timedOut: boolean } = { timedOut: false }) {
  const back = safeRedirectPath(pagePathOf(request), "/");
  const headers = new Headers();
  if (back !== "/") headers.append("Set-Cookie", rememberReturnPath(back));
  return redirect(why.timedOut ? "/login?done=timed-out" : "/login", { headers });
}

export async function requireUser(request: Request) {
  const { current, timedOut } = await checkSession(request);
  if (!current) throw loginRedirect(request, { timedOut });
  return current;
}

export async function requireAnonymous(request: Request) {
  const current = await getSessionUser(request);
  if (!current) return;
  const membership = resolveActiveMembership(current.user.id, current.session.activeOrganizationId);
  if (membership) throw redirect(homePathFor(membership.role));
}

function resolveActiveMembership(userId: string, activeOrganizationId: string | null) {
  return (
    (activeOrganizationId ? findActiveMembership(userId, activeOrganizationId) : undefined) ??
    listActiveMemberships(userId)[0]
  );
}

export const STAFF_ROLES = ["admin", "staff"] as const satisfies readonly Role[];
export const ADMIN_ROLES = ["admin"] as const satisfies readonly Role[];
export const CONSULTANT_ROLES = ["consultant"] as const satisfies readonly Role[];

export type MembershipContext = {
  user: { id: string; email: string; preferredName: string };
  sessionId: string;
  /** When the session ends if nothing more happens (epoch ms), for the warning a minute before. */
  sessionEndsAt: number;
  membership: ActiveMembership;
};

/**
 * The guard every loader and action calls: a signed-in user with an active membership in the
 * active organization, in one of `roles`. Anything else is a redirect to sign in or a 403.
 */
export async function requireMembership(request: Request, roles: readonly Role[]): Promise<MembershipContext> {
  const { session, user } = await requireUser(request);
  const membership = resolveActiveMembership(user.id, session.activeOrganizationId);
  if (!membership) {
    // Every membership was deactivated: the session grants nothing any more.
    await lucia.invalidateSession(session.id);
    throw loginRedirect(request);
  }
  if (membership.organizationId !== session.activeOrganizationId) {
    db.update(sessions)
      .set({ activeOrganizationId: membership.organizationId })
      .where(eq(sessions.id, session.id))
      .run();
  }
  if (!roles.includes(membership.role)) {
    throw new Response("This page is not available with your role.", { status: 403 });
  }
  assertTwoFactorWhereRequired(request, session, membership);
  return {
    user: { id: user.id, email: user.email, preferredName: user.preferredName },
    sessionId: session.id,
    sessionEndsAt: sessionDeadline(session),
    membership,
  };
}

/** `requireMembership` for the roles that hold a permission (see `~/models/permissions`). */
export function requirePermission(request: Request, permission: Permission) {
  return requireMembership(request, rolesWith(permission));
}

/** Switches the session to another organization the user belongs to. */
export function switchActiveOrganization(sessionId: string, userId: string, organizationId: string) {
  const membership = findActiveMembership(userId, organizationId);
  if (!membership) {
    throw new Response("You are not a member of that organization.", { status: 403 });
  }
  db.update(sessions).set({ activeOrganizationId: organizationId }).where(eq(sessions.id, sessionId)).run();
  recordAudit(db, {
    actorUserId: userId,
    organizationId,
    action: "session.switch_organization",
    subjectType: "organization",
    subjectId: organizationId,
  });
  return membership;
}
