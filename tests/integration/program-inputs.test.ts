// "You said, we did": program input items. The state machine (every step allowed and
// refused, with its message; idempotent repeats), the closure rate and median days to report back
// against hand-computed values, the 60-day flag, isolation between organizations and consultants,
// and the consultant's own list for the portal. Runs against this file's own copy of the database.
import { statusFor } from "../../app/utils/http-errors.server";
import { RuleError } from "../../app/models/errors";
import { randomUUID } from "node:crypto";
import { addDays, subDays } from "date-fns";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { auditEvents, programInputs, type InputStatus } from "../../db/schema";
import { isoDay } from "../../app/utils/day";
import { listOwnInputItems } from "../../app/models/program-input/own-items.server";
import { medianDays, programInputSummary } from "../../app/models/program-input/staff-views.server";
import { decideInput, recordProgramInput, reportBack, startReview } from "../../app/models/program-input/steps.server";
import { organizationToday, setOrganizationTimeZone } from "../../app/models/settings.server";
import { db } from "../../app/utils/db.server";
import { inEnglish } from "../../app/i18n/translate.server";
import * as inputPage from "../../app/routes/_staff.programs.$id.input";
import * as itemPage from "../../app/routes/_staff.program-inputs.$id";
import * as portalFeedback from "../../app/routes/portal.feedback._index";
import type { RecordInputValues } from "../../app/utils/program-input-options";
import { cookieFor, createEngagementRecord, createProgramRecord, createTwoOrganizations } from "../support/factories";
import { callRoute, makeRequest } from "../support/http";
import { englishErrors } from "../support/in-english";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
type Reply = { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };

let world: World;
const cookie = { staff: "", admin: "", consultant: "", otherStaff: "" };

beforeAll(async () => {
  world = await createTwoOrganizations();
  cookie.staff = await cookieFor(world.own.staff.userId);
  cookie.admin = await cookieFor(world.own.admin.userId);
  cookie.consultant = await cookieFor(world.own.consultant.userId);
  cookie.otherStaff = await cookieFor(world.other.staff.userId);
});

// --- helpers -----------------------------------------------------------------------------------

const TODAY = "2026-06-30";
const daysBefore = (day: string, n: number) => isoDay(subDays(new Date(`${day}T00:00:00Z`), n));
const daysAfter = (day: string, n: number) => isoDay(addDays(new Date(`${day}T00:00:00Z`), n));

const staffActor = () => ({ organizationId: world.own.org.id, actorUserId: world.own.staff.userId });

function record(
  overrides: Partial<RecordInputValues> & { programId?: string; creationKey?: string; today?: string } = {},
) {
  const { programId = world.own.programId, creationKey = randomUUID(), today = TODAY, ...input } = overrides;
  return recordProgramInput({
    ...staffActor(),
    today,
    programId,
    creationKey,
    input: {
      consultantId: world.own.consultant.consultantId,
      engagementId: null,
      stage: "design",
      summary: "Module 3 uses words that blame young people.",
      receivedOn: daysBefore(TODAY, 10),
      ...input,
    },
  }).id;
}

const row = (id: string) => db.select().from(programInputs).where(eq(programInputs.id, id)).get()!;
const auditOf = (id: string) =>
  db
    .select({ action: auditEvents.action, changedFields: auditEvents.changedFields })
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectType, "program_input"), eq(auditEvents.subjectId, id)))
    .all();

/** The rule error a call throws (fails the test if it throws anything else or nothing). */
function ruleError(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof RuleError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error("expected a rule error");
}

function responseStatus(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    const status = statusFor(error);
    if (status !== null) return status;
    throw error;
  }
  throw new Error("expected a refusal");
}

/** An item taken through the real steps to `status` (decided on DECIDED_ON, reported back on REPORTED_ON). */
const DECIDED_ON = daysBefore(TODAY, 5);
const REPORTED_ON = daysBefore(TODAY, 2);
function itemIn(status: InputStatus) {
  const id = record();
  if (status === "received") return id;
  if (status === "under_review") {
    startReview({ ...staffActor(), itemId: id });
    return id;
  }
  const decision = status === "reported_back" ? "adopted" : status;
  decideInput({ ...staffActor(), today: DECIDED_ON, itemId: id, decision, response: "We changed the words." });
  if (status === "reported_back") {
    reportBack({
      ...staffActor(),
      today: TODAY,
      itemId: id,
      reportedBackOn: REPORTED_ON,
      reportedBackHow: "at the advisory meeting",
    });
  }
  return id;
}

// --- recording ---------------------------------------------------------------------------------

describe("recording an input item", () => {
  it("starts as received, and the audit names fields, never what was said", () => {
    const id = record({ summary: "A very particular sentence about module 3." });
    const stored = row(id);
    expect(stored).toMatchObject({
      status: "received",
      decision: null,
      response: null,
      programId: world.own.programId,
    });
    const audit = auditOf(id);
    expect(audit).toEqual([
      {
        action: "program_input.recorded",
        changedFields: ["consultantId", "programId", "stage", "summary", "receivedOn"],
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain("particular sentence");
  });

  it("the same form sent twice records one item", () => {
    const creationKey = randomUUID();
    const first = record({ creationKey });
    const second = record({ creationKey });
    expect(second).toBe(first);
    expect(db.select().from(programInputs).where(eq(programInputs.creationKey, creationKey)).all()).toHaveLength(1);
    expect(auditOf(first)).toHaveLength(1);
  });

  it("takes an engagement only when it is that consultant's work on that program", () => {
    const own = createEngagementRecord(world.own.org.id, world.own.consultant.consultantId, world.own.programId);
    expect(row(record({ engagementId: own.id })).engagementId).toBe(own.id);

    const othersWork = createEngagementRecord(
      world.own.org.id,
      world.own.otherConsultant.consultantId,
      world.own.programId,
    );
    expect(ruleError(() => record({ engagementId: othersWork.id }))).toEqual({
      field: "engagementId",
      message: "That engagement is another consultant’s work. Choose one of this consultant’s, or leave it empty.",
    });

    const otherProgram = createProgramRecord(world.own.org.id);
    const elsewhere = createEngagementRecord(world.own.org.id, world.own.consultant.consultantId, otherProgram.id);
    const otherOrganization = world.other.engagementId;
    for (const engagementId of [elsewhere.id, otherOrganization]) {
      expect(ruleError(() => record({ engagementId }))).toEqual({
        field: "engagementId",
        message: "Choose an engagement of this program, or leave it empty.",
      });
    }
  });

  it("refuses a consultant of another organization, and another organization's program is a 404", () => {
    expect(ruleError(() => record({ consultantId: world.other.consultant.consultantId }))).toEqual({
      field: "consultantId",
      message: "Choose a consultant from the list.",
    });
    expect(responseStatus(() => record({ programId: world.other.programId }))).toBe(404);
  });

  it("takes a received date up to today, not in the future and not before 2000", () => {
    expect(row(record({ receivedOn: TODAY })).receivedOn).toBe(TODAY);
    expect(ruleError(() => record({ receivedOn: daysAfter(TODAY, 1) }))).toEqual({
      field: "receivedOn",
      message: "The day you received it cannot be in the future.",
    });
    expect(ruleError(() => record({ receivedOn: "1999-12-31" }))).toEqual({
      field: "receivedOn",
      message: "The day you received it cannot be before the year 2000.",
    });
  });
});

describe("today is the organization's day", () => {
  afterEach(() => vi.useRealTimers());

  it("judges a day in the future, and dates a decision, by the day where the organization is, not in UTC", () => {
    const { id: programId } = createProgramRecord(world.own.org.id);
    setOrganizationTimeZone({
      organizationId: world.own.org.id,
      actorUserId: world.own.admin.userId,
      timeZone: "America/New_York",
    });
    vi.useFakeTimers({ toFake: ["Date"] });
    // 10 March in UTC, still the evening of 9 March in New York.
    vi.setSystemTime(new Date("2026-03-10T02:00:00Z"));
    const recordOn = (receivedOn: string) =>
      recordProgramInput({
        ...staffActor(),
        programId,
        creationKey: randomUUID(),
        input: {
          consultantId: world.own.consultant.consultantId,
          engagementId: null,
          stage: "design",
          summary: "The intake form asks too much on the first day.",
          receivedOn,
        },
      }).id;

    expect(ruleError(() => recordOn("2026-03-10"))).toEqual({
      field: "receivedOn",
      message: "The day you received it cannot be in the future.",
    });
    const id = recordOn("2026-03-09");
    decideInput({ ...staffActor(), itemId: id, decision: "adopted", response: "We shortened it." });
    expect(row(id).decidedOn).toBe("2026-03-09");
    expect(
      ruleError(() =>
        reportBack({ ...staffActor(), itemId: id, reportedBackOn: "2026-03-10", reportedBackHow: "by phone" }),
      ),
    ).toEqual({ field: "reportedBackOn", message: "The day cannot be in the future." });
    expect(programInputSummary(world.own.org.id, programId).items[0]!.daysOpen).toBe(0);
  });
});

// --- the state machine -------------------------------------------------------------------------

const NEXT = {
  received: "What can happen next: start the review, or record the decision.",
  under_review: "What can happen next: record the decision (adopted, partly adopted or not adopted) with a response.",
  decided: "What can happen next: report back to the consultant, with the day and how you told them.",
  closed: "This item is closed: it has been reported back. Nothing more needs to happen.",
};

describe("the state machine", () => {
  it("received → under review → adopted → reported back, each step audited by field name", () => {
    const id = record();
    expect(startReview({ ...staffActor(), itemId: id })).toEqual({ changed: true });
    expect(row(id).status).toBe("under_review");
    decideInput({ ...staffActor(), today: DECIDED_ON, itemId: id, decision: "adopted", response: "We did it." });
    expect(row(id)).toMatchObject({
      status: "adopted",
      decision: "adopted",
      response: "We did it.",
      decidedOn: DECIDED_ON,
    });
    reportBack({
      ...staffActor(),
      today: TODAY,
      itemId: id,
      reportedBackOn: REPORTED_ON,
      reportedBackHow: " by phone. ",
    });
    expect(row(id)).toMatchObject({
      status: "reported_back",
      decision: "adopted",
      reportedBackOn: REPORTED_ON,
      reportedBackHow: "by phone",
    });
    const audit = auditOf(id);
    expect(audit.map((a) => a.action)).toEqual([
      "program_input.recorded",
      "program_input.review_started",
      "program_input.decided",
      "program_input.reported_back",
    ]);
    expect(audit.slice(1).map((a) => a.changedFields)).toEqual([
      ["status"],
      ["status", "decision", "response", "decidedOn"],
      ["status", "reportedBackOn", "reportedBackHow"],
    ]);
    expect(JSON.stringify(audit)).not.toContain("We did it");
    expect(JSON.stringify(audit)).not.toContain("by phone");
  });

  it.each(["adopted", "partly_adopted", "not_adopted"] as const)(
    "a received item can be decided %s straight away, and so can one under review",
    (decision) => {
      for (const from of ["received", "under_review"] as const) {
        const id = itemIn(from);
        decideInput({ ...staffActor(), today: TODAY, itemId: id, decision, response: "Our response." });
        expect(row(id)).toMatchObject({ status: decision, decision, decidedOn: TODAY });
      }
    },
  );

  it.each([
    ["adopted", "Write what you did. An “adopted” item needs a response the consultant can read."],
    ["partly_adopted", "Write what you did, and what you did not do and why."],
    ["not_adopted", "Write why not. The consultant should hear the reason."],
  ] as const)("%s without a response is refused", (decision, message) => {
    const id = itemIn("under_review");
    for (const response of ["", "   "]) {
      expect(ruleError(() => decideInput({ ...staffActor(), itemId: id, decision, response }))).toEqual({
        field: "response",
        message,
      });
    }
    expect(row(id)).toMatchObject({ status: "under_review", decision: null, response: null });
  });

  // Every step from every state that the machine does not allow, with what it says is possible next.
  const refusals: [InputStatus, "startReview" | "decide" | "reportBack", string][] = [
    ["received", "reportBack", `This item is “Received”, so you cannot report back now. ${NEXT.received}`],
    ["under_review", "reportBack", `This item is “Under review”, so you cannot report back now. ${NEXT.under_review}`],
    ["adopted", "startReview", `This item is “Adopted”, so you cannot start the review now. ${NEXT.decided}`],
    [
      "partly_adopted",
      "startReview",
      `This item is “Partly adopted”, so you cannot start the review now. ${NEXT.decided}`,
    ],
    ["not_adopted", "startReview", `This item is “Not adopted”, so you cannot start the review now. ${NEXT.decided}`],
    ["adopted", "decide", `This item is “Adopted”, so you cannot record a decision now. ${NEXT.decided}`],
    ["partly_adopted", "decide", `This item is “Partly adopted”, so you cannot record a decision now. ${NEXT.decided}`],
    ["not_adopted", "decide", `This item is “Not adopted”, so you cannot record a decision now. ${NEXT.decided}`],
    [
      "reported_back",
      "startReview",
      `This item is “Reported back”, so you cannot start the review now. ${NEXT.closed}`,
    ],
    ["reported_back", "decide", `This item is “Reported back”, so you cannot record a decision now. ${NEXT.closed}`],
    ["reported_back", "reportBack", `This item is “Reported back”, so you cannot report back now. ${NEXT.closed}`],
  ];
  it.each(refusals)("from %s, %s is refused and changes nothing", (status, step, message) => {
    const id = itemIn(status);
    const before = row(id);
    const audits = auditOf(id).length;
    const attempt = () => {
      if (step === "startReview") return startReview({ ...staffActor(), itemId: id });
      if (step === "decide") {
        // A different decision from the one stored (for reported back, the stored one is "adopted").
        const decision = status === "partly_adopted" ? "not_adopted" : "partly_adopted";
        return decideInput({ ...staffActor(), today: TODAY, itemId: id, decision, response: "Another answer." });
      }
      return reportBack({
        ...staffActor(),
        today: TODAY,
        itemId: id,
        reportedBackOn: TODAY,
        reportedBackHow: "by email",
      });
    };
    expect(ruleError(attempt)).toEqual({ field: "", message });
    expect(row(id)).toEqual(before);
    expect(auditOf(id)).toHaveLength(audits);
  });

  it("repeating a step changes nothing: no new audit, no new time stamp", () => {
    const reviewing = itemIn("under_review");
    const decided = itemIn("adopted");
    const closed = itemIn("reported_back");
    const snapshot = () => [reviewing, decided, closed].map((id) => ({ row: row(id), audits: auditOf(id).length }));
    const before = snapshot();
    expect(startReview({ ...staffActor(), itemId: reviewing })).toEqual({ changed: false });
    expect(
      decideInput({ ...staffActor(), itemId: decided, decision: "adopted", response: " We changed the words. " }),
    ).toEqual({ changed: false });
    expect(
      reportBack({
        ...staffActor(),
        itemId: closed,
        reportedBackOn: REPORTED_ON,
        reportedBackHow: "at the advisory meeting",
      }),
    ).toEqual({ changed: false });
    expect(snapshot()).toEqual(before);
  });

  it("reports back no earlier than the decision and no later than today, and says how", () => {
    const id = itemIn("not_adopted"); // decided on DECIDED_ON
    const attempt = (reportedBackOn: string, reportedBackHow = "by phone") =>
      ruleError(() => reportBack({ ...staffActor(), today: TODAY, itemId: id, reportedBackOn, reportedBackHow }));
    expect(attempt(daysBefore(DECIDED_ON, 1))).toEqual({
      field: "reportedBackOn",
      message: `The day cannot be before the decision (${DECIDED_ON}). Give the day you told the consultant.`,
    });
    expect(attempt(daysAfter(TODAY, 1))).toEqual({
      field: "reportedBackOn",
      message: "The day cannot be in the future.",
    });
    expect(attempt(TODAY, "  ")).toEqual({
      field: "reportedBackHow",
      message: "Say how you told them, for example “at the advisory meeting” or “by phone”.",
    });
    expect(row(id).status).toBe("not_adopted");

    // Both ends are allowed: the day of the decision, and today.
    reportBack({ ...staffActor(), today: TODAY, itemId: id, reportedBackOn: DECIDED_ON, reportedBackHow: "by phone" });
    expect(row(id)).toMatchObject({ status: "reported_back", reportedBackOn: DECIDED_ON });
    const later = itemIn("partly_adopted");
    reportBack({ ...staffActor(), today: TODAY, itemId: later, reportedBackOn: TODAY, reportedBackHow: "by phone" });
    expect(row(later).reportedBackOn).toBe(TODAY);
  });

  it("another organization's item is a 404 to every step, and stays as it was", () => {
    const otherItem = recordProgramInput({
      organizationId: world.other.org.id,
      actorUserId: world.other.staff.userId,
      programId: world.other.programId,
      creationKey: randomUUID(),
      today: TODAY,
      input: {
        consultantId: world.other.consultant.consultantId,
        engagementId: null,
        stage: "delivery",
        summary: "Theirs.",
        receivedOn: TODAY,
      },
    }).id;
    const before = row(otherItem);
    expect(responseStatus(() => startReview({ ...staffActor(), itemId: otherItem }))).toBe(404);
    expect(
      responseStatus(() => decideInput({ ...staffActor(), itemId: otherItem, decision: "adopted", response: "x" })),
    ).toBe(404);
    expect(
      responseStatus(() =>
        reportBack({ ...staffActor(), itemId: otherItem, reportedBackOn: TODAY, reportedBackHow: "by phone" }),
      ),
    ).toBe(404);
    expect(row(otherItem)).toEqual(before);
  });
});

// --- closure rate, median days, the 60-day flag ------------------------------------------------

/** A new program with items reported back after each of `reportDays` days, plus `open` open items. */
function programWith(reportDays: number[], open = 0) {
  const programId = createProgramRecord(world.own.org.id).id;
  const received = daysBefore(TODAY, 100);
  for (const days of reportDays) {
    const id = record({ programId, receivedOn: received });
    decideInput({ ...staffActor(), today: received, itemId: id, decision: "adopted", response: "Done." });
    reportBack({
      ...staffActor(),
      today: TODAY,
      itemId: id,
      reportedBackOn: daysAfter(received, days),
      reportedBackHow: "by phone",
    });
  }
  for (let i = 0; i < open; i++) record({ programId, receivedOn: daysBefore(TODAY, 3) });
  return programId;
}

describe("closure rate and median days to report back", () => {
  it("a program without items has no rate and no median (never 0/0)", () => {
    const s = programInputSummary(world.own.org.id, programWith([]), TODAY);
    expect(s).toMatchObject({ total: 0, reportedBack: 0, closureRate: null, medianDaysToReportBack: null });
    expect(JSON.stringify(s)).not.toContain("NaN");
  });

  it("open items only: a rate of 0 and no median", () => {
    const s = programInputSummary(world.own.org.id, programWith([], 2), TODAY);
    expect(s).toMatchObject({ total: 2, reportedBack: 0, closureRate: 0, medianDaysToReportBack: null });
  });

  it("odd count: 3 of 4 reported back after 40, 10 and 20 days → 75%, median 20", () => {
    const s = programInputSummary(world.own.org.id, programWith([40, 10, 20], 1), TODAY);
    expect(s).toMatchObject({ total: 4, reportedBack: 3, closureRate: 0.75, medianDaysToReportBack: 20 });
    expect(
      s.items
        .filter((i) => i.status === "reported_back")
        .map((i) => i.daysToReportBack)
        .sort(),
    ).toEqual([10, 20, 40]);
  });

  it("even count: the mean of the two middle values, kept exact (a half day is not rounded)", () => {
    expect(programInputSummary(world.own.org.id, programWith([45, 10, 40, 20]), TODAY)).toMatchObject({
      closureRate: 1,
      medianDaysToReportBack: 30, // (20 + 40) / 2
    });
    expect(programInputSummary(world.own.org.id, programWith([21, 10], 2), TODAY)).toMatchObject({
      closureRate: 0.5,
      medianDaysToReportBack: 15.5, // (10 + 21) / 2
    });
  });

  it("medianDays on its own", () => {
    expect(medianDays([])).toBeNull();
    expect(medianDays([7])).toBe(7);
    expect(medianDays([3, 1, 2])).toBe(2);
    expect(medianDays([4, 1, 3, 2])).toBe(2.5);
    expect(medianDays([0, 0])).toBe(0);
  });

  it("flags open items after more than 60 days: 59 and 60 are not flagged, 61 is", () => {
    const programId = createProgramRecord(world.own.org.id).id;
    const byAge = new Map([59, 60, 61].map((age) => [record({ programId, receivedOn: daysBefore(TODAY, age) }), age]));
    // Reported back items are closed: never flagged, however old.
    const closed = record({ programId, receivedOn: daysBefore(TODAY, 90) });
    decideInput({
      ...staffActor(),
      today: daysBefore(TODAY, 90),
      itemId: closed,
      decision: "not_adopted",
      response: "No.",
    });
    reportBack({ ...staffActor(), today: TODAY, itemId: closed, reportedBackOn: TODAY, reportedBackHow: "by phone" });
    // A decided item not yet reported back is still open.
    const decidedOld = record({ programId, receivedOn: daysBefore(TODAY, 70) });
    decideInput({ ...staffActor(), today: TODAY, itemId: decidedOld, decision: "adopted", response: "Yes." });

    const s = programInputSummary(world.own.org.id, programId, TODAY);
    const flags = Object.fromEntries(s.items.map((i) => [i.id, { daysOpen: i.daysOpen, flagged: i.openTooLong }]));
    for (const [id, age] of byAge) expect(flags[id]).toEqual({ daysOpen: age, flagged: age === 61 });
    expect(flags[closed]).toEqual({ daysOpen: null, flagged: false });
    expect(flags[decidedOld]).toEqual({ daysOpen: 70, flagged: true });
    expect(s.openTooLong).toBe(2);
  });

  it("another organization's program is a 404", () => {
    expect(responseStatus(() => programInputSummary(world.own.org.id, world.other.programId, TODAY))).toBe(404);
  });
});

// --- the pages ---------------------------------------------------------------------------------

describe("the “you said, we did” page and an item's page", () => {
  const inputPath = (programId: string) => `/programs/${programId}/input`;

  it("staff record an item: redirected to its page; the same form twice records it once", async () => {
    const programId = createProgramRecord(world.own.org.id).id;
    const form = {
      creationKey: randomUUID(),
      consultantId: world.own.consultant.consultantId,
      engagementId: "",
      stage: "evaluation",
      summary: "The survey is too long.",
      receivedOn: organizationToday(world.own.org.id),
    };
    const first = await callRoute(inputPage.action, makeRequest(inputPath(programId), { cookie: cookie.staff, form }), {
      id: programId,
    });
    expect(first.status).toBe(302);
    const second = await callRoute(
      inputPage.action,
      makeRequest(inputPath(programId), { cookie: cookie.staff, form }),
      {
        id: programId,
      },
    );
    expect(second.location).toBe(first.location);
    const id = first.location!.match(/^\/program-inputs\/([^?]+)\?done=recorded$/)![1]!;
    expect(row(id)).toMatchObject({ programId, summary: "The survey is too long.", stage: "evaluation" });

    const page = await callRoute(inputPage.loader, makeRequest(inputPath(programId), { cookie: cookie.staff }), {
      id: programId,
    });
    const loaded = page.data as Awaited<ReturnType<typeof inputPage.loader>>;
    expect(loaded.summary).toMatchObject({ total: 1, reportedBack: 0, closureRate: 0 });
  });

  it("an engagement of another consultant is refused next to the field, with what was typed kept", async () => {
    const othersWork = createEngagementRecord(
      world.own.org.id,
      world.own.otherConsultant.consultantId,
      world.own.programId,
    );
    const result = await callRoute(
      inputPage.action,
      makeRequest(inputPath(world.own.programId), {
        cookie: cookie.staff,
        form: {
          creationKey: randomUUID(),
          consultantId: world.own.consultant.consultantId,
          engagementId: othersWork.id,
          stage: "design",
          summary: "Kept words.",
          receivedOn: organizationToday(world.own.org.id),
        },
      }),
      { id: world.own.programId },
    );
    expect(result.status).toBe(400);
    const reply = result.data as Reply;
    expect(englishErrors(reply.error).engagementId).toEqual([
      "That engagement is another consultant’s work. Choose one of this consultant’s, or leave it empty.",
    ]);
    expect(reply.initialValue?.summary).toBe("Kept words.");
  });

  it("a summary over 2,000 characters and a missing stage are refused by field", async () => {
    const result = await callRoute(
      inputPage.action,
      makeRequest(inputPath(world.own.programId), {
        cookie: cookie.staff,
        form: {
          creationKey: randomUUID(),
          consultantId: world.own.consultant.consultantId,
          summary: "x".repeat(2001),
          receivedOn: organizationToday(world.own.org.id),
        },
      }),
      { id: world.own.programId },
    );
    expect(result.status).toBe(400);
    const reply = result.data as Reply;
    // The reply holds catalog keys; the page shows them in its reader's language.
    expect(reply.error?.summary?.map((key) => inEnglish(key))).toEqual(["Use no more than 2,000 characters."]);
    expect(reply.error?.stage?.map((key) => inEnglish(key))).toEqual(["Choose the stage the input is about."]);
  });

  it("steps on an item's page: refusals by field, or for the form when the step is out of order", async () => {
    const id = itemIn("under_review");
    const step = (form: Record<string, string>) =>
      callRoute(itemPage.action, makeRequest(`/program-inputs/${id}`, { cookie: cookie.staff, form }), { id });

    const noReason = await step({ intent: "decide", decision: "not_adopted", response: "" });
    expect(noReason.status).toBe(400);
    expect(englishErrors((noReason.data as Reply).error).response).toEqual([
      "Write why not. The consultant should hear the reason.",
    ]);
    expect((noReason.data as Reply).initialValue?.decision).toBe("not_adopted");

    const early = await step({
      intent: "report-back",
      reportedBackOn: organizationToday(world.own.org.id),
      reportedBackHow: "by phone",
    });
    expect(early.status).toBe(400);
    expect(englishErrors((early.data as Reply).error)[""]).toEqual([
      `This item is “Under review”, so you cannot report back now. ${NEXT.under_review}`,
    ]);

    const decided = await step({ intent: "decide", decision: "adopted", response: "We did it." });
    expect(decided.location).toBe(`/program-inputs/${id}?done=decided`);
    const reported = await step({
      intent: "report-back",
      reportedBackOn: organizationToday(world.own.org.id),
      reportedBackHow: "at the advisory meeting",
    });
    expect(reported.location).toBe(`/program-inputs/${id}?done=reported`);
    expect(row(id).status).toBe("reported_back");
  });

  it("another organization's program and item: 404 on the pages and to every action", async () => {
    const otherItem = recordProgramInput({
      organizationId: world.other.org.id,
      actorUserId: world.other.staff.userId,
      programId: world.other.programId,
      creationKey: randomUUID(),
      input: {
        consultantId: world.other.consultant.consultantId,
        engagementId: null,
        stage: "delivery",
        summary: "Theirs.",
        receivedOn: organizationToday(world.own.org.id),
      },
    }).id;
    const before = row(otherItem);
    for (const actor of [cookie.staff, cookie.admin]) {
      const opened = await callRoute(
        inputPage.loader,
        makeRequest(inputPath(world.other.programId), { cookie: actor }),
        { id: world.other.programId },
      );
      expect(opened.status).toBe(404);
      const recorded = await callRoute(
        inputPage.action,
        makeRequest(inputPath(world.other.programId), {
          cookie: actor,
          form: {
            creationKey: randomUUID(),
            consultantId: world.other.consultant.consultantId,
            stage: "design",
            summary: "Into the wrong organization.",
            receivedOn: organizationToday(world.own.org.id),
          },
        }),
        { id: world.other.programId },
      );
      expect(recorded.status).toBe(404);
      const item = await callRoute(itemPage.loader, makeRequest(`/program-inputs/${otherItem}`, { cookie: actor }), {
        id: otherItem,
      });
      expect(item.status).toBe(404);
      const forms: Record<string, string>[] = [
        { intent: "start-review" },
        { intent: "decide", decision: "adopted", response: "x" },
        { intent: "report-back", reportedBackOn: organizationToday(world.own.org.id), reportedBackHow: "by phone" },
      ];
      for (const form of forms) {
        const changed = await callRoute(
          itemPage.action,
          makeRequest(`/program-inputs/${otherItem}`, { cookie: actor, form }),
          { id: otherItem },
        );
        expect(changed.status).toBe(404);
      }
    }
    expect(row(otherItem)).toEqual(before);
    expect(
      db.select().from(programInputs).where(eq(programInputs.summary, "Into the wrong organization.")).all(),
    ).toEqual([]);
  });

  it("a consultant gets 403 on both pages and their actions", async () => {
    const id = itemIn("received");
    const calls = [
      callRoute(inputPage.loader, makeRequest(inputPath(world.own.programId), { cookie: cookie.consultant }), {
        id: world.own.programId,
      }),
      callRoute(
        inputPage.action,
        makeRequest(inputPath(world.own.programId), { cookie: cookie.consultant, form: { summary: "x" } }),
        { id: world.own.programId },
      ),
      callRoute(itemPage.loader, makeRequest(`/program-inputs/${id}`, { cookie: cookie.consultant }), { id }),
      callRoute(
        itemPage.action,
        makeRequest(`/program-inputs/${id}`, { cookie: cookie.consultant, form: { intent: "start-review" } }),
        { id },
      ),
    ];
    for (const result of await Promise.all(calls)) expect(result.status).toBe(403);
    expect(row(id).status).toBe("received");
  });
});

// --- the consultant's own list (portal) --------------------------------------------------------

describe("listOwnInputItems", () => {
  it("returns only my items, with plain words, and no staff-only fields", () => {
    const mine = {
      received: itemIn("received"),
      reviewing: itemIn("under_review"),
      notAdopted: itemIn("not_adopted"),
      closed: itemIn("reported_back"),
    };
    const someoneElses = record({ consultantId: world.own.otherConsultant.consultantId });
    const items = listOwnInputItems(world.own.org.id, world.own.consultant.consultantId);
    const ids = items.map((i) => i.id);
    for (const id of Object.values(mine)) expect(ids).toContain(id);
    expect(ids).not.toContain(someoneElses);
    // The same consultant id under another organization shows nothing of this one.
    expect(listOwnInputItems(world.other.org.id, world.own.consultant.consultantId)).toEqual([]);

    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(
        [
          "decidedOn",
          "decision",
          "id",
          "programName",
          "receivedOn",
          "reportedBackHow",
          "reportedBackOn",
          "response",
          "stage",
          "status",
          "statusWords",
          "summary",
        ].sort(),
      );
      expect(item).not.toHaveProperty("createdByUserId");
      expect(item).not.toHaveProperty("consultantId");
    }
    // The words are a catalog key, read here in English.
    const byId = new Map(items.map((i) => [i.id, { ...i, statusWords: inEnglish(i.statusWords) }]));
    expect(byId.get(mine.received)).toMatchObject({
      statusWords: "We have your input. We will look at it soon.",
      response: null,
      decision: null,
    });
    expect(byId.get(mine.reviewing)).toMatchObject({
      statusWords: "We are looking at your input now.",
      response: null,
    });
    expect(byId.get(mine.notAdopted)).toMatchObject({
      statusWords: "We did not use your input this time.",
      decision: "not_adopted",
      response: "We changed the words.",
      reportedBackOn: null,
    });
    expect(byId.get(mine.closed)).toMatchObject({
      statusWords: "We used your input. We told you about it.",
      response: "We changed the words.",
      reportedBackOn: REPORTED_ON,
      reportedBackHow: "at the advisory meeting",
    });
  });

  it("never shows a response before a decision", () => {
    const id = itemIn("under_review");
    // Not possible through the model; a draft written straight into the row stays hidden all the same.
    db.update(programInputs).set({ response: "A draft nobody agreed yet." }).where(eq(programInputs.id, id)).run();
    const item = listOwnInputItems(world.own.org.id, world.own.consultant.consultantId).find((i) => i.id === id)!;
    expect(item.response).toBeNull();
  });
});

describe("the portal's feedback page", () => {
  it("shows the signed-in consultant their own items only, with the organization's response", async () => {
    const mine = { summary: `Mine ${randomUUID()}` };
    const theirs = { summary: `Another consultant's ${randomUUID()}` };
    record(mine);
    record({ ...theirs, consultantId: world.own.otherConsultant.consultantId });
    const result = await callRoute(
      portalFeedback.loader,
      makeRequest("/portal/feedback", { cookie: cookie.consultant }),
    );
    expect(result.status).toBe(200);
    const summaries = (result.data as { inputs: { summary: string }[] }).inputs.map((i) => i.summary);
    expect(summaries).toContain(mine.summary);
    expect(summaries).not.toContain(theirs.summary);
    expect(JSON.stringify(result.data)).not.toContain(theirs.summary);
  });
});
