// The words of a support plan, shared by the staff pages and the portal: catalog keys in `common`,
// shown with `useMessage()` (or by the fields that translate their options).
import type { SupportKind, SupportStatus } from "../../db/schema";

export const SUPPORT_KIND_LABELS: Record<SupportKind, string> = {
  support_person: "common:supportPlan.kinds.supportPerson",
  interpreter: "common:supportPlan.kinds.interpreter",
  transport: "common:supportPlan.kinds.transport",
  childcare: "common:supportPlan.kinds.childcare",
  access_needs: "common:supportPlan.kinds.accessNeeds",
  debrief: "common:supportPlan.kinds.debrief",
};

export const SUPPORT_STATUS_LABELS: Record<SupportStatus, string> = {
  requested: "common:supportPlan.status.requested",
  arranged: "common:supportPlan.status.arranged",
  declined: "common:supportPlan.status.declined",
};

/**
 * The kinds of support whose costs the consultant pays first and is paid back (a fare, a childminder),
 * as reimbursed expenses. An interpreter, a support person or a debrief is paid by the organization
 * to whoever gives it: nothing of it passes through the consultant.
 */
export const REIMBURSABLE_SUPPORT_KINDS = ["transport", "childcare"] as const satisfies readonly SupportKind[];

/** The longest each piece of a plan's words may be. */
export const SUPPORT_TEXT_MAX = { language: 60, details: 1000, arrangement: 500, declineReason: 500 } as const;

/**
 * The kinds whose own words the consultant types on their form, and the field each is typed in (an
 * interpreter's language, who their support person is, what their access needs are).
 */
export const WORDS_FIELD_OF = {
  interpreter: "language",
  support_person: "supportPerson",
  access_needs: "accessNeeds",
} as const satisfies Partial<Record<SupportKind, string>>;
export type KindWithWords = keyof typeof WORDS_FIELD_OF;
