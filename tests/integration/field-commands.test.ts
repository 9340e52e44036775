// The field encryption commands (ADR 008) run as an operator runs them, on a database of their own.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, inject, it } from "vitest";
import { REPO_ROOT } from "../setup/paths";

const database = path.join(inject("runDir"), `commands-${randomUUID()}.db`);
fs.copyFileSync(path.join(inject("runDir"), "base.db"), database);
afterAll(() => {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${database}${suffix}`, { force: true });
});

function run(script: string) {
  return execFileSync(path.join(REPO_ROOT, "node_modules", ".bin", "tsx"), [script], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: database, FIELD_ENCRYPTION_KEY_FILE: inject("fieldKeyFile") },
    encoding: "utf8",
  });
}

it("db:encrypt-fields says that values in clear are refused from now on", () => {
  expect(run("db/encrypt-fields-cli.ts")).toMatch(/from now on a value found in clear is refused/);
});

it("db:rotate-key tells the operator to restart the server, which holds the old keys in memory", () => {
  const output = run("db/rotate-key-cli.ts");
  expect(output).toMatch(/Key rotation/);
  expect(output).toMatch(/Restart every running server now/);
});
