import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emailOutbox } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { appUrl } from "../../app/utils/env.server";
import { generateToken } from "../../app/utils/tokens.server";
import {
  composeEmail,
  deliverDueEmails,
  deliverEmail,
  enqueueEmail,
  setEmailSenderForTests,
  type EmailMessage,
} from "../../app/utils/email.server";
import type { EmailT } from "../../emails/layout";
import { invitationSubject } from "../../emails/invitation";
import { passwordResetSubject } from "../../emails/password-reset";
import { portalNoticeSubject } from "../../emails/portal-notice";
import { portalReceiptSubject } from "../../emails/portal-receipt";
import { staffNoticeSubject } from "../../emails/staff-notice";
import { inviteConsultantToPortal, inviteMember } from "../../app/models/invitation/send.server";
import { setOwnLanguage } from "../../app/models/language.server";
import { LANGUAGES } from "../../app/i18n/config";
import { translator } from "../../app/i18n/translate.server";
import { requestPasswordReset } from "../../app/models/password-reset.server";
import * as forgotPasswordRoute from "../../app/routes/forgot-password";
import { createConsultantRecord, createMember, createOrganization } from "../support/factories";
import { callRoute, makeRequest } from "../support/http";

// Realistic personal data that must never appear in an email body or subject.
const ORGANIZATION_NAME = "Harbor Light Collective";
const LEGAL_NAME = "Maria Elena Gonzalez";
const PHONE = "+1 (555) 123-4567";

const EMAIL_PATTERN = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;
// Seven or more digits, possibly broken up by spaces, dots, dashes or brackets.
const PHONE_PATTERN = /\+?\(?\d(?:[\s().-]*\d){6,}/;
const MISSION_WORDS = [
  ...["traffick", "survivor", "victim", "abuse", "exploit", "consult", "pay", "consent"],
  // The same, in Spanish: trata (trafficking), sobreviviente, víctima, abuso, explotación, pago, consentimiento.
  ...["trata", "sobreviv", "víctima", "victima", "abuso", "explota", "pago", "consentim"],
];

const org = createOrganization(ORGANIZATION_NAME);

type SentMessage = { to: string; subject: string; html: string; text: string };

function linkFor(message: EmailMessage) {
  switch (message.template) {
    case "invitation":
      return `${appUrl()}/invite/${message.token}`;
    case "password-reset":
      return `${appUrl()}/reset-password?token=${message.token}`;
    case "portal-notice":
    case "portal-receipt":
      return `${appUrl()}/portal`;
    case "staff-notice":
      return `${appUrl()}${message.path}`;
  }
}

/** The body with the (random) link token taken out, so the digit check cannot trip on it. */
function withoutToken(body: string, message: EmailMessage) {
  return "token" in message ? body.split(message.token).join("TOKEN") : body;
}

function expectNoPersonalData(subject: string, html: string, text: string) {
  for (const part of [subject, html, text]) {
    expect(part).not.toMatch(EMAIL_PATTERN);
    expect(part).not.toMatch(PHONE_PATTERN);
    expect(part).not.toContain(LEGAL_NAME);
    expect(part).not.toContain("Gonzalez");
    expect(part.toLowerCase()).not.toContain(ORGANIZATION_NAME.toLowerCase());
    for (const word of MISSION_WORDS) expect(part.toLowerCase()).not.toContain(word);
  }
}

async function queue(to = `person-${randomUUID().slice(0, 8)}@example.test`) {
  const composed = await composeEmail({ template: "portal-notice" });
  return enqueueEmail(db, to, composed);
}

function outboxRow(id: string) {
  return db.select().from(emailOutbox).where(eq(emailOutbox.id, id)).get()!;
}

function failingSender(calls: SentMessage[] = []) {
  return async (msg: SentMessage) => {
    calls.push(msg);
    return { ok: false as const, error: "boom" };
  };
}

beforeEach(() => setEmailSenderForTests(null));
afterEach(() => setEmailSenderForTests(undefined));

describe.each(LANGUAGES)("templates in %s", (language) => {
  const t = translator(language, "email");
  const messages: { message: EmailMessage; subject: (t: EmailT) => string }[] = [
    { message: { template: "invitation", token: generateToken() }, subject: invitationSubject },
    { message: { template: "password-reset", token: generateToken() }, subject: passwordResetSubject },
    { message: { template: "portal-notice" }, subject: portalNoticeSubject },
    { message: { template: "portal-receipt" }, subject: portalReceiptSubject },
    { message: { template: "staff-notice", path: "/admin/erasure-requests" }, subject: staffNoticeSubject },
  ];

  it("the personal-data patterns used below do catch personal data", () => {
    expect(`Write to ${"maria.gonzalez@example.org"}`).toMatch(EMAIL_PATTERN);
    expect(`Call ${PHONE}`).toMatch(PHONE_PATTERN);
    expect("Call 555 123 4567").toMatch(PHONE_PATTERN);
    expect("Call 5551234567").toMatch(PHONE_PATTERN);
    expect("width 520px, colour #52606d, padding 12px 20px").not.toMatch(PHONE_PATTERN);
  });

  for (const { message, subject } of messages) {
    describe(message.template, () => {
      it("renders to HTML and plain text, both carrying the link", async () => {
        const composed = await composeEmail(message, language);
        expect(composed.template).toBe(message.template);
        expect(composed.html).toMatch(new RegExp(`<html[^>]* lang="${language}"`));
        expect(composed.html).toMatch(/^<!DOCTYPE html/i);
        expect(composed.html).toContain(`href="${linkFor(message)}"`);
        expect(composed.text).toContain(linkFor(message));
        expect(composed.text).not.toMatch(/<[a-z][^>]*>/i);
        expect(composed.text.trim().length).toBeGreaterThan(20);
      });

      it("has the neutral subject exported by the template, in the language asked for", async () => {
        const composed = await composeEmail(message, language);
        expect(composed.subject).toBe(subject(t));
        expect(composed.subject).not.toBe("");
        // No name, no amount, no date: words only.
        expect(composed.subject).not.toMatch(/\d/);
        for (const word of MISSION_WORDS) expect(composed.subject.toLowerCase()).not.toContain(word);
        expect(composed.subject.toLowerCase()).not.toContain(ORGANIZATION_NAME.toLowerCase());
        expect(composed.subject.toLowerCase()).not.toContain("harbor");
      });

      it("is written in that language, body and subject alike", async () => {
        const composed = await composeEmail(message, language);
        const other = await composeEmail(message, language === "en" ? "es" : "en");
        expect(composed.subject).not.toBe(other.subject);
        expect(withoutToken(composed.text, message)).not.toBe(withoutToken(other.text, message));
      });

      it("contains no personal data and no organization name", async () => {
        const composed = await composeEmail(message, language);
        expectNoPersonalData(
          composed.subject,
          withoutToken(composed.html, message),
          withoutToken(composed.text, message),
        );
      });
    });
  }
});

describe("emails in real flows", () => {
  it("emails sent by real invitation and reset flows carry no personal data either", async () => {
    const admin = await createMember({ organizationId: org.id, role: "admin" });
    const member = await createMember({
      organizationId: org.id,
      role: "consultant",
      email: `maria.gonzalez.${randomUUID().slice(0, 6)}@example.org`,
      preferredName: LEGAL_NAME,
    });
    const invitee = `m.e.gonzalez.${randomUUID().slice(0, 6)}@example.org`;
    await inviteMember({ organizationId: org.id, invitedByUserId: admin.userId, email: invitee, role: "consultant" });
    await requestPasswordReset(member.email);

    const rows = db
      .select()
      .from(emailOutbox)
      .where(inArray(emailOutbox.toAddress, [invitee, member.email]))
      .all();
    expect(rows.map((r) => r.template).sort()).toEqual(["invitation", "password-reset"]);
    for (const row of rows) {
      const token =
        /\/invite\/([\w-]+)/.exec(row.text)?.[1] ?? /reset-password\?token=([\w-]+)/.exec(row.text)?.[1] ?? "";
      expect(token.length).toBeGreaterThan(20);
      const scrub = (s: string) => s.split(token).join("TOKEN");
      expectNoPersonalData(row.subject, scrub(row.html), scrub(row.text));
      expect(row.html).not.toContain(row.toAddress);
      expect(row.text).not.toContain(row.toAddress);
    }
  });
});

describe("each email in its recipient's language", () => {
  const spanish = translator("es", "email");
  const english = translator("en", "email");
  const outboxTo = (address: string) =>
    db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, address.toLowerCase())).all();

  it("an invitation to a consultant recorded as Spanish is composed in Spanish", async () => {
    const admin = await createMember({ organizationId: org.id, role: "admin" });
    const email = `es-${randomUUID().slice(0, 8)}@example.test`;
    const consultant = createConsultantRecord(org.id, { email, emailSafety: "safe", preferredLanguage: "es" });
    const result = await inviteConsultantToPortal({
      organizationId: org.id,
      consultantId: consultant.id,
      invitedByUserId: admin.userId,
    });
    expect(result.delivery).toBe("email");
    const [row] = outboxTo(email);
    expect(row!.subject).toBe(invitationSubject(spanish));
    expect(row!.html).toMatch(/<html[^>]* lang="es"/);
    expect(row!.text).toContain(spanish("invitation.button"));
  });

  it("an invitation to a consultant with no language recorded is in English, whoever invites them", async () => {
    const admin = await createMember({ organizationId: org.id, role: "admin" });
    setOwnLanguage(admin.userId, "es");
    const email = `en-${randomUUID().slice(0, 8)}@example.test`;
    const consultant = createConsultantRecord(org.id, { email, emailSafety: "safe" });
    await inviteConsultantToPortal({
      organizationId: org.id,
      consultantId: consultant.id,
      invitedByUserId: admin.userId,
    });
    const [row] = outboxTo(email);
    expect(row!.subject).toBe(invitationSubject(english));
    expect(row!.html).toMatch(/<html[^>]* lang="en"/);
  });

  it("a password reset goes out in the account's own language", async () => {
    const member = await createMember({ organizationId: org.id, role: "staff" });
    setOwnLanguage(member.userId, "es");
    await requestPasswordReset(member.email);
    const [row] = outboxTo(member.email);
    expect(row!.subject).toBe(passwordResetSubject(spanish));
    expect(row!.text).toContain(spanish("passwordReset.button"));
  });
});

describe("delivery through the outbox", () => {
  it("with no provider configured, keeps the message as captured and sends nothing", async () => {
    setEmailSenderForTests(null);
    const id = await queue();
    expect(outboxRow(id).status).toBe("pending");
    await deliverEmail(id);
    const row = outboxRow(id);
    expect(row.status).toBe("captured");
    expect(row.sentAt).toBeNull();
    expect(row.providerMessageId).toBeNull();
    expect(row.nextAttemptAt).toBeNull();
    expect(row.attempts).toBe(0);
  });

  it("marks a message accepted by the provider as sent", async () => {
    const sent: SentMessage[] = [];
    setEmailSenderForTests(async (msg) => {
      sent.push(msg);
      return { ok: true, id: "x" };
    });
    const to = `sent-${randomUUID().slice(0, 8)}@example.test`;
    const id = await queue(to);
    const queued = outboxRow(id);
    const before = Date.now();
    await deliverEmail(id);
    const row = outboxRow(id);
    expect(row.status).toBe("sent");
    // The body (with its live link) is not kept once the provider has it.
    expect(row.html).toBe("");
    expect(row.text).toBe("");
    expect(row.providerMessageId).toBe("x");
    expect(row.attempts).toBe(1);
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.sentAt!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(row.nextAttemptAt).toBeNull();
    expect(row.lastError).toBeNull();
    expect(sent).toEqual([
      { to, subject: portalNoticeSubject(translator("en", "email")), html: queued.html, text: queued.text },
    ]);

    // A sent message is never sent again.
    await deliverEmail(id);
    await deliverDueEmails(new Date(Date.now() + 24 * 60 * 60_000));
    expect(sent.filter((m) => m.to === to)).toHaveLength(1);
  });

  it("records a failure and retries it only once the retry time has come", async () => {
    const calls: SentMessage[] = [];
    setEmailSenderForTests(failingSender(calls));
    const to = `retry-${randomUUID().slice(0, 8)}@example.test`;
    const id = await queue(to);
    const before = Date.now();
    await deliverEmail(id);
    let row = outboxRow(id);
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toBe("boom");
    expect(row.sentAt).toBeNull();
    // About one minute later.
    const delay = row.nextAttemptAt!.getTime() - before;
    expect(delay).toBeGreaterThan(55_000);
    expect(delay).toBeLessThan(65_000);

    const retryAt = row.nextAttemptAt!.getTime();
    await deliverDueEmails(new Date(retryAt - 1_000));
    row = outboxRow(id);
    expect(row.attempts).toBe(1);
    expect(calls.filter((m) => m.to === to)).toHaveLength(1);

    await deliverDueEmails(new Date(retryAt + 1_000));
    row = outboxRow(id);
    expect(row.attempts).toBe(2);
    expect(row.status).toBe("pending");
    expect(calls.filter((m) => m.to === to)).toHaveLength(2);
    // The wait doubles after each failure.
    expect(row.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(115_000);
  });

  it("gives up after 6 failed attempts and keeps the message as failed", async () => {
    const calls: SentMessage[] = [];
    setEmailSenderForTests(failingSender(calls));
    const to = `give-up-${randomUUID().slice(0, 8)}@example.test`;
    const id = await queue(to);
    for (let attempt = 1; attempt <= 6; attempt++) {
      const row = outboxRow(id);
      expect(row.status).toBe("pending");
      await deliverDueEmails(new Date(row.nextAttemptAt!.getTime() + 1_000));
      expect(outboxRow(id).attempts).toBe(attempt);
    }
    const row = outboxRow(id);
    expect(row.status).toBe("failed");
    expect(row.nextAttemptAt).toBeNull();
    expect(row.lastError).toBe("boom");
    // Nothing more is tried.
    await deliverDueEmails(new Date(Date.now() + 7 * 24 * 60 * 60_000));
    expect(outboxRow(id).attempts).toBe(6);
    expect(calls.filter((m) => m.to === to)).toHaveLength(6);
  });

  it("keeps a very long provider error short", async () => {
    setEmailSenderForTests(async () => ({ ok: false, error: "x".repeat(5_000) }));
    const id = await queue();
    await deliverEmail(id);
    expect(outboxRow(id).lastError!.length).toBeLessThanOrEqual(500);
  });

  it("a provider that throws is recorded as a failure to retry, not thrown at the caller", async () => {
    setEmailSenderForTests(async () => {
      throw new Error("socket hang up");
    });
    const id = await queue();
    await expect(deliverEmail(id)).resolves.toBeUndefined();
    const row = outboxRow(id);
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toBeTruthy();
    expect(row.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it("a provider that throws does not stop the delivery run for the other messages", async () => {
    const throwingTo = `throws-${randomUUID().slice(0, 8)}@example.test`;
    const okTo = `fine-${randomUUID().slice(0, 8)}@example.test`;
    const throwingId = await queue(throwingTo);
    const okId = await queue(okTo);
    setEmailSenderForTests(async (msg) => {
      if (msg.to === throwingTo) throw new Error("socket hang up");
      return { ok: true, id: "y" };
    });
    await expect(deliverDueEmails(new Date(Date.now() + 1_000))).resolves.toBeGreaterThanOrEqual(2);
    expect(outboxRow(okId).status).toBe("sent");
    expect(outboxRow(throwingId).status).toBe("pending");
    expect(outboxRow(throwingId).attempts).toBe(1);
  });

  it("a provider that throws does not crash the request that sends the email", async () => {
    const member = await createMember({ organizationId: org.id, role: "staff" });
    setEmailSenderForTests(async () => {
      throw new Error("socket hang up");
    });
    const result = await callRoute(
      forgotPasswordRoute.action,
      makeRequest("/forgot-password", { form: { email: member.email } }),
    );
    expect(result.status).toBe(302);
    expect(result.location).toBe("/forgot-password?done=sent");
    const row = db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, member.email)).get()!;
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(1);
  });
});

describe("queueing inside a transaction", () => {
  it("leaves nothing in the outbox when the transaction rolls back", async () => {
    const to = `rollback-${randomUUID().slice(0, 8)}@example.test`;
    const composed = await composeEmail({ template: "portal-notice" });
    const before = db.select().from(emailOutbox).all().length;
    expect(() =>
      db.transaction((tx) => {
        const id = enqueueEmail(tx, to, composed);
        expect(tx.select().from(emailOutbox).where(eq(emailOutbox.id, id)).get()).toBeDefined();
        throw new Error("something later in the transaction failed");
      }),
    ).toThrow("something later in the transaction failed");
    expect(db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to)).all()).toHaveLength(0);
    expect(db.select().from(emailOutbox).all()).toHaveLength(before);
  });

  it("keeps the message when the transaction commits", async () => {
    const to = `commit-${randomUUID().slice(0, 8)}@example.test`;
    const composed = await composeEmail({ template: "portal-notice" });
    const id = db.transaction((tx) => enqueueEmail(tx, to, composed));
    const row = outboxRow(id);
    expect(row.toAddress).toBe(to);
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(0);
  });
});
