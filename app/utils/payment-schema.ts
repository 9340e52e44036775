import { z } from "zod";

/** The tax year from a query string; anything else means this year. */
export const TaxYearSchema = z.object({
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .catch(() => new Date().getUTCFullYear()),
});
