// Labels and choices for consultant records, shared by the staff pages and the portal. Each label is a
// catalog key (`common:consultantOptions...`): show it with `useMessage()` in a component, or with
// `translator(language)` on the server; never compare it with English words.
import type { ConsultantStatus, ContactChannel, ContactSafety, PaymentMethod } from "../../db/schema";

export const STATUS_LABELS: Record<ConsultantStatus, string> = {
  prospect: "common:consultantOptions.status.prospect",
  onboarding: "common:consultantOptions.status.onboarding",
  active: "common:consultantOptions.status.active",
  paused: "common:consultantOptions.status.paused",
  alumni: "common:consultantOptions.status.alumni",
};

export const CHANNEL_LABELS: Record<ContactChannel, string> = {
  email: "common:consultantOptions.channel.email",
  phone: "common:consultantOptions.channel.phone",
  text: "common:consultantOptions.channel.text",
  mail: "common:consultantOptions.channel.mail",
};

export const SAFETY_LABELS: Record<ContactSafety, string> = {
  safe: "common:consultantOptions.safety.safe",
  not_safe: "common:consultantOptions.safety.notSafe",
  ask_first: "common:consultantOptions.safety.askFirst",
};

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  direct_deposit: "common:consultantOptions.paymentMethod.directDeposit",
  check: "common:consultantOptions.paymentMethod.check",
  gift_card: "common:consultantOptions.paymentMethod.giftCard",
  cash: "common:consultantOptions.paymentMethod.cash",
  other: "common:consultantOptions.paymentMethod.other",
  undecided: "common:consultantOptions.paymentMethod.undecided",
};

// Roles after ASPE's lived-experience resources; free tags are allowed besides. These are the values
// stored in a record's expertise (so they stay as they are); ROLE_TAG_LABELS holds their words.
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
export type RoleTag = (typeof ROLE_TAGS)[number];

export const ROLE_TAG_LABELS: Record<RoleTag, string> = {
  Advisor: "common:consultantOptions.roleTag.advisor",
  Consultant: "common:consultantOptions.roleTag.consultant",
  Trainer: "common:consultantOptions.roleTag.trainer",
  "Co-designer": "common:consultantOptions.roleTag.coDesigner",
  Evaluator: "common:consultantOptions.roleTag.evaluator",
  "Peer mentor": "common:consultantOptions.roleTag.peerMentor",
  Speaker: "common:consultantOptions.roleTag.speaker",
  "Board or committee member": "common:consultantOptions.roleTag.boardMember",
};

const isRoleTag = (tag: string): tag is RoleTag => Object.hasOwn(ROLE_TAG_LABELS, tag);

/**
 * A tag of a consultant's expertise as it is shown: one of the roles by its catalog key, a free tag
 * (typed by staff: "Curriculum review") as it was typed.
 */
export const expertiseLabel = (tag: string) => (isRoleTag(tag) ? ROLE_TAG_LABELS[tag] : tag);

export const PROGRESS_FILTERS = {
  "not-started": "common:consultantOptions.progress.notStarted",
  "in-progress": "common:consultantOptions.progress.inProgress",
  complete: "common:consultantOptions.progress.complete",
} as const;
export type ProgressFilter = keyof typeof PROGRESS_FILTERS;

export const DIRECTORY_SORTS = {
  name: "common:consultantOptions.sort.name",
  status: "common:consultantOptions.sort.status",
  progress: "common:consultantOptions.sort.progress",
  updated: "common:consultantOptions.sort.updated",
} as const;
export type DirectorySort = keyof typeof DIRECTORY_SORTS;
