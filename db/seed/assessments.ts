// Demo self-assessments: Harbor Light's readiness a year ago and now (showing progress)
// and a draft begun this month. Dates are relative to the day the seed runs.
import { subDays, subMonths } from "date-fns";
import { and, desc, eq } from "drizzle-orm";
import {
  assessmentActions,
  assessmentAnswers,
  assessmentInvitations,
  assessmentRespondents,
  assessments,
  assessmentTemplates,
  consultants,
} from "../schema";
import { readTemplateFiles, storeTemplates } from "../template-files";
import { TemplateDefinition } from "../../app/utils/assessment-template";
import type { Executor } from "../../app/utils/db.server";
import { rememberPartners } from "../../app/models/partner.server";

type Plan = {
  key: string;
  title: string;
  completedMonthsAgo: number | null;
  level: (index: number) => number | "na";
  /** A second colleague's own answers, to the first items: they are kept apart and combined. */
  colleague?: { answered: number; level: (index: number) => number | "na" };
};

const READINESS_PLANS: Plan[] = [
  // A year ago: mostly started, little fully in place.
  {
    key: "readiness-last-year",
    title: "Readiness last year",
    completedMonthsAgo: 12,
    level: (i) => (i % 3 === 0 ? 2 : 1),
  },
  // Now: clearly further, one item not applicable.
  {
    key: "readiness-this-year",
    title: "Readiness this year",
    completedMonthsAgo: 0,
    level: (i) => (i === 11 ? "na" : i % 4 === 0 ? 2 : 3),
  },
];

/**
 * Harbor Light's readiness over time. `staffUserIds`: the organization's staff and admins, in the
 * demo's order (Dana, then Sam).
 */
export function ensureDemoAssessments(tx: Executor, organizationId: string, orgName: string, staffUserIds: string[]) {
  if (orgName !== "Harbor Light Collective") return;
  const [staffUserId, colleagueUserId] = staffUserIds as [string, string];
  storeTemplates(tx, readTemplateFiles());
  const template = tx
    .select()
    .from(assessmentTemplates)
    .where(eq(assessmentTemplates.key, "survivor-informed-readiness"))
    .orderBy(desc(assessmentTemplates.version))
    .get()!;
  const items = TemplateDefinition.parse(template.definition).sections.flatMap((s) => s.items);
  const now = new Date();

  const plans: (Plan & { answered?: number })[] = [
    ...READINESS_PLANS,
    // A draft begun this month: Dana has answered most of it, Sam some, and consultants were asked too.
    {
      key: "readiness-draft",
      title: "Readiness check-in",
      completedMonthsAgo: null,
      level: () => 2,
      answered: 25,
      colleague: { answered: 14, level: (i) => (i % 2 ? 3 : 2) },
    },
  ];
  const ids: Record<string, string> = {};
  for (const plan of plans) {
    const creationKey = `demo:assessment:${plan.key}`;
    const exists = tx
      .select({ id: assessments.id })
      .from(assessments)
      .where(and(eq(assessments.organizationId, organizationId), eq(assessments.creationKey, creationKey)))
      .get();
    if (exists) {
      ids[plan.key] = exists.id;
      continue;
    }
    const completedAt = plan.completedMonthsAgo === null ? null : subDays(subMonths(now, plan.completedMonthsAgo), 2);
    const created = tx
      .insert(assessments)
      .values({
        organizationId,
        templateId: template.id,
        title: plan.title,
        status: completedAt ? "complete" : "draft",
        startedByUserId: staffUserId,
        completedAt,
        completedByUserId: completedAt ? staffUserId : null,
        creationKey,
        createdAt: completedAt ? subDays(completedAt, 14) : subDays(now, 5),
        updatedAt: completedAt ?? subDays(now, 5),
      })
      .returning({ id: assessments.id })
      .get();
    const answered = items.slice(0, plan.answered ?? items.length);
    insertStaffAnswers(
      tx,
      created.id,
      staffUserId,
      answered.map((item, i) => [item.key, plan.level(i)]),
      completedAt ?? subDays(now, 5),
    );
    if (plan.colleague) {
      insertStaffAnswers(
        tx,
        created.id,
        colleagueUserId,
        items.slice(0, plan.colleague.answered).map((item, i) => [item.key, plan.colleague!.level(i)]),
        completedAt ?? subDays(now, 5),
      );
    }
    ids[plan.key] = created.id;
  }
  ensureCarriedOverAction(tx, organizationId, staffUserId, ids["readiness-last-year"]!, ids["readiness-draft"]!);
  ensureDemoConsultantAnswers(tx, organizationId, staffUserId, ids["readiness-draft"]!, items, now);
}

/**
 * Consultants asked to answer the check-in: Jo answered with their name, Priya, Dee and Ben without
 * theirs (a whole group of three, so the survivors' view shows beside the staff's), and Ana has not
 * answered yet. Survivors see human resources and outreach lower than staff do.
 */
function ensureDemoConsultantAnswers(
  tx: Executor,
  organizationId: string,
  staffUserId: string,
  assessmentId: string,
  items: { key: string }[],
  now: Date,
) {
  const asked = tx
    .select({ id: assessmentInvitations.id })
    .from(assessmentInvitations)
    .where(eq(assessmentInvitations.assessmentId, assessmentId))
    .get();
  if (asked) return;
  const consultantId = (key: string) =>
    tx
      .select({ id: consultants.id })
      .from(consultants)
      .where(and(eq(consultants.organizationId, organizationId), eq(consultants.creationKey, `demo:${key}`)))
      .get()!.id;
  // Items 13-16 are outreach, 19-25 human resources.
  const area = (i: number) => (i >= 19 ? "hr" : i >= 13 && i <= 16 ? "outreach" : "other");
  const sets: { who: "jo" | null; level: (i: number) => number }[] = [
    { who: "jo", level: (i) => ({ hr: 1, outreach: 1, other: 2 })[area(i)] },
    { who: null, level: (i) => ({ hr: 0, outreach: 2, other: 2 })[area(i)] },
    { who: null, level: (i) => ({ hr: 1, outreach: 1, other: 3 })[area(i)] },
    { who: null, level: (i) => ({ hr: 0, outreach: 1, other: 2 })[area(i)] },
  ];
  for (const set of sets) {
    const respondent = tx
      .insert(assessmentRespondents)
      .values(
        set.who
          ? { assessmentId, kind: "consultant", consultantId: consultantId(set.who), sentAt: subDays(now, 3) }
          : { assessmentId, kind: "anonymous", anonymousGroup: 1 },
      )
      .returning({ id: assessmentRespondents.id })
      .get();
    tx.insert(assessmentAnswers)
      .values(
        items.map((item, i) => ({
          assessmentId,
          respondentId: respondent.id,
          itemKey: item.key,
          value: set.level(i),
          updatedAt: set.who ? subDays(now, 3) : null,
        })),
      )
      .run();
  }
  for (const [key, answered] of [
    ["jo", true],
    ["priya", true],
    ["dee", true],
    ["ben", true],
    ["ana", false],
  ] as const) {
    tx.insert(assessmentInvitations)
      .values({
        organizationId,
        assessmentId,
        consultantId: consultantId(key),
        invitedByUserId: staffUserId,
        answered,
        createdAt: subDays(now, 4),
      })
      .run();
  }
}

/**
 * An action planned on last year's readiness, still open: it was carried over to each assessment
 * since, and is on this month's check-in now.
 */
function ensureCarriedOverAction(
  tx: Executor,
  organizationId: string,
  ownerUserId: string,
  plannedOnId: string,
  nowOnId: string,
) {
  const itemKey = "media-policy";
  const exists = tx
    .select({ id: assessmentActions.id })
    .from(assessmentActions)
    .where(and(eq(assessmentActions.organizationId, organizationId), eq(assessmentActions.itemKey, itemKey)))
    .get();
  if (exists) return;
  tx.insert(assessmentActions)
    .values({
      organizationId,
      assessmentId: nowOnId,
      itemKey,
      title: "Write a media policy with survivor leaders",
      ownerUserId,
      dueDate: null,
      status: "in_progress",
      carriedOverFromAssessmentId: plannedOnId,
      createdByUserId: ownerUserId,
    })
    .run();
}

/** One member of staff's own answers to a demo assessment. */
export function insertStaffAnswers(
  tx: Executor,
  assessmentId: string,
  userId: string,
  answers: [itemKey: string, value: unknown][],
  at: Date,
) {
  const respondent = tx
    .insert(assessmentRespondents)
    .values({ assessmentId, kind: "staff", userId })
    .returning({ id: assessmentRespondents.id })
    .get();
  if (answers.length === 0) return;
  tx.insert(assessmentAnswers)
    .values(
      answers.map(([itemKey, value]) => ({ assessmentId, respondentId: respondent.id, itemKey, value, updatedAt: at })),
    )
    .run();
}

const row = (key: string, provider: string, partnership: "Yes" | "No" | "Who", trained: boolean, serves: string[]) => ({
  row: key,
  cells: { provider, partnership, trained, serves },
});

/** A filled external map: some needs covered with partners, some known providers, the rest gaps. */
const DEMO_EXTERNAL_MAP: Record<string, unknown> = {
  "needs-crisis-response": [
    row("emergency-response", "Harbor Light crisis line", "Yes", true, ["Adult", "Minor"]),
    row("safety-planning", "Harbor Light advocates", "Yes", true, ["Adult", "Minor", "Male"]),
    row("interpretation", "City Language Bank", "No", false, ["Adult", "Foreign born"]),
  ],
  "needs-medical-mental-health": [
    row("emergency-medical", "St. Anne's Hospital", "Yes", true, ["Adult", "Minor"]),
    row("dental-care", "Community Dental Clinic", "No", false, ["Adult"]),
  ],
  "needs-legal": [row("criminal", "Northside Legal Aid", "Who", true, ["Adult", "Foreign born"])],
  "needs-law-enforcement": [row("victim-witness", "County Victim-Witness Office", "Yes", true, ["Adult", "Minor"])],
  "covid-crisis-response": "Hotel shelter stays grew longer and harder to find; the crisis line moved to phones only.",
};

export function ensureDemoExternalMap(tx: Executor, organizationId: string, orgName: string, staffUserId: string) {
  if (orgName !== "Harbor Light Collective") return;
  const creationKey = "demo:assessment:external-map";
  const exists = tx
    .select({ id: assessments.id })
    .from(assessments)
    .where(and(eq(assessments.organizationId, organizationId), eq(assessments.creationKey, creationKey)))
    .get();
  if (exists) return;
  const template = tx
    .select({ id: assessmentTemplates.id })
    .from(assessmentTemplates)
    .where(eq(assessmentTemplates.key, "external-resource-mapping"))
    .orderBy(desc(assessmentTemplates.version))
    .get()!;
  const completedAt = subDays(new Date(), 20);
  const created = tx
    .insert(assessments)
    .values({
      organizationId,
      templateId: template.id,
      title: "Our partners map",
      status: "complete",
      startedByUserId: staffUserId,
      completedAt,
      completedByUserId: staffUserId,
      creationKey,
      createdAt: subDays(completedAt, 10),
      updatedAt: completedAt,
    })
    .returning({ id: assessments.id })
    .get();
  insertStaffAnswers(tx, created.id, staffUserId, Object.entries(DEMO_EXTERNAL_MAP), completedAt);
  // The providers named on it are in the partner directory, as the map's page would have put them.
  for (const [itemKey, value] of Object.entries(DEMO_EXTERNAL_MAP)) {
    if (Array.isArray(value)) rememberPartners(tx, organizationId, SECTOR_TITLES[itemKey] ?? itemKey, value);
  }
}

const SECTOR_TITLES: Record<string, string> = {
  "needs-crisis-response": "Crisis response, advocacy and case management",
  "needs-medical-mental-health": "Medical and mental health providers",
  "needs-legal": "Legal service providers",
  "needs-law-enforcement": "Law enforcement agencies",
};
