// The anonymity rule of every staff view of feedback, in one place: which anonymous answers staff may
// see at all (a program's gate), which groups of answers must be held back because they would single
// someone out, and how anonymous answers are listed so that their place says nothing about them.
//
// An anonymous answer's row holds no consultant, no engagement and no exact time; only
// feedback_submissions (read by the consultant's own portal pages, never by a staff-facing function)
// links it back to the person.
import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { experienceFeedback, programs, type Stage } from "../../../db/schema";
import type { Executor } from "../../utils/db.server";
import { EXPERIENCE_QUESTIONS, type ExperienceQuestion } from "../../utils/feedback-options";

/**
 * Anonymous answers of a program stay out of every staff view until there are at least this many,
 * so that a single answer (from the only consultant who did that program's evaluation, say)
 * cannot be traced back to them.
 */
export const ANONYMITY_THRESHOLD = 3;

export type FeedbackFilters = { programId?: string; stage?: Stage; quarter?: string };

type Gates = { portal: string[]; meeting: string[]; heldBackProgramIds: Set<string> };

/**
 * Which programs' anonymous answers may be shown. Answers sent in the portal and notes written
 * down by staff are counted apart: otherwise two invented meeting notes would be enough to show a
 * single consultant's anonymous answer. Counted over all time, whatever the filters.
 */
export function anonymityGates(tx: Executor, organizationId: string): Gates {
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
export function visibleAnswers(organizationId: string, gates: Gates, filters: FeedbackFilters) {
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

/** How many anonymous answers a group holds. */
export const anonymousCount = () => sql<number>`coalesce(sum(${experienceFeedback.anonymous}), 0)`.mapWith(Number);

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
export function guardGroup<
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
export const listsAnonymous = (filters: FeedbackFilters) => !filters.stage && !filters.quarter;

/**
 * Named answers newest quarter first, then anonymous ones in the order of their random ids: their
 * place in the list says nothing about when they came. Ties break on the random id too.
 */
export const anonymousLastInRandomOrder = () => [
  asc(experienceFeedback.anonymous),
  desc(sql`case when ${experienceFeedback.anonymous} then '' else ${experienceFeedback.quarter} end`),
  asc(programs.name),
  asc(experienceFeedback.id),
];
