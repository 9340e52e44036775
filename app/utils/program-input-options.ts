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
export const INPUT_TEXT_TOO_LONG_MESSAGE = "Use no more than 2,000 characters.";

/** Items open (not reported back) longer than this many days since they were received are flagged. */
export const OPEN_TOO_LONG_DAYS = 60;

/** Staff words for each state, in the order an item moves through them. */
export const INPUT_STATUS_LABELS: Record<InputStatus, string> = {
  received: "Received",
  under_review: "Under review",
  adopted: "Adopted",
  partly_adopted: "Partly adopted",
  not_adopted: "Not adopted",
  reported_back: "Reported back",
};

export const INPUT_DECISION_LABELS: Record<InputDecision, string> = {
  adopted: "Adopted: we did it",
  partly_adopted: "Partly adopted: we did some of it",
  not_adopted: "Not adopted: we did not do it",
};

/** The consultant's words for where their input is (portal, reading grade 7 or lower). */
export function portalStatusWords(status: InputStatus, decision: InputDecision | null): string {
  switch (status) {
    case "received":
      return "We have your input. We will look at it soon.";
    case "under_review":
      return "We are looking at your input now.";
    case "adopted":
      return "We used your input.";
    case "partly_adopted":
      return "We used part of your input.";
    case "not_adopted":
      return "We did not use your input this time.";
    case "reported_back":
      return decision === "not_adopted"
        ? "We did not use your input this time. We told you why."
        : decision === "partly_adopted"
          ? "We used part of your input. We told you about it."
          : "We used your input. We told you about it.";
  }
}

// "3 March 2026": the portal's plain way to say a day (UTC-stable, like app/utils/format.ts).
const longDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
export const formatLongDay = (isoDay: string) => longDay.format(new Date(`${isoDay}T00:00:00Z`));

const day = (missing: string) => z.string({ error: missing }).trim().min(1, missing).pipe(isoDayField());

const id = (message: string) => z.string({ error: message }).trim().min(1, message).max(100, message);

/** Recording a new input item (staff). The program comes from the page's address. */
export const RecordInputSchema = z.object({
  creationKey: z.uuid(),
  consultantId: id("Choose the consultant who gave this input."),
  engagementId: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => (v ? v : null)),
  stage: z.enum(STAGES, { error: "Choose the stage the input is about." }),
  summary: z
    .string({ error: "Write what the consultant said, in a sentence or two." })
    .trim()
    .min(1, "Write what the consultant said, in a sentence or two.")
    .max(INPUT_TEXT_MAX, INPUT_TEXT_TOO_LONG_MESSAGE),
  receivedOn: day("Give the day you received the input."),
});
export type RecordInputValues = Omit<z.output<typeof RecordInputSchema>, "creationKey">;

export const StartReviewSchema = z.object({ intent: z.literal("start-review") });

export const DecideSchema = z.object({
  intent: z.literal("decide"),
  decision: z.enum(INPUT_DECISIONS, { error: "Choose adopted, partly adopted or not adopted." }),
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
  reportedBackOn: day("Give the day you told the consultant."),
  reportedBackHow: z
    .string({ error: "Say how you told them, for example “at the advisory meeting” or “by phone”." })
    .trim()
    .min(1, "Say how you told them, for example “at the advisory meeting” or “by phone”.")
    .max(200, "Use no more than 200 characters."),
});

export const InputStepSchema = z.discriminatedUnion("intent", [StartReviewSchema, DecideSchema, ReportBackSchema]);
