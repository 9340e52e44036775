// Payments: the model and the payment pages' loaders and actions run against this file's
// own copy of the migrated database, with real sessions. Nothing is mocked. Engagements and time
// entries are inserted directly: their own forms are tested elsewhere; here they feed the payments.
import { ForbiddenError, NotFoundError, RuleError } from "../../app/models/errors";
import { randomUUID } from "node:crypto";
import { addDays, addYears, format, parseISO } from "date-fns";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditEvents,
  engagementAgreements,
  engagements,
  paymentReversals,
  payments,
  taxYearThresholds,
  timeEntries,
  type PaymentMethod,
} from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { EngagementSchema } from "../../app/utils/engagement-schema";
import { feeForHours } from "../../app/utils/money";
import { changeEngagementStatus } from "../../app/models/engagement/status.server";
import { engagementFormDefaults } from "../../app/models/engagement/reads.server";
import { getOrganizationSettings } from "../../app/models/engagement/pay-settings.server";
import { termsSnapshot } from "../../app/models/engagement/terms.server";
import { updateEngagement } from "../../app/models/engagement/editing.server";
import {
  approvePayment,
  markPaymentPaid,
  recordPaymentChoice,
  SELF_APPROVAL_MESSAGE,
  voidPayment,
  type PaymentActor,
} from "../../app/models/payment/steps.server";
import { createPayment } from "../../app/models/payment/recording.server";
import { getPayment, listPayments } from "../../app/models/payment/lists.server";
import { suggestedFeeCents } from "../../app/models/payment/payable.server";
import { isPaymentOverdue } from "../../app/models/payment/due.server";
import { reversePaidPayment } from "../../app/models/payment/reversal.server";
import * as listRoute from "../../app/routes/_staff.payments._index";
import * as newRoute from "../../app/routes/_staff.payments.new";
import * as paymentRoute from "../../app/routes/_staff.payments.$id";
import * as payRoute from "../../app/routes/_staff.settings.pay";
import * as taxYearRoute from "../../app/routes/_staff.payments.tax-year";
import {
  cookieFor,
  createConsultantRecord,
  createEngagementRecord,
  createMember,
  createOrganization,
  createProgramRecord,
} from "../support/factories";
import { callRoute, makeRequest } from "../support/http";
import { englishErrors } from "../support/in-english";

type Member = Awaited<ReturnType<typeof createMember>>;
type Reply = { status?: string; error?: Record<string, string[] | null> };
type NewData = Awaited<ReturnType<typeof newRoute.loader>>;
type ListData = Awaited<ReturnType<typeof listRoute.loader>>;
type EngagementValues = Partial<typeof engagements.$inferInsert>;

const short = () => randomUUID().slice(0, 8);
const COMPLETED_AT = new Date("2026-03-01T15:00:00Z");

/** One organization with an admin, a staff member, a consultant who prefers checks and a program. */
async function makeWorld(label: string) {
  const org = createOrganization(`${label} ${short()}`);
  const [admin, staff] = (await Promise.all([
    createMember({ organizationId: org.id, role: "admin" }),
    createMember({ organizationId: org.id, role: "staff" }),
  ])) as [Member, Member];
  const consultant = createConsultantRecord(org.id, { paymentMethod: "check" });
  const program = createProgramRecord(org.id);
  return { org, admin, staff, consultant, program };
}
type World = Awaited<ReturnType<typeof makeWorld>>;

let harbor: World;
let northwind: World;
const cookie = { admin: "", staff: "", consultant: "", otherAdmin: "" };

beforeAll(async () => {
  [harbor, northwind] = await Promise.all([makeWorld("Harbor"), makeWorld("Northwind")]);
  const consultantLogin = await createMember({ organizationId: harbor.org.id, role: "consultant" });
  [cookie.admin, cookie.staff, cookie.consultant, cookie.otherAdmin] = await Promise.all([
    cookieFor(harbor.admin.userId),
    cookieFor(harbor.staff.userId),
    cookieFor(consultantLogin.userId),
    cookieFor(northwind.admin.userId),
  ]);
});

// --- helpers -----------------------------------------------------------------------------------

/** A completed engagement (hourly at $60 unless told) in the world's organization. */
function engagement(values: EngagementValues = {}, w: World = harbor) {
  return createEngagementRecord(w.org.id, w.consultant.id, w.program.id, {
    status: "completed",
    completedAt: COMPLETED_AT,
    ...values,
  });
}

function logTime(
  engagementId: string,
  workDate: string,
  hundredths: number,
  values: Partial<typeof timeEntries.$inferInsert> = {},
) {
  const organizationId = db
    .select({ o: engagements.organizationId })
    .from(engagements)
    .where(eq(engagements.id, engagementId))
    .get()!.o;
  return db
    .insert(timeEntries)
    .values({ organizationId, engagementId, workDate, hundredths, kind: "session", status: "approved", ...values })
    .returning()
    .get();
}

/** A payment row inserted directly, for states the forms reach in several steps. */
function insertPayment(engagementId: string, values: Partial<typeof payments.$inferInsert> = {}) {
  const e = db.select().from(engagements).where(eq(engagements.id, engagementId)).get()!;
  return db
    .insert(payments)
    .values({
      organizationId: e.organizationId,
      engagementId,
      consultantId: e.consultantId,
      feeCents: 10_000,
      method: "check",
      ...values,
    })
    .returning()
    .get();
}

/** A pending payment made through the model, as staff would record it (due 30 days after 1 March). */
function newPayment(
  values: Partial<{ feeCents: number; expensesCents: number; method: PaymentMethod }> = {},
  w: World = harbor,
) {
  const e = engagement({}, w);
  return createPayment({
    organizationId: w.org.id,
    actorUserId: w.staff.userId,
    engagementId: e.id,
    feeCents: 24_050,
    expensesCents: 0,
    creationKey: randomUUID(),
    ...values,
  });
}

const scope = (paymentId: string, w: World = harbor) => ({
  organizationId: w.org.id,
  actor: { userId: w.admin.userId, role: "admin" as const },
  paymentId,
});

function stored(id: string) {
  return db.select().from(payments).where(eq(payments.id, id)).get()!;
}

function auditOf(subjectId: string, action?: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, subjectId), action ? eq(auditEvents.action, action) : undefined))
    .orderBy(sql`rowid`)
    .all();
}

function counts() {
  return {
    payments: db
      .select({ n: sql<number>`count(*)` })
      .from(payments)
      .get()!.n,
    audit: db
      .select({ n: sql<number>`count(*)` })
      .from(auditEvents)
      .get()!.n,
  };
}

function newForm(engagementId: string, values: Record<string, string> = {}) {
  return {
    engagementId,
    creationKey: randomUUID(),
    fee: "240.50",
    expenses: "18.50",
    method: "direct_deposit",
    ...values,
  };
}

function postNew(form: Record<string, string>, who: string = cookie.staff) {
  return callRoute(newRoute.action, makeRequest("/payments/new", { cookie: who, form }));
}

function postPayment(paymentId: string, form: Record<string, string>, who: string = cookie.admin) {
  return callRoute(paymentRoute.action, makeRequest(`/payments/${paymentId}`, { cookie: who, form }), {
    id: paymentId,
  });
}

/** The "mark paid" form as sent from its confirmation: a real method, and "yes". */
const paidForm = (values: Record<string, string>) => ({
  intent: "mark-paid",
  method: "check",
  confirmed: "yes",
  ...values,
});

const idFrom = (location: string | null) => /^\/payments\/([^?]+)\?done=created$/.exec(location ?? "")?.[1];

function expectRuleError(fn: () => void, message?: RegExp) {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(RuleError);
  if (message) expect((thrown as RuleError).message).toMatch(message);
}

function expectNotFound(fn: () => unknown) {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(NotFoundError);
}

// --- suggested fee -----------------------------------------------------------------------------

describe("suggestedFeeCents", () => {
  const suggest = (engagementId: string, w: World = harbor) => suggestedFeeCents(w.org.id, engagementId);

  it("hourly: approved time × rate in exact cents, submitted time not counted", () => {
    const e = engagement({ rateKind: "hourly", rateCents: 5_710 });
    logTime(e.id, "2026-02-10", 100);
    logTime(e.id, "2026-02-11", 200);
    logTime(e.id, "2026-02-12", 150, { status: "submitted" });
    // $57.10 × 3 h: 17130 cents, not 17129.999…
    expect(suggest(e.id)).toBe(17_130);
    expect(suggest(e.id)).toBe(feeForHours(5_710, 300));
  });

  it("hourly: a quarter hour at $57.10 rounds the half cent up, to the consultant", () => {
    const e = engagement({ rateKind: "hourly", rateCents: 5_710 });
    logTime(e.id, "2026-02-10", 25);
    // 5710 × 0.25 = 1427.5 cents
    expect(suggest(e.id)).toBe(1_428);
  });

  it("hourly: nothing approved yet suggests nothing", () => {
    const e = engagement({ rateKind: "hourly", rateCents: 6_000 });
    logTime(e.id, "2026-02-10", 300, { status: "submitted" });
    expect(suggest(e.id)).toBe(0);
  });

  it("hourly: an approved correction replaces the entry it corrects; a submitted one does not yet", () => {
    const e = engagement({ rateKind: "hourly", rateCents: 6_000 });
    const original = logTime(e.id, "2026-02-10", 200);
    logTime(e.id, "2026-02-11", 100);
    expect(suggest(e.id)).toBe(18_000);

    const correction = logTime(e.id, "2026-02-10", 150, { correctsEntryId: original.id });
    expect(suggest(e.id)).toBe(feeForHours(6_000, 250));

    // A correction of the correction, not approved yet: the approved correction still counts.
    logTime(e.id, "2026-02-10", 500, { correctsEntryId: correction.id, status: "submitted" });
    expect(suggest(e.id)).toBe(15_000);
  });

  it("daily: rate × distinct approved work dates", () => {
    const e = engagement({ rateKind: "daily", rateCents: 40_000 });
    logTime(e.id, "2026-02-10", 300);
    logTime(e.id, "2026-02-10", 400); // same day twice counts once
    logTime(e.id, "2026-02-11", 100);
    logTime(e.id, "2026-02-12", 800, { status: "submitted" }); // not approved
    // An approved entry moved to another day by its correction: the old day no longer counts.
    const wrongDay = logTime(e.id, "2026-02-13", 800);
    logTime(e.id, "2026-02-11", 800, { correctsEntryId: wrongDay.id });
    expect(suggest(e.id)).toBe(80_000);
  });

  it("flat fee and honorarium: the rate, with or without time logged", () => {
    const flat = engagement({ rateKind: "flat_fee", rateCents: 150_000 });
    logTime(flat.id, "2026-02-10", 1_000);
    const honorarium = engagement({ rateKind: "honorarium", rateCents: 25_000 });
    expect(suggest(flat.id)).toBe(150_000);
    expect(suggest(honorarium.id)).toBe(25_000);
  });

  it("subtracts fees already recorded, pending, approved or paid, but not void ones nor expenses", () => {
    const e = engagement({ rateKind: "flat_fee", rateCents: 150_000 });
    insertPayment(e.id, { feeCents: 50_000, expensesCents: 9_999, status: "pending" });
    insertPayment(e.id, { feeCents: 20_000, status: "approved" });
    insertPayment(e.id, { feeCents: 30_000, status: "paid", paidDate: "2026-03-05" });
    insertPayment(e.id, { feeCents: 100_000, status: "void", voidReason: "Entered twice" });
    expect(suggest(e.id)).toBe(50_000);
  });

  it("never suggests less than zero", () => {
    const e = engagement({ rateKind: "flat_fee", rateCents: 10_000 });
    insertPayment(e.id, { feeCents: 15_000 });
    expect(suggest(e.id)).toBe(0);
  });

  it("cancelled with a cancellation fee: that fee, whatever time was approved; without one: nothing", () => {
    const withFee = engagement({
      status: "cancelled",
      completedAt: null,
      rateKind: "hourly",
      rateCents: 6_000,
      cancellationFeeCents: 7_500,
    });
    logTime(withFee.id, "2026-02-10", 1_000);
    expect(suggest(withFee.id)).toBe(7_500);
    insertPayment(withFee.id, { feeCents: 5_000 });
    expect(suggest(withFee.id)).toBe(2_500);

    const withoutFee = engagement({ status: "cancelled", completedAt: null, rateKind: "flat_fee", rateCents: 50_000 });
    expect(suggest(withoutFee.id)).toBe(0);
  });

  it("another organization's engagement is not found", () => {
    const theirs = engagement({}, northwind);
    expectNotFound(() => suggest(theirs.id, harbor));
  });
});

// --- creating ----------------------------------------------------------------------------------

describe("recording a payment through /payments/new", () => {
  it("staff record a pending payment in cents and are sent to it", async () => {
    const e = engagement();
    const result = await postNew(newForm(e.id));
    expect(result.status).toBe(302);
    const id = idFrom(result.location);
    expect(id).toBeTruthy();
    const p = stored(id!);
    expect(p).toMatchObject({
      organizationId: harbor.org.id,
      engagementId: e.id,
      consultantId: harbor.consultant.id,
      feeCents: 24_050,
      expensesCents: 1_850,
      method: "direct_deposit",
      status: "pending",
      // 1 March + the engagement's 30 days to pay.
      dueDate: "2026-03-31",
      paidDate: null,
      consultantChoice: null,
      createdByUserId: harbor.staff.userId,
    });
    expect(Number.isInteger(p.feeCents) && Number.isInteger(p.expensesCents)).toBe(true);
  });

  it("accepts dollars with a sign and thousands separators, and no expenses", async () => {
    const e = engagement();
    const result = await postNew(newForm(e.id, { fee: "$1,250.5", expenses: "" }));
    expect(result.status).toBe(302);
    expect(stored(idFrom(result.location)!)).toMatchObject({ feeCents: 125_050, expensesCents: 0 });
  });

  it("accepts exactly $100,000", async () => {
    const result = await postNew(newForm(engagement().id, { fee: "100000", expenses: "0" }));
    expect(result.status).toBe(302);
    expect(stored(idFrom(result.location)!).feeCents).toBe(10_000_000);
  });

  it("the same form sent twice records one payment", async () => {
    const e = engagement();
    const form = newForm(e.id);
    const before = counts().payments;
    const first = await postNew(form);
    const second = await postNew(form);
    expect(first.status).toBe(302);
    expect(second.status).toBe(302);
    expect(second.location).toBe(first.location);
    expect(counts().payments).toBe(before + 1);
    expect(auditOf(idFrom(first.location)!, "payment.created")).toHaveLength(1);
  });

  it("audits the creation with field names only, never amounts", async () => {
    const result = await postNew(newForm(engagement().id));
    const id = idFrom(result.location)!;
    const events = auditOf(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "payment.created",
      subjectType: "payment",
      actorUserId: harbor.staff.userId,
      organizationId: harbor.org.id,
    });
    expect(events[0]!.changedFields).toEqual(["feeCents", "expensesCents", "method", "dueDate"]);
    // Every column that could carry a value; ids and times are left out because random hex or a
    // millisecond count can contain "1850" by chance.
    const raw = JSON.stringify(
      db.$client.prepare("SELECT action, subject_type, changed_fields FROM audit_events WHERE subject_id = ?").all(id),
    );
    for (const value of ["24050", "240.50", "1850", "18.50", "direct_deposit", "2026-03-31"]) {
      expect(raw).not.toContain(value);
    }
  });

  it("the form offers the consultant's preferred method, the due date and the suggested fee", async () => {
    const e = engagement({ rateKind: "hourly", rateCents: 5_710, paymentDueDays: 45 });
    logTime(e.id, "2026-02-10", 300);
    const result = await callRoute(
      newRoute.loader,
      makeRequest(`/payments/new?engagement=${e.id}`, { cookie: cookie.staff }),
    );
    expect(result.status).toBe(200);
    const { facts, creationKey } = result.data as NewData;
    expect(creationKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(facts).toMatchObject({
      engagementId: e.id,
      defaultMethod: "check",
      dueDate: "2026-04-15",
      paymentDueDays: 45,
      suggestedFeeCents: 17_130,
    });
  });

  it("the form requires a method: omitted, it is refused rather than guessed", async () => {
    const before = counts();
    const form: Record<string, string> = newForm(engagement().id);
    delete form.method;
    const result = await postNew(form);
    expect(result.status).toBe(400);
    expect((result.data as Reply).error?.method).toBeTruthy();
    expect(counts()).toEqual(before);
  });

  it("the model defaults the method to the consultant's preference and the due date to completion + deadline", () => {
    const e = engagement({ completedAt: new Date("2026-03-01T15:00:00Z"), paymentDueDays: 45 });
    const id = createPayment({
      organizationId: harbor.org.id,
      actorUserId: harbor.staff.userId,
      engagementId: e.id,
      feeCents: 10_000,
      expensesCents: 0,
      creationKey: randomUUID(),
    });
    expect(stored(id)).toMatchObject({ method: "check", dueDate: "2026-04-15", status: "pending" });
  });

  it("the model leaves the due date empty until the engagement is completed", () => {
    const e = engagement({ status: "in_progress", completedAt: null });
    const id = createPayment({
      organizationId: harbor.org.id,
      actorUserId: harbor.staff.userId,
      engagementId: e.id,
      feeCents: 10_000,
      expensesCents: 0,
      method: null,
      creationKey: randomUUID(),
    });
    expect(stored(id)).toMatchObject({ method: "check", dueDate: null });
  });

  it("a cancelled engagement with a cancellation fee can be paid that fee", async () => {
    const e = engagement({ status: "cancelled", completedAt: null, cancellationFeeCents: 7_500 });
    const result = await postNew(newForm(e.id, { fee: "75", expenses: "" }));
    expect(result.status).toBe(302);
    expect(stored(idFrom(result.location)!).feeCents).toBe(7_500);
  });

  it("a consultant cannot record a payment", async () => {
    const before = counts();
    const result = await postNew(newForm(engagement().id), cookie.consultant);
    expect(result.status).toBe(403);
    expect(counts()).toEqual(before);
  });
});

describe("bad input to /payments/new: 400 and nothing written", () => {
  it.each([
    ["a negative fee", { fee: "-5" }, "fee"],
    ["a fee that is not a number", { fee: "abc" }, "fee"],
    ["a fee with three decimals", { fee: "1.005" }, "fee"],
    ["a fee above $100,000", { fee: "100000.01" }, "fee"],
    ["an absurd fee", { fee: "99999999999999999999" }, "fee"],
    ["no fee", { fee: "" }, "fee"],
    ["negative expenses", { expenses: "-1" }, "expenses"],
    ["expenses with three decimals", { expenses: "0.001" }, "expenses"],
    ["a zero fee and zero expenses", { fee: "0", expenses: "0" }, "fee"],
    ["an unknown method", { method: "crypto" }, "method"],
    ["a creation key that is not a uuid", { creationKey: "abc" }, "creationKey"],
  ])("%s", async (_label, values, field) => {
    const before = counts();
    const result = await postNew(newForm(engagement().id, values));
    expect(result.status).toBe(400);
    expect((result.data as Reply).error?.[field]).toBeTruthy();
    expect(counts()).toEqual(before);
  });

  it("a cancelled engagement without a cancellation fee", async () => {
    for (const cancellationFeeCents of [null, 0]) {
      const e = engagement({ status: "cancelled", completedAt: null, cancellationFeeCents });
      const before = counts();
      const result = await postNew(newForm(e.id));
      expect(result.status).toBe(400);
      const messages = Object.values((result.data as Reply).error ?? {}).flat();
      expect(messages.join(" ")).toMatch(/cancelled without a cancellation fee/);
      expect(counts()).toEqual(before);
    }
  });

  it("another organization's engagement is not found", async () => {
    const theirs = engagement({}, northwind);
    const before = counts();
    const result = await postNew(newForm(theirs.id));
    expect(result.status).toBe(404);
    expect(counts()).toEqual(before);
  });
});

// --- approving, paying, voiding ----------------------------------------------------------------

describe("approving and paying", () => {
  it.each([
    ["approve", { intent: "approve" }],
    ["mark-paid", paidForm({ paidDate: "2026-03-20" })],
    ["void", { intent: "void", reason: "Entered twice" }],
  ])("staff get 403 for %s, and nothing changes", async (_intent, form) => {
    const id = newPayment();
    if (form.intent === "mark-paid") approvePayment(scope(id));
    const before = { row: stored(id), audit: auditOf(id).length };
    const result = await postPayment(id, form, cookie.staff);
    expect(result.status).toBe(403);
    expect(stored(id)).toEqual(before.row);
    expect(auditOf(id)).toHaveLength(before.audit);
  });

  it("staff get 403 for the check before marking paid too: it shows nothing to someone who cannot pay", async () => {
    const id = newPayment();
    approvePayment(scope(id));
    const result = await postPayment(
      id,
      { intent: "mark-paid", method: "check", paidDate: "2026-03-20" },
      cookie.staff,
    );
    expect(result.status).toBe(403);
    expect(JSON.stringify(result.data)).not.toContain("confirm-paid");
  });

  it.each([
    ["approve", (id: string, actor: PaymentActor) => approvePayment({ ...scope(id), actor })],
    [
      "mark paid",
      (id: string, actor: PaymentActor) =>
        markPaymentPaid({ ...scope(id), actor, paidDate: "2026-03-20", reference: null }),
    ],
    ["void", (id: string, actor: PaymentActor) => voidPayment({ ...scope(id), actor, reason: "Entered twice" })],
  ])("the model itself refuses staff to %s, whoever calls it, and nothing changes", (step, take) => {
    const id = newPayment();
    if (step === "mark paid") approvePayment(scope(id));
    const before = { row: stored(id), audit: auditOf(id).length };
    expectForbidden(() => take(id, { userId: harbor.staff.userId, role: "staff" }));
    // The role is read from the person's own membership: a caller claiming "admin" for staff is refused,
    // and so is another organization's admin.
    expectForbidden(() => take(id, { userId: harbor.staff.userId, role: "admin" }));
    expectForbidden(() => take(id, { userId: northwind.admin.userId, role: "admin" }));
    expect(stored(id)).toEqual(before.row);
    expect(auditOf(id)).toHaveLength(before.audit);
  });

  it("the page offers approve, pay, void and 'not paid' to admins only", async () => {
    const id = newPayment();
    const mayOf = async (who: string) =>
      (
        (await callRoute(paymentRoute.loader, makeRequest(`/payments/${id}`, { cookie: who }), { id })).data as Awaited<
          ReturnType<typeof paymentRoute.loader>
        >
      ).may;
    expect(await mayOf(cookie.admin)).toEqual({ approve: true, markPaid: true, void: true, reverse: true });
    expect(await mayOf(cookie.staff)).toEqual({ approve: false, markPaid: false, void: false, reverse: false });
  });

  it("an admin approves and then marks paid through the page", async () => {
    const id = newPayment();
    const approved = await postPayment(id, { intent: "approve" });
    expect(approved.status).toBe(302);
    expect(approved.location).toBe(`/payments/${id}?done=approve`);
    expect(stored(id)).toMatchObject({ status: "approved", approvedByUserId: harbor.admin.userId });
    expect(stored(id).approvedAt).toBeInstanceOf(Date);

    const paid = await postPayment(id, paidForm({ paidDate: "2026-03-20", reference: " CHK-1042 " }));
    expect(paid.status).toBe(302);
    expect(stored(id)).toMatchObject({
      status: "paid",
      paidDate: "2026-03-20",
      reference: "CHK-1042",
      paidByUserId: harbor.admin.userId,
    });
    expect(auditOf(id).map((a) => a.action)).toEqual(["payment.created", "payment.approved", "payment.paid"]);
    expect(auditOf(id, "payment.paid")[0]!.changedFields).toEqual(["status", "paidDate", "reference"]);
  });

  it("approving twice is idempotent: one audit event, the first approval kept", async () => {
    const id = newPayment();
    approvePayment(scope(id));
    const first = stored(id);
    approvePayment(scope(id));
    expect((await postPayment(id, { intent: "approve" })).status).toBe(302);
    expect(stored(id)).toEqual(first);
    expect(auditOf(id, "payment.approved")).toHaveLength(1);
  });

  it("approving a paid payment changes nothing", () => {
    const id = newPayment();
    approvePayment(scope(id));
    markPaymentPaid({ ...scope(id), paidDate: "2026-03-20", reference: null });
    const before = stored(id);
    approvePayment(scope(id));
    expect(stored(id)).toEqual(before);
  });

  it("marking paid without approval is refused, and the payment stays pending", async () => {
    const id = newPayment();
    expectRuleError(
      () => markPaymentPaid({ ...scope(id), paidDate: "2026-03-20", reference: null }),
      /must be approved/,
    );
    const result = await postPayment(id, paidForm({ paidDate: "2026-03-20" }));
    expect(result.status).toBe(400);
    expect(stored(id)).toMatchObject({ status: "pending", paidDate: null, paidByUserId: null });
    expect(auditOf(id, "payment.paid")).toHaveLength(0);
  });

  it("paying twice is idempotent: the first date and reference are kept", async () => {
    const id = newPayment();
    approvePayment(scope(id));
    markPaymentPaid({ ...scope(id), paidDate: "2026-03-20", reference: "CHK-1" });
    markPaymentPaid({ ...scope(id), paidDate: "2026-03-25", reference: "CHK-2" });
    expect((await postPayment(id, paidForm({ paidDate: "2026-04-01" }))).status).toBe(302);
    expect(stored(id)).toMatchObject({ status: "paid", paidDate: "2026-03-20", reference: "CHK-1" });
    expect(auditOf(id, "payment.paid")).toHaveLength(1);
  });

  it.each([
    ["no paid date", {}],
    ["a paid date that does not exist", { paidDate: "2026-02-30" }],
    ["a paid date in another format", { paidDate: "20/03/2026" }],
  ])("mark paid with %s is refused", async (_label, values) => {
    const id = newPayment();
    approvePayment(scope(id));
    const result = await postPayment(id, paidForm(values));
    expect(result.status).toBe(400);
    expect(stored(id)).toMatchObject({ status: "approved", paidDate: null });
  });

  it("voiding needs a reason", async () => {
    const id = newPayment();
    const forms: Record<string, string>[] = [{ intent: "void" }, { intent: "void", reason: "   " }];
    for (const form of forms) {
      const result = await postPayment(id, form);
      expect(result.status).toBe(400);
      expect((result.data as Reply).error?.reason).toBeTruthy();
    }
    expect(stored(id)).toMatchObject({ status: "pending", voidReason: null });

    const result = await postPayment(id, { intent: "void", reason: "Entered twice" });
    expect(result.status).toBe(302);
    expect(stored(id)).toMatchObject({ status: "void", voidReason: "Entered twice" });
    const events = auditOf(id, "payment.voided");
    expect(events).toHaveLength(1);
    expect(events[0]!.changedFields).toEqual(["status", "voidReason"]);
    expect(JSON.stringify(events)).not.toContain("Entered twice");
  });

  it("an approved payment can be made void", () => {
    const id = newPayment();
    approvePayment(scope(id));
    voidPayment({ ...scope(id), reason: "Wrong engagement" });
    expect(stored(id).status).toBe("void");
  });

  it("a paid payment cannot be made void", async () => {
    const id = newPayment();
    approvePayment(scope(id));
    markPaymentPaid({ ...scope(id), paidDate: "2026-03-20", reference: null });
    expectRuleError(() => voidPayment({ ...scope(id), reason: "Oops" }), /paid payment cannot be made void/);
    const result = await postPayment(id, { intent: "void", reason: "Oops" });
    expect(result.status).toBe(400);
    expect(stored(id)).toMatchObject({ status: "paid", voidReason: null });
  });

  it("a void payment cannot be approved or marked paid", async () => {
    const id = newPayment();
    voidPayment({ ...scope(id), reason: "Entered twice" });
    expectRuleError(() => approvePayment(scope(id)), /void payment cannot be approved/);
    expect((await postPayment(id, { intent: "approve" })).status).toBe(400);
    expect((await postPayment(id, paidForm({ paidDate: "2026-03-20" }))).status).toBe(400);
    expect(stored(id)).toMatchObject({ status: "void", approvedAt: null, paidDate: null });
  });

  it("another organization's admin cannot see or touch the payment", async () => {
    const id = newPayment();
    expectNotFound(() => approvePayment(scope(id, northwind)));
    const forms: Record<string, string>[] = [
      { intent: "approve" },
      { intent: "void", reason: "Not ours" },
      { intent: "choice", choice: "declined" },
    ];
    for (const form of forms) {
      expect((await postPayment(id, form, cookie.otherAdmin)).status).toBe(404);
    }
    const opened = await callRoute(paymentRoute.loader, makeRequest(`/payments/${id}`, { cookie: cookie.otherAdmin }), {
      id,
    });
    expect(opened.status).toBe(404);
    expect(stored(id)).toMatchObject({ status: "pending", consultantChoice: null });
  });
});

// --- the consultant's choice -------------------------------------------------------------------

describe("the consultant's choice to defer or decline", () => {
  it("is recorded, not an error, and cleared with 'none'", async () => {
    const id = newPayment();
    for (const choice of ["deferred", "declined"] as const) {
      const result = await postPayment(id, { intent: "choice", choice }, cookie.staff);
      expect(result.status).toBe(302);
      expect(stored(id)).toMatchObject({ consultantChoice: choice, status: "pending" });
    }
    const cleared = await postPayment(id, { intent: "choice", choice: "none" }, cookie.staff);
    expect(cleared.status).toBe(302);
    expect(stored(id).consultantChoice).toBeNull();
    const events = auditOf(id, "payment.choice_recorded");
    expect(events).toHaveLength(3);
    expect(events.every((a) => JSON.stringify(a.changedFields) === '["consultantChoice"]')).toBe(true);
  });

  it("an unknown choice is refused", async () => {
    const id = newPayment();
    expect((await postPayment(id, { intent: "choice", choice: "maybe" }, cookie.staff)).status).toBe(400);
    expect(stored(id).consultantChoice).toBeNull();
  });

  it("a deferred payment past its due date is not overdue", () => {
    const id = newPayment();
    const today = "2026-04-01";
    expect(isPaymentOverdue(stored(id), today)).toBe(true);
    recordPaymentChoice({ ...scope(id), choice: "deferred" });
    expect(isPaymentOverdue(stored(id), today)).toBe(false);
    expect(listPayments(harbor.org.id, { overdueOnly: true }, today).map((p) => p.id)).not.toContain(id);
    recordPaymentChoice({ ...scope(id), choice: null });
    expect(listPayments(harbor.org.id, { overdueOnly: true }, today).map((p) => p.id)).toContain(id);
  });

  it("a paid or void payment refuses a choice", async () => {
    const paid = newPayment();
    approvePayment(scope(paid));
    markPaymentPaid({ ...scope(paid), paidDate: "2026-03-20", reference: null });
    const voided = newPayment();
    voidPayment({ ...scope(voided), reason: "Entered twice" });
    for (const id of [paid, voided]) {
      expectRuleError(() => recordPaymentChoice({ ...scope(id), choice: "declined" }), /already settled/);
      expect((await postPayment(id, { intent: "choice", choice: "deferred" }, cookie.staff)).status).toBe(400);
      expect(stored(id).consultantChoice).toBeNull();
    }
  });
});

// --- overdue and timeliness --------------------------------------------------------------------

describe("overdue payments", () => {
  const today = "2026-03-15";
  const row = (status: string, dueDate: string | null, consultantChoice: string | null = null) => ({
    status,
    dueDate,
    consultantChoice,
  });

  it.each([
    ["pending, past due", row("pending", "2026-03-14"), true],
    ["approved, past due", row("approved", "2026-01-01"), true],
    ["pending, due today", row("pending", today), false],
    ["approved, due tomorrow", row("approved", "2026-03-16"), false],
    ["pending, no due date", row("pending", null), false],
    ["paid, past due", row("paid", "2026-01-01"), false],
    ["void, past due", row("void", "2026-01-01"), false],
    ["pending, past due, deferred", row("pending", "2026-01-01", "deferred"), false],
    ["approved, past due, declined", row("approved", "2026-01-01", "declined"), false],
  ])("%s → %s", (_label, p, expected) => {
    expect(isPaymentOverdue(p, today)).toBe(expected);
  });

  it("the overdue list holds exactly the overdue payments of the organization", async () => {
    const w = await makeWorld("Overdue");
    const e = engagement({}, w);
    const pendingLate = insertPayment(e.id, { status: "pending", dueDate: "2026-03-01" });
    const approvedLate = insertPayment(e.id, { status: "approved", dueDate: "2026-02-01" });
    insertPayment(e.id, { status: "pending", dueDate: today });
    insertPayment(e.id, { status: "pending", dueDate: "2026-04-01" });
    insertPayment(e.id, { status: "pending", dueDate: null });
    insertPayment(e.id, { status: "paid", dueDate: "2026-02-01", paidDate: "2026-03-10" });
    insertPayment(e.id, { status: "void", dueDate: "2026-02-01", voidReason: "Twice" });
    insertPayment(e.id, { status: "pending", dueDate: "2026-02-01", consultantChoice: "declined" });
    insertPayment(engagement({}, northwind).id, { status: "pending", dueDate: "2026-01-01" });

    const overdue = listPayments(w.org.id, { overdueOnly: true }, today);
    expect(overdue.map((p) => p.id).sort()).toEqual([pendingLate.id, approvedLate.id].sort());
    expect(overdue.every((p) => p.overdue)).toBe(true);
    // The full list flags the same two.
    const all = listPayments(w.org.id, {}, today);
    expect(all).toHaveLength(8);
    expect(
      all
        .filter((p) => p.overdue)
        .map((p) => p.id)
        .sort(),
    ).toEqual([pendingLate.id, approvedLate.id].sort());
  });

  it("the payments page shows the oldest 50 overdue with a link to the rest, and pages the list by 100", async () => {
    const w = await makeWorld("Paging");
    const e = engagement({}, w);
    const late = Array.from({ length: 55 }, (_, i) =>
      insertPayment(e.id, { status: "pending", dueDate: `2020-01-${String(i + 1).padStart(2, "0")}` }),
    ).map((p) => p.id);
    for (let i = 0; i < 50; i++) insertPayment(e.id, { status: "paid", dueDate: "2099-01-01", paidDate: "2099-01-01" });
    const admin = await cookieFor(w.admin.userId);
    const open = async (query: string) =>
      (await callRoute(listRoute.loader, makeRequest(`/payments${query}`, { cookie: admin }))).data as ListData;

    const idOf = (item: ListData["items"][number]) => (item.kind === "payment" ? item.payment.id : item.kind);
    const first = await open("");
    expect(first.overdue.map(idOf)).toEqual(late.slice(0, 50));
    expect(first.overdueCounts).toEqual({ payments: 55, unpaidWork: 0, total: 55 });
    expect(first).toMatchObject({ count: 105, page: 1, pageCount: 2 });
    expect(first.items).toHaveLength(100);
    const second = await open("?page=2");
    expect(second.items).toHaveLength(5);
    const everyId = [...first.items, ...second.items].map(idOf);
    expect(new Set(everyId).size).toBe(105);

    // "5 more overdue: show all" leads to the overdue payments alone.
    const overdueOnly = await open("?overdue=1");
    expect(overdueOnly.items.map(idOf)).toEqual(late);
    expect(overdueOnly).toMatchObject({ count: 55, pageCount: 1, overdue: [] });
    expect(overdueOnly.overdueCounts.total).toBe(55);
    expect(overdueOnly.filters).toEqual({ overdue: "1" });
  });

  // A payment recorded while the work is still going on has no due date yet ("When the work is
  // completed"). Once the engagement is completed it must fall due like any other, or it can sit
  // unpaid forever without ever showing in the overdue list.
  it("a payment recorded before completion falls due once the engagement is completed", async () => {
    const w = await makeWorld("Early");
    const e = engagement({ status: "in_progress", completedAt: null, paymentDueDays: 30 }, w);
    const id = createPayment({
      organizationId: w.org.id,
      actorUserId: w.staff.userId,
      engagementId: e.id,
      feeCents: 12_000,
      expensesCents: 0,
      creationKey: randomUUID(),
    });
    expect(stored(id).dueDate).toBeNull();
    changeEngagementStatus({
      organizationId: w.org.id,
      engagementId: e.id,
      actorUserId: w.admin.userId,
      status: "completed",
    });
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    expect(listPayments(w.org.id, { overdueOnly: true }, day(30))).toEqual([]);
    expect(listPayments(w.org.id, { overdueOnly: true }, day(31)).map((p) => p.id)).toEqual([id]);
  });

  it("daysToPay is the paid date minus the completion date, in calendar days", async () => {
    const w = await makeWorld("Timely");
    const late = engagement({ completedAt: new Date("2026-03-01T23:30:00Z") }, w);
    const paid = insertPayment(late.id, { status: "paid", paidDate: "2026-03-20" });
    const sameDay = insertPayment(engagement({ completedAt: new Date("2026-03-01T00:30:00Z") }, w).id, {
      status: "paid",
      paidDate: "2026-03-01",
    });
    const open = insertPayment(late.id, { status: "approved", dueDate: "2026-03-31" });
    const notCompleted = insertPayment(engagement({ status: "in_progress", completedAt: null }, w).id, {
      status: "paid",
      paidDate: "2026-03-20",
    });
    const byId = new Map(listPayments(w.org.id, {}, "2026-03-21").map((p) => [p.id, p.daysToPay]));
    expect(byId.get(paid.id)).toBe(19);
    expect(byId.get(sameDay.id)).toBe(0);
    expect(byId.get(open.id)).toBeNull();
    expect(byId.get(notCompleted.id)).toBeNull();
  });
});

// --- listing -----------------------------------------------------------------------------------

describe("listPayments filters", () => {
  let w: World;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    w = await makeWorld("Ledger");
    const e = engagement({}, w);
    ids.paidJan2026 = insertPayment(e.id, { status: "paid", dueDate: "2025-12-20", paidDate: "2026-01-05" }).id;
    ids.paidDec2025 = insertPayment(e.id, { status: "paid", dueDate: "2026-01-10", paidDate: "2025-12-30" }).id;
    ids.pendingDue2025 = insertPayment(e.id, { status: "pending", dueDate: "2025-12-31" }).id;
    ids.approvedDue2026 = insertPayment(e.id, { status: "approved", dueDate: "2026-02-01" }).id;
    ids.noDueDate = insertPayment(e.id, { status: "pending", dueDate: null }).id;
    ids.voidDue2026 = insertPayment(e.id, { status: "void", dueDate: "2026-06-01", voidReason: "Twice" }).id;
    // Another organization's payment in the same year and status.
    insertPayment(engagement({}, northwind).id, { status: "paid", dueDate: "2026-01-01", paidDate: "2026-01-05" });
  });

  const list = (filters: Parameters<typeof listPayments>[1]) =>
    listPayments(w.org.id, filters, "2026-03-01")
      .map((p) => p.id)
      .sort();
  const expected = (...keys: string[]) => keys.map((k) => ids[k]!).sort();

  it("a paid payment counts in the year it was paid, an open one in the year it is due", () => {
    expect(list({ year: 2026 })).toEqual(expected("paidJan2026", "approvedDue2026", "voidDue2026"));
    expect(list({ year: 2025 })).toEqual(expected("paidDec2025", "pendingDue2025"));
    expect(list({ year: 2024 })).toEqual([]);
  });

  it("filters by status, alone or with a year", () => {
    expect(list({ status: "paid" })).toEqual(expected("paidJan2026", "paidDec2025"));
    expect(list({ status: "pending" })).toEqual(expected("pendingDue2025", "noDueDate"));
    expect(list({ year: 2026, status: "paid" })).toEqual(expected("paidJan2026"));
    expect(list({ year: 2026, status: "approved" })).toEqual(expected("approvedDue2026"));
  });

  it("never shows another organization's payments", () => {
    expect(list({})).toEqual(expected(...Object.keys(ids)));
    const theirs = listPayments(northwind.org.id, {}).map((p) => p.id);
    for (const id of Object.values(ids)) expect(theirs).not.toContain(id);
    expectNotFound(() => getPayment(northwind.org.id, ids.paidJan2026!));
  });

  it("the payments page applies the year and status from the address and ignores nonsense", async () => {
    const admin = await cookieFor(w.admin.userId);
    const open = async (query: string) => {
      const result = await callRoute(listRoute.loader, makeRequest(`/payments${query}`, { cookie: admin }));
      expect(result.status).toBe(200);
      return result.data as ListData;
    };
    const filtered = await open("?year=2026&status=paid");
    expect(filtered.items.map((i) => i.kind === "payment" && i.payment.id)).toEqual([ids.paidJan2026]);
    const nonsense = await open("?year=abc&status=lost");
    expect(nonsense.filters).toEqual({});
    expect(nonsense.items).toHaveLength(Object.keys(ids).length);
  });
});

// --- what can be paid --------------------------------------------------------------------------

/** The consultant's acceptance of the engagement's current terms, as the portal stores it. */
async function accepted(engagementId: string) {
  const e = db.select().from(engagements).where(eq(engagements.id, engagementId)).get()!;
  const who = await createMember({ organizationId: e.organizationId, role: "consultant" });
  db.insert(engagementAgreements)
    .values({
      organizationId: e.organizationId,
      engagementId,
      termsVersion: e.termsVersion,
      decision: "accepted",
      termsSnapshot: termsSnapshot(e),
      decidedByUserId: who.userId,
    })
    .run();
}

/** Staff change the rate through the real edit path. */
function changeRate(engagementId: string, rate: string, w: World = harbor) {
  const e = db.select().from(engagements).where(eq(engagements.id, engagementId)).get()!;
  const values = Object.fromEntries(Object.entries({ ...engagementFormDefaults(e), rate }).filter(([, v]) => v !== ""));
  updateEngagement({
    organizationId: w.org.id,
    engagementId,
    actorUserId: w.staff.userId,
    input: EngagementSchema.parse(values),
  });
}

const modelPayment = (engagementId: string, feeCents: number, actorUserId = harbor.staff.userId) =>
  createPayment({
    organizationId: harbor.org.id,
    actorUserId,
    engagementId,
    feeCents,
    expensesCents: 0,
    creationKey: randomUUID(),
  });

const messagesOf = (result: { data: unknown }) =>
  Object.values((result.data as Reply).error ?? {})
    .flat()
    .join(" ");

describe("work the consultant never accepted", () => {
  it("cannot be paid: the form says so, and neither the page nor the model records a payment", async () => {
    const e = engagement({ status: "proposed", completedAt: null, rateKind: "flat_fee", rateCents: 50_000 });
    logTime(e.id, "2026-02-10", 300);
    expect(suggestedFeeCents(harbor.org.id, e.id)).toBe(0);
    const opened = await callRoute(
      newRoute.loader,
      makeRequest(`/payments/new?engagement=${e.id}`, { cookie: cookie.staff }),
    );
    expect((opened.data as NewData).facts.nothingToPayReason).toMatch(/not accepted this work yet/);

    const before = counts();
    const result = await postNew(newForm(e.id));
    expect(result.status).toBe(400);
    expect(messagesOf(result)).toMatch(/not accepted this work yet/);
    expectRuleError(() => modelPayment(e.id, 10_000), /not accepted this work yet/);
    expect(counts()).toEqual(before);
  });

  it("once accepted before its terms changed, is paid at the rate the consultant accepted", async () => {
    const e = engagement({ status: "in_progress", completedAt: null, rateKind: "hourly", rateCents: 6_000 });
    await accepted(e.id);
    logTime(e.id, "2026-02-10", 300);
    changeRate(e.id, "90.00");
    expect(db.select().from(engagements).where(eq(engagements.id, e.id)).get()).toMatchObject({
      status: "proposed",
      rateCents: 9_000,
      termsVersion: 2,
    });
    // 3 hours at the accepted $60, not the $90 nobody agreed to yet.
    expect(suggestedFeeCents(harbor.org.id, e.id)).toBe(18_000);
    const id = modelPayment(e.id, 18_000);
    expect(stored(id).status).toBe("pending");

    // Once the consultant accepts the new rate, it is what the approved time earns.
    await accepted(e.id);
    expect(suggestedFeeCents(harbor.org.id, e.id)).toBe(27_000 - 18_000);
  });

  it("the suggested fee follows the newest acceptance, not a later change nobody accepted", async () => {
    const e = engagement({ status: "agreed", completedAt: null, rateKind: "daily", rateCents: 40_000 });
    await accepted(e.id);
    logTime(e.id, "2026-02-10", 300);
    logTime(e.id, "2026-02-11", 300);
    // A rate changed behind the consultant's back (the edit page would also ask them again).
    db.update(engagements).set({ rateCents: 90_000 }).where(eq(engagements.id, e.id)).run();
    expect(suggestedFeeCents(harbor.org.id, e.id)).toBe(80_000);
  });
});

describe("cancelled work is owed its cancellation fee, no more", () => {
  const cancelled = (cancellationFeeCents: number | null) =>
    engagement({ status: "cancelled", completedAt: null, cancellationFeeCents, cancellationReason: "Funding" });

  it("fees recorded for it stay within the cancellation fee; void ones and expenses do not count", async () => {
    const e = cancelled(7_500);
    const tooMuch = await postNew(newForm(e.id, { fee: "75.01", expenses: "" }));
    expect(tooMuch.status).toBe(400);
    expect((tooMuch.data as Reply).error?.fee?.join(" ")).toBe(
      "This engagement was cancelled with a cancellation fee of $75.00. The fee can be at most $75.00.",
    );

    const first = await postNew(newForm(e.id, { fee: "50", expenses: "" }));
    expect(first.status).toBe(302);
    const second = await postNew(newForm(e.id, { fee: "30", expenses: "" }));
    expect(second.status).toBe(400);
    expect((second.data as Reply).error?.fee?.join(" ")).toBe(
      "This engagement was cancelled with a cancellation fee of $75.00, and other payments already take $50.00 of it. The fee can be at most $25.00.",
    );
    expect((await postNew(newForm(e.id, { fee: "25", expenses: "" }))).status).toBe(302);
    // Reimbursed costs are not part of the fee.
    expect((await postNew(newForm(e.id, { fee: "0", expenses: "40" }))).status).toBe(302);
    expectRuleError(() => modelPayment(e.id, 1), /at most \$0\.00/);

    // A void payment no longer takes any of it.
    voidPayment({ ...scope(idFrom(first.location)!), reason: "Entered twice" });
    expect(modelPayment(e.id, 5_000)).toBeTruthy();
  });

  it("a pending payment from before the cancellation cannot be approved beyond the cancellation fee", async () => {
    const e = engagement({ status: "in_progress", completedAt: null });
    const id = modelPayment(e.id, 24_050);
    changeEngagementStatus({
      organizationId: harbor.org.id,
      engagementId: e.id,
      actorUserId: harbor.staff.userId,
      status: "cancelled",
      cancellationReason: "Funding ended",
      cancellationFeeCents: 7_500,
    });
    expectRuleError(() => approvePayment(scope(id)), /cancellation fee of \$75\.00.*at most \$75\.00.*void/);
    const result = await postPayment(id, { intent: "approve" });
    expect(result.status).toBe(400);
    expect(messagesOf(result)).toMatch(/cancellation fee of \$75\.00/);
    expect(stored(id)).toMatchObject({ status: "pending", approvedByUserId: null });
    expect(auditOf(id, "payment.approved")).toHaveLength(0);
  });

  it("nor approved at all when it was cancelled without a fee", () => {
    const e = engagement({ status: "in_progress", completedAt: null });
    const id = modelPayment(e.id, 10_000);
    changeEngagementStatus({
      organizationId: harbor.org.id,
      engagementId: e.id,
      actorUserId: harbor.staff.userId,
      status: "cancelled",
      cancellationReason: "Funding ended",
    });
    expectRuleError(() => approvePayment(scope(id)), /without a cancellation fee/);
    expect(stored(id).status).toBe("pending");
  });

  it("of two pending payments, only what fits within the fee is approved", () => {
    const e = cancelled(7_500);
    const first = insertPayment(e.id, { feeCents: 5_000 });
    const second = insertPayment(e.id, { feeCents: 5_000 });
    approvePayment(scope(first.id));
    expectRuleError(() => approvePayment(scope(second.id)), /other payments already take \$50\.00/);
    expect(stored(second.id).status).toBe("pending");
  });

  it("an approved payment from before the cancellation cannot be marked paid beyond it", async () => {
    const e = engagement({ status: "in_progress", completedAt: null });
    const id = modelPayment(e.id, 24_050);
    approvePayment(scope(id));
    changeEngagementStatus({
      organizationId: harbor.org.id,
      engagementId: e.id,
      actorUserId: harbor.staff.userId,
      status: "cancelled",
      cancellationReason: "Funding ended",
      cancellationFeeCents: 7_500,
    });
    expectRuleError(
      () => markPaymentPaid({ ...scope(id), paidDate: "2026-03-20", reference: null }),
      /cancellation fee of \$75\.00/,
    );
    expect((await postPayment(id, paidForm({ paidDate: "2026-03-20" }))).status).toBe(400);
    expect(stored(id)).toMatchObject({ status: "approved", paidDate: null });
  });

  it("a payment within the fee is approved and paid as usual", () => {
    const e = cancelled(7_500);
    const id = modelPayment(e.id, 7_500);
    expect(approvePayment(scope(id))).toBe(true);
    expect(markPaymentPaid({ ...scope(id), paidDate: "2026-03-20", reference: null })).toBe(true);
    expect(stored(id).status).toBe("paid");
  });
});

// --- two people ----------------------------------------------------------------------------------

describe("the person who recorded a payment does not approve it", () => {
  it("when the organization has another admin: refused, and the other admin approves", async () => {
    const w = await makeWorld("Two admins");
    const second = await createMember({ organizationId: w.org.id, role: "admin" });
    const id = createPayment({
      organizationId: w.org.id,
      actorUserId: w.admin.userId,
      engagementId: engagement({}, w).id,
      feeCents: 12_000,
      expensesCents: 0,
      creationKey: randomUUID(),
    });
    expectRuleError(() => approvePayment(scope(id, w)), new RegExp(`^${SELF_APPROVAL_MESSAGE}$`));
    expect(SELF_APPROVAL_MESSAGE).toBe("Someone other than the person who recorded this payment must approve it.");
    const result = await callRoute(
      paymentRoute.action,
      makeRequest(`/payments/${id}`, { cookie: await cookieFor(w.admin.userId), form: { intent: "approve" } }),
      { id },
    );
    expect(result.status).toBe(400);
    expect(messagesOf(result)).toBe(SELF_APPROVAL_MESSAGE);
    expect(stored(id)).toMatchObject({ status: "pending", approvedByUserId: null });

    expect(approvePayment({ ...scope(id, w), actor: { userId: second.userId, role: "admin" } })).toBe(true);
    expect(stored(id)).toMatchObject({ status: "approved", approvedByUserId: second.userId });
    expect(auditOf(id, "payment.approved").map((a) => a.changedFields)).toEqual([["status"]]);
  });

  it("when they are the only active admin (a small team): allowed, and the audit log says so", async () => {
    const w = await makeWorld("One admin");
    await createMember({ organizationId: w.org.id, role: "admin", deactivated: true });
    const id = createPayment({
      organizationId: w.org.id,
      actorUserId: w.admin.userId,
      engagementId: engagement({}, w).id,
      feeCents: 12_000,
      expensesCents: 0,
      creationKey: randomUUID(),
    });
    expect(approvePayment(scope(id, w))).toBe(true);
    expect(stored(id)).toMatchObject({ status: "approved", approvedByUserId: w.admin.userId });
    const [event] = auditOf(id, "payment.approved");
    expect(event).toMatchObject({ actorUserId: w.admin.userId, changedFields: ["status", "selfApproved"] });
  });
});

// --- dates, amounts and numbers as typed ---------------------------------------------------------

describe("typed dates, amounts and numbers stay within sense", () => {
  const today = parseISO(new Date().toISOString().slice(0, 10));
  const day = (date: Date) => format(date, "yyyy-MM-dd");

  it.each([
    ["year 1", "0001-01-01"],
    ["before 2000", "1999-12-31"],
    ["tomorrow", day(addDays(today, 1))],
    ["a week ahead", day(addDays(today, 7))],
    ["far in the future", "2099-01-01"],
  ])("a paid date %s is refused", async (_label, paidDate) => {
    const id = newPayment();
    approvePayment(scope(id));
    const result = await postPayment(id, paidForm({ paidDate }));
    expect(result.status).toBe(400);
    expect((result.data as Reply).error?.paidDate?.join(" ")).toMatch(/^Use a date from Jan 1, 2000 to /);
    expect(stored(id)).toMatchObject({ status: "approved", paidDate: null });
  });

  it.each([
    ["2000-01-01", "2000-01-01"],
    ["today", day(today)],
  ])("a paid date of %s is taken", async (_label, paidDate) => {
    const id = newPayment();
    approvePayment(scope(id));
    expect((await postPayment(id, paidForm({ paidDate }))).status).toBe(302);
    expect(stored(id)).toMatchObject({ status: "paid", paidDate });
  });

  // The due date is no longer typed: it follows from the terms and the completion date.
  it.each([
    ["year 1", "0001-01-01"],
    ["two years ahead", day(addYears(today, 2))],
    ["in 2099", "2099-01-01"],
  ])("a due date typed as %s is not taken: the engagement's is", async (_label, dueDate) => {
    const result = await postNew(newForm(engagement().id, { dueDate }));
    expect(result.status).toBe(302);
    expect(stored(idFrom(result.location)!).dueDate).toBe("2026-03-31");
  });

  // Leading zeros keep these valid amounts ($1) without a length limit.
  it.each(["fee", "expenses"])("a %s longer than 20 characters is refused", async (field) => {
    const before = counts();
    const result = await postNew(newForm(engagement().id, { [field]: `${"0".repeat(20)}1` }));
    expect(result.status).toBe(400);
    expect((result.data as Reply).error?.[field]).toBeTruthy();
    expect(counts()).toEqual(before);
  });

  describe("pay settings", () => {
    const post = (form: Record<string, string>) =>
      callRoute(payRoute.action, makeRequest("/settings/pay", { cookie: cookie.admin, form }));

    // z.coerce.number() reads "1e1" as 10, "0x1e" as 30 and "0x7d0" as 2000.
    it.each(["1e1", "0x1e", "Infinity", "30.0"])("a payment deadline of %s is refused", async (days) => {
      const before = getOrganizationSettings(harbor.org.id);
      const result = await post({ intent: "pay", defaultHourlyRate: "60", paymentDueDays: days });
      expect(result.status).toBe(400);
      expect(englishErrors((result.data as Reply).error).paymentDueDays?.join(" ")).toMatch(/whole days/);
      expect(getOrganizationSettings(harbor.org.id)).toEqual(before);
    });

    it.each(["0x7d0", "2e3", "2026.0"])("a tax year of %s is refused", async (taxYear) => {
      const result = await post({ intent: "threshold", taxYear, threshold: "600" });
      expect(result.status).toBe(400);
      expect(
        db.select().from(taxYearThresholds).where(eq(taxYearThresholds.organizationId, harbor.org.id)).all(),
      ).toEqual([]);
    });

    it("a rate longer than 20 characters is refused; digits are taken", async () => {
      const long = await post({ intent: "pay", defaultHourlyRate: `${"0".repeat(20)}60`, paymentDueDays: "30" });
      expect(long.status).toBe(400);
      expect((await post({ intent: "pay", defaultHourlyRate: "60", paymentDueDays: "21" })).status).toBe(302);
      expect(getOrganizationSettings(harbor.org.id)).toMatchObject({
        defaultHourlyRateCents: 6_000,
        paymentDueDays: 21,
      });
    });
  });

  it("a tax year in the address that is not plain digits shows this year", async () => {
    const result = await callRoute(
      taxYearRoute.loader,
      makeRequest("/payments/tax-year?year=0x7d0", { cookie: cookie.staff }),
    );
    expect((result.data as { taxYear: number }).taxYear).toBe(new Date().getUTCFullYear());
  });
});

// --- marking paid: asked twice, a real method, a day that has come ------------------------------

describe("marking paid asks first, and needs a real method and a day that has come", () => {
  type Answer = { step?: string; values?: Record<string, string> };

  it("the first post only shows what will be recorded; 'change something' brings the form back as typed", async () => {
    const id = newPayment();
    approvePayment(scope(id));
    const before = { row: stored(id), audit: auditOf(id).length };
    const asked = await postPayment(id, {
      intent: "mark-paid",
      paidDate: "2026-03-20",
      method: "cash",
      reference: "R-7",
    });
    expect(asked.status).toBe(200);
    expect(asked.data as Answer).toEqual({
      step: "confirm-paid",
      values: { paidDate: "2026-03-20", method: "cash", reference: "R-7" },
    });
    const changing = await postPayment(id, paidForm({ paidDate: "2026-03-20", method: "cash", confirmed: "no" }));
    expect(changing.status).toBe(200);
    expect((changing.data as Answer).step).toBe("edit-paid");
    expect(stored(id)).toEqual(before.row);
    expect(auditOf(id)).toHaveLength(before.audit);

    expect((await postPayment(id, paidForm({ paidDate: "2026-03-20", method: "cash" }))).status).toBe(302);
    expect(stored(id)).toMatchObject({ status: "paid", paidDate: "2026-03-20", method: "cash" });
    expect(auditOf(id, "payment.paid")[0]!.changedFields).toEqual(["status", "paidDate", "reference", "method"]);
  });

  it.each([
    ["“Not decided yet”", { method: "undecided" }],
    ["no method", { method: "" }],
  ])("the form refuses %s as how it was paid, next to the field", async (_label, values) => {
    const id = newPayment();
    approvePayment(scope(id));
    const result = await postPayment(id, paidForm({ paidDate: "2026-03-20", ...values }));
    expect(result.status).toBe(400);
    expect((result.data as Reply).error?.method?.join(" ")).toBe(
      "Choose how it was paid. “Not decided yet” is not a way to pay.",
    );
    expect(stored(id)).toMatchObject({ status: "approved", paidDate: null });
  });

  it("the model refuses a payment still without a method, whoever calls it, and takes the method given", () => {
    const id = newPayment({ method: "undecided" });
    approvePayment(scope(id));
    let thrown: unknown;
    try {
      markPaymentPaid({ ...scope(id), paidDate: "2026-03-20", reference: null });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RuleError);
    expect((thrown as RuleError).field).toBe("method");
    expect(stored(id)).toMatchObject({ status: "approved", method: "undecided", paidDate: null });
    expect(markPaymentPaid({ ...scope(id), paidDate: "2026-03-20", method: "gift_card", reference: null })).toBe(true);
    expect(stored(id)).toMatchObject({ status: "paid", method: "gift_card" });
  });

  it("the model refuses a paid date after today, even a day ahead", () => {
    const id = newPayment();
    approvePayment(scope(id));
    let thrown: unknown;
    try {
      markPaymentPaid({ ...scope(id), paidDate: "2026-03-21", reference: null, today: "2026-03-20" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RuleError);
    expect((thrown as RuleError).field).toBe("paidDate");
    expect(stored(id)).toMatchObject({ status: "approved", paidDate: null });
    expect(markPaymentPaid({ ...scope(id), paidDate: "2026-03-20", reference: null, today: "2026-03-20" })).toBe(true);
  });
});

// --- a mistaken "paid" -------------------------------------------------------------------------

describe("a payment marked paid by mistake", () => {
  function paidPayment() {
    const id = newPayment();
    approvePayment(scope(id));
    markPaymentPaid({ ...scope(id), paidDate: "2026-03-20", reference: "CHK-9" });
    return id;
  }
  const history = async (id: string) =>
    (
      (await callRoute(paymentRoute.loader, makeRequest(`/payments/${id}`, { cookie: cookie.admin }), { id }))
        .data as Awaited<ReturnType<typeof paymentRoute.loader>>
    ).history;

  it("is marked not paid by an admin with a reason: approved again, and the history keeps what and why", async () => {
    const id = paidPayment();
    const result = await postPayment(id, { intent: "reverse-paid", reason: "  The check was never sent  " });
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/payments/${id}?done=reverse-paid`);
    expect(stored(id)).toMatchObject({ status: "approved", paidDate: null, reference: null, paidByUserId: null });
    const events = auditOf(id, "payment.paid_reversed");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorUserId: harbor.admin.userId });
    expect(JSON.stringify(events)).not.toContain("never sent");

    const steps = await history(id);
    expect(steps.map((e) => e.action)).toEqual([
      "payment.created",
      "payment.approved",
      "payment.paid",
      "payment.paid_reversed",
    ]);
    expect(steps.at(-1)!.reversal).toEqual({ formerPaidDate: "2026-03-20", reason: "The check was never sent" });
    expect(steps.at(-1)!.actorName).toBeTruthy();

    // It can be paid again, and reversed again; each reversal keeps its own reason.
    markPaymentPaid({ ...scope(id), paidDate: "2026-03-25", reference: null });
    await postPayment(id, { intent: "reverse-paid", reason: "Wrong consultant" });
    const again = (await history(id)).filter((e) => e.reversal);
    expect(again.map((e) => e.reversal)).toEqual([
      { formerPaidDate: "2026-03-20", reason: "The check was never sent" },
      { formerPaidDate: "2026-03-25", reason: "Wrong consultant" },
    ]);
  });

  it("needs a reason, said next to the field; without one nothing changes", async () => {
    const id = paidPayment();
    const before = { row: stored(id), audit: auditOf(id).length };
    const forms: Record<string, string>[] = [{ intent: "reverse-paid" }, { intent: "reverse-paid", reason: "   " }];
    for (const form of forms) {
      const result = await postPayment(id, form);
      expect(result.status).toBe(400);
      expect((result.data as Reply).error?.reason).toEqual(["Say why."]);
    }
    expect(stored(id)).toEqual(before.row);
    expect(auditOf(id)).toHaveLength(before.audit);
  });

  it("cannot be marked not paid by staff who are not admins, through the page or the model", async () => {
    const id = paidPayment();
    const before = { row: stored(id), audit: auditOf(id).length };
    expect((await postPayment(id, { intent: "reverse-paid", reason: "Oops" }, cookie.staff)).status).toBe(403);
    expectForbidden(() =>
      reversePaidPayment({
        organizationId: harbor.org.id,
        actor: { userId: harbor.staff.userId, role: "staff" },
        paymentId: id,
        reason: "Oops",
      }),
    );
    expect(stored(id)).toEqual(before.row);
    expect(auditOf(id)).toHaveLength(before.audit);
  });

  it("only a paid payment can be marked not paid; another organization's is not found", async () => {
    const id = newPayment();
    const result = await postPayment(id, { intent: "reverse-paid", reason: "Oops" });
    expect(result.status).toBe(400);
    expect(stored(id).status).toBe("pending");
    const paid = paidPayment();
    expect((await postPayment(paid, { intent: "reverse-paid", reason: "Not ours" }, cookie.otherAdmin)).status).toBe(
      404,
    );
    expect(stored(paid).status).toBe("paid");
  });

  it("keeps its reversal rows as they were: they cannot be changed or removed", () => {
    const id = paidPayment();
    reversePaidPayment({
      organizationId: harbor.org.id,
      actor: { userId: harbor.admin.userId, role: "admin" },
      paymentId: id,
      reason: "Bounced",
    });
    expect(() =>
      db.update(paymentReversals).set({ reason: "Something else" }).where(eq(paymentReversals.paymentId, id)).run(),
    ).toThrow(/append-only/);
    expect(() => db.delete(paymentReversals).where(eq(paymentReversals.paymentId, id)).run()).toThrow(/append-only/);
  });
});

function expectForbidden(fn: () => unknown) {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ForbiddenError);
}
