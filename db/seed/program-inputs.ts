// Demo "you said, we did": input items on the Youth Outreach Curriculum in every state,
// written straight into the table because the demo needs back-dated history (decisions and
// report-backs weeks ago) that the product's own steps would date today. Dates are relative to the
// day the seed runs, so the demo looks the same whenever it is made.
import { subDays } from "date-fns";
import { and, eq } from "drizzle-orm";
import { consultants, engagements, programInputs, programs, type InputStatus, type Stage } from "../schema";
import { addDaysToIsoDay, isoDay } from "../../app/utils/day";
import { organizationToday } from "../../app/models/settings.server";
import type { Executor } from "../../app/utils/db.server";
import { receiptDigestOf } from "../../app/models/program-input/consultant-ideas.server";
import { quarterOf, startOfQuarterUtc } from "../../app/models/feedback/answer-rules.server";

type DemoInput = {
  key: string;
  consultant: string;
  /** The demo engagement (its creation key without "demo:") the input came up in. */
  engagement?: string;
  stage: Stage;
  summary: string;
  receivedDaysAgo: number;
  status: InputStatus;
  decision?: "adopted" | "partly_adopted" | "not_adopted";
  response?: string;
  decidedDaysAgo?: number;
  reportedBackDaysAgo?: number;
  reportedBackHow?: string;
};

// Reported back after 14, 21 and 35 days: the median is 21 days. Marisol's item has been under
// review for 75 days, so the page flags it as open too long.
const YOUTH_OUTREACH_INPUTS: DemoInput[] = [
  {
    key: "ana-blaming-words",
    consultant: "ana",
    engagement: "ana-design",
    stage: "design",
    summary: "Module 3 uses words that blame young people. Say “young people who were exploited” instead.",
    receivedDaysAgo: 80,
    status: "reported_back",
    decision: "adopted",
    response: "We changed the words in module 3 and checked the other five modules for the same problem.",
    decidedDaysAgo: 72,
    reportedBackDaysAgo: 66,
    reportedBackHow: "at the advisory meeting",
  },
  {
    key: "ana-help-without-police",
    consultant: "ana",
    engagement: "ana-design",
    stage: "design",
    summary: "Add a session on ways to get help that do not involve the police.",
    receivedDaysAgo: 60,
    status: "reported_back",
    decision: "partly_adopted",
    response:
      "We added a handout with hotlines and drop-in centers. A full session did not fit this year; we will add it next year.",
    decidedDaysAgo: 45,
    reportedBackDaysAgo: 39,
    reportedBackHow: "by phone",
  },
  {
    key: "ana-pay-survey-youth",
    consultant: "ana",
    engagement: "ana-evaluation",
    stage: "evaluation",
    summary: "Give young people a gift card for taking the survey. Their time matters too.",
    receivedDaysAgo: 50,
    status: "reported_back",
    decision: "not_adopted",
    response:
      "This grant does not allow payments to people under 18. We have asked the funder to allow it in next year’s grant.",
    decidedDaysAgo: 20,
    reportedBackDaysAgo: 15,
    reportedBackHow: "in a meeting with Sam",
  },
  {
    key: "ana-glossary",
    consultant: "ana",
    engagement: "ana-design",
    stage: "design",
    summary: "The facilitator guide needs a short glossary of the terms it uses.",
    receivedDaysAgo: 30,
    status: "adopted",
    decision: "adopted",
    response: "We wrote a one-page glossary and put it at the front of the guide.",
    decidedDaysAgo: 10,
  },
  {
    key: "ana-spanish-pilot",
    consultant: "ana",
    engagement: "ana-design",
    stage: "delivery",
    summary: "Run the pilot sessions in Spanish as well as English.",
    receivedDaysAgo: 25,
    status: "partly_adopted",
    decision: "partly_adopted",
    response:
      "We translated all the handouts. The pilot sessions stay in English because we have no Spanish-speaking facilitator yet.",
    decidedDaysAgo: 5,
  },
  {
    key: "ana-optional-module",
    consultant: "ana",
    engagement: "ana-evaluation",
    stage: "evaluation",
    summary: "Make module 6 optional for groups that are short on time.",
    receivedDaysAgo: 20,
    status: "not_adopted",
    decision: "not_adopted",
    response: "Module 6 covers safety planning. We think every group needs it, so it stays in.",
    decidedDaysAgo: 3,
  },
  {
    key: "ana-youth-video-check",
    consultant: "ana",
    stage: "design",
    summary: "Ask a youth advisor to watch the videos before they are used.",
    receivedDaysAgo: 12,
    status: "under_review",
  },
  {
    key: "ana-shorter-sessions",
    consultant: "ana",
    stage: "delivery",
    summary: "Make sessions 45 minutes instead of 90. Young people lose focus in long sessions.",
    receivedDaysAgo: 4,
    status: "received",
  },
  {
    key: "marisol-support-person",
    consultant: "marisol",
    stage: "delivery",
    summary: "Have a support person in the room during the module on recruitment.",
    receivedDaysAgo: 75,
    status: "under_review",
  },
];

export function ensureDemoProgramInputs(tx: Executor, organizationId: string, orgName: string, staffUserId: string) {
  if (orgName !== "Harbor Light Collective") return;
  const program = tx
    .select({ id: programs.id })
    .from(programs)
    .where(and(eq(programs.organizationId, organizationId), eq(programs.name, "Youth Outreach Curriculum")))
    .get();
  if (!program) return;
  // Days as the organization counts them, as its pages do ("open for 75 days").
  const now = new Date();
  const today = organizationToday(organizationId, now);
  const day = (daysAgo: number | undefined) => (daysAgo === undefined ? null : addDaysToIsoDay(today, -daysAgo));

  for (const input of YOUTH_OUTREACH_INPUTS) {
    const consultantId = tx
      .select({ id: consultants.id })
      .from(consultants)
      .where(
        and(eq(consultants.organizationId, organizationId), eq(consultants.creationKey, `demo:${input.consultant}`)),
      )
      .get()?.id;
    if (!consultantId) continue;
    const engagementId = input.engagement
      ? (tx
          .select({ id: engagements.id })
          .from(engagements)
          .where(
            and(
              eq(engagements.organizationId, organizationId),
              eq(engagements.creationKey, `demo:${input.engagement}`),
            ),
          )
          .get()?.id ?? null)
      : null;
    tx.insert(programInputs)
      .values({
        organizationId,
        programId: program.id,
        stage: input.stage,
        consultantId,
        engagementId,
        summary: input.summary,
        receivedOn: day(input.receivedDaysAgo)!,
        status: input.status,
        decision: input.decision ?? null,
        response: input.response ?? null,
        decidedOn: day(input.decidedDaysAgo),
        reportedBackOn: day(input.reportedBackDaysAgo),
        reportedBackHow: input.reportedBackHow ?? null,
        createdByUserId: staffUserId,
        creationKey: `demo:input:${input.key}`,
        createdAt: subDays(now, input.receivedDaysAgo),
      })
      .onConflictDoNothing()
      .run();
  }
}

/** The receipt code of the demo's anonymous concern at Northwind, to try "Follow an idea" with. */
export const DEMO_RECEIPT_CODE = "K7QM-4RTX-9PZD";

/**
 * Demo ideas sent from the portal at Northwind Alliance (Harbor Light's figures stay as the dashboard
 * tests know them): Lucía's idea about her program, answered and reported back, which she has not
 * read yet (a notice on her portal home); Cam's idea in general, not looked at yet (Noor's "Needs
 * you"); and a concern sent without a name, answered, which the demo's receipt code finds.
 */
export function ensureDemoIdeas(tx: Executor, organizationId: string, orgName: string) {
  if (orgName !== "Northwind Alliance") return;
  const consultantOf = (key: string) =>
    tx
      .select({ id: consultants.id, userId: consultants.userId })
      .from(consultants)
      .where(and(eq(consultants.organizationId, organizationId), eq(consultants.creationKey, `demo:${key}`)))
      .get();
  const lucia = consultantOf("lucia");
  const cam = consultantOf("cam");
  const luciaProgram = tx
    .select({ id: engagements.programId })
    .from(engagements)
    .where(and(eq(engagements.organizationId, organizationId), eq(engagements.creationKey, "demo:lucia-review")))
    .get();
  if (!lucia || !cam || !luciaProgram) return;
  const now = new Date();
  const today = organizationToday(organizationId, now);
  const day = (daysAgo: number) => addDaysToIsoDay(today, -daysAgo);
  const idea = (values: Partial<typeof programInputs.$inferInsert> & { key: string; summary: string }) =>
    tx
      .insert(programInputs)
      .values({
        organizationId,
        source: "portal",
        status: "received",
        receivedOn: values.receivedOn ?? day(0),
        ...values,
        creationKey: `demo:idea:${values.key}`,
      })
      .onConflictDoNothing()
      .run();
  idea({
    key: "lucia-glossary",
    programId: luciaProgram.id,
    consultantId: lucia.id,
    createdByUserId: lucia.userId,
    kind: "idea",
    summary: "Añadan al final de la guía una lista corta de palabras difíciles, con su significado.",
    receivedOn: day(12),
    createdAt: subDays(now, 12),
    status: "reported_back",
    decision: "adopted",
    response: "Añadimos una lista de 20 palabras al final de la guía en español.",
    decidedOn: day(5),
    reportedBackOn: day(3),
    reportedBackHow: "aquí en el portal",
  });
  idea({
    key: "cam-evening-meetings",
    consultantId: cam.id,
    createdByUserId: cam.userId,
    kind: "idea",
    summary: "Hold some advisory meetings in the evening, so people who work days can come.",
    receivedOn: day(5),
    createdAt: subDays(now, 5),
  });
  // Anonymous: no consultant, no one who made it, and the first day of its quarter as its only time.
  const filedAt = startOfQuarterUtc(quarterOf(now));
  idea({
    key: "anonymous-waiting-room",
    anonymous: true,
    receiptDigest: receiptDigestOf(DEMO_RECEIPT_CODE),
    kind: "concern",
    summary: "The waiting room is next to the front desk, where anyone can see who comes in.",
    receivedOn: isoDay(filedAt),
    createdAt: filedAt,
    updatedAt: filedAt,
    status: "reported_back",
    decision: "partly_adopted",
    response: "Advisors now come in through the side door. A separate waiting room is planned for next year.",
    // Never before the day it keeps, even when the demo is made early in a quarter.
    decidedOn: [isoDay(filedAt), day(2)].sort()[1],
    reportedBackOn: [isoDay(filedAt), day(1)].sort()[1],
    reportedBackHow: "at the advisory meeting",
  });
}
