// Small wording helpers for consent, shared by server and browser.
import { message } from "../i18n/message";

/**
 * The unit and count a sentence about how long a yes lasts is told in: "36 months" reads as "3 years",
 * anything else in months. Its catalog entry has a form for each (`…_years_one`, `…_months_other`),
 * which i18next picks from `context` and `count`.
 */
export function durationValues(months: number) {
  return months % 12 === 0 ? { context: "years", count: months / 12 } : { context: "months", count: months };
}

/** How long a yes lasts on its own ("3 years"), as a message to show with `useMessage()`. */
export function durationMessage(months: number) {
  return message("common:consentOptions.duration", durationValues(months));
}

/**
 * What a consent purpose's wording is made of, in every language it is written in: the name a person
 * reads and the words they agree to. A translation holds all of these or none.
 */
export const CONSENT_WORDING_FIELDS = ["label", "text"] as const;
export type ConsentWordingField = (typeof CONSENT_WORDING_FIELDS)[number];
