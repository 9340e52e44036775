import { sql } from "drizzle-orm";
import { type AnySQLiteColumn, check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

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

/**
 * The organization's own words in other languages than English, by language then field:
 * `{ "es": { "label": "…", "text": "…" } }`. The row's own columns hold the English. Any language in
 * app/locales/languages.json may appear here without a schema change.
 */
export type Translations = Record<string, Record<string, string>>;

export const ROLES = ["admin", "staff", "consultant"] as const;
export type Role = (typeof ROLES)[number];

export const organizations = sqliteTable("organizations", {
  id: id(),
  name: text("name").notNull(),
  // IANA name (America/New_York): every moment in time is shown in it (see app/utils/format.ts).
  timeZone: text("time_zone").notNull().default("America/New_York"),
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
    // The language the app speaks to them in and their emails are written in ("en", "es"). Null: not
    // chosen yet, so the browser's language decides.
    preferredLanguage: text("preferred_language"),
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
    // The SHA-256 digest (hex) of the token in the cookie, never the token itself: a copy of the
    // database or a backup holds no session anyone could use.
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
    // The organization the person is working in; checked against memberships on every request.
    activeOrganizationId: text("active_organization_id").references(() => organizations.id, { onDelete: "set null" }),
    // Used for the absolute lifetime cap, which idle extension never passes.
    createdAt: integer("created_at").notNull(),
    // A short label such as "Chrome on Windows" for the sessions page. The User-Agent itself and
    // the address are never stored: the label is all a person needs to recognise a device.
    deviceLabel: text("device_label"),
    // Epoch ms, refreshed at most once a minute (see app/utils/auth/session.server.ts): "last active", and the
    // start of the idle timeout.
    lastSeenAt: integer("last_seen_at"),
    // Epoch ms when this session passed the second step of sign-in (a code from the app or a
    // recovery code, or the confirmation of a new setup); null when it passed only the password.
    // Where two-step sign-in is needed, it is this session that must have passed it, not the user.
    secondFactorAt: integer("second_factor_at"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

// Two-step sign-in. One row per user: while confirmedAt is null the secret was shown
// for setup but never confirmed with a code, and sign-in does not ask for it.
export const twoFactorCredentials = sqliteTable("two_factor_credentials", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  // Base32 TOTP secret, sealed with the field key (ADR 008; app/models/two-factor-secret.server.ts).
  secret: text("secret").notNull(),
  confirmedAt: timestamp("confirmed_at"),
  // While a setup waits for its first code: the session (by its stored id) that started it. Only
  // that session sees the secret and may confirm it, so a stolen session cannot plant a secret for
  // the owner to confirm later on another device.
  setupSessionId: text("setup_session_id"),
  // The TOTP time step (30 s) of the last accepted code: a code is accepted only for a later step,
  // so a code seen over someone's shoulder cannot be used again.
  lastUsedStep: integer("last_used_step"),
  createdAt: createdAt(),
});

/**
 * Field encryption at rest (ADR 008), for the whole database: at most one row, written by
 * `npm run db:encrypt-fields` (and `db:migrate`) once no sealed column holds a value in clear.
 * From then on a value in clear can only have been written around the field modules, and opening
 * it is refused instead of showing it.
 */
export const fieldEncryptionState = sqliteTable(
  "field_encryption_state",
  {
    id: integer("id").primaryKey(),
    everyColumnSealedAt: timestamp("every_column_sealed_at").notNull(),
  },
  (t) => [check("field_encryption_state_one_row", sql`${t.id} = 1`)],
);

// Single-use recovery codes, stored only as SHA-256 digests (the codes are random, 60 bits).
export const twoFactorRecoveryCodes = sqliteTable(
  "two_factor_recovery_codes",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("two_factor_recovery_codes_user_idx").on(t.userId)],
);

// A sign-in waiting for its second step: the password was right, the code is still to come.
// The browser holds only a random token (HttpOnly cookie); this row holds its SHA-256 digest.
export const pendingSignIns = sqliteTable(
  "pending_sign_ins",
  {
    id: id(),
    tokenHash: text("token_hash").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // A path inside the app (already checked with safeRedirectPath), where to go afterwards.
    redirectTo: text("redirect_to"),
    expiresAt: timestamp("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("pending_sign_ins_token_hash_unique").on(t.tokenHash)],
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
    // For portal invitations: accepting links the account to this consultant record.
    consultantId: text("consultant_id").references((): AnySQLiteColumn => consultants.id, { onDelete: "restrict" }),
    expiresAt: timestamp("expires_at").notNull(),
    acceptedAt: timestamp("accepted_at"),
    // When the link's "choose a password" form was answered for an email that already had an
    // account: the link then reads as used, as it does after a new account was made, and takes no
    // more answers, while the invitation itself waits for that person to sign in.
    respondedAt: timestamp("responded_at"),
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
// so the table never holds either in clear. The password reset forms count every submission
// here too, per client address, under their own scopes.
export const loginFailures = sqliteTable(
  "login_failures",
  {
    id: id(),
    // "account" counts wrong passwords, "code" wrong second-step codes (only a right code clears
    // those: a right password must not buy more guesses at the code), "ip" both, per address; the
    // password-reset, invitation and letter-check scopes count those forms' submissions per address.
    scope: text("scope", {
      enum: ["account", "code", "ip", "password-reset-request", "password-reset", "invitation-answer", "letter-check"],
    }).notNull(),
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
  (t) => [
    index("audit_events_org_time_idx").on(t.organizationId, t.occurredAt),
    // One record's history (a payment's page), without reading the organization's whole log.
    index("audit_events_subject_idx").on(t.organizationId, t.subjectType, t.subjectId),
  ],
);

export const EMAIL_STATUSES = ["pending", "sending", "sent", "failed", "captured"] as const;

export const emailOutbox = sqliteTable(
  "email_outbox",
  {
    id: id(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    template: text("template").notNull(),
    // pending: waiting for (another) delivery attempt; sending: claimed by one sender until
    // next_attempt_at (a lease, so a crash mid-send is retried); sent: accepted by the provider;
    // failed: attempts used up; captured: no provider configured, kept for the development page
    // (in production without the body, which holds a live link).
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

// ---------------------------------------------------------------------------------------------
// Consultants

export const CONSULTANT_STATUSES = ["prospect", "onboarding", "active", "paused", "alumni"] as const;
export type ConsultantStatus = (typeof CONSULTANT_STATUSES)[number];

export const CONTACT_CHANNELS = ["email", "phone", "text", "mail"] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const CONTACT_SAFETY = ["safe", "not_safe", "ask_first"] as const;
export type ContactSafety = (typeof CONTACT_SAFETY)[number];

export const PAYMENT_METHODS = ["direct_deposit", "check", "gift_card", "cash", "other", "undecided"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** What a consultant says about taking on work: open to it, limited to some hours a month, or paused. */
export const AVAILABILITY_STATES = ["open", "limited", "paused"] as const;
export type AvailabilityState = (typeof AVAILABILITY_STATES)[number];

export const consultants = sqliteTable(
  "consultants",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    // Set when the person accepts a portal invitation; one record per organization per person.
    userId: text("user_id").references(() => users.id, { onDelete: "restrict" }),
    status: text("status", { enum: CONSULTANT_STATUSES }).notNull().default("prospect"),
    // The only name shown anywhere, including lists and emails' salutations (which have none today).
    preferredName: text("preferred_name").notNull(),
    pronouns: text("pronouns"),
    // The language staff recorded for them ("en", "es"): their invitation is written in it. Once they
    // have an account, their own choice (users.preferred_language) is the one that counts.
    preferredLanguage: text("preferred_language"),
    // Needed only for payment and tax forms: admins only, never in lists or emails.
    legalName: text("legal_name"),
    // Stored lower-cased; unique within an organization when present.
    email: text("email"),
    phone: text("phone"),
    preferredChannel: text("preferred_channel", { enum: CONTACT_CHANNELS }),
    // Whether each way of reaching the person is safe. "ask_first" is the default: nobody is
    // contacted on a channel until someone has asked them.
    emailSafety: text("email_safety", { enum: CONTACT_SAFETY }).notNull().default("ask_first"),
    phoneSafety: text("phone_safety", { enum: CONTACT_SAFETY }).notNull().default("ask_first"),
    textSafety: text("text_safety", { enum: CONTACT_SAFETY }).notNull().default("ask_first"),
    mailSafety: text("mail_safety", { enum: CONTACT_SAFETY }).notNull().default("ask_first"),
    languages: text("languages", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    // City or region only, never a street address.
    location: text("location"),
    // Tags: the lived-experience roles plus any free tags.
    expertise: text("expertise", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    availability: text("availability"),
    accessNeeds: text("access_needs"),
    interpreterLanguage: text("interpreter_language"),
    needsChildcare: integer("needs_childcare", { mode: "boolean" }).notNull().default(false),
    needsTransport: integer("needs_transport", { mode: "boolean" }).notNull().default(false),
    supportPerson: text("support_person"),
    paymentMethod: text("payment_method", { enum: PAYMENT_METHODS }).notNull().default("undecided"),
    wantsBenefitsNote: integer("wants_benefits_note", { mode: "boolean" }).notNull().default(false),
    // Set by the consultant in the portal (app/models/capacity/): staff are warned, never stopped, when
    // they offer work or pay beyond it. "limited" comes with monthlyLimitHundredths; "paused" with
    // pausedFrom (the organization's day it was set) and pausedUntil, the last day of the pause.
    availabilityState: text("availability_state", { enum: AVAILABILITY_STATES }).notNull().default("open"),
    monthlyLimitHundredths: integer("monthly_limit_hundredths"),
    pausedFrom: text("paused_from"),
    pausedUntil: text("paused_until"),
    // The consultant's own words to staff about it; sealed (see consultant-fields.server.ts).
    availabilityNote: text("availability_note"),
    availabilityChangedAt: timestamp("availability_changed_at"),
    // The most the consultant wants to be paid in fees in a calendar year (some receive benefits a
    // higher income would end). Null: no limit. Their choice; the product gives no advice about it.
    yearlyPayLimitCents: integer("yearly_pay_limit_cents"),
    // "YYYY-MM-DD", the organization's day the consultant last said their details are still right
    // (or changed them in the portal): the next check-in is due a set number of days after it.
    lastCheckInOn: text("last_check_in_on"),
    // Staff and admins only; never shown in the portal or in the consultant's data export.
    staffNotes: text("staff_notes"),
    createdByUserId: text("created_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    // Set when an admin erased the record at the consultant's request (app/models/erasure/forget.server.ts):
    // the profile is emptied and the name replaced; payment and consent history stay.
    erasedAt: timestamp("erased_at"),
    erasedByUserId: text("erased_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    // A random id carried by the "new consultant" form: a second submission of the same form
    // (a double click, a resent request) finds the record the first one made.
    creationKey: text("creation_key"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [
    uniqueIndex("consultants_org_creation_key_unique").on(t.organizationId, t.creationKey),
    uniqueIndex("consultants_org_email_unique")
      .on(t.organizationId, t.email)
      .where(sql`email is not null`),
    uniqueIndex("consultants_org_user_unique")
      .on(t.organizationId, t.userId)
      .where(sql`user_id is not null`),
    index("consultants_org_name_idx").on(t.organizationId, t.preferredName),
    index("consultants_user_idx").on(t.userId),
  ],
);

export const ERASURE_REQUEST_STATUSES = ["pending", "completed"] as const;
// How the consultant asked: in the portal, or some other way an admin records when erasing.
export const ERASURE_REQUEST_CHANNELS = ["portal", "other"] as const;

/**
 * A consultant's request to delete their information, and when an admin carried it out. Holds no
 * words from the consultant: what is erased and kept is the same for everyone.
 */
export const erasureRequests = sqliteTable(
  "erasure_requests",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    consultantId: text("consultant_id")
      .notNull()
      .references((): AnySQLiteColumn => consultants.id, { onDelete: "restrict" }),
    channel: text("channel", { enum: ERASURE_REQUEST_CHANNELS }).notNull(),
    status: text("status", { enum: ERASURE_REQUEST_STATUSES }).notNull().default("pending"),
    requestedByUserId: text("requested_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    completedAt: timestamp("completed_at"),
    completedByUserId: text("completed_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("erasure_requests_org_status_idx").on(t.organizationId, t.status),
    uniqueIndex("erasure_requests_pending_unique")
      .on(t.consultantId)
      .where(sql`status = 'pending'`),
  ],
);

export const consultantStatusChanges = sqliteTable(
  "consultant_status_changes",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    consultantId: text("consultant_id")
      .notNull()
      .references(() => consultants.id, { onDelete: "restrict" }),
    fromStatus: text("from_status", { enum: CONSULTANT_STATUSES }),
    toStatus: text("to_status", { enum: CONSULTANT_STATUSES }).notNull(),
    reason: text("reason"),
    changedByUserId: text("changed_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    changedAt: createdAt(),
  },
  (t) => [index("consultant_status_changes_consultant_idx").on(t.consultantId, t.changedAt)],
);

/** The organization's onboarding steps: data, so an admin can change them. */
export const checklistItems = sqliteTable(
  "checklist_items",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    label: text("label").notNull(),
    translations: text("translations", { mode: "json" }).$type<Translations>().notNull().default({}),
    position: integer("position").notNull(),
    // Steps the product completes itself (e.g. "portal_account" when an invitation is accepted).
    systemKey: text("system_key"),
    // Archived steps leave the checklist (and progress) but keep the history of who did them.
    archivedAt: timestamp("archived_at"),
    createdAt: createdAt(),
  },
  (t) => [index("checklist_items_org_idx").on(t.organizationId, t.position)],
);

export const consultantChecklistEntries = sqliteTable(
  "consultant_checklist_entries",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    consultantId: text("consultant_id")
      .notNull()
      .references(() => consultants.id, { onDelete: "restrict" }),
    itemId: text("item_id")
      .notNull()
      .references(() => checklistItems.id, { onDelete: "restrict" }),
    doneAt: timestamp("done_at"),
    doneByUserId: text("done_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    note: text("note"),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [uniqueIndex("consultant_checklist_unique").on(t.consultantId, t.itemId)],
);

/**
 * A check-in reminder sent to a consultant, one per period at most: a period is named by the day it
 * started from (their last check-in, or when they joined the portal), so the same period is never
 * reminded twice, whatever the job does.
 */
export const checkInReminders = sqliteTable(
  "check_in_reminders",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    consultantId: text("consultant_id")
      .notNull()
      .references(() => consultants.id, { onDelete: "restrict" }),
    // "YYYY-MM-DD": the day the period counts from, and the day it fell due.
    periodFrom: text("period_from").notNull(),
    dueOn: text("due_on").notNull(),
    // The channel it went through: only one the consultant marked safe.
    channel: text("channel", { enum: CONTACT_CHANNELS }).notNull(),
    sentAt: createdAt(),
  },
  (t) => [uniqueIndex("check_in_reminders_period_unique").on(t.consultantId, t.periodFrom)],
);

// ---------------------------------------------------------------------------------------------
// Programs, engagements, time and payments. Money is integer cents and hours are
// integer hundredths of an hour (ADR 004); dates without a time are "YYYY-MM-DD" strings.

export const organizationSettings = sqliteTable("organization_settings", {
  organizationId: text("organization_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "restrict" }),
  // What the organization considers a fair hourly rate; engagements paid below it are flagged.
  defaultHourlyRateCents: integer("default_hourly_rate_cents").notNull().default(5700),
  // Days after an engagement is completed by which it must be paid.
  paymentDueDays: integer("payment_due_days").notNull().default(30),
  // When on, admins and staff must set up two-step sign-in before using any staff page.
  requireTwoFactorForStaff: integer("require_two_factor_for_staff", { mode: "boolean" }).notNull().default(false),
  // How often the portal asks consultants to check their details are still right.
  checkInIntervalDays: integer("check_in_interval_days").notNull().default(90),
  // The organization's own page about pay and public benefits, linked beside a consultant's yearly
  // pay limit. Null: no link (the product never gives benefits advice of its own).
  benefitsGuidanceUrl: text("benefits_guidance_url"),
  updatedAt: timestamp("updated_at")
    .notNull()
    .$defaultFn(() => new Date()),
});

/** Form 1099-NEC threshold per tax year; years without a row use the statutory default. */
export const taxYearThresholds = sqliteTable(
  "tax_year_thresholds",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    taxYear: integer("tax_year").notNull(),
    thresholdCents: integer("threshold_cents").notNull(),
  },
  (t) => [uniqueIndex("tax_year_thresholds_unique").on(t.organizationId, t.taxYear)],
);

export const PROGRAM_STATUSES = ["active", "paused", "closed"] as const;
export const STAGES = ["design", "delivery", "evaluation"] as const;
export type Stage = (typeof STAGES)[number];
export const ENGAGEMENT_LEVELS = ["inform", "consult", "involve", "collaborate", "survivor_led"] as const;
export const RATE_KINDS = ["hourly", "daily", "flat_fee", "honorarium"] as const;
export const ENGAGEMENT_STATUSES = ["proposed", "agreed", "in_progress", "completed", "cancelled"] as const;
export const WORK_FORMATS = ["in_person", "remote", "hybrid"] as const;

export const programs = sqliteTable(
  "programs",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    description: text("description"),
    status: text("status", { enum: PROGRAM_STATUSES }).notNull().default("active"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [uniqueIndex("programs_org_name_unique").on(t.organizationId, t.name)],
);

/** Kinds of work per stage (the usual ones by default); an organization can add its own. */
export const activityTypes = sqliteTable(
  "activity_types",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    stage: text("stage", { enum: STAGES }).notNull(),
    label: text("label").notNull(),
    translations: text("translations", { mode: "json" }).$type<Translations>().notNull().default({}),
    archivedAt: timestamp("archived_at"),
  },
  (t) => [uniqueIndex("activity_types_unique").on(t.organizationId, t.stage, t.label)],
);

export const engagements = sqliteTable(
  "engagements",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    consultantId: text("consultant_id")
      .notNull()
      .references(() => consultants.id, { onDelete: "restrict" }),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "restrict" }),
    stage: text("stage", { enum: STAGES }).notNull(),
    activityTypeId: text("activity_type_id").references(() => activityTypes.id, { onDelete: "restrict" }),
    role: text("role"),
    level: text("level", { enum: ENGAGEMENT_LEVELS }).notNull(),
    title: text("title").notNull(),
    scopeWhat: text("scope_what").notNull(),
    scopeWhen: text("scope_when"),
    scopeWhere: text("scope_where"),
    format: text("format", { enum: WORK_FORMATS }),
    startDate: text("start_date"),
    endDate: text("end_date"),
    rateKind: text("rate_kind", { enum: RATE_KINDS }).notNull(),
    rateCents: integer("rate_cents").notNull(),
    // Hours the whole work takes; for a daily rate, the hours in one day of it (eight if not given).
    estimatedHundredths: integer("estimated_hundredths"),
    // Days of work, for a daily rate: with the rate, the estimated total.
    estimatedDays: integer("estimated_days"),
    coversPreparation: integer("covers_preparation", { mode: "boolean" }).notNull().default(true),
    coversTravel: integer("covers_travel", { mode: "boolean" }).notNull().default(true),
    coversDebrief: integer("covers_debrief", { mode: "boolean" }).notNull().default(true),
    expensesPolicy: text("expenses_policy"),
    // Days after completion by which payment is due; defaults from the organization's setting.
    paymentDueDays: integer("payment_due_days").notNull(),
    cancellationTerms: text("cancellation_terms"),
    // The terms' words in other languages (title, scope, expenses, cancellation), changed with the terms.
    termsTranslations: text("terms_translations", { mode: "json" }).$type<Translations>().notNull().default({}),
    status: text("status", { enum: ENGAGEMENT_STATUSES }).notNull().default("proposed"),
    cancellationReason: text("cancellation_reason"),
    cancellationFeeCents: integer("cancellation_fee_cents"),
    completedAt: timestamp("completed_at"),
    // Goes up whenever the terms change: an acceptance is for one version only.
    termsVersion: integer("terms_version").notNull().default(1),
    creationKey: text("creation_key"),
    createdByUserId: text("created_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [
    uniqueIndex("engagements_org_creation_key_unique").on(t.organizationId, t.creationKey),
    index("engagements_org_consultant_idx").on(t.organizationId, t.consultantId),
    // "Needs you": engagements a person set up that wait for the consultant's acceptance.
    index("engagements_org_creator_status_idx").on(t.organizationId, t.createdByUserId, t.status),
    index("engagements_org_program_idx").on(t.organizationId, t.programId, t.stage),
    // Dashboard and funder report: engagements of a period by the day they count on. The
    // expression must stay exactly engagementDay in app/models/engagement-stats.server.ts.
    index("engagements_org_day_idx").on(
      t.organizationId,
      sql`coalesce(${t.startDate}, date(${t.createdAt} / 1000, 'unixepoch'))`,
      t.status,
      t.stage,
      t.level,
      t.programId,
      t.consultantId,
    ),
    // Completed work with no payment recorded, late from its due day (completion + payment deadline).
    // The expression must stay exactly engagementDueDay in app/models/payment/due.server.ts.
    index("engagements_org_status_due_idx").on(
      t.organizationId,
      t.status,
      sql`date(${t.completedAt} / 1000, 'unixepoch', '+' || ${t.paymentDueDays} || ' days')`,
    ),
  ],
);

export const AGREEMENT_DECISIONS = ["accepted", "declined"] as const;
// "portal" is the consultant's own answer; staff record the others for someone who answered on
// paper, out loud or another way (for example without a portal account).
export const AGREEMENT_METHODS = ["portal", "paper_form", "out_loud", "other"] as const;

/** A consultant's answer to one version of an engagement's terms, with the terms as they saw them. */
export const engagementAgreements = sqliteTable(
  "engagement_agreements",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    engagementId: text("engagement_id")
      .notNull()
      .references(() => engagements.id, { onDelete: "restrict" }),
    termsVersion: integer("terms_version").notNull(),
    decision: text("decision", { enum: AGREEMENT_DECISIONS }).notNull(),
    message: text("message"),
    termsSnapshot: text("terms_snapshot", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    // The language of the words in the snapshot: the terms as the consultant read them.
    language: text("language").notNull().default("en"),
    // The consultant for an answer in the portal; the colleague who recorded any other answer.
    decidedByUserId: text("decided_by_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    // When it was recorded; for an answer given outside the portal, agreedOn is when it was given.
    decidedAt: createdAt(),
    method: text("method", { enum: AGREEMENT_METHODS }).notNull().default("portal"),
    // "YYYY-MM-DD": the day the consultant gave an answer that staff recorded later.
    agreedOn: text("agreed_on"),
    // How, in a few words, when the method is "other".
    methodDetail: text("method_detail"),
    // A colleague who saw or heard the answer: required for one said out loud.
    witnessUserId: text("witness_user_id").references(() => users.id, { onDelete: "restrict" }),
    // Where the signed paper form is kept.
    paperFormLocation: text("paper_form_location"),
  },
  (t) => [index("engagement_agreements_engagement_idx").on(t.engagementId, t.termsVersion)],
);

export const TIME_KINDS = ["preparation", "session", "travel", "debrief", "other"] as const;
export const TIME_ENTRY_STATUSES = ["submitted", "approved"] as const;

export const timeEntries = sqliteTable(
  "time_entries",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    engagementId: text("engagement_id")
      .notNull()
      .references(() => engagements.id, { onDelete: "restrict" }),
    workDate: text("work_date").notNull(),
    hundredths: integer("hundredths").notNull(),
    kind: text("kind", { enum: TIME_KINDS }).notNull(),
    note: text("note"),
    status: text("status", { enum: TIME_ENTRY_STATUSES }).notNull().default("submitted"),
    // An approved entry is never changed; a correction is a new entry pointing at it.
    correctsEntryId: text("corrects_entry_id").references((): AnySQLiteColumn => timeEntries.id, {
      onDelete: "restrict",
    }),
    loggedByUserId: text("logged_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    approvedByUserId: text("approved_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    approvedAt: timestamp("approved_at"),
    // Sent with the form, so the same submission twice makes one entry.
    creationKey: text("creation_key"),
    createdAt: createdAt(),
  },
  (t) => [
    index("time_entries_engagement_idx").on(t.engagementId, t.workDate),
    // "Counts as approved" asks, for every entry, whether an approved correction replaces it.
    index("time_entries_corrects_idx")
      .on(t.correctsEntryId)
      .where(sql`corrects_entry_id is not null`),
    // Approved or waiting time of a period, for the dashboard and the funder report.
    index("time_entries_org_status_day_idx").on(t.organizationId, t.status, t.workDate, t.engagementId, t.hundredths),
    uniqueIndex("time_entries_org_creation_key_unique").on(t.organizationId, t.creationKey),
  ],
);

export const PAYMENT_STATUSES = ["pending", "approved", "paid", "void"] as const;
export const CONSULTANT_PAYMENT_CHOICES = ["deferred", "declined"] as const;

export const payments = sqliteTable(
  "payments",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    engagementId: text("engagement_id")
      .notNull()
      .references(() => engagements.id, { onDelete: "restrict" }),
    consultantId: text("consultant_id")
      .notNull()
      .references(() => consultants.id, { onDelete: "restrict" }),
    feeCents: integer("fee_cents").notNull(),
    // Reimbursed expenses are not income: kept apart from fees everywhere, including tax totals.
    expensesCents: integer("expenses_cents").notNull().default(0),
    method: text("method", { enum: PAYMENT_METHODS }).notNull(),
    status: text("status", { enum: PAYMENT_STATUSES }).notNull().default("pending"),
    // The consultant may defer or decline a payment (benefits, personal reasons): a choice, not an error.
    consultantChoice: text("consultant_choice", { enum: CONSULTANT_PAYMENT_CHOICES }),
    // When the consultant told us they need this payment now: it goes first for the people who pay it.
    neededNowAt: timestamp("needed_now_at"),
    dueDate: text("due_date"),
    paidDate: text("paid_date"),
    reference: text("reference"),
    voidReason: text("void_reason"),
    creationKey: text("creation_key"),
    createdByUserId: text("created_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    approvedByUserId: text("approved_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    approvedAt: timestamp("approved_at"),
    paidByUserId: text("paid_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [
    uniqueIndex("payments_org_creation_key_unique").on(t.organizationId, t.creationKey),
    index("payments_org_status_idx").on(t.organizationId, t.status, t.dueDate),
    index("payments_org_consultant_paid_idx").on(t.organizationId, t.consultantId, t.paidDate),
    index("payments_engagement_idx").on(t.engagementId),
    // Payments made in a period, for the dashboard and the funder report.
    index("payments_org_status_paid_idx").on(
      t.organizationId,
      t.status,
      t.paidDate,
      t.engagementId,
      t.feeCents,
      t.expensesCents,
    ),
    // The payments list filtered by year (listPayments): the expression must stay exactly the one
    // the query uses, or SQLite scans every payment of the organization.
    index("payments_org_list_year_idx").on(
      t.organizationId,
      sql`substr(coalesce(${t.paidDate}, ${t.dueDate}, ''), 1, 4)`,
      t.dueDate,
    ),
    // Payments a consultant needs now, for "Needs you": few rows, so only those are indexed.
    index("payments_org_needed_now_idx")
      .on(t.organizationId, t.neededNowAt)
      .where(sql`needed_now_at is not null`),
    // Tax-year totals (taxYearTotals): the year's paid fees per consultant, read from the index alone.
    index("payments_org_paid_year_idx").on(
      t.organizationId,
      t.status,
      sql`substr(${t.paidDate}, 1, 4)`,
      t.consultantId,
      t.paidDate,
      t.feeCents,
      t.expensesCents,
    ),
  ],
);

/**
 * A "paid" taken back by an admin because it was recorded by mistake: the payment is open again
 * and this row keeps what was undone, by whom and why. Never changed afterwards, except that the
 * reason is emptied when the consultant's record is erased at their request (free text may
 * describe them).
 */
export const paymentReversals = sqliteTable(
  "payment_reversals",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    paymentId: text("payment_id")
      .notNull()
      .references(() => payments.id, { onDelete: "restrict" }),
    formerPaidDate: text("former_paid_date").notNull(),
    formerPaidByUserId: text("former_paid_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    reason: text("reason"),
    reversedByUserId: text("reversed_by_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [index("payment_reversals_payment_idx").on(t.paymentId, t.createdAt)],
);

// --- Consent -------------------------------------------------------------------------

export const CONSENT_EVENT_KINDS = ["granted", "declined", "withdrawn", "expired"] as const;
export type ConsentEventKind = (typeof CONSENT_EVENT_KINDS)[number];
// "portal" is the consultant's own choice; staff record the other two from a signed paper form or a
// conversation. A witness is its own field: a paper form may have one, a spoken choice must.
export const CONSENT_METHODS = ["portal", "written_form", "verbal_with_witness"] as const;
export const NAME_CHOICES = ["real_name", "chosen_name", "anonymous"] as const;
export const CONSENT_USE_STATUSES = ["planned", "published", "ended"] as const;
export const CONSENT_USE_ACTIONS = ["taken_down", "stopped", "not_retrievable", "other"] as const;

/** What a consent is for, per organization. The words agreed to live in consent_purpose_versions. */
export const consentPurposes = sqliteTable(
  "consent_purposes",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    // Set for the seeded defaults ("story", "name", …) so code and demo data can find them.
    systemKey: text("system_key"),
    position: integer("position").notNull(),
    // Story, image and media consents end after three years unless renewed.
    defaultExpiryMonths: integer("default_expiry_months"),
    // The use-of-name purpose also records which name: real, chosen or none.
    asksNameChoice: integer("asks_name_choice", { mode: "boolean" }).notNull().default(false),
    archivedAt: timestamp("archived_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("consent_purposes_org_key_unique")
      .on(t.organizationId, t.systemKey)
      .where(sql`system_key is not null`),
    index("consent_purposes_org_idx").on(t.organizationId, t.position),
  ],
);

/** Every wording a purpose has had. Append-only (0007): a consent shows the exact text agreed to. */
export const consentPurposeVersions = sqliteTable(
  "consent_purpose_versions",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    purposeId: text("purpose_id")
      .notNull()
      .references(() => consentPurposes.id, { onDelete: "restrict" }),
    version: integer("version").notNull(),
    label: text("label").notNull(),
    text: text("text").notNull(),
    // The same label and text in other languages: a change in any language is a new version.
    translations: text("translations", { mode: "json" }).$type<Translations>().notNull().default({}),
    createdByUserId: text("created_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("consent_purpose_versions_unique").on(t.purposeId, t.version)],
);

/**
 * Every consent decision, append-only (0007). The current state of a consultant × purpose is the
 * latest event (by rowid, the order they were written), with a grant past its expiry read as expired.
 */
export const consentEvents = sqliteTable(
  "consent_events",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    consultantId: text("consultant_id")
      .notNull()
      .references(() => consultants.id, { onDelete: "restrict" }),
    purposeId: text("purpose_id")
      .notNull()
      .references(() => consentPurposes.id, { onDelete: "restrict" }),
    purposeVersionId: text("purpose_version_id")
      .notNull()
      .references(() => consentPurposeVersions.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: CONSENT_EVENT_KINDS }).notNull(),
    // The language of the version's words the consultant was shown (or read to them) when deciding.
    language: text("language").notNull().default("en"),
    // Null only for "expired", which the product records itself.
    method: text("method", { enum: CONSENT_METHODS }),
    scopeNotes: text("scope_notes"),
    nameChoice: text("name_choice", { enum: NAME_CHOICES }),
    // A colleague who saw them sign or heard them say it: optional on paper, required out loud.
    witnessName: text("witness_name"),
    // "YYYY-MM-DD": the day a yes or no recorded by staff was given (the form signed, or the words
    // said), which may be days before it is typed in; an end date counts from it. Null for choices
    // made in the portal (given when recorded), for expiries, and for withdrawals (requestedOn).
    givenOn: text("given_on"),
    // Where the signed paper form is kept (for example "locked cabinet, office 2"). Staff only.
    formKeptAt: text("form_kept_at"),
    // A withdrawal staff record for the consultant says who asked and when.
    requestedBy: text("requested_by"),
    requestedOn: text("requested_on"),
    // "YYYY-MM-DD": the first day the grant no longer holds.
    expiresOn: text("expires_on"),
    // Set when a choice is confirmed again because new work was agreed.
    engagementId: text("engagement_id").references(() => engagements.id, { onDelete: "restrict" }),
    // The consultant's own user for portal choices; null only for "expired".
    recordedByUserId: text("recorded_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    creationKey: text("creation_key"),
    createdAt: createdAt(),
  },
  (t) => [
    index("consent_events_consultant_purpose_idx").on(t.consultantId, t.purposeId),
    // One consultant's events in an organization (portal, consultant record): without it SQLite
    // reads the organization's whole history through the creation-key index.
    index("consent_events_org_consultant_idx").on(t.organizationId, t.consultantId, t.purposeId),
    index("consent_events_org_kind_expiry_idx").on(t.organizationId, t.kind, t.expiresOn),
    uniqueIndex("consent_events_org_creation_key_unique").on(t.organizationId, t.creationKey),
  ],
);

/** The uses register: each planned or actual use of a consultant's contribution. */
export const consentUses = sqliteTable(
  "consent_uses",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    consultantId: text("consultant_id")
      .notNull()
      .references(() => consultants.id, { onDelete: "restrict" }),
    purposeId: text("purpose_id")
      .notNull()
      .references(() => consentPurposes.id, { onDelete: "restrict" }),
    description: text("description").notNull(),
    place: text("place").notNull(),
    useDate: text("use_date"),
    reference: text("reference"),
    status: text("status", { enum: CONSENT_USE_STATUSES }).notNull(),
    // The grant that allowed it; null only when an admin overrode (with a reason).
    basisEventId: text("basis_event_id").references(() => consentEvents.id, { onDelete: "restrict" }),
    overrideReason: text("override_reason"),
    overrideByUserId: text("override_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    // Set in the same transaction as a withdrawal or expiry; open until someone records the action.
    flaggedAt: timestamp("flagged_at"),
    flagEventId: text("flag_event_id").references(() => consentEvents.id, { onDelete: "restrict" }),
    actionTaken: text("action_taken", { enum: CONSENT_USE_ACTIONS }),
    actionNote: text("action_note"),
    actionAt: timestamp("action_at"),
    actionByUserId: text("action_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    createdByUserId: text("created_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    creationKey: text("creation_key"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [
    index("consent_uses_org_flag_idx").on(t.organizationId, t.flaggedAt, t.actionAt),
    index("consent_uses_consultant_purpose_idx").on(t.consultantId, t.purposeId, t.status),
    uniqueIndex("consent_uses_org_creation_key_unique").on(t.organizationId, t.creationKey),
  ],
);

// --- Feedback ------------------------------------------------------------------------

// Each question is answered 1 to 5, or left as "prefer not to say" (null).
export const EXPERIENCE_QUESTIONS = [
  "meaningful",
  "respected",
  "fairPay",
  "onTime",
  "clearScope",
  "safe",
  "again",
] as const;
export const FEEDBACK_SOURCES = ["portal", "meeting"] as const;

/**
 * A consultant's feedback on the experience of an engagement. When anonymous, the row holds no
 * consultant and no engagement: only the program, the stage and the quarter, so nothing staff can
 * read links it to a person. The consultant's own link to it lives in feedback_submissions.
 */
export const experienceFeedback = sqliteTable(
  "experience_feedback",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "restrict" }),
    stage: text("stage", { enum: STAGES }).notNull(),
    // "2026-Q3": the only time staff see for an anonymous answer.
    quarter: text("quarter").notNull(),
    anonymous: integer("anonymous", { mode: "boolean" }).notNull(),
    consultantId: text("consultant_id").references(() => consultants.id, { onDelete: "restrict" }),
    engagementId: text("engagement_id").references(() => engagements.id, { onDelete: "restrict" }),
    source: text("source", { enum: FEEDBACK_SOURCES }).notNull(),
    meaningful: integer("meaningful"),
    respected: integer("respected"),
    fairPay: integer("fair_pay"),
    onTime: integer("on_time"),
    clearScope: integer("clear_scope"),
    safe: integer("safe"),
    again: integer("again"),
    comment: text("comment"),
    // Staff who wrote down feedback heard in a meeting; null for the consultant's own (and never
    // shown for anonymous answers).
    recordedByUserId: text("recorded_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    // Once staff have seen it, the consultant can no longer change it.
    readAt: timestamp("read_at"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [
    index("experience_feedback_org_program_idx").on(t.organizationId, t.programId, t.stage, t.quarter),
    uniqueIndex("experience_feedback_engagement_unique")
      .on(t.engagementId)
      .where(sql`engagement_id is not null`),
  ],
);

/**
 * Which engagement's feedback a consultant has given, and where it is: one per engagement, and how
 * the consultant finds an anonymous answer again to change it. Never read by staff pages.
 */
export const feedbackSubmissions = sqliteTable(
  "feedback_submissions",
  {
    engagementId: text("engagement_id")
      .primaryKey()
      .references(() => engagements.id, { onDelete: "restrict" }),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    consultantId: text("consultant_id")
      .notNull()
      .references(() => consultants.id, { onDelete: "restrict" }),
    feedbackId: text("feedback_id")
      .notNull()
      .references(() => experienceFeedback.id, { onDelete: "restrict" }),
  },
  (t) => [index("feedback_submissions_consultant_idx").on(t.consultantId)],
);

export const INPUT_STATUSES = [
  "received",
  "under_review",
  "adopted",
  "partly_adopted",
  "not_adopted",
  "reported_back",
] as const;
export type InputStatus = (typeof INPUT_STATUSES)[number];

/** Where an input item came from: written down by staff, or sent by the consultant in the portal. */
export const INPUT_SOURCES = ["staff", "portal"] as const;
export type InputSource = (typeof INPUT_SOURCES)[number];
/** What a consultant sends from the portal: an idea, or a concern. */
export const IDEA_KINDS = ["idea", "concern"] as const;
export type IdeaKind = (typeof IDEA_KINDS)[number];

/**
 * "You said, we did": input a consultant gave on a program (or in general), and what the
 * organization did with it. Staff write down what they heard; a consultant may also send an idea
 * or a concern from the portal, named or anonymous. An anonymous item holds no consultant, no
 * engagement and no exact time (only the first day of its quarter), like anonymous feedback.
 */
export const programInputs = sqliteTable(
  "program_inputs",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    // Null: an idea about the organization in general, not one program.
    programId: text("program_id").references(() => programs.id, { onDelete: "restrict" }),
    // Null: sent from the portal, where the consultant is not asked which stage.
    stage: text("stage", { enum: STAGES }),
    // Null only for an anonymous item.
    consultantId: text("consultant_id").references(() => consultants.id, { onDelete: "restrict" }),
    engagementId: text("engagement_id").references(() => engagements.id, { onDelete: "restrict" }),
    source: text("source", { enum: INPUT_SOURCES }).notNull().default("staff"),
    // Sent from the portal: an idea or a concern. Null for input staff wrote down.
    kind: text("kind", { enum: IDEA_KINDS }),
    anonymous: integer("anonymous", { mode: "boolean" }).notNull().default(false),
    // sha256 of the receipt code an anonymous sender was shown once: the only way back to the item,
    // and it leads from the code to the item, never from the item to a person.
    receiptDigest: text("receipt_digest"),
    summary: text("summary").notNull(),
    // "YYYY-MM-DD"
    receivedOn: text("received_on").notNull(),
    status: text("status", { enum: INPUT_STATUSES }).notNull().default("received"),
    // The decision: adopted, partly adopted or not adopted, and what was done or why not.
    decision: text("decision", { enum: ["adopted", "partly_adopted", "not_adopted"] }),
    response: text("response"),
    decidedOn: text("decided_on"),
    reportedBackOn: text("reported_back_on"),
    reportedBackHow: text("reported_back_how"),
    // When the author of a named idea said they had read the answer (ends the portal home notice).
    answerReadAt: timestamp("answer_read_at"),
    createdByUserId: text("created_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    creationKey: text("creation_key"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [
    index("program_inputs_org_program_idx").on(t.organizationId, t.programId, t.status),
    index("program_inputs_consultant_idx").on(t.consultantId),
    uniqueIndex("program_inputs_org_creation_key_unique").on(t.organizationId, t.creationKey),
    uniqueIndex("program_inputs_receipt_digest_unique").on(t.receiptDigest),
    // An anonymous item names nobody; a named one always names its consultant.
    check("program_inputs_anonymous_names_nobody", sql`(${t.anonymous} = 1) = (${t.consultantId} is null)`),
    // Staff write down input about a program and a stage; only the portal may leave them out.
    check(
      "program_inputs_staff_program_stage",
      sql`${t.source} = 'portal' or (${t.programId} is not null and ${t.stage} is not null)`,
    ),
  ],
);

// --- Self-assessments -----------------------------------------------------------------

/**
 * A template as loaded from its file in db/templates/, one row per key and version. A published
 * version never changes: an assessment keeps the version it was started with.
 */
export const assessmentTemplates = sqliteTable(
  "assessment_templates",
  {
    id: id(),
    key: text("key").notNull(),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    definition: text("definition", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    // sha256 of the file's definition: a changed file with the same version is refused.
    checksum: text("checksum").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("assessment_templates_key_version_unique").on(t.key, t.version)],
);

export const ASSESSMENT_STATUSES = ["draft", "complete"] as const;

export const assessments = sqliteTable(
  "assessments",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    templateId: text("template_id")
      .notNull()
      .references(() => assessmentTemplates.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    status: text("status", { enum: ASSESSMENT_STATUSES }).notNull().default("draft"),
    startedByUserId: text("started_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    completedAt: timestamp("completed_at"),
    completedByUserId: text("completed_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    creationKey: text("creation_key"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [
    index("assessments_org_template_idx").on(t.organizationId, t.templateId, t.status, t.completedAt),
    uniqueIndex("assessments_org_creation_key_unique").on(t.organizationId, t.creationKey),
  ],
);

export const RESPONDENT_KINDS = ["staff", "earlier", "consultant", "anonymous"] as const;
export type RespondentKind = (typeof RESPONDENT_KINDS)[number];

/**
 * Whose answers a set of answers is: a member of staff, answers saved before answers were kept per
 * person ("earlier", nobody known), a consultant answering with their name (or still drafting), or
 * an anonymous consultant. An anonymous respondent's row holds nothing but its assessment: no
 * person, no time, no invitation, and it is written in no particular order (see the
 * consultant-answers model), so nothing in the database leads from it to whoever gave it.
 */
export const assessmentRespondents = sqliteTable(
  "assessment_respondents",
  {
    id: id(),
    assessmentId: text("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: RESPONDENT_KINDS }).notNull(),
    userId: text("user_id").references(() => users.id, { onDelete: "restrict" }),
    consultantId: text("consultant_id").references((): AnySQLiteColumn => consultants.id, { onDelete: "restrict" }),
    // A consultant's answers count once they send them; null while they are still drafting.
    sentAt: timestamp("sent_at"),
    // An anonymous set joins the survivors' view only with a whole group of others sent since
    // (app/models/assessment/anonymous-groups.server.ts): the number of its group (1, 2, ...), or
    // null while it waits, seen by nobody.
    anonymousGroup: integer("anonymous_group"),
  },
  (t) => [
    uniqueIndex("assessment_respondents_user_unique").on(t.assessmentId, t.userId),
    uniqueIndex("assessment_respondents_consultant_unique").on(t.assessmentId, t.consultantId),
    index("assessment_respondents_assessment_idx").on(t.assessmentId, t.kind),
    check(
      "assessment_respondents_who",
      sql`(${t.kind} = 'staff' and ${t.userId} is not null and ${t.consultantId} is null)
        or (${t.kind} = 'consultant' and ${t.userId} is null and ${t.consultantId} is not null)
        or (${t.kind} in ('earlier', 'anonymous') and ${t.userId} is null and ${t.consultantId} is null and ${t.sentAt} is null)`,
    ),
  ],
);

/** One answer per item and respondent: colleagues never overwrite each other's answers. */
export const assessmentAnswers = sqliteTable(
  "assessment_answers",
  {
    assessmentId: text("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "restrict" }),
    respondentId: text("respondent_id")
      .notNull()
      .references(() => assessmentRespondents.id, { onDelete: "restrict" }),
    itemKey: text("item_key").notNull(),
    value: text("value", { mode: "json" }).$type<unknown>().notNull(),
    // Null for an anonymous consultant's answers: a time could be matched with their sign-in.
    updatedAt: timestamp("updated_at"),
  },
  (t) => [
    uniqueIndex("assessment_answers_respondent_item_unique").on(t.respondentId, t.itemKey),
    index("assessment_answers_assessment_idx").on(t.assessmentId),
  ],
);

export const ANSWER_MODES = ["named", "anonymous"] as const;
export type AnswerMode = (typeof ANSWER_MODES)[number];

/**
 * Staff ask a consultant of their organization to answer a readiness self-assessment. Paid, it has
 * an engagement (evaluation stage) with terms the consultant accepts as for any work. The consultant
 * chooses to answer with their name or without it before they start. Once they send, `answered` is
 * all that is kept: no time, and nothing that points at their answers, so anonymous answers cannot
 * be matched with the invitation.
 */
export const assessmentInvitations = sqliteTable(
  "assessment_invitations",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    assessmentId: text("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "restrict" }),
    consultantId: text("consultant_id")
      .notNull()
      .references((): AnySQLiteColumn => consultants.id, { onDelete: "restrict" }),
    invitedByUserId: text("invited_by_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    engagementId: text("engagement_id").references((): AnySQLiteColumn => engagements.id, { onDelete: "restrict" }),
    // The consultant's choice while they answer; cleared once they send.
    answerAs: text("answer_as", { enum: ANSWER_MODES }),
    answered: integer("answered", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("assessment_invitations_consultant_unique").on(t.assessmentId, t.consultantId),
    index("assessment_invitations_consultant_idx").on(t.consultantId, t.answered),
  ],
);

export const ACTION_STATUSES = ["open", "in_progress", "done"] as const;

/** The action plan: work that closes a gap an assessment found. One per item of an assessment. */
export const assessmentActions = sqliteTable(
  "assessment_actions",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    assessmentId: text("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "restrict" }),
    itemKey: text("item_key").notNull(),
    title: text("title").notNull(),
    ownerUserId: text("owner_user_id").references(() => users.id, { onDelete: "restrict" }),
    // "YYYY-MM-DD"
    dueDate: text("due_date"),
    status: text("status", { enum: ACTION_STATUSES }).notNull().default("open"),
    // Set when the action was still open as the next assessment of the checklist started and moved
    // onto it: the assessment it came from.
    carriedOverFromAssessmentId: text("carried_over_from_assessment_id").references(
      (): AnySQLiteColumn => assessments.id,
      { onDelete: "restrict" },
    ),
    createdByUserId: text("created_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [
    uniqueIndex("assessment_actions_item_unique").on(t.assessmentId, t.itemKey),
    index("assessment_actions_org_status_idx").on(t.organizationId, t.status),
  ],
);

/** Providers named on an external resource map, kept so they can be picked again next time. */
export const partners = sqliteTable(
  "partners",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    contact: text("contact"),
    // The sectors (section titles) they were named in, most recent last.
    sectors: text("sectors", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [uniqueIndex("partners_org_name_unique").on(t.organizationId, sql`lower(${t.name})`)],
);

// --- Records of experience --------------------------------------------------------------------

/** One piece of work as a letter of experience states it: never a title, a program or a note. */
export type ExperienceWork = {
  role: string | null;
  stage: Stage;
  activity: string | null;
  /** First and last day of the work: approved time, else the engagement's own dates. */
  firstDay: string | null;
  lastDay: string | null;
  hundredths: number;
  /** Fees paid for it, only when the consultant chose to show pay. */
  paidCents: number | null;
};

/** What a letter states, frozen when it is issued: later edits to the work never change it. */
export type ExperienceStatement = {
  consultantName: string;
  /** Only when the consultant chose to name the organization. */
  organizationName: string | null;
  work: ExperienceWork[];
  totalHundredths: number;
  firstDay: string | null;
  lastDay: string | null;
  /** Only when the consultant chose to show pay. */
  paidCents: number | null;
};

export const EXPERIENCE_LETTER_STATUSES = ["requested", "withdrawn", "issued", "revoked"] as const;
export type ExperienceLetterStatus = (typeof EXPERIENCE_LETTER_STATUSES)[number];

/**
 * A letter of experience: asked for by the consultant with their choices (pay, the organization's
 * name), then issued by an admin, who signs it, or withdrawn by the consultant; an issued letter may
 * later be revoked. What it states is kept as issued.
 */
export const experienceLetters = sqliteTable(
  "experience_letters",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    consultantId: text("consultant_id")
      .notNull()
      .references(() => consultants.id, { onDelete: "restrict" }),
    status: text("status", { enum: EXPERIENCE_LETTER_STATUSES }).notNull().default("requested"),
    includePay: integer("include_pay", { mode: "boolean" }).notNull().default(false),
    includeOrganization: integer("include_organization", { mode: "boolean" }).notNull().default(false),
    requestedByUserId: text("requested_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    requestedAt: createdAt(),
    withdrawnAt: timestamp("withdrawn_at"),
    issuedByUserId: text("issued_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    issuedAt: timestamp("issued_at"),
    // The letter's date, the organization's day when it was signed.
    issuedOn: text("issued_on"),
    signerName: text("signer_name"),
    signerTitle: text("signer_title"),
    statement: text("statement", { mode: "json" }).$type<ExperienceStatement>(),
    revokedAt: timestamp("revoked_at"),
    revokedByUserId: text("revoked_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    // Seen by admins only, never on the public check.
    revokeReason: text("revoke_reason"),
  },
  (t) => [
    index("experience_letters_org_consultant_idx").on(t.organizationId, t.consultantId),
    // One waiting request at a time: asking again replaces it.
    uniqueIndex("experience_letters_one_waiting_unique")
      .on(t.consultantId)
      .where(sql`status = 'requested'`),
  ],
);

/**
 * The codes printed on copies of a letter, for anyone to check it at /verify. Each printed copy gets
 * its own; only a digest is kept (a code is shown once, on the copy it was made for).
 */
export const experienceLetterCodes = sqliteTable(
  "experience_letter_codes",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    letterId: text("letter_id")
      .notNull()
      .references(() => experienceLetters.id, { onDelete: "restrict" }),
    codeHash: text("code_hash").notNull(),
    createdByUserId: text("created_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("experience_letter_codes_hash_unique").on(t.codeHash),
    index("experience_letter_codes_letter_idx").on(t.letterId),
  ],
);

// --- Support plan -----------------------------------------------------------------------

/** What can be arranged so that a consultant can take part in a piece of work. */
export const SUPPORT_KINDS = [
  "support_person",
  "interpreter",
  "transport",
  "childcare",
  "access_needs",
  "debrief",
] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];
export const SUPPORT_STATUSES = ["requested", "arranged", "declined"] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];
// Who put the item on the plan: the consultant asking in the portal, or staff adding it themselves.
export const SUPPORT_SOURCES = ["consultant", "staff"] as const;

/**
 * One item of an engagement's support plan (one per kind): asked for by the consultant or added by
 * staff, then arranged or declined with a reason. The plan as it stands is part of the terms the
 * consultant accepts (app/models/engagement/support-plan.server.ts).
 */
export const supportItems = sqliteTable(
  "support_items",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    engagementId: text("engagement_id")
      .notNull()
      .references(() => engagements.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: SUPPORT_KINDS }).notNull(),
    // For an interpreter: the language, as the consultant or staff named it.
    language: text("language"),
    // The person's own words about what they need (access needs, who the support person is): sealed
    // at rest (ADR 008) like the access needs and support person on the consultant's profile.
    details: text("details"),
    status: text("status", { enum: SUPPORT_STATUSES }).notNull().default("requested"),
    source: text("source", { enum: SUPPORT_SOURCES }).notNull(),
    // What staff arranged, in a few words the consultant reads ("A taxi both ways").
    arrangement: text("arrangement"),
    // Why it could not be arranged: required when declined, shown to the consultant.
    declineReason: text("decline_reason"),
    createdByUserId: text("created_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    decidedByUserId: text("decided_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    decidedAt: timestamp("decided_at"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [
    uniqueIndex("support_items_engagement_kind_unique").on(t.engagementId, t.kind),
    index("support_items_org_status_idx").on(t.organizationId, t.status),
  ],
);

/**
 * A cost of an item of support (a fare, childcare) paid back to the consultant. The amount lives on
 * the payment, as its reimbursed expenses (never its fee): this row only says which support it paid.
 */
export const supportCosts = sqliteTable(
  "support_costs",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    supportItemId: text("support_item_id")
      .notNull()
      .references(() => supportItems.id, { onDelete: "restrict" }),
    paymentId: text("payment_id")
      .notNull()
      .references(() => payments.id, { onDelete: "restrict" }),
    createdByUserId: text("created_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("support_costs_item_idx").on(t.supportItemId),
    uniqueIndex("support_costs_payment_unique").on(t.paymentId),
  ],
);
