// Demo experience feedback, written straight into the tables: the demo needs answers
// that staff have already read, which the product's own path only makes through the report page.
// Harbor: Ana's named answer on "Review the new curriculum", and three anonymous answers for the
// Youth Outreach Curriculum (enough to be shown), each hung on a completed engagement of Jo, Lin
// and Dee. Ana's "Review the youth survey" stays without feedback, so her portal asks for it.
// Northwind: two completed engagements of Cam, waiting for his feedback (the browser tests give it).
import { and, eq } from "drizzle-orm";
import {
  activityTypes,
  consultants,
  engagementAgreements,
  engagements,
  experienceFeedback,
  feedbackSubmissions,
  programs,
  type Stage,
} from "../schema";
import { quarterOf } from "../../app/models/feedback/answer-rules.server";
import { termsSnapshot } from "../../app/models/engagement/terms.server";
import type { Executor } from "../../app/utils/db.server";

type Scores = [number | null, number | null, number | null, number | null, number | null, number | null, number | null];

type DemoWork = {
  key: string;
  consultant: string;
  program: string;
  stage: Stage;
  activity: string;
  title: string;
  scopeWhat: string;
  completedDaysAgo: number;
  startDate: string;
};

type DemoAnswer = {
  /** The demo engagement (creation key without "demo:") the answer is about. */
  engagement: string;
  anonymous: boolean;
  /** meaningful, respected, fairPay, onTime, clearScope, safe, again */
  scores: Scores;
  comment?: string;
};

const WORK: Record<string, DemoWork[]> = {
  "Harbor Light Collective": [
    {
      key: "jo-evaluation",
      consultant: "jo",
      program: "Youth Outreach Curriculum",
      stage: "evaluation",
      activity: "Data interpretation",
      title: "Interpret the pilot results",
      scopeWhat: "Read the pilot results with the team and say what they mean.",
      completedDaysAgo: 30,
      startDate: "2026-09-28",
    },
    {
      key: "lin-design",
      consultant: "lin",
      program: "Youth Outreach Curriculum",
      stage: "design",
      activity: "Policy review",
      title: "Review the curriculum's safety policy",
      scopeWhat: "Check the safety policy that goes with the curriculum.",
      completedDaysAgo: 60,
      startDate: "2026-08-20",
    },
    {
      key: "dee-delivery",
      consultant: "dee",
      program: "Youth Outreach Curriculum",
      stage: "delivery",
      activity: "Co-facilitating training",
      title: "Co-facilitate a pilot session",
      scopeWhat: "Co-facilitate one pilot session of the curriculum.",
      completedDaysAgo: 50,
      startDate: "2026-09-15",
    },
  ],
  "Northwind Alliance": [
    {
      key: "cam-referral-guide",
      consultant: "cam",
      program: "Partner Network Review",
      stage: "design",
      activity: "Policy review",
      title: "Review the referral guide",
      scopeWhat: "Read the referral guide and mark what is unclear or unsafe.",
      completedDaysAgo: 12,
      startDate: "2026-10-20",
    },
    {
      key: "cam-partner-survey",
      consultant: "cam",
      program: "Partner Network Review",
      stage: "evaluation",
      activity: "Survey or interview instrument review",
      title: "Review the partner survey",
      scopeWhat: "Check the partner survey questions are clear and respectful.",
      completedDaysAgo: 20,
      startDate: "2026-10-05",
    },
  ],
};

const ANSWERS: Record<string, DemoAnswer[]> = {
  "Harbor Light Collective": [
    {
      engagement: "ana-design",
      anonymous: false,
      scores: [5, 5, 4, 5, 4, 5, 5],
      comment: "The team listened and changed module three. A few more days to read would have helped.",
    },
    {
      engagement: "jo-evaluation",
      anonymous: true,
      scores: [4, 5, 3, 2, 4, 5, 4],
      comment: "Good work, but the payment came late.",
    },
    { engagement: "lin-design", anonymous: true, scores: [5, 4, 4, 4, 3, null, 5] },
    {
      engagement: "dee-delivery",
      anonymous: true,
      scores: [4, 4, 5, 5, 2, 4, 4],
      comment: "I was not sure what the session needed from me until the day before.",
    },
  ],
};

function ensureWork(tx: Executor, organizationId: string, creator: string, work: DemoWork) {
  const creationKey = `demo:${work.key}`;
  const exists = tx
    .select({ id: engagements.id })
    .from(engagements)
    .where(and(eq(engagements.organizationId, organizationId), eq(engagements.creationKey, creationKey)))
    .get();
  if (exists) return;
  const consultant = tx
    .select({ id: consultants.id, userId: consultants.userId })
    .from(consultants)
    .where(and(eq(consultants.organizationId, organizationId), eq(consultants.creationKey, `demo:${work.consultant}`)))
    .get()!;
  const program = tx
    .select({ id: programs.id })
    .from(programs)
    .where(and(eq(programs.organizationId, organizationId), eq(programs.name, work.program)))
    .get()!;
  const activity = tx
    .select({ id: activityTypes.id })
    .from(activityTypes)
    .where(and(eq(activityTypes.organizationId, organizationId), eq(activityTypes.label, work.activity)))
    .get();
  const engagement = tx
    .insert(engagements)
    .values({
      organizationId,
      consultantId: consultant.id,
      programId: program.id,
      stage: work.stage,
      activityTypeId: activity?.id ?? null,
      level: "involve",
      title: work.title,
      scopeWhat: work.scopeWhat,
      format: "remote",
      startDate: work.startDate,
      rateKind: "flat_fee",
      rateCents: 25000,
      estimatedHundredths: 300,
      expensesPolicy: "Transport, parking and childcare are reimbursed apart from the fee.",
      paymentDueDays: 30,
      cancellationTerms: "If we cancel within 7 days, half the fee is paid.",
      status: "completed",
      completedAt: new Date(Date.now() - work.completedDaysAgo * 86_400_000),
      creationKey,
      createdByUserId: creator,
    })
    .returning()
    .get();
  if (consultant.userId) {
    tx.insert(engagementAgreements)
      .values({
        organizationId,
        engagementId: engagement.id,
        termsVersion: 1,
        decision: "accepted",
        termsSnapshot: termsSnapshot(engagement),
        decidedByUserId: consultant.userId,
      })
      .run();
  }
}

function ensureAnswer(tx: Executor, organizationId: string, answer: DemoAnswer) {
  const engagement = tx
    .select()
    .from(engagements)
    .where(
      and(eq(engagements.organizationId, organizationId), eq(engagements.creationKey, `demo:${answer.engagement}`)),
    )
    .get()!;
  const given = tx
    .select({ id: feedbackSubmissions.engagementId })
    .from(feedbackSubmissions)
    .where(eq(feedbackSubmissions.engagementId, engagement.id))
    .get();
  if (given) return;
  const quarter = quarterOf(engagement.completedAt!);
  const [meaningful, respected, fairPay, onTime, clearScope, safe, again] = answer.scores;
  // Anonymous rows carry the quarter only, as the product writes them: no exact time.
  const [year, q] = quarter.split("-Q").map(Number) as [number, number];
  const stamp = answer.anonymous ? new Date(Date.UTC(year, (q - 1) * 3, 1, 12)) : engagement.completedAt!;
  const row = tx
    .insert(experienceFeedback)
    .values({
      organizationId,
      programId: engagement.programId,
      stage: engagement.stage,
      quarter,
      anonymous: answer.anonymous,
      consultantId: answer.anonymous ? null : engagement.consultantId,
      engagementId: answer.anonymous ? null : engagement.id,
      source: "portal",
      meaningful,
      respected,
      fairPay,
      onTime,
      clearScope,
      safe,
      again,
      comment: answer.comment ?? null,
      // Ana's answer has been read (so it is locked); the anonymous ones wait for the report.
      readAt: answer.anonymous ? null : new Date(),
      createdAt: stamp,
      updatedAt: stamp,
    })
    .returning({ id: experienceFeedback.id })
    .get();
  tx.insert(feedbackSubmissions)
    .values({
      engagementId: engagement.id,
      organizationId,
      consultantId: engagement.consultantId,
      feedbackId: row.id,
    })
    .run();
}

export function ensureDemoFeedback(tx: Executor, organizationId: string, orgName: string, staffUserId: string) {
  for (const work of WORK[orgName] ?? []) ensureWork(tx, organizationId, staffUserId, work);
  for (const answer of ANSWERS[orgName] ?? []) ensureAnswer(tx, organizationId, answer);
}
