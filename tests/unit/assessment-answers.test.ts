// Reading a posted section of an assessment: answers that fit their item's type are
// kept, anything else gets a message next to its field, and empty fields clear an answer.
import { describe, expect, it } from "vitest";
import { message } from "../../app/i18n/message";
import { answersFromForm } from "../../app/utils/assessment-answers";
import { TemplateDefinition } from "../../app/utils/assessment-template";

const template = TemplateDefinition.parse({
  key: "mixed",
  version: 1,
  title: "Every answer type",
  description: "For tests.",
  summary: "circle",
  scales: {
    readiness: {
      options: [0, 1, 2, 3].map((value) => ({ value, label: `Level ${value}` })),
      notApplicable: true,
    },
    strict: {
      options: [
        { value: 1, label: "One" },
        { value: 2, label: "Two" },
      ],
    },
  },
  sections: [
    {
      key: "all",
      title: "All",
      items: [
        { key: "scaled", type: "scale", scale: "readiness", text: "Scaled" },
        { key: "strict", type: "scale", scale: "strict", text: "No N/A here" },
        { key: "yes", type: "yes_no", text: "Yes or no" },
        { key: "words", type: "text", text: "Words", maxLength: 10 },
        { key: "commitment", type: "number", text: "1 to 10", min: 1, max: 10 },
        { key: "values", type: "text_list", text: "Core values", maxItems: 3 },
        { key: "stage", type: "choice", text: "Stage", options: ["Beginning", "Established", "Leader"] },
        {
          key: "needs",
          type: "table",
          text: "Needs",
          columns: [
            { key: "provider", label: "Provider", type: "text" },
            { key: "partner", label: "Partnership", type: "choice", options: ["Yes", "No", "Who"] },
            { key: "trained", label: "Trained", type: "yes_no" },
            { key: "serves", label: "Serves", type: "choices", options: ["Adult", "Minor"] },
          ],
          rows: [
            { key: "housing", label: "Emergency housing" },
            { key: "legal", label: "Legal aid" },
          ],
          allowOtherRows: true,
        },
      ],
    },
  ],
});
const section = template.sections[0]!;
const scales = (key: string) => template.scales[key]!;

function form(entries: [string, string][]) {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}
const read = (entries: [string, string][]) => answersFromForm(section, form(entries), scales);

describe("answers that fit", () => {
  it("are read by type; empty fields are empty answers", () => {
    const { values, errors } = read([
      ["item.scaled", "2"],
      ["item.strict", "1"],
      ["item.yes", "no"],
      ["item.words", "  trust  "],
      ["item.commitment", "7"],
      ["item.values", "Respect"],
      ["item.values", ""],
      ["item.values", "Courage"],
      ["item.stage", "Established"],
      ["item.needs.housing.provider", "Harbor Shelter"],
      ["item.needs.housing.partner", "Yes"],
      ["item.needs.housing.trained", "yes"],
      ["item.needs.housing.serves", "Adult"],
      ["item.needs.housing.serves", "Minor"],
      ["item.needs.other-0.label", "Dental care"],
      ["item.needs.other-0.partner", "No"],
      ["item.somethingElse", "ignored"],
    ]);
    expect(errors).toEqual({});
    expect(values).toEqual({
      scaled: 2,
      strict: 1,
      yes: false,
      words: "trust",
      commitment: 7,
      values: ["Respect", "Courage"],
      stage: "Established",
      needs: [
        {
          row: "housing",
          cells: { provider: "Harbor Shelter", partner: "Yes", trained: true, serves: ["Adult", "Minor"] },
        },
        { row: "other-0", label: "Dental care", cells: { partner: "No" } },
      ],
    });
  });

  it("takes not applicable only where the scale allows it", () => {
    expect(read([["item.scaled", "na"]]).values.scaled).toBe("na");
    expect(read([["item.strict", "na"]]).errors).toEqual({ "item.strict": "staff:assessments.errors.chooseAnswer" });
  });

  it("leaves every answer empty for an empty form", () => {
    const { values, errors } = read([]);
    expect(errors).toEqual({});
    expect(Object.values(values).every((v) => v === null)).toBe(true);
  });
});

describe("answers that do not fit get a message next to their field", () => {
  it.each([
    ["item.scaled", "4", "staff:assessments.errors.chooseAnswer"],
    ["item.scaled", "-1", "staff:assessments.errors.chooseAnswer"],
    ["item.yes", "maybe", "staff:assessments.errors.yesOrNo"],
    ["item.words", "far too many words", message("staff:assessments.errors.maxChars", { max: 10 })],
    ["item.commitment", "11", message("staff:assessments.errors.atMost", { max: 10 })],
    ["item.commitment", "0", message("staff:assessments.errors.atLeast", { min: 1 })],
    ["item.commitment", "seven", "staff:assessments.errors.number"],
    ["item.commitment", "1e3", "staff:assessments.errors.number"],
    ["item.stage", "<script>alert(1)</script>", "staff:assessments.errors.chooseOption"],
    ["item.needs.legal.partner", "Perhaps", "staff:assessments.errors.chooseOption"],
    ["item.needs.legal.serves", "Elderly", "staff:assessments.errors.chooseFromOptions"],
  ])("%s = %j", (field, value, message) => {
    const { values, errors } = read([[field, value]]);
    expect(errors).toEqual({ [field]: message });
    expect(values[field.split(".")[1]!]).toBeNull();
  });

  it("refuses a list longer than allowed, and an unnamed extra table row", () => {
    expect(read(["a", "b", "c", "d"].map((v) => ["item.values", v] as [string, string])).errors).toEqual({
      "item.values": message("staff:assessments.errors.listAtMost", { max: 3 }),
    });
    expect(read([["item.needs.other-1.provider", "Somebody"]]).errors).toEqual({
      "item.needs.other-1.label": "staff:assessments.errors.nameRow",
    });
  });
});
