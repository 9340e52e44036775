// Staff marking the feedback a report page showed as read: from then on its authors can no longer
// change it. The page carries a signed fingerprint of the unread answers it showed, so that exactly
// those are marked.
import { createHmac, randomBytes } from "node:crypto";
import { and, asc, isNull, type SQL } from "drizzle-orm";
import { experienceFeedback } from "../../../db/schema";
import { recordAudit } from "../../utils/audit.server";
import { db, type Executor } from "../../utils/db.server";
import { RuleError } from "../errors";
import { anonymityGates, visibleAnswers, type FeedbackFilters } from "./anonymity.server";
import { scoreColumns } from "./answer-rules.server";

export const CHANGED_SINCE_SHOWN_MESSAGE = "staff:feedback.errors.changedSinceShown";

/**
 * Signs the unread answers a report page showed, so that "Mark as read" marks exactly those. The
 * key is this server process's own: staff cannot work the value out from the page (it would tell
 * them whether an anonymous answer is waiting), and a page from before a restart is asked to reload.
 */
const SHOWN_KEY = randomBytes(32);

export function unreadFingerprint(tx: Executor, where: SQL | undefined) {
  const unread = tx
    .select({
      id: experienceFeedback.id,
      ...scoreColumns,
      comment: experienceFeedback.comment,
      anonymous: experienceFeedback.anonymous,
      consultantId: experienceFeedback.consultantId,
    })
    .from(experienceFeedback)
    .where(and(where, isNull(experienceFeedback.readAt)))
    .orderBy(asc(experienceFeedback.id))
    .all();
  return createHmac("sha256", SHOWN_KEY).update(JSON.stringify(unread)).digest("base64url");
}

/**
 * Staff have read the answers a report page showed (the same filters): from now on their authors
 * can no longer change them, so what staff read stays what was said. `shown` is the page's value
 * from feedbackReport; if an answer came in or changed since, nothing is marked and staff read the
 * page again, because they would otherwise lock an answer they never saw.
 *
 * A named answer's audit names the staff member; an anonymous one is not audited (see submitExperienceFeedback).
 */
export function markFeedbackRead(args: {
  organizationId: string;
  actorUserId: string;
  filters: FeedbackFilters;
  shown: string;
}) {
  return db.transaction((tx) => {
    const where = visibleAnswers(args.organizationId, anonymityGates(tx, args.organizationId), args.filters);
    if (unreadFingerprint(tx, where) !== args.shown) throw new RuleError(null, CHANGED_SINCE_SHOWN_MESSAGE);
    const marked = tx
      .update(experienceFeedback)
      .set({ readAt: new Date() })
      .where(and(where, isNull(experienceFeedback.readAt)))
      .returning({ id: experienceFeedback.id, anonymous: experienceFeedback.anonymous })
      .all();
    for (const answer of marked) {
      if (answer.anonymous) continue;
      recordAudit(tx, {
        actorUserId: args.actorUserId,
        organizationId: args.organizationId,
        action: "experience_feedback.read",
        subjectType: "experience_feedback",
        subjectId: answer.id,
        changedFields: ["readAt"],
      });
    }
    return { marked: marked.length };
  });
}
