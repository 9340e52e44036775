// The two summaries that are not scores: the workbook's "circle" (every answer of the
// internal map on one printable page) and the partners puzzle of the external map. State is shown
// in words and a symbol as well as colour.
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";
import type { TableRow } from "~/utils/assessment-answers";
import type { TemplateItem } from "~/utils/assessment-template";
import { optionWord, type TemplateView } from "~/utils/template-translations";
import { PIECE_LABELS, type partnersPuzzle, type PieceState } from "~/utils/partners-puzzle";

const PIECE_STYLE: Record<PieceState, string> = {
  partnership: "border-green-800 bg-green-50",
  provider_known: "border-amber-800 bg-amber-50",
  gap: "border-red-800 border-dashed bg-white",
};
const PIECE_SYMBOL: Record<PieceState, string> = { partnership: "✓", provider_known: "◐", gap: "✕" };

function answerText(t: TFunction<"staff">, item: TemplateItem, value: unknown, template: TemplateView): string {
  if (value === null || value === undefined) return t("assessments.summary.notAnswered");
  if (item.type === "scale") {
    if (value === "na") return t("assessments.item.notApplicable");
    return template.scales[item.scale]?.options.find((o) => o.value === value)?.label ?? String(value);
  }
  if (typeof value === "boolean") return value ? t("assessments.item.yes") : t("assessments.item.no");
  if (Array.isArray(value) && item.type === "text_list") return (value as string[]).join(" · ");
  if (item.type === "choice") return optionWord(template, item.key, String(value));
  return String(value);
}

function TableAnswer({
  item,
  value,
  template,
}: {
  item: Extract<TemplateItem, { type: "table" }>;
  value: unknown;
  template: TemplateView;
}) {
  const { t } = useTranslation("staff");
  const rows = (value as TableRow[] | null) ?? [];
  if (rows.length === 0) return <p className="text-slate-700">{t("assessments.summary.notAnswered")}</p>;
  const labels = new Map(item.rows.map((r) => [r.key, r.label]));
  return (
    <ul className="list-disc pl-5">
      {rows.map((r) => (
        <li key={r.row}>
          {r.label ?? labels.get(r.row) ?? r.row}
          {Object.keys(r.cells).length > 0 ? ": " : ""}
          {item.columns
            .filter((c) => r.cells[c.key] !== undefined)
            .map((c) => {
              const v = r.cells[c.key];
              const option = (o: unknown) => optionWord(template, `${item.key}.${c.key}`, String(o));
              const shown =
                typeof v === "boolean"
                  ? v
                    ? t("assessments.summary.yes")
                    : t("assessments.summary.no")
                  : Array.isArray(v)
                    ? v.map(option).join(", ")
                    : option(v);
              return t("assessments.summary.cell", { column: c.label, value: shown });
            })
            .join("; ")}
        </li>
      ))}
    </ul>
  );
}

/** Every answer, section by section, on one page that prints well: the workbook's summary circle. */
export function CircleSummary({ template, answers }: { template: TemplateView; answers: Record<string, unknown> }) {
  const { t } = useTranslation("staff");
  return (
    <div className="mt-6 grid gap-4 md:grid-cols-2 print:block">
      {template.sections.map((section) => (
        <section key={section.key} aria-labelledby={`sum-${section.key}`} className="card break-inside-avoid">
          <h2 id={`sum-${section.key}`} className="text-lg font-semibold">
            {section.title}
          </h2>
          <dl className="mt-2 space-y-2">
            {section.items.map((item) => (
              <div key={item.key}>
                <dt className="font-medium">{item.text}</dt>
                <dd>
                  {item.type === "table" ? (
                    <TableAnswer item={item} value={answers[item.key]} template={template} />
                  ) : (
                    answerText(t, item, answers[item.key], template)
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}

/** Per sector, a grid of pieces by state, with counts and the list of gaps. */
export function PartnersPuzzle({ puzzle }: { puzzle: ReturnType<typeof partnersPuzzle> }) {
  const { t } = useTranslation("staff");
  const words = useMessage();
  return (
    <div className="mt-6 grid gap-4">
      <p className="text-sm">
        {t("assessments.summary.key", {
          list: (Object.keys(PIECE_LABELS) as PieceState[])
            .map((s) => `${PIECE_SYMBOL[s]} ${words(PIECE_LABELS[s])}`)
            .join(" · "),
        })}
      </p>
      {puzzle.map((sector) => (
        <section key={sector.sectionKey} aria-labelledby={`puzzle-${sector.sectionKey}`} className="card">
          <h2 id={`puzzle-${sector.sectionKey}`} className="text-lg font-semibold">
            {sector.sector}
          </h2>
          <p className="text-sm">
            {t("assessments.summary.counts", {
              partnership: sector.counts.partnership,
              providerKnown: sector.counts.provider_known,
              count: sector.counts.gap,
            })}
          </p>
          <ul className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-4">
            {sector.pieces.map((p) => (
              <li key={p.row} className={`rounded-md border-2 p-2 text-sm ${PIECE_STYLE[p.state]}`}>
                <span aria-hidden="true">{PIECE_SYMBOL[p.state]} </span>
                <span className="font-medium">{p.need}</span>
                <span className="block">
                  {p.provider
                    ? t("assessments.summary.pieceWithProvider", {
                        state: words(PIECE_LABELS[p.state]),
                        provider: p.provider,
                      })
                    : words(PIECE_LABELS[p.state])}
                </span>
              </li>
            ))}
          </ul>
          {sector.gaps.length > 0 ? (
            <p className="mt-2 text-sm">
              <span className="font-medium">{t("assessments.summary.gaps")}</span> {sector.gaps.join(", ")}
            </p>
          ) : null}
        </section>
      ))}
    </div>
  );
}
