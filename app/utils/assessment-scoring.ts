// Scores of a readiness self-assessment: each scored section's points earned over
// points possible, as a percentage. "Not applicable" and unanswered items are left out of both.
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
        const top = Math.max(...scale.options.map((o) => o.value));
        const answer = answers[item.key];
        if (answer === "na" && scale.notApplicable) notApplicable++;
        else if (typeof answer === "number" && scale.options.some((o) => o.value === answer)) {
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
export function compareDomains(current: DomainScore[], previous: DomainScore[] | null) {
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
