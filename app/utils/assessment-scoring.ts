// Scores of a readiness self-assessment: each scored section's points earned over
// points possible, as a percentage. "Not applicable" and unanswered items are left out of both.
// Several people answer one assessment, each apart: `combineAnswers` makes one view of them.
import type { Template } from "./assessment-template";

export type ScaleAnswer = number | "na";

export type DomainScore = {
  key: string;
  title: string;
  earned: number;
  possible: number;
  /** Whole percent, or null when nothing in the section could be scored yet. */
  percent: number | null;
  scored: number;
  notApplicable: number;
  unanswered: number;
};

/**
 * A scale answer that can be scored: one of the scale's levels, or (in a combined view) the mean of
 * several, which lies between the lowest and the highest level.
 */
function scorable(answer: unknown, levels: number[]): answer is number {
  return typeof answer === "number" && answer >= Math.min(...levels) && answer <= Math.max(...levels);
}

export function scoreDomains(template: Template, answers: Record<string, unknown>): DomainScore[] {
  return template.sections
    .filter((section) => section.scored)
    .map((section) => {
      let earned = 0;
      let possible = 0;
      let scored = 0;
      let notApplicable = 0;
      let unanswered = 0;
      for (const item of section.items) {
        if (item.type !== "scale") continue;
        const scale = template.scales[item.scale]!;
        const levels = scale.options.map((o) => o.value);
        const top = Math.max(...levels);
        const answer = answers[item.key];
        if (answer === "na" && scale.notApplicable) notApplicable++;
        else if (scorable(answer, levels)) {
          earned += answer;
          possible += top;
          scored++;
        } else unanswered++;
      }
      return {
        key: section.key,
        title: section.title,
        earned,
        possible,
        percent: possible === 0 ? null : Math.round((earned / possible) * 100),
        scored,
        notApplicable,
        unanswered,
      };
    });
}

export type DomainChange = "up" | "down" | "unchanged" | "not comparable";

/** How each domain moved since the previous completed assessment of the same template. */
export function compareDomains<T extends Pick<DomainScore, "key" | "percent">>(
  current: T[],
  previous: Pick<DomainScore, "key" | "percent">[] | null,
) {
  const before = new Map((previous ?? []).map((d) => [d.key, d]));
  return current.map((d) => {
    const then = before.get(d.key);
    let change: DomainChange = "not comparable";
    if (then && then.percent !== null && d.percent !== null) {
      change = d.percent > then.percent ? "up" : d.percent < then.percent ? "down" : "unchanged";
    }
    return { ...d, previousPercent: then?.percent ?? null, change };
  });
}

/** One saved answer of one respondent. */
export type RespondentAnswer = { respondentId: string; itemKey: string; value: unknown };

/** How far apart the answers to one scale item are: lowest and highest score, and how many gave each kind. */
export type ItemSpread = { lowest: number | null; highest: number | null; scores: number; notApplicable: number };

/**
 * Several respondents' answers as one view. A scale item takes the mean of the scores given; "not
 * applicable" answers are left out of the mean, and the item is not applicable only when every
 * answer says so; its spread keeps the lowest and highest score. Other items describe rather than
 * score, so they are not averaged: the most recently saved answer stands for the view (`rows` come
 * oldest first), and every respondent's own answer stays stored apart.
 */
export function combineAnswers(template: Template, rows: RespondentAnswer[]) {
  // Each scale item's levels: a stored value that is not one of them is no answer.
  const scaleItems = new Map(
    template.sections.flatMap((s) =>
      s.items.flatMap((i) => (i.type === "scale" ? [[i.key, template.scales[i.scale]!] as const] : [])),
    ),
  );
  const answers: Record<string, unknown> = {};
  const spread: Record<string, ItemSpread> = {};
  const sums: Record<string, number> = {};
  for (const row of rows) {
    const scale = scaleItems.get(row.itemKey);
    if (!scale) {
      answers[row.itemKey] = row.value;
      continue;
    }
    const s = (spread[row.itemKey] ??= { lowest: null, highest: null, scores: 0, notApplicable: 0 });
    if (row.value === "na" && scale.notApplicable) s.notApplicable++;
    else if (typeof row.value === "number" && scale.options.some((o) => o.value === row.value)) {
      s.scores++;
      s.lowest = s.lowest === null ? row.value : Math.min(s.lowest, row.value);
      s.highest = s.highest === null ? row.value : Math.max(s.highest, row.value);
      sums[row.itemKey] = (sums[row.itemKey] ?? 0) + row.value;
    }
  }
  for (const [itemKey, s] of Object.entries(spread)) {
    if (s.scores > 0) answers[itemKey] = sums[itemKey]! / s.scores;
    else if (s.notApplicable > 0) answers[itemKey] = "na";
    else delete spread[itemKey];
  }
  return { answers, spread };
}

/** Each respondent's answers on their own, by respondent. */
export function answersByRespondent(rows: RespondentAnswer[]) {
  const out = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const mine = out.get(row.respondentId) ?? {};
    mine[row.itemKey] = row.value;
    out.set(row.respondentId, mine);
  }
  return out;
}

/**
 * How far apart respondents are on each scored area: the lowest and highest of their own area
 * scores (each respondent who scored something there counts once).
 */
export function areaSpread(template: Template, rows: RespondentAnswer[]) {
  const out: Record<string, { lowest: number; highest: number; respondents: number }> = {};
  for (const answers of answersByRespondent(rows).values()) {
    for (const d of scoreDomains(template, answers)) {
      if (d.percent === null) continue;
      const s = out[d.key];
      out[d.key] = s
        ? {
            lowest: Math.min(s.lowest, d.percent),
            highest: Math.max(s.highest, d.percent),
            respondents: s.respondents + 1,
          }
        : { lowest: d.percent, highest: d.percent, respondents: 1 };
    }
  }
  return out;
}
