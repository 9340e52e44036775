// Self-assessments, the model against this file's copy of the migrated database (the
// template files are stored by the test setup exactly as `npm run db:migrate` stores them).
import { statusFor } from "../../app/utils/http-errors.server";
import { RuleError } from "../../app/models/errors";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { assessmentAnswers, assessmentRespondents, assessments, auditEvents } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { addAction, gapsOf, listActions, setActionStatus } from "../../app/models/assessment/action-plan.server";
import {
  completeAssessment,
  OpenDraftError,
  openDraftFrom,
  reopenAssessment,
  saveSection,
  startAssessment,
} from "../../app/models/assessment/drafting.server";
import { getAssessment, listAssessments, listLatestTemplates } from "../../app/models/assessment/records.server";
import { assessmentResults } from "../../app/models/assessment/results.server";
import * as listRoute from "../../app/routes/_staff.assessments._index";
import * as fillRoute from "../../app/routes/_staff.assessments.$id._index";
import * as resultsRoute from "../../app/routes/_staff.assessments.$id.results";
import * as partnersRoute from "../../app/routes/_staff.partners";
import { listPartners } from "../../app/models/partner.server";
import { TemplateDefinition } from "../../app/utils/assessment-template";
import { storeTemplates } from "../../db/template-files";
import { cookieFor, createTwoOrganizations } from "../support/factories";
import { callRoute, makeRequest } from "../support/http";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
let world: World;
let readinessId: string;

beforeAll(async () => {
  world = await createTwoOrganizations();
  readinessId = listLatestTemplates().find((t) => t.key === "survivor-informed-readiness")!.id;
});

const own = () => ({ organizationId: world.own.org.id, actorUserId: world.own.staff.userId });

// Most tests want a draft of their own: it is started beside those left open before it, as a
// person may after saying so (see "starting").
function start(title = "Readiness 2026") {
  const alongsideDraftId = openDraftFrom(world.own.org.id, readinessId)?.id;
  return startAssessment({ ...own(), templateId: readinessId, title, creationKey: randomUUID(), alongsideDraftId });
}

function form(entries: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.append(k, v);
  return data;
}

function save(assessmentId: string, sectionKey: string, entries: Record<string, string>) {
  return saveSection({ ...own(), assessmentId, sectionKey, form: form(entries) });
}

/** Answers every item of the readiness template with the same value. */
function answerAll(assessmentId: string, value: string) {
  const { template } = getAssessment(world.own.org.id, assessmentId);
  for (const section of template.sections) {
    save(assessmentId, section.key, Object.fromEntries(section.items.map((i) => [`item.${i.key}`, value])));
  }
}

const ruleError = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RuleError);
    return error as RuleError;
  }
  throw new Error("expected a refusal");
};

const status = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(statusFor(error)).not.toBeNull();
    return statusFor(error);
  }
  throw new Error("expected a refusal");
};

describe("starting", () => {
  it("starts a draft on the newest template version, once per form", () => {
    const key = randomUUID();
    const id = startAssessment({ ...own(), templateId: readinessId, title: "Ours", creationKey: key });
    expect(startAssessment({ ...own(), templateId: readinessId, title: "Ours", creationKey: key })).toBe(id);
    const { assessment, progress } = getAssessment(world.own.org.id, id);
    expect(assessment).toMatchObject({ status: "draft", templateId: readinessId, title: "Ours" });
    expect(progress).toMatchObject({ answered: 0, total: 26 });
  });

  it("refuses a second start from the same checklist while a draft is open, naming the draft, who and when", () => {
    const open = openDraftFrom(world.own.org.id, readinessId)!;
    expect(open).toMatchObject({ title: "Ours", startedByName: world.own.staff.preferredName });
    const count = () =>
      db.select().from(assessments).where(eq(assessments.organizationId, world.own.org.id)).all().length;
    const before = count();
    let refused: unknown;
    try {
      startAssessment({ ...own(), templateId: readinessId, title: "Again", creationKey: randomUUID() });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(OpenDraftError);
    expect((refused as OpenDraftError).draft).toEqual({
      id: open.id,
      title: "Ours",
      startedAt: expect.any(Date),
      startedByName: world.own.staff.preferredName,
    });
    // A made-up id, or a draft of another organization, is no confirmation.
    const theirs = startAssessment({
      organizationId: world.other.org.id,
      actorUserId: world.other.staff.userId,
      templateId: readinessId,
      title: "Theirs",
      creationKey: randomUUID(),
    });
    for (const alongsideDraftId of ["not-a-draft", theirs]) {
      expect(() =>
        startAssessment({
          ...own(),
          templateId: readinessId,
          title: "Again",
          creationKey: randomUUID(),
          alongsideDraftId,
        }),
      ).toThrow(OpenDraftError);
    }
    expect(count()).toBe(before);
  });

  it("starts a second one when the person confirms beside the draft they were shown, and the log says so", () => {
    const open = openDraftFrom(world.own.org.id, readinessId)!;
    const second = startAssessment({
      ...own(),
      templateId: readinessId,
      title: "Second on purpose",
      creationKey: randomUUID(),
      alongsideDraftId: open.id,
    });
    expect(getAssessment(world.own.org.id, second).assessment).toMatchObject({
      status: "draft",
      title: "Second on purpose",
    });
    const logged = db
      .select({ changedFields: auditEvents.changedFields })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "assessment.started"), eq(auditEvents.subjectId, second)))
      .get();
    expect(logged?.changedFields).toEqual(["templateId", "title", "alongsideDraftId"]);
    // The newest open draft is the one offered next time.
    expect(openDraftFrom(world.own.org.id, readinessId)?.id).toBe(second);
  });

  it("is not held up by a draft of another checklist, or by completed ones", () => {
    const mapId = listLatestTemplates().find((t) => t.key === "internal-resource-mapping")!.id;
    // Whatever earlier runs of other tests left open of this checklist is completed first.
    for (let draft = openDraftFrom(world.own.org.id, mapId); draft; draft = openDraftFrom(world.own.org.id, mapId)) {
      completeAssessment({ ...own(), assessmentId: draft.id });
    }
    const first = startAssessment({ ...own(), templateId: mapId, title: "Map one", creationKey: randomUUID() });
    completeAssessment({ ...own(), assessmentId: first });
    expect(openDraftFrom(world.own.org.id, mapId)).toBeUndefined();
    const next = startAssessment({ ...own(), templateId: mapId, title: "Map two", creationKey: randomUUID() });
    expect(openDraftFrom(world.own.org.id, mapId)?.id).toBe(next);
  });

  it("refuses a template that does not exist", () => {
    expect(
      ruleError(() => startAssessment({ ...own(), templateId: "nope", title: "X", creationKey: randomUUID() })).field,
    ).toBe("templateId");
  });
});

describe("saving a section", () => {
  it("keeps the answers that fit and returns a message for the rest", () => {
    const id = start();
    const { errors, saved } = save(id, "fundraising", {
      "item.consent-for-fundraising": "3",
      "item.budget-line": "9",
    });
    expect(errors).toEqual({ "item.budget-line": "staff:assessments.errors.chooseAnswer" });
    expect(saved).toEqual(["consent-for-fundraising"]);
    expect(getAssessment(world.own.org.id, id).answers).toEqual({ "consent-for-fundraising": 3 });
  });

  // Changed with answers kept per person: a colleague's save no longer replaces the answer before it.
  it("clears an answer left empty, and keeps a colleague's answers apart from one's own", () => {
    const id = start();
    save(id, "fundraising", { "item.consent-for-fundraising": "2", "item.budget-line": "na" });
    saveSection({
      organizationId: world.own.org.id,
      actorUserId: world.own.admin.userId,
      assessmentId: id,
      sectionKey: "fundraising",
      form: form({ "item.consent-for-fundraising": "", "item.budget-line": "1" }),
    });
    const rows = db
      .select({
        itemKey: assessmentAnswers.itemKey,
        value: assessmentAnswers.value,
        userId: assessmentRespondents.userId,
      })
      .from(assessmentAnswers)
      .innerJoin(assessmentRespondents, eq(assessmentRespondents.id, assessmentAnswers.respondentId))
      .where(eq(assessmentAnswers.assessmentId, id))
      .all();
    const expected = [
      ["budget-line", "na", world.own.staff.userId],
      ["budget-line", 1, world.own.admin.userId],
      ["consent-for-fundraising", 2, world.own.staff.userId],
    ];
    expect(rows.map((r) => [r.itemKey, r.value, r.userId])).toEqual(expect.arrayContaining(expected));
    expect(rows).toHaveLength(expected.length);
  });

  it("takes several values only where the template has a list; another answer sent twice saves nothing", () => {
    const startOn = (key: string) => {
      const templateId = listLatestTemplates().find((t) => t.key === key)!.id;
      const alongsideDraftId = openDraftFrom(world.own.org.id, templateId)?.id;
      return startAssessment({ ...own(), templateId, title: key, creationKey: randomUUID(), alongsideDraftId });
    };
    const entries = (pairs: [string, string][]) => {
      const data = new FormData();
      for (const [k, v] of pairs) data.append(k, v);
      return data;
    };
    const internal = startOn("internal-resource-mapping");
    const saveInternal = (pairs: [string, string][]) =>
      saveSection({ ...own(), assessmentId: internal, sectionKey: "capacity", form: entries(pairs) });
    expect(
      saveInternal([
        ["item.populations", "Adults"],
        ["item.populations", "Young people"],
        ["item.commitment", "7"],
      ]).errors,
    ).toEqual({});
    const external = startOn("external-resource-mapping");
    const cell = (row: string, column: string) => `item.needs-crisis-response.${row}.${column}`;
    const saveExternal = (pairs: [string, string][]) =>
      saveSection({ ...own(), assessmentId: external, sectionKey: "sector-crisis-response", form: entries(pairs) });
    expect(
      saveExternal([
        [cell("emergency-response", "serves"), "Adult"],
        [cell("emergency-response", "serves"), "Minor"],
        [cell("other-0", "label"), "Night shelter"],
        [cell("other-0", "serves"), "Adult"],
        [cell("other-0", "serves"), "Foreign born"],
      ]).errors,
    ).toEqual({});
    const saved = () => ({
      internal: getAssessment(world.own.org.id, internal).answers,
      external: getAssessment(world.own.org.id, external).answers,
    });
    const before = saved();
    expect(before.internal).toEqual({ populations: ["Adults", "Young people"], commitment: 7 });

    // A number, a choice in a table cell, a row's name, and an answer of another section.
    const refusals = [
      () =>
        saveInternal([
          ["item.populations", "Elders"],
          ["item.commitment", "3"],
          ["item.commitment", "9"],
        ]),
      () =>
        saveExternal([
          [cell("emergency-response", "partnership"), "Yes"],
          [cell("emergency-response", "partnership"), "No"],
        ]),
      () =>
        saveExternal([
          [cell("other-0", "label"), "Night shelter"],
          [cell("other-0", "label"), "Day centre"],
        ]),
      () =>
        saveInternal([
          ["item.commitment", "3"],
          ["item.team-size", "4"],
          ["item.team-size", "40"],
        ]),
    ];
    expect(refusals.map((refuse) => ruleError(refuse).field)).toEqual([
      "item.commitment",
      cell("emergency-response", "partnership"),
      cell("other-0", "label"),
      "item.team-size",
    ]);
    expect(saved()).toEqual(before);
  });

  it("refuses a section that is not in the template, and another organization's assessment", () => {
    const id = start();
    expect(status(() => save(id, "nope", {}))).toBe(404);
    expect(
      status(() =>
        saveSection({
          organizationId: world.other.org.id,
          actorUserId: world.other.staff.userId,
          assessmentId: id,
          sectionKey: "fundraising",
          form: form({ "item.budget-line": "3" }),
        }),
      ),
    ).toBe(404);
    expect(getAssessment(world.own.org.id, id).answers).toEqual({});
    expect(status(() => getAssessment(world.other.org.id, id))).toBe(404);
  });
});

describe("completing and reopening", () => {
  // Changed with honest scores: it is completed once answered (one answer is no longer enough).
  it("locks a completed assessment until someone reopens it, and audits both", () => {
    const id = start();
    answerAll(id, "2");
    completeAssessment({ ...own(), assessmentId: id });
    completeAssessment({ ...own(), assessmentId: id }); // twice: nothing more
    expect(ruleError(() => save(id, "fundraising", { "item.budget-line": "3" })).message).toBe(
      "This assessment is complete. Reopen it to change an answer.",
    );
    reopenAssessment({ ...own(), assessmentId: id });
    save(id, "fundraising", { "item.budget-line": "3" });
    expect(getAssessment(world.own.org.id, id).answers["budget-line"]).toBe(3);
    const actions = db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, "assessment"), eq(auditEvents.subjectId, id)))
      .all()
      .map((a) => a.action);
    expect(actions).toEqual([
      "assessment.started",
      ...Array(6).fill("assessment.section_saved"),
      "assessment.completed",
      "assessment.reopened",
      "assessment.section_saved",
    ]);
  });
});

describe("results", () => {
  it("score each domain and compare with the previous completed assessment of the same template", () => {
    const earlier = start("Readiness 2025");
    answerAll(earlier, "1");
    completeAssessment({ ...own(), assessmentId: earlier });
    db.update(assessments)
      .set({ completedAt: new Date("2025-11-01T12:00:00Z") })
      .where(eq(assessments.id, earlier))
      .run();

    const later = start("Readiness 2026");
    answerAll(later, "2");
    // One domain unchanged, and one left entirely not applicable.
    save(later, "fundraising", { "item.consent-for-fundraising": "1", "item.budget-line": "1" });
    save(later, "partnerships", {
      "item.know-partners": "na",
      "item.survivor-led-partners": "na",
      "item.cover-needs": "na",
    });
    completeAssessment({ ...own(), assessmentId: later });

    const { domains, previous } = assessmentResults(world.own.org.id, later);
    expect(previous?.id).toBe(earlier);
    const byKey = Object.fromEntries(domains.map((d) => [d.key, d]));
    expect(byKey.mission).toMatchObject({ percent: 67, previousPercent: 33, change: "up" });
    expect(byKey.fundraising).toMatchObject({ percent: 33, previousPercent: 33, change: "unchanged" });
    expect(byKey.partnerships).toMatchObject({ percent: null, notApplicable: 3, change: "not comparable" });

    // The earlier one compares with nothing before it.
    expect(assessmentResults(world.own.org.id, earlier).previous).toBeNull();
  });

  it("lists the organization's assessments only", () => {
    const id = start("Only ours");
    expect(listAssessments(world.own.org.id).map((a) => a.id)).toContain(id);
    expect(listAssessments(world.other.org.id).map((a) => a.id)).not.toContain(id);
  });
});

describe("the pages", () => {
  type Reply = { errors: Record<string, string>; submitted?: Record<string, string[]>; formError: string | null };
  let cookie = "";
  beforeAll(async () => {
    cookie = await cookieFor(world.own.staff.userId);
  });
  const post = (id: string, form: Record<string, string>) =>
    callRoute(fillRoute.action, makeRequest(`/assessments/${id}`, { cookie, form }), { id });

  it("start one from the list page, once per form, and refuse a missing name next to the field", async () => {
    const creationKey = randomUUID();
    // Beside the drafts earlier tests left open, as after "Start a new one anyway".
    const alongsideDraftId = openDraftFrom(world.own.org.id, readinessId)!.id;
    const form = { templateId: readinessId, title: "From the page", creationKey, alongsideDraftId };
    const first = await callRoute(listRoute.action, makeRequest("/assessments", { cookie, form }));
    const again = await callRoute(listRoute.action, makeRequest("/assessments", { cookie, form }));
    expect(first.status).toBe(302);
    expect(again.location).toBe(first.location);
    const refused = await callRoute(
      listRoute.action,
      makeRequest("/assessments", { cookie, form: { ...form, title: " ", creationKey: randomUUID() } }),
    );
    expect(refused.status).toBe(400);
    expect((refused.data as { error: Record<string, string[]> }).error.title).toEqual([
      "staff:assessments.errors.nameIt",
    ]);
  });

  it("names the open draft instead of starting a second one, and starts it only with “Start a new one anyway”", async () => {
    const open = openDraftFrom(world.own.org.id, readinessId)!;
    const form = { templateId: readinessId, title: "Second by mistake", creationKey: randomUUID() };
    const refused = await callRoute(listRoute.action, makeRequest("/assessments", { cookie, form }));
    expect(refused.status).toBe(400);
    expect((refused.data as { openDraft: unknown }).openDraft).toMatchObject({
      id: open.id,
      title: open.title,
      startedByName: open.startedByName,
    });
    // What was typed comes back, so starting anyway needs no retyping.
    expect((refused.data as { initialValue: Record<string, string> }).initialValue).toMatchObject({
      title: "Second by mistake",
    });
    const started = await callRoute(
      listRoute.action,
      makeRequest("/assessments", { cookie, form: { ...form, alongsideDraftId: open.id } }),
    );
    expect(started.status).toBe(302);
    expect(started.location).toMatch(/^\/assessments\/[^/]+$/);
    expect(started.location).not.toBe(`/assessments/${open.id}`);
  });

  it("save a section without JavaScript and go on to the next; a refused answer comes back as typed", async () => {
    const id = start();
    const saved = await post(id, {
      intent: "save",
      section: "mission",
      next: "programs",
      "item.mission-statement": "2",
    });
    expect(saved.location).toBe(`/assessments/${id}?section=programs&done=saved`);
    const refused = await post(id, {
      intent: "save",
      section: "fundraising",
      "item.consent-for-fundraising": "3",
      "item.budget-line": "<b>7</b>",
    });
    expect(refused.status).toBe(400);
    const reply = refused.data as Reply;
    expect(reply.errors).toEqual({ "item.budget-line": "staff:assessments.errors.chooseAnswer" });
    expect(reply.submitted?.["item.budget-line"]).toEqual(["<b>7</b>"]);
    expect(getAssessment(world.own.org.id, id).answers).toEqual({
      "mission-statement": 2,
      "consent-for-fundraising": 3,
    });
  });

  it("save as you go with JavaScript: each change answers with the time it was saved", async () => {
    const id = start();
    const result = await post(id, { intent: "autosave", section: "hr", "item.paid-on-time": "1" });
    expect(result.status).toBe(200);
    expect((result.data as { savedAt: string }).savedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(getAssessment(world.own.org.id, id).answers["paid-on-time"]).toBe(1);
  });

  it("show the section asked for, and the results after completing", async () => {
    const id = start();
    const page = await callRoute(fillRoute.loader, makeRequest(`/assessments/${id}?section=outreach`, { cookie }), {
      id,
    });
    expect((page.data as { section: { key: string } }).section.key).toBe("outreach");
    // Changed with honest scores: refused next to the button until enough is answered.
    const refused = await post(id, { intent: "complete" });
    expect(refused.status).toBe(400);
    expect((refused.data as { completeError: string }).completeError).toContain(
      "staff:assessTogether.errors.tooFewToComplete",
    );
    answerAll(id, "3");
    const done = await post(id, { intent: "complete" });
    expect(done.location).toBe(`/assessments/${id}/results?done=completed`);
    const locked = await post(id, { intent: "save", section: "outreach", "item.media-policy": "3" });
    expect((locked.data as Reply).formError).toBe("staff:assessments.errors.completeReopen");
    const results = await callRoute(resultsRoute.loader, makeRequest(`/assessments/${id}/results`, { cookie }), { id });
    expect((results.data as { domains: unknown[] }).domains).toHaveLength(6);
  });
});

describe("the action plan", () => {
  it("offers items below Mostly, adds each once with an owner from the organization, and tracks status", () => {
    const id = start();
    save(id, "fundraising", { "item.consent-for-fundraising": "1", "item.budget-line": "2" });
    save(id, "outreach", { "item.media-policy": "0", "item.no-current-clients": "na" });
    const { template, answers } = getAssessment(world.own.org.id, id);
    expect(gapsOf(template, answers).map((g) => [g.itemKey, g.answerLabel])).toEqual([
      ["media-policy", "Not yet"],
      ["consent-for-fundraising", "Started"],
    ]);

    const add = (itemKey: string, ownerUserId: string | null = world.own.admin.userId) =>
      addAction({
        ...own(),
        assessmentId: id,
        itemKey,
        title: "Write the media policy",
        ownerUserId,
        dueDate: "2027-03-31",
      });
    const actionId = add("media-policy");
    expect(add("media-policy")).toBe(actionId);
    expect(ruleError(() => add("budget-line")).field).toBe("itemKey"); // answered Mostly: not a gap
    expect(ruleError(() => add("consent-for-fundraising", world.other.admin.userId)).field).toBe("ownerUserId");

    setActionStatus({ ...own(), actionId, status: "in_progress" });
    expect(listActions(world.own.org.id, id)).toEqual([
      expect.objectContaining({
        id: actionId,
        status: "in_progress",
        ownerName: expect.any(String),
        dueDate: "2027-03-31",
        item: { text: expect.stringMatching(/^We have a written story-sharing/), section: "Outreach and awareness" },
      }),
    ]);
    expect(
      status(() =>
        setActionStatus({
          organizationId: world.other.org.id,
          actorUserId: world.other.staff.userId,
          actionId,
          status: "done",
        }),
      ),
    ).toBe(404);
    expect(listActions(world.own.org.id, id)[0]!.status).toBe("in_progress");
  });
});

describe("the partner directory", () => {
  it("keeps every provider named on a map, once per name whatever the capitals, with the sectors", async () => {
    const template = TemplateDefinition.parse({
      key: `map-${randomUUID().slice(0, 8)}`,
      version: 1,
      title: "A small map",
      description: "For tests.",
      summary: "puzzle",
      sections: ["Housing", "Legal"].map((title) => ({
        key: title.toLowerCase(),
        title,
        items: [
          {
            key: `needs-${title.toLowerCase()}`,
            type: "table",
            text: `${title} needs`,
            columns: [
              { key: "provider", label: "Provider", type: "text" },
              { key: "contact", label: "Contact", type: "text" },
            ],
            rows: [{ key: "first", label: "First need" }],
            allowOtherRows: true,
          },
        ],
      })),
    });
    db.transaction((tx) => storeTemplates(tx, [{ fileName: "map.json", template }]));
    const templateId = listLatestTemplates().find((t) => t.key === template.key)!.id;
    const id = startAssessment({ ...own(), templateId, title: "Map", creationKey: randomUUID() });
    save(id, "housing", {
      "item.needs-housing.first.provider": "Harbor Shelter",
      "item.needs-housing.first.contact": "Front desk",
      "item.needs-housing.other-0.label": "Storage",
      "item.needs-housing.other-0.provider": "harbor shelter",
    });
    save(id, "legal", { "item.needs-legal.first.provider": "Legal Aid Now" });
    expect(listPartners(world.own.org.id).filter((p) => ["Harbor Shelter", "Legal Aid Now"].includes(p.name))).toEqual([
      expect.objectContaining({ name: "Harbor Shelter", contact: "Front desk", sectors: ["Housing"] }),
      expect.objectContaining({ name: "Legal Aid Now", contact: null, sectors: ["Legal"] }),
    ]);
    expect(listPartners(world.other.org.id).map((p) => p.name)).not.toContain("Harbor Shelter");

    // The partners page shows them to staff of this organization only.
    const names = async (userId: string) =>
      (
        (await callRoute(partnersRoute.loader, makeRequest("/partners", { cookie: await cookieFor(userId) }))).data as {
          partners: { name: string }[];
        }
      ).partners.map((p) => p.name);
    expect(await names(world.own.staff.userId)).toContain("Harbor Shelter");
    expect(await names(world.other.staff.userId)).not.toContain("Harbor Shelter");

    // The map's page offers them again on the sector's provider fields.
    const page = await callRoute(
      fillRoute.loader,
      makeRequest(`/assessments/${id}?section=legal`, { cookie: await cookieFor(world.own.staff.userId) }),
      { id },
    );
    expect((page.data as { partnerNames: string[] }).partnerNames).toEqual(
      expect.arrayContaining(["Harbor Shelter", "Legal Aid Now"]),
    );
  });
});
