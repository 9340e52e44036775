import { addDays } from "date-fns";
import { and, desc, eq, gt, isNull, or } from "drizzle-orm";
import { consultants, invitations, memberships, organizations, users, type Role } from "../../db/schema";
import { db, type Executor } from "../utils/db.server";
import { appUrl } from "../utils/env.server";
import { completeSystemStep } from "./checklist.server";
import { allowedChannels } from "./contact.server";
import { openConsultantFields, sealedConsultantColumns } from "./consultant-fields.server";
import { recordAudit } from "../utils/audit.server";
import { composeEmail, deliverEmail, enqueueEmail } from "../utils/email.server";
import { generateToken, normalizeEmail, sha256 } from "../utils/tokens.server";
import { hashPassword } from "../utils/password-hash.server";
import { NotFoundError, RuleError } from "./errors";
import { assertMemberCan } from "./membership.server";

export const INVITATION_VALID_DAYS = 7;

function assertNotAlreadyMember(organizationId: string, email: string) {
  const existingMember = db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.email, email), eq(memberships.organizationId, organizationId)))
    .get();
  if (existingMember) {
    throw new RuleError(null, "This person already has an account in this organization.");
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
  const composed = await composeEmail({ template: "invitation", token });
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
    })
    .from(consultants)
    .where(and(eq(consultants.id, args.consultantId), eq(consultants.organizationId, args.organizationId)))
    .get();
  if (!sealed) throw new NotFoundError("We could not find that consultant.");
  const consultant = openConsultantFields(sealed, args);
  if (consultant.userId) throw new RuleError(null, "They already have a portal account.");
  if (!consultant.email) {
    throw new RuleError(
      null,
      "Add their email address first: it is what they will sign in with, even when email is not safe to use.",
    );
  }
  const email = consultant.email;
  assertNotAlreadyMember(args.organizationId, email);
  const byEmail = allowedChannels(consultant).email;
  const token = generateToken();
  const composed = byEmail ? await composeEmail({ template: "invitation", token }) : null;
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
    if (result.changes === 0) throw new NotFoundError("Invitation not found.");
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
 * to whoever holds the link: what follows in either case is signing in.
 */
export async function respondToInvitation(args: { token: string; preferredName: string; password: string }) {
  const found = lookUpInvitation(args.token);
  if (found.state !== "valid") throw new RuleError(null, "This invitation link no longer works.");
  const existing = db
    .select({ id: users.id, passwordHash: users.passwordHash })
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
    if (answered.changes === 0) throw new RuleError(null, "This invitation link no longer works.");
    return;
  }

  db.transaction((tx) => {
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
  });
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
  if (claimed.changes === 0) throw new RuleError(null, "This invitation link no longer works.");
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
  if (linked.changes === 0) throw new RuleError(null, "This invitation link no longer works.");
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
