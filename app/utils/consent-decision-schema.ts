import { isoDayField } from "./validation";
import { parseISO, subYears } from "date-fns";
import { z } from "zod";
import { NAME_CHOICES } from "../../db/schema";
import { formatDate } from "./format";

// A choice the consultant gave staff on a signed paper form or out loud: the rules and their words.
// The staff form checks them to show every message at once; recordConsentDecision checks them again
// for any caller. Both read them from here.

/** Staff record what the consultant told them; the portal is the consultant's own channel. */
export const STAFF_CONSENT_METHODS = ["written_form", "verbal_with_witness"] as const;
export type StaffConsentMethod = (typeof STAFF_CONSENT_METHODS)[number];
export const STAFF_DECISIONS = ["granted", "declined", "withdrawn"] as const;

/**
 * How far back the day a choice was given may be. No consent to share a story lasts longer than
 * three years, so a form older than that is a reason to ask again, not to type it in.
 */
export const GIVEN_ON_YEARS_BACK = 3;

export const earliestGivenOn = (today: string) =>
  subYears(parseISO(today), GIVEN_ON_YEARS_BACK).toISOString().slice(0, 10);

export type OfflineDecision = {
  decision: (typeof STAFF_DECISIONS)[number];
  method: string;
  givenOn?: string | null;
  witnessName?: string | null;
  formKeptAt?: string | null;
  requestedBy?: string | null;
  requestedOn?: string | null;
};

export type ConsentProblem = { field: keyof OfflineDecision; message: string };

/**
 * Which details belong to a choice staff record: the day it was given (a yes or a no: a withdrawal
 * counts from the day they asked), where the paper form is kept, the limits and end of a yes, and
 * who asked for a withdrawal and when. The form shows these, the rules below ask for them, and the
 * model keeps only these.
 */
export function offlineDecisionDetails(v: { decision: string; method: string }) {
  return {
    givenOn: v.decision !== "withdrawn",
    formKeptAt: v.method === "written_form",
    yesDetails: v.decision === "granted",
    withdrawal: v.decision === "withdrawn",
  };
}

/**
 * Every broken rule of a choice staff record, in the order of the form, each with the field its
 * message belongs next to. Empty when the choice can be recorded (the current state is checked by
 * the model: only a current yes can be withdrawn). `latestChoiceOn` is the latest day the
 * consultant already made a choice for this purpose (the model's latestChoiceDays), if any.
 */
export function offlineDecisionProblems(
  v: OfflineDecision,
  today: string,
  latestChoiceOn?: string | null,
): ConsentProblem[] {
  const problems: ConsentProblem[] = [];
  const details = offlineDecisionDetails(v);
  const onPaper = details.formKeptAt;
  if (!(STAFF_CONSENT_METHODS as readonly string[]).includes(v.method)) {
    problems.push({ field: "method", message: "Say how they told you: on a signed paper form or out loud." });
  }
  if (details.givenOn) {
    // The day they signed or said it, not the day it is typed in: an end date counts from it.
    if (!v.givenOn) {
      problems.push({
        field: "givenOn",
        message: onPaper ? "Give the day they signed the form." : "Give the day they told you.",
      });
    } else if (v.givenOn > today) {
      problems.push({
        field: "givenOn",
        message: onPaper
          ? "The day they signed cannot be in the future."
          : "The day they told you cannot be in the future.",
      });
    } else if (v.givenOn < earliestGivenOn(today)) {
      problems.push({
        field: "givenOn",
        message: `This is more than ${GIVEN_ON_YEARS_BACK} years ago. Ask them again, and record the day they answer.`,
      });
    } else if (latestChoiceOn && v.givenOn < latestChoiceOn) {
      // The newest record is the choice in force: an older signature typed in now would quietly
      // undo what they decided since, a withdrawal in the portal for one.
      problems.push({
        field: "givenOn",
        message: `They made a later choice for this purpose on ${formatDate(latestChoiceOn)}. Ask them again, and record the day they answer.`,
      });
    }
  }
  if (v.method === "verbal_with_witness" && !v.witnessName) {
    problems.push({
      field: "witnessName",
      message: "Write who else heard it. A choice said out loud needs a witness.",
    });
  }
  // A withdrawal is never held up by paperwork; a yes or no on paper says where the proof is.
  if (onPaper && details.givenOn && !v.formKeptAt) {
    problems.push({
      field: "formKeptAt",
      message: "Write where the signed form is kept, for example “locked cabinet, office 2”.",
    });
  }
  if (details.withdrawal) {
    if (!v.requestedBy) {
      problems.push({
        field: "requestedBy",
        message: "Write who asked for the withdrawal (for example the consultant).",
      });
    }
    if (!v.requestedOn) problems.push({ field: "requestedOn", message: "Give the day they asked." });
    else if (v.requestedOn > today) {
      problems.push({ field: "requestedOn", message: "The day they asked cannot be in the future." });
    }
  }
  return problems;
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use no more than ${max.toLocaleString("en-US")} characters.`)
    .optional();
const optionalDay = isoDayField().optional();

/**
 * The staff form "Record a choice the consultant gave you", with the rules above. `latestChoiceDays`
 * holds, by purpose id, the latest day the consultant already made a choice for it.
 */
export function staffDecisionSchema(today: string, latestChoiceDays: ReadonlyMap<string, string> = new Map()) {
  return z
    .object({
      creationKey: z.uuid({ error: "Please reload the page and try again." }),
      purposeId: z.string({ error: "Choose a purpose." }).min(1, "Choose a purpose.").max(100),
      decision: z.enum(STAFF_DECISIONS, { error: "Choose what they decided." }),
      method: z.enum(STAFF_CONSENT_METHODS, { error: "Say how they told you: on a signed paper form or out loud." }),
      givenOn: optionalDay,
      witnessName: optionalText(200),
      formKeptAt: optionalText(200),
      scopeNotes: optionalText(1000),
      nameChoice: z.enum(NAME_CHOICES, { error: "Choose which name may be used." }).optional(),
      expiresOn: optionalDay,
      requestedBy: optionalText(200),
      requestedOn: optionalDay,
    })
    .superRefine(
      (v, ctx) => {
        // Run even when a field is malformed, so every message shows in one round trip; a field
        // that already has its message gets no second one.
        const flagged = new Set(ctx.issues.map((issue) => issue.path?.[0]));
        const latestChoiceOn = typeof v.purposeId === "string" ? latestChoiceDays.get(v.purposeId) : undefined;
        for (const problem of offlineDecisionProblems(v, today, latestChoiceOn)) {
          if (!flagged.has(problem.field)) {
            ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
          }
        }
      },
      { when: () => true },
    );
}
export type StaffDecisionForm = z.input<ReturnType<typeof staffDecisionSchema>>;

const RELOAD = "Something was missing. Please reload the page and try again.";

/** The consultant's own choice about a purpose, in the portal. */
export const PortalDecisionSchema = z.object({
  intent: z.literal("decide", { error: RELOAD }),
  purposeId: z.string({ error: RELOAD }).min(1).max(100),
  decision: z.enum(["granted", "declined", "withdrawn"], { error: RELOAD }),
  creationKey: z.uuid({ error: RELOAD }),
  scopeNotes: z
    .string()
    .trim()
    .max(500, "Use no more than 500 characters.")
    .optional()
    .transform((v) => v || null),
  nameChoice: z
    .enum(["real_name", "chosen_name", "anonymous"], { error: "Choose one of the names." })
    .optional()
    .transform((v) => v ?? null),
  expiresOn: z.iso
    .date({ error: "Write the date like 2027-03-22, or leave it empty." })
    .optional()
    .transform((v) => v ?? null),
});

/** The consultant says their choices still stand. */
export const ReconfirmSchema = z.object({ intent: z.literal("reconfirm"), creationKey: z.uuid({ error: RELOAD }) });
