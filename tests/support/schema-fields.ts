// The fields of a form, read from the Zod schema its action parses with, so a field added to a schema
// is fuzzed without anyone having to list it. What a schema cannot say (that a text is an id of a
// record, a password, sealed at rest...) is added by hand in route-forms.ts.
//
// The shape comes from the schema's definition (Zod 4: `schema._zod.def`); what a string field turns
// into comes from asking the field itself (does it take a real day and refuse 2026-02-30? does "7"
// come out as a number? as a list?), since a transform does not say what it returns.
import type { ZodType } from "zod";

/**
 * What a field accepts, for the fuzz test's oracle: a request that succeeds must have sent a
 * plausible value for each field it changed.
 * - text: free text, stored as sent after trimming (`stored: false` when it is only searched, checked
 *   or changed before it is kept; `sealed` when it is kept sealed)
 * - enum: one of `values` (`trimmed`: after trimming; `optional`: or blank)
 * - ref: the id of a record (only the real one is plausible; `unknownIgnored`: an unknown id is skipped;
 *   `trimmed`: after trimming)
 * - uuid, date, number, bool (a checkbox: "on"), email, secret (a password), tags (a comma list)
 */
export type FieldKind = (
  | { t: "text"; max: number; min?: number; stored?: boolean; sealed?: boolean }
  | { t: "enum"; values: readonly string[]; optional?: boolean; trimmed?: boolean }
  | { t: "ref"; optional?: boolean; unknownIgnored?: boolean; trimmed?: boolean }
  | { t: "uuid" }
  | { t: "date"; optional?: boolean }
  | { t: "number"; optional?: boolean }
  | { t: "bool" }
  | { t: "email"; optional?: boolean }
  | { t: "secret" }
  | { t: "tags" }
) & {
  /** Read only when another field has this value (notes that go with a yes, a witness for a spoken choice). */
  onlyIf?: { field: string; is: string };
};

/**
 * A field as read from its schema: its kind, whether it may be left out, whether the schema trims what
 * is typed, and whether it takes several values (a list of checkboxes).
 */
export type SchemaField = { kind: FieldKind; optional: boolean; trims: boolean; list: boolean };

type Def = { type: string } & Record<string, unknown>;
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const parses = (schema: ZodType, value: unknown) => schema.safeParse(value).success;

/** Wrappers that leave the value's kind alone. */
const WRAPPERS = new Set(["optional", "default", "prefault", "catch", "nullable", "readonly", "nonoptional"]);

/** The object shapes a form may match: one per option of a union, merged across an intersection. */
export function shapesOf(schema: ZodType): Record<string, ZodType>[] {
  const def = defOf(schema);
  if (def.type === "object") return [def.shape as Record<string, ZodType>];
  if (def.type === "union") return (def.options as ZodType[]).flatMap(shapesOf);
  if (def.type === "intersection") {
    const right = shapesOf(def.right as ZodType);
    return shapesOf(def.left as ZodType).flatMap((left) => right.map((r) => ({ ...left, ...r })));
  }
  if (def.type === "pipe") return shapesOf(def.in as ZodType);
  if (WRAPPERS.has(def.type)) return shapesOf(def.innerType as ZodType);
  throw new Error(`not a form schema (a ${def.type}): give the object schema the action parses with`);
}

/** The values a form's `intent` field takes in `shape`, or null when it has no such field. */
export function intentsOfShape(shape: Record<string, ZodType>): string[] | null {
  if (!shape.intent) return null;
  const kind = kindOf(shape.intent).kind;
  if (kind.t !== "enum") throw new Error("an intent field that is not a fixed choice");
  return [...kind.values];
}

/** Every intent value a schema accepts ("" for a form without an intent field). */
export function intentsOfSchema(schema: ZodType): string[] {
  return [...new Set(shapesOf(schema).flatMap((shape) => intentsOfShape(shape) ?? [""]))].sort();
}

/**
 * The fields (all but `intent`) of the form sent with `intent` ("" for a form without one). A shape
 * without an intent field takes any: the action picked the schema by the intent before parsing.
 * None when the schema takes no such form (the check in route-forms-schemas.test.ts says so).
 */
export function fieldsOfSchema(schema: ZodType, intent: string): Record<string, SchemaField> {
  const shapes = shapesOf(schema).filter((shape) => {
    const intents = intentsOfShape(shape);
    return intents === null || intents.includes(intent);
  });
  const fields: Record<string, SchemaField> = {};
  for (const shape of shapes) addFields(fields, shape, "", false);
  return fields;
}

/**
 * The fields of a shape, with a nested object's fields under their form names ("translations.es.label",
 * as Conform reads them); a field inside an object that may be left out may be left out too.
 */
function addFields(
  fields: Record<string, SchemaField>,
  shape: Record<string, ZodType>,
  prefix: string,
  optional: boolean,
) {
  for (const [name, field] of Object.entries(shape)) {
    if (!prefix && name === "intent") continue;
    const { def } = core(field);
    if (def.type === "object") {
      addFields(
        fields,
        def.shape as Record<string, ZodType>,
        `${prefix}${name}.`,
        optional || parses(field, undefined),
      );
      continue;
    }
    const read = kindOf(field);
    if (!prefix) {
      fields[name] = read;
      continue;
    }
    // A nested text that may be left out may be sent empty: its shortest length holds only once written.
    const { kind } = read;
    const mayBeLeftOut = optional || read.optional;
    const nestedKind = mayBeLeftOut && kind.t === "text" ? { t: "text" as const, max: kind.max } : kind;
    fields[prefix + name] = { ...read, kind: nestedKind, optional: mayBeLeftOut };
  }
}

/** Whether a schema takes the form sent with `intent` ("" for a form without one). */
export function takesIntent(schema: ZodType, intent: string) {
  return shapesOf(schema).some((shape) => {
    const intents = intentsOfShape(shape);
    return intents === null || intents.includes(intent);
  });
}

/** The innermost schema that says what a value is, and the string format a pipe checks it against. */
function core(schema: ZodType): { def: Def; format?: string } {
  let def = defOf(schema);
  let format: string | undefined;
  for (;;) {
    if (WRAPPERS.has(def.type)) def = defOf(def.innerType);
    else if (def.type === "pipe") {
      const out = defOf(def.out);
      if (out.type === "string" && typeof out.format === "string") format ??= out.format;
      def = defOf(def.in);
    } else return { def, format: (def.format as string | undefined) ?? format };
  }
}

/** The longest and shortest string a string schema's own checks allow. */
function lengths(def: Def) {
  let min: number | undefined;
  let max: number | undefined;
  for (const check of (def.checks as { _zod: { def: Record<string, unknown> } }[] | undefined) ?? []) {
    const c = check._zod.def;
    if (c.check === "max_length") max = Math.min(max ?? Infinity, c.maximum as number);
    if (c.check === "min_length") min = Math.max(min ?? 0, c.minimum as number);
  }
  return { min, max };
}

/** Whether a string schema trims what is typed (`.trim()` is a check that rewrites the value). */
function trims(def: Def) {
  return ((def.checks as { _zod: { def: Record<string, unknown> } }[] | undefined) ?? []).some((check) => {
    const c = check._zod.def;
    return c.check === "overwrite" && (c.tx as (v: string) => string)(" x ") === "x";
  });
}

const REAL_DAYS = ["2024-02-29", new Date().toISOString().slice(0, 10), "2030-06-15"];

/** A field's kind, from its schema. Throws for a kind it cannot tell: describe that field by hand. */
export function kindOf(field: ZodType): SchemaField {
  const optional = parses(field, undefined);
  return { ...kindOfField(field, optional), optional, trims: trims(core(field).def) };
}

function kindOfField(field: ZodType, optional: boolean): Pick<SchemaField, "kind" | "list"> {
  const { def, format } = core(field);
  switch (def.type) {
    case "enum":
      return { kind: { t: "enum", values: Object.values(def.entries as object).map(String), optional }, list: false };
    case "literal":
      return { kind: { t: "enum", values: (def.values as unknown[]).map(String), optional }, list: false };
    case "boolean":
      return { kind: { t: "bool" }, list: false };
    case "number":
      return { kind: { t: "number", optional }, list: false };
    case "array":
      return { kind: kindOf(def.element as ZodType).kind, list: true };
    case "string":
      break;
    default:
      throw new Error(`a ${def.type} field: describe it by hand`);
  }
  if (format === "uuid") return { kind: { t: "uuid" }, list: false };
  if (format === "email") return { kind: { t: "email", optional }, list: false };
  if (format === "date") return { kind: { t: "date", optional }, list: false };
  // A day field (isoDayField or one with its own range): takes a real day, refuses one that does not exist.
  if (REAL_DAYS.some((day) => parses(field, day)) && !parses(field, "2026-02-30") && !parses(field, "not a day"))
    return { kind: { t: "date", optional }, list: false };
  // A string turned into something else: an amount or a count, or a comma list.
  for (const sample of ["7", "30", "2026"]) {
    const out = field.safeParse(sample);
    if (out.success && typeof out.data === "number") return { kind: { t: "number", optional }, list: false };
    if (out.success && Array.isArray(out.data)) return { kind: { t: "tags" }, list: false };
  }
  const { min, max } = lengths(def);
  return { kind: { t: "text", max: max ?? Infinity, ...(min ? { min } : {}) }, list: false };
}
