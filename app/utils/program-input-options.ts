// "You said, we did": words and form rules for program input items, shared by the staff pages,
// the portal component (which run in the browser too) and the model. Kept out of *.server.ts
// files: the browser build leaves those out.
import { isoDayField } from "./validation";
import { z } from "zod";
import { STAGES, type InputStatus } from "../../db/schema";

export type { InputStatus };
export const INPUT_DECISIONS = ["adopted", "partly_adopted", "not_adopted"] as const;
export type InputDecision = (typeof INPUT_DECISIONS)[number];

/** Whether an item holds a decision that has not been reported back yet: the states a decision leads to. */
export const isDecided = (status: InputStatus): status is InputDecision =>
  (INPUT_DECISIONS as readonly InputStatus[]).includes(status);

/** The longest summary or response staff may write: a few sentences, not a report. */
export const INPUT_TEXT_MAX = 2000;
export const INPUT_TEXT_TOO_LONG_MESSAGE = "common:programInputOptions.errors.textTooLong";

/**
 * What an idea a consultant sent from the portal says once their record was erased at their request:
 * the column cannot be empty, so it holds this marker, which the staff pages show in the reader's
 * language (ItemWords in app/components/input-loop.tsx).
 */
export const ERASED_IDEA_SUMMARY = "staff:ideas.staff.erasedSummary";

/** Items open (not reported back) longer than this many days since they were received are flagged. */
export const OPEN_TOO_LONG_DAYS = 60;

// Words are catalog keys (common namespace): a page shows them with `useMessage()`, server code
// with `translator(...)`.

/** Staff words for each state, in the order an item moves through them. */
export const INPUT_STATUS_LABELS: Record<InputStatus, string> = {
  received: "common:programInputOptions.status.received",
  under_review: "common:programInputOptions.status.underReview",
  adopted: "common:programInputOptions.status.adopted",
  partly_adopted: "common:programInputOptions.status.partlyAdopted",
  not_adopted: "common:programInputOptions.status.notAdopted",
  reported_back: "common:programInputOptions.status.reportedBack",
};

export const INPUT_DECISION_LABELS: Record<InputDecision, string> = {
  adopted: "common:programInputOptions.decision.adopted",
  partly_adopted: "common:programInputOptions.decision.partlyAdopted",
  not_adopted: "common:programInputOptions.decision.notAdopted",
};

/** The consultant's words for where their input is (portal, reading grade 7 or lower): a catalog key. */
export function portalStatusWords(status: InputStatus, decision: InputDecision | null): string {
  switch (status) {
    case "received":
      return "common:programInputOptions.portalStatus.received";
    case "under_review":
      return "common:programInputOptions.portalStatus.underReview";
    case "adopted":
      return "common:programInputOptions.portalStatus.adopted";
    case "partly_adopted":
      return "common:programInputOptions.portalStatus.partlyAdopted";
    case "not_adopted":
      return "common:programInputOptions.portalStatus.notAdopted";
    case "reported_back":
      return decision === "not_adopted"
        ? "common:programInputOptions.portalStatus.reportedBackNotAdopted"
        : decision === "partly_adopted"
          ? "common:programInputOptions.portalStatus.reportedBackPartly"
          : "common:programInputOptions.portalStatus.reportedBackAdopted";
  }
}

const day = (missing: string) => z.string({ error: missing }).trim().min(1, missing).pipe(isoDayField());

const id = (message: string) => z.string({ error: message }).trim().min(1, message).max(100, message);

/** Recording a new input item (staff). The program comes from the page's address. */
export const RecordInputSchema = z.object({
  creationKey: z.uuid(),
  consultantId: id("common:programInputOptions.errors.consultant"),
  engagementId: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => (v ? v : null)),
  stage: z.enum(STAGES, { error: "common:programInputOptions.errors.stage" }),
  summary: z
    .string({ error: "common:programInputOptions.errors.summary" })
    .trim()
    .min(1, "common:programInputOptions.errors.summary")
    .max(INPUT_TEXT_MAX, INPUT_TEXT_TOO_LONG_MESSAGE),
  receivedOn: day("common:programInputOptions.errors.receivedOn"),
});
export type RecordInputValues = Omit<z.output<typeof RecordInputSchema>, "creationKey">;

export const StartReviewSchema = z.object({ intent: z.literal("start-review") });

export const DecideSchema = z.object({
  intent: z.literal("decide"),
  decision: z.enum(INPUT_DECISIONS, { error: "common:programInputOptions.errors.decision" }),
  // Required for every decision; the model says what is missing in the words of the decision.
  response: z
    .string()
    .trim()
    .max(INPUT_TEXT_MAX, INPUT_TEXT_TOO_LONG_MESSAGE)
    .optional()
    .transform((v) => v ?? ""),
});

export const ReportBackSchema = z.object({
  intent: z.literal("report-back"),
  reportedBackOn: day("common:programInputOptions.errors.reportedBackOn"),
  reportedBackHow: z
    .string({ error: "common:programInputOptions.errors.reportedBackHow" })
    .trim()
    .min(1, "common:programInputOptions.errors.reportedBackHow")
    .max(200, "common:programInputOptions.errors.howTooLong"),
});

export const InputStepSchema = z.discriminatedUnion("intent", [StartReviewSchema, DecideSchema, ReportBackSchema]);
