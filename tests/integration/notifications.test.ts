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

async function offer(consultantId: string, creationKey: string = crypto.randomUUID()) {
  const staff = await createMember({ organizationId: org.id, role: "staff" });
  return callRoute(
    newEngagement.action,
    makeRequest("/engagements/new", {
      cookie: await cookieFor(staff.userId),
      form: {
        creationKey,
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

  it("sends one notice when the same form is sent twice", async () => {
    const safe = createConsultantRecord(org.id, { email: "offer-twice@example.test", emailSafety: "safe" });
    const key = crypto.randomUUID();
    const first = await offer(safe.id, key);
    const second = await offer(safe.id, key);
    expect(second.location).toBe(first.location);
    expect(emailsTo("offer-twice@example.test")).toHaveLength(1);
  });

  // A resent form whose consultant was changed (or tampered with) makes no engagement for them:
  // they must not be told of work that is someone else's.
  it("tells only the consultant the work was stored for, never one named in a resent form", async () => {
    const first = createConsultantRecord(org.id, { email: "offer-first@example.test", emailSafety: "safe" });
    const other = createConsultantRecord(org.id, { email: "offer-other@example.test", emailSafety: "safe" });
    const key = crypto.randomUUID();
    expect((await offer(first.id, key)).status).toBe(302);
    expect((await offer(other.id, key)).status).toBe(302);
    expect(emailsTo("offer-first@example.test")).toHaveLength(1);
    expect(emailsTo("offer-other@example.test")).toHaveLength(0);
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
        makeRequest(`/payments/${payment.id}`, {
          cookie,
          form: { intent: "mark-paid", paidDate: "2026-11-20", method: "check", confirmed: "yes" },
        }),
        { id: payment.id },
      );
      expect(result.status).toBe(302);
      expect(emailsTo(address)).toHaveLength(expected);
      for (const mail of emailsTo(address)) expect(mail.text).not.toContain("240");
    }
  });

  it("tells them once when 'mark paid' is sent again", async () => {
    const admin = await createMember({ organizationId: org.id, role: "admin" });
    const cookie = await cookieFor(admin.userId);
    const consultant = createConsultantRecord(org.id, { email: "paid-twice@example.test", emailSafety: "safe" });
    const engagement = createEngagementRecord(org.id, consultant.id, program.id, { status: "completed" });
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
    for (const paidDate of ["2026-11-20", "2026-11-21"]) {
      const result = await callRoute(
        paymentPage.action,
        makeRequest(`/payments/${payment.id}`, {
          cookie,
          form: { intent: "mark-paid", paidDate, method: "check", confirmed: "yes" },
        }),
        { id: payment.id },
      );
      expect(result.status).toBe(302);
    }
    expect(emailsTo("paid-twice@example.test")).toHaveLength(1);
    expect(db.select().from(payments).where(eq(payments.id, payment.id)).get()?.paidDate).toBe("2026-11-20");
  });
});
