// db/backup.ts against real SQLite files: each test gets its own copy of the migrated base database.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { openDatabase, type AppDatabase } from "../../db/connection";
import { organizations } from "../../db/schema";
import { backupDatabase, DatabaseCheckError, DatabaseInUseError, pruneBackups, restoreDatabase } from "../../db/backup";

let dir: string;
let databasePath: string;
let backupDir: string;
const open: AppDatabase[] = [];

beforeEach(() => {
  dir = path.join(inject("runDir"), `backup-${randomUUID()}`);
  fs.mkdirSync(dir);
  databasePath = path.join(dir, "app.db");
  backupDir = path.join(dir, "backups");
  fs.copyFileSync(path.join(inject("runDir"), "base.db"), databasePath);
});

afterEach(() => {
  for (const db of open.splice(0)) db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A connection set up the way the app sets up its own (WAL, synchronous=NORMAL). */
function connect(file = databasePath) {
  const db = openDatabase(file);
  open.push(db);
  return db;
}

function organizationNames(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("select name from organizations order by name").all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

const backupsIn = (folder: string) => fs.readdirSync(folder).sort();

describe("db:backup", () => {
  it("copies a consistent snapshot while another connection keeps writing", async () => {
    const app = connect();
    // Enough pages that the copy is not instant; the writer commits between the backup's steps.
    for (let i = 0; i < 300; i += 1)
      app
        .insert(organizations)
        .values({ name: `seed ${"x".repeat(2000)} ${i}` })
        .run();
    let writes = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        app
          .insert(organizations)
          .values({ name: `during ${writes}` })
          .run();
        writes += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();

    const result = await backupDatabase({ databasePath, backupDir });
    writing = false;
    await writer;

    expect(writes).toBeGreaterThan(0);
    expect(path.dirname(result.file)).toBe(backupDir);
    expect(path.basename(result.file)).toMatch(/^app-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.db$/);
    expect(result.check.migrations).toBeGreaterThan(0);
    expect(result.check.tables).toContain("audit_events");
    // One file, no -wal beside it, and no half-written copy left behind.
    expect(backupsIn(backupDir)).toEqual([path.basename(result.file)]);

    const copy = new Database(result.file, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
    const during = (
      copy.prepare("select name from organizations where name like 'during %'").all() as { name: string }[]
    )
      .map((r) => Number(r.name.split(" ")[1]))
      .sort((a, b) => a - b);
    copy.close();
    // A snapshot: the writes it holds are exactly the first n, with no gaps.
    expect(during).toEqual(during.map((_, i) => i));
    expect(organizationNames(result.file).filter((n) => n.startsWith("seed "))).toHaveLength(300);
  });

  it("keeps only the newest N backups, and never prunes pre-restore copies", async () => {
    const made: string[] = [];
    for (let i = 0; i < 4; i += 1) made.push((await backupDatabase({ databasePath, backupDir, keep: 2 })).file);
    fs.writeFileSync(path.join(backupDir, "app-pre-restore-2000-01-01T00-00-00-000Z.db"), "kept");
    fs.writeFileSync(path.join(backupDir, "notes.txt"), "not a backup");

    expect(pruneBackups(backupDir, databasePath, 2)).toEqual([]);
    expect(backupsIn(backupDir)).toEqual(
      [
        ...made.slice(2).map((f) => path.basename(f)),
        "app-pre-restore-2000-01-01T00-00-00-000Z.db",
        "notes.txt",
      ].sort(),
    );
  });

  it("refuses a keep that is not a whole number of at least 1", async () => {
    await expect(backupDatabase({ databasePath, backupDir, keep: 0 })).rejects.toThrow(/--keep/);
  });
});

describe("db:restore", () => {
  it("brings back the data of the backup and keeps the database it replaced", async () => {
    const app = connect();
    app.insert(organizations).values({ name: "Before the backup" }).run();
    const { file } = await backupDatabase({ databasePath, backupDir });
    app.insert(organizations).values({ name: "After the backup" }).run();
    // The server stops before a restore; its last commits are still in the -wal.
    app.$client.close();
    open.splice(0);

    const result = await restoreDatabase({ from: file, databasePath, backupDir });

    expect(organizationNames(databasePath)).toContain("Before the backup");
    expect(organizationNames(databasePath)).not.toContain("After the backup");
    expect(result.safetyCopy?.integrity).toBe("ok");
    expect(organizationNames(result.safetyCopy!.file)).toContain("After the backup");
    expect(path.basename(result.safetyCopy!.file)).toMatch(/^app-pre-restore-/);
    // Nothing stale beside the database, and the app opens it and migrates as usual.
    expect(fs.readdirSync(dir).sort()).toEqual(["app.db", "backups"]);
    const reopened = connect();
    expect(reopened.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(
      reopened
        .select()
        .from(organizations)
        .all()
        .map((o) => o.name),
    ).toContain("Before the backup");
  });

  it("restores where there was no database yet", async () => {
    const { file } = await backupDatabase({ databasePath, backupDir });
    const fresh = path.join(dir, "fresh", "app.db");
    const result = await restoreDatabase({ from: file, databasePath: fresh, backupDir });
    expect(result.safetyCopy).toBeNull();
    expect(new Database(fresh, { readonly: true }).pragma("integrity_check", { simple: true })).toBe("ok");
  });

  it("refuses while another connection has the database open", async () => {
    const { file } = await backupDatabase({ databasePath, backupDir });
    const app = connect();
    app.insert(organizations).values({ name: "Still served" }).run();

    await expect(restoreDatabase({ from: file, databasePath, backupDir })).rejects.toBeInstanceOf(DatabaseInUseError);
    expect(
      app
        .select()
        .from(organizations)
        .all()
        .map((o) => o.name),
    ).toContain("Still served");
    expect(backupsIn(backupDir)).toEqual([path.basename(file)]);
    expect(fs.readdirSync(dir).filter((f) => f.includes(".restore-"))).toEqual([]);
  });

  describe("refuses a file that is not a sound backup of ours, and changes nothing", () => {
    async function expectRefused(from: string, problem: RegExp) {
      connect().insert(organizations).values({ name: "Untouched" }).run();
      open.splice(0).forEach((db) => db.$client.close());
      const before = fs.readFileSync(databasePath);

      const attempt = restoreDatabase({ from, databasePath, backupDir });
      await expect(attempt).rejects.toBeInstanceOf(DatabaseCheckError);
      await expect(attempt).rejects.toThrow(problem);

      expect(fs.readFileSync(databasePath).equals(before)).toBe(true);
      expect(organizationNames(databasePath)).toContain("Untouched");
      expect(fs.existsSync(backupDir) ? backupsIn(backupDir).filter((f) => f.includes("pre-restore")) : []).toEqual([]);
      expect(fs.readdirSync(dir).filter((f) => f.includes(".restore-"))).toEqual([]);
    }

    it("random bytes", async () => {
      const junk = path.join(dir, "junk.db");
      fs.writeFileSync(junk, Buffer.alloc(8192, 0x5a));
      await expectRefused(junk, /cannot read it/);
    });

    it("a backup with a damaged page", async () => {
      const { file } = await backupDatabase({ databasePath, backupDir });
      const db = new Database(file);
      const { rootpage } = db.prepare("select rootpage from sqlite_master where name = 'organizations'").get() as {
        rootpage: number;
      };
      const pageSize = Number(db.pragma("page_size", { simple: true }));
      db.close();
      const fd = fs.openSync(file, "r+");
      fs.writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (rootpage - 1) * pageSize);
      fs.closeSync(fd);
      fs.renameSync(file, path.join(dir, "damaged.db"));
      await expectRefused(path.join(dir, "damaged.db"), /integrity check failed|cannot read it/);
    });

    it("another application's SQLite database", async () => {
      const other = path.join(dir, "other.db");
      const db = new Database(other);
      db.exec("create table notes (id integer primary key, body text)");
      db.close();
      await expectRefused(other, /tables missing: organizations.*no migrations recorded/);
    });

    it("a backup from a newer version of the app", async () => {
      const { file } = await backupDatabase({ databasePath, backupDir });
      const db = new Database(file);
      db.prepare("insert into __drizzle_migrations (hash, created_at) values ('future', ?)").run(Date.now() + 1e9);
      db.close();
      const newer = path.join(dir, "newer.db");
      fs.renameSync(file, newer);
      await expectRefused(newer, /1 migrations unknown to this version/);
    });
  });
});
