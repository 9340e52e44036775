// Signing in: the password check with its lockouts, the pending second step for a person with
// two-step sign-in, an invitation accepted by signing in, and what happens once every step is
// passed. The session it starts is made in ./session.server.ts.
import { redirect } from "@remix-run/node";
import { and, eq, gt, lt } from "drizzle-orm";
import { pendingSignIns, users } from "../../../db/schema";
import { db } from "../db.server";
import { clearAccountFailures, forgetLoginAttempt, loginLockedUntil, recordLoginFailure } from "../rate-limit.server";
import { generateToken, normalizeEmail, sha256 } from "../tokens.server";
import { hashPassword, verifyPassword } from "../password-hash.server";
import { activeMembershipIn, listActiveMemberships } from "../../models/membership.server";
import { acceptInvitationAtSignIn, isInvitationFor } from "../../models/invitation/accept.server";
import { readCookie, shortLivedCookie } from "./cookies.server";
import {
  forgetReturnPath,
  hasReturnPath,
  homePathFor,
  landingPathAfterLogin,
  safeRedirectPath,
} from "./redirects.server";
import { startSession, type SignInStrength } from "./session.server";
import { isOfferedLanguage, rememberLanguage } from "~/i18n/i18n.server";

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

// ---------------------------------------------------------------------------------------------
// The second step of sign-in. After a right password, a person with two-step sign-in on gets no
// session yet: only a random token in a short-lived HttpOnly cookie, whose digest names a pending
// row bound to them. The code check itself is in app/models/two-factor/codes.server.ts.

export const PENDING_SIGN_IN_MS = 5 * 60_000;
const PENDING_COOKIE = "seh_pending_sign_in";

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
  if (hasReturnPath(request)) cookies.push(forgetReturnPath());
  if (readCookie(request, INVITATION_COOKIE) !== null) cookies.push(invitationCookie("", 0));
  return cookies;
}

/**
 * Everything that happens once a person has passed every step of sign-in: an invitation this
 * browser holds is accepted for them (when it is theirs), the session starts (in the invitation's
 * organization, if any), the person's saved language is remembered on this browser, and the landing
 * page is chosen. Returns the headers and where to go.
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
  // This browser remembers the person's own language, so the pages seen after signing out (the
  // sign-in page first) stay in it.
  const saved = db.select({ language: users.preferredLanguage }).from(users).where(eq(users.id, userId)).get();
  if (isOfferedLanguage(saved?.language)) headers.append("Set-Cookie", await rememberLanguage(saved.language));
  if (hasReturnPath(request)) headers.append("Set-Cookie", forgetReturnPath());
  const membership = activeMembershipIn(userId, joined?.organizationId);
  if (!membership) throw redirect("/login");
  const to = joined ? homePathFor(membership.role) : landingPathAfterLogin(membership.role, options.redirectTo);
  return { headers, to };
}
