import { desc, eq } from "drizzle-orm";
import { emailOutbox } from "../../db/schema";
import { db } from "../utils/db.server";
import { devOutboxEnabled } from "../utils/env.server";
import { NotFoundError } from "./errors";

const LOOPBACK_ADDRESSES = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const PROXY_HEADERS = ["x-forwarded-for", "x-forwarded-host", "forwarded"];

/** The name the browser asked for, without the port: "localhost:3000" → "localhost", "[::1]:80" → "[::1]". */
function hostName(host: string) {
  return host.toLowerCase().replace(/:\d+$/, "");
}

/**
 * The outbox holds live sign-in links. Its pages exist only when the server was started with
 * DEV_OUTBOX=1 outside production, and only for this machine: the connection comes from a loopback
 * address, the browser asked for a loopback name (a page of another site whose name points at
 * 127.0.0.1, "DNS rebinding", sends its own name), and no proxy stands in between (a proxy on this
 * machine makes every request come from 127.0.0.1). Anything else is a plain 404.
 */
export function assertOutboxAvailable(request: Request, clientIp: string | undefined) {
  const host = request.headers.get("host");
  const thisMachine =
    Boolean(clientIp && LOOPBACK_ADDRESSES.has(clientIp)) &&
    Boolean(host && LOOPBACK_HOSTS.has(hostName(host))) &&
    PROXY_HEADERS.every((name) => !request.headers.has(name));
  if (!devOutboxEnabled() || !thisMachine) throw new NotFoundError();
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
