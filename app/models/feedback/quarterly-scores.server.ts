// The average experience score per quarter, for the dashboard and the funder report: a figure
// drawn from the same answers staff may see in the report, held back where it would single
// someone out.
import { and, count, inArray, sql } from "drizzle-orm";
import { experienceFeedback } from "../../../db/schema";
import { db } from "../../utils/db.server";
import { EXPERIENCE_QUESTIONS } from "../../utils/feedback-options";
import { anonymityGates, anonymousCount, singlesOutSomeone, visibleAnswers } from "./anonymity.server";

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
        anonymous: anonymousCount(),
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
