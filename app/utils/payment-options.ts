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
