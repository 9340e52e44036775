// The consultant's own view of consent in the portal. Every function takes the consultant id that
// the route found from the session (requireOwnConsultant), never one from a form or URL.
import { addDays, addMonths, parseISO } from "date-fns";
import { and, eq } from "drizzle-orm";
import { engagements, type NAME_CHOICES } from "../../../db/schema";
import { DEFAULT_LANGUAGE, type Language } from "../../i18n/config";
import { db } from "../../utils/db.server";
import { REVIEW_WINDOW_DAYS } from "../../utils/consent-options";
import { isoDay } from "../../utils/day";
import { notifyConsultant } from "../contact.server";
import { organizationToday } from "../settings.server";
import { reconfirmConsents, recordConsentDecision } from "./decisions.server";
import { purposeWording } from "./purposes.server";
import { consentHistory, consentOverview, consentReceipt, engagementAwaitingConsentCheck } from "./reads.server";

/**
 * Everything the consent page shows: each purpose with my current choice, in my page's `language` when
 * the organization wrote it in full (else English, with `fallback`), my receipts, and a prompt.
 */
export function myConsentChoices(
  organizationId: string,
  consultantId: string,
  language: Language = DEFAULT_LANGUAGE,
  today: string = organizationToday(organizationId),
) {
  const history = consentHistory(organizationId, consultantId);
  // An "expired" event keeps the end date that was reached; the overview only keeps it for a grant.
  const endDates = new Map(history.map((e) => [e.id, e.expiresOn]));
  const purposes = consentOverview(organizationId, consultantId, today).map((c) => {
    const shown = purposeWording(c.purpose, language);
    return {
      id: c.purpose.id,
      label: shown.label,
      text: shown.text,
      /** The language the words are shown in: the forms say so, and a decision records it. */
      language: shown.language,
      /** My language was not written for this purpose: the words are the English. */
      fallback: shown.fallback,
      version: c.purpose.version,
      asksNameChoice: c.purpose.asksNameChoice,
      /** The longest a yes may last, and what a yes gets when no end date is given. */
      defaultEndDate: c.purpose.defaultExpiryMonths
        ? isoDay(addMonths(parseISO(today), c.purpose.defaultExpiryMonths))
        : null,
      state: c.state,
      eventId: c.eventId,
      decidedAt: c.decidedAt,
      /** The day I signed or said it, when the team saved it for me later. */
      givenOn: c.givenOn,
      endsOn: c.eventId ? (endDates.get(c.eventId) ?? null) : null,
      scopeNotes: c.scopeNotes,
      nameChoice: c.nameChoice,
      wordingChanged: c.wordingChanged,
      decidedVersion: c.wordingChanged ? c.decidedVersion : null,
      decidedLanguage: c.wordingChanged ? c.decidedLanguage : null,
    };
  });
  return {
    purposes,
    // Where a signed form is kept is for staff to find it; the consultant sees when and before whom.
    receipts: history.map((e) => ({
      id: e.id,
      kind: e.kind,
      label: e.label,
      language: e.language,
      version: e.version,
      method: e.method,
      givenOn: e.givenOn,
      witnessName: e.witnessName,
      createdAt: e.createdAt,
    })),
    awaitingEngagement: engagementAwaitingConsentCheck(organizationId, consultantId),
  };
}
export type MyConsentPurpose = ReturnType<typeof myConsentChoices>["purposes"][number];

/** One of my receipts; a 404 for any event that is not mine, whatever the id. */
export function myConsentReceipt(organizationId: string, consultantId: string, eventId: string) {
  const event = consentReceipt(organizationId, consultantId, eventId);
  const engagement = event.engagementId
    ? db
        .select({ title: engagements.title })
        .from(engagements)
        .where(
          and(
            eq(engagements.id, event.engagementId),
            eq(engagements.organizationId, organizationId),
            eq(engagements.consultantId, consultantId),
          ),
        )
        .get()
    : undefined;
  return {
    id: event.id,
    kind: event.kind,
    method: event.method,
    label: event.label,
    text: event.text,
    /** The language the words above are in: the one the choice was given in. */
    language: event.language,
    version: event.version,
    scopeNotes: event.scopeNotes,
    nameChoice: event.nameChoice,
    expiresOn: event.expiresOn,
    givenOn: event.givenOn,
    witnessName: event.witnessName,
    requestedBy: event.requestedBy,
    requestedOn: event.requestedOn,
    createdAt: event.createdAt,
    recordedByName: event.recordedByName,
    recordedByMe: Boolean(event.recordedByConsultant),
    engagementTitle: engagement?.title ?? null,
  };
}

/**
 * What the portal home should point out: new work to check my choices against, and yeses that
 * end soon or have ended.
 */
export function myConsentAttention(
  organizationId: string,
  consultantId: string,
  today: string = organizationToday(organizationId),
) {
  const until = isoDay(addDays(parseISO(today), REVIEW_WINDOW_DAYS));
  const overview = consentOverview(organizationId, consultantId, today);
  return {
    awaitingEngagement: engagementAwaitingConsentCheck(organizationId, consultantId),
    endingSoon: overview.filter((c) => c.state === "granted" && c.expiresOn && c.expiresOn <= until).length,
    ended: overview.filter((c) => c.state === "expired").length,
  };
}

/**
 * Tells the consultant a receipt is waiting, if email is safe for them. The decision is already
 * saved: a failure here is logged (without details) and never undoes or hides it.
 */
export async function sendConsentReceiptNotice(organizationId: string, consultantId: string) {
  try {
    return await notifyConsultant({ organizationId, consultantId, message: { template: "portal-receipt" } });
  } catch (error) {
    console.error("Receipt notice failed:", error instanceof Error ? error.name : "unknown error");
    return { sent: false as const, reason: "failed" as const };
  }
}

/**
 * My yes, no or withdrawal, always as myself and "in the portal". A "no" to something I said yes
 * to is recorded as a withdrawal (a page left open from before my yes still offers "No"): only a
 * withdrawal stops the uses that rest on the yes.
 */
export function recordMyConsentDecision(args: {
  organizationId: string;
  consultantId: string;
  userId: string;
  purposeId: string;
  decision: "granted" | "declined" | "withdrawn";
  scopeNotes: string | null;
  nameChoice: (typeof NAME_CHOICES)[number] | null;
  expiresOn: string | null;
  /** The reader's page language: the words they were shown follow from it. */
  language: Language;
  /** The language the form says the words were shown in, when it says. */
  shownLanguage?: string | null;
  /** The version of the words the form showed. */
  shownVersion?: number;
  creationKey: string;
  today?: string;
}) {
  const { userId, ...input } = args;
  const current =
    input.decision === "declined"
      ? consentOverview(args.organizationId, args.consultantId, args.today).find((c) => c.purpose.id === args.purposeId)
          ?.state
      : undefined;
  return recordConsentDecision({
    ...input,
    decision: current === "granted" ? "withdrawn" : input.decision,
    actor: { kind: "consultant", userId },
    method: "portal",
  });
}

/**
 * "My choices are still right" for the work that prompted it. Nothing to confirm (no new work, or
 * no yes or no yet) records nothing.
 */
export function confirmMyConsents(args: {
  organizationId: string;
  consultantId: string;
  userId: string;
  creationKey: string;
  /** The reader's page language. */
  language: Language;
  /** By purpose, the version of the wording the page showed. */
  shownVersions: Readonly<Record<string, number>>;
}) {
  const engagement = engagementAwaitingConsentCheck(args.organizationId, args.consultantId);
  if (!engagement) return { created: 0 };
  const results = reconfirmConsents({ ...args, engagementId: engagement.id });
  return { created: results.filter((r) => r.created).length };
}
