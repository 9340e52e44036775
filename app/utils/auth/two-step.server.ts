// Two-step sign-in as a requirement: whether a person has it, and the organization's rule that
// admins and staff must pass it before any page but its setup. The codes themselves are checked in
// app/models/two-factor/codes.server.ts.
import { redirect } from "@remix-run/node";
import { and, eq, isNotNull } from "drizzle-orm";
import { organizationSettings, twoFactorCredentials } from "../../../db/schema";
import { db } from "../db.server";
import type { ActiveMembership } from "../../models/membership.server";

/** Whether the person has confirmed two-step sign-in (an unconfirmed setup does not count). */
export function hasTwoFactor(userId: string) {
  return Boolean(
    db
      .select({ userId: twoFactorCredentials.userId })
      .from(twoFactorCredentials)
      .where(and(eq(twoFactorCredentials.userId, userId), isNotNull(twoFactorCredentials.confirmedAt)))
      .get(),
  );
}

export const TWO_FACTOR_SETUP_PATH = "/account/two-step";

function organizationRequiresTwoFactor(organizationId: string) {
  const row = db
    .select({ required: organizationSettings.requireTwoFactorForStaff })
    .from(organizationSettings)
    .where(eq(organizationSettings.organizationId, organizationId))
    .get();
  return row?.required ?? false;
}

/**
 * When the organization requires two-step sign-in, an admin or staff member's session must have
 * passed it. Someone who has not set it up yet may open only the setup page (and sign out, which
 * needs no membership check); setting it up there marks the session.
 */
export function assertTwoFactorWhereRequired(
  request: Request,
  session: { secondFactorAt: number | null },
  membership: ActiveMembership,
) {
  if (membership.role === "consultant") return;
  if (session.secondFactorAt !== null) return;
  if (!organizationRequiresTwoFactor(membership.organizationId)) return;
  const path = new URL(request.url).pathname.replace(/\.data$/, "");
  if (path === TWO_FACTOR_SETUP_PATH) return;
  throw redirect(`${TWO_FACTOR_SETUP_PATH}?required=1`);
}
