// The child process of scripts/crash-test.ts: commits transactions as fast as it can through a connection
// opened like the app's (db/connection.ts) and reports each commit once SQLite has returned from it.
// It never stops by itself: the parent kills it with SIGKILL.
import { randomBytes, randomInt } from "node:crypto";
import { openDatabase } from "../db/connection";

const [file, rows] = process.argv.slice(2);
if (!file || !rows) throw new Error("Usage: crash-writer <database file> <rows per transaction>");
const rowsPerTransaction = Number(rows);

const sqlite = openDatabase(file).$client;
sqlite.exec(`
  create table if not exists crash_probe (
    txn integer not null, part integer not null, payload blob not null, primary key (txn, part)
  );
  create table if not exists crash_counter (id integer primary key check (id = 1), last_txn integer not null);
  insert or ignore into crash_counter (id, last_txn) values (1, 0);
`);
const insertPart = sqlite.prepare("insert into crash_probe (txn, part, payload) values (?, ?, ?)");
const advanceCounter = sqlite.prepare("update crash_counter set last_txn = ? where id = 1");
// Several rows and two tables per transaction: after a crash either all of it is there or none.
const commit = sqlite.transaction((txn: number) => {
  for (let part = 0; part < rowsPerTransaction; part += 1) insertPart.run(txn, part, randomBytes(randomInt(50, 400)));
  advanceCounter.run(txn);
});

let txn = (sqlite.prepare("select last_txn as n from crash_counter").get() as { n: number }).n;
// process.stdout is synchronous for pipes on Linux: once write() returns, the parent will read the line
// even if this process is killed on the next instruction.
process.stdout.write(
  `ready journal_mode=${sqlite.pragma("journal_mode", { simple: true })} synchronous=${sqlite.pragma("synchronous", { simple: true })}\n`,
);
for (;;) {
  txn += 1;
  commit(txn);
  process.stdout.write(`ack ${txn}\n`);
}
