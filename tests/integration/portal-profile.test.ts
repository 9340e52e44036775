// The portal's "My profile" and "My data": a consultant sees and changes only their own
// record in their active organization, and takes away everything the organization holds about
// them, never anyone else's and never the staff's private notes.
import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, consultants } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { openConsultantFields } from "../../app/models/consultant-fields.server";
import { updateChecklistStep, listChecklistItems } from "../../app/models/checklist.server";
import { changeConsultantStatus } from "../../app/models/consultant/record.server";
import * as portalHome from "../../app/routes/portal._index";
import * as profileRoute from "../../app/routes/portal.profile";
import * as myDataRoute from "../../app/routes/portal.my-data._index";
import * as myDataJsonRoute from "../../app/routes/portal.my-data[.json]";
import * as switchRoute from "../../app/routes/switch-organization";
import { REPO_ROOT } from "../setup/paths";
import {
  addMembership,
  cookieFor,
  createConsultantRecord,
  createMember,
  createOrganization,
} from "../support/factories";
import { callRoute, makeRequest, type RouteResult } from "../support/http";

const short = () => randomUUID().slice(0, 8);
// Distinctive values for what the portal must never show, so a leak anywhere is easy to spot.
const STAFF_NOTE = `staff-note-${short()} private working note`;
const LEGAL_NAME = `Legal-${short()} Fullname`;

type Consultant = Awaited<ReturnType<typeof createMember>> & { consultantId: string; cookie: string };

/** A consultant login with its record in the organization, as after accepting an invitation. */
async function createConsultant(organizationId: string, values: Partial<typeof consultants.$inferInsert> = {}) {
  const member = await createMember({ organizationId, role: "consultant" });
  const record = createConsultantRecord(organizationId, {
    userId: member.userId,
    email: member.email,
    preferredName: `Person ${short()}`,
    staffNotes: STAFF_NOTE,
    legalName: LEGAL_NAME,
    ...values,
  });
  return { ...member, consultantId: record.id, cookie: await cookieFor(member.userId) } satisfies Consultant;
}

/** The row as stored, with the sealed fields opened (ADR 008). */
function record(consultantId: string) {
  const row = db.select().from(consultants).where(eq(consultants.id, consultantId)).get()!;
  return openConsultantFields(row, { organizationId: row.organizationId, consultantId: row.id });
}

/** Everything the form sends, filled in with valid answers. */
function validForm(overrides: Record<string, string | string[]> = {}) {
  return {
    preferredName: "Rosa",
    pronouns: "she/her",
    email: `rosa-${short()}@example.test`,
    phone: "+1 (555) 010-2030",
    preferredChannel: "text",
    emailSafety: "safe",
    phoneSafety: "not_safe",
    textSafety: "safe",
    mailSafety: "ask_first",
    languages: "Spanish, English",
    location: "Oakland",
    availability: "Weekday mornings",
    accessNeeds: "Step-free rooms",
    interpreterLanguage: "",
    needsChildcare: "on",
    supportPerson: "",
    paymentMethod: "check",
    wantsBenefitsNote: "on",
    ...overrides,
  };
}

const loadProfile = (cookie?: string, url = "/portal/profile") =>
  callRoute(profileRoute.loader, makeRequest(url, { cookie }));
const saveProfile = (cookie: string | undefined, form: Record<string, string | string[]>) =>
  callRoute(profileRoute.action, makeRequest("/portal/profile", { cookie, form }));
const loadMyData = (cookie?: string) => callRoute(myDataRoute.loader, makeRequest("/portal/my-data", { cookie }));
const loadMyDataJson = (cookie?: string) =>
  callRoute(myDataJsonRoute.loader, makeRequest("/portal/my-data.json", { cookie }));

type ProfileData = { organizationName: string; defaults: Record<string, unknown> };
type Reply = { status?: string; initialValue?: Record<string, unknown>; error?: Record<string, string[] | null> };

const defaultsOf = (result: RouteResult) => (result.data as ProfileData).defaults;
const parseJson = (result: RouteResult) => JSON.parse(result.data as string) as Record<string, unknown>;

/** Asserts nothing only staff may see is in what a portal route returned. */
function expectNoStaffOnlyData(result: RouteResult) {
  const text = typeof result.data === "string" ? result.data : JSON.stringify(result.data);
  expect(text).not.toContain(STAFF_NOTE);
  expect(text).not.toContain(LEGAL_NAME);
  expect(text).not.toMatch(/staffNotes|"legalName"/);
}

function switchTo(cookie: string, organizationId: string) {
  return callRoute(switchRoute.action, makeRequest("/switch-organization", { cookie, form: { organizationId } }));
}

const org = createOrganization(`Harbor ${short()}`);
let ana: Consultant;
let ben: Consultant;

beforeAll(async () => {
  [ana, ben] = await Promise.all([createConsultant(org.id), createConsultant(org.id)]);
});

describe("who may open the portal's profile and data pages", () => {
  const handlers = [
    ["profile loader", () => profileRoute.loader, "GET"],
    ["profile action", () => profileRoute.action, "POST"],
    ["my-data loader", () => myDataRoute.loader, "GET"],
    ["my-data.json loader", () => myDataJsonRoute.loader, "GET"],
  ] as const;

  it.each(handlers)("%s: staff and admins get 403, a visitor is sent to sign in", async (_name, handler, method) => {
    const [staff, admin] = await Promise.all([
      createMember({ organizationId: org.id, role: "staff" }),
      createMember({ organizationId: org.id, role: "admin" }),
    ]);
    const form = method === "POST" ? validForm() : undefined;
    for (const member of [staff, admin]) {
      const cookie = await cookieFor(member.userId);
      const result = await callRoute(handler(), makeRequest("/portal/profile", { cookie, form }));
      expect(result.status).toBe(403);
    }
    const anonymous = await callRoute(handler(), makeRequest("/portal/profile", { form }));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe("/login");
  });

  it("a consultant without a linked record gets a clear 404 everywhere, and no profile link at home", async () => {
    const loner = await createMember({ organizationId: org.id, role: "consultant" });
    const cookie = await cookieFor(loner.userId);
    for (const result of [
      await loadProfile(cookie),
      await saveProfile(cookie, validForm()),
      await loadMyData(cookie),
      await loadMyDataJson(cookie),
    ]) {
      expect(result.status).toBe(404);
      expect(result.data).toBe("common:consultantRules.noProfile");
    }
    const home = await callRoute(portalHome.loader, makeRequest("/portal", { cookie }));
    expect(home.data).toMatchObject({ hasProfile: false });
    const withRecord = await callRoute(portalHome.loader, makeRequest("/portal", { cookie: ana.cookie }));
    expect(withRecord.data).toMatchObject({ hasProfile: true });
  });
});

describe("my profile", () => {
  it("shows the consultant their own record, ready for the form", async () => {
    const rosa = await createConsultant(org.id, {
      preferredName: "Rosa",
      languages: ["Spanish", "Tigrinya", "ASL"],
      needsTransport: true,
      needsChildcare: false,
      emailSafety: "not_safe",
      paymentMethod: "gift_card",
      preferredChannel: null,
    });
    const result = await loadProfile(rosa.cookie);
    expect(result.status).toBe(200);
    expect(defaultsOf(result)).toMatchObject({
      preferredName: "Rosa",
      email: rosa.email,
      languages: "Spanish, Tigrinya, ASL",
      needsTransport: true,
      needsChildcare: false,
      emailSafety: "not_safe",
      phoneSafety: "ask_first",
      paymentMethod: "gift_card",
      preferredChannel: "",
    });
    expect(JSON.stringify(result.data)).not.toContain(ben.email);
    expectNoStaffOnlyData(result);
  });

  it("an id in the URL changes nothing: the page is always the signed-in person's own record", async () => {
    const result = await loadProfile(ana.cookie, `/portal/profile?id=${ben.consultantId}`);
    expect(defaultsOf(result).email).toBe(ana.email);
    expect(JSON.stringify(result.data)).not.toContain(ben.consultantId);
  });

  it("saves the consultant's changes to their own record only, and says so", async () => {
    const before = record(ben.consultantId);
    const form = validForm({ preferredName: "Ana Lucía", languages: "Tigrinya, Amharic,  tigrinya , Tigrinya" });
    const result = await saveProfile(ana.cookie, form);
    expect(result.status).toBe(302);
    expect(result.location).toBe("/portal/profile?done=saved");

    const saved = record(ana.consultantId);
    expect(saved).toMatchObject({
      preferredName: "Ana Lucía",
      pronouns: "she/her",
      email: form.email,
      phone: "+1 (555) 010-2030",
      preferredChannel: "text",
      emailSafety: "safe",
      phoneSafety: "not_safe",
      textSafety: "safe",
      mailSafety: "ask_first",
      languages: ["Tigrinya", "Amharic", "tigrinya"],
      location: "Oakland",
      needsChildcare: true,
      needsTransport: false,
      interpreterLanguage: null,
      paymentMethod: "check",
      wantsBenefitsNote: true,
      // What only staff may change stays as it was.
      staffNotes: STAFF_NOTE,
      legalName: LEGAL_NAME,
      status: "prospect",
    });
    expect(record(ben.consultantId)).toEqual(before);

    // Staff see it at once: the next load shows the new values.
    expect(defaultsOf(await loadProfile(ana.cookie)).preferredName).toBe("Ana Lucía");
  });

  it("ignores fields the portal does not offer, so nobody can reach another record or staff-only data", async () => {
    const before = record(ben.consultantId);
    const result = await saveProfile(
      ana.cookie,
      validForm({
        preferredName: "Only Mine",
        id: ben.consultantId,
        consultantId: ben.consultantId,
        userId: ben.userId,
        organizationId: createOrganization().id,
        staffNotes: "overwritten by the consultant",
        legalName: "Overwritten Name",
        status: "alumni",
        expertise: "Speaker",
      }),
    );
    expect(result.location).toBe("/portal/profile?done=saved");
    const saved = record(ana.consultantId);
    expect(saved).toMatchObject({
      preferredName: "Only Mine",
      organizationId: org.id,
      userId: ana.userId,
      staffNotes: STAFF_NOTE,
      legalName: LEGAL_NAME,
      status: "prospect",
      expertise: [],
    });
    expect(record(ben.consultantId)).toEqual(before);
  });

  it("writes an audit event that names the changed fields, never their values", async () => {
    const cam = await createConsultant(org.id, { preferredName: "Cam", phone: null, emailSafety: "ask_first" });
    const secretPhone = "+44 20 7946 0958";
    await saveProfile(
      cam.cookie,
      validForm({
        preferredName: "Cam",
        pronouns: "",
        email: cam.email,
        phone: secretPhone,
        preferredChannel: "",
        emailSafety: "ask_first",
        phoneSafety: "ask_first",
        textSafety: "ask_first",
        mailSafety: "ask_first",
        languages: "",
        location: "",
        availability: "",
        accessNeeds: "",
        needsChildcare: [],
        paymentMethod: "undecided",
        wantsBenefitsNote: "on",
      }),
    );
    const events = db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "consultant.updated_own_profile"), eq(auditEvents.subjectId, cam.consultantId)))
      .all();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorUserId: cam.userId, organizationId: org.id, subjectType: "consultant" });
    expect(events[0]!.changedFields.sort()).toEqual(["phone", "wantsBenefitsNote"]);
    expect(JSON.stringify(events[0])).not.toContain(secretPhone);

    // Saving the same answers again changes nothing, so it records nothing.
    await saveProfile(cam.cookie, validForm({ ...(await formOf(cam.cookie)) }));
    expect(
      db
        .select()
        .from(auditEvents)
        .where(
          and(eq(auditEvents.action, "consultant.updated_own_profile"), eq(auditEvents.subjectId, cam.consultantId)),
        )
        .all(),
    ).toHaveLength(1);
  });

  it("stores markup, emoji and non-Latin scripts exactly as typed", async () => {
    const dee = await createConsultant(org.id);
    const name = `<script>alert("hi")</script> 🌻 Ана 名前 ትግርኛ`;
    const accessNeeds = `<b>bold</b> & "quotes" 'apostrophes' — عربى`;
    const result = await saveProfile(
      dee.cookie,
      validForm({ preferredName: name, accessNeeds, pronouns: "они/их", email: dee.email }),
    );
    expect(result.location).toBe("/portal/profile?done=saved");
    expect(record(dee.consultantId)).toMatchObject({ preferredName: name, accessNeeds, pronouns: "они/их" });
    expect(defaultsOf(await loadProfile(dee.cookie))).toMatchObject({ preferredName: name, accessNeeds });
  });
});

/** The form as the page would send it back unchanged. */
async function formOf(cookie: string) {
  const defaults = defaultsOf(await loadProfile(cookie));
  const form: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(defaults)) {
    if (typeof value === "boolean") form[key] = value ? "on" : [];
    else form[key] = String(value);
  }
  return form;
}

describe("bad input", () => {
  const cases: [string, Record<string, string>, string, RegExp][] = [
    // The messages travel as catalog keys; the page shows them in the reader's language.
    ["an empty name", { preferredName: "   " }, "preferredName", /^common:validation\.nameMissing$/],
    [
      "a 5,000-character name",
      { preferredName: "x".repeat(5000) },
      "preferredName",
      /^common:validation\.tooLong\|\{"max":100\}$/,
    ],
    ["a bad email", { email: "rosa at example" }, "email", /^common:consultantRules\.emailInvalid$/],
    ["an unknown safety choice", { emailSafety: "sometimes" }, "emailSafety", /^common:consultantRules\.safety$/],
    ["an unknown contact way", { preferredChannel: "pigeon" }, "preferredChannel", /^common:consultantRules\.channel$/],
    [
      "an unknown payment method",
      { paymentMethod: "bitcoin" },
      "paymentMethod",
      /^common:consultantRules\.paymentMethod$/,
    ],
    ["a phone number with letters", { phone: "call me 555" }, "phone", /^common:consultantRules\.phoneCharacters$/],
    [
      "too many languages",
      { languages: Array.from({ length: 31 }, (_, i) => `Language ${i}`).join(", ") },
      "languages",
      /^common:consultantRules\.languages\.tooMany$/,
    ],
  ];

  it.each(cases)("%s is refused next to the field, with what was typed kept", async (_name, bad, field, message) => {
    const before = record(ana.consultantId);
    const form = validForm({ pronouns: "they/them 🌈", ...bad });
    const result = await saveProfile(ana.cookie, form);
    expect(result.status).toBe(400);
    const reply = result.data as Reply;
    expect(reply.error?.[field]?.join(" ")).toMatch(message);
    expect(reply.initialValue?.[field]).toBe(bad[field]);
    expect(reply.initialValue?.pronouns).toBe("they/them 🌈");
    expect(record(ana.consultantId)).toEqual(before);
  });

  it("an email another consultant in the organization has is refused on the email field", async () => {
    const before = record(ana.consultantId);
    const result = await saveProfile(ana.cookie, validForm({ email: `  ${ben.email.toUpperCase()} ` }));
    expect(result.status).toBe(400);
    const reply = result.data as Reply;
    expect(reply.error?.email).toEqual(["common:consultantRules.emailTaken"]);
    expect(reply.initialValue?.preferredName).toBe("Rosa");
    expect(record(ana.consultantId)).toEqual(before);
  });

  it("the same email in another organization is fine", async () => {
    const elsewhere = createOrganization();
    const other = await createConsultant(elsewhere.id);
    const result = await saveProfile(other.cookie, validForm({ email: ana.email }));
    expect(result.location).toBe("/portal/profile?done=saved");
    expect(record(other.consultantId).email).toBe(ana.email);
  });
});

describe("one person, two organizations", () => {
  it("each organization's portal shows and changes only its own record", async () => {
    const harbor = createOrganization(`A Harbor ${short()}`);
    const northwind = createOrganization(`B Northwind ${short()}`);
    const person = await createMember({ organizationId: harbor.id, role: "consultant" });
    addMembership(person.userId, northwind.id, "consultant");
    const inHarbor = createConsultantRecord(harbor.id, {
      userId: person.userId,
      preferredName: "Harbor Name",
      email: `harbor-${short()}@example.test`,
    });
    const inNorthwind = createConsultantRecord(northwind.id, {
      userId: person.userId,
      preferredName: "Northwind Name",
      email: `northwind-${short()}@example.test`,
    });
    const cookie = await cookieFor(person.userId);

    expect((await switchTo(cookie, harbor.id)).location).toBe("/portal");
    const harborView = await loadProfile(cookie);
    expect(defaultsOf(harborView)).toMatchObject({ preferredName: "Harbor Name", email: inHarbor.email });
    expect(JSON.stringify(harborView.data)).not.toContain("Northwind Name");

    expect((await switchTo(cookie, northwind.id)).location).toBe("/portal");
    const northwindView = await loadProfile(cookie);
    expect(defaultsOf(northwindView)).toMatchObject({ preferredName: "Northwind Name", email: inNorthwind.email });
    expect(JSON.stringify(northwindView.data)).not.toContain("Harbor Name");

    // A change made in Northwind's portal stays in Northwind's record.
    const saved = await saveProfile(cookie, validForm({ preferredName: "Changed in Northwind", email: "" }));
    expect(saved.location).toBe("/portal/profile?done=saved");
    expect(record(inNorthwind.id).preferredName).toBe("Changed in Northwind");
    expect(record(inNorthwind.id).email).toBeNull();
    expect(record(inHarbor.id)).toMatchObject({ preferredName: "Harbor Name", email: inHarbor.email });

    const exported = parseJson(await loadMyDataJson(cookie));
    expect(exported.organization).toBe(northwind.name);
    expect(JSON.stringify(exported)).not.toContain("Harbor Name");
    expect(JSON.stringify(exported)).not.toContain(inHarbor.id);

    await switchTo(cookie, harbor.id);
    expect(defaultsOf(await loadProfile(cookie)).preferredName).toBe("Harbor Name");
  });
});

describe("my data", () => {
  let fay: Consultant;
  let staffUserId: string;

  beforeAll(async () => {
    fay = await createConsultant(org.id, { preferredName: "Fay", languages: ["Dari"], expertise: ["Trainer"] });
    const staff = await createMember({ organizationId: org.id, role: "staff", preferredName: "Coordinator Kim" });
    staffUserId = staff.userId;
    const actor = { userId: staff.userId, role: "staff" as const };
    changeConsultantStatus({
      organizationId: org.id,
      consultantId: fay.consultantId,
      actor,
      status: "onboarding",
      reason: "Agreed to start",
    });
    const [firstStep] = listChecklistItems(org.id);
    updateChecklistStep({
      organizationId: org.id,
      consultantId: fay.consultantId,
      itemId: firstStep!.id,
      actorUserId: staff.userId,
      done: true,
      note: "Signed on paper",
    });
  });

  it("the download holds the consultant's own data and nobody else's, as an attachment", async () => {
    const result = await loadMyDataJson(fay.cookie);
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(result.headers.get("Content-Disposition")).toBe('attachment; filename="my-data.json"');
    expect(result.headers.get("Cache-Control")).toBe("no-store");

    const exported = parseJson(result);
    expect(exported.organization).toBe(org.name);
    expect(exported.profile).toMatchObject({
      id: fay.consultantId,
      preferredName: "Fay",
      email: fay.email,
      languages: ["Dari"],
      expertise: ["Trainer"],
      status: "onboarding",
      legalNameOnFile: true,
    });
    expect(exported.statusHistory).toEqual([
      expect.objectContaining({ fromStatus: "prospect", toStatus: "onboarding", reason: "Agreed to start" }),
    ]);
    const onboarding = exported.onboarding as { label: string; doneAt: string | null; note: string | null }[];
    expect(onboarding).toHaveLength(6);
    expect(onboarding[0]).toMatchObject({ doneByName: "Coordinator Kim", note: "Signed on paper" });
    expect(onboarding[0]!.doneAt).toEqual(expect.any(String));
    expect(onboarding.slice(1).every((step) => step.doneAt === null)).toBe(true);

    const text = result.data as string;
    for (const someoneElse of [ana, ben]) {
      expect(text).not.toContain(someoneElse.email);
      expect(text).not.toContain(record(someoneElse.consultantId).preferredName);
      expect(text).not.toContain(someoneElse.consultantId);
    }
    expect(text).not.toContain(staffUserId);
    expectNoStaffOnlyData(result);
  });

  it("the download's file name carries no name or email", async () => {
    const result = await loadMyDataJson(fay.cookie);
    const disposition = result.headers.get("Content-Disposition") ?? "";
    expect(disposition).not.toMatch(/fay/i);
    expect(disposition).not.toContain("@");
  });

  it("the readable page has the same data", async () => {
    const page = await loadMyData(fay.cookie);
    const json = parseJson(await loadMyDataJson(fay.cookie));
    expect(page.status).toBe(200);
    const data = page.data as Record<string, unknown>;
    // Dates stay Dates for the page and become ISO strings in the file; everything else is equal.
    expect(JSON.parse(JSON.stringify({ ...data, exportedAt: null }))).toEqual({ ...json, exportedAt: null });
    expectNoStaffOnlyData(page);
  });

  it("says when no legal name is on file", async () => {
    const gil = await createConsultant(org.id, { legalName: null });
    expect(parseJson(await loadMyDataJson(gil.cookie)).profile).toMatchObject({ legalNameOnFile: false });
  });

  it("every export is in the audit log", async () => {
    const countExports = () =>
      db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "consultant.data_exported"), eq(auditEvents.subjectId, fay.consultantId)))
        .all().length;
    const before = countExports();
    await loadMyData(fay.cookie);
    await loadMyDataJson(fay.cookie);
    expect(countExports()).toBe(before + 2);
  });
});

// The real server build, as a browser gets the pages: markup typed by a consultant is shown as
// text, personal pages are not cached, and a missing record is explained inside the portal.
describe("the pages over HTTP", () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const { createApp } = (await import(pathToFileURL(path.join(REPO_ROOT, "scripts", "server.mjs")).href)) as {
      createApp: (build: unknown, mode?: string) => { listen: (port: number, cb: () => void) => Server };
    };
    const build = await import(pathToFileURL(path.join(REPO_ROOT, "build", "index.js")).href);
    await new Promise<void>((resolve) => {
      server = createApp(build, "production").listen(0, resolve);
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = (pathname: string, cookie: string) => fetch(`${base}${pathname}`, { headers: { Cookie: cookie } });

  it("markup in a name is escaped on the profile and my-data pages; staff notes never appear", async () => {
    const hal = await createConsultant(org.id, {
      preferredName: `<img src=x onerror=alert(1)> Hal 🌻`,
      accessNeeds: `<script>alert("x")</script>`,
    });
    for (const pathname of ["/portal/profile", "/portal/my-data"]) {
      const response = await get(pathname, hal.cookie);
      expect(response.status).toBe(200);
      expect(response.headers.get("Cache-Control")).toBe("no-store");
      const html = await response.text();
      expect(html).toContain("<title>Portal</title>");
      expect(html).toContain("Quick exit");
      expect(html).not.toContain("<img src=x");
      expect(html).not.toContain('<script>alert("x")');
      expect(html).toContain("&lt;img src=x onerror=alert(1)&gt; Hal 🌻");
      expect(html).not.toContain(STAFF_NOTE);
      expect(html).not.toContain(LEGAL_NAME);
    }
  });

  it("the profile form has no staff-only fields", async () => {
    const html = await (await get("/portal/profile", ana.cookie)).text();
    expect(html).toContain('name="preferredName"');
    for (const staffOnly of ["staffNotes", "legalName", "roleTags", "otherExpertise"]) {
      expect(html).not.toContain(`name="${staffOnly}"`);
    }
    expect(html).not.toMatch(/Private staff notes|Expertise and roles|Legal name/);
  });

  it("the saved notice shows after a save", async () => {
    const html = await (await get("/portal/profile?done=saved", ana.cookie)).text();
    expect(html).toContain("Your changes are saved.");
  });

  it("a consultant without a record sees why, with Quick exit still there", async () => {
    const loner = await createMember({ organizationId: org.id, role: "consultant" });
    const response = await get("/portal/profile", await cookieFor(loner.userId));
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("Your profile is not set up yet. Please ask your contact person.");
    expect(html).toContain("Quick exit");
  });
});
