// Large synthetic data for performance work, in a database of its own:
//
//   npm run db:seed:large -- [--scale 0.1] [--out data/large-0.1.db] [--anchor 2026-12-01] [--seed 9]
//
// 200 organizations; one of them ("Large Org 001") holds 5,000 consultants, 200,000 engagements,
// 400,000 time entries, 500,000 payments, 50,000 consent events, 20,000 feedback answers and 50
// assessments. --scale multiplies every count. Dates run over the three years before --anchor
// (today by default). The same scale, seed and anchor give the same rows and ids, except the ids of
// the default checklist, activity and consent-purpose rows, which the app's own functions make.
//
// Rows are written with prepared statements in transactions of 5,000, straight into the tables,
// because the product's own paths would refuse history (grants from three years ago). Every
// column list is checked against db/schema.ts first, foreign keys stay on while writing, and the
// file is checked (foreign keys, integrity) at the end. Every person is fictional.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { and, eq, inArray } from "drizzle-orm";
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import type Database from "better-sqlite3";
import {
  assessmentAnswers,
  assessmentRespondents,
  assessments,
  consentEvents,
  consentPurposeVersions,
  consultantChecklistEntries,
  consultants,
  consultantStatusChanges,
  engagementAgreements,
  engagements,
  experienceFeedback,
  feedbackSubmissions,
  memberships,
  organizations,
  payments,
  programs,
  timeEntries,
  users,
  CONSULTANT_STATUSES,
  ENGAGEMENT_LEVELS,
  PAYMENT_METHODS,
  RATE_KINDS,
  STAGES,
  TIME_KINDS,
  WORK_FORMATS,
  type ConsultantStatus,
} from "../schema";

export const LARGE_PASSWORD = "bench-password-1";
export const LARGE_ORG_NAME = "Large Org 001";
const BATCH_ROWS = 5_000;
const DAY_MS = 86_400_000;

/** Full-scale volumes of the one large organization. */
export const LARGE_COUNTS = {
  organizations: 200,
  consultants: 5_000,
  engagements: 200_000,
  timeEntries: 400_000,
  payments: 500_000,
  consentEvents: 50_000,
  feedback: 20_000,
  assessments: 50,
  portalAccounts: 20,
};

/** Every other organization is small and the same size at every scale. */
const SMALL_COUNTS = {
  consultants: 5,
  engagements: 20,
  timeEntries: 40,
  payments: 40,
  consentEvents: 10,
  feedback: 2,
  assessments: 0,
  portalAccounts: 0,
};

type Counts = typeof SMALL_COUNTS;

export function scaledCounts(scale: number) {
  const s = (n: number, min = 1) => Math.max(min, Math.round(n * scale));
  return {
    organizations: s(LARGE_COUNTS.organizations),
    consultants: s(LARGE_COUNTS.consultants, 3),
    engagements: s(LARGE_COUNTS.engagements),
    timeEntries: s(LARGE_COUNTS.timeEntries),
    payments: s(LARGE_COUNTS.payments),
    consentEvents: s(LARGE_COUNTS.consentEvents),
    feedback: s(LARGE_COUNTS.feedback),
    assessments: s(LARGE_COUNTS.assessments),
    portalAccounts: s(LARGE_COUNTS.portalAccounts, 3),
  };
}

// --- Deterministic randomness ------------------------------------------------------------------

/** mulberry32: a tiny, fast 32-bit generator; plenty for test data, never for secrets. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  private next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float() {
    return this.next();
  }
  /** An integer from min to max, both included. */
  int(min: number, max: number) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number) {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Picks by weight: `[["a", 3], ["b", 1]]` gives "a" three times as often. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, w] of choices) {
      r -= w;
      if (r < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }
  some<T>(items: readonly T[], min: number, max: number): T[] {
    const pool = [...items];
    const n = Math.min(pool.length, this.int(min, max));
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return out;
  }
  /** A version 4 UUID made from this generator, so ids repeat from run to run. */
  uuid() {
    const hex = (n: number) =>
      Math.floor(this.next() * 2 ** 32)
        .toString(16)
        .padStart(8, "0")
        .slice(0, n);
    const variant = "89ab"[Math.floor(this.next() * 4)];
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(8)}${hex(4)}`;
  }
}

// --- Fictional words -------------------------------------------------------------------------

const FIRST_NAMES = [
  "Ana", "Ben", "Marisol", "Jo", "Priya", "Tomás", "Lin", "Dee", "Cam", "Alex", "Maya", "Noor", "Sam", "Rosa",
  "Kai", "Lena", "Omar", "Zoe", "Ines", "Malik", "Tess", "Ravi", "June", "Ada", "Luz", "Femi", "Hana", "Iris",
  "Yara", "Mateo", "Nia", "Ollie", "Pia", "Quinn", "Rae", "Soraya", "Teo", "Uma", "Vera", "Wren", "Xena", "Yusuf",
  "Zara", "Amara", "Bea", "Chloe", "Dani", "Elif", "Farah", "Gabi", "Hugo", "Ivy", "Jade", "Kemi", "Lola",
  "Mariana", "Nadia", "Oscar", "Paz", "Rina",
]; // prettier-ignore
const LAST_NAMES = [
  "Reyes", "Nguyen", "Okafor", "Smith", "Haddad", "Kowalski", "Moreno", "Chen", "Patel", "Johnson", "Silva",
  "Murphy", "Ali", "Kim", "García", "Brown", "Rossi", "Novak", "Adeyemi", "Larsen",
]; // prettier-ignore
const PRONOUNS = ["she/her", "he/him", "they/them", null, null];
const LANGUAGES = ["Spanish", "Mandarin", "Vietnamese", "Arabic", "Tagalog", "French", "ASL", "Hindi", "Tigrinya"];
const CITIES = [
  "Oakland, CA", "Sacramento region", "San Jose, CA", "Fresno, CA", "Portland, OR", "Reno, NV", "Seattle, WA",
  "Los Angeles, CA", "Bay Area", null,
]; // prettier-ignore
const ROLE_TAGS = [
  "Advisor", "Consultant", "Trainer", "Co-designer", "Evaluator", "Peer mentor", "Speaker",
  "Board or committee member", "Curriculum review", "Policy review", "Outreach", "Data interpretation",
]; // prettier-ignore
const PROGRAM_NAMES = [
  "Youth Outreach Curriculum", "Community Training Series", "Partner Network Review", "Housing Pathways",
  "Survivor Leadership Fellowship", "Hotline Quality Review", "Legal Advocacy Toolkit", "Employment Bridge",
  "Health Access Project", "Prevention in Schools", "Data and Evaluation Lab", "Public Awareness Campaign",
]; // prettier-ignore
const ACTIVITY_TYPE_LABELS: Record<(typeof STAGES)[number], string[]> = {
  design: ["Needs assessment", "Advisory board", "Curriculum or materials review", "Policy review"],
  delivery: ["Co-facilitating training", "Peer mentoring or support", "Speaking", "Outreach"],
  evaluation: ["Evaluation design", "Focus group", "Data interpretation", "Reviewing findings and reports"],
};
const SCOPES = [
  "Read the draft and give written and spoken feedback.",
  "Co-facilitate two half-day sessions for service providers.",
  "Take part in four advisory meetings and one review call.",
  "Check the questions are safe, clear and respectful.",
  "Give a 30-minute talk and answer questions, with a support person if you like.",
  "Review the materials and mark what is unclear or unsafe.",
];
const COMMENTS = [
  "The team listened and changed the plan.",
  "A few more days to read would have helped.",
  "Payment came later than promised.",
  "I felt respected and safe.",
  "I was not sure what was needed from me until the day before.",
  "Good work; I would do it again.",
];

// --- Options -----------------------------------------------------------------------------------

function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: "string", default: "1" },
      out: { type: "string", default: "data/large.db" },
      anchor: { type: "string" },
      seed: { type: "string", default: "9" },
    },
  });
  const scale = Number(values.scale);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10)
    throw new Error("--scale must be a number above 0, at most 10.");
  const anchor = values.anchor ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(anchor)) throw new Error("--anchor must be a day like 2026-12-01.");
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error("--seed must be an integer.");
  return { scale, out: path.resolve(values.out), anchor, seed };
}

// --- Writing -----------------------------------------------------------------------------------

/**
 * Prepared inserts in transactions of BATCH_ROWS rows. Column lists are checked against the
 * Drizzle schema, so a renamed or new required column stops the generator with its name.
 */
class Writer {
  private pending = 0;
  constructor(private sqlite: Database.Database) {}

  table(table: SQLiteTable, columns: string[]) {
    const config = getTableConfig(table);
    const known = new Set(config.columns.map((c) => c.name));
    const unknown = columns.filter((c) => !known.has(c));
    if (unknown.length > 0) throw new Error(`${config.name}: no column ${unknown.join(", ")} in db/schema.ts`);
    // A column that is required and has no SQL default must be given (ids and timestamps have
    // defaults in JavaScript only).
    const missing = config.columns
      .filter((c) => (c.notNull || c.primary) && c.default === undefined && !columns.includes(c.name))
      .map((c) => c.name);
    if (missing.length > 0) throw new Error(`${config.name}: the generator leaves out ${missing.join(", ")}`);
    const statement = this.sqlite.prepare(
      `insert into "${config.name}" (${columns.map((c) => `"${c}"`).join(", ")}) values (${columns.map(() => "?").join(", ")})`,
    );
    return (...values: (string | number | null)[]) => {
      if (this.pending === 0) this.sqlite.exec("begin");
      statement.run(values);
      if (++this.pending >= BATCH_ROWS) this.flush();
    };
  }

  flush() {
    if (this.pending > 0) this.sqlite.exec("commit");
    this.pending = 0;
  }
}

// --- One organization ------------------------------------------------------------------------

type Context = {
  rng: Random;
  writer: Writer;
  anchorMs: number;
  passwordHash: string;
  /** The app's own rule (app/models/payment/due.server.ts): a payment is due from its engagement's terms. */
  dueDateFor: (e: { completedAt: Date | null; paymentDueDays: number }) => string | null;
};

type EngagementRow = {
  id: string;
  consultant: number;
  program: number;
  stage: (typeof STAGES)[number];
  status: string;
  start: number;
  /** Day offset (from the anchor, negative in the past) the work was completed or cancelled. */
  done: number | null;
  /** When completed work was marked complete (epoch ms), for its payments' due date. */
  completedAt: number | null;
  paymentDueDays: number;
  feeCents: number;
};

type Defaults = {
  checklist: { id: string; systemKey: string | null }[];
  activityTypes: { id: string; stage: string; label: string }[];
  purposes: { id: string; systemKey: string | null; defaultExpiryMonths: number | null; asksNameChoice: boolean }[];
  purposeVersions: Map<string, { id: string; version: number; createdDay: number }[]>;
};

type OrgPlan = {
  id: string;
  name: string;
  counts: Counts;
  programs: number;
  staffUserIds: string[];
  adminUserId: string | null;
  /** Portal accounts in this organization, by the number of the consultant they belong to. */
  portalUsers: Map<number, { id: string; email: string }>;
  defaults: Defaults;
};

const flag = (b: boolean) => (b ? 1 : 0);

function generateOrganization(ctx: Context, plan: OrgPlan) {
  const { rng, writer, anchorMs, dueDateFor } = ctx;
  const iso = (day: number) => new Date(anchorMs + day * DAY_MS).toISOString().slice(0, 10);
  // A time on the given day during working hours, as epoch milliseconds.
  const at = (day: number) => anchorMs + day * DAY_MS + rng.int(8 * 60, 18 * 60) * 60_000;
  const staff = () => rng.pick(plan.staffUserIds);
  const c = plan.counts;

  // Programs.
  const insertProgram = writer.table(programs, [
    "id", "organization_id", "name", "description", "status", "created_at", "updated_at",
  ]); // prettier-ignore
  const programIds: string[] = [];
  for (let i = 0; i < plan.programs; i++) {
    const id = rng.uuid();
    programIds.push(id);
    const status = i === plan.programs - 1 && i > 2 ? "closed" : i === plan.programs - 2 && i > 2 ? "paused" : "active";
    const created = at(-1150 + i);
    insertProgram(
      id,
      plan.id,
      PROGRAM_NAMES[i % PROGRAM_NAMES.length]!,
      "A program run with survivor leaders.",
      status,
      created,
      created,
    );
  }

  // Consultants, their status history and onboarding checklist.
  const insertConsultant = writer.table(consultants, [
    "id", "organization_id", "user_id", "status", "preferred_name", "pronouns", "legal_name", "email", "phone",
    "preferred_channel", "email_safety", "phone_safety", "text_safety", "mail_safety", "languages", "location",
    "expertise", "needs_childcare", "needs_transport", "payment_method", "wants_benefits_note",
    "created_by_user_id", "created_at", "updated_at",
  ]); // prettier-ignore
  const insertStatusChange = writer.table(consultantStatusChanges, [
    "id", "organization_id", "consultant_id", "from_status", "to_status", "changed_by_user_id", "created_at",
  ]); // prettier-ignore
  const insertChecklistEntry = writer.table(consultantChecklistEntries, [
    "id", "organization_id", "consultant_id", "item_id", "done_at", "done_by_user_id", "updated_at",
  ]); // prettier-ignore

  const manualSteps = plan.defaults.checklist.filter((i) => i.systemKey !== "portal_account");
  const portalStep = plan.defaults.checklist.find((i) => i.systemKey === "portal_account");
  const consultantIds: string[] = [];
  const consultantUsers: (string | null)[] = [];
  const consultantMethods: string[] = [];
  const consultantCreated: number[] = [];
  // A few consultants do much of the work: engagements go to them one time in five.
  const core = Math.max(1, Math.round(c.consultants * 0.02));
  for (let i = 0; i < c.consultants; i++) {
    const id = rng.uuid();
    const account = plan.portalUsers.get(i);
    const userId = account?.id ?? null;
    const status: ConsultantStatus =
      userId || i < core
        ? "active"
        : rng.weighted([
            ["active", 45],
            ["onboarding", 15],
            ["prospect", 10],
            ["paused", 10],
            ["alumni", 20],
          ] as const);
    const createdDay = -rng.int(1100, 1160);
    const first = rng.pick(FIRST_NAMES);
    const email = account ? account.email : rng.chance(0.7) ? `person${i + 1}@example.test` : null;
    const phone = rng.chance(0.5) ? `555-${String(rng.int(0, 9999)).padStart(4, "0")}` : null;
    const safety = () => rng.weighted([["safe", 5], ["ask_first", 3], ["not_safe", 1]] as const); // prettier-ignore
    const method = rng.weighted(
      PAYMENT_METHODS.map((m) => [m, m === "direct_deposit" || m === "check" ? 4 : 1] as const),
    );
    consultantIds.push(id);
    consultantUsers.push(userId);
    consultantMethods.push(method === "undecided" ? "check" : method);
    consultantCreated.push(createdDay);
    insertConsultant(
      id, plan.id, userId, status, first, rng.pick(PRONOUNS),
      rng.chance(0.6) ? `${first} ${rng.pick(LAST_NAMES)}` : null, email, phone,
      email ? "email" : phone ? rng.pick(["phone", "text"]) : null,
      userId ? "safe" : safety(), safety(), safety(), safety(),
      JSON.stringify(["English", ...rng.some(LANGUAGES, 0, 2)]), rng.pick(CITIES),
      JSON.stringify(rng.some(ROLE_TAGS, 1, 3)), flag(rng.chance(0.1)), flag(rng.chance(0.15)), method,
      flag(rng.chance(0.1)), staff(), at(createdDay), at(-rng.int(0, 400)),
    ); // prettier-ignore

    const history: ConsultantStatus[] =
      status === "alumni"
        ? ["prospect", "onboarding", "active", "alumni"]
        : CONSULTANT_STATUSES.slice(0, CONSULTANT_STATUSES.indexOf(status) + 1);
    history.forEach((to, step) => {
      const day = Math.min(0, createdDay + step * rng.int(10, 120));
      insertStatusChange(rng.uuid(), plan.id, id, step === 0 ? null : history[step - 1]!, to, staff(), at(day));
    });

    const stepsDone =
      status === "prospect" ? rng.int(0, 1) : status === "onboarding" ? rng.int(1, 4) : manualSteps.length;
    const steps = manualSteps.slice(0, stepsDone);
    if (userId && portalStep) steps.push(portalStep);
    for (const item of steps) {
      const doneAt = at(Math.min(0, createdDay + rng.int(1, 60)));
      insertChecklistEntry(rng.uuid(), plan.id, id, item.id, doneAt, staff(), doneAt);
    }
  }

  // Engagements.
  const insertEngagement = writer.table(engagements, [
    "id", "organization_id", "consultant_id", "program_id", "stage", "activity_type_id", "level", "title",
    "scope_what", "format", "start_date", "end_date", "rate_kind", "rate_cents", "estimated_hundredths",
    "expenses_policy", "payment_due_days", "cancellation_terms", "status", "cancellation_reason",
    "cancellation_fee_cents", "completed_at", "terms_version", "created_by_user_id", "created_at", "updated_at",
  ]); // prettier-ignore
  const activitiesByStage = new Map<string, { id: string; label: string }[]>();
  for (const a of plan.defaults.activityTypes) {
    if (!ACTIVITY_TYPE_LABELS[a.stage as keyof typeof ACTIVITY_TYPE_LABELS]?.includes(a.label)) continue;
    activitiesByStage.set(a.stage, [...(activitiesByStage.get(a.stage) ?? []), a]);
  }
  const rows: EngagementRow[] = [];
  for (let i = 0; i < c.engagements; i++) {
    const consultant = rng.chance(0.2) ? rng.int(0, core - 1) : rng.int(0, c.consultants - 1);
    const program = rng.int(0, programIds.length - 1);
    const stage = rng.pick(STAGES);
    const activity = rng.chance(0.9) ? rng.pick(activitiesByStage.get(stage) ?? [null]) : null;
    const start = Math.max(consultantCreated[consultant]! + 7, -rng.int(-90, 1095));
    const length = rng.int(0, 30);
    let status: string;
    if (start > 0) status = rng.chance(0.5) ? "proposed" : "agreed";
    else if (start > -60)
      status = rng.weighted([["in_progress", 50], ["agreed", 15], ["completed", 30], ["cancelled", 5]] as const); // prettier-ignore
    else status = rng.weighted([["completed", 88], ["cancelled", 9], ["in_progress", 3]] as const); // prettier-ignore
    const done = status === "completed" || status === "cancelled" ? Math.min(0, start + length) : null;
    const rateKind = rng.pick(RATE_KINDS);
    const rateCents = {
      hourly: rng.int(45, 90) * 100,
      daily: rng.int(300, 600) * 100,
      flat_fee: rng.int(150, 800) * 100,
      honorarium: rng.int(50, 300) * 100,
    }[rateKind];
    const estimated = rng.int(2, 40) * 50;
    const feeCents = rateKind === "hourly" ? Math.round((rateCents * estimated) / 100) : rateCents;
    const cancellationFee = status === "cancelled" && rng.chance(0.5) ? Math.round(feeCents / 2) : null;
    const id = rng.uuid();
    const created = at(start - rng.int(3, 30));
    const completedAt = status === "completed" ? at(done!) : null;
    const paymentDueDays = 30;
    rows.push({
      id, consultant, program, stage, status, start, done, completedAt, paymentDueDays,
      feeCents: cancellationFee ?? feeCents,
    }); // prettier-ignore
    insertEngagement(
      id, plan.id, consultantIds[consultant]!, programIds[program]!, stage, activity?.id ?? null,
      rng.pick(ENGAGEMENT_LEVELS), `${activity?.label ?? "Consulting"}: ${PROGRAM_NAMES[program % PROGRAM_NAMES.length]}`,
      rng.pick(SCOPES), rng.pick(WORK_FORMATS), iso(start), iso(start + length), rateKind, rateCents, estimated,
      "Transport, parking and childcare are reimbursed apart from the fee.", paymentDueDays,
      "If we cancel within 7 days, half the fee is paid.", status,
      status === "cancelled" ? "The session was moved and could not be rescheduled." : null, cancellationFee,
      completedAt, 1, staff(), created, completedAt ?? created,
    ); // prettier-ignore
  }

  // Time entries on work that has started.
  const insertTime = writer.table(timeEntries, [
    "id", "organization_id", "engagement_id", "work_date", "hundredths", "kind", "status", "logged_by_user_id",
    "approved_by_user_id", "approved_at", "created_at",
  ]); // prettier-ignore
  const worked = rows.filter((r) => r.status === "in_progress" || r.status === "completed");
  for (let i = 0; i < c.timeEntries && worked.length > 0; i++) {
    const e = rng.pick(worked);
    const day = Math.min(0, e.start + rng.int(0, Math.max(0, (e.done ?? 0) - e.start)));
    const approved = e.status === "completed" ? rng.chance(0.95) : rng.chance(0.4);
    const logger = consultantUsers[e.consultant] ?? staff();
    insertTime(
      rng.uuid(), plan.id, e.id, iso(day), rng.int(1, 32) * 25, rng.pick(TIME_KINDS),
      approved ? "approved" : "submitted", logger, approved ? staff() : null,
      approved ? at(Math.min(0, day + rng.int(0, 10))) : null, at(day),
    ); // prettier-ignore
  }

  // Payments for completed work (and cancellation fees).
  const insertPayment = writer.table(payments, [
    "id", "organization_id", "engagement_id", "consultant_id", "fee_cents", "expenses_cents", "method", "status",
    "consultant_choice", "due_date", "paid_date", "reference", "void_reason", "created_by_user_id",
    "approved_by_user_id", "approved_at", "paid_by_user_id", "created_at", "updated_at",
  ]); // prettier-ignore
  const payable = rows.filter((r) => r.status === "completed" || (r.status === "cancelled" && r.feeCents > 0));
  for (let i = 0; i < c.payments && payable.length > 0; i++) {
    const e = rng.pick(payable);
    const done = e.done!;
    const age = -done;
    const status =
      age > 60
        ? rng.weighted([["paid", 93], ["void", 3], ["approved", 2], ["pending", 2]] as const) // prettier-ignore
        : age > 30
          ? rng.weighted([["paid", 70], ["approved", 20], ["pending", 10]] as const) // prettier-ignore
          : rng.weighted([["pending", 40], ["approved", 35], ["paid", 25]] as const); // prettier-ignore
    const paidDay = status === "paid" ? Math.min(0, done + rng.int(1, Math.max(1, Math.min(45, age)))) : null;
    const approvedDay = status === "pending" ? null : Math.min(0, done + rng.int(0, 5));
    const fee = Math.round(e.feeCents * rng.pick([1, 1, 1, 0.5, 0.25]));
    const created = at(done);
    const approver = approvedDay === null ? null : staff();
    insertPayment(
      rng.uuid(), plan.id, e.id, consultantIds[e.consultant]!, fee, rng.chance(0.2) ? rng.int(5, 200) * 100 : 0,
      consultantMethods[e.consultant]!, status,
      status === "pending" || status === "approved" ? (rng.chance(0.03) ? "deferred" : null) : null,
      dueDateFor({ completedAt: e.completedAt === null ? null : new Date(e.completedAt), paymentDueDays: e.paymentDueDays }),
      paidDay === null ? null : iso(paidDay), paidDay === null ? null : `REF-${rng.int(100000, 999999)}`,
      status === "void" ? "Entered twice." : null, staff(), approver, approvedDay === null ? null : at(approvedDay),
      paidDay === null ? null : approver, created, paidDay === null ? created : at(paidDay),
    ); // prettier-ignore
  }

  // Consent: per consultant, chains of decisions on several purposes, in the order they were made
  // (the current state is the latest event by rowid).
  const insertConsent = writer.table(consentEvents, [
    "id", "organization_id", "consultant_id", "purpose_id", "purpose_version_id", "kind", "method", "scope_notes",
    "name_choice", "witness_name", "requested_by", "requested_on", "expires_on", "recorded_by_user_id", "created_at",
    "given_on", "form_kept_at",
  ]); // prettier-ignore
  const purposes = plan.defaults.purposes;
  const perConsultant = Math.floor(c.consentEvents / c.consultants);
  const extra = c.consentEvents % c.consultants;
  for (let i = 0; i < c.consultants; i++) {
    let budget = perConsultant + (i < extra ? 1 : 0);
    const userId = consultantUsers[i] ?? null;
    const order = rng.some(purposes, purposes.length, purposes.length);
    let round = 0;
    const lastDay = new Map<string, number>();
    while (budget > 0) {
      const purpose = order[round % order.length]!;
      round++;
      const versions = plan.defaults.purposeVersions.get(purpose.id)!;
      const after = lastDay.get(purpose.id);
      let day = Math.min(0, after === undefined ? consultantCreated[i]! + rng.int(1, 400) : after + rng.int(30, 200));
      let previous: string | null = null;
      let grantExpiry: string | null = null;
      const chain = Math.min(budget, rng.weighted([[1, 6], [2, 3], [3, 1]] as const)); // prettier-ignore
      for (let k = 0; k < chain; k++) {
        let kind: "granted" | "declined" | "withdrawn" | "expired";
        if (previous === null || previous === "declined" || previous === "withdrawn" || previous === "expired")
          kind = rng.chance(0.75) ? "granted" : "declined";
        else if (grantExpiry && grantExpiry <= iso(0) && rng.chance(0.7)) kind = "expired";
        else kind = rng.chance(0.5) ? "withdrawn" : "granted";
        if (kind === "expired")
          day = Math.max(day, Math.min(0, Math.round((Date.parse(grantExpiry!) - anchorMs) / DAY_MS)));
        const version = [...versions].reverse().find((v) => v.createdDay <= day) ?? versions[0]!;
        const portal = userId !== null && rng.chance(0.7);
        const method =
          kind === "expired" ? null : portal ? "portal" : rng.chance(0.8) ? "written_form" : "verbal_with_witness";
        const expiresOn: string | null =
          kind === "granted" && purpose.defaultExpiryMonths
            ? iso(day + Math.round(purpose.defaultExpiryMonths * 30.44))
            : kind === "expired"
              ? grantExpiry
              : null;
        insertConsent(
          rng.uuid(), plan.id, consultantIds[i]!, purpose.id, version.id, kind, method,
          kind === "granted" && rng.chance(0.2) ? "Quotes only, no details about my past." : null,
          kind === "granted" && purpose.asksNameChoice ? rng.pick(["real_name", "chosen_name", "anonymous"]) : null,
          method === "verbal_with_witness" ? "A staff member" : null,
          kind === "withdrawn" && !portal ? "The consultant, by phone" : null,
          kind === "withdrawn" && !portal ? iso(day) : null, expiresOn,
          kind === "expired" ? null : portal ? userId : staff(), at(day),
          // Typed in on the day it was given; a paper yes or no says where the form is.
          !portal && (kind === "granted" || kind === "declined") ? iso(day) : null,
          method === "written_form" && kind !== "withdrawn" ? "Locked cabinet, main office" : null,
        ); // prettier-ignore
        previous = kind;
        lastDay.set(purpose.id, day);
        grantExpiry = kind === "granted" ? expiresOn : kind === "expired" ? null : grantExpiry;
        budget--;
        day = Math.min(0, day + rng.int(30, 400));
      }
    }
  }

  // Experience feedback: one per completed engagement at most; anonymous answers carry only the
  // program, stage and quarter (the consultant's link lives in feedback_submissions).
  const insertFeedback = writer.table(experienceFeedback, [
    "id", "organization_id", "program_id", "stage", "quarter", "anonymous", "consultant_id", "engagement_id",
    "source", "meaningful", "respected", "fair_pay", "on_time", "clear_scope", "safe", "again", "comment",
    "recorded_by_user_id", "read_at", "created_at", "updated_at",
  ]); // prettier-ignore
  const insertSubmission = writer.table(feedbackSubmissions, [
    "engagement_id", "organization_id", "consultant_id", "feedback_id",
  ]); // prettier-ignore
  const completed = rows.filter((r) => r.status === "completed");
  const answered = Math.min(c.feedback, completed.length);
  for (let i = 0; i < answered; i++) {
    // A partial shuffle: each engagement is answered at most once.
    const j = i + Math.floor(rng.float() * (completed.length - i));
    [completed[i], completed[j]] = [completed[j]!, completed[i]!];
    const e = completed[i]!;
    const completedDate = new Date(anchorMs + e.done! * DAY_MS);
    const quarterIndex = Math.floor(completedDate.getUTCMonth() / 3);
    const quarter = `${completedDate.getUTCFullYear()}-Q${quarterIndex + 1}`;
    const anonymous = rng.chance(0.4);
    const meeting = !anonymous && rng.chance(0.15);
    const stamp = anonymous
      ? Date.UTC(completedDate.getUTCFullYear(), quarterIndex * 3, 1, 12)
      : at(Math.min(0, e.done! + rng.int(0, 14)));
    const score = () => (rng.chance(0.05) ? null : rng.weighted([[1, 1], [2, 2], [3, 4], [4, 8], [5, 8]] as const)); // prettier-ignore
    const id = rng.uuid();
    insertFeedback(
      id, plan.id, programIds[e.program]!, e.stage, quarter, flag(anonymous),
      anonymous ? null : consultantIds[e.consultant]!, anonymous ? null : e.id, meeting ? "meeting" : "portal",
      score(), score(), score(), score(), score(), score(), score(), rng.chance(0.3) ? rng.pick(COMMENTS) : null,
      meeting ? staff() : null, rng.chance(0.7) ? Math.min(anchorMs, stamp + rng.int(1, 30) * DAY_MS) : null,
      stamp, stamp,
    ); // prettier-ignore
    insertSubmission(e.id, plan.id, consultantIds[e.consultant]!, id);
  }

  return { rows, consultantIds, consultantUsers };
}

// --- The whole file ----------------------------------------------------------------------------

export async function generateLargeDatabase(argv: string[]) {
  const options = parseOptions(argv);
  const counts = scaledCounts(options.scale);
  const started = performance.now();
  const appDatabase = path.resolve(process.env.DATABASE_URL?.replace(/^file:/, "") || "data/app.db");
  if (options.out === appDatabase || options.out === path.resolve("data/app.db")) {
    throw new Error(`Refusing to replace the app's database (${options.out}): choose another --out.`);
  }
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${options.out}${suffix}`, { force: true });

  // The app's modules open DATABASE_URL when first imported: point it at the new file first.
  process.env.DATABASE_URL = options.out;
  const { db } = await import("../../app/utils/db.server");
  const { hashPassword } = await import("../../app/utils/password-hash.server");
  const { ensureDefaultChecklist } = await import("../../app/models/checklist.server");
  const { ensureDefaultActivityTypes } = await import("../../app/models/activity-type.server");
  const { ensureDefaultConsentPurposes } = await import("../../app/models/consent/purposes.server");
  const { termsSnapshot } = await import("../../app/models/engagement/terms.server");
  const { dueDateFor } = await import("../../app/models/payment/due.server");
  const { readTemplateFiles, storeTemplates } = await import("../template-files");
  const { TemplateDefinition } = await import("../../app/utils/assessment-template");

  // Importing db.server applied the migrations; store the templates as `npm run db:migrate` does.
  db.transaction((tx) => storeTemplates(tx, readTemplateFiles()));
  const sqlite = db.$client;
  // Speed over durability while filling a throwaway file; the file is checked at the end.
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -262144");
  sqlite.pragma("temp_store = MEMORY");

  const rng = new Random(options.seed);
  const anchorMs = Date.parse(`${options.anchor}T00:00:00Z`);
  // One hash for every account: argon2 is slow on purpose.
  const passwordHash = await hashPassword(LARGE_PASSWORD);
  const writer = new Writer(sqlite);
  const ctx: Context = { rng, writer, anchorMs, passwordHash, dueDateFor };

  const insertOrganization = writer.table(organizations, ["id", "name", "created_at"]);
  const insertUser = writer.table(users, ["id", "email", "preferred_name", "password_hash", "created_at"]);
  const insertMembership = writer.table(memberships, ["id", "user_id", "organization_id", "role", "created_at"]);
  const insertVersion = writer.table(consentPurposeVersions, [
    "id", "organization_id", "purpose_id", "version", "label", "text", "created_by_user_id", "created_at",
  ]); // prettier-ignore
  const createdMs = anchorMs - 1200 * DAY_MS;
  const addUser = (email: string, name: string, hash: string | null, organizationId: string, role: string) => {
    const id = rng.uuid();
    insertUser(id, email, name, hash, createdMs);
    insertMembership(rng.uuid(), id, organizationId, role, createdMs);
    return id;
  };
  const logins: { email: string; role: string; note: string }[] = [];
  let largeOrgId = "";
  let largeRows: ReturnType<typeof generateOrganization> | undefined;

  for (let o = 0; o < counts.organizations; o++) {
    const large = o === 0;
    const id = rng.uuid();
    const name = `${large ? "Large" : "Small"} Org ${String(o + 1).padStart(3, "0")}`;
    insertOrganization(id, name, createdMs);
    const staffUserIds: string[] = [];
    let adminUserId: string | null = null;
    const portalUsers = new Map<number, { id: string; email: string }>();
    if (large) {
      largeOrgId = id;
      adminUserId = addUser("admin@large.test", "Avery", passwordHash, id, "admin");
      logins.push({ email: "admin@large.test", role: "admin", note: "" });
      for (const [n, email] of ["staff@large.test", "staff2@large.test", "staff3@large.test"].entries()) {
        staffUserIds.push(addUser(email, ["Sky", "Robin", "Jordan"][n]!, passwordHash, id, "staff"));
      }
      logins.push({ email: "staff@large.test", role: "staff", note: "(also staff2@, staff3@)" });
      // The first half of the accounts belong to the busiest consultants, the rest to typical ones.
      const half = Math.ceil(counts.portalAccounts / 2);
      for (let j = 0; j < counts.portalAccounts; j++) {
        const consultant = j < half ? j : counts.consultants - 1 - (j - half);
        const email = `consultant${j + 1}@large.test`;
        portalUsers.set(consultant, {
          id: addUser(email, rng.pick(FIRST_NAMES), passwordHash, id, "consultant"),
          email,
        });
      }
      const range = (from: number, to: number) => (from === to ? `consultant${from}` : `consultant${from}..${to}`);
      logins.push({ email: "consultant1@large.test", role: "consultant", note: `(busy: ${range(1, half)})` });
      logins.push({
        email: `consultant${half + 1}@large.test`,
        role: "consultant",
        note: `(typical: ${range(half + 1, counts.portalAccounts)})`,
      });
    } else {
      // Invited but never signed in: no password.
      staffUserIds.push(addUser(`staff@org-${String(o + 1).padStart(3, "0")}.large.test`, "Kit", null, id, "staff"));
    }
    writer.flush();

    db.transaction((tx) => {
      ensureDefaultChecklist(tx, id);
      ensureDefaultActivityTypes(tx, id);
      ensureDefaultConsentPurposes(tx, id);
    });
    const defaults = loadDefaults(sqlite, id);
    // Two purposes were reworded a year ago: later decisions are on the new wording.
    for (const purpose of defaults.purposes.filter((p) => p.systemKey === "story" || p.systemKey === "photo")) {
      const v1 = sqlite
        .prepare("select label, text from consent_purpose_versions where purpose_id = ? and version = 1")
        .get(purpose.id) as { label: string; text: string };
      const versionId = rng.uuid();
      insertVersion(
        versionId,
        id,
        purpose.id,
        2,
        v1.label,
        `${v1.text} (Reworded.)`,
        staffUserIds[0]!,
        anchorMs - 365 * DAY_MS,
      );
      defaults.purposeVersions.get(purpose.id)!.push({ id: versionId, version: 2, createdDay: -365 });
    }

    const result = generateOrganization(ctx, {
      id,
      name,
      counts: large ? counts : SMALL_COUNTS,
      programs: large ? 12 : 2,
      staffUserIds: adminUserId ? [...staffUserIds, adminUserId] : staffUserIds,
      adminUserId,
      portalUsers,
      defaults,
    });
    if (large) largeRows = result;
    writer.flush();
  }

  // Consultants with portal accounts accepted their work, word for word (as the product records it).
  const insertAgreement = writer.table(engagementAgreements, [
    "id", "organization_id", "engagement_id", "terms_version", "decision", "terms_snapshot", "decided_by_user_id",
    "created_at",
  ]); // prettier-ignore
  const withAccounts = largeRows!.consultantIds.filter((_, i) => largeRows!.consultantUsers[i]);
  const userOf = new Map(
    withAccounts.map((cid) => [cid, largeRows!.consultantUsers[largeRows!.consultantIds.indexOf(cid)]!]),
  );
  for (let i = 0; i < withAccounts.length; i += 500) {
    const accepted = db
      .select()
      .from(engagements)
      .where(
        and(
          eq(engagements.organizationId, largeOrgId),
          inArray(engagements.consultantId, withAccounts.slice(i, i + 500)),
        ),
      )
      .all()
      .filter((e) => e.status !== "proposed");
    for (const e of accepted) {
      insertAgreement(
        rng.uuid(), largeOrgId, e.id, 1, "accepted", JSON.stringify(termsSnapshot(e)), userOf.get(e.consultantId)!,
        e.createdAt.getTime() + DAY_MS,
      ); // prettier-ignore
    }
  }

  // Self-assessments on the readiness template: yearly ones that improve, and a few drafts.
  const template = sqlite
    .prepare(
      "select id, definition from assessment_templates where key = 'survivor-informed-readiness' order by version desc",
    )
    .get() as { id: string; definition: string };
  const items = TemplateDefinition.parse(JSON.parse(template.definition)).sections.flatMap((s) => s.items);
  const insertAssessment = writer.table(assessments, [
    "id", "organization_id", "template_id", "title", "status", "started_by_user_id", "completed_at",
    "completed_by_user_id", "created_at", "updated_at",
  ]); // prettier-ignore
  const insertRespondent = writer.table(assessmentRespondents, ["id", "assessment_id", "kind", "user_id"]);
  const insertAnswer = writer.table(assessmentAnswers, [
    "assessment_id", "respondent_id", "item_key", "value", "updated_at",
  ]); // prettier-ignore
  const staffIds = (
    sqlite
      .prepare("select user_id as id from memberships where organization_id = ? and role in ('staff', 'admin')")
      .all(largeOrgId) as { id: string }[]
  ).map((r) => r.id);
  for (let a = 0; a < counts.assessments; a++) {
    const id = rng.uuid();
    const draft = a % 5 === 4;
    // Spread over three years, oldest first; later ones score higher.
    const day = -Math.round(1095 * (1 - a / Math.max(1, counts.assessments)));
    const progress = a / Math.max(1, counts.assessments);
    const by = rng.pick(staffIds);
    const completedAt = draft ? null : anchorMs + day * DAY_MS;
    const updated = anchorMs + day * DAY_MS;
    insertAssessment(
      id, largeOrgId, template.id, draft ? `Readiness check-in ${a + 1}` : `Readiness review ${a + 1}`,
      draft ? "draft" : "complete", by, completedAt, draft ? null : by, updated - 14 * DAY_MS, updated,
    ); // prettier-ignore
    const answeredItems = draft ? items.slice(0, rng.int(3, items.length - 1)) : items;
    // Each item answered by one of a few colleagues, each with their own set of answers.
    const respondents = new Map<string, string>();
    for (const item of answeredItems) {
      const value = rng.chance(0.05)
        ? "na"
        : Math.min(3, Math.max(0, Math.round(progress * 3 + rng.float() * 1.5 - 0.75)));
      const userId = rng.pick(staffIds);
      let respondentId = respondents.get(userId);
      if (!respondentId) {
        respondentId = rng.uuid();
        respondents.set(userId, respondentId);
        insertRespondent(respondentId, id, "staff", userId);
      }
      insertAnswer(id, respondentId, item.key, JSON.stringify(value), updated);
    }
  }
  writer.flush();

  const generatedMs = performance.now() - started;
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  const checkStarted = performance.now();
  const brokenReferences = (sqlite.pragma("foreign_key_check") as unknown[]).length;
  const integrity = (sqlite.pragma("integrity_check") as { integrity_check: string }[])
    .map((r) => r.integrity_check)
    .join("; ");
  const checkMs = performance.now() - checkStarted;
  const tables = (
    sqlite
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name",
      )
      .all() as { name: string }[]
  ).map((t) => t.name);
  const count = (table: string, where = "") =>
    (sqlite.prepare(`select count(*) as n from "${table}" ${where}`).get(largeOrgId) as { n: number } | undefined)?.n ??
    0;
  const rowCounts = Object.fromEntries(
    tables.map((t) => [t, (sqlite.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n]),
  );
  const inLargeOrganization = {
    consultants: count("consultants", "where organization_id = ?"),
    engagements: count("engagements", "where organization_id = ?"),
    timeEntries: count("time_entries", "where organization_id = ?"),
    payments: count("payments", "where organization_id = ?"),
    consentEvents: count("consent_events", "where organization_id = ?"),
    feedback: count("experience_feedback", "where organization_id = ?"),
    assessments: count("assessments", "where organization_id = ?"),
  };
  sqlite.close();
  globalThis.__appDb = undefined;

  return {
    path: options.out,
    scale: options.scale,
    seed: options.seed,
    anchor: options.anchor,
    largeOrganizationId: largeOrgId,
    counts,
    rowCounts,
    inLargeOrganization,
    logins,
    generatedSeconds: generatedMs / 1000,
    checkSeconds: checkMs / 1000,
    brokenReferences,
    integrity,
    bytes: fs.statSync(options.out).size,
  };
}

function loadDefaults(sqlite: Database.Database, organizationId: string): Defaults {
  const purposes = (
    sqlite
      .prepare(
        "select id, system_key, default_expiry_months, asks_name_choice from consent_purposes where organization_id = ? order by position",
      )
      .all(organizationId) as {
      id: string;
      system_key: string | null;
      default_expiry_months: number | null;
      asks_name_choice: number;
    }[]
  ).map((p) => ({
    id: p.id,
    systemKey: p.system_key,
    defaultExpiryMonths: p.default_expiry_months,
    asksNameChoice: p.asks_name_choice === 1,
  }));
  const versions = sqlite
    .prepare("select id, purpose_id, version from consent_purpose_versions where organization_id = ? order by version")
    .all(organizationId) as { id: string; purpose_id: string; version: number }[];
  const purposeVersions = new Map(
    purposes.map((p) => [p.id, [] as { id: string; version: number; createdDay: number }[]]),
  );
  for (const v of versions)
    purposeVersions.get(v.purpose_id)?.push({ id: v.id, version: v.version, createdDay: -100_000 });
  return {
    checklist: sqlite
      .prepare("select id, system_key as systemKey from checklist_items where organization_id = ? order by position")
      .all(organizationId) as Defaults["checklist"],
    activityTypes: sqlite
      .prepare("select id, stage, label from activity_types where organization_id = ? order by stage, label")
      .all(organizationId) as Defaults["activityTypes"],
    purposes,
    purposeVersions,
  };
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const result = await generateLargeDatabase(process.argv.slice(2));
  const n = (x: number) => x.toLocaleString("en-US");
  console.info(`Large database written: ${result.path} (${(result.bytes / 1024 / 1024).toFixed(0)} MB)`);
  console.info(`scale ${result.scale}, seed ${result.seed}, anchor ${result.anchor}`);
  console.info(`Generated in ${result.generatedSeconds.toFixed(1)} s; checked in ${result.checkSeconds.toFixed(1)} s`);
  console.info(`Large organization (${LARGE_ORG_NAME}): ${result.largeOrganizationId}`);
  console.info("Rows per table (all organizations):");
  for (const [table, count] of Object.entries(result.rowCounts)) {
    if (count > 0) console.info(`  ${table.padEnd(30)} ${n(count).padStart(10)}`);
  }
  console.info(`In ${LARGE_ORG_NAME}:`);
  for (const [what, count] of Object.entries(result.inLargeOrganization))
    console.info(`  ${what.padEnd(30)} ${n(count).padStart(10)}`);
  console.info(`Foreign key problems: ${result.brokenReferences}; integrity_check: ${result.integrity}`);
  console.info(`Logins (password ${LARGE_PASSWORD}; fictional accounts):`);
  for (const login of result.logins) console.info(`  ${login.role.padEnd(11)} ${login.email} ${login.note}`);
  if (result.brokenReferences > 0 || result.integrity !== "ok") process.exitCode = 1;
}
