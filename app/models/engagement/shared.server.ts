// Finding an engagement of the organization: shared by the engagement's editing, status and reads.
import { and, eq } from "drizzle-orm";
import { engagements } from "../../../db/schema";
import { type Executor } from "../../utils/db.server";
import { NotFoundError } from "../errors";

export function findEngagement(tx: Executor, organizationId: string, engagementId: string) {
  const row = tx
    .select()
    .from(engagements)
    .where(and(eq(engagements.id, engagementId), eq(engagements.organizationId, organizationId)))
    .get();
  if (!row) throw new NotFoundError("We could not find that engagement.");
  return row;
}
