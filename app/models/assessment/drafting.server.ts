// Filling in a self-assessment: starting one from a checklist (and not a second draft of it by
// accident), saving it section by section as colleagues go, completing it and reopening it.
import { and, desc, eq } from "drizzle-orm";
import { assessmentAnswers, assessmentRespondents, assessments, assessmentTemplates, users } from "../../../db/schema";
import { db, type Executor } from "../../utils/db.server";
import { recordAudit } from "../../utils/audit.server";
import { answersFromForm, listAnswerFields, type TableRow } from "../../utils/assessment-answers";
import { repeatedField } from "../../utils/form-data.server";
import { rememberPartners } from "../partner.server";
import { NotFoundError, RuleError } from "../errors";
import { findAssessment, listLatestTemplates, progressOf, staffViewOf, templateOf } from "./records.server";
import { assertAnsweredEnoughToComplete } from "./honest-scores.server";
import { carryOverOpenActions } from "./action-plan.server";
import { discardUnsentAnswers } from "./consultant-answers.server";

/** A draft still open from a checklist: who started it and when, to continue it instead. */
export type OpenDraft = { id: string; title: string; startedAt: Date; startedByName: string | null };

/**
 * Starting a second assessment from a checklist while a draft of it is open splits the answers over
 * two drafts; it happens only when the person says so (`alongsideDraftId`).
 */
export class OpenDraftError extends Error {
  constructor(public draft: OpenDraft) {
    super("A draft from this checklist is open.");
  }
}

/** The open drafts from a checklist (any of its versions), newest first. */
function openDraftsOf(exec: Executor, organizationId: string, templateKey: string): OpenDraft[] {
  return exec
    .select({
      id: assessments.id,
      title: assessments.title,
      startedAt: assessments.createdAt,
      startedByName: users.preferredName,
    })
    .from(assessments)
    .innerJoin(assessmentTemplates, eq(assessmentTemplates.id, assessments.templateId))
    .leftJoin(users, eq(users.id, assessments.startedByUserId))
    .where(
      and(
        eq(assessments.organizationId, organizationId),
        eq(assessments.status, "draft"),
        eq(assessmentTemplates.key, templateKey),
      ),
    )
    .orderBy(desc(assessments.createdAt))
    .all();
}

/** The newest open draft from the checklist `templateId` belongs to, if there is one. */
export function openDraftFrom(organizationId: string, templateId: string) {
  return openDraftsOf(db, organizationId, templateOf(db, templateId).key)[0];
}

/**
 * Starts an assessment on a template's newest version; a resent form returns the first one. While
 * a draft from the same checklist is open, it starts only beside a draft the person was shown
 * (`alongsideDraftId`); otherwise OpenDraftError says which draft to continue.
 */
export function startAssessment(args: {
  organizationId: string;
  actorUserId: string;
  templateId: string;
  title: string;
  creationKey: string;
  alongsideDraftId?: string;
}) {
  return db.transaction((tx) => {
    const replay = tx
      .select({ id: assessments.id })
      .from(assessments)
      .where(and(eq(assessments.organizationId, args.organizationId), eq(assessments.creationKey, args.creationKey)))
      .get();
    if (replay) return replay.id;
    const template = templateOf(tx, args.templateId);
    const latest = listLatestTemplates().find((t) => t.key === template.key);
    if (latest?.id !== template.id) {
      throw new RuleError("templateId", "staff:assessments.errors.newerVersion");
    }
    const drafts = openDraftsOf(tx, args.organizationId, template.key);
    if (drafts.length && !drafts.some((d) => d.id === args.alongsideDraftId)) throw new OpenDraftError(drafts[0]!);
    const created = tx
      .insert(assessments)
      .values({
        organizationId: args.organizationId,
        templateId: template.id,
        title: args.title,
        startedByUserId: args.actorUserId,
        creationKey: args.creationKey,
      })
      .returning({ id: assessments.id })
      .get();
    carryOverOpenActions(tx, { ...args, templateKey: template.key, assessmentId: created.id });
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "assessment.started",
      subjectType: "assessment",
      subjectId: created.id,
      // Said knowingly, beside an open draft: the log shows it was not a slip.
      changedFields: drafts.length ? ["templateId", "title", "alongsideDraftId"] : ["templateId", "title"],
    });
    return created.id;
  });
}
/**
 * Saves one section from its form. Answers that fit are saved even when another field in the same
 * section needs fixing, so nothing typed is lost; the messages come back for the rest.
 */
export function saveSection(args: {
  organizationId: string;
  actorUserId: string;
  assessmentId: string;
  sectionKey: string;
  form: FormData;
}) {
  return db.transaction((tx) => {
    const assessment = findAssessment(tx, args.organizationId, args.assessmentId);
    if (assessment.status === "complete") {
      throw new RuleError(null, "staff:assessments.errors.completeReopen");
    }
    const template = templateOf(tx, assessment.templateId);
    const section = template.sections.find((s) => s.key === args.sectionKey);
    if (!section) throw new NotFoundError("staff:assessments.errors.sectionNotFound");
    // Only the template knows which answers take several values; any other one sent twice is refused
    // before anything is saved, rather than read as one of its copies.
    const lists = listAnswerFields(template.sections);
    const repeated = repeatedField(args.form, (name) => lists.has(name));
    if (repeated !== null) {
      throw new RuleError(repeated, "staff:assessments.errors.sentTwice");
    }
    const { values, errors } = answersFromForm(section, args.form, (key) => template.scales[key]!);
    const now = new Date();
    const saved: string[] = [];
    // Each colleague's answers are their own: saving never touches anyone else's.
    const respondentId = staffRespondentFor(tx, assessment.id, args.actorUserId);
    for (const [itemKey, value] of Object.entries(values)) {
      if (Object.keys(errors).some((field) => field === `item.${itemKey}` || field.startsWith(`item.${itemKey}.`))) {
        continue;
      }
      writeAnswer(tx, { assessmentId: assessment.id, respondentId, itemKey, value, updatedAt: now });
      saved.push(itemKey);
    }
    for (const item of section.items) {
      const rows = values[item.key];
      if (item.type === "table" && saved.includes(item.key) && Array.isArray(rows)) {
        if (item.columns.some((c) => c.key === "provider")) {
          rememberPartners(tx, args.organizationId, section.title, rows as TableRow[]);
        }
      }
    }
    tx.update(assessments).set({ updatedAt: now }).where(eq(assessments.id, assessment.id)).run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "assessment.section_saved",
      subjectType: "assessment",
      subjectId: assessment.id,
      changedFields: [`section:${section.key}`],
    });
    return { errors, saved };
  });
}

/** The member of staff's own set of answers to an assessment, made at their first save. */
function staffRespondentFor(tx: Executor, assessmentId: string, userId: string) {
  const mine = tx
    .select({ id: assessmentRespondents.id })
    .from(assessmentRespondents)
    .where(and(eq(assessmentRespondents.assessmentId, assessmentId), eq(assessmentRespondents.userId, userId)))
    .get();
  if (mine) return mine.id;
  return tx
    .insert(assessmentRespondents)
    .values({ assessmentId, kind: "staff", userId })
    .returning({ id: assessmentRespondents.id })
    .get().id;
}

/** Saves one respondent's answer to one item; an empty answer (null) takes theirs away. */
export function writeAnswer(
  tx: Executor,
  a: { assessmentId: string; respondentId: string; itemKey: string; value: unknown; updatedAt: Date | null },
) {
  if (a.value === null) {
    tx.delete(assessmentAnswers)
      .where(and(eq(assessmentAnswers.respondentId, a.respondentId), eq(assessmentAnswers.itemKey, a.itemKey)))
      .run();
    return;
  }
  tx.insert(assessmentAnswers)
    .values(a)
    .onConflictDoUpdate({
      target: [assessmentAnswers.respondentId, assessmentAnswers.itemKey],
      set: { value: a.value, updatedAt: a.updatedAt },
    })
    .run();
}

/** Marks an assessment complete, once the staff view has enough answers for honest scores. */
export function completeAssessment(args: { organizationId: string; actorUserId: string; assessmentId: string }) {
  db.transaction((tx) => {
    const assessment = findAssessment(tx, args.organizationId, args.assessmentId);
    if (assessment.status === "complete") return;
    const template = templateOf(tx, assessment.templateId);
    assertAnsweredEnoughToComplete(template, progressOf(template, staffViewOf(tx, template, assessment.id).answers));
    const now = new Date();
    tx.update(assessments)
      .set({ status: "complete", completedAt: now, completedByUserId: args.actorUserId, updatedAt: now })
      .where(eq(assessments.id, assessment.id))
      .run();
    // Answers consultants saved but did not send are not part of the result and stay tied to them.
    discardUnsentAnswers(tx, { assessmentId: assessment.id });
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "assessment.completed",
      subjectType: "assessment",
      subjectId: assessment.id,
      changedFields: ["status"],
    });
  });
}

/** A completed assessment is changed only after someone reopens it on purpose (audited). */
export function reopenAssessment(args: { organizationId: string; actorUserId: string; assessmentId: string }) {
  db.transaction((tx) => {
    const assessment = findAssessment(tx, args.organizationId, args.assessmentId);
    if (assessment.status === "draft") return;
    tx.update(assessments)
      .set({ status: "draft", completedAt: null, completedByUserId: null, updatedAt: new Date() })
      .where(eq(assessments.id, assessment.id))
      .run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "assessment.reopened",
      subjectType: "assessment",
      subjectId: assessment.id,
      changedFields: ["status"],
    });
  });
}
