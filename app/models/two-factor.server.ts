// Two-step sign-in with an authenticator app (TOTP, RFC 6238) and single-use recovery codes.
// The pending sign-in between the two steps and the sessions are app/utils/auth/'s business.
import { randomInt, timingSafeEqual } from "node:crypto";
import { and, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { twoFactorCredentials, twoFactorRecoveryCodes, users } from "../../db/schema";
import { recordAudit } from "../utils/audit.server";
import { checkPasswordWithLockout } from "../utils/auth/sign-in.server";
import { endOtherSessionsInTransaction, setSessionSecondFactor } from "../utils/auth/session.server";
import { db, type Executor } from "../utils/db.server";
import {
  clearCodeFailures,
  codeEntryLockedUntil,
  forgetLoginAttempt,
  recordCodeFailure,
} from "../utils/rate-limit.server";
import { sha256 } from "../utils/tokens.server";
import { openTotpSecret, sealTotpSecret, sealedTotpSecret } from "./two-factor-secret.server";

// What every authenticator app understands: SHA-1, 6 digits, 30 seconds.
const TOTP_SETTINGS = { algorithm: "SHA1", digits: 6, period: 30 } as const;
// One step either side forgives a phone clock a little off and a code typed as it changed.
const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
// 12 characters of base32: 60 random bits each, far beyond guessing within the lockout limits.
const RECOVERY_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const RECOVERY_LENGTH = 12;

export type TwoFactorState = "off" | "setting-up" | "on";

/**
 * Where the person's two-step sign-in stands, as seen from one of their sessions: a setup started
 * in another session reads as off here (starting again here replaces it).
 */
export function twoFactorStatus(
  userId: string,
  sessionId: string,
): { state: TwoFactorState; recoveryCodesLeft: number } {
  const credential = db
    .select({ confirmedAt: twoFactorCredentials.confirmedAt, setupSessionId: twoFactorCredentials.setupSessionId })
    .from(twoFactorCredentials)
    .where(eq(twoFactorCredentials.userId, userId))
    .get();
  if (!credential) return { state: "off", recoveryCodesLeft: 0 };
  if (!credential.confirmedAt) {
    return { state: credential.setupSessionId === sessionId ? "setting-up" : "off", recoveryCodesLeft: 0 };
  }
  const left =
    db
      .select({ n: sql<number>`count(*)` })
      .from(twoFactorRecoveryCodes)
      .where(and(eq(twoFactorRecoveryCodes.userId, userId), isNull(twoFactorRecoveryCodes.usedAt)))
      .get()?.n ?? 0;
  return { state: "on", recoveryCodesLeft: left };
}

/**
 * Creates a new secret to set up (again), after the password, bound to the session that asked.
 * Refused while two-step sign-in is on: turn it off first.
 */
export async function startTwoFactorSetup(
  args: OwnAccount & { password: string },
): Promise<ReauthFailure | { ok: true; started: boolean }> {
  const failed = await checkPasswordAgain(args.userId, args.password, args.ip);
  if (failed) return failed;
  const secret = new Secret({ size: 20 }).base32;
  const started = db.transaction((tx) => {
    const existing = tx
      .select({ confirmedAt: twoFactorCredentials.confirmedAt })
      .from(twoFactorCredentials)
      .where(eq(twoFactorCredentials.userId, args.userId))
      .get();
    if (existing?.confirmedAt) return false;
    const sealed = sealTotpSecret(args.userId, secret);
    const setup = { secret: sealed, confirmedAt: null, lastUsedStep: null, setupSessionId: args.currentSessionId };
    tx.insert(twoFactorCredentials)
      .values({ userId: args.userId, ...setup })
      .onConflictDoUpdate({ target: twoFactorCredentials.userId, set: { ...setup, createdAt: new Date() } })
      .run();
    recordAudit(tx, {
      actorUserId: args.userId,
      organizationId: args.organizationId,
      action: "two_factor.setup_started",
      subjectType: "user",
      subjectId: args.userId,
    });
    return true;
  });
  return { ok: true, started };
}

/** Stops a setup that was never confirmed. */
export function cancelTwoFactorSetup(args: { userId: string; organizationId: string }) {
  db.transaction((tx) => {
    const removed = tx
      .delete(twoFactorCredentials)
      .where(and(eq(twoFactorCredentials.userId, args.userId), isNull(twoFactorCredentials.confirmedAt)))
      .returning({ userId: twoFactorCredentials.userId })
      .get();
    if (!removed) return;
    recordAudit(tx, {
      actorUserId: args.userId,
      organizationId: args.organizationId,
      action: "two_factor.setup_cancelled",
      subjectType: "user",
      subjectId: args.userId,
    });
  });
}

/**
 * What the setup page shows while a setup waits for its first code: the QR code (an SVG as a
 * data: image; the CSP allows data: images) and the same secret as text, in groups of four, for
 * typing into an app by hand. The app's entry has a neutral name: a phone is seen by others.
 */
export async function twoFactorSetupDetails(args: {
  userId: string;
  sessionId: string;
  accountName: string;
  issuer: string;
}) {
  const credential = db
    .select({ secret: sealedTotpSecret() })
    .from(twoFactorCredentials)
    .where(
      and(
        eq(twoFactorCredentials.userId, args.userId),
        isNull(twoFactorCredentials.confirmedAt),
        eq(twoFactorCredentials.setupSessionId, args.sessionId),
      ),
    )
    .get();
  if (!credential) return null;
  const secret = openTotpSecret(args.userId, credential.secret);
  const uri = new TOTP({
    ...TOTP_SETTINGS,
    issuer: args.issuer,
    label: args.accountName,
    secret: Secret.fromBase32(secret),
  }).toString();
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return {
    qrCodeDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
    secretForTyping: secret.match(/.{1,4}/g)!.join(" "),
  };
}

/** The time step a 6-digit code belongs to, within the window around `now`; null when it is wrong. */
function matchingStep(secret: string, code: string, now: number) {
  const delta = TOTP.validate({
    ...TOTP_SETTINGS,
    secret: Secret.fromBase32(secret),
    token: code,
    timestamp: now,
    window: TOTP_WINDOW,
  });
  if (delta === null) return null;
  return TOTP.counter({ period: TOTP_SETTINGS.period, timestamp: now }) + delta;
}

/** Accepts a code only for a time step later than the last one used, so no code works twice. */
function acceptTotp(tx: Executor, userId: string, code: string, now: number, setupSessionId: string | null) {
  const credential = tx
    .select({ secret: sealedTotpSecret() })
    .from(twoFactorCredentials)
    .where(
      and(
        eq(twoFactorCredentials.userId, userId),
        setupSessionId === null
          ? isNotNull(twoFactorCredentials.confirmedAt)
          : and(isNull(twoFactorCredentials.confirmedAt), eq(twoFactorCredentials.setupSessionId, setupSessionId)),
      ),
    )
    .get();
  if (!credential) return false;
  const step = matchingStep(openTotpSecret(userId, credential.secret), code, now);
  if (step === null) return false;
  const claimed = tx
    .update(twoFactorCredentials)
    .set({ lastUsedStep: step })
    .where(
      and(
        eq(twoFactorCredentials.userId, userId),
        or(isNull(twoFactorCredentials.lastUsedStep), lt(twoFactorCredentials.lastUsedStep, step)),
      ),
    )
    .returning({ userId: twoFactorCredentials.userId })
    .get();
  return Boolean(claimed);
}

function newRecoveryCode() {
  let code = "";
  for (let i = 0; i < RECOVERY_LENGTH; i++) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** People copy codes with spaces, dashes or capitals: none of those matter. */
function normalizeRecoveryCode(code: string) {
  return code.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function recoveryCodeHash(code: string) {
  return sha256(`recovery-code:${normalizeRecoveryCode(code)}`);
}

/** Replaces all recovery codes of a user; returns the new ones, to be shown once and never again. */
function issueRecoveryCodes(tx: Executor, userId: string) {
  tx.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, userId)).run();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  tx.insert(twoFactorRecoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: recoveryCodeHash(code) })))
    .run();
  return codes;
}

/** Spends one unused recovery code; the digests are compared in constant time. */
function consumeRecoveryCode(tx: Executor, userId: string, code: string) {
  const normalized = normalizeRecoveryCode(code);
  if (normalized.length !== RECOVERY_LENGTH) return false;
  const wanted = Buffer.from(recoveryCodeHash(normalized), "hex");
  const unused = tx
    .select({ id: twoFactorRecoveryCodes.id, codeHash: twoFactorRecoveryCodes.codeHash })
    .from(twoFactorRecoveryCodes)
    .where(and(eq(twoFactorRecoveryCodes.userId, userId), isNull(twoFactorRecoveryCodes.usedAt)))
    .all();
  let match: string | null = null;
  for (const row of unused) {
    if (timingSafeEqual(Buffer.from(row.codeHash, "hex"), wanted)) match = row.id;
  }
  if (!match) return false;
  const spent = tx
    .update(twoFactorRecoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(twoFactorRecoveryCodes.id, match), isNull(twoFactorRecoveryCodes.usedAt)))
    .returning({ id: twoFactorRecoveryCodes.id })
    .get();
  return Boolean(spent);
}

const SIX_DIGITS = /^\d{6}$/;
const compact = (code: string) => code.replace(/\s+/g, "");

/** Who is changing their own two-step sign-in, from which session and address. */
type OwnAccount = { userId: string; organizationId: string; currentSessionId: string; ip: string };

export type ReauthFailure =
  { ok: false; reason: "password" } | { ok: false; reason: "code" } | { ok: false; reason: "locked"; until: Date };

/**
 * Re-authentication before a change to how a person signs in: their password again, under the
 * sign-in lockout, so that a session left open is not enough to change it.
 */
async function checkPasswordAgain(userId: string, password: string, ip: string): Promise<ReauthFailure | null> {
  const email = db.select({ email: users.email }).from(users).where(eq(users.id, userId)).get()!.email;
  const check = await checkPasswordWithLockout(email, password, ip);
  if (check.ok && check.userId === userId) return null;
  return check.ok || check.reason === "invalid" ? { ok: false, reason: "password" } : check;
}

/**
 * Finishes a setup with the password and the first code from the app. Returns the recovery codes
 * to show once; the person's other sessions end (the current one has now passed the second step).
 */
export async function confirmTwoFactorSetup(
  args: OwnAccount & { password: string; code: string; now?: number },
): Promise<ReauthFailure | { ok: true; codes: string[] }> {
  const failed = await checkPasswordAgain(args.userId, args.password, args.ip);
  if (failed) return failed;
  let codes: string[] = [];
  const check = checkCodeWithLockout({
    ...args,
    allowRecovery: false,
    setupSessionId: args.currentSessionId,
    onSuccess: (tx) => {
      tx.update(twoFactorCredentials)
        .set({ confirmedAt: new Date() })
        .where(eq(twoFactorCredentials.userId, args.userId))
        .run();
      codes = issueRecoveryCodes(tx, args.userId);
      endOtherSessionsInTransaction(tx, args.userId, args.currentSessionId);
      setSessionSecondFactor(tx, args.currentSessionId, true);
      recordAudit(tx, {
        actorUserId: args.userId,
        organizationId: args.organizationId,
        action: "two_factor.turned_on",
        subjectType: "user",
        subjectId: args.userId,
      });
    },
  });
  if (!check.ok) return check.reason === "locked" ? check : { ok: false, reason: "code" };
  return { ok: true, codes };
}

/** A code from the app, or else (when allowed) a recovery code, spent. Which one it was, or null. */
function acceptAnyCode(
  tx: Executor,
  userId: string,
  rawCode: string,
  now: number,
  options: { allowRecovery: boolean; setupSessionId: string | null },
) {
  const code = compact(rawCode);
  if (SIX_DIGITS.test(code)) {
    return acceptTotp(tx, userId, code, now, options.setupSessionId) ? ("app" as const) : null;
  }
  const allowRecovery = options.allowRecovery && options.setupSessionId === null;
  if (!allowRecovery) return null;
  return consumeRecoveryCode(tx, userId, code) ? ("recovery-code" as const) : null;
}

export type CodeCheck =
  | { ok: true; method: "app" | "recovery-code" }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; until: Date };

/**
 * A code checked under its own lockout: five wrong codes pause code entry for the account (and
 * count against the address) for 15 minutes, and only a right code clears the count, so a stolen
 * password typed again and again does not buy more guesses at the code.
 */
function checkCodeWithLockout(args: {
  userId: string;
  ip: string;
  code: string;
  organizationId: string | null;
  now?: number;
  allowRecovery?: boolean;
  /** For the first code of a setup not confirmed yet: the session that started it. */
  setupSessionId?: string;
  /** Runs in the same transaction as a successful check (e.g. the change it allowed). */
  onSuccess?: (tx: Executor) => void;
}): CodeCheck {
  const lockedUntil = codeEntryLockedUntil(args.userId, args.ip);
  if (lockedUntil) return { ok: false, reason: "locked", until: lockedUntil };
  // Counted before the check, so that many codes sent at once cannot all pass the lock check.
  const attempt = recordCodeFailure(args.userId, args.ip);
  const method = db.transaction((tx) => {
    const used = acceptAnyCode(tx, args.userId, args.code, args.now ?? Date.now(), {
      allowRecovery: args.allowRecovery ?? true,
      setupSessionId: args.setupSessionId ?? null,
    });
    if (used === "recovery-code") {
      recordAudit(tx, {
        actorUserId: args.userId,
        organizationId: args.organizationId,
        action: "two_factor.recovery_code_used",
        subjectType: "user",
        subjectId: args.userId,
      });
    }
    if (used) args.onSuccess?.(tx);
    return used;
  });
  if (!method) {
    const nowLocked = codeEntryLockedUntil(args.userId, args.ip);
    return nowLocked ? { ok: false, reason: "locked", until: nowLocked } : { ok: false, reason: "invalid" };
  }
  forgetLoginAttempt(attempt);
  clearCodeFailures(args.userId);
  return { ok: true, method };
}

/** When code entry is paused for this person (too many wrong codes), the time it opens again. */
export function codeEntryPausedUntil(userId: string, ip: string) {
  return codeEntryLockedUntil(userId, ip);
}

/** The second step of sign-in: a code from the app or a recovery code, for the pending user. */
export function checkSignInCode(args: {
  userId: string;
  ip: string;
  code: string;
  organizationId: string | null;
  now?: number;
}) {
  return checkCodeWithLockout(args);
}

/**
 * Turns two-step sign-in off. A stolen session and a phished password must not be enough: it takes
 * the password and a current code from the app or a recovery code. The other sessions end.
 */
export async function turnOffTwoFactor(
  args: OwnAccount & { password: string; code: string },
): Promise<ReauthFailure | { ok: true }> {
  const failed = await checkPasswordAgain(args.userId, args.password, args.ip);
  if (failed) return failed;
  const check = checkCodeWithLockout({
    ...args,
    onSuccess: (tx) => {
      tx.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, args.userId)).run();
      tx.delete(twoFactorCredentials).where(eq(twoFactorCredentials.userId, args.userId)).run();
      endOtherSessionsInTransaction(tx, args.userId, args.currentSessionId);
      setSessionSecondFactor(tx, args.currentSessionId, false);
      recordAudit(tx, {
        actorUserId: args.userId,
        organizationId: args.organizationId,
        action: "two_factor.turned_off",
        subjectType: "user",
        subjectId: args.userId,
      });
    },
  });
  if (!check.ok) return check.reason === "locked" ? check : { ok: false, reason: "code" };
  return { ok: true };
}

/**
 * New recovery codes (the old ones stop working), after the password and a current code from the
 * app. The other sessions end.
 */
export async function replaceRecoveryCodes(
  args: OwnAccount & { password: string; code: string; now?: number },
): Promise<ReauthFailure | { ok: true; codes: string[] }> {
  const failed = await checkPasswordAgain(args.userId, args.password, args.ip);
  if (failed) return failed;
  let codes: string[] = [];
  const check = checkCodeWithLockout({
    ...args,
    allowRecovery: false,
    onSuccess: (tx) => {
      codes = issueRecoveryCodes(tx, args.userId);
      endOtherSessionsInTransaction(tx, args.userId, args.currentSessionId);
      recordAudit(tx, {
        actorUserId: args.userId,
        organizationId: args.organizationId,
        action: "two_factor.recovery_codes_replaced",
        subjectType: "user",
        subjectId: args.userId,
      });
    },
  });
  if (!check.ok) return check.reason === "locked" ? check : { ok: false, reason: "code" };
  return { ok: true, codes };
}
