// Self-assessment templates in other languages: each shipped template's Spanish covers every section,
// item, row, column and option; a translation naming something the English does not have is refused
// with its place; and a template is shown in its reader's language, with English for any part left out.
import { describe, expect, it } from "vitest";
import { parseTemplateFile, readTemplateFiles, TemplateFileError } from "../../db/template-files";
import type { Template } from "../../app/utils/assessment-template";
import { scoreDomains } from "../../app/utils/assessment-scoring";
import { partnersPuzzle } from "../../app/utils/partners-puzzle";
import { localizeTemplate, optionWord, untranslatedParts } from "../../app/utils/template-translations";

const shipped = readTemplateFiles().map((f) => f.template);
const byKey = (key: string) => shipped.find((t) => t.key === key)!;

describe("the shipped templates in Spanish", () => {
  it.each(shipped.map((t) => [t.key, t] as const))("%s has Spanish for every part", (_, template) => {
    expect(untranslatedParts(template, "es")).toEqual([]);
    const es = template.translations!.es!;
    // Said again part by part, so a gap reads as what is missing.
    expect(es.title).toBeTruthy();
    expect(es.description).toBeTruthy();
    for (const section of template.sections) {
      expect(es.sections?.[section.key]?.title, `section ${section.key}`).toBeTruthy();
      if (section.intro) expect(es.sections?.[section.key]?.intro, `intro of ${section.key}`).toBeTruthy();
      for (const item of section.items) {
        const words = es.items?.[item.key];
        expect(words?.text, `item ${item.key}`).toBeTruthy();
        if (item.type === "choice") {
          expect(Object.keys(words?.options ?? {}).sort(), `options of ${item.key}`).toEqual([...item.options].sort());
        }
        if (item.type === "table") {
          expect(Object.keys(words?.rows ?? {}).sort(), `rows of ${item.key}`).toEqual(
            item.rows.map((r) => r.key).sort(),
          );
          for (const column of item.columns) {
            expect(words?.columns?.[column.key]?.label, `column ${item.key}.${column.key}`).toBeTruthy();
            if (column.type === "choice" || column.type === "choices") {
              expect(Object.keys(words?.columns?.[column.key]?.options ?? {}).sort()).toEqual(
                [...column.options].sort(),
              );
            }
          }
        }
      }
    }
    for (const [key, scale] of Object.entries(template.scales)) {
      expect(Object.keys(es.scales?.[key]?.options ?? {}).sort()).toEqual(
        scale.options.map((o) => String(o.value)).sort(),
      );
    }
  });

  it("keeps the sources' titles as they are, and says in Spanish where the template comes from", () => {
    for (const template of shipped) {
      expect(JSON.stringify(template.translations?.es ?? {})).not.toContain('"sources"');
      expect(template.translations!.es!.adaptedFrom).toMatch(/^Adaptado de/);
      expect(localizeTemplate(template, "es").template.sources).toEqual(template.sources);
    }
  });

  it("uses the glossary's words for the terms of art", () => {
    const readiness = localizeTemplate(byKey("survivor-informed-readiness"), "es").template;
    expect(readiness.title).toBe("Preparación organizacional informada por sobrevivientes");
    const text = JSON.stringify(readiness.sections);
    expect(text).toContain("personas consultoras");
    expect(text).toContain("experiencia vivida");
    expect(text).toContain("consentimiento");
    expect(text).not.toMatch(/\btú\b|\btu\b/);
  });
});

describe("a template shown in a language", () => {
  it("in Spanish: sections, items, scale, rows, columns and options in Spanish; answers keep their English options", () => {
    const { template, language, fallback } = localizeTemplate(byKey("external-resource-mapping"), "es");
    expect([language, fallback]).toEqual(["es", "none"]);
    const table = template.sections[0]!.items[0]!;
    expect(template.sections[0]!.title).toBe("Respuesta a crisis, defensoría y gestión de casos");
    if (table.type !== "table") throw new Error("expected a table");
    expect(table.rowHeader).toBe("Necesidad");
    expect(table.rows[0]).toEqual({ key: "emergency-response", label: "Respuesta de emergencia las 24 horas" });
    const partnership = table.columns.find((c) => c.key === "partnership")!;
    expect(partnership.label).toBe("Alianza");
    // The option saved stays "Yes"; only its words change.
    expect(partnership.type === "choice" && partnership.options).toEqual(["Yes", "No", "Who"]);
    expect(optionWord(template, `${table.key}.partnership`, "Yes")).toBe("Sí");
    expect(template).not.toHaveProperty("translations");

    // The puzzle reads the same answers in Spanish: a "Yes" partnership is still a partnership.
    const answers = { [table.key]: [{ row: "shelter", cells: { provider: "Casa Segura", partnership: "Yes" } }] };
    const sector = partnersPuzzle(template, answers)[0]!;
    expect(sector.sector).toBe("Respuesta a crisis, defensoría y gestión de casos");
    expect(sector.pieces.find((p) => p.row === "shelter")).toMatchObject({ need: "Refugio", state: "partnership" });
  });

  it("scores and area names follow the reader's language with the same numbers", () => {
    const readiness = byKey("survivor-informed-readiness");
    const answers = { "mission-statement": 0, "leadership-support": 3 };
    const en = scoreDomains(readiness, answers);
    const es = scoreDomains(localizeTemplate(readiness, "es").template, answers);
    expect(es.map((d) => d.percent)).toEqual(en.map((d) => d.percent));
    expect(es[0]!.title).toBe("Misión, visión y cultura");
  });

  it("in English, or in a language a version does not have, is the English (and says which)", () => {
    const readiness = byKey("survivor-informed-readiness");
    expect(localizeTemplate(readiness, "en")).toMatchObject({ language: "en", fallback: "none" });
    expect(localizeTemplate(readiness, "en").template.sections[0]!.title).toBe("Mission, vision and culture");
    // A version made before the Spanish: all English, said so.
    const { translations: _es, ...older } = readiness;
    const shown = localizeTemplate({ ...older, version: 1 }, "es");
    expect([shown.language, shown.fallback]).toEqual(["en", "all"]);
    expect(shown.template.scales.readiness!.options[0]!.label).toBe("Not yet");
  });

  it("leaves a part not translated in English and says some parts are", () => {
    const readiness = structuredClone(byKey("survivor-informed-readiness"));
    delete readiness.translations!.es!.items!["story-belongs"];
    delete readiness.translations!.es!.sections!.hr;
    const shown = localizeTemplate(readiness, "es");
    expect([shown.language, shown.fallback]).toEqual(["es", "some"]);
    expect(untranslatedParts(readiness, "es")).toEqual(["items.story-belongs.text", "sections.hr.title"]);
    const items = shown.template.sections.flatMap((s) => s.items);
    expect(items.find((i) => i.key === "story-belongs")!.text).toMatch(/^A survivor's story belongs/);
    expect(items.find((i) => i.key === "mission-statement")!.text).toMatch(/^Nuestra declaración/);
    expect(shown.template.sections.at(-1)!.title).toBe("Human resources and staff development");
  });
});

describe("a translation that does not match its template", () => {
  const tiny = (translations: unknown) => ({
    key: "tiny",
    version: 1,
    title: "Tiny",
    description: "A template for tests.",
    summary: "circle",
    sections: [
      {
        key: "one",
        title: "One",
        items: [
          { key: "a", type: "choice", text: "Pick", options: ["Red", "Blue"] },
          {
            key: "t",
            type: "table",
            text: "Table",
            columns: [{ key: "c", type: "text", label: "Column" }],
            rows: [{ key: "r", label: "Row" }],
          },
        ],
      },
    ],
    translations,
  });

  function refusal(translations: unknown) {
    try {
      parseTemplateFile("tiny.json", JSON.stringify(tiny(translations)));
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateFileError);
      return (error as Error).message;
    }
    throw new Error("expected the template to be refused");
  }

  it("is accepted when it names only what the English has, in part or in full", () => {
    const parsed: Template = parseTemplateFile(
      "tiny.json",
      JSON.stringify(tiny({ es: { title: "Diminuta", items: { a: { options: { Red: "Rojo" } } } } })),
    );
    expect(untranslatedParts(parsed, "es")).toContain("items.a.options.Blue");
    expect(optionWord(localizeTemplate(parsed, "es").template, "a", "Red")).toBe("Rojo");
  });

  it("is refused naming the place: an unknown item, row, column or option, help the English lacks", () => {
    expect(refusal({ es: { items: { b: { text: "Otra" } } } })).toBe(
      'tiny.json: translations, es, b: The English has no item "b".',
    );
    expect(refusal({ es: { items: { a: { options: { Green: "Verde" } } } } })).toBe(
      'tiny.json: translations, es, a, options, Green: The English has no option "Green" here.',
    );
    expect(refusal({ es: { items: { t: { rows: { x: "Fila" }, columns: { z: { label: "Z" } } } } } })).toBe(
      'tiny.json: translations, es, t, x: The English has no row "x".; translations, es, t, z: The English has no column "z".',
    );
    expect(refusal({ es: { items: { a: { help: "Ayuda" } } } })).toBe(
      "tiny.json: translations, es, a, help: The English has no help for this item.",
    );
    expect(refusal({ es: { sections: { two: { title: "Dos" } } } })).toBe(
      'tiny.json: translations, es, two: The English has no section "two".',
    );
  });

  it("is refused for a language the app does not speak, for English itself, and for an unknown field", () => {
    expect(refusal({ fr: { title: "Minuscule" } })).toBe(
      'tiny.json: translations, fr: "fr" is not one of the other languages in app/locales/languages.json.',
    );
    expect(refusal({ en: { title: "Tiny" } })).toMatch(/"en" is not one of the other languages/);
    expect(refusal({ es: { titel: "Diminuta" } })).toMatch(/^tiny\.json: translations, es: Unrecognized key: "titel"/);
    expect(refusal({ es: { title: "" } })).toBe("tiny.json: translations, es, title: Must not be empty.");
  });

  it("a template without translations is stored as it was (its checksum does not change)", () => {
    const parsed = parseTemplateFile("tiny.json", JSON.stringify({ ...tiny(undefined), translations: undefined }));
    expect(parsed).not.toHaveProperty("translations");
  });
});
