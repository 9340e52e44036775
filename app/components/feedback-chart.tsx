import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";

/** The chart's geometry, worked out on the server (app/utils/feedback-chart.server.ts). */
type Bars = {
  width: number;
  height: number;
  labelX: number;
  tickLabelY: number;
  ticks: { value: number; x: number; top: number; bottom: number }[];
  bars: {
    question: string;
    label: string;
    x: number;
    y: number;
    width: number;
    height: number;
    middle: number;
    valueX: number;
    /** The average with one decimal, or null when nobody gave a number. */
    average: string | null;
    count: number;
  }[];
};

/**
 * The average answer to each question as horizontal bars in SVG: no script and no inline styles
 * (the CSP forbids them). Each bar carries its number, so the chart reads without colour; the
 * table on the page is the accessible alternative with every figure.
 */
export function AverageScoresChart({ chart, titleId, summaryId }: { chart: Bars; titleId: string; summaryId: string }) {
  const { t } = useTranslation("staff");
  const words = useMessage();
  return (
    <svg
      viewBox={`0 0 ${chart.width} ${chart.height}`}
      className="h-auto w-full max-w-3xl"
      role="img"
      aria-labelledby={titleId}
      aria-describedby={summaryId}
    >
      <title id={titleId}>{t("charts.feedback.title")}</title>
      {chart.ticks.map((tick) => (
        <g key={tick.value}>
          <line x1={tick.x} x2={tick.x} y1={tick.top} y2={tick.bottom} className="stroke-slate-300" />
          <text x={tick.x} y={chart.tickLabelY} textAnchor="middle" className="fill-slate-700 text-[12px]">
            {tick.value}
          </text>
        </g>
      ))}
      {chart.bars.map((bar) => (
        <g key={bar.question}>
          <text
            x={chart.labelX}
            y={bar.middle}
            textAnchor="end"
            dominantBaseline="middle"
            className="fill-slate-900 text-[13px]"
          >
            {words(bar.label)}
          </text>
          {bar.width > 0 ? (
            <rect x={bar.x} y={bar.y} width={bar.width} height={bar.height} rx={3} className="fill-brand-600" />
          ) : null}
          <text
            x={bar.valueX}
            y={bar.middle}
            dominantBaseline="middle"
            className="fill-slate-900 text-[13px] font-semibold"
          >
            {bar.average === null
              ? t("charts.feedback.noAnswers")
              : t("charts.feedback.value", { average: bar.average, count: bar.count })}
          </text>
        </g>
      ))}
    </svg>
  );
}
