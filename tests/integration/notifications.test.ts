// Engagement offered and payment sent: a neutral notice, only where email is safe.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { emailOutbox, payments } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { setEmailSenderForTests } from "../../app/utils/email.server";
import * as newEngagement from "../../app/routes/_staff.engagements.new";
import * as paymentPage from "../../app/routes/_staff.payments.$id";
import {
  cookieFor,
  createConsultantRecord,
  createEngagementRecord,
  createMember,
  createOrganization,
  createProgramRecord,
} from "../support/factories";
import { callRoute, makeRequest } from "../support/http";

const org = createOrganization();
const program = createProgramRecord(org.id);
const emailsTo = (address: string) => db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, address)).all();

afterEach(() => setEmailSenderForTests(undefined));

async function offer(consultantId: string) {
  const staff = await createMember({ organizationId: org.id, role: "staff" });
  return callRoute(
    newEngagement.action,
    makeRequest("/engagements/new", {
      cookie: await cookieFor(staff.userId),
      form: {
        creationKey: crypto.randomUUID(),
        consultantId,
        programId: program.id,
        stage: "design",
        level: "consult",
        title: "Review the curriculum",
        scopeWhat: "Read and comment",
        rateKind: "hourly",
        rate: "60",
      },
    }),
  );
}

describe("engagement offered", () => {
  it("sends a neutral notice when email is safe", async () => {
    const safe = createConsultantRecord(org.id, { email: "safe-offer@example.test", emailSafety: "safe" });
    expect((await offer(safe.id)).status).toBe(302);
    const [mail] = emailsTo("safe-offer@example.test");
    expect(mail?.subject).toBe("You have an update");
    expect(mail?.text).not.toContain("Review the curriculum");
    expect(mail?.text).not.toContain("$60");
  });

  it.each(["not_safe", "ask_first"] as const)("sends nothing when email is %s", async (emailSafety) => {
    const address = `unsafe-${emailSafety}@example.test`;
    const consultant = createConsultantRecord(org.id, { email: address, emailSafety });
    expect((await offer(consultant.id)).status).toBe(302);
    expect(emailsTo(address)).toHaveLength(0);
  });
});

describe("payment sent", () => {
  it("tells a consultant whose email is safe, and nobody else", async () => {
    const admin = await createMember({ organizationId: org.id, role: "admin" });
    const cookie = await cookieFor(admin.userId);
    for (const [address, emailSafety, expected] of [
      ["paid-safe@example.test", "safe", 1],
      ["paid-unsafe@example.test", "not_safe", 0],
    ] as const) {
      const consultant = createConsultantRecord(org.id, { email: address, emailSafety });
      const engagement = createEngagementRecord(org.id, consultant.id, program.id);
      const payment = db
        .insert(payments)
        .values({
          organizationId: org.id,
          engagementId: engagement.id,
          consultantId: consultant.id,
          feeCents: 24000,
          method: "check",
          status: "approved",
        })
        .returning()
        .get();
      const result = await callRoute(
        paymentPage.action,
        makeRequest(`/payments/${payment.id}`, { cookie, form: { intent: "mark-paid", paidDate: "2026-11-20" } }),
        { id: payment.id },
      );
      expect(result.status).toBe(302);
      expect(emailsTo(address)).toHaveLength(expected);
      for (const mail of emailsTo(address)) expect(mail.text).not.toContain("240");
    }
  });
});
