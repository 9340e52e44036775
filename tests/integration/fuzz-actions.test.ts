// Property-based tests: every form action in app/routes receives random and hostile values, sent by
// someone the route allows, with the route's real intent values and field names (read from the Zod
// schema each action parses with, in tests/support/route-forms.ts). Properties:
// - no 5xx, and nothing but a Response is ever thrown;
// - a refused request (4xx) wrote nothing: every table but sessions is unchanged;
// - an accepted request sent a plausible value in each field that was tampered with, and stored free
//   text exactly as sent (after the schema's trim), never interpreted;
// - a redirect stays on this site.
// Then stored markup is checked where it is shown: as data from the loader, and escaped in the
// server-rendered HTML of the real build.
import { randomInt } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../setup/paths";
import { cookieFor } from "../support/factories";
import { changedTables, idsOfOrganization, snapshot } from "../support/db-snapshot";
import { callRoute, makeRequest } from "../support/http";
import {
  ACTION_FORMS,
  createRouteWorld,
  formFor,
  targetOf,
  type Actor,
  type FieldKind,
  type FormContext,
  type FormValues,
} from "../support/route-forms";
import {
  consultantFieldAad,
  SEALED_CONSULTANT_COLUMNS,
  SEALED_CONSULTANT_FIELDS,
} from "../../app/models/consultant-fields.server";
import { decryptField } from "../../app/utils/field-crypto.server";
import { supportDetailsAad } from "../../app/models/support-fields.server";
import { db as appDb } from "../../app/utils/db.server";

// Two passes: a fixed seed, so a CI run is repeatable, and a fresh one on every run, to reach inputs the
// fixed seed never will. FUZZ_SEED runs that one seed alone: to replay a failure, or to explore.
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const FRESH_RUNS = Number(process.env.FUZZ_RANDOM_RUNS ?? 25);
const PASSES = process.env.FUZZ_SEED
  ? [{ seed: Number(process.env.FUZZ_SEED), runs: RUNS }]
  : [
      { seed: 20_261_202, runs: RUNS },
      { seed: randomInt(2 ** 31), runs: FRESH_RUNS },
    ].filter((pass) => pass.runs > 0);
for (const { seed, runs } of PASSES) {
  console.info(
    `fuzz-actions: seed ${seed}, ${runs} runs per action; replay with FUZZ_SEED=${seed} FUZZ_RUNS=${runs} ` +
      "(FUZZ_RANDOM_RUNS sets the runs of the fresh seed)",
  );
}

const routeDir = path.join(REPO_ROOT, "app", "routes");
const routeFiles = fs.readdirSync(routeDir).filter((f) => /\.tsx?$/.test(f));
type RouteModule = { action?: unknown; loader?: unknown };
const modules = new Map<string, RouteModule>(
  await Promise.all(routeFiles.map(async (f) => [f, (await import(path.join(routeDir, f))) as RouteModule] as const)),
);
const actionFiles = routeFiles.filter((f) => modules.get(f)?.action).sort();

let own: FormContext;
let otherIds: string[];
const cookies = new Map<Actor, string | undefined>();

beforeAll(async () => {
  const { world, fixtures } = await createRouteWorld();
  own = { side: world.own, fx: fixtures.own };
  otherIds = [...idsOfOrganization(world.other.org.id)];
  cookies.set("anonymous", undefined);
  for (const role of ["admin", "staff", "consultant"] as const)
    cookies.set(role, await cookieFor(world.own[role].userId));
});

// --- Values ----------------------------------------------------------------------------------------

const HUGE = "x".repeat(100_000);
const HOSTILE = [
  "",
  " ",
  " \t\n ",
  HUGE,
  `${"é".repeat(60_000)}`,
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "' autofocus onfocus='alert(1)",
  "</textarea><script>alert(1)</script>",
  "javascript:alert(1)",
  "'; DROP TABLE users; --",
  "' OR '1'='1",
  "1; SELECT * FROM sessions",
  '") OR 1=1 --',
  '=HYPERLINK("http://example.test","x")',
  "=1+1",
  "+1+1",
  "-1+1",
  "@SUM(A1:A9)",
  "NaN",
  "Infinity",
  "-Infinity",
  "-1",
  "-0",
  "0",
  "1e309",
  "9".repeat(40),
  "-99999999999",
  "0x1F",
  "1,5",
  "12.345",
  "true",
  "null",
  "undefined",
  "[]",
  "{}",
  '{"$ne":null}',
  "__proto__",
  "constructor",
  "../../etc/passwd",
  "%00",
  "${7*7}",
  "{{7*7}}",
  "\u202Egnp.exe\u202C",
  "\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627",
  "👩🏽‍🚀🏳️‍🌈",
  "e\u0301\u0301\u0301\u0301",
  "a\u0000b",
  "\u0000",
  "\uD800",
  "x\uDC00y",
  "\uFEFFbom",
  "line\r\nbreak",
  "2026-02-30",
  "2026-13-01",
  "0000-00-00",
  "9999-12-31",
  "26-1-1",
  "00000000-0000-0000-0000-000000000000",
];
const hostile = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom("=", "+", "-", "@"), fc.string({ maxLength: 20 })).map((p) => p.join("")),
  },
);

/** Values near what the field accepts: right kind, wrong size or shape (and sometimes right). */
function nearValues(kind: FieldKind | undefined): fc.Arbitrary<string> {
  switch (kind?.t) {
    case "text": {
      // A text the schema does not bound is bounded by the size of a request.
      const max = Math.min(kind.max, HUGE.length);
      return fc.constantFrom(
        "a".repeat(max),
        "a".repeat(max + 1),
        ` ${"b".repeat(max)} `,
        "<b>bold</b> & <i>more</i>",
        "=cmd|' /C calc'!A0",
      );
    }
    case "enum":
      return fc.constantFrom(
        ...kind.values,
        ...kind.values.map((v) => v.toUpperCase()),
        ...kind.values.map((v) => ` ${v}`),
      );
    case "date":
      return fc.constantFrom(
        "2024-02-29",
        "2023-02-29",
        "2026-02-30",
        "1999-12-31",
        "2100-01-01",
        "2026-1-1",
        " 2026-01-01",
      );
    case "number":
      return fc.constantFrom("0", "0.01", "1.999", "100000", "1e3", " 5 ", "$1,000", "1,000.5", "01");
    case "uuid":
      return fc.constantFrom(crypto.randomUUID(), crypto.randomUUID().toUpperCase(), "not-a-uuid");
    case "ref":
      // An id of the other organization: the real cross-organization attempt.
      return fc.constantFrom(...otherIds);
    case "bool":
      return fc.constantFrom("on", "off", "true", "1", "");
    case "email":
      return fc.constantFrom(
        "Someone@Example.Test",
        "a@b",
        "a@b.c<script>",
        "@example.test",
        `${"a".repeat(250)}@x.test`,
      );
    default:
      return hostile;
  }
}

type Mutation = { field: string } & ({ op: "set"; value: string } | { op: "dup"; values: string[] } | { op: "drop" });

/** An extra field no form has: the schemas must ignore it. */
const EXTRA = "unexpected";

function mutationOf(field: string, kind: FieldKind | undefined): fc.Arbitrary<Mutation> {
  return fc.oneof(
    { weight: 6, arbitrary: hostile.map((value) => ({ field, op: "set" as const, value })) },
    { weight: 3, arbitrary: nearValues(kind).map((value) => ({ field, op: "set" as const, value })) },
    { weight: 1, arbitrary: fc.constant({ field, op: "drop" as const }) },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.oneof(hostile, nearValues(kind)), { minLength: 2, maxLength: 3 })
        .map((values) => ({ field, op: "dup" as const, values })),
    },
  );
}

function fieldsOf(file: string, intent: string): Record<string, FieldKind | undefined> {
  const entry = ACTION_FORMS[file]!;
  const intents = Object.keys(entry.intents);
  return {
    ...(intent ? { intent: { t: "enum", values: intents } as FieldKind } : {}),
    ...entry.intents[intent]!.fields,
    [EXTRA]: undefined,
  };
}

function caseOf(file: string) {
  const intents = Object.keys(ACTION_FORMS[file]!.intents);
  return fc.constantFrom(...intents).chain((intent) => {
    const fields = fieldsOf(file, intent);
    const names = Object.keys(fields);
    return fc
      .uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: Math.min(3, names.length) })
      .chain((picked) => fc.tuple(...picked.map((name) => mutationOf(name, fields[name]))))
      .map((mutations) => ({ intent, mutations }));
  });
}

function apply(base: FormValues, mutations: Mutation[]): FormValues {
  const form = { ...base };
  for (const m of mutations) {
    if (m.op === "drop") delete form[m.field];
    else if (m.op === "set") form[m.field] = m.value;
    else form[m.field] = m.values;
  }
  return form;
}

/** What the server receives for a value: the form encoding turns a lone surrogate into U+FFFD. */
const received = (value: string) => new URLSearchParams({ v: value }).get("v")!;

// --- The oracle: could a person's valid input look like this? --------------------------------------

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLAIN_NUMBER = /^\$?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
const isRealDate = (v: string) =>
  DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** Why a value should not have been accepted in a field of this kind, or null when it could be valid. */
function implausible(kind: FieldKind | undefined, base: string | string[] | undefined, sent: string): string | null {
  const v = received(sent);
  const t = v.trim();
  if (!kind) return null;
  switch (kind.t) {
    case "text":
      if (t.length > kind.max) return `longer than ${kind.max} after trimming`;
      if (t.length < (kind.min ?? 0)) return `shorter than ${kind.min}`;
      return null;
    case "enum": {
      const choice = kind.trimmed ? t : v;
      return kind.values.includes(choice) || (kind.optional && choice === "") ? null : "not one of the choices";
    }
    case "ref": {
      const id = kind.trimmed ? t : v;
      return (Array.isArray(base) ? base : [base]).includes(id) || (kind.optional && id === "") || kind.unknownIgnored
        ? null
        : "not the real id";
    }
    case "uuid":
      return UUID.test(v) ? null : "not a uuid";
    case "date":
      return isRealDate(t) || (kind.optional && t === "") ? null : "not a real date";
    case "number":
      return PLAIN_NUMBER.test(t) || (kind.optional && t === "") ? null : "not a plain number";
    case "bool":
      return v === "on" || v === "" ? null : "not a checkbox value";
    case "email":
      return /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(t) || (kind.optional && t === "")
        ? null
        : "not an email address";
    case "secret":
    case "tags":
      return null;
  }
}

const optional = (kind: FieldKind | undefined) =>
  !kind ||
  (kind.t === "text" && !kind.min) ||
  ("optional" in kind && kind.optional === true) ||
  kind.t === "bool" ||
  kind.t === "tags";

/** Every cell of every table, and every text inside a JSON cell (words kept by language), to find stored text. */
function storedCells(after: ReturnType<typeof snapshot>) {
  const cells = new Set<unknown>();
  const addTexts = (value: unknown) => {
    if (typeof value === "string") cells.add(value);
    else if (value && typeof value === "object") Object.values(value).forEach(addTexts);
  };
  for (const rows of after.values())
    for (const row of rows)
      for (const cell of JSON.parse(row) as unknown[]) {
        cells.add(cell);
        if (typeof cell === "string" && cell.startsWith("{")) {
          try {
            addTexts(JSON.parse(cell));
          } catch {
            // Not JSON: text that happens to start with a brace, already added as it is.
          }
        }
      }
  return cells;
}

// Each submission comes from its own address, so the per-address limits (tested on their own) do not
// turn the fuzzing of a public form into a test of its limit.
let submissions = 0;

async function send(file: string, intent: string, form: FormValues) {
  const entry = ACTION_FORMS[file]!;
  const { path: to, params } = targetOf(entry, intent, own);
  const clientIp = `198.18.${++submissions >> 8}.${submissions & 0xff}`;
  return callRoute(modules.get(file)!.action, makeRequest(to, { cookie: cookies.get(entry.actor), form }), params, {
    clientIp,
  });
}

// --- Tests -------------------------------------------------------------------------------------------

/** Every sealed consultant value and support plan detail, opened with its record's binding (ADR 008). */
function openedSealedCells() {
  const opened = new Set<string>();
  const columns = Object.values(SEALED_CONSULTANT_COLUMNS);
  const rows = appDb.$client
    .prepare(`select id, organization_id, ${columns.join(", ")} from consultants`)
    .all() as Record<string, string | null>[];
  for (const row of rows) {
    const owner = { organizationId: row.organization_id!, consultantId: row.id! };
    for (const field of SEALED_CONSULTANT_FIELDS) {
      const value = row[SEALED_CONSULTANT_COLUMNS[field]];
      if (value) opened.add(decryptField(value, consultantFieldAad(field, owner)));
    }
  }
  const support = appDb.$client
    .prepare("select id, organization_id, details from support_items where details is not null")
    .all() as { id: string; organization_id: string; details: string }[];
  for (const row of support) {
    opened.add(decryptField(row.details, supportDetailsAad({ organizationId: row.organization_id, itemId: row.id })));
  }
  return opened;
}

/** Whether any form of the route keeps a field sealed. */
const hasSealedFields = (file: string) =>
  Object.values(ACTION_FORMS[file]!.intents).some((intent) =>
    Object.values(intent.fields).some((kind) => kind.t === "text" && kind.sealed),
  );

describe("every form action has its fields listed for fuzzing", () => {
  it.each(actionFiles)("%s", (file) => {
    expect(
      ACTION_FORMS[file],
      `${file} has an action but no entry in ACTION_FORMS (tests/support/route-forms.ts): say who sends it, ` +
        "the schema its action parses with (its fields are read from it) and a valid form for each intent",
    ).toBeDefined();
  });
});

// The starting point of each fuzz case must itself be a valid form, or every case is a refusal.
describe("each realistic form is accepted as it is", () => {
  const cases = actionFiles
    .filter((f) => ACTION_FORMS[f])
    .flatMap((file) => Object.keys(ACTION_FORMS[file]!.intents).map((intent) => ({ file, intent })));
  it.each(cases)("$file $intent", async ({ file, intent }) => {
    const { refused, refusedStatus } = ACTION_FORMS[file]!.intents[intent]!;
    const result = await send(file, intent, formFor(ACTION_FORMS[file]!, intent, own));
    if (refused) expect(result.status, refused).toBe(refusedStatus ?? 400);
    else expect(result.status, JSON.stringify(result.data).slice(0, 500)).toBeLessThan(400);
  });
});

describe.each(actionFiles.filter((f) => ACTION_FORMS[f]))("fuzzing %s", (file) => {
  const entry = () => ACTION_FORMS[file]!;

  // The file goes in as a value: "$id" in a route's name would read as a placeholder in the title.
  const passes = PASSES.map((pass) => ({ ...pass, file }));
  it.each(passes)("withstands $runs hostile submissions ($file, seed $seed)", async ({ seed, runs }) => {
    await fc.assert(
      fc.asyncProperty(caseOf(file), async ({ intent, mutations }) => {
        const fields = fieldsOf(file, intent);
        const base = formFor(entry(), intent, own);
        const form = apply(base, mutations);
        const before = snapshot();
        const result = await send(file, intent, form);
        const after = snapshot();
        // Opened before the reset below puts things back, like `after`: what this request stored.
        const sealedCells = hasSealedFields(file) ? openedSealedCells() : new Set<string>();
        entry().reset?.(own);
        expect(result.status, `5xx for ${intent || "the form"}`).toBeLessThan(500);
        if (result.status >= 400) {
          expect(
            changedTables(before, after, Object.keys(entry().writesOnRefusal ?? {})),
            "written on refusal",
          ).toEqual([]);
          return;
        }
        if (result.location) expect(result.location, "redirect off this site").toMatch(/^\/(?![/\\])/);
        if (entry().lenient) {
          expect(changedTables(before, after), "a lenient form (a search) wrote").toEqual([]);
          return;
        }
        // A form switched to another intent is judged by that intent's fields.
        const switched = mutations.find((m) => m.field === "intent" && m.op === "set" && entry().intents[m.value]);
        const effective = switched?.op === "set" ? fieldsOf(file, switched.value) : fields;
        const wrote = changedTables(before, after).length > 0;
        const cells = storedCells(after);
        for (const m of mutations) {
          if (!(m.field in effective)) continue;
          const kind = effective[m.field];
          if (kind?.onlyIf && form[kind.onlyIf.field] !== kind.onlyIf.is) continue; // ignored, as designed
          if (m.op === "drop") {
            expect(optional(kind), `accepted without the required ${m.field}`).toBe(true);
            continue;
          }
          if (m.op === "dup") continue; // a field that takes one value is refused when repeated (checked below)
          const why = implausible(kind, base[m.field], m.value);
          expect(why, `accepted ${JSON.stringify(m.value.slice(0, 80))} in ${m.field}: ${why}`).toBeNull();
          const stored = received(m.value).trim();
          // An accepted resend (same creation key, same item) changes nothing and stores nothing.
          if (kind?.t === "text" && kind.stored !== false && stored && wrote) {
            if (kind.sealed) {
              // Sealed at rest (field-crypto.test.ts checks the file holds no clear text): what was sent, once opened.
              expect(sealedCells.has(stored), `${m.field} not sealed exactly as sent`).toBe(true);
            } else {
              expect(cells.has(stored), `${m.field} not stored exactly as sent (after trimming)`).toBe(true);
            }
          }
        }
        // Of the fields the form has, only a list may come more than once (a comma list of tags is one value).
        const listed = mutations.filter((m) => m.op === "dup" && effective[m.field]);
        const allowed = entry().lists ?? [];
        expect(
          listed.map((m) => m.field),
          "accepted several values for a one-value field",
        ).toEqual(listed.filter((m) => allowed.includes(m.field)).map((m) => m.field));
      }),
      { seed, numRuns: runs, endOnFailure: true },
    );
  });
});

// --- Stored markup is shown as text ------------------------------------------------------------------

const MARKUP = `<script>alert(1)</script><img src=x onerror=alert(2)>"'&`;

/** Forms whose text is shown on a page, and the page (its loader) that shows it. */
const DISPLAYS: { file: string; intent: string; field: string; page: string; id: (location: string) => string }[] = [
  {
    file: "_staff.programs._index.tsx",
    intent: "",
    field: "description",
    page: "_staff.programs.$id._index.tsx",
    id: idIn,
  },
  {
    file: "_staff.consultants.new.tsx",
    intent: "",
    field: "staffNotes",
    page: "_staff.consultants.$id._index.tsx",
    id: idIn,
  },
  {
    file: "_staff.engagements.new.tsx",
    intent: "",
    field: "scopeWhat",
    page: "_staff.engagements.$id._index.tsx",
    id: idIn,
  },
  {
    file: "_staff.programs.$id.input.tsx",
    intent: "",
    field: "summary",
    page: "_staff.program-inputs.$id.tsx",
    id: idIn,
  },
  {
    file: "_staff.consent.uses._index.tsx",
    intent: "",
    field: "description",
    page: "_staff.consent.uses.$id.tsx",
    id: idIn,
  },
  {
    file: "_staff.assessments._index.tsx",
    intent: "",
    field: "title",
    page: "_staff.assessments.$id._index.tsx",
    id: idIn,
  },
  {
    file: "_staff.settings.checklist.tsx",
    intent: "add",
    field: "label",
    page: "_staff.settings.checklist.tsx",
    id: () => "",
  },
];
function idIn(location: string) {
  return location.split("?")[0]!.split("/").at(-1)!;
}

let build: ServerBuild;
beforeAll(async () => {
  build = (await import(pathToFileURL(path.join(REPO_ROOT, "build", "index.js")).href)) as ServerBuild;
});

describe("stored markup comes back as text", () => {
  it.each(DISPLAYS)("$file → $field is data in the loader and escaped in the page", async (d) => {
    const entry = ACTION_FORMS[d.file]!;
    const cookie = cookies.get(entry.actor);
    const saved = await send(d.file, d.intent, { ...formFor(entry, d.intent, own), [d.field]: MARKUP });
    expect(saved.status, JSON.stringify(saved.data)).toBe(302);
    const location = saved.location!.split("#")[0]!;
    const id = d.id(location);
    const loaded = await callRoute(modules.get(d.page)!.loader, makeRequest(location, { cookie }), id ? { id } : {});
    expect(JSON.stringify(loaded.data)).toContain(JSON.stringify(MARKUP).slice(1, -1));
    // The real server build renders the page: React escapes text, Remix escapes the hydration data.
    const html = await (await createRequestHandler(build, "production")(makeRequest(location, { cookie }))).text();
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<img src=x onerror");
  });
});
