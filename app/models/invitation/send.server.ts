// Sending invitations: a colleague by email, or a consultant to the portal (emailed only when
// email is safe for them, otherwise a link to pass on), and the open ones listed or withdrawn. Only
// the newest link to a person works.
import { addDays } from "date-fns";
import { and, desc, eq, gt, isNull, or } from "drizzle-orm";
import { consultants, invitations, memberships, users, type Role } from "../../../db/schema";
import { db, type Executor } from "../../utils/db.server";
import { appUrl } from "../../utils/env.server";
import { allowedChannels } from "../contact.server";
import { openConsultantFields, sealedConsultantColumns } from "../consultant-fields.server";
import { recordAudit } from "../../utils/audit.server";
import { composeEmail, deliverEmail, enqueueEmail } from "../../utils/email.server";
import { generateToken, normalizeEmail, sha256 } from "../../utils/tokens.server";
import { NotFoundError, RuleError } from "../errors";
import { assertMemberCan } from "../membership.server";
import { notificationLanguage } from "../language.server";

export const INVITATION_VALID_DAYS = 7;

function assertNotAlreadyMember(organizationId: string, email: string) {
  const existingMember = db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.email, email), eq(memberships.organizationId, organizationId)))
    .get();
  if (existingMember) {
    throw new RuleError(null, "common:accountErrors.alreadyMember");
  }
}

/**
 * Records an invitation and revokes any earlier open one to the same address in the organization
 * (or, for a portal invitation, to the same consultant, whose email may have changed since), so
 * only the newest link works. Runs inside the caller's transaction; returns how many it replaced.
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
  const replaced = tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.organizationId, args.organizationId),
        args.consultantId
          ? or(eq(invitations.email, args.email), eq(invitations.consultantId, args.consultantId))
          : eq(invitations.email, args.email),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id })
    .all();
  for (const old of replaced) {
    recordAudit(tx, {
      actorUserId: args.invitedByUserId,
      organizationId: args.organizationId,
      action: "invitation.revoked",
      subjectType: "invitation",
      subjectId: old.id,
      changedFields: ["revokedAt"],
    });
  }
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
  return replaced.length;
}

/**
 * The language an invitation is written in: the invitee's own, when the address already has an
 * account with one; else, for a consultant, the one staff recorded on their profile; else English.
 * Never the inviter's: it says nothing about the person reading it.
 */
function invitationLanguage(email: string, recordedLanguage?: string | null) {
  const account = db
    .select({ language: users.preferredLanguage })
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .get();
  return notificationLanguage({ userLanguage: account?.language, consultantLanguage: recordedLanguage });
}

/** Invites a colleague by email into the organization with a role. */
export async function inviteMember(args: {
  organizationId: string;
  invitedByUserId: string;
  email: string;
  role: Role;
}) {
  assertMemberCan(args.organizationId, args.invitedByUserId, "members:manage");
  const email = normalizeEmail(args.email);
  assertNotAlreadyMember(args.organizationId, email);
  const token = generateToken();
  const composed = await composeEmail({ template: "invitation", token }, invitationLanguage(email));
  const outboxId = db.transaction((tx) => {
    insertInvitation(tx, { ...args, email, tokenHash: sha256(token) });
    return enqueueEmail(tx, email, composed);
  });
  await deliverEmail(outboxId);
}

/** How the invitation reaches them, and whether it replaced an earlier link (which then stops working). */
export type PortalInvitationResult = { replaced: boolean } & (
  { delivery: "email" } | { delivery: "link"; link: string }
);

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
      preferredLanguage: consultants.preferredLanguage,
    })
    .from(consultants)
    .where(and(eq(consultants.id, args.consultantId), eq(consultants.organizationId, args.organizationId)))
    .get();
  if (!sealed) throw new NotFoundError("common:accountErrors.consultantNotFound");
  const consultant = openConsultantFields(sealed, args);
  if (consultant.userId) throw new RuleError(null, "common:accountErrors.alreadyHasPortalAccount");
  if (!consultant.email) throw new RuleError(null, "common:accountErrors.addEmailFirst");
  const email = consultant.email;
  assertNotAlreadyMember(args.organizationId, email);
  const byEmail = allowedChannels(consultant).email;
  const token = generateToken();
  const composed = byEmail
    ? await composeEmail({ template: "invitation", token }, invitationLanguage(email, consultant.preferredLanguage))
    : null;
  const { outboxId, replaced } = db.transaction((tx) => {
    const replaced = insertInvitation(tx, {
      organizationId: args.organizationId,
      invitedByUserId: args.invitedByUserId,
      email,
      role: "consultant",
      tokenHash: sha256(token),
      consultantId: consultant.id,
    });
    return { outboxId: composed ? enqueueEmail(tx, email, composed) : null, replaced: replaced > 0 };
  });
  if (outboxId) {
    await deliverEmail(outboxId);
    return { delivery: "email", replaced };
  }
  return { delivery: "link", link: invitationLink(token), replaced };
}

/** The consultant's portal invitation that can still be accepted, for their record: when it was made and runs out. */
export function openPortalInvitation(organizationId: string, consultantId: string, now = new Date()) {
  return (
    db
      .select({ id: invitations.id, createdAt: invitations.createdAt, expiresAt: invitations.expiresAt })
      .from(invitations)
      .where(
        and(
          eq(invitations.organizationId, organizationId),
          eq(invitations.consultantId, consultantId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now),
        ),
      )
      .orderBy(desc(invitations.createdAt))
      .get() ?? null
  );
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

/**
 * Withdraws an open invitation of the organization; with `consultantId`, only that consultant's
 * portal invitation (the record page names the consultant in its address).
 */
export function revokeInvitation(args: {
  organizationId: string;
  actorUserId: string;
  invitationId: string;
  consultantId?: string;
}) {
  db.transaction((tx) => {
    const result = tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.id, args.invitationId),
          eq(invitations.organizationId, args.organizationId),
          args.consultantId ? eq(invitations.consultantId, args.consultantId) : undefined,
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .run();
    if (result.changes === 0) throw new NotFoundError("common:accountErrors.invitationNotFound");
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "invitation.revoked",
      subjectType: "invitation",
      subjectId: args.invitationId,
      changedFields: ["revokedAt"],
    });
  });
}
export function invitationLink(token: string) {
  return `${appUrl()}/invite/${token}`;
}
