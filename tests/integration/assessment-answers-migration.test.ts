// The migration that keeps answers per respondent: answers saved before it (one shared answer per
// item, with who saved it last) go to that member of staff, or to one "earlier answers" respondent
// when nobody was recorded, and every score stays as it was.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER } from "../../db/connection";

type Journal = { entries: { tag: string }[] };

/** A copy of the migrations folder that stops just before the respondents migration. */
function migrationsBeforeRespondents() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  fs.cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as Journal;
  const at = journal.entries.findIndex((e) => e.tag.endsWith("_assessment_respondents"));
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

describe("moving answers to respondents", () => {
  it("gives each answer to whoever saved it last, or to an “earlier answers” respondent, leaving every value as it was", () => {
    const sqlite = new Database(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "migrate-")), "m.db"));
    const db = drizzle(sqlite);
    sqlite.pragma("foreign_keys = OFF");
    migrate(db, { migrationsFolder: migrationsBeforeRespondents() });
    const now = Date.now();
    sqlite.exec(`
      insert into organizations (id, name, created_at) values ('org', 'Org', ${now});
      insert into users (id, email, preferred_name, created_at) values
        ('sam', 'sam@x.test', 'Sam', ${now}), ('dana', 'dana@x.test', 'Dana', ${now});
      insert into assessment_templates (id, key, version, title, definition, checksum, created_at)
        values ('tpl', 'survivor-informed-readiness', 1, 'Readiness', '{}', 'x', ${now});
      insert into assessments (id, organization_id, template_id, title, status, created_at, updated_at) values
        ('a1', 'org', 'tpl', 'One', 'complete', ${now}, ${now}),
        ('a2', 'org', 'tpl', 'Two', 'draft', ${now}, ${now});
      insert into assessment_answers (assessment_id, item_key, value, updated_by_user_id, updated_at) values
        ('a1', 'mission-statement', '2', 'sam', 1000),
        ('a1', 'budget-line', '"na"', 'dana', 2000),
        ('a1', 'paid-on-time', '3', 'sam', 3000),
        ('a1', 'know-partners', '1', null, 4000),
        ('a2', 'mission-statement', '0', null, 5000),
        ('a2', 'story-belongs', '1', null, 6000);
    `);
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    expect(sqlite.pragma("foreign_key_check")).toEqual([]);

    const respondents = sqlite
      .prepare("select id, assessment_id, kind, user_id, consultant_id, sent_at from assessment_respondents")
      .all() as { id: string; assessment_id: string; kind: string; user_id: string | null }[];
    expect(respondents.map((r) => `${r.assessment_id}:${r.kind}:${r.user_id ?? "-"}`).sort()).toEqual([
      "a1:earlier:-",
      "a1:staff:dana",
      "a1:staff:sam",
      "a2:earlier:-",
    ]);
    expect(new Set(respondents.map((r) => r.id)).size).toBe(4);
    for (const r of respondents)
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const answers = sqlite
      .prepare(
        `select a.assessment_id, a.item_key, a.value, a.updated_at, r.kind, r.user_id
         from assessment_answers a join assessment_respondents r on r.id = a.respondent_id
         order by a.updated_at`,
      )
      .all();
    expect(answers).toEqual([
      {
        assessment_id: "a1",
        item_key: "mission-statement",
        value: "2",
        updated_at: 1000,
        kind: "staff",
        user_id: "sam",
      },
      { assessment_id: "a1", item_key: "budget-line", value: '"na"', updated_at: 2000, kind: "staff", user_id: "dana" },
      { assessment_id: "a1", item_key: "paid-on-time", value: "3", updated_at: 3000, kind: "staff", user_id: "sam" },
      { assessment_id: "a1", item_key: "know-partners", value: "1", updated_at: 4000, kind: "earlier", user_id: null },
      {
        assessment_id: "a2",
        item_key: "mission-statement",
        value: "0",
        updated_at: 5000,
        kind: "earlier",
        user_id: null,
      },
      { assessment_id: "a2", item_key: "story-belongs", value: "1", updated_at: 6000, kind: "earlier", user_id: null },
    ]);
    sqlite.close();
  });
});
