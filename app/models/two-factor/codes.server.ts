// Checking a code: from the authenticator app (TOTP, RFC 6238; no code works twice) or a single-use
// recovery code, with code entry paused after too many wrong ones. Used at sign-in and by the
// changes a person makes to their own two-step sign-in.
import { randomInt, timingSafeEqual } from "node:crypto";
import { and, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { twoFactorCredentials, twoFactorRecoveryCodes } from "../../../db/schema";
import { recordAudit } from "../../utils/audit.server";
import { db, type Executor } from "../../utils/db.server";
import {
  clearCodeFailures,
  codeEntryLockedUntil,
  forgetLoginAttempt,
  recordCodeFailure,
} from "../../utils/rate-limit.server";
import { sha256 } from "../../utils/tokens.server";
import { openTotpSecret, sealedTotpSecret } from "../two-factor-secret.server";

// What every authenticator app understands: SHA-1, 6 digits, 30 seconds.
export const TOTP_SETTINGS = { algorithm: "SHA1", digits: 6, period: 30 } as const;
// One step either side forgives a phone clock a little off and a code typed as it changed.
const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
// 12 characters of base32: 60 random bits each, far beyond guessing within the lockout limits.
const RECOVERY_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const RECOVERY_LENGTH = 12;

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
export function issueRecoveryCodes(tx: Executor, userId: string) {
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
export function checkCodeWithLockout(args: {
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
