// Consultants assess the organization too: staff invite their own consultants; a consultant answers in
// the portal, with their name or without it; anonymous answers cannot be tied to the invitation; and
// the survivors' view shows beside the staff view only once three consultants have answered, with
// anonymous answers added three at a time; nothing staff see gives back one anonymous set.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  assessmentAnswers,
  assessmentInvitations,
  assessmentRespondents,
  auditEvents,
  emailOutbox,
  engagements,
  users,
} from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { addDaysToIsoDay } from "../../app/utils/day";
import { organizationToday } from "../../app/models/settings.server";
import { RuleError } from "../../app/models/errors";
import {
  completeAssessment,
  openDraftFrom,
  saveSection,
  startAssessment,
} from "../../app/models/assessment/drafting.server";
import { assessmentInvitationsOverview, inviteConsultants } from "../../app/models/assessment/invitations.server";
import { getAssessment, listLatestTemplates } from "../../app/models/assessment/records.server";
import { assessmentResults } from "../../app/models/assessment/results.server";
import { portalHome } from "../../app/models/portal-home.server";
import { listOwnEngagements } from "../../app/models/engagement/own-work.server";
import * as portalPage from "../../app/routes/portal.assessments.$id";
import * as invitePage from "../../app/routes/_staff.assessments.$id.invite";
import * as resultsRoute from "../../app/routes/_staff.assessments.$id.results";
import { changedTables, snapshot } from "../support/db-snapshot";
import { cookieFor, createConsultantRecord, createMember, createTwoOrganizations } from "../support/factories";
import { callRoute, makeRequest } from "../support/http";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
let world: World;
let readinessId: string;

beforeAll(async () => {
  world = await createTwoOrganizations();
  readinessId = listLatestTemplates().find((t) => t.key === "survivor-informed-readiness")!.id;
});

const staff = () => ({ organizationId: world.own.org.id, actorUserId: world.own.staff.userId });

function start(title = "Readiness", templateId = readinessId, side: "own" | "other" = "own") {
  const s = world[side];
  const alongsideDraftId = openDraftFrom(s.org.id, templateId)?.id;
  return startAssessment({
    organizationId: s.org.id,
    actorUserId: s.staff.userId,
    templateId,
    title,
    creationKey: randomUUID(),
    alongsideDraftId,
  });
}

/** An active consultant of a side with a portal account (and these contact facts). */
async function consultant(side: "own" | "other" = "own", values: Record<string, unknown> = {}) {
  const org = world[side].org.id;
  const member = await createMember({ organizationId: org, role: "consultant" });
  const record = createConsultantRecord(org, { userId: member.userId, status: "active", ...values });
  return {
    ...member,
    consultantId: record.id,
    recordName: record.preferredName,
    organizationId: org,
    cookie: await cookieFor(member.userId),
  };
}
type Person = Awaited<ReturnType<typeof consultant>>;

const invite = (
  assessmentId: string,
  consultantIds: string[],
  paid: { programId: string; amountCents: number } | null = null,
) => inviteConsultants({ ...staff(), assessmentId, consultantIds, paid });

const invitationOf = (assessmentId: string, person: Person) =>
  db
    .select()
    .from(assessmentInvitations)
    .where(
      and(
        eq(assessmentInvitations.assessmentId, assessmentId),
        eq(assessmentInvitations.consultantId, person.consultantId),
      ),
    )
    .get()!;

/** What the consultant posts from the portal page. */
const post = (person: Person, invitationId: string, form: Record<string, string>) =>
  callRoute(portalPage.action, makeRequest(`/portal/assessments/${invitationId}`, { cookie: person.cookie, form }), {
    id: invitationId,
  });

/** A consultant answers: chooses how, fills the mission section with `value`, and sends. */
async function answer(person: Person, invitationId: string, answerAs: "named" | "anonymous", value: string) {
  expect((await post(person, invitationId, { intent: "begin", answerAs })).status).toBe(302);
  const items = ["mission-statement", "leadership-support", "expertise-not-tokens", "story-belongs", "staff-self-care"];
  const form = Object.fromEntries(items.map((k) => [`item.${k}`, value]));
  const sent = await post(person, invitationId, { intent: "send", section: "mission", ...form });
  expect(sent.status, JSON.stringify(sent.data)).toBe(302);
  expect(sent.location).toBe(`/portal/assessments/${invitationId}?done=sent`);
}

const refusal = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RuleError);
    return error as RuleError;
  }
  throw new Error("expected a refusal");
};

describe("inviting consultants", () => {
  it("asks only the organization's own active consultants with a portal account, and nothing is saved otherwise", async () => {
    const id = start();
    const theirs = await consultant("other");
    const prospect = await consultant("own", { status: "prospect" });
    const noAccount = createConsultantRecord(world.own.org.id, { status: "active" });
    const ok = await consultant();
    const before = snapshot();
    for (const ids of [
      [theirs.consultantId],
      [prospect.consultantId],
      [noAccount.id],
      [ok.consultantId, theirs.consultantId],
      [],
    ]) {
      expect((await refusal(() => invite(id, ids))).field).toBe("consultantIds");
    }
    expect(changedTables(before, snapshot())).toEqual([]);
    expect(await invite(id, [ok.consultantId])).toMatchObject({ invited: 1 });
    expect(await invite(id, [ok.consultantId])).toMatchObject({ invited: 0 }); // not asked twice
    const overview = assessmentInvitationsOverview(world.own.org.id, id);
    expect(overview.invited.map((i) => i.consultantId)).toEqual([ok.consultantId]);
    expect(overview.canAsk.map((c) => c.id)).not.toContain(ok.consultantId);
    expect(overview.canAsk.map((c) => c.id)).not.toContain(prospect.consultantId);
  });

  it("only for a readiness self-assessment still open, and never another organization's", async () => {
    const person = await consultant();
    const mapId = listLatestTemplates().find((t) => t.key === "internal-resource-mapping")!.id;
    expect((await refusal(() => invite(start("Map", mapId), [person.consultantId]))).field).toBeNull();
    const theirs = start("Theirs", readinessId, "other");
    await expect(invite(theirs, [person.consultantId])).rejects.toThrow();
    expect(db.select().from(assessmentInvitations).where(eq(assessmentInvitations.assessmentId, theirs)).all()).toEqual(
      [],
    );
    // Staff of the other organization cannot open our invitations page.
    const ours = start();
    const page = await callRoute(
      invitePage.loader,
      makeRequest(`/assessments/${ours}/invite`, { cookie: await cookieFor(world.other.staff.userId) }),
      { id: ours },
    );
    expect(page.status).toBe(404);
  });

  it("reaches the consultant on the portal home and by a neutral email, only when email is safe, in their language", async () => {
    const id = start();
    const safe = await consultant("own", { email: "assess-safe@example.test", emailSafety: "safe" });
    db.update(users).set({ preferredLanguage: "es" }).where(eq(users.id, safe.userId)).run();
    const unsafe = await consultant("own", { email: "assess-unsafe@example.test", emailSafety: "not_safe" });
    expect(await invite(id, [safe.consultantId, unsafe.consultantId])).toEqual({ invited: 2, notified: 1, paused: 0 });
    const mails = db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "assess-safe@example.test")).all();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: "portal-notice", subject: "Tiene una novedad" });
    for (const secret of [world.own.org.name, "Readiness", "assessment", "autoevaluación"]) {
      expect(mails[0]!.text).not.toContain(secret);
    }
    expect(db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "assess-unsafe@example.test")).all()).toEqual(
      [],
    );
    const home = portalHome({ organizationId: world.own.org.id, userId: unsafe.userId });
    expect(home.assessmentsWaiting).toEqual([{ id: invitationOf(id, unsafe).id, paid: false }]);
  });

  it("paid: makes proposed work in the evaluation stage, with terms the consultant accepts as usual", async () => {
    const id = start();
    const person = await consultant();
    await invite(id, [person.consultantId], { programId: world.own.programId, amountCents: 7500 });
    const invitation = invitationOf(id, person);
    const work = db.select().from(engagements).where(eq(engagements.id, invitation.engagementId!)).get()!;
    expect(work).toMatchObject({
      consultantId: person.consultantId,
      stage: "evaluation",
      status: "proposed",
      rateKind: "honorarium",
      rateCents: 7500,
      title: "Answer our readiness self-assessment",
    });
    expect(work.termsTranslations).toMatchObject({ es: { title: "Responder nuestra autoevaluación de preparación" } });
    const own = listOwnEngagements({ organizationId: world.own.org.id, userId: person.userId });
    expect(own.find((e) => e.id === work.id)).toMatchObject({ needsAnswer: true });
    expect(portalHome({ organizationId: world.own.org.id, userId: person.userId }).assessmentsWaiting).toEqual([
      { id: invitation.id, paid: true },
    ]);
  });
});

describe("inviting consultants who said how much they can take on", () => {
  /** Paused from today for ten days, the organization's days. */
  const pausedFromToday = () => {
    const today = organizationToday(world.own.org.id);
    return { availabilityState: "paused", pausedFrom: today, pausedUntil: addDaysToIsoDay(today, 10) };
  };
  const outboxTo = (address: string) => db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, address)).all();
  const postInvite = (cookie: string, assessmentId: string, form: Record<string, string | string[]>) =>
    callRoute(invitePage.action, makeRequest(`/assessments/${assessmentId}/invite`, { cookie, form }), {
      id: assessmentId,
    });

  it("paid: shows each chosen consultant's warnings with everything chosen kept, saves nothing, then asks anyway", async () => {
    const id = start();
    const resting = await consultant("own", {
      preferredName: "Resting Rae",
      email: "assess-resting@example.test",
      emailSafety: "safe",
      ...pausedFromToday(),
    });
    const capped = await consultant("own", {
      preferredName: "Capped Cy",
      email: "assess-capped@example.test",
      emailSafety: "safe",
      yearlyPayLimitCents: 5000,
    });
    const free = await consultant("own", { preferredName: "Free Flo" });
    const form = {
      consultantIds: [resting.consultantId, capped.consultantId, free.consultantId],
      paid: "on",
      programId: world.own.programId,
      amount: "75.00",
    };
    const cookie = await cookieFor(world.own.staff.userId);
    const before = snapshot();
    const warned = await postInvite(cookie, id, form);
    expect(warned.status).toBe(400);
    expect(changedTables(before, snapshot())).toEqual([]);
    const reply = warned.data as {
      error: Record<string, string[]>;
      initialValue: Record<string, unknown>;
      capacity: { consultantId: string; preferredName: string; warnings: string[] }[];
    };
    // Who, and why, for each one the work goes past; nobody else.
    expect(reply.capacity.map((c) => [c.preferredName, c.warnings.map((w) => w.split("|")[0])])).toEqual([
      ["Resting Rae", ["staff:capacity.warnings.paused"]],
      ["Capped Cy", ["staff:capacity.warnings.yearly"]],
    ]);
    // The message itself names nobody: names travel beside it, for the page only.
    expect(reply.error.askAnyway).toEqual(["staff:assessTogether.errors.askAnyway"]);
    expect(reply.initialValue).toMatchObject(form);

    const asked = await postInvite(cookie, id, { ...form, askAnyway: "on" });
    expect(asked.status, JSON.stringify(asked.data)).toBe(302);
    // Someone paused is not sent a notice while the pause lasts; the page is told how many.
    expect(asked.location).toBe(`/assessments/${id}/invite?done=invited&paused=1`);
    for (const person of [resting, capped, free]) {
      const work = db
        .select()
        .from(engagements)
        .where(eq(engagements.id, invitationOf(id, person).engagementId!))
        .get();
      expect(work).toMatchObject({ consultantId: person.consultantId, status: "proposed", rateCents: 7500 });
    }
    const offeredAnyway = (person: Person) =>
      db
        .select({ changedFields: auditEvents.changedFields })
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.action, "engagement.created"),
            eq(auditEvents.subjectId, invitationOf(id, person).engagementId!),
          ),
        )
        .get()!
        .changedFields.includes("offerAnyway");
    expect([resting, capped, free].map(offeredAnyway)).toEqual([true, true, false]);
    expect(outboxTo("assess-resting@example.test")).toEqual([]);
    expect(outboxTo("assess-capped@example.test")).toHaveLength(1);
    expect(portalHome({ organizationId: world.own.org.id, userId: resting.userId }).assessmentsWaiting).toEqual([
      { id: invitationOf(id, resting).id, paid: true },
    ]);
  });

  it("unpaid: someone paused is asked, but not sent a notice, and the page shows the pause before choosing", async () => {
    const id = start();
    const resting = await consultant("own", {
      email: "assess-resting-unpaid@example.test",
      emailSafety: "safe",
      ...pausedFromToday(),
    });
    const listed = assessmentInvitationsOverview(world.own.org.id, id).canAsk.find(
      (c) => c.id === resting.consultantId,
    );
    expect(listed).toMatchObject({ pausedUntil: pausedFromToday().pausedUntil });
    expect(await invite(id, [resting.consultantId])).toEqual({ invited: 1, notified: 0, paused: 1 });
    expect(outboxTo("assess-resting-unpaid@example.test")).toEqual([]);
    expect(portalHome({ organizationId: world.own.org.id, userId: resting.userId }).assessmentsWaiting).toEqual([
      { id: invitationOf(id, resting).id, paid: false },
    ]);
    // A pause that ended yesterday is over: they are told as anyone else.
    const back = await consultant("own", {
      email: "assess-back@example.test",
      emailSafety: "safe",
      availabilityState: "paused",
      pausedFrom: addDaysToIsoDay(organizationToday(world.own.org.id), -10),
      pausedUntil: addDaysToIsoDay(organizationToday(world.own.org.id), -1),
    });
    expect(await invite(id, [back.consultantId])).toEqual({ invited: 1, notified: 1, paused: 0 });
  });
});

describe("answering in the portal", () => {
  it("with a name: the answers are theirs, sent once, named to staff, and audited", async () => {
    const id = start();
    const person = await consultant();
    await invite(id, [person.consultantId]);
    const invitationId = invitationOf(id, person).id;
    // Nothing is saved before choosing how to answer.
    const early = await post(person, invitationId, {
      intent: "save",
      section: "mission",
      "item.mission-statement": "2",
    });
    expect(early.status).toBe(400);
    await answer(person, invitationId, "named", "1");
    const respondent = db
      .select()
      .from(assessmentRespondents)
      .where(eq(assessmentRespondents.consultantId, person.consultantId))
      .get()!;
    expect(respondent).toMatchObject({ kind: "consultant", sentAt: expect.any(Date) });
    expect(invitationOf(id, person)).toMatchObject({ answered: true, answerAs: null });
    expect(assessmentInvitationsOverview(world.own.org.id, id).namedAnswers).toEqual([person.recordName]);
    // Sent is sent: no more changes, and the page says they answered.
    expect(
      (await post(person, invitationId, { intent: "save", section: "mission", "item.mission-statement": "3" })).status,
    ).toBe(400);
    const page = await callRoute(
      portalPage.loader,
      makeRequest(`/portal/assessments/${invitationId}`, { cookie: person.cookie }),
      { id: invitationId },
    );
    expect(page.data).toMatchObject({ answered: true });
    const audited = db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, person.userId), eq(auditEvents.subjectId, id)))
      .all()
      .map((a) => a.action);
    expect(audited).toContain("assessment.consultant_answers_sent");
    // Staff answers are apart: the staff view holds none of the consultant's.
    expect(getAssessment(world.own.org.id, id).answers).toEqual({});
  });

  it("without a name: nothing links the answers to the person, the invitation, a time or the audit log", async () => {
    const id = start();
    const [first, second] = [await consultant(), await consultant()];
    await invite(id, [first.consultantId, second.consultantId]);
    await answer(first, invitationOf(id, first).id, "anonymous", "2");
    const firstIds = db
      .select({ id: assessmentRespondents.id })
      .from(assessmentRespondents)
      .where(eq(assessmentRespondents.assessmentId, id))
      .all();
    const auditBefore = db.select().from(auditEvents).all().length;
    const invitationId = invitationOf(id, second).id;
    await answer(second, invitationId, "anonymous", "0");

    const respondents = db.select().from(assessmentRespondents).where(eq(assessmentRespondents.assessmentId, id)).all();
    expect(respondents).toHaveLength(2);
    for (const r of respondents) {
      expect(r).toMatchObject({ kind: "anonymous", userId: null, consultantId: null, sentAt: null });
    }
    // Written again with new ids each time one is added: an id seen before does not say which came first.
    expect(respondents.map((r) => r.id)).not.toContain(firstIds[0]!.id);
    const answers = db.select().from(assessmentAnswers).where(eq(assessmentAnswers.assessmentId, id)).all();
    expect(answers).toHaveLength(10);
    expect(answers.every((a) => a.updatedAt === null)).toBe(true);
    // The invitation keeps that they answered, and nothing else: no time, no choice, no pointer.
    const invitation = invitationOf(id, second);
    expect(invitation).toMatchObject({ answered: true, answerAs: null });
    expect(Object.values(invitation)).not.toEqual(expect.arrayContaining(respondents.map((r) => r.id)));
    // Nothing about the anonymous answering was logged.
    expect(db.select().from(auditEvents).all().length).toBe(auditBefore);
    // The consultant still sees that they answered.
    const page = await callRoute(
      portalPage.loader,
      makeRequest(`/portal/assessments/${invitationId}`, { cookie: second.cookie }),
      { id: invitationId },
    );
    expect(page.data).toMatchObject({ answered: true, answerAs: null });
  });

  it("starting with a name and then sending without it leaves no trace of the draft in the audit log", async () => {
    const id = start();
    const person = await consultant();
    await invite(id, [person.consultantId]);
    const invitationId = invitationOf(id, person).id;
    expect((await post(person, invitationId, { intent: "begin", answerAs: "named" })).status).toBe(302);
    const saved = await post(person, invitationId, {
      intent: "save",
      section: "mission",
      "item.mission-statement": "2",
    });
    expect(saved.status, JSON.stringify(saved.data)).toBeLessThan(400);
    await answer(person, invitationId, "anonymous", "1");

    expect(invitationOf(id, person)).toMatchObject({ answered: true, answerAs: null });
    const traces = db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.actorUserId, person.userId))
      .all()
      .filter((a) => a.action.startsWith("assessment."));
    expect(traces).toEqual([]);
  });

  it("a consultant never reaches another consultant's invitation or answers, nor another organization's", async () => {
    const id = start();
    const [owner, other] = [await consultant(), await consultant()];
    const outsider = await consultant("other");
    await invite(id, [owner.consultantId]);
    const invitationId = invitationOf(id, owner).id;
    await post(owner, invitationId, { intent: "begin", answerAs: "named" });
    await post(owner, invitationId, { intent: "save", section: "mission", "item.mission-statement": "3" });
    const before = snapshot();
    for (const person of [other, outsider]) {
      const page = await callRoute(
        portalPage.loader,
        makeRequest(`/portal/assessments/${invitationId}`, { cookie: person.cookie }),
        { id: invitationId },
      );
      expect(page.status).toBe(404);
      const forms: Record<string, string>[] = [
        { intent: "begin", answerAs: "anonymous" },
        { intent: "save", section: "mission", "item.mission-statement": "0" },
        { intent: "send", section: "mission", "item.mission-statement": "0" },
      ];
      for (const form of forms) {
        expect((await post(person, invitationId, form)).status).toBe(404);
      }
    }
    expect(changedTables(before, snapshot())).toEqual([]);
  });

  it("closes when staff complete the assessment", async () => {
    const id = start();
    const person = await consultant();
    await invite(id, [person.consultantId]);
    const invitationId = invitationOf(id, person).id;
    const { template } = getAssessment(world.own.org.id, id);
    for (const section of template.sections) {
      const form = new FormData();
      for (const item of section.items) form.set(`item.${item.key}`, "2");
      saveSection({ ...staff(), assessmentId: id, sectionKey: section.key, form });
    }
    completeAssessment({ ...staff(), assessmentId: id });
    expect((await post(person, invitationId, { intent: "begin", answerAs: "named" })).status).toBe(400);
    expect(portalHome({ organizationId: world.own.org.id, userId: person.userId }).assessmentsWaiting).toEqual([]);
  });
});

/** Staff answer every item "Fully in place". */
function staffAnswerAll(id: string) {
  const { template } = getAssessment(world.own.org.id, id);
  for (const section of template.sections) {
    const form = new FormData();
    for (const item of section.items) form.set(`item.${item.key}`, "3");
    saveSection({ ...staff(), assessmentId: id, sectionKey: section.key, form });
  }
  return template;
}

/** A consultant answers every section, each with the value `valueOf` gives it (none: skipped), and sends. */
async function answerAll(
  person: Person,
  id: string,
  answerAs: "named" | "anonymous",
  valueOf: (sectionKey: string) => string | null,
) {
  const { template } = getAssessment(world.own.org.id, id);
  const invitationId = invitationOf(id, person).id;
  expect((await post(person, invitationId, { intent: "begin", answerAs })).status).toBe(302);
  const sections = template.sections.filter((s) => valueOf(s.key) !== null);
  for (const section of sections) {
    const answers = Object.fromEntries(section.items.map((i) => [`item.${i.key}`, valueOf(section.key)!]));
    const last = section === sections.at(-1);
    const reply = await post(person, invitationId, {
      intent: last ? "send" : "save",
      section: section.key,
      ...answers,
    });
    expect(reply.status, JSON.stringify(reply.data)).toBe(302);
  }
}

async function invitedConsultants(id: string, n: number) {
  const people: Person[] = [];
  for (let i = 0; i < n; i++) people.push(await consultant());
  await invite(
    id,
    people.map((p) => p.consultantId),
  );
  return people;
}

const survivorsOf = (id: string) => assessmentResults(world.own.org.id, id).survivors;

/** What the results page sends to the browser, as staff read it. */
async function resultsPage(id: string) {
  const page = await callRoute(
    resultsRoute.loader,
    makeRequest(`/assessments/${id}/results`, { cookie: await cookieFor(world.own.staff.userId) }),
    { id },
  );
  expect(page.status).toBe(200);
  return page.data as Record<string, unknown>;
}

/** What the invitations page sends to the browser, as staff read it. */
async function invitationsPage(id: string) {
  const page = await callRoute(
    invitePage.loader,
    makeRequest(`/assessments/${id}/invite`, { cookie: await cookieFor(world.own.staff.userId) }),
    { id },
  );
  expect(page.status).toBe(200);
  return page.data as Record<string, unknown>;
}

describe("the survivors' view beside the staff view", () => {
  it("shows once three consultants have answered with their name, or three without it, and names the areas where the views differ most", async () => {
    const id = start();
    staffAnswerAll(id);
    const people = await invitedConsultants(id, 3);
    expect(survivorsOf(id)).toEqual({ shown: false, named: 0 });
    // Survivors agree on everything but human resources, which they see as not yet in place.
    const value = (key: string) => (key === "hr" ? "0" : key === "outreach" ? "2" : "3");
    for (const person of people) await answerAll(person, id, "anonymous", value);
    const view = survivorsOf(id);
    expect(view).toMatchObject({ shown: true, named: 0, anonymous: 3, respondents: 3 });
    if (!view.shown) return;
    expect(view.overall).not.toBeNull();
    expect(view.mostDifferent).toEqual(["hr", "outreach"]);
    expect(view.areas.find((a) => a.key === "hr")).toMatchObject({
      staffPercent: 100,
      survivorsPercent: 0,
      difference: -100,
      agreement: "close",
    });
    expect(view.areas.find((a) => a.key === "mission")).toMatchObject({ difference: 0 });
    // The staff view is unchanged by the consultants' answers.
    expect(assessmentResults(world.own.org.id, id).domains.every((d) => d.percent === 100)).toBe(true);

    // Three named answers alone are enough: they chose to be named.
    const other = start();
    const named = await invitedConsultants(other, 3);
    for (const [i, person] of named.entries()) {
      await answerAll(person, other, "named", () => "2");
      expect(survivorsOf(other).shown).toBe(i === 2);
    }
    expect(survivorsOf(other)).toMatchObject({ named: 3, anonymous: 0, respondents: 3 });
  });
});

// Each test below is what a member of staff could try to read one consultant's anonymous answers.
describe("staff cannot read one anonymous set of answers", () => {
  it("two named answers and one anonymous show nothing: staff cannot take the named ones away and read the rest", async () => {
    const id = start();
    const [ann, bo, anonymous, dee] = await invitedConsultants(id, 4);
    await answerAll(ann!, id, "named", () => "3");
    await answerAll(bo!, id, "named", () => "3");
    await answerAll(anonymous!, id, "anonymous", () => "0");
    expect(survivorsOf(id)).toEqual({ shown: false, named: 2 });
    expect(JSON.stringify((await resultsPage(id)).survivors)).toBe(JSON.stringify({ shown: false, named: 2 }));

    // A third named answer shows the view: it is the named answers alone, without the anonymous set.
    await answerAll(dee!, id, "named", () => "3");
    const view = survivorsOf(id);
    expect(view).toMatchObject({ shown: true, named: 3, anonymous: 0, respondents: 3, overall: 100 });
    if (!view.shown) return;
    expect(view.areas.every((a) => a.survivorsPercent === 100)).toBe(true);
  });

  it("a fourth and fifth anonymous answer leave the view as it was; the sixth adds all three at once", async () => {
    const id = start();
    const people = await invitedConsultants(id, 6);
    const values = ["1", "2", "3", "0", "0", "0"];
    for (const [i, person] of people.slice(0, 3).entries()) await answerAll(person, id, "anonymous", () => values[i]!);
    const three = survivorsOf(id);
    expect(three).toMatchObject({ shown: true, anonymous: 3, respondents: 3, overall: 67 });
    const threeOnPage = await resultsPage(id);

    // Staff look before and after each further answer: nothing moves, so nothing can be subtracted.
    for (const [i, person] of people.slice(3, 5).entries()) {
      await answerAll(person, id, "anonymous", () => values[3 + i]!);
      expect(survivorsOf(id)).toEqual(three);
      expect(await resultsPage(id)).toEqual(threeOnPage);
    }
    const waiting = db
      .select({ group: assessmentRespondents.anonymousGroup })
      .from(assessmentRespondents)
      .where(and(eq(assessmentRespondents.assessmentId, id), eq(assessmentRespondents.kind, "anonymous")))
      .all();
    expect(waiting.map((r) => r.group).sort()).toEqual([1, 1, 1, null, null]);

    // The sixth completes the second group: the view moves by three people at once.
    await answerAll(people[5]!, id, "anonymous", () => values[5]!);
    const six = survivorsOf(id);
    expect(six).toMatchObject({ shown: true, anonymous: 6, respondents: 6, overall: 33 });
  });

  it("with three people the spread says how far apart they are in a word, and gives back none of their scores", async () => {
    const id = start();
    const people = await invitedConsultants(id, 3);
    // Their own scores per area: 0%, 33% and 100%; the average is 44%.
    for (const [i, person] of people.entries()) await answerAll(person, id, "anonymous", () => ["0", "1", "3"][i]!);
    const view = survivorsOf(id);
    if (!view.shown) throw new Error("expected the view");
    for (const area of view.areas) {
      expect(area).toMatchObject({ survivorsPercent: 44, agreement: "far apart" });
    }
    // What reaches the browser holds the average and the word, and no one person's own score.
    const sent = (await resultsPage(id)).survivors as { areas: Record<string, unknown>[] };
    for (const area of sent.areas) {
      expect(Object.keys(area).sort()).toEqual(
        [
          "agreement",
          "difference",
          "heldBack",
          "items",
          "key",
          "staffPercent",
          "survivorsPercent",
          "survivorsScored",
          "title",
        ].sort(),
      );
    }
    expect(JSON.stringify(sent)).not.toMatch(/\b(33|100)\b|lowest|highest/);
  });

  it("an area only one anonymous person scored is held back, with the overall score it would show in", async () => {
    const id = start();
    const people = await invitedConsultants(id, 3);
    // Only the first answers the human resources area; the others skip it.
    for (const [i, person] of people.entries()) {
      await answerAll(person, id, "anonymous", (key) => (i === 0 ? "2" : key === "hr" ? null : "1"));
    }
    const view = survivorsOf(id);
    if (!view.shown) throw new Error("expected the view");
    expect(view.areas.find((a) => a.key === "hr")).toMatchObject({
      heldBack: true,
      survivorsPercent: null,
      survivorsScored: null,
      agreement: null,
      difference: null,
    });
    expect(view.areas.find((a) => a.key === "mission")).toMatchObject({ heldBack: false, survivorsPercent: 44 });
    expect(view.overall).toBeNull();
  });

  it("an area one person of a later group scored is held back, though the first group all scored it", async () => {
    const id = start();
    const people = await invitedConsultants(id, 6);
    for (const person of people.slice(0, 3)) await answerAll(person, id, "anonymous", () => "2");
    const first = survivorsOf(id);
    if (!first.shown) throw new Error("expected the view");
    expect(first.areas.find((a) => a.key === "hr")).toMatchObject({ heldBack: false, survivorsPercent: 67 });
    // In the second group only one person answers human resources: the view before and after the
    // group joined would differ by their answers alone.
    for (const [i, person] of people.slice(3).entries()) {
      await answerAll(person, id, "anonymous", (key) => (i === 0 ? "0" : key === "hr" ? null : "2"));
    }
    const second = survivorsOf(id);
    if (!second.shown) throw new Error("expected the view");
    expect(second.anonymous).toBe(6);
    expect(second.areas.find((a) => a.key === "hr")).toMatchObject({ heldBack: true, survivorsPercent: null });
    expect(second.areas.find((a) => a.key === "mission")).toMatchObject({ heldBack: false });
    expect(second.overall).toBeNull();
  });

  it("the invitations page does not move when one person answers without their name, and marks nobody as having answered", async () => {
    const id = start();
    const [named, ...others] = await invitedConsultants(id, 4);
    await answerAll(named!, id, "named", () => "2");
    const before = await invitationsPage(id);
    expect(before).toMatchObject({ namedAnswers: [named!.recordName], anonymousAnswers: 0, anonymousGroup: 3 });

    // "Jo just said she finished": one answer without a name, and the page is exactly as it was.
    await answerAll(others[0]!, id, "anonymous", () => "1");
    expect(await invitationsPage(id)).toEqual(before);
    await answerAll(others[1]!, id, "anonymous", () => "1");
    expect(await invitationsPage(id)).toEqual(before);
    // Nothing said about any invitee tells whether they answered.
    for (const row of before.invited as Record<string, unknown>[]) {
      expect(Object.keys(row).sort()).toEqual(["consultantId", "engagementId", "invitedAt", "paid", "preferredName"]);
    }

    // The third completes a group: the count moves by three at once, still naming nobody.
    await answerAll(others[2]!, id, "anonymous", () => "1");
    const after = await invitationsPage(id);
    expect(after).toEqual({ ...before, anonymousAnswers: 3 });
  });
});
