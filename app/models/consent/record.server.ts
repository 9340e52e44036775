// Consent on a consultant's staff record: who the consent page is about, and the counts and
// endings the record's summary shows. The rules live in decisions.server.ts; these only read.
import { addDays, parseISO } from "date-fns";
import { and, eq } from "drizzle-orm";
import { consultants } from "../../../db/schema";
import { db } from "../../utils/db.server";
import { REVIEW_WINDOW_DAYS } from "../../utils/consent-options";
import { isoDay } from "../../utils/day";
import { NotFoundError } from "../errors";
import { organizationToday } from "../settings.server";
import { consentOverview } from "./reads.server";

/** The consultant a consent form is about, or a 404 when they are not in this organization. */
export function consultantForConsent(organizationId: string, consultantId: string) {
  const row = db
    .select({ id: consultants.id, preferredName: consultants.preferredName })
    .from(consultants)
    .where(and(eq(consultants.id, consultantId), eq(consultants.organizationId, organizationId)))
    .get();
  if (!row) throw new NotFoundError("common:consentRules.consultantNotFound");
  return row;
}

/** Counts for the consultant record, and the yeses that end within the review window. */
export function consentSummary(
  organizationId: string,
  consultantId: string,
  today: string = organizationToday(organizationId),
) {
  const overview = consentOverview(organizationId, consultantId, today);
  const until = isoDay(addDays(parseISO(today), REVIEW_WINDOW_DAYS));
  const count = (...states: string[]) => overview.filter((c) => states.includes(c.state)).length;
  return {
    granted: count("granted"),
    declined: count("declined"),
    ended: count("withdrawn", "expired"),
    notAsked: count("not_asked"),
    expiringSoon: overview
      .filter((c) => c.state === "granted" && c.expiresOn && c.expiresOn <= until)
      .map((c) => ({ purposeId: c.purpose.id, label: c.purpose.label, expiresOn: c.expiresOn! }))
      .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn)),
  };
}
export type ConsentSummary = ReturnType<typeof consentSummary>;
