// The staff dashboard's figures, checked against numbers worked out by hand: first from
// the demo seed (seeded at a fixed moment, so its "days ago" dates are known), then from small
// organizations built for one rule each.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  assessmentActions,
  assessments,
  assessmentTemplates,
  experienceFeedback,
  organizations,
  payments,
  programInputs,
  programs,
  supportItems,
  timeEntries,
  users,
} from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { staffDashboard } from "../../app/models/dashboard.server";
import { arrangeSupportItem } from "../../app/models/engagement/support-plan.server";
import { db } from "../../app/utils/db.server";
import { parsePeriodQuery, quartersOf, yearBefore, type Period } from "../../app/utils/period";
import {
  createConsultantRecord,
  createEngagementRecord,
  createMember,
  createOrganization,
  createProgramRecord,
} from "../support/factories";
import { englishOf } from "../support/messages";

const TODAY = "2026-12-02";
const SEEDED_AT = new Date(`${TODAY}T12:00:00Z`);
const YEAR_TO_DATE = { from: "2026-01-01", to: TODAY };

const orgNamed = (name: string) => db.select().from(organizations).where(eq(organizations.name, name)).get()!;
const userNamed = (email: string) => db.select().from(users).where(eq(users.email, email)).get()!;
const programNamed = (organizationId: string, name: string) =>
  db
    .select()
    .from(programs)
    .where(and(eq(programs.organizationId, organizationId), eq(programs.name, name)))
    .get()!;

/** Every number anywhere in the result is finite: no NaN or Infinity from a 0/0. */
function expectFiniteNumbers(value: unknown) {
  const walk = (v: unknown): void => {
    if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object" && !(v instanceof Date)) Object.values(v).forEach(walk);
  };
  walk(value);
}

describe("the dashboard on the demo data", () => {
  let harbor: string;
  let dana: string;
  let sam: string;

  beforeAll(async () => {
    vi.useFakeTimers({ now: SEEDED_AT, toFake: ["Date"] });
    await seedDemo();
    vi.useRealTimers();
    harbor = orgNamed("Harbor Light Collective").id;
    dana = userNamed("admin@demo.test").id;
    sam = userNamed("staff@demo.test").id;
  }, 120_000);

  const dashboardFor = (
    userId: string,
    role: "admin" | "staff",
    period: { from: string; to: string; programId?: string } = YEAR_TO_DATE,
  ) => staffDashboard({ organizationId: harbor, actor: { userId, role }, period, today: TODAY });

  it("counts engagements, hours and pay by stage and level for this year so far", () => {
    const { shaping } = dashboardFor(dana, "admin");
    // Started in 2026 by 2 Dec: Ana's design, evaluation and delivery work; Jo's evaluation; Lin's
    // design; Dee's delivery. Ben's talk starts on 5 Dec, after the period.
    expect(shaping.current.byStage.map((s) => [s.stage, s.engagements])).toEqual([
      ["design", 2],
      ["delivery", 2],
      ["evaluation", 2],
    ]);
    expect(shaping.current.total.engagements).toBe(6);
    expect(shaping.current.consultantsEngaged).toBe(4);
    // Levels: Ana's design and delivery are "collaborate"; the other four "involve".
    expect(Object.fromEntries(shaping.current.byLevel.map((l) => [l.level, l.engagements]))).toEqual({
      inform: 0,
      consult: 0,
      involve: 4,
      collaborate: 2,
      survivor_led: 0,
    });
    // Approved hours: design 3 + 3 + 1.5; evaluation 4; delivery 4.5.
    expect(shaping.current.byStage.map((s) => s.hundredths)).toEqual([750, 450, 400]);
    expect(shaping.current.total.hundredths).toBe(1600);
    // Ana's curriculum review is paid ($487.50) and Dee's pilot session ($250, late); the survey
    // review's $300 + $18.50 is not yet.
    expect(shaping.current.byStage.map((s) => s.feeCents)).toEqual([48750, 25000, 0]);
    expect(shaping.current.total.expensesCents).toBe(0);
    // Design and evaluation: 4 of 6.
    expect(shaping.share).toBeCloseTo(4 / 6);
    // Nothing in 2025.
    expect(shaping.previousPeriod).toEqual({ from: "2025-01-01", to: "2025-12-02" });
    expect(shaping.previous.total).toEqual({ engagements: 0, hundredths: 0, feeCents: 0, expensesCents: 0 });
    expect(shaping.previousShare).toBeNull();
  });

  it("measures paying on time", () => {
    const { pay } = dashboardFor(dana, "admin");
    // The curriculum review: completed 70 days before 2 Dec, paid 12 days later, due 30 days after
    // completion. Dee's pilot session: completed 50 days before, recorded 40 days after and paid 42
    // days after; due 30 days after completion however late it was recorded, so it was paid late.
    expect(pay.paidCount).toBe(2);
    expect(pay.medianDaysToPay).toBe(27);
    expect(pay.paidOnTime).toBe(1);
    expect(pay.onTimeRate).toBe(0.5);
    // The survey review: completed 45 days before, due 17 Nov, approved, not paid. Lin's safety
    // policy review: completed 60 days before, due 2 Nov, $250 owed and no payment recorded. Jo's
    // pilot results (completed 30 days before) fall due today: not late yet.
    expect(pay.overdueCount).toBe(2);
    expect(pay.unpaidWorkCount).toBe(1);
    expect(pay.overdueFeeCents).toBe(30000 + 25000);
    // $65/h; $300 for 4 h = $75/h; $480 a day = $60/h; the three $250 reviews with estimates: none below $57.
    expect(pay.belowFairRate).toBe(0);
    expect(pay.fairHourlyCents).toBe(5700);
    expect(pay.awaitingApproval).toBe(0);
  });

  it("shows whether the loop is closed, with experience scores only where nobody can be singled out", () => {
    const { loop } = dashboardFor(dana, "admin");
    // Nine input items on the Youth Outreach Curriculum, three reported back; the one received 75
    // days ago and still under review is open too long.
    expect(loop).toMatchObject({ received: 9, reportedBack: 3, open: 6, openTooLong: 1 });
    expect(loop.closureRate).toBeCloseTo(1 / 3);
    const byQuarter = Object.fromEntries(loop.experience.map((q) => [q.quarter, q]));
    expect(Object.keys(byQuarter)).toEqual(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
    // Q3 holds only Ana's named answer: 33 of 7 questions. Q4 holds three anonymous answers: Jo's
    // 27 of 7, Lin's 25 of 6 (one "prefer not to say") and Dee's 28 of 7, so 80 / 20 = 4.0.
    expect(byQuarter["2026-Q3"]).toMatchObject({ quarter: "2026-Q3", answers: 1, heldBack: false });
    expect(byQuarter["2026-Q3"]!.average).toBeCloseTo(33 / 7);
    expect(byQuarter["2026-Q4"]).toEqual({ quarter: "2026-Q4", answers: 3, average: 4, heldBack: false });
    expect(byQuarter["2026-Q1"]).toEqual({ quarter: "2026-Q1", answers: 0, average: null, heldBack: false });
  });

  it("reports readiness and how it moved since the previous assessment", () => {
    const { readiness } = dashboardFor(dana, "admin");
    expect(readiness.latest?.title).toBe("Readiness this year");
    expect(readiness.latest?.previousCompletedAt).not.toBeNull();
    const mission = readiness.latest!.domains.find((d) => d.key === "mission")!;
    const programsDomain = readiness.latest!.domains.find((d) => d.key === "programs")!;
    // Items 0-4 this year: 2, 3, 3, 3, 2 of 3 each = 13 / 15; last year 2, 1, 1, 2, 1 = 7 / 15.
    expect(mission).toMatchObject({ percent: 87, previousPercent: 47, change: "up" });
    // Items 5-9 this year: 3, 3, 3, 2, 3 = 14 / 15; last year 1, 2, 1, 1, 2 = 7 / 15.
    expect(programsDomain).toMatchObject({ percent: 93, previousPercent: 47, change: "up" });
    // The demo now has an action planned last year and still under way (carried over to the check-in).
    expect(readiness.openActions).toBe(1);
  });

  it("counts consultants by status and the onboarding steps still to do", () => {
    const { onboarding } = dashboardFor(dana, "admin");
    expect(Object.fromEntries(onboarding.byStatus.map((s) => [s.status, s.count]))).toEqual({
      prospect: 1,
      onboarding: 2,
      active: 3,
      paused: 1,
      alumni: 1,
    });
    // Ben: two steps and his portal account (3 of 6); Tomás: one step (1 of 6). 3 + 5 = 8.
    expect(onboarding).toMatchObject({ total: 8, onboarding: 2, stepsOutstanding: 8 });
  });

  it("gives each person their own to-do list", () => {
    const admin = dashboardFor(dana, "admin").needsYou;
    expect(admin.toPay).toBe(1);
    // Completed, owed a fee, no payment recorded and past due: everyone who records payments sees it.
    const unpaid = {
      items: [{ id: expect.any(String), title: "Review the curriculum's safety policy", dueDate: "2026-11-02" }],
      more: false,
    };
    expect(admin.unpaidWork).toEqual(unpaid);
    expect(admin.toApprove).toBe(0);
    // Dana set up Ben's talk; Ben has not accepted it.
    expect(admin.awaitingAcceptance.map((e) => e.title)).toEqual(["Speak at the volunteer orientation"]);
    // Ben asked for a support person on it and nobody has answered; the debrief is staff's own item.
    const supportAsked = [{ id: expect.any(String), title: "Speak at the volunteer orientation", requests: 1 }];
    expect(admin.supportAsked).toEqual(supportAsked);
    expect(admin.inputsWaiting).toEqual([expect.objectContaining({ programName: "Youth Outreach Curriculum", n: 1 })]);
    const staff = dashboardFor(sam, "staff").needsYou;
    // Money is for admins; the engagement is Dana's.
    expect(staff.toPay).toBe(0);
    expect(staff.awaitingAcceptance).toEqual([]);
    expect(staff.unpaidWork).toEqual(unpaid);
    expect(staff.supportAsked).toEqual(supportAsked);
  });

  it("narrows every period figure to one program", () => {
    const community = programNamed(harbor, "Community Training Series").id;
    const d = dashboardFor(dana, "admin", { ...YEAR_TO_DATE, programId: community });
    // Only Ana's delivery work started in the period (Ben's talk is in December).
    expect(d.shaping.current.total).toEqual({ engagements: 1, hundredths: 450, feeCents: 0, expensesCents: 0 });
    expect(d.shaping.share).toBe(0);
    expect(d.pay).toMatchObject({ paidCount: 0, medianDaysToPay: null, onTimeRate: null, overdueCount: 0 });
    expect(d.loop).toMatchObject({ received: 0, closureRate: null, openTooLong: 0 });
    expect(d.loop.experience.every((q) => q.average === null && !q.heldBack)).toBe(true);
    expectFiniteNumbers(d);
  });

  it("narrows to a shorter period", () => {
    const d = dashboardFor(dana, "admin", { from: "2026-10-01", to: TODAY });
    // Only Ana's delivery work (10 Nov) starts in the fourth quarter.
    expect(d.shaping.current.total.engagements).toBe(1);
    // Hours worked in the period: Ana's 4.5 on 10 Nov.
    expect(d.shaping.current.total.hundredths).toBe(450);
    // The curriculum review was paid 58 days before 2 Dec, on 5 Oct; Dee's pilot session on 24 Nov.
    expect(d.pay.paidCount).toBe(2);
    // The survey review was due 17 Nov; Lin's review, with no payment recorded, 2 Nov.
    expect(d.pay.overdueCount).toBe(2);
    expect(d.loop.experience.map((q) => q.quarter)).toEqual(["2026-Q4"]);
  });

  it("shows another organization only its own figures", () => {
    const northwind = orgNamed("Northwind Alliance").id;
    const noor = userNamed("staff@northwind.test").id;
    const d = staffDashboard({
      organizationId: northwind,
      actor: { userId: noor, role: "staff" },
      period: YEAR_TO_DATE,
      today: TODAY,
    });
    // Cam's advisory board and referral guide (design) and partner survey (evaluation); Lucía's review
    // of the Spanish referral guide (design, 3.5 hours approved); Kofi's review of the partner survey
    // (evaluation, paid as a flat fee, no time logged). Her training starts in 2027.
    expect(d.shaping.current.byStage.map((s) => s.engagements)).toEqual([3, 0, 2]);
    expect(d.shaping.current.total.hundredths).toBe(350);
    expect(d.pay.overdueCount).toBe(0);
    // Its own loop only: the three ideas its consultants sent from the portal (none of Harbor's nine).
    expect(d.loop.received).toBe(3);
    expect(d.needsYou.newIdeas).toBe(1);
    // Different people, not engagements: Cam and Lucía at design (three engagements), Cam and Kofi at
    // evaluation.
    expect(d.breadth.byStage.map((s) => [s.consultants, s.engagements])).toEqual([
      [2, 3],
      [0, 0],
      [2, 2],
    ]);
    expect(d.breadth.consultants).toBe(3);
    expect(d.readiness.latest).toBeNull();
    // A program of Harbor's narrows Northwind's figures to nothing.
    const harborProgram = programNamed(harbor, "Youth Outreach Curriculum").id;
    const other = staffDashboard({
      organizationId: northwind,
      actor: { userId: noor, role: "staff" },
      period: { ...YEAR_TO_DATE, programId: harborProgram },
      today: TODAY,
    });
    expect(other.shaping.current.total.engagements).toBe(0);
  });
});

describe("the dashboard of an organization with nothing in it", () => {
  it("answers every panel without dividing by zero", async () => {
    const org = createOrganization();
    const admin = await createMember({ organizationId: org.id, role: "admin" });
    const d = staffDashboard({
      organizationId: org.id,
      actor: { userId: admin.userId, role: "admin" },
      period: YEAR_TO_DATE,
      today: TODAY,
    });
    expect(d.shaping.share).toBeNull();
    expect(d.shaping.current.total).toEqual({ engagements: 0, hundredths: 0, feeCents: 0, expensesCents: 0 });
    expect(d.pay).toMatchObject({ paidCount: 0, medianDaysToPay: null, onTimeRate: null, belowFairRate: 0 });
    expect(d.loop).toMatchObject({ received: 0, closureRate: null });
    expect(d.readiness).toEqual({ latest: null, openActions: 0 });
    expect(d.onboarding).toMatchObject({ total: 0, onboarding: 0, stepsOutstanding: 0 });
    expect(d.consent).toMatchObject({ flaggedUses: [], expiringSoonCount: 0, expiredCount: 0 });
    expect(d.needsYou).toEqual({
      checkInsOverdue: { items: [], count: 0 },
      neededNow: [],
      newIdeas: 0,
      toApprove: 0,
      toPay: 0,
      unpaidWork: { items: [], more: false },
      timeToApprove: [],
      supportAsked: [],
      awaitingAcceptance: [],
      myActions: [],
      inputsWaiting: [],
    });
    expectFiniteNumbers(d);
  });
});

describe("dashboard rules on built data", () => {
  let org: ReturnType<typeof createOrganization>;
  let admin: Awaited<ReturnType<typeof createMember>>;
  let secondAdmin: Awaited<ReturnType<typeof createMember>>;
  let program: ReturnType<typeof createProgramRecord>;
  let consultantId: string;

  beforeAll(async () => {
    org = createOrganization();
    [admin, secondAdmin] = await Promise.all([
      createMember({ organizationId: org.id, role: "admin" }),
      createMember({ organizationId: org.id, role: "admin" }),
    ]);
    program = createProgramRecord(org.id);
    consultantId = createConsultantRecord(org.id, { status: "active" }).id;
  });

  const dashboard = (period: Period = YEAR_TO_DATE, userId = admin.userId) =>
    staffDashboard({ organizationId: org.id, actor: { userId, role: "admin" }, period, today: TODAY });

  it("compares a period with the same dates a year before", () => {
    createEngagementRecord(org.id, consultantId, program.id, { stage: "design", startDate: "2025-03-01" });
    createEngagementRecord(org.id, consultantId, program.id, { stage: "delivery", startDate: "2026-03-01" });
    createEngagementRecord(org.id, consultantId, program.id, {
      stage: "evaluation",
      startDate: "2026-04-01",
      status: "cancelled",
    });
    const period = { from: "2026-01-01", to: "2026-06-30" };
    const { shaping } = dashboard(period);
    expect(shaping.current.byStage.map((s) => s.engagements)).toEqual([0, 1, 0]);
    expect(shaping.previous.byStage.map((s) => s.engagements)).toEqual([1, 0, 0]);
    expect(shaping.share).toBe(0);
    expect(shaping.previousShare).toBe(1);
  });

  it("takes the median of days to pay and counts late payments", () => {
    const period = { from: "2027-01-01", to: "2027-12-31" };
    const completed = (day: string) => new Date(`${day}T15:00:00Z`);
    const paid = (completedOn: string, paidDate: string, dueDate: string) => {
      const e = createEngagementRecord(org.id, consultantId, program.id, {
        status: "completed",
        startDate: completedOn,
        completedAt: completed(completedOn),
      });
      db.insert(payments)
        .values({
          organizationId: org.id,
          engagementId: e.id,
          consultantId,
          feeCents: 10000,
          method: "check",
          status: "paid",
          dueDate,
          paidDate,
        })
        .run();
    };
    // 10, 20 (late), 40 (late), 5 days: median (10 + 20) / 2 = 15; paid on time 2 of 4.
    paid("2027-02-01", "2027-02-11", "2027-03-03");
    paid("2027-02-01", "2027-02-21", "2027-02-15");
    paid("2027-03-01", "2027-04-10", "2027-03-31");
    paid("2027-05-01", "2027-05-06", "2027-05-31");
    const pay = staffDashboard({
      organizationId: org.id,
      actor: { userId: admin.userId, role: "admin" },
      period,
      today: "2027-12-31",
    }).pay;
    expect(pay.paidCount).toBe(4);
    expect(pay.medianDaysToPay).toBe(15);
    expect(pay.paidOnTime).toBe(2);
    expect(pay.onTimeRate).toBe(0.5);
  });

  it("flags engagements below the fair rate and leaves fixed fees without an estimate out", () => {
    const period = { from: "2028-01-01", to: "2028-12-31" };
    createEngagementRecord(org.id, consultantId, program.id, { startDate: "2028-02-01", rateCents: 4000 });
    createEngagementRecord(org.id, consultantId, program.id, { startDate: "2028-02-02", rateCents: 9000 });
    createEngagementRecord(org.id, consultantId, program.id, {
      startDate: "2028-02-03",
      rateKind: "flat_fee",
      rateCents: 20000,
      estimatedHundredths: null,
    });
    const pay = dashboard(period).pay;
    expect(pay.belowFairRate).toBe(1);
    expect(pay.fairRateUnknown).toBe(1);
  });

  it("lists payments to approve for admins other than the one who recorded them", () => {
    const e = createEngagementRecord(org.id, consultantId, program.id, { startDate: "2029-01-01" });
    db.insert(payments)
      .values({
        organizationId: org.id,
        engagementId: e.id,
        consultantId,
        feeCents: 5000,
        method: "check",
        status: "pending",
        createdByUserId: admin.userId,
      })
      .run();
    expect(dashboard(YEAR_TO_DATE, admin.userId).needsYou.toApprove).toBe(0);
    expect(dashboard(YEAR_TO_DATE, secondAdmin.userId).needsYou.toApprove).toBe(1);
    expect(dashboard(YEAR_TO_DATE).pay.awaitingApproval).toBe(1);
  });

  it("lists time waiting for approval and the person's own action items, overdue first", () => {
    const e = createEngagementRecord(org.id, consultantId, program.id, {
      title: "Hiring panel",
      startDate: "2026-05-01",
    });
    db.insert(timeEntries)
      .values({ organizationId: org.id, engagementId: e.id, workDate: "2026-05-01", hundredths: 200, kind: "session" })
      .run();
    const template = db.select().from(assessmentTemplates).get()!;
    const assessment = db
      .insert(assessments)
      .values({ organizationId: org.id, templateId: template.id, title: "Check" })
      .returning()
      .get();
    db.insert(assessmentActions)
      .values([
        {
          organizationId: org.id,
          assessmentId: assessment.id,
          itemKey: "a",
          title: "Write a media policy",
          ownerUserId: admin.userId,
          dueDate: "2026-11-01",
        },
        {
          organizationId: org.id,
          assessmentId: assessment.id,
          itemKey: "b",
          title: "Budget line",
          ownerUserId: admin.userId,
          dueDate: "2027-01-01",
        },
        {
          organizationId: org.id,
          assessmentId: assessment.id,
          itemKey: "c",
          title: "Someone else's",
          ownerUserId: secondAdmin.userId,
        },
        {
          organizationId: org.id,
          assessmentId: assessment.id,
          itemKey: "d",
          title: "Done already",
          ownerUserId: admin.userId,
          status: "done",
        },
      ])
      .run();
    const n = dashboard().needsYou;
    expect(n.timeToApprove).toEqual([{ id: e.id, title: "Hiring panel", entries: 1 }]);
    expect(n.myActions.map((a) => [a.title, a.overdue])).toEqual([
      ["Write a media policy", true],
      ["Budget line", false],
    ]);
    expect(dashboard().readiness.openActions).toBe(3);
  });

  it("lists work whose consultant waits for an answer to the support they asked for, for everyone", async () => {
    const work = (title: string, status: "proposed" | "agreed" | "completed" | "cancelled" = "agreed") =>
      createEngagementRecord(org.id, consultantId, program.id, { title, startDate: "2026-06-01", status }).id;
    const item = (engagementId: string, kind: "transport" | "childcare" | "debrief", source: "consultant" | "staff") =>
      db
        .insert(supportItems)
        .values({ organizationId: org.id, engagementId, kind, source, status: "requested" })
        .returning({ id: supportItems.id })
        .get().id;
    const asked = work("Asked twice");
    item(asked, "transport", "consultant");
    const answeredLater = item(asked, "childcare", "consultant");
    item(asked, "debrief", "staff");
    const staffOnly = work("Only staff's own item");
    item(staffOnly, "debrief", "staff");
    // Finished work's plan can no longer change: nobody could answer it.
    item(work("Finished", "completed"), "transport", "consultant");
    item(work("Called off", "cancelled"), "transport", "consultant");
    // Another organization's request is its own staff's.
    const elsewhere = createOrganization();
    const theirs = createConsultantRecord(elsewhere.id, { status: "active" }).id;
    const theirWork = createEngagementRecord(elsewhere.id, theirs, createProgramRecord(elsewhere.id).id, {
      startDate: "2026-06-01",
    }).id;
    db.insert(supportItems)
      .values({ organizationId: elsewhere.id, engagementId: theirWork, kind: "transport", source: "consultant" })
      .run();

    expect(dashboard().needsYou.supportAsked).toEqual([{ id: asked, title: "Asked twice", requests: 2 }]);
    // A member of staff sees it as an admin does.
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const forStaff = staffDashboard({
      organizationId: org.id,
      actor: { userId: staff.userId, role: "staff" },
      period: YEAR_TO_DATE,
      today: TODAY,
    }).needsYou;
    expect(forStaff.supportAsked).toEqual([{ id: asked, title: "Asked twice", requests: 2 }]);

    // Answered, it waits on nobody.
    arrangeSupportItem({
      organizationId: org.id,
      actorUserId: admin.userId,
      engagementId: asked,
      itemId: answeredLater,
      arrangement: "A sitter in the next room",
    });
    expect(dashboard().needsYou.supportAsked).toEqual([{ id: asked, title: "Asked twice", requests: 1 }]);
  });

  it("holds back a quarter's average when it could single out an anonymous answer", () => {
    const quarterProgram = createProgramRecord(org.id);
    const answer = (quarter: string, anonymous: boolean, score: number) =>
      db
        .insert(experienceFeedback)
        .values({
          organizationId: org.id,
          programId: quarterProgram.id,
          stage: "design",
          quarter,
          anonymous,
          consultantId: anonymous ? null : consultantId,
          source: "portal",
          meaningful: score,
          respected: score,
        })
        .run();
    // Three anonymous answers in the program open its gate (counted over all time).
    answer("2026-Q1", true, 5);
    answer("2026-Q1", true, 4);
    answer("2026-Q1", true, 3);
    // Q2: one anonymous beside two named: held back even though there are three.
    answer("2026-Q2", true, 1);
    answer("2026-Q2", false, 5);
    answer("2026-Q2", false, 5);
    // Q3: named answers only: shown.
    answer("2026-Q3", false, 2);
    answer("2026-Q3", false, 3);
    answer("2026-Q3", false, 4);
    const loop = dashboard({ from: "2026-01-01", to: "2026-09-30", programId: quarterProgram.id }).loop;
    expect(loop.experience).toEqual([
      { quarter: "2026-Q1", answers: 3, average: 4, heldBack: false },
      { quarter: "2026-Q2", answers: null, average: null, heldBack: true },
      { quarter: "2026-Q3", answers: 3, average: 3, heldBack: false },
    ]);
  });

  it("counts input received in the period and how much of it was reported back", () => {
    const inputProgram = createProgramRecord(org.id);
    const item = (receivedOn: string, status: "received" | "reported_back") =>
      db
        .insert(programInputs)
        .values({
          organizationId: org.id,
          programId: inputProgram.id,
          stage: "design",
          consultantId,
          summary: `Idea ${randomUUID().slice(0, 4)}`,
          receivedOn,
          status,
        })
        .run();
    item("2026-09-01", "received"); // 92 days before 2 Dec: open too long
    item("2026-10-03", "received"); // 60 days: not yet too long
    item("2026-10-10", "reported_back");
    item("2025-10-10", "received"); // before the period
    const loop = dashboard({ ...YEAR_TO_DATE, programId: inputProgram.id }).loop;
    expect(loop).toMatchObject({ received: 3, open: 2, reportedBack: 1, openTooLong: 1 });
    expect(loop.closureRate).toBeCloseTo(1 / 3);
  });
});

describe("the period filter", () => {
  const parse = (query: string) => parsePeriodQuery(new URLSearchParams(query), TODAY);

  it("defaults to this year so far and shows it in the form", () => {
    expect(parse("")).toEqual({
      period: { from: "2026-01-01", to: TODAY, programId: undefined },
      typed: { from: "2026-01-01", to: TODAY, program: "" },
      errors: {},
    });
  });

  it("fills in the rest of the year around one date", () => {
    expect(parse("from=2025-04-01").period).toMatchObject({ from: "2025-04-01", to: "2025-12-31" });
    expect(parse("to=2025-06-30").period).toMatchObject({ from: "2025-01-01", to: "2025-06-30" });
    expect(parse("from=2026-03-01").period).toMatchObject({ from: "2026-03-01", to: TODAY });
  });

  it("says what is wrong next to the field, keeps what was typed and still shows a period", () => {
    for (const [query, field, message] of [
      ["from=2026-02-30", "from", "Enter a start date like 2026-01-01."],
      ["from=yesterday", "from", "Enter a start date like 2026-01-01."],
      ["to=<script>alert(1)</script>", "to", "Enter an end date like 2026-12-31."],
      ["from=2026-05-01&to=2026-04-01", "to", "The end date must be on or after the start date."],
      ["from=2000-01-01&to=2026-01-01", "to", "Choose a period of ten years or less."],
    ] as const) {
      const result = parse(query);
      // The message is a catalog key; read in English, as an English-speaking reader sees it.
      expect(englishOf(result.errors[field]!)).toBe(message);
      expect(result.period).toMatchObject({ from: "2026-01-01", to: TODAY });
      expect(result.typed[field]).toBe(new URLSearchParams(query).get(field));
    }
  });

  it("keeps a program id only as a candidate", () => {
    expect(parse(`program=${"x".repeat(65)}`).errors).toEqual({});
    expect(parse(`program=${"x".repeat(65)}`).period.programId).toBeUndefined();
    expect(parse("program=abc").period.programId).toBe("abc");
  });

  it("names quarters and the year before", () => {
    expect(quartersOf({ from: "2025-11-15", to: "2026-04-01" })).toEqual(["2025-Q4", "2026-Q1", "2026-Q2"]);
    expect(yearBefore({ from: "2024-02-29", to: "2024-12-31" })).toEqual({ from: "2023-02-28", to: "2023-12-31" });
  });
});

afterAll(() => vi.useRealTimers());
