// Start-up on a large database: the full foreign-key check reads every row of the file, so
// it runs only when migrations were applied, not at every start.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { describe, expect, it, vi } from "vitest";
import * as schema from "../../db/schema";
import { applyMigrations, type AppDatabase } from "../../db/connection";

function emptyDatabase() {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "migrate-")), "m.db");
  return drizzle(new Database(file), { schema }) as AppDatabase;
}

const foreignKeyChecks = (spy: { mock: { calls: unknown[][] } }) =>
  spy.mock.calls.filter(([pragma]) => pragma === "foreign_key_check").length;

describe("applying migrations", () => {
  it("checks every reference after applying migrations, and not when there was nothing to apply", () => {
    const db = emptyDatabase();
    const pragma = vi.spyOn(db.$client, "pragma");
    expect(applyMigrations(db)).toBeGreaterThan(0);
    expect(foreignKeyChecks(pragma)).toBe(1);

    pragma.mockClear();
    expect(applyMigrations(db)).toBe(0);
    expect(foreignKeyChecks(pragma)).toBe(0);
    // Foreign keys are back on for the app's connection either way.
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
  });
});
