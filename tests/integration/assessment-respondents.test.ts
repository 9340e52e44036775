// Several people answer one self-assessment: each respondent's answers are kept apart and combined
// into the staff view; scores need enough answers behind them; open actions carry over.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { assessmentActions, auditEvents } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { RuleError } from "../../app/models/errors";
import {
  actionsCarriedOn,
  addAction,
  listActions,
  setActionStatus,
} from "../../app/models/assessment/action-plan.server";
import {
  completeAssessment,
  openDraftFrom,
  saveSection,
  startAssessment,
} from "../../app/models/assessment/drafting.server";
import { answeredEnoughToScore } from "../../app/models/assessment/honest-scores.server";
import { getAssessment, listLatestTemplates } from "../../app/models/assessment/records.server";
import { assessmentResults } from "../../app/models/assessment/results.server";
import * as resultsRoute from "../../app/routes/_staff.assessments.$id.results";
import { cookieFor, createTwoOrganizations } from "../support/factories";
import { callRoute, makeRequest } from "../support/http";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
let world: World;
let readinessId: string;

beforeAll(async () => {
  world = await createTwoOrganizations();
  readinessId = listLatestTemplates().find((t) => t.key === "survivor-informed-readiness")!.id;
});

const org = () => world.own.org.id;

function start(title = "Readiness", organizationId = org(), actorUserId = world.own.staff.userId) {
  const alongsideDraftId = openDraftFrom(organizationId, readinessId)?.id;
  return startAssessment({
    organizationId,
    actorUserId,
    templateId: readinessId,
    title,
    creationKey: randomUUID(),
    alongsideDraftId,
  });
}

function save(assessmentId: string, userId: string, sectionKey: string, entries: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(entries)) form.append(k, v);
  return saveSection({ organizationId: org(), actorUserId: userId, assessmentId, sectionKey, form });
}

/** Answers the readiness items in template order, all with `value`, skipping `skip`, up to `count`. */
function answerItems(assessmentId: string, value: string, count = Infinity, skip: string[] = []) {
  const { template } = getAssessment(org(), assessmentId);
  let left = count;
  for (const section of template.sections) {
    const entries: Record<string, string> = {};
    for (const item of section.items) {
      if (left <= 0 || skip.includes(item.key)) continue;
      entries[`item.${item.key}`] = value;
      left--;
    }
    if (Object.keys(entries).length) save(assessmentId, world.own.staff.userId, section.key, entries);
  }
}

describe("each respondent's answers", () => {
  it("are kept apart: two colleagues answering the same item both keep their answer", () => {
    const id = start();
    save(id, world.own.staff.userId, "mission", { "item.mission-statement": "1", "item.story-belongs": "na" });
    save(id, world.own.admin.userId, "mission", { "item.mission-statement": "3", "item.story-belongs": "na" });
    expect(getAssessment(org(), id, "en", world.own.staff.userId).mine).toEqual({
      "mission-statement": 1,
      "story-belongs": "na",
    });
    expect(getAssessment(org(), id, "en", world.own.admin.userId).mine).toEqual({
      "mission-statement": 3,
      "story-belongs": "na",
    });

    // The staff view: per item the mean of the scores, with how far apart they were.
    const view = getAssessment(org(), id);
    expect(view.answers).toEqual({ "mission-statement": 2, "story-belongs": "na" });
    expect(view.spread["mission-statement"]).toEqual({ lowest: 1, highest: 3, scores: 2, notApplicable: 0 });
    expect(view.staffRespondents).toBe(2);
    expect(view.progress.answered).toBe(2);

    // Clearing one's own answer leaves the colleague's.
    save(id, world.own.staff.userId, "mission", { "item.mission-statement": "" });
    expect(getAssessment(org(), id).answers["mission-statement"]).toBe(3);
  });

  it("count as not applicable only when everyone says so; a score beside it is what the item gets", () => {
    const id = start();
    save(id, world.own.staff.userId, "fundraising", { "item.budget-line": "na" });
    save(id, world.own.admin.userId, "fundraising", { "item.budget-line": "1" });
    expect(getAssessment(org(), id).answers["budget-line"]).toBe(1);
  });

  it("are never saved into another organization's assessment", () => {
    const theirs = start("Theirs", world.other.org.id, world.other.staff.userId);
    expect(() => save(theirs, world.own.staff.userId, "mission", { "item.mission-statement": "3" })).toThrow();
    expect(getAssessment(world.other.org.id, theirs).answers).toEqual({});
  });
});

describe("honest scores", () => {
  it("need at least 80% of the items answered, not applicable counting as an answer", () => {
    expect(answeredEnoughToScore(20, 26)).toBe(false);
    expect(answeredEnoughToScore(21, 26)).toBe(true);
    expect(answeredEnoughToScore(4, 5)).toBe(true);
    expect(answeredEnoughToScore(3, 5)).toBe(false);
    expect(answeredEnoughToScore(0, 0)).toBe(false);
  });

  it("one answered item no longer shows 100%, on the results page either", async () => {
    const id = start();
    save(id, world.own.staff.userId, "programs", { "item.paid-at-design": "3" });
    const { domains, overall } = assessmentResults(org(), id);
    expect(domains.find((d) => d.key === "programs")).toMatchObject({ percent: null, scored: 1, items: 5 });
    expect(overall).toMatchObject({ percent: null, answered: 1, items: 26, needed: 21 });
    const page = await callRoute(
      resultsRoute.loader,
      makeRequest(`/assessments/${id}/results`, { cookie: await cookieFor(world.own.staff.userId) }),
      { id },
    );
    const shown = page.data as { domains: { key: string; percent: number | null }[]; overall: { percent: unknown } };
    expect(shown.domains.every((d) => d.percent === null)).toBe(true);
    expect(shown.overall.percent).toBeNull();
  });

  it("refuse to mark an assessment complete below 80%, and allow it at 80% with not applicable answers", () => {
    const id = start();
    answerItems(id, "2", 20);
    let refusal: unknown;
    try {
      completeAssessment({ organizationId: org(), actorUserId: world.own.staff.userId, assessmentId: id });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(RuleError);
    expect((refusal as RuleError).message).toBe(
      "Not yet: only 20 of the 26 items have an answer. At least 21 are needed before it can be marked complete. “Not applicable” counts as an answer.",
    );
    expect(getAssessment(org(), id).assessment.status).toBe("draft");
    // A section's form carries all its answers: the one saved before, and one more.
    save(id, world.own.staff.userId, "hr", { "item.lived-experience-expertise": "2", "item.development-paths": "na" });
    completeAssessment({ organizationId: org(), actorUserId: world.own.staff.userId, assessmentId: id });
    expect(getAssessment(org(), id).assessment.status).toBe("complete");
  });

  it("show an area's score only when the area itself is answered enough, each saying what it rests on", () => {
    const id = start();
    // 24 of 26 answered overall; the mission area has 3 of its 5.
    answerItems(id, "3", Infinity, ["mission-statement", "leadership-support"]);
    const { domains, overall } = assessmentResults(org(), id);
    expect(overall).toMatchObject({ percent: 100, scored: 24, items: 26 });
    expect(domains.find((d) => d.key === "mission")).toMatchObject({ percent: null, answered: 3, items: 5 });
    expect(domains.find((d) => d.key === "hr")).toMatchObject({ percent: 100, scored: 7, items: 7 });
  });

  it("show how far apart the staff were on each area", () => {
    const id = start();
    answerItems(id, "3");
    const { template } = getAssessment(org(), id);
    const mission = template.sections.find((s) => s.key === "mission")!;
    save(id, world.own.admin.userId, "mission", Object.fromEntries(mission.items.map((i) => [`item.${i.key}`, "0"])));
    const area = assessmentResults(org(), id).domains.find((d) => d.key === "mission")!;
    expect(area).toMatchObject({ percent: 50, spread: { lowest: 0, highest: 100, respondents: 2 } });
  });
});

describe("action items", () => {
  it("still open carry over to the next assessment of the checklist, linked to where they came from", () => {
    const first = start("Readiness 2025");
    answerItems(first, "1");
    completeAssessment({ organizationId: org(), actorUserId: world.own.staff.userId, assessmentId: first });
    const add = (itemKey: string) =>
      addAction({
        organizationId: org(),
        actorUserId: world.own.staff.userId,
        assessmentId: first,
        itemKey,
        title: `Work on ${itemKey}`,
        ownerUserId: world.own.admin.userId,
        dueDate: "2027-01-31",
      });
    const open = add("mission-statement");
    const underWay = add("budget-line");
    const done = add("media-policy");
    const scope = { organizationId: org(), actorUserId: world.own.staff.userId };
    setActionStatus({ ...scope, actionId: underWay, status: "in_progress" });
    setActionStatus({ ...scope, actionId: done, status: "done" });
    // Another organization's next assessment takes nothing.
    const theirs = start("Theirs", world.other.org.id, world.other.staff.userId);
    expect(listActions(world.other.org.id, theirs)).toEqual([]);

    const next = start("Readiness 2026");
    const carried = listActions(org(), next);
    expect(carried.map((a) => [a.id, a.status]).sort()).toEqual(
      [
        [open, "open"],
        [underWay, "in_progress"],
      ].sort(),
    );
    const firstAssessment = getAssessment(org(), first).assessment;
    for (const a of carried) {
      expect(a.carriedOverFrom).toEqual({ id: first, title: "Readiness 2025", date: firstAssessment.completedAt });
      expect(a).toMatchObject({ dueDate: "2027-01-31", ownerName: world.own.admin.preferredName });
    }
    // The done one stays where it was; the first assessment says where the others went.
    expect(listActions(org(), first).map((a) => a.id)).toEqual([done]);
    expect(actionsCarriedOn(org(), first)).toEqual({ count: 2, to: { id: next, title: "Readiness 2026" } });
    // Each action is one piece of work, counted once.
    const rows = db
      .select({ id: assessmentActions.id })
      .from(assessmentActions)
      .where(eq(assessmentActions.organizationId, org()))
      .all();
    expect(rows).toHaveLength(3);
    const logged = db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, next), eq(auditEvents.action, "assessment.actions_carried_over")))
      .all();
    expect(logged).toHaveLength(1);

    // Carried again, they keep the assessment they were first planned on.
    const third = start("Readiness 2027");
    expect(listActions(org(), third).map((a) => a.carriedOverFrom?.id)).toEqual([first, first]);
  });
});
