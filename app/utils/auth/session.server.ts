// The session itself: Lucia and its cookie, how long a session lasts, starting, checking and
// ending one. Lucia (deprecated upstream) is used in this folder only (here, and its cookie
// serializer in ./cookies.server.ts), so that it can be replaced by its own session recipe without
// touching routes. See docs/decisions/002-lucia-behind-one-module.md.
import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { and, eq, ne } from "drizzle-orm";
import { Cookie, Lucia, TimeSpan } from "lucia";
import { pendingSignIns, sessions, users } from "../../../db/schema";
import { db, type Executor } from "../db.server";
import { isProduction } from "../env.server";
import { generateToken, sha256 } from "../tokens.server";
import { deviceLabelFrom } from "../device-label.server";
import { recordAudit } from "../audit.server";
import { activeMembershipIn, findActiveMembership } from "../../models/membership.server";
import { hasTwoFactor } from "./two-step.server";
import { message } from "~/i18n/message";

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
    preferredLanguage: attributes.preferredLanguage,
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
    DatabaseUserAttributes: { email: string; preferredName: string; preferredLanguage: string | null };
  }
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
  const first = activeMembershipIn(userId, options.organizationId);
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
export function sessionDeadline(session: { createdAt: number; lastSeenAt: number | null }) {
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
export async function checkSession(request: Request) {
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

/** Ends one session by its id (e.g. one that grants nothing any more). */
export async function invalidateSession(sessionId: string) {
  await lucia.invalidateSession(sessionId);
}

/** Switches the session to another organization the user belongs to. */
export function switchActiveOrganization(sessionId: string, userId: string, organizationId: string) {
  const membership = findActiveMembership(userId, organizationId);
  if (!membership) {
    throw new Response(message("common:accountErrors.notMemberOfOrganization"), { status: 403 });
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
