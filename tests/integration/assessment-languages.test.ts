// Self-assessments in the reader's language: the staff pages (the list, filling in, results, action
// plan), the dashboard's readiness panel and the funder report's spreadsheet show a template's words
// in Spanish to a reader of Spanish; an assessment begun on a version made before the Spanish keeps that
// version and is shown in English with a note; answers mean the same in either language. Also: the
// command that migrates stores the new versions beside the old. Against this file's database copy.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema";
import { assessments, assessmentTemplates } from "../../db/schema";
import { applyMigrations } from "../../db/connection";
import { readTemplateFiles, storeTemplates } from "../../db/template-files";
import { db } from "../../app/utils/db.server";
import { addAction, listActions } from "../../app/models/assessment/action-plan.server";
import {
  completeAssessment,
  openDraftFrom,
  saveSection,
  startAssessment,
} from "../../app/models/assessment/drafting.server";
import { listLatestTemplates } from "../../app/models/assessment/records.server";
import { readinessProgress } from "../../app/models/dashboard.server";
import { engagementReportCsv } from "../../app/models/engagement-report.server";
import * as listRoute from "../../app/routes/_staff.assessments._index";
import * as fillRoute from "../../app/routes/_staff.assessments.$id._index";
import * as resultsRoute from "../../app/routes/_staff.assessments.$id.results";
import * as actionsRoute from "../../app/routes/_staff.assessments.$id.actions";
import type { Template } from "../../app/utils/assessment-template";
import type { TemplateView } from "../../app/utils/template-translations";
import { cookieFor, createTwoOrganizations } from "../support/factories";
import { callRoute, makeRequest } from "../support/http";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
let world: World;
const cookie = { english: "", spanish: "" };
let readiness: Template;

beforeAll(async () => {
  world = await createTwoOrganizations();
  const session = await cookieFor(world.own.staff.userId);
  cookie.english = session;
  cookie.spanish = `${session}; lang=es`;
  readiness = readTemplateFiles().find((f) => f.template.key === "survivor-informed-readiness")!.template;
});

const own = () => ({ organizationId: world.own.org.id, actorUserId: world.own.staff.userId });
const latest = (key: string) => listLatestTemplates().find((t) => t.key === key)!;

function form(entries: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.append(k, v);
  return data;
}

/**
 * A readiness assessment on the newest version, answered "Fully in place" but for one gap in the
 * mission area, completed. (Every item is answered: a scored assessment needs 80% to complete.)
 */
function completedReadiness(title: string) {
  const templateId = latest(readiness.key).id;
  const alongsideDraftId = openDraftFrom(world.own.org.id, templateId)?.id;
  const id = startAssessment({ ...own(), templateId, title, creationKey: randomUUID(), alongsideDraftId });
  for (const section of readiness.sections) {
    const answers = Object.fromEntries(
      section.items.map((i) => [`item.${i.key}`, i.key === "mission-statement" ? "0" : "3"]),
    );
    saveSection({ ...own(), assessmentId: id, sectionKey: section.key, form: form(answers) });
  }
  completeAssessment({ ...own(), assessmentId: id });
  return id;
}

const load = async <T>(module: { loader: unknown }, url: string, id: string, who: string) =>
  (
    await callRoute(module.loader as Parameters<typeof callRoute>[0], makeRequest(url, { cookie: who }), {
      id,
    })
  ).data as T;

describe("the stored versions", () => {
  it("are the Spanish ones, one version above the English-only first", () => {
    for (const { template } of readTemplateFiles()) {
      const stored = latest(template.key);
      expect(stored.version).toBeGreaterThanOrEqual(2);
      const row = db.select().from(assessmentTemplates).where(eq(assessmentTemplates.id, stored.id)).get()!;
      expect((row.definition as Template).translations?.es).toBeDefined();
    }
  });

  it("the migration command stores the new versions beside the English-only first ones", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "templates-")), "t.db");
    const fresh = drizzle(new Database(file), { schema });
    applyMigrations(fresh);
    // A database migrated before the Spanish: the English-only first versions, one assessment on one.
    const firsts = readTemplateFiles().map(({ fileName, template }) => {
      const { translations: _es, ...english } = template;
      return { fileName, template: { ...english, version: 1 } };
    });
    expect(fresh.transaction((tx) => storeTemplates(tx, firsts))).toBe(3);
    // What `npm run db:migrate` (and the demo seed) do next.
    expect(fresh.transaction((tx) => storeTemplates(tx, readTemplateFiles()))).toBe(3);
    expect(fresh.transaction((tx) => storeTemplates(tx, readTemplateFiles()))).toBe(0);
    const versions = fresh
      .select({ key: assessmentTemplates.key, version: assessmentTemplates.version })
      .from(assessmentTemplates)
      .all()
      .map((r) => `${r.key}@${r.version}`)
      .sort();
    expect(versions).toEqual(
      readTemplateFiles()
        .flatMap(({ template }) => [`${template.key}@1`, `${template.key}@${template.version}`])
        .sort(),
    );
    fresh.$client.close();
  });
});

describe("a reader of Spanish", () => {
  it("fills in the readiness assessment in Spanish: areas, statements and scale; answers save as before", async () => {
    const id = startAssessment({
      ...own(),
      templateId: latest(readiness.key).id,
      title: "Preparación 2027",
      creationKey: randomUUID(),
    });
    type Page = { template: TemplateView; section: TemplateView["sections"][number]; shown: { fallback: string } };
    const page = await load<Page>(fillRoute, `/assessments/${id}?section=mission`, id, cookie.spanish);
    expect(page.shown).toEqual({ language: "es", fallback: "none" });
    expect(page.section.title).toBe("Misión, visión y cultura");
    expect(page.section.items[0]!.text).toMatch(/^Nuestra declaración de misión/);
    expect(page.template.scales.readiness!.options.map((o) => o.label)).toEqual([
      "Todavía no",
      "Iniciado",
      "En su mayoría",
      "Totalmente en marcha",
    ]);
    // The page carries only the reader's words, not every language of the file.
    expect(JSON.stringify(page)).not.toContain('"translations"');

    // The same assessment in English for a colleague who reads English.
    const english = await load<Page>(fillRoute, `/assessments/${id}?section=mission`, id, cookie.english);
    expect(english.section.title).toBe("Mission, vision and culture");
    expect(english.shown).toEqual({ language: "en", fallback: "none" });

    // An answer given on the Spanish page is the same answer.
    const posted = await callRoute(
      fillRoute.action,
      makeRequest(`/assessments/${id}`, {
        cookie: cookie.spanish,
        form: { intent: "save", section: "mission", "item.mission-statement": "2" },
      }),
      { id },
    );
    expect(posted.status).toBe(302);
    const again = await load<{ answers: Record<string, unknown> }>(fillRoute, `/assessments/${id}`, id, cookie.english);
    expect(again.answers["mission-statement"]).toBe(2);
  });

  it("reads results, the action plan, the list, the dashboard and the report's spreadsheet in Spanish", async () => {
    const id = completedReadiness("Preparación anual");
    type Results = { templateTitle: string; domains: { key: string; title: string }[]; shown: { fallback: string } };
    const results = await load<Results>(resultsRoute, `/assessments/${id}/results`, id, cookie.spanish);
    expect(results.templateTitle).toBe("Preparación organizacional informada por sobrevivientes");
    expect(results.domains.map((d) => d.title)).toContain("Recursos humanos y desarrollo del personal");
    expect(results.shown.fallback).toBe("none");

    type Plan = { gaps: { itemKey: string; text: string; sectionTitle: string; answerLabel: string }[] };
    const plan = await load<Plan>(actionsRoute, `/assessments/${id}/actions`, id, cookie.spanish);
    expect(plan.gaps.find((g) => g.itemKey === "mission-statement")).toMatchObject({
      text: expect.stringMatching(/^Nuestra declaración de misión/),
      sectionTitle: "Misión, visión y cultura",
      answerLabel: "Todavía no",
    });
    addAction({
      ...own(),
      assessmentId: id,
      itemKey: "mission-statement",
      title: "Escribir la misión",
      ownerUserId: null,
      dueDate: null,
    });
    expect(listActions(world.own.org.id, id, "es")[0]!.item).toEqual({
      text: expect.stringMatching(/^Nuestra declaración/),
      section: "Misión, visión y cultura",
    });
    expect(listActions(world.own.org.id, id)[0]!.item!.section).toBe("Mission, vision and culture");

    const list = (await callRoute(listRoute.loader, makeRequest("/assessments", { cookie: cookie.spanish }))).data as {
      assessments: { id: string; templateTitle: string }[];
      templates: { key: string; title: string }[];
    };
    expect(list.assessments.find((a) => a.id === id)!.templateTitle).toBe(
      "Preparación organizacional informada por sobrevivientes",
    );
    expect(list.templates.map((t) => t.title)).toEqual(
      expect.arrayContaining(["Mapeo de recursos internos", "Mapeo de recursos externos"]),
    );

    const period = { from: "2000-01-01", to: "2100-12-31" };
    expect(readinessProgress(world.own.org.id, period, "es").latest!.domains[0]!.title).toBe(
      "Misión, visión y cultura",
    );
    expect(readinessProgress(world.own.org.id, period).latest!.domains[0]!.title).toBe("Mission, vision and culture");
    const csv = engagementReportCsv(world.own.org.id, period, "readiness", undefined, "es");
    expect(csv.rows.map((r) => r[0])).toContain("Recaudación de fondos");
  });

  it("sees an assessment begun on a version made before the Spanish in English, with a note, on its own version", async () => {
    // The readiness as it was first published: English only, version 1.
    const { translations: _es, ...english } = readiness;
    db.transaction((tx) =>
      storeTemplates(tx, [{ fileName: "readiness-v1.json", template: { ...english, version: 1 } }]),
    );
    const v1 = db
      .select({ id: assessmentTemplates.id })
      .from(assessmentTemplates)
      .where(and(eq(assessmentTemplates.key, readiness.key), eq(assessmentTemplates.version, 1)))
      .get()!;
    const old = db
      .insert(assessments)
      .values({
        organizationId: world.own.org.id,
        templateId: v1.id,
        title: "Readiness last year",
        startedByUserId: world.own.staff.userId,
        creationKey: randomUUID(),
      })
      .returning({ id: assessments.id })
      .get();

    type Page = { template: TemplateView; section: { title: string }; shown: { language: string; fallback: string } };
    const page = await load<Page>(fillRoute, `/assessments/${old.id}`, old.id, cookie.spanish);
    expect(page.template.version).toBe(1);
    expect(page.shown).toEqual({ language: "en", fallback: "all" });
    expect(page.section.title).toBe("Mission, vision and culture");
    const results = await load<{ shown: { fallback: string }; templateVersion: number }>(
      resultsRoute,
      `/assessments/${old.id}/results`,
      old.id,
      cookie.spanish,
    );
    expect(results).toMatchObject({ shown: { fallback: "all" }, templateVersion: 1 });

    // Its place in the list keeps the English title of that version.
    const list = (await callRoute(listRoute.loader, makeRequest("/assessments", { cookie: cookie.spanish }))).data as {
      assessments: { id: string; templateTitle: string; templateVersion: number }[];
    };
    expect(list.assessments.find((a) => a.id === old.id)).toMatchObject({
      templateTitle: "Survivor-informed organizational readiness",
      templateVersion: 1,
    });
  });

  it("sees the workbook maps' choices in Spanish while the saved answer stays the English option", async () => {
    const map = latest("internal-resource-mapping");
    const id = startAssessment({ ...own(), templateId: map.id, title: "Mapa interno", creationKey: randomUUID() });
    saveSection({ ...own(), assessmentId: id, sectionKey: "capacity", form: form({ "item.stage": "Beginning" }) });
    type Page = { template: TemplateView; section: TemplateView["sections"][number]; answers: Record<string, unknown> };
    const page = await load<Page>(fillRoute, `/assessments/${id}?section=capacity`, id, cookie.spanish);
    const stage = page.section.items.find((i) => i.key === "stage")!;
    expect(stage.type === "choice" && stage.options).toEqual([
      "Beginning",
      "Established programs",
      "Leader in the field",
    ]);
    expect(page.template.optionWords.stage).toEqual({
      Beginning: "Comenzando",
      "Established programs": "Con programas establecidos",
      "Leader in the field": "Como líder en el campo",
    });
    expect(page.answers.stage).toBe("Beginning");
  });
});
