// The sessions page: where a person is signed in, and signing their other devices out. A session's
// id is the secret in its cookie, so the page never shows it: each session is named by a digest of
// its id instead.
import { and, desc, eq, gt, ne } from "drizzle-orm";
import { sessions } from "../../../db/schema";
import { db } from "../db.server";
import { sha256 } from "../tokens.server";
import { recordAudit } from "../audit.server";
import { SESSION_IDLE_MS, SESSION_MAX_AGE_MS } from "./session.server";

export type SessionListItem = {
  handle: string;
  deviceLabel: string;
  signedInAt: Date;
  lastSeenAt: Date;
  isCurrent: boolean;
};

function handleOf(sessionId: string) {
  return sha256(`session-handle:${sessionId}`).slice(0, 32);
}

function liveSessionRows(userId: string) {
  return db
    .select({
      id: sessions.id,
      deviceLabel: sessions.deviceLabel,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      activeOrganizationId: sessions.activeOrganizationId,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        gt(sessions.expiresAt, Math.floor(Date.now() / 1000)),
        gt(sessions.createdAt, Date.now() - SESSION_MAX_AGE_MS),
        gt(sessions.lastSeenAt, Date.now() - SESSION_IDLE_MS),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt))
    .all();
}

/** The signed-in devices of one person, newest activity first, the current one marked. */
export function listSessionsOf(userId: string, currentSessionId: string): SessionListItem[] {
  return liveSessionRows(userId).map((row) => ({
    handle: handleOf(row.id),
    deviceLabel: row.deviceLabel ?? "Unknown device",
    signedInAt: new Date(row.createdAt),
    lastSeenAt: new Date(row.lastSeenAt ?? row.createdAt),
    isCurrent: row.id === currentSessionId,
  }));
}

/**
 * Signs one of the person's own other devices out. False when the handle names no session of
 * theirs (or names the current one: signing out here goes through the Sign out button).
 */
export function endOwnSession(args: {
  userId: string;
  organizationId: string;
  currentSessionId: string;
  handle: string;
}) {
  const target = liveSessionRows(args.userId).find((row) => handleOf(row.id) === args.handle);
  if (!target || target.id === args.currentSessionId) return false;
  db.transaction((tx) => {
    tx.delete(sessions)
      .where(and(eq(sessions.id, target.id), eq(sessions.userId, args.userId)))
      .run();
    recordAudit(tx, {
      actorUserId: args.userId,
      organizationId: args.organizationId,
      action: "session.ended_other",
      subjectType: "user",
      subjectId: args.userId,
    });
  });
  return true;
}

/** "Sign out everywhere else": every session of the person but the one making the request. */
export function endOtherSessionsOf(args: { userId: string; organizationId: string; currentSessionId: string }) {
  return db.transaction((tx) => {
    const ended = tx
      .delete(sessions)
      .where(and(eq(sessions.userId, args.userId), ne(sessions.id, args.currentSessionId)))
      .returning({ id: sessions.id })
      .all().length;
    recordAudit(tx, {
      actorUserId: args.userId,
      organizationId: args.organizationId,
      action: "session.ended_all_others",
      subjectType: "user",
      subjectId: args.userId,
    });
    return ended;
  });
}
