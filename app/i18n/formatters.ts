// Formats a catalog sentence may use for its values, so a message made before anyone knows its reader
// ("a fee of at most {{max, money}}") still shows money and days the reader's way:
//   {{cents, money}}   cents as dollars        {{day, day}}   a YYYY-MM-DD day
//   {{hundredths, hours}}  hours from hundredths
import type { i18n } from "i18next";
import { formatDate } from "~/utils/format";
import { formatCents, formatHours } from "~/utils/money";
import { ISO_DAY_PATTERN } from "~/utils/day";

export function addFormatters(instance: i18n) {
  const formatter = instance.services.formatter;
  if (!formatter) return;
  formatter.add("money", (value, language) => formatCents(Number(value), language ?? "en"));
  formatter.add("hours", (value, language) => formatHours(Number(value), language ?? "en"));
  formatter.add("day", (value, language) =>
    typeof value === "string" && ISO_DAY_PATTERN.test(value) ? formatDate(value, language ?? "en") : String(value),
  );
}
