// The guards every loader and action starts with: a signed-in user (`requireUser`), an active
// membership in one of some roles (`requireMembership`), or a permission from the one list
// (`requirePermission`). Anything else is a redirect to sign in or a 403.
import { redirect } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { sessions, type Role } from "../../../db/schema";
import { db } from "../db.server";
import { rolesWith, type Permission } from "../../models/permissions";
import { activeMembershipIn, type ActiveMembership } from "../../models/membership.server";
import { homePathFor, loginRedirect } from "./redirects.server";
import { checkSession, getSessionUser, invalidateSession, sessionDeadline } from "./session.server";
import { assertTwoFactorWhereRequired } from "./two-step.server";
import { message } from "~/i18n/message";

export async function requireUser(request: Request) {
  const { current, timedOut } = await checkSession(request);
  if (!current) throw loginRedirect(request, { timedOut });
  return current;
}

export async function requireAnonymous(request: Request) {
  const current = await getSessionUser(request);
  if (!current) return;
  const membership = activeMembershipIn(current.user.id, current.session.activeOrganizationId);
  if (membership) throw redirect(homePathFor(membership.role));
}

// Role lists for `requireMembership`; a route states its rule with `requirePermission` instead.

export type MembershipContext = {
  user: { id: string; email: string; preferredName: string; preferredLanguage: string | null };
  sessionId: string;
  /** When the session ends if nothing more happens (epoch ms), for the warning a minute before. */
  sessionEndsAt: number;
  membership: ActiveMembership;
};

/**
 * The guard every loader and action calls: a signed-in user with an active membership in the
 * active organization, in one of `roles`. Anything else is a redirect to sign in or a 403.
 */
export async function requireMembership(request: Request, roles: readonly Role[]): Promise<MembershipContext> {
  const { session, user } = await requireUser(request);
  const membership = activeMembershipIn(user.id, session.activeOrganizationId);
  if (!membership) {
    // Every membership was deactivated: the session grants nothing any more.
    await invalidateSession(session.id);
    throw loginRedirect(request);
  }
  if (membership.organizationId !== session.activeOrganizationId) {
    db.update(sessions)
      .set({ activeOrganizationId: membership.organizationId })
      .where(eq(sessions.id, session.id))
      .run();
  }
  if (!roles.includes(membership.role)) {
    throw new Response(message("common:accountErrors.pageNotForRole"), { status: 403 });
  }
  assertTwoFactorWhereRequired(request, session, membership);
  return {
    user: {
      id: user.id,
      email: user.email,
      preferredName: user.preferredName,
      preferredLanguage: user.preferredLanguage,
    },
    sessionId: session.id,
    sessionEndsAt: sessionDeadline(session),
    membership,
  };
}

/** `requireMembership` for the roles that hold a permission (see `~/models/permissions`). */
export function requirePermission(request: Request, permission: Permission) {
  return requireMembership(request, rolesWith(permission));
}
