import { ISO_DAY_PATTERN, isIsoDay, isoDay } from "./day";
import { z } from "zod";
import { PAYMENT_METHODS, type PaymentMethod } from "../../db/schema";
import { formatDate } from "./format";
import { digitsField, DATE_FORMAT_MESSAGE, NO_SUCH_DAY_MESSAGE } from "./validation";

/** A year in an address (filters, tax year): four digits from 2000 to 2100. */
export const yearField = digitsField("Choose a year.").pipe(z.number().min(2000).max(2100));

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
          message: `Use a date from ${formatDate(EARLIEST_PAYMENT_DAY)} to ${formatDate(last)}.`,
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
export const paidDateField = paymentDayField("Enter the date it was paid.", () => isoDay(new Date()));

export const UNDECIDED_METHOD_MESSAGE = "Choose how it was paid. “Not decided yet” is not a way to pay.";
export const FUTURE_PAID_DATE_MESSAGE = "The date paid cannot be in the future. Mark it paid once the money is sent.";

type PaidMethod = Exclude<PaymentMethod, "undecided">;
/** The methods a payment can have been paid by. */
export const PAID_METHODS = PAYMENT_METHODS.filter((m): m is PaidMethod => m !== "undecided");

/** How a payment was made: a real method, never "Not decided yet" (the model refuses it too). */
export const paidMethodField = z.enum(PAID_METHODS as [PaidMethod, ...PaidMethod[]], {
  error: UNDECIDED_METHOD_MESSAGE,
});
