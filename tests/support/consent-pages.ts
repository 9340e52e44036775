// What a consent page sends back about the words it showed: the version of each purpose's wording
// current when it was opened. Tests that post consent forms send the same, as the pages do.
import { desc, eq } from "drizzle-orm";
import { consentPurposeVersions } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { listConsentPurposes } from "../../app/models/consent/purposes.server";
import { shownVersionsValue } from "../../app/utils/consent-decision-schema";

/** The current version of one purpose's wording (1 for an id that names no purpose: the server refuses it anyway). */
export function shownVersionOf(purposeId: string | undefined): string {
  if (!purposeId) return "1";
  const row = db
    .select({ version: consentPurposeVersions.version })
    .from(consentPurposeVersions)
    .where(eq(consentPurposeVersions.purposeId, purposeId))
    .orderBy(desc(consentPurposeVersions.version))
    .get();
  return String(row?.version ?? 1);
}

/** Every purpose of an organization with its current version, as the consent forms send them. */
export function shownVersionsOf(organizationId: string): string {
  return shownVersionsValue(listConsentPurposes(organizationId));
}
