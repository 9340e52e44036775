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
  return drizzle(sqlite, { schema }) as AppDatabase;
}

/**
 * Applies pending migrations. drizzle-kit rebuilds SQLite tables by copying and dropping them inside
 * the migration transaction, where `PRAGMA foreign_keys=OFF` has no effect: dropping the old table
 * would cascade-delete rows that reference it. So foreign keys are switched off on the connection,
 * outside the transaction, and every reference is checked once the migrations have run.
 */
export function applyMigrations(db: AppDatabase) {
  const sqlite = db.$client;
  sqlite.pragma("foreign_keys = OFF");
  try {
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    assertAuditLogIsAppendOnly(sqlite);
    const broken = sqlite.pragma("foreign_key_check") as unknown[];
    if (broken.length > 0) {
      throw new Error(
        `Migration left ${broken.length} rows with broken references; restore the backup and fix the migration.`,
      );
    }
  } finally {
    sqlite.pragma("foreign_keys = ON");
  }
}

// The triggers come from a hand-written migration; a later table rebuild by drizzle-kit would
// drop them without a word. Refuse to start without them.
function assertAuditLogIsAppendOnly(sqlite: Database.Database) {
  const row = sqlite
    .prepare(
      "select count(*) as n from sqlite_master where type = 'trigger' and name in ('audit_events_no_update', 'audit_events_no_delete')",
    )
    .get() as { n: number };
  if (row.n !== 2)
    throw new Error("The audit log's append-only triggers are missing: fix the migrations before starting.");
}
