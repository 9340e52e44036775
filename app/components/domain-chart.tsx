// Readiness per domain as horizontal bars, drawn on the server as SVG (it shows without
// JavaScript). Scales come from d3-scale; every bar is labelled with its number, the previous
// assessment is a second, outlined bar, and a table beside it carries the same numbers for screen
// readers. No inline styles: the CSP forbids them, so colours are Tailwind classes.
import { scaleBand, scaleLinear } from "d3-scale";
import { useTranslation } from "react-i18next";

export type ChartDomain = { key: string; title: string; percent: number | null; previousPercent: number | null };

const WIDTH = 640;
const LABEL = 230;
const ROW = 44;

export function DomainChart({
  domains,
  title,
  hasPrevious,
}: {
  domains: ChartDomain[];
  title: string;
  hasPrevious: boolean;
}) {
  const { t } = useTranslation("staff");
  const score = (percent: number | null) =>
    percent === null ? t("assessments.chart.noScore") : t("assessments.percent", { percent });
  const before = (percent: number | null) =>
    percent === null ? t("assessments.chart.beforeNoScore") : t("assessments.chart.before", { percent });
  const height = domains.length * ROW + 24;
  const x = scaleLinear()
    .domain([0, 100])
    .range([LABEL, WIDTH - 48]);
  const y = scaleBand<string>()
    .domain(domains.map((d) => d.key))
    .range([0, height - 24])
    .paddingInner(0.25);
  const bar = y.bandwidth() / (hasPrevious ? 2 : 1);
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${height}`}
      className="h-auto w-full max-w-3xl"
      role="img"
      aria-labelledby="domain-chart-title domain-chart-desc"
    >
      <title id="domain-chart-title">{title}</title>
      <desc id="domain-chart-desc">
        {domains.map((d) => t("assessments.chart.described", { area: d.title, score: score(d.percent) })).join("; ")}
      </desc>
      {[0, 25, 50, 75, 100].map((tick) => (
        <g key={tick}>
          <line x1={x(tick)} x2={x(tick)} y1={0} y2={height - 24} className="stroke-slate-300" />
          <text x={x(tick)} y={height - 6} textAnchor="middle" className="fill-slate-700 text-[12px]">
            {t("assessments.percent", { percent: tick })}
          </text>
        </g>
      ))}
      {domains.map((d) => {
        const top = y(d.key) ?? 0;
        return (
          <g key={d.key}>
            <text x={0} y={top + y.bandwidth() / 2} dominantBaseline="middle" className="fill-slate-900 text-[13px]">
              {d.title.length > 34 ? `${d.title.slice(0, 33)}…` : d.title}
            </text>
            <rect x={LABEL} y={top} width={x(d.percent ?? 0) - LABEL} height={bar} className="fill-brand-700" />
            <text
              x={x(d.percent ?? 0) + 4}
              y={top + bar / 2}
              dominantBaseline="middle"
              className="fill-slate-900 text-[12px]"
            >
              {score(d.percent)}
            </text>
            {hasPrevious ? (
              <>
                <rect
                  x={LABEL}
                  y={top + bar}
                  width={x(d.previousPercent ?? 0) - LABEL}
                  height={bar - 2}
                  className="fill-white stroke-slate-600"
                />
                <text
                  x={x(d.previousPercent ?? 0) + 4}
                  y={top + bar * 1.5}
                  dominantBaseline="middle"
                  className="fill-slate-700 text-[12px]"
                >
                  {before(d.previousPercent)}
                </text>
              </>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
