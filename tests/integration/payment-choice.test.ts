// What a consultant says about their own payment in "My pay": "I need it now" (recorded, audited,
// the people who pay are emailed a neutral notice, and it goes first for them), "I do not want this
// payment" (only through its confirmation page, told to staff, taken back until the payment is void)
// and "Pay me later". Real pages, real sessions, this file's own copy of the migrated database.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, emailOutbox, payments } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { staffDashboard } from "../../app/models/dashboard.server";
import { staffToldAction } from "../../app/models/payment/consultant-choice.server";
import {
  DECLINED_NOT_PAID_MESSAGE,
  markPaymentPaid,
  recordPaymentChoice,
  voidPayment,
} from "../../app/models/payment/steps.server";
import { listPayments } from "../../app/models/payment/lists.server";
import * as payPage from "../../app/routes/portal.pay";
import * as declinePage from "../../app/routes/portal.pay_.$id.decline";
import * as listPage from "../../app/routes/_staff.payments._index";
import {
  cookieFor,
  createConsultantRecord,
  createEngagementRecord,
  createMember,
  createOrganization,
  createProgramRecord,
} from "../support/factories";
import { changedTables, snapshot } from "../support/db-snapshot";
import { callRoute, makeRequest } from "../support/http";
import { inEnglish } from "../../app/i18n/translate.server";

type Member = Awaited<ReturnType<typeof createMember>>;
type PayData = Awaited<ReturnType<typeof payPage.loader>>;
type ListData = Awaited<ReturnType<typeof listPage.loader>>;

const TODAY = new Date().toISOString().slice(0, 10);
const PAST_DUE = "2026-01-15";

let org: ReturnType<typeof createOrganization>;
let admin: Member, secondAdmin: Member, recorder: Member, otherStaff: Member, consultantLogin: Member;
let consultantId: string;
let programId: string;
const cookie = { consultant: "", admin: "" };

beforeAll(async () => {
  org = createOrganization(`Choices ${randomUUID().slice(0, 8)}`);
  [admin, secondAdmin, recorder, otherStaff, consultantLogin] = (await Promise.all([
    createMember({ organizationId: org.id, role: "admin" }),
    createMember({ organizationId: org.id, role: "admin" }),
    createMember({ organizationId: org.id, role: "staff" }),
    createMember({ organizationId: org.id, role: "staff" }),
    createMember({ organizationId: org.id, role: "consultant" }),
  ])) as [Member, Member, Member, Member, Member];
  consultantId = createConsultantRecord(org.id, {
    userId: consultantLogin.userId,
    email: consultantLogin.email,
    preferredName: "Rosa Tagname",
    emailSafety: "safe",
  }).id;
  programId = createProgramRecord(org.id).id;
  cookie.consultant = await cookieFor(consultantLogin.userId);
  cookie.admin = await cookieFor(admin.userId);
});

/** An open payment of the consultant's, recorded by `recorder`, late unless told. */
function payment(values: Partial<typeof payments.$inferInsert> = {}) {
  const e = createEngagementRecord(org.id, consultantId, programId, {
    status: "completed",
    completedAt: new Date("2026-01-01T00:00:00Z"),
    title: `Survey review ${randomUUID().slice(0, 6)}`,
  });
  return db
    .insert(payments)
    .values({
      organizationId: org.id,
      engagementId: e.id,
      consultantId,
      feeCents: 31_500,
      expensesCents: 1_850,
      method: "check",
      status: "approved",
      dueDate: PAST_DUE,
      createdByUserId: recorder.userId,
      ...values,
    })
    .returning()
    .get();
}

const stored = (id: string) => db.select().from(payments).where(eq(payments.id, id)).get()!;
/** The audited changes of a payment (emails to staff are audited apart: see staffToldOf). */
const auditOf = (id: string) =>
  db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.subjectId, id))
    .orderBy(sql`rowid`)
    .all()
    .filter((e) => !e.action.startsWith("payment.staff_told."));
const staffToldOf = (id: string) =>
  db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(eq(auditEvents.subjectId, id))
    .orderBy(sql`rowid`)
    .all()
    .map((e) => e.action)
    .filter((action) => action.startsWith("payment.staff_told."));
const outboxCount = () =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(emailOutbox)
    .get()!.n;
const newEmails = (since: number) =>
  db
    .select()
    .from(emailOutbox)
    .orderBy(sql`rowid`)
    .all()
    .slice(since);

function postPay(form: Record<string, string>, who = cookie.consultant) {
  return callRoute(payPage.action, makeRequest("/portal/pay", { cookie: who, form }));
}

function postDecline(id: string, form: Record<string, string> = { confirm: "yes" }, who = cookie.consultant) {
  return callRoute(declinePage.action, makeRequest(`/portal/pay/${id}/decline`, { cookie: who, form }), { id });
}

async function myPay() {
  const page = await callRoute(payPage.loader, makeRequest("/portal/pay", { cookie: cookie.consultant }));
  return (page.data as PayData).payments;
}

describe("I need it now", () => {
  it("is recorded and audited, emails the admins and whoever recorded it a notice with no name or amount", async () => {
    const p = payment();
    const before = outboxCount();
    const result = await postPay({ intent: "need-now", paymentId: p.id });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/portal/pay?done=need-now");
    expect(stored(p.id).neededNowAt).toBeInstanceOf(Date);
    expect(stored(p.id).status).toBe("approved");
    const events = auditOf(p.id);
    expect(events.map((e) => [e.action, e.actorUserId, e.changedFields])).toEqual([
      ["payment.needed_now", consultantLogin.userId, ["neededNowAt"]],
    ]);

    const sent = newEmails(before);
    expect(sent.map((m) => m.toAddress).sort()).toEqual([admin.email, secondAdmin.email, recorder.email].sort());
    for (const mail of sent) {
      expect(mail.template).toBe("staff-notice");
      expect(mail.subject).toBe("You have an update");
      const body = `${mail.subject}\n${mail.text}\n${mail.html}`;
      for (const secret of ["Rosa", "Tagname", "315", "18.50", "Survey review", consultantLogin.email]) {
        expect(body).not.toContain(secret);
      }
      expect(mail.text).toContain("/payments");
    }
  });

  it("asked twice, records the first request and emails nobody again", async () => {
    const p = payment();
    await postPay({ intent: "need-now", paymentId: p.id });
    const first = stored(p.id).neededNowAt;
    const before = outboxCount();
    expect((await postPay({ intent: "need-now", paymentId: p.id })).status).toBe(302);
    expect(stored(p.id).neededNowAt).toEqual(first);
    expect(outboxCount()).toBe(before);
    expect(auditOf(p.id)).toHaveLength(1);
  });

  it("tapped back and forth with 'Pay me later', emails the people who pay once a day, not at every tap", async () => {
    const p = payment();
    const before = outboxCount();
    for (let i = 0; i < 5; i++) {
      await postPay({ intent: "need-now", paymentId: p.id });
      await postPay({ intent: "defer", paymentId: p.id });
    }
    await postPay({ intent: "need-now", paymentId: p.id });
    expect(stored(p.id).neededNowAt).toBeInstanceOf(Date);
    // Three people pay (two admins and whoever recorded it): one notice each.
    expect(newEmails(before)).toHaveLength(3);
    expect(staffToldOf(p.id)).toEqual([staffToldAction("needed_now")]);
  });

  it("puts the payment first in the staff list and its overdue panel, marked, whatever its due date", async () => {
    const older = payment({ dueDate: "2025-12-01" });
    const p = payment({ dueDate: "2026-02-01" });
    const list = (filters: Parameters<typeof listPayments>[1]) => listPayments(org.id, filters, TODAY);
    /** Where `p` is in the list, after only payments needed now (other tests of this file ask too). */
    const placeOfP = (rows: { id: string; neededNow: boolean }[]) => {
      const at = rows.findIndex((row) => row.id === p.id);
      expect(rows.slice(0, at).every((row) => row.neededNow)).toBe(true);
      return at;
    };
    const before = list({});
    expect(before.findIndex((row) => row.id === older.id)).toBeLessThan(before.findIndex((row) => row.id === p.id));
    await postPay({ intent: "need-now", paymentId: p.id });
    for (const rows of [list({}), list({ overdueOnly: true })]) {
      expect(placeOfP(rows)).toBeLessThan(rows.findIndex((row) => row.id === older.id));
    }
    const page = await callRoute(listPage.loader, makeRequest("/payments", { cookie: cookie.admin }));
    const data = page.data as ListData;
    const shown = data.items.flatMap((item) => (item.kind === "payment" ? [item.payment] : []));
    expect(shown[placeOfP(shown)]).toMatchObject({ id: p.id, neededNow: true });
    expect(shown.find((row) => row.id === older.id)?.neededNow).toBe(false);
    // The Overdue panel, which also holds completed work with no payment, leads with it too.
    const panel = data.overdue.flatMap((item) => (item.kind === "payment" ? [item.payment] : []));
    expect(placeOfP(panel)).toBeLessThan(panel.findIndex((row) => row.id === older.id));
    // Once paid it is no longer needed now, and takes its place by date again.
    db.update(payments).set({ status: "paid", paidDate: TODAY }).where(eq(payments.id, p.id)).run();
    const after = list({});
    expect(after.findIndex((row) => row.id === older.id)).toBeLessThan(after.findIndex((row) => row.id === p.id));
  });

  it("is in the 'Needs you' list of the admins and of whoever recorded it, not of other staff", async () => {
    const p = payment();
    await postPay({ intent: "need-now", paymentId: p.id });
    const needsYou = (userId: string, role: "admin" | "staff") =>
      staffDashboard({
        organizationId: org.id,
        actor: { userId, role },
        period: { from: "2026-01-01", to: TODAY },
        today: TODAY,
      }).needsYou.neededNow.map((row) => row.id);
    expect(needsYou(admin.userId, "admin")).toContain(p.id);
    expect(needsYou(recorder.userId, "staff")).toContain(p.id);
    expect(needsYou(otherStaff.userId, "staff")).not.toContain(p.id);
  });

  it("shows in My pay as told, without the button to ask again", async () => {
    const p = payment();
    expect((await myPay()).find((row) => row.id === p.id)).toMatchObject({ overdue: true, neededNow: false });
    await postPay({ intent: "need-now", paymentId: p.id });
    expect((await myPay()).find((row) => row.id === p.id)).toMatchObject({ neededNow: true });
  });

  it("is refused for a paid or void payment, and changes nothing", async () => {
    for (const status of ["paid", "void"] as const) {
      const p = payment({ status, paidDate: status === "paid" ? "2026-02-01" : null });
      const before = snapshot();
      expect((await postPay({ intent: "need-now", paymentId: p.id })).status).toBe(400);
      expect(changedTables(before, snapshot())).toEqual([]);
    }
  });
});

describe("I do not want this payment", () => {
  it("cannot be said with one tap on My pay: the old one-step form is refused", async () => {
    const p = payment();
    const before = snapshot();
    const forms: Record<string, string>[] = [
      { paymentId: p.id, choice: "declined" },
      { intent: "declined", paymentId: p.id },
      { intent: "decline", paymentId: p.id },
    ];
    for (const form of forms) {
      expect((await postPay(form)).status).toBe(400);
    }
    expect(changedTables(before, snapshot())).toEqual([]);
  });

  it("the confirmation page says what happens and writes nothing; only its button declines", async () => {
    const p = payment();
    const before = snapshot();
    const page = await callRoute(
      declinePage.loader,
      makeRequest(`/portal/pay/${p.id}/decline`, { cookie: cookie.consultant }),
      { id: p.id },
    );
    expect(page.status).toBe(200);
    expect((page.data as Awaited<ReturnType<typeof declinePage.loader>>).payment).toMatchObject({
      id: p.id,
      feeCents: 31_500,
      expensesCents: 1_850,
      status: "approved",
      consultantChoice: null,
    });
    // Sent without the button's answer: nothing happens.
    expect((await postDecline(p.id, {})).status).toBe(400);
    expect(changedTables(before, snapshot())).toEqual([]);
  });

  it("confirmed, is recorded and audited, tells the people who pay, and leaves the costs to be paid back", async () => {
    const p = payment();
    const before = outboxCount();
    const result = await postDecline(p.id);
    expect(result.status).toBe(302);
    expect(result.location).toBe("/portal/pay?done=declined");
    expect(stored(p.id)).toMatchObject({ consultantChoice: "declined", status: "approved", expensesCents: 1_850 });
    expect(auditOf(p.id).map((e) => [e.action, e.changedFields])).toEqual([
      ["payment.choice_recorded", ["consultantChoice"]],
    ]);
    expect(
      newEmails(before)
        .map((m) => m.toAddress)
        .sort(),
    ).toEqual([admin.email, secondAdmin.email, recorder.email].sort());
    // A declined fee is never marked paid: its costs go on a payment of their own.
    expect(() =>
      markPaymentPaid({
        organizationId: org.id,
        actor: { userId: admin.userId, role: "admin" },
        paymentId: p.id,
        paidDate: TODAY,
        reference: null,
      }),
    ).toThrow(inEnglish(DECLINED_NOT_PAID_MESSAGE));
    expect(stored(p.id).status).toBe("approved");
  });

  it("replaces a request to be paid now", async () => {
    const p = payment();
    await postPay({ intent: "need-now", paymentId: p.id });
    await postDecline(p.id);
    expect(stored(p.id)).toMatchObject({ consultantChoice: "declined", neededNowAt: null });
    expect(listPayments(org.id, {}, TODAY)[0]?.id).not.toBe(p.id);
  });

  it("recorded by staff (told in person), also replaces a request to be paid now", async () => {
    const p = payment();
    await postPay({ intent: "need-now", paymentId: p.id });
    recordPaymentChoice({
      organizationId: org.id,
      actor: { userId: recorder.userId, role: "staff" },
      paymentId: p.id,
      choice: "declined",
    });
    expect(stored(p.id)).toMatchObject({ consultantChoice: "declined", neededNowAt: null });
    expect(auditOf(p.id).at(-1)?.changedFields).toEqual(["consultantChoice", "neededNowAt"]);
  });

  it("can be taken back by the consultant, which staff are told, until the payment is void", async () => {
    const p = payment();
    await postDecline(p.id);
    const before = outboxCount();
    const undone = await postPay({ intent: "undo", paymentId: p.id });
    expect(undone.status).toBe(302);
    expect(undone.location).toBe("/portal/pay?done=undo");
    expect(stored(p.id).consultantChoice).toBeNull();
    expect(newEmails(before)).toHaveLength(3);
    expect(auditOf(p.id).map((e) => e.action)).toEqual(["payment.choice_recorded", "payment.choice_recorded"]);
    expect(staffToldOf(p.id)).toEqual([staffToldAction("declined"), staffToldAction("wanted_again")]);

    await postDecline(p.id);
    voidPayment({
      organizationId: org.id,
      actor: { userId: admin.userId, role: "admin" },
      paymentId: p.id,
      reason: "They said no",
    });
    const closed = snapshot();
    expect((await postPay({ intent: "undo", paymentId: p.id })).status).toBe(400);
    expect(changedTables(closed, snapshot())).toEqual([]);
    expect(stored(p.id)).toMatchObject({ status: "void", consultantChoice: "declined" });
  });
});

describe("Pay me later", () => {
  it("is recorded without emailing anyone, and taken back without emailing anyone", async () => {
    const p = payment();
    const before = outboxCount();
    expect((await postPay({ intent: "defer", paymentId: p.id })).status).toBe(302);
    expect(stored(p.id).consultantChoice).toBe("deferred");
    expect((await postPay({ intent: "undo", paymentId: p.id })).status).toBe(302);
    expect(stored(p.id).consultantChoice).toBeNull();
    expect(outboxCount()).toBe(before);
    expect(
      db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.subjectId, p.id), eq(auditEvents.action, "payment.choice_recorded")))
        .all(),
    ).toHaveLength(2);
  });
});
