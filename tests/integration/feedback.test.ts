// Experience feedback: the consultant's answer in the portal, staff notes from meetings,
// and the staff report and export, through the route modules with real sessions. Above all:
// nothing staff can see links an anonymous answer to a person.
import { RuleError } from "../../app/models/errors";
import { randomUUID } from "node:crypto";
import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { auditEvents, consultants, emailOutbox, experienceFeedback, feedbackSubmissions } from "../../db/schema";
import { assertScores, quarterOf } from "../../app/models/feedback/answer-rules.server";
import {
  ALREADY_READ_MESSAGE,
  myFeedbackOverview,
  NOT_DONE_MESSAGE,
  submitExperienceFeedback,
} from "../../app/models/feedback/consultant-answers.server";
import { feedbackReport } from "../../app/models/feedback/report.server";
import { recordMeetingFeedback } from "../../app/models/feedback/meeting.server";
import { setOrganizationTimeZone } from "../../app/models/settings.server";
import { db } from "../../app/utils/db.server";
import { EXPERIENCE_QUESTIONS, type ExperienceQuestion } from "../../app/utils/feedback-options";
import * as auditPage from "../../app/routes/_staff.admin.audit";
import * as engagementPage from "../../app/routes/_staff.engagements.$id._index";
import * as csvRoute from "../../app/routes/_staff.feedback[.csv]";
import * as reportPage from "../../app/routes/_staff.feedback._index";
import * as meetingPage from "../../app/routes/_staff.feedback.new";
import * as formPage from "../../app/routes/portal.feedback.$id";
import * as listPage from "../../app/routes/portal.feedback._index";
import * as portalHome from "../../app/routes/portal._index";
import {
  cookieFor,
  createConsultantRecord,
  createEngagementRecord,
  createMember,
  createProgramRecord,
  createTwoOrganizations,
} from "../support/factories";
import { callRoute, makeRequest, type RouteResult } from "../support/http";
import { englishOf } from "../support/messages";
import { setOwnLanguage } from "../../app/models/language.server";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
type Report = Awaited<ReturnType<typeof reportPage.loader>>;
type Reply = { error?: Record<string, string[] | null> };
type ScoreList = (number | null)[];

let world: World;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  world = await createTwoOrganizations();
  cookies.consultant = await cookieFor(world.own.consultant.userId);
  cookies.otherConsultant = await cookieFor(world.own.otherConsultant.userId);
  cookies.staff = await cookieFor(world.own.staff.userId);
  cookies.admin = await cookieFor(world.own.admin.userId);
  cookies.otherOrgStaff = await cookieFor(world.other.staff.userId);
  cookies.otherOrgConsultant = await cookieFor(world.other.consultant.userId);
});

const AUG_15 = new Date("2026-08-15T10:00:00Z"); // 2026-Q3
const NOV_02 = new Date("2026-11-02T10:00:00Z"); // 2026-Q4

function completedWork(
  organizationId: string,
  consultantId: string,
  programId: string,
  values: Parameters<typeof createEngagementRecord>[3] = {},
) {
  return createEngagementRecord(organizationId, consultantId, programId, {
    status: "completed",
    completedAt: AUG_15,
    title: `Work ${randomUUID().slice(0, 8)}`,
    ...values,
  });
}

/** The form as the portal sends it: each question's radio value ("skip" for prefer not to say). */
function formOf(scores: ScoreList, extra: Record<string, string> = {}) {
  return {
    ...Object.fromEntries(EXPERIENCE_QUESTIONS.map((q, i) => [q, scores[i] === null ? "skip" : String(scores[i])])),
    ...extra,
  } as Record<string, string>;
}

const scoresOf = (list: ScoreList) =>
  Object.fromEntries(EXPERIENCE_QUESTIONS.map((q, i) => [q, list[i] ?? null])) as Record<
    ExperienceQuestion,
    number | null
  >;

function send(engagementId: string, form: Record<string, string>, cookie = cookies.consultant!) {
  return callRoute(formPage.action, makeRequest(`/portal/feedback/${engagementId}`, { cookie, form }), {
    id: engagementId,
  });
}

async function openReport(query = "", cookie = cookies.staff!) {
  const result = await callRoute(reportPage.loader, makeRequest(`/feedback${query}`, { cookie }));
  expect(result.status).toBe(200);
  return result.data as Report;
}

async function downloadCsv(query = "", cookie = cookies.staff!) {
  const result = await callRoute(csvRoute.loader, makeRequest(`/feedback.csv${query}`, { cookie }));
  expect(result.status).toBe(200);
  expect(result.headers.get("Content-Type")).toContain("text/csv");
  return result.data as string;
}

/** "Mark as read" on the report, as the page sends it: the filters shown and the page's `shown` value. */
function markRead(report: Report, cookie = cookies.staff!) {
  const { programId, stage, quarter } = report.filters;
  const form = { shown: report.shown, program: programId ?? "", stage: stage ?? "", quarter: quarter ?? "" };
  return callRoute(reportPage.action, makeRequest("/feedback?index", { cookie, form }));
}

/** Opens the report and marks what it shows as read. */
async function readAndMark(query = "", cookie = cookies.staff!) {
  const result = await markRead(await openReport(query, cookie), cookie);
  expect(result.status).toBe(302);
  return result;
}

const submissionOf = (engagementId: string) =>
  db.select().from(feedbackSubmissions).where(eq(feedbackSubmissions.engagementId, engagementId)).all();
const feedbackRow = (id: string) => db.select().from(experienceFeedback).where(eq(experienceFeedback.id, id)).get();
const answerOf = (engagementId: string) => {
  const [link] = submissionOf(engagementId);
  return link ? feedbackRow(link.feedbackId) : undefined;
};
const feedbackAudit = () =>
  db.select().from(auditEvents).where(like(auditEvents.action, "experience_feedback.%")).all();
// In English, as an English-speaking reader sees them (replies carry catalog keys).
const fieldError = (result: RouteResult, field: string) => (result.data as Reply).error?.[field]?.map(englishOf);

/** A consultant with a login of their own, in an organization, with a distinctive name. */
async function consultantWithLogin(organizationId: string, preferredName: string) {
  const member = await createMember({ organizationId, role: "consultant" });
  const record = createConsultantRecord(organizationId, { userId: member.userId, preferredName });
  return { userId: member.userId, consultantId: record.id, preferredName };
}

describe("a consultant gives feedback on completed work", () => {
  it("sends it once; sending again changes the same answer", async () => {
    const program = createProgramRecord(world.own.org.id);
    const work = completedWork(world.own.org.id, world.own.consultant.consultantId, program.id, { stage: "design" });

    const first = await send(work.id, formOf([5, 4, 3, 2, 1, null, 5], { comment: "Clear and kind." }));
    expect(first.status).toBe(302);
    expect(first.location).toBe("/portal/feedback?done=sent");
    const row = answerOf(work.id)!;
    expect(row).toMatchObject({
      anonymous: false,
      consultantId: world.own.consultant.consultantId,
      engagementId: work.id,
      programId: program.id,
      stage: "design",
      quarter: "2026-Q3",
      source: "portal",
      meaningful: 5,
      safe: null,
      comment: "Clear and kind.",
      readAt: null,
    });

    // The same form twice (a double click) and then a change: still one answer and one link.
    await send(work.id, formOf([5, 4, 3, 2, 1, null, 5], { comment: "Clear and kind." }));
    const changed = await send(work.id, formOf([4, 4, 3, 2, 1, 3, 5], { comment: "Clear." }));
    expect(changed.status).toBe(302);
    expect(submissionOf(work.id)).toHaveLength(1);
    expect(db.select().from(experienceFeedback).where(eq(experienceFeedback.engagementId, work.id)).all()).toHaveLength(
      1,
    );
    expect(answerOf(work.id)).toMatchObject({ id: row.id, meaningful: 4, safe: 3, comment: "Clear." });

    // A named answer is audited with the consultant as actor, by field names only.
    const audit = feedbackAudit().filter((e) => e.subjectId === row.id);
    expect(audit.map((e) => e.action)).toEqual(["experience_feedback.submitted", "experience_feedback.updated"]);
    expect(audit.every((e) => e.actorUserId === world.own.consultant.userId)).toBe(true);
    expect(audit[1]!.changedFields.sort()).toEqual(["comment", "meaningful", "safe"]);
    expect(JSON.stringify(audit)).not.toContain("Clear");

    const list = await callRoute(listPage.loader, makeRequest("/portal/feedback", { cookie: cookies.consultant }));
    const item = (list.data as { items: { engagementId: string; state: string }[] }).items.find(
      (i) => i.engagementId === work.id,
    );
    expect(item?.state).toBe("editable");
  });

  it("the form shows my answer to change", async () => {
    const program = createProgramRecord(world.own.org.id);
    const work = completedWork(world.own.org.id, world.own.consultant.consultantId, program.id);
    await send(work.id, formOf([1, 2, 3, 4, 5, null, 1], { anonymous: "on" }));
    const page = await callRoute(
      formPage.loader,
      makeRequest(`/portal/feedback/${work.id}`, { cookie: cookies.consultant }),
      { id: work.id },
    );
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({
      done: true,
      locked: false,
      answer: { anonymous: true, scores: { meaningful: 1, again: 1, safe: null } },
    });
  });
});

describe("bad input and the wrong engagement are refused", () => {
  let program: { id: string };
  let work: { id: string };
  beforeAll(() => {
    program = createProgramRecord(world.own.org.id);
    work = completedWork(world.own.org.id, world.own.consultant.consultantId, program.id);
  });

  it.each(["0", "6", "abc", "2.5", ""])("a score of %j is refused next to the question", async (value) => {
    const result = await send(work.id, { ...formOf([3, 3, 3, 3, 3, 3, 3]), fairPay: value });
    expect(result.status).toBe(400);
    expect(fieldError(result, "fairPay")).toEqual(["Choose a number from 1 to 5, or “Prefer not to say”."]);
    expect(submissionOf(work.id)).toHaveLength(0);
  });

  it("the model refuses scores out of range whoever calls it", () => {
    for (const bad of [0, 6, 2.5, "abc", "3", Number.NaN]) {
      expect(() => assertScores({ ...scoresOf([3, 3, 3, 3, 3, 3, 3]), onTime: bad })).toThrow(RuleError);
    }
    expect(() =>
      submitExperienceFeedback({
        organizationId: world.own.org.id,
        consultantId: world.own.consultant.consultantId,
        userId: world.own.consultant.userId,
        engagementId: work.id,
        scores: { ...scoresOf([3, 3, 3, 3, 3, 3, 3]), again: 7 },
        comment: null,
        anonymous: false,
      }),
    ).toThrow(RuleError);
    expect(submissionOf(work.id)).toHaveLength(0);
  });

  it("a comment over 4,000 characters, or an answer that says nothing, is refused", async () => {
    const long = await send(work.id, formOf([3, 3, 3, 3, 3, 3, 3], { comment: "x".repeat(4001) }));
    expect(long.status).toBe(400);
    expect(fieldError(long, "comment")).toEqual(["Use no more than 4,000 characters."]);
    const empty = await send(work.id, formOf([null, null, null, null, null, null, null]));
    expect(empty.status).toBe(400);
    expect(fieldError(empty, "")).toEqual(["Answer at least one question, or write a comment."]);
    expect(submissionOf(work.id)).toHaveLength(0);
  });

  it("another consultant's engagement, in this organization or another, is a 404 by any URL", async () => {
    const colleagues = completedWork(world.own.org.id, world.own.otherConsultant.consultantId, program.id);
    const otherProgram = createProgramRecord(world.other.org.id);
    const elsewhere = completedWork(world.other.org.id, world.other.consultant.consultantId, otherProgram.id);
    for (const id of [colleagues.id, elsewhere.id, "no-such-id"]) {
      const page = await callRoute(
        formPage.loader,
        makeRequest(`/portal/feedback/${id}`, { cookie: cookies.consultant }),
        { id },
      );
      expect(page.status).toBe(404);
      const sent = await send(id, formOf([3, 3, 3, 3, 3, 3, 3]));
      expect(sent.status).toBe(404);
    }
    expect(submissionOf(colleagues.id)).toHaveLength(0);
    expect(submissionOf(elsewhere.id)).toHaveLength(0);
  });

  it("work that is not completed cannot have feedback yet", async () => {
    const page = await callRoute(
      formPage.loader,
      makeRequest(`/portal/feedback/${world.own.engagementId}`, { cookie: cookies.consultant }),
      { id: world.own.engagementId },
    );
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ done: false });
    const sent = await send(world.own.engagementId, formOf([3, 3, 3, 3, 3, 3, 3]));
    expect(sent.status).toBe(400);
    expect(fieldError(sent, "")).toEqual([englishOf(NOT_DONE_MESSAGE)]);
    expect(submissionOf(world.own.engagementId)).toHaveLength(0);
  });

  it("staff cannot use the portal form", async () => {
    const sent = await send(work.id, formOf([3, 3, 3, 3, 3, 3, 3]), cookies.staff);
    expect(sent.status).toBe(403);
  });
});

describe("once staff have read an answer, it cannot be changed", () => {
  it("refuses the change with a clear message and keeps what was said", async () => {
    const program = createProgramRecord(world.own.org.id);
    const work = completedWork(world.own.org.id, world.own.consultant.consultantId, program.id);
    await send(work.id, formOf([2, 2, 2, 2, 2, 2, 2], { comment: "Too rushed." }));
    await readAndMark(`?program=${program.id}`);
    expect(answerOf(work.id)!.readAt).toBeInstanceOf(Date);

    const again = await send(work.id, formOf([5, 5, 5, 5, 5, 5, 5]));
    expect(again.status).toBe(400);
    expect(fieldError(again, "")).toEqual([englishOf(ALREADY_READ_MESSAGE)]);
    expect(answerOf(work.id)).toMatchObject({ meaningful: 2, comment: "Too rushed." });

    const page = await callRoute(
      formPage.loader,
      makeRequest(`/portal/feedback/${work.id}`, { cookie: cookies.consultant }),
      { id: work.id },
    );
    expect(page.data).toMatchObject({ locked: true });
    const item = myFeedbackOverview(world.own.org.id, world.own.consultant.consultantId).find(
      (i) => i.engagementId === work.id,
    );
    expect(item?.state).toBe("read");
  });
});

describe("staff mark answers read only by pressing the button", () => {
  it("opening the report or downloading it marks nothing read: the consultant can still change the answer", async () => {
    const program = createProgramRecord(world.own.org.id);
    const work = completedWork(world.own.org.id, world.own.consultant.consultantId, program.id);
    await send(work.id, formOf([2, 2, 2, 2, 2, 2, 2], { comment: "First thoughts." }));
    const report = await openReport(`?program=${program.id}`);
    expect(report.comments.map((c) => c.comment)).toEqual(["First thoughts."]);
    await downloadCsv(`?program=${program.id}`);
    await downloadCsv("");
    await openReport("");
    expect(answerOf(work.id)!.readAt).toBeNull();

    const changed = await send(work.id, formOf([4, 4, 4, 4, 4, 4, 4], { comment: "Second thoughts." }));
    expect(changed.status).toBe(302);
    expect(answerOf(work.id)).toMatchObject({ meaningful: 4, comment: "Second thoughts.", readAt: null });
  });

  it("the button marks what the page showed, says so, and writes it to the audit log by field name", async () => {
    const program = createProgramRecord(world.own.org.id);
    const work = completedWork(world.own.org.id, world.own.consultant.consultantId, program.id);
    const elsewhere = completedWork(
      world.own.org.id,
      world.own.consultant.consultantId,
      createProgramRecord(world.own.org.id).id,
    );
    await send(work.id, formOf([3, 3, 3, 3, 3, 3, 3], { comment: "Shown." }));
    await send(elsewhere.id, formOf([3, 3, 3, 3, 3, 3, 3], { comment: "Not in this selection." }));

    const result = await readAndMark(`?program=${program.id}`);
    expect(result.location).toBe(`/feedback?program=${program.id}&done=read`);
    expect(answerOf(work.id)!.readAt).toBeInstanceOf(Date);
    // Another program's answer was not on the page: its author can still change it.
    expect(answerOf(elsewhere.id)!.readAt).toBeNull();
    const audit = feedbackAudit().filter((e) => e.subjectId === answerOf(work.id)!.id);
    expect(audit.map((e) => [e.action, e.actorUserId, e.changedFields])).toContainEqual([
      "experience_feedback.read",
      world.own.staff.userId,
      ["readAt"],
    ]);
  });

  it("an answer changed after the page was opened is not marked read: staff are asked to look again", async () => {
    const program = createProgramRecord(world.own.org.id);
    const work = completedWork(world.own.org.id, world.own.consultant.consultantId, program.id);
    await send(work.id, formOf([1, 1, 1, 1, 1, 1, 1], { comment: "Before." }));
    const shown = await openReport(`?program=${program.id}`);
    await send(work.id, formOf([5, 5, 5, 5, 5, 5, 5], { comment: "After." }));

    const stale = await markRead(shown);
    expect(stale.status).toBe(400);
    expect(fieldError(stale, "")).toEqual([
      "Some answers came in or changed after you opened this page, so nothing was marked as read. Read the page again, then mark it as read.",
    ]);
    expect(answerOf(work.id)!.readAt).toBeNull();

    await readAndMark(`?program=${program.id}`);
    expect(answerOf(work.id)).toMatchObject({ comment: "After." });
    expect(answerOf(work.id)!.readAt).toBeInstanceOf(Date);
  });

  it("a value the page did not give, or a consultant, marks nothing", async () => {
    const program = createProgramRecord(world.own.org.id);
    const work = completedWork(world.own.org.id, world.own.consultant.consultantId, program.id);
    await send(work.id, formOf([3, 3, 3, 3, 3, 3, 3]));
    const report = await openReport(`?program=${program.id}`);
    const forged = await markRead({ ...report, shown: "made-up" });
    expect(forged.status).toBe(400);
    expect((await markRead(report, cookies.consultant)).status).toBe(403);
    expect(answerOf(work.id)!.readAt).toBeNull();
  });
});

describe("anonymous and named", () => {
  it("an anonymous answer keeps no consultant, engagement or exact time, and writes no audit row", async () => {
    const program = createProgramRecord(world.own.org.id);
    const work = completedWork(world.own.org.id, world.own.consultant.consultantId, program.id, {
      stage: "evaluation",
      completedAt: NOV_02,
    });
    const auditBefore = db.select().from(auditEvents).all().length;
    const sent = await send(work.id, formOf([4, 4, 4, 4, 4, 4, 4], { anonymous: "on", comment: "Fine." }));
    expect(sent.status).toBe(302);
    const row = answerOf(work.id)!;
    expect(row).toMatchObject({
      anonymous: true,
      consultantId: null,
      engagementId: null,
      recordedByUserId: null,
      programId: program.id,
      stage: "evaluation",
      quarter: "2026-Q4",
      source: "portal",
    });
    // Only the quarter: the stored times are the start of the quarter, not when it was sent.
    expect(row.createdAt.toISOString()).toBe("2026-10-01T12:00:00.000Z");
    expect(row.updatedAt.toISOString()).toBe("2026-10-01T12:00:00.000Z");
    expect(submissionOf(work.id)).toEqual([
      {
        engagementId: work.id,
        organizationId: world.own.org.id,
        consultantId: world.own.consultant.consultantId,
        feedbackId: row.id,
      },
    ]);
    expect(db.select().from(auditEvents).all().length).toBe(auditBefore);
  });

  it("switching anonymous → named fills in who and which work; named → anonymous makes a new row", async () => {
    const program = createProgramRecord(world.own.org.id);
    const work = completedWork(world.own.org.id, world.own.consultant.consultantId, program.id);
    await send(work.id, formOf([3, 3, 3, 3, 3, 3, 3], { anonymous: "on" }));
    const anonymousRow = answerOf(work.id)!;

    await send(work.id, formOf([3, 3, 3, 3, 3, 3, 3]));
    const named = answerOf(work.id)!;
    expect(named).toMatchObject({
      id: anonymousRow.id,
      anonymous: false,
      consultantId: world.own.consultant.consultantId,
      engagementId: work.id,
    });
    const audit = feedbackAudit().filter((e) => e.subjectId === named.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.changedFields).toEqual(["anonymous"]);

    // Back to anonymous: the named row's id is in the audit log next to the name, so the
    // anonymous answer gets a new id and the named row is gone.
    await send(work.id, formOf([3, 3, 3, 3, 3, 3, 2], { anonymous: "on" }));
    const again = answerOf(work.id)!;
    expect(again.id).not.toBe(named.id);
    expect(again).toMatchObject({ anonymous: true, consultantId: null, engagementId: null, again: 2 });
    expect(feedbackRow(named.id)).toBeUndefined();
    expect(submissionOf(work.id)).toHaveLength(1);
    expect(feedbackAudit().filter((e) => e.subjectId === again.id)).toHaveLength(0);
  });
});

describe("the staff report", () => {
  // One program with a named answer and, in the end, three anonymous ones from three consultants.
  let program: { id: string; name: string };
  const people: Awaited<ReturnType<typeof consultantWithLogin>>[] = [];
  const works: { id: string; title: string }[] = [];
  const anonymousIds: string[] = [];

  beforeAll(async () => {
    program = createProgramRecord(world.own.org.id, `Threshold program ${randomUUID().slice(0, 6)}`);
    for (const name of ["Zephyrine", "Quillon", "Marguerite-Anonyma"]) {
      people.push(await consultantWithLogin(world.own.org.id, name));
    }
  });

  const anonymousAnswer = (i: number, stage: "design" | "evaluation", completedAt: Date, scores: ScoreList) => {
    const person = people[i]!;
    const work = completedWork(world.own.org.id, person.consultantId, program.id, {
      stage,
      completedAt,
      title: `Secret engagement title ${i} ${randomUUID().slice(0, 6)}`,
    });
    works.push(work);
    submitExperienceFeedback({
      organizationId: world.own.org.id,
      consultantId: person.consultantId,
      userId: person.userId,
      engagementId: work.id,
      scores: scoresOf(scores),
      comment: `Anonymous comment ${i}`,
      anonymous: true,
    });
    anonymousIds.push(answerOf(work.id)!.id);
  };

  it("holds back anonymous answers until the program has 3, then includes them; averages match", async () => {
    // A named answer, by the world's own consultant through the portal.
    const named = completedWork(world.own.org.id, world.own.consultant.consultantId, program.id, {
      stage: "design",
      title: "Named engagement title",
    });
    await send(named.id, formOf([5, 4, null, 2, 3, 5, 4], { comment: "Named comment" }));

    anonymousAnswer(0, "design", AUG_15, [3, 4, 2, null, 3, 5, 4]);
    anonymousAnswer(1, "evaluation", NOV_02, [4, null, 4, 4, 1, 5, 2]);

    // Two anonymous answers: left out of averages, comments and the export; the page says so.
    let report = await openReport(`?program=${program.id}`);
    expect(report.heldBackPrograms).toEqual([program.name]);
    expect(report.overall.answers).toBe(1);
    expect(report.overall.averages.meaningful).toBe(5);
    expect(report.comments.map((c) => c.comment)).toEqual(["Named comment"]);
    let csv = await downloadCsv(`?program=${program.id}`);
    expect(csv).not.toContain("Anonymous comment");
    expect(csv.trim().split("\r\n")).toHaveLength(2);
    // Held back means unread: their authors can still change them.
    for (const id of anonymousIds) expect(feedbackRow(id)!.readAt).toBeNull();

    // Anonymous notes written down by staff do not count towards the consultants' own answers.
    for (let i = 0; i < 2; i++) {
      const result = await callRoute(
        meetingPage.action,
        makeRequest("/feedback/new", {
          cookie: cookies.staff,
          form: formOf([1, 1, 1, 1, 1, 1, 1], {
            creationKey: randomUUID(),
            programId: program.id,
            stage: "design",
            heardOn: "2026-08-20",
            who: "anonymous",
            comment: `Invented note ${i}`,
          }),
        }),
      );
      expect(result.status).toBe(302);
    }
    report = await openReport(`?program=${program.id}`);
    expect(report.overall.answers).toBe(1);
    expect(JSON.stringify(report)).not.toContain("Invented note");
    expect(JSON.stringify(report)).not.toContain("Anonymous comment");

    // The third anonymous answer from a consultant opens the gate.
    anonymousAnswer(2, "design", AUG_15, [1, 2, 3, 3, 3, null, 5]);
    report = await openReport(`?program=${program.id}`);
    expect((await markRead(report)).status).toBe(302);
    // The meeting notes are still only two of their kind.
    expect(report.heldBackPrograms).toEqual([program.name]);
    expect(report.overall.answers).toBe(4);
    expect(report.comments.map((c) => c.comment).sort()).toEqual([
      "Anonymous comment 0",
      "Anonymous comment 1",
      "Anonymous comment 2",
      "Named comment",
    ]);
    for (const id of anonymousIds) expect(feedbackRow(id)!.readAt).toBeInstanceOf(Date);

    // By hand: design 2026-Q3 has the named answer and anonymous 0 and 2; evaluation 2026-Q4 has
    // anonymous 1 alone. Both cells hold one or two anonymous answers: with the named scores on the
    // page, their averages would give those answers away, so they are held back.
    const design = report.cells.find((c) => c.stage === "design" && c.quarter === "2026-Q3")!;
    expect(design).toMatchObject({ heldBack: true, answers: null });
    expect(Object.values(design.averages).every((v) => v === null)).toBe(true);
    expect(Object.values(design.counts).every((v) => v === 0)).toBe(true);
    const evaluation = report.cells.find((c) => c.stage === "evaluation" && c.quarter === "2026-Q4")!;
    expect(evaluation).toMatchObject({ heldBack: true, answers: null });
    expect(evaluation.averages.clearScope).toBeNull();
    // The whole program holds three anonymous answers and the named one: shown.
    expect(report.overall.heldBack).toBe(false);
    expect(report.overall.averages.meaningful).toBeCloseTo((5 + 3 + 4 + 1) / 4);
    expect(report.overall.averages.respected).toBeCloseTo((4 + 4 + 2) / 3);
    expect(report.overall.averages.fairPay).toBeCloseTo((2 + 4 + 3) / 3);
    expect(report.overall.averages.clearScope).toBeCloseTo((3 + 3 + 1 + 3) / 4);
    expect(report.overall.averages.again).toBeCloseTo((4 + 4 + 2 + 5) / 4);
    expect(report.overall.counts.safe).toBe(3);

    // Filters by stage and quarter narrow to groups with one or two anonymous answers: held back,
    // and no anonymous comment is listed under them.
    const byStage = await openReport(`?program=${program.id}&stage=evaluation`);
    expect(byStage.overall).toMatchObject({ heldBack: true, answers: null });
    expect(byStage.comments.filter((c) => c.anonymous)).toEqual([]);
    const byQuarter = await openReport(`?program=${program.id}&quarter=2026-Q3`);
    expect(byQuarter.overall).toMatchObject({ heldBack: true, answers: null });
    expect(byQuarter.comments.map((c) => c.comment)).toEqual(["Named comment"]);
    const byQuarterCsv = await downloadCsv(`?program=${program.id}&quarter=2026-Q3`);
    expect(byQuarterCsv).not.toContain("Anonymous comment");

    csv = await downloadCsv(`?program=${program.id}`);
    expect(csv.trim().split("\r\n")).toHaveLength(5);
  });

  it("shows anonymous answers with the program only: no identity, stage or quarter in the page, export or audit", async () => {
    const report = await openReport(`?program=${program.id}`);
    const csv = await downloadCsv(`?program=${program.id}`);
    const anonymous = report.comments.filter((c) => c.anonymous);
    expect(anonymous).toHaveLength(3);
    for (const c of anonymous) {
      expect(Object.keys(c).sort()).toEqual(["anonymous", "comment", "programName", "source"]);
      expect(c.programName).toBe(program.name);
    }
    const pageText = JSON.stringify(report);
    const auditPageResult = await callRoute(auditPage.loader, makeRequest("/admin/audit", { cookie: cookies.admin }));
    const auditText = JSON.stringify(auditPageResult.data);
    const auditRows = JSON.stringify(db.select().from(auditEvents).all());
    const secrets = [
      ...people.flatMap((p) => [p.consultantId, p.preferredName, p.userId]),
      ...works.flatMap((w) => [w.id, w.title]),
      ...anonymousIds,
    ];
    for (const secret of secrets) {
      expect(pageText).not.toContain(secret);
      expect(csv).not.toContain(secret);
    }
    for (const id of anonymousIds) {
      expect(auditText).not.toContain(id);
      expect(auditRows).not.toContain(id);
    }
    // No audit row of any kind was written by the anonymous consultants.
    const byThem = db
      .select()
      .from(auditEvents)
      .all()
      .filter((e) => people.some((p) => p.userId === e.actorUserId));
    expect(byThem).toEqual([]);
    // No exact time at all: the report carries quarters, never dates.
    expect(pageText).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(csv).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // The named answer may show who and which work.
    expect(pageText).toContain("Named engagement title");
    const namedConsultant = db
      .select({ name: consultants.preferredName })
      .from(consultants)
      .where(eq(consultants.id, world.own.consultant.consultantId))
      .get()!;
    expect(pageText).toContain(namedConsultant.name);
    expect(csv).toContain("Named engagement title");
    // Anonymous rows in the export: empty consultant and engagement cells.
    const anonymousLines = csv.split("\r\n").filter((line) => line.includes("Anonymous comment"));
    expect(anonymousLines).toHaveLength(3);
    // Anonymous rows in the export: program only, then empty stage, quarter, consultant and engagement.
    for (const line of anonymousLines) {
      expect(line.startsWith(`${program.name},,,`)).toBe(true);
      expect(line).toMatch(/,yes,,,/);
    }
  });

  it("is written in the language of the staff member who downloads it", async () => {
    const colleague = await createMember({ organizationId: world.own.org.id, role: "staff" });
    setOwnLanguage(colleague.userId, "es");
    const csv = await downloadCsv(`?program=${program.id}`, await cookieFor(colleague.userId));
    const [header, ...rows] = csv.trimEnd().split("\r\n");
    expect(header).toMatch(/^Programa,Etapa,Trimestre,Cómo se dio,Anónimo,Persona consultora,Encargo,.*,Comentario$/);
    // Yes and no, and the quarter, are words in Spanish too; the figures and what people wrote are as they are.
    const anonymousLines = rows.filter((line) => line.includes("Anonymous comment"));
    expect(anonymousLines).toHaveLength(3);
    for (const line of anonymousLines) expect(line).toMatch(/,sí,,,/);
    const named = rows.find((line) => line.includes("Named engagement title"))!;
    expect(named).toMatch(/,T[1-4] \d{4},/);
    expect(named).toMatch(/,no,/);
  });

  it("a held-back notice does not change with the stage or quarter filters", async () => {
    const lone = createProgramRecord(world.own.org.id, `Lone program ${randomUUID().slice(0, 6)}`);
    const person = await consultantWithLogin(world.own.org.id, "Solitaire");
    const work = completedWork(world.own.org.id, person.consultantId, lone.id, { stage: "delivery" });
    submitExperienceFeedback({
      organizationId: world.own.org.id,
      consultantId: person.consultantId,
      userId: person.userId,
      engagementId: work.id,
      scores: scoresOf([2, 2, 2, 2, 2, 2, 2]),
      comment: "Only me",
      anonymous: true,
    });
    for (const query of ["", "&stage=delivery", "&stage=design", "&quarter=2026-Q3", "&quarter=2020-Q1"]) {
      const report = await openReport(`?program=${lone.id}${query}`);
      expect(report.heldBackPrograms).toEqual([lone.name]);
      expect(report.overall.answers).toBe(0);
      expect(report.comments).toEqual([]);
    }
    // Its quarter is not offered as a filter either (no other answers fall in it for this program).
    const all = await openReport(`?program=${lone.id}`);
    expect(JSON.stringify(all)).not.toContain("Only me");
  });
});

describe("feedback written down from a meeting", () => {
  const base = (extra: Record<string, string>) =>
    formOf([4, null, null, 5, null, null, 4], {
      creationKey: randomUUID(),
      programId: world.own.programId,
      stage: "delivery",
      heardOn: "2026-09-10",
      who: "named",
      consultantId: world.own.consultant.consultantId,
      comment: "Said in our check-in.",
      ...extra,
    });
  const record = (form: Record<string, string>, cookie = cookies.staff) =>
    callRoute(meetingPage.action, makeRequest("/feedback/new", { cookie, form }));

  it("records a named note once, even when sent twice, with the staff member as recorder", async () => {
    const form = base({});
    expect((await record(form)).status).toBe(302);
    expect((await record(form)).status).toBe(302);
    const rows = db.select().from(experienceFeedback).where(eq(experienceFeedback.id, form.creationKey!)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      source: "meeting",
      anonymous: false,
      consultantId: world.own.consultant.consultantId,
      engagementId: null,
      recordedByUserId: world.own.staff.userId,
      quarter: "2026-Q3",
      meaningful: 4,
      respected: null,
    });
    const audit = feedbackAudit().filter((e) => e.subjectId === form.creationKey);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: world.own.staff.userId, action: "experience_feedback.recorded" });
  });

  it("an anonymous note keeps no consultant, even if one was picked in the list", async () => {
    const form = base({ who: "anonymous" });
    expect((await record(form)).status).toBe(302);
    const row = feedbackRow(form.creationKey!)!;
    expect(row).toMatchObject({ anonymous: true, consultantId: null, engagementId: null });
    expect(row.createdAt.toISOString()).toBe("2026-07-01T12:00:00.000Z");
  });

  it("refuses another organization's program or consultant, a future date, bad scores and a missing name", async () => {
    const otherProgram = createProgramRecord(world.other.org.id);
    const cases: [Record<string, string>, string][] = [
      [base({ programId: otherProgram.id }), "programId"],
      [base({ consultantId: world.other.consultant.consultantId }), "consultantId"],
      [base({ heardOn: "2999-01-01" }), "heardOn"],
      [base({ meaningful: "9" }), "meaningful"],
      [base({ consultantId: "" }), "consultantId"],
    ];
    for (const [form, field] of cases) {
      const result = await record(form);
      expect(result.status).toBe(400);
      expect(fieldError(result, field)?.length).toBeGreaterThan(0);
      expect(feedbackRow(form.creationKey!)).toBeUndefined();
    }
  });

  it("takes the meeting's day up to today where the organization is, not in UTC, and only a day that exists", async () => {
    setOrganizationTimeZone({
      organizationId: world.own.org.id,
      actorUserId: world.own.admin.userId,
      timeZone: "America/New_York",
    });
    const malformed = await record(base({ heardOn: "2026-02-30" }));
    expect(fieldError(malformed, "heardOn")).toEqual(["That date does not exist."]);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      // 10 March in UTC, still the evening of 9 March in New York.
      vi.setSystemTime(new Date("2026-03-10T02:00:00Z"));
      const note = (heardOn: string) => () =>
        recordMeetingFeedback({
          organizationId: world.own.org.id,
          actorUserId: world.own.staff.userId,
          creationKey: randomUUID(),
          programId: world.own.programId,
          stage: "delivery",
          heardOn,
          consultantId: world.own.consultant.consultantId,
          scores: { meaningful: 4 } as Record<ExperienceQuestion, unknown>,
          comment: null,
        });
      expect(note("2026-03-10")).toThrow("The meeting date cannot be after today.");
      expect(note("2026-03-09")()).toEqual({ created: true });
    } finally {
      vi.useRealTimers();
    }
  });

  it("is for staff only", async () => {
    const result = await record(base({}), cookies.consultant);
    expect(result.status).toBe(403);
  });
});

describe("organizations are kept apart", () => {
  it("the other organization's staff never see this organization's feedback, by filter or export", async () => {
    const otherProgram = createProgramRecord(world.other.org.id);
    const theirs = completedWork(world.other.org.id, world.other.consultant.consultantId, otherProgram.id);
    await send(
      theirs.id,
      formOf([1, 1, 1, 1, 1, 1, 1], { comment: "Northwind-only comment" }),
      cookies.otherOrgConsultant,
    );

    const ownReport = await openReport("");
    expect(JSON.stringify(ownReport)).not.toContain("Northwind-only comment");
    expect(ownReport.programOptions.map((p) => p.id)).not.toContain(otherProgram.id);
    // Naming the other organization's program shows nothing and marks nothing read.
    const crossed = await openReport(`?program=${otherProgram.id}`);
    expect(crossed.overall.answers).toBe(0);
    expect(crossed.comments).toEqual([]);
    expect(await downloadCsv(`?program=${otherProgram.id}`)).not.toContain("Northwind-only");
    expect((await markRead(crossed)).status).toBe(302);
    expect(answerOf(theirs.id)!.readAt).toBeNull();

    const theirReport = await openReport("", cookies.otherOrgStaff);
    expect(theirReport.comments.map((c) => c.comment)).toEqual(["Northwind-only comment"]);
    expect(JSON.stringify(theirReport)).not.toContain("Named comment");
    expect(await downloadCsv("", cookies.otherOrgStaff)).not.toContain("Named comment");
  });

  it("a consultant's list shows only their own completed work", async () => {
    const list = await callRoute(listPage.loader, makeRequest("/portal/feedback", { cookie: cookies.otherConsultant }));
    const items = (list.data as { items: { engagementId: string }[] }).items;
    const mine = db
      .select()
      .from(feedbackSubmissions)
      .where(eq(feedbackSubmissions.consultantId, world.own.consultant.consultantId))
      .all()
      .map((s) => s.engagementId);
    for (const id of mine) expect(items.map((i) => i.engagementId)).not.toContain(id);
  });
});

describe("asking for feedback", () => {
  it("completing an engagement sends one neutral notice (where email is safe) and the portal home asks", async () => {
    const person = await createMember({ organizationId: world.own.org.id, role: "consultant" });
    const email = `feedback-${randomUUID().slice(0, 8)}@example.test`;
    const record = createConsultantRecord(world.own.org.id, { userId: person.userId, email, emailSafety: "safe" });
    const work = createEngagementRecord(world.own.org.id, record.id, world.own.programId, { status: "in_progress" });
    const emails = () => db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)).all();
    const complete = () =>
      callRoute(
        engagementPage.action,
        makeRequest(`/engagements/${work.id}`, { cookie: cookies.staff, form: { status: "completed" } }),
        { id: work.id },
      );
    const home = async () =>
      (await callRoute(portalHome.loader, makeRequest("/portal", { cookie: await cookieFor(person.userId) }))).data as {
        feedbackRequested: boolean;
      };

    expect((await home()).feedbackRequested).toBe(false);
    expect((await complete()).status).toBe(302);
    expect(emails()).toHaveLength(1);
    expect(emails()[0]!.template).toBe("portal-notice");
    // A repeated click changes nothing and asks nothing more.
    expect((await complete()).status).toBe(302);
    expect(emails()).toHaveLength(1);
    expect((await home()).feedbackRequested).toBe(true);

    submitExperienceFeedback({
      organizationId: world.own.org.id,
      consultantId: record.id,
      userId: person.userId,
      engagementId: work.id,
      scores: scoresOf([5, 5, 5, 5, 5, 5, 5]),
      comment: null,
      anonymous: true,
    });
    expect((await home()).feedbackRequested).toBe(false);
  });

  it("no email where email is not safe", async () => {
    const email = `unsafe-${randomUUID().slice(0, 8)}@example.test`;
    const record = createConsultantRecord(world.own.org.id, { email, emailSafety: "ask_first" });
    const work = createEngagementRecord(world.own.org.id, record.id, world.own.programId, { status: "in_progress" });
    await callRoute(
      engagementPage.action,
      makeRequest(`/engagements/${work.id}`, { cookie: cookies.staff, form: { status: "completed" } }),
      { id: work.id },
    );
    expect(db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)).all()).toHaveLength(0);
  });
});

describe("quarters", () => {
  it("files an answer under the UTC quarter of the day the work was completed", () => {
    expect(quarterOf(new Date("2026-03-31T23:59:59Z"))).toBe("2026-Q1");
    expect(quarterOf(new Date("2026-04-01T00:00:00Z"))).toBe("2026-Q2");
    expect(quarterOf(new Date("2026-12-31T12:00:00Z"))).toBe("2026-Q4");
  });

  it("the report ignores filters it does not know", async () => {
    const report = await openReport("?stage=nonsense&quarter=2026-Q9&program=");
    expect(report.filters).toEqual({ programId: undefined, stage: undefined, quarter: undefined });
  });
});

// The model is what every page uses; this keeps the report function itself honest too.
describe("feedbackReport", () => {
  it("answers only for the organization asked about", () => {
    const report = feedbackReport(world.other.org.id, {});
    expect(report.programOptions.every((p) => p.id !== world.own.programId)).toBe(true);
    expect(
      db
        .select()
        .from(experienceFeedback)
        .where(and(eq(experienceFeedback.organizationId, world.other.org.id)))
        .all().length,
    ).toBeGreaterThan(0);
  });
});
