import { applyMigrations, openDatabase, type AppDatabase } from "../../db/connection";
import { keyRing } from "./field-crypto.server";

export type { AppDatabase };
export type Transaction = Parameters<Parameters<AppDatabase["transaction"]>[0]>[0];
/** Either the database or an open transaction: model functions accept both. */
export type Executor = AppDatabase | Transaction;

declare global {
  var __appDb: AppDatabase | undefined;
}

// One connection per process, migrated when first opened (which is at server start, since the
// server build imports this module). Kept on globalThis so development rebuilds reuse it.
function connect() {
  // Before anything is opened: without its key the server would fail on the first sealed field,
  // and in production it must not start at all rather than risk writing personal details in clear.
  keyRing();
  const db = openDatabase();
  applyMigrations(db);
  return db;
}

export const db: AppDatabase = globalThis.__appDb ?? (globalThis.__appDb = connect());

/** Closes the connection when the server stops; SQLite checkpoints the -wal into the file on the last close. */
export function closeDatabase() {
  if (db.$client.open) db.$client.close();
}
