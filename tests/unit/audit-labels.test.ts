// Every action the app writes to the audit log has a name people read on the audit log page (the
// catalogs test holds every other language to English's keys). A code without one would be shown bare.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import staff from "~/locales/en/staff.json";

type Catalog = { [key: string]: string | Catalog };

function leaves(catalog: Catalog, prefix = ""): string[] {
  return Object.entries(catalog).flatMap(([key, value]) =>
    typeof value === "string" ? [prefix + key] : leaves(value, `${prefix}${key}.`),
  );
}

function filesBelow(dir: string, extension: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesBelow(full, extension);
    return entry.name.endsWith(extension) ? [full] : [];
  });
}

const named = new Set(leaves(staff.admin.audit.actions as Catalog));
const groups = Object.keys(staff.admin.audit.actions);

// Codes put together at run time from a fixed set of values: `consent.${decision}`, `consent_use.${status}`,
// `program_input.${step}`, `payment.staff_told.${notice}`.
const MADE_AT_RUN_TIME = [
  ...["granted", "declined", "withdrawn"].map((d) => `consent.${d}`),
  ...["planned", "published"].map((s) => `consent_use.${s}`),
  ...["review_started", "decided", "reported_back"].map((s) => `program_input.${s}`),
  ...["needed_now", "declined", "wanted_again"].map((n) => `payment.staff_told.${n}`),
];

/** Codes written in the server code and the migrations: "group.what", in a known group or after `action:`. */
function writtenCodes(): Set<string> {
  const sources = [
    ...filesBelow(path.resolve("app"), ".ts").filter((f) => !f.includes(`${path.sep}routes${path.sep}`)),
    ...filesBelow(path.resolve("db/migrations"), ".sql"),
  ];
  const inGroup = new RegExp(`["'\`]((?:${groups.join("|")})(?:\\.[a-z_]+)+)["'\`]`, "g");
  const afterAction = /\baction: "([a-z_]+(?:\.[a-z_]+)+)"/g;
  const codes = new Set<string>();
  for (const file of sources) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(inGroup)) codes.add(match[1]!);
    for (const match of text.matchAll(afterAction)) codes.add(match[1]!);
  }
  return codes;
}

test("every audited action has a name in the catalog", () => {
  const codes = writtenCodes();
  // The scan finds what it should: a sample of codes written in different ways.
  for (const code of ["session.login", "membership.deactivated", "checklist.item_added", "payment.due_date_recomputed"])
    expect(codes, code).toContain(code);
  const unnamed = [...codes, ...MADE_AT_RUN_TIME].filter((code) => !named.has(code));
  expect(unnamed).toEqual([]);
});
