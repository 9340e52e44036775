// Formatting shared by server and browser. Dates are shown in the viewer's locale, UTC-stable.
const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const dateOnly = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

export function formatDateTime(value: Date | string | number) {
  return `${dateTime.format(new Date(value))} UTC`;
}

export function formatDate(value: Date | string | number) {
  return dateOnly.format(new Date(value));
}

export const ROLE_LABELS = { admin: "Admin", staff: "Staff", consultant: "Consultant" } as const;
