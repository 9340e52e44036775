// Consent for staff: the overview at /consent (flags, review lists, status matrix), the
// uses register and a use's page, and the dashboard's "Is consent current?" panel. Loaders and
// actions run against this file's own copy of the migrated database, with real sessions.
// Decisions are recorded through the model (the consultant's own portal page is tested elsewhere).
import { randomUUID } from "node:crypto";
import { addDays, subYears } from "date-fns";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, consentUses } from "../../db/schema";
import { isoDay } from "../../app/utils/day";
import { recordConsentDecision } from "../../app/models/consent/decisions.server";
import { sweepConsents } from "../../app/models/consent/lapses.server";
import { organizationToday } from "../../app/models/settings.server";
import { listConsentPurposes } from "../../app/models/consent/purposes.server";
import { db } from "../../app/utils/db.server";
import * as overviewRoute from "../../app/routes/_staff.consent._index";
import * as registerRoute from "../../app/routes/_staff.consent.uses._index";
import * as useRoute from "../../app/routes/_staff.consent.uses.$id";
import * as dashboardRoute from "../../app/routes/_staff.dashboard";
import {
  cookieFor,
  createConsentUseRecord,
  createConsultantRecord,
  createMember,
  createOrganization,
  createTwoOrganizations,
} from "../support/factories";
import { callRoute, makeRequest } from "../support/http";
import { englishErrors } from "../support/messages";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
type Reply = { status?: string; error?: Record<string, string[] | null> };
type OverviewData = Awaited<ReturnType<typeof overviewRoute.loader>>;
type RegisterData = Awaited<ReturnType<typeof registerRoute.loader>>;
type UseData = Awaited<ReturnType<typeof useRoute.loader>>;
type DashboardData = Awaited<ReturnType<typeof dashboardRoute.loader>>;

let world: World;
const cookie = { admin: "", staff: "", consultant: "", otherStaff: "", otherAdmin: "" };

beforeAll(async () => {
  world = await createTwoOrganizations();
  cookie.admin = await cookieFor(world.own.admin.userId);
  cookie.staff = await cookieFor(world.own.staff.userId);
  cookie.consultant = await cookieFor(world.own.consultant.userId);
  cookie.otherStaff = await cookieFor(world.other.staff.userId);
  cookie.otherAdmin = await cookieFor(world.other.admin.userId);
});

// --- helpers -----------------------------------------------------------------------------------

const today = () => isoDay(new Date());
const purposeId = (organizationId: string, key: string) =>
  listConsentPurposes(organizationId).find((p) => p.systemKey === key)!.id;

/** Staff record a consultant's answer from a written form. */
function decide(args: {
  organizationId: string;
  actorUserId: string;
  consultantId: string;
  purpose: string;
  decision: "granted" | "declined";
  expiresOn?: string;
  today?: string;
}) {
  return recordConsentDecision({
    organizationId: args.organizationId,
    consultantId: args.consultantId,
    purposeId: purposeId(args.organizationId, args.purpose),
    decision: args.decision,
    actor: { kind: "staff", userId: args.actorUserId, role: "staff" },
    method: "written_form",
    givenOn: args.today ?? organizationToday(args.organizationId),
    formKeptAt: "Consent binder",
    expiresOn: args.expiresOn,
    creationKey: randomUUID(),
    today: args.today,
  });
}

const grantOwn = (purpose: string, consultantId = world.own.consultant.consultantId) =>
  decide({
    organizationId: world.own.org.id,
    actorUserId: world.own.staff.userId,
    consultantId,
    purpose,
    decision: "granted",
  });

/** The consultant withdraws in the portal (the model call the portal page makes). */
const withdrawOwn = (purpose: string) =>
  recordConsentDecision({
    organizationId: world.own.org.id,
    consultantId: world.own.consultant.consultantId,
    purposeId: purposeId(world.own.org.id, purpose),
    decision: "withdrawn",
    actor: { kind: "consultant", userId: world.own.consultant.userId },
    method: "portal",
    creationKey: randomUUID(),
  });

function newUseForm(values: Record<string, string> = {}) {
  return {
    creationKey: randomUUID(),
    consultantId: world.own.consultant.consultantId,
    purposeId: purposeId(world.own.org.id, "story"),
    description: "Quote in the annual report",
    place: "Annual report, page 4",
    useDate: "",
    reference: "",
    status: "published",
    ...values,
  };
}

const postUse = (form: Record<string, string>, who = cookie.staff) =>
  callRoute(registerRoute.action, makeRequest("/consent/uses", { cookie: who, form }));

function idOfNewUse(location: string | null) {
  const match = /^\/consent\/uses\/([^/?]+)\?done=created$/.exec(location ?? "");
  expect(match, `redirect to ${location}`).not.toBeNull();
  return match![1]!;
}

async function recordUse(values: Record<string, string> = {}, who = cookie.staff) {
  const result = await postUse(newUseForm(values), who);
  expect(result.status, JSON.stringify(result.data)).toBe(302);
  return idOfNewUse(result.location);
}

const postOnUse = (useId: string, form: Record<string, string>, who = cookie.staff) =>
  callRoute(useRoute.action, makeRequest(`/consent/uses/${useId}`, { cookie: who, form }), { id: useId });

async function load<T>(fn: unknown, path: string, who = cookie.staff, params: Record<string, string> = {}) {
  const result = await callRoute(fn, makeRequest(path, { cookie: who }), params);
  expect(result.status, String(result.data)).toBe(200);
  return result.data as T;
}

const dashboard = (who = cookie.staff) => load<DashboardData>(dashboardRoute.loader, "/dashboard", who);
const overview = (query = "", who = cookie.staff) => load<OverviewData>(overviewRoute.loader, `/consent${query}`, who);
const usePage = (useId: string) =>
  load<UseData>(useRoute.loader, `/consent/uses/${useId}`, cookie.staff, { id: useId });

const storedUse = (id: string) => db.select().from(consentUses).where(eq(consentUses.id, id)).get()!;
const useCount = () =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(consentUses)
    .get()!.n;
// In English, as an English-speaking reader sees them (replies carry catalog keys).
const errorsOf = (result: { data: unknown }) => englishErrors((result.data as Reply).error);
const auditOf = (useId: string) =>
  db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectType, "consent_use"), eq(auditEvents.subjectId, useId)))
    .orderBy(sql`rowid`)
    .all();

/** An organization of its own, so the matrix and the review lists count only what a test made. */
async function freshOrganization() {
  const org = createOrganization();
  const staff = await createMember({ organizationId: org.id, role: "staff" });
  return { org, staff, cookie: await cookieFor(staff.userId) };
}

// --- the status matrix -------------------------------------------------------------------------

describe("the consent status matrix", () => {
  it("filters by answer, purpose and consultant status, and counts what it shows", async () => {
    const { org, staff, cookie: who } = await freshOrganization();
    const ana = createConsultantRecord(org.id, { preferredName: "Ana Matrix", status: "active" });
    const ben = createConsultantRecord(org.id, { preferredName: "Ben Matrix", status: "paused" });
    const cy = createConsultantRecord(org.id, { preferredName: "Cy Matrix", status: "active" });
    const scope = { organizationId: org.id, actorUserId: staff.userId };
    decide({ ...scope, consultantId: ana.id, purpose: "story", decision: "granted" });
    decide({ ...scope, consultantId: ana.id, purpose: "photo", decision: "declined" });
    decide({ ...scope, consultantId: ben.id, purpose: "story", decision: "declined" });
    decide({ ...scope, consultantId: cy.id, purpose: "name", decision: "declined" });
    const purposes = listConsentPurposes(org.id);
    const names = (data: OverviewData) => data.matrix.rows.map((r) => r.consultant.preferredName);

    const all = await overview("", who);
    expect(names(all)).toEqual(["Ana Matrix", "Ben Matrix", "Cy Matrix"]);
    expect(all.matrix.columns.map((c) => c.label)).toEqual(purposes.map((p) => p.label));
    expect(all.matrix.consultantTotal).toBe(3);
    expect(all.matrix.counts).toEqual({
      granted: 1,
      declined: 3,
      withdrawn: 0,
      expired: 0,
      not_asked: purposes.length * 3 - 4,
    });
    // Each cell carries its state and end date only: scope notes stay on the consultant's page.
    const anaStory = all.matrix.rows[0]!.cells.find((c) => c.purposeId === purposeId(org.id, "story"))!;
    expect(Object.keys(anaStory).sort()).toEqual(["expiresOn", "purposeId", "state"]);
    expect(anaStory.state).toBe("granted");

    expect(names(await overview("?state=granted", who))).toEqual(["Ana Matrix"]);
    expect(names(await overview("?state=declined", who))).toEqual(["Ana Matrix", "Ben Matrix", "Cy Matrix"]);

    const storyDeclined = await overview(`?purpose=${purposeId(org.id, "story")}&state=declined`, who);
    expect(names(storyDeclined)).toEqual(["Ben Matrix"]);
    expect(storyDeclined.matrix.columns.map((c) => c.id)).toEqual([purposeId(org.id, "story")]);
    expect(storyDeclined.matrix.counts).toEqual({ granted: 0, declined: 1, withdrawn: 0, expired: 0, not_asked: 0 });

    const photoOnly = await overview(`?purpose=${purposeId(org.id, "photo")}`, who);
    expect(names(photoOnly)).toHaveLength(3);
    expect(photoOnly.matrix.counts).toEqual({ granted: 0, declined: 1, withdrawn: 0, expired: 0, not_asked: 2 });

    const activeDeclined = await overview("?status=active&state=declined", who);
    expect(names(activeDeclined)).toEqual(["Ana Matrix", "Cy Matrix"]);
    expect(names(await overview("?status=paused", who))).toEqual(["Ben Matrix"]);
    expect(names(await overview("?status=alumni", who))).toEqual([]);

    // Malformed filters, or another organization's purpose, are dropped rather than obeyed.
    const ignored = await overview(`?state=maybe&status=boss&purpose=${purposeId(world.other.org.id, "story")}`, who);
    expect(names(ignored)).toHaveLength(3);
    expect(ignored.matrix.columns).toHaveLength(purposes.length);
    expect(ignored.matrix.filters).toEqual({ purposeId: undefined, state: undefined, consultantStatus: undefined });
  });

  it("shows a withdrawal as withdrawn, and only this organization's consultants", async () => {
    grantOwn("recording");
    recordConsentDecision({
      organizationId: world.own.org.id,
      consultantId: world.own.consultant.consultantId,
      purposeId: purposeId(world.own.org.id, "recording"),
      decision: "withdrawn",
      actor: { kind: "consultant", userId: world.own.consultant.userId },
      method: "portal",
      creationKey: randomUUID(),
    });
    const data = await overview("?state=withdrawn");
    expect(data.matrix.rows.map((r) => r.consultant.id)).toEqual([world.own.consultant.consultantId]);
    const all = await overview();
    const ids = all.matrix.rows.map((r) => r.consultant.id);
    expect(ids).toContain(world.own.otherConsultant.consultantId);
    expect(ids).not.toContain(world.other.consultant.consultantId);
  });

  it("shows 50 consultants a page, by name, and counts every matching consultant", async () => {
    const { org, staff, cookie: who } = await freshOrganization();
    // Names that sort by their number: "Page 01" to "Page 55".
    const people = Array.from({ length: 55 }, (_, i) =>
      createConsultantRecord(org.id, { preferredName: `Page ${String(i + 1).padStart(2, "0")}` }),
    );
    const scope = { organizationId: org.id, actorUserId: staff.userId };
    // One "yes" on page 1, two on page 2: the counts cover both pages, whichever is shown.
    for (const i of [0, 51, 54])
      decide({ ...scope, consultantId: people[i]!.id, purpose: "story", decision: "granted" });
    const purposeCount = listConsentPurposes(org.id).length;
    const names = (data: OverviewData) => data.matrix.rows.map((r) => r.consultant.preferredName);
    const counts = { granted: 3, declined: 0, withdrawn: 0, expired: 0, not_asked: 55 * purposeCount - 3 };

    const first = await overview("", who);
    expect(names(first)).toHaveLength(50);
    expect(names(first)[0]).toBe("Page 01");
    expect(first.matrix).toMatchObject({ page: 1, pageCount: 2, matchingCount: 55, consultantTotal: 55, counts });

    const second = await overview("?page=2", who);
    expect(names(second)).toEqual(["Page 51", "Page 52", "Page 53", "Page 54", "Page 55"]);
    expect(second.matrix).toMatchObject({ page: 2, pageCount: 2, firstShown: 51, counts });
    expect(second.matrix.rows[1]!.cells.find((c) => c.purposeId === purposeId(org.id, "story"))!.state).toBe("granted");

    // Filters narrow the consultants before they are paged; a page past the end shows the last.
    const granted = await overview("?state=granted&page=9", who);
    expect(names(granted)).toEqual(["Page 01", "Page 52", "Page 55"]);
    expect(granted.matrix).toMatchObject({ page: 1, pageCount: 1, matchingCount: 3 });
    expect(granted.matrix.counts).toEqual({
      granted: 3,
      declined: 0,
      withdrawn: 0,
      expired: 0,
      not_asked: 3 * purposeCount - 3,
    });
    const notAsked = await overview(`?purpose=${purposeId(org.id, "story")}&state=not_asked&page=2`, who);
    expect(notAsked.matrix).toMatchObject({ page: 2, pageCount: 2, matchingCount: 52 });
    expect(names(notAsked)).toEqual(["Page 53", "Page 54"]);
  });

  it("an organization without consultants gets an empty matrix", async () => {
    const { cookie: who } = await freshOrganization();
    const data = await overview("", who);
    expect(data.matrix.rows).toEqual([]);
    expect(data.matrix.consultantTotal).toBe(0);
    expect(data.flaggedUses).toEqual([]);
    expect(data.review).toEqual({ expiringSoon: [], expired: [] });
  });
});

// --- review lists ------------------------------------------------------------------------------

describe("consents for review", () => {
  it("lists a yes ending within 60 days and one that has ended; the server's sweep flags the uses it ends", async () => {
    const { org, staff, cookie: who } = await freshOrganization();
    const soon = createConsultantRecord(org.id, { preferredName: "Soon" });
    const ended = createConsultantRecord(org.id, { preferredName: "Ended" });
    const later = createConsultantRecord(org.id, { preferredName: "Later" });
    const scope = { organizationId: org.id, actorUserId: staff.userId };
    const inTenDays = isoDay(addDays(new Date(), 10));
    decide({ ...scope, consultantId: soon.id, purpose: "story", decision: "granted", expiresOn: inTenDays });
    // Given three years ago, ended last year: the page reads it as ended; the sweep records it.
    const longAgo = isoDay(subYears(new Date(), 3));
    const grant = decide({
      ...scope,
      consultantId: ended.id,
      purpose: "media",
      decision: "granted",
      expiresOn: isoDay(subYears(new Date(), 1)),
      today: longAgo,
    });
    decide({ ...scope, consultantId: later.id, purpose: "story", decision: "granted" }); // default: 3 years
    const use = createConsentUseRecord(org.id, ended.id, {
      purposeKey: "media",
      status: "published",
      description: "Interview on local radio",
      basisEventId: grant.eventId,
    });

    const data = await overview("", who);
    expect(data.review.expiringSoon.map((i) => [i.preferredName, i.expiresOn])).toEqual([["Soon", inTenDays]]);
    expect(data.review.expired.map((i) => [i.preferredName, i.consultantId])).toEqual([["Ended", ended.id]]);
    expect(data.matrix.counts.expired).toBe(1);
    expect((await dashboard(who)).consent.expiredCount).toBe(1);
    // Opening the pages wrote nothing: the use is flagged by the sweep the server runs.
    expect(storedUse(use.id).flaggedAt).toBeNull();
    sweepConsents();
    const swept = await overview("", who);
    expect(swept.review.expired.map((i) => [i.preferredName, i.consultantId])).toEqual([["Ended", ended.id]]);
    expect(swept.flaggedUses.map((u) => [u.id, u.flagCause?.kind])).toEqual([[use.id, "expired"]]);

    const panel = (await dashboard(who)).consent;
    expect(panel.expiringSoonCount).toBe(1);
    expect(panel.expiredCount).toBe(1);
    expect(panel.flaggedUses.map((u) => u.id)).toEqual([use.id]);
  });
});

// --- recording uses ----------------------------------------------------------------------------

describe("recording a use", () => {
  it("records a use that rests on a current yes, audited, and lists it in the register", async () => {
    grantOwn("story");
    const useId = await recordUse({ useDate: today(), reference: "annual-report-2026.pdf" });
    const use = storedUse(useId);
    expect(use).toMatchObject({
      organizationId: world.own.org.id,
      status: "published",
      reference: "annual-report-2026.pdf",
      overrideReason: null,
    });
    expect(use.basisEventId).not.toBeNull();
    expect(auditOf(useId).map((a) => a.action)).toEqual(["consent_use.recorded"]);
    const register = await load<RegisterData>(registerRoute.loader, "/consent/uses");
    expect(register.uses.map((u) => u.id)).toContain(useId);
    expect(register.mayOverride).toBe(false);
  });

  it("a resent form records the use once", async () => {
    grantOwn("story");
    const form = newUseForm({ description: "Quote on the website" });
    const first = await postUse(form);
    const again = await postUse(form);
    expect(again.location).toBe(first.location);
    const id = idOfNewUse(first.location);
    expect(db.select().from(consentUses).where(eq(consentUses.description, "Quote on the website")).all()).toEqual([
      storedUse(id),
    ]);
  });

  it("is refused without consent, with the reason next to the purpose, and nothing is stored", async () => {
    decide({
      organizationId: world.own.org.id,
      actorUserId: world.own.staff.userId,
      consultantId: world.own.consultant.consultantId,
      purpose: "photo",
      decision: "declined",
    });
    const before = useCount();
    const declined = await postUse(newUseForm({ purposeId: purposeId(world.own.org.id, "photo") }));
    expect(declined.status).toBe(400);
    expect(errorsOf(declined).purposeId).toEqual([
      "No current consent for “Photo or image of me”: the consultant said no. Ask them first, then record their answer.",
    ]);
    // What was typed comes back with the reply.
    expect((declined.data as { initialValue?: Record<string, string> }).initialValue?.description).toBe(
      "Quote in the annual report",
    );
    const notAsked = await postUse(newUseForm({ purposeId: purposeId(world.own.org.id, "fundraising") }));
    expect(errorsOf(notAsked).purposeId?.[0]).toMatch(/has not been asked yet/);
    expect(useCount()).toBe(before);
  });

  it("says what is missing in plain words", async () => {
    const result = await postUse(newUseForm({ consultantId: "", purposeId: "", description: " ", place: "" }));
    expect(result.status).toBe(400);
    const errors = errorsOf(result);
    expect(errors.consultantId).toEqual(["Choose the consultant."]);
    expect(errors.purposeId).toEqual(["Choose what it is used for."]);
    expect(errors.description?.[0]).toMatch(/Write what the use is/);
    expect(errors.place?.[0]).toMatch(/Write where it appears/);
  });

  it("an admin can go ahead without consent for a written reason: stored and audited without the reason", async () => {
    const reason = "Ana asked for this in her letter of 3 March; the portal answer is still to come";
    // Without a reason, an admin is refused like anyone else.
    const refused = await postUse(newUseForm({ purposeId: purposeId(world.own.org.id, "fundraising") }), cookie.admin);
    expect(errorsOf(refused).purposeId?.[0]).toMatch(/^No current consent/);
    const id = await recordUse(
      { purposeId: purposeId(world.own.org.id, "fundraising"), status: "planned", overrideReason: reason },
      cookie.admin,
    );
    const use = storedUse(id);
    expect(use.overrideReason).toBe(reason);
    expect(use.overrideByUserId).toBe(world.own.admin.userId);
    expect(use.basisEventId).toBeNull();
    const audit = auditOf(id);
    expect(audit.map((a) => a.action)).toEqual(["consent_use.recorded_with_override"]);
    expect(audit[0]!.changedFields).toContain("overrideReason");
    expect(JSON.stringify(audit)).not.toContain("letter");
    const page = await usePage(id);
    expect(page.use.overrideReason).toBe(reason);
  });

  it("staff cannot go ahead without consent, even when the form sends a reason", async () => {
    const before = useCount();
    const result = await postUse(
      newUseForm({ purposeId: purposeId(world.own.org.id, "fundraising"), overrideReason: "We need it for the gala" }),
    );
    expect(result.status).toBe(400);
    expect(errorsOf(result)[""]).toEqual(["Only an admin can go ahead without consent."]);
    expect(useCount()).toBe(before);
  });
});

// --- withdrawal, the flag and what was done ----------------------------------------------------

describe("a withdrawal flags the uses that rest on it", () => {
  it("shows the flag on the dashboard at once, and resolving it takes it off", async () => {
    grantOwn("social_media");
    const published = await recordUse({
      purposeId: purposeId(world.own.org.id, "social_media"),
      description: "Post about the training",
    });
    const planned = await recordUse({
      purposeId: purposeId(world.own.org.id, "social_media"),
      description: "Video for the autumn campaign",
      status: "planned",
    });
    const flaggedIds = async () => (await dashboard()).consent.flaggedUses.map((u) => u.id);
    expect(await flaggedIds()).not.toContain(published);

    withdrawOwn("social_media");
    expect(await flaggedIds()).toEqual(expect.arrayContaining([published, planned]));
    const panel = (await dashboard()).consent.flaggedUses.find((u) => u.id === published)!;
    expect(panel.flagCause?.kind).toBe("withdrawn");
    expect(panel.description).toBe("Post about the training");
    expect((await overview()).flaggedUses.map((u) => u.id)).toEqual(expect.arrayContaining([published, planned]));
    const register = await load<RegisterData>(registerRoute.loader, "/consent/uses?flagged=1");
    expect(register.flaggedOnly).toBe(true);
    expect(register.uses.every((u) => u.flagOpen)).toBe(true);
    expect(register.uses.map((u) => u.id)).toEqual(expect.arrayContaining([published, planned]));
    const page = await usePage(published);
    expect(page.use.flagOpen).toBe(true);
    expect(page.use.flagCause?.kind).toBe("withdrawn");
    expect(page.use.currentState).toBe("withdrawn");

    // "Something else" needs a note; nothing changes without it.
    const noNote = await postOnUse(published, { intent: "resolve", actionTaken: "other" });
    expect(noNote.status).toBe(400);
    expect(errorsOf(noNote).actionNote).toEqual(["Write what was done."]);
    expect(storedUse(published).actionAt).toBeNull();

    const resolved = await postOnUse(published, { intent: "resolve", actionTaken: "taken_down" });
    expect(resolved.status).toBe(302);
    expect(resolved.location).toBe(`/consent/uses/${published}?done=resolved`);
    expect(storedUse(published)).toMatchObject({ status: "ended", actionTaken: "taken_down" });
    expect(auditOf(published).at(-1)?.action).toBe("consent_use.flag_resolved");
    expect(await flaggedIds()).not.toContain(published);
    expect(await flaggedIds()).toContain(planned);
    expect((await overview()).flaggedUses.map((u) => u.id)).not.toContain(published);

    const other = await postOnUse(planned, {
      intent: "resolve",
      actionTaken: "other",
      actionNote: "Told the video team; the clip was never made.",
    });
    expect(other.status).toBe(302);
    expect(storedUse(planned).actionNote).toBe("Told the video team; the clip was never made.");
    expect(await flaggedIds()).not.toContain(planned);
  });

  it("a planned use cannot be published after the consultant withdrew", async () => {
    grantOwn("fundraising");
    const useId = await recordUse({
      purposeId: purposeId(world.own.org.id, "fundraising"),
      description: "Story in the donor letter",
      status: "planned",
    });
    withdrawOwn("fundraising");
    for (const [who, form] of [
      [cookie.staff, { intent: "status", status: "published" }],
      [cookie.admin, { intent: "status", status: "published", overrideReason: "The letter is already printed" }],
    ] as const) {
      const result = await postOnUse(useId, form, who);
      expect(result.status).toBe(400);
      expect(errorsOf(result).status?.[0]).toMatch(/First record what was done/);
    }
    expect(storedUse(useId).status).toBe("planned");
  });
});

describe("moving a use along", () => {
  it("planned → published → ended with a current yes", async () => {
    grantOwn("share_contact");
    const useId = await recordUse({
      purposeId: purposeId(world.own.org.id, "share_contact"),
      description: "Name on the training credits",
      status: "planned",
    });
    expect((await usePage(useId)).use.currentState).toBe("granted");
    const published = await postOnUse(useId, { intent: "status", status: "published" });
    expect(published.location).toBe(`/consent/uses/${useId}?done=published`);
    expect(storedUse(useId).status).toBe("published");
    const ended = await postOnUse(useId, { intent: "status", status: "ended" });
    expect(ended.location).toBe(`/consent/uses/${useId}?done=ended`);
    expect(storedUse(useId).status).toBe("ended");
    expect(auditOf(useId).map((a) => a.action)).toEqual([
      "consent_use.recorded",
      "consent_use.published",
      "consent_use.ended",
    ]);
  });

  it("publishing without a current yes is refused for staff and needs an admin's reason", async () => {
    const useId = createConsentUseRecord(world.own.org.id, world.own.otherConsultant.consultantId, {
      purposeKey: "media",
      description: "Interview with the city paper",
    }).id;
    const refused = await postOnUse(useId, { intent: "status", status: "published" });
    expect(refused.status).toBe(400);
    expect(errorsOf(refused).status?.[0]).toMatch(/^No current consent for “Media or press contact”/);
    const staffReason = await postOnUse(useId, { intent: "status", status: "published", overrideReason: "Needed" });
    expect(errorsOf(staffReason).status).toEqual(["Only an admin can go ahead without consent."]);
    expect(storedUse(useId).status).toBe("planned");

    const admin = await postOnUse(
      useId,
      { intent: "status", status: "published", overrideReason: "The consultant agreed by phone; form is in the post" },
      cookie.admin,
    );
    expect(admin.status).toBe(302);
    expect(storedUse(useId)).toMatchObject({ status: "published", overrideByUserId: world.own.admin.userId });
    const audit = auditOf(useId).at(-1)!;
    expect(audit.action).toBe("consent_use.published_with_override");
    expect(audit.changedFields).toContain("overrideReason");
    expect(JSON.stringify(audit)).not.toContain("phone");
  });

  it("an empty or unknown form is refused as bad input", async () => {
    const useId = createConsentUseRecord(world.own.org.id, world.own.consultant.consultantId).id;
    const forms: Record<string, string>[] = [{}, { intent: "delete" }, { intent: "status", status: "planned" }];
    for (const form of forms) {
      expect((await postOnUse(useId, form)).status).toBe(400);
    }
  });
});

// --- organizations and roles -------------------------------------------------------------------

describe("isolation", () => {
  it("another organization's staff cannot open or change a use, nor record one for this organization", async () => {
    grantOwn("feedback_reports");
    const useId = await recordUse({
      purposeId: purposeId(world.own.org.id, "feedback_reports"),
      description: "Feedback quoted in the evaluation",
    });
    const before = storedUse(useId);
    for (const who of [cookie.otherStaff, cookie.otherAdmin]) {
      const opened = await callRoute(useRoute.loader, makeRequest(`/consent/uses/${useId}`, { cookie: who }), {
        id: useId,
      });
      expect(opened.status).toBe(404);
      const forms: Record<string, string>[] = [
        { intent: "status", status: "ended" },
        { intent: "resolve", actionTaken: "taken_down" },
      ];
      for (const form of forms) {
        expect((await postOnUse(useId, form, who)).status).toBe(404);
      }
    }
    expect(storedUse(useId)).toEqual(before);

    const count = useCount();
    // This organization's consultant, with the other organization's own purpose: not found.
    const ownConsultant = await postUse(
      newUseForm({ purposeId: purposeId(world.other.org.id, "feedback_reports") }),
      cookie.otherAdmin,
    );
    expect(ownConsultant.status).toBe(404);
    // The other organization's consultant, with this organization's purpose: refused at the purpose.
    const ownPurpose = await postUse(
      newUseForm({ consultantId: world.other.consultant.consultantId, overrideReason: "Trying anyway" }),
      cookie.otherAdmin,
    );
    expect(ownPurpose.status).toBe(400);
    expect(errorsOf(ownPurpose).purposeId).toEqual(["Choose a purpose from the list."]);
    expect(useCount()).toBe(count);

    const theirs = await load<RegisterData>(registerRoute.loader, "/consent/uses", cookie.otherStaff);
    expect(theirs.uses.map((u) => u.id)).not.toContain(useId);
    expect(theirs.choices.consultants.map((c) => c.id)).not.toContain(world.own.consultant.consultantId);
    const theirDashboard = await dashboard(cookie.otherStaff);
    expect(theirDashboard.consent.flaggedUses.map((u) => u.id)).not.toContain(useId);
  });

  it("consultants get 403 on every staff consent page", async () => {
    const useId = createConsentUseRecord(world.own.org.id, world.own.consultant.consultantId).id;
    const calls: [unknown, string, Record<string, string>?][] = [
      [overviewRoute.loader, "/consent"],
      [registerRoute.loader, "/consent/uses"],
      [useRoute.loader, `/consent/uses/${useId}`, { id: useId }],
      [dashboardRoute.loader, "/dashboard"],
    ];
    for (const [fn, path, params] of calls) {
      const result = await callRoute(fn, makeRequest(path, { cookie: cookie.consultant }), params);
      expect(result.status).toBe(403);
    }
    const before = useCount();
    expect((await postUse(newUseForm(), cookie.consultant)).status).toBe(403);
    expect((await postOnUse(useId, { intent: "status", status: "ended" }, cookie.consultant)).status).toBe(403);
    expect(useCount()).toBe(before);
    expect(storedUse(useId).status).toBe("planned");
  });
});
