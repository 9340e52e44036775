// An assessment's results: the score of each domain, and how it moved since the previous completed
// assessment from the same checklist.
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { assessments, assessmentTemplates } from "../../../db/schema";
import { db } from "../../utils/db.server";
import { compareDomains, scoreDomains } from "../../utils/assessment-scoring";
import { answersOf, getAssessment, templateOf } from "./records.server";
import { DEFAULT_LANGUAGE, type Language } from "~/i18n/config";

/**
 * Domain scores, and how each moved since the previous completed assessment of the same template
 * (any version with the same key: domains are compared by their keys). Words in `language` where the
 * template version has them.
 */
export function assessmentResults(organizationId: string, assessmentId: string, language: Language = DEFAULT_LANGUAGE) {
  const { assessment, template, shown, answers, progress } = getAssessment(organizationId, assessmentId, language);
  const scores = scoreDomains(template, answers);
  const before = assessment.completedAt ?? new Date(8.64e15);
  const previous = db
    .select({ id: assessments.id, templateId: assessments.templateId, completedAt: assessments.completedAt })
    .from(assessments)
    .innerJoin(assessmentTemplates, eq(assessmentTemplates.id, assessments.templateId))
    .where(
      and(
        eq(assessments.organizationId, organizationId),
        eq(assessments.status, "complete"),
        eq(assessmentTemplates.key, template.key),
        lt(assessments.completedAt, before),
        sql`${assessments.id} <> ${assessment.id}`,
      ),
    )
    .orderBy(desc(assessments.completedAt))
    .limit(1)
    .get();
  const previousScores = previous
    ? scoreDomains(templateOf(db, previous.templateId), answersOf(db, previous.id))
    : null;
  return {
    assessment,
    template,
    shown,
    answers,
    progress,
    domains: compareDomains(scores, previousScores),
    previous: previous ? { id: previous.id, completedAt: previous.completedAt } : null,
  };
}
