// Labels and choices for consultant records, shared by the staff pages and the portal.
import type { ConsultantStatus, ContactChannel, ContactSafety, PaymentMethod } from "../../db/schema";

export const STATUS_LABELS: Record<ConsultantStatus, string> = {
  prospect: "Prospect",
  onboarding: "Onboarding",
  active: "Active",
  paused: "Paused",
  alumni: "Alumni",
};

export const CHANNEL_LABELS: Record<ContactChannel, string> = {
  email: "Email",
  phone: "Phone call",
  text: "Text message",
  mail: "Postal mail",
};

export const SAFETY_LABELS: Record<ContactSafety, string> = {
  safe: "Safe to use",
  not_safe: "Not safe: do not use",
  ask_first: "Ask first",
};

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  direct_deposit: "Direct deposit",
  check: "Check",
  gift_card: "Gift card",
  cash: "Cash",
  other: "Other",
  undecided: "Not decided yet",
};

// Roles after ASPE's lived-experience resources; free tags are allowed besides.
export const ROLE_TAGS = [
  "Advisor",
  "Consultant",
  "Trainer",
  "Co-designer",
  "Evaluator",
  "Peer mentor",
  "Speaker",
  "Board or committee member",
] as const;

export const PROGRESS_FILTERS = {
  "not-started": "Not started",
  "in-progress": "In progress",
  complete: "Complete",
} as const;
export type ProgressFilter = keyof typeof PROGRESS_FILTERS;

export const DIRECTORY_SORTS = {
  name: "Name",
  status: "Status",
  progress: "Onboarding progress",
  updated: "Recently updated",
} as const;
export type DirectorySort = keyof typeof DIRECTORY_SORTS;
