// The migration that lets an erasure empty the support plan's words in accepted terms: it applies on a
// database that already holds answers, leaves every stored answer as it was, and the trigger it
// makes allows exactly that emptying, for an erased consultant only.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER } from "../../db/connection";
import * as schema from "../../db/schema";

type Journal = { entries: { tag: string }[] };

/** A copy of the migrations folder that stops just before this migration. */
function migrationsBefore(suffix: string) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  fs.cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as Journal;
  const at = journal.entries.findIndex((e) => e.tag.endsWith(suffix));
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

const plan = [
  { kind: "interpreter", language: "Tigrinya", status: "arranged", arrangement: "Selam, booked", declineReason: null },
  { kind: "childcare", language: null, status: "declined", arrangement: null, declineReason: "Nobody near Ñuñoa" },
];

describe("emptying the support plan's words in accepted terms", () => {
  it("applies on a database with answers, keeps them as they were, and allows only that emptying after an erasure", () => {
    const sqlite = new Database(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "migrate-")), "m.db"));
    const db = drizzle(sqlite, { schema });
    sqlite.pragma("foreign_keys = OFF");
    migrate(db, { migrationsFolder: migrationsBefore("_erasure_empties_support_plan_in_terms") });

    const org = db.insert(schema.organizations).values({ name: "Org" }).returning().get();
    const user = db.insert(schema.users).values({ email: "selam@x.test", preferredName: "Selam" }).returning().get();
    const consultant = db
      .insert(schema.consultants)
      .values({ organizationId: org.id, preferredName: "Selam", userId: user.id })
      .returning()
      .get();
    const program = db.insert(schema.programs).values({ organizationId: org.id, name: "Program" }).returning().get();
    const engagement = db
      .insert(schema.engagements)
      .values({
        organizationId: org.id,
        consultantId: consultant.id,
        programId: program.id,
        stage: "delivery",
        level: "consult",
        title: "Co-facilitate a training",
        scopeWhat: "Two sessions",
        rateKind: "hourly",
        rateCents: 6000,
        paymentDueDays: 30,
      })
      .returning()
      .get();
    const terms = { title: "Co-facilitate a training", rateCents: 6000, termsTranslations: {}, supportPlan: plan };
    const [withPlan, beforePlans] = [terms, { title: "Older terms", rateCents: 5000 }].map((termsSnapshot, i) =>
      db
        .insert(schema.engagementAgreements)
        .values({
          organizationId: org.id,
          engagementId: engagement.id,
          termsVersion: i + 1,
          decision: "accepted",
          message: "Thank you",
          termsSnapshot,
          decidedByUserId: user.id,
        })
        .returning()
        .get(),
    );
    const stored = () => sqlite.prepare("select * from engagement_agreements order by terms_version").all();
    const before = stored();

    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    expect(sqlite.pragma("foreign_key_check")).toEqual([]);
    expect(stored()).toEqual(before);
    const triggers = sqlite
      .prepare("select name from sqlite_master where type = 'trigger' and tbl_name = 'engagement_agreements'")
      .all();
    expect(triggers.map((t) => (t as { name: string }).name).sort()).toEqual([
      "engagement_agreements_no_delete",
      "engagement_agreements_no_update",
    ]);

    const emptyWords = sql`json_set(${schema.engagementAgreements.termsSnapshot},
      '$.supportPlan[0].language', null, '$.supportPlan[0].arrangement', null, '$.supportPlan[0].declineReason', null,
      '$.supportPlan[1].language', null, '$.supportPlan[1].arrangement', null, '$.supportPlan[1].declineReason', null)`;
    const empty = () =>
      db
        .update(schema.engagementAgreements)
        .set({ message: null, termsSnapshot: emptyWords as never })
        .where(eq(schema.engagementAgreements.id, withPlan!.id))
        .run();
    // Not while the consultant's record stands.
    expect(empty).toThrow(/append-only/);
    expect(stored()).toEqual(before);

    db.update(schema.consultants).set({ erasedAt: new Date() }).where(eq(schema.consultants.id, consultant.id)).run();
    empty();
    const after = db
      .select()
      .from(schema.engagementAgreements)
      .where(eq(schema.engagementAgreements.id, withPlan!.id))
      .get()!;
    expect(after.termsSnapshot).toEqual({
      ...terms,
      supportPlan: plan.map((item) => ({ ...item, language: null, arrangement: null, declineReason: null })),
    });
    expect(after.message).toBeNull();
    // Terms from before support plans have none to empty; their other words stay.
    db.update(schema.engagementAgreements)
      .set({ message: null })
      .where(eq(schema.engagementAgreements.id, beforePlans!.id))
      .run();
    for (const change of [
      sql`json_set(terms_snapshot, '$.rateCents', 1)`,
      sql`json_set(terms_snapshot, '$.title', 'Another')`,
      sql`json_set(terms_snapshot, '$.supportPlan', json('[]'))`,
    ]) {
      for (const id of [withPlan!.id, beforePlans!.id]) {
        expect(
          () =>
            db
              .update(schema.engagementAgreements)
              .set({ termsSnapshot: change as never })
              .where(eq(schema.engagementAgreements.id, id))
              .run(),
          id === withPlan!.id ? "terms with a plan" : "terms from before plans",
        ).toThrow(/append-only/);
      }
    }
    expect(() =>
      db.delete(schema.engagementAgreements).where(eq(schema.engagementAgreements.id, withPlan!.id)).run(),
    ).toThrow(/append-only/);
    sqlite.close();
  });
});
