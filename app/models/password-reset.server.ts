import { addHours, subHours } from "date-fns";
import { and, eq, gt, isNotNull, isNull, ne, sql } from "drizzle-orm";
import { consultants, passwordResetTokens, users } from "../../db/schema";
import { db } from "../utils/db.server";
import { recordAudit } from "../utils/audit.server";
import { composeEmail, deliverEmail, enqueueEmail } from "../utils/email.server";
import { generateToken, normalizeEmail, sha256 } from "../utils/tokens.server";
import { endAllSessionsOf } from "../utils/auth/session.server";
import { hashPassword } from "../utils/password-hash.server";
import { listActiveMemberships } from "./membership.server";
import { notificationLanguage } from "./language.server";

export const RESET_VALID_HOURS = 1;
// Enough for a person who mistyped or lost an email; too few to flood anyone's inbox.
export const RESET_REQUESTS_PER_HOUR = 3;

/**
 * A consultant who marked email unsafe in any organization gets no email at all, not even one
 * somebody else asked for by typing their address. Staff can help them another way.
 */
function emailIsSafeFor(userId: string) {
  const unsafe = db
    .select({ id: consultants.id })
    .from(consultants)
    .where(and(eq(consultants.userId, userId), ne(consultants.emailSafety, "safe")))
    .get();
  return !unsafe;
}

/** The language staff recorded on one of the person's consultant records, if any. */
function recordedLanguageOf(userId: string) {
  return (
    db
      .select({ language: consultants.preferredLanguage })
      .from(consultants)
      .where(and(eq(consultants.userId, userId), isNotNull(consultants.preferredLanguage)))
      .get()?.language ?? null
  );
}

function recentResetRequests(userId: string) {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(passwordResetTokens)
      .where(and(eq(passwordResetTokens.userId, userId), gt(passwordResetTokens.createdAt, subHours(new Date(), 1))))
      .get()?.n ?? 0
  );
}

/**
 * Emails a single-use reset link when the address belongs to an account that can sign in.
 * The caller shows the same message either way, so nobody learns which addresses have accounts;
 * the email is rendered either way (in English for an unknown address) and sent after the
 * response, so neither does the timing.
 */
export async function requestPasswordReset(email: string) {
  const token = generateToken();
  const user = db
    .select({ id: users.id, email: users.email, passwordHash: users.passwordHash, language: users.preferredLanguage })
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .get();
  const language = user
    ? notificationLanguage({ userLanguage: user.language, consultantLanguage: recordedLanguageOf(user.id) })
    : undefined;
  const composed = await composeEmail({ template: "password-reset", token }, language);
  if (!user?.passwordHash) return;
  const memberships = listActiveMemberships(user.id);
  if (memberships.length === 0) return;
  if (!emailIsSafeFor(user.id) || recentResetRequests(user.id) >= RESET_REQUESTS_PER_HOUR) return;

  const outboxId = db.transaction((tx) => {
    tx.insert(passwordResetTokens)
      .values({ userId: user.id, tokenHash: sha256(token), expiresAt: addHours(new Date(), RESET_VALID_HOURS) })
      .run();
    recordAudit(tx, {
      actorUserId: user.id,
      organizationId: memberships[0]!.organizationId,
      action: "password.reset_requested",
      subjectType: "user",
      subjectId: user.id,
    });
    return enqueueEmail(tx, user.email, composed);
  });
  // Not awaited: deliverEmail never throws, and a failure is retried by the background job.
  void deliverEmail(outboxId);
}

export function isResetTokenUsable(token: string, now = new Date()) {
  const row = db
    .select({ id: passwordResetTokens.id })
    .from(passwordResetTokens)
    .where(
      and(
        eq(passwordResetTokens.tokenHash, sha256(token)),
        isNull(passwordResetTokens.usedAt),
        gt(passwordResetTokens.expiresAt, now),
      ),
    )
    .get();
  return Boolean(row);
}

/**
 * Sets a new password with a reset link; the link is spent and every session of the user ends.
 * Null when the link is unknown, used or expired.
 */
export async function resetPassword(token: string, newPassword: string) {
  // The link is checked before hashing, so a made-up or stale one costs no argon2 time. The
  // transaction below checks it again, for a second submission that hashed at the same time.
  if (!isResetTokenUsable(token)) return null;
  const passwordHash = await hashPassword(newPassword);
  const userId = db.transaction((tx) => {
    const row = tx
      .update(passwordResetTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(passwordResetTokens.tokenHash, sha256(token)),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, new Date()),
        ),
      )
      .returning({ userId: passwordResetTokens.userId })
      .get();
    if (!row) return null;
    tx.update(users).set({ passwordHash }).where(eq(users.id, row.userId)).run();
    // Any other link sent before this one stops working too.
    tx.update(passwordResetTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResetTokens.userId, row.userId), isNull(passwordResetTokens.usedAt)))
      .run();
    endAllSessionsOf(tx, row.userId);
    recordAudit(tx, {
      actorUserId: row.userId,
      organizationId: null,
      action: "password.reset",
      subjectType: "user",
      subjectId: row.userId,
      changedFields: ["passwordHash"],
    });
    return row.userId;
  });
  return userId;
}
