// A short run of scripts/crash-test.ts (npm run crash-test does 20 rounds) so CI keeps it honest.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { expect, inject, it } from "vitest";
import { formatReport, runCrashTest } from "../../scripts/crash-test";

it("acknowledged commits survive a writer killed mid-flight, in a sound file", async () => {
  const report = await runCrashTest({
    rounds: 3,
    minMs: 20,
    maxMs: 150,
    dir: path.join(inject("runDir"), `crash-${randomUUID()}`),
  });

  expect(report.journalMode).toBe("wal");
  expect(report.synchronous).toBe("NORMAL");
  expect(report.rounds).toHaveLength(3);
  expect(report.acknowledged).toBeGreaterThan(0);
  expect(report.rounds.map((r) => r.integrity)).toEqual(["ok", "ok", "ok"]);
  expect(report.lostAcknowledged).toBe(0);
  expect(report.partialTransactions).toBe(0);
  expect(report.ok).toBe(true);
  expect(formatReport(report)).toContain("PASS");
});
