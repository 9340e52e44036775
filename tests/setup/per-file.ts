import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";
import { BASE_DB, TMP_DIR } from "./paths";

// Runs before each test file imports anything, so the app's db module opens this file's copy.
const file = path.join(TMP_DIR, `test-${process.pid}-${randomUUID()}.db`);
fs.copyFileSync(BASE_DB, file);
process.env.DATABASE_URL = file;
globalThis.__appDb = undefined;

afterAll(() => {
  globalThis.__appDb?.$client.close();
  globalThis.__appDb = undefined;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
});
