// The partners puzzle: each need of a sector is covered with a partnership, has a
// provider known but no partnership, or is a gap; named extra rows count, unnamed ones do not.
import { describe, expect, it } from "vitest";
import { TemplateDefinition } from "../../app/utils/assessment-template";
import { classifyPiece, partnersPuzzle } from "../../app/utils/partners-puzzle";

const columns = [
  { key: "provider", label: "Provider", type: "text" },
  { key: "contact", label: "Point of contact", type: "text" },
  { key: "partnership", label: "Partnership", type: "choice", options: ["Yes", "No", "Who"] },
  { key: "trained", label: "Trained", type: "yes_no" },
  { key: "serves", label: "Populations served", type: "choices", options: ["Adult", "Minor", "Male", "Foreign born"] },
];
const template = TemplateDefinition.parse({
  key: "external",
  version: 1,
  title: "External",
  description: "For tests.",
  summary: "puzzle",
  sections: [
    {
      key: "sector-housing",
      title: "Housing",
      items: [
        {
          key: "needs-housing",
          type: "table",
          text: "Housing needs",
          columns,
          rows: [
            { key: "emergency", label: "Emergency shelter" },
            { key: "transitional", label: "Transitional housing" },
            { key: "rent", label: "Rental assistance" },
          ],
          allowOtherRows: true,
        },
      ],
    },
    {
      key: "sector-legal",
      title: "Legal",
      items: [
        {
          key: "needs-legal",
          type: "table",
          text: "Legal needs",
          columns,
          rows: [{ key: "immigration", label: "Immigration" }],
        },
      ],
    },
    {
      key: "covid",
      title: "COVID",
      items: [{ key: "covid-housing", type: "text", text: "How did COVID affect housing?" }],
    },
  ],
});

describe("a piece of the puzzle", () => {
  it.each([
    [{ provider: "Harbor Shelter", partnership: "Yes" }, "partnership"],
    [{ provider: "Harbor Shelter", partnership: "Who" }, "partnership"],
    [{ provider: "Harbor Shelter", partnership: "No" }, "provider_known"],
    [{ provider: "Harbor Shelter" }, "provider_known"],
    [{ provider: "   ", partnership: "Yes" }, "gap"],
    [{ contact: "Someone" }, "gap"],
    [undefined, "gap"],
  ] as const)("%j is %s", (cells, state) => {
    expect(classifyPiece(cells as Record<string, unknown> | undefined)).toBe(state);
  });
});

describe("the puzzle of a map", () => {
  it("counts each sector's pieces and lists its gaps, in the template's order, with named extra rows", () => {
    const puzzle = partnersPuzzle(template, {
      "needs-housing": [
        { row: "emergency", cells: { provider: "Harbor Shelter", partnership: "Yes", trained: true } },
        { row: "rent", cells: { provider: "City rent fund", partnership: "No" } },
        { row: "other-0", label: "Storage for belongings", cells: {} },
        { row: "other-1", cells: { provider: "Unnamed need" } },
      ],
    });
    expect(puzzle.map((s) => s.sector)).toEqual(["Housing", "Legal"]);
    expect(puzzle[0]).toMatchObject({
      counts: { partnership: 1, provider_known: 1, gap: 2 },
      gaps: ["Transitional housing", "Storage for belongings"],
    });
    expect(puzzle[1]).toMatchObject({ counts: { partnership: 0, provider_known: 0, gap: 1 }, gaps: ["Immigration"] });
  });

  it("is all gaps for an empty map", () => {
    const puzzle = partnersPuzzle(template, {});
    expect(puzzle.flatMap((s) => s.pieces).every((p) => p.state === "gap")).toBe(true);
  });
});
