// What the support plan's forms accept: the consultant asking for support (or taking a request back)
// in the portal, and staff adding, arranging, declining and recording costs. Imported only by the
// routes' actions, so zod stays out of the portal's browser bundle. Messages are catalog keys.
import { z } from "zod";
import { SUPPORT_KINDS } from "../../db/schema";
import { message } from "../i18n/message";
import { MAX_AMOUNT_LENGTH, MAX_PAYMENT_CENTS, parseMoneyToCents } from "./money";
import { SUPPORT_TEXT_MAX } from "./support-options";

const E = "common:supportPlan.errors";
const RELOAD = `${E}.reload`;
const tooLong = (max: number) => message(`${E}.tooLong`, { max });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, tooLong(max))
    .optional()
    .transform((v) => (v ? v : null));

const requiredText = (max: number, missing: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, tooLong(max));

const itemId = z.string({ error: RELOAD }).trim().min(1, RELOAD).max(100, RELOAD);
const kind = z.enum(SUPPORT_KINDS, { error: `${E}.kindMissing` });

/** The consultant's form: several kinds at once, each kind's words in its own field. */
export const AskSupportSchema = z
  .object({
    intent: z.literal("ask"),
    kinds: z
      .array(kind, { error: `${E}.kindsMissing` })
      .min(1, `${E}.kindsMissing`)
      .max(SUPPORT_KINDS.length),
    language: optionalText(SUPPORT_TEXT_MAX.language),
    // Who they would like with them; sealed at rest.
    supportPerson: optionalText(SUPPORT_TEXT_MAX.details),
    // What they need; sealed at rest.
    accessNeeds: optionalText(SUPPORT_TEXT_MAX.details),
  })
  .superRefine((v, ctx) => {
    if (v.kinds.includes("interpreter") && !v.language) {
      ctx.addIssue({ code: "custom", path: ["language"], message: `${E}.languageMissing` });
    }
    if (v.kinds.includes("access_needs") && !v.accessNeeds) {
      ctx.addIssue({ code: "custom", path: ["accessNeeds"], message: `${E}.accessNeedsMissing` });
    }
    // Words typed for a kind not ticked would be dropped unseen: ask rather than lose them.
    const untickedWords = [
      ["language", "interpreter"],
      ["supportPerson", "support_person"],
      ["accessNeeds", "access_needs"],
    ] as const;
    for (const [field, k] of untickedWords) {
      if (v[field] && !v.kinds.includes(k)) {
        ctx.addIssue({ code: "custom", path: [field], message: `${E}.notTicked` });
      }
    }
  });

export const WithdrawSupportSchema = z.object({ intent: z.literal("withdraw"), itemId });

export const PortalSupportSchema = z.discriminatedUnion("intent", [AskSupportSchema, WithdrawSupportSchema]);

/** The requests of the consultant's form, one per kind ticked, each with its own words. */
export function requestsFrom(v: z.output<typeof AskSupportSchema>) {
  return [...new Set(v.kinds)].map((k) => ({
    kind: k,
    language: k === "interpreter" ? v.language : null,
    details: k === "support_person" ? v.supportPerson : k === "access_needs" ? v.accessNeeds : null,
  }));
}

const COST_MESSAGE = `${E}.amount`;

/** A cost in dollars, as cents: required, above nothing, within what one payment may be. */
const cost = z
  .string({ error: COST_MESSAGE })
  .max(MAX_AMOUNT_LENGTH, COST_MESSAGE)
  .transform((v, ctx) => {
    const cents = parseMoneyToCents(v);
    if (cents === null || cents <= 0 || cents > MAX_PAYMENT_CENTS) {
      ctx.addIssue({ code: "custom", message: COST_MESSAGE });
      return z.NEVER;
    }
    return cents;
  });

export const StaffSupportSchema = z.discriminatedUnion("intent", [
  z
    .object({
      intent: z.literal("add"),
      kind,
      language: optionalText(SUPPORT_TEXT_MAX.language),
      // What the consultant said they need, as staff heard it; sealed at rest.
      details: optionalText(SUPPORT_TEXT_MAX.details),
    })
    .superRefine((v, ctx) => {
      if (v.kind === "interpreter" && !v.language) {
        ctx.addIssue({ code: "custom", path: ["language"], message: `${E}.languageMissing` });
      }
    }),
  z.object({
    intent: z.literal("arrange"),
    itemId,
    arrangement: optionalText(SUPPORT_TEXT_MAX.arrangement),
    language: optionalText(SUPPORT_TEXT_MAX.language),
  }),
  z.object({
    intent: z.literal("decline"),
    itemId,
    reason: requiredText(SUPPORT_TEXT_MAX.declineReason, `${E}.reasonMissing`),
  }),
  z.object({
    intent: z.literal("cost"),
    itemId,
    creationKey: z.uuid({ error: RELOAD }),
    amount: cost,
  }),
]);
