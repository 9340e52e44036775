import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { auditEvents, users } from "../../db/schema";
import { db } from "../utils/db.server";

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilters = {
  action?: string;
  actorUserId?: string;
  subjectType?: string;
  /** Inclusive start, UTC midnight. */
  from?: Date;
  /** Exclusive end. */
  until?: Date;
  page: number;
};

export function listAuditEvents(organizationId: string, filters: AuditFilters) {
  const conditions: SQL[] = [eq(auditEvents.organizationId, organizationId)];
  if (filters.action) conditions.push(eq(auditEvents.action, filters.action));
  if (filters.actorUserId) conditions.push(eq(auditEvents.actorUserId, filters.actorUserId));
  if (filters.subjectType) conditions.push(eq(auditEvents.subjectType, filters.subjectType));
  if (filters.from) conditions.push(gte(auditEvents.occurredAt, filters.from));
  if (filters.until) conditions.push(lt(auditEvents.occurredAt, filters.until));
  const where = and(...conditions);

  const rows = db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      action: auditEvents.action,
      subjectType: auditEvents.subjectType,
      subjectId: auditEvents.subjectId,
      changedFields: auditEvents.changedFields,
      actorName: users.preferredName,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(where)
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((filters.page - 1) * AUDIT_PAGE_SIZE)
    .all();
  return { events: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
}

/** The values the filter menus offer: what actually occurs in this organization's log. */
export function auditFilterOptions(organizationId: string) {
  const actions = db
    .selectDistinct({ value: auditEvents.action })
    .from(auditEvents)
    .where(eq(auditEvents.organizationId, organizationId))
    .orderBy(auditEvents.action)
    .all()
    .map((r) => r.value);
  const subjectTypes = db
    .selectDistinct({ value: auditEvents.subjectType })
    .from(auditEvents)
    .where(eq(auditEvents.organizationId, organizationId))
    .orderBy(auditEvents.subjectType)
    .all()
    .map((r) => r.value);
  const actors = db
    .selectDistinct({ id: users.id, name: users.preferredName })
    .from(auditEvents)
    .innerJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(eq(auditEvents.organizationId, organizationId))
    .orderBy(sql`${users.preferredName} collate nocase`)
    .all();
  return { actions, subjectTypes, actors };
}
