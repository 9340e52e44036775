import { addDays } from "date-fns";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { consultants, invitations, memberships, users, type Role } from "../../db/schema";
import { db, type Executor } from "../utils/db.server";
import { appUrl } from "../utils/env.server";
import { completeSystemStep } from "./checklist.server";
import { allowedChannels } from "./contact.server";
import { openConsultantFields, sealedConsultantColumns } from "./consultant-fields.server";
import { recordAudit } from "../utils/audit.server";
import { composeEmail, deliverEmail, enqueueEmail } from "../utils/email.server";
import { generateToken, normalizeEmail, sha256 } from "../utils/tokens.server";
import { checkPasswordWithLockout, hashPassword } from "../utils/auth.server";

export const INVITATION_VALID_DAYS = 7;

export class InvitationError extends Error {}

function assertNotAlreadyMember(organizationId: string, email: string) {
  const existingMember = db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.email, email), eq(memberships.organizationId, organizationId)))
    .get();
  if (existingMember) {
    throw new InvitationError("This person already has an account in this organization.");
  }
}

/**
 * Records an invitation and revokes any earlier open one to the same address in the
 * organization, so only the newest link works. Runs inside the caller's transaction.
 */
function insertInvitation(
  tx: Executor,
  args: {
    organizationId: string;
    invitedByUserId: string;
    email: string;
    role: Role;
    tokenHash: string;
    consultantId?: string;
  },
) {
  const now = new Date();
  tx.update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.organizationId, args.organizationId),
        eq(invitations.email, args.email),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .run();
  const invitation = tx
    .insert(invitations)
    .values({ ...args, expiresAt: addDays(now, INVITATION_VALID_DAYS) })
    .returning({ id: invitations.id })
    .get();
  recordAudit(tx, {
    actorUserId: args.invitedByUserId,
    organizationId: args.organizationId,
    action: "invitation.created",
    subjectType: "invitation",
    subjectId: invitation.id,
    changedFields: ["email", "role", ...(args.consultantId ? ["consultantId"] : [])],
  });
}

/** Invites a colleague by email into the organization with a role. */
export async function inviteMember(args: {
  organizationId: string;
  invitedByUserId: string;
  email: string;
  role: Role;
}) {
  const email = normalizeEmail(args.email);
  assertNotAlreadyMember(args.organizationId, email);
  const token = generateToken();
  const composed = await composeEmail({ template: "invitation", token });
  const outboxId = db.transaction((tx) => {
    insertInvitation(tx, { ...args, email, tokenHash: sha256(token) });
    return enqueueEmail(tx, email, composed);
  });
  await deliverEmail(outboxId);
}

export type PortalInvitationResult = { delivery: "email" } | { delivery: "link"; link: string };

/**
 * Invites a consultant to the portal. The email goes out only when email is safe for them;
 * otherwise the link is returned, once, for staff to pass on in a way that is safe.
 */
export async function inviteConsultantToPortal(args: {
  organizationId: string;
  consultantId: string;
  invitedByUserId: string;
}): Promise<PortalInvitationResult> {
  const sealed = db
    .select({
      id: consultants.id,
      userId: consultants.userId,
      email: consultants.email,
      ...sealedConsultantColumns("phone"),
      emailSafety: consultants.emailSafety,
      phoneSafety: consultants.phoneSafety,
      textSafety: consultants.textSafety,
      mailSafety: consultants.mailSafety,
    })
    .from(consultants)
    .where(and(eq(consultants.id, args.consultantId), eq(consultants.organizationId, args.organizationId)))
    .get();
  if (!sealed) throw new Response("We could not find that consultant.", { status: 404 });
  const consultant = openConsultantFields(sealed, args);
  if (consultant.userId) throw new InvitationError("They already have a portal account.");
  if (!consultant.email) {
    throw new InvitationError("Add their email address first: it is what they will sign in with.");
  }
  const email = consultant.email;
  assertNotAlreadyMember(args.organizationId, email);
  const byEmail = allowedChannels(consultant).email;
  const token = generateToken();
  const composed = byEmail ? await composeEmail({ template: "invitation", token }) : null;
  const outboxId = db.transaction((tx) => {
    insertInvitation(tx, {
      organizationId: args.organizationId,
      invitedByUserId: args.invitedByUserId,
      email,
      role: "consultant",
      tokenHash: sha256(token),
      consultantId: consultant.id,
    });
    return composed ? enqueueEmail(tx, email, composed) : null;
  });
  if (outboxId) {
    await deliverEmail(outboxId);
    return { delivery: "email" };
  }
  return { delivery: "link", link: invitationLink(token) };
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
  | {
      state: "valid";
      invitationId: string;
      role: Role;
      hasAccount: boolean;
      organizationId: string;
      consultantId: string | null;
    }
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
      consultantId: invitations.consultantId,
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
    consultantId: row.consultantId,
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
  /** For the sign-in lockout, which also guards the existing-account password check here. */
  clientIp?: string;
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
    // The link proves access to the mailbox, not the right to replace an existing password;
    // and guessing it here counts against the same lockout as the sign-in page.
    const check = await checkPasswordWithLockout(invitation.email, args.password, args.clientIp ?? "unknown");
    if (!check.ok) {
      throw new InvitationError(
        check.reason === "locked"
          ? "Too many attempts. For your safety, please wait 15 minutes and try again."
          : "That password does not match your account.",
      );
    }
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
    if (found.consultantId) linkConsultantRecord(tx, found.organizationId, found.consultantId, userId);
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

/** Connects the new portal account to the consultant record the invitation was made for. */
function linkConsultantRecord(tx: Executor, organizationId: string, consultantId: string, userId: string) {
  const linked = tx
    .update(consultants)
    .set({ userId, updatedAt: new Date() })
    .where(
      and(eq(consultants.id, consultantId), eq(consultants.organizationId, organizationId), isNull(consultants.userId)),
    )
    .run();
  if (linked.changes === 0) throw new InvitationError("This invitation link no longer works.");
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

export function invitationLink(token: string) {
  return `${appUrl()}/invite/${token}`;
}
