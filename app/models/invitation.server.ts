import { addDays } from "date-fns";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { invitations, memberships, users, type Role } from "../../db/schema";
import { db } from "../utils/db.server";
import { recordAudit } from "../utils/audit.server";
import { composeEmail, deliverEmail, enqueueEmail } from "../utils/email.server";
import { generateToken, normalizeEmail, sha256 } from "../utils/tokens.server";
import { hashPassword } from "../utils/auth.server";
import { verify } from "@node-rs/argon2";

export const INVITATION_VALID_DAYS = 7;

export class InvitationError extends Error {}

/**
 * Invites a person by email into the organization with a role. An earlier open invitation to the
 * same address is revoked, so only the newest link works.
 */
export async function inviteMember(args: {
  organizationId: string;
  invitedByUserId: string;
  email: string;
  role: Role;
}) {
  const email = normalizeEmail(args.email);
  const existingMember = db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.email, email), eq(memberships.organizationId, args.organizationId)))
    .get();
  if (existingMember) {
    throw new InvitationError("This person already has an account in this organization.");
  }
  const token = generateToken();
  const composed = await composeEmail({ template: "invitation", token });
  const now = new Date();
  const outboxId = db.transaction((tx) => {
    tx.update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.organizationId, args.organizationId),
          eq(invitations.email, email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .run();
    const invitation = tx
      .insert(invitations)
      .values({
        organizationId: args.organizationId,
        email,
        role: args.role,
        tokenHash: sha256(token),
        invitedByUserId: args.invitedByUserId,
        expiresAt: addDays(now, INVITATION_VALID_DAYS),
      })
      .returning({ id: invitations.id })
      .get();
    recordAudit(tx, {
      actorUserId: args.invitedByUserId,
      organizationId: args.organizationId,
      action: "invitation.created",
      subjectType: "invitation",
      subjectId: invitation.id,
      changedFields: ["email", "role"],
    });
    return enqueueEmail(tx, email, composed);
  });
  await deliverEmail(outboxId);
}

export function listOpenInvitations(organizationId: string) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.organizationId, organizationId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(invitations.createdAt))
    .all();
}

export function revokeInvitation(args: { organizationId: string; actorUserId: string; invitationId: string }) {
  db.transaction((tx) => {
    const result = tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.id, args.invitationId),
          eq(invitations.organizationId, args.organizationId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .run();
    if (result.changes === 0) throw new Response("Invitation not found.", { status: 404 });
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "invitation.revoked",
      subjectType: "invitation",
      subjectId: args.invitationId,
    });
  });
}

export type InvitationLookup =
  | { state: "valid"; invitationId: string; role: Role; hasAccount: boolean; organizationId: string }
  | { state: "expired" | "used" | "unknown" };

export function lookUpInvitation(token: string, now = new Date()): InvitationLookup {
  const row = db
    .select({
      id: invitations.id,
      organizationId: invitations.organizationId,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
    })
    .from(invitations)
    .where(eq(invitations.tokenHash, sha256(token)))
    .get();
  if (!row) return { state: "unknown" };
  if (row.acceptedAt) return { state: "used" };
  if (row.revokedAt || row.expiresAt <= now) return { state: "expired" };
  const account = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.email, row.email)).get();
  return {
    state: "valid",
    invitationId: row.id,
    role: row.role,
    organizationId: row.organizationId,
    hasAccount: Boolean(account?.passwordHash),
  };
}

/**
 * Accepts an invitation: creates the account (or, for someone who already has one, checks their
 * current password) and the membership, and marks the link used. Returns the user id to sign in.
 */
export async function acceptInvitation(args: {
  token: string;
  preferredName?: string;
  password: string;
}): Promise<{ userId: string; organizationId: string }> {
  const found = lookUpInvitation(args.token);
  if (found.state !== "valid") throw new InvitationError("This invitation link no longer works.");
  const invitation = db
    .select({ email: invitations.email })
    .from(invitations)
    .where(eq(invitations.id, found.invitationId))
    .get()!;
  const existing = db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, invitation.email))
    .get();

  let newHash: string | null = null;
  if (existing?.passwordHash) {
    // The link proves access to the mailbox, not the right to replace an existing password.
    const ok = await verify(existing.passwordHash, args.password).catch(() => false);
    if (!ok) throw new InvitationError("That password does not match your account.");
  } else {
    newHash = await hashPassword(args.password);
  }

  return db.transaction((tx) => {
    const claimed = tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invitations.id, found.invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .run();
    // Two tabs submitting the same link: only the first one wins.
    if (claimed.changes === 0) throw new InvitationError("This invitation link no longer works.");

    let userId = existing?.id;
    if (!userId) {
      userId = tx
        .insert(users)
        .values({ email: invitation.email, preferredName: args.preferredName ?? "", passwordHash: newHash })
        .returning({ id: users.id })
        .get().id;
    } else if (newHash) {
      tx.update(users)
        .set({ passwordHash: newHash, ...(args.preferredName ? { preferredName: args.preferredName } : {}) })
        .where(eq(users.id, userId))
        .run();
    }
    const membership = tx
      .insert(memberships)
      .values({ userId, organizationId: found.organizationId, role: found.role })
      .onConflictDoUpdate({
        target: [memberships.userId, memberships.organizationId],
        set: { role: found.role, deactivatedAt: null },
      })
      .returning({ id: memberships.id })
      .get();
    recordAudit(tx, {
      actorUserId: userId,
      organizationId: found.organizationId,
      action: "invitation.accepted",
      subjectType: "membership",
      subjectId: membership.id,
      changedFields: ["role"],
    });
    return { userId, organizationId: found.organizationId };
  });
}
