// Answers a consultant saved but never sent are found through the person, so one left behind would tie
// even answers meant to be anonymous to them. They go when staff complete the assessment, and all of
// them when the consultant is erased; answers they sent stay.
import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { assessmentAnswers, assessmentInvitations, assessmentRespondents } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import {
  completeAssessment,
  openDraftFrom,
  reopenAssessment,
  saveSection,
  startAssessment,
} from "../../app/models/assessment/drafting.server";
import { inviteConsultants } from "../../app/models/assessment/invitations.server";
import { getAssessment, listLatestTemplates } from "../../app/models/assessment/records.server";
import { forgetConsultant } from "../../app/models/erasure/forget.server";
import * as portalPage from "../../app/routes/portal.assessments.$id";
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

function start() {
  return startAssessment({
    ...staff(),
    templateId: readinessId,
    title: "Readiness",
    creationKey: randomUUID(),
    alongsideDraftId: openDraftFrom(world.own.org.id, readinessId)?.id,
  });
}

async function consultant() {
  const org = world.own.org.id;
  const member = await createMember({ organizationId: org, role: "consultant" });
  const record = createConsultantRecord(org, { userId: member.userId, status: "active" });
  return { ...member, consultantId: record.id, cookie: await cookieFor(member.userId) };
}
type Person = Awaited<ReturnType<typeof consultant>>;

function invitationOf(assessmentId: string, person: Person) {
  return db
    .select()
    .from(assessmentInvitations)
    .where(
      and(
        eq(assessmentInvitations.assessmentId, assessmentId),
        eq(assessmentInvitations.consultantId, person.consultantId),
      ),
    )
    .get()!;
}

const post = (person: Person, invitationId: string, form: Record<string, string>) =>
  callRoute(portalPage.action, makeRequest(`/portal/assessments/${invitationId}`, { cookie: person.cookie, form }), {
    id: invitationId,
  });

/** The consultant chooses how to answer and saves the first section, then sends it or not. */
async function answer(person: Person, assessmentId: string, answerAs: "named" | "anonymous", send: boolean) {
  await inviteConsultants({ ...staff(), assessmentId, consultantIds: [person.consultantId], paid: null });
  const invitationId = invitationOf(assessmentId, person).id;
  expect((await post(person, invitationId, { intent: "begin", answerAs })).status).toBe(302);
  const saved = await post(person, invitationId, {
    intent: send ? "send" : "save",
    section: "mission",
    "item.mission-statement": "2",
    "item.leadership-support": "3",
  });
  expect(saved.status, JSON.stringify(saved.data)).toBe(302);
  return invitationId;
}

/** Staff answer every item, so the assessment can be completed. */
function staffAnswerAll(assessmentId: string) {
  const { template } = getAssessment(world.own.org.id, assessmentId);
  for (const section of template.sections) {
    const form = new FormData();
    for (const item of section.items) form.set(`item.${item.key}`, "2");
    saveSection({ ...staff(), assessmentId, sectionKey: section.key, form });
  }
}

const consultantSets = (assessmentId: string) =>
  db
    .select({
      id: assessmentRespondents.id,
      kind: assessmentRespondents.kind,
      consultantId: assessmentRespondents.consultantId,
      sent: assessmentRespondents.sentAt,
    })
    .from(assessmentRespondents)
    .where(eq(assessmentRespondents.assessmentId, assessmentId))
    .all()
    .filter((r) => r.kind === "consultant" || r.kind === "anonymous");

const answersOf = (respondentId: string) =>
  db.select().from(assessmentAnswers).where(eq(assessmentAnswers.respondentId, respondentId)).all();

const draftsOf = (person: Person) =>
  db
    .select({ id: assessmentRespondents.id, assessmentId: assessmentRespondents.assessmentId })
    .from(assessmentRespondents)
    .where(and(eq(assessmentRespondents.consultantId, person.consultantId), isNull(assessmentRespondents.sentAt)))
    .all();

describe("completing an assessment", () => {
  it("deletes every unsent draft of it, named or anonymous, and keeps the answers that were sent", async () => {
    const id = start();
    const other = start();
    const [drafting, draftingAnonymously, sentNamed, sentAnonymously] = await Promise.all(
      Array.from({ length: 4 }, () => consultant()),
    );
    const draftInvitation = await answer(drafting!, id, "named", false);
    const anonymousDraftInvitation = await answer(draftingAnonymously!, id, "anonymous", false);
    await answer(sentNamed!, id, "named", true);
    await answer(sentAnonymously!, id, "anonymous", true);
    await answer(drafting!, other, "named", false);
    const draftIds = [...draftsOf(drafting!), ...draftsOf(draftingAnonymously!)]
      .filter((d) => d.assessmentId === id)
      .map((d) => d.id);
    expect(draftIds).toHaveLength(2);
    expect(draftIds.flatMap(answersOf)).toHaveLength(4);

    staffAnswerAll(id);
    completeAssessment({ ...staff(), assessmentId: id });

    expect(draftIds.flatMap(answersOf)).toEqual([]);
    const left = consultantSets(id);
    expect(left.map((r) => [r.kind, r.consultantId, r.sent instanceof Date])).toEqual(
      expect.arrayContaining([
        ["consultant", sentNamed!.consultantId, true],
        ["anonymous", null, false],
      ]),
    );
    expect(left).toHaveLength(2);
    for (const set of left) expect(answersOf(set.id)).toHaveLength(2);
    // How they chose to answer went with the draft; that they did not send stays.
    expect(invitationOf(id, drafting!)).toMatchObject({ answered: false, answerAs: null });
    expect(invitationOf(id, draftingAnonymously!)).toMatchObject({ answered: false, answerAs: null });
    // A draft for another assessment, still open, is theirs to finish.
    expect(draftsOf(drafting!).map((d) => d.assessmentId)).toEqual([other]);

    // The portal says the questions closed (and that unsent answers were deleted); nothing can be saved.
    for (const [person, invitationId] of [
      [drafting!, draftInvitation],
      [draftingAnonymously!, anonymousDraftInvitation],
    ] as const) {
      const page = await callRoute(
        portalPage.loader,
        makeRequest(`/portal/assessments/${invitationId}`, { cookie: person.cookie }),
        { id: invitationId },
      );
      expect(page.status).toBe(200);
      expect(page.data).toMatchObject({ open: false, answered: false, answerAs: null });
      const save = await post(person, invitationId, {
        intent: "save",
        section: "mission",
        "item.mission-statement": "1",
      });
      expect(save.status).toBe(400);
    }
    expect(draftsOf(drafting!).map((d) => d.assessmentId)).toEqual([other]);

    // Reopened, the consultant starts again from nothing.
    reopenAssessment({ ...staff(), assessmentId: id });
    const page = await callRoute(
      portalPage.loader,
      makeRequest(`/portal/assessments/${draftInvitation}`, { cookie: drafting!.cookie }),
      { id: draftInvitation },
    );
    expect(page.data).toMatchObject({ open: true, answered: false, answerAs: null, progress: { answered: 0 } });
  });
});

describe("erasing a consultant", () => {
  it("deletes every draft of theirs, in any assessment, named or anonymous; answers they sent with their name stay", async () => {
    const [sentHere, draftedAnonymously, draftedNamed] = [start(), start(), start()];
    const [person, bystander] = [await consultant(), await consultant()];
    await answer(person, sentHere, "named", true);
    await answer(person, draftedAnonymously, "anonymous", false);
    await answer(person, draftedNamed, "named", false);
    await answer(bystander, draftedAnonymously, "anonymous", false);
    expect(draftsOf(person)).toHaveLength(2);
    const sent = consultantSets(sentHere).find((r) => r.consultantId === person.consultantId)!;

    forgetConsultant({
      organizationId: world.own.org.id,
      consultantId: person.consultantId,
      actor: { userId: world.own.admin.userId, role: "admin" },
    });

    expect(draftsOf(person)).toEqual([]);
    expect(
      db
        .select()
        .from(assessmentRespondents)
        .where(eq(assessmentRespondents.consultantId, person.consultantId))
        .all()
        .map((r) => r.id),
    ).toEqual([sent.id]);
    expect(answersOf(sent.id).map((a) => [a.itemKey, a.value])).toEqual(
      expect.arrayContaining([
        ["mission-statement", 2],
        ["leadership-support", 3],
      ]),
    );
    for (const id of [draftedAnonymously, draftedNamed]) {
      expect(invitationOf(id, person)).toMatchObject({ answered: false, answerAs: null });
    }
    expect(draftsOf(bystander)).toHaveLength(1);
    expect(invitationOf(draftedAnonymously, bystander).answerAs).toBe("anonymous");
  });
});
