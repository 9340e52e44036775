// Every date in the product is a UTC calendar day, "YYYY-MM-DD": shared by server and browser.
import { isValid, parseISO } from "date-fns";

const DAY_MS = 86_400_000;

/** The shape of a calendar day as typed and stored; `isIsoDay` also checks that the day exists. */
export const ISO_DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether a text is a calendar day that exists, written "YYYY-MM-DD". `Date.parse` is not enough:
 * it takes "2026-02-30" and rolls it over to March 2.
 */
export const isIsoDay = (value: string) => ISO_DAY_PATTERN.test(value) && isValid(parseISO(value));

/** The calendar day in UTC, as "YYYY-MM-DD". */
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** A UTC calendar day `days` later, counted in whole UTC days as SQLite's date(…, '+N days') does. */
export const addDaysToIsoDay = (day: string, days: number) =>
  isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
