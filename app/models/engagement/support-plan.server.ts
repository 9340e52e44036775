// The support plan of a piece of work: a support person present, an interpreter, transport,
// childcare, access needs, a debrief after. The consultant asks for items in the portal; staff add
// items, arrange them or say why one is not possible, and record the costs paid back. The plan is part
// of the terms the consultant accepts: it is kept in the snapshot of each answer (termsSnapshot).
//
// When a change to the plan asks the consultant again (a new terms version, as a change of scope does):
// - Every change staff make (an item added, arranged, declined, or its words changed) is a change to
//   what the organization offers, so it raises the terms version. An acceptance given before no longer
//   covers it, and agreed work goes back to waiting for the consultant's answer (changedTermsValues).
// - A request the consultant makes themselves (or withdraws while it is still only asked for) does
//   not: the organization has promised nothing new, so there is nothing new for them to agree to, and
//   asking them to accept their own request again would only add a step (and, on agreed work, stop
//   them logging time until they did). Before they accept, the request is simply in the plan they
//   accept; after, it waits, and the organization's answer to it (arranged or not) is the change that
//   asks them again.
// - A cost paid back is not part of the terms: recording a fare asks nothing again.
import { and, asc, count, eq, inArray, min, notInArray } from "drizzle-orm";
import {
  engagements,
  payments,
  SUPPORT_KINDS,
  supportCosts,
  supportItems,
  type SupportKind,
  type SupportStatus,
} from "../../../db/schema";
import { recordAudit } from "../../utils/audit.server";
import { db, type Executor } from "../../utils/db.server";
import { REIMBURSABLE_SUPPORT_KINDS } from "../../utils/support-options";
import { NotFoundError, RuleError } from "../errors";
import { recordReimbursement } from "../payment/recording.server";
import { openSupportDetails, sealedSupportDetails, sealSupportDetails } from "../support-fields.server";
import { findOwnEngagement } from "./own-work.server";
import { findEngagement } from "./shared.server";
import { changedTermsValues, termsWordsFor } from "./terms.server";
import { DEFAULT_LANGUAGE, type Language } from "../../i18n/config";

/** One item of the plan as it is part of the terms: no sealed words, only what was offered and its answer. */
export type SupportPlanTerm = {
  kind: SupportKind;
  language: string | null;
  status: SupportStatus;
  arrangement: string | null;
  declineReason: string | null;
};

type Engagement = typeof engagements.$inferSelect;

const ITEM_NOT_FOUND = "common:supportPlan.errors.itemNotFound";
const CLOSED = "common:supportPlan.errors.closed";

const byKind = (a: { kind: SupportKind }, b: { kind: SupportKind }) =>
  SUPPORT_KINDS.indexOf(a.kind) - SUPPORT_KINDS.indexOf(b.kind);

/**
 * The plan as it stands, as it goes into the terms: each item's kind, language, status and the words
 * staff wrote to the consultant, in a fixed order. The consultant's own description of a need (sealed)
 * is not copied into the terms: it stays sealed in its one place.
 */
export function supportPlanTerms(tx: Executor, engagementId: string): SupportPlanTerm[] {
  return tx
    .select({
      kind: supportItems.kind,
      language: supportItems.language,
      status: supportItems.status,
      arrangement: supportItems.arrangement,
      declineReason: supportItems.declineReason,
    })
    .from(supportItems)
    .where(eq(supportItems.engagementId, engagementId))
    .all()
    .sort(byKind);
}

/** Whether two plans, as kept in the terms, say the same. */
export function samePlan(a: unknown, b: SupportPlanTerm[]) {
  const normal = (plan: SupportPlanTerm[]) =>
    JSON.stringify(
      [...plan]
        .sort(byKind)
        .map((i) => [i.kind, i.language ?? null, i.status, i.arrangement ?? null, i.declineReason ?? null]),
    );
  return Array.isArray(a) && normal(a as SupportPlanTerm[]) === normal(b);
}

/** The plan as a snapshot kept it: an older snapshot, from before plans, has none to show. */
export function planInSnapshot(snapshot: Record<string, unknown>): SupportPlanTerm[] | null {
  const plan = snapshot.supportPlan;
  if (!Array.isArray(plan)) return null;
  return (plan as SupportPlanTerm[]).filter((i) => (SUPPORT_KINDS as readonly string[]).includes(i.kind)).sort(byKind);
}

/** The plan's items with the consultant's own words left sealed: only a page that shows them opens them. */
function itemRows(tx: Executor, organizationId: string, engagementId: string) {
  return tx
    .select({
      id: supportItems.id,
      kind: supportItems.kind,
      language: supportItems.language,
      sealedDetails: sealedSupportDetails(),
      status: supportItems.status,
      source: supportItems.source,
      arrangement: supportItems.arrangement,
      declineReason: supportItems.declineReason,
      decidedAt: supportItems.decidedAt,
      createdAt: supportItems.createdAt,
    })
    .from(supportItems)
    .where(and(eq(supportItems.organizationId, organizationId), eq(supportItems.engagementId, engagementId)))
    .all()
    .sort(byKind);
}

/** The items with the consultant's own words opened, for the page that shows them. */
function withDetailsOpened(organizationId: string, rows: ReturnType<typeof itemRows>) {
  return rows.map(({ sealedDetails, ...row }) => ({
    ...row,
    details: openSupportDetails(sealedDetails, { organizationId, itemId: row.id }),
  }));
}

/** The work is still open: finished or cancelled work has no plan left to change. */
function assertOpen(engagement: Pick<Engagement, "status">) {
  if (engagement.status === "completed" || engagement.status === "cancelled") throw new RuleError(null, CLOSED);
}

/** Kinds the consultant may still ask for: those not on the plan, or that were not possible (to ask again). */
function askableKinds(items: { kind: SupportKind; status: SupportStatus }[]) {
  return SUPPORT_KINDS.filter((kind) => {
    const item = items.find((i) => i.kind === kind);
    return !item || item.status === "declined";
  });
}

// --- The consultant's side ---------------------------------------------------------------------

/**
 * The signed-in consultant's plan for one of their engagements, with their own words opened (they are
 * theirs), what they may still ask for, and whether the work is still open. A 404 unless it is theirs.
 */
export function ownSupportPlan(args: {
  organizationId: string;
  userId: string;
  engagementId: string;
  language?: Language;
}) {
  const engagement = findOwnEngagement(db, args.organizationId, args.userId, args.engagementId);
  // The work's title in the words its page shows them.
  const title = termsWordsFor(engagement, args.language ?? DEFAULT_LANGUAGE);
  const items = withDetailsOpened(args.organizationId, itemRows(db, args.organizationId, engagement.id)).map((i) => ({
    id: i.id,
    kind: i.kind,
    language: i.language,
    details: i.details,
    status: i.status,
    source: i.source,
    arrangement: i.arrangement,
    declineReason: i.declineReason,
  }));
  const open = engagement.status !== "completed" && engagement.status !== "cancelled";
  return {
    engagement: { id: engagement.id, title: title.words.title ?? engagement.title, titleLanguage: title.language },
    items,
    askable: open ? askableKinds(items) : [],
    open,
  };
}

/**
 * The support plans of the consultant's own work, for "My data": per engagement with a plan, each item
 * with their own words opened (they are theirs), who put it there and when, and the organization's
 * answer. The work's title in the words its page shows them.
 */
export function supportPlansOfConsultant(
  exec: Executor,
  organizationId: string,
  consultantId: string,
  language: Language = DEFAULT_LANGUAGE,
) {
  return exec
    .select()
    .from(engagements)
    .where(and(eq(engagements.organizationId, organizationId), eq(engagements.consultantId, consultantId)))
    .orderBy(asc(engagements.startDate), asc(engagements.createdAt), asc(engagements.id))
    .all()
    .flatMap((engagement) => {
      const items = withDetailsOpened(organizationId, itemRows(exec, organizationId, engagement.id));
      if (items.length === 0) return [];
      const title = termsWordsFor(engagement, language);
      return [
        {
          title: title.words.title ?? engagement.title,
          titleLanguage: title.language,
          items: items.map((i) => ({
            kind: i.kind,
            language: i.language,
            details: i.details,
            status: i.status,
            source: i.source,
            arrangement: i.arrangement,
            declineReason: i.declineReason,
            askedAt: i.createdAt,
            answeredAt: i.decidedAt,
          })),
        },
      ];
    });
}

export type SupportRequest = { kind: SupportKind; language?: string | null; details?: string | null };

/**
 * The consultant asks for support on their own work. A kind already asked for or arranged is refused
 * (they withdraw a request to change it); one that was not possible may be asked for again, and is
 * then asked for afresh. Raises no terms version: see the top of this file.
 */
export function askForSupport(args: {
  organizationId: string;
  userId: string;
  engagementId: string;
  requests: SupportRequest[];
}) {
  db.transaction((tx) => {
    const engagement = findOwnEngagement(tx, args.organizationId, args.userId, args.engagementId);
    assertOpen(engagement);
    const items = itemRows(tx, args.organizationId, engagement.id);
    const askable = askableKinds(items);
    for (const request of args.requests) {
      if (!askable.includes(request.kind)) throw new RuleError("kinds", "common:supportPlan.errors.alreadyAsked");
    }
    for (const request of args.requests) {
      const existing = items.find((i) => i.kind === request.kind);
      const id = existing?.id ?? crypto.randomUUID();
      const values = {
        language: request.kind === "interpreter" ? (request.language ?? null) : null,
        details: sealSupportDetails(request.details, { organizationId: args.organizationId, itemId: id }),
        status: "requested" as const,
        source: "consultant" as const,
        arrangement: null,
        declineReason: null,
        decidedByUserId: null,
        decidedAt: null,
        updatedAt: new Date(),
      };
      if (existing) {
        tx.update(supportItems).set(values).where(eq(supportItems.id, id)).run();
      } else {
        tx.insert(supportItems)
          .values({
            ...values,
            id,
            organizationId: args.organizationId,
            engagementId: engagement.id,
            kind: request.kind,
            createdByUserId: args.userId,
          })
          .run();
      }
      recordAudit(tx, {
        actorUserId: args.userId,
        organizationId: args.organizationId,
        action: existing ? "support.asked_again" : "support.requested",
        subjectType: "support_item",
        subjectId: id,
        changedFields: ["status", ...(values.language ? ["language"] : []), ...(values.details ? ["details"] : [])],
      });
    }
  });
}

/**
 * The consultant takes back a request of theirs that nobody has answered yet. Raises no terms
 * version (see the top of this file). Anyone else's item, or one already answered, is not found.
 */
export function withdrawSupportRequest(args: {
  organizationId: string;
  userId: string;
  engagementId: string;
  itemId: string;
}) {
  db.transaction((tx) => {
    const engagement = findOwnEngagement(tx, args.organizationId, args.userId, args.engagementId);
    assertOpen(engagement);
    const item = itemRows(tx, args.organizationId, engagement.id).find((i) => i.id === args.itemId);
    if (!item || item.status !== "requested" || item.source !== "consultant") throw new NotFoundError(ITEM_NOT_FOUND);
    tx.delete(supportItems).where(eq(supportItems.id, item.id)).run();
    recordAudit(tx, {
      actorUserId: args.userId,
      organizationId: args.organizationId,
      action: "support.withdrawn",
      subjectType: "support_item",
      subjectId: item.id,
      changedFields: ["status"],
    });
  });
}

// --- Staff's side ------------------------------------------------------------------------------

/**
 * The plan at a glance, as the engagement page shows it: what was asked for and its answer, never the
 * consultant's own words (sealed, and opened only on the plan's own page). A 404 outside the organization.
 */
export function supportPlanAtAGlance(organizationId: string, engagementId: string): SupportPlanTerm[] {
  const engagement = findEngagement(db, organizationId, engagementId);
  return supportPlanTerms(db, engagement.id);
}

/**
 * The plan as staff work on it: every item with the consultant's own words opened, and the costs paid
 * back for it (the amounts as their payments hold them). A 404 outside the organization. Opening
 * sealed words is an access, kept in the audit log like a view of a consultant's record: one entry
 * per item whose words were opened, with its id and no words.
 */
export function supportPlanForStaff(args: { organizationId: string; engagementId: string; viewerUserId: string }) {
  const { organizationId } = args;
  const engagement = findEngagement(db, organizationId, args.engagementId);
  const items = db.transaction((tx) => {
    const opened = withDetailsOpened(organizationId, itemRows(tx, organizationId, engagement.id));
    for (const item of opened) {
      if (item.details === null) continue;
      recordAudit(tx, {
        actorUserId: args.viewerUserId,
        organizationId,
        action: "support.details_viewed",
        subjectType: "support_item",
        subjectId: item.id,
      });
    }
    return opened;
  });
  const costs = items.length
    ? db
        .select({
          supportItemId: supportCosts.supportItemId,
          paymentId: payments.id,
          expensesCents: payments.expensesCents,
          status: payments.status,
          createdAt: supportCosts.createdAt,
        })
        .from(supportCosts)
        .innerJoin(payments, eq(payments.id, supportCosts.paymentId))
        .where(
          and(
            eq(supportCosts.organizationId, organizationId),
            inArray(
              supportCosts.supportItemId,
              items.map((i) => i.id),
            ),
          ),
        )
        .orderBy(asc(supportCosts.createdAt))
        .all()
    : [];
  const open = engagement.status !== "completed" && engagement.status !== "cancelled";
  return {
    engagement: {
      id: engagement.id,
      title: engagement.title,
      status: engagement.status,
      termsVersion: engagement.termsVersion,
    },
    open,
    items: items.map((i) => ({
      ...i,
      costs: costs.filter((c) => c.supportItemId === i.id),
      costsPaidBack: (REIMBURSABLE_SUPPORT_KINDS as readonly string[]).includes(i.kind),
    })),
    addable: open ? SUPPORT_KINDS.filter((kind) => !items.some((i) => i.kind === kind)) : [],
  };
}

/** The requests still waiting for staff on one engagement, for the engagement page. */
export function waitingSupportRequests(organizationId: string, engagementId: string) {
  return db
    .select({ kind: supportItems.kind })
    .from(supportItems)
    .where(
      and(
        eq(supportItems.organizationId, organizationId),
        eq(supportItems.engagementId, engagementId),
        eq(supportItems.status, "requested"),
      ),
    )
    .all()
    .sort(byKind)
    .map((i) => i.kind);
}

/**
 * Work on which a consultant asked for support that nobody has answered yet, for staff's "Needs you",
 * the longest waiting first. Finished or cancelled work is left out: its plan can no longer change, so
 * nobody could answer. Items staff put on the plan themselves are theirs already, not a request.
 */
export function supportRequestsWaiting(organizationId: string, limit: number) {
  return db
    .select({ id: engagements.id, title: engagements.title, requests: count() })
    .from(supportItems)
    .innerJoin(
      engagements,
      and(eq(engagements.id, supportItems.engagementId), eq(engagements.organizationId, supportItems.organizationId)),
    )
    .where(
      and(
        eq(supportItems.organizationId, organizationId),
        eq(supportItems.status, "requested"),
        eq(supportItems.source, "consultant"),
        notInArray(engagements.status, ["completed", "cancelled"]),
      ),
    )
    .groupBy(engagements.id, engagements.title)
    .orderBy(asc(min(supportItems.updatedAt)), asc(engagements.id))
    .limit(limit)
    .all();
}

type StaffChange = { organizationId: string; actorUserId: string; engagementId: string };

/**
 * A change staff make to the plan: applied, then the terms version raised when the plan, as it goes
 * into the terms, came out different (see the top of this file), both audited. Returns whether the
 * plan changed.
 */
function changePlan(tx: Executor, args: StaffChange, apply: (engagement: Engagement) => void) {
  const engagement = findEngagement(tx, args.organizationId, args.engagementId);
  assertOpen(engagement);
  const before = supportPlanTerms(tx, engagement.id);
  apply(engagement);
  if (samePlan(before, supportPlanTerms(tx, engagement.id))) return false;
  tx.update(engagements)
    .set({ ...changedTermsValues(engagement), updatedAt: new Date() })
    .where(eq(engagements.id, engagement.id))
    .run();
  recordAudit(tx, {
    actorUserId: args.actorUserId,
    organizationId: args.organizationId,
    action: "engagement.terms_changed",
    subjectType: "engagement",
    subjectId: engagement.id,
    changedFields: ["supportPlan"],
  });
  return true;
}

function findItem(tx: Executor, organizationId: string, engagementId: string, itemId: string) {
  const item = itemRows(tx, organizationId, engagementId).find((i) => i.id === itemId);
  if (!item) throw new NotFoundError(ITEM_NOT_FOUND);
  return item;
}

/** Staff put an item on the plan themselves, to arrange. A kind already on it is refused. */
export function addSupportItem(
  args: StaffChange & { kind: SupportKind; language?: string | null; details?: string | null },
) {
  return db.transaction((tx) =>
    changePlan(tx, args, (engagement) => {
      const taken = tx
        .select({ id: supportItems.id })
        .from(supportItems)
        .where(and(eq(supportItems.engagementId, engagement.id), eq(supportItems.kind, args.kind)))
        .get();
      if (taken) throw new RuleError("kind", "common:supportPlan.errors.alreadyOnPlan");
      const id = crypto.randomUUID();
      const language = args.kind === "interpreter" ? (args.language ?? null) : null;
      const details = sealSupportDetails(args.details, { organizationId: args.organizationId, itemId: id });
      tx.insert(supportItems)
        .values({
          id,
          organizationId: args.organizationId,
          engagementId: engagement.id,
          kind: args.kind,
          language,
          details,
          source: "staff",
          createdByUserId: args.actorUserId,
        })
        .run();
      recordAudit(tx, {
        actorUserId: args.actorUserId,
        organizationId: args.organizationId,
        action: "support.added",
        subjectType: "support_item",
        subjectId: id,
        changedFields: ["kind", "status", ...(language ? ["language"] : []), ...(details ? ["details"] : [])],
      });
    }),
  );
}

/**
 * Staff say an item is arranged, with what was arranged in a few words for the consultant (and, for an
 * interpreter, the language, which they may correct). Saying the same again changes nothing.
 */
export function arrangeSupportItem(
  args: StaffChange & { itemId: string; arrangement: string | null; language?: string | null },
) {
  return db.transaction((tx) =>
    changePlan(tx, args, (engagement) => {
      const item = findItem(tx, args.organizationId, engagement.id, args.itemId);
      const language = item.kind === "interpreter" ? (args.language ?? item.language) : null;
      if (item.kind === "interpreter" && !language) {
        throw new RuleError("language", "common:supportPlan.errors.languageMissing");
      }
      if (item.status === "arranged" && item.arrangement === args.arrangement && item.language === language) return;
      tx.update(supportItems)
        .set({
          status: "arranged",
          arrangement: args.arrangement,
          language,
          declineReason: null,
          decidedByUserId: args.actorUserId,
          decidedAt: new Date(),
          updatedAt: new Date(),
        })
        .where(eq(supportItems.id, item.id))
        .run();
      recordAudit(tx, {
        actorUserId: args.actorUserId,
        organizationId: args.organizationId,
        action: "support.arranged",
        subjectType: "support_item",
        subjectId: item.id,
        changedFields: [
          "status",
          ...(args.arrangement !== item.arrangement ? ["arrangement"] : []),
          ...(language !== item.language ? ["language"] : []),
        ],
      });
    }),
  );
}

/** Staff say an item cannot be arranged, and why: the consultant reads the reason before they agree. */
export function declineSupportItem(args: StaffChange & { itemId: string; reason: string }) {
  return db.transaction((tx) =>
    changePlan(tx, args, (engagement) => {
      const item = findItem(tx, args.organizationId, engagement.id, args.itemId);
      if (item.status === "declined" && item.declineReason === args.reason) return;
      // Money was paid out for it: it happened, and the plan must not say otherwise.
      const costed = tx
        .select({ id: supportCosts.id })
        .from(supportCosts)
        .where(eq(supportCosts.supportItemId, item.id))
        .get();
      if (costed) throw new RuleError("reason", "common:supportPlan.errors.hasCosts");
      tx.update(supportItems)
        .set({
          status: "declined",
          declineReason: args.reason,
          arrangement: null,
          decidedByUserId: args.actorUserId,
          decidedAt: new Date(),
          updatedAt: new Date(),
        })
        .where(eq(supportItems.id, item.id))
        .run();
      recordAudit(tx, {
        actorUserId: args.actorUserId,
        organizationId: args.organizationId,
        action: "support.declined",
        subjectType: "support_item",
        subjectId: item.id,
        changedFields: ["status", "declineReason", ...(item.arrangement ? ["arrangement"] : [])],
      });
    }),
  );
}

/**
 * Staff record a cost of an arranged item (a fare, childcare) to be paid back to the consultant: a
 * payment of reimbursed expenses, never of pay (recordReimbursement). Not part of the terms, so it
 * asks the consultant nothing again, and it can be recorded after the work is done. The same form
 * sent twice records one cost.
 */
export function recordSupportCost(args: StaffChange & { itemId: string; costCents: number; creationKey: string }) {
  return db.transaction((tx) => {
    const engagement = findEngagement(tx, args.organizationId, args.engagementId);
    const item = findItem(tx, args.organizationId, engagement.id, args.itemId);
    if (!(REIMBURSABLE_SUPPORT_KINDS as readonly string[]).includes(item.kind)) {
      throw new RuleError("amount", "common:supportPlan.errors.noCostsForKind");
    }
    if (item.status !== "arranged") throw new RuleError("amount", "common:supportPlan.errors.costNotArranged");
    const payment = recordReimbursement(tx, {
      organizationId: args.organizationId,
      actorUserId: args.actorUserId,
      engagementId: engagement.id,
      costCents: args.costCents,
      creationKey: args.creationKey,
    });
    if (!payment.created) return payment.id;
    tx.insert(supportCosts)
      .values({
        organizationId: args.organizationId,
        supportItemId: item.id,
        paymentId: payment.id,
        createdByUserId: args.actorUserId,
      })
      .run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "support.cost_recorded",
      subjectType: "support_item",
      subjectId: item.id,
      changedFields: ["paymentId"],
    });
    return payment.id;
  });
}
