// Demo letter of experience: Ana asked for a letter naming the organization (not her pay), and Dana
// signed it 20 days ago. Its words are written as issue writes them. No code is kept for it: like
// every copy's code, only a digest would be stored, so Ana makes a copy from the portal ("Make a copy
// to print") to get a code that /verify confirms.
import { subDays } from "date-fns";
import { and, eq } from "drizzle-orm";
import { consultants, experienceLetters, users } from "../schema";
import { experienceStatement } from "../../app/models/experience/record.server";
import { isoDay } from "../../app/utils/day";
import type { Executor } from "../../app/utils/db.server";

const LETTERS: Record<string, { consultant: string; signer: string; title: string; daysAgo: number }[]> = {
  "Harbor Light Collective": [{ consultant: "ana", signer: "admin@demo.test", title: "Program Director", daysAgo: 20 }],
};

export function ensureDemoExperienceLetters(tx: Executor, organizationId: string, orgName: string) {
  for (const demo of LETTERS[orgName] ?? []) {
    const consultant = tx
      .select({ id: consultants.id, userId: consultants.userId })
      .from(consultants)
      .where(
        and(eq(consultants.organizationId, organizationId), eq(consultants.creationKey, `demo:${demo.consultant}`)),
      )
      .get();
    if (!consultant) continue;
    const existing = tx
      .select({ id: experienceLetters.id })
      .from(experienceLetters)
      .where(eq(experienceLetters.consultantId, consultant.id))
      .get();
    if (existing) continue;
    const signer = tx
      .select({ id: users.id, name: users.preferredName })
      .from(users)
      .where(eq(users.email, demo.signer))
      .get()!;
    const choices = { includePay: false, includeOrganization: true };
    const issuedAt = subDays(new Date(), demo.daysAgo);
    tx.insert(experienceLetters)
      .values({
        organizationId,
        consultantId: consultant.id,
        status: "issued",
        ...choices,
        requestedByUserId: consultant.userId,
        requestedAt: subDays(issuedAt, 2),
        issuedByUserId: signer.id,
        issuedAt,
        issuedOn: isoDay(issuedAt),
        signerName: signer.name,
        signerTitle: demo.title,
        statement: experienceStatement(tx, organizationId, consultant.id, choices),
      })
      .run();
  }
}
