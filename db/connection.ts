import path from "node:path";
import fs from "node:fs";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type AppDatabase = BetterSQLite3Database<typeof schema> & {
  $client: Database.Database;
};

export const MIGRATIONS_FOLDER = path.resolve(
  process.env.MIGRATIONS_FOLDER ?? path.join(process.cwd(), "db", "migrations"),
);

export function resolveDatabasePath(url = process.env.DATABASE_URL) {
  const raw = url && url.length > 0 ? url : "./data/app.db";
  return raw.startsWith("file:") ? raw.slice("file:".length) : raw;
}

export function openDatabase(file = resolveDatabasePath()): AppDatabase {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  // Freed space is zeroed, so erased details (ADR 009) do not linger in the file's free pages.
  sqlite.pragma("secure_delete = ON");
  // SQLite's advice for long-lived connections: gather statistics where they are missing or stale
  // (0x10000: check every table, not only those this connection has used), so the planner knows an
  // organization has many payments but each consultant few, and starts from the narrower index.
  // Cheap on a database already analysed; limited to a bounded sample on first run.
  sqlite.pragma("optimize = 0x10002");
  return drizzle(sqlite, { schema }) as AppDatabase;
}

/**
 * Applies pending migrations and says how many it applied. drizzle-kit rebuilds SQLite tables by
 * copying and dropping them inside the migration transaction, where `PRAGMA foreign_keys=OFF` has
 * no effect: dropping the old table would cascade-delete rows that reference it. So foreign keys
 * are switched off on the connection, outside the transaction, and every reference is checked once
 * migrations have run. Only when some did: with foreign keys on, nothing else can break a
 * reference, and the full check reads every row of the file (seconds to minutes on a large one),
 * which every server start would otherwise pay for.
 */
export function applyMigrations(db: AppDatabase) {
  const sqlite = db.$client;
  sqlite.pragma("foreign_keys = OFF");
  try {
    const before = appliedMigrationCount(sqlite);
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    assertAppendOnlyTriggers(sqlite);
    const applied = appliedMigrationCount(sqlite) - before;
    if (applied > 0) {
      const broken = sqlite.pragma("foreign_key_check") as unknown[];
      if (broken.length > 0) {
        throw new Error(
          `Migration left ${broken.length} rows with broken references; restore the backup and fix the migration.`,
        );
      }
    }
    return applied;
  } finally {
    sqlite.pragma("foreign_keys = ON");
  }
}

// drizzle's migrator records each applied migration in this table (made by the first run).
function appliedMigrationCount(sqlite: Database.Database) {
  const table = sqlite
    .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
    .get();
  return table ? (sqlite.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number }).n : 0;
}

// The triggers come from hand-written migrations; a later table rebuild by drizzle-kit would
// drop them without a word. Refuse to start without them.
const APPEND_ONLY_TABLES = ["audit_events", "engagement_agreements", "consent_events", "consent_purpose_versions"];

function assertAppendOnlyTriggers(sqlite: Database.Database) {
  const expected = APPEND_ONLY_TABLES.flatMap((table) => [`${table}_no_update`, `${table}_no_delete`]);
  const found = new Set(
    (sqlite.prepare("select name from sqlite_master where type = 'trigger'").all() as { name: string }[]).map(
      (r) => r.name,
    ),
  );
  const missing = expected.filter((name) => !found.has(name));
  if (missing.length > 0) {
    throw new Error(`Append-only triggers are missing (${missing.join(", ")}): fix the migrations before starting.`);
  }
}
