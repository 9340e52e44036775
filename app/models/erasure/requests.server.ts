// A consultant's request to be forgotten (ADR 009): asked in the portal or some other way, listed
// for the admins, and where it stands for one consultant. Carrying it out is ./forget.server.ts.
import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import { consultants, erasureRequests, payments, users } from "../../../db/schema";
import { db, type Executor } from "../../utils/db.server";
import { recordAudit } from "../../utils/audit.server";
import { composeEmailForEveryLanguage, deliverEmail, enqueueEmail } from "../../utils/email.server";
import { NotFoundError } from "../errors";
import { notificationLanguage } from "../language.server";
import { requireOwnConsultantId } from "../consultant/own.server";
import { activeAdminInboxes } from "../membership.server";

/** How long payment records are kept, in years, in the words the portal uses (ADR 009). */
export const PAYMENT_RECORD_YEARS = 4;

// --- The consultant's request ----------------------------------------------------------------

function pendingRequest(tx: Executor, organizationId: string, consultantId: string) {
  return tx
    .select({ id: erasureRequests.id, channel: erasureRequests.channel, createdAt: erasureRequests.createdAt })
    .from(erasureRequests)
    .where(
      and(
        eq(erasureRequests.organizationId, organizationId),
        eq(erasureRequests.consultantId, consultantId),
        eq(erasureRequests.status, "pending"),
      ),
    )
    .get();
}

/** The signed-in consultant's open request, if they have made one. */
export function ownErasureRequest(organizationId: string, userId: string) {
  const own = { id: requireOwnConsultantId(db, organizationId, userId) };
  return pendingRequest(db, organizationId, own.id) ?? null;
}

/**
 * Records the signed-in consultant's request and lets the organization's admins know, by an email
 * that says only that a request waits. Asking twice keeps the first request.
 */
export async function requestErasure(args: { organizationId: string; userId: string }) {
  const composedIn = await composeEmailForEveryLanguage({ template: "staff-notice", path: "/admin/erasure-requests" });
  const result = db.transaction((tx) => {
    const own = { id: requireOwnConsultantId(tx, args.organizationId, args.userId) };
    const existing = pendingRequest(tx, args.organizationId, own.id);
    if (existing) return { requestId: existing.id, created: false, outboxIds: [] as string[] };
    const request = tx
      .insert(erasureRequests)
      .values({
        organizationId: args.organizationId,
        consultantId: own.id,
        channel: "portal",
        requestedByUserId: args.userId,
      })
      .returning({ id: erasureRequests.id })
      .get();
    recordAudit(tx, {
      actorUserId: args.userId,
      organizationId: args.organizationId,
      action: "consultant.erasure_requested",
      subjectType: "consultant",
      subjectId: own.id,
    });
    const outboxIds = activeAdminInboxes(tx, args.organizationId).map((admin) =>
      enqueueEmail(tx, admin.email, composedIn(notificationLanguage({ userLanguage: admin.language }))),
    );
    return { requestId: request.id, created: true, outboxIds };
  });
  for (const id of result.outboxIds) void deliverEmail(id);
  return { requestId: result.requestId, created: result.created };
}

// --- What staff see -------------------------------------------------------------------------

/** Open requests, oldest first, for the admins' list. */
export function listPendingErasureRequests(organizationId: string) {
  return db
    .select({
      id: erasureRequests.id,
      consultantId: erasureRequests.consultantId,
      preferredName: consultants.preferredName,
      channel: erasureRequests.channel,
      createdAt: erasureRequests.createdAt,
    })
    .from(erasureRequests)
    .innerJoin(consultants, eq(consultants.id, erasureRequests.consultantId))
    .where(and(eq(erasureRequests.organizationId, organizationId), eq(erasureRequests.status, "pending")))
    .orderBy(erasureRequests.createdAt)
    .all();
}

/** Records erased lately, for the same page: who did it and when, nothing of what was erased. */
export function listRecentErasures(organizationId: string) {
  return db
    .select({
      consultantId: consultants.id,
      preferredName: consultants.preferredName,
      erasedAt: consultants.erasedAt,
      erasedByName: users.preferredName,
    })
    .from(consultants)
    .leftJoin(users, eq(users.id, consultants.erasedByUserId))
    .where(and(eq(consultants.organizationId, organizationId), isNotNull(consultants.erasedAt)))
    .orderBy(desc(consultants.erasedAt))
    .limit(20)
    .all();
}

/** For a consultant's page: whether they asked, and whether the record is already erased. */
export function erasureStatus(organizationId: string, consultantId: string) {
  const record = db
    .select({
      id: consultants.id,
      preferredName: consultants.preferredName,
      pronouns: consultants.pronouns,
      erasedAt: consultants.erasedAt,
    })
    .from(consultants)
    .where(and(eq(consultants.id, consultantId), eq(consultants.organizationId, organizationId)))
    .get();
  if (!record) throw new NotFoundError("common:erasureRules.consultantNotFound");
  const paymentCount =
    db
      .select({ n: sql<number>`count(*)` })
      .from(payments)
      .where(and(eq(payments.organizationId, organizationId), eq(payments.consultantId, consultantId)))
      .get()?.n ?? 0;
  return { ...record, request: pendingRequest(db, organizationId, consultantId) ?? null, paymentCount };
}
