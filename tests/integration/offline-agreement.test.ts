// Terms answered outside the portal: a consultant without a portal account (or who prefers paper)
// says yes or no on a paper form, out loud or another way, and staff record it. The answer counts
// like one given in the portal: the work can go ahead, the terms are kept word for word, and it is
// audited. Staff see who recorded it, how and when; the consultant sees the same if they later
// get an account.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, consultants, engagementAgreements, engagements } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { decideOnAgreement } from "../../app/models/engagement/own-work.server";
import { recordAnswerGivenOffline } from "../../app/models/engagement/offline-answer.server";
import { termsSnapshot } from "../../app/models/engagement/terms.server";
import { paymentFormFacts } from "../../app/models/payment/recording.server";
import { logTime } from "../../app/models/time/changes.server";
import { organizationToday } from "../../app/models/settings.server";
import * as answerRoute from "../../app/routes/_staff.engagements.$id.agreement";
import * as detailRoute from "../../app/routes/_staff.engagements.$id._index";
import * as workRoute from "../../app/routes/portal.work.$id";
import {
  cookieFor,
  createConsultantRecord,
  createEngagementRecord,
  createMember,
  createTwoOrganizations,
} from "../support/factories";
import { callRoute, makeRequest } from "../support/http";
import { englishErrors } from "../support/in-english";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
type Reply = { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
type DetailData = Awaited<ReturnType<typeof detailRoute.loader>>;
type AnswerPageData = Awaited<ReturnType<typeof answerRoute.loader>>;
type WorkData = Awaited<ReturnType<typeof workRoute.loader>>;

const DAY_MS = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY_MS).toISOString().slice(0, 10);

let world: World;
const cookie = { staff: "", foreignStaff: "" };

beforeAll(async () => {
  world = await createTwoOrganizations();
  [cookie.staff, cookie.foreignStaff] = await Promise.all([
    cookieFor(world.own.staff.userId),
    cookieFor(world.other.staff.userId),
  ]);
});

/** A consultant with no portal account, and proposed work for them set up by the world's staff member. */
function workWithoutAccount(values: Partial<typeof engagements.$inferInsert> = {}) {
  const consultant = createConsultantRecord(world.own.org.id, { preferredName: `Lin ${randomUUID().slice(0, 6)}` });
  const engagement = createEngagementRecord(world.own.org.id, consultant.id, world.own.programId, {
    createdByUserId: world.own.staff.userId,
    estimatedHundredths: 600,
    ...values,
  });
  return { consultant, engagement };
}

function answerForm(engagementId: string, values: Record<string, string> = {}) {
  const e = db.select().from(engagements).where(eq(engagements.id, engagementId)).get()!;
  return {
    termsVersion: String(e.termsVersion),
    decision: "accepted",
    method: "paper_form",
    agreedOn: daysAgo(4),
    witnessUserId: world.own.admin.userId,
    paperFormLocation: "Locked cabinet, folder Agreements 2026",
    message: "",
    ...values,
  };
}

function postAnswer(engagementId: string, form: Record<string, string>, who = cookie.staff) {
  return callRoute(answerRoute.action, makeRequest(`/engagements/${engagementId}/agreement`, { cookie: who, form }), {
    id: engagementId,
  });
}

const rowsOf = (engagementId: string) =>
  db.select().from(engagementAgreements).where(eq(engagementAgreements.engagementId, engagementId)).all();
const statusOf = (engagementId: string) =>
  db.select().from(engagements).where(eq(engagements.id, engagementId)).get()!.status;
const auditOf = (engagementId: string) =>
  db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, engagementId), sql`${auditEvents.action} like 'engagement.%'`))
    .all();
const fieldErrors = (result: { data: unknown }) => englishErrors((result.data as Reply).error);

async function openDetail(engagementId: string) {
  const result = await callRoute(
    detailRoute.loader,
    makeRequest(`/engagements/${engagementId}`, { cookie: cookie.staff }),
    { id: engagementId },
  );
  expect(result.status).toBe(200);
  return result.data as DetailData;
}

describe("staff record an answer given on paper", () => {
  it("counts like a portal acceptance: the terms kept word for word, the work agreed, audited", async () => {
    const { engagement } = workWithoutAccount();
    const before = await openDetail(engagement.id);
    expect(before.waitingForAnswer).toBe(true);
    expect(before.engagement.consultantHasPortalAccount).toBe(false);

    const agreedOn = daysAgo(4);
    const result = await postAnswer(engagement.id, answerForm(engagement.id, { agreedOn }));
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/engagements/${engagement.id}?done=answer-accepted`);

    const [row] = rowsOf(engagement.id);
    expect(row).toMatchObject({
      decision: "accepted",
      termsVersion: 1,
      method: "paper_form",
      // The day they signed, not the day it was typed in.
      agreedOn,
      witnessUserId: world.own.admin.userId,
      paperFormLocation: "Locked cabinet, folder Agreements 2026",
      decidedByUserId: world.own.staff.userId,
      methodDetail: null,
    });
    expect(row!.termsSnapshot).toEqual(termsSnapshot(engagement));
    expect(statusOf(engagement.id)).toBe("agreed");
    const [audit] = auditOf(engagement.id);
    expect(audit).toMatchObject({ action: "engagement.accepted", actorUserId: world.own.staff.userId });
    expect(audit!.changedFields).toEqual(
      expect.arrayContaining(["decision", "termsVersion", "method", "agreedOn", "witnessUserId", "status"]),
    );

    // The work can go ahead: time can be logged and a payment recorded, as after a portal "yes".
    logTime({
      organizationId: world.own.org.id,
      actor: { userId: world.own.staff.userId, role: "staff" },
      engagementId: engagement.id,
      input: { workDate: organizationToday(world.own.org.id), hundredths: 200, kind: "session", note: null },
    });
    expect(paymentFormFacts(world.own.org.id, engagement.id).nothingToPayReason).toBeNull();

    // The engagement page says who recorded it, how and when, and offers no second answer.
    const after = await openDetail(engagement.id);
    expect(after.waitingForAnswer).toBe(false);
    expect(after.engagement.currentVersionAccepted).toBe(true);
    expect(after.engagement.agreements[0]).toMatchObject({
      method: "paper_form",
      agreedOn,
      decidedByName: world.own.staff.preferredName,
      witnessName: world.own.admin.preferredName,
      paperFormLocation: "Locked cabinet, folder Agreements 2026",
    });
    const page = await callRoute(
      answerRoute.loader,
      makeRequest(`/engagements/${engagement.id}/agreement`, { cookie: cookie.staff }),
      { id: engagement.id },
    );
    expect((page.data as AnswerPageData).engagement.waitingForAnswer).toBe(false);
    const again = await postAnswer(engagement.id, answerForm(engagement.id, { agreedOn: daysAgo(2) }));
    expect(again.status).toBe(400);
    expect(rowsOf(engagement.id)).toHaveLength(1);
  });

  it("the same record sent twice is kept once", async () => {
    const { engagement } = workWithoutAccount();
    const form = answerForm(engagement.id);
    expect((await postAnswer(engagement.id, form)).status).toBe(302);
    expect((await postAnswer(engagement.id, form)).status).toBe(302);
    expect(rowsOf(engagement.id)).toHaveLength(1);
    expect(auditOf(engagement.id)).toHaveLength(1);
  });

  it("a 'no' leaves the work proposed and still waiting; a later 'yes' can be recorded", async () => {
    const { engagement } = workWithoutAccount();
    const no = await postAnswer(
      engagement.id,
      answerForm(engagement.id, { decision: "declined", method: "out_loud", message: "Not at this rate" }),
    );
    expect(no.location).toBe(`/engagements/${engagement.id}?done=answer-declined`);
    expect(statusOf(engagement.id)).toBe("proposed");
    expect((await openDetail(engagement.id)).waitingForAnswer).toBe(true);
    // Said out loud: only the witness is kept, not a paper form's place.
    expect(rowsOf(engagement.id)[0]).toMatchObject({
      decision: "declined",
      method: "out_loud",
      paperFormLocation: null,
    });

    expect((await postAnswer(engagement.id, answerForm(engagement.id))).status).toBe(302);
    expect(statusOf(engagement.id)).toBe("agreed");
  });
});

describe("what an offline answer needs", () => {
  const cases: { name: string; values: Record<string, string>; field: string; message: RegExp }[] = [
    { name: "a day in the future", values: { agreedOn: daysAgo(-1) }, field: "agreedOn", message: /future/ },
    { name: "a day that does not exist", values: { agreedOn: "2026-02-30" }, field: "agreedOn", message: /exist/ },
    { name: "no day", values: { agreedOn: "" }, field: "agreedOn", message: /day they answered|date like/ },
    {
      name: "out loud without a witness",
      values: { method: "out_loud", witnessUserId: "" },
      field: "witnessUserId",
      message: /needs a witness/,
    },
    {
      name: "a paper form without where it is kept",
      values: { paperFormLocation: " " },
      field: "paperFormLocation",
      message: /where the signed form is kept/,
    },
    {
      name: "another way without saying how",
      values: { method: "other", methodDetail: "" },
      field: "methodDetail",
      message: /how they answered/,
    },
    { name: "the portal as the method", values: { method: "portal" }, field: "method", message: /paper form/ },
  ];
  it.each(cases)("refuses $name, next to the field, writing nothing", async ({ values, field, message }) => {
    const { engagement } = workWithoutAccount();
    const result = await postAnswer(engagement.id, answerForm(engagement.id, values));
    expect(result.status).toBe(400);
    expect(fieldErrors(result)[field]?.join(" ")).toMatch(message);
    expect(rowsOf(engagement.id)).toHaveLength(0);
    expect(statusOf(engagement.id)).toBe("proposed");
    expect(auditOf(engagement.id)).toHaveLength(0);
  });

  it("the witness is a colleague other than the person recording, in this organization", async () => {
    const { engagement } = workWithoutAccount();
    const self = await postAnswer(engagement.id, answerForm(engagement.id, { witnessUserId: world.own.staff.userId }));
    expect(fieldErrors(self).witnessUserId?.join(" ")).toMatch(/someone other than you/);
    const foreign = await postAnswer(
      engagement.id,
      answerForm(engagement.id, { witnessUserId: world.other.staff.userId }),
    );
    expect(fieldErrors(foreign).witnessUserId?.join(" ")).toMatch(/from the list/);
    const consultant = await postAnswer(
      engagement.id,
      answerForm(engagement.id, { witnessUserId: world.own.consultant.userId }),
    );
    expect(fieldErrors(consultant).witnessUserId?.join(" ")).toMatch(/from the list/);
    const gone = await createMember({ organizationId: world.own.org.id, role: "staff", deactivated: true });
    const deactivated = await postAnswer(engagement.id, answerForm(engagement.id, { witnessUserId: gone.userId }));
    expect(fieldErrors(deactivated).witnessUserId?.join(" ")).toMatch(/from the list/);
    // A paper form needs no witness.
    expect((await postAnswer(engagement.id, answerForm(engagement.id, { witnessUserId: "" }))).status).toBe(302);
    expect(rowsOf(engagement.id)[0]!.witnessUserId).toBeNull();
  });

  it("an answer to terms that changed since the page was opened is refused", async () => {
    const { engagement } = workWithoutAccount();
    const form = answerForm(engagement.id);
    db.update(engagements).set({ termsVersion: 2 }).where(eq(engagements.id, engagement.id)).run();
    const result = await postAnswer(engagement.id, form);
    expect(result.status).toBe(400);
    expect(fieldErrors(result)[""]?.join(" ")).toMatch(/terms changed/);
    expect(rowsOf(engagement.id)).toHaveLength(0);
  });

  it("closed work takes no answer", async () => {
    for (const status of ["completed", "cancelled"] as const) {
      const { engagement } = workWithoutAccount({ status });
      const result = await postAnswer(engagement.id, answerForm(engagement.id));
      expect(result.status).toBe(400);
      expect(rowsOf(engagement.id)).toHaveLength(0);
    }
  });

  it("another organization's staff cannot record an answer or open the page", async () => {
    const { engagement } = workWithoutAccount();
    const result = await postAnswer(engagement.id, answerForm(engagement.id), cookie.foreignStaff);
    expect(result.status).toBe(404);
    const page = await callRoute(
      answerRoute.loader,
      makeRequest(`/engagements/${engagement.id}/agreement`, { cookie: cookie.foreignStaff }),
      { id: engagement.id },
    );
    expect(page.status).toBe(404);
    expect(rowsOf(engagement.id)).toHaveLength(0);
  });

  it("the model refuses the same rules when called directly", () => {
    const { engagement } = workWithoutAccount();
    const base = {
      organizationId: world.own.org.id,
      actorUserId: world.own.staff.userId,
      engagementId: engagement.id,
      termsVersion: 1,
      decision: "accepted" as const,
      agreedOn: daysAgo(1),
    };
    expect(() => recordAnswerGivenOffline({ ...base, method: "out_loud" })).toThrow(/needs a witness/);
    expect(() => recordAnswerGivenOffline({ ...base, method: "paper_form" })).toThrow(/where the signed form/);
    expect(() =>
      recordAnswerGivenOffline({ ...base, method: "other", methodDetail: "By text", agreedOn: daysAgo(-2) }),
    ).toThrow(/future/);
    expect(rowsOf(engagement.id)).toHaveLength(0);
  });
});

/** Proposed work for the world's consultant, who has a portal account. */
function workWithAccount() {
  return createEngagementRecord(world.own.org.id, world.own.consultant.consultantId, world.own.programId, {
    createdByUserId: world.own.staff.userId,
    estimatedHundredths: 600,
  });
}

function answerInPortal(engagementId: string, decision: "accepted" | "declined", message?: string) {
  return decideOnAgreement({
    organizationId: world.own.org.id,
    userId: world.own.consultant.userId,
    engagementId,
    termsVersion: db.select().from(engagements).where(eq(engagements.id, engagementId)).get()!.termsVersion,
    decision,
    message,
  });
}

/** Staff change the terms: a new version waits for an answer. */
const newTermsVersion = (engagementId: string) =>
  db
    .update(engagements)
    .set({ termsVersion: sql`${engagements.termsVersion} + 1`, rateCents: 7000 })
    .where(eq(engagements.id, engagementId))
    .run();

async function openAnswerPage(engagementId: string) {
  const result = await callRoute(
    answerRoute.loader,
    makeRequest(`/engagements/${engagementId}/agreement`, { cookie: cookie.staff }),
    { id: engagementId },
  );
  expect(result.status).toBe(200);
  return (result.data as AnswerPageData).engagement;
}

describe("an answer recorded by staff never overrides the consultant's own answer", () => {
  it("terms the consultant declined in the portal cannot be answered for them, whatever the day", async () => {
    const engagement = workWithAccount();
    answerInPortal(engagement.id, "declined", "The rate is too low");

    // Backdated to before their "no", or dated today: both refused, in words, at the top of the form.
    for (const agreedOn of [daysAgo(10), daysAgo(0)]) {
      const result = await postAnswer(
        engagement.id,
        answerForm(engagement.id, { method: "out_loud", agreedOn, witnessUserId: world.own.admin.userId }),
      );
      expect(result.status).toBe(400);
      expect(fieldErrors(result)[""]?.join(" ")).toMatch(/answered these terms themselves in the portal/);
    }
    expect(() =>
      recordAnswerGivenOffline({
        organizationId: world.own.org.id,
        actorUserId: world.own.staff.userId,
        engagementId: engagement.id,
        termsVersion: 1,
        decision: "accepted",
        method: "paper_form",
        paperFormLocation: "Cabinet",
        agreedOn: daysAgo(0),
      }),
    ).toThrow(/themselves in the portal/);
    // Their "no" stands: nothing recorded for them, the work not agreed.
    expect(rowsOf(engagement.id).map((r) => r.method)).toEqual(["portal"]);
    expect(statusOf(engagement.id)).toBe("proposed");
    expect(auditOf(engagement.id).map((a) => a.action)).toEqual(["engagement.declined"]);

    // Neither page offers the form; the answer page says why and what to do.
    const page = await openAnswerPage(engagement.id);
    expect(page.mayRecordAnswer).toBe(false);
    expect(page.answeredInPortal).toEqual({ decision: "declined", day: daysAgo(0), message: "The rate is too low" });
    const detail = await openDetail(engagement.id);
    expect(detail.mayRecordAnswer).toBe(false);

    // They can still change their mind themselves.
    expect(answerInPortal(engagement.id, "accepted").status).toBe("agreed");
  });

  it("new terms can be answered for them again, dated no earlier than their portal answer", async () => {
    const engagement = workWithAccount();
    answerInPortal(engagement.id, "declined");
    newTermsVersion(engagement.id);
    expect((await openAnswerPage(engagement.id)).mayRecordAnswer).toBe(true);
    expect((await openDetail(engagement.id)).mayRecordAnswer).toBe(true);

    const early = await postAnswer(engagement.id, answerForm(engagement.id, { agreedOn: daysAgo(1) }));
    expect(early.status).toBe(400);
    expect(fieldErrors(early).agreedOn?.join(" ")).toMatch(
      new RegExp(`last answer on record is from ${daysAgo(0)}.*on or after`),
    );
    expect(rowsOf(engagement.id)).toHaveLength(1);
    expect(statusOf(engagement.id)).toBe("proposed");

    expect((await postAnswer(engagement.id, answerForm(engagement.id, { agreedOn: daysAgo(0) }))).status).toBe(302);
    expect(statusOf(engagement.id)).toBe("agreed");
  });

  it("a staff-recorded answer cannot be dated before the latest answer on record, whatever its version", async () => {
    const { engagement } = workWithoutAccount();
    const no = answerForm(engagement.id, { decision: "declined", agreedOn: daysAgo(3) });
    expect((await postAnswer(engagement.id, no)).status).toBe(302);
    expect((await openAnswerPage(engagement.id)).earliestDay).toBe(daysAgo(3));

    // An earlier "yes" would quietly come before their "no": refused next to the day, nothing typed lost.
    const typed = answerForm(engagement.id, { agreedOn: daysAgo(5), message: "Said yes at the office" });
    const backdated = await postAnswer(engagement.id, typed);
    expect(backdated.status).toBe(400);
    expect(fieldErrors(backdated).agreedOn?.join(" ")).toMatch(new RegExp(`from ${daysAgo(3)}`));
    expect((backdated.data as Reply).initialValue).toMatchObject({
      decision: "accepted",
      agreedOn: daysAgo(5),
      paperFormLocation: typed.paperFormLocation,
      message: "Said yes at the office",
    });
    expect(rowsOf(engagement.id)).toHaveLength(1);
    expect(statusOf(engagement.id)).toBe("proposed");

    // The terms changed since: the rule still holds across versions.
    newTermsVersion(engagement.id);
    const acrossVersions = await postAnswer(engagement.id, answerForm(engagement.id, { agreedOn: daysAgo(4) }));
    expect(fieldErrors(acrossVersions).agreedOn?.join(" ")).toMatch(/on or after/);
    expect(rowsOf(engagement.id)).toHaveLength(1);

    // The same day as their "no" is fine.
    expect((await postAnswer(engagement.id, answerForm(engagement.id, { agreedOn: daysAgo(3) }))).status).toBe(302);
    expect(statusOf(engagement.id)).toBe("agreed");
  });
});

describe("the consultant's terms view, once they have an account", () => {
  it("shows that the team recorded their answer, how and when", async () => {
    const { consultant, engagement } = workWithoutAccount();
    const agreedOn = daysAgo(6);
    expect((await postAnswer(engagement.id, answerForm(engagement.id, { agreedOn }))).status).toBe(302);

    // Later they are invited and link an account to their record.
    const member = await createMember({ organizationId: world.own.org.id, role: "consultant" });
    db.update(consultants).set({ userId: member.userId }).where(eq(consultants.id, consultant.id)).run();
    const result = await callRoute(
      workRoute.loader,
      makeRequest(`/portal/work/${engagement.id}`, { cookie: await cookieFor(member.userId) }),
      { id: engagement.id },
    );
    expect(result.status).toBe(200);
    const data = result.data as WorkData;
    expect(data.engagement.needsAnswer).toBe(false);
    expect(data.engagement.decisions[0]).toMatchObject({
      decision: "accepted",
      method: "paper_form",
      agreedOn,
      recordedByName: world.own.staff.preferredName,
    });
  });
});
