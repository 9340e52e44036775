// When pay is due and when it is late (app/models/payment/due.server.ts), through every page that
// says so: completed work owed a fee with no payment recorded is overdue from its due date on the
// payments page, in "Needs you", on the dashboard and on the consultant's record; a due date
// follows from the completion date and the terms, however late the payment is typed in, so late
// pay is reported late; and the migration that puts old due dates right. Real database, real
// sessions, nothing mocked.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, engagements, payments, timeEntries } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { engagementReportCsv } from "../../app/models/engagement-report.server";
import { payTimeliness } from "../../app/models/engagement-stats.server";
import { countOverdue, listOverdue } from "../../app/models/payment/overdue.server";
import { dueDateFor, engagementDueDay } from "../../app/models/payment/due.server";
import { listPayments } from "../../app/models/payment/lists.server";
import { paymentFormFacts } from "../../app/models/payment/recording.server";
import * as dashboardRoute from "../../app/routes/_staff.dashboard";
import * as listRoute from "../../app/routes/_staff.payments._index";
import * as newRoute from "../../app/routes/_staff.payments.new";
import * as recordRoute from "../../app/routes/_staff.consultants.$id._index";
import { REPO_ROOT } from "../setup/paths";
import {
  cookieFor,
  createConsultantRecord,
  createEngagementRecord,
  createMember,
  createOrganization,
  createProgramRecord,
} from "../support/factories";
import { callRoute, makeRequest } from "../support/http";

type ListData = Awaited<ReturnType<typeof listRoute.loader>>;
type DashboardData = Awaited<ReturnType<typeof dashboardRoute.loader>>;
type RecordData = Awaited<ReturnType<typeof recordRoute.loader>>;

const DAY_MS = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY_MS);
const day = (date: Date) => date.toISOString().slice(0, 10);
const TODAY = day(new Date());

async function makeWorld() {
  const org = createOrganization();
  const [admin, staff] = await Promise.all([
    createMember({ organizationId: org.id, role: "admin" }),
    createMember({ organizationId: org.id, role: "staff" }),
  ]);
  const consultant = createConsultantRecord(org.id, { paymentMethod: "check" });
  const program = createProgramRecord(org.id);
  return { org, admin: admin!, staff: staff!, consultant, program };
}
type World = Awaited<ReturnType<typeof makeWorld>>;

/** Completed work (a $250 flat fee, 30 days to pay, completed 60 days ago unless told). */
function work(w: World, values: Partial<typeof engagements.$inferInsert> = {}, consultantId = w.consultant.id) {
  return createEngagementRecord(w.org.id, consultantId, w.program.id, {
    title: `Work ${randomUUID().slice(0, 8)}`,
    status: "completed",
    completedAt: daysAgo(60),
    rateKind: "flat_fee",
    rateCents: 25_000,
    ...values,
  });
}

function logTime(e: { id: string; organizationId: string }, status: "approved" | "submitted") {
  db.insert(timeEntries)
    .values({
      organizationId: e.organizationId,
      engagementId: e.id,
      workDate: day(daysAgo(65)),
      hundredths: 200,
      kind: "session",
      status,
    })
    .run();
}

function pay(e: typeof engagements.$inferSelect, values: Partial<typeof payments.$inferInsert> = {}) {
  return db
    .insert(payments)
    .values({
      organizationId: e.organizationId,
      engagementId: e.id,
      consultantId: e.consultantId,
      feeCents: 10_000,
      method: "check",
      dueDate: dueDateFor(e),
      ...values,
    })
    .returning()
    .get();
}

const unpaidIds = (items: ReturnType<typeof listOverdue>) =>
  items.flatMap((i) => (i.kind === "unpaid-work" ? [i.work.engagementId] : []));
const paymentIds = (items: ReturnType<typeof listOverdue>) =>
  items.flatMap((i) => (i.kind === "payment" ? [i.payment.id] : []));

describe("completed work with no payment recorded is overdue", () => {
  let w: World;
  let other: World;
  let cookie: { staff: string; admin: string; other: string };
  let e: Record<string, typeof engagements.$inferSelect>;
  let pendingPayment: string;

  beforeAll(async () => {
    [w, other] = await Promise.all([makeWorld(), makeWorld()]);
    cookie = {
      staff: await cookieFor(w.staff.userId),
      admin: await cookieFor(w.admin.userId),
      other: await cookieFor(other.staff.userId),
    };
    e = {
      flatFee: work(w),
      honorarium: work(w, { rateKind: "honorarium", rateCents: 10_000, completedAt: daysAgo(70) }),
      hourlyApproved: work(w, { rateKind: "hourly", rateCents: 6_000 }),
      hourlySubmittedOnly: work(w, { rateKind: "hourly", rateCents: 6_000 }),
      hourlyNoTime: work(w, { rateKind: "hourly", rateCents: 6_000 }),
      dailyApproved: work(w, { rateKind: "daily", rateCents: 40_000 }),
      zeroRate: work(w, { rateCents: 0 }),
      withPending: work(w),
      withPaid: work(w),
      withVoidOnly: work(w),
      notDueYet: work(w, { completedAt: daysAgo(10) }),
      dueToday: work(w, { completedAt: daysAgo(30) }),
      inProgress: work(w, { status: "in_progress", completedAt: null }),
      cancelledWithFee: work(w, { status: "cancelled", completedAt: null, cancellationFeeCents: 5_000 }),
    };
    logTime(e.hourlyApproved!, "approved");
    logTime(e.hourlySubmittedOnly!, "submitted");
    logTime(e.dailyApproved!, "approved");
    pendingPayment = pay(e.withPending!, { status: "pending" }).id;
    pay(e.withPaid!, { status: "paid", paidDate: day(daysAgo(20)) });
    pay(e.withVoidOnly!, { status: "void", voidReason: "Entered twice" });
    // Another organization's unpaid work is never shown here.
    work(other);
  });

  it("is exactly the completed work past due that is owed a fee (as the payment form works it out) with no payment", () => {
    const flagged = new Set(unpaidIds(listOverdue(w.org.id, {}, TODAY, { limit: 100 })));
    const hasPayment = (id: string) =>
      db
        .select({ id: payments.id })
        .from(payments)
        .where(and(eq(payments.engagementId, id), sql`${payments.status} != 'void'`))
        .get() !== undefined;
    for (const [label, engagement] of Object.entries(e)) {
      const facts = paymentFormFacts(w.org.id, engagement.id);
      const due = dueDateFor(engagement);
      const expected =
        engagement.status === "completed" &&
        due !== null &&
        due < TODAY &&
        !hasPayment(engagement.id) &&
        facts.nothingToPayReason === null &&
        facts.suggestedFeeCents > 0;
      expect(flagged.has(engagement.id), label).toBe(expected);
    }
    expect([...flagged].sort()).toEqual(
      [e.flatFee, e.honorarium, e.hourlyApproved, e.dailyApproved, e.withVoidOnly].map((x) => x!.id).sort(),
    );
  });

  it("is listed with the overdue payments on the payments page, longest overdue first, with what is owed", async () => {
    const open = async (query: string) => {
      const result = await callRoute(listRoute.loader, makeRequest(`/payments${query}`, { cookie: cookie.staff }));
      expect(result.status).toBe(200);
      return result.data as ListData;
    };
    const page = await open("");
    expect(page.overdueCounts).toEqual({ payments: 1, unpaidWork: 5, total: 6 });
    // The honorarium was completed first (70 days ago); the rest 60 days ago.
    expect(page.overdue[0]).toMatchObject({
      kind: "unpaid-work",
      work: { engagementId: e.honorarium!.id, owedCents: 10_000, dueDate: dueDateFor(e.honorarium!) },
    });
    expect(unpaidIds(page.overdue)).toHaveLength(5);
    expect(paymentIds(page.overdue)).toEqual([pendingPayment]);
    const hourly = page.overdue.find((i) => i.kind === "unpaid-work" && i.work.engagementId === e.hourlyApproved!.id);
    expect(hourly).toMatchObject({ work: { owedCents: 12_000, consultantName: w.consultant.preferredName } });
    // "Show all" is the same list, paged.
    const all = await open("?overdue=1");
    expect(all.items).toEqual(page.overdue);
    expect(all).toMatchObject({ count: 6, overdue: [] });
    // Asking for a payment status leaves out work that has no payment.
    const pending = await open("?overdue=1&status=pending");
    expect(pending.items.map((i) => i.kind)).toEqual(["payment"]);
    // The "All payments" list stays a list of payments.
    expect((await open("")).items.every((i) => i.kind === "payment")).toBe(true);
    // Another organization sees none of it.
    const theirs = (await callRoute(listRoute.loader, makeRequest("/payments", { cookie: cookie.other })))
      .data as ListData;
    expect(theirs.overdueCounts.unpaidWork).toBe(1);
    expect(unpaidIds(theirs.overdue).some((id) => Object.values(e).some((x) => x.id === id))).toBe(false);
  });

  it("is in everyone's 'Needs you' and counted in the dashboard's overdue figures", async () => {
    const period = `from=${day(daysAgo(365))}&to=${TODAY}`;
    for (const who of [cookie.staff, cookie.admin]) {
      const result = await callRoute(dashboardRoute.loader, makeRequest(`/dashboard?${period}`, { cookie: who }));
      const d = result.data as DashboardData;
      expect(d.needsYou.unpaidWork.items.map((i) => i.id)).toEqual([
        e.honorarium!.id,
        ...[e.flatFee, e.hourlyApproved, e.dailyApproved, e.withVoidOnly].map((x) => x!.id).sort(),
      ]);
      expect(d.needsYou.unpaidWork.more).toBe(false);
      // One overdue payment ($100) and five pieces of work: $250 + $100 + $120 + $400 + $250.
      expect(d.pay).toMatchObject({
        overdueCount: 6,
        unpaidWorkCount: 5,
        overdueFeeCents: 10_000 + 25_000 + 10_000 + 12_000 + 40_000 + 25_000,
      });
    }
    // A period that ends before any of it fell due counts none of it.
    const earlier = payTimeliness(w.org.id, { from: day(daysAgo(365)), to: day(daysAgo(45)) }, TODAY);
    expect(earlier).toMatchObject({ overdueCount: 0, unpaidWorkCount: 0, overdueFeeCents: 0 });
    // The funder report says the same.
    const csv = engagementReportCsv(w.org.id, { from: day(daysAgo(365)), to: TODAY }, "timeliness", TODAY);
    expect(csv.rows).toContainEqual(["Of which completed work with no payment recorded", 5]);
  });

  it("is on the consultant's record, and only on theirs", async () => {
    const someoneElse = createConsultantRecord(w.org.id);
    const theirWork = work(w, {}, someoneElse.id);
    const open = async (consultantId: string) =>
      (
        await callRoute(recordRoute.loader, makeRequest(`/consultants/${consultantId}`, { cookie: cookie.staff }), {
          id: consultantId,
        })
      ).data as RecordData;
    const record = await open(w.consultant.id);
    expect(record.overdue.count).toBe(6);
    expect(unpaidIds(record.overdue.items)).not.toContain(theirWork.id);
    expect(unpaidIds(record.overdue.items)).toContain(e.flatFee!.id);
    expect(paymentIds(record.overdue.items)).toEqual([pendingPayment]);
    const theirs = await open(someoneElse.id);
    expect(unpaidIds(theirs.overdue.items)).toEqual([theirWork.id]);
  });

  it("leaves the list once its payment is recorded, which is overdue from the same day", async () => {
    const target = e.flatFee!;
    const before = countOverdue(w.org.id, {}, TODAY);
    const result = await callRoute(
      newRoute.action,
      makeRequest("/payments/new", {
        cookie: cookie.staff,
        form: { engagementId: target.id, creationKey: randomUUID(), fee: "250", method: "check" },
      }),
    );
    expect(result.status).toBe(302);
    const after = listOverdue(w.org.id, {}, TODAY, { limit: 100 });
    expect(unpaidIds(after)).not.toContain(target.id);
    const recorded = after.find((i) => i.kind === "payment" && i.payment.engagementId === target.id);
    expect(recorded).toMatchObject({ kind: "payment", payment: { dueDate: dueDateFor(target), overdue: true } });
    expect(countOverdue(w.org.id, {}, TODAY)).toEqual({
      payments: before.payments + 1,
      unpaidWork: before.unpaidWork - 1,
      total: before.total,
    });
  });
});

describe("a due date follows from the completion date and the terms, never from when it was typed", () => {
  it("agrees in TypeScript and in SQL, whatever the time of day of the completion", () => {
    const org = createOrganization();
    const consultant = createConsultantRecord(org.id);
    const program = createProgramRecord(org.id);
    const cases: [string, number, string][] = [
      ["2026-03-01T00:00:00Z", 30, "2026-03-31"],
      ["2026-03-01T23:59:59Z", 30, "2026-03-31"],
      ["2028-02-28T12:00:00Z", 1, "2028-02-29"],
      ["2026-12-15T08:00:00Z", 30, "2027-01-14"],
      ["2026-10-25T01:30:00Z", 365, "2027-10-25"],
    ];
    for (const [completedAt, paymentDueDays, expected] of cases) {
      const e = createEngagementRecord(org.id, consultant.id, program.id, {
        status: "completed",
        completedAt: new Date(completedAt),
        paymentDueDays,
      });
      const inSql = db.select({ due: engagementDueDay }).from(engagements).where(eq(engagements.id, e.id)).get()!.due;
      expect([dueDateFor(e), inSql], completedAt).toEqual([expected, expected]);
    }
  });

  it("a payment recorded 40 days after the work (30 days to pay) is due on day 30 and reported late", async () => {
    const w = await makeWorld();
    const e = work(w, { completedAt: daysAgo(40), title: "Late work" });
    // Whatever is typed as a due date is not taken.
    const result = await callRoute(
      newRoute.action,
      makeRequest("/payments/new", {
        cookie: await cookieFor(w.staff.userId),
        form: {
          engagementId: e.id,
          creationKey: randomUUID(),
          fee: "250",
          method: "check",
          dueDate: day(new Date(Date.now() + 60 * DAY_MS)),
        },
      }),
    );
    expect(result.status).toBe(302);
    const stored = db.select().from(payments).where(eq(payments.engagementId, e.id)).get()!;
    expect(stored.dueDate).toBe(day(daysAgo(10)));
    // Paid today: 40 days after the work, 10 days late.
    db.update(payments).set({ status: "paid", paidDate: TODAY }).where(eq(payments.id, stored.id)).run();
    const period = { from: day(daysAgo(365)), to: TODAY };
    expect(payTimeliness(w.org.id, period, TODAY)).toMatchObject({
      paidCount: 1,
      paidOnTime: 0,
      onTimeRate: 0,
      medianDaysToPay: 40,
    });
    expect(engagementReportCsv(w.org.id, period, "timeliness", TODAY).rows).toContainEqual([
      "Payments made by their due date",
      0,
    ]);
    expect(listPayments(w.org.id, {}, TODAY).find((p) => p.id === stored.id)?.daysToPay).toBe(40);
  });
});

describe("the migration that recomputes due dates", () => {
  const migration = fs.readFileSync(path.join(REPO_ROOT, "db/migrations/0024_payment_due_from_completion.sql"), "utf8");
  const runMigration = () => {
    for (const statement of migration.split("--> statement-breakpoint")) db.$client.exec(statement);
  };
  const auditOf = (paymentId: string) =>
    db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, paymentId), eq(auditEvents.action, "payment.due_date_recomputed")))
      .all();

  it("puts a due date typed late right, audits it, and leaves work not completed alone", async () => {
    const w = await makeWorld();
    // The old way: completed on 1 March with 30 days to pay, recorded on 10 April with "today" as
    // its due date, paid the day before, so it looked paid on time.
    const late = work(w, { completedAt: new Date("2026-03-01T15:00:00Z"), paymentDueDays: 30 });
    const wrong = pay(late, { status: "paid", dueDate: "2026-04-10", paidDate: "2026-04-09" });
    const right = pay(work(w, { completedAt: new Date("2026-03-01T15:00:00Z") }), { dueDate: "2026-03-31" });
    const missing = pay(work(w, { completedAt: new Date("2026-05-01T10:00:00Z"), paymentDueDays: 45 }), {
      dueDate: null,
    });
    const notCompleted = pay(work(w, { status: "in_progress", completedAt: null }), { dueDate: "2026-06-01" });
    const period = { from: "2026-01-01", to: "2026-12-31" };
    expect(payTimeliness(w.org.id, period, "2026-12-31")).toMatchObject({ paidCount: 1, paidOnTime: 1 });

    runMigration();

    const dueOf = (id: string) => db.select().from(payments).where(eq(payments.id, id)).get()!.dueDate;
    expect(dueOf(wrong.id)).toBe("2026-03-31");
    expect(dueOf(right.id)).toBe("2026-03-31");
    expect(dueOf(missing.id)).toBe("2026-06-15");
    expect(dueOf(notCompleted.id)).toBe("2026-06-01");
    expect(payTimeliness(w.org.id, period, "2026-12-31")).toMatchObject({ paidCount: 1, paidOnTime: 0 });
    const [event] = auditOf(wrong.id);
    expect(event).toMatchObject({
      actorUserId: null,
      organizationId: w.org.id,
      subjectType: "payment",
      changedFields: ["dueDate"],
    });
    expect(event!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(auditOf(missing.id)).toHaveLength(1);
    expect(auditOf(right.id)).toEqual([]);
    expect(auditOf(notCompleted.id)).toEqual([]);

    // Run again, it finds nothing more to change.
    runMigration();
    expect(auditOf(wrong.id)).toHaveLength(1);
    expect(dueOf(wrong.id)).toBe("2026-03-31");
  });
});
