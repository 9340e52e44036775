// Self-assessment templates: the shipped files are valid, a malformed file is refused
// with its name and the item, a stored version cannot change under assessments, and readiness
// scores leave "not applicable" out.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { describe, expect, it } from "vitest";
import * as schema from "../../db/schema";
import { applyMigrations } from "../../db/connection";
import { parseTemplateFile, readTemplateFiles, storeTemplates, TemplateFileError } from "../../db/template-files";
import { combineAnswers, compareDomains, scoreDomains } from "../../app/utils/assessment-scoring";
import type { Template } from "../../app/utils/assessment-template";

const readiness = () => readTemplateFiles().find((f) => f.template.key === "survivor-informed-readiness")!.template;

function minimal(overrides: Record<string, unknown> = {}) {
  return {
    key: "tiny",
    version: 1,
    title: "Tiny",
    description: "A template for tests.",
    summary: "domain_scores",
    scales: {
      s: {
        options: [
          { value: 0, label: "No" },
          { value: 3, label: "Yes" },
        ],
        notApplicable: true,
      },
    },
    sections: [
      {
        key: "one",
        title: "One",
        scored: true,
        items: [
          { key: "a", type: "scale", scale: "s", text: "First" },
          { key: "b", type: "scale", scale: "s", text: "Second" },
        ],
      },
    ],
    ...overrides,
  };
}

function refusal(json: unknown) {
  try {
    parseTemplateFile("broken.json", typeof json === "string" ? json : JSON.stringify(json));
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateFileError);
    return (error as Error).message;
  }
  throw new Error("expected the template to be refused");
}

describe("the shipped templates", () => {
  it("are all valid, with unique keys", () => {
    const files = readTemplateFiles();
    expect(files.length).toBeGreaterThanOrEqual(1);
    expect(new Set(files.map((f) => f.template.key)).size).toBe(files.length);
  });

  it("readiness has the six NHTTAC areas, each scored on Not yet 0 to Fully in place 3 with N/A", () => {
    const t = readiness();
    expect(t.sections.map((s) => s.title)).toEqual([
      "Mission, vision and culture",
      "Program design, delivery and evaluation",
      "Referral networks and partnerships",
      "Outreach and awareness",
      "Fundraising",
      "Human resources and staff development",
    ]);
    expect(t.scales.readiness).toEqual({
      options: [
        { value: 0, label: "Not yet" },
        { value: 1, label: "Started" },
        { value: 2, label: "Mostly" },
        { value: 3, label: "Fully in place" },
      ],
      notApplicable: true,
    });
    expect(t.adaptedFrom).toMatch(/^Adapted from/);
    expect(t.sections.every((s) => s.scored && s.items.every((i) => i.type === "scale"))).toBe(true);
    expect(t.sections.flatMap((s) => s.items).every((i) => i.principles.length > 0)).toBe(true);
  });
});

describe("the workbook templates", () => {
  const byKey = (key: string) => readTemplateFiles().find((f) => f.template.key === key)!.template;

  it("internal resource mapping gathers everything on one summary page", () => {
    const t = byKey("internal-resource-mapping");
    expect(t.summary).toBe("circle");
    expect(t.adaptedFrom).toMatch(/^Adapted from the Community Solutions/);
    const items = t.sections.flatMap((s) => s.items);
    expect(items.find((i) => i.type === "number" && i.max === 10 && i.min === 1)).toBeDefined();
    expect(items.find((i) => i.type === "choice")).toMatchObject({
      options: ["Beginning", "Established programs", "Leader in the field"],
    });
  });

  it("external resource mapping has the seven sectors, each a table of needs with the puzzle's columns and OTHER rows", () => {
    const t = byKey("external-resource-mapping");
    expect(t.summary).toBe("puzzle");
    const sectors = t.sections.filter((s) => s.key.startsWith("sector-"));
    expect(sectors).toHaveLength(7);
    for (const sector of sectors) {
      const table = sector.items[0]!;
      expect(table.type).toBe("table");
      if (table.type !== "table") continue;
      expect(table.columns.map((c) => c.key)).toEqual(["provider", "contact", "partnership", "trained", "serves"]);
      expect(table.rows.length).toBeGreaterThan(0);
      expect(table.allowOtherRows).toBe(true);
    }
    expect(t.sections.at(-1)!.key).toBe("covid");
  });
});

describe("a malformed template file", () => {
  it("that is not JSON is refused, naming the file", () => {
    expect(refusal("{ nope")).toMatch(/^broken\.json: not valid JSON/);
  });

  it("names the section and item at fault", () => {
    const bad = minimal();
    (bad.sections as { items: Record<string, unknown>[] }[])[0]!.items[1]!.text = "";
    expect(refusal(bad)).toBe("broken.json: section 1 (one), item 2 (b), text: Must not be empty.");
  });

  it("refuses an unknown answer type, a scale that does not exist and duplicate item keys", () => {
    const unknownType = minimal();
    (unknownType.sections as { items: Record<string, unknown>[] }[])[0]!.items[0]!.type = "slider";
    expect(refusal(unknownType)).toMatch(/^broken\.json: section 1 \(one\), item 1 \(a\), type: /);

    const noScale = minimal();
    (noScale.sections as { items: Record<string, unknown>[] }[])[0]!.items[0]!.scale = "missing";
    expect(refusal(noScale)).toBe('broken.json: section 1 (one), item 1 (a), scale: No scale named "missing".');

    const duplicate = minimal();
    (duplicate.sections as { items: Record<string, unknown>[] }[])[0]!.items[1]!.key = "a";
    expect(refusal(duplicate)).toBe("broken.json: section 1 (one), item 2 (a), key: Item keys must be unique.");
  });

  it("refuses very long text and a template without sections", () => {
    expect(refusal(minimal({ title: "x".repeat(161) }))).toBe("broken.json: title: At most 160 characters.");
    expect(refusal(minimal({ sections: [] }))).toMatch(/^broken\.json: sections: /);
  });
});

describe("storing templates", () => {
  function freshDatabase() {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "templates-")), "t.db");
    const db = drizzle(new Database(file), { schema });
    applyMigrations(db);
    return db;
  }

  it("stores each version once and refuses a changed file that kept its version", () => {
    const db = freshDatabase();
    const template = parseTemplateFile("tiny.json", JSON.stringify(minimal()));
    expect(db.transaction((tx) => storeTemplates(tx, [{ fileName: "tiny.json", template }]))).toBe(1);
    expect(db.transaction((tx) => storeTemplates(tx, [{ fileName: "tiny.json", template }]))).toBe(0);

    const changed = { ...template, title: "Tiny, renamed" };
    expect(() => db.transaction((tx) => storeTemplates(tx, [{ fileName: "tiny.json", template: changed }]))).toThrow(
      'tiny.json: version 1 of "tiny" is already in use with other content. Raise "version" to publish a change.',
    );
    const raised = { ...changed, version: 2 };
    expect(db.transaction((tx) => storeTemplates(tx, [{ fileName: "tiny.json", template: raised }]))).toBe(1);
    expect(
      db
        .select()
        .from(schema.assessmentTemplates)
        .all()
        .map((r) => [r.version, r.title]),
    ).toEqual([
      [1, "Tiny"],
      [2, "Tiny, renamed"],
    ]);
    db.$client.close();
  });
});

describe("readiness scores", () => {
  const template = parseTemplateFile("tiny.json", JSON.stringify(minimal())) as Template;

  it("are points earned over points possible, leaving out not applicable and unanswered", () => {
    expect(scoreDomains(template, { a: 3, b: 0 })[0]).toMatchObject({ earned: 3, possible: 6, percent: 50, scored: 2 });
    expect(scoreDomains(template, { a: 3, b: "na" })[0]).toMatchObject({
      earned: 3,
      possible: 3,
      percent: 100,
      notApplicable: 1,
    });
    expect(scoreDomains(template, { a: 0 })[0]).toMatchObject({ percent: 0, unanswered: 1 });
  });

  it("are empty, not zero, when nothing can be scored", () => {
    expect(scoreDomains(template, { a: "na", b: "na" })[0]!.percent).toBeNull();
    expect(scoreDomains(template, {})[0]).toMatchObject({ percent: null, unanswered: 2 });
  });

  // Changed with answers kept per respondent: values are checked against the scale as the
  // respondents' answers are combined, since a combined answer is a mean (2 of 0 and 3, say).
  it("ignore values that are not on the scale", () => {
    const rows = [
      { respondentId: "r", itemKey: "a", value: 2 },
      { respondentId: "r", itemKey: "b", value: 7 },
    ];
    expect(scoreDomains(template, combineAnswers(template, rows).answers)[0]).toMatchObject({
      scored: 0,
      unanswered: 2,
      percent: null,
    });
  });

  it("rounds to whole percent on the real readiness scale", () => {
    const t = readiness();
    const answers = Object.fromEntries(t.sections[4]!.items.map((item, i) => [item.key, i === 0 ? 2 : 1]));
    // Fundraising: 2 + 1 of 6 possible = 50 %.
    expect(scoreDomains(t, answers).find((d) => d.key === "fundraising")!.percent).toBe(50);
  });

  it("compare each domain with the previous assessment: up, down, unchanged or not comparable", () => {
    const now = scoreDomains(template, { a: 3, b: 3 });
    expect(compareDomains(now, scoreDomains(template, { a: 0, b: 3 }))[0]).toMatchObject({
      change: "up",
      previousPercent: 50,
    });
    expect(compareDomains(scoreDomains(template, { a: 0, b: 0 }), now)[0]!.change).toBe("down");
    expect(compareDomains(now, now)[0]!.change).toBe("unchanged");
    expect(compareDomains(now, null)[0]!.change).toBe("not comparable");
    expect(compareDomains(now, scoreDomains(template, {}))[0]!.change).toBe("not comparable");
  });
});
