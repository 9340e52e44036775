// An organization's onboarding steps and activity types in English and Spanish: staff write the Spanish
// on the settings pages (saved, audited by language, refused next to its field when too long, nothing
// typed lost), and consultants and staff read each name in their language, with English where it was
// not written (one note for the portal's list). The pages' loaders and actions run against this file's
// own copy of the database.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activityTypes, auditEvents, checklistItems, users } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { consultantChecklist, listChecklistItems } from "../../app/models/checklist.server";
import { listActivityTypes } from "../../app/models/activity-type.server";
import * as checklistRoute from "../../app/routes/_staff.settings.checklist";
import * as activitiesRoute from "../../app/routes/_staff.settings.activities";
import * as myDataRoute from "../../app/routes/portal.my-data._index";
import * as myDataJsonRoute from "../../app/routes/portal.my-data[.json]";
import * as workRoute from "../../app/routes/portal.work.$id";
import * as recordRoute from "../../app/routes/_staff.consultants.$id._index";
import * as engagementRoute from "../../app/routes/_staff.engagements.$id._index";
import * as newEngagementRoute from "../../app/routes/_staff.engagements.new";
import { message as messageOf } from "../../app/i18n/message";
import { cookieFor, createEngagementRecord, createTwoOrganizations } from "../support/factories";
import { callRoute, makeRequest } from "../support/http";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
type Reply = { error?: Record<string, string[] | null>; formId?: string | null; initialValue?: unknown };

let world: World;
const cookie = { admin: "", adminInSpanish: "", consultant: "", staffInSpanish: "" };

beforeAll(async () => {
  world = await createTwoOrganizations();
  cookie.admin = await cookieFor(world.own.admin.userId);
  // A staff member without a saved language follows the language cookie, as the browser sends it.
  cookie.adminInSpanish = `${cookie.admin}; lang=es`;
  cookie.staffInSpanish = `${await cookieFor(world.own.staff.userId)}; lang=es`;
  // The consultant chose Spanish: their portal is in Spanish on any browser.
  db.update(users).set({ preferredLanguage: "es" }).where(eq(users.id, world.own.consultant.userId)).run();
  cookie.consultant = await cookieFor(world.own.consultant.userId);
});

const org = () => world.own.org.id;
const postChecklist = (form: Record<string, string>) =>
  callRoute(checklistRoute.action, makeRequest("/settings/checklist", { cookie: cookie.admin, form }));
const postActivities = (form: Record<string, string>) =>
  callRoute(activitiesRoute.action, makeRequest("/settings/activities", { cookie: cookie.admin, form }));

const step = (label: string) => listChecklistItems(org()).find((i) => i.label === label)!;
const activity = (label: string) =>
  db
    .select()
    .from(activityTypes)
    .where(and(eq(activityTypes.organizationId, org()), eq(activityTypes.label, label)))
    .get()!;

const auditOf = (subjectType: string, subjectId: string) =>
  db
    .select({ action: auditEvents.action, changedFields: auditEvents.changedFields })
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectType, subjectType), eq(auditEvents.subjectId, subjectId)))
    .all();

describe("onboarding steps in Spanish", () => {
  it("are added and renamed with their Spanish, saved as translations and audited by language", async () => {
    const added = await postChecklist({
      intent: "add",
      label: "Welcome call",
      "translations.es.label": "  Llamada de bienvenida  ",
    });
    expect(added.location).toBe("/settings/checklist?done=1");
    const item = step("Welcome call");
    expect(item.translations).toEqual({ es: { label: "Llamada de bienvenida" } });
    expect(auditOf("checklist_item", item.id)).toEqual([
      { action: "checklist.item_added", changedFields: ["label", "position", "translations.es"] },
    ]);

    // A change of the Spanish alone is a rename, audited as the Spanish changing (the words are not logged).
    await postChecklist({
      intent: "rename",
      itemId: item.id,
      label: "Welcome call",
      "translations.es.label": "Llamada de acogida",
    });
    expect(step("Welcome call").translations).toEqual({ es: { label: "Llamada de acogida" } });
    // Emptying the Spanish field removes the Spanish; the English changes at the same time.
    await postChecklist({ intent: "rename", itemId: item.id, label: "First call", "translations.es.label": "" });
    expect(step("First call").translations).toEqual({});
    expect(auditOf("checklist_item", item.id).map((a) => [a.action, a.changedFields])).toEqual([
      ["checklist.item_added", ["label", "position", "translations.es"]],
      ["checklist.item_renamed", ["translations.es"]],
      ["checklist.item_renamed", ["label", "translations.es"]],
    ]);
    const logged = JSON.stringify(auditOf("checklist_item", item.id));
    expect(logged).not.toContain("Llamada");
  });

  it("refuses a Spanish name over the English's limit next to its field, keeping what was typed", async () => {
    const item = listChecklistItems(org())[0]!;
    const before = step(item.label);
    const result = await postChecklist({
      intent: "rename",
      itemId: item.id,
      label: "Agreement signed",
      "translations.es.label": "x".repeat(121),
    });
    expect(result.status).toBe(400);
    const reply = result.data as Reply;
    expect(reply.formId).toBe(`step-${item.id}`);
    expect(reply.error?.["translations.es.label"]).toEqual([messageOf("staff:settings.errors.maxChars", { max: 120 })]);
    expect(reply.initialValue).toMatchObject({ translations: { es: { label: "x".repeat(121) } } });
    expect(step(item.label)).toEqual(before);
  });

  it("are read in the consultant's language, with English and one note where a step has no Spanish", async () => {
    const [first, second] = listChecklistItems(org());
    db.update(checklistItems)
      .set({ translations: { es: { label: "Acuerdo firmado" } } })
      .where(eq(checklistItems.id, first!.id))
      .run();
    expect(consultantChecklist(org(), world.own.consultant.consultantId, "es").slice(0, 2)).toMatchObject([
      { label: "Acuerdo firmado", labelFallback: false },
      { label: second!.label, labelFallback: true },
    ]);
    // English readers see the English, with nothing to say about it.
    expect(consultantChecklist(org(), world.own.consultant.consultantId)[0]).toMatchObject({
      label: first!.label,
      labelFallback: false,
    });

    const page = await callRoute(myDataRoute.loader, makeRequest("/portal/my-data", { cookie: cookie.consultant }));
    const onboarding = (page.data as { onboarding: { label: string; labelLanguage: string }[] }).onboarding;
    // Each name says which language it is in, so the page can mark it and say once that some are in English.
    expect(onboarding[0]).toMatchObject({ label: "Acuerdo firmado", labelLanguage: "es" });
    expect(onboarding[1]).toMatchObject({ label: second!.label, labelLanguage: "en" });

    // The download holds the names as the page shows them.
    const file = await callRoute(
      myDataJsonRoute.loader,
      makeRequest("/portal/my-data.json", { cookie: cookie.consultant }),
    );
    const steps = (JSON.parse(file.data as string) as { onboarding: Record<string, unknown>[] }).onboarding;
    expect(steps[0]).toEqual(expect.objectContaining({ label: "Acuerdo firmado", labelLanguage: "es" }));

    // Staff reading Spanish see the consultant's checklist in Spanish too.
    const record = await callRoute(
      recordRoute.loader,
      makeRequest(`/consultants/${world.own.consultant.consultantId}`, { cookie: cookie.staffInSpanish }),
      { id: world.own.consultant.consultantId },
    );
    expect((record.data as { checklist: { label: string }[] }).checklist[0]!.label).toBe("Acuerdo firmado");
  });
});

describe("activity types in Spanish", () => {
  it("are added with their Spanish, and an existing one is named in Spanish later, audited by language", async () => {
    const added = await postActivities({
      intent: "add",
      stage: "evaluation",
      label: "Listening session",
      "translations.es.label": "Sesión de escucha",
    });
    expect(added.location).toBe("/settings/activities?done=added");
    const row = activity("Listening session");
    expect(row.translations).toEqual({ es: { label: "Sesión de escucha" } });

    const focus = activity("Focus group");
    expect(focus.translations).toEqual({});
    const named = await postActivities({
      intent: "translate",
      activityTypeId: focus.id,
      "translations.es.label": "Grupo focal",
    });
    expect(named.location).toBe("/settings/activities?done=translate");
    expect(activity("Focus group")).toMatchObject({
      label: "Focus group",
      translations: { es: { label: "Grupo focal" } },
    });
    // The same names again change nothing and log nothing more.
    await postActivities({ intent: "translate", activityTypeId: focus.id, "translations.es.label": "Grupo focal" });
    expect(auditOf("activity_type", row.id).map((a) => [a.action, a.changedFields])).toEqual([
      ["activity_type.added", ["stage", "label", "translations.es"]],
    ]);
    expect(auditOf("activity_type", focus.id).map((a) => [a.action, a.changedFields])).toEqual([
      ["activity_type.translated", ["translations.es"]],
    ]);

    // The settings page lists the Spanish beside the English.
    const page = await callRoute(activitiesRoute.loader, makeRequest("/settings/activities", { cookie: cookie.admin }));
    const listed = (page.data as { activities: { id: string; translations: unknown }[] }).activities;
    expect(listed.find((a) => a.id === focus.id)!.translations).toEqual({ es: { label: "Grupo focal" } });
  });

  it("refuses a Spanish name that is too short next to its field, in the form of that activity", async () => {
    const focus = activity("Focus group");
    const result = await postActivities({
      intent: "translate",
      activityTypeId: focus.id,
      "translations.es.label": "G",
    });
    expect(result.status).toBe(400);
    expect(result.data as Reply).toMatchObject({
      formId: `names-${focus.id}`,
      error: { "translations.es.label": ["staff:settings.errors.activityName"] },
    });
    expect(activity("Focus group").translations).toEqual({ es: { label: "Grupo focal" } });
    // Another organization's activity is not found.
    const theirs = listActivityTypes(world.other.org.id)[0]!;
    const foreign = await postActivities({
      intent: "translate",
      activityTypeId: theirs.id,
      "translations.es.label": "Ajeno",
    });
    expect(foreign.status).toBe(404);
    expect(activity("Focus group").translations).toEqual({ es: { label: "Grupo focal" } });
  });

  it("are read in Spanish on the consultant's work page and by Spanish-reading staff, English otherwise", async () => {
    const focus = activity("Focus group");
    const policy = activity("Policy review");
    const withSpanish = createEngagementRecord(org(), world.own.consultant.consultantId, world.own.programId, {
      stage: "evaluation",
      activityTypeId: focus.id,
    });
    const englishOnly = createEngagementRecord(org(), world.own.consultant.consultantId, world.own.programId, {
      stage: "design",
      activityTypeId: policy.id,
    });
    const work = async (id: string) =>
      (
        (await callRoute(workRoute.loader, makeRequest(`/portal/work/${id}`, { cookie: cookie.consultant }), { id }))
          .data as { engagement: { activityLabel: string; activityInEnglish: boolean } }
      ).engagement;
    expect(await work(withSpanish.id)).toMatchObject({ activityLabel: "Grupo focal", activityInEnglish: false });
    expect(await work(englishOnly.id)).toMatchObject({ activityLabel: "Policy review", activityInEnglish: true });

    const staffView = async (who: string) =>
      (
        (
          await callRoute(engagementRoute.loader, makeRequest(`/engagements/${withSpanish.id}`, { cookie: who }), {
            id: withSpanish.id,
          })
        ).data as { engagement: { activityLabel: string } }
      ).engagement.activityLabel;
    expect(await staffView(cookie.staffInSpanish)).toBe("Grupo focal");
    expect(await staffView(cookie.admin)).toBe("Focus group");

    // The engagement form offers them by the reader's names; the choice is still the activity's id.
    const form = await callRoute(
      newEngagementRoute.loader,
      makeRequest("/engagements/new", { cookie: cookie.adminInSpanish }),
    );
    const offered = (form.data as { choices: { activityTypes: { id: string; label: string }[] } }).choices
      .activityTypes;
    expect(offered.find((a) => a.id === focus.id)!.label).toBe("Grupo focal");
    expect(offered.find((a) => a.id === policy.id)!.label).toBe("Policy review");
  });
});
