import { isoDayField } from "./validation";
import { parseISO, subYears } from "date-fns";
import { z } from "zod";
import { NAME_CHOICES } from "../../db/schema";
import { DEFAULT_LANGUAGE, LANGUAGES } from "../i18n/config";
import { message } from "../i18n/message";

// A choice the consultant gave staff on a signed paper form or out loud: the rules and their words
// (catalog keys in `common:consentDecision`, translated where they are shown).
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
    problems.push({ field: "method", message: "common:consentDecision.methodMissing" });
  }
  if (details.givenOn) {
    // The day they signed or said it, not the day it is typed in: an end date counts from it.
    if (!v.givenOn) {
      problems.push({
        field: "givenOn",
        message: onPaper ? "common:consentDecision.givenOnMissingSigned" : "common:consentDecision.givenOnMissingTold",
      });
    } else if (v.givenOn > today) {
      problems.push({
        field: "givenOn",
        message: onPaper ? "common:consentDecision.givenOnFutureSigned" : "common:consentDecision.givenOnFutureTold",
      });
    } else if (v.givenOn < earliestGivenOn(today)) {
      problems.push({
        field: "givenOn",
        message: message("common:consentDecision.givenOnTooLongAgo", { years: GIVEN_ON_YEARS_BACK }),
      });
    } else if (latestChoiceOn && v.givenOn < latestChoiceOn) {
      // The newest record is the choice in force: an older signature typed in now would quietly
      // undo what they decided since, a withdrawal in the portal for one.
      problems.push({
        field: "givenOn",
        message: message("common:consentDecision.laterChoice", { day: latestChoiceOn }),
      });
    }
  }
  if (v.method === "verbal_with_witness" && !v.witnessName) {
    problems.push({
      field: "witnessName",
      message: "common:consentDecision.witnessMissing",
    });
  }
  // A withdrawal is never held up by paperwork; a yes or no on paper says where the proof is.
  if (onPaper && details.givenOn && !v.formKeptAt) {
    problems.push({
      field: "formKeptAt",
      message: "common:consentDecision.formKeptAtMissing",
    });
  }
  if (details.withdrawal) {
    if (!v.requestedBy) {
      problems.push({
        field: "requestedBy",
        message: "common:consentDecision.requestedByMissing",
      });
    }
    if (!v.requestedOn) problems.push({ field: "requestedOn", message: "common:consentDecision.requestedOnMissing" });
    else if (v.requestedOn > today) {
      problems.push({ field: "requestedOn", message: "common:consentDecision.requestedOnFuture" });
    }
  }
  return problems;
}

/** One of the languages the app speaks: the language of the words a person read when deciding. */
const languageField = z.enum(LANGUAGES as [string, ...string[]], {
  error: "common:consentWords.errors.languageMissing",
});

const optionalText = (max: number) =>
  z.string().trim().max(max, message("common:consentDecision.maxChars", { max })).optional();
const optionalDay = isoDayField().optional();

/**
 * The staff form "Record a choice the consultant gave you", with the rules above. `latestChoiceDays`
 * holds, by purpose id, the latest day the consultant already made a choice for it.
 */
export function staffDecisionSchema(today: string, latestChoiceDays: ReadonlyMap<string, string> = new Map()) {
  return z
    .object({
      creationKey: z.uuid({ error: "common:consentDecision.reload" }),
      purposeId: z
        .string({ error: "common:consentDecision.purposeMissing" })
        .min(1, "common:consentDecision.purposeMissing")
        .max(100),
      decision: z.enum(STAFF_DECISIONS, { error: "common:consentDecision.decisionMissing" }),
      method: z.enum(STAFF_CONSENT_METHODS, { error: "common:consentDecision.methodMissing" }),
      givenOn: optionalDay,
      witnessName: optionalText(200),
      formKeptAt: optionalText(200),
      scopeNotes: optionalText(1000),
      nameChoice: z.enum(NAME_CHOICES, { error: "common:consentDecision.nameChoiceMissing" }).optional(),
      expiresOn: optionalDay,
      requestedBy: optionalText(200),
      requestedOn: optionalDay,
      // The form the person read was in English unless staff say otherwise.
      language: languageField.optional().transform((v) => v ?? DEFAULT_LANGUAGE),
      shownVersions: shownVersionsField,
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

const RELOAD = "common:consentDecision.somethingMissing";

/**
 * The versions of the wording a page showed, sent back with a choice as "purposeId:version" pairs, so
 * a choice is never recorded on words published after the page was opened.
 */
export const shownVersionsValue = (purposes: readonly { id: string; version: number }[]) =>
  purposes.map((p) => `${p.id}:${p.version}`).join(" ");

const shownVersionsField = z
  .string({ error: RELOAD })
  .max(20_000, RELOAD)
  .regex(/^[\w-]+:\d{1,9}( [\w-]+:\d{1,9})*$/, RELOAD)
  .transform((text): Record<string, number> =>
    Object.fromEntries(
      text.split(" ").map((pair) => {
        const [id, version] = pair.split(":");
        return [id!, Number(version)];
      }),
    ),
  );

/** The consultant's own choice about a purpose, in the portal. */
export const PortalDecisionSchema = z.object({
  intent: z.literal("decide", { error: RELOAD }),
  purposeId: z.string({ error: RELOAD }).min(1).max(100),
  decision: z.enum(["granted", "declined", "withdrawn"], { error: RELOAD }),
  creationKey: z.uuid({ error: RELOAD }),
  scopeNotes: z
    .string()
    .trim()
    .max(500, message("common:consentDecision.maxChars", { max: 500 }))
    .optional()
    .transform((v) => v || null),
  nameChoice: z
    .enum(["real_name", "chosen_name", "anonymous"], { error: "common:consentDecision.nameChoiceOneOf" })
    .optional()
    .transform((v) => v ?? null),
  expiresOn: z.iso
    .date({ error: "common:consentDecision.endDateFormat" })
    .optional()
    .transform((v) => v ?? null),
  // The language the page showed the purpose's words in; the server checks it is what it showed.
  shownLanguage: languageField.optional().transform((v) => v ?? null),
  // The version of the words the page showed: a choice is made on those words or not at all.
  shownVersion: z.number({ error: RELOAD }).int().min(1, RELOAD),
});

/** The consultant says their choices still stand. */
export const ReconfirmSchema = z.object({
  intent: z.literal("reconfirm"),
  creationKey: z.uuid({ error: RELOAD }),
  shownVersions: shownVersionsField,
});
