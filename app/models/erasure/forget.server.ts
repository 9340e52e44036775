// Carrying out a request to be forgotten (ADR 009): an admin erases, in one transaction. Erasure
// empties the profile, contact details and notes and ends the portal login. It keeps what the
// organization must keep: payments (fees, expenses, dates, method: the law requires tax records for
// years) and the consent history (evidence of what was allowed, when), both minimised to what
// carries no description of the person.
import { randomBytes, randomUUID } from "node:crypto";
import { and, eq, inArray, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import {
  consentEvents,
  consultantChecklistEntries,
  consultants,
  consultantStatusChanges,
  emailOutbox,
  engagementAgreements,
  engagements,
  erasureRequests,
  experienceFeedback,
  experienceLetters,
  feedbackSubmissions,
  invitations,
  memberships,
  passwordResetTokens,
  paymentReversals,
  payments,
  programInputs,
  supportItems,
  timeEntries,
  users,
  type Role,
} from "../../../db/schema";
import { db, type Executor } from "../../utils/db.server";
import { ERASED_IDEA_SUMMARY } from "../../utils/program-input-options";
import { recordAudit } from "../../utils/audit.server";
import { forgetDirectoryFilterOptions } from "../consultant/directory.server";
import { endAllSessionsOf } from "../../utils/auth/session.server";
import { withdrawAllConsentsForErasure } from "../consent/lapses.server";
import { NotFoundError } from "../errors";
import { assertMemberCan } from "../membership.server";
import type { SupportPlanTerm } from "../engagement/support-plan.server";
import { discardUnsentAnswers } from "../assessment/consultant-answers.server";

export const ERASED_NAME = "Former consultant";

type Actor = { userId: string; role: Role };

// --- Erasure --------------------------------------------------------------------------------

/** Names of what an erasure empties, for the audit entry: categories, never values. */
const ERASED_CATEGORIES = [
  "profile",
  "contact",
  "legalName",
  "accessNeeds",
  "supportPerson",
  "staffNotes",
  "statusReasons",
  "checklistNotes",
  "consentNotes",
  "agreementMessages",
  "timeEntryNotes",
  "supportPlanNotes",
  "paymentReferences",
  "feedbackComments",
  "consultantIdeas",
  "experienceLetters",
  "portalAccess",
  "invitations",
  "unsentAssessmentAnswers",
];

/**
 * Erases a consultant's record at their request, in one transaction. Admins only. Erasing an
 * already erased record changes nothing. Returns the new display name.
 */
export function forgetConsultant(args: {
  organizationId: string;
  consultantId: string;
  actor: Actor;
  /** How the consultant asked, when they did not use the portal (a letter, a call). */
  channel?: "portal" | "other";
}) {
  assertMemberCan(args.organizationId, args.actor.userId, "consultant:erase", "common:erasureRules.adminOnly");
  // Their tags and languages leave the directory's filter menus now, not in a minute.
  forgetDirectoryFilterOptions(args.organizationId);
  return db.transaction((tx) => {
    const record = tx
      .select({
        id: consultants.id,
        email: consultants.email,
        userId: consultants.userId,
        status: consultants.status,
        preferredName: consultants.preferredName,
        erasedAt: consultants.erasedAt,
      })
      .from(consultants)
      .where(and(eq(consultants.id, args.consultantId), eq(consultants.organizationId, args.organizationId)))
      .get();
    if (!record) throw new NotFoundError("common:erasureRules.consultantNotFound");
    if (record.erasedAt) return { alreadyErased: true, preferredName: record.preferredName };

    const now = new Date();
    const org = args.organizationId;
    const id = record.id;
    const preferredName = `${ERASED_NAME} ${randomBytes(2).toString("hex")}`;

    // The mark comes first: the append-only triggers allow emptying notes only on erased records.
    tx.update(consultants)
      .set({
        preferredName,
        pronouns: null,
        preferredLanguage: null,
        legalName: null,
        email: null,
        phone: null,
        preferredChannel: null,
        // Nothing automatic may reach them any more.
        emailSafety: "not_safe",
        phoneSafety: "not_safe",
        textSafety: "not_safe",
        mailSafety: "not_safe",
        languages: [],
        location: null,
        expertise: [],
        availability: null,
        accessNeeds: null,
        interpreterLanguage: null,
        needsChildcare: false,
        needsTransport: false,
        supportPerson: null,
        paymentMethod: "undecided",
        wantsBenefitsNote: false,
        availabilityState: "open",
        monthlyLimitHundredths: null,
        pausedFrom: null,
        pausedUntil: null,
        availabilityNote: null,
        availabilityChangedAt: null,
        yearlyPayLimitCents: null,
        lastCheckInOn: null,
        staffNotes: null,
        userId: null,
        status: "alumni",
        erasedAt: now,
        erasedByUserId: args.actor.userId,
        updatedAt: now,
      })
      .where(eq(consultants.id, id))
      .run();
    tx.update(consultantStatusChanges)
      .set({ reason: null })
      .where(and(eq(consultantStatusChanges.consultantId, id), isNotNull(consultantStatusChanges.reason)))
      .run();
    if (record.status !== "alumni") {
      tx.insert(consultantStatusChanges)
        .values({ organizationId: org, consultantId: id, fromStatus: record.status, toStatus: "alumni" })
        .run();
    }
    tx.update(consultantChecklistEntries)
      .set({ note: null })
      .where(and(eq(consultantChecklistEntries.consultantId, id), isNotNull(consultantChecklistEntries.note)))
      .run();

    // Consent: the decisions stay (what was allowed, when, under which wording); the notes that
    // may describe the person or people close to them go. Then every consent still in force is
    // withdrawn, which flags the uses staff must take down.
    tx.update(consentEvents)
      .set({ scopeNotes: null, witnessName: null, requestedBy: null })
      .where(
        and(
          eq(consentEvents.consultantId, id),
          or(
            isNotNull(consentEvents.scopeNotes),
            isNotNull(consentEvents.witnessName),
            isNotNull(consentEvents.requestedBy),
          ),
        ),
      )
      .run();
    const withdrawn = withdrawAllConsentsForErasure(tx, {
      organizationId: org,
      consultantId: id,
      actorUserId: args.actor.userId,
    });

    // Work and pay: amounts, dates, hours and terms stay (tax and contract records); the free
    // text the consultant or staff wrote about them goes.
    const engagementIds = tx
      .select({ id: engagements.id })
      .from(engagements)
      .where(and(eq(engagements.organizationId, org), eq(engagements.consultantId, id)))
      .all()
      .map((e) => e.id);
    if (engagementIds.length > 0) {
      tx.update(engagementAgreements)
        .set({ message: null, methodDetail: null })
        .where(
          and(
            inArray(engagementAgreements.engagementId, engagementIds),
            or(isNotNull(engagementAgreements.message), isNotNull(engagementAgreements.methodDetail)),
          ),
        )
        .run();
      tx.update(timeEntries)
        .set({ note: null })
        .where(and(inArray(timeEntries.engagementId, engagementIds), isNotNull(timeEntries.note)))
        .run();
      // Support plans: what was asked for and its answer stay (they are in the terms); the words
      // about the person's needs, their language and what was written to them go.
      tx.update(supportItems)
        .set({ details: null, language: null, arrangement: null, declineReason: null, updatedAt: now })
        .where(inArray(supportItems.engagementId, engagementIds))
        .run();
      forgetSupportPlanWordsInTerms(tx, engagementIds);
    }
    tx.update(payments)
      .set({ reference: null, voidReason: null, updatedAt: now })
      .where(and(eq(payments.organizationId, org), eq(payments.consultantId, id)))
      .run();
    tx.update(paymentReversals)
      .set({ reason: null })
      .where(
        and(
          eq(paymentReversals.organizationId, org),
          isNotNull(paymentReversals.reason),
          inArray(
            paymentReversals.paymentId,
            tx.select({ id: payments.id }).from(payments).where(eq(payments.consultantId, id)),
          ),
        ),
      )
      .run();

    // Feedback: the scores stay in the organization's statistics; the words go, including those of
    // anonymous answers, whose only link to the person (feedback_submissions) is removed.
    const ownAnonymous = tx
      .select({ feedbackId: feedbackSubmissions.feedbackId })
      .from(feedbackSubmissions)
      .where(eq(feedbackSubmissions.consultantId, id))
      .all()
      .map((r) => r.feedbackId);
    tx.update(experienceFeedback)
      .set({ comment: null, updatedAt: now })
      .where(
        and(
          eq(experienceFeedback.organizationId, org),
          ownAnonymous.length > 0
            ? or(eq(experienceFeedback.consultantId, id), inArray(experienceFeedback.id, ownAnonymous))
            : eq(experienceFeedback.consultantId, id),
        ),
      )
      .run();
    tx.delete(feedbackSubmissions).where(eq(feedbackSubmissions.consultantId, id)).run();

    // Ideas they sent from the portal with their name are in their own words, which may say who they
    // are: the words go (a marker the staff pages translate, as the column cannot be empty), and so does
    // the link to their login. The item stays in the loop with the organization's answer, like input
    // staff wrote down.
    tx.update(programInputs)
      .set({ summary: ERASED_IDEA_SUMMARY, createdByUserId: null, updatedAt: now })
      .where(
        and(
          eq(programInputs.organizationId, org),
          eq(programInputs.consultantId, id),
          eq(programInputs.source, "portal"),
        ),
      )
      .run();

    // Self-assessment answers: unsent drafts are found through the person, so even one meant to be
    // anonymous would stay theirs; they go. Answers sent with their name are scores on a fixed scale,
    // no words, and stay in the assessment's result (like feedback scores) under the nameless record.
    // Changing them into anonymous answers would not hide them: staff saw them under a name.
    discardUnsentAnswers(tx, { consultantId: id });

    // Letters of experience: what each said (their name, their work) and why one was revoked (free
    // text that may describe them) go, and a request still waiting is closed. The letter itself stays
    // genuine, or revoked from the day it was: a copy they hold still checks at /verify, which shows
    // nothing about them.
    tx.update(experienceLetters)
      .set({ statement: null, revokeReason: null })
      .where(and(eq(experienceLetters.organizationId, org), eq(experienceLetters.consultantId, id)))
      .run();
    tx.update(experienceLetters)
      .set({ status: "withdrawn", withdrawnAt: now })
      .where(
        and(
          eq(experienceLetters.organizationId, org),
          eq(experienceLetters.consultantId, id),
          eq(experienceLetters.status, "requested"),
        ),
      )
      .run();

    // Invitations addressed to them hold their email and could create a new login.
    tx.delete(invitations)
      .where(
        and(
          eq(invitations.organizationId, org),
          record.email
            ? or(eq(invitations.consultantId, id), eq(invitations.email, record.email))
            : eq(invitations.consultantId, id),
        ),
      )
      .run();

    const scrubbedAddresses = new Set<string>(record.email ? [record.email] : []);
    if (record.userId) {
      scrubbedAddresses.add(endPortalLogin(tx, { organizationId: org, userId: record.userId, now }) ?? "");
    }
    for (const address of scrubbedAddresses) if (address) scrubOutbox(tx, address);

    tx.update(erasureRequests)
      .set({ status: "completed", completedAt: now, completedByUserId: args.actor.userId })
      .where(and(eq(erasureRequests.consultantId, id), eq(erasureRequests.status, "pending")))
      .run();
    if (args.channel === "other") {
      tx.insert(erasureRequests)
        .values({
          organizationId: org,
          consultantId: id,
          channel: "other",
          status: "completed",
          completedAt: now,
          completedByUserId: args.actor.userId,
        })
        .run();
    }
    recordAudit(tx, {
      actorUserId: args.actor.userId,
      organizationId: org,
      action: "consultant.erased",
      subjectType: "consultant",
      subjectId: id,
      changedFields: withdrawn > 0 ? [...ERASED_CATEGORIES, "consentWithdrawn"] : ERASED_CATEGORIES,
    });
    return { alreadyErased: false, preferredName };
  });
}

/** The words of a support item, as kept in the terms, that describe the person's needs. */
const SUPPORT_PLAN_WORDS = [
  "language",
  "arrangement",
  "declineReason",
] as const satisfies readonly (keyof SupportPlanTerm)[];

/**
 * The terms kept with each answer hold the support plan as it stood: each item's words become null,
 * and its kind and status stay, as in the plan itself. The rewrite is done by SQLite's own JSON
 * functions, so the rest of the snapshot stays exactly as stored: the append-only trigger (migration
 * 0036) compares it and refuses any other change.
 */
function forgetSupportPlanWordsInTerms(tx: Executor, engagementIds: string[]) {
  const hasWords = sql.raw(
    SUPPORT_PLAN_WORDS.map((word) => `json_extract(item.value, '$.${word}') is not null`).join(" or "),
  );
  const items = tx.all<{ id: string; fullkey: string; hasWords: number }>(sql`
    select ${engagementAgreements.id} as id, item.fullkey as fullkey, (${hasWords}) as hasWords
    from ${engagementAgreements}, json_each(${engagementAgreements.termsSnapshot}, '$.supportPlan') as item
    where ${inArray(engagementAgreements.engagementId, engagementIds)}
      and json_type(${engagementAgreements.termsSnapshot}, '$.supportPlan') = 'array'
      and item.type = 'object'`);
  const toEmpty = new Set(items.filter((i) => i.hasWords).map((i) => i.id));
  for (const id of toEmpty) {
    // Every item of the snapshot, also one already without words: the trigger expects each in the same form.
    const paths = items
      .filter((i) => i.id === id)
      .flatMap((i) => SUPPORT_PLAN_WORDS.map((word) => sql`${`${i.fullkey}.${word}`}, null`));
    tx.run(
      sql`update ${engagementAgreements} set terms_snapshot = json_set(terms_snapshot, ${sql.join(paths, sql`, `)}) where ${engagementAgreements.id} = ${id}`,
    );
  }
}

/**
 * Ends the consultant's portal access to this organization. A login used for nothing else is
 * emptied and can no longer sign in; one that also belongs to another organization keeps working
 * there. Returns the login's former email when it was emptied.
 */
function endPortalLogin(tx: Executor, args: { organizationId: string; userId: string; now: Date }) {
  tx.update(memberships)
    .set({ deactivatedAt: args.now })
    .where(
      and(
        eq(memberships.userId, args.userId),
        eq(memberships.organizationId, args.organizationId),
        isNull(memberships.deactivatedAt),
      ),
    )
    .run();
  endAllSessionsOf(tx, args.userId);
  tx.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, args.userId)).run();
  const elsewhere = tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, args.userId), ne(memberships.organizationId, args.organizationId)))
    .get();
  if (elsewhere) return null;
  const user = tx.select({ email: users.email }).from(users).where(eq(users.id, args.userId)).get();
  // The row stays (history points at it) but names no one and has no password.
  tx.update(users)
    .set({
      email: `erased-${randomUUID()}@erased.invalid`,
      preferredName: ERASED_NAME,
      preferredLanguage: null,
      passwordHash: null,
    })
    .where(eq(users.id, args.userId))
    .run();
  return user?.email ?? null;
}

/**
 * Messages to the address keep their date and template, not the address or body; unsent ones are
 * cancelled. Skipped while the address still belongs to someone (another organization's record).
 */
function scrubOutbox(tx: Executor, address: string) {
  const stillUsed =
    tx.select({ id: users.id }).from(users).where(eq(users.email, address)).get() ??
    tx.select({ id: consultants.id }).from(consultants).where(eq(consultants.email, address)).get();
  if (stillUsed) return;
  tx.update(emailOutbox)
    .set({
      toAddress: "erased",
      html: "",
      text: "",
      lastError: sql`case when ${emailOutbox.status} in ('pending', 'sending') then 'Recipient erased' else ${emailOutbox.lastError} end`,
      status: sql`case when ${emailOutbox.status} in ('pending', 'sending') then 'failed' else ${emailOutbox.status} end`,
    })
    .where(eq(emailOutbox.toAddress, address))
    .run();
}
