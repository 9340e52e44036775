import { z } from "zod";

// The runtime's list leaves out "UTC" itself (it lists only geographic zones), yet UTC is a fair
// choice for an organization spread over several of them.
let zones: readonly string[] | undefined;

/** Every time zone an organization may choose: UTC, then the runtime's IANA names. */
export function supportedTimeZones(): readonly string[] {
  zones ??= ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];
  return zones;
}

export function isSupportedTimeZone(value: string) {
  return supportedTimeZones().includes(value);
}

export const TIME_ZONE_MESSAGE = "staff:settings.errors.timeZone";

/** An organization's time zone, as typed in a form: an IANA name from the list. */
export const TimeZoneField = z
  .string({ error: TIME_ZONE_MESSAGE })
  .trim()
  .max(100, TIME_ZONE_MESSAGE)
  .refine(isSupportedTimeZone, TIME_ZONE_MESSAGE);

/** "America/New_York" → "America / New York", for a list people read. */
export const timeZoneLabel = (zone: string) => zone.replaceAll("_", " ").replaceAll("/", " / ");
