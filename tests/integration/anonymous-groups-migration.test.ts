// The migration that brings in whole groups of anonymous answers: sets sent before it, wherever the
// survivors' view was already shown (three consultants had sent, named or not), all stay in it
// (holding one back would let its answers be read as the difference); elsewhere they wait.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER } from "../../db/connection";

type Journal = { entries: { tag: string }[] };

/** A copy of the migrations folder that stops just before the groups migration. */
function migrationsBeforeGroups() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  fs.cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as Journal;
  const at = journal.entries.findIndex((e) => e.tag.endsWith("_anonymous_sets_join_in_groups"));
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

describe("anonymous sets sent before groups", () => {
  it("stay in the view wherever it was shown, named answers counted, and wait where it was not", () => {
    const sqlite = new Database(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "migrate-")), "m.db"));
    const db = drizzle(sqlite);
    sqlite.pragma("foreign_keys = OFF");
    migrate(db, { migrationsFolder: migrationsBeforeGroups() });
    const now = Date.now();
    sqlite.exec(`
      insert into organizations (id, name, created_at) values ('org', 'Org', ${now});
      insert into assessment_templates (id, key, version, title, definition, checksum, created_at)
        values ('tpl', 'survivor-informed-readiness', 1, 'Readiness', '{}', 'x', ${now});
      insert into assessments (id, organization_id, template_id, title, status, created_at, updated_at) values
        ('four', 'org', 'tpl', 'Four', 'draft', ${now}, ${now}),
        ('two', 'org', 'tpl', 'Two', 'draft', ${now}, ${now}),
        ('mixed', 'org', 'tpl', 'Mixed', 'draft', ${now}, ${now}),
        ('unsent', 'org', 'tpl', 'Unsent', 'draft', ${now}, ${now});
      insert into consultants (id, organization_id, preferred_name, created_at, updated_at) values
        ('c1', 'org', 'One', ${now}, ${now}), ('c2', 'org', 'Two', ${now}, ${now}), ('c3', 'org', 'Three', ${now}, ${now});
      insert into assessment_respondents (id, assessment_id, kind) values
        ('f1', 'four', 'anonymous'), ('f2', 'four', 'anonymous'), ('f3', 'four', 'anonymous'),
        ('f4', 'four', 'anonymous'), ('fe', 'four', 'earlier'),
        ('t1', 'two', 'anonymous'), ('t2', 'two', 'anonymous'),
        ('ua', 'unsent', 'anonymous');
      -- Three named answers sent beside one anonymous set: the view was shown, with it inside.
      insert into assessment_respondents (id, assessment_id, kind, consultant_id, sent_at) values
        ('m1', 'mixed', 'consultant', 'c1', ${now}), ('m2', 'mixed', 'consultant', 'c2', ${now}),
        ('m3', 'mixed', 'consultant', 'c3', ${now}),
        -- Two sent and one still a draft: the view was not shown.
        ('u1', 'unsent', 'consultant', 'c1', ${now}), ('u2', 'unsent', 'consultant', 'c2', null);
      insert into assessment_respondents (id, assessment_id, kind) values ('ma', 'mixed', 'anonymous');
    `);
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    const rows = sqlite.prepare("select id, anonymous_group from assessment_respondents order by id").all();
    expect(rows).toEqual([
      { id: "f1", anonymous_group: 1 },
      { id: "f2", anonymous_group: 1 },
      { id: "f3", anonymous_group: 1 },
      { id: "f4", anonymous_group: 1 },
      { id: "fe", anonymous_group: null },
      { id: "m1", anonymous_group: null },
      { id: "m2", anonymous_group: null },
      { id: "m3", anonymous_group: null },
      { id: "ma", anonymous_group: 1 },
      { id: "t1", anonymous_group: null },
      { id: "t2", anonymous_group: null },
      { id: "u1", anonymous_group: null },
      { id: "u2", anonymous_group: null },
      { id: "ua", anonymous_group: null },
    ]);
  });
});
