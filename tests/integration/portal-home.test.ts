// The portal home: each number checked against data built here by hand in this file's
// own copy of the migrated database, then against the demo seed for Ana. Nothing is mocked.
import { addDays } from "date-fns";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { engagements, organizations, payments, users } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { decideOnAgreement } from "../../app/models/engagement/own-work.server";
import { isoDay } from "../../app/utils/day";
import {
  agreementsWaiting,
  latestPayment,
  nextEngagement,
  paidThisYear,
  portalHome,
} from "../../app/models/portal-home.server";
import * as homeRoute from "../../app/routes/portal._index";
import * as payRoute from "../../app/routes/portal.pay";
import { listOwnPayments } from "../../app/models/payment/own-pay.server";
import { seedDemo } from "../../db/seed";
import {
  cookieFor,
  createConsultantRecord,
  createEngagementRecord,
  createMember,
  createProgramRecord,
  createTwoOrganizations,
} from "../support/factories";
import { callRoute, makeRequest } from "../support/http";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
type Person = { organizationId: string; userId: string; consultantId: string; programId: string };

const TODAY = "2026-06-15";

let world: World;

/** A consultant with a portal account and a record, in the given organization. */
async function consultantIn(organizationId: string): Promise<Person> {
  const member = await createMember({ organizationId, role: "consultant" });
  const record = createConsultantRecord(organizationId, { userId: member.userId, email: member.email });
  return {
    organizationId,
    userId: member.userId,
    consultantId: record.id,
    programId: createProgramRecord(organizationId).id,
  };
}

const own = (p: Person) => ({ organizationId: p.organizationId, userId: p.userId });

function work(p: Person, values: Parameters<typeof createEngagementRecord>[3] = {}) {
  return createEngagementRecord(p.organizationId, p.consultantId, p.programId, values);
}

/** The consultant's answer to the engagement's current terms, through the real model. */
function answer(p: Person, engagementId: string, decision: "accepted" | "declined") {
  const { termsVersion } = db
    .select({ termsVersion: engagements.termsVersion })
    .from(engagements)
    .where(eq(engagements.id, engagementId))
    .get()!;
  decideOnAgreement({ ...own(p), engagementId, termsVersion, decision });
}

/** Staff changed the terms: the version goes up, so an earlier acceptance no longer counts. */
function changeTerms(engagementId: string) {
  const row = db.select().from(engagements).where(eq(engagements.id, engagementId)).get()!;
  db.update(engagements)
    .set({ termsVersion: row.termsVersion + 1, rateCents: row.rateCents + 500 })
    .where(eq(engagements.id, engagementId))
    .run();
}

function pay(p: Person, engagementId: string, values: Partial<typeof payments.$inferInsert>) {
  return db
    .insert(payments)
    .values({
      organizationId: p.organizationId,
      engagementId,
      consultantId: p.consultantId,
      feeCents: 10000,
      method: "check",
      ...values,
    })
    .returning()
    .get();
}

beforeAll(async () => {
  world = await createTwoOrganizations();
});

describe("agreements waiting for my answer", () => {
  it("counts only work whose current terms version I have not answered", async () => {
    const me = await consultantIn(world.own.org.id);
    expect(agreementsWaiting(own(me))).toEqual({ count: 0, onlyId: null });

    const proposed = work(me, { title: "New offer" });
    expect(agreementsWaiting(own(me))).toEqual({ count: 1, onlyId: proposed.id });

    answer(me, proposed.id, "accepted"); // now agreed
    expect(agreementsWaiting(own(me))).toEqual({ count: 0, onlyId: null });

    // The terms I accepted changed: version 2 waits, whatever I said to version 1.
    changeTerms(proposed.id);
    expect(agreementsWaiting(own(me))).toEqual({ count: 1, onlyId: proposed.id });

    const declined = work(me, { title: "Offer I said no to" });
    answer(me, declined.id, "declined");
    work(me, { title: "Cancelled offer", status: "cancelled" });
    work(me, { title: "Finished work", status: "completed" });
    // A second open offer: two waiting, so the home links to the list instead of one page.
    const second = work(me, { title: "Another offer" });
    expect(agreementsWaiting(own(me))).toEqual({ count: 2, onlyId: null });

    answer(me, proposed.id, "accepted");
    answer(me, second.id, "accepted");
    expect(agreementsWaiting(own(me))).toEqual({ count: 0, onlyId: null });
  });

  it("never counts another consultant's offers", async () => {
    const me = await consultantIn(world.own.org.id);
    const colleague = await consultantIn(world.own.org.id);
    const elsewhere = await consultantIn(world.other.org.id);
    work(colleague);
    work(elsewhere);
    expect(agreementsWaiting(own(me)).count).toBe(0);
    expect(agreementsWaiting(own(colleague)).count).toBe(1);
  });
});

describe("my next work", () => {
  it("is the soonest future agreed or under-way work, with when and where", async () => {
    const me = await consultantIn(world.own.org.id);
    const colleague = await consultantIn(world.own.org.id);
    const elsewhere = await consultantIn(world.other.org.id);
    expect(nextEngagement(own(me), TODAY)).toBeNull();

    // Sooner, but not agreed work, or not mine: never "next".
    work(me, { title: "Offer", status: "proposed", startDate: "2026-06-16" });
    work(me, { title: "Called off", status: "cancelled", startDate: "2026-06-16" });
    work(me, { title: "Done early", status: "completed", startDate: "2026-06-16" });
    work(colleague, { title: "Colleague's", status: "agreed", startDate: "2026-06-16" });
    work(elsewhere, { title: "Other org's", status: "agreed", startDate: "2026-06-16" });
    // Its dates are over: waiting for the team to mark it done.
    work(me, { title: "Last week", status: "agreed", startDate: "2026-06-01", endDate: "2026-06-10" });
    work(me, { title: "Later", status: "agreed", startDate: "2026-09-01" });
    const soonest = work(me, {
      title: "Training day",
      status: "agreed",
      startDate: "2026-06-20",
      endDate: "2026-06-21",
      scopeWhen: "Two mornings, 9 to 12",
      scopeWhere: "Community center, room 2",
      format: "in_person",
    });
    work(me, { title: "No date yet", status: "agreed" });

    expect(nextEngagement(own(me), TODAY)).toEqual({
      id: soonest.id,
      title: "Training day",
      startDate: "2026-06-20",
      endDate: "2026-06-21",
      underWay: false,
      scopeWhen: "Two mornings, 9 to 12",
      scopeWhere: "Community center, room 2",
      format: "in_person",
    });
    // Today counts as upcoming.
    expect(nextEngagement(own(me), "2026-06-20")?.id).toBe(soonest.id);
    // Once it is over, the next one by date, which then stays until the team marks it done.
    expect(nextEngagement(own(me), "2026-06-22")).toMatchObject({ title: "Later", underWay: false });
    expect(nextEngagement(own(me), "2026-09-02")).toMatchObject({ title: "Later", underWay: true });
  });

  it("work with no date yet comes after dated work", async () => {
    const me = await consultantIn(world.own.org.id);
    work(me, { title: "No date yet", status: "agreed" });
    expect(nextEngagement(own(me), TODAY)).toMatchObject({ title: "No date yet", startDate: null, underWay: false });
    work(me, { title: "In a year", status: "in_progress", startDate: "2027-06-15" });
    expect(nextEngagement(own(me), TODAY)?.title).toBe("In a year");
  });

  it("shows work that has started and not ended first", async () => {
    const me = await consultantIn(world.own.org.id);
    work(me, { title: "Next week", status: "agreed", startDate: "2026-06-22" });
    const ongoing = work(me, { title: "Series", status: "in_progress", startDate: "2026-06-01" });
    expect(nextEngagement(own(me), TODAY)).toMatchObject({ id: ongoing.id, underWay: true, endDate: null });

    const me2 = await consultantIn(world.own.org.id);
    work(me2, { title: "Next week", status: "agreed", startDate: "2026-06-22", endDate: "2026-06-22" });
    work(me2, { title: "Month", status: "agreed", startDate: "2026-06-01", endDate: "2026-06-30" });
    expect(nextEngagement(own(me2), TODAY)).toMatchObject({ title: "Month", underWay: true });
    expect(nextEngagement(own(me2), "2026-07-01")).toBeNull();

    // Agreed, started, no end date and not marked done: still on, not "no work planned".
    const me3 = await consultantIn(world.own.org.id);
    work(me3, { title: "Next week", status: "agreed", startDate: "2026-06-22" });
    work(me3, { title: "Four meetings", status: "agreed", startDate: "2026-06-01" });
    expect(nextEngagement(own(me3), TODAY)).toMatchObject({ title: "Four meetings", underWay: true });
  });
});

describe("my latest payment and this year's pay", () => {
  it("leave out void payments, other years and other consultants; expenses are not pay", async () => {
    const me = await consultantIn(world.own.org.id);
    const colleague = await consultantIn(world.own.org.id);
    const elsewhere = await consultantIn(world.other.org.id);
    const job = work(me, { title: "Survey review", status: "completed" });
    const theirJob = work(colleague, { status: "completed" });
    const otherOrgJob = work(elsewhere, { status: "completed" });

    pay(me, job.id, {
      feeCents: 10000,
      expensesCents: 2500,
      status: "paid",
      dueDate: "2026-02-15",
      paidDate: "2026-02-10",
    });
    pay(me, job.id, { feeCents: 24000, status: "paid", dueDate: "2026-05-30", paidDate: "2026-05-20" });
    pay(me, job.id, {
      feeCents: 50000,
      expensesCents: 900,
      status: "paid",
      dueDate: "2025-12-31",
      paidDate: "2025-12-30",
    });
    // Approved and past its due date, not paid: the newest, and late; its expenses are not paid yet.
    const late = pay(me, job.id, { feeCents: 30000, expensesCents: 1000, status: "approved", dueDate: "2026-06-10" });
    // Would be newer than everything, but void payments were never owed.
    pay(me, job.id, { feeCents: 99900, status: "void", dueDate: "2026-06-30", paidDate: "2026-06-14" });
    pay(colleague, theirJob.id, { feeCents: 77700, status: "paid", dueDate: "2026-06-14", paidDate: "2026-06-14" });
    pay(elsewhere, otherOrgJob.id, { feeCents: 88800, status: "paid", dueDate: "2026-06-14", paidDate: "2026-06-14" });

    expect(latestPayment(own(me), TODAY)).toEqual({
      id: late.id,
      feeCents: 30000,
      expensesCents: 1000,
      status: "approved",
      consultantChoice: null,
      dueDate: "2026-06-10",
      paidDate: null,
      engagementTitle: "Survey review",
      overdue: true,
      neededNow: false,
    });
    // 100.00 + 240.00 paid in 2026; 25.00 paid back for costs, kept apart.
    expect(paidThisYear(own(me), TODAY)).toEqual({ year: 2026, feesCents: 34000, expensesCents: 2500 });
    expect(paidThisYear(own(me), "2025-07-01")).toEqual({ year: 2025, feesCents: 50000, expensesCents: 900 });
    expect(paidThisYear(own(colleague), TODAY)).toEqual({ year: 2026, feesCents: 77700, expensesCents: 0 });
  });
});

describe("the whole home", () => {
  it("an empty consultant gets nulls and zeros", async () => {
    const me = await consultantIn(world.own.org.id);
    expect(portalHome(own(me), TODAY)).toEqual({
      hasProfile: true,
      agreements: { count: 0, onlyId: null },
      // Self-assessments the team asked this consultant to answer (a part of the home added since).
      assessmentsWaiting: [],
      consent: { awaitingEngagement: null, endingSoon: 0, ended: 0 },
      feedbackWaiting: 0,
      ideaAnswers: 0,
      nextWork: null,
      latestPayment: null,
      thisYear: { year: 2026, feesCents: 0, expensesCents: 0 },
    });
  });

  it("a consultant with no record yet still gets the page", async () => {
    const member = await createMember({ organizationId: world.own.org.id, role: "consultant" });
    expect(portalHome({ organizationId: world.own.org.id, userId: member.userId }, TODAY)).toMatchObject({
      hasProfile: false,
      agreements: { count: 0, onlyId: null },
      nextWork: null,
      latestPayment: null,
      thisYear: { year: 2026, feesCents: 0, expensesCents: 0 },
    });
    const result = await callRoute(
      homeRoute.loader,
      makeRequest("/portal", { cookie: await cookieFor(member.userId) }),
    );
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ hasProfile: false, nextWork: null, latestPayment: null, attention: [] });
  });

  it("the page shows the signed-in consultant's own work and pay only", async () => {
    const me = await consultantIn(world.own.org.id);
    const colleague = await consultantIn(world.own.org.id);
    const today = isoDay(new Date());
    const soon = isoDay(addDays(new Date(), 3));
    const mine = work(me, { title: "My workshop", startDate: soon });
    answer(me, mine.id, "accepted");
    work(me, { title: "An offer" });
    pay(me, mine.id, { feeCents: 12345, status: "paid", dueDate: today, paidDate: today });
    const theirs = work(colleague, { title: "Their workshop", status: "agreed", startDate: today });
    pay(colleague, theirs.id, { feeCents: 99999, status: "paid", dueDate: today, paidDate: today });

    const result = await callRoute(homeRoute.loader, makeRequest("/portal", { cookie: await cookieFor(me.userId) }));
    expect(result.status).toBe(200);
    // Pay and work are never kept in the browser's cache (Back after Quick exit).
    expect(new Headers(homeRoute.headers({} as never)).get("Cache-Control")).toBe("no-store");
    expect(result.data).toMatchObject({
      hasProfile: true,
      agreements: { count: 1 },
      nextWork: { id: mine.id, title: "My workshop" },
      latestPayment: { feeCents: 12345, status: "paid", paidDate: today },
      thisYear: { feesCents: 12345, expensesCents: 0 },
    });
    expect(JSON.stringify(result.data)).not.toContain("Their workshop");
  });
});

describe("the demo seed", () => {
  it("Ana's home on 2 December 2026", { timeout: 60_000 }, async () => {
    await seedDemo();
    const harbor = db
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.name, "Harbor Light Collective"))
      .get()!;
    const ana = db.select({ id: users.id }).from(users).where(eq(users.email, "ana@demo.test")).get()!;
    const home = portalHome({ organizationId: harbor.id, userId: ana.id }, "2026-12-02");
    const delivery = db
      .select({ id: engagements.id })
      .from(engagements)
      .where(and(eq(engagements.organizationId, harbor.id), eq(engagements.creationKey, "demo:ana-delivery")))
      .get()!;
    expect(home).toMatchObject({
      hasProfile: true,
      // All three of her engagements were accepted as they stand.
      agreements: { count: 0, onlyId: null },
      // "Review the youth survey" is done and has no feedback yet.
      feedbackWaiting: 1,
      // In progress since 10 November, with no end date.
      nextWork: {
        id: delivery.id,
        title: "Co-facilitate the spring training",
        startDate: "2026-11-10",
        underWay: true,
        format: "in_person",
      },
      // Approved, not paid, due 30 days after it was completed (45 days before the seed): late.
      latestPayment: {
        feeCents: 30000,
        expensesCents: 1850,
        status: "approved",
        dueDate: new Date(Date.now() - 15 * 86_400_000).toISOString().slice(0, 10),
        paidDate: null,
        engagementTitle: "Review the youth survey",
        overdue: true,
        neededNow: false,
      },
      // Only the curriculum review ($487.50, paid 10 September) was paid in 2026.
      thisYear: { year: 2026, feesCents: 48750, expensesCents: 0 },
    });
  });
});

describe("My pay, one year at a time", () => {
  it("lists the chosen year's payments and, this year, every payment not paid yet", async () => {
    const me = await consultantIn(world.own.org.id);
    const colleague = await consultantIn(world.own.org.id);
    const job = work(me, { title: "Training", status: "completed" });
    const paid2025 = pay(me, job.id, { feeCents: 5000, status: "paid", dueDate: "2025-03-01", paidDate: "2025-03-02" });
    const paid2026 = pay(me, job.id, { feeCents: 7000, status: "paid", dueDate: "2026-04-01", paidDate: "2026-04-02" });
    // Due last year and still not paid: the consultant can still act on it, so this year shows it.
    const open = pay(me, job.id, { feeCents: 9000, status: "approved", dueDate: "2025-11-01" });
    pay(me, job.id, { feeCents: 1000, status: "void", dueDate: "2026-05-01" });
    pay(colleague, work(colleague).id, { status: "paid", dueDate: "2025-03-01", paidDate: "2025-03-01" });

    const thisYear = listOwnPayments({ ...own(me), year: 2026, today: TODAY });
    expect(thisYear.payments.map((p) => p.id)).toEqual([paid2026.id, open.id]);
    expect(thisYear.totals.feesCents).toBe(7000);
    expect(thisYear.years).toEqual([2026, 2025]);
    const lastYear = listOwnPayments({ ...own(me), year: 2025, today: TODAY });
    expect(lastYear.payments.map((p) => p.id)).toEqual([paid2025.id]);
    expect(lastYear.totals).toMatchObject({ feesCents: 5000, quarters: [5000, 0, 0, 0] });

    const cookie = await cookieFor(me.userId);
    const page = await callRoute(payRoute.loader, makeRequest("/portal/pay?year=2025", { cookie }));
    expect(page.data).toMatchObject({ year: 2025, payments: [{ id: paid2025.id }] });
    // A year that is not a year shows this one.
    const fallback = await callRoute(payRoute.loader, makeRequest("/portal/pay?year=soon", { cookie }));
    expect(fallback.data).toMatchObject({ year: new Date().getUTCFullYear() });
  });
});
