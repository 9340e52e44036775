// Demo portal invitation: Tomás (onboarding, email safe, no portal account yet) was invited two
// days ago and has not answered, so his record shows "invited on … · expires …" with revoke and
// a new link. The link itself is never known: only a digest of a random token is stored, as for
// every invitation, so nobody can use it; "Make a new link" gives staff one that works.
import { addDays, subDays } from "date-fns";
import { and, eq } from "drizzle-orm";
import { consultants, invitations } from "../schema";
import { INVITATION_VALID_DAYS } from "../../app/models/invitation/send.server";
import type { Executor } from "../../app/utils/db.server";
import { generateToken, sha256 } from "../../app/utils/tokens.server";

const PENDING: Record<string, { consultant: string; email: string; invitedDaysAgo: number }[]> = {
  "Harbor Light Collective": [{ consultant: "tomas", email: "tomas@example.test", invitedDaysAgo: 2 }],
};

export function ensureDemoInvitations(tx: Executor, organizationId: string, orgName: string, inviterUserId: string) {
  for (const demo of PENDING[orgName] ?? []) {
    const consultant = tx
      .select({ id: consultants.id, userId: consultants.userId })
      .from(consultants)
      .where(
        and(eq(consultants.organizationId, organizationId), eq(consultants.creationKey, `demo:${demo.consultant}`)),
      )
      .get();
    if (!consultant || consultant.userId) continue;
    const existing = tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(invitations.organizationId, organizationId), eq(invitations.consultantId, consultant.id)))
      .get();
    if (existing) continue;
    const invitedAt = subDays(new Date(), demo.invitedDaysAgo);
    tx.insert(invitations)
      .values({
        organizationId,
        email: demo.email,
        role: "consultant",
        tokenHash: sha256(generateToken()),
        invitedByUserId: inviterUserId,
        consultantId: consultant.id,
        expiresAt: addDays(invitedAt, INVITATION_VALID_DAYS),
        createdAt: invitedAt,
      })
      .run();
  }
}
