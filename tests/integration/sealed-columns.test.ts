// Sealed columns (ADR 008) are read only by the field modules, which open what they read. A read
// anywhere else gets ciphertext: it shows nothing, but it also matches nothing, so a rule that
// compares it with text (taking a name out of a report, say) silently does not work. This scans
// the source of app/ for any read of a sealed column outside those modules.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { getTableColumns, getTableName } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as schema from "../../db/schema";
import { SEALED_COLUMNS } from "../../app/models/field-maintenance.server";
import { REPO_ROOT } from "../setup/paths";

/** The modules that seal and open: the only ones that may touch a sealed column. */
const FIELD_MODULES = [
  "app/utils/field-crypto.server.ts",
  "app/models/consultant-fields.server.ts",
  "app/models/two-factor-secret.server.ts",
  "app/models/field-maintenance.server.ts",
  "app/models/support-fields.server.ts",
];

/** What sealing or opening by hand looks like: outside the field modules, nothing calls these. */
const CRYPTO_FUNCTIONS = new Set(["encryptField", "decryptField", "encryptNullable", "decryptNullable"]);

type SealedTable = { variable: string; sqlName: string; properties: Set<string>; sqlColumns: Set<string> };

/** The sealed tables and columns in every spelling the source may use, from SEALED_COLUMNS only. */
const SEALED: SealedTable[] = SEALED_COLUMNS.map(({ table, columns }) => {
  const variable = Object.entries(schema).find(([, value]) => value === table)![0];
  const byProperty = Object.entries(getTableColumns(table));
  return {
    variable,
    sqlName: getTableName(table),
    properties: new Set(columns.map((column) => byProperty.find(([, c]) => c === column)![0])),
    sqlColumns: new Set(columns.map((column) => column.name)),
  };
});
const tableByVariable = new Map(SEALED.map((t) => [t.variable, t]));

// Calls that name the table a zero-argument select() or returning() reads every column of.
const TABLE_CALLS = new Set(["from", "insert", "update", "delete", "join", "innerJoin", "leftJoin", "rightJoin", "fullJoin", "crossJoin"]); // prettier-ignore
const WHOLE_ROW_CALLS = new Set(["select", "selectDistinct", "returning"]);

const word = (text: string, w: string) => new RegExp(`(^|[^a-z0-9_])${w}($|[^a-z0-9_])`, "i").test(text);

/** Where a source file reads a sealed column directly, as "line: what". */
export function sealedColumnReads(fileName: string, source: string) {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, what: string) =>
    found.push(`${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${what}`);
  const tableOf = (node: ts.Expression) => {
    // `consultants` or `schema.consultants`
    const name = ts.isIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : null;
    return name ? tableByVariable.get(name) : undefined;
  };
  const calleeName = (call: ts.CallExpression) =>
    ts.isPropertyAccessExpression(call.expression)
      ? call.expression.name.text
      : ts.isIdentifier(call.expression)
        ? call.expression.text
        : null;

  /** Raw SQL: a literal naming a sealed column (snake_case names are distinctive on their own). */
  const checkLiteral = (node: ts.Node, text: string) => {
    for (const table of SEALED) {
      const mentionsTable = word(text, table.sqlName);
      for (const column of table.sqlColumns) {
        if (word(text, column) && (column.includes("_") || mentionsTable)) {
          report(node, `SQL text names ${table.sqlName}.${column}`);
        }
      }
      if (mentionsTable && /select\s+(\w+\.)?\*/i.test(text)) report(node, `SQL text selects * from ${table.sqlName}`);
    }
  };

  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node)) {
      const table = tableOf(node.expression);
      if (table?.properties.has(node.name.text)) report(node, `reads ${table.variable}.${node.name.text}`);
      // The relational query API: db.query.consultants reads whole rows.
      if (tableByVariable.has(node.name.text) && /(^|\.)query$/.test(node.expression.getText())) {
        report(node, `reads whole rows of ${node.name.text} through db.query`);
      }
    }
    if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
      const table = tableOf(node.expression);
      if (table?.properties.has(node.argumentExpression.text)) {
        report(node, `reads ${table.variable}["${node.argumentExpression.text}"]`);
      }
    }
    if (ts.isImportSpecifier(node) && node.propertyName && tableByVariable.has(node.propertyName.text)) {
      report(node, `imports ${node.propertyName.text} under another name, out of sight of this check`);
    }
    if (ts.isIdentifier(node) && CRYPTO_FUNCTIONS.has(node.text)) report(node, `seals or opens by hand (${node.text})`);
    if (ts.isCallExpression(node)) {
      const name = calleeName(node);
      if (name === "getTableColumns" && node.arguments[0] && tableOf(node.arguments[0])) {
        report(node, `reads every column of ${tableOf(node.arguments[0])!.variable}`);
      }
      if (name && WHOLE_ROW_CALLS.has(name) && node.arguments.length === 0) {
        // The whole query chain the call belongs to: what it reads from is above or below it.
        let chain: ts.Node = node;
        while (
          (ts.isPropertyAccessExpression(chain.parent) || ts.isCallExpression(chain.parent)) &&
          (chain.parent as ts.PropertyAccessExpression | ts.CallExpression).expression === chain
        ) {
          chain = chain.parent;
        }
        const tables = new Set<string>();
        const collect = (n: ts.Node) => {
          if (ts.isCallExpression(n) && TABLE_CALLS.has(calleeName(n) ?? "") && n.arguments[0]) {
            const table = tableOf(n.arguments[0]);
            if (table) tables.add(table.variable);
          }
          n.forEachChild(collect);
        };
        collect(chain);
        for (const table of tables) report(node, `${name}() reads every column of ${table}`);
      }
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) checkLiteral(node, node.text);
    if (ts.isTemplateExpression(node)) {
      // `${consultants}` in a sql`` template is the table's name in the SQL.
      const text = node.templateSpans.reduce((out, span) => {
        const table = tableOf(span.expression);
        return `${out} ${table ? table.sqlName : "?"} ${span.literal.text}`;
      }, node.head.text);
      checkLiteral(node, text);
    }
    node.forEachChild(visit);
  };
  visit(file);
  return found;
}

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|jsx|mjs|cjs)$/.test(entry.name) ? [full] : [];
  });
}

describe("sealed columns", () => {
  it("are listed in one place, with the spellings this check looks for", () => {
    expect(SEALED.map((t) => [t.variable, t.sqlName, [...t.sqlColumns].sort()])).toEqual([
      [
        "consultants",
        "consultants",
        ["access_needs", "availability_note", "legal_name", "phone", "staff_notes", "support_person"],
      ],
      ["twoFactorCredentials", "two_factor_credentials", ["secret"]],
      ["supportItems", "support_items", ["details"]],
    ]);
  });

  it("the check finds every way of reading one", () => {
    const reads = (code: string) => sealedColumnReads("sample.ts", code);
    const samples = [
      `db.select({ name: consultants.legalName }).from(consultants).all();`,
      `db.select({ s: schema.twoFactorCredentials.secret }).from(schema.twoFactorCredentials).get();`,
      `const c = consultants["staffNotes"];`,
      `db.select().from(consultants).all();`,
      `db.select().from(payments).innerJoin(consultants, eq(consultants.id, payments.consultantId)).all();`,
      `tx.select().from(twoFactorCredentials).all();`,
      `db.insert(consultants).values(v).returning().get();`,
      `tx.update(consultants).set(v).where(w).returning().get();`,
      `db.query.consultants.findFirst();`,
      `const all = getTableColumns(consultants);`,
      `import { consultants as people } from "../../db/schema";`,
      `db.$client.prepare("select legal_name from consultants where id = ?").get(id);`,
      `db.$client.prepare("SELECT c.phone FROM consultants c").all();`,
      `db.all(sql\`select phone, email from \${consultants} where id = \${id}\`);`,
      `db.all(sql\`select * from \${consultants}\`);`,
      `sql.raw("access_needs")`,
      `db.$client.prepare("select secret from two_factor_credentials").all();`,
      `const name = decryptField(row.legalName, aad);`,
    ];
    for (const sample of samples) expect(reads(sample), sample).not.toEqual([]);
    const allowed = [
      `db.select({ id: consultants.id, name: consultants.preferredName }).from(consultants).all();`,
      `db.select({ ...sealedConsultantColumns("phone") }).from(consultants).get();`,
      `db.select().from(payments).all();`,
      `tx.insert(consultants).values(v).returning({ id: consultants.id }).get();`,
      `db.update(consultants).set({ phoneSafety: "safe" }).run();`,
      `const label = "Phone number";`,
      `const text = "Consultants choose how we reach them.";`,
    ];
    for (const sample of allowed) expect(reads(sample), sample).toEqual([]);
  });

  it("are read only by the field modules, which open what they read", () => {
    const appFolder = path.join(REPO_ROOT, "app");
    const found = sourceFiles(appFolder)
      .map((file) => path.relative(REPO_ROOT, file).split(path.sep).join("/"))
      .filter((file) => !FIELD_MODULES.includes(file))
      .flatMap((file) =>
        sealedColumnReads(file, fs.readFileSync(path.join(REPO_ROOT, file), "utf8")).map((r) => `${file}:${r}`),
      );
    expect(found, "ask consultant-fields or two-factor-secret for the opened values instead").toEqual([]);
  });
});
