// Feedback a consultant gave staff in a meeting, written down by staff: the form's choices and the
// recording. Staff wrote it, so it counts as read from the start.
import { parseISO } from "date-fns";
import { and, asc, eq, ne } from "drizzle-orm";
import { consultants, experienceFeedback, programs, STAGES, type Stage } from "../../../db/schema";
import { recordAudit } from "../../utils/audit.server";
import { db } from "../../utils/db.server";
import { EXPERIENCE_QUESTIONS, type ExperienceQuestion } from "../../utils/feedback-options";
import { RuleError } from "../errors";
import { organizationToday } from "../settings.server";
import { assertComment, assertSaysSomething, assertScores, quarterOf, startOfQuarterUtc } from "./answer-rules.server";

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
        throw new RuleError(null, "common:feedbackRules.reload");
      }
      return { created: false };
    }
    const program = tx
      .select({ id: programs.id })
      .from(programs)
      .where(and(eq(programs.id, args.programId), eq(programs.organizationId, args.organizationId)))
      .get();
    if (!program) throw new RuleError("programId", "staff:feedback.errors.programFromList");
    if (!STAGES.includes(args.stage)) throw new RuleError("stage", "common:feedbackRules.chooseStage");
    if (args.consultantId) {
      const consultant = tx
        .select({ id: consultants.id })
        .from(consultants)
        .where(and(eq(consultants.id, args.consultantId), eq(consultants.organizationId, args.organizationId)))
        .get();
      if (!consultant) throw new RuleError("consultantId", "staff:feedback.errors.consultantFromList");
    }
    if (args.heardOn > (args.today ?? organizationToday(args.organizationId))) {
      throw new RuleError("heardOn", "staff:feedback.errors.meetingInFuture");
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
