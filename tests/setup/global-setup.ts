import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations, openDatabase } from "../../db/connection";
import { readTemplateFiles, storeTemplates } from "../../db/template-files";
import { ensureKeyFile } from "../../app/utils/field-crypto.server";
import { REPO_ROOT, TMP_DIR } from "./paths";

// Migrate one database for the whole run; each test file then works on its own copy of it.
// Each run has its own folder, so two runs at once never touch each other's files.
export default function setup(project: TestProject) {
  const runDir = path.join(TMP_DIR, `run-${process.pid}`);
  fs.mkdirSync(runDir, { recursive: true });
  // One field encryption key for the run (ADR 008); every test file and server it starts uses it.
  const keyFile = path.join(runDir, "field-encryption.key");
  ensureKeyFile(keyFile);
  process.env.FIELD_ENCRYPTION_KEY_FILE = keyFile;
  const db = openDatabase(path.join(runDir, "base.db"));
  applyMigrations(db);
  db.transaction((tx) => storeTemplates(tx, readTemplateFiles()));
  // Fold the WAL into the main file so a plain file copy holds everything.
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.pragma("journal_mode = DELETE");
  db.$client.close();
  project.provide("runDir", runDir);
  project.provide("fieldKeyFile", keyFile);
  // The HTTP tests run the real server build, so make sure it is current. Vitest sets
  // NODE_ENV=test, which would make Remix emit a development build.
  execFileSync("npx", ["remix", "build"], {
    cwd: REPO_ROOT,
    stdio: "ignore",
    env: { ...process.env, NODE_ENV: "production" },
  });
  return () => fs.rmSync(runDir, { recursive: true, force: true });
}
