// The signed-in consultant's own record: the one lookup every portal action starts from. A person
// reaches only the record linked to their own account in the organization they are signed in to.
import { and, eq } from "drizzle-orm";
import { consultants } from "../../db/schema";
import type { Executor } from "../utils/db.server";
import { NotFoundError } from "./errors";

export const NO_PROFILE_MESSAGE = "Your profile is not set up yet. Please ask your contact person.";

/** The id of the signed-in person's consultant record in the organization, if they have one. */
export function findOwnConsultantId(tx: Executor, organizationId: string, userId: string): string | undefined {
  return tx
    .select({ id: consultants.id })
    .from(consultants)
    .where(and(eq(consultants.organizationId, organizationId), eq(consultants.userId, userId)))
    .get()?.id;
}

/** As `findOwnConsultantId`, refusing with "not set up yet" when there is no record. */
export function requireOwnConsultantId(tx: Executor, organizationId: string, userId: string): string {
  const id = findOwnConsultantId(tx, organizationId, userId);
  if (!id) throw new NotFoundError(NO_PROFILE_MESSAGE);
  return id;
}
