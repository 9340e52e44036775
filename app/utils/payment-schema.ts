import { addDays, format, isValid, parseISO } from "date-fns";
import { z } from "zod";
import { formatDate } from "./format";
import { digitsField } from "./validation";

/** A year in an address (filters, tax year): four digits from 2000 to 2100. */
export const yearField = digitsField("Choose a year.").pipe(z.number().min(2000).max(2100));

/** The tax year from a query string; anything else means this year. */
export const TaxYearSchema = z.object({
  year: yearField.catch(() => new Date().getUTCFullYear()),
});

// The organization's records start well after this; an earlier date is a typo (0001, 1026).
const EARLIEST_PAYMENT_DAY = "2000-01-01";

/** Today's UTC calendar day (every date in the product is a UTC day), as a date for date-fns. */
const todayUtc = () => parseISO(new Date().toISOString().slice(0, 10));

/**
 * A calendar day typed in a form, from 2000-01-01 to `latest()` (worked out when the form is sent,
 * so "today" is today). One message at a time: format, then existence, then range.
 */
function paymentDayField(missingMessage: string, latest: () => Date) {
  return z.string({ error: missingMessage }).superRefine((value, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      ctx.addIssue({ code: "custom", message: "Use a date like 2026-03-01." });
    } else if (!isValid(parseISO(value))) {
      ctx.addIssue({ code: "custom", message: "That date does not exist." });
    } else {
      const last = format(latest(), "yyyy-MM-dd");
      if (value < EARLIEST_PAYMENT_DAY || value > last) {
        ctx.addIssue({
          code: "custom",
          message: `Use a date from ${formatDate(EARLIEST_PAYMENT_DAY)} to ${formatDate(last)}.`,
        });
      }
    }
  });
}

/** When a payment was made: up to a week ahead, for a transfer scheduled for the coming days. */
export const paidDateField = paymentDayField("Enter the date it was paid.", () => addDays(todayUtc(), 7));
