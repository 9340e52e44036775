import { and, asc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { memberships, organizations, users, type Role } from "../../db/schema";
import { db, type Executor } from "../utils/db.server";
import { recordAudit } from "../utils/audit.server";
// app/utils/auth/ imports this module too; only functions cross, called long after both have loaded.
import { endAllSessionsOf } from "../utils/auth/session.server";
import { ForbiddenError, NotFoundError, RuleError } from "./errors";
import { assertCan, type Permission } from "./permissions";

export type ActiveMembership = {
  membershipId: string;
  organizationId: string;
  organizationName: string;
  /** IANA time zone every moment is shown in for this organization. */
  organizationTimeZone: string;
  role: Role;
};

const activeMembershipColumns = {
  membershipId: memberships.id,
  organizationId: memberships.organizationId,
  organizationName: organizations.name,
  organizationTimeZone: organizations.timeZone,
  role: memberships.role,
};

export function listActiveMemberships(userId: string): ActiveMembership[] {
  return db
    .select(activeMembershipColumns)
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.userId, userId), isNull(memberships.deactivatedAt)))
    .orderBy(asc(organizations.name))
    .all();
}

export function findActiveMembership(userId: string, organizationId: string) {
  return db
    .select(activeMembershipColumns)
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.organizationId, organizationId),
        isNull(memberships.deactivatedAt),
      ),
    )
    .get();
}

/**
 * Refuses, in the model, a change the acting person may not make: their role is read from their
 * own active membership in the organization, so no caller can vouch for it.
 */
export function assertMemberCan(organizationId: string, userId: string, permission: Permission, message?: string) {
  const actor = findActiveMembership(userId, organizationId);
  if (!actor) throw new ForbiddenError(message);
  assertCan(actor.role, permission, message);
}

/**
 * The membership a session works in: the one in `organizationId` while it is active, otherwise the
 * person's first active one (undefined when every membership has ended).
 */
export function activeMembershipIn(userId: string, organizationId: string | null | undefined) {
  return (
    (organizationId ? findActiveMembership(userId, organizationId) : undefined) ?? listActiveMemberships(userId)[0]
  );
}

/** The people of one organization, for the admin's users page. */
export function listOrganizationMembers(organizationId: string) {
  return db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      preferredName: users.preferredName,
      email: users.email,
      role: memberships.role,
      deactivatedAt: memberships.deactivatedAt,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, organizationId))
    .orderBy(asc(memberships.deactivatedAt), asc(users.preferredName))
    .all();
}

function getMemberOf(organizationId: string, membershipId: string) {
  const row = db
    .select({
      id: memberships.id,
      userId: memberships.userId,
      role: memberships.role,
      deactivatedAt: memberships.deactivatedAt,
    })
    .from(memberships)
    .where(and(eq(memberships.id, membershipId), eq(memberships.organizationId, organizationId)))
    .get();
  if (!row) throw new NotFoundError("common:accountErrors.memberNotFound");
  return row;
}

/** Where the organization's active admins read what waits for an admin, and in which language. */
export function activeAdminInboxes(executor: Executor, organizationId: string) {
  return executor
    .select({ email: users.email, language: users.preferredLanguage })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        eq(memberships.role, "admin"),
        isNull(memberships.deactivatedAt),
      ),
    )
    .all();
}

function countOtherActiveAdmins(organizationId: string, membershipId: string) {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(memberships)
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        eq(memberships.role, "admin"),
        isNull(memberships.deactivatedAt),
        ne(memberships.id, membershipId),
      ),
    )
    .get();
  return row?.n ?? 0;
}

// An organization with no admin could never invite, approve or fix anything again.
function assertNotLastAdmin(organizationId: string, member: { id: string; role: Role }) {
  if (member.role === "admin" && countOtherActiveAdmins(organizationId, member.id) === 0) {
    throw new RuleError(null, "common:accountErrors.lastAdmin");
  }
}

export function changeMemberRole(args: {
  organizationId: string;
  actorUserId: string;
  membershipId: string;
  role: Role;
}) {
  assertMemberCan(args.organizationId, args.actorUserId, "members:manage");
  const member = getMemberOf(args.organizationId, args.membershipId);
  if (member.role === args.role) return;
  if (args.role !== "admin") assertNotLastAdmin(args.organizationId, member);
  db.transaction((tx) => {
    tx.update(memberships).set({ role: args.role }).where(eq(memberships.id, member.id)).run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "membership.role_changed",
      subjectType: "membership",
      subjectId: member.id,
      changedFields: ["role"],
    });
  });
}

export function setMemberActive(args: {
  organizationId: string;
  actorUserId: string;
  membershipId: string;
  active: boolean;
}) {
  assertMemberCan(args.organizationId, args.actorUserId, "members:manage");
  const member = getMemberOf(args.organizationId, args.membershipId);
  if (!args.active) {
    if (member.userId === args.actorUserId) {
      throw new RuleError(null, "common:accountErrors.cannotDeactivateSelf");
    }
    assertNotLastAdmin(args.organizationId, member);
  }
  db.transaction((tx) => {
    tx.update(memberships)
      .set({ deactivatedAt: args.active ? null : new Date() })
      .where(eq(memberships.id, member.id))
      .run();
    // A session can switch to any organization the person belongs to, so ending only the sessions
    // working in this one would not keep them out: every session ends; other memberships sign in again.
    if (!args.active) endAllSessionsOf(tx, member.userId);
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: args.active ? "membership.reactivated" : "membership.deactivated",
      subjectType: "membership",
      subjectId: member.id,
      changedFields: ["deactivatedAt"],
    });
  });
}

/**
 * An admin signs a member of their own organization out on every device (a lost phone, a shared
 * computer). A member of another organization is a 404, as for every other change on this page.
 */
export function signMemberOutEverywhere(args: { organizationId: string; actorUserId: string; membershipId: string }) {
  assertMemberCan(args.organizationId, args.actorUserId, "members:manage");
  const member = getMemberOf(args.organizationId, args.membershipId);
  db.transaction((tx) => {
    endAllSessionsOf(tx, member.userId);
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "session.ended_by_admin",
      subjectType: "membership",
      subjectId: member.id,
    });
  });
}

/** The organization's active admins and staff, by name: action owners, witnesses, the people who pay. */
export function activeColleagues(organizationId: string, tx: Executor = db) {
  return tx
    .select({
      userId: users.id,
      preferredName: users.preferredName,
      email: users.email,
      role: memberships.role,
      // For an email to them, in their own language.
      preferredLanguage: users.preferredLanguage,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        inArray(memberships.role, ["admin", "staff"]),
        isNull(memberships.deactivatedAt),
      ),
    )
    .orderBy(asc(users.preferredName))
    .all();
}
