// The forms the fuzz test and the access matrix send (tests/support/route-forms.ts) are read from the
// schemas the actions parse with. This file checks that they stay so:
// - each action parses with exactly the schemas its entry names (found in the route's source, and in
//   the shared account pages it hands over to), so a schema added or swapped in a route is noticed;
// - each intent a schema accepts has a form, and each form's intent is accepted by its schema;
// - no field is described by hand that the schema does not have, no field is "read apart" that the
//   route never reads, and no valid form sends a field that is not fuzzed;
// - the kinds read from a schema are the right ones (a day, an amount, a list...).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z, type ZodType } from "zod";
import { REPO_ROOT } from "../setup/paths";
import { ACTION_FORMS, createRouteWorld, schemasOf, type FormContext } from "../support/route-forms";
import { fieldsOfSchema, intentsOfShape, kindOf, shapesOf, takesIntent } from "../support/schema-fields";
import { emailField, digitsField, isoDayField } from "../../app/utils/validation";
import { paidDateField } from "../../app/utils/payment-schema";
import { SelfProfileSchema, StaffProfileSchema } from "../../app/utils/consultant-schema";
import { TimeEntrySchema } from "../../app/utils/time-schema";
import { RecordInputSchema } from "../../app/utils/program-input-options";

const routeDir = path.join(REPO_ROOT, "app", "routes");
const appDir = path.join(REPO_ROOT, "app");
const read = (file: string) => fs.readFileSync(file, "utf8");
const actionFiles = fs
  .readdirSync(routeDir)
  .filter((f) => /\.tsx?$/.test(f) && /^export const action\b/m.test(read(path.join(routeDir, f))))
  .sort();

/** Local name → where it comes from, for the `~/…` and `./…` named imports of a module. */
function importsOf(source: string, file: string) {
  const names = new Map<string, { module: string; name: string }>();
  for (const m of source.matchAll(/^import (?:type )?\{([^}]*)\} from "((?:~|\.)\/[^"]+)";/gm)) {
    const module = m[2]!.startsWith("~/") ? path.join(appDir, m[2]!.slice(2)) : path.resolve(path.dirname(file), m[2]!);
    for (const part of m[1]!.split(",").map((p) => p.trim().replace(/^type /, ""))) {
      if (!part) continue;
      const [name, local] = part.split(/\s+as\s+/);
      names.set((local ?? name)!, { module, name: name! });
    }
  }
  return names;
}

const fileOf = (module: string) => [".ts", ".tsx"].map((ext) => module + ext).find((f) => fs.existsSync(f))!;

/** The body of `export (async) function name` in a module's source. */
function functionBody(source: string, name: string) {
  const start = source.search(new RegExp(`^export (async )?function ${name}\\(`, "m"));
  if (start < 0) return null;
  const end = source.indexOf("\n}\n", start);
  return source.slice(start, end < 0 ? undefined : end);
}

/** The part of a route's source that is not its loader. */
function withoutLoader(source: string) {
  const start = source.search(/^export const loader\b/m);
  if (start < 0) return source;
  const end = source.indexOf("\n});\n", start);
  return source.slice(0, start) + source.slice(end < 0 ? source.length : end);
}

type Parsed = { label: string; value: unknown; factory: boolean };

/** The schemas a piece of source parses with: `schema: X`, `schema: x(…)` (a factory), `X.safeParse(`. */
async function schemasIn(source: string, imports: Map<string, { module: string; name: string }>, where: string) {
  const found: Parsed[] = [];
  const idents = new Map<string, boolean>();
  for (const m of source.matchAll(/\bschema:\s*([A-Za-z_$][\w$]*)(\s*\()?/g)) idents.set(m[1]!, Boolean(m[2]));
  for (const m of source.matchAll(/\b([A-Za-z_$][\w$]*)\.(?:safeParse|parse)\(/g))
    if (!["JSON", "Date", "Number", "z"].includes(m[1]!)) idents.set(m[1]!, false);
  for (const [ident, factory] of idents) {
    const from = imports.get(ident);
    if (!from) {
      found.push({ label: `${ident} (defined in ${where}: move it to a schema module)`, value: undefined, factory });
      continue;
    }
    const module = (await import(fileOf(from.module))) as Record<string, unknown>;
    found.push({
      label: `${from.name} from ${path.relative(REPO_ROOT, from.module)}`,
      value: module[from.name],
      factory,
    });
  }
  return found;
}

/** Whether a value is a schema of a whole form (an object, a union of them...), not of one value. */
function isFormSchema(value: unknown) {
  try {
    shapesOf(value as ZodType);
    return true;
  } catch {
    return false;
  }
}

/** Every form schema an action parses with: in its route, and in the shared functions it hands over to. */
async function parsedBy(file: string) {
  const routeFile = path.join(routeDir, file);
  const source = withoutLoader(read(routeFile));
  const imports = importsOf(source, routeFile);
  const parsed = await schemasIn(source, imports, file);
  for (const [local, from] of imports) {
    if (!from.module.startsWith(path.join(appDir, "utils")) || !new RegExp(`\\b${local}\\(`).test(source)) continue;
    const moduleFile = fileOf(from.module);
    const moduleSource = read(moduleFile);
    const body = functionBody(moduleSource, from.name);
    if (body) parsed.push(...(await schemasIn(body, importsOf(moduleSource, moduleFile), from.name)));
  }
  return parsed.filter((p) => p.value === undefined || p.factory || isFormSchema(p.value));
}

describe("each action parses with the schemas its forms are read from", () => {
  it.each(actionFiles)("%s", async (file) => {
    const entry = ACTION_FORMS[file];
    expect(entry, `${file}: add an entry to ACTION_FORMS in tests/support/route-forms.ts`).toBeDefined();
    const listed = schemasOf(entry!);
    const parsed = await parsedBy(file);
    const unlisted = parsed.filter((p) =>
      p.factory ? p.value !== entry!.madeBy : !listed.includes(p.value as ZodType),
    );
    expect(
      unlisted.map((p) => p.label),
      `${file} parses with schemas its ACTION_FORMS entry does not name, so their fields are not fuzzed`,
    ).toEqual([]);
    const named = parsed.flatMap((p) => (p.factory ? (entry!.schema ? [entry!.schema] : []) : [p.value]));
    expect(
      listed.filter((s) => !named.includes(s)).length,
      `${file}: its ACTION_FORMS entry names schemas the action does not parse with`,
    ).toBe(0);
    if (parsed.length === 0)
      expect(entry!.noSchema, `${file} parses no schema: say why in its entry (noSchema)`).toBeTruthy();
    else expect(entry!.noSchema, `${file} parses a schema: its entry says it does not`).toBeUndefined();
  });
});

describe("each intent a schema accepts has a form, and each form's intent is accepted", () => {
  it.each(actionFiles.filter((f) => ACTION_FORMS[f]))("%s", (file) => {
    const entry = ACTION_FORMS[file]!;
    const intents = Object.keys(entry.intents);
    for (const schema of schemasOf(entry)) {
      const accepted = shapesOf(schema).flatMap((shape) => intentsOfShape(shape) ?? []);
      expect(
        accepted.filter((i) => !intents.includes(i)),
        `${file}: intents its schema accepts with no form in ACTION_FORMS`,
      ).toEqual([]);
    }
    for (const [intent, form] of Object.entries(entry.intents)) {
      const schema = form.schema ?? entry.schema;
      if (schema) expect(takesIntent(schema, intent), `${file}: its schema takes no form "${intent}"`).toBe(true);
    }
  });
});

describe("no field is fuzzed that its schema or its route does not read", () => {
  let own: FormContext;
  it.each(actionFiles.filter((f) => ACTION_FORMS[f]))("%s", async (file) => {
    own ??= await createRouteWorld().then(({ world, fixtures }) => ({ side: world.own, fx: fixtures.own }));
    const entry = ACTION_FORMS[file]!;
    const source = read(path.join(routeDir, file));
    for (const [intent, form] of Object.entries(entry.intents)) {
      const schema = form.schema ?? entry.schema;
      const inSchema = Object.keys(schema ? fieldsOfSchema(schema, intent) : {});
      expect(
        Object.keys(form.hand ?? {}).filter((f) => !inSchema.includes(f)),
        `${file} ${intent}: notes by hand for fields its schema does not have`,
      ).toEqual([]);
      for (const field of Object.keys(form.outside ?? {})) {
        expect(inSchema, `${file} ${intent}: ${field} is in the schema, not read apart`).not.toContain(field);
        // A field read apart is named in the route, whole or by its prefix ("item.").
        const named = field.includes(".") ? `"${field.split(".")[0]}.` : `"${field}"`;
        expect(source, `${file} ${intent}: ${field} is said to be read apart, but the route never names it`).toContain(
          named,
        );
      }
      const fuzzed = Object.keys(form.fields);
      const prefixes = fuzzed.filter((f) => f.includes(".")).map((f) => f.split(".")[0]! + ".");
      expect(
        Object.keys(form.valid(own)).filter((f) => !fuzzed.includes(f) && !prefixes.some((p) => f.startsWith(p))),
        `${file} ${intent}: the valid form sends fields that are not fuzzed`,
      ).toEqual([]);
    }
  });
});

describe("the kinds read from a schema", () => {
  const kind = (schema: ZodType) => kindOf(schema);

  it("a typed day, whether from isoDayField or a field with its own range", () => {
    expect(kind(isoDayField())).toMatchObject({ kind: { t: "date" }, optional: false });
    expect(kind(isoDayField().optional())).toMatchObject({ kind: { t: "date" }, optional: true });
    expect(kind(paidDateField).kind.t).toBe("date");
    expect(kind(z.iso.date()).kind.t).toBe("date");
  });

  it("an amount, a count or hours typed as text are numbers; a comma list is tags; a list of values is a list", () => {
    expect(kind(digitsField("x")).kind.t).toBe("number");
    expect(kind(TimeEntrySchema.shape.hours).kind.t).toBe("number");
    expect(kind(z.coerce.number().optional())).toMatchObject({ kind: { t: "number" }, optional: true });
    expect(kind(SelfProfileSchema.shape.languages).kind.t).toBe("tags");
    expect(kind(StaffProfileSchema.shape.roleTags)).toMatchObject({ kind: { t: "text", max: 60 }, list: true });
  });

  it("choices, checkboxes, emails, keys and text with its limits", () => {
    expect(kind(z.enum(["a", "b"]).default("a"))).toMatchObject({
      kind: { t: "enum", values: ["a", "b"] },
      optional: true,
    });
    expect(kind(z.literal("yes")).kind).toMatchObject({ t: "enum", values: ["yes"] });
    expect(kind(SelfProfileSchema.shape.needsChildcare).kind.t).toBe("bool");
    expect(kind(emailField)).toMatchObject({ kind: { t: "email" }, optional: false });
    expect(kind(SelfProfileSchema.shape.email)).toMatchObject({ kind: { t: "email" }, optional: true });
    expect(kind(z.uuid()).kind.t).toBe("uuid");
    expect(kind(z.string().trim().min(2).max(80)).kind).toEqual({ t: "text", min: 2, max: 80 });
    expect(
      kind(
        z
          .string()
          .max(500)
          .optional()
          .transform((v) => v || null),
      ),
    ).toMatchObject({ kind: { t: "text", max: 500 }, optional: true });
  });

  it("whether the schema trims what is typed (an id sent with spaces around it is still that id)", () => {
    expect(kind(RecordInputSchema.shape.engagementId)).toMatchObject({ trims: true, optional: true });
    expect(kind(z.string().min(1).max(100)).trims).toBe(false);
  });

  it("a field added to a schema is a field of its form, by intent", () => {
    const schema = z.discriminatedUnion("intent", [
      z.object({ intent: z.literal("add"), label: z.string().max(10), added: isoDayField() }),
      z.object({ intent: z.enum(["archive", "restore"]), itemId: z.string().min(1).max(100) }),
    ]);
    expect(Object.keys(fieldsOfSchema(schema, "add"))).toEqual(["label", "added"]);
    expect(Object.keys(fieldsOfSchema(schema, "restore"))).toEqual(["itemId"]);
    expect(takesIntent(schema, "remove")).toBe(false);
    const extended = z.object({ a: z.string().max(5) }).and(z.object({ b: z.uuid() }));
    expect(Object.keys(fieldsOfSchema(extended, ""))).toEqual(["a", "b"]);
  });
});
