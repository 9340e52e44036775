// What a self-assessment template may contain. Templates are data: a file in
// db/templates/ is checked against this schema before it is stored, so adding a checklist means
// adding a file, not code. Shared by the server (validation, scoring) and the pages (rendering).
import { z } from "zod";
import { DEFAULT_LANGUAGE, LANGUAGES } from "~/i18n/config";

/** SAMHSA's six principles, each by its catalog key (the words are the app's, not a template's). */
export const SAMHSA_PRINCIPLES = {
  safety: "staff:assessments.principles.safety",
  trust: "staff:assessments.principles.trust",
  peer_support: "staff:assessments.principles.peerSupport",
  collaboration: "staff:assessments.principles.collaboration",
  empowerment: "staff:assessments.principles.empowerment",
  culture: "staff:assessments.principles.culture",
} as const;

const key = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, "Use lower-case letters, digits, - or _ (at most 60 characters).");
const words = (max: number) => z.string().trim().min(1, "Must not be empty.").max(max, `At most ${max} characters.`);

const ScaleOption = z.object({ value: z.number().int().min(0).max(100), label: words(60) });
const Scale = z.object({
  options: z.array(ScaleOption).min(2, "A scale needs at least two options."),
  // "Not applicable" answers are left out of the score altogether.
  notApplicable: z.boolean().default(false),
});

const ColumnBase = { key, label: words(120), help: words(400).optional() };
const Column = z.discriminatedUnion("type", [
  z.object({ ...ColumnBase, type: z.literal("text"), maxLength: z.number().int().min(1).max(4000).default(500) }),
  z.object({ ...ColumnBase, type: z.literal("yes_no") }),
  z.object({ ...ColumnBase, type: z.literal("number"), min: z.number().optional(), max: z.number().optional() }),
  z.object({ ...ColumnBase, type: z.literal("choice"), options: z.array(words(80)).min(2) }),
  z.object({ ...ColumnBase, type: z.literal("choices"), options: z.array(words(80)).min(1) }),
]);
export type TemplateColumn = z.infer<typeof Column>;

const ItemBase = {
  key,
  text: words(600),
  help: words(1000).optional(),
  principles: z.array(z.enum(Object.keys(SAMHSA_PRINCIPLES) as [keyof typeof SAMHSA_PRINCIPLES])).default([]),
};
const Item = z.discriminatedUnion("type", [
  z.object({ ...ItemBase, type: z.literal("scale"), scale: key }),
  z.object({ ...ItemBase, type: z.literal("yes_no") }),
  z.object({ ...ItemBase, type: z.literal("text"), maxLength: z.number().int().min(1).max(10_000).default(2000) }),
  z.object({ ...ItemBase, type: z.literal("number"), min: z.number().optional(), max: z.number().optional() }),
  z.object({ ...ItemBase, type: z.literal("text_list"), maxItems: z.number().int().min(1).max(50).default(10) }),
  z.object({ ...ItemBase, type: z.literal("choice"), options: z.array(words(120)).min(2) }),
  z.object({
    ...ItemBase,
    type: z.literal("table"),
    columns: z.array(Column).min(1),
    // Fixed rows (for example each need in a sector); people may add more when allowed.
    rows: z.array(z.object({ key, label: words(200) })).default([]),
    allowOtherRows: z.boolean().default(false),
    // The heading over the rows' names.
    rowHeader: words(60).default("Need"),
    maxRows: z.number().int().min(1).max(200).default(50),
  }),
]);
export type TemplateItem = z.infer<typeof Item>;

const Section = z.object({
  key,
  title: words(120),
  intro: words(1000).optional(),
  // A scored section gets a percentage from its scale items.
  scored: z.boolean().default(false),
  items: z.array(Item).min(1, "A section needs at least one item."),
});
export type TemplateSection = z.infer<typeof Section>;

// A template's words in another language, keyed by what they translate: sections and items by their
// keys, a scale's options by their value, a choice's options by their English text (the answer saved
// is always the English option, so answers mean the same whatever language they were given in). Any
// part may be left out: it is shown in English. A third language is one more entry, no code.
const OptionWords = (max: number) => z.record(z.string().min(1).max(200), words(max));
const ColumnWords = z.strictObject({ label: words(120), help: words(400), options: OptionWords(80) }).partial();
const ItemWords = z
  .strictObject({
    text: words(600),
    help: words(1000),
    options: OptionWords(120),
    rowHeader: words(60),
    rows: z.record(key, words(200)),
    columns: z.record(key, ColumnWords),
  })
  .partial();
const TemplateWords = z
  .strictObject({
    title: words(160),
    description: words(2000),
    adaptedFrom: words(400),
    scales: z.record(key, z.strictObject({ options: z.record(z.string().regex(/^\d{1,3}$/), words(60)) })),
    sections: z.record(key, z.strictObject({ title: words(120), intro: words(1000) }).partial()),
    items: z.record(key, ItemWords),
  })
  .partial();
export type TemplateWords = z.infer<typeof TemplateWords>;

export const TemplateDefinition = z
  .object({
    key,
    version: z.number().int().min(1),
    title: words(160),
    description: words(2000),
    // "Adapted from …" and where it comes from, shown with the template.
    adaptedFrom: words(400).optional(),
    sources: z.array(words(400)).default([]),
    // Which summary the results page shows.
    summary: z.enum(["domain_scores", "circle", "puzzle"]),
    scales: z.record(key, Scale).default({}),
    sections: z.array(Section).min(1, "A template needs at least one section."),
    // Left out (rather than empty) when there are none, so an English-only file is stored as before.
    translations: z.record(z.string(), TemplateWords).optional(),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.sections.forEach((section, s) => {
      section.items.forEach((item, i) => {
        const path = ["sections", s, "items", i];
        if (seen.has(item.key))
          ctx.addIssue({ code: "custom", path: [...path, "key"], message: "Item keys must be unique." });
        seen.add(item.key);
        if (item.type === "scale" && !t.scales[item.scale]) {
          ctx.addIssue({ code: "custom", path: [...path, "scale"], message: `No scale named "${item.scale}".` });
        }
      });
    });
    for (const [language, translation] of Object.entries(t.translations ?? {})) {
      for (const problem of translationProblems(t, language, translation)) {
        ctx.addIssue({ code: "custom", path: ["translations", language, ...problem.path], message: problem.message });
      }
    }
  });
export type Template = z.infer<typeof TemplateDefinition>;

type Problem = { path: PropertyKey[]; message: string };

/**
 * What in a translation does not match its template: a language the app does not speak, or words for
 * a section, item, row, column, option or help text the English does not have (a typo in a key would
 * otherwise leave that part in English without anyone noticing).
 */
function translationProblems(
  t: Pick<Template, "scales" | "sections" | "adaptedFrom">,
  language: string,
  words: TemplateWords,
): Problem[] {
  if (language === DEFAULT_LANGUAGE || !LANGUAGES.includes(language)) {
    return [{ path: [], message: `"${language}" is not one of the other languages in app/locales/languages.json.` }];
  }
  const problems: Problem[] = [];
  const none = (path: PropertyKey[], what: string) => problems.push({ path, message: `The English has no ${what}.` });
  const options = (path: PropertyKey[], given: Record<string, string> | undefined, english: string[] | null) => {
    for (const option of Object.keys(given ?? {})) {
      if (!english?.includes(option)) none([...path, "options", option], `option "${option}" here`);
    }
  };
  if (words.adaptedFrom && !t.adaptedFrom) none(["adaptedFrom"], '"adapted from" line');
  for (const [scaleKey, scale] of Object.entries(words.scales ?? {})) {
    const english = t.scales[scaleKey];
    if (!english) none(["scales", scaleKey], `scale named "${scaleKey}"`);
    else
      options(
        ["scales", scaleKey],
        scale.options,
        english.options.map((o) => String(o.value)),
      );
  }
  for (const [sectionKey, section] of Object.entries(words.sections ?? {})) {
    const english = t.sections.find((s) => s.key === sectionKey);
    if (!english) none(["sections", sectionKey], `section "${sectionKey}"`);
    else if (section.intro && !english.intro) none(["sections", sectionKey, "intro"], "intro for this section");
  }
  const items = new Map(t.sections.flatMap((s) => s.items.map((i) => [i.key, i])));
  for (const [itemKey, item] of Object.entries(words.items ?? {})) {
    const english = items.get(itemKey);
    const path = ["items", itemKey];
    if (!english) {
      none(path, `item "${itemKey}"`);
      continue;
    }
    if (item.help && !english.help) none([...path, "help"], "help for this item");
    options(path, item.options, english.type === "choice" ? english.options : null);
    if (english.type !== "table") {
      if (item.rowHeader || item.rows || item.columns) none(path, "table here");
      continue;
    }
    for (const row of Object.keys(item.rows ?? {})) {
      if (!english.rows.some((r) => r.key === row)) none([...path, "rows", row], `row "${row}"`);
    }
    for (const [columnKey, column] of Object.entries(item.columns ?? {})) {
      const englishColumn = english.columns.find((c) => c.key === columnKey);
      if (!englishColumn) {
        none([...path, "columns", columnKey], `column "${columnKey}"`);
        continue;
      }
      if (column.help && !englishColumn.help) none([...path, "columns", columnKey, "help"], "help for this column");
      const choices =
        englishColumn.type === "choice" || englishColumn.type === "choices" ? englishColumn.options : null;
      options([...path, "columns", columnKey], column.options, choices);
    }
  }
  return problems;
}

const LISTS = ["sections", "items", "columns", "rows"];

/** Where in a template file a problem is, in words a person can find: "section 2 (mission), item 3 (leaders)". */
export function describeTemplatePath(raw: unknown, path: PropertyKey[]): string {
  const parts: string[] = [];
  let node: unknown = raw;
  path.forEach((step, i) => {
    node = node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[step] : undefined;
    const list = String(path[i - 1]);
    if (typeof step === "number" && LISTS.includes(list)) {
      const named = node && typeof node === "object" && "key" in node ? ` (${String(node.key)})` : "";
      parts.push(`${list.replace(/s$/, "")} ${step + 1}${named}`);
    } else if (!LISTS.includes(String(step)) || i === path.length - 1) {
      // A list's name is said by its entries ("item 2"), unless the list itself is at fault.
      parts.push(String(step));
    }
  });
  return parts.join(", ") || "the top level";
}
