// Demo data: `npm run db:seed` seeds whichever database DATABASE_URL names. Safe to run again:
// existing demo records are found and kept, never duplicated.
import { and, eq } from "drizzle-orm";
import { addDays } from "date-fns";
import {
  activityTypes,
  engagementAgreements,
  engagements,
  payments,
  programs,
  supportItems,
  timeEntries,
  type Stage,
  type SupportKind,
  type SupportStatus,
  checklistItems,
  consultantChecklistEntries,
  consultants,
  consultantStatusChanges,
  memberships,
  organizations,
  users,
  type ConsultantStatus,
  type ContactSafety,
  type PaymentMethod,
  type Role,
} from "../schema";
import { ensureDefaultChecklist } from "../../app/models/checklist.server";
import { termsSnapshot } from "../../app/models/engagement/terms.server";
import { supportPlanTerms } from "../../app/models/engagement/support-plan.server";
import { sealSupportDetails } from "../../app/models/support-fields.server";
import { isoDay } from "../../app/utils/day";
import { dueDateFor } from "../../app/models/payment/due.server";
import { recordAnswerGivenOffline } from "../../app/models/engagement/offline-answer.server";
import { ensureDefaultActivityTypes } from "../../app/models/activity-type.server";
import { ensureDemoLabelWords } from "./label-words";
import { ensureDefaultConsentPurposes } from "../../app/models/consent/purposes.server";
import { demoPurposeTranslations, ensureDemoConsent } from "./consent";
import { sealConsultantFields } from "../../app/models/consultant-fields.server";
import { ensureDemoIdeas, ensureDemoProgramInputs } from "./program-inputs";
import { ensureDemoAssessments, ensureDemoExternalMap } from "./assessments";
import { ensureDemoFeedback } from "./feedback";
import { ensureDemoInvitations } from "./invitations";
import { ensureDemoExperienceLetters } from "./experience";
import { ensureDemoCapacity } from "./capacity";
import { db } from "../../app/utils/db.server";
import { hashPassword } from "../../app/utils/password-hash.server";
import { resolveDatabasePath } from "../connection";

export const DEMO_PASSWORD = "demo-password-1";

export const DEMO_ORGANIZATIONS = [
  {
    name: "Harbor Light Collective",
    timeZone: "America/New_York",
    people: [
      { email: "admin@demo.test", preferredName: "Dana", role: "admin" },
      { email: "staff@demo.test", preferredName: "Sam", role: "staff" },
      { email: "ana@demo.test", preferredName: "Ana", role: "consultant" },
      { email: "ben@demo.test", preferredName: "Ben", role: "consultant" },
      // Asked to answer this year's readiness check-in (db/seed/assessments.ts): answering is done in
      // the portal, so each of them has an account to sign in with.
      { email: "jo@demo.test", preferredName: "Jo", role: "consultant" },
      { email: "priya@demo.test", preferredName: "Priya", role: "consultant" },
      { email: "dee@demo.test", preferredName: "Dee", role: "consultant" },
    ],
  },
  {
    name: "Northwind Alliance",
    timeZone: "America/Chicago",
    people: [
      { email: "staff@northwind.test", preferredName: "Noor", role: "staff" },
      { email: "cam@northwind.test", preferredName: "Cam", role: "consultant" },
      // Reads Spanish: her portal is in Spanish on any browser, from her own saved choice.
      { email: "lucia@demo.test", preferredName: "Lucía", role: "consultant", language: "es" },
      // On a break until six weeks from now, and her regular check-in is due (db/seed/capacity.ts).
      { email: "rosa@demo.test", preferredName: "Rosa", role: "consultant" },
      // At most 5 hours a month, and close to the yearly pay limit he set.
      { email: "kofi@demo.test", preferredName: "Kofi", role: "consultant" },
    ],
  },
] as const satisfies readonly {
  name: string;
  timeZone: string;
  people: readonly { email: string; preferredName: string; role: Role; language?: string }[];
}[];

// Seeding again keeps a time zone an admin has changed since.
function ensureOrganization(name: string, timeZone: string) {
  const existing = db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name)).get();
  return (
    existing?.id ?? db.insert(organizations).values({ name, timeZone }).returning({ id: organizations.id }).get().id
  );
}

// Seeding again keeps a language the person has chosen since.
function ensureUser(email: string, preferredName: string, passwordHash: string, preferredLanguage?: string) {
  const existing = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  return (
    existing?.id ??
    db
      .insert(users)
      .values({ email, preferredName, passwordHash, preferredLanguage: preferredLanguage ?? null })
      .returning({ id: users.id })
      .get().id
  );
}

function ensureMembership(userId: string, organizationId: string, role: Role) {
  const existing = db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organizationId, organizationId)))
    .get();
  if (!existing) db.insert(memberships).values({ userId, organizationId, role }).run();
}

type DemoConsultant = {
  key: string;
  preferredName: string;
  pronouns?: string;
  /** Links the record to the demo login with this email. */
  account?: string;
  /** The language staff recorded for them ("es"). */
  preferredLanguage?: string;
  email?: string;
  phone?: string;
  status: ConsultantStatus;
  emailSafety: ContactSafety;
  textSafety?: ContactSafety;
  languages: string[];
  location?: string;
  expertise: string[];
  paymentMethod?: PaymentMethod;
  /** How many of the default onboarding steps are done, in order; the portal step follows `account`. */
  stepsDone: number;
  legalName?: string;
};

// Fictional people. Nothing here describes anyone's experience: the product never asks.
const DEMO_CONSULTANTS: Record<string, DemoConsultant[]> = {
  "Harbor Light Collective": [
    {
      key: "ana",
      preferredName: "Ana",
      pronouns: "she/her",
      account: "ana@demo.test",
      email: "ana@demo.test",
      phone: "555-0101",
      status: "active",
      emailSafety: "safe",
      textSafety: "safe",
      languages: ["English", "Spanish"],
      location: "Oakland, CA",
      expertise: ["Trainer", "Co-designer", "Curriculum review"],
      paymentMethod: "direct_deposit",
      stepsDone: 6,
      legalName: "Ana María Reyes",
    },
    {
      key: "ben",
      preferredName: "Ben",
      pronouns: "he/him",
      account: "ben@demo.test",
      email: "ben@demo.test",
      status: "onboarding",
      emailSafety: "not_safe",
      languages: ["English"],
      location: "Sacramento region",
      expertise: ["Peer mentor", "Speaker"],
      paymentMethod: "gift_card",
      stepsDone: 2,
    },
    {
      key: "marisol",
      preferredName: "Marisol",
      status: "prospect",
      emailSafety: "ask_first",
      languages: ["Spanish"],
      expertise: ["Advisor"],
      stepsDone: 0,
    },
    {
      key: "jo",
      preferredName: "Jo",
      pronouns: "they/them",
      account: "jo@demo.test",
      email: "jo@demo.test",
      status: "active",
      emailSafety: "safe",
      languages: ["English", "ASL"],
      location: "San Jose, CA",
      expertise: ["Evaluator", "Data interpretation"],
      stepsDone: 5,
    },
    {
      key: "priya",
      preferredName: "Priya",
      pronouns: "she/her",
      account: "priya@demo.test",
      email: "priya@demo.test",
      status: "paused",
      emailSafety: "ask_first",
      languages: ["English", "Hindi"],
      expertise: ["Board or committee member"],
      stepsDone: 4,
    },
    {
      key: "tomas",
      preferredName: "Tomás",
      status: "onboarding",
      emailSafety: "safe",
      email: "tomas@example.test",
      languages: ["Spanish", "English"],
      expertise: ["Speaker", "Outreach"],
      stepsDone: 1,
    },
    {
      key: "lin",
      preferredName: "Lin",
      status: "active",
      emailSafety: "not_safe",
      languages: ["Mandarin", "English"],
      location: "San Francisco, CA",
      expertise: ["Consultant", "Policy review"],
      stepsDone: 5,
    },
    {
      key: "dee",
      preferredName: "Dee",
      pronouns: "she/her",
      account: "dee@demo.test",
      email: "dee@demo.test",
      status: "alumni",
      emailSafety: "ask_first",
      languages: ["English"],
      expertise: ["Trainer"],
      stepsDone: 5,
    },
  ],
  "Northwind Alliance": [
    {
      key: "cam",
      preferredName: "Cam",
      pronouns: "they/them",
      account: "cam@northwind.test",
      email: "cam@northwind.test",
      status: "active",
      emailSafety: "safe",
      languages: ["English", "French"],
      location: "Portland, OR",
      expertise: ["Advisor", "Evaluator"],
      stepsDone: 6,
    },
    {
      key: "lucia",
      preferredName: "Lucía",
      pronouns: "she/her",
      account: "lucia@demo.test",
      email: "lucia@demo.test",
      preferredLanguage: "es",
      status: "active",
      emailSafety: "safe",
      languages: ["Spanish", "English"],
      location: "Chicago, IL",
      expertise: ["Trainer", "Language access"],
      paymentMethod: "direct_deposit",
      stepsDone: 6,
    },
    {
      key: "rosa",
      preferredName: "Rosa",
      pronouns: "she/her",
      account: "rosa@demo.test",
      email: "rosa@demo.test",
      status: "active",
      emailSafety: "safe",
      languages: ["English", "Portuguese"],
      location: "Milwaukee, WI",
      expertise: ["Speaker", "Peer mentor"],
      paymentMethod: "check",
      stepsDone: 6,
    },
    {
      key: "kofi",
      preferredName: "Kofi",
      pronouns: "he/him",
      account: "kofi@demo.test",
      email: "kofi@demo.test",
      status: "active",
      emailSafety: "safe",
      languages: ["English", "Twi"],
      location: "Minneapolis, MN",
      expertise: ["Evaluator", "Data interpretation"],
      paymentMethod: "direct_deposit",
      stepsDone: 6,
    },
  ],
};

function ensureConsultant(organizationId: string, actorUserId: string, person: DemoConsultant) {
  const creationKey = `demo:${person.key}`;
  const existing = db
    .select({ id: consultants.id })
    .from(consultants)
    .where(and(eq(consultants.organizationId, organizationId), eq(consultants.creationKey, creationKey)))
    .get();
  if (existing) return;
  const userId = person.account
    ? db.select({ id: users.id }).from(users).where(eq(users.email, person.account)).get()?.id
    : undefined;
  const path: ConsultantStatus[] = ["prospect", "onboarding", "active", "paused", "alumni"];
  const steps =
    person.status === "alumni"
      ? ["prospect", "onboarding", "active", "alumni"]
      : path.slice(0, path.indexOf(person.status) + 1);
  const id = crypto.randomUUID();
  const consultant = db
    .insert(consultants)
    .values({
      id,
      organizationId,
      userId: userId ?? null,
      creationKey,
      status: person.status,
      preferredName: person.preferredName,
      pronouns: person.pronouns ?? null,
      preferredLanguage: person.preferredLanguage ?? null,
      // Sealed like everything the app writes (ADR 008).
      ...sealConsultantFields(
        { legalName: person.legalName ?? null, phone: person.phone ?? null },
        { organizationId, consultantId: id },
      ),
      email: person.email ?? null,
      preferredChannel: person.email ? "email" : null,
      emailSafety: person.emailSafety,
      textSafety: person.textSafety ?? "ask_first",
      languages: person.languages,
      location: person.location ?? null,
      expertise: person.expertise,
      paymentMethod: person.paymentMethod ?? "undecided",
      createdByUserId: actorUserId,
      // The record is as old as its first status change.
      createdAt: new Date(Date.now() - (steps.length + 1) * 86_400_000 * 7),
    })
    .returning({ id: consultants.id })
    .get();
  steps.forEach((status, i) => {
    db.insert(consultantStatusChanges)
      .values({
        organizationId,
        consultantId: consultant.id,
        fromStatus: i === 0 ? null : (steps[i - 1] as ConsultantStatus),
        toStatus: status as ConsultantStatus,
        changedByUserId: actorUserId,
        changedAt: new Date(Date.now() - (steps.length - i) * 86_400_000 * 7),
      })
      .run();
  });
  const items = db
    .select({ id: checklistItems.id, systemKey: checklistItems.systemKey })
    .from(checklistItems)
    .where(eq(checklistItems.organizationId, organizationId))
    .orderBy(checklistItems.position)
    .all();
  const manual = items.filter((i) => i.systemKey !== "portal_account").slice(0, Math.min(person.stepsDone, 5));
  const portal = userId ? items.filter((i) => i.systemKey === "portal_account") : [];
  for (const item of [...manual, ...portal]) {
    db.insert(consultantChecklistEntries)
      .values({
        organizationId,
        consultantId: consultant.id,
        itemId: item.id,
        doneAt: new Date(),
        doneByUserId: actorUserId,
      })
      .run();
  }
}

export async function seedDemo() {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  db.transaction((tx) => {
    for (const org of DEMO_ORGANIZATIONS) {
      const organizationId = ensureOrganization(org.name, org.timeZone);
      ensureDefaultChecklist(tx, organizationId);
      const userIds = org.people.map((person) => {
        const userId = ensureUser(
          person.email,
          person.preferredName,
          passwordHash,
          "language" in person ? person.language : undefined,
        );
        ensureMembership(userId, organizationId, person.role);
        return userId;
      });
      // Records are created by the organization's first staff member or admin.
      const creator = userIds[org.people.findIndex((p) => p.role !== "consultant")]!;
      for (const person of DEMO_CONSULTANTS[org.name] ?? []) ensureConsultant(organizationId, creator, person);
      ensureDefaultActivityTypes(tx, organizationId);
      ensureDemoLabelWords(tx, organizationId, org.name);
      for (const program of DEMO_PROGRAMS[org.name] ?? []) ensureProgram(organizationId, creator, program);
      ensureDefaultConsentPurposes(tx, organizationId, demoPurposeTranslations(org.name));
      ensureDemoConsent(tx, organizationId, org.name, creator);
      ensureDemoProgramInputs(tx, organizationId, org.name, creator);
      ensureDemoIdeas(tx, organizationId, org.name);
      ensureDemoAssessments(
        tx,
        organizationId,
        org.name,
        userIds.filter((_, i) => org.people[i]!.role !== "consultant"),
      );
      ensureDemoExternalMap(tx, organizationId, org.name, creator);
      ensureDemoFeedback(tx, organizationId, org.name, creator);
      if (org.name === "Harbor Light Collective") ensureDemoLatePayment(organizationId, creator);
      ensureDemoInvitations(tx, organizationId, org.name, creator);
      ensureDemoExperienceLetters(tx, organizationId, org.name);
      ensureDemoCapacity(tx, organizationId, org.name);
    }
  });
}

type DemoEngagement = {
  key: string;
  consultant: string;
  stage: Stage;
  activity: string;
  level: (typeof engagements.$inferInsert)["level"];
  title: string;
  scopeWhat: string;
  status: (typeof engagements.$inferInsert)["status"];
  rateKind: (typeof engagements.$inferInsert)["rateKind"];
  rateCents: number;
  estimatedHundredths?: number;
  startDate: string;
  /** Days ago the work was completed, for completed engagements. */
  completedDaysAgo?: number;
  /**
   * For a consultant without a portal account: the answer they gave on paper, which a colleague
   * (by email) recorded `daysAgo` days after it was given. The engagement is proposed until then.
   */
  paperAcceptance?: { recordedBy: string; witness?: string; daysAgo: number; paperFormLocation: string };
  /**
   * The terms' words in Spanish, for a consultant who reads it: every field the English has (the
   * expenses and cancellation words are the same for every demo engagement). Terms with a role need
   * it in Spanish too, or the consultant reads all of them in English.
   */
  spanish?: { title: string; scopeWhat: string; role?: string };
  /** The consultant's role in the work, as a letter of experience states it. */
  role?: string;
  /**
   * The support plan as it stands (before any acceptance, so an accepted engagement's answer keeps it):
   * each item asked for by the consultant or added by staff, and what became of it.
   */
  support?: {
    kind: SupportKind;
    status: SupportStatus;
    source: "consultant" | "staff";
    language?: string;
    /** The consultant's own words about the need (sealed). */
    details?: string;
    arrangement?: string;
  }[];
  /** Approved time entries: [date, hundredths, kind]. */
  time?: [string, number, (typeof timeEntries.$inferInsert)["kind"]][];
  /** A payment: fee, expenses, status and dates. */
  payment?: {
    feeCents: number;
    expensesCents?: number;
    status: "pending" | "approved" | "paid";
    /** Due after the engagement's deadline; paid on `paidDate`, or `paidDaysAfterCompletion` after completion. */
    paidDate?: string;
    paidDaysAfterCompletion?: number;
  };
};

const DEMO_PROGRAMS: Record<string, { name: string; description: string; engagements: DemoEngagement[] }[]> = {
  "Harbor Light Collective": [
    {
      name: "Youth Outreach Curriculum",
      description: "A prevention curriculum for youth programs, designed and evaluated with survivor leaders.",
      engagements: [
        {
          key: "ana-design",
          role: "Curriculum reviewer",
          consultant: "ana",
          stage: "design",
          activity: "Curriculum or materials review",
          level: "collaborate",
          title: "Review the new curriculum",
          scopeWhat: "Read the six draft modules and give written and spoken feedback.",
          status: "completed",
          rateKind: "hourly",
          rateCents: 6500,
          estimatedHundredths: 800,
          startDate: "2026-08-03",
          completedDaysAgo: 70,
          time: [
            ["2026-08-03", 300, "preparation"],
            ["2026-08-05", 300, "session"],
            ["2026-08-06", 150, "debrief"],
          ],
          // Dates follow the completion, so "days from work completed to paid" stays true (12 days).
          payment: { feeCents: 48750, status: "paid", paidDaysAfterCompletion: 12 },
        },
        {
          key: "ana-evaluation",
          role: "Survey reviewer",
          consultant: "ana",
          stage: "evaluation",
          activity: "Survey or interview instrument review",
          level: "involve",
          title: "Review the youth survey",
          scopeWhat: "Check the survey questions are safe, clear and respectful.",
          status: "completed",
          rateKind: "flat_fee",
          rateCents: 30000,
          estimatedHundredths: 400,
          startDate: "2026-09-20",
          completedDaysAgo: 45,
          time: [["2026-09-22", 400, "session"]],
          // Completed 45 days ago, due after 30: overdue and still not paid. Ana can say she needs it now
          // (My pay), and staff then see it first.
          payment: { feeCents: 30000, expensesCents: 1850, status: "approved" },
        },
      ],
    },
    {
      name: "Community Training Series",
      description: "Trainings for service providers, co-facilitated by survivor leaders.",
      engagements: [
        {
          key: "ana-delivery",
          role: "Co-facilitator",
          consultant: "ana",
          stage: "delivery",
          activity: "Co-facilitating training",
          level: "collaborate",
          title: "Co-facilitate the spring training",
          scopeWhat: "Co-facilitate two half-day trainings for service providers.",
          status: "in_progress",
          rateKind: "daily",
          rateCents: 48000,
          startDate: "2026-11-10",
          time: [["2026-11-10", 450, "session"]],
        },
        {
          key: "ben-delivery",
          consultant: "ben",
          stage: "delivery",
          activity: "Speaking",
          level: "consult",
          title: "Speak at the volunteer orientation",
          scopeWhat: "A 30-minute talk and questions, with a support person if you like.",
          status: "proposed",
          // Partly arranged: Ben asked for a support person and transport; the fare is arranged,
          // his support person and the debrief Sam added are still to arrange.
          support: [
            { kind: "support_person", status: "requested", source: "consultant", details: "My peer mentor from group" },
            {
              kind: "transport",
              status: "arranged",
              source: "consultant",
              arrangement: "Bus fare there and back, paid back to you.",
            },
            { kind: "debrief", status: "requested", source: "staff" },
          ],
          rateKind: "honorarium",
          rateCents: 15000,
          estimatedHundredths: 300,
          startDate: "2026-12-05",
        },
        {
          key: "lin-policy",
          consultant: "lin",
          stage: "design",
          activity: "Policy review",
          level: "involve",
          title: "Review the speaker safety policy",
          scopeWhat: "Read the safety policy for speakers and say what should change.",
          status: "proposed",
          rateKind: "hourly",
          rateCents: 6000,
          estimatedHundredths: 600,
          startDate: "2026-12-14",
          // Lin has no portal account: she signed the terms on paper, and Sam recorded it.
          paperAcceptance: {
            recordedBy: "staff@demo.test",
            witness: "admin@demo.test",
            daysAgo: 3,
            paperFormLocation: "Locked cabinet in the office, folder “Agreements 2026”.",
          },
        },
      ],
    },
  ],
  "Northwind Alliance": [
    {
      name: "Partner Network Review",
      description: "A review of referral partnerships with survivor advisors.",
      engagements: [
        {
          key: "cam-design",
          consultant: "cam",
          stage: "design",
          activity: "Advisory board",
          level: "survivor_led",
          title: "Lead the advisory board",
          scopeWhat: "Chair four advisory board meetings this year.",
          status: "agreed",
          rateKind: "hourly",
          rateCents: 7000,
          estimatedHundredths: 1200,
          startDate: "2026-11-01",
        },
        {
          key: "lucia-review",
          role: "Materials reviewer",
          consultant: "lucia",
          stage: "design",
          activity: "Curriculum or materials review",
          level: "collaborate",
          title: "Review the Spanish referral guide",
          scopeWhat: "Read the Spanish version of the referral guide and say what is unclear or unsafe.",
          status: "completed",
          rateKind: "hourly",
          rateCents: 6500,
          estimatedHundredths: 400,
          startDate: "2026-10-05",
          spanish: {
            title: "Revisar la guía de referencias en español",
            role: "Revisora de materiales",
            scopeWhat: "Leer la versión en español de la guía de referencias y decir qué no está claro o no es seguro.",
          },
          completedDaysAgo: 40,
          time: [
            ["2026-10-05", 200, "preparation"],
            ["2026-10-07", 150, "session"],
          ],
          // 3.5 hours at $65, paid 14 days after the work was done.
          payment: { feeCents: 22750, status: "paid", paidDaysAfterCompletion: 14 },
        },
        {
          key: "kofi-evaluation",
          role: "Evaluation advisor",
          consultant: "kofi",
          stage: "evaluation",
          activity: "Survey or interview instrument review",
          level: "involve",
          title: "Review the partner survey",
          scopeWhat: "Review the partner survey and the first results, and say what they miss.",
          status: "completed",
          rateKind: "flat_fee",
          rateCents: 180_000,
          estimatedHundredths: 2400,
          startDate: "2026-09-14",
          completedDaysAgo: 30,
          // $1,800 of the $2,000 he wants at most this year (db/seed/capacity.ts).
          payment: { feeCents: 180_000, status: "paid", paidDaysAfterCompletion: 10 },
        },
        {
          key: "lucia-delivery",
          consultant: "lucia",
          stage: "delivery",
          activity: "Co-facilitating training",
          level: "collaborate",
          title: "Co-facilitate the Spanish-language partner training",
          scopeWhat: "Co-facilitate one half-day training for partner agencies, in Spanish.",
          status: "agreed",
          rateKind: "daily",
          rateCents: 48000,
          startDate: "2027-01-20",
          // Arranged before she said yes: the plan is in the terms she accepted.
          support: [
            {
              kind: "childcare",
              status: "arranged",
              source: "consultant",
              arrangement: "Cuidado de niños en la sala de al lado, toda la mañana.",
            },
          ],
          spanish: {
            title: "Cofacilitar la capacitación en español para organizaciones aliadas",
            scopeWhat: "Cofacilitar una capacitación de medio día, en español, para organizaciones aliadas.",
          },
        },
        {
          key: "lucia-consent-form",
          consultant: "lucia",
          stage: "design",
          activity: "Policy review",
          level: "involve",
          title: "Review the Spanish consent form",
          scopeWhat: "Read the consent form in Spanish and say what is hard to understand.",
          // Offered, not yet answered: her portal asks her to read the terms and say yes or no.
          status: "proposed",
          rateKind: "flat_fee",
          rateCents: 30000,
          estimatedHundredths: 300,
          startDate: "2027-02-08",
        },
      ],
    },
  ],
};

function ensureProgram(organizationId: string, creator: string, demo: (typeof DEMO_PROGRAMS)[string][number]) {
  const program =
    db
      .select({ id: programs.id })
      .from(programs)
      .where(and(eq(programs.organizationId, organizationId), eq(programs.name, demo.name)))
      .get() ??
    db
      .insert(programs)
      .values({ organizationId, name: demo.name, description: demo.description })
      .returning({ id: programs.id })
      .get();
  for (const e of demo.engagements) ensureEngagement(organizationId, creator, program.id, e);
}

function ensureEngagement(organizationId: string, creator: string, programId: string, e: DemoEngagement) {
  const creationKey = `demo:${e.key}`;
  const exists = db
    .select({ id: engagements.id })
    .from(engagements)
    .where(and(eq(engagements.organizationId, organizationId), eq(engagements.creationKey, creationKey)))
    .get();
  if (exists) return;
  const consultant = db
    .select({ id: consultants.id, userId: consultants.userId, paymentMethod: consultants.paymentMethod })
    .from(consultants)
    .where(and(eq(consultants.organizationId, organizationId), eq(consultants.creationKey, `demo:${e.consultant}`)))
    .get()!;
  const activity = db
    .select({ id: activityTypes.id })
    .from(activityTypes)
    .where(and(eq(activityTypes.organizationId, organizationId), eq(activityTypes.label, e.activity)))
    .get();
  if (e.spanish && e.role && !e.spanish.role)
    throw new Error(`Demo engagement ${e.key} has a role but no Spanish role: its terms would read in English.`);
  const completedAt = e.completedDaysAgo ? new Date(Date.now() - e.completedDaysAgo * 86_400_000) : null;
  const engagement = db
    .insert(engagements)
    .values({
      organizationId,
      consultantId: consultant.id,
      programId,
      stage: e.stage,
      activityTypeId: activity?.id ?? null,
      level: e.level,
      role: e.role ?? null,
      title: e.title,
      scopeWhat: e.scopeWhat,
      format: "in_person",
      startDate: e.startDate,
      rateKind: e.rateKind,
      rateCents: e.rateCents,
      estimatedHundredths: e.estimatedHundredths ?? null,
      expensesPolicy: "Transport, parking and childcare are reimbursed apart from the fee.",
      paymentDueDays: 30,
      cancellationTerms: "If we cancel within 7 days, half the fee is paid.",
      termsTranslations: e.spanish
        ? {
            es: {
              ...e.spanish,
              expensesPolicy:
                "El transporte, el estacionamiento y el cuidado de niños se reembolsan aparte del honorario.",
              cancellationTerms: "Si cancelamos con menos de 7 días de aviso, se paga la mitad del honorario.",
            },
          }
        : {},
      status: e.status,
      completedAt,
      creationKey,
      createdByUserId: creator,
    })
    .returning()
    .get();
  for (const item of e.support ?? []) {
    const id = crypto.randomUUID();
    db.insert(supportItems)
      .values({
        id,
        organizationId,
        engagementId: engagement.id,
        kind: item.kind,
        status: item.status,
        source: item.source,
        language: item.language ?? null,
        details: sealSupportDetails(item.details, { organizationId, itemId: id }),
        arrangement: item.arrangement ?? null,
        createdByUserId: item.source === "consultant" ? consultant.userId : creator,
        decidedByUserId: item.status === "requested" ? null : creator,
        decidedAt: item.status === "requested" ? null : new Date(),
      })
      .run();
  }
  // Anything past "proposed" was accepted by the consultant, word for word, with its support plan.
  if (e.status !== "proposed" && consultant.userId) {
    db.insert(engagementAgreements)
      .values({
        organizationId,
        engagementId: engagement.id,
        termsVersion: 1,
        decision: "accepted",
        termsSnapshot: termsSnapshot(engagement, supportPlanTerms(db, engagement.id)),
        // A consultant who reads Spanish read the terms in Spanish, when they were written in it.
        language: e.spanish ? "es" : "en",
        decidedByUserId: consultant.userId,
      })
      .run();
  }
  if (e.paperAcceptance) {
    const userIdOf = (email: string) => db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
    recordAnswerGivenOffline({
      organizationId,
      actorUserId: userIdOf(e.paperAcceptance.recordedBy),
      engagementId: engagement.id,
      termsVersion: engagement.termsVersion,
      decision: "accepted",
      method: "paper_form",
      agreedOn: isoDay(addDays(new Date(), -e.paperAcceptance.daysAgo)),
      witnessUserId: e.paperAcceptance.witness ? userIdOf(e.paperAcceptance.witness) : null,
      paperFormLocation: e.paperAcceptance.paperFormLocation,
    });
  }
  for (const [workDate, hundredths, kind] of e.time ?? []) {
    db.insert(timeEntries)
      .values({
        organizationId,
        engagementId: engagement.id,
        workDate,
        hundredths,
        kind,
        status: "approved",
        loggedByUserId: consultant.userId,
        approvedByUserId: creator,
        approvedAt: new Date(),
      })
      .run();
  }
  if (e.payment) {
    db.insert(payments)
      .values({
        organizationId,
        engagementId: engagement.id,
        consultantId: consultant.id,
        feeCents: e.payment.feeCents,
        expensesCents: e.payment.expensesCents ?? 0,
        method: consultant.paymentMethod,
        status: e.payment.status,
        dueDate: dueDateFor(engagement),
        paidDate:
          e.payment.paidDate ??
          (e.payment.paidDaysAfterCompletion !== undefined && completedAt
            ? isoDay(addDays(completedAt, e.payment.paidDaysAfterCompletion))
            : null),
        createdByUserId: creator,
        approvedByUserId: e.payment.status === "pending" ? null : creator,
        approvedAt: e.payment.status === "pending" ? null : new Date(),
        paidByUserId: e.payment.status === "paid" ? creator : null,
        creationKey: `demo:${e.key}:payment`,
      })
      .run();
  }
}

/**
 * Dee's pilot session (db/seed/feedback.ts), completed 50 days ago with 30 days to pay: its payment
 * was recorded 40 days after the work and paid 42 days after, so it counts as paid late. Lin's
 * safety policy review, completed 60 days ago, keeps no payment at all: it shows as overdue.
 */
function ensureDemoLatePayment(organizationId: string, creator: string) {
  const engagement = db
    .select()
    .from(engagements)
    .where(and(eq(engagements.organizationId, organizationId), eq(engagements.creationKey, "demo:dee-delivery")))
    .get();
  const creationKey = "demo:dee-delivery:payment";
  const exists = db
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.organizationId, organizationId), eq(payments.creationKey, creationKey)))
    .get();
  if (!engagement?.completedAt || exists) return;
  const recordedAt = addDays(engagement.completedAt, 40);
  db.insert(payments)
    .values({
      organizationId,
      engagementId: engagement.id,
      consultantId: engagement.consultantId,
      feeCents: engagement.rateCents,
      method: "check",
      status: "paid",
      dueDate: dueDateFor(engagement),
      paidDate: isoDay(addDays(engagement.completedAt, 42)),
      reference: "Check 2041",
      createdByUserId: creator,
      approvedByUserId: creator,
      approvedAt: addDays(recordedAt, 1),
      paidByUserId: creator,
      creationKey,
      createdAt: recordedAt,
      updatedAt: addDays(engagement.completedAt, 42),
    })
    .run();
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  await seedDemo();
  console.info(`Demo organizations are ready in ${resolveDatabasePath()}`);
}
