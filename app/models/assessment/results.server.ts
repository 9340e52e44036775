// An assessment's results: the score of each domain in the staff view (with how far apart the staff
// respondents were), and how it moved since the previous completed assessment from the same
// checklist. Scores pass the honest-scores rule first.
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { assessments, assessmentTemplates } from "../../../db/schema";
import { db } from "../../utils/db.server";
import { areaSpread, compareDomains } from "../../utils/assessment-scoring";
import { getAssessment, staffViewOf, templateOf } from "./records.server";
import { honestScores } from "./honest-scores.server";
import { DEFAULT_LANGUAGE, type Language } from "~/i18n/config";

/**
 * Domain scores, and how each moved since the previous completed assessment of the same template
 * (any version with the same key: domains are compared by their keys). Words in `language` where the
 * template version has them.
 */
export function assessmentResults(organizationId: string, assessmentId: string, language: Language = DEFAULT_LANGUAGE) {
  const { assessment, template, shown, answers, progress, staffRespondents } = getAssessment(
    organizationId,
    assessmentId,
    language,
  );
  const staff = staffViewOf(db, template, assessment.id);
  const scores = honestScores(template, answers);
  const spread = areaSpread(template, staff.rows);
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
    ? (() => {
        const then = templateOf(db, previous.templateId);
        return honestScores(then, staffViewOf(db, then, previous.id).answers).domains;
      })()
    : null;
  return {
    assessment,
    template,
    shown,
    answers,
    progress,
    staffRespondents,
    overall: scores.overall,
    domains: compareDomains(scores.domains, previousScores).map((d) => ({ ...d, spread: spread[d.key] ?? null })),
    previous: previous ? { id: previous.id, completedAt: previous.completedAt } : null,
  };
}
