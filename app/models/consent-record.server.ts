// Consent on the consultant record and the admin's wording settings. The rules live in
// consent.server.ts; these are the extra reads those pages need, and one settings rule.
import { addDays, parseISO } from "date-fns";
import { and, asc, desc, eq } from "drizzle-orm";
import { consentPurposes, consentPurposeVersions, consultants, users } from "../../db/schema";
import { db } from "../utils/db.server";
import { DEFAULT_CONSENT_PURPOSES, REVIEW_WINDOW_DAYS } from "../utils/consent-options";
import {
  addConsentPurpose,
  consentOverview,
  listConsentPurposes,
  reviseConsentPurpose,
  todayIso,
} from "./consent.server";
import { isoDay } from "../utils/day";
import { NotFoundError, RuleError } from "./errors";

/** The consultant a consent form is about, or a 404 when they are not in this organization. */
export function consultantForConsent(organizationId: string, consultantId: string) {
  const row = db
    .select({ id: consultants.id, preferredName: consultants.preferredName })
    .from(consultants)
    .where(and(eq(consultants.id, consultantId), eq(consultants.organizationId, organizationId)))
    .get();
  if (!row) throw new NotFoundError("Consultant not found.");
  return row;
}

/** Counts for the consultant record, and the yeses that end within the review window. */
export function consentSummary(organizationId: string, consultantId: string, today: string = todayIso()) {
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

/**
 * The settings page: each purpose in order with its current wording and every earlier wording,
 * newest first. One query for all versions rather than one per purpose.
 */
export function consentWordingSettings(organizationId: string) {
  const purposes = listConsentPurposes(organizationId);
  const versions = db
    .select({
      id: consentPurposeVersions.id,
      purposeId: consentPurposeVersions.purposeId,
      version: consentPurposeVersions.version,
      label: consentPurposeVersions.label,
      text: consentPurposeVersions.text,
      createdAt: consentPurposeVersions.createdAt,
      createdByName: users.preferredName,
    })
    .from(consentPurposeVersions)
    .innerJoin(consentPurposes, eq(consentPurposes.id, consentPurposeVersions.purposeId))
    .leftJoin(users, eq(users.id, consentPurposeVersions.createdByUserId))
    .where(eq(consentPurposes.organizationId, organizationId))
    .orderBy(asc(consentPurposes.position), desc(consentPurposeVersions.version))
    .all();
  return purposes.map((purpose) => ({
    ...purpose,
    earlier: versions.filter((v) => v.purposeId === purpose.id && v.version < purpose.version),
  }));
}
export type ConsentWordingSetting = ReturnType<typeof consentWordingSettings>[number];

// Stories, images, recordings and press contact identify a person in public: the publication
// standard is a consent that ends within three years, so these keep an end date.
const KEEP_AN_END = new Set(DEFAULT_CONSENT_PURPOSES.filter((p) => p.defaultExpiryMonths).map((p) => p.systemKey));

/** Changes a purpose's wording or usual end, keeping an end for the purposes that must have one. */
export function reviseConsentWording(args: Parameters<typeof reviseConsentPurpose>[0]) {
  const purpose = listConsentPurposes(args.organizationId).find((p) => p.id === args.purposeId);
  if (!purpose) throw new RuleError("purposeId", "That purpose is not on the list. Reload the page.");
  if (args.defaultExpiryMonths === null && purpose.systemKey && KEEP_AN_END.has(purpose.systemKey)) {
    throw new RuleError(
      "defaultExpiryMonths",
      "This purpose needs an end: a “yes” to it lasts at most 36 months (3 years). Give a number from 1 to 36.",
    );
  }
  return reviseConsentPurpose(args);
}

/**
 * Adds a purpose unless one of that name is already on the list (in any capitals): a resent form
 * or a second click adds nothing, and nobody is asked the same question twice.
 */
export function addConsentPurposeOnce(args: Parameters<typeof addConsentPurpose>[0]) {
  const name = args.label.trim().toLocaleLowerCase();
  const existing = listConsentPurposes(args.organizationId).find((p) => p.label.trim().toLocaleLowerCase() === name);
  if (existing) throw new RuleError("label", "There is already a purpose with this name. Choose another name.");
  return addConsentPurpose(args);
}
