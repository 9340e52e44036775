import { differenceInCalendarDays, parseISO } from "date-fns";
import { and, asc, between, desc, eq, inArray, isNotNull, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import {
  checklistItems,
  consultantChecklistEntries,
  consultants,
  engagementAgreements,
  engagements,
  memberships,
  payments,
  PAYMENT_METHODS,
  programs,
  RATE_KINDS,
  taxYearThresholds,
  timeEntries,
  type PaymentMethod,
} from "../../db/schema";
import { db, type Executor } from "../utils/db.server";
import { recordAudit } from "../utils/audit.server";
import { openConsultantFields, sealedConsultantColumns } from "./consultant-fields.server";
import { isPaymentNeededNow, neededNowFirst } from "./payment-needed-now.server";
import { defaultNecThresholdCents, feeForHours, formatCents } from "../utils/money";
import { isoDay } from "../utils/day";
import { dueDateFor, isPaymentOverdue, paymentOverdue } from "./payment-due.server";
import { FUTURE_PAID_DATE_MESSAGE, UNDECIDED_METHOD_MESSAGE } from "../utils/payment-schema";
import { NotFoundError, RuleError } from "./errors";
import { findOwnConsultantId } from "./consultant/own.server";

function findEngagementForPayment(tx: Executor, organizationId: string, engagementId: string) {
  const row = tx
    .select({
      id: engagements.id,
      consultantId: engagements.consultantId,
      status: engagements.status,
      rateKind: engagements.rateKind,
      rateCents: engagements.rateCents,
      completedAt: engagements.completedAt,
      paymentDueDays: engagements.paymentDueDays,
      cancellationFeeCents: engagements.cancellationFeeCents,
      title: engagements.title,
      consultantName: consultants.preferredName,
      preferredMethod: consultants.paymentMethod,
    })
    .from(engagements)
    .innerJoin(consultants, eq(consultants.id, engagements.consultantId))
    // The unary + keeps SQLite from reading the organization's engagements through an index on
    // organization_id (which it chose, from the statistics, over the one row the id finds).
    .where(and(eq(engagements.id, engagementId), sql`+${engagements.organizationId} = ${organizationId}`))
    .get();
  if (!row) throw new NotFoundError("We could not find that engagement.");
  return row;
}

/** Approved hours of an engagement, counting a correction instead of the entry it corrects. */
function approvedHundredths(tx: Executor, engagementId: string) {
  const rows = tx
    .select({
      id: timeEntries.id,
      hundredths: timeEntries.hundredths,
      corrects: timeEntries.correctsEntryId,
      workDate: timeEntries.workDate,
    })
    .from(timeEntries)
    .where(and(eq(timeEntries.engagementId, engagementId), eq(timeEntries.status, "approved")))
    .all();
  const replaced = new Set(rows.map((r) => r.corrects).filter(Boolean));
  const counted = rows.filter((r) => !replaced.has(r.id));
  return {
    hundredths: counted.reduce((sum, r) => sum + r.hundredths, 0),
    days: new Set(counted.map((r) => r.workDate)).size,
  };
}

function paidOrPendingFees(tx: Executor, engagementId: string) {
  return (
    tx
      .select({ total: sql<number>`coalesce(sum(${payments.feeCents}), 0)` })
      .from(payments)
      .where(and(eq(payments.engagementId, engagementId), ne(payments.status, "void")))
      .get()?.total ?? 0
  );
}

/** Fees of the engagement's approved and paid payments, leaving one payment out. */
function approvedOrPaidFees(tx: Executor, engagementId: string, exceptPaymentId: string) {
  return (
    tx
      .select({ total: sql<number>`coalesce(sum(${payments.feeCents}), 0)` })
      .from(payments)
      .where(
        and(
          eq(payments.engagementId, engagementId),
          inArray(payments.status, ["approved", "paid"]),
          ne(payments.id, exceptPaymentId),
        ),
      )
      .get()?.total ?? 0
  );
}

type RateTerms = { rateKind: (typeof RATE_KINDS)[number]; rateCents: number };

/**
 * The pay terms of the newest version the consultant accepted, word for word as they saw them,
 * or undefined when they never accepted any. Staff may have changed the rate since: until the
 * consultant accepts the change, what they agreed to is what they are owed.
 */
function lastAcceptedRate(tx: Executor, engagementId: string): RateTerms | undefined {
  const row = tx
    .select({ termsSnapshot: engagementAgreements.termsSnapshot })
    .from(engagementAgreements)
    .where(and(eq(engagementAgreements.engagementId, engagementId), eq(engagementAgreements.decision, "accepted")))
    // Newest first; rowid breaks ties between answers given in the same millisecond.
    .orderBy(desc(engagementAgreements.decidedAt), desc(sql`rowid`))
    .get();
  if (!row) return undefined;
  const { rateKind, rateCents } = row.termsSnapshot;
  const known = (RATE_KINDS as readonly unknown[]).includes(rateKind) && Number.isSafeInteger(rateCents);
  return known ? { rateKind: rateKind as RateTerms["rateKind"], rateCents: rateCents as number } : undefined;
}

const NOT_ACCEPTED_MESSAGE =
  "The consultant has not accepted this work yet, so there is nothing to pay. Record a payment once they accept.";
const NO_CANCELLATION_FEE_MESSAGE =
  "This engagement was cancelled without a cancellation fee, so there is nothing to pay.";

type PayableFacts = { id: string; status: string; cancellationFeeCents: number | null };

/**
 * Why nothing at all can be paid for this engagement, or null. Work the consultant never accepted
 * has nothing to pay; proposed work they accepted before staff changed its terms is still owed
 * what was done under the accepted terms. Cancelled work is owed its cancellation fee only.
 */
function nothingToPayReason(tx: Executor, e: PayableFacts) {
  if (e.status === "proposed" && !lastAcceptedRate(tx, e.id)) return NOT_ACCEPTED_MESSAGE;
  if (e.status === "cancelled" && !((e.cancellationFeeCents ?? 0) > 0)) return NO_CANCELLATION_FEE_MESSAGE;
  return null;
}

/**
 * For cancelled work, fees (not reimbursed expenses) stay within the cancellation fee, counting
 * `otherFees` that other payments already take of it.
 */
function cancellationFeeExceeded(e: PayableFacts, feeCents: number, otherFees: number) {
  if (e.status !== "cancelled") return null;
  const cap = e.cancellationFeeCents ?? 0;
  if (otherFees + feeCents <= cap) return null;
  return (
    `This engagement was cancelled with a cancellation fee of ${formatCents(cap)}` +
    (otherFees > 0 ? `, and other payments already take ${formatCents(otherFees)} of it` : "") +
    `. The fee can be at most ${formatCents(Math.max(0, cap - otherFees))}.`
  );
}

/**
 * What is still owed for an engagement: approved time × rate for hourly work, approved days ×
 * rate for daily work, the fee for a flat fee or honorarium (or the cancellation fee), minus fees
 * already recorded. The rate is the one the consultant last accepted. Never below zero.
 */
export function suggestedFeeCents(organizationId: string, engagementId: string) {
  const e = findEngagementForPayment(db, organizationId, engagementId);
  const accepted = lastAcceptedRate(db, engagementId);
  if (e.status === "proposed" && !accepted) return 0;
  const terms: RateTerms = accepted ?? e;
  const worked = approvedHundredths(db, engagementId);
  const earned =
    e.status === "cancelled"
      ? (e.cancellationFeeCents ?? 0)
      : terms.rateKind === "hourly"
        ? feeForHours(terms.rateCents, worked.hundredths)
        : terms.rateKind === "daily"
          ? terms.rateCents * worked.days
          : terms.rateCents;
  return Math.max(0, earned - paidOrPendingFees(db, engagementId));
}

export function paymentFormFacts(organizationId: string, engagementId: string) {
  const e = findEngagementForPayment(db, organizationId, engagementId);
  return {
    nothingToPayReason: nothingToPayReason(db, e),
    engagementId: e.id,
    title: e.title,
    consultantName: e.consultantName,
    status: e.status,
    suggestedFeeCents: suggestedFeeCents(organizationId, engagementId),
    defaultMethod: e.preferredMethod,
    // Shown, not asked: it follows from the terms and the completion date.
    dueDate: dueDateFor(e),
    paymentDueDays: e.paymentDueDays,
  };
}

/**
 * Staff record a payment as pending; the same form sent twice records one. Its due date is the
 * engagement's (dueDateFor), however late the payment is recorded.
 */
export function createPayment(args: {
  organizationId: string;
  actorUserId: string;
  engagementId: string;
  feeCents: number;
  expensesCents: number;
  method?: PaymentMethod | null;
  creationKey: string;
}) {
  return db.transaction((tx) => {
    const existing = tx
      .select({ id: payments.id })
      .from(payments)
      .where(and(eq(payments.organizationId, args.organizationId), eq(payments.creationKey, args.creationKey)))
      .get();
    if (existing) return existing.id;
    const e = findEngagementForPayment(tx, args.organizationId, args.engagementId);
    const nothingToPay = nothingToPayReason(tx, e);
    if (nothingToPay) throw new RuleError("", nothingToPay);
    const tooMuch = cancellationFeeExceeded(e, args.feeCents, paidOrPendingFees(tx, e.id));
    if (tooMuch) throw new RuleError("fee", tooMuch);
    if (args.feeCents + args.expensesCents <= 0) {
      throw new RuleError("fee", "Enter a fee or expenses to reimburse.");
    }
    const created = tx
      .insert(payments)
      .values({
        organizationId: args.organizationId,
        engagementId: e.id,
        consultantId: e.consultantId,
        feeCents: args.feeCents,
        expensesCents: args.expensesCents,
        method: args.method ?? (PAYMENT_METHODS.includes(e.preferredMethod) ? e.preferredMethod : "undecided"),
        dueDate: dueDateFor(e),
        creationKey: args.creationKey,
        createdByUserId: args.actorUserId,
      })
      .returning({ id: payments.id })
      .get();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "payment.created",
      subjectType: "payment",
      subjectId: created.id,
      changedFields: ["feeCents", "expensesCents", "method", "dueDate"],
    });
    return created.id;
  });
}

function findPayment(tx: Executor, organizationId: string, paymentId: string) {
  const row = tx
    .select()
    .from(payments)
    .where(and(eq(payments.id, paymentId), eq(payments.organizationId, organizationId)))
    .get();
  if (!row) throw new NotFoundError("We could not find that payment.");
  return row;
}

function auditPayment(
  tx: Executor,
  organizationId: string,
  actorUserId: string,
  action: string,
  id: string,
  fields: string[],
) {
  recordAudit(tx, {
    actorUserId,
    organizationId,
    action,
    subjectType: "payment",
    subjectId: id,
    changedFields: fields,
  });
}

/**
 * A payment recorded before its engagement was cancelled may be more than the cancellation fee:
 * approving or paying it checks again, against what is already approved or paid.
 */
function assertStillPayable(tx: Executor, p: typeof payments.$inferSelect) {
  const e = tx
    .select({
      id: engagements.id,
      status: engagements.status,
      cancellationFeeCents: engagements.cancellationFeeCents,
    })
    .from(engagements)
    .where(eq(engagements.id, p.engagementId))
    .get()!;
  if (e.status !== "cancelled") return;
  const nothingToPay = nothingToPayReason(tx, e);
  if (nothingToPay) throw new RuleError("", `${nothingToPay} Make this payment void.`);
  const tooMuch = cancellationFeeExceeded(e, p.feeCents, approvedOrPaidFees(tx, e.id, p.id));
  if (tooMuch) {
    throw new RuleError("", `${tooMuch} Make this payment void and record one within the cancellation fee.`);
  }
}

export const SELF_APPROVAL_MESSAGE = "Someone other than the person who recorded this payment must approve it.";

function activeAdminCount(tx: Executor, organizationId: string) {
  return (
    tx
      .select({ n: sql<number>`count(*)` })
      .from(memberships)
      .where(
        and(
          eq(memberships.organizationId, organizationId),
          eq(memberships.role, "admin"),
          isNull(memberships.deactivatedAt),
        ),
      )
      .get()?.n ?? 0
  );
}

/**
 * Admins approve a pending payment. Approving twice changes nothing; says whether this call
 * approved it. Two people handle money: whoever recorded a payment does not approve it, unless
 * they are the organization's only admin (a small team), which the audit log then shows.
 */
export function approvePayment(args: { organizationId: string; actorUserId: string; paymentId: string }) {
  return db.transaction((tx) => {
    const p = findPayment(tx, args.organizationId, args.paymentId);
    if (p.status === "approved" || p.status === "paid") return false;
    if (p.status === "void") throw new RuleError("", "A void payment cannot be approved.");
    const selfApproved = p.createdByUserId === args.actorUserId;
    if (selfApproved && activeAdminCount(tx, args.organizationId) > 1) {
      throw new RuleError("", SELF_APPROVAL_MESSAGE);
    }
    assertStillPayable(tx, p);
    tx.update(payments)
      .set({ status: "approved", approvedByUserId: args.actorUserId, approvedAt: new Date(), updatedAt: new Date() })
      .where(eq(payments.id, p.id))
      .run();
    auditPayment(tx, args.organizationId, args.actorUserId, "payment.approved", p.id, [
      "status",
      ...(selfApproved ? ["selfApproved"] : []),
    ]);
    return true;
  });
}

export const DECLINED_NOT_PAID_MESSAGE =
  "The consultant said they do not want this payment, so it cannot be marked paid. Their costs are still paid " +
  "back: record a payment of expenses only from the engagement’s page, then make this one void.";

/**
 * What stops a payment from counting as paid: money is paid by a real method, and on a day that
 * has come (a transfer planned for next week is not paid yet). The form says the same per field.
 */
export function paidPaymentProblem(p: { method: PaymentMethod; paidDate: string }, today: string) {
  if (p.method === "undecided") return new RuleError("method", UNDECIDED_METHOD_MESSAGE);
  if (p.paidDate > today) return new RuleError("paidDate", FUTURE_PAID_DATE_MESSAGE);
  return null;
}

/**
 * Admins mark an approved payment paid, with the date, the method it was paid by (when it differs
 * from the one recorded) and an optional reference. Marking it paid again changes nothing; says
 * whether this call marked it paid (and so whether to tell anyone).
 */
export function markPaymentPaid(args: {
  organizationId: string;
  actorUserId: string;
  paymentId: string;
  paidDate: string;
  method?: PaymentMethod;
  reference: string | null;
  today?: string;
}) {
  return db.transaction((tx) => {
    const p = findPayment(tx, args.organizationId, args.paymentId);
    if (p.status === "paid") return false;
    if (p.status !== "approved") {
      throw new RuleError("", "A payment must be approved before it is marked paid.");
    }
    if (p.consultantChoice === "declined") throw new RuleError("", DECLINED_NOT_PAID_MESSAGE);
    const method = args.method ?? p.method;
    const problem = paidPaymentProblem({ method, paidDate: args.paidDate }, args.today ?? isoDay(new Date()));
    if (problem) throw problem;
    assertStillPayable(tx, p);
    tx.update(payments)
      .set({
        status: "paid",
        method,
        paidDate: args.paidDate,
        reference: args.reference,
        paidByUserId: args.actorUserId,
        updatedAt: new Date(),
      })
      .where(eq(payments.id, p.id))
      .run();
    auditPayment(tx, args.organizationId, args.actorUserId, "payment.paid", p.id, [
      "status",
      "paidDate",
      "reference",
      ...(method !== p.method ? ["method"] : []),
    ]);
    return true;
  });
}

export function voidPayment(args: { organizationId: string; actorUserId: string; paymentId: string; reason: string }) {
  db.transaction((tx) => {
    const p = findPayment(tx, args.organizationId, args.paymentId);
    if (p.status === "void") return;
    if (p.status === "paid") throw new RuleError("", "A paid payment cannot be made void.");
    tx.update(payments)
      .set({ status: "void", voidReason: args.reason, updatedAt: new Date() })
      .where(eq(payments.id, p.id))
      .run();
    auditPayment(tx, args.organizationId, args.actorUserId, "payment.voided", p.id, ["status", "voidReason"]);
  });
}

/**
 * Records the consultant's choice to defer or decline a payment (because of benefits or any
 * other reason of theirs): a choice, never an error. `null` takes the choice back.
 */
export function recordPaymentChoice(args: {
  organizationId: string;
  actorUserId: string;
  paymentId: string;
  choice: "deferred" | "declined" | null;
}) {
  db.transaction((tx) => {
    const p = findPayment(tx, args.organizationId, args.paymentId);
    if (p.status === "paid" || p.status === "void") {
      throw new RuleError("", "This payment is already settled.");
    }
    // A choice to wait or say no replaces an earlier "I need it now" (as in app/models/payment-choice.server.ts).
    const clearsNeededNow = args.choice !== null && p.neededNowAt !== null;
    tx.update(payments)
      .set({ consultantChoice: args.choice, ...(clearsNeededNow ? { neededNowAt: null } : {}), updatedAt: new Date() })
      .where(eq(payments.id, p.id))
      .run();
    auditPayment(tx, args.organizationId, args.actorUserId, "payment.choice_recorded", p.id, [
      "consultantChoice",
      ...(clearsNeededNow ? ["neededNowAt"] : []),
    ]);
  });
}

export type PaymentFilters = {
  year?: number;
  status?: (typeof payments.$inferSelect)["status"];
  overdueOnly?: boolean;
};

const paymentListColumns = {
  id: payments.id,
  feeCents: payments.feeCents,
  expensesCents: payments.expensesCents,
  method: payments.method,
  status: payments.status,
  consultantChoice: payments.consultantChoice,
  neededNowAt: payments.neededNowAt,
  dueDate: payments.dueDate,
  paidDate: payments.paidDate,
  reference: payments.reference,
  voidReason: payments.voidReason,
  engagementId: payments.engagementId,
  engagementTitle: engagements.title,
  completedAt: engagements.completedAt,
  consultantId: payments.consultantId,
  consultantName: consultants.preferredName,
  programName: programs.name,
};

export function paymentFilterConditions(organizationId: string, filters: PaymentFilters, today: string) {
  const conditions: (SQL | undefined)[] = [eq(payments.organizationId, organizationId)];
  if (filters.status) conditions.push(eq(payments.status, filters.status));
  if (filters.year) {
    // A paid payment belongs to the year it was paid; an open one to the year it is due.
    conditions.push(
      sql`substr(coalesce(${payments.paidDate}, ${payments.dueDate}, ''), 1, 4) = ${String(filters.year)}`,
    );
  }
  if (filters.overdueOnly) conditions.push(paymentOverdue(today));
  return and(...conditions);
}

/**
 * The organization's payments matching the filters, those the consultant needs now first, then by
 * due date, `limit` of them from `offset`.
 * The page's ids are chosen from payments alone; only those few rows are then joined to their
 * engagement, consultant and program (joining first would join every matching payment to sort).
 */
export function listPayments(
  organizationId: string,
  filters: PaymentFilters,
  today = isoDay(new Date()),
  window: { limit: number; offset?: number } = { limit: 1000 },
) {
  const ids = db
    .select({ id: payments.id })
    .from(payments)
    .where(paymentFilterConditions(organizationId, filters, today))
    .orderBy(neededNowFirst(), asc(payments.dueDate), desc(payments.createdAt), asc(payments.id))
    .limit(window.limit)
    .offset(window.offset ?? 0)
    .all()
    .map((r) => r.id);
  return paymentRowsFor(organizationId, ids, today);
}

/** The organization's payments with these ids, in the order of the ids, as the lists show them. */
export function paymentRowsFor(organizationId: string, ids: string[], today: string) {
  if (ids.length === 0) return [];
  const position = new Map(ids.map((id, i) => [id, i]));
  return db
    .select(paymentListColumns)
    .from(payments)
    .innerJoin(engagements, eq(engagements.id, payments.engagementId))
    .innerJoin(consultants, eq(consultants.id, payments.consultantId))
    .innerJoin(programs, eq(programs.id, engagements.programId))
    .where(and(eq(payments.organizationId, organizationId), inArray(payments.id, ids)))
    .all()
    .sort((a, b) => position.get(a.id)! - position.get(b.id)!)
    .map((p) => ({
      ...p,
      overdue: isPaymentOverdue(p, today),
      neededNow: isPaymentNeededNow(p),
      // Days from the work being completed to being paid: how reliable the organization is.
      daysToPay: p.paidDate && p.completedAt ? differenceInCalendarDays(parseISO(p.paidDate), p.completedAt) : null,
    }));
}

/** How many of the organization's payments match the filters. */
export function countPayments(organizationId: string, filters: PaymentFilters, today = isoDay(new Date())) {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(payments)
      .where(paymentFilterConditions(organizationId, filters, today))
      .get()?.n ?? 0
  );
}

export function listPaymentsOfEngagement(organizationId: string, engagementId: string) {
  return db
    .select(paymentListColumns)
    .from(payments)
    .innerJoin(engagements, eq(engagements.id, payments.engagementId))
    .innerJoin(consultants, eq(consultants.id, payments.consultantId))
    .innerJoin(programs, eq(programs.id, engagements.programId))
    .where(and(eq(payments.organizationId, organizationId), eq(payments.engagementId, engagementId)))
    .orderBy(desc(payments.createdAt))
    .all();
}

export function getPayment(organizationId: string, paymentId: string) {
  const row = db
    .select(paymentListColumns)
    .from(payments)
    .innerJoin(engagements, eq(engagements.id, payments.engagementId))
    .innerJoin(consultants, eq(consultants.id, payments.consultantId))
    .innerJoin(programs, eq(programs.id, engagements.programId))
    .where(and(eq(payments.id, paymentId), eq(payments.organizationId, organizationId)))
    .get();
  if (!row) throw new NotFoundError("We could not find that payment.");
  return { ...row, overdue: isPaymentOverdue(row, isoDay(new Date())), neededNow: isPaymentNeededNow(row) };
}

// --- Tax-year totals -----------------------------------------------------------------------------

export function necThresholdCents(organizationId: string, taxYear: number) {
  const override = db
    .select({ cents: taxYearThresholds.thresholdCents })
    .from(taxYearThresholds)
    .where(and(eq(taxYearThresholds.organizationId, organizationId), eq(taxYearThresholds.taxYear, taxYear)))
    .get();
  return override?.cents ?? defaultNecThresholdCents(taxYear);
}

const paidInQuarter = (q: number) =>
  sql<number>`coalesce(sum(case when cast(substr(${payments.paidDate}, 6, 2) as integer) between ${q * 3 - 2} and ${q * 3} then ${payments.feeCents} end), 0)`;

export const TAX_YEAR_PAGE_SIZE = 100;

/**
 * Per consultant, what was paid in a calendar year: fees (income, for Form 1099-NEC) and
 * reimbursed expenses (not income) apart, fees per quarter, and whether the fees reach the year's
 * threshold and a W-9 is on file. The legal name is included for admins only. With `page`, only
 * that page's 100 consultants (by name; the page on screen), otherwise all of them (the CSV).
 */
export function taxYearTotals(args: {
  organizationId: string;
  taxYear: number;
  includeLegalName: boolean;
  page?: number;
}) {
  const threshold = necThresholdCents(args.organizationId, args.taxYear);
  const paidInTheYear = and(
    eq(payments.organizationId, args.organizationId),
    eq(payments.status, "paid"),
    sql`substr(${payments.paidDate}, 1, 4) = ${String(args.taxYear)}`,
  );
  const consultantCount =
    db
      .select({ n: sql<number>`count(distinct ${payments.consultantId})` })
      .from(payments)
      .where(paidInTheYear)
      .get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(consultantCount / TAX_YEAR_PAGE_SIZE));
  const page = args.page === undefined ? undefined : Math.min(Math.max(1, args.page), pageCount);
  const w9 = sql<number>`exists (select 1 from ${consultantChecklistEntries} e join ${checklistItems} i on i.id = e.item_id
    where e.consultant_id = ${payments.consultantId} and i.system_key = 'w9' and e.done_at is not null)`;
  const rows = db
    .select({
      consultantId: payments.consultantId,
      preferredName: consultants.preferredName,
      ...sealedConsultantColumns("legalName"),
      feesCents: sql<number>`sum(${payments.feeCents})`,
      expensesCents: sql<number>`sum(${payments.expensesCents})`,
      q1: paidInQuarter(1),
      q2: paidInQuarter(2),
      q3: paidInQuarter(3),
      q4: paidInQuarter(4),
      w9OnFile: w9.mapWith(Boolean),
    })
    .from(payments)
    .innerJoin(consultants, eq(consultants.id, payments.consultantId))
    .where(paidInTheYear)
    .groupBy(payments.consultantId)
    .orderBy(sql`${consultants.preferredName} collate nocase`, asc(payments.consultantId))
    .limit(page === undefined ? -1 : TAX_YEAR_PAGE_SIZE)
    .offset(page === undefined ? 0 : (page - 1) * TAX_YEAR_PAGE_SIZE)
    .all();
  return {
    taxYear: args.taxYear,
    thresholdCents: threshold,
    consultantCount,
    page: page ?? 1,
    pageCount: page === undefined ? 1 : pageCount,
    firstShown: page === undefined ? 1 : (page - 1) * TAX_YEAR_PAGE_SIZE + 1,
    rows: rows.map(({ legalName, ...row }) => ({
      ...row,
      // Decrypted only for admins: nobody else's request ever opens the sealed value.
      ...(args.includeLegalName
        ? openConsultantFields({ legalName }, { organizationId: args.organizationId, consultantId: row.consultantId })
        : {}),
      reachesThreshold: row.feesCents >= threshold,
    })),
  };
}

// --- The consultant's own pay ----------------------------------------------------------------

const ownPaymentColumns = {
  id: payments.id,
  feeCents: payments.feeCents,
  expensesCents: payments.expensesCents,
  method: payments.method,
  status: payments.status,
  consultantChoice: payments.consultantChoice,
  neededNowAt: payments.neededNowAt,
  dueDate: payments.dueDate,
  paidDate: payments.paidDate,
  engagementTitle: engagements.title,
};

// Filtering by the consultant's id (not by a join to consultants on their user id) lets SQLite read
// only their payments through payments_org_consultant_paid_idx, not every payment of the organization.
const ownPaymentsOf = (organizationId: string, consultantId: string) =>
  and(
    eq(payments.organizationId, organizationId),
    eq(payments.consultantId, consultantId),
    ne(payments.status, "void"),
  );

const newestFirst = [desc(sql`coalesce(${payments.paidDate}, ${payments.dueDate}, '9999')`), asc(payments.id)];

/** The fees and reimbursed expenses paid to one consultant in a calendar year (expenses are not pay). */
function paidInYear(organizationId: string, consultantId: string, year: number) {
  const row = db
    .select({
      feesCents: sql<number>`coalesce(sum(${payments.feeCents}), 0)`,
      expensesCents: sql<number>`coalesce(sum(${payments.expensesCents}), 0)`,
    })
    .from(payments)
    .where(
      and(
        eq(payments.organizationId, organizationId),
        eq(payments.consultantId, consultantId),
        between(payments.paidDate, `${year}-01-01`, `${year}-12-31`),
        eq(payments.status, "paid"),
      ),
    )
    .get();
  return { feesCents: row?.feesCents ?? 0, expensesCents: row?.expensesCents ?? 0 };
}

/**
 * The signed-in consultant's payments of one calendar year in their active organization, newest
 * first, with that year's fees per quarter: what was paid in the year and, when it is the current
 * year, every payment not paid yet (whatever its due date: the consultant may still act on it).
 * Void payments are left out: they were never money owed. `years` are the years they can choose.
 */
export function listOwnPayments(args: { organizationId: string; userId: string; year: number; today?: string }) {
  const today = args.today ?? isoDay(new Date());
  const currentYear = Number(today.slice(0, 4));
  const consultantId = findOwnConsultantId(db, args.organizationId, args.userId);
  const paidYears = consultantId
    ? db
        .selectDistinct({ year: sql<string>`substr(${payments.paidDate}, 1, 4)` })
        .from(payments)
        .where(
          and(
            eq(payments.organizationId, args.organizationId),
            eq(payments.consultantId, consultantId),
            isNotNull(payments.paidDate),
          ),
        )
        .all()
        .map((r) => Number(r.year))
    : [];
  const years = [...new Set([currentYear, args.year, ...paidYears])].sort((a, b) => b - a);
  const rows = consultantId
    ? db
        .select(ownPaymentColumns)
        .from(payments)
        .innerJoin(engagements, eq(engagements.id, payments.engagementId))
        .where(
          and(
            ownPaymentsOf(args.organizationId, consultantId),
            or(
              between(payments.paidDate, `${args.year}-01-01`, `${args.year}-12-31`),
              args.year === currentYear ? isNull(payments.paidDate) : undefined,
            ),
          ),
        )
        .orderBy(...newestFirst)
        .all()
    : [];
  const paidThisYear = rows.filter((p) => p.status === "paid" && p.paidDate?.startsWith(String(args.year)));
  const quarter = (q: number) =>
    paidThisYear
      .filter((p) => Math.ceil(Number(p.paidDate!.slice(5, 7)) / 3) === q)
      .reduce((sum, p) => sum + p.feeCents, 0);
  return {
    year: args.year,
    years,
    payments: rows.map((p) => ({ ...p, overdue: isPaymentOverdue(p, today), neededNow: isPaymentNeededNow(p) })),
    totals: {
      feesCents: paidThisYear.reduce((sum, p) => sum + p.feeCents, 0),
      expensesCents: paidThisYear.reduce((sum, p) => sum + p.expensesCents, 0),
      quarters: [1, 2, 3, 4].map(quarter),
    },
  };
}

/** The consultant's newest payment, as "My pay" lists it first, or undefined. */
export function latestOwnPayment(args: { organizationId: string; userId: string; today?: string }) {
  const consultantId = findOwnConsultantId(db, args.organizationId, args.userId);
  if (!consultantId) return undefined;
  const p = db
    .select(ownPaymentColumns)
    .from(payments)
    .innerJoin(engagements, eq(engagements.id, payments.engagementId))
    .where(ownPaymentsOf(args.organizationId, consultantId))
    .orderBy(...newestFirst)
    .limit(1)
    .get();
  return p
    ? { ...p, overdue: isPaymentOverdue(p, args.today ?? isoDay(new Date())), neededNow: isPaymentNeededNow(p) }
    : undefined;
}

/** Fees and reimbursed expenses paid to the signed-in consultant in a calendar year. */
export function ownPaidInYear(args: { organizationId: string; userId: string; year: number }) {
  const consultantId = findOwnConsultantId(db, args.organizationId, args.userId);
  return consultantId ? paidInYear(args.organizationId, consultantId, args.year) : { feesCents: 0, expensesCents: 0 };
}
