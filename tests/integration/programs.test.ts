// Programs: the pages' loaders and actions run against this file's own copy of the
// migrated database, with real sessions. Engagements, time and payments are inserted directly:
// their own forms are built and tested elsewhere; here they only feed the program page's totals.
import { NotFoundError, RuleError } from "../../app/models/errors";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, engagements, payments, programs, timeEntries, type Stage } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { formatCents, formatHours } from "../../app/utils/money";
import { createProgram, getProgramWithStages, listPrograms, updateProgram } from "../../app/models/program.server";
import { ProgramSchema } from "../../app/utils/program-schema";
import * as listRoute from "../../app/routes/_staff.programs._index";
import * as programRoute from "../../app/routes/_staff.programs.$id._index";
import {
  cookieFor,
  createConsultantRecord,
  createMember,
  createOrganization,
  createTwoOrganizations,
} from "../support/factories";
import { callRoute, makeRequest } from "../support/http";
import { englishErrors } from "../support/in-english";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
type Reply = { status?: string; error?: Record<string, string[] | null> };
type ListData = Awaited<ReturnType<typeof listRoute.loader>>;
type ProgramData = Awaited<ReturnType<typeof programRoute.loader>>;

const short = () => randomUUID().slice(0, 8);

let world: World;
const cookie: Record<"admin" | "staff" | "consultant", string> = { admin: "", staff: "", consultant: "" };

beforeAll(async () => {
  world = await createTwoOrganizations();
  cookie.admin = await cookieFor(world.own.admin.userId);
  cookie.staff = await cookieFor(world.own.staff.userId);
  cookie.consultant = await cookieFor(world.own.consultant.userId);
});

// --- helpers -----------------------------------------------------------------------------------

function addForm(values: Record<string, string> = {}) {
  return { name: `Program ${short()}`, description: "", status: "active", creationKey: randomUUID(), ...values };
}

function postNew(form: Record<string, string>, who: string = cookie.staff) {
  return callRoute(listRoute.action, makeRequest("/programs", { cookie: who, form }));
}

function postEdit(programId: string, form: Record<string, string>, who: string = cookie.staff) {
  return callRoute(programRoute.action, makeRequest(`/programs/${programId}`, { cookie: who, form }), {
    id: programId,
  });
}

async function listAs(who: string) {
  const result = await callRoute(listRoute.loader, makeRequest("/programs", { cookie: who }));
  expect(result.status).toBe(200);
  return result.data as ListData;
}

function openAs(programId: string, who: string = cookie.staff) {
  return callRoute(programRoute.loader, makeRequest(`/programs/${programId}`, { cookie: who }), { id: programId });
}

async function programPage(programId: string) {
  const result = await openAs(programId);
  expect(result.status).toBe(200);
  return result.data as ProgramData;
}

/** A program made directly through the model, in the world's own organization unless told. */
function makeProgram(values: Partial<{ name: string; description: string; status: string }> = {}, orgId?: string) {
  return createProgram({
    organizationId: orgId ?? world.own.org.id,
    actorUserId: world.own.staff.userId,
    input: ProgramSchema.parse({ name: `Program ${short()}`, ...values }),
  });
}

const stored = (id: string) => db.select().from(programs).where(eq(programs.id, id)).get();
const errorsOf = (result: { data: unknown }) => englishErrors((result.data as Reply).error);

function count(table: typeof programs | typeof auditEvents) {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(table)
    .get()!.n;
}

function auditOf(programId: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectType, "program"), eq(auditEvents.subjectId, programId)))
    .orderBy(sql`rowid`)
    .all();
}

/** A program id from a redirect such as /programs/<id>?done=created. */
function idFromLocation(location: string | null) {
  const match = /^\/programs\/([^/?]+)\?done=created$/.exec(location ?? "");
  expect(match, `redirect to ${location}`).not.toBeNull();
  return match![1]!;
}

async function createThroughPage(values: Record<string, string> = {}) {
  const result = await postNew(addForm(values));
  expect(result.status).toBe(302);
  return idFromLocation(result.location);
}

function addEngagement(args: {
  programId: string;
  consultantId: string;
  stage: Stage;
  title?: string;
  level?: (typeof engagements.$inferInsert)["level"];
  status?: (typeof engagements.$inferInsert)["status"];
  startDate?: string;
  orgId?: string;
}) {
  return db
    .insert(engagements)
    .values({
      organizationId: args.orgId ?? world.own.org.id,
      consultantId: args.consultantId,
      programId: args.programId,
      stage: args.stage,
      level: args.level ?? "consult",
      title: args.title ?? `Work ${short()}`,
      scopeWhat: "Review the training materials.",
      rateKind: "hourly",
      rateCents: 5700,
      paymentDueDays: 30,
      status: args.status ?? "agreed",
      startDate: args.startDate ?? null,
    })
    .returning({ id: engagements.id })
    .get().id;
}

function logTime(engagementId: string, hundredths: number, status: "submitted" | "approved", orgId?: string) {
  db.insert(timeEntries)
    .values({
      organizationId: orgId ?? world.own.org.id,
      engagementId,
      workDate: "2026-03-02",
      hundredths,
      kind: "session",
      status,
    })
    .run();
}

function pay(args: {
  engagementId: string;
  consultantId: string;
  feeCents: number;
  expensesCents?: number;
  status: "pending" | "approved" | "paid" | "void";
}) {
  db.insert(payments)
    .values({
      organizationId: world.own.org.id,
      engagementId: args.engagementId,
      consultantId: args.consultantId,
      feeCents: args.feeCents,
      expensesCents: args.expensesCents ?? 0,
      method: "check",
      status: args.status,
      paidDate: args.status === "paid" ? "2026-03-10" : null,
    })
    .run();
}

// --- adding and listing ------------------------------------------------------------------------

describe("adding a program", () => {
  it("stores what staff typed, trimmed, and opens the new program's page", async () => {
    const name = `Youth outreach ${short()}`;
    const id = await createThroughPage({
      name: `  ${name}  `,
      description: "  Training for school counsellors.\nTwo cohorts a year.  ",
      status: "paused",
    });
    expect(stored(id)).toMatchObject({
      organizationId: world.own.org.id,
      name,
      description: "Training for school counsellors.\nTwo cohorts a year.",
      status: "paused",
    });
    const page = await programPage(id);
    expect(page.program).toMatchObject({ id, name, status: "paused" });
  });

  it("needs only a name: no description is stored as none, and the status starts active", async () => {
    const id = await createThroughPage({ description: "", status: "" });
    expect(stored(id)).toMatchObject({ description: null, status: "active" });
  });

  it("admins can add programs too", async () => {
    const result = await postNew(addForm(), cookie.admin);
    expect(result.status).toBe(302);
    expect(stored(idFromLocation(result.location))?.organizationId).toBe(world.own.org.id);
  });

  it("the same form sent twice makes one program, not a duplicate-name error", async () => {
    const form = addForm();
    const first = await postNew(form);
    const second = await postNew(form);
    expect(second.status).toBe(302);
    expect(second.location).toBe(first.location);
    const id = idFromLocation(first.location);
    expect(db.select().from(programs).where(eq(programs.name, form.name!)).all()).toHaveLength(1);
    expect(auditOf(id).filter((e) => e.action === "program.created")).toHaveLength(1);
  });

  it("a form key that is another organization's program id neither finds nor touches that program", () => {
    const theirs = makeProgram({ name: `Theirs ${short()}` }, world.other.org.id);
    const mine = createProgram({
      organizationId: world.own.org.id,
      actorUserId: world.own.staff.userId,
      input: ProgramSchema.parse({ name: `Mine ${short()}` }),
      creationKey: theirs,
    });
    expect(mine).not.toBe(theirs);
    expect(stored(mine)?.organizationId).toBe(world.own.org.id);
    expect(stored(theirs)?.organizationId).toBe(world.other.org.id);
  });

  it("lists the organization's programs, active first, with engagements counted per stage", async () => {
    const closed = makeProgram({ name: `AAA closed ${short()}`, status: "closed" });
    const active = makeProgram({ name: `ZZZ active ${short()}` });
    const consultant = createConsultantRecord(world.own.org.id);
    addEngagement({ programId: active, consultantId: consultant.id, stage: "design" });
    addEngagement({ programId: active, consultantId: consultant.id, stage: "delivery" });
    addEngagement({ programId: active, consultantId: consultant.id, stage: "delivery", status: "cancelled" });

    const { programs: listed } = await listAs(cookie.staff);
    const ids = listed.map((p) => p.id);
    expect(ids.indexOf(active)).toBeLessThan(ids.indexOf(closed));
    expect(listed.find((p) => p.id === active)!.engagementsByStage).toEqual({ design: 1, delivery: 2, evaluation: 0 });
    expect(listed.find((p) => p.id === closed)!.engagementsByStage).toEqual({ design: 0, delivery: 0, evaluation: 0 });
  });

  it("an organization without programs gets an empty list (the page then explains the first step)", async () => {
    const fresh = createOrganization();
    const member = await createMember({ organizationId: fresh.id, role: "staff" });
    expect((await listAs(await cookieFor(member.userId))).programs).toEqual([]);
    expect(listPrograms(fresh.id)).toEqual([]);
  });
});

// --- bad input ---------------------------------------------------------------------------------

describe("bad input is refused next to the field, and nothing is written", () => {
  async function expectRefused(form: Record<string, string>, field: string, message: RegExp) {
    const programsBefore = count(programs);
    const auditBefore = count(auditEvents);
    const result = await postNew(form);
    expect(result.status).toBe(400);
    expect(errorsOf(result)[field]?.join(" ")).toMatch(message);
    expect(count(programs)).toBe(programsBefore);
    expect(count(auditEvents)).toBe(auditBefore);
    return result;
  }

  it("a duplicate name, in any letter case", async () => {
    const name = `Peer mentoring ${short()}`;
    await createThroughPage({ name });
    const result = await expectRefused(addForm({ name }), "name", /already has this name/);
    // What was typed comes back, so nothing has to be typed again.
    expect((result.data as { initialValue?: Record<string, string> }).initialValue?.name).toBe(name);
    await expectRefused(addForm({ name: name.toUpperCase() }), "name", /already has this name/);
  });

  it("the same name is fine in another organization", async () => {
    const name = `Shared name ${short()}`;
    makeProgram({ name }, world.other.org.id);
    expect(stored(await createThroughPage({ name }))?.name).toBe(name);
  });

  it("a missing, empty or blank name", async () => {
    const { name: _name, ...withoutName } = addForm();
    await expectRefused(withoutName, "name", /Give the program a name/);
    await expectRefused(addForm({ name: "" }), "name", /Give the program a name/);
    await expectRefused(addForm({ name: "   \t " }), "name", /Give the program a name/);
  });

  it("a name over 120 characters (120 is fine) and a name with a line break", async () => {
    await expectRefused(addForm({ name: "x".repeat(121) }), "name", /no more than 120 characters/);
    await expectRefused(addForm({ name: "Two\nlines" }), "name", /one line/);
    const exactly = `${short()}${"x".repeat(112)}`;
    expect(stored(await createThroughPage({ name: exactly }))?.name).toBe(exactly);
  });

  it("a description over 2,000 characters", async () => {
    await expectRefused(addForm({ description: "d".repeat(2001) }), "description", /no more than 2,000/);
    const huge = await postNew(addForm({ description: "d".repeat(1_000_000) }));
    expect(huge.status).toBe(400);
  });

  it("a status that does not exist", async () => {
    await expectRefused(addForm({ status: "archived" }), "status", /active, paused or closed/);
  });

  it("a form without its key", async () => {
    await expectRefused(addForm({ creationKey: "" }), "creationKey", /.+/);
    await expectRefused(addForm({ creationKey: "not-a-uuid" }), "creationKey", /.+/);
  });

  it("markup is kept as plain text, exactly as typed (the page escapes it when shown)", async () => {
    const name = `<script>alert("${short()}")</script>`;
    const description = `<img src=x onerror=alert(1)> & "quotes" ' =HYPERLINK("x")`;
    const id = await createThroughPage({ name, description });
    expect(stored(id)).toMatchObject({ name, description });
    const page = await programPage(id);
    expect(page.program).toMatchObject({ name, description });
  });
});

// --- editing -----------------------------------------------------------------------------------

describe("editing a program", () => {
  it("saves the changes, names only the changed fields in the audit log, and comes back with ?done=saved", async () => {
    const id = await createThroughPage({ description: "First plan." });
    const before = await programPage(id);
    const result = await postEdit(id, {
      name: before.program.name,
      description: "Second plan.",
      status: "closed",
      version: String(before.program.version),
    });
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/programs/${id}?done=saved`);
    expect(stored(id)).toMatchObject({ name: before.program.name, description: "Second plan.", status: "closed" });
    const updated = auditOf(id).filter((e) => e.action === "program.updated");
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({
      actorUserId: world.own.staff.userId,
      organizationId: world.own.org.id,
      changedFields: ["description", "status"],
    });
  });

  it("saving without changes writes nothing", async () => {
    const id = await createThroughPage();
    const before = await programPage(id);
    const auditBefore = count(auditEvents);
    const result = await postEdit(id, {
      name: before.program.name,
      description: "",
      status: "active",
      version: String(before.program.version),
    });
    expect(result.status).toBe(302);
    expect(count(auditEvents)).toBe(auditBefore);
    expect(stored(id)?.updatedAt.getTime()).toBe(before.program.version);
  });

  it("renaming to another program's name is refused on the name field, and nothing changes", async () => {
    const taken = `Taken ${short()}`;
    makeProgram({ name: taken });
    const id = await createThroughPage();
    const before = stored(id)!;
    const auditBefore = count(auditEvents);
    const result = await postEdit(id, { name: taken.toLowerCase(), status: "paused" });
    expect(result.status).toBe(400);
    expect(errorsOf(result).name?.join(" ")).toMatch(/already has this name/);
    expect(stored(id)).toEqual(before);
    expect(count(auditEvents)).toBe(auditBefore);
  });

  it("changing only the letter case of its own name is allowed", async () => {
    const name = `lower case ${short()}`;
    const id = makeProgram({ name });
    const result = await postEdit(id, { name: name.toUpperCase(), status: "active" });
    expect(result.status).toBe(302);
    expect(stored(id)?.name).toBe(name.toUpperCase());
  });

  it("the same bad input as adding is refused", async () => {
    const id = makeProgram();
    const before = stored(id)!;
    const forms: Record<string, string>[] = [
      { name: "", status: "active" },
      { name: "y".repeat(121), status: "active" },
      { name: "ok", description: "d".repeat(2001), status: "active" },
      { name: "ok", status: "deleted" },
    ];
    for (const form of forms) {
      const result = await postEdit(id, form);
      expect(result.status).toBe(400);
    }
    expect(stored(id)).toEqual(before);
  });

  it("a save over a colleague's newer change is refused with a message for the whole form", async () => {
    const id = await createThroughPage();
    const stale = (await programPage(id)).program.version;
    const name = stored(id)!.name;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await postEdit(id, { name, description: "Colleague's words.", status: "active" })).status).toBe(302);
    const result = await postEdit(id, { name, description: "My words.", status: "active", version: String(stale) });
    expect(result.status).toBe(400);
    expect(errorsOf(result)[""]?.join(" ")).toMatch(/Someone changed this program/);
    expect(stored(id)?.description).toBe("Colleague's words.");
  });
});

// --- stages and totals -------------------------------------------------------------------------

describe("the program page groups engagements by stage with their totals", () => {
  let programId: string;
  let ana: ReturnType<typeof createConsultantRecord>;
  let ben: ReturnType<typeof createConsultantRecord>;
  const ids: Record<string, string> = {};

  beforeAll(() => {
    programId = makeProgram({ name: `Staged ${short()}` });
    const otherProgram = makeProgram({ name: `Elsewhere ${short()}` });
    ana = createConsultantRecord(world.own.org.id, { preferredName: `Ana ${short()}` });
    ben = createConsultantRecord(world.own.org.id, { preferredName: `Ben ${short()}` });

    ids.review = addEngagement({
      programId,
      consultantId: ana.id,
      stage: "design",
      title: "Curriculum review",
      level: "collaborate",
      status: "completed",
    });
    ids.training = addEngagement({
      programId,
      consultantId: ben.id,
      stage: "delivery",
      title: "Co-facilitate training",
      level: "survivor_led",
      startDate: "2026-04-01",
    });
    ids.talk = addEngagement({
      programId,
      consultantId: ana.id,
      stage: "delivery",
      title: "Speaking at the conference",
      level: "inform",
      status: "proposed",
      startDate: "2026-02-01",
    });
    ids.elsewhere = addEngagement({ programId: otherProgram, consultantId: ana.id, stage: "design" });

    // Design: 1.5 + 0.25 approved hours; 4 submitted hours do not count yet.
    logTime(ids.review!, 150, "approved");
    logTime(ids.review!, 25, "approved");
    logTime(ids.review!, 400, "submitted");
    // Delivery: 1 approved hour; 3 submitted hours do not count.
    logTime(ids.training!, 100, "approved");
    logTime(ids.talk!, 300, "submitted");
    // Another program's time never counts here.
    logTime(ids.elsewhere!, 900, "approved");

    // Design: $240 paid with $12.50 expenses; pending, approved and void payments do not count.
    pay({ engagementId: ids.review!, consultantId: ana.id, feeCents: 24_000, expensesCents: 1_250, status: "paid" });
    pay({ engagementId: ids.review!, consultantId: ana.id, feeCents: 5_000, status: "pending" });
    pay({ engagementId: ids.review!, consultantId: ana.id, feeCents: 7_000, expensesCents: 300, status: "approved" });
    pay({ engagementId: ids.review!, consultantId: ana.id, feeCents: 9_999, expensesCents: 999, status: "void" });
    // Delivery: $57 fee on one engagement, travel expenses alone on another.
    pay({ engagementId: ids.training!, consultantId: ben.id, feeCents: 5_700, status: "paid" });
    pay({ engagementId: ids.talk!, consultantId: ana.id, feeCents: 0, expensesCents: 800, status: "paid" });
    pay({
      engagementId: ids.elsewhere!,
      consultantId: ana.id,
      feeCents: 100_000,
      expensesCents: 5_000,
      status: "paid",
    });
  });

  it("always has the three stages, in order, each with its own engagements", async () => {
    const { stages } = await programPage(programId);
    expect(stages.map((s) => s.stage)).toEqual(["design", "delivery", "evaluation"]);
    expect(stages[0]!.engagements).toEqual([
      {
        id: ids.review,
        title: "Curriculum review",
        consultantName: ana.preferredName,
        status: "completed",
        level: "collaborate",
        startDate: null,
      },
    ]);
    // Dated work in date order.
    expect(stages[1]!.engagements.map((e) => [e.id, e.consultantName, e.level, e.status])).toEqual([
      [ids.talk, ana.preferredName, "inform", "proposed"],
      [ids.training, ben.preferredName, "survivor_led", "agreed"],
    ]);
    expect(stages[2]!.engagements).toEqual([]);
  });

  it("counts approved time only, fees of paid payments only, and expenses apart from fees", async () => {
    const { stages } = await programPage(programId);
    expect(stages.map((s) => s.totals)).toEqual([
      { approvedHundredths: 175, paidFeeCents: 24_000, paidExpensesCents: 1_250 },
      { approvedHundredths: 100, paidFeeCents: 5_700, paidExpensesCents: 800 },
      { approvedHundredths: 0, paidFeeCents: 0, paidExpensesCents: 0 },
    ]);
    // What the page shows for design.
    const design = stages[0]!.totals;
    expect([
      formatHours(design.approvedHundredths),
      formatCents(design.paidFeeCents),
      formatCents(design.paidExpensesCents),
    ]).toEqual(["1.75 hours", "$240.00", "$12.50"]);
  });

  it("a totals change follows the data: approving time and paying a payment show up", async () => {
    logTime(ids.talk!, 50, "approved");
    pay({ engagementId: ids.talk!, consultantId: ana.id, feeCents: 11_401, status: "paid" });
    const { stages } = getProgramWithStages({ organizationId: world.own.org.id, programId });
    expect(stages[1]!.totals).toEqual({ approvedHundredths: 150, paidFeeCents: 17_101, paidExpensesCents: 800 });
  });

  it("an approved correction replaces the entry it corrects in the hours", async () => {
    const original = db
      .insert(timeEntries)
      .values({
        organizationId: world.own.org.id,
        engagementId: ids.talk!,
        workDate: "2026-03-03",
        hundredths: 400,
        kind: "session",
        status: "approved",
      })
      .returning({ id: timeEntries.id })
      .get();
    const before = getProgramWithStages({ organizationId: world.own.org.id, programId }).stages[1]!.totals
      .approvedHundredths;
    db.insert(timeEntries)
      .values({
        organizationId: world.own.org.id,
        engagementId: ids.talk!,
        workDate: "2026-03-03",
        hundredths: 100,
        kind: "session",
        status: "approved",
        correctsEntryId: original.id,
      })
      .run();
    const after = getProgramWithStages({ organizationId: world.own.org.id, programId }).stages[1]!.totals
      .approvedHundredths;
    expect(after).toBe(before - 300);
  });

  it("the list counts the same engagements", async () => {
    const { programs: listed } = await listAs(cookie.staff);
    expect(listed.find((p) => p.id === programId)?.engagementsByStage).toEqual({
      design: 1,
      delivery: 2,
      evaluation: 0,
    });
  });
});

// --- organizations and roles -------------------------------------------------------------------

describe("another organization's program", () => {
  let theirs: string;
  let theirName: string;

  beforeAll(() => {
    theirName = `Northwind only ${short()}`;
    theirs = makeProgram({ name: theirName, description: "Theirs." }, world.other.org.id);
  });

  it("is never in the list", async () => {
    for (const who of [cookie.staff, cookie.admin]) {
      const { programs: listed } = await listAs(who);
      expect(listed.map((p) => p.id)).not.toContain(theirs);
      expect(JSON.stringify(listed)).not.toContain(theirName);
    }
  });

  it("is a 404 to open, for staff and admins", async () => {
    for (const who of [cookie.staff, cookie.admin]) {
      const result = await openAs(theirs, who);
      expect(result.status).toBe(404);
      expect(String(result.data)).not.toContain(theirName);
    }
    expect(() => getProgramWithStages({ organizationId: world.own.org.id, programId: theirs })).toThrow(NotFoundError);
  });

  it("is a 404 to edit, and stays as it was with no audit event", async () => {
    const before = stored(theirs)!;
    const result = await postEdit(theirs, { name: "Taken over", description: "Mine now.", status: "closed" });
    expect(result.status).toBe(404);
    expect(stored(theirs)).toEqual(before);
    expect(auditOf(theirs).filter((e) => e.action === "program.updated")).toHaveLength(0);
    expect(() =>
      updateProgram({
        organizationId: world.own.org.id,
        actorUserId: world.own.staff.userId,
        programId: theirs,
        input: ProgramSchema.parse({ name: "Taken over" }),
      }),
    ).toThrow(NotFoundError);
  });

  it("an unknown id is a 404 too", async () => {
    expect((await openAs(randomUUID())).status).toBe(404);
  });
});

describe("who may use the program pages", () => {
  it("consultants get 403 from both pages, and nothing is written", async () => {
    const id = makeProgram();
    const before = count(programs);
    const results = await Promise.all([
      callRoute(listRoute.loader, makeRequest("/programs", { cookie: cookie.consultant })),
      postNew(addForm(), cookie.consultant),
      openAs(id, cookie.consultant),
      postEdit(id, { name: "By a consultant", status: "closed" }, cookie.consultant),
    ]);
    expect(results.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect(count(programs)).toBe(before);
    expect(stored(id)?.name).not.toBe("By a consultant");
  });

  it("people who are not signed in are sent to sign in", async () => {
    const id = makeProgram();
    const results = await Promise.all([
      callRoute(listRoute.loader, makeRequest("/programs")),
      callRoute(listRoute.action, makeRequest("/programs", { form: addForm() })),
      callRoute(programRoute.loader, makeRequest(`/programs/${id}`), { id }),
      callRoute(programRoute.action, makeRequest(`/programs/${id}`, { form: { name: "x" } }), { id }),
    ]);
    for (const result of results) {
      expect(result.status).toBe(302);
      expect(result.location).toMatch(/^\/login/);
    }
  });
});

// --- audit -------------------------------------------------------------------------------------

describe("the audit log", () => {
  it("records who created and changed a program, with field names and never the values", async () => {
    const name = `Secretive name ${short()}`;
    const description = `Secret description ${short()}`;
    const id = await createThroughPage({ name, description });
    const renamed = `Renamed ${short()}`;
    expect((await postEdit(id, { name: renamed, description, status: "active" })).status).toBe(302);

    const events = auditOf(id);
    expect(events.map((e) => [e.action, e.changedFields, e.actorUserId, e.organizationId])).toEqual([
      ["program.created", ["name", "description", "status"], world.own.staff.userId, world.own.org.id],
      ["program.updated", ["name"], world.own.staff.userId, world.own.org.id],
    ]);
    const raw = JSON.stringify(
      db.$client.prepare("select * from audit_events where subject_id = ?").all(id) as unknown[],
    );
    for (const value of [name, description, renamed]) expect(raw).not.toContain(value);
  });

  it("an organization's program audit events are in that organization", () => {
    const id = makeProgram({}, world.other.org.id);
    expect(auditOf(id).map((e) => e.organizationId)).toEqual([world.other.org.id]);
  });

  it("a refused change leaves no audit event", () => {
    const taken = stored(makeProgram())!.name;
    const before = count(auditEvents);
    expect(() =>
      createProgram({
        organizationId: world.own.org.id,
        actorUserId: world.own.staff.userId,
        input: ProgramSchema.parse({ name: taken }),
      }),
    ).toThrow(RuleError);
    expect(count(auditEvents)).toBe(before);
  });
});
