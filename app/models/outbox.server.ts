import { desc, eq } from "drizzle-orm";
import { emailOutbox } from "../../db/schema";
import { db } from "../utils/db.server";
import { isProduction } from "../utils/env.server";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

// The outbox holds live sign-in links. Its pages exist only outside production, and only for the
// machine itself (never another device on the network); otherwise they are a plain 404.
export function assertOutboxAvailable(clientIp: string | undefined) {
  if (isProduction() || !clientIp || !LOOPBACK.has(clientIp)) throw new Response("Not found", { status: 404 });
}

/** For the development outbox page only; never reachable in production (see the route). */
export function listOutboxMessages(limit = 100) {
  return db
    .select({
      id: emailOutbox.id,
      toAddress: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      template: emailOutbox.template,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      createdAt: emailOutbox.createdAt,
    })
    .from(emailOutbox)
    .orderBy(desc(emailOutbox.createdAt))
    .limit(limit)
    .all();
}

export function getOutboxMessage(id: string) {
  return db
    .select({ id: emailOutbox.id, subject: emailOutbox.subject, html: emailOutbox.html, text: emailOutbox.text })
    .from(emailOutbox)
    .where(eq(emailOutbox.id, id))
    .get();
}
