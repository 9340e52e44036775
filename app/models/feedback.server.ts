// Experience feedback: what consultants tell the organization about how an engagement went, and
// the staff report built from it.
//
// Anonymity is the point of this module. An anonymous answer's row holds no consultant, no
// engagement and no exact time; only feedback_submissions (read by the consultant's own portal
// pages, never by a staff-facing function here) links it back to the person. Staff see anonymous
// answers of a program only once there are enough of them that one cannot be traced to a person.
import { createHmac, randomBytes } from "node:crypto";
import { format, parseISO } from "date-fns";
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import {
  consultants,
  engagements,
  experienceFeedback,
  feedbackSubmissions,
  programs,
  users,
  STAGES,
  type Stage,
} from "../../db/schema";
import { db, type Executor } from "../utils/db.server";
import { recordAudit } from "../utils/audit.server";
import { COMMENT_MAX, EXPERIENCE_QUESTIONS, SCORE_MESSAGE, type ExperienceQuestion } from "../utils/feedback-options";
import { notifyConsultant } from "./contact.server";
import { isoDay } from "../utils/day";
import { NotFoundError, RuleError } from "./errors";

/** A rule the person can fix: `field` names the form field the message belongs next to ("form": above it). */
export type Scores = Record<ExperienceQuestion, number | null>;

/**
 * Anonymous answers of a program stay out of every staff view until there are at least this many,
 * so that a single answer (from the only consultant who did that program's evaluation, say)
 * cannot be traced back to them.
 */
export const ANONYMITY_THRESHOLD = 3;

export const NOT_DONE_MESSAGE = "You can give feedback once this work is done.";
export const CHANGED_SINCE_SHOWN_MESSAGE =
  "Some answers came in or changed after you opened this page, so nothing was marked as read. Read the page again, then mark it as read.";
export const ALREADY_READ_MESSAGE =
  "The team has already read your feedback, so it can no longer be changed. You can tell your contact person anything you want to add.";
const NOTHING_MESSAGE = "Answer at least one question, or write a comment.";

/** The quarter an answer is filed under, from a UTC day: "2026-Q3". */
export function quarterOf(date: Date) {
  return format(parseISO(isoDay(date)), "yyyy-'Q'Q");
}

/** Noon UTC on the first day of a quarter: the only time an anonymous row carries. */
function startOfQuarterUtc(quarter: string) {
  const [year, q] = quarter.split("-Q").map(Number) as [number, number];
  return new Date(Date.UTC(year, (q - 1) * 3, 1, 12));
}

// --- Rules on what is sent -------------------------------------------------------------------

/** Each score is a whole number from 1 to 5, or null for "prefer not to say". */
export function assertScores(input: Record<ExperienceQuestion, unknown>): Scores {
  const scores = {} as Scores;
  for (const question of EXPERIENCE_QUESTIONS) {
    const value = input[question];
    if (value === null || value === undefined) {
      scores[question] = null;
    } else if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 5) {
      scores[question] = value;
    } else {
      throw new RuleError(question, SCORE_MESSAGE);
    }
  }
  return scores;
}

function assertComment(comment: string | null | undefined) {
  const trimmed = comment?.trim() ?? "";
  if (trimmed.length > COMMENT_MAX) {
    throw new RuleError("comment", `Use no more than ${COMMENT_MAX.toLocaleString("en-US")} characters.`);
  }
  return trimmed || null;
}

/** An answer with every question skipped and no comment says nothing; refusing it avoids an empty row. */
function assertSaysSomething(scores: Scores, comment: string | null) {
  if (comment === null && EXPERIENCE_QUESTIONS.every((q) => scores[q] === null)) {
    throw new RuleError(null, NOTHING_MESSAGE);
  }
}

const changedAnswerFields = (
  before: Scores & { comment: string | null; anonymous: boolean },
  after: Scores & { comment: string | null; anonymous: boolean },
) => [...EXPERIENCE_QUESTIONS, "comment" as const, "anonymous" as const].filter((f) => before[f] !== after[f]);

const scoreColumns = Object.fromEntries(EXPERIENCE_QUESTIONS.map((q) => [q, experienceFeedback[q]])) as {
  [Q in ExperienceQuestion]: (typeof experienceFeedback)[Q];
};

// --- The consultant's side (portal) --------------------------------------------------------

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
  if (!engagement) throw new NotFoundError("Not found.");
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

// --- Staff: feedback heard in a meeting ----------------------------------------------------

/** What the meeting form offers: this organization's open programs and its consultants. */
export function meetingFeedbackChoices(organizationId: string) {
  return {
    programs: db
      .select({ id: programs.id, name: programs.name })
      .from(programs)
      .where(and(eq(programs.organizationId, organizationId), ne(programs.status, "closed")))
      .orderBy(asc(programs.name))
      .all(),
    consultants: db
      .select({ id: consultants.id, preferredName: consultants.preferredName })
      .from(consultants)
      .where(eq(consultants.organizationId, organizationId))
      .orderBy(asc(consultants.preferredName))
      .all(),
  };
}

/**
 * Feedback a consultant gave staff in a meeting, written down by staff, named or anonymous. The
 * creation key becomes the row's id, so the same form sent twice records once (the table has no
 * creation-key column). The audit names the staff member who wrote it, never the consultant of an
 * anonymous note: staff who were in the meeting know, the row does not.
 */
export function recordMeetingFeedback(args: {
  organizationId: string;
  actorUserId: string;
  creationKey: string;
  programId: string;
  stage: Stage;
  heardOn: string;
  consultantId: string | null;
  scores: Record<ExperienceQuestion, unknown>;
  comment: string | null;
  today?: string;
}) {
  return db.transaction((tx) => {
    const already = tx
      .select({ organizationId: experienceFeedback.organizationId })
      .from(experienceFeedback)
      .where(eq(experienceFeedback.id, args.creationKey))
      .get();
    if (already) {
      if (already.organizationId !== args.organizationId) {
        throw new RuleError(null, "Something was missing. Please reload the page and try again.");
      }
      return { created: false };
    }
    const program = tx
      .select({ id: programs.id })
      .from(programs)
      .where(and(eq(programs.id, args.programId), eq(programs.organizationId, args.organizationId)))
      .get();
    if (!program) throw new RuleError("programId", "Choose a program from the list.");
    if (!STAGES.includes(args.stage)) throw new RuleError("stage", "Choose a stage.");
    if (args.consultantId) {
      const consultant = tx
        .select({ id: consultants.id })
        .from(consultants)
        .where(and(eq(consultants.id, args.consultantId), eq(consultants.organizationId, args.organizationId)))
        .get();
      if (!consultant) throw new RuleError("consultantId", "Choose a consultant from the list.");
    }
    if (args.heardOn > (args.today ?? isoDay(new Date()))) {
      throw new RuleError("heardOn", "The meeting date cannot be after today.");
    }
    const scores = assertScores(args.scores);
    const comment = assertComment(args.comment);
    assertSaysSomething(scores, comment);
    const anonymous = !args.consultantId;
    const quarter = quarterOf(parseISO(args.heardOn));
    const stamp = anonymous ? startOfQuarterUtc(quarter) : new Date();
    tx.insert(experienceFeedback)
      .values({
        id: args.creationKey,
        organizationId: args.organizationId,
        programId: program.id,
        stage: args.stage,
        quarter,
        anonymous,
        consultantId: args.consultantId,
        engagementId: null,
        source: "meeting",
        ...scores,
        comment,
        recordedByUserId: args.actorUserId,
        // Staff wrote it down, so it has been read.
        readAt: new Date(),
        createdAt: stamp,
        updatedAt: stamp,
      })
      .run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "experience_feedback.recorded",
      subjectType: "experience_feedback",
      subjectId: args.creationKey,
      changedFields: ["programId", "stage", "quarter", ...(anonymous ? [] : ["consultantId"]), ...EXPERIENCE_QUESTIONS],
    });
    return { created: true };
  });
}

// --- Staff: the report -----------------------------------------------------------------------

export type FeedbackFilters = { programId?: string; stage?: Stage; quarter?: string };

type Gates = { portal: string[]; meeting: string[]; heldBackProgramIds: Set<string> };

/**
 * Which programs' anonymous answers may be shown. Answers sent in the portal and notes written
 * down by staff are counted apart: otherwise two invented meeting notes would be enough to show a
 * single consultant's anonymous answer. Counted over all time, whatever the filters.
 */
function anonymityGates(tx: Executor, organizationId: string): Gates {
  const counts = tx
    .select({ programId: experienceFeedback.programId, source: experienceFeedback.source, n: count() })
    .from(experienceFeedback)
    .where(and(eq(experienceFeedback.organizationId, organizationId), eq(experienceFeedback.anonymous, true)))
    .groupBy(experienceFeedback.programId, experienceFeedback.source)
    .all();
  const gates: Gates = { portal: [], meeting: [], heldBackProgramIds: new Set() };
  for (const c of counts) {
    if (c.n >= ANONYMITY_THRESHOLD) gates[c.source].push(c.programId);
    else gates.heldBackProgramIds.add(c.programId);
  }
  return gates;
}

/** The answers staff may see: every named one, and anonymous ones past their program's gate. */
function visibleAnswers(organizationId: string, gates: Gates, filters: FeedbackFilters) {
  const open: SQL[] = [eq(experienceFeedback.anonymous, false)];
  for (const source of ["portal", "meeting"] as const) {
    if (gates[source].length) {
      open.push(and(eq(experienceFeedback.source, source), inArray(experienceFeedback.programId, gates[source]))!);
    }
  }
  return and(
    eq(experienceFeedback.organizationId, organizationId),
    filters.programId ? eq(experienceFeedback.programId, filters.programId) : undefined,
    filters.stage ? eq(experienceFeedback.stage, filters.stage) : undefined,
    filters.quarter ? eq(experienceFeedback.quarter, filters.quarter) : undefined,
    or(...open),
  );
}

/** avg() of each question: SQL leaves out the nulls ("prefer not to say"). */
const averageOfEach = () =>
  Object.fromEntries(
    EXPERIENCE_QUESTIONS.map((q) => [q, sql<number | null>`avg(${experienceFeedback[q]})`.mapWith(Number)]),
  ) as Record<ExperienceQuestion, SQL<number | null>>;

/** How many answered each question with a number. */
const answersToEach = () =>
  Object.fromEntries(
    EXPERIENCE_QUESTIONS.map((q) => [q, sql<number>`count(${experienceFeedback[q]})`.mapWith(Number)]),
  ) as Record<ExperienceQuestion, SQL<number>>;

const stageOrder = (stage: Stage) => STAGES.indexOf(stage);

/** How many anonymous answers a group holds. */
const anonymousCount = () => sql<number>`coalesce(sum(${experienceFeedback.anonymous}), 0)`.mapWith(Number);

/**
 * Whether a group of answers (a report cell, the whole selection, a quarter) must be held back:
 * it holds one or two anonymous answers. Alone they are what one or two people said; beside named
 * answers, whose scores staff can read, the rest of the group gives them away just the same.
 */
export function singlesOutSomeone(anonymous: number) {
  return anonymous > 0 && anonymous < ANONYMITY_THRESHOLD;
}

const noAverages = () =>
  Object.fromEntries(EXPERIENCE_QUESTIONS.map((q) => [q, null])) as Record<ExperienceQuestion, number | null>;
const noCounts = () =>
  Object.fromEntries(EXPERIENCE_QUESTIONS.map((q) => [q, 0])) as Record<ExperienceQuestion, number>;

/** A group's figures, or nothing but "held back" when they could single someone out. */
function guardGroup<
  T extends {
    answers: number;
    anonymous: number;
    averages: Record<ExperienceQuestion, number | null>;
    counts: Record<ExperienceQuestion, number>;
  },
>(group: T) {
  const { anonymous: _anonymous, ...rest } = group;
  return singlesOutSomeone(group.anonymous)
    ? { ...rest, answers: null, averages: noAverages(), counts: noCounts(), heldBack: true as const }
    : { ...rest, heldBack: false as const };
}

/**
 * Anonymous answers are listed one by one (comments, export rows) only for a whole program: with
 * a stage or quarter chosen, a single anonymous answer would show when and at what stage it came.
 */
const listsAnonymous = (filters: FeedbackFilters) => !filters.stage && !filters.quarter;

/**
 * Named answers newest quarter first, then anonymous ones in the order of their random ids: their
 * place in the list says nothing about when they came. Ties break on the random id too.
 */
const anonymousLastInRandomOrder = () => [
  asc(experienceFeedback.anonymous),
  desc(sql`case when ${experienceFeedback.anonymous} then '' else ${experienceFeedback.quarter} end`),
  asc(programs.name),
  asc(experienceFeedback.id),
];

/**
 * The staff report: averages per question by program × stage × quarter, overall averages for the
 * chart, and the comments. Reading it changes nothing: staff mark what they have read with
 * markFeedbackRead, passing back `shown`.
 *
 * Nothing here reads feedback_submissions, and anonymous answers come out with program, stage and
 * quarter only: no id, consultant, engagement, exact time or the name of who wrote it down.
 */
export function feedbackReport(organizationId: string, filters: FeedbackFilters = {}) {
  return db.transaction((tx) => {
    const gates = anonymityGates(tx, organizationId);
    const where = visibleAnswers(organizationId, gates, filters);

    const cells = tx
      .select({
        programId: experienceFeedback.programId,
        programName: programs.name,
        stage: experienceFeedback.stage,
        quarter: experienceFeedback.quarter,
        answers: count(),
        anonymous: anonymousCount(),
        averages: averageOfEach(),
        counts: answersToEach(),
      })
      .from(experienceFeedback)
      .innerJoin(programs, eq(programs.id, experienceFeedback.programId))
      .where(where)
      .groupBy(experienceFeedback.programId, programs.name, experienceFeedback.stage, experienceFeedback.quarter)
      .all()
      .sort(
        (a, b) =>
          a.programName.localeCompare(b.programName) ||
          stageOrder(a.stage) - stageOrder(b.stage) ||
          b.quarter.localeCompare(a.quarter),
      )
      .map(guardGroup);

    const overallRow = tx
      .select({ answers: count(), anonymous: anonymousCount(), averages: averageOfEach(), counts: answersToEach() })
      .from(experienceFeedback)
      .where(where)
      .get()!;
    const overall = guardGroup(overallRow);

    const comments = tx
      .select({
        anonymous: experienceFeedback.anonymous,
        source: experienceFeedback.source,
        programName: programs.name,
        stage: experienceFeedback.stage,
        quarter: experienceFeedback.quarter,
        comment: experienceFeedback.comment,
        consultantName: consultants.preferredName,
        engagementTitle: engagements.title,
        recordedByName: users.preferredName,
      })
      .from(experienceFeedback)
      .innerJoin(programs, eq(programs.id, experienceFeedback.programId))
      .leftJoin(consultants, eq(consultants.id, experienceFeedback.consultantId))
      .leftJoin(engagements, eq(engagements.id, experienceFeedback.engagementId))
      .leftJoin(users, eq(users.id, experienceFeedback.recordedByUserId))
      .where(
        and(
          where,
          isNotNull(experienceFeedback.comment),
          listsAnonymous(filters) ? undefined : eq(experienceFeedback.anonymous, false),
        ),
      )
      .orderBy(...anonymousLastInRandomOrder())
      .all()
      .map((c) =>
        c.anonymous
          ? // Program only: with its stage and quarter a single anonymous comment could be placed.
            {
              anonymous: true as const,
              source: c.source,
              programName: c.programName,
              comment: c.comment!,
            }
          : {
              anonymous: false as const,
              source: c.source,
              programName: c.programName,
              stage: c.stage,
              quarter: c.quarter,
              comment: c.comment!,
              consultantName: c.consultantName,
              engagementTitle: c.engagementTitle,
              recordedByName: c.recordedByName,
            },
      );

    // Which programs hold answers back depends on the program filter only: a notice that changed
    // with the stage or quarter would say when and at what stage an anonymous answer was given.
    const heldBack = [...gates.heldBackProgramIds].filter((id) => !filters.programId || id === filters.programId);
    const programOptions = tx
      .select({ id: programs.id, name: programs.name })
      .from(programs)
      .where(eq(programs.organizationId, organizationId))
      .orderBy(asc(programs.name))
      .all();
    // Only quarters with answers staff may see: a held-back answer must not add its quarter.
    const quarters = tx
      .selectDistinct({ quarter: experienceFeedback.quarter })
      .from(experienceFeedback)
      .where(visibleAnswers(organizationId, gates, {}))
      .orderBy(desc(experienceFeedback.quarter))
      .all()
      .map((r) => r.quarter);

    return {
      filters,
      programOptions,
      quarters,
      heldBackPrograms: programOptions.filter((p) => heldBack.includes(p.id)).map((p) => p.name),
      cells,
      overall,
      comments,
      shown: unreadFingerprint(tx, where),
    };
  });
}
export type FeedbackReport = ReturnType<typeof feedbackReport>;

/**
 * One row per answer staff may see (the report's rule), for a spreadsheet. Anonymous rows have
 * empty consultant and engagement cells. Like the report, downloading marks nothing read.
 */
export function feedbackExportRows(organizationId: string, filters: FeedbackFilters = {}) {
  return db.transaction((tx) => {
    const where = visibleAnswers(organizationId, anonymityGates(tx, organizationId), filters);
    return tx
      .select({
        programName: programs.name,
        stage: experienceFeedback.stage,
        quarter: experienceFeedback.quarter,
        source: experienceFeedback.source,
        anonymous: experienceFeedback.anonymous,
        consultantName: consultants.preferredName,
        engagementTitle: engagements.title,
        ...scoreColumns,
        comment: experienceFeedback.comment,
      })
      .from(experienceFeedback)
      .innerJoin(programs, eq(programs.id, experienceFeedback.programId))
      .leftJoin(consultants, eq(consultants.id, experienceFeedback.consultantId))
      .leftJoin(engagements, eq(engagements.id, experienceFeedback.engagementId))
      .where(and(where, listsAnonymous(filters) ? undefined : eq(experienceFeedback.anonymous, false)))
      .orderBy(...anonymousLastInRandomOrder())
      .all()
      .map((r) =>
        r.anonymous ? { ...r, stage: null, quarter: null, consultantName: null, engagementTitle: null } : r,
      );
  });
}

// --- Staff: marking answers read ---------------------------------------------------------------

/**
 * Signs the unread answers a report page showed, so that "Mark as read" marks exactly those. The
 * key is this server process's own: staff cannot work the value out from the page (it would tell
 * them whether an anonymous answer is waiting), and a page from before a restart is asked to reload.
 */
const SHOWN_KEY = randomBytes(32);

function unreadFingerprint(tx: Executor, where: SQL | undefined) {
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
 * A named answer's audit names the staff member; an anonymous one is not audited (see above).
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

/**
 * The average experience score (all questions together, 1 to 5) per quarter, for the dashboard
 * and the funder report.
 *
 * Only answers staff may see count (the report's gate), and a quarter holding one or two
 * anonymous answers is held back (see singlesOutSomeone).
 */
export function experienceByQuarter(organizationId: string, filters: { programId?: string; quarters: string[] }) {
  if (filters.quarters.length === 0) return [];
  const numbers = EXPERIENCE_QUESTIONS.map((q) => experienceFeedback[q]);
  const rows = db.transaction((tx) =>
    tx
      .select({
        quarter: experienceFeedback.quarter,
        answers: count(),
        anonymous: sql<number>`sum(${experienceFeedback.anonymous})`.mapWith(Number),
        scoreSum: sql<number>`sum(${sql.join(
          numbers.map((c) => sql`coalesce(${c}, 0)`),
          sql` + `,
        )})`.mapWith(Number),
        scoreCount: sql<number>`sum(${sql.join(
          numbers.map((c) => sql`(${c} is not null)`),
          sql` + `,
        )})`.mapWith(Number),
      })
      .from(experienceFeedback)
      .where(
        and(
          visibleAnswers(organizationId, anonymityGates(tx, organizationId), { programId: filters.programId }),
          inArray(experienceFeedback.quarter, filters.quarters),
        ),
      )
      .groupBy(experienceFeedback.quarter)
      .all(),
  );
  const byQuarter = new Map(rows.map((r) => [r.quarter, r]));
  return filters.quarters.map((quarter) => {
    const row = byQuarter.get(quarter);
    const answers = row?.answers ?? 0;
    const anonymous = row?.anonymous ?? 0;
    const heldBack = singlesOutSomeone(anonymous);
    return {
      quarter,
      answers: heldBack ? null : answers,
      average: heldBack || !row || row.scoreCount === 0 ? null : row.scoreSum / row.scoreCount,
      heldBack,
    };
  });
}
export type ExperienceQuarter = ReturnType<typeof experienceByQuarter>[number];
