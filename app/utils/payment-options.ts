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
