// The real server (scripts/server.mjs with the built app) records consent expiries itself, at
// start-up and then every minute: no page writes them (a GET changes nothing).
import { asc, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { consentEvents, consentUses } from "../../db/schema";
import { recordConsentDecision } from "../../app/models/consent/decisions.server";
import { listConsentPurposes } from "../../app/models/consent/purposes.server";
import { db } from "../../app/utils/db.server";
import { createConsentUseRecord, createConsultantRecord, createTwoOrganizations } from "../support/factories";
import { startServerProcess } from "../support/server-process";

it("records a grant whose end date has passed as expired, and flags its use, when the server starts", async () => {
  const { own } = await createTwoOrganizations();
  const consultantId = createConsultantRecord(own.org.id, { userId: null }).id;
  const grant = recordConsentDecision({
    organizationId: own.org.id,
    consultantId,
    purposeId: listConsentPurposes(own.org.id).find((p) => p.systemKey === "story")!.id,
    decision: "granted",
    actor: { kind: "staff", userId: own.staff.userId, role: "staff" },
    method: "written_form",
    givenOn: "2020-01-01",
    formKeptAt: "Consent binder",
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

  // This test file's own database, which the server shares while it runs.
  const server = await startServerProcess({ shared: process.env.DATABASE_URL! });
  try {
    await expect.poll(kinds, { timeout: 10_000, interval: 100 }).toEqual(["granted", "expired"]);
    expect(db.select().from(consentUses).where(eq(consentUses.id, use.id)).get()!.flaggedAt).toBeInstanceOf(Date);
  } finally {
    expect(await server.stop()).toBe(0);
  }
});
