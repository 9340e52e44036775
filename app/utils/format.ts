// Formatting shared by server and browser. A moment in time (a row's createdAt, a decision's time)
// is shown in the organization's time zone with the zone's short name, so "9:15 AM EST" means the
// same to everyone reading it. A calendar day typed by a person (YYYY-MM-DD: a due date, a work day)
// has no time zone and is shown as it is.
//
// Words and numbers follow the reader's language (`Intl` with the language's locale: "Dec 7, 2026" in
// English, "7 dic 2026" in Spanish); the day and the time zone do not change with it.
import { DEFAULT_LANGUAGE, intlLocale, type Language } from "~/i18n/config";
import { ISO_DAY_PATTERN } from "./day";
import { formatCents, formatHours } from "./money";

/** A moment in time: a Date, epoch milliseconds, or ISO text with a time. */
export type Moment = Date | string | number;

// Building an Intl.DateTimeFormat is slow next to using one; a page formats hundreds of times.
const formats = new Map<string, Intl.DateTimeFormat>();
function formatIn(kind: "dateTime" | "parts" | "calendarDay", timeZone: string, language: Language = DEFAULT_LANGUAGE) {
  // The parts of a day are read back as numbers, so they are always asked for in one locale.
  const locale = kind === "parts" ? "en-US" : intlLocale(language);
  const key = `${kind} ${timeZone} ${locale}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      locale,
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
        : kind === "calendarDay"
          ? { dateStyle: "medium", timeZone: "UTC" }
          : { year: "numeric", month: "2-digit", day: "2-digit", timeZone },
    );
    formats.set(key, format);
  }
  return format;
}

/** "Dec 7, 2026, 9:15 AM EST": a moment in the given time zone, with the zone's short name. */
export function formatDateTime(value: Moment, timeZone: string, language: Language = DEFAULT_LANGUAGE) {
  return formatIn("dateTime", timeZone, language).format(new Date(value));
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
export function formatDate(day: string, language: Language = DEFAULT_LANGUAGE) {
  if (!ISO_DAY_PATTERN.test(day))
    throw new TypeError("formatDate takes a calendar day (YYYY-MM-DD), not a moment in time.");
  return formatIn("calendarDay", "UTC", language).format(new Date(`${day}T00:00:00Z`));
}

/**
 * Formatting for one viewer: the organization's time zone and the viewer's language. Pages get theirs
 * from `useFormat()`; server code that writes times (an email, a CSV) builds one with `formattersFor`.
 */
export type Formatters = {
  readonly timeZone: string;
  readonly language: Language;
  /** "Dec 7, 2026": a calendar day typed by a person (YYYY-MM-DD), as it is. */
  calendarDay: (day: string) => string;
  /** "$1,250.50" from cents. */
  money: (cents: number) => string;
  /** "1.5 hours" / "1.5 horas" from hundredths of an hour. */
  hours: (hundredths: number) => string;
  /** "1,250" in the reader's way of writing numbers. */
  number: (value: number) => string;
  /** "Dec 7, 2026, 9:15 AM EST". */
  dateTime: (value: Moment) => string;
  /** "Dec 7, 2026": the day a moment falls on, where the organization is. */
  date: (value: Moment) => string;
  /** The YYYY-MM-DD day a moment falls on, where the organization is. */
  day: (value: Moment) => string;
  /** Today's YYYY-MM-DD day, where the organization is. */
  today: () => string;
};

export function formattersFor(timeZone: string, language: Language = DEFAULT_LANGUAGE): Formatters {
  const numbers = new Intl.NumberFormat(intlLocale(language));
  return {
    timeZone,
    language,
    calendarDay: (day) => formatDate(day, language),
    money: (cents) => formatCents(cents, language),
    hours: (hundredths) => formatHours(hundredths, language),
    number: (value) => numbers.format(value),
    dateTime: (value) => formatDateTime(value, timeZone, language),
    date: (value) => formatDate(dayIn(value, timeZone), language),
    day: (value) => dayIn(value, timeZone),
    today: () => todayIn(timeZone),
  };
}
