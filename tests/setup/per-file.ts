import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, inject } from "vitest";

// Runs before each test file imports anything, so the app's db module opens this file's copy.
const runDir = inject("runDir");
const file = path.join(runDir, `test-${randomUUID()}.db`);
fs.copyFileSync(path.join(runDir, "base.db"), file);
process.env.DATABASE_URL = file;
process.env.FIELD_ENCRYPTION_KEY_FILE = inject("fieldKeyFile");
delete process.env.FIELD_ENCRYPTION_KEYS;
globalThis.__appDb = undefined;

afterAll(() => {
  globalThis.__appDb?.$client.close();
  globalThis.__appDb = undefined;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
});
