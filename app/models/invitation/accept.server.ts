// Answering an invitation: what its page may say, choosing a password on it, or accepting it by
// signing in; either way the membership starts and a consultant's record is linked to the account.
import { and, eq, isNull } from "drizzle-orm";
import { consultants, invitations, memberships, organizations, users, type Role } from "../../../db/schema";
import { db, type Executor } from "../../utils/db.server";
import { completeSystemStep } from "../checklist.server";
import { recordAudit } from "../../utils/audit.server";
import { normalizeEmail, sha256 } from "../../utils/tokens.server";
import { hashPassword } from "../../utils/password-hash.server";
import { RuleError } from "../errors";
import { setOwnLanguage } from "../language.server";
import type { Language } from "~/i18n/config";

export type InvitationLookup =
  | {
      state: "valid";
      invitationId: string;
      email: string;
      role: Role;
      organizationId: string;
      consultantId: string | null;
    }
  | { state: "expired" | "used" | "unknown" };

type OpenInvitation = InvitationLookup & { state: "valid" };

/**
 * An invitation that can still be accepted (not accepted, withdrawn or expired), whether or not its
 * page has been answered.
 */
function findOpenInvitation(token: string, now = new Date()) {
  const row = db
    .select({
      id: invitations.id,
      organizationId: invitations.organizationId,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      respondedAt: invitations.respondedAt,
      revokedAt: invitations.revokedAt,
      consultantId: invitations.consultantId,
    })
    .from(invitations)
    .where(eq(invitations.tokenHash, sha256(token)))
    .get();
  if (!row) return { state: "unknown" as const };
  if (row.acceptedAt) return { state: "used" as const };
  if (row.revokedAt || row.expiresAt <= now) return { state: "expired" as const };
  const open: OpenInvitation = {
    state: "valid",
    invitationId: row.id,
    email: row.email,
    role: row.role,
    organizationId: row.organizationId,
    consultantId: row.consultantId,
  };
  return { ...open, answered: row.respondedAt !== null };
}

// What a page may say about an invitation: nothing about whether its email already has an account.
// Once its "choose a password" form has been answered it reads as used, whichever way it went.
export function lookUpInvitation(token: string, now = new Date()): InvitationLookup {
  const found = findOpenInvitation(token, now);
  if (found.state !== "valid") return found;
  if (found.answered) return { state: "used" };
  const { answered: _answered, ...open } = found;
  return open;
}

export type InvitationPage =
  | { state: "valid"; organizationName: string; email: string; toPortal: boolean }
  | { state: "expired" | "used" | "unknown" };

/**
 * What the invitation page may show. For a link that still works: who invited them and the email
 * they sign in with, the same whether or not that email already has an account. For any other
 * link, only that it no longer works (or was used): nothing about whom it was for or from.
 */
export function invitationPage(token: string, now = new Date()): InvitationPage {
  const found = lookUpInvitation(token, now);
  if (found.state !== "valid") return { state: found.state };
  const organization = db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, found.organizationId))
    .get();
  return {
    state: "valid",
    organizationName: organization?.name ?? "",
    email: found.email,
    toPortal: found.role === "consultant",
  };
}

/**
 * The email an invitation held for sign-in was sent to, to fill in on the sign-in page: while the
 * link is open, and also once its holder's own "choose a password" answer has used it up.
 */
export function emailOfHeldInvitation(token: string, now = new Date()) {
  const row = db
    .select({ email: invitations.email, expiresAt: invitations.expiresAt, revokedAt: invitations.revokedAt })
    .from(invitations)
    .where(eq(invitations.tokenHash, sha256(token)))
    .get();
  return row && !row.revokedAt && row.expiresAt > now ? row.email : null;
}

/** Whether an open invitation was sent to this email. */
export function isInvitationFor(token: string, email: string) {
  const found = findOpenInvitation(token);
  return found.state === "valid" && found.email === normalizeEmail(email);
}

/**
 * Answers the invitation page's "choose a password" form. For an email with no account yet, the
 * account is created with the membership, and the link is used up. For an email that already has
 * an account, nothing changes: the link proves nothing about who holds it, so the invitation waits
 * until that person signs in (acceptInvitationAtSignIn). Both take the same time and look the same
 * to whoever holds the link: what follows in either case is signing in. A new account keeps
 * `language`, the one its page was read in, as its own.
 */
export async function respondToInvitation(args: {
  token: string;
  preferredName: string;
  password: string;
  language?: Language;
}) {
  const found = lookUpInvitation(args.token);
  if (found.state !== "valid") throw new RuleError(null, "auth:invite.linkNoLongerWorks");
  const existing = db
    .select({ id: users.id, passwordHash: users.passwordHash, language: users.preferredLanguage })
    .from(users)
    .where(eq(users.email, found.email))
    .get();
  // Hashed either way, so that the answer takes as long for an existing account; and either way the
  // link takes no more answers, so it cannot be used to run argon2 again and again.
  const newHash = await hashPassword(args.password);
  if (existing?.passwordHash) {
    const answered = db
      .update(invitations)
      .set({ respondedAt: new Date() })
      .where(
        and(
          eq(invitations.id, found.invitationId),
          isNull(invitations.acceptedAt),
          isNull(invitations.respondedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .run();
    if (answered.changes === 0) throw new RuleError(null, "auth:invite.linkNoLongerWorks");
    return;
  }

  const newUserId = db.transaction((tx) => {
    // Claimed first: of two answers sent at once, the second stops here.
    claimInvitation(tx, found);
    // A user row without a password (one never finished) is taken over like a new account.
    const userId =
      existing?.id ??
      tx
        .insert(users)
        .values({ email: found.email, preferredName: args.preferredName, passwordHash: newHash })
        .returning({ id: users.id })
        .get().id;
    if (existing) {
      tx.update(users)
        .set({ passwordHash: newHash, preferredName: args.preferredName })
        .where(eq(users.id, existing.id))
        .run();
    }
    addMembership(tx, found, userId);
    return userId;
  });
  if (args.language && !existing?.language) setOwnLanguage(newUserId, args.language);
}

/**
 * At sign-in, with the invitation this browser held: the person who has just passed every step of
 * sign-in joins the organization, if the invitation was sent to their email and is still open.
 * Returns the organization they work in from now on (also when their own "choose a password"
 * answer already used the link up), or null.
 */
export function acceptInvitationAtSignIn(args: { token: string; userId: string }) {
  const row = db
    .select({
      organizationId: invitations.organizationId,
      email: invitations.email,
      acceptedAt: invitations.acceptedAt,
    })
    .from(invitations)
    .where(eq(invitations.tokenHash, sha256(args.token)))
    .get();
  const user = db.select({ email: users.email }).from(users).where(eq(users.id, args.userId)).get();
  if (!row || !user || row.email !== user.email) return null;
  if (row.acceptedAt) {
    const member = db
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(
          eq(memberships.userId, args.userId),
          eq(memberships.organizationId, row.organizationId),
          isNull(memberships.deactivatedAt),
        ),
      )
      .get();
    return member ? { organizationId: row.organizationId } : null;
  }
  const found = findOpenInvitation(args.token);
  if (found.state !== "valid") return null;
  try {
    db.transaction((tx) => {
      claimInvitation(tx, found);
      addMembership(tx, found, args.userId);
    });
  } catch (error) {
    // Used up in another tab a moment ago, or the consultant record was linked meanwhile: the
    // sign-in itself still goes ahead.
    if (error instanceof RuleError) return null;
    throw error;
  }
  return { organizationId: found.organizationId };
}

/** Uses the invitation up, in the caller's transaction; refused when it was used a moment ago. */
function claimInvitation(tx: Executor, found: OpenInvitation) {
  const claimed = tx
    .update(invitations)
    .set({ acceptedAt: new Date() })
    .where(and(eq(invitations.id, found.invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .run();
  // Two tabs submitting the same link: only the first one wins.
  if (claimed.changes === 0) throw new RuleError(null, "auth:invite.linkNoLongerWorks");
}

/** Makes (or brings back) the membership the invitation offers, in the caller's transaction. */
function addMembership(tx: Executor, found: OpenInvitation, userId: string) {
  const membership = tx
    .insert(memberships)
    .values({ userId, organizationId: found.organizationId, role: found.role })
    .onConflictDoUpdate({
      target: [memberships.userId, memberships.organizationId],
      set: { role: found.role, deactivatedAt: null },
    })
    .returning({ id: memberships.id })
    .get();
  if (found.consultantId) linkConsultantRecord(tx, found.organizationId, found.consultantId, userId);
  recordAudit(tx, {
    actorUserId: userId,
    organizationId: found.organizationId,
    action: "invitation.accepted",
    subjectType: "membership",
    subjectId: membership.id,
    changedFields: ["role"],
  });
}

/** Connects the new portal account to the consultant record the invitation was made for. */
function linkConsultantRecord(tx: Executor, organizationId: string, consultantId: string, userId: string) {
  const linked = tx
    .update(consultants)
    .set({ userId, updatedAt: new Date() })
    .where(
      and(eq(consultants.id, consultantId), eq(consultants.organizationId, organizationId), isNull(consultants.userId)),
    )
    .run();
  if (linked.changes === 0) throw new RuleError(null, "auth:invite.linkNoLongerWorks");
  recordAudit(tx, {
    actorUserId: userId,
    organizationId,
    action: "consultant.portal_linked",
    subjectType: "consultant",
    subjectId: consultantId,
    changedFields: ["userId"],
  });
  completeSystemStep(tx, { organizationId, consultantId, systemKey: "portal_account", actorUserId: userId });
}
