// What a consultant says about one of their own payments in "My pay": they need it now, they will
// wait for it, they do not want it, or they take a choice back. Each is audited; the ones the
// people who pay must act on are also emailed to them, with nothing in the email but a link.
import { and, eq, gt } from "drizzle-orm";
import { subHours } from "date-fns";
import { auditEvents, engagements, payments } from "../../../db/schema";
import { recordAudit } from "../../utils/audit.server";
import { db, type Executor } from "../../utils/db.server";
import { composeEmailForEveryLanguage, deliverEmail, enqueueEmail } from "../../utils/email.server";
import { isPaymentNeededNow } from "./needed-now.server";
import { NotFoundError, RuleError } from "../errors";
import { findOwnConsultantId } from "../consultant/own.server";
import { activeColleagues } from "../membership.server";
import { notificationLanguage } from "../language.server";

const NOT_FOUND = "common:payChoice.notFound";
export const PAID_MESSAGE = "common:payChoice.paid";
export const CLOSED_MESSAGE = "common:payChoice.closed";

type Own = { organizationId: string; userId: string; paymentId: string };

/** One of the signed-in consultant's own payments in their active organization; anyone else's is not found. */
function ownPayment(tx: Executor, args: Own) {
  const consultantId = findOwnConsultantId(tx, args.organizationId, args.userId);
  const row = tx
    .select({
      id: payments.id,
      status: payments.status,
      consultantChoice: payments.consultantChoice,
      neededNowAt: payments.neededNowAt,
      createdByUserId: payments.createdByUserId,
    })
    .from(payments)
    .where(
      and(
        eq(payments.id, args.paymentId),
        eq(payments.organizationId, args.organizationId),
        eq(payments.consultantId, consultantId ?? ""),
      ),
    )
    .get();
  if (!consultantId || !row) throw new NotFoundError(NOT_FOUND);
  return row;
}

/** A choice can be made or taken back while the payment is still to be paid: not once paid or void. */
function assertOpen(p: { status: string }) {
  if (p.status === "paid") throw new RuleError(null, PAID_MESSAGE);
  if (p.status === "void") throw new RuleError(null, CLOSED_MESSAGE);
}

/**
 * Who is told: the organization's active admins (they approve and pay) and whoever recorded the
 * payment, if they still work there. Their own work addresses; the consultant's are never used here.
 */
function peopleWhoPay(tx: Executor, organizationId: string, recordedBy: string | null) {
  const rows = activeColleagues(organizationId, tx).filter((r) => r.role === "admin" || r.userId === recordedBy);
  return rows.map((r) => ({ email: r.email, language: notificationLanguage({ userLanguage: r.preferredLanguage }) }));
}

/** What the people who pay are emailed about: each kind at most once a day per payment. */
type Notice = "needed_now" | "declined" | "wanted_again";
// The notice says only "you have an update", and the change shows in their lists at once: tapping
// back and forth between choices must not flood the inboxes of the people who pay.
const STAFF_NOTICE_EVERY_HOURS = 24;
export const staffToldAction = (notice: Notice) => `payment.staff_told.${notice}`;

/** Whether the people who pay were emailed this kind of notice about this payment within the last day. */
function staffToldRecently(tx: Executor, args: Own, notice: Notice) {
  return Boolean(
    tx
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.organizationId, args.organizationId),
          eq(auditEvents.subjectType, "payment"),
          eq(auditEvents.subjectId, args.paymentId),
          eq(auditEvents.action, staffToldAction(notice)),
          gt(auditEvents.occurredAt, subHours(new Date(), STAFF_NOTICE_EVERY_HOURS)),
        ),
      )
      .get(),
  );
}

/**
 * Runs one change of a consultant's own payment and, when `tell` says so, queues the neutral staff
 * notice (no name, amount or date: a link to the payments list) in the same transaction, at most
 * once a day per payment (the change itself always shows in their lists at once). The email is
 * composed first because rendering is async and a transaction is not.
 */
async function changeOwnPayment(
  args: Own,
  change: (tx: Executor, p: ReturnType<typeof ownPayment>) => { changed: boolean; tell: Notice | null },
) {
  const composedIn = await composeEmailForEveryLanguage({ template: "staff-notice", path: "/payments" });
  const result = db.transaction((tx) => {
    const p = ownPayment(tx, args);
    const { changed, tell } = change(tx, p);
    const notify = changed && tell !== null && !staffToldRecently(tx, args, tell);
    const outboxIds = notify
      ? peopleWhoPay(tx, args.organizationId, p.createdByUserId).map((to) =>
          enqueueEmail(tx, to.email, composedIn(to.language)),
        )
      : [];
    if (notify) audit(tx, args, staffToldAction(tell), []);
    return { changed, outboxIds };
  });
  for (const id of result.outboxIds) void deliverEmail(id);
  return result.changed;
}

function audit(tx: Executor, args: Own, action: string, fields: string[]) {
  recordAudit(tx, {
    actorUserId: args.userId,
    organizationId: args.organizationId,
    action,
    subjectType: "payment",
    subjectId: args.paymentId,
    changedFields: fields,
  });
}

/**
 * "I need it now": the payment goes first in the payments list and into the "Needs you" list of
 * the people who pay it, and they are emailed. It replaces a choice to wait or to say no. Asking
 * again changes nothing and emails nobody; says whether this call asked.
 */
export function requestPaymentNow(args: Own) {
  return changeOwnPayment(args, (tx, p) => {
    assertOpen(p);
    if (isPaymentNeededNow(p)) return { changed: false, tell: null };
    tx.update(payments)
      .set({ neededNowAt: new Date(), consultantChoice: null, updatedAt: new Date() })
      .where(eq(payments.id, p.id))
      .run();
    audit(tx, args, "payment.needed_now", ["neededNowAt", ...(p.consultantChoice ? ["consultantChoice"] : [])]);
    return { changed: true, tell: "needed_now" };
  });
}

/**
 * The consultant gives up the payment's fee (benefits, or any reason of theirs), after a
 * confirmation page. Reimbursed costs are not part of that choice. The people who pay are told.
 * Taken back with `takeBackOwnChoice` until the payment is made void. Says whether this call declined.
 */
export function declineOwnPayment(args: Own) {
  return changeOwnPayment(args, (tx, p) => {
    assertOpen(p);
    if (p.consultantChoice === "declined") return { changed: false, tell: null };
    tx.update(payments)
      .set({ consultantChoice: "declined", neededNowAt: null, updatedAt: new Date() })
      .where(eq(payments.id, p.id))
      .run();
    audit(tx, args, "payment.choice_recorded", ["consultantChoice", ...(p.neededNowAt ? ["neededNowAt"] : [])]);
    return { changed: true, tell: "declined" };
  });
}

/** "Pay me later": nobody has to act on it, so nobody is emailed. */
export function deferOwnPayment(args: Own) {
  return changeOwnPayment(args, (tx, p) => {
    assertOpen(p);
    if (p.consultantChoice === "deferred") return { changed: false, tell: null };
    tx.update(payments)
      .set({ consultantChoice: "deferred", neededNowAt: null, updatedAt: new Date() })
      .where(eq(payments.id, p.id))
      .run();
    audit(tx, args, "payment.choice_recorded", ["consultantChoice", ...(p.neededNowAt ? ["neededNowAt"] : [])]);
    return { changed: true, tell: null };
  });
}

/**
 * "I want this payment after all": takes back a choice to wait or to say no. Taking back a "no"
 * is told to the people who pay, who may have been about to close the payment.
 */
export function takeBackOwnChoice(args: Own) {
  return changeOwnPayment(args, (tx, p) => {
    assertOpen(p);
    if (!p.consultantChoice) return { changed: false, tell: null };
    tx.update(payments).set({ consultantChoice: null, updatedAt: new Date() }).where(eq(payments.id, p.id)).run();
    audit(tx, args, "payment.choice_recorded", ["consultantChoice"]);
    return { changed: true, tell: p.consultantChoice === "declined" ? "wanted_again" : null };
  });
}

/** What the confirmation page before giving up a payment shows: the consultant's own payment only. */
export function ownPaymentToDecline(args: Own) {
  const p = ownPayment(db, args);
  const row = db
    .select({
      feeCents: payments.feeCents,
      expensesCents: payments.expensesCents,
      engagementTitle: engagements.title,
    })
    .from(payments)
    .innerJoin(engagements, eq(engagements.id, payments.engagementId))
    .where(eq(payments.id, p.id))
    .get()!;
  return { id: p.id, status: p.status, consultantChoice: p.consultantChoice, ...row };
}
