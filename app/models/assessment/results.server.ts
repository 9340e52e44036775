// An assessment's results: the score of each domain in the staff view (with how far apart the staff
// respondents were), and how it moved since the previous completed assessment from the same
// checklist. Scores pass the honest-scores rule first.
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { assessments, assessmentTemplates } from "../../../db/schema";
import { db } from "../../utils/db.server";
import { areaSpread, combineAnswers, compareDomains } from "../../utils/assessment-scoring";
import type { Template } from "../../utils/assessment-template";
import { getAssessment, staffViewOf, templateOf } from "./records.server";
import { honestScores, type HonestDomainScore } from "./honest-scores.server";
import { survivorsAnswers } from "./anonymous-groups.server";
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
    survivors: survivorsView(template, assessment.id, scores.domains),
  };
}

/** How many areas "where the views differ most" names, at most. */
const MOST_DIFFERENT = 3;

/**
 * The survivors' view beside the staff view: the consultants' answers staff may see (see
 * anonymous-groups.server.ts), combined as the staff's are, per area with how far apart people are in
 * a word, and the areas where the two views are furthest apart. While it may not show: only how many
 * answered with their name.
 */
function survivorsView(template: Template, assessmentId: string, staff: HonestDomainScore[]) {
  const seen = survivorsAnswers(db, template, assessmentId);
  if (!seen.shown) return seen;
  const theirs = honestScores(template, combineAnswers(template, seen.rows).answers);
  const staffByKey = new Map(staff.map((d) => [d.key, d]));
  const areas = theirs.domains.map((d) => {
    const ours = staffByKey.get(d.key);
    const heldBack = seen.heldBack.has(d.key);
    const survivorsPercent = heldBack ? null : d.percent;
    const difference = ours?.percent != null && survivorsPercent !== null ? survivorsPercent - ours.percent : null;
    return {
      key: d.key,
      title: d.title,
      staffPercent: ours?.percent ?? null,
      survivorsPercent,
      survivorsScored: heldBack ? null : d.scored,
      items: d.items,
      heldBack,
      agreement: seen.agreement[d.key] ?? null,
      difference,
    };
  });
  const mostDifferent = areas
    .filter((a) => a.difference !== null && a.difference !== 0)
    .sort((a, b) => Math.abs(b.difference!) - Math.abs(a.difference!) || a.key.localeCompare(b.key))
    .slice(0, MOST_DIFFERENT)
    .map((a) => a.key);
  return {
    shown: true as const,
    named: seen.named,
    anonymous: seen.anonymous,
    respondents: seen.named + seen.anonymous,
    overall: seen.heldBack.size > 0 ? null : theirs.overall.percent,
    areas,
    mostDifferent,
  };
}
