// The terms of an engagement: what the consultant agrees to, and the snapshot kept word for word
// with each answer. Editing, the consultant's answers and the seed all rely on this one list.
import type { engagements } from "../../../db/schema";

// What the consultant agrees to: any change to one of these needs a new acceptance. The program
// is part of it: the same work for another program is another offer.
export const TERMS_FIELDS = [
  "programId",
  "stage",
  "activityTypeId",
  "role",
  "level",
  "title",
  "scopeWhat",
  "scopeWhen",
  "scopeWhere",
  "format",
  "startDate",
  "endDate",
  "rateKind",
  "rateCents",
  "estimatedHundredths",
  "estimatedDays",
  "coversPreparation",
  "coversTravel",
  "coversDebrief",
  "expensesPolicy",
  "paymentDueDays",
  "cancellationTerms",
] as const;

type Engagement = typeof engagements.$inferSelect;
export type Terms = Pick<Engagement, (typeof TERMS_FIELDS)[number]>;

/** The terms as the consultant sees them, kept word for word with their answer. */
export function termsSnapshot(engagement: Engagement): Terms {
  return Object.fromEntries(TERMS_FIELDS.map((field) => [field, engagement[field]])) as Terms;
}
