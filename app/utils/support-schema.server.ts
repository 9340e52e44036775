// What the support plan's forms accept: the consultant asking for support (or taking a request back)
// in the portal, and staff adding, arranging, declining and recording costs. Messages are catalog keys.
// A .server module is empty in the browser's build: the portal page's JavaScript carries no Zod, and
// no Conform parser either (re-exported here for the routes' actions).
import { z } from "zod";
export { parseWithZod } from "@conform-to/zod/v4";
import { SUPPORT_KINDS } from "../../db/schema";
import { message } from "../i18n/message";
import { MAX_AMOUNT_LENGTH, MAX_PAYMENT_CENTS, parseMoneyToCents } from "./money";
import { SUPPORT_TEXT_MAX, WORDS_FIELD_OF, type KindWithWords } from "./support-options";

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

/** What a kind ticked without its words is refused with; a support person's name may be left out. */
const WORDS_NEEDED: Partial<Record<KindWithWords, string>> = {
  interpreter: `${E}.languageMissing`,
  access_needs: `${E}.accessNeedsMissing`,
};

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
    for (const [k, field] of Object.entries(WORDS_FIELD_OF) as [
      KindWithWords,
      (typeof WORDS_FIELD_OF)[KindWithWords],
    ][]) {
      const ticked = v.kinds.includes(k);
      const needed = WORDS_NEEDED[k];
      if (ticked && !v[field] && needed) ctx.addIssue({ code: "custom", path: [field], message: needed });
      // Words typed for a kind not ticked would be dropped unseen: ask rather than lose them.
      if (!ticked && v[field]) ctx.addIssue({ code: "custom", path: [field], message: `${E}.notTicked` });
    }
  });

export const WithdrawSupportSchema = z.object({ intent: z.literal("withdraw"), itemId });

export const PortalSupportSchema = z.discriminatedUnion("intent", [AskSupportSchema, WithdrawSupportSchema]);

/** The requests of the consultant's form, one per kind ticked, each with its own words. */
export function requestsFrom(v: z.output<typeof AskSupportSchema>) {
  return [...new Set(v.kinds)].map((k) => {
    const field = k in WORDS_FIELD_OF ? WORDS_FIELD_OF[k as KindWithWords] : null;
    const words = field ? v[field] : null;
    // The language is a column of its own; the other words are the item's sealed details.
    return { kind: k, language: field === "language" ? words : null, details: field === "language" ? null : words };
  });
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
