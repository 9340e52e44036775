import { render } from "@react-email/render";
import { and, asc, eq, inArray, lte, ne, or } from "drizzle-orm";
import { Resend } from "resend";
import type { ReactElement } from "react";
import InvitationEmail, { invitationSubject } from "../../emails/invitation";
import PasswordResetEmail, { passwordResetSubject } from "../../emails/password-reset";
import PortalNoticeEmail, { portalNoticeSubject } from "../../emails/portal-notice";
import PortalReceiptEmail, { portalReceiptSubject } from "../../emails/portal-receipt";
import CheckInEmail, { checkInSubject } from "../../emails/check-in";
import StaffNoticeEmail, { staffNoticeSubject } from "../../emails/staff-notice";
import { emailOutbox } from "../../db/schema";
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from "~/i18n/config";
import { translator } from "~/i18n/translate.server";
import { db, type Executor } from "./db.server";
import { appUrl, getEnv, isProduction } from "./env.server";

export type EmailMessage =
  | { template: "invitation"; token: string }
  | { template: "password-reset"; token: string }
  | { template: "portal-notice" }
  /** After a consent decision is recorded (by the consultant or by staff): a receipt is in the portal. */
  | { template: "portal-receipt" }
  /** A regular check-in is due: a neutral ask to look at the portal, nothing about what or why. */
  | { template: "check-in" }
  /** To admins: a request waits on a staff page (`path`, which must hold no personal data). */
  | { template: "staff-notice"; path: string };

type Composed = { template: string; subject: string; html: string; text: string };

const MAX_ATTEMPTS = 6;

function describe(message: EmailMessage, language: Language): { subject: string; element: ReactElement } {
  const base = appUrl();
  // Subjects and bodies in the recipient's language; the subjects stay neutral in every language.
  const t = translator(language, "email");
  const words = { language, t };
  switch (message.template) {
    case "invitation":
      return {
        subject: invitationSubject(t),
        element: <InvitationEmail link={`${base}/invite/${message.token}`} {...words} />,
      };
    case "password-reset":
      return {
        subject: passwordResetSubject(t),
        element: <PasswordResetEmail link={`${base}/reset-password?token=${message.token}`} {...words} />,
      };
    case "portal-notice":
      return { subject: portalNoticeSubject(t), element: <PortalNoticeEmail link={`${base}/portal`} {...words} /> };
    case "check-in":
      return { subject: checkInSubject(t), element: <CheckInEmail link={`${base}/portal`} {...words} /> };
    case "portal-receipt":
      return { subject: portalReceiptSubject(t), element: <PortalReceiptEmail link={`${base}/portal`} {...words} /> };
    case "staff-notice":
      return {
        subject: staffNoticeSubject(t),
        element: <StaffNoticeEmail link={`${base}${message.path}`} {...words} />,
      };
  }
}

/**
 * Renders a message in its recipient's language (see `notificationLanguage`). Async, so call it
 * before opening the transaction that queues it.
 */
export async function composeEmail(message: EmailMessage, language: Language = DEFAULT_LANGUAGE): Promise<Composed> {
  const { subject, element } = describe(message, language);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { template: message.template, subject, html, text };
}

/**
 * The same message rendered in every language the app speaks, for recipients who are only known
 * inside the transaction that queues it: pick each one's copy by their language.
 */
export async function composeEmailForEveryLanguage(message: EmailMessage) {
  const copies = new Map<Language, Composed>();
  for (const language of LANGUAGES) copies.set(language, await composeEmail(message, language));
  return (language: Language) => copies.get(language) ?? copies.get(DEFAULT_LANGUAGE)!;
}

/** Adds a composed message to the outbox inside the caller's transaction; returns its id. */
export function enqueueEmail(tx: Executor, to: string, composed: Composed) {
  const row = tx
    .insert(emailOutbox)
    .values({ toAddress: to, ...composed, status: "pending", nextAttemptAt: new Date() })
    .returning({ id: emailOutbox.id })
    .get();
  return row.id;
}

type Sender = (msg: {
  to: string;
  subject: string;
  html: string;
  text: string;
}) => Promise<{ ok: true; id: string | null } | { ok: false; error: string }>;

function resendSender(apiKey: string): Sender {
  const client = new Resend(apiKey);
  return async (msg) => {
    try {
      // Resend reports failures in `error` rather than throwing.
      const { data, error } = await client.emails.send({ from: getEnv().EMAIL_FROM, ...msg });
      if (error) return { ok: false, error: `${error.name}: ${error.message}` };
      return { ok: true, id: data?.id ?? null };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.name : "unknown error" };
    }
  };
}

let senderOverride: Sender | null | undefined;
/** Lets tests stand in for the provider (null means "no provider configured"). */
export function setEmailSenderForTests(sender: Sender | null | undefined) {
  senderOverride = sender;
}

function currentSender(): Sender | null {
  if (senderOverride !== undefined) return senderOverride;
  const key = getEnv().RESEND_API_KEY;
  return key ? resendSender(key) : null;
}

function retryDelayMs(attempts: number) {
  // 1, 2, 4, 8, 16 minutes: long enough to ride out a provider outage.
  return 60_000 * 2 ** Math.max(0, attempts - 1);
}

/** Tries to send one queued message. Never throws: a failure is recorded for a later retry. */
export async function deliverEmail(id: string, now = new Date()) {
  try {
    await attemptDelivery(id, now);
  } catch (err) {
    // Only the error's name: messages from a provider can quote the recipient.
    console.error("Email delivery attempt failed:", err instanceof Error ? err.name : "unknown error");
  }
}

async function sendSafely(sender: Sender, msg: Parameters<Sender>[0]): ReturnType<Sender> {
  try {
    return await sender(msg);
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.name : "unknown error" };
  }
}

const SEND_LEASE_MS = 10 * 60_000;

/**
 * Takes a due message for this sender alone: the request that queued it and the background job
 * may both try at once, and only one of them may send it.
 */
function claimForSending(id: string, now: Date) {
  return db
    .update(emailOutbox)
    .set({ status: "sending", nextAttemptAt: new Date(now.getTime() + SEND_LEASE_MS) })
    .where(
      and(
        eq(emailOutbox.id, id),
        inArray(emailOutbox.status, ["pending", "sending"]),
        lte(emailOutbox.nextAttemptAt, now),
      ),
    )
    .returning()
    .get();
}

async function attemptDelivery(id: string, now: Date) {
  const row = claimForSending(id, now);
  if (!row) return;
  const sender = currentSender();
  if (!sender) {
    // With no provider the message goes nowhere. Its body holds a live sign-in link: outside
    // production it stays for the development outbox; in production nothing may ever read it.
    const body = isProduction() ? { html: "", text: "" } : {};
    db.update(emailOutbox)
      .set({ status: "captured", nextAttemptAt: null, ...body })
      .where(eq(emailOutbox.id, id))
      .run();
    return;
  }
  const attempts = row.attempts + 1;
  const result = await sendSafely(sender, { to: row.toAddress, subject: row.subject, html: row.html, text: row.text });
  if (result.ok) {
    db.update(emailOutbox)
      // The body holds a live sign-in link: once the provider has it, nothing here needs it.
      .set({
        html: "",
        text: "",
        status: "sent",
        attempts,
        sentAt: now,
        providerMessageId: result.id,
        nextAttemptAt: null,
        lastError: null,
      })
      .where(eq(emailOutbox.id, id))
      .run();
    return;
  }
  const giveUp = attempts >= MAX_ATTEMPTS;
  db.update(emailOutbox)
    .set({
      ...(giveUp ? { html: "", text: "" } : {}),
      status: giveUp ? "failed" : "pending",
      attempts,
      lastError: result.error.slice(0, 500),
      nextAttemptAt: giveUp ? null : new Date(now.getTime() + retryDelayMs(attempts)),
    })
    .where(eq(emailOutbox.id, id))
    .run();
}

/**
 * In production, blanks the bodies of captured messages, which nothing may read: those captured
 * before bodies were blanked on capture, or while this database was used outside production.
 * Run by the server when it starts.
 */
export function blankCapturedBodies() {
  if (!isProduction()) return 0;
  return db
    .update(emailOutbox)
    .set({ html: "", text: "" })
    .where(and(eq(emailOutbox.status, "captured"), or(ne(emailOutbox.html, ""), ne(emailOutbox.text, ""))))
    .run().changes;
}

/** Sends everything whose next attempt is due. Run periodically by the server. */
export async function deliverDueEmails(now = new Date()) {
  const due = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(and(inArray(emailOutbox.status, ["pending", "sending"]), lte(emailOutbox.nextAttemptAt, now)))
    .orderBy(asc(emailOutbox.createdAt))
    .limit(50)
    .all();
  for (const { id } of due) await deliverEmail(id, now);
  return due.length;
}
