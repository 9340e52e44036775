import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// Ids are random UUIDs so that nothing in a URL reveals how many records exist.
const id = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());

// Times are stored as epoch milliseconds (UTC) so comparisons are plain integer maths in SQL.
const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });
const createdAt = () =>
  timestamp("created_at")
    .notNull()
    .$defaultFn(() => new Date());

export const ROLES = ["admin", "staff", "consultant"] as const;
export type Role = (typeof ROLES)[number];

export const organizations = sqliteTable("organizations", {
  id: id(),
  name: text("name").notNull(),
  createdAt: createdAt(),
});

export const users = sqliteTable(
  "users",
  {
    id: id(),
    // Always stored lower-cased and trimmed; see normalizeEmail.
    email: text("email").notNull(),
    // The name the person chose; the only name shown anywhere in the product.
    preferredName: text("preferred_name").notNull(),
    // Null until the person sets a password through an invitation.
    passwordHash: text("password_hash"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const memberships = sqliteTable(
  "memberships",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    role: text("role", { enum: ROLES }).notNull(),
    // A deactivated membership keeps its history but grants nothing.
    deactivatedAt: timestamp("deactivated_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("memberships_user_org_unique").on(t.userId, t.organizationId),
    index("memberships_org_idx").on(t.organizationId),
  ],
);

// Shape required by Lucia's Drizzle adapter (expires_at in seconds), plus our own columns.
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
    // The organization the person is working in; checked against memberships on every request.
    activeOrganizationId: text("active_organization_id").references(() => organizations.id, { onDelete: "set null" }),
    // Used for the absolute lifetime cap, which idle extension never passes.
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const invitations = sqliteTable(
  "invitations",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    email: text("email").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    // SHA-256 of the token; the token itself exists only in the emailed link.
    tokenHash: text("token_hash").notNull(),
    invitedByUserId: text("invited_by_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    expiresAt: timestamp("expires_at").notNull(),
    acceptedAt: timestamp("accepted_at"),
    revokedAt: timestamp("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_unique").on(t.tokenHash),
    index("invitations_org_idx").on(t.organizationId),
  ],
);

export const passwordResetTokens = sqliteTable(
  "password_reset_tokens",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    usedAt: timestamp("used_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("password_reset_token_hash_unique").on(t.tokenHash)],
);

// Failed sign-in attempts, keyed by a hash of the account email or the client address,
// so the table never holds either in clear.
export const loginFailures = sqliteTable(
  "login_failures",
  {
    id: id(),
    scope: text("scope", { enum: ["account", "ip"] }).notNull(),
    keyHash: text("key_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("login_failures_key_idx").on(t.scope, t.keyHash, t.createdAt)],
);

// Append-only: triggers in the migrations reject UPDATE and DELETE.
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: id(),
    occurredAt: createdAt(),
    actorUserId: text("actor_user_id").references(() => users.id, {
      onDelete: "restrict",
    }),
    organizationId: text("organization_id").references(() => organizations.id, { onDelete: "restrict" }),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id"),
    // JSON array of field names that changed. Never values: some fields are sensitive.
    changedFields: text("changed_fields", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
  },
  (t) => [index("audit_events_org_time_idx").on(t.organizationId, t.occurredAt)],
);

export const EMAIL_STATUSES = ["pending", "sent", "failed", "captured"] as const;

export const emailOutbox = sqliteTable(
  "email_outbox",
  {
    id: id(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    template: text("template").notNull(),
    // pending: waiting for (another) delivery attempt; sent: accepted by the provider;
    // failed: attempts used up; captured: no provider configured, kept for the development page.
    status: text("status", { enum: EMAIL_STATUSES }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at"),
    providerMessageId: text("provider_message_id"),
    sentAt: timestamp("sent_at"),
    createdAt: createdAt(),
  },
  (t) => [index("email_outbox_status_idx").on(t.status, t.nextAttemptAt)],
);
