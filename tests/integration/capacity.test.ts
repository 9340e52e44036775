// Capacity, pauses and regular check-ins: a consultant sets their own availability and yearly pay
// limit in the portal; staff are warned (never stopped) when an offer of work or a payment goes past
// them; the portal asks for a check-in when it is due, staff see who let one lapse, and a reminder
// goes out once per period through a safe channel only.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  auditEvents,
  checkInReminders,
  consultants,
  emailOutbox,
  engagements,
  memberships,
  organizations,
  payments,
  timeEntries,
  users,
} from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { addDaysToIsoDay } from "../../app/utils/day";
import { hoursByMonth, monthBounds } from "../../app/utils/capacity";
import { setEmailSenderForTests } from "../../app/utils/email.server";
import { organizationToday } from "../../app/models/settings.server";
import { searchConsultants } from "../../app/models/consultant/directory.server";
import { capacityForStaff, ownAvailability, setOwnAvailability } from "../../app/models/capacity/availability.server";
import {
  consultantHoursInMonth,
  offerCapacityWarnings,
  type OfferTerms,
} from "../../app/models/capacity/offers.server";
import {
  checkInPeriod,
  isCheckInDue,
  isCheckInOverdue,
  overdueCheckIns,
  ownCheckIn,
  sendCheckInReminders,
} from "../../app/models/capacity/check-ins.server";
import { payYearOf, yearlyPayLimitPassed } from "../../app/models/payment/yearly-limit.server";
import { portalHome } from "../../app/models/portal-home.server";
import { NotFoundError } from "../../app/models/errors";
import { staffDashboard } from "../../app/models/dashboard.server";
import * as availabilityRoute from "../../app/routes/portal.availability";
import * as checkInRoute from "../../app/routes/portal.check-in";
import * as profileRoute from "../../app/routes/portal.profile";
import * as settingsRoute from "../../app/routes/_staff.settings.check-ins";
import * as newEngagementRoute from "../../app/routes/_staff.engagements.new";
import * as editEngagementRoute from "../../app/routes/_staff.engagements.$id.edit";
import * as newPaymentRoute from "../../app/routes/_staff.payments.new";
import * as paymentRoute from "../../app/routes/_staff.payments.$id";
import * as recordRoute from "../../app/routes/_staff.consultants.$id._index";
import { engagementFormDefaults } from "../../app/models/engagement/reads.server";
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

type Reply = { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
type Form = Record<string, string | undefined>;
const sent = (form: Form) =>
  Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => e[1] !== undefined));
const errorsOf = (result: { data: unknown }) => {
  const data = result.data as Reply & Record<string, Reply>;
  return englishErrors((data.error ?? data.availability?.error ?? data.payLimit?.error) as Reply["error"]);
};

/** A consultant with a portal login and their record, in `organizationId`. */
async function portalConsultant(organizationId: string, values: Partial<typeof consultants.$inferInsert> = {}) {
  const member = await createMember({ organizationId, role: "consultant" });
  const record = createConsultantRecord(organizationId, { userId: member.userId, email: member.email, ...values });
  return { ...member, consultantId: record.id, cookie: await cookieFor(member.userId) };
}

function row(consultantId: string) {
  return db.select().from(consultants).where(eq(consultants.id, consultantId)).get()!;
}

const auditsOf = (consultantId: string, action: string) =>
  db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, consultantId), eq(auditEvents.action, action)))
    .all();

let org: ReturnType<typeof createOrganization>;
let other: ReturnType<typeof createOrganization>;
let programId = "";
let staff: Awaited<ReturnType<typeof createMember>>;
let admin: Awaited<ReturnType<typeof createMember>>;
let staffCookie = "";
let adminCookie = "";
let today = "";

beforeAll(async () => {
  org = createOrganization();
  other = createOrganization();
  programId = createProgramRecord(org.id).id;
  [staff, admin] = await Promise.all([
    createMember({ organizationId: org.id, role: "staff" }),
    createMember({ organizationId: org.id, role: "admin" }),
  ]);
  staffCookie = await cookieFor(staff.userId);
  adminCookie = await cookieFor(admin.userId);
  today = organizationToday(org.id);
});

const postAvailability = (cookie: string, form: Form) =>
  callRoute(
    availabilityRoute.action,
    makeRequest("/portal/availability", { cookie, form: sent({ intent: "availability", ...form }) }),
  );

describe("a consultant sets their own availability in the portal", () => {
  it("pauses until a day, with a note sealed at rest; it counts as a check-in and is audited", async () => {
    const rosa = await portalConsultant(org.id);
    const until = addDaysToIsoDay(today, 20);
    const result = await postAvailability(rosa.cookie, { state: "paused", pausedUntil: until, note: "Back soon." });
    expect(result.location).toBe("/portal/availability?done=availability");
    const saved = row(rosa.consultantId);
    expect(saved).toMatchObject({ availabilityState: "paused", pausedFrom: today, pausedUntil: until });
    expect(saved.lastCheckInOn).toBe(today);
    // Sealed: the stored value is not the note; only the field module opens it.
    expect(saved.availabilityNote).not.toContain("Back soon");
    expect(capacityForStaff(org.id, rosa.consultantId).note).toBe("Back soon.");
    const [audit] = auditsOf(rosa.consultantId, "consultant.availability_set");
    expect(audit!.changedFields.sort()).toEqual(["availabilityNote", "availabilityState", "pausedFrom", "pausedUntil"]);
    expect(JSON.stringify(audit)).not.toContain("Back soon");

    // Moving the end of a pause already on keeps its first day.
    await postAvailability(rosa.cookie, { state: "paused", pausedUntil: addDaysToIsoDay(today, 30) });
    expect(row(rosa.consultantId).pausedFrom).toBe(today);
  });

  it("sets only their own record, whatever the form says", async () => {
    const kofi = await portalConsultant(org.id);
    const someoneElse = await portalConsultant(org.id);
    const result = await postAvailability(kofi.cookie, {
      state: "limited",
      monthlyHours: "5",
      consultantId: someoneElse.consultantId,
    });
    expect(result.status).toBe(302);
    expect(row(kofi.consultantId)).toMatchObject({ availabilityState: "limited", monthlyLimitHundredths: 500 });
    expect(row(someoneElse.consultantId)).toMatchObject({ availabilityState: "open", monthlyLimitHundredths: null });
    // Staff cannot use the portal's form at all.
    const asStaff = await postAvailability(staffCookie, { state: "paused", pausedUntil: today });
    expect(asStaff.status).toBe(403);
  });

  it("refuses a pause that ended before today, or a limit without hours, next to the field, keeping what was typed", async () => {
    const jo = await portalConsultant(org.id);
    const yesterday = addDaysToIsoDay(today, -1);
    const past = await postAvailability(jo.cookie, { state: "paused", pausedUntil: yesterday, note: "A note" });
    expect(past.status).toBe(400);
    expect(errorsOf(past).pausedUntil).toEqual(["The last day of your break cannot be before today."]);
    expect((past.data as { availability: Reply }).availability.initialValue).toMatchObject({
      pausedUntil: yesterday,
      note: "A note",
    });
    const noHours = await postAvailability(jo.cookie, { state: "limited", monthlyHours: "" });
    expect(errorsOf(noHours).monthlyHours).toEqual(["Enter the most hours you can do in a month."]);
    expect(row(jo.consultantId)).toMatchObject({ availabilityState: "open", lastCheckInOn: null });
    // Today itself is a pause of one day.
    expect((await postAvailability(jo.cookie, { state: "paused", pausedUntil: today })).status).toBe(302);
  });

  it("reads as open again once the last day of the pause has passed", () => {
    const c = createConsultantRecord(org.id, {
      availabilityState: "paused",
      pausedFrom: addDaysToIsoDay(today, -10),
      pausedUntil: addDaysToIsoDay(today, -1),
    });
    expect(capacityForStaff(org.id, c.id).availability).toEqual({ state: "open" });
    const still = createConsultantRecord(org.id, {
      availabilityState: "paused",
      pausedFrom: addDaysToIsoDay(today, -10),
      pausedUntil: today,
    });
    expect(capacityForStaff(org.id, still.id).availability).toMatchObject({ state: "paused", pausedUntil: today });
  });

  it("shows staff a badge in the directory, and the availability on the record; another organization sees nothing", async () => {
    const name = `Badge ${randomUUID().slice(0, 6)}`;
    const c = createConsultantRecord(org.id, {
      preferredName: name,
      availabilityState: "paused",
      pausedFrom: today,
      pausedUntil: addDaysToIsoDay(today, 5),
    });
    const listed = searchConsultants(org.id, { q: name, sort: "name", page: 1 }).rows;
    expect(listed.map((r) => r.availability)).toEqual([
      { state: "paused", pausedFrom: today, pausedUntil: addDaysToIsoDay(today, 5) },
    ]);
    const page = await callRoute(recordRoute.loader, makeRequest(`/consultants/${c.id}`, { cookie: staffCookie }), {
      id: c.id,
    });
    expect((page.data as { capacity: { availability: unknown } }).capacity.availability).toMatchObject({
      state: "paused",
    });
    // Staff of another organization: the record is not theirs to see, nor its availability.
    const outsider = await createMember({ organizationId: other.id, role: "staff" });
    const theirs = await callRoute(
      recordRoute.loader,
      makeRequest(`/consultants/${c.id}`, { cookie: await cookieFor(outsider.userId) }),
      { id: c.id },
    );
    expect(theirs.status).toBe(404);
    expect(() => capacityForStaff(other.id, c.id)).toThrow(NotFoundError);
    expect(searchConsultants(other.id, { q: name, sort: "name", page: 1 }).rows).toEqual([]);
  });
});

/** Terms of an offer: hourly at $60, with these days and hours. */
const terms = (startDate: string | null, endDate: string | null, hundredths: number | null = 200): OfferTerms => ({
  rateKind: "hourly",
  rateCents: 6000,
  estimatedHundredths: hundredths,
  estimatedDays: null,
  startDate,
  endDate,
});

describe("offering work during a pause warns, from its first day to its last", () => {
  let consultantId = "";
  let first = "";
  let last = "";
  beforeAll(async () => {
    const rosa = await portalConsultant(org.id);
    consultantId = rosa.consultantId;
    first = addDaysToIsoDay(today, 3);
    last = addDaysToIsoDay(today, 12);
    setOwnAvailability({
      organizationId: org.id,
      userId: rosa.userId,
      today: first,
      input: { state: "paused", monthlyLimitHundredths: null, pausedUntil: last, note: null },
    });
  });
  const warnings = (t: OfferTerms, on = today) =>
    offerCapacityWarnings(db, { organizationId: org.id, offer: { consultantId, terms: t }, today: on }).map(
      (w) => w.key,
    );

  it("at the boundaries", () => {
    expect(warnings(terms(addDaysToIsoDay(first, -5), addDaysToIsoDay(first, -1)))).toEqual([]);
    expect(warnings(terms(addDaysToIsoDay(first, -5), first))).toEqual(["staff:capacity.warnings.paused"]);
    expect(warnings(terms(last, last))).toEqual(["staff:capacity.warnings.paused"]);
    expect(warnings(terms(addDaysToIsoDay(last, 1), addDaysToIsoDay(last, 3)))).toEqual([]);
    // Work with only a start day is that one day.
    expect(warnings(terms(last, null))).toEqual(["staff:capacity.warnings.paused"]);
  });

  it("work with no dates is offered now: it warns while the pause is on", () => {
    expect(warnings(terms(null, null), first)).toEqual(["staff:capacity.warnings.paused"]);
    expect(warnings(terms(null, null), addDaysToIsoDay(last, 1))).toEqual([]);
  });

  it("the new-engagement form warns and saves nothing; Offer anyway saves it as typed, and the audit says so", async () => {
    const title = `Talk ${randomUUID().slice(0, 6)}`;
    const form: Form = {
      creationKey: randomUUID(),
      consultantId,
      programId,
      stage: "delivery",
      level: "consult",
      title,
      scopeWhat: "One talk",
      rateKind: "hourly",
      rate: "70",
      estimatedHours: "2",
      startDate: last,
      endDate: last,
    };
    const post = (f: Form) =>
      callRoute(newEngagementRoute.action, makeRequest("/engagements/new", { cookie: staffCookie, form: sent(f) }));
    const warned = await post(form);
    expect(warned.status).toBe(400);
    expect(errorsOf(warned).offerAnyway?.join(" ")).toContain("This consultant has paused work from");
    expect((warned.data as Reply).initialValue).toMatchObject({ title, startDate: last, rate: "70" });
    expect(db.select().from(engagements).where(eq(engagements.title, title)).all()).toHaveLength(0);

    const saved = await post({ ...form, offerAnyway: "on" });
    expect(saved.status).toBe(302);
    const [created] = db.select().from(engagements).where(eq(engagements.title, title)).all();
    expect(created).toMatchObject({ startDate: last, rateCents: 7000 });
    const [audit] = db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, created!.id), eq(auditEvents.action, "engagement.created")))
      .all();
    expect(audit!.changedFields).toContain("offerAnyway");
  });

  it("changing dates into the pause warns; changing only the title of work in it does not ask again", async () => {
    const e = createEngagementRecord(org.id, consultantId, programId, {
      startDate: addDaysToIsoDay(last, 5),
      endDate: addDaysToIsoDay(last, 5),
      estimatedHundredths: 100,
      rateCents: 7000,
    });
    const form: Form = {};
    for (const [key, value] of Object.entries(engagementFormDefaults(e))) {
      form[key] = typeof value === "boolean" ? (value ? "on" : undefined) : value;
    }
    const post = (f: Form) =>
      callRoute(
        editEngagementRoute.action,
        makeRequest(`/engagements/${e.id}/edit`, { cookie: staffCookie, form: sent(f) }),
        {
          id: e.id,
        },
      );
    expect((await post({ ...form, title: "A new title" })).status).toBe(302);
    const moved = await post({ ...form, title: "A new title", startDate: last, endDate: last });
    expect(moved.status).toBe(400);
    expect(errorsOf(moved).offerAnyway?.join(" ")).toContain("paused work");
    expect(db.select().from(engagements).where(eq(engagements.id, e.id)).get()!.startDate).toBe(
      addDaysToIsoDay(last, 5),
    );
    expect(
      (await post({ ...form, title: "A new title", startDate: last, endDate: last, offerAnyway: "on" })).status,
    ).toBe(302);
    // Work now in the pause: a change of its title alone offers nothing new.
    expect((await post({ ...form, title: "Another title", startDate: last, endDate: last })).status).toBe(302);
  });
});

describe("new work is not announced while the consultant has paused", () => {
  const offer = async (consultantId: string, startDate: string) =>
    callRoute(
      newEngagementRoute.action,
      makeRequest("/engagements/new", {
        cookie: staffCookie,
        form: {
          creationKey: randomUUID(),
          consultantId,
          programId,
          stage: "delivery",
          level: "consult",
          title: "A talk",
          scopeWhat: "One talk",
          rateKind: "hourly",
          rate: "70",
          estimatedHours: "2",
          startDate,
          endDate: startDate,
          offerAnyway: "on",
        },
      }),
    );
  const mailsTo = (address: string) => db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, address)).all();

  it("offered anyway during the pause: saved, and no notice goes out; after the pause the next offer is told", async () => {
    const resting = await portalConsultant(org.id, { emailSafety: "safe" });
    setOwnAvailability({
      organizationId: org.id,
      userId: resting.userId,
      today,
      input: { state: "paused", monthlyLimitHundredths: null, pausedUntil: addDaysToIsoDay(today, 20), note: null },
    });
    expect((await offer(resting.consultantId, addDaysToIsoDay(today, 5))).status).toBe(302);
    expect(db.select().from(engagements).where(eq(engagements.consultantId, resting.consultantId)).all()).toHaveLength(
      1,
    );
    expect(mailsTo(resting.email)).toEqual([]);

    const open = await portalConsultant(org.id, { emailSafety: "safe" });
    expect((await offer(open.consultantId, addDaysToIsoDay(today, 5))).status).toBe(302);
    expect(mailsTo(open.email)).toHaveLength(1);
  });
});

describe("the monthly limit counts planned and logged hours, and warns only past it", () => {
  // A month well ahead, so that nothing else falls in it.
  const month = () => addDaysToIsoDay(today, 70).slice(0, 7);
  const day = (n: number) => `${month()}-${String(n).padStart(2, "0")}`;
  let consultantId = "";
  beforeAll(async () => {
    const kofi = await portalConsultant(org.id, { availabilityState: "limited", monthlyLimitHundredths: 500 });
    consultantId = kofi.consultantId;
    // Agreed work of 3 hours in the month.
    createEngagementRecord(org.id, consultantId, programId, {
      status: "agreed",
      estimatedHundredths: 300,
      startDate: day(3),
      endDate: day(4),
    });
  });
  const warn = (t: OfferTerms) =>
    offerCapacityWarnings(db, { organizationId: org.id, offer: { consultantId, terms: t }, today });

  it("exactly at the limit is within it; a quarter of an hour more warns, with the month's hours", () => {
    expect(warn(terms(day(10), day(10), 200))).toEqual([]);
    const [over] = warn(terms(day(10), day(10), 225));
    expect(over).toEqual({
      key: "staff:capacity.warnings.monthly",
      values: { limit: 500, total: 525, from: monthBounds(month()).first, to: monthBounds(month()).last },
    });
  });

  it("logged time counts, but never twice with the estimate of the same work", () => {
    const done = createEngagementRecord(org.id, consultantId, programId, {
      status: "completed",
      estimatedHundredths: 1000,
      startDate: day(1),
      endDate: day(1),
    });
    // Completed work counts with its logged time only: 1 hour, not its 10-hour estimate.
    db.insert(timeEntries)
      .values({ organizationId: org.id, engagementId: done.id, workDate: day(1), hundredths: 100, kind: "session" })
      .run();
    expect(consultantHoursInMonth(db, { organizationId: org.id, consultantId, month: month(), today })).toBe(400);
    // Time logged on the agreed work, within its estimate: still 3 hours for it.
    const agreed = db
      .select()
      .from(engagements)
      .where(and(eq(engagements.consultantId, consultantId), eq(engagements.status, "agreed")))
      .get()!;
    db.insert(timeEntries)
      .values({ organizationId: org.id, engagementId: agreed.id, workDate: day(3), hundredths: 250, kind: "session" })
      .run();
    expect(consultantHoursInMonth(db, { organizationId: org.id, consultantId, month: month(), today })).toBe(400);
    expect(warn(terms(day(10), day(10), 100))).toEqual([]);
    expect(warn(terms(day(10), day(10), 101)).map((w) => w.key)).toEqual(["staff:capacity.warnings.monthly"]);
    db.delete(timeEntries).where(eq(timeEntries.engagementId, done.id)).run();
    db.delete(timeEntries).where(eq(timeEntries.engagementId, agreed.id)).run();
    db.delete(engagements).where(eq(engagements.id, done.id)).run();
  });

  it("an edit counts the work as changed, not twice", () => {
    const agreed = db
      .select()
      .from(engagements)
      .where(and(eq(engagements.consultantId, consultantId), eq(engagements.status, "agreed")))
      .get()!;
    // The 3 hours become 5: exactly the limit.
    const edited = (hundredths: number) =>
      offerCapacityWarnings(db, {
        organizationId: org.id,
        offer: { consultantId, engagementId: agreed.id, terms: terms(day(3), day(4), hundredths) },
        today,
      });
    expect(edited(500)).toEqual([]);
    expect(edited(501).map((w) => w.key)).toEqual(["staff:capacity.warnings.monthly"]);
  });

  it("spreads work over the months of its days", () => {
    // 10 hours from 25 January to 3 February: 7 days in January, 3 in February.
    expect([...hoursByMonth(1000, { first: "2027-01-25", last: "2027-02-03" })]).toEqual([
      ["2027-01", 700],
      ["2027-02", 300],
    ]);
    expect([...hoursByMonth(100, { first: "2027-01-01", last: "2027-03-31" })].reduce((s, [, h]) => s + h, 0)).toBe(
      100,
    );
  });
});

describe("the yearly pay limit", () => {
  it("counts a fee in the year it was paid; one not paid yet in this year", () => {
    expect(payYearOf({ paidDate: "2026-12-31" }, "2027-01-05")).toBe(2026);
    expect(payYearOf({ paidDate: null }, "2026-12-20")).toBe(2026);
    expect(payYearOf({ paidDate: null }, "2027-01-02")).toBe(2027);
  });

  describe("turns with the organization's year, not UTC's", () => {
    let consultant: Awaited<ReturnType<typeof portalConsultant>>;
    let ny: ReturnType<typeof createOrganization>;
    beforeAll(async () => {
      ny = createOrganization();
      db.update(organizations).set({ timeZone: "America/New_York" }).where(eq(organizations.id, ny.id)).run();
      consultant = await portalConsultant(ny.id, { yearlyPayLimitCents: 100_000 });
      const program = createProgramRecord(ny.id);
      const e = createEngagementRecord(ny.id, consultant.consultantId, program.id, { status: "completed" });
      db.insert(payments)
        .values({
          organizationId: ny.id,
          engagementId: e.id,
          consultantId: consultant.consultantId,
          feeCents: 90_000,
          method: "check",
          status: "paid",
          paidDate: "2026-12-31",
        })
        .run();
    });
    afterEach(() => vi.useRealTimers());

    it("late on 31 December in New York (already 1 January in UTC), the year is still 2026", () => {
      vi.useFakeTimers({ now: new Date("2027-01-01T03:30:00Z"), toFake: ["Date"] });
      const own = { organizationId: ny.id, userId: consultant.userId };
      expect(ownAvailability(own).thisYear).toEqual({ year: 2026, paidCents: 90_000, waitingCents: 0 });
      expect(portalHome(own).thisYear).toMatchObject({ year: 2026, feesCents: 90_000 });
      // $100 more in 2026 is exactly the limit; a cent more passes it.
      const passed = (addCents: number) =>
        yearlyPayLimitPassed(db, {
          organizationId: ny.id,
          consultantId: consultant.consultantId,
          year: 2026,
          addCents,
          feeCents: addCents,
          today: "2026-12-31",
        });
      expect(passed(10_000)).toBeNull();
      expect(passed(10_001)).toEqual({ year: 2026, limitCents: 100_000, totalCents: 100_001 });
    });

    it("once it is 1 January in New York, the new year starts from nothing", () => {
      vi.useFakeTimers({ now: new Date("2027-01-01T06:00:00Z"), toFake: ["Date"] });
      const own = { organizationId: ny.id, userId: consultant.userId };
      expect(ownAvailability(own).thisYear).toEqual({ year: 2027, paidCents: 0, waitingCents: 0 });
      expect(portalHome(own).thisYear).toMatchObject({ year: 2027, feesCents: 0 });
    });
  });

  describe("warns before a payment is recorded or approved past it", () => {
    let consultantId = "";
    let engagementId = "";
    beforeAll(async () => {
      const c = await portalConsultant(org.id, { yearlyPayLimitCents: 50_000 });
      consultantId = c.consultantId;
      engagementId = createEngagementRecord(org.id, consultantId, programId, {
        status: "completed",
        completedAt: new Date(),
      }).id;
      // $300 paid this year already.
      db.insert(payments)
        .values({
          organizationId: org.id,
          engagementId,
          consultantId,
          feeCents: 30_000,
          method: "check",
          status: "paid",
          paidDate: today,
        })
        .run();
    });
    const record = (fee: string, extra: Form = {}) =>
      callRoute(
        newPaymentRoute.action,
        makeRequest("/payments/new", {
          cookie: staffCookie,
          form: sent({ engagementId, creationKey: randomUUID(), fee, expenses: "", method: "check", ...extra }),
        }),
      );
    const paymentsOf = () => db.select().from(payments).where(eq(payments.consultantId, consultantId)).all();

    it("recording: exactly at the limit is recorded at once; past it, only with Record anyway", async () => {
      const passing = await record("250.01", { expenses: "40" });
      expect(passing.status).toBe(400);
      expect(errorsOf(passing).payAnyway).toEqual([
        expect.stringContaining("This consultant set a limit of $500.00 in fees for"),
      ]);
      expect(errorsOf(passing).payAnyway![0]).toContain("comes to $550.01");
      expect((passing.data as Reply).initialValue).toMatchObject({ fee: "250.01", expenses: "40" });
      expect(paymentsOf()).toHaveLength(1);
      // Expenses are not pay: $200 in fees with $40 of costs is exactly $500.
      const atLimit = await record("200", { expenses: "40" });
      expect(atLimit.status).toBe(302);
      expect(paymentsOf()).toHaveLength(2);
      const anyway = await record("10", { payAnyway: "on" });
      expect(anyway.status).toBe(302);
      const id = anyway.location!.split("/")[2]!.split("?")[0]!;
      expect(
        db
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, "payment.created")))
          .get()!.changedFields,
      ).toContain("payAnyway");
    });

    it("approving: warns while the year is past the limit; Approve anyway approves it", async () => {
      const pending = paymentsOf().find((p) => p.feeCents === 1000)!;
      const approve = (extra: Form = {}) =>
        callRoute(
          paymentRoute.action,
          makeRequest(`/payments/${pending.id}`, { cookie: adminCookie, form: sent({ intent: "approve", ...extra }) }),
          { id: pending.id },
        );
      const warned = await approve();
      expect(warned.status).toBe(400);
      expect(errorsOf(warned).payAnyway?.[0]).toContain("comes to $510.00");
      expect(db.select().from(payments).where(eq(payments.id, pending.id)).get()!.status).toBe("pending");
      expect((await approve({ payAnyway: "on" })).status).toBe(302);
      expect(db.select().from(payments).where(eq(payments.id, pending.id)).get()!.status).toBe("approved");
    });

    it("a payment the consultant deferred is not counted, and approving it does not warn", async () => {
      const deferred = db
        .insert(payments)
        .values({
          organizationId: org.id,
          engagementId,
          consultantId,
          feeCents: 90_000,
          method: "check",
          consultantChoice: "deferred",
          createdByUserId: staff.userId,
        })
        .returning()
        .get();
      const result = await callRoute(
        paymentRoute.action,
        makeRequest(`/payments/${deferred.id}`, { cookie: adminCookie, form: { intent: "approve" } }),
        { id: deferred.id },
      );
      expect(result.status).toBe(302);
    });

    it("an offer whose estimated fee passes the limit warns too", () => {
      const [warning] = offerCapacityWarnings(db, {
        organizationId: org.id,
        offer: { consultantId, terms: terms(today, today, 200) },
        today,
      });
      expect(warning?.key).toBe("staff:capacity.warnings.yearly");
    });

    it("costs paid back carry no fee: recorded and approved without a warning while the year is past the limit", async () => {
      // Past the limit whatever ran before: $600 more paid this year.
      db.insert(payments)
        .values({
          organizationId: org.id,
          engagementId,
          consultantId,
          feeCents: 60_000,
          method: "check",
          status: "paid",
          paidDate: today,
        })
        .run();
      expect((await record("1")).status).toBe(400);
      const costs = await record("0", { expenses: "12.50" });
      expect(costs.status, JSON.stringify(costs.data)).toBe(302);
      const payment = paymentsOf().find((p) => p.feeCents === 0 && p.expensesCents === 1250)!;
      const approved = await callRoute(
        paymentRoute.action,
        makeRequest(`/payments/${payment.id}`, { cookie: adminCookie, form: sent({ intent: "approve" }) }),
        { id: payment.id },
      );
      expect(approved.status, JSON.stringify(approved.data)).toBe(302);
      expect(db.select().from(payments).where(eq(payments.id, payment.id)).get()!.status).toBe("approved");
    });
  });

  it("a consultant sets and removes their yearly limit; the page links the organization's guidance when it has one", async () => {
    const c = await portalConsultant(org.id);
    const post = (form: Form) =>
      callRoute(
        availabilityRoute.action,
        makeRequest("/portal/availability", { cookie: c.cookie, form: sent({ intent: "pay-limit", ...form }) }),
      );
    expect((await post({ yearlyLimit: "2,000" })).status).toBe(302);
    expect(row(c.consultantId).yearlyPayLimitCents).toBe(200_000);
    const bad = await post({ yearlyLimit: "lots" });
    expect(errorsOf(bad).yearlyLimit?.[0]).toMatch(/^Enter an amount in dollars/);
    expect((await post({ yearlyLimit: "" })).status).toBe(302);
    expect(row(c.consultantId).yearlyPayLimitCents).toBeNull();

    const page = async () =>
      (
        (await callRoute(availabilityRoute.loader, makeRequest("/portal/availability", { cookie: c.cookie }))).data as {
          benefitsGuidanceUrl: string | null;
        }
      ).benefitsGuidanceUrl;
    expect(await page()).toBeNull();
    const saveSettings = (form: Form) =>
      callRoute(settingsRoute.action, makeRequest("/settings/check-ins", { cookie: adminCookie, form: sent(form) }));
    expect(
      (await saveSettings({ checkInIntervalDays: "90", benefitsGuidanceUrl: "https://example.org/benefits" })).status,
    ).toBe(302);
    expect(await page()).toBe("https://example.org/benefits");
    // Only an address people can open, and only admins set it.
    const script = await saveSettings({ checkInIntervalDays: "90", benefitsGuidanceUrl: "javascript:alert(1)" });
    expect(errorsOf(script).benefitsGuidanceUrl).toEqual(["Enter a full web address, starting with https://."]);
    const asStaff = await callRoute(
      settingsRoute.action,
      makeRequest("/settings/check-ins", { cookie: staffCookie, form: { checkInIntervalDays: "30" } }),
    );
    expect(asStaff.status).toBe(403);
  });
});

describe("regular check-ins", () => {
  /** A portal consultant who joined the portal on `joinedOn` (midday UTC), last checked in on `lastCheckInOn`. */
  async function joined(
    organizationId: string,
    joinedOn: string,
    values: Partial<typeof consultants.$inferInsert> = {},
  ) {
    const c = await portalConsultant(organizationId, { status: "active", ...values });
    db.update(memberships)
      .set({ createdAt: new Date(`${joinedOn}T12:00:00Z`) })
      .where(and(eq(memberships.userId, c.userId), eq(memberships.organizationId, organizationId)))
      .run();
    return c;
  }

  it("falls due the interval's days after the last check-in (or joining), and is overdue two weeks later", () => {
    const period = checkInPeriod({ lastCheckInOn: null, joinedOn: "2026-01-10" }, 90);
    expect(period).toEqual({ periodFrom: "2026-01-10", dueOn: "2026-04-10" });
    expect(isCheckInDue(period, "2026-04-09")).toBe(false);
    expect(isCheckInDue(period, "2026-04-10")).toBe(true);
    expect(isCheckInOverdue(period, "2026-04-23")).toBe(false);
    expect(isCheckInOverdue(period, "2026-04-24")).toBe(true);
    expect(checkInPeriod({ lastCheckInOn: "2026-03-01", joinedOn: "2026-01-10" }, 30).dueOn).toBe("2026-03-31");
  });

  it("the portal asks when it is due; one tap records today, and the page to check writes nothing", async () => {
    const own = await joined(org.id, addDaysToIsoDay(today, -95));
    const ask = () => ownCheckIn({ organizationId: org.id, userId: own.userId });
    expect(ask()).toMatchObject({ due: true, lastCheckInOn: null });
    const view = await callRoute(checkInRoute.loader, makeRequest("/portal/check-in", { cookie: own.cookie }));
    expect(view.status).toBe(200);
    expect(row(own.consultantId).lastCheckInOn).toBeNull();

    const tap = await callRoute(
      checkInRoute.action,
      makeRequest("/portal/check-in", { cookie: own.cookie, form: { intent: "still-right" } }),
    );
    expect(tap.location).toBe("/portal?done=checked-in");
    expect(row(own.consultantId).lastCheckInOn).toBe(today);
    expect(ask()).toMatchObject({ due: false, dueOn: addDaysToIsoDay(today, 90) });
    expect(auditsOf(own.consultantId, "consultant.checked_in")).toHaveLength(1);
  });

  it("saving their profile counts as a check-in, changed or not", async () => {
    const own = await joined(org.id, addDaysToIsoDay(today, -200));
    const page = await callRoute(profileRoute.loader, makeRequest("/portal/profile", { cookie: own.cookie }));
    const { defaults, version } = page.data as { defaults: Record<string, unknown>; version: number };
    const form: Record<string, string> = { version: String(version) };
    for (const [key, value] of Object.entries(defaults)) {
      if (typeof value === "boolean") {
        if (value) form[key] = "on";
      } else form[key] = String(value ?? "");
    }
    const saved = await callRoute(profileRoute.action, makeRequest("/portal/profile", { cookie: own.cookie, form }));
    expect(saved.location).toBe("/portal/profile?done=saved");
    expect(row(own.consultantId).lastCheckInOn).toBe(today);
  });

  it("follows the organization's interval", async () => {
    const short = createOrganization();
    const shortAdmin = await createMember({ organizationId: short.id, role: "admin" });
    const c = await joined(short.id, addDaysToIsoDay(organizationToday(short.id), -40));
    expect(ownCheckIn({ organizationId: short.id, userId: c.userId })!.due).toBe(false);
    const tooShort = await callRoute(
      settingsRoute.action,
      makeRequest("/settings/check-ins", {
        cookie: await cookieFor(shortAdmin.userId),
        form: { checkInIntervalDays: "6" },
      }),
    );
    expect(errorsOf(tooShort).checkInIntervalDays).toEqual(["Enter a number of days from 7 to 365."]);
    await callRoute(
      settingsRoute.action,
      makeRequest("/settings/check-ins", {
        cookie: await cookieFor(shortAdmin.userId),
        form: { checkInIntervalDays: "30" },
      }),
    );
    expect(ownCheckIn({ organizationId: short.id, userId: c.userId })!.due).toBe(true);
  });

  it("staff see who is overdue on Needs you: portal consultants of their own organization only", async () => {
    const place = createOrganization();
    const placeToday = organizationToday(place.id);
    const lapsed = await joined(place.id, addDaysToIsoDay(placeToday, -(90 + 14)), { preferredName: "Lapsed" });
    const longer = await joined(place.id, addDaysToIsoDay(placeToday, -300), { preferredName: "Longer" });
    await joined(place.id, addDaysToIsoDay(placeToday, -(90 + 13)), { preferredName: "Due, not overdue" });
    await joined(place.id, addDaysToIsoDay(placeToday, -300), { preferredName: "Recent", lastCheckInOn: placeToday });
    await joined(place.id, addDaysToIsoDay(placeToday, -300), { preferredName: "Alumni", status: "alumni" });
    // Without a portal account nobody is asked to check in.
    createConsultantRecord(place.id, { preferredName: "No portal", status: "active" });
    const overdue = overdueCheckIns(place.id, placeToday, 5);
    expect(overdue.items.map((i) => i.preferredName)).toEqual(["Longer", "Lapsed"]);
    expect(overdue.count).toBe(2);
    expect(overdue.items[1]).toMatchObject({
      consultantId: lapsed.consultantId,
      dueOn: addDaysToIsoDay(placeToday, -14),
    });
    expect(overdue.items[0]!.consultantId).toBe(longer.consultantId);
    expect(overdueCheckIns(place.id, placeToday, 1)).toMatchObject({ count: 2, items: [{ preferredName: "Longer" }] });

    const placeStaff = await createMember({ organizationId: place.id, role: "staff" });
    const dashboard = staffDashboard({
      organizationId: place.id,
      actor: { userId: placeStaff.userId, role: "staff" },
      period: { from: `${placeToday.slice(0, 4)}-01-01`, to: placeToday },
      today: placeToday,
    });
    expect(dashboard.needsYou.checkInsOverdue.count).toBe(2);
    // Another organization's dashboard shows none of them.
    expect(overdueCheckIns(other.id, organizationToday(other.id), 5).items.map((i) => i.preferredName)).not.toContain(
      "Lapsed",
    );
  });
});

describe("check-in reminders", () => {
  const emailsTo = (address: string) => db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, address)).all();
  afterEach(() => setEmailSenderForTests(undefined));

  async function dueConsultant(values: Partial<typeof consultants.$inferInsert>, language: string | null = null) {
    const c = await portalConsultant(org.id, {
      status: "active",
      preferredName: `Rem ${randomUUID().slice(0, 6)}`,
      ...values,
    });
    db.update(memberships)
      .set({ createdAt: new Date(`${addDaysToIsoDay(today, -100)}T12:00:00Z`) })
      .where(eq(memberships.userId, c.userId))
      .run();
    if (language) db.update(users).set({ preferredLanguage: language }).where(eq(users.id, c.userId)).run();
    return c;
  }

  it("go once per period, only by safe email, in their language, saying nothing about them", async () => {
    setEmailSenderForTests(null);
    const safe = await dueConsultant({ emailSafety: "safe" }, "es");
    const unsafe = await dueConsultant({ emailSafety: "not_safe" });
    const askFirst = await dueConsultant({ emailSafety: "ask_first" });
    await sendCheckInReminders();
    await sendCheckInReminders();
    const [email] = emailsTo(safe.email);
    expect(emailsTo(safe.email)).toHaveLength(1);
    expect(email!.template).toBe("check-in");
    expect(email!.subject).toBe("Tiene una novedad");
    expect(email!.text).toContain("revise que sus datos siguen bien");
    for (const secret of [safe.preferredName, org.name, "consultant", "benefit"]) {
      expect(`${email!.subject} ${email!.text}`).not.toContain(secret);
    }
    expect(emailsTo(unsafe.email)).toHaveLength(0);
    expect(emailsTo(askFirst.email)).toHaveLength(0);
    expect(
      db.select().from(checkInReminders).where(eq(checkInReminders.consultantId, safe.consultantId)).all(),
    ).toEqual([expect.objectContaining({ channel: "email", periodFrom: addDaysToIsoDay(today, -100) })]);
    expect(
      db
        .select({ n: sql<number>`count(*)` })
        .from(checkInReminders)
        .where(eq(checkInReminders.consultantId, unsafe.consultantId))
        .get()!.n,
    ).toBe(0);
  });

  it("a new period, after a check-in, gets its own reminder when it falls due", async () => {
    setEmailSenderForTests(null);
    const c = await dueConsultant({ emailSafety: "safe" });
    await sendCheckInReminders();
    expect(emailsTo(c.email)).toHaveLength(1);
    // Checked in today: nothing is due until 90 days from now.
    db.update(consultants).set({ lastCheckInOn: today }).where(eq(consultants.id, c.consultantId)).run();
    await sendCheckInReminders();
    expect(emailsTo(c.email)).toHaveLength(1);
    const later = new Date(Date.now() + 91 * 86_400_000);
    await sendCheckInReminders(later);
    await sendCheckInReminders(later);
    expect(emailsTo(c.email)).toHaveLength(2);
  });

  it("nobody in a period not yet due is reminded", async () => {
    setEmailSenderForTests(null);
    const c = await portalConsultant(org.id, { status: "active", emailSafety: "safe" });
    await sendCheckInReminders();
    expect(emailsTo(c.email)).toHaveLength(0);
  });
});
