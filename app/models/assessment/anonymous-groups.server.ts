// What staff may see of the consultants' answers to a readiness self-assessment, decided so that
// nothing they see can be used to read one anonymous set of answers. The rule, in one place:
//
// - Anonymous sets join the survivors' view only in whole groups of ANONYMOUS_GROUP sent sets. Until
//   its group is complete a set waits, in no view and no count: a view read before and after one more
//   anonymous answer is the same view, so the difference between the two gives nothing away.
// - Named answers never make up an anonymous group. Staff can know them (the people chose to be
//   named), so beside one or two anonymous sets they would let staff take them away and read the rest.
// - The view shows once it rests on at least ANONYMITY_THRESHOLD consultants: a group of anonymous sets
//   (with any named answers), or named answers alone. Named answers may always be combined.
// - An area where only one or two of a group's anonymous sets have a score is held back, and the
//   overall score with it (it could be worked back from the other areas): for that area the group is
//   one or two people, and the view before and after the group joined would give them away.
// - How far apart people are is said in a word from the width of their range, never as the lowest and
//   highest score: with three people, the average and the two ends are everyone's answer.
// - Staff counts of anonymous answers move only by whole groups, and name nobody.
import { and, count, eq, isNotNull, or } from "drizzle-orm";
import { assessmentRespondents } from "../../../db/schema";
import type { Executor } from "../../utils/db.server";
import { areaSpread, type RespondentAnswer } from "../../utils/assessment-scoring";
import type { Template } from "../../utils/assessment-template";
import { ANONYMITY_THRESHOLD, singlesOutSomeone } from "../feedback/anonymity.server";
import { answerRows } from "./records.server";

/** How many anonymous sets join the survivors' view together. */
export const ANONYMOUS_GROUP = ANONYMITY_THRESHOLD;

/**
 * The anonymous sets of an assessment after one more is added (a null group: waiting). Once a whole
 * group of them is waiting, they all join the view together, as the next group. Only ever called
 * with one new set, so fewer than a group wait.
 */
export function groupWaitingSets<T extends { group: number | null }>(sets: T[]): T[] {
  const waiting = sets.filter((s) => s.group === null).length;
  if (waiting < ANONYMOUS_GROUP) return sets;
  const next = Math.max(0, ...sets.map((s) => s.group ?? 0)) + 1;
  return sets.map((s) => (s.group === null ? { ...s, group: next } : s));
}

const anonymousInView = and(
  eq(assessmentRespondents.kind, "anonymous"),
  isNotNull(assessmentRespondents.anonymousGroup),
);
const namedAndSent = and(eq(assessmentRespondents.kind, "consultant"), isNotNull(assessmentRespondents.sentAt));

function respondentsInView(exec: Executor, assessmentId: string) {
  const counts = exec
    .select({ kind: assessmentRespondents.kind, n: count() })
    .from(assessmentRespondents)
    .where(and(eq(assessmentRespondents.assessmentId, assessmentId), or(anonymousInView, namedAndSent)))
    .groupBy(assessmentRespondents.kind)
    .all();
  const of = (kind: string) => counts.find((c) => c.kind === kind)?.n ?? 0;
  return { named: of("consultant"), anonymous: of("anonymous") };
}

/**
 * How many anonymous answers staff may be told of: those in whole groups. Always a count that moves by
 * a group, never by one; "fewer than a group" when it is none.
 */
export function anonymousAnswersToTell(exec: Executor, assessmentId: string) {
  return respondentsInView(exec, assessmentId).anonymous;
}

/** How far apart people's own scores for an area are, in words. */
export type Agreement = "close" | "mixed" | "far apart";

/** Up to `close` points between the lowest and highest score is "close"; past `far`, "far apart". */
export const AGREEMENT_POINTS = { close: 20, far: 50 } as const;

function agreementOf(spread: { lowest: number; highest: number; respondents: number } | undefined): Agreement | null {
  if (!spread || spread.respondents < 2) return null;
  const width = spread.highest - spread.lowest;
  return width <= AGREEMENT_POINTS.close ? "close" : width <= AGREEMENT_POINTS.far ? "mixed" : "far apart";
}

export type SurvivorsAnswers =
  | { shown: false; named: number }
  | {
      shown: true;
      named: number;
      anonymous: number;
      rows: RespondentAnswer[];
      heldBack: Set<string>;
      agreement: Record<string, Agreement | null>;
    };

/**
 * The consultants' answers the survivors' view may combine (named ones sent, and anonymous sets in
 * whole groups), or only how many named answers there are while it may not show. Per area: whether it
 * is held back, and how far apart people are, in a word.
 */
export function survivorsAnswers(exec: Executor, template: Template, assessmentId: string): SurvivorsAnswers {
  const { named, anonymous } = respondentsInView(exec, assessmentId);
  if (named + anonymous < ANONYMITY_THRESHOLD) return { shown: false, named };
  const rows = answerRows(exec, assessmentId, or(anonymousInView, namedAndSent)!);
  const groupOf = new Map(
    exec
      .select({ id: assessmentRespondents.id, group: assessmentRespondents.anonymousGroup })
      .from(assessmentRespondents)
      .where(and(eq(assessmentRespondents.assessmentId, assessmentId), anonymousInView))
      .all()
      .map((r) => [r.id, r.group!]),
  );
  // Checked group by group: the view before and after a group joined differs by that group alone, so
  // one or two of its people scoring an area would show in the difference, however many others did.
  const heldBack = new Set<string>();
  for (const group of new Set(groupOf.values())) {
    const scorers = areaSpread(
      template,
      rows.filter((r) => groupOf.get(r.respondentId) === group),
    );
    for (const [key, s] of Object.entries(scorers)) if (singlesOutSomeone(s.respondents)) heldBack.add(key);
  }
  const spread = areaSpread(template, rows);
  const agreement = Object.fromEntries(
    template.sections
      .filter((s) => s.scored)
      .map((s) => [s.key, heldBack.has(s.key) ? null : agreementOf(spread[s.key])]),
  );
  return { shown: true, named, anonymous, rows, heldBack, agreement };
}
