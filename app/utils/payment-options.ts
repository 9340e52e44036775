// Words about payments, as catalog keys (common namespace): a page shows them with `useMessage()`,
// server code (a CSV, an email) with `translator(...)`.
import { message } from "~/i18n/message";

export const PAYMENT_STATUS_LABELS = {
  pending: "common:paymentOptions.status.pending",
  approved: "common:paymentOptions.status.approved",
  paid: "common:paymentOptions.status.paid",
  void: "common:paymentOptions.status.void",
} as const;

export const PAYMENT_CHOICE_LABELS = {
  deferred: "common:paymentOptions.choice.deferred",
  declined: "common:paymentOptions.choice.declined",
} as const;

/** What the portal says under a payment that is past its due date. */
export const LATE_PAYMENT_WORDS = "common:paymentOptions.late";

/** What the portal says once the consultant has said they need a payment now. */
export const NEEDED_NOW_WORDS = "common:paymentOptions.neededNowWords";

/** How the staff pages mark a payment the consultant needs now (in words, not only in colour). */
export const NEEDED_NOW_LABEL = "common:paymentOptions.neededNow";

/** A payment's history on its staff page: what each audited change was, in words. */
export const PAYMENT_HISTORY_LABELS: Record<string, string> = {
  "payment.created": "common:paymentOptions.history.created",
  "payment.approved": "common:paymentOptions.history.approved",
  "payment.paid": "common:paymentOptions.history.paid",
  "payment.paid_reversed": "common:paymentOptions.history.paidReversed",
  "payment.voided": "common:paymentOptions.history.voided",
  "payment.choice_recorded": "common:paymentOptions.history.choiceRecorded",
  "payment.needed_now": "common:paymentOptions.history.neededNow",
  "payment.staff_told.needed_now": "common:paymentOptions.history.toldNeededNow",
  "payment.staff_told.declined": "common:paymentOptions.history.toldDeclined",
  "payment.staff_told.wanted_again": "common:paymentOptions.history.toldWantedAgain",
  "payment.due_date_recomputed": "common:paymentOptions.history.dueDateRecomputed",
};

/**
 * One of the consultant's own payments in a plain sentence, not a code: "You were paid $240.00 on
 * Mar 3, 2026 for …". Shared by "My pay" and the portal home; a message, shown with `useMessage()`.
 * The work's title is already on the page that shows the sentence.
 */
export function describeOwnPayment(p: {
  feeCents: number;
  status: string;
  paidDate: string | null;
  dueDate: string | null;
  consultantChoice: string | null;
  engagementTitle: string;
}) {
  const values = { amount: p.feeCents, work: p.engagementTitle };
  if (p.status === "paid" && p.paidDate)
    return message("common:paymentOptions.own.paid", { ...values, day: p.paidDate });
  if (p.consultantChoice === "deferred") return message("common:paymentOptions.own.deferred", values);
  if (p.consultantChoice === "declined") return message("common:paymentOptions.own.declined", values);
  return p.dueDate
    ? message("common:paymentOptions.own.dueBy", { ...values, day: p.dueDate })
    : message("common:paymentOptions.own.afterWork", values);
}
