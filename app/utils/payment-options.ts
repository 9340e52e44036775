import { formatDate } from "./format";
import { formatCents } from "./money";

export const PAYMENT_STATUS_LABELS = {
  pending: "Waiting for approval",
  approved: "Approved, not paid yet",
  paid: "Paid",
  void: "Void",
} as const;

export const PAYMENT_CHOICE_LABELS = {
  deferred: "Deferred by the consultant",
  declined: "Declined by the consultant",
} as const;

/** What the portal says under a payment that is past its due date. */
export const LATE_PAYMENT_WORDS = "This is late. We are sorry. Please tell us if you need it now.";

/** What the portal says once the consultant has said they need a payment now. */
export const NEEDED_NOW_WORDS = "You told us you need this now. We let the team know. They will pay it first.";

/** How the staff pages mark a payment the consultant needs now (in words, not only in colour). */
export const NEEDED_NOW_LABEL = "Needed now";

/** A payment's history on its staff page: what each audited change was, in words. */
export const PAYMENT_HISTORY_LABELS: Record<string, string> = {
  "payment.created": "Recorded",
  "payment.approved": "Approved",
  "payment.paid": "Marked paid",
  "payment.paid_reversed": "Marked not paid",
  "payment.voided": "Made void",
  "payment.choice_recorded": "Choice to wait or say no recorded or taken back",
  "payment.needed_now": "The consultant said they need it now",
  "payment.staff_told.needed_now": "The people who pay were emailed: needed now",
  "payment.staff_told.declined": "The people who pay were emailed: not wanted",
  "payment.staff_told.wanted_again": "The people who pay were emailed: wanted after all",
  "payment.due_date_recomputed": "Due date put right from the completion date",
};

/**
 * One of the consultant's own payments in a plain sentence, not a code:
 * "You were paid $240.00 on Mar 3, 2026 for …". Shared by "My pay" and the portal home.
 */
export function describeOwnPayment(p: {
  feeCents: number;
  status: string;
  paidDate: string | null;
  dueDate: string | null;
  consultantChoice: string | null;
  engagementTitle: string;
}) {
  const amount = formatCents(p.feeCents);
  if (p.status === "paid" && p.paidDate)
    return `You were paid ${amount} on ${formatDate(p.paidDate)} for ${p.engagementTitle}.`;
  if (p.consultantChoice === "deferred") return `You chose to wait for ${amount} for ${p.engagementTitle}.`;
  if (p.consultantChoice === "declined") return `You chose not to take ${amount} for ${p.engagementTitle}.`;
  const when = p.dueDate ? ` by ${formatDate(p.dueDate)}` : " after the work is done";
  return `You will be paid ${amount}${when} for ${p.engagementTitle}.`;
}
