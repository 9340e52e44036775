// The portal home: what needs my attention, my next work and my pay at a glance. Each
// function answers for the signed-in person's own consultant record, found from the session
// (organization + user id), never from a form or URL. The rules stay in the models they belong to
// (agreements, payments, consent, feedback); this file only picks from what they return.
import { findOwnConsultant } from "./consultant/own.server";
import { myConsentAttention } from "./consent/portal.server";
import { feedbackWaitingCount } from "./feedback/consultant-answers.server";
import { ideaAnswersToRead } from "./program-input/consultant-ideas.server";
import { myWaitingAssessments } from "./assessment/consultant-answers.server";
import { getOwnEngagement, listOwnEngagements } from "./engagement/own-work.server";
import { latestOwnPayment, ownPaidInYear } from "./payment/own-pay.server";
import type { Language } from "../i18n/config";
import { isoDay } from "../utils/day";
import { organizationToday } from "./settings.server";

// `language`: the reader's, so their next work is named in the words its page shows them.
type Own = { organizationId: string; userId: string; language?: Language };

/**
 * Work whose current terms I have not answered yet: new work, or work whose terms changed since I
 * accepted them (an answer is for one version only). Terms I said no to are not counted: I have
 * answered, and it is the team's turn.
 */
export function agreementsWaiting(own: Own) {
  const waiting = listOwnEngagements(own).filter((e) => e.needsAnswer && e.currentDecision === null);
  return { count: waiting.length, onlyId: waiting.length === 1 ? waiting[0]!.id : null };
}

/**
 * My next agreed or under-way work, with when and where. Work that has started and not ended comes
 * first (it is happening now: agreed work with no end date is not done until the team says so),
 * then future work by start date, then work with no date yet. Work whose end date has passed is
 * left out: it is waiting for the team to mark it done. Cancelled, completed and proposed work is
 * never "next".
 */
export function nextEngagement(own: Own, today: string) {
  const candidates = listOwnEngagements(own)
    .filter((e) => e.status === "agreed" || e.status === "in_progress")
    .map((e) => {
      if (!e.startDate) return { e, sortKey: "9999-12-31", underWay: false };
      if (e.startDate >= today) return { e, sortKey: e.startDate, underWay: false };
      return !e.endDate || e.endDate >= today ? { e, sortKey: today, underWay: true } : null;
    })
    .filter((c) => c !== null)
    .sort(
      (a, b) =>
        a.sortKey.localeCompare(b.sortKey) || a.e.title.localeCompare(b.e.title) || a.e.id.localeCompare(b.e.id),
    );
  const next = candidates[0];
  if (!next) return null;
  const { terms } = getOwnEngagement({ ...own, engagementId: next.e.id });
  return {
    id: next.e.id,
    title: next.e.title,
    startDate: next.e.startDate,
    endDate: next.e.endDate,
    underWay: next.underWay,
    scopeWhen: terms.scopeWhen,
    scopeWhere: terms.scopeWhere,
    format: terms.format,
  };
}

/** My newest payment, as "My pay" lists it first (void payments are never money owed). */
export function latestPayment(own: Own, today: string) {
  const p = latestOwnPayment({ ...own, today });
  if (!p) return null;
  return {
    id: p.id,
    feeCents: p.feeCents,
    expensesCents: p.expensesCents,
    status: p.status,
    consultantChoice: p.consultantChoice,
    dueDate: p.dueDate,
    paidDate: p.paidDate,
    engagementTitle: p.engagementTitle,
    overdue: p.overdue,
    neededNow: p.neededNow,
  };
}

/**
 * Fees paid to me this calendar year, and apart from them the costs paid back: reimbursed
 * expenses are not income, so they are never added to the total. `today` is the organization's
 * day, so the year turns when it turns where the organization is.
 */
export function paidThisYear(own: Own, today: string) {
  const year = Number(today.slice(0, 4));
  return { year, ...ownPaidInYear({ ...own, year }) };
}

/**
 * Everything the portal home shows. A person whose consultant record is not set up yet still gets
 * the page: nothing waiting, no work, no pay.
 */
export function portalHome(own: Own, day?: string) {
  // Pay is counted on the UTC day, as the payment model does; consent and the year of "paid this
  // year" on the organization's own day, as the consent page and the yearly pay limit do.
  const today = day ?? isoDay(new Date());
  const consentDay = day ?? organizationToday(own.organizationId);
  const consultant = findOwnConsultant(own.organizationId, own.userId);
  if (!consultant) {
    return {
      hasProfile: false,
      agreements: { count: 0, onlyId: null },
      consent: null,
      feedbackWaiting: 0,
      ideaAnswers: 0,
      assessmentsWaiting: [],
      nextWork: null,
      latestPayment: null,
      thisYear: { year: Number(consentDay.slice(0, 4)), feesCents: 0, expensesCents: 0 },
    };
  }
  return {
    hasProfile: true,
    agreements: agreementsWaiting(own),
    consent: myConsentAttention(own.organizationId, consultant.id, consentDay),
    feedbackWaiting: feedbackWaitingCount(own.organizationId, consultant.id),
    // Answers to my named ideas that I have not said I read.
    ideaAnswers: ideaAnswersToRead(own.organizationId, consultant.id),
    // Self-assessments the team asked me to answer, not answered yet.
    assessmentsWaiting: myWaitingAssessments(own.organizationId, consultant.id),
    nextWork: nextEngagement(own, today),
    latestPayment: latestPayment(own, today),
    thisYear: paidThisYear(own, consentDay),
  };
}
