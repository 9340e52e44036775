// The geometry of the feedback report's bar chart, worked out on the server with d3-scale so the
// browser gets plain numbers (and no charting code).
import { scaleBand, scaleLinear } from "d3-scale";
import { EXPERIENCE_QUESTIONS, QUESTION_WORDING, type ExperienceQuestion } from "./feedback-options";

const WIDTH = 640;
const LABEL_WIDTH = 200;
const VALUE_WIDTH = 110;
const ROW_HEIGHT = 36;
const TOP = 24;

export function averageBars(
  averages: Record<ExperienceQuestion, number | null>,
  counts: Record<ExperienceQuestion, number>,
) {
  const height = TOP + EXPERIENCE_QUESTIONS.length * ROW_HEIGHT + 12;
  const x = scaleLinear()
    .domain([0, 5])
    .range([LABEL_WIDTH, WIDTH - VALUE_WIDTH]);
  const y = scaleBand<ExperienceQuestion>()
    .domain([...EXPERIENCE_QUESTIONS])
    .range([TOP, TOP + EXPERIENCE_QUESTIONS.length * ROW_HEIGHT])
    .padding(0.25);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    width: WIDTH,
    height,
    labelX: LABEL_WIDTH - 8,
    ticks: [1, 2, 3, 4, 5].map((value) => ({ value, x: round(x(value)), top: TOP - 6, bottom: height - 8 })),
    tickLabelY: TOP - 10,
    bars: EXPERIENCE_QUESTIONS.map((q) => {
      const average = averages[q];
      const top = y(q)!;
      return {
        question: q,
        /** Words, or a catalog key the page translates. */
        label: QUESTION_WORDING[q].staff,
        x: round(x(0)),
        y: round(top),
        width: average === null ? 0 : round(x(average) - x(0)),
        height: round(y.bandwidth()),
        middle: round(top + y.bandwidth() / 2),
        valueX: round((average === null ? x(0) : x(average)) + 6),
        // The words around the numbers are the page's, in its reader's language.
        average: average === null ? null : average.toFixed(1),
        count: counts[q],
      };
    }),
  };
}
export type AverageBars = ReturnType<typeof averageBars>;
