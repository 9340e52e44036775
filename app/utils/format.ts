// Formatting shared by server and browser. A moment in time (a row's createdAt, a decision's time)
// is shown in the organization's time zone with the zone's short name, so "9:15 AM EST" means the
// same to everyone reading it. A calendar day typed by a person (YYYY-MM-DD: a due date, a work day)
// has no time zone and is shown as it is.
import { ISO_DAY_PATTERN } from "./day";

/** A moment in time: a Date, epoch milliseconds, or ISO text with a time. */
export type Moment = Date | string | number;

// Building an Intl.DateTimeFormat is slow next to using one; a page formats hundreds of times.
const formats = new Map<string, Intl.DateTimeFormat>();
function formatIn(kind: "dateTime" | "parts", timeZone: string) {
  const key = `${kind} ${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      "en-US",
      kind === "dateTime"
        ? {
            month: "short",
            day: "numeric",
            year: "numeric",
            hour: "numeric",
            minute: "2-digit",
            timeZoneName: "short",
            timeZone,
          }
        : { year: "numeric", month: "2-digit", day: "2-digit", timeZone },
    );
    formats.set(key, format);
  }
  return format;
}

const calendarDay = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/** "Dec 7, 2026, 9:15 AM EST": a moment in the given time zone, with the zone's short name. */
export function formatDateTime(value: Moment, timeZone: string) {
  return formatIn("dateTime", timeZone).format(new Date(value));
}

/** The calendar day (YYYY-MM-DD) on which a moment falls in the given time zone. */
export function dayIn(value: Moment, timeZone: string) {
  const parts = Object.fromEntries(
    formatIn("parts", timeZone)
      .formatToParts(new Date(value))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Today's calendar day (YYYY-MM-DD) where the organization is. */
export function todayIn(timeZone: string, now: Moment = new Date()) {
  return dayIn(now, timeZone);
}

/**
 * "Dec 7, 2026": a calendar day (YYYY-MM-DD) as it is, with no time zone shift. A moment in time
 * is refused: its day depends on the time zone, so it goes through the viewer's formatters.
 */
export function formatDate(day: string) {
  if (!ISO_DAY_PATTERN.test(day))
    throw new TypeError("formatDate takes a calendar day (YYYY-MM-DD), not a moment in time.");
  return calendarDay.format(new Date(`${day}T00:00:00Z`));
}

/**
 * Formatting for one viewer: today the organization's time zone; the viewer's language would join it
 * here. Pages get theirs from `useFormat()`; server code that writes times builds one from the
 * organization's time zone.
 */
export type Formatters = {
  readonly timeZone: string;
  /** "Dec 7, 2026, 9:15 AM EST". */
  dateTime: (value: Moment) => string;
  /** "Dec 7, 2026": the day a moment falls on, where the organization is. */
  date: (value: Moment) => string;
  /** The YYYY-MM-DD day a moment falls on, where the organization is. */
  day: (value: Moment) => string;
  /** Today's YYYY-MM-DD day, where the organization is. */
  today: () => string;
};

export function formattersFor(timeZone: string): Formatters {
  return {
    timeZone,
    dateTime: (value) => formatDateTime(value, timeZone),
    date: (value) => formatDate(dayIn(value, timeZone)),
    day: (value) => dayIn(value, timeZone),
    today: () => todayIn(timeZone),
  };
}

export const ROLE_LABELS = { admin: "Admin", staff: "Staff", consultant: "Consultant" } as const;
