// A person's own two-step sign-in: where it stands, setting it up with a QR code, turning it off and
// new recovery codes, each after their password again. The pending sign-in between the two steps and
// the sessions are app/utils/auth/'s business.
import { and, eq, isNull, sql } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { twoFactorCredentials, twoFactorRecoveryCodes, users } from "../../../db/schema";
import { recordAudit } from "../../utils/audit.server";
import { checkPasswordWithLockout } from "../../utils/auth/sign-in.server";
import { endOtherSessionsInTransaction, setSessionSecondFactor } from "../../utils/auth/session.server";
import { db } from "../../utils/db.server";
import { TOTP_SETTINGS, checkCodeWithLockout, issueRecoveryCodes } from "./codes.server";
import { openTotpSecret, sealTotpSecret, sealedTotpSecret } from "../two-factor-secret.server";

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
