// The geometry of the dashboard's bar charts, worked out on the server with d3-scale so the browser
// gets plain numbers (and no charting code). Horizontal bars: one row per category, one bar per
// series in it (this period, and the same dates a year earlier).
//
// Every text here (labels, values, `emptyLabel`) may be plain words or a catalog key made with
// `message()`: the chart translates each for its reader.
import { scaleBand, scaleLinear } from "d3-scale";

export type BarSeries = {
  key: string;
  label: string;
  /** A word or two written after each bar's value when there are several series ("now", "before"). */
  short?: string;
  /** One value per category; null draws no bar and says why in `emptyLabel`. */
  values: (number | null)[];
};

export type BarChartInput = {
  categories: { key: string; label: string }[];
  series: BarSeries[];
  /** How a value is written on its bar and in the table ("3", "$1,200.00", "4.2"). */
  format: (value: number) => string;
  /** The scale's top; at least the largest value. */
  max?: number;
  /** What a missing value reads as; "none" unless given. */
  emptyLabel?: string;
};

/** "none": what a missing value reads as unless the chart says otherwise. */
export const NO_VALUE = "staff:charts.none";

const WIDTH = 400;
const LABEL_WIDTH = 96;
const VALUE_WIDTH = 130;
const BAR_HEIGHT = 22;
const TOP = 8;

export function barChart(input: BarChartInput) {
  const values = input.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const top = Math.max(input.max ?? 0, ...values, 0);
  const rowHeight = input.series.length * BAR_HEIGHT + 14;
  const height = TOP + input.categories.length * rowHeight + 4;
  // With nothing to draw, a domain of [0, 1] keeps every bar at zero width rather than NaN.
  const x = scaleLinear()
    .domain([0, top > 0 ? top : 1])
    .range([LABEL_WIDTH, WIDTH - VALUE_WIDTH]);
  const y = scaleBand<string>()
    .domain(input.categories.map((c) => c.key))
    .range([TOP, TOP + input.categories.length * rowHeight])
    .paddingInner(0.2);
  const bar = y.bandwidth() / Math.max(input.series.length, 1);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    width: WIDTH,
    height,
    labelX: LABEL_WIDTH - 8,
    rows: input.categories.map((category, i) => {
      const rowTop = y(category.key)!;
      return {
        key: category.key,
        label: category.label,
        middle: round(rowTop + y.bandwidth() / 2),
        bars: input.series.map((series, s) => {
          const value = series.values[i] ?? null;
          const barTop = rowTop + s * bar;
          return {
            series: s,
            x: LABEL_WIDTH,
            y: round(barTop + 1),
            width: value === null ? 0 : round(x(value) - LABEL_WIDTH),
            height: round(bar - 2),
            middle: round(barTop + bar / 2),
            valueX: round((value === null ? LABEL_WIDTH : x(value)) + 6),
            value: value === null ? (input.emptyLabel ?? NO_VALUE) : input.format(value),
            // Which series the bar is, written after its value when there are several ("now", "before").
            short: input.series.length > 1 ? (series.short ?? null) : null,
          };
        }),
      };
    }),
    series: input.series.map((s) => s.label),
    table: {
      headers: input.series.map((s) => s.label),
      rows: input.categories.map((category, i) => ({
        label: category.label,
        cells: input.series.map((s) => {
          const value = s.values[i] ?? null;
          return value === null ? (input.emptyLabel ?? NO_VALUE) : input.format(value);
        }),
      })),
    },
  };
}
export type BarChartData = ReturnType<typeof barChart>;
