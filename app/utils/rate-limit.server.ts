import { and, asc, desc, eq, gt, gte, inArray, lt } from "drizzle-orm";
import { loginFailures } from "../../db/schema";
import { clientAddressKey } from "./client-address.server";
import { db } from "./db.server";
import { normalizeEmail, sha256 } from "./tokens.server";
import { message } from "~/i18n/message";

export const LOCKOUT_WINDOW_MS = 15 * 60_000;
export const LOCKOUT_DURATION_MS = 15 * 60_000;
// An office or shelter may share one public address, so the address limit is looser than the
// account limit: it stops spraying across many accounts without locking out a whole team.
export const ACCOUNT_FAILURE_LIMIT = 5;
export const IP_FAILURE_LIMIT = 20;

// Wrong codes at the second step are counted per account apart from wrong passwords, and only a
// right code clears them: otherwise a right password, typed again, would reset the count.
export const CODE_FAILURE_LIMIT = 5;

type Scope = "account" | "code" | "ip";
type Key = { scope: Scope; keyHash: string; limit: number };

// An IPv6 /64 is one address: anyone given one can use all of it (see clientAddressKey).
const addressKey = (ip: string): Key => ({
  scope: "ip",
  keyHash: sha256(`ip:${clientAddressKey(ip)}`),
  limit: IP_FAILURE_LIMIT,
});

function keysFor(email: string, ip: string): Key[] {
  return [
    { scope: "account", keyHash: sha256(`account:${normalizeEmail(email)}`), limit: ACCOUNT_FAILURE_LIMIT },
    addressKey(ip),
  ];
}

const codeKey = (userId: string): Key => ({
  scope: "code",
  keyHash: sha256(`code:${userId}`),
  limit: CODE_FAILURE_LIMIT,
});

/**
 * When sign-in is locked for this account or address, the time it unlocks; otherwise null.
 * Locked means `limit` failures within the window, until the lockout duration has passed since
 * the latest of them. The account key is the typed email, so an unknown address locks the same
 * way as a real one and reveals nothing.
 */
export function loginLockedUntil(email: string, ip: string, now = Date.now()): Date | null {
  return lockedUntil(keysFor(email, ip), now);
}

function lockedUntil(keys: Key[], now: number): Date | null {
  let until = 0;
  for (const { scope, keyHash, limit } of keys) {
    const recent = db
      .select({ createdAt: loginFailures.createdAt })
      .from(loginFailures)
      .where(
        and(
          eq(loginFailures.scope, scope),
          eq(loginFailures.keyHash, keyHash),
          gte(loginFailures.createdAt, new Date(now - LOCKOUT_WINDOW_MS - LOCKOUT_DURATION_MS)),
        ),
      )
      .orderBy(desc(loginFailures.createdAt))
      .limit(limit)
      .all();
    if (recent.length < limit) continue;
    const latest = recent[0]!.createdAt.getTime();
    const oldest = recent[recent.length - 1]!.createdAt.getTime();
    if (latest - oldest <= LOCKOUT_WINDOW_MS && now < latest + LOCKOUT_DURATION_MS) {
      until = Math.max(until, latest + LOCKOUT_DURATION_MS);
    }
  }
  return until ? new Date(until) : null;
}

/** Counts a failed attempt against the account and the address; returns the rows' ids. */
export function recordLoginFailure(email: string, ip: string, now = new Date()) {
  return recordFailure(keysFor(email, ip), now);
}

function recordFailure(keys: Key[], now: Date) {
  return db
    .insert(loginFailures)
    .values(keys.map(({ scope, keyHash }) => ({ scope, keyHash, createdAt: now })))
    .returning({ id: loginFailures.id })
    .all()
    .map((r) => r.id);
}

/** When code entry is locked for this account (5 wrong codes) or this address, the time it unlocks. */
export function codeEntryLockedUntil(userId: string, ip: string, now = Date.now()): Date | null {
  return lockedUntil([codeKey(userId), addressKey(ip)], now);
}

/** Counts a wrong (or not yet checked) code against the account and the address; returns the rows' ids. */
export function recordCodeFailure(userId: string, ip: string, now = new Date()) {
  return recordFailure([codeKey(userId), addressKey(ip)], now);
}

/** Only a right code forgives the account's wrong codes. */
export function clearCodeFailures(userId: string) {
  const key = codeKey(userId);
  db.delete(loginFailures)
    .where(and(eq(loginFailures.scope, key.scope), eq(loginFailures.keyHash, key.keyHash)))
    .run();
}

/** Takes back an attempt counted in advance that turned out to succeed. */
export function forgetLoginAttempt(ids: string[]) {
  if (ids.length) db.delete(loginFailures).where(inArray(loginFailures.id, ids)).run();
}

/** A successful sign-in forgives the account's earlier failures (not the address's). */
export function clearAccountFailures(email: string) {
  const [account] = keysFor(email, "");
  db.delete(loginFailures)
    .where(and(eq(loginFailures.scope, "account"), eq(loginFailures.keyHash, account!.keyHash)))
    .run();
}

/** Old rows say nothing useful; called now and then to keep the table small. */
export function pruneLoginFailures(now = Date.now()) {
  db.delete(loginFailures)
    .where(lt(loginFailures.createdAt, new Date(now - LOCKOUT_WINDOW_MS - LOCKOUT_DURATION_MS)))
    .run();
}

// ---------------------------------------------------------------------------------------------
// Forms anyone may send without signing in, per client address: the password reset forms, the
// invitation page and the check of a letter of experience. Every submission counts, right or wrong:
// a person needs two or three, while each one costs an email or a password hash, or is a guess at a
// letter's code.

export const FORM_ATTEMPTS_PER_ADDRESS = 10;
// A group onboarding session in one office or shelter may see many people set up their accounts
// within minutes, behind one address; each answer is one password hash, so a looser limit is safe.
export const INVITATION_ANSWERS_PER_ADDRESS = 50;
const attemptsAllowed = (form: AddressLimitedForm) =>
  form === "invitation-answer" ? INVITATION_ANSWERS_PER_ADDRESS : FORM_ATTEMPTS_PER_ADDRESS;
export const FORM_ATTEMPT_WINDOW_MS = 15 * 60_000;

export type AddressLimitedForm = "password-reset-request" | "password-reset" | "invitation-answer" | "letter-check";

/**
 * Counts one submission of such a form from a client address (an IPv6 /64 is one address) and
 * returns null; or, when the address has already sent the limit within the window, counts nothing
 * and returns the time it may try again.
 */
export function takeFormAttempt(form: AddressLimitedForm, ip: string, now = Date.now()): Date | null {
  const keyHash = sha256(`ip:${clientAddressKey(ip)}`);
  const recent = db
    .select({ createdAt: loginFailures.createdAt })
    .from(loginFailures)
    .where(
      and(
        eq(loginFailures.scope, form),
        eq(loginFailures.keyHash, keyHash),
        gt(loginFailures.createdAt, new Date(now - FORM_ATTEMPT_WINDOW_MS)),
      ),
    )
    .orderBy(asc(loginFailures.createdAt))
    .limit(attemptsAllowed(form))
    .all();
  if (recent.length >= attemptsAllowed(form)) {
    return new Date(recent[0]!.createdAt.getTime() + FORM_ATTEMPT_WINDOW_MS);
  }
  db.insert(loginFailures)
    .values({ scope: form, keyHash, createdAt: new Date(now) })
    .run();
  return null;
}

/** What a person sees when such a form is paused for their address (a message the page translates). */
export function formPausedMessage(until: Date, now = Date.now()) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now) / 60_000));
  return message("auth:forms.formPaused", { count: minutes });
}
