// The partners puzzle (workbook Part 2): for each sector of an external resource map,
// every need is a piece that is covered by a partnership, has a provider known but no
// partnership, or is a gap. Rows use the columns of db/templates/external-resource-mapping.json.
import type { TableRow } from "./assessment-answers";
import type { Template } from "./assessment-template";

export type PieceState = "partnership" | "provider_known" | "gap";

/** What each state is called, by catalog key. */
export const PIECE_LABELS: Record<PieceState, string> = {
  partnership: "staff:assessments.pieces.partnership",
  provider_known: "staff:assessments.pieces.providerKnown",
  gap: "staff:assessments.pieces.gap",
};

export type Piece = { row: string; need: string; state: PieceState; provider: string | null };

/** How one need stands: a named provider with a partnership (yes, or who), a provider alone, or nothing. */
export function classifyPiece(cells: Record<string, unknown> | undefined): PieceState {
  const provider = typeof cells?.provider === "string" ? cells.provider.trim() : "";
  if (!provider) return "gap";
  return cells?.partnership === "Yes" || cells?.partnership === "Who" ? "partnership" : "provider_known";
}

/** Every sector's pieces with counts and its gaps, in the template's order. */
export function partnersPuzzle(template: Template, answers: Record<string, unknown>) {
  return template.sections.flatMap((section) =>
    section.items.flatMap((item) => {
      if (item.type !== "table") return [];
      const saved = new Map(((answers[item.key] as TableRow[] | undefined) ?? []).map((r) => [r.row, r]));
      const fixed: Piece[] = item.rows.map((row) => {
        const cells = saved.get(row.key)?.cells;
        return {
          row: row.key,
          need: row.label,
          state: classifyPiece(cells),
          provider: typeof cells?.provider === "string" ? cells.provider : null,
        };
      });
      // Extra ("other") rows count only once someone has named the need.
      const others: Piece[] = [...saved.values()]
        .filter((r) => r.row.startsWith("other-") && r.label)
        .map((r) => ({
          row: r.row,
          need: r.label!,
          state: classifyPiece(r.cells),
          provider: typeof r.cells.provider === "string" ? r.cells.provider : null,
        }));
      const pieces = [...fixed, ...others];
      const count = (state: PieceState) => pieces.filter((p) => p.state === state).length;
      return [
        {
          sectionKey: section.key,
          sector: section.title,
          pieces,
          counts: { partnership: count("partnership"), provider_known: count("provider_known"), gap: count("gap") },
          gaps: pieces.filter((p) => p.state === "gap").map((p) => p.need),
        },
      ];
    }),
  );
}
