import { ISO_DAY_PATTERN, isIsoDay, isoDay } from "./day";
import { z } from "zod";
import { PAYMENT_METHODS, type PaymentMethod } from "../../db/schema";
import { message } from "~/i18n/message";
import { MAX_AMOUNT_LENGTH, MAX_PAYMENT_CENTS, parseMoneyToCents } from "./money";
import { digitsField, DATE_FORMAT_MESSAGE, NO_SUCH_DAY_MESSAGE } from "./validation";

const CHOOSE_YEAR = "staff:payments.errors.chooseYear";

/** A year in an address (filters, tax year): four digits from 2000 to 2100. */
export const yearField = digitsField(CHOOSE_YEAR).pipe(z.number().min(2000, CHOOSE_YEAR).max(2100, CHOOSE_YEAR));

/** The tax year from a query string; anything else means this year. */
export const TaxYearSchema = z.object({
  year: yearField.catch(() => new Date().getUTCFullYear()),
});

// The organization's records start well after this; an earlier date is a typo (0001, 1026).
const EARLIEST_PAYMENT_DAY = "2000-01-01";

/**
 * A calendar day typed in a form, from 2000-01-01 to `latest()` (worked out when the form is sent,
 * so "today" is today). One message at a time: format, then existence, then range.
 */
function paymentDayField(missingMessage: string, latest: () => string) {
  return z.string({ error: missingMessage }).superRefine((value, ctx) => {
    if (!ISO_DAY_PATTERN.test(value)) {
      ctx.addIssue({ code: "custom", message: DATE_FORMAT_MESSAGE });
    } else if (!isIsoDay(value)) {
      ctx.addIssue({ code: "custom", message: NO_SUCH_DAY_MESSAGE });
    } else {
      const last = latest();
      if (value < EARLIEST_PAYMENT_DAY || value > last) {
        ctx.addIssue({
          code: "custom",
          message: message("staff:payments.errors.paidDateRange", { from: EARLIEST_PAYMENT_DAY, to: last }),
        });
      }
    }
  });
}

/**
 * When a payment was made: today at the latest. A transfer planned for the coming days is not paid
 * yet (the model refuses it too: paidPaymentProblem in app/models/payment/steps.server.ts).
 */
// Today's UTC calendar day, as the model's check counts it (every date in the product is a UTC day).
export const paidDateField = paymentDayField("staff:payments.errors.paidDateMissing", () => isoDay(new Date()));

export const UNDECIDED_METHOD_MESSAGE = "staff:payments.errors.methodUndecided";
export const FUTURE_PAID_DATE_MESSAGE = "staff:payments.errors.paidDateFuture";

type PaidMethod = Exclude<PaymentMethod, "undecided">;
/** The methods a payment can have been paid by. */
export const PAID_METHODS = PAYMENT_METHODS.filter((m): m is PaidMethod => m !== "undecided");

/** How a payment was made: a real method, never "Not decided yet" (the model refuses it too). */
export const paidMethodField = z.enum(PAID_METHODS as [PaidMethod, ...PaidMethod[]], {
  error: UNDECIDED_METHOD_MESSAGE,
});

const AMOUNT_MESSAGE = "staff:payments.errors.amount";

/** An amount in dollars as cents; empty is 0, or refused with `missingMessage` when given. */
const amount = (missingMessage?: string) =>
  z
    .string()
    .max(MAX_AMOUNT_LENGTH, AMOUNT_MESSAGE)
    .optional()
    .transform((v, ctx) => {
      if (!v) {
        if (missingMessage) ctx.addIssue({ code: "custom", message: missingMessage });
        return 0;
      }
      const cents = parseMoneyToCents(v);
      if (cents === null || cents > MAX_PAYMENT_CENTS) {
        ctx.addIssue({ code: "custom", message: AMOUNT_MESSAGE });
        return z.NEVER;
      }
      return cents;
    });

/** Staff record a payment for an engagement. */
export const NewPaymentSchema = z.object({
  engagementId: z.string().min(1).max(100),
  creationKey: z.uuid(),
  fee: amount("staff:payments.errors.feeMissing"),
  expenses: amount(),
  method: z.enum(PAYMENT_METHODS, { error: "staff:payments.errors.chooseMethod" }),
  // "Record anyway": seen that this takes the consultant past the yearly pay limit they set.
  payAnyway: z.boolean().default(false),
});

const reasonField = z
  .string({ error: "staff:payments.errors.reasonMissing" })
  .trim()
  .min(1, "staff:payments.errors.reasonMissing")
  .max(500, message("staff:payments.errors.tooLong", { max: 500 }));

/** The forms of a payment's page (admin). */
export const PaymentPageSchema = z.discriminatedUnion("intent", [
  // "Approve anyway": seen that this takes the consultant past the yearly pay limit they set.
  z.object({ intent: z.literal("approve"), payAnyway: z.boolean().default(false) }),
  z.object({
    intent: z.literal("mark-paid"),
    paidDate: paidDateField,
    method: paidMethodField,
    reference: z
      .string()
      .trim()
      .max(100, message("staff:payments.errors.tooLong", { max: 100 }))
      .optional(),
    // Marking paid is asked twice: the first post shows what will be recorded, "yes" records it.
    confirmed: z.enum(["yes", "no"]).optional(),
  }),
  z.object({ intent: z.literal("reverse-paid"), reason: reasonField }),
  z.object({ intent: z.literal("void"), reason: reasonField }),
  z.object({ intent: z.literal("choice"), choice: z.enum(["deferred", "declined", "none"]) }),
]);

// Saying no to a payment is not here: it has its own page that asks once more (portal.pay_.$id.decline).
const paymentId = z.string().min(1).max(100);
/** The consultant's choices about a payment, on "My pay". */
export const PortalPayChoiceSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("need-now"), paymentId }),
  z.object({ intent: z.literal("defer"), paymentId }),
  z.object({ intent: z.literal("undo"), paymentId }),
]);

// The address says which payment; the button sends the answer, so a post without it changes nothing.
export const DeclinePaymentSchema = z.object({ confirm: z.literal("yes") });
