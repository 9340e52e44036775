// Online backups and restore of the SQLite database (docs/decisions/007-backups-and-crash-safety.md).
// Copying app.db with cp while the server runs is not a backup: the latest commits live in app.db-wal.
// SQLite's backup API reads a consistent snapshot through a normal connection, so the server keeps
// running; every copy is checked before it counts as a backup, and restore checks the file again.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { MIGRATIONS_FOLDER, resolveDatabasePath } from "./connection";

export const DEFAULT_KEEP = 14;

/** Tables the first migrations create: a file without them is not one of our databases. */
const CORE_TABLES = ["organizations", "users", "memberships", "audit_events"];
const MIGRATIONS_TABLE = "__drizzle_migrations";
// The backup API copies 100 pages per step by default and starts again whenever another connection
// commits between steps, so under steady writes it might never finish. One step copies the whole
// file inside one read transaction: a consistent snapshot that does not block the writer (WAL).
const ALL_PAGES = 0x7fffffff;

export class DatabaseCheckError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file} is not a usable backup: ${problems.join("; ")}`);
    this.name = "DatabaseCheckError";
  }
}

export class DatabaseInUseError extends Error {
  constructor(readonly file: string) {
    super(`${file} is open in another process (is the server running?). Stop it, then restore.`);
    this.name = "DatabaseInUseError";
  }
}

export type DatabaseCheck = { tables: string[]; migrations: number };

export type BackupResult = { file: string; check: DatabaseCheck; pruned: string[] };

export type RestoreResult = {
  databasePath: string;
  restoredFrom: string;
  check: DatabaseCheck;
  /** Where the database that was replaced went; null when there was none. */
  safetyCopy: { file: string; integrity: "ok" | "failed" | "not checked" } | null;
};

type Paths = { databasePath?: string; backupDir?: string };

export function defaultBackupDir(databasePath = resolveDatabasePath()) {
  return path.resolve(process.env.BACKUP_DIR || path.join(path.dirname(path.resolve(databasePath)), "backups"));
}

/** Copies the live database to a timestamped, checked file in the backup folder and keeps the newest `keep`. */
export async function backupDatabase(options: Paths & { keep?: number } = {}): Promise<BackupResult> {
  const keep = options.keep ?? DEFAULT_KEEP;
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`--keep must be a whole number of at least 1 (got ${keep})`);
  const databasePath = path.resolve(options.databasePath ?? resolveDatabasePath());
  const backupDir = path.resolve(options.backupDir ?? defaultBackupDir(databasePath));
  if (!fs.existsSync(databasePath)) throw new Error(`There is no database at ${databasePath}`);

  const source = new Database(databasePath, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    const expected = describeDatabase(source);
    const { file, check } = await copyChecked(source, backupDir, backupName(databasePath, "", backupDir));
    const missing = expected.tables.filter((t) => !check.tables.includes(t));
    if (missing.length > 0 || check.migrations !== expected.migrations) {
      fs.rmSync(file, { force: true });
      throw new DatabaseCheckError(file, [
        `the copy differs from the database (missing tables: ${missing.join(", ") || "none"}; ` +
          `migrations ${check.migrations} of ${expected.migrations})`,
      ]);
    }
    return { file, check, pruned: pruneBackups(backupDir, databasePath, keep) };
  } finally {
    source.close();
  }
}

/**
 * Puts a backup in place of the database. The file is copied and checked first; the current database
 * is copied to the backup folder ("pre-restore") before it is replaced, and it must not be open
 * elsewhere: a running server would go on writing to the file it has open.
 */
export async function restoreDatabase(options: Paths & { from: string }): Promise<RestoreResult> {
  const from = path.resolve(options.from);
  const databasePath = path.resolve(options.databasePath ?? resolveDatabasePath());
  const backupDir = path.resolve(options.backupDir ?? defaultBackupDir(databasePath));
  if (!fs.existsSync(from)) throw new Error(`There is no file at ${from}`);
  if (from === databasePath) throw new Error("That file is the database itself: choose a backup to restore.");

  // Staged beside the database so that the final rename stays on one file system (and is atomic).
  fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  const staged = `${databasePath}.restore-${process.pid}.tmp`;
  removeDatabaseFiles(staged);
  let check: DatabaseCheck;
  try {
    const source = new Database(from, { fileMustExist: true });
    try {
      await source.backup(staged, { progress: () => ALL_PAGES });
    } catch (error) {
      throw new DatabaseCheckError(from, [`SQLite cannot read it (${errorCode(error)})`]);
    } finally {
      source.close();
    }
    check = checkDatabaseFile(staged, from);
    fsyncFile(staged);
  } catch (error) {
    removeDatabaseFiles(staged);
    throw error;
  }

  let guard: Database.Database | null = null;
  let safetyCopy: RestoreResult["safetyCopy"] = null;
  try {
    if (fs.existsSync(databasePath)) {
      guard = lockDatabase(databasePath);
      safetyCopy = guard
        ? await takeSafetyCopy(guard, databasePath, backupDir)
        : copyDamagedDatabase(databasePath, backupDir);
    }
    fs.renameSync(staged, databasePath);
    // A -wal left by the old file would be replayed into the new one: it must go with the old file.
    for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(`${databasePath}${suffix}`, { force: true });
    fsyncDirectory(path.dirname(databasePath));
  } catch (error) {
    removeDatabaseFiles(staged);
    throw error;
  } finally {
    // Closed only after the rename: until then no other process can open the old file and write to it.
    guard?.close();
  }
  return { databasePath, restoredFrom: from, check, safetyCopy };
}

/** Checks a database file: SQLite's integrity check, our core tables, and migrations this code knows. */
export function checkDatabaseFile(file: string, shownAs = file): DatabaseCheck {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch (error) {
    throw new DatabaseCheckError(shownAs, [`SQLite cannot open it (${errorCode(error)})`]);
  }
  try {
    const problems: string[] = [];
    let integrity: string[];
    try {
      // A copy is one self-contained file, not a database with its -wal beside it.
      db.pragma("journal_mode = DELETE");
      integrity = (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (error) {
      throw new DatabaseCheckError(shownAs, [`SQLite cannot read it (${errorCode(error)})`]);
    }
    if (integrity.join() !== "ok") problems.push(`integrity check failed (${integrity.slice(0, 3).join(" | ")})`);
    const { tables, migrations } = describeDatabase(db);
    const missing = CORE_TABLES.filter((t) => !tables.includes(t));
    if (missing.length > 0) problems.push(`tables missing: ${missing.join(", ")}`);
    if (!tables.includes(MIGRATIONS_TABLE) || migrations === 0) {
      problems.push("no migrations recorded");
    } else {
      const known = new Set(readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((m) => m.folderMillis));
      const applied = db.prepare(`select created_at as createdAt from ${MIGRATIONS_TABLE}`).all() as {
        createdAt: number;
      }[];
      const unknown = applied.filter((m) => !known.has(Number(m.createdAt))).length;
      // Older backups are fine (the server migrates them at start); newer ones need newer code.
      if (unknown > 0) problems.push(`${unknown} migrations unknown to this version of the app`);
    }
    if (problems.length > 0) throw new DatabaseCheckError(shownAs, problems);
    return { tables, migrations };
  } finally {
    db.close();
  }
}

/** Deletes all but the newest `keep` regular backups of this database (pre-restore copies are kept). */
export function pruneBackups(backupDir: string, databasePath: string, keep: number) {
  const pattern = new RegExp(
    `^${escapeRegExp(stemOf(databasePath))}-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z\\.db$`,
  );
  const backups = fs
    .readdirSync(backupDir)
    .filter((name) => pattern.test(name))
    .sort();
  const pruned = backups.slice(0, Math.max(0, backups.length - keep)).map((name) => path.join(backupDir, name));
  for (const file of pruned) fs.rmSync(file, { force: true });
  return pruned;
}

function describeDatabase(db: Database.Database): DatabaseCheck {
  const tables = (
    db.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[]
  ).map((r) => r.name);
  const migrations = tables.includes(MIGRATIONS_TABLE)
    ? (db.prepare(`select count(*) as n from ${MIGRATIONS_TABLE}`).get() as { n: number }).n
    : 0;
  return { tables, migrations };
}

/** Backs `source` up to a temporary name, checks the copy, then gives it its final name. */
async function copyChecked(source: Database.Database, backupDir: string, file: string) {
  fs.mkdirSync(backupDir, { recursive: true });
  const partial = `${file}.partial`;
  removeDatabaseFiles(partial);
  try {
    await source.backup(partial, { progress: () => ALL_PAGES });
    const check = checkDatabaseFile(partial, file);
    fsyncFile(partial);
    fs.renameSync(partial, file);
    fsyncDirectory(backupDir);
    return { file, check };
  } catch (error) {
    removeDatabaseFiles(partial);
    throw error;
  }
}

/**
 * Opens the database and keeps it locked until closed. Leaving WAL mode needs every other connection
 * to be closed, so if it fails with SQLITE_BUSY someone (the server) still has the file open.
 * Returns null when SQLite cannot read the file at all (no server can be using it either).
 */
function lockDatabase(databasePath: string): Database.Database | null {
  const guard = new Database(databasePath, { fileMustExist: true });
  try {
    guard.pragma("busy_timeout = 0");
    guard.pragma("journal_mode = DELETE");
    guard.pragma("locking_mode = EXCLUSIVE");
    // The first write takes the exclusive lock, held until close in this locking mode.
    guard.pragma(`user_version = ${Number(guard.pragma("user_version", { simple: true }))}`);
    return guard;
  } catch (error) {
    guard.close();
    const code = errorCode(error);
    if (code === "SQLITE_BUSY") throw new DatabaseInUseError(databasePath);
    if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT") return null;
    throw error;
  }
}

/** Copies the database about to be replaced, even a damaged one (then file by file). */
async function takeSafetyCopy(
  guard: Database.Database,
  databasePath: string,
  backupDir: string,
): Promise<NonNullable<RestoreResult["safetyCopy"]>> {
  fs.mkdirSync(backupDir, { recursive: true });
  const file = backupName(databasePath, "-pre-restore", backupDir);
  try {
    await guard.backup(file, { progress: () => ALL_PAGES });
  } catch {
    return copyDamagedDatabase(databasePath, backupDir, file);
  }
  let integrity: "ok" | "failed" = "failed";
  try {
    checkDatabaseFile(file);
    integrity = "ok";
  } catch {
    // Kept anyway: it is what was there.
  }
  fsyncFile(file);
  return { file, integrity };
}

/** Keeps a database SQLite cannot read exactly as it was, with its -wal if there is one. */
function copyDamagedDatabase(
  databasePath: string,
  backupDir: string,
  file = backupName(databasePath, "-pre-restore", backupDir),
) {
  fs.mkdirSync(backupDir, { recursive: true });
  for (const suffix of ["", "-wal"]) {
    if (!fs.existsSync(`${databasePath}${suffix}`)) continue;
    fs.copyFileSync(`${databasePath}${suffix}`, `${file}${suffix}`);
    fsyncFile(`${file}${suffix}`);
  }
  return { file, integrity: "not checked" as const };
}

function backupName(databasePath: string, kind: string, backupDir: string) {
  let time = Date.now();
  const nameAt = (t: number) =>
    path.join(backupDir, `${stemOf(databasePath)}${kind}-${new Date(t).toISOString().replace(/[:.]/g, "-")}.db`);
  // Two backups in the same millisecond (tests) get consecutive names instead of overwriting.
  while (fs.existsSync(nameAt(time)) || fs.existsSync(`${nameAt(time)}.partial`)) time += 1;
  return nameAt(time);
}

function stemOf(databasePath: string) {
  return path.basename(databasePath).replace(/\.(db|sqlite3?)$/, "");
}

function removeDatabaseFiles(file: string) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
}

function fsyncFile(file: string) {
  const fd = fs.openSync(file, "r+");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDirectory(dir: string) {
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function errorCode(error: unknown) {
  return (error as { code?: string }).code ?? (error as Error).message;
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
