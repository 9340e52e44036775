// What the consultant record's two sides (staff and the consultant themselves) share: the columns a
// consultant sees of their own record, and the checks every profile write makes.
import { and, eq } from "drizzle-orm";
import { consultants, type Role } from "../../../db/schema";
import type { Executor } from "../../utils/db.server";
import { sealedConsultantColumns } from "../consultant-fields.server";
import { RuleError } from "../errors";

export type Actor = { userId: string; role: Role };

// What the consultant may see and change about themselves in the portal.
export const selfColumns = {
  id: consultants.id,
  status: consultants.status,
  preferredName: consultants.preferredName,
  pronouns: consultants.pronouns,
  email: consultants.email,
  preferredChannel: consultants.preferredChannel,
  emailSafety: consultants.emailSafety,
  phoneSafety: consultants.phoneSafety,
  textSafety: consultants.textSafety,
  mailSafety: consultants.mailSafety,
  languages: consultants.languages,
  location: consultants.location,
  availability: consultants.availability,
  interpreterLanguage: consultants.interpreterLanguage,
  needsChildcare: consultants.needsChildcare,
  needsTransport: consultants.needsTransport,
  paymentMethod: consultants.paymentMethod,
  wantsBenefitsNote: consultants.wantsBenefitsNote,
  updatedAt: consultants.updatedAt,
  ...sealedConsultantColumns("phone", "accessNeeds", "supportPerson"),
};

export function assertEmailFree(tx: Executor, organizationId: string, email: string | null, exceptId?: string) {
  if (!email) return;
  const taken = tx
    .select({ id: consultants.id })
    .from(consultants)
    .where(and(eq(consultants.organizationId, organizationId), eq(consultants.email, email)))
    .get();
  if (taken && taken.id !== exceptId) {
    throw new RuleError("email", "common:consultantRules.emailTaken");
  }
}

export const STALE_FORM_MESSAGE = "common:consultantRules.staleForm";

export function assertNotStale(current: { updatedAt: Date }, expectedVersion: number | undefined) {
  if (expectedVersion !== undefined && current.updatedAt.getTime() !== expectedVersion) {
    throw new RuleError(null, STALE_FORM_MESSAGE);
  }
}

export function changedFieldNames(before: Record<string, unknown>, after: Record<string, unknown>) {
  return Object.keys(after).filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null));
}
