// The real server (scripts/server.mjs with the built app) records consent expiries itself, at
// start-up and then every minute: no page writes them (a GET changes nothing).
import { spawn } from "node:child_process";
import net from "node:net";
import { asc, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { consentEvents, consentUses } from "../../db/schema";
import { listConsentPurposes, recordConsentDecision } from "../../app/models/consent.server";
import { db } from "../../app/utils/db.server";
import { REPO_ROOT } from "../setup/paths";
import { createConsentUseRecord, createConsultantRecord, createTwoOrganizations } from "../support/factories";

function freePort() {
  return new Promise<number>((resolve, reject) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

it("records a grant whose end date has passed as expired, and flags its use, when the server starts", async () => {
  const { own } = await createTwoOrganizations();
  const consultantId = createConsultantRecord(own.org.id, { userId: null }).id;
  const grant = recordConsentDecision({
    organizationId: own.org.id,
    consultantId,
    purposeId: listConsentPurposes(own.org.id).find((p) => p.systemKey === "story")!.id,
    decision: "granted",
    actor: { kind: "staff", userId: own.staff.userId },
    method: "written_form",
    expiresOn: "2020-06-01",
    creationKey: crypto.randomUUID(),
    today: "2020-01-01",
  });
  const use = createConsentUseRecord(own.org.id, consultantId, { status: "published", basisEventId: grant.eventId });
  const kinds = () =>
    db
      .select({ kind: consentEvents.kind })
      .from(consentEvents)
      .where(eq(consentEvents.consultantId, consultantId))
      .orderBy(asc(sql`rowid`))
      .all()
      .map((e) => e.kind);
  expect(kinds()).toEqual(["granted"]);

  const port = await freePort();
  const server = spawn(process.execPath, ["scripts/server.mjs"], {
    cwd: REPO_ROOT,
    // This test file's own database, which the server shares while it runs.
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout.on("data", (chunk) => (output += chunk));
  server.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => server.on("exit", (code) => resolve(code)));
  try {
    await expect.poll(() => output, { timeout: 20_000, interval: 100 }).toContain("is ready on");
    await expect.poll(kinds, { timeout: 10_000, interval: 100 }).toEqual(["granted", "expired"]);
    expect(db.select().from(consentUses).where(eq(consentUses.id, use.id)).get()!.flaggedAt).toBeInstanceOf(Date);
  } finally {
    server.kill("SIGTERM");
    expect(await exited).toBe(0);
  }
});
