// Honest scores: a score resting on a few answers reads like a finding (one answered item used to
// show 100%). The rule lives here, once; the results, completion, dashboard and funder report all
// come through it.
import type { Template } from "../../utils/assessment-template";
import { scoreDomains, type DomainScore } from "../../utils/assessment-scoring";
import { RuleError } from "../errors";

/**
 * Whether enough of a set of items is answered for a score over them to mean something, or for the
 * assessment to be called complete: at least 80% of them. "Not applicable" is an answer.
 */
export function answeredEnoughToScore(answered: number, total: number) {
  // In whole numbers (answered / total >= 4 / 5), so 20.8 needed of 26 means 21.
  return total > 0 && answered * 5 >= total * 4;
}

/** How many answers a set of `total` items needs before it shows a score. */
export const answersNeededToScore = (total: number) => Math.ceil((total * 4) / 5);

/** Whether a checklist gives scores at all (the resource maps describe rather than score). */
export const isScored = (template: Template) => template.sections.some((s) => s.scored);

export type HonestDomainScore = DomainScore & {
  /** Scale items in the area, and how many of them are answered (not applicable included). */
  items: number;
  answered: number;
};

/**
 * Each area's score, and the overall one, shown only when the answers behind it pass the rule: the
 * area's own items, and the assessment's as a whole. Each says how many items it rests on.
 */
export function honestScores(template: Template, answers: Record<string, unknown>) {
  const raw = scoreDomains(template, answers);
  const items = raw.reduce((n, d) => n + d.scored + d.notApplicable + d.unanswered, 0);
  const answered = raw.reduce((n, d) => n + d.scored + d.notApplicable, 0);
  const enough = answeredEnoughToScore(answered, items);
  const domains: HonestDomainScore[] = raw.map((d) => {
    const areaItems = d.scored + d.notApplicable + d.unanswered;
    const areaAnswered = d.scored + d.notApplicable;
    const shown = enough && answeredEnoughToScore(areaAnswered, areaItems);
    return { ...d, items: areaItems, answered: areaAnswered, percent: shown ? d.percent : null };
  });
  const earned = raw.reduce((n, d) => n + d.earned, 0);
  const possible = raw.reduce((n, d) => n + d.possible, 0);
  return {
    domains,
    overall: {
      percent: enough && possible > 0 ? Math.round((earned / possible) * 100) : null,
      scored: raw.reduce((n, d) => n + d.scored, 0),
      answered,
      items,
      needed: answersNeededToScore(items),
    },
  };
}

/** Refuses to call a scored assessment complete while it has too few answers for its scores. */
export function assertAnsweredEnoughToComplete(template: Template, progress: { answered: number; total: number }) {
  if (!isScored(template) || answeredEnoughToScore(progress.answered, progress.total)) return;
  throw new RuleError(null, "staff:assessTogether.errors.tooFewToComplete", {
    answered: progress.answered,
    total: progress.total,
    needed: answersNeededToScore(progress.total),
  });
}
