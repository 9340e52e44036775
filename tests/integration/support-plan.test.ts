// The support plan of a piece of work, through the real routes where a person acts: the consultant
// asks in the portal and staff see it; staff arrange or decline with a reason; the plan is part of
// the terms the consultant accepts (kept in the answer's snapshot), and a change staff make to it
// afterwards asks them again while their own requests do not; costs become reimbursed expenses,
// never pay; what a consultant says they need is sealed at rest; another consultant and another
// organization reach nothing.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, engagementAgreements, engagements, payments, supportCosts, supportItems } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { isoDay } from "../../app/utils/day";
import { getOwnEngagement } from "../../app/models/engagement/own-work.server";
import { recordSupportCost, supportPlanForStaff } from "../../app/models/engagement/support-plan.server";
import { approvePayment, markPaymentPaid } from "../../app/models/payment/steps.server";
import { taxYearTotals } from "../../app/models/payment/tax-year.server";
import { ownPaidInYear } from "../../app/models/payment/own-pay.server";
import { unpaidWorkToRecord } from "../../app/models/payment/overdue.server";
import * as portalSupport from "../../app/routes/portal.work_.$id.support";
import * as portalWork from "../../app/routes/portal.work.$id";
import * as staffSupport from "../../app/routes/_staff.engagements.$id.support";
import * as staffEngagement from "../../app/routes/_staff.engagements.$id._index";
import { cookieFor, createEngagementRecord, createTwoOrganizations } from "../support/factories";
import { changedTables, snapshot } from "../support/db-snapshot";
import { callRoute, makeRequest } from "../support/http";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
let world: World;
const cookie = { consultant: "", colleague: "", staff: "", admin: "", otherStaff: "", otherAdmin: "" };

beforeAll(async () => {
  world = await createTwoOrganizations();
  cookie.consultant = await cookieFor(world.own.consultant.userId);
  cookie.colleague = await cookieFor(world.own.otherConsultant.userId);
  cookie.staff = await cookieFor(world.own.staff.userId);
  cookie.admin = await cookieFor(world.own.admin.userId);
  cookie.otherStaff = await cookieFor(world.other.staff.userId);
  cookie.otherAdmin = await cookieFor(world.other.admin.userId);
});

const own = () => world.own;
/** New proposed work for the world's own consultant, so each test starts from an empty plan. */
const newWork = (values: Partial<typeof engagements.$inferInsert> = {}) =>
  createEngagementRecord(own().org.id, own().consultant.consultantId, own().programId, values).id;
const engagementRow = (id: string) => db.select().from(engagements).where(eq(engagements.id, id)).get()!;
const itemsOf = (engagementId: string) =>
  db.select().from(supportItems).where(eq(supportItems.engagementId, engagementId)).all();
const itemOf = (engagementId: string, kind: string) => itemsOf(engagementId).find((i) => i.kind === kind)!;
const auditOf = (subjectId: string) => db.select().from(auditEvents).where(eq(auditEvents.subjectId, subjectId)).all();

function ask(engagementId: string, form: Record<string, string | string[]>, as = cookie.consultant) {
  return callRoute(
    portalSupport.action,
    makeRequest(`/portal/work/${engagementId}/support`, { cookie: as, form: { intent: "ask", ...form } }),
    { id: engagementId },
  );
}

function staffAct(engagementId: string, form: Record<string, string>, as = cookie.staff) {
  return callRoute(staffSupport.action, makeRequest(`/engagements/${engagementId}/support`, { cookie: as, form }), {
    id: engagementId,
  });
}

async function accept(engagementId: string) {
  const result = await callRoute(
    portalWork.action,
    makeRequest(`/portal/work/${engagementId}`, {
      cookie: cookie.consultant,
      form: {
        intent: "accept",
        termsVersion: String(engagementRow(engagementId).termsVersion),
        language: "en",
      },
    }),
    { id: engagementId },
  );
  expect(result.status, JSON.stringify(result.data)).toBe(302);
}

const latestAcceptance = (engagementId: string) =>
  db
    .select()
    .from(engagementAgreements)
    .where(and(eq(engagementAgreements.engagementId, engagementId), eq(engagementAgreements.decision, "accepted")))
    .all()
    .at(-1)!;

describe("the consultant asks, staff see it", () => {
  it("a request from the portal shows on the staff pages, with what the consultant needs", async () => {
    const id = newWork();
    const result = await ask(id, {
      kinds: ["interpreter", "transport", "access_needs"],
      language: "Tigrinya",
      accessNeeds: "Step-free entrance and a chair with arms",
    });
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/portal/work/${id}?done=support#support-heading`);

    const page = await callRoute(
      staffSupport.loader,
      makeRequest(`/engagements/${id}/support`, { cookie: cookie.staff }),
      { id },
    );
    const plan = page.data as Awaited<ReturnType<typeof supportPlanForStaff>>;
    expect(plan.items.map((i) => [i.kind, i.status, i.source])).toEqual([
      ["interpreter", "requested", "consultant"],
      ["transport", "requested", "consultant"],
      ["access_needs", "requested", "consultant"],
    ]);
    expect(plan.items.find((i) => i.kind === "interpreter")!.language).toBe("Tigrinya");
    expect(plan.items.find((i) => i.kind === "access_needs")!.details).toBe("Step-free entrance and a chair with arms");

    // The engagement page counts what waits for staff.
    const summary = await callRoute(
      staffEngagement.loader,
      makeRequest(`/engagements/${id}`, { cookie: cookie.staff }),
      {
        id,
      },
    );
    const support = (summary.data as { support: { status: string }[] }).support;
    expect(support.filter((i) => i.status === "requested")).toHaveLength(3);
    // The summary leaves what the consultant needs to the plan's own page.
    expect(JSON.stringify(summary.data)).not.toContain("Step-free entrance");

    // Staff opening what the consultant wrote is on the record, for the one item that holds words.
    for (const item of itemsOf(id)) {
      expect(auditOf(item.id).map((a) => [a.action, a.actorUserId])).toEqual([
        ["support.requested", own().consultant.userId],
        ...(item.kind === "access_needs" ? [["support.details_viewed", own().staff.userId]] : []),
      ]);
    }
  });

  it("the engagement page leaves what the consultant needs sealed; opening the plan's page opens it, and logs each item", async () => {
    const id = newWork();
    const words = `Step-free entrance ${randomUUID().slice(0, 6)}`;
    expect(
      (
        await ask(id, {
          kinds: ["access_needs", "support_person", "transport"],
          accessNeeds: words,
          supportPerson: "My sister",
        })
      ).status,
    ).toBe(302);
    const withWords = itemsOf(id).filter((i) => i.details !== null);
    expect(withWords.map((i) => i.kind).sort()).toEqual(["access_needs", "support_person"]);

    const before = snapshot();
    const summary = await callRoute(
      staffEngagement.loader,
      makeRequest(`/engagements/${id}`, { cookie: cookie.staff }),
      {
        id,
      },
    );
    expect(summary.status).toBe(200);
    expect(JSON.stringify(summary.data)).not.toContain(words);
    expect(changedTables(before, snapshot())).toEqual([]);

    // Sealed words that would not open (bound to another item) do not stop a page that never opens them.
    const [first, second] = withWords as [(typeof withWords)[number], (typeof withWords)[number]];
    db.update(supportItems).set({ details: second.details }).where(eq(supportItems.id, first.id)).run();
    expect(
      (await callRoute(staffEngagement.loader, makeRequest(`/engagements/${id}`, { cookie: cookie.staff }), { id }))
        .status,
    ).toBe(200);
    db.update(supportItems).set({ details: first.details }).where(eq(supportItems.id, first.id)).run();

    const auditBefore = db.select().from(auditEvents).all().length;
    const page = await callRoute(
      staffSupport.loader,
      makeRequest(`/engagements/${id}/support`, { cookie: cookie.admin }),
      {
        id,
      },
    );
    expect(JSON.stringify(page.data)).toContain(words);
    const logged = db.select().from(auditEvents).all().slice(auditBefore);
    expect(logged.map((a) => [a.action, a.actorUserId, a.subjectType, a.subjectId, a.changedFields]).sort()).toEqual(
      withWords.map((i) => ["support.details_viewed", own().admin.userId, "support_item", i.id, []]).sort(),
    );
    // Ids only: nothing the consultant wrote is in the log.
    expect(JSON.stringify(logged)).not.toContain("Step-free");
    expect(JSON.stringify(logged)).not.toContain("sister");
  });

  it("access needs are sealed at rest, and never written to the terms or the audit log", async () => {
    const id = newWork();
    const words = `Large print, please ${randomUUID().slice(0, 6)}`;
    expect((await ask(id, { kinds: ["access_needs"], accessNeeds: words })).status).toBe(302);
    const stored = db.$client.prepare("select details from support_items where engagement_id = ?").get(id) as {
      details: string;
    };
    expect(stored.details.startsWith("enc:v1:")).toBe(true);
    expect(stored.details).not.toContain("Large print");
    await accept(id);
    const dump = JSON.stringify([
      db.select().from(engagementAgreements).where(eq(engagementAgreements.engagementId, id)).all(),
      db.select().from(auditEvents).all(),
    ]);
    expect(dump).not.toContain("Large print");
    // The consultant reads their own words back on their work's page.
    const page = await callRoute(portalWork.loader, makeRequest(`/portal/work/${id}`, { cookie: cookie.consultant }), {
      id,
    });
    expect((page.data as { support: { items: { details: string | null }[] } }).support.items[0]!.details).toBe(words);
  });

  it("asks again rather than lose words typed for a kind not ticked, and needs a language for an interpreter", async () => {
    const id = newWork();
    const before = snapshot();
    const noLanguage = await ask(id, { kinds: ["interpreter"] });
    expect(noLanguage.status).toBe(400);
    expect((noLanguage.data as { error: Record<string, string[]> }).error.language).toEqual([
      "common:supportPlan.errors.languageMissing",
    ]);
    const unticked = await ask(id, { kinds: ["transport"], accessNeeds: "A quiet room" });
    expect(unticked.status).toBe(400);
    expect((unticked.data as { error: Record<string, string[]> }).error.accessNeeds).toEqual([
      "common:supportPlan.errors.notTicked",
    ]);
    expect(changedTables(before, snapshot())).toEqual([]);
  });

  it("a kind already asked for is refused; the consultant takes a request back, and may ask again", async () => {
    const id = newWork();
    await ask(id, { kinds: ["childcare"] });
    const again = await ask(id, { kinds: ["childcare"] });
    expect(again.status).toBe(400);
    const item = itemOf(id, "childcare");
    const withdrawn = await callRoute(
      portalSupport.action,
      makeRequest(`/portal/work/${id}/support`, {
        cookie: cookie.consultant,
        form: { intent: "withdraw", itemId: item.id },
      }),
      { id },
    );
    expect(withdrawn.status).toBe(302);
    expect(itemsOf(id)).toEqual([]);
    expect(auditOf(item.id).map((a) => a.action)).toEqual(["support.requested", "support.withdrawn"]);
    expect((await ask(id, { kinds: ["childcare"] })).status).toBe(302);
  });
});

describe("staff arrange and tick off", () => {
  it("arranged with what was arranged, or not possible with a reason the consultant reads", async () => {
    const id = newWork();
    await ask(id, { kinds: ["transport", "childcare"] });
    const transport = itemOf(id, "transport");
    const childcare = itemOf(id, "childcare");

    expect(
      (await staffAct(id, { intent: "arrange", itemId: transport.id, arrangement: "A taxi both ways" })).status,
    ).toBe(302);
    const noReason = await staffAct(id, { intent: "decline", itemId: childcare.id, reason: "  " });
    expect(noReason.status).toBe(400);
    expect(itemOf(id, "childcare").status).toBe("requested");
    expect(
      (await staffAct(id, { intent: "decline", itemId: childcare.id, reason: "Our childcare budget is spent" })).status,
    ).toBe(302);

    expect(itemOf(id, "transport")).toMatchObject({
      status: "arranged",
      arrangement: "A taxi both ways",
      decidedByUserId: own().staff.userId,
    });
    expect(itemOf(id, "childcare")).toMatchObject({
      status: "declined",
      declineReason: "Our childcare budget is spent",
    });
    expect(auditOf(transport.id).map((a) => [a.action, a.changedFields])).toEqual([
      ["support.requested", ["status"]],
      ["support.arranged", ["status", "arrangement"]],
    ]);
    expect(auditOf(childcare.id).map((a) => a.action)).toEqual(["support.requested", "support.declined"]);

    // The consultant sees both answers on their work's page.
    const page = await callRoute(portalWork.loader, makeRequest(`/portal/work/${id}`, { cookie: cookie.consultant }), {
      id,
    });
    const items = (page.data as { support: { items: { kind: string; status: string }[] } }).support.items;
    expect(items.map((i) => [i.kind, i.status])).toEqual([
      ["transport", "arranged"],
      ["childcare", "declined"],
    ]);
  });

  it("staff add an item themselves; a kind already on the plan is refused", async () => {
    const id = newWork();
    expect((await staffAct(id, { intent: "add", kind: "debrief", details: "A call the day after" })).status).toBe(302);
    expect(itemOf(id, "debrief")).toMatchObject({ source: "staff", status: "requested" });
    const twice = await staffAct(id, { intent: "add", kind: "debrief" });
    expect(twice.status).toBe(400);
    expect(itemsOf(id)).toHaveLength(1);
  });

  it("the plan of finished work can no longer change", async () => {
    const id = newWork({ status: "completed", completedAt: new Date() });
    const before = snapshot();
    expect((await staffAct(id, { intent: "add", kind: "debrief" })).status).toBe(400);
    expect((await ask(id, { kinds: ["debrief"] })).status).toBe(400);
    expect(changedTables(before, snapshot())).toEqual([]);
  });
});

describe("the plan is part of the terms", () => {
  it("is kept in the accepted snapshot; a change by staff afterwards raises the version and asks again", async () => {
    const id = newWork();
    // Asking before accepting changes no version: the request is simply in the plan they accept.
    await ask(id, { kinds: ["interpreter", "transport"], language: "Spanish" });
    expect(engagementRow(id).termsVersion).toBe(1);
    await accept(id);
    expect(engagementRow(id)).toMatchObject({ status: "agreed", termsVersion: 1 });
    expect(latestAcceptance(id).termsSnapshot.supportPlan).toEqual([
      { kind: "interpreter", language: "Spanish", status: "requested", arrangement: null, declineReason: null },
      { kind: "transport", language: null, status: "requested", arrangement: null, declineReason: null },
    ]);

    // Staff arrange the interpreter: the agreed plan changed, so the consultant is asked again.
    await staffAct(id, { intent: "arrange", itemId: itemOf(id, "interpreter").id, arrangement: "Booked" });
    expect(engagementRow(id)).toMatchObject({ status: "proposed", termsVersion: 2 });
    expect(
      auditOf(id)
        .filter((a) => a.action === "engagement.terms_changed")
        .map((a) => a.changedFields),
    ).toEqual([["supportPlan"]]);
    const mine = getOwnEngagement({ organizationId: own().org.id, userId: own().consultant.userId, engagementId: id });
    expect(mine.needsAnswer).toBe(true);
    expect(mine.changedSinceAccepted).toEqual(["supportPlan"]);
    // The answer they gave keeps the plan they accepted, for both of them to read.
    expect(mine.decisions[0]!.supportPlan?.map((i) => i.status)).toEqual(["requested", "requested"]);

    await accept(id);
    expect(latestAcceptance(id).termsVersion).toBe(2);
    expect(latestAcceptance(id).termsSnapshot.supportPlan).toEqual([
      { kind: "interpreter", language: "Spanish", status: "arranged", arrangement: "Booked", declineReason: null },
      { kind: "transport", language: null, status: "requested", arrangement: null, declineReason: null },
    ]);

    // Saying the same again changes nothing, and asks nothing again.
    await staffAct(id, { intent: "arrange", itemId: itemOf(id, "interpreter").id, arrangement: "Booked" });
    expect(engagementRow(id)).toMatchObject({ status: "agreed", termsVersion: 2 });
  });

  it("a request the consultant makes after accepting asks them nothing again; staff's answer to it does", async () => {
    const id = newWork();
    await accept(id);
    expect(latestAcceptance(id).termsSnapshot.supportPlan).toEqual([]);
    await ask(id, { kinds: ["debrief"] });
    expect(engagementRow(id)).toMatchObject({ status: "agreed", termsVersion: 1 });
    await staffAct(id, { intent: "decline", itemId: itemOf(id, "debrief").id, reason: "No one is free that week" });
    expect(engagementRow(id)).toMatchObject({ status: "proposed", termsVersion: 2 });
  });
});

describe("costs are reimbursed expenses, never pay", () => {
  function arrangedTransport(engagementId: string) {
    return db
      .insert(supportItems)
      .values({
        organizationId: own().org.id,
        engagementId,
        kind: "transport",
        status: "arranged",
        source: "consultant",
        arrangement: "Bus fare paid back",
      })
      .returning({ id: supportItems.id })
      .get().id;
  }

  it("a fare becomes a payment of expenses with no fee, out of the year's pay and tax totals", async () => {
    const id = newWork({ status: "agreed" });
    const itemId = arrangedTransport(id);
    const version = engagementRow(id).termsVersion;
    const key = randomUUID();
    const result = await staffAct(id, { intent: "cost", itemId, creationKey: key, amount: "12.50" });
    expect(result.status).toBe(302);
    // The same form twice records one cost.
    await staffAct(id, { intent: "cost", itemId, creationKey: key, amount: "12.50" });
    const link = db.select().from(supportCosts).where(eq(supportCosts.supportItemId, itemId)).all();
    expect(link).toHaveLength(1);
    const payment = db.select().from(payments).where(eq(payments.id, link[0]!.paymentId)).get()!;
    expect(payment).toMatchObject({ feeCents: 0, expensesCents: 1250, status: "pending", engagementId: id });
    // A cost is not part of the terms: nothing is asked again.
    expect(engagementRow(id).termsVersion).toBe(version);
    expect(auditOf(itemId).map((a) => a.action)).toEqual(["support.cost_recorded"]);
    expect(auditOf(payment.id).map((a) => [a.action, a.changedFields])).toEqual([
      ["payment.created", ["expensesCents", "method", "dueDate"]],
    ]);

    const admin = { userId: own().admin.userId, role: "admin" as const };
    approvePayment({ organizationId: own().org.id, actor: admin, paymentId: payment.id });
    const today = isoDay(new Date());
    markPaymentPaid({
      organizationId: own().org.id,
      actor: admin,
      paymentId: payment.id,
      paidDate: today,
      method: "check",
      reference: null,
    });
    const year = Number(today.slice(0, 4));
    const totals = taxYearTotals({ organizationId: own().org.id, taxYear: year, includeLegalName: false });
    const row = totals.rows.find((r) => r.consultantId === own().consultant.consultantId)!;
    expect(row.expensesCents).toBeGreaterThanOrEqual(1250);
    const fees = db
      .select({ fee: payments.feeCents })
      .from(payments)
      .where(and(eq(payments.consultantId, own().consultant.consultantId), eq(payments.status, "paid")))
      .all()
      .reduce((sum, p) => sum + p.fee, 0);
    expect(row.feesCents).toBe(fees);
    const portal = ownPaidInYear({ organizationId: own().org.id, userId: own().consultant.userId, year });
    expect(portal.feesCents).toBe(fees);
    expect(portal.expensesCents).toBeGreaterThanOrEqual(1250);
  });

  it("a cost paid back leaves completed work's unpaid fee overdue", () => {
    const longAgo = new Date(Date.now() - 90 * 86_400_000);
    const done = newWork({ status: "completed", completedAt: longAgo, rateKind: "flat_fee", rateCents: 20000 });
    recordSupportCost({
      organizationId: own().org.id,
      actorUserId: own().staff.userId,
      engagementId: done,
      itemId: arrangedTransport(done),
      costCents: 900,
      creationKey: randomUUID(),
    });
    const today = isoDay(new Date());
    expect(unpaidWorkToRecord(own().org.id, today, 500).items.map((i) => i.id)).toContain(done);
  });

  it("a cost paid back is owed on cancelled work with no cancellation fee", () => {
    const cancelled = newWork({ status: "cancelled" });
    const paymentId = recordSupportCost({
      organizationId: own().org.id,
      actorUserId: own().staff.userId,
      engagementId: cancelled,
      itemId: arrangedTransport(cancelled),
      costCents: 700,
      creationKey: randomUUID(),
    });
    expect(
      approvePayment({
        organizationId: own().org.id,
        actor: { userId: own().admin.userId, role: "admin" },
        paymentId,
      }),
    ).toBe(true);
  });

  it("only an arranged transport or childcare has costs paid back", async () => {
    const id = newWork();
    await ask(id, { kinds: ["transport", "debrief"] });
    await staffAct(id, { intent: "arrange", itemId: itemOf(id, "debrief").id, arrangement: "Sam calls you" });
    const before = snapshot();
    const notArranged = await staffAct(id, {
      intent: "cost",
      itemId: itemOf(id, "transport").id,
      creationKey: randomUUID(),
      amount: "5",
    });
    expect(notArranged.status).toBe(400);
    const notACost = await staffAct(id, {
      intent: "cost",
      itemId: itemOf(id, "debrief").id,
      creationKey: randomUUID(),
      amount: "5",
    });
    expect(notACost.status).toBe(400);
    expect(changedTables(before, snapshot())).toEqual([]);
  });
});

describe("who reaches a plan", () => {
  it("another consultant can neither read nor change this consultant's plan", async () => {
    const id = newWork();
    await ask(id, { kinds: ["childcare"] });
    const item = itemOf(id, "childcare");
    const theirs = createEngagementRecord(own().org.id, own().otherConsultant.consultantId, own().programId).id;
    const before = snapshot();
    const page = await callRoute(
      portalSupport.loader,
      makeRequest(`/portal/work/${id}/support`, { cookie: cookie.colleague }),
      { id },
    );
    expect(page.status).toBe(404);
    expect((await ask(id, { kinds: ["transport"] }, cookie.colleague)).status).toBe(404);
    const withdraw = await callRoute(
      portalSupport.action,
      makeRequest(`/portal/work/${id}/support`, {
        cookie: cookie.colleague,
        form: { intent: "withdraw", itemId: item.id },
      }),
      { id },
    );
    expect(withdraw.status).toBe(404);
    // Their own work's address with this consultant's item does not reach it either.
    const lifted = await callRoute(
      portalSupport.action,
      makeRequest(`/portal/work/${theirs}/support`, {
        cookie: cookie.colleague,
        form: { intent: "withdraw", itemId: item.id },
      }),
      { id: theirs },
    );
    expect(lifted.status).toBe(404);
    expect(changedTables(before, snapshot())).toEqual([]);
  });

  it("another organization's staff and admins reach nothing", async () => {
    const id = newWork();
    await ask(id, { kinds: ["transport"] });
    const item = itemOf(id, "transport");
    const theirs = createEngagementRecord(
      world.other.org.id,
      world.other.consultant.consultantId,
      world.other.programId,
    ).id;
    const before = snapshot();
    for (const as of [cookie.otherStaff, cookie.otherAdmin]) {
      const page = await callRoute(staffSupport.loader, makeRequest(`/engagements/${id}/support`, { cookie: as }), {
        id,
      });
      expect(page.status).toBe(404);
      const forms: Record<string, string>[] = [
        { intent: "add", kind: "debrief" },
        { intent: "arrange", itemId: item.id, arrangement: "x" },
        { intent: "decline", itemId: item.id, reason: "x" },
        { intent: "cost", itemId: item.id, creationKey: randomUUID(), amount: "5" },
      ];
      for (const form of forms) {
        expect((await staffAct(id, form, as)).status).toBe(404);
      }
    }
    // An item of ours named on the other organization's own engagement is not found either.
    expect(
      (await staffAct(theirs, { intent: "arrange", itemId: item.id, arrangement: "x" }, cookie.otherStaff)).status,
    ).toBe(404);
    expect(changedTables(before, snapshot())).toEqual([]);
  });
});

describe("a consultant forgotten at their request", () => {
  it("leaves no words about their needs on their plans", async () => {
    const { forgetConsultant } = await import("../../app/models/erasure/forget.server");
    const fresh = await createTwoOrganizations();
    const id = createEngagementRecord(fresh.own.org.id, fresh.own.consultant.consultantId, fresh.own.programId).id;
    const asked = await callRoute(
      portalSupport.action,
      makeRequest(`/portal/work/${id}/support`, {
        cookie: await cookieFor(fresh.own.consultant.userId),
        form: { intent: "ask", kinds: ["interpreter", "access_needs"], language: "Dari", accessNeeds: "Breaks" },
      }),
      { id },
    );
    expect(asked.status).toBe(302);
    forgetConsultant({
      organizationId: fresh.own.org.id,
      consultantId: fresh.own.consultant.consultantId,
      actor: { userId: fresh.own.admin.userId, role: "admin" },
    });
    expect(
      itemsOf(id)
        .map((i) => [i.kind, i.status, i.details, i.language])
        .sort(),
    ).toEqual([
      ["access_needs", "requested", null, null],
      ["interpreter", "requested", null, null],
    ]);
  });
});
