// Engagements: the staff pages' loaders and actions run against this file's own copy of
// the migrated database, with real sessions. Nothing is mocked: form fields go in as the strings a
// browser sends, and the tests read back what the app stored (money in cents, hours in hundredths).
import { RuleError } from "../../app/models/errors";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  activityTypes,
  auditEvents,
  engagementAgreements,
  engagements,
  organizationSettings,
  payments,
  programs,
  supportItems,
  timeEntries,
  type Stage,
} from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { changeEngagementStatus } from "../../app/models/engagement/status.server";
import { engagementFormDefaults, getEngagementForStaff } from "../../app/models/engagement/reads.server";
import { termsSnapshot } from "../../app/models/engagement/terms.server";
import { archiveActivityType, listActivityTypes } from "../../app/models/activity-type.server";
import * as listRoute from "../../app/routes/_staff.engagements._index";
import * as recordRoute from "../../app/routes/_staff.consultants.$id._index";
import * as newRoute from "../../app/routes/_staff.engagements.new";
import * as detailRoute from "../../app/routes/_staff.engagements.$id._index";
import * as editRoute from "../../app/routes/_staff.engagements.$id.edit";
import {
  cookieFor,
  createConsultantRecord,
  createEngagementRecord,
  createMember,
  createOrganization,
  createProgramRecord,
  createTwoOrganizations,
} from "../support/factories";
import { callRoute, makeRequest } from "../support/http";
import { englishErrors } from "../support/in-english";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
type Reply = { status?: string; error?: Record<string, string[] | null> };
type ListData = Awaited<ReturnType<typeof listRoute.loader>>;
type DetailData = Awaited<ReturnType<typeof detailRoute.loader>>;
type Form = Record<string, string | undefined>;
type Engagement = typeof engagements.$inferSelect;

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const short = () => randomUUID().slice(0, 8);

let world: World;
const cookie = { admin: "", staff: "", consultant: "", otherStaff: "" };

beforeAll(async () => {
  world = await createTwoOrganizations();
  [cookie.admin, cookie.staff, cookie.consultant, cookie.otherStaff] = await Promise.all([
    cookieFor(world.own.admin.userId),
    cookieFor(world.own.staff.userId),
    cookieFor(world.own.consultant.userId),
    cookieFor(world.other.staff.userId),
  ]);
});

// --- helpers -----------------------------------------------------------------------------------

/** Drops fields left undefined, as a browser leaves out an unticked checkbox. */
function sent(form: Form): Record<string, string> {
  return Object.fromEntries(Object.entries(form).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** What the "New engagement" form posts, every value a string. */
function newForm(values: Form = {}): Form {
  return {
    consultantId: world.own.consultant.consultantId,
    programId: world.own.programId,
    stage: "delivery",
    activityTypeId: "",
    role: "Co-facilitator",
    level: "collaborate",
    title: "Co-facilitate the outreach training",
    scopeWhat: "Plan and co-lead two sessions for volunteers",
    scopeWhen: "",
    scopeWhere: "",
    format: "",
    startDate: "",
    endDate: "",
    rateKind: "hourly",
    rate: "57.50",
    estimatedHours: "3",
    coversPreparation: "on",
    coversTravel: "on",
    coversDebrief: "on",
    expensesPolicy: "",
    paymentDueDays: "",
    cancellationTerms: "",
    creationKey: randomUUID(),
    ...values,
  };
}

function postNew(form: Form, who: string = cookie.staff) {
  return callRoute(newRoute.action, makeRequest("/engagements/new", { cookie: who, form: sent(form) }));
}

function postEdit(id: string, form: Form, who: string = cookie.staff) {
  return callRoute(editRoute.action, makeRequest(`/engagements/${id}/edit`, { cookie: who, form: sent(form) }), {
    id,
  });
}

function postStatus(id: string, form: Form, who: string = cookie.staff) {
  return callRoute(detailRoute.action, makeRequest(`/engagements/${id}`, { cookie: who, form: sent(form) }), { id });
}

function openDetail(id: string, who: string = cookie.staff) {
  return callRoute(detailRoute.loader, makeRequest(`/engagements/${id}`, { cookie: who }), { id });
}

function openEdit(id: string, who: string = cookie.staff) {
  return callRoute(editRoute.loader, makeRequest(`/engagements/${id}/edit`, { cookie: who }), { id });
}

async function listAs(who: string, query = "") {
  const result = await callRoute(listRoute.loader, makeRequest(`/engagements${query}`, { cookie: who }));
  expect(result.status).toBe(200);
  return result.data as ListData;
}

function stored(id: string): Engagement {
  return db.select().from(engagements).where(eq(engagements.id, id)).get()!;
}

/** The edit form as the page fills it for this engagement (booleans as ticked or not), with changes. */
function editForm(id: string, changes: Form = {}): Form {
  const form: Form = {};
  for (const [key, value] of Object.entries(engagementFormDefaults(stored(id)))) {
    form[key] = typeof value === "boolean" ? (value ? "on" : undefined) : value;
  }
  return { ...form, ...changes };
}

function idFrom(location: string | null) {
  const match = new RegExp(`^/engagements/(${UUID})\\?done=created$`).exec(location ?? "");
  expect(match, `redirect to the new engagement, got ${location}`).not.toBeNull();
  return match![1]!;
}

function auditOf(subjectId: string, action?: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, subjectId), action ? eq(auditEvents.action, action) : undefined))
    .orderBy(sql`rowid`)
    .all();
}

function countRows() {
  return {
    engagements: db
      .select({ n: sql<number>`count(*)` })
      .from(engagements)
      .get()!.n,
    audit: db
      .select({ n: sql<number>`count(*)` })
      .from(auditEvents)
      .get()!.n,
  };
}

function errorsOf(result: { data: unknown }) {
  return englishErrors((result.data as Reply).error);
}

/** An engagement in the world's own organization, inserted directly. */
function ownEngagement(values: Partial<typeof engagements.$inferInsert> = {}) {
  return createEngagementRecord(world.own.org.id, world.own.consultant.consultantId, world.own.programId, values);
}

/** A new organization with a staff member, a consultant and a program; optionally its own settings. */
async function freshOrganization(settings?: { defaultHourlyRateCents?: number; paymentDueDays?: number }) {
  const org = createOrganization();
  if (settings)
    db.insert(organizationSettings)
      .values({ organizationId: org.id, ...settings })
      .run();
  const staff = await createMember({ organizationId: org.id, role: "staff" });
  // The organization's settings (activities, for one) are an admin's to change.
  const admin = await createMember({ organizationId: org.id, role: "admin" });
  const consultant = createConsultantRecord(org.id);
  const program = createProgramRecord(org.id);
  return {
    org,
    staffCookie: await cookieFor(staff.userId),
    staffUserId: staff.userId,
    adminUserId: admin.userId,
    engagement: (values: Partial<typeof engagements.$inferInsert> = {}) =>
      createEngagementRecord(org.id, consultant.id, program.id, values),
    form: (values: Form = {}) => newForm({ consultantId: consultant.id, programId: program.id, ...values }),
  };
}

function activityIn(organizationId: string, stage: Stage) {
  return listActivityTypes(organizationId).find((a) => a.stage === stage)!;
}

// --- creating ----------------------------------------------------------------------------------

describe("creating an engagement through the form", () => {
  it("stores rate in cents and hours in hundredths, as proposed version 1, and redirects to it", async () => {
    const before = Date.now();
    const result = await postNew(newForm({ startDate: "2026-03-02", endDate: "2026-03-09", format: "hybrid" }));
    expect(result.status).toBe(302);
    const id = idFrom(result.location);

    const row = stored(id);
    expect(row).toMatchObject({
      organizationId: world.own.org.id,
      consultantId: world.own.consultant.consultantId,
      programId: world.own.programId,
      stage: "delivery",
      activityTypeId: null,
      role: "Co-facilitator",
      level: "collaborate",
      title: "Co-facilitate the outreach training",
      scopeWhat: "Plan and co-lead two sessions for volunteers",
      scopeWhen: null,
      format: "hybrid",
      startDate: "2026-03-02",
      endDate: "2026-03-09",
      rateKind: "hourly",
      rateCents: 5750,
      estimatedHundredths: 300,
      coversPreparation: true,
      coversTravel: true,
      coversDebrief: true,
      expensesPolicy: null,
      // Left empty: the organization's setting (no settings row: the default of 30 days).
      paymentDueDays: 30,
      status: "proposed",
      termsVersion: 1,
      completedAt: null,
      cancellationReason: null,
      cancellationFeeCents: null,
      createdByUserId: world.own.staff.userId,
    });
    expect(Number.isInteger(row.rateCents)).toBe(true);
    expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);

    // The page it lands on shows it to staff.
    const page = await openDetail(id);
    expect(page.status).toBe(200);
    expect((page.data as DetailData).engagement).toMatchObject({ id, rateCents: 5750, termsVersion: 1 });
    expect((page.data as DetailData).engagement).not.toHaveProperty("creationKey");
  });

  it("records who created it, with field names and never values", async () => {
    const title = `Audit probe ${short()}`;
    const id = idFrom((await postNew(newForm({ title, rate: "123.45" }))).location);
    const events = auditOf(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "engagement.created",
      subjectType: "engagement",
      actorUserId: world.own.staff.userId,
      organizationId: world.own.org.id,
    });
    expect(events[0]!.changedFields).toEqual(expect.arrayContaining(["title", "rateCents", "scopeWhat", "stage"]));
    for (const field of events[0]!.changedFields) expect(field).toMatch(/^[a-zA-Z]+$/);
    const raw = JSON.stringify(db.$client.prepare("SELECT * FROM audit_events WHERE subject_id = ?").all(id));
    expect(raw).not.toContain(title);
    expect(raw).not.toContain("12345");
    expect(raw).not.toContain("Plan and co-lead");
  });

  it("takes the payment deadline from the organization's setting when left empty, and a typed one as given", async () => {
    const fresh = await freshOrganization({ paymentDueDays: 14 });
    const byDefault = idFrom((await postNew(fresh.form(), fresh.staffCookie)).location);
    expect(stored(byDefault).paymentDueDays).toBe(14);
    const typed = idFrom((await postNew(fresh.form({ paymentDueDays: "45" }), fresh.staffCookie)).location);
    expect(stored(typed).paymentDueDays).toBe(45);
  });

  it("stores unticked checkboxes as not covered", async () => {
    const id = idFrom(
      (
        await postNew(
          newForm({ coversPreparation: undefined, coversTravel: "on", coversDebrief: undefined, estimatedHours: "" }),
        )
      ).location,
    );
    expect(stored(id)).toMatchObject({
      coversPreparation: false,
      coversTravel: true,
      coversDebrief: false,
      estimatedHundredths: null,
    });
  });

  it("accepts an activity of the same stage", async () => {
    const activity = activityIn(world.own.org.id, "design");
    const id = idFrom((await postNew(newForm({ stage: "design", activityTypeId: activity.id }))).location);
    expect(stored(id)).toMatchObject({ stage: "design", activityTypeId: activity.id });
  });

  it("admins may create one too", async () => {
    const result = await postNew(newForm(), cookie.admin);
    expect(stored(idFrom(result.location)).createdByUserId).toBe(world.own.admin.userId);
  });

  it("makes one engagement when the same form is submitted twice", async () => {
    const form = newForm({ title: `Double submit ${short()}` });
    const before = countRows();
    const first = await postNew(form);
    const second = await postNew(form);
    expect(first.status).toBe(302);
    expect(second.status).toBe(302);
    expect(second.location).toBe(first.location);
    expect(countRows().engagements).toBe(before.engagements + 1);
    expect(auditOf(idFrom(first.location), "engagement.created")).toHaveLength(1);
    expect(
      db
        .select()
        .from(engagements)
        .where(eq(engagements.title, form.title!))
        .all()
        .map((e) => e.id),
    ).toEqual([idFrom(first.location)]);
  });

  it("stores markup and emoji in the title and scope exactly as typed", async () => {
    const title = `<img src=x onerror="alert(1)"> Ana’s “plan” 🌱🤝🏽 & co`;
    const scopeWhat = `<script>alert('x')</script>\nLine two — with émoji 👩🏾‍🏫 and =SUM(A1:A2)`;
    const id = idFrom((await postNew(newForm({ title, scopeWhat }))).location);
    expect(stored(id)).toMatchObject({ title, scopeWhat });
    const page = (await openDetail(id)).data as DetailData;
    expect(page.engagement.title).toBe(title);
    expect(page.engagement.scopeWhat).toBe(scopeWhat);
  });
});

describe("bad input on the new engagement form", () => {
  const cases: [string, string, () => Form, RegExp][] = [
    ["negative rate", "rate", () => ({ rate: "-5" }), /two decimals/],
    ["zero rate", "rate", () => ({ rate: "0" }), /more than \$0/],
    ["rate with three decimals", "rate", () => ({ rate: "57.505" }), /two decimals/],
    ["rate that is not a number", "rate", () => ({ rate: "abc" }), /two decimals/],
    ["rate in exponent notation", "rate", () => ({ rate: "1e3" }), /two decimals/],
    ["rate that is too high", "rate", () => ({ rate: "100000.01" }), /too high/],
    ["missing rate", "rate", () => ({ rate: undefined }), /Enter the rate/],
    ["zero hours", "estimatedHours", () => ({ estimatedHours: "0" }), /more than 0/],
    ["negative hours", "estimatedHours", () => ({ estimatedHours: "-1" }), /more than 0/],
    ["hours with three decimals", "estimatedHours", () => ({ estimatedHours: "1.234" }), /hours like/],
    ["absurd hours", "estimatedHours", () => ({ estimatedHours: "5000" }), /at most 1,000/],
    [
      "end before start",
      "endDate",
      () => ({ startDate: "2026-03-10", endDate: "2026-03-09" }),
      /cannot be before the start/,
    ],
    ["a date that does not exist", "startDate", () => ({ startDate: "2026-02-30" }), /does not exist/],
    ["an end date that does not exist", "endDate", () => ({ endDate: "2026-13-01" }), /does not exist/],
    ["a date in another format", "startDate", () => ({ startDate: "03/02/2026" }), /like 2026-03-01/],
    ["missing title", "title", () => ({ title: undefined }), /short title/],
    ["blank title", "title", () => ({ title: "    " }), /short title/],
    ["a 10,000-character title", "title", () => ({ title: "x".repeat(10_000) }), /no more than 120/],
    ["missing scope", "scopeWhat", () => ({ scopeWhat: undefined }), /Describe the work/],
    ["blank scope", "scopeWhat", () => ({ scopeWhat: " \n " }), /Describe the work/],
    ["unknown stage", "stage", () => ({ stage: "marketing" }), /stage/],
    ["unknown level", "level", () => ({ level: "tokenistic" }), /level/],
    ["unknown rate kind", "rateKind", () => ({ rateKind: "per_smile" }), /how the work is paid/],
    ["payment deadline of 0 days", "paymentDueDays", () => ({ paymentDueDays: "0" }), /at least 1 day/],
    ["payment deadline in fractions", "paymentDueDays", () => ({ paymentDueDays: "2.5" }), /whole days/],
    // z.coerce.number() reads these as 100 and 30: a person types digits.
    ["payment deadline in exponent notation", "paymentDueDays", () => ({ paymentDueDays: "1e2" }), /whole days/],
    ["payment deadline in hexadecimal", "paymentDueDays", () => ({ paymentDueDays: "0x1e" }), /whole days/],
    ["payment deadline of Infinity", "paymentDueDays", () => ({ paymentDueDays: "Infinity" }), /whole days/],
    // Leading zeros make it a valid amount ($57) without a length limit.
    ["a rate longer than 20 characters", "rate", () => ({ rate: `${"0".repeat(20)}57` }), /two decimals/],
    [
      "hours longer than 20 characters",
      "estimatedHours",
      () => ({ estimatedHours: `${"0".repeat(20)}3` }),
      /hours like/,
    ],
    ["missing consultant", "consultantId", () => ({ consultantId: undefined }), /Choose a consultant/],
    [
      "another organization's consultant",
      "consultantId",
      () => ({ consultantId: world.other.consultant.consultantId }),
      /from the list/,
    ],
    ["a consultant id that does not exist", "consultantId", () => ({ consultantId: randomUUID() }), /from the list/],
    ["another organization's program", "programId", () => ({ programId: world.other.programId }), /from the list/],
    [
      "an activity from another stage",
      "activityTypeId",
      () => ({ stage: "delivery", activityTypeId: activityIn(world.own.org.id, "design").id }),
      /another stage/,
    ],
    [
      "another organization's activity",
      "activityTypeId",
      () => ({ stage: "design", activityTypeId: activityIn(world.other.org.id, "design").id }),
      /from the list/,
    ],
  ];

  it.each(cases)("refuses %s with a message on %s and writes nothing", async (_label, field, changes, message) => {
    const before = countRows();
    const result = await postNew(newForm(changes()));
    expect(result.status).toBe(400);
    const error = errorsOf(result)[field];
    expect(error, JSON.stringify(errorsOf(result))).toBeTruthy();
    expect(error!.join(" ")).toMatch(message);
    expect(countRows()).toEqual(before);
  });

  it("says which problem an activity from another stage has", async () => {
    const result = await postNew(
      newForm({ stage: "evaluation", activityTypeId: activityIn(world.own.org.id, "delivery").id }),
    );
    expect(result.status).toBe(400);
    expect(errorsOf(result).activityTypeId?.join(" ")).toMatch(/another stage/);
  });

  it("tells a rate with too many decimals and one that is too high apart", async () => {
    const decimals = await postNew(newForm({ rate: "57.505" }));
    expect(errorsOf(decimals).rate?.join(" ")).toMatch(/two decimals/);
    const high = await postNew(newForm({ rate: "100000.01" }));
    expect(errorsOf(high).rate?.join(" ")).toMatch(/too high/);
    // The highest allowed amount is accepted.
    const highest = await postNew(newForm({ rate: "100,000.00" }));
    expect(stored(idFrom(highest.location)).rateCents).toBe(10_000_000);
  });

  it("refuses a creation key that is not a uuid", async () => {
    const before = countRows();
    const result = await postNew(newForm({ creationKey: "not-a-key" }));
    expect(result.status).toBe(400);
    expect(countRows()).toEqual(before);
  });
});

// --- fair pay ----------------------------------------------------------------------------------

describe("fair-pay flag", () => {
  it("compares the effective hourly rate with the organization's default, on the page and in the list", async () => {
    const fresh = await freshOrganization({ defaultHourlyRateCents: 6000 });
    const cases = [
      { values: { rateKind: "hourly", rateCents: 5999 }, below: true, effective: 5999 },
      { values: { rateKind: "hourly", rateCents: 6000 }, below: false, effective: 6000 },
      { values: { rateKind: "hourly", rateCents: 6001 }, below: false, effective: 6001 },
      // A day without an estimate counts as eight hours.
      { values: { rateKind: "daily", rateCents: 48000 }, below: false, effective: 6000 },
      { values: { rateKind: "daily", rateCents: 47999 }, below: true, effective: 5999 },
      { values: { rateKind: "daily", rateCents: 48000, estimatedHundredths: 1000 }, below: true, effective: 4800 },
      // A fixed fee without an estimate cannot be compared.
      { values: { rateKind: "honorarium", rateCents: 10000 }, below: null, effective: null },
      { values: { rateKind: "flat_fee", rateCents: 10000 }, below: null, effective: null },
      { values: { rateKind: "flat_fee", rateCents: 15000, estimatedHundredths: 250 }, below: false, effective: 6000 },
      { values: { rateKind: "honorarium", rateCents: 15000, estimatedHundredths: 300 }, below: true, effective: 5000 },
      // 100.00 / 1.5 h = 66.666… an hour: shown rounded down, compared exactly.
      { values: { rateKind: "flat_fee", rateCents: 10000, estimatedHundredths: 150 }, below: false, effective: 6666 },
    ] as const;
    const made = cases.map((c) => ({ ...c, id: fresh.engagement(c.values).id }));

    const list = await listAs(fresh.staffCookie);
    for (const c of made) {
      const fairPay = getEngagementForStaff(fresh.org.id, c.id).fairPay;
      expect(fairPay, JSON.stringify(c.values)).toMatchObject({
        fairHourlyCents: 6000,
        benchmarkHourlyCents: 5700,
        effectiveHourlyCents: c.effective,
        belowFairRate: c.below,
      });
      expect(list.engagements.find((e) => e.id === c.id)?.belowFairRate, JSON.stringify(c.values)).toBe(c.below);
      const page = (await openDetail(c.id, fresh.staffCookie)).data as DetailData;
      expect(page.engagement.fairPay.belowFairRate).toBe(c.below);
    }
  });

  it("uses the default fair rate of $57 an hour when the organization has not set one", async () => {
    const fresh = await freshOrganization();
    const at = fresh.engagement({ rateCents: 5700 });
    const under = fresh.engagement({ rateCents: 5699 });
    expect(getEngagementForStaff(fresh.org.id, at.id).fairPay).toMatchObject({
      fairHourlyCents: 5700,
      belowFairRate: false,
    });
    expect(getEngagementForStaff(fresh.org.id, under.id).fairPay.belowFairRate).toBe(true);
  });
});

// --- editing -----------------------------------------------------------------------------------

describe("editing an engagement", () => {
  it("the edit page's values, saved unchanged, change nothing", async () => {
    const e = ownEngagement({ estimatedHundredths: 150, startDate: "2026-04-01", format: "remote" });
    const opened = await openEdit(e.id);
    expect(opened.status).toBe(200);
    expect((opened.data as Awaited<ReturnType<typeof editRoute.loader>>).defaults).toMatchObject({
      rate: "60.00",
      estimatedHours: "1.50",
    });
    const result = await postEdit(e.id, editForm(e.id));
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/engagements/${e.id}?done=saved`);
    expect(stored(e.id)).toEqual(e);
    expect(auditOf(e.id)).toHaveLength(0);
  });

  it.each([
    ["rate", { rate: "65.00" }, ["rateCents"]],
    ["scope", { scopeWhat: "Three sessions instead of two" }, ["scopeWhat"]],
    ["dates", { startDate: "2026-05-01", endDate: "2026-05-02" }, ["startDate", "endDate"]],
    ["what is covered", { coversTravel: undefined }, ["coversTravel"]],
    ["estimated hours", { estimatedHours: "4.25" }, ["estimatedHundredths"]],
  ] as const)(
    "a change of %s raises the terms version and asks an agreed consultant again",
    async (_l, changes, fields) => {
      const e = ownEngagement({ status: "agreed" });
      const result = await postEdit(e.id, editForm(e.id, changes));
      expect(result.status).toBe(302);
      const after = stored(e.id);
      expect(after.termsVersion).toBe(2);
      expect(after.status).toBe("proposed");
      const events = auditOf(e.id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ action: "engagement.terms_changed", actorUserId: world.own.staff.userId });
      expect(events[0]!.changedFields).toEqual(fields);
    },
  );

  it("stores an edited rate in cents and keeps a second edit's version counting", async () => {
    const e = ownEngagement();
    await postEdit(e.id, editForm(e.id, { rate: "1,250.05" }));
    expect(stored(e.id)).toMatchObject({ rateCents: 125005, termsVersion: 2, status: "proposed" });
    await postEdit(e.id, editForm(e.id, { title: "Renamed" }));
    expect(stored(e.id)).toMatchObject({ title: "Renamed", termsVersion: 3 });
  });

  // Work under way whose terms change is no longer agreed: the consultant accepts again before
  // logging more time (time needs agreed, in-progress or completed work).
  it("a change of terms while in progress raises the version and asks the consultant again", async () => {
    const e = ownEngagement({ status: "in_progress" });
    await postEdit(e.id, editForm(e.id, { rate: "70" }));
    expect(stored(e.id)).toMatchObject({ status: "proposed", termsVersion: 2, rateCents: 7000 });
    expect(auditOf(e.id).map((a) => [a.action, a.changedFields])).toEqual([
      ["engagement.terms_changed", ["rateCents"]],
    ]);
  });

  // The consultant agreed to work for one program; the same work for another is another offer.
  it("moving it to another program is a change of terms: the consultant is asked again", async () => {
    const e = ownEngagement({ status: "agreed" });
    const otherProgram = createProgramRecord(world.own.org.id);
    const result = await postEdit(e.id, editForm(e.id, { programId: otherProgram.id }));
    expect(result.status).toBe(302);
    expect(stored(e.id)).toMatchObject({ programId: otherProgram.id, termsVersion: 2, status: "proposed" });
    const events = auditOf(e.id);
    expect(events.map((a) => [a.action, a.changedFields])).toEqual([["engagement.terms_changed", ["programId"]]]);
    expect(getEngagementForStaff(world.own.org.id, e.id).currentVersionAccepted).toBe(false);
  });

  it("handing a proposed engagement nobody has answered to another consultant asks the new consultant", async () => {
    const e = ownEngagement();
    const result = await postEdit(e.id, editForm(e.id, { consultantId: world.own.otherConsultant.consultantId }));
    expect(result.status).toBe(302);
    const page = getEngagementForStaff(world.own.org.id, e.id);
    expect(page.consultantId).toBe(world.own.otherConsultant.consultantId);
    expect(page.currentVersionAccepted).toBe(false);
    expect(page.status).toBe("proposed");
    expect(page.termsVersion).toBe(2);
    expect(auditOf(e.id).map((a) => [a.action, a.changedFields])).toEqual([
      ["engagement.terms_changed", ["consultantId"]],
    ]);
  });

  // The first consultant's messages, time notes and pay would show in the new consultant's portal,
  // and the new consultant would be paid for the first one's hours.
  describe("once the consultant answered, logged time or was paid, the consultant cannot be changed", () => {
    const answer = (e: Engagement, decision: "accepted" | "declined") =>
      db
        .insert(engagementAgreements)
        .values({
          organizationId: world.own.org.id,
          engagementId: e.id,
          termsVersion: 1,
          decision,
          message: "Only for me to read",
          termsSnapshot: termsSnapshot(e),
          decidedByUserId: world.own.consultant.userId,
        })
        .run();
    const history: [string, Partial<typeof engagements.$inferInsert>, (e: Engagement) => void][] = [
      ["an acceptance", { status: "agreed" }, (e) => answer(e, "accepted")],
      ["a declined answer", {}, (e) => answer(e, "declined")],
      [
        "a time entry",
        { status: "in_progress" },
        (e) =>
          db
            .insert(timeEntries)
            .values({
              organizationId: world.own.org.id,
              engagementId: e.id,
              workDate: "2026-03-02",
              hundredths: 200,
              kind: "session",
              note: "My own note",
            })
            .run(),
      ],
      [
        "a payment",
        { status: "in_progress" },
        (e) =>
          db
            .insert(payments)
            .values({
              organizationId: world.own.org.id,
              engagementId: e.id,
              consultantId: e.consultantId,
              feeCents: 12_000,
              method: "check",
            })
            .run(),
      ],
      // Their own words about their needs would open on the new consultant's work page.
      [
        "a request for support, not yet answered",
        {},
        (e) =>
          db
            .insert(supportItems)
            .values({ organizationId: world.own.org.id, engagementId: e.id, kind: "interpreter", source: "consultant" })
            .run(),
      ],
    ];

    it.each(history)("after %s: refused next to the consultant, and nothing changes", async (_label, values, add) => {
      const e = ownEngagement(values);
      add(e);
      const before = countRows();
      const result = await postEdit(
        e.id,
        editForm(e.id, { consultantId: world.own.otherConsultant.consultantId, title: "Renamed at the same time" }),
      );
      expect(result.status).toBe(400);
      expect(errorsOf(result).consultantId).toEqual([
        "Cancel this engagement and add a new one for the other consultant.",
      ]);
      expect(stored(e.id)).toEqual(e);
      expect(countRows()).toEqual(before);
    });

    it("other changes still save", async () => {
      const e = ownEngagement({ status: "agreed" });
      answer(e, "accepted");
      const result = await postEdit(e.id, editForm(e.id, { scopeWhere: "Community room" }));
      expect(result.status).toBe(302);
      expect(stored(e.id)).toMatchObject({ consultantId: e.consultantId, scopeWhere: "Community room" });
    });
  });

  it("leaves the payment deadline as it was when the field is emptied", async () => {
    const e = ownEngagement({ paymentDueDays: 45 });
    await postEdit(e.id, editForm(e.id, { paymentDueDays: "" }));
    expect(stored(e.id).paymentDueDays).toBe(45);
  });

  it.each(["completed", "cancelled"] as const)("a %s engagement can no longer be edited", async (status) => {
    const e = ownEngagement({ status, cancellationReason: status === "cancelled" ? "Funding ended" : null });
    const before = countRows();
    const result = await postEdit(e.id, editForm(e.id, { rate: "99.00", title: "Sneaky change" }));
    expect(result.status).toBe(400);
    const messages = Object.values(errorsOf(result)).flat().join(" ");
    expect(messages).toMatch(/completed or cancelled/);
    expect(stored(e.id)).toEqual(e);
    expect(countRows()).toEqual(before);
  });

  it("refuses bad input with a field error and no change", async () => {
    const e = ownEngagement({ status: "agreed" });
    for (const [field, changes] of [
      ["rate", { rate: "57.505" }],
      ["rate", { rate: "-1" }],
      ["estimatedHours", { estimatedHours: "0" }],
      ["endDate", { startDate: "2026-06-02", endDate: "2026-06-01" }],
      ["consultantId", { consultantId: world.other.consultant.consultantId }],
      ["programId", { programId: world.other.programId }],
      ["activityTypeId", { activityTypeId: activityIn(world.own.org.id, "evaluation").id }],
    ] as const) {
      const result = await postEdit(e.id, editForm(e.id, changes));
      expect(result.status, field).toBe(400);
      expect(errorsOf(result)[field], field).toBeTruthy();
    }
    expect(stored(e.id)).toEqual(e);
    expect(auditOf(e.id)).toHaveLength(0);
  });
});

// --- acceptance snapshot ------------------------------------------------------------------------

describe("an accepted version survives edits", () => {
  it("keeps the terms the consultant accepted word for word after staff change the rate", async () => {
    const e = ownEngagement({ status: "agreed", rateCents: 6000, scopeWhat: "Two sessions, as agreed" });
    const snapshot = termsSnapshot(e);
    db.insert(engagementAgreements)
      .values({
        organizationId: world.own.org.id,
        engagementId: e.id,
        termsVersion: 1,
        decision: "accepted",
        message: "Happy to do it",
        termsSnapshot: snapshot,
        decidedByUserId: world.own.consultant.userId,
      })
      .run();
    const accepted = getEngagementForStaff(world.own.org.id, e.id);
    expect(accepted.currentVersionAccepted).toBe(true);
    expect(accepted.agreements[0]).toMatchObject({
      decision: "accepted",
      termsVersion: 1,
      decidedByName: world.own.consultant.preferredName,
    });

    const result = await postEdit(e.id, editForm(e.id, { rate: "45.00", belowFairRateAccepted: "on" }));
    expect(result.status).toBe(302);

    const after = getEngagementForStaff(world.own.org.id, e.id);
    expect(after).toMatchObject({
      rateCents: 4500,
      termsVersion: 2,
      status: "proposed",
      currentVersionAccepted: false,
    });
    expect(after.agreements).toHaveLength(1);
    expect(after.agreements[0]!.termsVersion).toBe(1);
    expect(after.agreements[0]!.termsSnapshot).toEqual(snapshot);
    expect(after.agreements[0]!.termsSnapshot).toMatchObject({ rateCents: 6000, scopeWhat: "Two sessions, as agreed" });
    const row = db.select().from(engagementAgreements).where(eq(engagementAgreements.engagementId, e.id)).get()!;
    expect(row.termsSnapshot.rateCents).toBe(6000);
    // The snapshot holds the terms only, not who the work is for or any internal key.
    expect(Object.keys(snapshot)).not.toContain("creationKey");
  });

  it("an agreement row can be neither changed nor removed", () => {
    const e = ownEngagement({ status: "agreed" });
    const agreement = db
      .insert(engagementAgreements)
      .values({
        organizationId: world.own.org.id,
        engagementId: e.id,
        termsVersion: 1,
        decision: "accepted",
        termsSnapshot: termsSnapshot(e),
        decidedByUserId: world.own.consultant.userId,
      })
      .returning()
      .get();
    const where = eq(engagementAgreements.id, agreement.id);
    expect(() =>
      db
        .update(engagementAgreements)
        .set({ termsSnapshot: { ...termsSnapshot(e), rateCents: 1 } })
        .where(where)
        .run(),
    ).toThrow(/append-only/);
    expect(() => db.update(engagementAgreements).set({ decision: "declined" }).where(where).run()).toThrow(
      /append-only/,
    );
    expect(() => db.delete(engagementAgreements).where(where).run()).toThrow(/append-only/);
    expect(() => db.$client.prepare("DELETE FROM engagement_agreements").run()).toThrow(/append-only/);
    expect(db.select().from(engagementAgreements).where(where).get()).toEqual(agreement);
  });
});

// --- status ------------------------------------------------------------------------------------

describe("changing the status", () => {
  const statusEvents = (id: string) => auditOf(id, "engagement.status_changed");

  it("staff cannot mark a proposed engagement agreed: that answer is the consultant's", async () => {
    const e = ownEngagement();
    for (const status of ["agreed", "in_progress", "completed"]) {
      const result = await postStatus(e.id, { status });
      expect(result.status, status).toBe(400);
      expect(Object.values(errorsOf(result)).flat().join(" ")).toMatch(/not possible/);
    }
    expect(stored(e.id)).toEqual(e);
    expect(statusEvents(e.id)).toHaveLength(0);
    const page = (await openDetail(e.id)).data as DetailData;
    expect(page.nextStatuses).toEqual(["cancelled"]);
  });

  it("agreed → in progress → completed, with the completion time", async () => {
    const e = ownEngagement({ status: "agreed" });
    const started = await postStatus(e.id, { status: "in_progress" });
    expect(started.status).toBe(302);
    expect(started.location).toBe(`/engagements/${e.id}?done=status`);
    expect(stored(e.id)).toMatchObject({ status: "in_progress", completedAt: null });

    const before = Date.now();
    const done = await postStatus(e.id, { status: "completed" });
    expect(done.status).toBe(302);
    const after = stored(e.id);
    expect(after.status).toBe("completed");
    expect(after.completedAt).toBeInstanceOf(Date);
    expect(after.completedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(after.completedAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(statusEvents(e.id).map((a) => a.changedFields)).toEqual([["status"], ["status"]]);
    expect(statusEvents(e.id)[0]!.actorUserId).toBe(world.own.staff.userId);
  });

  it("repeating the same status changes nothing and records nothing", async () => {
    const e = ownEngagement({ status: "agreed" });
    await postStatus(e.id, { status: "in_progress" });
    const once = stored(e.id);
    const again = await postStatus(e.id, { status: "in_progress" });
    expect(again.status).toBe(302);
    expect(stored(e.id)).toEqual(once);
    expect(statusEvents(e.id)).toHaveLength(1);

    await postStatus(e.id, { status: "completed" });
    const completed = stored(e.id);
    expect((await postStatus(e.id, { status: "completed" })).status).toBe(302);
    expect(stored(e.id)).toEqual(completed); // completedAt is not moved
    expect(statusEvents(e.id)).toHaveLength(2);
  });

  it("cancelling needs a reason", async () => {
    const e = ownEngagement({ status: "agreed" });
    for (const form of [{ status: "cancelled" }, { status: "cancelled", cancellationReason: "   " }]) {
      const result = await postStatus(e.id, form);
      expect(result.status).toBe(400);
      expect(Object.values(errorsOf(result)).flat().join(" ")).toMatch(/why/);
    }
    expect(stored(e.id)).toEqual(e);
    expect(statusEvents(e.id)).toHaveLength(0);
  });

  it("stores the reason and the cancellation fee in cents", async () => {
    const e = ownEngagement({ status: "agreed" });
    const result = await postStatus(e.id, {
      status: "cancelled",
      cancellationReason: "  Venue closed <b>suddenly</b>  ",
      cancellationFee: "25.50",
    });
    expect(result.status).toBe(302);
    expect(stored(e.id)).toMatchObject({
      status: "cancelled",
      cancellationReason: "Venue closed <b>suddenly</b>",
      cancellationFeeCents: 2550,
      completedAt: null,
    });
    const events = statusEvents(e.id);
    expect(events.map((a) => a.changedFields)).toEqual([["status", "cancellationReason", "cancellationFeeCents"]]);
    expect(JSON.stringify(events)).not.toContain("Venue closed");
  });

  it("a proposed engagement may be cancelled without a fee", async () => {
    const e = ownEngagement();
    await postStatus(e.id, { status: "cancelled", cancellationReason: "Consultant unavailable", cancellationFee: "" });
    expect(stored(e.id)).toMatchObject({ status: "cancelled", cancellationFeeCents: null });
  });

  it("takes a cancellation fee of exactly $100,000, the most a payment can be", async () => {
    const e = ownEngagement({ status: "agreed" });
    const result = await postStatus(e.id, {
      status: "cancelled",
      cancellationReason: "Funding",
      cancellationFee: "100,000.00",
    });
    expect(result.status).toBe(302);
    expect(stored(e.id).cancellationFeeCents).toBe(10_000_000);
  });

  it.each(["abc", "-5", "12.345", "1e3", "100000.01", "99999999999999", `${"0".repeat(20)}50`])(
    "refuses a cancellation fee of %s",
    async (fee) => {
      const e = ownEngagement({ status: "agreed" });
      const result = await postStatus(e.id, {
        status: "cancelled",
        cancellationReason: "Funding",
        cancellationFee: fee,
      });
      expect(result.status).toBe(400);
      expect(errorsOf(result).cancellationFee).toBeTruthy();
      expect(stored(e.id)).toEqual(e);
    },
  );

  it("the model also refuses a cancellation fee above $100,000", () => {
    const e = ownEngagement({ status: "agreed" });
    const cancel = () =>
      changeEngagementStatus({
        organizationId: world.own.org.id,
        engagementId: e.id,
        actorUserId: world.own.staff.userId,
        status: "cancelled",
        cancellationReason: "Funding",
        cancellationFeeCents: 10_000_001,
      });
    expect(cancel).toThrow(RuleError);
    expect(stored(e.id)).toEqual(e);
  });

  it("refuses a status that does not exist", async () => {
    const e = ownEngagement({ status: "agreed" });
    const result = await postStatus(e.id, { status: "archived" });
    expect(result.status).toBe(400);
    expect(errorsOf(result).status).toBeTruthy();
    expect(stored(e.id)).toEqual(e);
  });

  it.each(["completed", "cancelled"] as const)("nothing follows %s", async (from) => {
    const e = ownEngagement({ status: from, cancellationReason: from === "cancelled" ? "Funding" : null });
    for (const status of ["proposed", "agreed", "in_progress", "completed", "cancelled"].filter((s) => s !== from)) {
      const result = await postStatus(e.id, { status, cancellationReason: "Changed my mind" });
      expect(result.status, `${from} → ${status}`).toBe(400);
    }
    expect(stored(e.id)).toEqual(e);
    expect(statusEvents(e.id)).toHaveLength(0);
    expect(((await openDetail(e.id)).data as DetailData).nextStatuses).toEqual([]);
  });
});

// --- list ----------------------------------------------------------------------------------------

describe("the engagement list", () => {
  it("a consultant's record shows their 20 most recent, and the list filters by consultant id", async () => {
    const fresh = await freshOrganization();
    const busy = createConsultantRecord(fresh.org.id, { preferredName: "Busy Person" });
    const program = createProgramRecord(fresh.org.id);
    const theirs = Array.from({ length: 25 }, (_, i) =>
      createEngagementRecord(fresh.org.id, busy.id, program.id, {
        startDate: `2026-01-${String(i + 1).padStart(2, "0")}`,
      }),
    ).map((e) => e.id);
    const someoneElses = fresh.engagement();

    const record = await callRoute(
      recordRoute.loader,
      makeRequest(`/consultants/${busy.id}`, { cookie: fresh.staffCookie }),
      { id: busy.id },
    );
    const data = record.data as { engagements: { id: string }[]; engagementCount: number };
    expect(data.engagementCount).toBe(25);
    expect(data.engagements.map((e) => e.id)).toEqual(theirs.slice(5).reverse());

    const list = await listAs(fresh.staffCookie, `?consultant=${busy.id}`);
    expect(list.engagements.map((e) => e.id).sort()).toEqual([...theirs].sort());
    expect(list.engagements.map((e) => e.id)).not.toContain(someoneElses.id);
    expect(list.consultantName).toBe("Busy Person");
    // Another organization's consultant finds nothing here, and names nobody.
    const elsewhere = await listAs(fresh.staffCookie, `?consultant=${world.other.consultant.consultantId}`);
    expect(elsewhere).toMatchObject({ engagements: [], consultantName: null });
  });

  it("filters by stage and by status, and ignores filters it does not know", async () => {
    const fresh = await freshOrganization();
    const design = fresh.engagement({ stage: "design", status: "proposed" });
    const deliveryAgreed = fresh.engagement({ stage: "delivery", status: "agreed" });
    const deliveryCancelled = fresh.engagement({ stage: "delivery", status: "cancelled", cancellationReason: "x" });
    const evaluation = fresh.engagement({ stage: "evaluation", status: "completed" });
    const ids = (data: ListData) => data.engagements.map((e) => e.id).sort();
    const all = [design, deliveryAgreed, deliveryCancelled, evaluation].map((e) => e.id).sort();

    expect(ids(await listAs(fresh.staffCookie))).toEqual(all);
    expect(ids(await listAs(fresh.staffCookie, "?stage=delivery"))).toEqual(
      [deliveryAgreed.id, deliveryCancelled.id].sort(),
    );
    expect(ids(await listAs(fresh.staffCookie, "?status=completed"))).toEqual([evaluation.id]);
    expect(ids(await listAs(fresh.staffCookie, "?stage=delivery&status=cancelled"))).toEqual([deliveryCancelled.id]);
    expect(ids(await listAs(fresh.staffCookie, "?stage=design&status=completed"))).toEqual([]);
    expect(ids(await listAs(fresh.staffCookie, "?stage=&status="))).toEqual(all);
    const unknown = await listAs(fresh.staffCookie, "?stage=marketing&status=paid");
    expect(unknown.filters).toEqual({});
    expect(ids(unknown)).toEqual(all);
  });
});

// --- organizations and roles -------------------------------------------------------------------

describe("organization isolation", () => {
  it("another organization's engagement is not found, not changed and never listed", async () => {
    const theirs = createEngagementRecord(
      world.other.org.id,
      world.other.consultant.consultantId,
      world.other.programId,
      {
        status: "agreed",
      },
    );
    const before = countRows();
    for (const who of [cookie.staff, cookie.admin]) {
      expect((await openDetail(theirs.id, who)).status).toBe(404);
      expect((await openEdit(theirs.id, who)).status).toBe(404);
      expect((await postStatus(theirs.id, { status: "in_progress" }, who)).status).toBe(404);
      expect((await postStatus(theirs.id, { status: "cancelled", cancellationReason: "Not yours" }, who)).status).toBe(
        404,
      );
      // A valid form naming this organization's own records still cannot reach it.
      expect((await postEdit(theirs.id, editForm(ownEngagement().id, { rate: "1.00" }), who)).status).toBe(404);
      expect((await listAs(who)).engagements.map((e) => e.id)).not.toContain(theirs.id);
      expect((await listAs(who, "?status=agreed")).engagements.map((e) => e.id)).not.toContain(theirs.id);
    }
    expect(stored(theirs.id)).toEqual(theirs);
    expect(auditOf(theirs.id)).toHaveLength(0);
    expect(countRows().audit).toBe(before.audit);
    expect(() => getEngagementForStaff(world.own.org.id, theirs.id)).toThrow();

    // Their own staff still see it.
    expect((await openDetail(theirs.id, cookie.otherStaff)).status).toBe(200);
  });

  it("the same creation key in two organizations makes two engagements", async () => {
    const key = randomUUID();
    const mine = await postNew(newForm({ creationKey: key }));
    const theirs = await postNew(
      newForm({
        creationKey: key,
        consultantId: world.other.consultant.consultantId,
        programId: world.other.programId,
      }),
      cookie.otherStaff,
    );
    expect(idFrom(mine.location)).not.toBe(idFrom(theirs.location));
    expect(stored(idFrom(theirs.location)).organizationId).toBe(world.other.org.id);
  });
});

describe("consultants", () => {
  it("get 403 on every engagement page and change nothing", async () => {
    const e = ownEngagement({ status: "agreed" });
    const before = countRows();
    const who = cookie.consultant;
    const results = [
      await callRoute(listRoute.loader, makeRequest("/engagements", { cookie: who })),
      await callRoute(newRoute.loader, makeRequest("/engagements/new", { cookie: who })),
      await postNew(newForm(), who),
      await openDetail(e.id, who),
      await postStatus(e.id, { status: "in_progress" }, who),
      await openEdit(e.id, who),
      await postEdit(e.id, editForm(e.id, { rate: "1.00" }), who),
    ];
    for (const result of results) expect(result.status).toBe(403);
    expect(stored(e.id)).toEqual(e);
    expect(countRows()).toEqual(before);
  });
});

// Keeps the activity-type import honest: the default list gives every stage at least one activity.
describe("activity types", () => {
  it("each organization has its own defaults for every stage", () => {
    for (const stage of ["design", "delivery", "evaluation"] as const) {
      const mine = activityIn(world.own.org.id, stage);
      const theirs = activityIn(world.other.org.id, stage);
      expect(mine.id).not.toBe(theirs.id);
      expect(db.select().from(activityTypes).where(eq(activityTypes.id, mine.id)).get()!.organizationId).toBe(
        world.own.org.id,
      );
    }
  });
});

describe("removed activities and closed programs", () => {
  type EditData = Awaited<ReturnType<typeof editRoute.loader>>;

  it("are no longer offered for new work, but an engagement that has one keeps it when edited", async () => {
    const { org, staffCookie, adminUserId, engagement, form } = await freshOrganization();
    const activity = activityIn(org.id, "delivery");
    const kept = engagement({ activityTypeId: activity.id });
    const program = db.select().from(programs).where(eq(programs.id, kept.programId)).get()!;
    archiveActivityType({ organizationId: org.id, actorUserId: adminUserId, activityTypeId: activity.id });
    db.update(programs).set({ status: "closed" }).where(eq(programs.id, program.id)).run();

    // The new-engagement form no longer offers either, and the server refuses them.
    const choices = (await callRoute(newRoute.loader, makeRequest("/engagements/new", { cookie: staffCookie })))
      .data as EditData;
    expect(choices.choices.activityTypes.map((a) => a.id)).not.toContain(activity.id);
    expect(choices.choices.programs.map((p) => p.id)).not.toContain(program.id);
    const refused = await postNew(form({ activityTypeId: activity.id }), staffCookie);
    expect(refused.status).toBe(400);
    expect(errorsOf(refused).programId).toEqual(["That program is closed. Choose an open one."]);
    expect(errorsOf(refused).activityTypeId).toBeUndefined();

    // The engagement's own edit page still offers what it has, and saving keeps it.
    const edit = (await openEdit(kept.id, staffCookie)).data as EditData;
    expect(edit.choices.activityTypes.map((a) => a.id)).toContain(activity.id);
    expect(edit.choices.programs.map((p) => p.id)).toContain(program.id);
    const saved = await postEdit(
      kept.id,
      editForm(kept.id, { title: "Renamed after the activity was removed" }),
      staffCookie,
    );
    expect(saved.status).toBe(302);
    expect(stored(kept.id)).toMatchObject({ activityTypeId: activity.id, programId: program.id });
  });

  it("refuses a removed activity that the engagement did not have", async () => {
    const { org, staffCookie, adminUserId, engagement } = await freshOrganization();
    const [first, second] = listActivityTypes(org.id).filter((a) => a.stage === "delivery");
    const e = engagement({ activityTypeId: first!.id });
    archiveActivityType({ organizationId: org.id, actorUserId: adminUserId, activityTypeId: second!.id });
    const result = await postEdit(e.id, editForm(e.id, { activityTypeId: second!.id }), staffCookie);
    expect(result.status).toBe(400);
    expect(errorsOf(result).activityTypeId).toEqual(["That activity is no longer offered. Choose another."]);
    expect(stored(e.id).activityTypeId).toBe(first!.id);
  });
});
