// Consultants assess the organization too: staff invite their own consultants; a consultant answers in
// the portal, with their name or without it; anonymous answers cannot be tied to the invitation; and
// the survivors' view shows beside the staff view only once three consultants have answered.
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

describe("the survivors' view beside the staff view", () => {
  it("shows only once three consultants have answered, saying before that how many more are needed", async () => {
    const id = start();
    const people = [await consultant(), await consultant(), await consultant()];
    await invite(
      id,
      people.map((p) => p.consultantId),
    );
    // Staff see the mission area as fully in place.
    const form = new FormData();
    for (const k of [
      "mission-statement",
      "leadership-support",
      "expertise-not-tokens",
      "story-belongs",
      "staff-self-care",
    ])
      form.set(`item.${k}`, "3");
    saveSection({ ...staff(), assessmentId: id, sectionKey: "mission", form });

    expect(assessmentResults(world.own.org.id, id).survivors).toEqual({ shown: false, moreNeeded: 3 });
    await answer(people[0]!, invitationOf(id, people[0]!).id, "anonymous", "0");
    expect(assessmentResults(world.own.org.id, id).survivors).toEqual({ shown: false, moreNeeded: 2 });
    await answer(people[1]!, invitationOf(id, people[1]!).id, "named", "1");
    const two = assessmentResults(world.own.org.id, id).survivors;
    expect(two).toEqual({ shown: false, moreNeeded: 1 });
    await answer(people[2]!, invitationOf(id, people[2]!).id, "anonymous", "2");

    const view = assessmentResults(world.own.org.id, id).survivors;
    expect(view.shown).toBe(true);
    if (!view.shown) return;
    expect(view.respondents).toBe(3);
    // Only the mission area is answered by them: 5 of 26 items, too few for the overall score,
    // so no area shows a score on either side (the staff too answered only 5).
    expect(view.overall).toBeNull();
    const mission = view.areas.find((a) => a.key === "mission")!;
    expect(mission).toMatchObject({ survivorsPercent: null, survivorsScored: 5, items: 5 });
    expect(mission.survivorsSpread).toEqual({ lowest: 0, highest: 67, respondents: 3 });
  });

  it("names the areas where the two views differ most", async () => {
    const id = start();
    const people = [await consultant(), await consultant(), await consultant()];
    await invite(
      id,
      people.map((p) => p.consultantId),
    );
    const { template } = getAssessment(world.own.org.id, id);
    for (const section of template.sections) {
      const form = new FormData();
      for (const item of section.items) form.set(`item.${item.key}`, "3");
      saveSection({ ...staff(), assessmentId: id, sectionKey: section.key, form });
    }
    for (const person of people) {
      const invitationId = invitationOf(id, person).id;
      expect((await post(person, invitationId, { intent: "begin", answerAs: "anonymous" })).status).toBe(302);
      for (const section of template.sections) {
        // Survivors agree on everything but human resources, which they see as not yet in place.
        const value = section.key === "hr" ? "0" : section.key === "outreach" ? "2" : "3";
        const answers = Object.fromEntries(section.items.map((i) => [`item.${i.key}`, value]));
        const last = section === template.sections.at(-1);
        const reply = await post(person, invitationId, {
          intent: last ? "send" : "save",
          section: section.key,
          ...answers,
        });
        expect(reply.status).toBe(302);
      }
    }
    const view = assessmentResults(world.own.org.id, id).survivors;
    expect(view.shown).toBe(true);
    if (!view.shown) return;
    expect(view.overall).not.toBeNull();
    expect(view.mostDifferent).toEqual(["hr", "outreach"]);
    expect(view.areas.find((a) => a.key === "hr")).toMatchObject({
      staffPercent: 100,
      survivorsPercent: 0,
      difference: -100,
    });
    expect(view.areas.find((a) => a.key === "mission")).toMatchObject({ difference: 0 });
    // The staff view is unchanged by the consultants' answers.
    expect(assessmentResults(world.own.org.id, id).domains.every((d) => d.percent === 100)).toBe(true);
  });
});
