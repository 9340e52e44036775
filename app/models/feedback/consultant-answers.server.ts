// The consultant's side of experience feedback (portal): their own answer on each completed
// engagement, named or anonymous, changeable until staff have read it, and the request for it when
// work is completed.
//
// Anonymity is the point here. An anonymous answer's row holds no consultant, no engagement and no
// exact time; only feedback_submissions (read here, by the consultant's own pages, never by a
// staff-facing function) links it back to the person.
import { and, asc, count, desc, eq, isNull } from "drizzle-orm";
import { engagements, experienceFeedback, feedbackSubmissions, programs } from "../../../db/schema";
import { recordAudit } from "../../utils/audit.server";
import { db, type Executor } from "../../utils/db.server";
import { EXPERIENCE_QUESTIONS, type ExperienceQuestion } from "../../utils/feedback-options";
import { notifyConsultant } from "../contact.server";
import { NotFoundError, RuleError } from "../errors";
import {
  assertComment,
  assertSaysSomething,
  assertScores,
  quarterOf,
  scoreColumns,
  startOfQuarterUtc,
  type Scores,
} from "./answer-rules.server";

export const NOT_DONE_MESSAGE = "common:feedbackRules.notDone";
export const ALREADY_READ_MESSAGE = "common:feedbackRules.alreadyRead";

const changedAnswerFields = (
  before: Scores & { comment: string | null; anonymous: boolean },
  after: Scores & { comment: string | null; anonymous: boolean },
) => [...EXPERIENCE_QUESTIONS, "comment" as const, "anonymous" as const].filter((f) => before[f] !== after[f]);

/** One of my engagements, whatever its status; a 404 for anything else, in any organization. */
function findMyEngagement(tx: Executor, organizationId: string, consultantId: string, engagementId: string) {
  const engagement = tx
    .select({
      id: engagements.id,
      title: engagements.title,
      status: engagements.status,
      completedAt: engagements.completedAt,
      programId: engagements.programId,
      programName: programs.name,
      stage: engagements.stage,
    })
    .from(engagements)
    .innerJoin(programs, eq(programs.id, engagements.programId))
    .where(
      and(
        eq(engagements.id, engagementId),
        eq(engagements.organizationId, organizationId),
        eq(engagements.consultantId, consultantId),
      ),
    )
    .get();
  if (!engagement) throw new NotFoundError();
  return engagement;
}

/** My answer for one engagement, through my private link to it. */
function myAnswer(tx: Executor, organizationId: string, consultantId: string, engagementId: string) {
  return tx
    .select({
      id: experienceFeedback.id,
      ...scoreColumns,
      comment: experienceFeedback.comment,
      anonymous: experienceFeedback.anonymous,
      readAt: experienceFeedback.readAt,
    })
    .from(feedbackSubmissions)
    .innerJoin(experienceFeedback, eq(experienceFeedback.id, feedbackSubmissions.feedbackId))
    .where(
      and(
        eq(feedbackSubmissions.engagementId, engagementId),
        eq(feedbackSubmissions.consultantId, consultantId),
        eq(feedbackSubmissions.organizationId, organizationId),
      ),
    )
    .get();
}

/**
 * My feedback on one of my completed engagements. One answer per engagement: sending again
 * changes the answer already sent, until staff have read it.
 *
 * Audit: an attributed answer is audited like any change, with me as the actor. An anonymous one
 * is NOT audited at all. An audit row carries its actor and the exact time; even with no actor,
 * the time sits next to my sign-in in the same log, which would say who sent it. Nothing about an
 * anonymous answer goes into the log, so the log cannot undo the anonymity.
 */
export function submitExperienceFeedback(args: {
  organizationId: string;
  consultantId: string;
  userId: string;
  engagementId: string;
  scores: Record<ExperienceQuestion, unknown>;
  comment: string | null;
  anonymous: boolean;
}) {
  return db.transaction((tx) => {
    const engagement = findMyEngagement(tx, args.organizationId, args.consultantId, args.engagementId);
    if (engagement.status !== "completed" || !engagement.completedAt) {
      throw new RuleError(null, NOT_DONE_MESSAGE);
    }
    const scores = assertScores(args.scores);
    const comment = assertComment(args.comment);
    assertSaysSomething(scores, comment);
    const quarter = quarterOf(engagement.completedAt);
    const now = new Date();
    const answer = {
      ...scores,
      comment,
      anonymous: args.anonymous,
      // Anonymous: nothing that names the person or the work.
      consultantId: args.anonymous ? null : args.consultantId,
      engagementId: args.anonymous ? null : engagement.id,
      // An exact time could be matched with the day someone signed in: anonymous rows keep the quarter only.
      updatedAt: args.anonymous ? startOfQuarterUtc(quarter) : now,
    };
    const newRow = () =>
      tx
        .insert(experienceFeedback)
        .values({
          organizationId: args.organizationId,
          programId: engagement.programId,
          stage: engagement.stage,
          quarter,
          source: "portal",
          createdAt: answer.updatedAt,
          ...answer,
        })
        .returning({ id: experienceFeedback.id })
        .get();
    const auditAttributed = (action: string, subjectId: string, changedFields: string[]) => {
      if (args.anonymous || changedFields.length === 0) return;
      recordAudit(tx, {
        actorUserId: args.userId,
        organizationId: args.organizationId,
        action,
        subjectType: "experience_feedback",
        subjectId,
        changedFields,
      });
    };

    const existing = myAnswer(tx, args.organizationId, args.consultantId, engagement.id);
    if (!existing) {
      const row = newRow();
      tx.insert(feedbackSubmissions)
        .values({
          engagementId: engagement.id,
          organizationId: args.organizationId,
          consultantId: args.consultantId,
          feedbackId: row.id,
        })
        .run();
      auditAttributed("experience_feedback.submitted", row.id, [
        ...EXPERIENCE_QUESTIONS,
        ...(comment ? ["comment"] : []),
      ]);
      return { created: true };
    }

    // Once staff have read it, changing it would rewrite what they were told.
    if (existing.readAt) throw new RuleError(null, ALREADY_READ_MESSAGE);
    if (args.anonymous && !existing.anonymous) {
      // A named answer becoming anonymous gets a new row with a new id: the old id is in the audit
      // log next to my name, and must not lead to the anonymous answer.
      const row = newRow();
      tx.update(feedbackSubmissions)
        .set({ feedbackId: row.id })
        .where(eq(feedbackSubmissions.engagementId, engagement.id))
        .run();
      tx.delete(experienceFeedback).where(eq(experienceFeedback.id, existing.id)).run();
      return { created: false };
    }
    tx.update(experienceFeedback).set(answer).where(eq(experienceFeedback.id, existing.id)).run();
    auditAttributed(
      "experience_feedback.updated",
      existing.id,
      changedAnswerFields(existing, { ...scores, comment, anonymous: args.anonymous }),
    );
    return { created: false };
  });
}

/** My completed engagements, each with whether I gave feedback and whether I can still change it. */
export function myFeedbackOverview(organizationId: string, consultantId: string) {
  return db
    .select({
      engagementId: engagements.id,
      title: engagements.title,
      programName: programs.name,
      stage: engagements.stage,
      completedAt: engagements.completedAt,
      feedbackId: feedbackSubmissions.feedbackId,
      anonymous: experienceFeedback.anonymous,
      readAt: experienceFeedback.readAt,
    })
    .from(engagements)
    .innerJoin(programs, eq(programs.id, engagements.programId))
    .leftJoin(
      feedbackSubmissions,
      and(eq(feedbackSubmissions.engagementId, engagements.id), eq(feedbackSubmissions.consultantId, consultantId)),
    )
    .leftJoin(experienceFeedback, eq(experienceFeedback.id, feedbackSubmissions.feedbackId))
    .where(
      and(
        eq(engagements.organizationId, organizationId),
        eq(engagements.consultantId, consultantId),
        eq(engagements.status, "completed"),
      ),
    )
    .orderBy(desc(engagements.completedAt), asc(engagements.title))
    .all()
    .map((row) => ({
      engagementId: row.engagementId,
      title: row.title,
      programName: row.programName,
      stage: row.stage,
      completedAt: row.completedAt,
      state: !row.feedbackId ? ("waiting" as const) : row.readAt ? ("read" as const) : ("editable" as const),
      anonymous: Boolean(row.anonymous),
    }));
}
export type MyFeedbackItem = ReturnType<typeof myFeedbackOverview>[number];

/** How many of my completed engagements still wait for feedback (for the portal home). */
export function feedbackWaitingCount(organizationId: string, consultantId: string) {
  const row = db
    .select({ n: count() })
    .from(engagements)
    .leftJoin(feedbackSubmissions, eq(feedbackSubmissions.engagementId, engagements.id))
    .where(
      and(
        eq(engagements.organizationId, organizationId),
        eq(engagements.consultantId, consultantId),
        eq(engagements.status, "completed"),
        isNull(feedbackSubmissions.engagementId),
      ),
    )
    .get();
  return row?.n ?? 0;
}

/** The feedback form for one of my engagements: 404 for anything not mine. */
export function myFeedbackForm(organizationId: string, consultantId: string, engagementId: string) {
  const engagement = findMyEngagement(db, organizationId, consultantId, engagementId);
  const answer = myAnswer(db, organizationId, consultantId, engagement.id);
  return {
    engagement: {
      id: engagement.id,
      title: engagement.title,
      programName: engagement.programName,
      stage: engagement.stage,
      completedAt: engagement.completedAt,
    },
    done: engagement.status === "completed",
    locked: Boolean(answer?.readAt),
    answer: answer
      ? {
          scores: Object.fromEntries(EXPERIENCE_QUESTIONS.map((q) => [q, answer[q]])) as Scores,
          comment: answer.comment,
          anonymous: answer.anonymous,
        }
      : null,
  };
}

/**
 * Asks the consultant for feedback when their work is completed: the portal shows it, and an
 * email (which says only that there is something to see) goes out when email is safe for them.
 * The completion is already saved: a failure here is logged without details and never undoes it.
 */
export async function requestFeedback(organizationId: string, engagementId: string) {
  const engagement = db
    .select({ consultantId: engagements.consultantId, status: engagements.status })
    .from(engagements)
    .where(and(eq(engagements.id, engagementId), eq(engagements.organizationId, organizationId)))
    .get();
  if (!engagement || engagement.status !== "completed") return { sent: false as const, reason: "not-completed" };
  try {
    return await notifyConsultant({
      organizationId,
      consultantId: engagement.consultantId,
      message: { template: "portal-notice" },
    });
  } catch (error) {
    console.error("Feedback request failed:", error instanceof Error ? error.name : "unknown error");
    return { sent: false as const, reason: "failed" as const };
  }
}
