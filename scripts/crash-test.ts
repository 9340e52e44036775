// npm run crash-test [-- --rounds 20 --max-ms 400 --dir <folder> --keep-files]
// Kills a process that is committing transactions (SIGKILL, at random moments, mid-commit or
// mid-checkpoint), then checks the database: SQLite's integrity check, every commit the writer saw
// succeed is there, and no transaction is there in part. The writer opens the database like the app
// does (db/connection.ts: WAL, synchronous=NORMAL). This kills the process, not the machine: with
// synchronous=NORMAL a commit reaches the operating system before it returns, so it survives the
// process dying; a power cut may still lose the last commits (docs/decisions/007).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";

const WRITER = fileURLToPath(new URL("./crash-writer.ts", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));
const ROWS_PER_TRANSACTION = 4;

export type CrashTestOptions = {
  rounds?: number;
  /** The writer is killed between minMs and maxMs after it starts committing. */
  minMs?: number;
  maxMs?: number;
  /** Folder for the database; a new temporary folder by default, removed afterwards unless keepFiles. */
  dir?: string;
  keepFiles?: boolean;
};

export type CrashRound = {
  round: number;
  killedAfterMs: number;
  acknowledged: number;
  /** Commits that reached the file but whose acknowledgement the kill cut off (0 or 1 expected). */
  committedUnacknowledged: number;
  walBytesAtKill: number;
  integrity: string;
  lostAcknowledged: number;
  partialTransactions: number;
  counterMismatch: boolean;
};

export type CrashReport = {
  journalMode: string;
  synchronous: string;
  rounds: CrashRound[];
  acknowledged: number;
  lostAcknowledged: number;
  integrityFailures: number;
  partialTransactions: number;
  ok: boolean;
  databasePath: string;
};

export async function runCrashTest(options: CrashTestOptions = {}): Promise<CrashReport> {
  const rounds = options.rounds ?? 20;
  const minMs = options.minMs ?? 20;
  const maxMs = Math.max(minMs, options.maxMs ?? 400);
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "crash-test-"));
  fs.mkdirSync(dir, { recursive: true });
  const databasePath = path.join(dir, "crash.db");
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${databasePath}${suffix}`, { force: true });

  const results: CrashRound[] = [];
  let settings = { journalMode: "?", synchronous: "?" };
  let highestAcknowledged = 0;
  try {
    for (let round = 1; round <= rounds; round += 1) {
      const killedAfterMs = minMs + Math.floor(Math.random() * (maxMs - minMs + 1));
      const run = await runWriterUntilKilled(databasePath, killedAfterMs);
      settings = run.settings ?? settings;
      highestAcknowledged = Math.max(highestAcknowledged, run.lastAcknowledged);
      results.push({ round, killedAfterMs, ...run.counts, ...inspect(databasePath, highestAcknowledged, run) });
    }
  } finally {
    if (!options.keepFiles && !options.dir) fs.rmSync(dir, { recursive: true, force: true });
  }

  const sum = (pick: (r: CrashRound) => number) => results.reduce((n, r) => n + pick(r), 0);
  const report = {
    ...settings,
    rounds: results,
    acknowledged: sum((r) => r.acknowledged),
    lostAcknowledged: sum((r) => r.lostAcknowledged),
    integrityFailures: results.filter((r) => r.integrity !== "ok").length,
    partialTransactions: sum((r) => r.partialTransactions),
    databasePath,
  };
  return {
    ...report,
    ok:
      report.lostAcknowledged === 0 &&
      report.integrityFailures === 0 &&
      report.partialTransactions === 0 &&
      results.every((r) => !r.counterMismatch),
  };
}

type WriterRun = {
  settings: { journalMode: string; synchronous: string } | null;
  lastAcknowledged: number;
  counts: { acknowledged: number; walBytesAtKill: number };
};

/** Starts the writer, waits until it is committing, lets it run killAfterMs, then SIGKILLs it. */
function runWriterUntilKilled(databasePath: string, killAfterMs: number): Promise<WriterRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", WRITER, databasePath, String(ROWS_PER_TRANSACTION)], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let settings: WriterRun["settings"] = null;
    let acknowledged = 0;
    let lastAcknowledged = 0;
    let walBytesAtKill = 0;
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      if (line.startsWith("ack ")) {
        acknowledged += 1;
        lastAcknowledged = Number(line.slice(4));
      } else if (line.startsWith("ready ")) {
        const fields = Object.fromEntries(
          line
            .slice(6)
            .split(" ")
            .map((f) => f.split("=") as [string, string]),
        );
        settings = { journalMode: fields.journal_mode ?? "?", synchronous: synchronousName(fields.synchronous) };
        setTimeout(() => {
          walBytesAtKill = fs.statSync(`${databasePath}-wal`, { throwIfNoEntry: false })?.size ?? 0;
          child.kill("SIGKILL");
        }, killAfterMs);
      }
    });
    child.on("error", reject);
    // "close" comes after stdout has ended: every acknowledgement written before the kill has been read.
    child.on("close", (code, signal) => {
      if (signal !== "SIGKILL") {
        reject(new Error(`The writer stopped by itself (exit code ${code}): see its error above.`));
        return;
      }
      resolve({ settings, lastAcknowledged, counts: { acknowledged, walBytesAtKill } });
    });
  });
}

/** Opens the database the way the next process would (recovering the WAL) and checks it. */
function inspect(databasePath: string, highestAcknowledged: number, run: WriterRun) {
  const db = new Database(databasePath);
  try {
    db.pragma("journal_mode = WAL");
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join("; ");
    const committed = (db.prepare("select count(distinct txn) as n, max(txn) as max from crash_probe").get() ?? {
      n: 0,
      max: 0,
    }) as { n: number; max: number | null };
    // Transaction numbers run 1, 2, 3...: every acknowledged one is at most the highest acknowledged.
    const present = (
      db.prepare("select count(distinct txn) as n from crash_probe where txn <= ?").get(highestAcknowledged) as {
        n: number;
      }
    ).n;
    const partialTransactions = (
      db
        .prepare("select count(*) as n from (select txn from crash_probe group by txn having count(*) <> ?)")
        .get(ROWS_PER_TRANSACTION) as { n: number }
    ).n;
    const counter = (db.prepare("select last_txn as n from crash_counter").get() as { n: number } | undefined)?.n ?? 0;
    return {
      integrity,
      lostAcknowledged: highestAcknowledged - present,
      partialTransactions,
      committedUnacknowledged: Math.max(0, (committed.max ?? 0) - run.lastAcknowledged),
      counterMismatch: counter !== (committed.max ?? 0) || committed.n !== (committed.max ?? 0),
    };
  } finally {
    db.close();
  }
}

function synchronousName(value: string | undefined) {
  return { "0": "OFF", "1": "NORMAL", "2": "FULL", "3": "EXTRA" }[value ?? ""] ?? `? (${value})`;
}

export function formatReport(report: CrashReport) {
  const lines = [
    `Crash test: ${report.rounds.length} rounds of SIGKILL while committing (journal_mode=${report.journalMode}, synchronous=${report.synchronous}).`,
    "round  killed after  acknowledged  committed, not acknowledged  -wal at kill  integrity  lost  partial",
    ...report.rounds.map((r) =>
      [
        String(r.round).padStart(5),
        `${r.killedAfterMs} ms`.padStart(12),
        String(r.acknowledged).padStart(12),
        String(r.committedUnacknowledged).padStart(27),
        `${Math.round(r.walBytesAtKill / 1024)} KiB`.padStart(12),
        r.integrity.padStart(9),
        String(r.lostAcknowledged).padStart(4),
        String(r.partialTransactions + (r.counterMismatch ? 1 : 0)).padStart(7),
      ].join("  "),
    ),
    `Acknowledged commits: ${report.acknowledged}; lost: ${report.lostAcknowledged}; ` +
      `integrity failures: ${report.integrityFailures}; partial transactions: ${report.partialTransactions}.`,
    report.ok
      ? "PASS: every acknowledged commit survived every crash, whole, in a sound file."
      : "FAIL: see the rounds above.",
  ];
  if (report.synchronous === "NORMAL" && report.journalMode === "wal") {
    lines.push(
      "Note: with WAL and synchronous=NORMAL a commit is in the operating system's hands when it returns, so it",
      "survives the process crashing (what this test does). A power cut or kernel crash may lose the commits",
      "made since the last checkpoint, but not the file's consistency; synchronous=FULL would close that gap.",
    );
  }
  return lines.join("\n");
}

async function main() {
  const { values } = parseArgs({
    options: {
      rounds: { type: "string", default: "20" },
      "min-ms": { type: "string", default: "20" },
      "max-ms": { type: "string", default: "400" },
      dir: { type: "string" },
      "keep-files": { type: "boolean", default: false },
    },
  });
  const report = await runCrashTest({
    rounds: Number(values.rounds),
    minMs: Number(values["min-ms"]),
    maxMs: Number(values["max-ms"]),
    dir: values.dir,
    keepFiles: values["keep-files"],
  });
  console.info(formatReport(report));
  if (values["keep-files"] || values.dir) console.info(`Database: ${report.databasePath}`);
  process.exit(report.ok ? 0 : 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
