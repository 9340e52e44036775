// Finding an engagement of the organization: shared by the engagement's editing, status, reads and
// the consultant's own view of it.
import { and, eq } from "drizzle-orm";
import { engagements } from "../../../db/schema";
import type { Executor } from "../../utils/db.server";
import { NotFoundError } from "../errors";

export function findEngagement(tx: Executor, organizationId: string, engagementId: string) {
  const row = tx
    .select()
    .from(engagements)
    .where(and(eq(engagements.id, engagementId), eq(engagements.organizationId, organizationId)))
    .get();
  if (!row) throw new NotFoundError("common:engagementRules.notFound");
  return row;
}
