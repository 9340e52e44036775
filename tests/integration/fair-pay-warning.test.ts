// Fair pay in sight: the engagement forms show the organization's fair hourly rate, and a rate below
// it is not saved until the person ticks "Save anyway" (the warning comes before saving, not after).
// The effective rate and estimated total come from one place and reach the staff page and the
// consultant's terms page, with the contact person named.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, engagements, organizationSettings } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { engagementFormDefaults, getEngagementForStaff } from "../../app/models/engagement/reads.server";
import { setMemberActive } from "../../app/models/membership.server";
import * as newRoute from "../../app/routes/_staff.engagements.new";
import * as editRoute from "../../app/routes/_staff.engagements.$id.edit";
import * as workRoute from "../../app/routes/portal.work.$id";
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

type Form = Record<string, string | undefined>;
type Reply = { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
type NewData = Awaited<ReturnType<typeof newRoute.loader>>;
type WorkData = Awaited<ReturnType<typeof workRoute.loader>>;

let org: ReturnType<typeof createOrganization>;
let staff: Awaited<ReturnType<typeof createMember>>;
let admin: Awaited<ReturnType<typeof createMember>>;
let staffCookie = "";
let consultantId = "";
let programId = "";

beforeAll(async () => {
  org = createOrganization();
  // A fair rate of $57 an hour, the organization's own setting.
  db.insert(organizationSettings).values({ organizationId: org.id, defaultHourlyRateCents: 5700 }).run();
  [staff, admin] = await Promise.all([
    createMember({ organizationId: org.id, role: "staff", preferredName: `Sam ${randomUUID().slice(0, 4)}` }),
    createMember({ organizationId: org.id, role: "admin" }),
  ]);
  staffCookie = await cookieFor(staff.userId);
  consultantId = createConsultantRecord(org.id).id;
  programId = createProgramRecord(org.id).id;
});

const sent = (form: Form) =>
  Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => e[1] !== undefined));

function newForm(values: Form = {}): Form {
  return {
    consultantId,
    programId,
    stage: "design",
    level: "consult",
    title: `Review ${randomUUID().slice(0, 8)}`,
    scopeWhat: "Read the plan and say what should change.",
    rateKind: "hourly",
    rate: "25",
    estimatedHours: "4",
    coversPreparation: "on",
    creationKey: randomUUID(),
    ...values,
  };
}

const postNew = (form: Form) =>
  callRoute(newRoute.action, makeRequest("/engagements/new", { cookie: staffCookie, form: sent(form) }));
const postEdit = (id: string, form: Form) =>
  callRoute(editRoute.action, makeRequest(`/engagements/${id}/edit`, { cookie: staffCookie, form: sent(form) }), {
    id,
  });
const byTitle = (title: string | undefined) =>
  db
    .select()
    .from(engagements)
    .where(and(eq(engagements.organizationId, org.id), eq(engagements.title, title!)))
    .all();
const errorsOf = (result: { data: unknown }) => englishErrors((result.data as Reply).error);

describe("the new-engagement form warns before saving below the fair rate", () => {
  it("offers the fair rate to the form", async () => {
    const result = await callRoute(newRoute.loader, makeRequest("/engagements/new", { cookie: staffCookie }));
    expect((result.data as NewData).fairHourlyCents).toBe(5700);
  });

  it("a $25/h engagement is not saved on the first submit: the warning has the figures, and nothing typed is lost", async () => {
    const form = newForm();
    const first = await postNew(form);
    expect(first.status).toBe(400);
    const warning = errorsOf(first).belowFairRateAccepted?.join(" ") ?? "";
    expect(warning).toContain("about $25.00 an hour");
    expect(warning).toContain("about $100.00 in all");
    expect(warning).toContain("fair rate of $57.00 an hour");
    expect(warning).toMatch(/Save anyway/);
    expect((first.data as Reply).initialValue).toMatchObject({ rate: "25", estimatedHours: "4", title: form.title });
    expect(byTitle(form.title)).toHaveLength(0);

    // "Save anyway" saves it as it is, and the audit says it was saved knowingly.
    const second = await postNew({ ...form, belowFairRateAccepted: "on" });
    expect(second.status).toBe(302);
    const [saved] = byTitle(form.title);
    expect(saved).toMatchObject({ rateCents: 2500, estimatedHundredths: 400 });
    const [audit] = db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, saved!.id), eq(auditEvents.action, "engagement.created")))
      .all();
    expect(audit!.changedFields).toContain("belowFairRateAccepted");
  });

  it("a rate at the fair rate or above is saved at once", async () => {
    for (const rate of ["57", "80"]) {
      const form = newForm({ rate });
      expect((await postNew(form)).status).toBe(302);
      expect(byTitle(form.title)).toHaveLength(1);
    }
  });

  it("a daily rate below the fair rate for its hours in a day warns too, with days × rate as the total", async () => {
    // $300 a day of 8 hours is $37.50 an hour; 3 days make $900.
    const form = newForm({ rateKind: "daily", rate: "300", estimatedHours: "", estimatedDays: "3" });
    const first = await postNew(form);
    expect(errorsOf(first).belowFairRateAccepted?.join(" ")).toMatch(
      /about \$37\.50 an hour \(about \$900\.00 in all\)/,
    );
    expect((await postNew({ ...form, belowFairRateAccepted: "on" })).status).toBe(302);
    expect(byTitle(form.title)[0]).toMatchObject({ rateKind: "daily", estimatedDays: 3 });
  });

  it("a flat fee without hours cannot be compared, so it is saved without a warning", async () => {
    const form = newForm({ rateKind: "flat_fee", rate: "100", estimatedHours: "" });
    expect((await postNew(form)).status).toBe(302);
  });

  it("days are kept only for a daily rate", async () => {
    const form = newForm({ rate: "60", estimatedDays: "5" });
    expect((await postNew(form)).status).toBe(302);
    expect(byTitle(form.title)[0]!.estimatedDays).toBeNull();
  });
});

describe("the edit form warns the same way", () => {
  it("lowering the rate below the fair rate needs 'save anyway'", async () => {
    const e = createEngagementRecord(org.id, consultantId, programId, { rateCents: 6000, estimatedHundredths: 500 });
    const form: Form = {};
    for (const [key, value] of Object.entries(engagementFormDefaults(e))) {
      form[key] = typeof value === "boolean" ? (value ? "on" : undefined) : value;
    }
    const first = await postEdit(e.id, { ...form, rate: "30" });
    expect(first.status).toBe(400);
    expect(errorsOf(first).belowFairRateAccepted?.join(" ")).toContain("about $30.00 an hour");
    expect(db.select().from(engagements).where(eq(engagements.id, e.id)).get()!.rateCents).toBe(6000);

    expect((await postEdit(e.id, { ...form, rate: "30", belowFairRateAccepted: "on" })).status).toBe(302);
    expect(db.select().from(engagements).where(eq(engagements.id, e.id)).get()!.rateCents).toBe(3000);
  });
});

describe("the estimated total", () => {
  it("is on the staff page's fair-pay figures", () => {
    const hourly = createEngagementRecord(org.id, consultantId, programId, {
      rateCents: 6000,
      estimatedHundredths: 250,
    });
    expect(getEngagementForStaff(org.id, hourly.id).fairPay).toMatchObject({
      fairHourlyCents: 5700,
      effectiveHourlyCents: 6000,
      estimatedTotalCents: 15000,
      belowFairRate: false,
    });
    const daily = createEngagementRecord(org.id, consultantId, programId, {
      rateKind: "daily",
      rateCents: 48000,
      estimatedDays: 2,
    });
    expect(getEngagementForStaff(org.id, daily.id).fairPay).toMatchObject({
      effectiveHourlyCents: 6000,
      estimatedTotalCents: 96000,
    });
  });
});

describe("the consultant's terms page", () => {
  async function openAsConsultant(values: Partial<typeof engagements.$inferInsert>) {
    const member = await createMember({ organizationId: org.id, role: "consultant" });
    const record = createConsultantRecord(org.id, { userId: member.userId });
    const e = createEngagementRecord(org.id, record.id, programId, values);
    const result = await callRoute(
      workRoute.loader,
      makeRequest(`/portal/work/${e.id}`, { cookie: await cookieFor(member.userId) }),
      { id: e.id },
    );
    expect(result.status).toBe(200);
    return (result.data as WorkData).engagement;
  }

  it("shows the estimated total and names the staff member responsible for the work", async () => {
    const e = await openAsConsultant({ rateCents: 6000, estimatedHundredths: 300, createdByUserId: staff.userId });
    expect(e.estimatedTotalCents).toBe(18000);
    expect(e.contactName).toBe(staff.preferredName);
  });

  it("names nobody when the person who set it up no longer works there", async () => {
    const gone = await createMember({ organizationId: org.id, role: "staff" });
    setMemberActive({
      organizationId: org.id,
      actorUserId: admin.userId,
      membershipId: gone.membershipId,
      active: false,
    });
    const e = await openAsConsultant({ createdByUserId: gone.userId });
    expect(e.contactName).toBeNull();
  });
});
