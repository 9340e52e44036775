// The funder and board report: its figures against hand-computed data, and its privacy
// rules: consultants are counted, not named, unless their "Use my name" consent says otherwise;
// "you said, we did" items only from consultants who agreed to reports, never with a name.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  assessments,
  experienceFeedback,
  payments,
  programInputs,
  timeEntries,
  type consultants,
  type engagements,
} from "../../db/schema";
import { recordConsentDecision } from "../../app/models/consent/decisions.server";
import { listConsentPurposes } from "../../app/models/consent/purposes.server";
import { completeAssessment, saveSection, startAssessment } from "../../app/models/assessment/drafting.server";
import { getAssessment, listLatestTemplates } from "../../app/models/assessment/records.server";
import {
  consultantsWhoMayBeNamed,
  consultantsWhoseInputMayBeQuoted,
  engagementReport,
  engagementReportCsv,
  youSaidWeDidHighlights,
} from "../../app/models/engagement-report.server";
import { engagedConsultantIds } from "../../app/models/engagement-stats.server";
import { db } from "../../app/utils/db.server";
import { REPORT_TABLES } from "../../app/utils/engagement-report-options";
import * as csvRoute from "../../app/routes/_staff.reports.engagement[.csv]";
import * as reportPage from "../../app/routes/_staff.reports.engagement";
import {
  cookieFor,
  createConsultantRecord,
  createEngagementRecord,
  createMember,
  createOrganization,
  createProgramRecord,
} from "../support/factories";
import { callRoute, makeRequest } from "../support/http";
import { englishOf } from "../support/messages";
import { setOwnLanguage } from "../../app/models/language.server";

const PERIOD = { from: "2025-01-01", to: "2025-06-30" };
const TODAY = "2025-07-15";
const QUERY = `from=${PERIOD.from}&to=${PERIOD.to}`;

type Org = Awaited<ReturnType<typeof buildOrganization>>;
let own: Org;
let other: Org;
let ownCookie: string;

/** Names nobody else in the database has, so a search of the output finds only this person. */
const uniqueName = (label: string) => `${label} ${randomUUID().slice(0, 6)}`;

function purposeId(organizationId: string, systemKey: string) {
  return listConsentPurposes(organizationId).find((p) => p.systemKey === systemKey)!.id;
}

function decide(
  org: { id: string; staffUserId: string },
  consultantId: string,
  systemKey: string,
  decision: "granted" | "withdrawn",
  extra: { nameChoice?: "real_name" | "chosen_name" | "anonymous"; expiresOn?: string; today?: string } = {},
) {
  return recordConsentDecision({
    organizationId: org.id,
    consultantId,
    purposeId: purposeId(org.id, systemKey),
    decision,
    actor: { kind: "staff", userId: org.staffUserId, role: "staff" },
    method: "written_form",
    givenOn: extra.today ?? "2025-01-05",
    formKeptAt: "Consent binder",
    nameChoice: extra.nameChoice ?? null,
    expiresOn: extra.expiresOn ?? null,
    requestedBy: decision === "withdrawn" ? "The consultant" : null,
    requestedOn: decision === "withdrawn" ? (extra.today ?? "2025-01-05") : null,
    creationKey: randomUUID(),
    today: extra.today ?? "2025-01-05",
  });
}

function paid(e: typeof engagements.$inferSelect, values: Partial<typeof payments.$inferInsert>) {
  db.insert(payments)
    .values({
      organizationId: e.organizationId,
      engagementId: e.id,
      consultantId: e.consultantId,
      feeCents: 10_000,
      method: "check",
      ...values,
    })
    .run();
}

function time(e: typeof engagements.$inferSelect, workDate: string, hundredths: number, status = "approved") {
  db.insert(timeEntries)
    .values({
      organizationId: e.organizationId,
      engagementId: e.id,
      workDate,
      hundredths,
      kind: "session",
      status: status as "approved",
    })
    .run();
}

function input(
  org: { id: string },
  programId: string,
  consultantId: string,
  values: Partial<typeof programInputs.$inferInsert>,
) {
  db.insert(programInputs)
    .values({
      organizationId: org.id,
      programId,
      consultantId,
      stage: "design",
      summary: "Shorter sessions, please.",
      receivedOn: "2025-01-15",
      status: "reported_back",
      decision: "adopted",
      response: "We split each session in two.",
      decidedOn: "2025-02-01",
      reportedBackOn: "2025-03-01",
      reportedBackHow: "At the advisory meeting",
      ...values,
    })
    .run();
}

function feedback(
  org: { id: string },
  programId: string,
  consultantId: string,
  quarter: string,
  score: number,
  anonymous = false,
) {
  db.insert(experienceFeedback)
    .values({
      organizationId: org.id,
      programId,
      stage: "design",
      quarter,
      anonymous,
      consultantId: anonymous ? null : consultantId,
      source: "portal",
      meaningful: score,
      respected: score,
      fairPay: score,
      onTime: score,
      clearScope: score,
      safe: score,
      again: score,
    })
    .run();
}

/** A readiness self-assessment answered with one value throughout, completed on `completedOn`. */
function readiness(org: { id: string; staffUserId: string }, value: string, completedOn: string) {
  const actor = { organizationId: org.id, actorUserId: org.staffUserId };
  const id = startAssessment({
    ...actor,
    templateId: listLatestTemplates().find((t) => t.key === "survivor-informed-readiness")!.id,
    title: `Readiness ${completedOn}`,
    creationKey: randomUUID(),
  });
  for (const section of getAssessment(org.id, id).template.sections) {
    const form = new FormData();
    for (const item of section.items) form.append(`item.${item.key}`, value);
    saveSection({ ...actor, assessmentId: id, sectionKey: section.key, form });
  }
  completeAssessment({ ...actor, assessmentId: id });
  db.update(assessments)
    .set({ completedAt: new Date(`${completedOn}T12:00:00Z`) })
    .where(eq(assessments.id, id))
    .run();
}

/**
 * One organization with the data below; the figures in the tests are worked out from it by hand.
 *
 * In the period (2025-01-01 to 2025-06-30):
 * - Alex (real name agreed), design/consult, started 2025-02-01, completed 2025-03-01: 3.00 approved
 *   hours; paid $180 + $25 expenses on 2025-03-11, due 2025-03-31 (on time, 10 days).
 * - Blair (chosen name agreed), evaluation/involve, started 2025-03-10, completed 2025-04-01:
 *   1.50 approved hours; paid $90 on 2025-05-01, due 2025-04-20 (late, 30 days).
 * - Casey (anonymous name choice), delivery/consult, started 2025-05-05: 2 hours only submitted;
 *   $120 pending, due 2025-06-01 (overdue on 2025-07-15).
 * Left out: Drew's cancelled engagement (2025-04-01) and one starting 2025-08-01.
 * A year earlier: Alex, design/consult, started 2024-03-01.
 */
async function buildOrganization() {
  const org = createOrganization();
  const staff = await createMember({ organizationId: org.id, role: "staff" });
  const o = { id: org.id, name: org.name, staffUserId: staff.userId };
  const programX = createProgramRecord(org.id, uniqueName("Program X"));
  const programY = createProgramRecord(org.id, uniqueName("Program Y"));
  const person = (label: string) =>
    createConsultantRecord(org.id, { preferredName: uniqueName(label), legalName: uniqueName(`Legal ${label}`) });
  const alex = person("Alex");
  const blair = person("Blair");
  const casey = person("Casey");
  const drew = person("Drew");

  const e1 = createEngagementRecord(org.id, alex.id, programX.id, {
    stage: "design",
    level: "consult",
    startDate: "2025-02-01",
    status: "completed",
    completedAt: new Date("2025-03-01T15:00:00Z"),
  });
  const e2 = createEngagementRecord(org.id, blair.id, programX.id, {
    stage: "evaluation",
    level: "involve",
    startDate: "2025-03-10",
    status: "completed",
    completedAt: new Date("2025-04-01T09:00:00Z"),
  });
  const e3 = createEngagementRecord(org.id, casey.id, programY.id, {
    stage: "delivery",
    level: "consult",
    startDate: "2025-05-05",
  });
  createEngagementRecord(org.id, drew.id, programY.id, {
    stage: "delivery",
    level: "collaborate",
    startDate: "2025-04-01",
    status: "cancelled",
  });
  createEngagementRecord(org.id, drew.id, programY.id, { stage: "delivery", level: "inform", startDate: "2025-08-01" });
  createEngagementRecord(org.id, alex.id, programX.id, { stage: "design", level: "consult", startDate: "2024-03-01" });

  time(e1, "2025-02-10", 300);
  time(e1, "2025-07-01", 100);
  time(e2, "2025-03-15", 150);
  time(e3, "2025-05-06", 200, "submitted");
  paid(e1, { status: "paid", feeCents: 18_000, expensesCents: 2_500, paidDate: "2025-03-11", dueDate: "2025-03-31" });
  paid(e2, { status: "paid", feeCents: 9_000, paidDate: "2025-05-01", dueDate: "2025-04-20" });
  paid(e3, { status: "pending", feeCents: 12_000, dueDate: "2025-06-01" });

  decide(o, alex.id, "name", "granted", { nameChoice: "real_name" });
  decide(o, blair.id, "name", "granted", { nameChoice: "chosen_name" });
  decide(o, casey.id, "name", "granted", { nameChoice: "anonymous" });
  decide(o, alex.id, "feedback_reports", "granted");
  decide(o, casey.id, "feedback_reports", "granted");
  decide(o, blair.id, "feedback_reports", "granted");
  decide(o, blair.id, "feedback_reports", "withdrawn", { today: "2025-01-06" });

  // Quoted: Alex's (which names Alex, and the name must go) and Casey's (a spreadsheet formula).
  input(o, programX.id, alex.id, {
    summary: `${alex.preferredName} asked for shorter sessions.`,
    response: `We told ${alex.preferredName.toUpperCase()} we split each session in two.`,
    reportedBackOn: "2025-04-10",
  });
  input(o, programY.id, casey.id, {
    stage: "delivery",
    decision: "partly_adopted",
    summary: '=HYPERLINK("http://example.test","Peer mentors at every session")',
    response: "Peer mentors now join two sessions in three.",
    reportedBackOn: "2025-06-30",
  });
  // Not quoted: no consent (Drew), consent withdrawn (Blair).
  input(o, programY.id, drew.id, { summary: "Drew's idea about the venue", reportedBackOn: "2025-05-01" });
  input(o, programX.id, blair.id, { summary: "Blair's idea about the survey", reportedBackOn: "2025-05-02" });
  // Not highlights at all: not adopted, reported back after the period, not yet reported back.
  input(o, programX.id, alex.id, {
    decision: "not_adopted",
    summary: "Not adopted idea",
    reportedBackOn: "2025-05-03",
  });
  input(o, programX.id, alex.id, { summary: "Reported later", reportedBackOn: "2025-08-01" });
  input(o, programX.id, alex.id, {
    status: "adopted",
    summary: "Not yet told",
    reportedBackOn: null,
    reportedBackHow: null,
  });

  // Three named answers in the first quarter (average 4.0), a single one in the second (held back).
  feedback(o, programX.id, alex.id, "2025-Q1", 3);
  feedback(o, programX.id, blair.id, "2025-Q1", 4);
  feedback(o, programX.id, casey.id, "2025-Q1", 5);
  // One anonymous answer in Q2 (held back: it would be one person's), two more after the period
  // (which open the program's gate: three anonymous answers over all time).
  feedback(o, programX.id, alex.id, "2025-Q2", 1, true);
  feedback(o, programX.id, blair.id, "2025-Q3", 2, true);
  feedback(o, programX.id, casey.id, "2025-Q3", 2, true);

  readiness(o, "1", "2024-10-01");
  readiness(o, "2", "2025-05-01");

  return { ...o, staff, programX, programY, alex, blair, casey, drew };
}

const period = (programId?: string) => ({ ...PERIOD, programId });

beforeAll(async () => {
  own = await buildOrganization();
  other = await buildOrganization();
  ownCookie = await cookieFor(own.staff.userId);
});

async function loadPage(query: string, cookie = ownCookie) {
  const result = await callRoute(reportPage.loader, makeRequest(`/reports/engagement?${query}`, { cookie }));
  expect(result.status).toBe(200);
  return result.data as Awaited<ReturnType<typeof reportPage.loader>>;
}

async function loadCsv(query: string, cookie = ownCookie) {
  return callRoute(csvRoute.loader, makeRequest(`/reports/engagement.csv?${query}`, { cookie }));
}

const personNames = (p: typeof consultants.$inferSelect) => [p.preferredName, p.legalName!];

describe("figures, worked out by hand", () => {
  it("counts engagements, approved hours and pay by stage and level, beside a year earlier", () => {
    const { mix } = engagementReport({ organizationId: own.id, period: period(), today: TODAY });
    const stage = Object.fromEntries(mix.current.byStage.map((s) => [s.stage, s]));
    expect(mix.current.total).toEqual({ engagements: 3, hundredths: 450, feeCents: 27_000, expensesCents: 2_500 });
    expect(mix.current.consultantsEngaged).toBe(3);
    expect(stage.design).toEqual({
      stage: "design",
      engagements: 1,
      hundredths: 300,
      feeCents: 18_000,
      expensesCents: 2_500,
    });
    expect(stage.evaluation).toMatchObject({ engagements: 1, hundredths: 150, feeCents: 9_000 });
    expect(stage.delivery).toMatchObject({ engagements: 1, hundredths: 0, feeCents: 0 });
    const level = Object.fromEntries(mix.current.byLevel.map((l) => [l.level, l.engagements]));
    expect(level).toEqual({ inform: 0, consult: 2, involve: 1, collaborate: 0, survivor_led: 0 });
    expect(mix.previous.total.engagements).toBe(1);
    expect(mix.previous.consultantsEngaged).toBe(1);
  });

  it("measures paying on time", () => {
    const { timeliness } = engagementReport({ organizationId: own.id, period: period(), today: TODAY });
    expect(timeliness).toMatchObject({
      paidCount: 2,
      medianDaysToPay: 20,
      paidOnTime: 1,
      onTimeRate: 0.5,
      overdueCount: 1,
      overdueFeeCents: 12_000,
    });
  });

  it("averages feedback by quarter and holds back a quarter with one anonymous answer", () => {
    const { feedback } = engagementReport({ organizationId: own.id, period: period(), today: TODAY });
    expect(feedback).toEqual([
      { quarter: "2025-Q1", answers: 3, average: 4, heldBack: false },
      { quarter: "2025-Q2", answers: null, average: null, heldBack: true },
    ]);
  });

  it("shows the latest readiness self-assessment of the period with the change since the one before", () => {
    const { readiness } = engagementReport({ organizationId: own.id, period: period(), today: TODAY });
    const mission = readiness.latest!.domains.find((d) => d.key === "mission");
    expect(mission).toMatchObject({ percent: 67, previousPercent: 33, change: "up" });
  });

  it("narrows to one program", () => {
    const report = engagementReport({ organizationId: own.id, period: period(own.programY.id), today: TODAY });
    expect(report.mix.current.total.engagements).toBe(1);
    expect(report.timeliness.paidCount).toBe(0);
    expect(report.highlights.items.map((h) => h.programName)).toEqual([own.programY.name]);
  });
});

describe("names appear only with a current 'Use my name' yes that allows a name", () => {
  const engaged = () => engagedConsultantIds(own.id, period());

  it("names the real-name and chosen-name consultants by their preferred name, never the anonymous one", () => {
    const { named, withLimits } = consultantsWhoMayBeNamed(own.id, engaged(), TODAY);
    expect(named.map((n) => n.preferredName).sort()).toEqual([own.alex.preferredName, own.blair.preferredName].sort());
    expect(withLimits).toBe(0);
  });

  it("the page names nobody unless asked, and never shows a legal name", async () => {
    const plain = JSON.stringify(await loadPage(QUERY));
    for (const p of [own.alex, own.blair, own.casey, own.drew]) {
      for (const name of personNames(p)) expect(plain).not.toContain(name);
    }
    const withNames = JSON.stringify(await loadPage(`${QUERY}&names=1`));
    expect(withNames).toContain(own.alex.preferredName);
    expect(withNames).toContain(own.blair.preferredName);
    expect(withNames).not.toContain(own.casey.preferredName);
    expect(withNames).not.toContain(own.drew.preferredName);
    for (const p of [own.alex, own.blair, own.casey, own.drew]) expect(withNames).not.toContain(p.legalName!);
  });

  it("a withdrawn yes takes the name off at once", async () => {
    const person = createConsultantRecord(own.id, { preferredName: uniqueName("Emery") });
    // Work outside the worked-out period, so the other tests' figures stay as they are.
    createEngagementRecord(own.id, person.id, own.programX.id, { startDate: "2025-09-02" });
    decide(own, person.id, "name", "granted", { nameChoice: "real_name" });
    const query = "from=2025-09-01&to=2025-09-30&names=1";
    expect(JSON.stringify(await loadPage(query))).toContain(person.preferredName);
    decide(own, person.id, "name", "withdrawn", { today: "2025-01-06" });
    expect(JSON.stringify(await loadPage(query))).not.toContain(person.preferredName);
    expect(consultantsWhoMayBeNamed(own.id, [person.id], TODAY).named).toEqual([]);
  });

  it("a yes past its end date names nobody, even before the expiry is recorded", () => {
    const person = createConsultantRecord(own.id, { preferredName: uniqueName("Finley") });
    decide(own, person.id, "name", "granted", { nameChoice: "chosen_name", expiresOn: "2025-07-01" });
    expect(consultantsWhoMayBeNamed(own.id, [person.id], "2025-06-30").named).toHaveLength(1);
    expect(consultantsWhoMayBeNamed(own.id, [person.id], "2025-07-01").named).toEqual([]);
  });

  it("a yes to 'no name (anonymous)' names nobody", () => {
    expect(consultantsWhoMayBeNamed(own.id, [own.casey.id], TODAY).named).toEqual([]);
  });

  it("a yes with written limits is counted for staff to check, not named", () => {
    const person = createConsultantRecord(own.id, { preferredName: uniqueName("Gray") });
    recordConsentDecision({
      organizationId: own.id,
      consultantId: person.id,
      purposeId: purposeId(own.id, "name"),
      decision: "granted",
      actor: { kind: "staff", userId: own.staffUserId, role: "staff" },
      method: "written_form",
      givenOn: "2025-01-05",
      formKeptAt: "Consent binder",
      nameChoice: "real_name",
      scopeNotes: "Only on the website",
      creationKey: randomUUID(),
      today: "2025-01-05",
    });
    expect(consultantsWhoMayBeNamed(own.id, [person.id], TODAY)).toEqual({ named: [], withLimits: 1 });
  });

  it("lists only consultants engaged in the period", () => {
    const person = createConsultantRecord(own.id, { preferredName: uniqueName("Harper") });
    decide(own, person.id, "name", "granted", { nameChoice: "real_name" });
    const names = consultantsWhoMayBeNamed(own.id, engaged(), TODAY).named.map((n) => n.preferredName);
    expect(names).not.toContain(person.preferredName);
  });
});

describe("you said, we did", () => {
  it("quotes adopted input reported back in the period, only from consultants who agreed to reports", () => {
    const { items, leftOut } = youSaidWeDidHighlights(own.id, period(), TODAY);
    expect(items.map((i) => [i.programName, i.decision, i.reportedBackOn])).toEqual([
      [own.programY.name, "partly_adopted", "2025-06-30"],
      [own.programX.name, "adopted", "2025-04-10"],
    ]);
    expect(leftOut).toBe(2);
    expect(consultantsWhoseInputMayBeQuoted(own.id, TODAY)).toEqual(new Set([own.alex.id, own.casey.id]));
  });

  it("never carries a name, an id or who said it", () => {
    const { items } = youSaidWeDidHighlights(own.id, period(), TODAY);
    const text = JSON.stringify(items);
    for (const p of [own.alex, own.blair, own.casey, own.drew]) {
      for (const name of personNames(p)) expect(text).not.toContain(name);
      expect(text).not.toContain(p.id);
    }
    expect(items[1]!.summary).toBe("the consultant asked for shorter sessions.");
    expect(items[1]!.response).toBe("We told the consultant we split each session in two.");
    expect(Object.keys(items[0]!).sort()).toEqual(
      ["decision", "programName", "reportedBackOn", "response", "stage", "summary"].sort(),
    );
  });

  it("takes out a legal name typed into a summary or a response, on the page and in its CSV", async () => {
    // An organization of its own, so the worked-out figures above stay as they are.
    const org = createOrganization();
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const o = { id: org.id, staffUserId: staff.userId };
    const program = createProgramRecord(org.id, uniqueName("Program Z"));
    // Stored sealed, as every legal name is: the report must open it to recognise it.
    const person = createConsultantRecord(org.id, {
      preferredName: uniqueName("Finley"),
      legalName: uniqueName("Legal Finley"),
    });
    decide(o, person.id, "feedback_reports", "granted");
    input(o, program.id, person.id, {
      summary: `${person.legalName} asked for childcare at every session.`,
      response: `We told ${person.legalName!.toLowerCase()} childcare is now offered.`,
      reportedBackOn: "2025-04-10",
    });
    const cookie = await cookieFor(staff.userId);

    const page = await loadPage(`${QUERY}&names=1`, cookie);
    expect(page.report.highlights.items).toHaveLength(1);
    expect(page.report.highlights.items[0]).toMatchObject({
      summary: "the consultant asked for childcare at every session.",
      response: "We told the consultant childcare is now offered.",
    });
    const csv = (await loadCsv(`table=highlights&${QUERY}`, cookie)).data as string;
    expect(csv).toContain("the consultant asked for childcare at every session.");
    for (const text of [JSON.stringify(page), csv]) {
      expect(text).not.toContain(person.legalName!);
      expect(text.toLowerCase()).not.toContain(person.legalName!.toLowerCase());
    }
  });

  it("drops an item as soon as its consultant withdraws the agreement", () => {
    const person = createConsultantRecord(own.id, { preferredName: uniqueName("Indigo") });
    decide(own, person.id, "feedback_reports", "granted");
    input(own, own.programX.id, person.id, { summary: "Indigo's quotable idea", reportedBackOn: "2025-06-01" });
    const summaries = () => youSaidWeDidHighlights(own.id, period(), TODAY).items.map((i) => i.summary);
    expect(summaries()).toContain("Indigo's quotable idea");
    decide(own, person.id, "feedback_reports", "withdrawn", { today: "2025-01-06" });
    expect(summaries()).not.toContain("Indigo's quotable idea");
  });
});

describe("another organization", () => {
  it("never appears, whatever the address asks for", async () => {
    decide(other, other.alex.id, "name", "granted", { nameChoice: "real_name" });
    const page = await loadPage(`${QUERY}&names=1&program=${other.programX.id}`);
    // Their program is not ours: it is refused next to the field and every program of ours is shown.
    expect(englishOf(page.errors.program ?? "")).toMatch(/Choose a program/);
    expect(page.period.programId).toBeUndefined();
    expect(page.report.mix.current.total.engagements).toBe(
      engagementReport({ organizationId: own.id, period: period(), today: TODAY }).mix.current.total.engagements,
    );
    const text = JSON.stringify(page);
    for (const p of [other.alex, other.blair, other.casey, other.drew]) {
      for (const name of personNames(p)) expect(text).not.toContain(name);
    }
    expect(text).not.toContain(other.programX.name);
    expect(text).not.toContain(other.name);
    const csv = await loadCsv(`table=highlights&${QUERY}&program=${other.programX.id}`);
    expect(csv.data).not.toContain(other.programX.name);
    expect(csv.data).toContain(own.programX.name);
  });
});

describe("an organization with no data", () => {
  it("shows zeros and dashes, never NaN or Infinity", async () => {
    const org = createOrganization();
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const cookie = await cookieFor(staff.userId);
    const page = await loadPage(`${QUERY}&names=1`, cookie);
    const numbers: number[] = [];
    const walk = (value: unknown) => {
      if (typeof value === "number") numbers.push(value);
      else if (value && typeof value === "object") Object.values(value).forEach(walk);
    };
    walk(page);
    expect(numbers.every(Number.isFinite)).toBe(true);
    expect(page.report.mix.current.total.engagements).toBe(0);
    expect(page.report.timeliness).toMatchObject({ paidCount: 0, medianDaysToPay: null, onTimeRate: null });
    expect(page.report.readiness.latest).toBeNull();
    expect(page.report.highlights).toEqual({ items: [], leftOut: 0 });
    expect(page.report.named).toEqual({ named: [], withLimits: 0 });
    for (const table of REPORT_TABLES) {
      const csv = await loadCsv(`table=${table}&${QUERY}`, cookie);
      expect(csv.status).toBe(200);
      expect(csv.data).not.toMatch(/NaN|Infinity/);
    }
  });
});

describe("the tables as CSV", () => {
  const lines = (text: unknown) => (text as string).trimEnd().split("\r\n");

  it("downloads each table as an attachment named without personal data", async () => {
    for (const table of REPORT_TABLES) {
      const result = await loadCsv(`table=${table}&${QUERY}`);
      expect(result.status).toBe(200);
      expect(result.headers.get("Content-Type")).toMatch(/^text\/csv/);
      expect(result.headers.get("Content-Disposition")).toBe(
        `attachment; filename="engagement-report-${table}-2025-01-01-to-2025-06-30.csv"`,
      );
      const text = result.data as string;
      for (const p of [own.alex, own.blair, own.casey, own.drew]) {
        for (const name of personNames(p)) expect(text).not.toContain(name);
      }
    }
  });

  it("has a header and the hand-computed rows", async () => {
    expect(lines((await loadCsv(`table=stages&${QUERY}`)).data)).toEqual([
      "Stage,Engagements,Engagements a year earlier,Approved hours,Approved hours a year earlier,Fees paid (USD),Fees paid a year earlier (USD),Expenses reimbursed (USD)",
      "Design,1,1,3.00,0.00,180.00,0.00,25.00",
      "Delivery,1,0,0.00,0.00,0.00,0.00,0.00",
      "Evaluation,1,0,1.50,0.00,90.00,0.00,0.00",
      "Total,3,1,4.50,0.00,270.00,0.00,25.00",
    ]);
    expect(lines((await loadCsv(`table=levels&${QUERY}`)).data)[2]).toBe("Consult,2,1,3.00,0.00,180.00,0.00,25.00");
    expect(lines((await loadCsv(`table=feedback&${QUERY}`)).data)).toEqual([
      "Quarter,Answers,Average score (1 to 5),Note",
      "2025-Q1,3,4.0,",
      "2025-Q2,,,Held back: one or two anonymous answers could show what one person said",
    ]);
    const readinessRows = lines((await loadCsv(`table=readiness&${QUERY}`)).data);
    expect(readinessRows[0]).toBe("Domain,Score (%),Previous score (%),Change");
    expect(readinessRows).toContain('"Mission, vision and culture",67,33,up');
  });

  it("timeliness rows match the figures (overdue counted against today)", () => {
    const { rows } = engagementReportCsv(own.id, period(), "timeliness", TODAY);
    expect(rows).toEqual([
      ["Payments made in the period", 2],
      ["Median days from work completed to paid", 20],
      ["Payments made by their due date", 1],
      ["Share paid on time (%)", 50],
      ["Overdue (due in the period, still unpaid, with completed work that has no payment)", 1],
      ["Of which completed work with no payment recorded", 0],
      ["Overdue fees (USD)", "120.00"],
    ]);
  });

  it("neutralizes a spreadsheet formula in a quoted summary", async () => {
    const text = (await loadCsv(`table=highlights&${QUERY}`)).data as string;
    expect(lines(text)[0]).toBe("Program,Stage,Decision,Reported back on,What consultants told us,What we did");
    expect(text).toContain(`"'=HYPERLINK(""http://example.test"",""Peer mentors at every session"")"`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it("is written in the language of the staff member who downloads it", async () => {
    const colleague = await createMember({ organizationId: own.id, role: "staff" });
    setOwnLanguage(colleague.userId, "es");
    const spanish = await cookieFor(colleague.userId);
    const stages = lines((await loadCsv(`table=stages&${QUERY}`, spanish)).data);
    expect(stages[0]).toBe(
      "Etapa,Encargos,Encargos un año antes,Horas aprobadas,Horas aprobadas un año antes,Honorarios pagados (USD),Honorarios pagados un año antes (USD),Gastos reembolsados (USD)",
    );
    expect(stages.at(-1)).toBe("Total,3,1,4.50,0.00,270.00,0.00,25.00");
    expect(lines((await loadCsv(`table=feedback&${QUERY}`, spanish)).data)).toEqual([
      "Trimestre,Respuestas,Puntuación promedio (1 a 5),Nota",
      "T1 2025,3,4.0,",
      "T2 2025,,,Retenido: una o dos respuestas anónimas podrían mostrar lo que dijo una persona",
    ]);
    const readiness = lines((await loadCsv(`table=readiness&${QUERY}`, spanish)).data);
    expect(readiness[0]).toBe("Área,Puntuación (%),Puntuación anterior (%),Cambio");
    // The areas are named in the checklist's own Spanish.
    expect(readiness).toContain('"Misión, visión y cultura",67,33,sube');
    expect(lines((await loadCsv(`table=timeliness&${QUERY}`, spanish)).data)[1]).toBe("Pagos hechos en el período,2");
  });

  it("follows the browser's language for someone who has not chosen one", async () => {
    const result = await callRoute(
      csvRoute.loader,
      makeRequest(`/reports/engagement.csv?table=feedback&${QUERY}`, {
        cookie: ownCookie,
        headers: { "Accept-Language": "es" },
      }),
    );
    expect(lines(result.data)[0]).toBe("Trimestre,Respuestas,Puntuación promedio (1 a 5),Nota");
    // And English stays English.
    expect(lines((await loadCsv(`table=feedback&${QUERY}`)).data)[0]).toBe(
      "Quarter,Answers,Average score (1 to 5),Note",
    );
  });

  it("refuses an unknown table", async () => {
    expect((await loadCsv(`table=people&${QUERY}`)).status).toBe(400);
  });
});
