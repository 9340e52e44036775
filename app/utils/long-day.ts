// "3 March 2026" ("3 de marzo de 2026"): the portal's plain way to say a day (UTC-stable, like the
// calendar days of app/utils/format.ts). English keeps the day before the month, as the portal has always
// written it. A module of its own: the pages that do not say days this way do not carry it.
import { DEFAULT_LANGUAGE, intlLocale, type Language } from "~/i18n/config";

const longDays = new Map<string, Intl.DateTimeFormat>();
export function formatLongDay(isoDay: string, language: Language = DEFAULT_LANGUAGE) {
  const locale = language === DEFAULT_LANGUAGE ? "en-GB" : intlLocale(language);
  let format = longDays.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    longDays.set(locale, format);
  }
  return format.format(new Date(`${isoDay}T00:00:00Z`));
}
