// The staff report of experience feedback and its spreadsheet: averages per program, stage and
// quarter, the chart's overall figures and the comments, all through the anonymity rule
// (./anonymity.server.ts). Reading them changes nothing; marking read is ./read-marking.server.ts.
import { and, asc, count, desc, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import { consultants, engagements, experienceFeedback, programs, users, STAGES, type Stage } from "../../../db/schema";
import { db } from "../../utils/db.server";
import { EXPERIENCE_QUESTIONS, type ExperienceQuestion } from "../../utils/feedback-options";
import {
  anonymityGates,
  anonymousCount,
  anonymousLastInRandomOrder,
  guardGroup,
  listsAnonymous,
  visibleAnswers,
  type FeedbackFilters,
} from "./anonymity.server";
import { scoreColumns } from "./answer-rules.server";
import { unreadFingerprint } from "./read-marking.server";

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
