// A self-assessment template in its reader's language. The template keeps its English; each other
// language is data in the file (`translations`, see assessment-template.ts). A reader gets their
// language wherever the template has it, and English for any part it does not; a version made before
// a language existed is all English. Answers are saved by key and English option whatever the page's
// language, so scores, gaps and earlier answers mean the same in every language.
import { DEFAULT_LANGUAGE, type Language } from "~/i18n/config";
import type { Template, TemplateWords } from "./assessment-template";

/**
 * The template as a reader sees it: its words in their language where written, and for each choice
 * the words of its options (the option itself is what is saved). `optionWords` is keyed by the item
 * key, or "item.column" for a table's column.
 */
export type TemplateView = Template & { optionWords: Record<string, Record<string, string>> };

/**
 * How a template reads in a language: "none" when every part is in it, "some" when parts are in
 * English, "all" when this version has nothing in that language (such as a version made before it).
 */
export type TemplateFallback = "none" | "some" | "all";

/** The words a reader of `language` sees in place of an option saved as `option`. */
export function optionWord(view: Pick<TemplateView, "optionWords">, path: string, option: string): string {
  return view.optionWords[path]?.[option] ?? option;
}

/** Every part of the template the translation into `language` leaves in English, by its place. */
export function untranslatedParts(template: Template, language: Language): string[] {
  const words: TemplateWords = template.translations?.[language] ?? {};
  const missing: string[] = [];
  const need = (place: string, given: string | undefined) => {
    if (!given) missing.push(place);
  };
  need("title", words.title);
  need("description", words.description);
  if (template.adaptedFrom) need("adaptedFrom", words.adaptedFrom);
  for (const [scaleKey, scale] of Object.entries(template.scales)) {
    for (const o of scale.options) need(`scales.${scaleKey}.${o.value}`, words.scales?.[scaleKey]?.options[o.value]);
  }
  for (const section of template.sections) {
    const s = words.sections?.[section.key];
    need(`sections.${section.key}.title`, s?.title);
    if (section.intro) need(`sections.${section.key}.intro`, s?.intro);
    for (const item of section.items) {
      const i = words.items?.[item.key];
      const at = `items.${item.key}`;
      need(`${at}.text`, i?.text);
      if (item.help) need(`${at}.help`, i?.help);
      if (item.type === "choice") for (const o of item.options) need(`${at}.options.${o}`, i?.options?.[o]);
      if (item.type !== "table") continue;
      need(`${at}.rowHeader`, i?.rowHeader);
      for (const row of item.rows) need(`${at}.rows.${row.key}`, i?.rows?.[row.key]);
      for (const column of item.columns) {
        const c = i?.columns?.[column.key];
        need(`${at}.columns.${column.key}.label`, c?.label);
        if (column.help) need(`${at}.columns.${column.key}.help`, c?.help);
        if (column.type === "choice" || column.type === "choices") {
          for (const o of column.options) need(`${at}.columns.${column.key}.options.${o}`, c?.options?.[o]);
        }
      }
    }
  }
  return missing;
}

/**
 * The template in `language`: each part in that language where the file has it, else in English.
 * `language` is the language the page shows it in (English when nothing was translated); the view
 * carries no translations, so a page sends its reader only the words they see.
 */
export function localizeTemplate(
  template: Template,
  language: Language,
): { template: TemplateView; language: Language; fallback: TemplateFallback } {
  const { translations: _all, ...english } = template;
  const words = language === DEFAULT_LANGUAGE ? undefined : template.translations?.[language];
  if (!words) {
    const fallback = language === DEFAULT_LANGUAGE ? "none" : "all";
    return { template: { ...english, optionWords: {} }, language: DEFAULT_LANGUAGE, fallback };
  }
  const optionWords: Record<string, Record<string, string>> = {};
  const view: TemplateView = {
    ...english,
    title: words.title ?? template.title,
    description: words.description ?? template.description,
    adaptedFrom: template.adaptedFrom ? (words.adaptedFrom ?? template.adaptedFrom) : template.adaptedFrom,
    scales: Object.fromEntries(
      Object.entries(template.scales).map(([scaleKey, scale]) => [
        scaleKey,
        {
          ...scale,
          options: scale.options.map((o) => ({
            ...o,
            label: words.scales?.[scaleKey]?.options[o.value] ?? o.label,
          })),
        },
      ]),
    ),
    sections: template.sections.map((section) => {
      const s = words.sections?.[section.key];
      return {
        ...section,
        title: s?.title ?? section.title,
        ...(section.intro ? { intro: s?.intro ?? section.intro } : {}),
        items: section.items.map((item) => {
          const i = words.items?.[item.key];
          const text = { text: i?.text ?? item.text, ...(item.help ? { help: i?.help ?? item.help } : {}) };
          if (item.type === "choice") {
            optionWords[item.key] = { ...i?.options };
            return { ...item, ...text };
          }
          if (item.type !== "table") return { ...item, ...text };
          return {
            ...item,
            ...text,
            rowHeader: i?.rowHeader ?? item.rowHeader,
            rows: item.rows.map((row) => ({ ...row, label: i?.rows?.[row.key] ?? row.label })),
            columns: item.columns.map((column) => {
              const c = i?.columns?.[column.key];
              if (column.type === "choice" || column.type === "choices") {
                optionWords[`${item.key}.${column.key}`] = { ...c?.options };
              }
              return {
                ...column,
                label: c?.label ?? column.label,
                ...(column.help ? { help: c?.help ?? column.help } : {}),
              };
            }),
          };
        }),
      };
    }),
    optionWords,
  };
  return { template: view, language, fallback: untranslatedParts(template, language).length > 0 ? "some" : "none" };
}
