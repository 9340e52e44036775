import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { applyMigrations, openDatabase } from "../../db/connection";
import { BASE_DB, REPO_ROOT, TMP_DIR } from "./paths";

function removeTestDatabases() {
  if (!fs.existsSync(TMP_DIR)) return;
  for (const name of fs.readdirSync(TMP_DIR)) {
    if (name.startsWith("test-") || name.startsWith("base.db")) fs.rmSync(path.join(TMP_DIR, name), { force: true });
  }
}

// Migrate one database for the whole run; each test file then works on its own copy of it.
export default function setup() {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  removeTestDatabases();
  const db = openDatabase(BASE_DB);
  applyMigrations(db);
  // Fold the WAL into the main file so a plain file copy holds everything.
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.pragma("journal_mode = DELETE");
  db.$client.close();
  // The HTTP tests run the real server build, so make sure it is current.
  // Vitest sets NODE_ENV=test, which would make Remix emit a development build.
  execFileSync("npx", ["remix", "build"], { cwd: REPO_ROOT, stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
  return removeTestDatabases;
}
