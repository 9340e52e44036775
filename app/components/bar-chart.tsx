// A horizontal bar chart drawn as SVG from geometry worked out on the server
// (app/utils/bar-chart.server.ts): it shows without JavaScript and has no inline styles (the CSP
// forbids them). Each bar carries its value in words, the series differ by fill AND outline (not
// colour alone), and a table with the same numbers is the alternative for screen readers.
// Its texts may be words or catalog keys (see bar-chart.server.ts); each is shown in the reader's language.
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";
import type { BarChartData } from "~/utils/bar-chart.server";

// Solid dark bars for the first series, white bars with a dark outline for the second.
const SERIES_CLASSES = ["fill-brand-700", "fill-white stroke-slate-700"];
const KEY_CLASSES = ["bg-brand-700", "border-2 border-slate-700 bg-white"];

export function BarChart({ chart, title, summary }: { chart: BarChartData; title: string; summary: string }) {
  const id = useId();
  const { t } = useTranslation("staff");
  const words = useMessage();
  return (
    <figure className="mt-3">
      <figcaption className="font-semibold">{title}</figcaption>
      <p id={`${id}-summary`} className="mt-1 text-slate-700">
        {summary}
      </p>
      {chart.series.length > 1 ? (
        <ul className="mt-2 flex flex-wrap gap-4 text-sm" aria-hidden="true">
          {chart.series.map((label, i) => (
            <li key={label} className="flex items-center gap-2">
              <span className={`inline-block h-3 w-6 ${KEY_CLASSES[i] ?? ""}`} />
              {words(label)}
            </li>
          ))}
        </ul>
      ) : null}
      <svg
        viewBox={`0 0 ${chart.width} ${chart.height}`}
        className="mt-2 h-auto w-full max-w-3xl"
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-summary`}
      >
        <title id={`${id}-title`}>{title}</title>
        {chart.rows.map((row) => (
          <g key={row.key}>
            <text
              x={chart.labelX}
              y={row.middle}
              textAnchor="end"
              dominantBaseline="middle"
              className="fill-slate-900 text-[15px]"
            >
              {words(row.label)}
            </text>
            {row.bars.map((bar) => (
              <g key={bar.series}>
                {bar.width > 0 ? (
                  <rect
                    x={bar.x}
                    y={bar.y}
                    width={bar.width}
                    height={bar.height}
                    className={SERIES_CLASSES[bar.series] ?? SERIES_CLASSES[0]}
                  />
                ) : null}
                <text x={bar.valueX} y={bar.middle} dominantBaseline="middle" className="fill-slate-900 text-[14px]">
                  {bar.short
                    ? t("charts.valueOfSeries", { value: words(bar.value), series: words(bar.short) })
                    : words(bar.value)}
                </text>
              </g>
            ))}
          </g>
        ))}
      </svg>
      <details className="mt-2">
        <summary className="link inline-flex min-h-[44px] cursor-pointer items-center">{t("charts.showTable")}</summary>
        <div className="overflow-x-auto">
          <table className="mt-2 min-w-full text-left text-sm">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col" className="py-1 pr-4">
                  <span className="sr-only">{t("charts.category")}</span>
                </th>
                {chart.table.headers.map((h) => (
                  <th key={h} scope="col" className="py-1 pr-4">
                    {words(h)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {chart.table.rows.map((row) => (
                <tr key={row.label} className="border-t border-slate-200">
                  <th scope="row" className="py-1 pr-4 font-normal">
                    {words(row.label)}
                  </th>
                  {row.cells.map((cell, i) => (
                    <td key={chart.table.headers[i]} className="py-1 pr-4">
                      {words(cell)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
