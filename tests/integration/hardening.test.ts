// Regression tests for what a security review of the walking skeleton found.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { consultants, emailOutbox, passwordResetTokens } from "../../db/schema";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { handleError } from "../../app/entry.server";
import { db } from "../../app/utils/db.server";
import { safeRedirectPath } from "../../app/utils/auth/redirects.server";
import { verifyLogin } from "../../app/utils/auth/sign-in.server";
import { ACCOUNT_FAILURE_LIMIT } from "../../app/utils/rate-limit.server";
import { composeEmail, deliverEmail, enqueueEmail, setEmailSenderForTests } from "../../app/utils/email.server";
import { requestPasswordReset, RESET_REQUESTS_PER_HOUR } from "../../app/models/password-reset.server";
import { createConsultantRecord, createMember, createOrganization, TEST_PASSWORD } from "../support/factories";

const org = createOrganization();

afterEach(() => setEmailSenderForTests(undefined));

describe("sign-in lockout under parallel attempts", () => {
  it("checks no more than the limit, even when every attempt arrives at once", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const results = await Promise.all(
      Array.from({ length: 12 }, () => verifyLogin(staff.email, "wrong-password-here", "198.51.100.50")),
    );
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(checked).toBeLessThanOrEqual(ACCOUNT_FAILURE_LIMIT - 1);
    expect(results.filter((r) => !r.ok && r.reason === "locked").length).toBeGreaterThan(0);
    // And the right password inside the burst does not get through either.
    expect((await verifyLogin(staff.email, TEST_PASSWORD, "198.51.100.51")).ok).toBe(false);
  });
});

describe("redirects after sign-in", () => {
  it.each([
    "/\t/evil.example",
    "/\n/evil.example",
    "/\\evil.example",
    "/%0a/x\\y",
    "/ok\\..\\..",
    "//evil.example",
    // Paths that resolve to "//evil.example" once the dots are taken out.
    "/.//evil.example",
    "/..//evil.example",
    "/a/..//evil.example",
    "/%2e//evil.example",
  ])("refuses %j", (to) => {
    const result = safeRedirectPath(to, "/dashboard");
    expect(result === "/dashboard" || (result.startsWith("/") && !result.startsWith("//"))).toBe(true);
    expect(new URL(result, "https://portal.example.org").host).toBe("portal.example.org");
  });

  it("keeps an ordinary path and its query", () => {
    expect(safeRedirectPath("/admin/audit?action=session.login", "/dashboard")).toBe(
      "/admin/audit?action=session.login",
    );
  });
});

describe("password reset emails", () => {
  const resetEmailsTo = (email: string) =>
    db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)).all().length;

  it("are never sent to a consultant who marked email not safe", async () => {
    const consultant = await createMember({ organizationId: org.id, role: "consultant" });
    createConsultantRecord(org.id, { userId: consultant.userId, email: consultant.email, emailSafety: "not_safe" });
    await requestPasswordReset(consultant.email);
    expect(resetEmailsTo(consultant.email)).toBe(0);
    expect(
      db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, consultant.userId)).all(),
    ).toHaveLength(0);
  });

  it("are sent to a consultant who marked email safe", async () => {
    const consultant = await createMember({ organizationId: org.id, role: "consultant" });
    createConsultantRecord(org.id, { userId: consultant.userId, email: consultant.email, emailSafety: "safe" });
    await requestPasswordReset(consultant.email);
    expect(resetEmailsTo(consultant.email)).toBe(1);
  });

  it(`stop after ${RESET_REQUESTS_PER_HOUR} in an hour, so nobody's inbox can be flooded`, async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    for (let i = 0; i < RESET_REQUESTS_PER_HOUR + 3; i++) await requestPasswordReset(staff.email);
    expect(resetEmailsTo(staff.email)).toBe(RESET_REQUESTS_PER_HOUR);
  });
});

describe("email delivery", () => {
  it("sends a message once when the request and the background job try at the same time", async () => {
    let calls = 0;
    setEmailSenderForTests(async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { ok: true, id: "provider-id" };
    });
    const composed = await composeEmail({ template: "portal-notice" });
    const id = db.transaction((tx) => enqueueEmail(tx, "once@example.test", composed));
    await Promise.all([deliverEmail(id), deliverEmail(id), deliverEmail(id)]);
    expect(calls).toBe(1);
    expect(db.select().from(emailOutbox).where(eq(emailOutbox.id, id)).get()?.status).toBe("sent");
  });
});

describe("editing a consultant from a page opened before someone else's change", () => {
  it("is refused, keeping both the record and the late editor's answers", async () => {
    const { updateConsultantProfile } = await import("../../app/models/consultant/record.server");
    const { StaffProfileSchema } = await import("../../app/utils/consultant-schema");
    const { consultants } = await import("../../db/schema");
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const record = createConsultantRecord(org.id, { emailSafety: "safe" });
    const openedAt = record.updatedAt.getTime();
    const actor = { userId: staff.userId, role: "staff" as const };
    // A colleague marks email not safe...
    await new Promise((resolve) => setTimeout(resolve, 5));
    updateConsultantProfile({
      organizationId: org.id,
      consultantId: record.id,
      actor,
      input: StaffProfileSchema.parse({ preferredName: record.preferredName, emailSafety: "not_safe" }),
      expectedVersion: openedAt,
    });
    // ...and a page opened before that tries to save "safe" again.
    expect(() =>
      updateConsultantProfile({
        organizationId: org.id,
        consultantId: record.id,
        actor,
        input: StaffProfileSchema.parse({ preferredName: record.preferredName, emailSafety: "safe" }),
        expectedVersion: openedAt,
      }),
    ).toThrow("Someone changed this profile while you were editing. Your answers are still below");
    expect(db.select().from(consultants).where(eq(consultants.id, record.id)).get()?.emailSafety).toBe("not_safe");
  });
});

describe("unexpected errors in the log", () => {
  const logOf = (error: unknown) => {
    const logged: unknown[][] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args));
    try {
      handleError(error, { request: new Request("http://localhost/consultants/new", { method: "POST" }) });
    } finally {
      spy.mockRestore();
    }
    return logged.flat().map(String).join("\n");
  };

  it("carry no values from a failed query, only where it broke", () => {
    const values = ["no-such-organization", "Ana María Reyes", "Felt unsafe at home"];
    let driverError: unknown;
    try {
      db.insert(consultants)
        .values({ organizationId: values[0]!, preferredName: values[1]!, staffNotes: values[2]! })
        .run();
    } catch (error) {
      driverError = error;
    }
    // better-sqlite3 throws the driver's error; Drizzle's async drivers wrap it with the query and
    // its values in the message. Neither message reaches the log.
    const wrapped = new DrizzleQueryError('insert into "consultants" values (?, ?, ?)', values, driverError as Error);
    expect(wrapped.message).toContain("Ana María Reyes");
    const cases: [unknown, RegExp][] = [
      [driverError, /^Unexpected error on POST \/consultants\/new: SqliteError code=SQLITE_CONSTRAINT_FOREIGNKEY\n/],
      [wrapped, /^Unexpected error on POST \/consultants\/new: Error cause\.code=SQLITE_CONSTRAINT_FOREIGNKEY\n/],
    ];
    for (const [error, summary] of cases) {
      const text = logOf(error);
      expect(text).toMatch(summary);
      expect(text).toMatch(/\n {4}at /);
      for (const value of [...values, "insert into", "constraint failed"]) expect(text).not.toContain(value);
    }
  });
});
