// Reading assessments: the checklists (templates) they are made from, an assessment with its answers
// and progress, and the organization's history list. The other parts of an assessment start from here.
//
// Each respondent's answers are stored apart. "The staff view" of an assessment is its staff
// respondents' answers combined (combineAnswers: per scale item the mean of the scores, with their
// spread); progress, gaps and scores are read from it.
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import {
  assessmentAnswers,
  assessmentRespondents,
  assessments,
  assessmentTemplates,
  users,
  type RespondentKind,
} from "../../../db/schema";
import { db, type Executor } from "../../utils/db.server";
import { TemplateDefinition, type Template } from "../../utils/assessment-template";
import { combineAnswers, type RespondentAnswer } from "../../utils/assessment-scoring";
import { localizeTemplate } from "../../utils/template-translations";
import { DEFAULT_LANGUAGE, type Language } from "~/i18n/config";
import { NotFoundError, RuleError } from "../errors";

/**
 * A template version's title in `language`, read from the stored file without parsing all of it
 * (lists show many); English when that version has none.
 */
function titleIn(language: Language) {
  if (language === DEFAULT_LANGUAGE) return sql<string>`${assessmentTemplates.title}`;
  const path = `$.translations.${language}.title`;
  return sql<string>`coalesce(json_extract(${assessmentTemplates.definition}, ${path}), ${assessmentTemplates.title})`;
}

/** The newest version of each template, for starting a new assessment; titles in `language`. */
export function listLatestTemplates(language: Language = DEFAULT_LANGUAGE) {
  const rows = db
    .select({
      id: assessmentTemplates.id,
      key: assessmentTemplates.key,
      version: assessmentTemplates.version,
      title: titleIn(language),
    })
    .from(assessmentTemplates)
    .orderBy(asc(assessmentTemplates.key), desc(assessmentTemplates.version))
    .all();
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.key) && Boolean(seen.add(r.key)));
}

export function templateOf(exec: Executor, templateId: string): Template & { id: string } {
  const row = exec.select().from(assessmentTemplates).where(eq(assessmentTemplates.id, templateId)).get();
  if (!row) throw new RuleError("templateId", "staff:assessments.errors.checklistFromList");
  // Parsed again so defaults (empty lists, N/A off) are filled in exactly as when it was checked.
  return { id: row.id, ...TemplateDefinition.parse(row.definition) };
}

export function findAssessment(exec: Executor, organizationId: string, assessmentId: string) {
  const row = exec
    .select()
    .from(assessments)
    .where(and(eq(assessments.id, assessmentId), eq(assessments.organizationId, organizationId)))
    .get();
  if (!row) throw new NotFoundError("staff:assessments.errors.assessmentNotFound");
  return row;
}

/** Staff respondents, and answers saved before answers were kept per person. */
const STAFF_KINDS: RespondentKind[] = ["staff", "earlier"];
const staffRespondent = inArray(assessmentRespondents.kind, STAFF_KINDS);

/**
 * The saved answers of the assessment's respondents that `whose` picks (its staff, unless told),
 * oldest first. Which consultants' answers staff may see is decided in anonymous-groups.server.ts.
 */
export function answerRows(exec: Executor, assessmentId: string, whose: SQL = staffRespondent): RespondentAnswer[] {
  return exec
    .select({
      respondentId: assessmentAnswers.respondentId,
      itemKey: assessmentAnswers.itemKey,
      value: assessmentAnswers.value,
    })
    .from(assessmentAnswers)
    .innerJoin(assessmentRespondents, eq(assessmentRespondents.id, assessmentAnswers.respondentId))
    .where(and(eq(assessmentAnswers.assessmentId, assessmentId), whose))
    .orderBy(asc(sql`coalesce(${assessmentAnswers.updatedAt}, 0)`), asc(sql`${assessmentAnswers}.rowid`))
    .all();
}

/** One respondent's own answers. */
export function respondentAnswers(exec: Executor, respondentId: string) {
  return Object.fromEntries(
    exec
      .select({ itemKey: assessmentAnswers.itemKey, value: assessmentAnswers.value })
      .from(assessmentAnswers)
      .where(eq(assessmentAnswers.respondentId, respondentId))
      .all()
      .map((a) => [a.itemKey, a.value]),
  ) as Record<string, unknown>;
}

/** The staff view: every staff respondent's answers combined, with each scale item's spread. */
export function staffViewOf(exec: Executor, template: Template, assessmentId: string) {
  const rows = answerRows(exec, assessmentId);
  return { ...combineAnswers(template, rows), rows, respondents: new Set(rows.map((r) => r.respondentId)).size };
}

/** A member of staff's own answers to an assessment (none yet: an empty set). */
export function staffMemberAnswers(exec: Executor, assessmentId: string, userId: string) {
  const mine = exec
    .select({ id: assessmentRespondents.id })
    .from(assessmentRespondents)
    .where(and(eq(assessmentRespondents.assessmentId, assessmentId), eq(assessmentRespondents.userId, userId)))
    .get();
  return mine ? respondentAnswers(exec, mine.id) : {};
}

/** How much is answered: per section and overall, for the progress bar. */
export function progressOf(template: Template, answers: Record<string, unknown>) {
  const sections = template.sections.map((s) => ({
    key: s.key,
    answered: s.items.filter((i) => answers[i.key] !== undefined).length,
    total: s.items.length,
  }));
  return {
    sections,
    answered: sections.reduce((n, s) => n + s.answered, 0),
    total: sections.reduce((n, s) => n + s.total, 0),
  };
}

/**
 * An assessment with its template version (in the reader's `language` where the version has it:
 * `shown` says which language and whether any part is in English instead), the staff view of its
 * answers and progress, and, for `viewerUserId`, that person's own answers.
 */
export function getAssessment(
  organizationId: string,
  assessmentId: string,
  language: Language = DEFAULT_LANGUAGE,
  viewerUserId?: string,
) {
  const assessment = findAssessment(db, organizationId, assessmentId);
  const { template, ...shown } = localizeTemplate(templateOf(db, assessment.templateId), language);
  const view = staffViewOf(db, template, assessment.id);
  const mine = viewerUserId ? staffMemberAnswers(db, assessment.id, viewerUserId) : {};
  return {
    assessment,
    template,
    shown,
    answers: view.answers,
    spread: view.spread,
    staffRespondents: view.respondents,
    mine,
    progress: progressOf(template, view.answers),
  };
}

/** Every assessment of the organization, newest first, for the history list; template titles in `language`. */
export function listAssessments(organizationId: string, language: Language = DEFAULT_LANGUAGE) {
  return db
    .select({
      id: assessments.id,
      title: assessments.title,
      status: assessments.status,
      templateTitle: titleIn(language),
      templateVersion: assessmentTemplates.version,
      createdAt: assessments.createdAt,
      completedAt: assessments.completedAt,
      startedByName: users.preferredName,
    })
    .from(assessments)
    .innerJoin(assessmentTemplates, eq(assessmentTemplates.id, assessments.templateId))
    .leftJoin(users, eq(users.id, assessments.startedByUserId))
    .where(eq(assessments.organizationId, organizationId))
    .orderBy(desc(sql`coalesce(${assessments.completedAt}, ${assessments.createdAt})`))
    .all();
}
