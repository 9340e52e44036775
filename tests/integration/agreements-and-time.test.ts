// Agreements and time: a consultant reads the terms of their own work in the portal and
// accepts or declines them, each answer kept word for word; time is logged within clear limits,
// approved by staff and then locked, a correction replacing what it corrects in the totals.
import { NotFoundError, RuleError } from "../../app/models/errors";
import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, engagementAgreements, engagements, timeEntries } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import {
  decideOnAgreement,
  getOwnEngagement,
  listOwnEngagements,
  STALE_TERMS_MESSAGE,
} from "../../app/models/engagement/own-work.server";
import { engagementFormDefaults, getEngagementForStaff } from "../../app/models/engagement/reads.server";
import { termsSnapshot } from "../../app/models/engagement/terms.server";
import { updateEngagement } from "../../app/models/engagement/editing.server";
import { approveTime, deleteTime, logTime, updateTime } from "../../app/models/time/changes.server";
import { approvedHoursByEngagement, listTime, timeTotals } from "../../app/models/time/reads.server";
import { type TimeInput } from "../../app/models/time/rules.server";
import { organizationToday } from "../../app/models/settings.server";
import { EngagementSchema } from "../../app/utils/engagement-schema";
import { HOURS_RANGE_MESSAGE } from "../../app/utils/time-schema";
import { readMessage } from "../../app/i18n/message";
import { inEnglish } from "../../app/i18n/translate.server";
import * as workListRoute from "../../app/routes/portal.work._index";
import * as workRoute from "../../app/routes/portal.work.$id";
import * as staffTimeRoute from "../../app/routes/_staff.engagements.$id.time";
import {
  cookieFor,
  createConsultantRecord,
  createEngagementRecord,
  createMember,
  createProgramRecord,
  createTwoOrganizations,
} from "../support/factories";
import { callRoute, makeRequest, type RouteResult } from "../support/http";
import { englishOf } from "../support/in-english";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
type Reply = { form: string; result: { status?: string; error?: Record<string, string[] | null> } };
type WorkData = Awaited<ReturnType<typeof workRoute.loader>>;
type ListData = Awaited<ReturnType<typeof workListRoute.loader>>;

const DAY_MS = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY_MS).toISOString().slice(0, 10);
const short = () => randomUUID().slice(0, 8);

let world: World;
const cookie = { consultant: "", otherConsultant: "", staff: "", admin: "", foreignConsultant: "", foreignStaff: "" };

beforeAll(async () => {
  world = await createTwoOrganizations();
  [
    cookie.consultant,
    cookie.otherConsultant,
    cookie.staff,
    cookie.admin,
    cookie.foreignConsultant,
    cookie.foreignStaff,
  ] = await Promise.all([
    cookieFor(world.own.consultant.userId),
    cookieFor(world.own.otherConsultant.userId),
    cookieFor(world.own.staff.userId),
    cookieFor(world.own.admin.userId),
    cookieFor(world.other.consultant.userId),
    cookieFor(world.other.staff.userId),
  ]);
});

// --- helpers -----------------------------------------------------------------------------------

const own = () => ({ organizationId: world.own.org.id, userId: world.own.consultant.userId });
const consultantActor = () => ({ userId: world.own.consultant.userId, role: "consultant" as const });
const staffActor = () => ({ userId: world.own.staff.userId, role: "staff" as const });

/** A fresh engagement of the world's own consultant (proposed unless told), started 10 days ago. */
function engagementFor(
  consultantId = world.own.consultant.consultantId,
  values: Partial<typeof engagements.$inferInsert> = {},
) {
  return createEngagementRecord(world.own.org.id, consultantId, world.own.programId, {
    title: `Work ${short()}`,
    startDate: daysAgo(10),
    ...values,
  });
}

/** A consultant login with its record, for tests that count a person's hours per day. */
async function freshConsultant() {
  const member = await createMember({ organizationId: world.own.org.id, role: "consultant" });
  const record = createConsultantRecord(world.own.org.id, { userId: member.userId, email: member.email });
  return { ...member, consultantId: record.id, cookie: await cookieFor(member.userId) };
}

const engagementRow = (id: string) => db.select().from(engagements).where(eq(engagements.id, id)).get()!;
const agreementRows = (engagementId: string) =>
  db.select().from(engagementAgreements).where(eq(engagementAgreements.engagementId, engagementId)).all();
const timeRows = (engagementId: string) =>
  db.select().from(timeEntries).where(eq(timeEntries.engagementId, engagementId)).all();
const auditFor = (subjectId: string, action?: string) =>
  db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, subjectId), action ? eq(auditEvents.action, action) : undefined))
    .all();

const openWork = (id: string, who = cookie.consultant) =>
  callRoute(workRoute.loader, makeRequest(`/portal/work/${id}`, { cookie: who }), { id });
const postWork = (id: string, form: Record<string, string | string[]>, who = cookie.consultant) =>
  callRoute(workRoute.action, makeRequest(`/portal/work/${id}`, { cookie: who, form }), { id });
const openStaffTime = (id: string, who = cookie.staff) =>
  callRoute(staffTimeRoute.loader, makeRequest(`/engagements/${id}/time`, { cookie: who }), { id });
const postStaffTime = (id: string, form: Record<string, string | string[]>, who = cookie.staff) =>
  callRoute(staffTimeRoute.action, makeRequest(`/engagements/${id}/time`, { cookie: who, form }), { id });

const accept = (id: string, termsVersion = 1, message = "", who = cookie.consultant) =>
  postWork(id, { intent: "accept", termsVersion: String(termsVersion), message }, who);
const decline = (id: string, termsVersion = 1, message = "", who = cookie.consultant) =>
  postWork(id, { intent: "decline", termsVersion: String(termsVersion), message }, who);
/** The time form as a page sends it, with the fresh creation key its loader gave. */
const timeForm = (values: Record<string, string> = {}) => ({
  intent: "log-time",
  workDate: daysAgo(1),
  hours: "2",
  kind: "session",
  note: "",
  creationKey: randomUUID(),
  ...values,
});

function reply(result: RouteResult) {
  expect(result.status).toBe(400);
  return result.data as Reply;
}
// The reply holds catalog keys with their values; the page shows them in its reader's language.
const inWords = (messages: string[] | null | undefined) =>
  (messages ?? []).map((text) => inEnglish(readMessage(text).key, readMessage(text).values)).join(" ");
const fieldError = (result: RouteResult, field: string) => inWords(reply(result).result.error?.[field]);
const formError = (result: RouteResult) => inWords(reply(result).result.error?.[""]);
const HOURS_RANGE = inEnglish(HOURS_RANGE_MESSAGE);

function input(values: Partial<TimeInput> = {}): TimeInput {
  return { workDate: daysAgo(1), hundredths: 200, kind: "session", note: null, ...values };
}

/** Staff change the terms through the real edit path (the form's values, changed). */
function editTerms(engagementId: string, changes: Record<string, unknown>) {
  const defaults = engagementFormDefaults(engagementRow(engagementId));
  const values = Object.fromEntries(Object.entries({ ...defaults, ...changes }).filter(([, v]) => v !== ""));
  updateEngagement({
    organizationId: world.own.org.id,
    engagementId,
    actorUserId: world.own.staff.userId,
    input: EngagementSchema.parse(values),
  });
}

function expectThrows(fn: () => unknown, kind: new (...args: never[]) => Error, message?: string | RegExp) {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(kind);
  if (message) expect((thrown as Error).message).toMatch(message);
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

// --- Agreements --------------------------------------------------------------------------------

describe("my work in the portal", () => {
  it("lists only the signed-in consultant's own work, with program, stage and where the answer stands", async () => {
    const mine = engagementFor();
    const theirs = engagementFor(world.own.otherConsultant.consultantId);
    const result = await callRoute(workListRoute.loader, makeRequest("/portal/work", { cookie: cookie.consultant }));
    expect(result.status).toBe(200);
    // Never cached, so Back after Quick exit cannot show it.
    for (const route of [workListRoute, workRoute]) {
      expect((route.headers as () => Record<string, string>)()).toEqual({ "Cache-Control": "no-store" });
    }
    const list = (result.data as ListData).engagements;
    const ids = list.map((e) => e.id);
    expect(ids).toContain(mine.id);
    expect(ids).toContain(world.own.engagementId);
    expect(ids).not.toContain(theirs.id);
    expect(ids).not.toContain(world.other.engagementId);
    expect(list.find((e) => e.id === mine.id)).toMatchObject({
      title: mine.title,
      stage: "delivery",
      status: "proposed",
      termsVersion: 1,
      currentDecision: null,
      needsAnswer: true,
    });
    expect(list.find((e) => e.id === mine.id)?.programName).toMatch(/^Program /);
  });

  it("shows an empty list to a consultant without work, and a 404 to one without a record", async () => {
    const fresh = await freshConsultant();
    expect(listOwnEngagements({ organizationId: world.own.org.id, userId: fresh.userId })).toEqual([]);
    const loner = await createMember({ organizationId: world.own.org.id, role: "consultant" });
    const result = await callRoute(
      workListRoute.loader,
      makeRequest("/portal/work", { cookie: await cookieFor(loner.userId) }),
    );
    expect(result.status).toBe(404);
  });

  it("shows the terms, the program name and no staff-only details on the work page", async () => {
    const e = engagementFor(undefined, { rateCents: 6500, cancellationTerms: "Full fee if cancelled late." });
    const result = await openWork(e.id);
    expect(result.status).toBe(200);
    const page = result.data as WorkData;
    expect(page.engagement.terms).toMatchObject({ rateKind: "hourly", rateCents: 6500, title: e.title });
    expect(page.engagement.terms.cancellationTerms).toBe("Full fee if cancelled late.");
    expect(page.engagement.programName).toMatch(/^Program /);
    expect(JSON.stringify(page)).not.toMatch(/creationKey|createdByUserId|cancellationReason|staffNotes/);
  });

  it("staff and admins get 403 from the portal pages, even to accept", async () => {
    const e = engagementFor();
    for (const who of [cookie.staff, cookie.admin]) {
      expect((await openWork(e.id, who)).status).toBe(403);
      expect((await accept(e.id, 1, "", who)).status).toBe(403);
      expect((await callRoute(workListRoute.loader, makeRequest("/portal/work", { cookie: who }))).status).toBe(403);
    }
    expect(agreementRows(e.id)).toHaveLength(0);
    expect(engagementRow(e.id).status).toBe("proposed");
  });

  it("another consultant's work, or another organization's, is a 404 and nothing is written", async () => {
    const theirs = engagementFor(world.own.otherConsultant.consultantId);
    for (const id of [theirs.id, world.other.engagementId, "no-such-id"]) {
      expect((await openWork(id)).status).toBe(404);
      expect((await accept(id)).status).toBe(404);
      expect((await decline(id, 1, "no")).status).toBe(404);
    }
    // The other organization's own consultant cannot reach this organization's work either.
    expect((await openWork(theirs.id, cookie.foreignConsultant)).status).toBe(404);
    expect(agreementRows(theirs.id)).toHaveLength(0);
    expect(agreementRows(world.other.engagementId)).toHaveLength(0);
    expect(engagementRow(theirs.id).status).toBe("proposed");
  });
});

describe("accepting and declining", () => {
  it("accepting keeps the terms word for word, makes the work agreed, and is audited by field name only", async () => {
    const e = engagementFor(undefined, { scopeWhat: "Two sessions, 9–11am", cancellationTerms: "50% if < 48h" });
    const result = await accept(e.id, 1, "Looking forward to it");
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/portal/work/${e.id}?done=accepted`);
    expect(engagementRow(e.id).status).toBe("agreed");
    const rows = agreementRows(e.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      termsVersion: 1,
      decision: "accepted",
      message: "Looking forward to it",
      decidedByUserId: world.own.consultant.userId,
      organizationId: world.own.org.id,
    });
    expect(rows[0]!.termsSnapshot).toEqual(termsSnapshot(engagementRow(e.id)));
    const [event] = auditFor(e.id, "engagement.accepted");
    expect(event).toMatchObject({ actorUserId: world.own.consultant.userId, subjectType: "engagement" });
    expect(event!.changedFields).toEqual(expect.arrayContaining(["decision", "status"]));
    expect(JSON.stringify(event)).not.toContain("Looking forward");

    // Staff see who accepted what, when.
    const staffView = getEngagementForStaff(world.own.org.id, e.id);
    expect(staffView.currentVersionAccepted).toBe(true);
    expect(staffView.agreements[0]).toMatchObject({
      decision: "accepted",
      decidedByName: world.own.consultant.preferredName,
    });
  });

  it("declining leaves the work proposed, and staff see the message; the consultant can still say yes", async () => {
    const e = engagementFor();
    const result = await decline(e.id, 1, "The date does not work for me.");
    expect(result.location).toBe(`/portal/work/${e.id}?done=declined`);
    expect(engagementRow(e.id).status).toBe("proposed");
    const staffView = getEngagementForStaff(world.own.org.id, e.id);
    expect(staffView.agreements[0]).toMatchObject({ decision: "declined", message: "The date does not work for me." });
    expect(staffView.currentVersionAccepted).toBe(false);
    expect(auditFor(e.id, "engagement.declined")).toHaveLength(1);

    const page = (await openWork(e.id)).data as WorkData;
    expect(page.engagement).toMatchObject({ currentDecision: "declined", needsAnswer: true });

    expect((await accept(e.id)).status).toBe(302);
    expect(engagementRow(e.id).status).toBe("agreed");
    expect(
      agreementRows(e.id)
        .map((r) => r.decision)
        .sort(),
    ).toEqual(["accepted", "declined"]);
  });

  it("the same answer sent twice is kept once", async () => {
    const e = engagementFor();
    await accept(e.id, 1, "ok");
    await accept(e.id, 1, "ok");
    expect(agreementRows(e.id)).toHaveLength(1);
    expect(auditFor(e.id, "engagement.accepted")).toHaveLength(1);

    const d = engagementFor();
    await decline(d.id, 1, "Not this month");
    await decline(d.id, 1, "Not this month");
    expect(agreementRows(d.id)).toHaveLength(1);
    expect(
      decideOnAgreement({
        ...own(),
        engagementId: d.id,
        termsVersion: 1,
        decision: "declined",
        message: " Not this month ",
      }),
    ).toEqual({ changed: false, status: "proposed" });
    expect(agreementRows(d.id)).toHaveLength(1);
  });

  it("an accepted version cannot be declined afterwards from the portal", async () => {
    const e = engagementFor();
    await accept(e.id);
    const result = await decline(e.id, 1, "changed my mind");
    expect(formError(result)).toMatch(/already accepted/);
    expect(agreementRows(e.id)).toHaveLength(1);
    expect(engagementRow(e.id).status).toBe("agreed");
  });

  it("a page opened before staff changed the terms cannot answer them: the consultant is asked to read again", async () => {
    const e = engagementFor();
    editTerms(e.id, { rate: "70.00" });
    expect(engagementRow(e.id).termsVersion).toBe(2);
    const result = await accept(e.id, 1);
    expect(formError(result)).toBe(englishOf(STALE_TERMS_MESSAGE));
    expect(agreementRows(e.id)).toHaveLength(0);
    expect(engagementRow(e.id).status).toBe("proposed");
    expectThrows(
      () => decideOnAgreement({ ...own(), engagementId: e.id, termsVersion: 1, decision: "declined" }),
      RuleError,
      englishOf(STALE_TERMS_MESSAGE),
    );
    expect((await accept(e.id, 2)).status).toBe(302);
  });

  it("what was accepted stays word for word after staff edit the terms, and the change needs a new acceptance", async () => {
    const e = engagementFor(undefined, { scopeWhat: "Two sessions", rateCents: 6000 });
    await accept(e.id, 1);
    const accepted = structuredClone(agreementRows(e.id)[0]!);

    editTerms(e.id, { rate: "75.00", scopeWhat: "Three sessions and a debrief" });
    expect(engagementRow(e.id)).toMatchObject({ termsVersion: 2, status: "proposed", rateCents: 7500 });
    expect(agreementRows(e.id)).toEqual([accepted]);
    expect(accepted.termsSnapshot).toMatchObject({ scopeWhat: "Two sessions", rateCents: 6000 });

    const page = (await openWork(e.id)).data as WorkData;
    expect(page.engagement.needsAnswer).toBe(true);
    expect(page.engagement.changedSinceAccepted).toEqual(expect.arrayContaining(["rateCents", "scopeWhat"]));
    expect(getEngagementForStaff(world.own.org.id, e.id).currentVersionAccepted).toBe(false);

    await accept(e.id, 2);
    const rows = agreementRows(e.id);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.termsVersion === 2)!.termsSnapshot).toMatchObject({
      scopeWhat: "Three sessions and a debrief",
      rateCents: 7500,
    });
    expect(rows.find((r) => r.termsVersion === 1)).toEqual(accepted);
    expect(engagementRow(e.id).status).toBe("agreed");
  });

  // Changed terms under way are no longer agreed: no more time until the consultant accepts
  // them, and what was done stays paid at the terms they accepted (see payments.test.ts).
  it("work under way whose terms changed goes back to proposed: no more time until accepted again", async () => {
    const e = engagementFor();
    await accept(e.id);
    db.update(engagements).set({ status: "in_progress" }).where(eq(engagements.id, e.id)).run();
    expect((await postWork(e.id, timeForm({ workDate: daysAgo(21) }))).status).toBe(302);
    editTerms(e.id, { estimatedHours: "12" });
    expect(engagementRow(e.id)).toMatchObject({ status: "proposed", termsVersion: 2 });
    expect(((await openWork(e.id)).data as WorkData).engagement.needsAnswer).toBe(true);

    expect(formError(await postWork(e.id, timeForm()))).toMatch(/accept the terms/);
    expect(formError(await postStaffTime(e.id, timeForm()))).toMatch(/not accepted the current terms/);
    expect(timeRows(e.id)).toHaveLength(1);

    expect((await accept(e.id, 2)).status).toBe(302);
    expect(engagementRow(e.id).status).toBe("agreed");
    expect((await postWork(e.id, timeForm({ workDate: daysAgo(22) }))).status).toBe(302);
    expect(timeRows(e.id)).toHaveLength(2);
  });

  it("a move to another program is shown to the consultant as a change to answer", async () => {
    const e = engagementFor();
    await accept(e.id);
    editTerms(e.id, { programId: createProgramRecord(world.own.org.id).id });
    const page = ((await openWork(e.id)).data as WorkData).engagement;
    expect(page).toMatchObject({ status: "proposed", termsVersion: 2, needsAnswer: true });
    expect(page.changedSinceAccepted).toEqual(["programId"]);
  });

  it("an answer sent with a terms version that is not plain digits is refused", async () => {
    const e = engagementFor();
    // z.coerce.number() would read each of these as 1.
    for (const termsVersion of ["1e0", "0x1", " 1.0", "01e0"]) {
      expect((await postWork(e.id, { intent: "accept", termsVersion, message: "" })).status, termsVersion).toBe(400);
    }
    expect(agreementRows(e.id)).toHaveLength(0);
    expect(engagementRow(e.id).status).toBe("proposed");
  });

  it("cancelled or completed work cannot be answered", async () => {
    for (const status of ["cancelled", "completed"] as const) {
      const e = engagementFor(undefined, { status });
      expect(formError(await accept(e.id))).toMatch(/no longer be answered/);
      expect(agreementRows(e.id)).toHaveLength(0);
      expect(engagementRow(e.id).status).toBe(status);
    }
  });

  it("answers are append-only: the database refuses to change or remove one", async () => {
    const e = engagementFor();
    await accept(e.id);
    const row = agreementRows(e.id)[0]!;
    expect(() =>
      db.update(engagementAgreements).set({ message: "edited" }).where(eq(engagementAgreements.id, row.id)).run(),
    ).toThrow(/append-only/);
    expect(() => db.delete(engagementAgreements).where(eq(engagementAgreements.id, row.id)).run()).toThrow(
      /append-only/,
    );
    expect(agreementRows(e.id)).toEqual([row]);
  });

  it("a form without an answer is refused as bad input", async () => {
    const e = engagementFor();
    expect((await postWork(e.id, {})).status).toBe(400);
    expect((await postWork(e.id, { intent: "accept" })).status).toBe(400);
    expect(agreementRows(e.id)).toHaveLength(0);
  });
});

// --- Time ---------------------------------------------------------------------------------------

describe("logging time", () => {
  it("a consultant logs time on their own work in the portal; it waits for approval and is audited", async () => {
    const e = engagementFor(undefined, { status: "agreed" });
    const result = await postWork(e.id, timeForm({ hours: "1.5", kind: "preparation", note: "Read the materials" }));
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/portal/work/${e.id}?done=logged`);
    const [entry] = timeRows(e.id);
    expect(entry).toMatchObject({
      hundredths: 150,
      kind: "preparation",
      note: "Read the materials",
      status: "submitted",
      loggedByUserId: world.own.consultant.userId,
      organizationId: world.own.org.id,
    });
    const [event] = auditFor(entry!.id, "time.logged");
    expect(event!.changedFields).toEqual(expect.arrayContaining(["workDate", "hundredths", "kind", "note"]));
    expect(JSON.stringify(event)).not.toContain("Read the materials");

    const page = (await openWork(e.id)).data as WorkData;
    expect(page.totals).toEqual({ approvedHundredths: 0, waitingHundredths: 150 });
    expect(page.entries[0]).toMatchObject({ status: "submitted", mine: true });
    expect(JSON.stringify(page.entries)).not.toContain(world.own.consultant.preferredName);
  });

  it.each([
    ["0", HOURS_RANGE],
    ["-2", HOURS_RANGE],
    ["24.5", HOURS_RANGE],
    ["1000", HOURS_RANGE],
    ["1.234", /like 2 or 1.5/],
    ["two", /like 2 or 1.5/],
    ["", /./],
  ])("hours %j are refused next to the hours field, and nothing is written", async (hours, message) => {
    const e = engagementFor(undefined, { status: "agreed" });
    expect(fieldError(await postWork(e.id, timeForm({ hours })), "hours")).toMatch(message);
    expect(timeRows(e.id)).toHaveLength(0);
    expectThrows(
      () =>
        logTime({
          organizationId: world.own.org.id,
          actor: consultantActor(),
          engagementId: e.id,
          input: input({ hundredths: hours === "-2" ? -200 : 0 }),
        }),
      RuleError,
      HOURS_RANGE,
    );
  });

  it("a day holds at most 24 hours for a consultant, across all their work", async () => {
    const person = await freshConsultant();
    const a = engagementFor(person.consultantId, { status: "agreed" });
    const b = engagementFor(person.consultantId, { status: "agreed" });
    const someoneElse = engagementFor(undefined, { status: "agreed" });
    const day = daysAgo(3);
    expect((await postWork(a.id, timeForm({ workDate: day, hours: "20" }), person.cookie)).status).toBe(302);
    // Another consultant's time on the same day does not count towards this person's day.
    expect((await postWork(someoneElse.id, timeForm({ workDate: day, hours: "10" }))).status).toBe(302);

    const tooMuch = await postWork(b.id, timeForm({ workDate: day, hours: "4.25" }), person.cookie);
    expect(fieldError(tooMuch, "hours")).toContain(HOURS_RANGE);
    expect(timeRows(b.id)).toHaveLength(0);

    expect((await postWork(b.id, timeForm({ workDate: day, hours: "4" }), person.cookie)).status).toBe(302);
    // Staff logging for the consultant are held to the same day.
    expect(fieldError(await postStaffTime(a.id, timeForm({ workDate: day, hours: "0.01" })), "hours")).toContain(
      HOURS_RANGE,
    );
    // Another day is a new day.
    expect((await postWork(b.id, timeForm({ workDate: daysAgo(4), hours: "24" }), person.cookie)).status).toBe(302);
  });

  it("a date in the future, or long before the work started, is refused", async () => {
    const e = engagementFor(undefined, { status: "agreed", startDate: daysAgo(5) });
    const future = await postWork(e.id, timeForm({ workDate: daysAgo(-2) }));
    expect(fieldError(future, "workDate")).toMatch(/future/);
    const early = await postWork(e.id, timeForm({ workDate: daysAgo(36) }));
    expect(fieldError(early, "workDate")).toMatch(/too early/);
    const notADate = await postWork(e.id, timeForm({ workDate: "2026-02-30" }));
    expect(fieldError(notADate, "workDate")).toMatch(/does not exist/);
    expect(timeRows(e.id)).toHaveLength(0);

    // Today, and preparation up to 30 days before the start, are fine.
    expect((await postWork(e.id, timeForm({ workDate: organizationToday(world.own.org.id) }))).status).toBe(302);
    expect((await postWork(e.id, timeForm({ workDate: daysAgo(35) }))).status).toBe(302);
  });

  it("a day that does not exist is refused by the rule itself, not only by the form", () => {
    // In range for this work (not in the future, not before its start), but 2025 has no February 29.
    const e = engagementFor(undefined, { status: "agreed", startDate: "2025-03-01" });
    for (const workDate of ["2025-02-29", "2025-02-30", "2025-04-31"]) {
      expectThrows(
        () =>
          logTime({
            organizationId: world.own.org.id,
            actor: consultantActor(),
            engagementId: e.id,
            input: input({ workDate }),
          }),
        RuleError,
        "Use a date like 2026-03-01.",
      );
    }
    expect(timeRows(e.id)).toHaveLength(0);
    logTime({
      organizationId: world.own.org.id,
      actor: consultantActor(),
      engagementId: e.id,
      input: input({ workDate: "2025-02-28" }),
    });
    expect(timeRows(e.id)).toHaveLength(1);
  });

  it("a consultant logging time on someone else's work gets a 404 and nothing is written", async () => {
    const theirs = engagementFor(world.own.otherConsultant.consultantId, { status: "agreed" });
    expect((await postWork(theirs.id, timeForm())).status).toBe(404);
    expect((await postWork(world.other.engagementId, timeForm())).status).toBe(404);
    expectNotFound(() =>
      logTime({ organizationId: world.own.org.id, actor: consultantActor(), engagementId: theirs.id, input: input() }),
    );
    // Even naming the other organization does not help: the engagement is not theirs there either.
    expectNotFound(() =>
      logTime({
        organizationId: world.other.org.id,
        actor: consultantActor(),
        engagementId: world.other.engagementId,
        input: input(),
      }),
    );
    expect(timeRows(theirs.id)).toHaveLength(0);
    expect(timeRows(world.other.engagementId)).toHaveLength(0);
  });

  it("no time on proposed work, by the consultant or by staff, until the terms are accepted", async () => {
    const e = engagementFor();
    expect(formError(await postWork(e.id, timeForm()))).toBe(
      "Please accept the terms of this work first. Then you can log your time.",
    );
    expect(formError(await postStaffTime(e.id, timeForm()))).toBe(
      "The consultant has not accepted the current terms yet, so time cannot be logged on this work.",
    );
    for (const actor of [consultantActor(), staffActor()]) {
      expectThrows(
        () => logTime({ organizationId: world.own.org.id, actor, engagementId: e.id, input: input() }),
        RuleError,
        /accept/,
      );
    }
    expect(timeRows(e.id)).toHaveLength(0);
    expect(((await openStaffTime(e.id)).data as Awaited<ReturnType<typeof staffTimeRoute.loader>>).entries).toEqual([]);

    expect((await accept(e.id)).status).toBe(302);
    expect((await postWork(e.id, timeForm({ workDate: daysAgo(23) }))).status).toBe(302);
    expect(timeRows(e.id)).toHaveLength(1);
  });

  it.each(["in_progress", "completed"] as const)("time can be logged on %s work", async (status) => {
    const e = engagementFor(undefined, { status });
    expect((await postStaffTime(e.id, timeForm({ workDate: daysAgo(24) }))).status).toBe(302);
    expect((await postWork(e.id, timeForm({ workDate: daysAgo(25) }))).status).toBe(302);
    expect(timeRows(e.id)).toHaveLength(2);
  });

  it("hours typed with more than 20 characters are refused", async () => {
    const e = engagementFor(undefined, { status: "agreed" });
    // Leading zeros keep it a valid number of hours (2) without a length limit.
    expect(fieldError(await postWork(e.id, timeForm({ hours: `${"0".repeat(20)}2` })), "hours")).toMatch(
      /like 2 or 1.5/,
    );
    expect(timeRows(e.id)).toHaveLength(0);
  });

  it("no time on cancelled work", async () => {
    const e = engagementFor(undefined, { status: "cancelled" });
    expect(formError(await postWork(e.id, timeForm()))).toMatch(/cancelled/);
    expect(formError(await postStaffTime(e.id, timeForm()))).toMatch(/cancelled/);
    expect(timeRows(e.id)).toHaveLength(0);
  });

  it("a consultant may change or remove their own waiting time, not time staff logged for them", async () => {
    const e = engagementFor(undefined, { status: "agreed" });
    const mine = logTime({
      organizationId: world.own.org.id,
      actor: consultantActor(),
      engagementId: e.id,
      input: input(),
    });
    updateTime({
      organizationId: world.own.org.id,
      actor: consultantActor(),
      entryId: mine,
      input: input({ hundredths: 300, note: "Longer than planned" }),
    });
    expect(timeRows(e.id)[0]).toMatchObject({ hundredths: 300, note: "Longer than planned" });
    expect(auditFor(mine, "time.updated")[0]!.changedFields.sort()).toEqual(["hundredths", "note"]);

    const byStaff = logTime({
      organizationId: world.own.org.id,
      actor: staffActor(),
      engagementId: e.id,
      input: input(),
    });
    expectThrows(
      () => deleteTime({ organizationId: world.own.org.id, actor: consultantActor(), entryId: byStaff }),
      RuleError,
      /contact person/,
    );
    // Another consultant cannot even find it.
    expectNotFound(() =>
      deleteTime({
        organizationId: world.own.org.id,
        actor: { userId: world.own.otherConsultant.userId, role: "consultant" },
        entryId: mine,
      }),
    );

    expect((await postWork(e.id, { intent: "remove-time", entryId: mine })).location).toBe(
      `/portal/work/${e.id}?done=removed`,
    );
    expect(timeRows(e.id).map((r) => r.id)).toEqual([byStaff]);
    expect(auditFor(mine, "time.deleted")).toHaveLength(1);
  });
});

describe("someone else's time entry", () => {
  it("is, for another consultant, a time entry that cannot be found: nothing about the work it is on", () => {
    const e = engagementFor(undefined, { status: "agreed" });
    const mine = logTime({
      organizationId: world.own.org.id,
      actor: consultantActor(),
      engagementId: e.id,
      input: input(),
    });
    const other = { userId: world.own.otherConsultant.userId, role: "consultant" as const };
    expectThrows(
      () => deleteTime({ organizationId: world.own.org.id, actor: other, entryId: mine }),
      NotFoundError,
      /^We could not find that time entry\.$/,
    );
    expectThrows(
      () =>
        updateTime({
          organizationId: world.own.org.id,
          actor: other,
          entryId: mine,
          input: input({ hundredths: 100 }),
        }),
      NotFoundError,
      /^We could not find that time entry\.$/,
    );
    expect(timeRows(e.id).map((r) => r.id)).toEqual([mine]);
  });
});

describe("a time form sent twice", () => {
  const timeEvents = (engagementId: string) =>
    db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "time.logged"),
          inArray(
            auditEvents.subjectId,
            timeRows(engagementId).map((r) => r.id),
          ),
        ),
      )
      .all();

  it("logs the time once, from the portal and from the staff page", async () => {
    for (const post of [postWork, postStaffTime]) {
      const e = engagementFor(undefined, { status: "agreed" });
      const form = timeForm({ workDate: daysAgo(26), hours: "1.25", note: "Double tap" });
      const first = await post(e.id, form);
      const second = await post(e.id, form);
      expect(first.status).toBe(302);
      expect(second.status).toBe(302);
      expect(second.location).toBe(first.location);
      expect(timeRows(e.id)).toEqual([expect.objectContaining({ hundredths: 125, creationKey: form.creationKey })]);
      expect(timeEvents(e.id)).toHaveLength(1);
      // A new form (a new key) is new time.
      expect((await post(e.id, timeForm({ workDate: daysAgo(27) }))).status).toBe(302);
      expect(timeRows(e.id)).toHaveLength(2);
    }
  });

  it("returns the entry already logged with that key, from the model", () => {
    const e = engagementFor(undefined, { status: "agreed" });
    const args = {
      organizationId: world.own.org.id,
      actor: consultantActor(),
      engagementId: e.id,
      input: input({ workDate: daysAgo(28) }),
      creationKey: randomUUID(),
    };
    const first = logTime(args);
    expect(logTime({ ...args, input: input({ workDate: daysAgo(28), hundredths: 900 }) })).toBe(first);
    expect(timeRows(e.id)).toEqual([expect.objectContaining({ id: first, hundredths: 200 })]);
  });

  it("each page gives its form a fresh key", async () => {
    const e = engagementFor(undefined, { status: "agreed" });
    const keys = [
      ((await openWork(e.id)).data as WorkData).timeFormKey,
      ((await openWork(e.id)).data as WorkData).timeFormKey,
      ((await openStaffTime(e.id)).data as Awaited<ReturnType<typeof staffTimeRoute.loader>>).timeFormKey,
    ];
    for (const key of keys) expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(3);
  });

  it("is refused without a key, or with a key that is not one", async () => {
    const e = engagementFor(undefined, { status: "agreed" });
    const { creationKey: _key, ...withoutKey } = timeForm();
    expect(fieldError(await postWork(e.id, withoutKey), "creationKey")).toMatch(/reload the page/);
    expect(fieldError(await postStaffTime(e.id, timeForm({ creationKey: "not-a-key" })), "creationKey")).toMatch(
      /reload the page/,
    );
    expect(timeRows(e.id)).toHaveLength(0);
  });

  it("a key is kept per organization, and a key of another engagement's form is not a resend", async () => {
    const key = randomUUID();
    const mine = engagementFor(undefined, { status: "agreed" });
    expect((await postWork(mine.id, timeForm({ workDate: daysAgo(29), creationKey: key }))).status).toBe(302);

    // The same key in another organization is that organization's own.
    const program = createProgramRecord(world.other.org.id);
    const theirs = createEngagementRecord(world.other.org.id, world.other.consultant.consultantId, program.id, {
      status: "agreed",
      startDate: daysAgo(10),
    });
    expect((await postWork(theirs.id, timeForm({ creationKey: key }), cookie.foreignConsultant)).status).toBe(302);
    expect(timeRows(theirs.id)).toHaveLength(1);

    // The same key on other work of this organization logs nothing and says nothing of the first entry.
    const other = engagementFor(undefined, { status: "agreed" });
    expect(formError(await postWork(other.id, timeForm({ creationKey: key })))).toMatch(/reload the page/);
    expect(timeRows(other.id)).toHaveLength(0);
    expect(timeRows(mine.id)).toHaveLength(1);
  });
});

describe("approving time", () => {
  it("staff log time for the consultant and approve it; approving twice changes nothing", async () => {
    const e = engagementFor(undefined, { status: "agreed" });
    expect((await postStaffTime(e.id, timeForm({ hours: "3" }))).location).toBe(
      `/engagements/${e.id}/time?done=logged`,
    );
    const [entry] = timeRows(e.id);
    expect(entry).toMatchObject({ status: "submitted", loggedByUserId: world.own.staff.userId });

    expect((await postStaffTime(e.id, { intent: "approve", entryId: entry!.id })).status).toBe(302);
    const approved = timeRows(e.id)[0]!;
    expect(approved).toMatchObject({ status: "approved", approvedByUserId: world.own.staff.userId });

    // A second click, by someone else, changes nothing and records nothing.
    expect((await postStaffTime(e.id, { intent: "approve", entryId: entry!.id }, cookie.admin)).status).toBe(302);
    expect(
      approveTime({ organizationId: world.own.org.id, actorUserId: world.own.admin.userId, entryIds: [entry!.id] }),
    ).toBe(0);
    expect(timeRows(e.id)[0]).toEqual(approved);
    expect(auditFor(entry!.id, "time.approved")).toHaveLength(1);

    const page = (await openStaffTime(e.id)).data as Awaited<ReturnType<typeof staffTimeRoute.loader>>;
    expect(page.totals).toEqual({ approvedHundredths: 300, waitingHundredths: 0 });
    // $60.00 an hour × 3 hours, through the one fee function.
    expect(page.approvedFeeCents).toBe(18_000);
  });

  it("admins approve all waiting entries at once", async () => {
    const e = engagementFor(undefined, { status: "agreed" });
    const ids = [1, 2, 3].map((n) =>
      logTime({
        organizationId: world.own.org.id,
        actor: consultantActor(),
        engagementId: e.id,
        input: input({ workDate: daysAgo(n) }),
      }),
    );
    const result = await postStaffTime(e.id, { intent: "approve-all", entryIds: ids }, cookie.admin);
    expect(result.location).toBe(`/engagements/${e.id}/time?done=approved`);
    expect(timeRows(e.id).every((r) => r.status === "approved" && r.approvedByUserId === world.own.admin.userId)).toBe(
      true,
    );
  });

  it("a consultant cannot approve time: the staff page is a 403 and the portal has no such action", async () => {
    const e = engagementFor(undefined, { status: "agreed" });
    const id = logTime({
      organizationId: world.own.org.id,
      actor: consultantActor(),
      engagementId: e.id,
      input: input(),
    });
    expect((await postStaffTime(e.id, { intent: "approve", entryId: id }, cookie.consultant)).status).toBe(403);
    expect((await openStaffTime(e.id, cookie.consultant)).status).toBe(403);
    expect((await postWork(e.id, { intent: "approve", entryId: id })).status).toBe(400);
    expect(timeRows(e.id)[0]!.status).toBe("submitted");
  });

  it("approved time is locked: it cannot be changed or removed, by anyone", async () => {
    const e = engagementFor(undefined, { status: "agreed" });
    const id = logTime({
      organizationId: world.own.org.id,
      actor: consultantActor(),
      engagementId: e.id,
      input: input(),
    });
    approveTime({ organizationId: world.own.org.id, actorUserId: world.own.staff.userId, entryIds: [id] });
    const before = timeRows(e.id)[0];
    for (const actor of [consultantActor(), staffActor()]) {
      expectThrows(
        () => updateTime({ organizationId: world.own.org.id, actor, entryId: id, input: input({ hundredths: 100 }) }),
        RuleError,
        /approved/,
      );
      expectThrows(() => deleteTime({ organizationId: world.own.org.id, actor, entryId: id }), RuleError, /approved/);
    }
    expect(formError(await postWork(e.id, { intent: "remove-time", entryId: id }))).toMatch(/approved/);
    expect(formError(await postStaffTime(e.id, { intent: "remove-time", entryId: id }))).toMatch(/approved/);
    expect(timeRows(e.id)).toEqual([before]);
  });

  it("a correction is a new entry; once approved it replaces the original in every total", async () => {
    const e = engagementFor(undefined, { status: "agreed" });
    const other = logTime({
      organizationId: world.own.org.id,
      actor: consultantActor(),
      engagementId: e.id,
      input: input({ workDate: daysAgo(2), hundredths: 100 }),
    });
    const original = logTime({
      organizationId: world.own.org.id,
      actor: consultantActor(),
      engagementId: e.id,
      input: input({ hundredths: 300 }),
    });
    approveTime({ organizationId: world.own.org.id, actorUserId: world.own.staff.userId, entryIds: [other, original] });
    const totals = () => timeTotals(listTime(world.own.org.id, e.id));
    expect(totals()).toEqual({ approvedHundredths: 400, waitingHundredths: 0 });

    // Staff log the correction on the time page, pointing at the approved entry.
    const result = await postStaffTime(e.id, timeForm({ hours: "2.5", correctsEntryId: original }));
    expect(result.status).toBe(302);
    const correction = timeRows(e.id).find((r) => r.correctsEntryId === original)!;
    expect(correction).toMatchObject({ hundredths: 250, status: "submitted" });
    expect(auditFor(correction.id, "time.correction_logged")).toHaveLength(1);
    // Waiting: the original still counts until the correction is approved.
    expect(totals()).toEqual({ approvedHundredths: 400, waitingHundredths: 250 });
    expect(approvedHoursByEngagement(world.own.org.id, [e.id]).get(e.id)).toBe(400);

    approveTime({ organizationId: world.own.org.id, actorUserId: world.own.staff.userId, entryIds: [correction.id] });
    expect(totals()).toEqual({ approvedHundredths: 350, waitingHundredths: 0 });
    expect(approvedHoursByEngagement(world.own.org.id, [e.id]).get(e.id)).toBe(350);
    expect(approvedHoursByEngagement(world.own.org.id).get(e.id)).toBe(350);
    const listed = listTime(world.own.org.id, e.id);
    expect(listed.find((x) => x.id === original)).toMatchObject({
      status: "approved",
      replacedBy: correction.id,
      counts: false,
    });
    // The original itself is unchanged.
    expect(timeRows(e.id).find((r) => r.id === original)).toMatchObject({ hundredths: 300, status: "approved" });

    // One correction per entry; a correction of a waiting entry is refused (change it instead).
    expect(fieldError(await postStaffTime(e.id, timeForm({ correctsEntryId: original })), "correctsEntryId")).toMatch(
      /already has a correction/,
    );
    const waiting = logTime({
      organizationId: world.own.org.id,
      actor: consultantActor(),
      engagementId: e.id,
      input: input({ workDate: daysAgo(3) }),
    });
    expect(fieldError(await postStaffTime(e.id, timeForm({ correctsEntryId: waiting })), "correctsEntryId")).toMatch(
      /not approved yet/,
    );
  });

  it("a waiting correction and its original count once towards the 24-hour day", async () => {
    const person = await freshConsultant();
    const e = engagementFor(person.consultantId, { status: "agreed" });
    const actor = { userId: person.userId, role: "consultant" as const };
    const day = daysAgo(2);
    const original = logTime({
      organizationId: world.own.org.id,
      actor,
      engagementId: e.id,
      input: input({ workDate: day, hundredths: 1000 }),
    });
    approveTime({ organizationId: world.own.org.id, actorUserId: world.own.staff.userId, entryIds: [original] });
    logTime({
      organizationId: world.own.org.id,
      actor,
      engagementId: e.id,
      input: input({ workDate: day, hundredths: 1200, correctsEntryId: original }),
    });
    // 12 (the larger of 10 and its correction to 12) + 12 = 24: allowed; one more minute is not.
    logTime({
      organizationId: world.own.org.id,
      actor,
      engagementId: e.id,
      input: input({ workDate: day, hundredths: 1200 }),
    });
    expectThrows(
      () =>
        logTime({
          organizationId: world.own.org.id,
          actor,
          engagementId: e.id,
          input: input({ workDate: day, hundredths: 1 }),
        }),
      RuleError,
      HOURS_RANGE,
    );
  });
});

describe("organizations are kept apart", () => {
  it("staff cannot see, log, approve or remove another organization's time", async () => {
    const foreign = world.other.engagementId;
    db.update(engagements).set({ status: "agreed" }).where(eq(engagements.id, foreign)).run();
    const foreignEntry = logTime({
      organizationId: world.other.org.id,
      actor: { userId: world.other.staff.userId, role: "staff" },
      engagementId: foreign,
      input: input(),
    });
    expect((await openStaffTime(foreign)).status).toBe(404);
    expect((await postStaffTime(foreign, timeForm())).status).toBe(404);
    expect((await postStaffTime(foreign, { intent: "approve", entryId: foreignEntry })).status).toBe(404);
    // An entry id from the other organization, posted against this organization's engagement.
    const mine = engagementFor(undefined, { status: "agreed" });
    expect((await postStaffTime(mine.id, { intent: "approve", entryId: foreignEntry })).status).toBe(404);
    expect((await postStaffTime(mine.id, { intent: "remove-time", entryId: foreignEntry })).status).toBe(404);
    expectNotFound(() =>
      approveTime({ organizationId: world.own.org.id, actorUserId: world.own.staff.userId, entryIds: [foreignEntry] }),
    );
    expectNotFound(() =>
      logTime({ organizationId: world.own.org.id, actor: staffActor(), engagementId: foreign, input: input() }),
    );
    expectNotFound(() => listTime(world.own.org.id, foreign));
    expect(timeRows(foreign)).toEqual([expect.objectContaining({ id: foreignEntry, status: "submitted" })]);
    expect(approvedHoursByEngagement(world.own.org.id).has(foreign)).toBe(false);

    // And the other organization's staff cannot open this one's time page.
    expect((await openStaffTime(mine.id, cookie.foreignStaff)).status).toBe(404);
  });

  it("approving a mix of this and another organization's entries approves nothing", async () => {
    const e = engagementFor(undefined, { status: "agreed" });
    const mine = logTime({
      organizationId: world.own.org.id,
      actor: consultantActor(),
      engagementId: e.id,
      input: input(),
    });
    const foreignEntry = db
      .select({ id: timeEntries.id })
      .from(timeEntries)
      .where(eq(timeEntries.organizationId, world.other.org.id))
      .get();
    const ids = [mine, foreignEntry?.id ?? "missing"];
    expectNotFound(() =>
      approveTime({ organizationId: world.own.org.id, actorUserId: world.own.staff.userId, entryIds: ids }),
    );
    expect(
      db
        .select()
        .from(timeEntries)
        .where(inArray(timeEntries.id, ids))
        .all()
        .map((r) => r.status),
    ).not.toContain("approved");
  });

  it("the staff time page answers an empty form as bad input, for staff and admins", async () => {
    const e = engagementFor();
    expect((await postStaffTime(e.id, {})).status).toBe(400);
    expect((await postStaffTime(e.id, {}, cookie.admin)).status).toBe(400);
    expect((await openStaffTime(e.id, cookie.admin)).status).toBe(200);
  });

  it("a consultant's own work page in another organization is theirs only there", async () => {
    // The program of the other organization, with its consultant: not reachable from this session.
    const program = createProgramRecord(world.other.org.id);
    const e = createEngagementRecord(world.other.org.id, world.other.consultant.consultantId, program.id);
    expect((await openWork(e.id)).status).toBe(404);
    expect((await openWork(e.id, cookie.foreignConsultant)).status).toBe(200);
    expectNotFound(() => getOwnEngagement({ ...own(), engagementId: e.id }));
  });
});
