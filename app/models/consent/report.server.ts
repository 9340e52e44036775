// Read-only views of consent for the staff pages: the dashboard panel, the status matrix as the
// consent page shows it, and the uses register with what raised each flag. The rules live in
// decisions.server.ts and uses.server.ts; this file only reads.
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { consentEvents, consultants, type ConsultantStatus } from "../../../db/schema";
import { db } from "../../utils/db.server";
import type { ConsentState } from "../../utils/consent-options";
import { organizationToday } from "../settings.server";
import { consentMatrixPage } from "./matrix.server";
import { listConsentPurposes } from "./purposes.server";
import { consentOverview, consentsForReview } from "./reads.server";
import { getConsentUse, listConsentUses, type ConsentUseRow } from "./uses.server";

export type FlagCause = { kind: "withdrawn" | "expired"; at: Date };

/** What raised each flag (a withdrawal or an expiry, and when), read in one query. */
function flagCauses(organizationId: string, eventIds: string[]) {
  if (eventIds.length === 0) return new Map<string, FlagCause>();
  return new Map(
    db
      .select({ id: consentEvents.id, kind: consentEvents.kind, createdAt: consentEvents.createdAt })
      .from(consentEvents)
      .where(and(eq(consentEvents.organizationId, organizationId), inArray(consentEvents.id, [...new Set(eventIds)])))
      .all()
      .map((e) => [e.id, { kind: e.kind === "expired" ? "expired" : "withdrawn", at: e.createdAt } as FlagCause]),
  );
}

const withCause = (organizationId: string, uses: ConsentUseRow[]) => {
  const causes = flagCauses(
    organizationId,
    uses.flatMap((u) => (u.flagEventId ? [u.flagEventId] : [])),
  );
  return uses.map((u) => ({ ...u, flagCause: u.flagEventId ? (causes.get(u.flagEventId) ?? null) : null }));
};

/** Uses that must be taken down or stopped, each with what caused the flag. */
export function flaggedUsesWithCause(organizationId: string) {
  return withCause(organizationId, listConsentUses(organizationId, { flaggedOnly: true }));
}

/** The uses register, newest flags first; `flaggedOnly` keeps the uses still waiting for action. */
export function usesRegister(organizationId: string, filters: { flaggedOnly?: boolean } = {}) {
  return withCause(organizationId, listConsentUses(organizationId, filters));
}

/** The staff dashboard's "Is consent current?" panel. */
export function consentDashboard(organizationId: string, today: string = organizationToday(organizationId)) {
  const review = consentsForReview(organizationId, today);
  return {
    flaggedUses: flaggedUsesWithCause(organizationId).map((u) => ({
      id: u.id,
      description: u.description,
      preferredName: u.preferredName,
      purposeLabel: u.purposeLabel,
      flagCause: u.flagCause,
    })),
    expiringSoonCount: review.expiringSoon.length,
    expiredCount: review.expired.length,
  };
}

export type MatrixView = {
  purposeId?: string;
  state?: ConsentState;
  consultantStatus?: ConsultantStatus;
  page?: number;
};

/**
 * One page of the status matrix as the page shows it: only the state and end date of each cell
 * (scope notes stay on the consultant's own page), how many cells of every matching consultant
 * are in each state, and the page links' numbers. Choosing a purpose narrows the columns to it; a
 * purpose that is not this organization's is ignored.
 */
export function consentMatrixView(
  organizationId: string,
  filters: MatrixView = {},
  today: string = organizationToday(organizationId),
) {
  const matrix = consentMatrixPage(organizationId, filters, today);
  return {
    allPurposes: matrix.purposes.map((p) => ({ id: p.id, label: p.label })),
    columns: matrix.columns.map((p) => ({ id: p.id, label: p.label })),
    rows: matrix.rows.map((row) => ({
      consultant: row.consultant,
      cells: row.cells.map((cell) => ({ purposeId: cell.purposeId, state: cell.state, expiresOn: cell.expiresOn })),
    })),
    counts: matrix.counts,
    matchingCount: matrix.matchingCount,
    page: matrix.page,
    pageCount: matrix.pageCount,
    firstShown: (matrix.page - 1) * matrix.pageSize + 1,
    consultantTotal: countConsultants(organizationId),
    filters: {
      purposeId: matrix.purposeId,
      state: filters.state,
      consultantStatus: filters.consultantStatus,
    },
  };
}

function countConsultants(organizationId: string) {
  return (
    db.select({ n: count() }).from(consultants).where(eq(consultants.organizationId, organizationId)).get()?.n ?? 0
  );
}

/** What the "Record a use" form offers: this organization's consultants and current purposes. */
export function choicesForNewUse(organizationId: string) {
  return {
    consultants: db
      .select({ id: consultants.id, preferredName: consultants.preferredName })
      .from(consultants)
      .where(eq(consultants.organizationId, organizationId))
      .orderBy(asc(consultants.preferredName))
      .all(),
    purposes: listConsentPurposes(organizationId).map((p) => ({ id: p.id, label: p.label })),
  };
}

/**
 * One use for its page: the register row, what raised its flag, and whether the consultant's
 * consent for the purpose holds today (publishing a planned use needs it again).
 */
export function consentUseDetails(
  organizationId: string,
  useId: string,
  today: string = organizationToday(organizationId),
) {
  const use = getConsentUse(organizationId, useId);
  const [withFlag] = withCause(organizationId, [use]);
  const current = consentOverview(organizationId, use.consultantId, today).find((c) => c.purpose.id === use.purposeId);
  return { ...withFlag!, currentState: (current?.state ?? "not_asked") as ConsentState };
}
