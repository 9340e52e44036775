// Reading one section of an assessment from a posted form. Every section is its own
// form, so a page without JavaScript saves section by section. Field names carry only template
// keys: "item.<item>", and for tables "item.<item>.<row>.<column>".
import { message } from "~/i18n/message";
import type { TemplateColumn, TemplateItem, TemplateSection } from "./assessment-template";

export type TableRow = { row: string; label?: string; cells: Record<string, unknown> };
export type SectionAnswers = {
  /** Each item's answer, or null when left empty (which clears a saved answer). */
  values: Record<string, unknown>;
  /** Messages by field name (catalog keys, see `~/i18n/message`), next to the field that needs fixing. */
  errors: Record<string, string>;
};

const NUMBER = /^-?\d{1,12}(\.\d{1,4})?$/;
const MAX_CELL = 500;
const MAX_OTHER_ROWS = 20;
/** The rows people add to a table that allows them, in order. */
const OTHER_ROW_KEYS = Array.from({ length: MAX_OTHER_ROWS }, (_, n) => `other-${n}`);

type Read = { value: unknown } | { error: string };

function readNumber(raw: string, min?: number, max?: number): Read {
  if (!NUMBER.test(raw)) return { error: "staff:assessments.errors.number" };
  const n = Number(raw);
  if (min !== undefined && n < min) return { error: message("staff:assessments.errors.atLeast", { min }) };
  if (max !== undefined && n > max) return { error: message("staff:assessments.errors.atMost", { max }) };
  return { value: n };
}

function readText(raw: string, maxLength: number): Read {
  return raw.length > maxLength
    ? { error: message("staff:assessments.errors.maxChars", { max: maxLength }) }
    : { value: raw };
}

function readChoice(raw: string, options: string[]): Read {
  return options.includes(raw) ? { value: raw } : { error: "staff:assessments.errors.chooseOption" };
}

function readYesNo(raw: string): Read {
  if (raw === "yes") return { value: true };
  if (raw === "no") return { value: false };
  return { error: "staff:assessments.errors.yesOrNo" };
}

function readCell(column: TemplateColumn, form: FormData, name: string): Read | null {
  if (column.type === "choices") {
    const picked = form.getAll(name).map(String);
    if (picked.length === 0) return null;
    return picked.every((p) => column.options.includes(p))
      ? { value: picked }
      : { error: "staff:assessments.errors.chooseFromOptions" };
  }
  const raw = String(form.get(name) ?? "").trim();
  if (raw === "") return null;
  switch (column.type) {
    case "text":
      return readText(raw, Math.min(column.maxLength, MAX_CELL));
    case "yes_no":
      return readYesNo(raw);
    case "number":
      return readNumber(raw, column.min, column.max);
    case "choice":
      return readChoice(raw, column.options);
  }
}

function readTable(item: Extract<TemplateItem, { type: "table" }>, form: FormData, errors: Record<string, string>) {
  const base = `item.${item.key}`;
  const rows: TableRow[] = [];
  const readRow = (rowKey: string, label?: string) => {
    const cells: Record<string, unknown> = {};
    for (const column of item.columns) {
      const name = `${base}.${rowKey}.${column.key}`;
      const read = readCell(column, form, name);
      if (read === null) continue;
      if ("error" in read) errors[name] = read.error;
      else cells[column.key] = read.value;
    }
    if (Object.keys(cells).length > 0 || label) rows.push({ row: rowKey, ...(label ? { label } : {}), cells });
  };
  for (const row of item.rows) readRow(row.key);
  if (item.allowOtherRows) {
    for (const rowKey of OTHER_ROW_KEYS) {
      const label = String(form.get(`${base}.${rowKey}.label`) ?? "").trim();
      if (label.length > 200)
        errors[`${base}.${rowKey}.label`] = message("staff:assessments.errors.maxChars", { max: 200 });
      const hasCells = item.columns.some((c) => String(form.get(`${base}.${rowKey}.${c.key}`) ?? "").trim() !== "");
      if (!label && hasCells) errors[`${base}.${rowKey}.label`] = "staff:assessments.errors.nameRow";
      if (label) readRow(rowKey, label.slice(0, 200));
    }
  }
  return rows.length > 0 ? rows : null;
}

function readItem(item: TemplateItem, form: FormData, errors: Record<string, string>, scales: ScaleLookup): unknown {
  const name = `item.${item.key}`;
  if (item.type === "table") return readTable(item, form, errors);
  if (item.type === "text_list") {
    const entries = form
      .getAll(name)
      .map((v) => String(v).trim())
      .filter(Boolean);
    if (entries.length > item.maxItems)
      errors[name] = message("staff:assessments.errors.listAtMost", { max: item.maxItems });
    else if (entries.some((e) => e.length > MAX_CELL))
      errors[name] = message("staff:assessments.errors.eachAtMost", { max: MAX_CELL });
    return entries.length > 0 ? entries : null;
  }
  const raw = String(form.get(name) ?? "").trim();
  if (raw === "") return null;
  let read: Read;
  switch (item.type) {
    case "scale": {
      const scale = scales(item.scale);
      if (raw === "na" && scale.notApplicable) read = { value: "na" };
      else {
        const point = scale.options.find((o) => String(o.value) === raw);
        read = point ? { value: point.value } : { error: "staff:assessments.errors.chooseAnswer" };
      }
      break;
    }
    case "yes_no":
      read = readYesNo(raw);
      break;
    case "text":
      read = readText(raw, item.maxLength);
      break;
    case "number":
      read = readNumber(raw, item.min, item.max);
      break;
    case "choice":
      read = readChoice(raw, item.options);
      break;
  }
  if ("error" in read) {
    errors[name] = read.error;
    return null;
  }
  return read.value;
}

type ScaleLookup = (key: string) => { options: { value: number }[]; notApplicable: boolean };

/** Every answer of one section from its form, with a message for each field that does not fit. */
export function answersFromForm(section: TemplateSection, form: FormData, scales: ScaleLookup): SectionAnswers {
  const errors: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const item of section.items) values[item.key] = readItem(item, form, errors, scales);
  return { values, errors };
}

/**
 * The fields of a template's forms that take several values: a list of entries, and a table cell
 * where several choices may be ticked. Every other answer takes one value.
 */
export function listAnswerFields(sections: readonly TemplateSection[]): Set<string> {
  const names = new Set<string>();
  for (const item of sections.flatMap((s) => s.items)) {
    const name = `item.${item.key}`;
    if (item.type === "text_list") names.add(name);
    if (item.type !== "table") continue;
    const rowKeys = [...item.rows.map((r) => r.key), ...(item.allowOtherRows ? OTHER_ROW_KEYS : [])];
    for (const column of item.columns) {
      if (column.type === "choices") for (const row of rowKeys) names.add(`${name}.${row}.${column.key}`);
    }
  }
  return names;
}
