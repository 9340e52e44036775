// What a self-assessment template may contain. Templates are data: a file in
// db/templates/ is checked against this schema before it is stored, so adding a checklist means
// adding a file, not code. Shared by the server (validation, scoring) and the pages (rendering).
import { z } from "zod";

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
  });
export type Template = z.infer<typeof TemplateDefinition>;

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
