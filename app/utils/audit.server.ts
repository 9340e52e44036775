import { auditEvents } from "../../db/schema";
import type { Executor } from "./db.server";

export type AuditEntry = {
  actorUserId: string | null;
  organizationId: string | null;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  /** Names of the fields that changed. Never pass values. */
  changedFields?: string[];
};

/**
 * Writes an audit event. Call it with the transaction that makes the change, so the change and
 * its record commit or fail together.
 */
export function recordAudit(tx: Executor, entry: AuditEntry) {
  tx.insert(auditEvents)
    .values({
      actorUserId: entry.actorUserId,
      organizationId: entry.organizationId,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId ?? null,
      changedFields: entry.changedFields ?? [],
    })
    .run();
}
