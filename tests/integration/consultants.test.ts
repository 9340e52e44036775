// Consultant records: the models run against this file's own copy of the migrated
// database. Nothing is mocked: what the tests read back is what the app stored.
import { NotFoundError, RuleError } from "../../app/models/errors";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  assessmentInvitations,
  auditEvents,
  checklistItems,
  consultantChecklistEntries,
  consultants,
  consultantStatusChanges,
  emailOutbox,
  memberships,
  organizations,
  users,
  type ConsultantStatus,
  type ContactSafety,
  type Role,
} from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { openConsultantFields } from "../../app/models/consultant-fields.server";
import { appUrl } from "../../app/utils/env.server";
import { setEmailSenderForTests } from "../../app/utils/email.server";
import { StaffProfileSchema } from "../../app/utils/consultant-schema";
import {
  changeConsultantStatus,
  createConsultant,
  getConsultantForStaff,
  listStatusChanges,
  updateConsultantProfile,
} from "../../app/models/consultant/record.server";
import {
  DIRECTORY_PAGE_SIZE,
  directoryFilterOptions,
  hasAnyConsultant,
  searchConsultants,
  type DirectoryQuery,
} from "../../app/models/consultant/directory.server";
import { findOwnConsultant } from "../../app/models/consultant/own.server";
import {
  addChecklistItem,
  archiveChecklistItem,
  consultantChecklist,
  DEFAULT_CHECKLIST,
  listChecklistItems,
  moveChecklistItem,
  renameChecklistItem,
  updateChecklistStep,
} from "../../app/models/checklist.server";
import { allowedChannels, notifyConsultant } from "../../app/models/contact.server";
import {
  acceptInvitationAtSignIn,
  lookUpInvitation,
  respondToInvitation,
} from "../../app/models/invitation/accept.server";
import { inviteConsultantToPortal, openPortalInvitation } from "../../app/models/invitation/send.server";
import { verifyLogin } from "../../app/utils/auth/sign-in.server";
import { seedDemo } from "../../db/seed";
import { cookieFor, createConsultantRecord, createMember, createOrganization } from "../support/factories";
import { callRoute, makeRequest } from "../support/http";
import * as directoryRoute from "../../app/routes/_staff.consultants._index";

type Actor = { userId: string; role: Role };
type Member = Awaited<ReturnType<typeof createMember>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PORTAL_PASSWORD = "a long portal passphrase";

const short = () => randomUUID().slice(0, 8);
const newEmail = (label = "consultant") => `${label}-${short()}@example.test`;
const actor = (member: Member): Actor => ({ userId: member.userId, role: member.role });

const org = createOrganization(`Harbor ${short()}`);
const otherOrg = createOrganization(`Northwind ${short()}`);

let admin: Member;
let staff: Member;
let otherStaff: Member;

beforeAll(async () => {
  [admin, staff, otherStaff] = await Promise.all([
    createMember({ organizationId: org.id, role: "admin" }),
    createMember({ organizationId: org.id, role: "staff" }),
    createMember({ organizationId: otherOrg.id, role: "staff" }),
  ]);
});
// No email provider: messages stay in the outbox, where the tests read them.
beforeEach(() => setEmailSenderForTests(null));
afterEach(() => setEmailSenderForTests(undefined));

/** What the staff form would hand the model: the raw form values through the real schema. */
function profile(input: Record<string, unknown> = {}) {
  return StaffProfileSchema.parse({ preferredName: `Person ${short()}`, ...input });
}

function create(
  organizationId: string,
  by: Actor,
  input: Record<string, unknown> = {},
  creationKey: string = randomUUID(),
) {
  return createConsultant({ organizationId, actor: by, input: profile(input), creationKey });
}

function update(organizationId: string, consultantId: string, by: Actor, input: Record<string, unknown>) {
  updateConsultantProfile({ organizationId, consultantId, actor: by, input: profile(input) });
}

/** The row as stored, with the sealed fields opened (ADR 008). */
function stored(id: string) {
  const row = db.select().from(consultants).where(eq(consultants.id, id)).get()!;
  return openConsultantFields(row, { organizationId: row.organizationId, consultantId: row.id });
}

function auditOf(subjectId: string, action?: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, subjectId), action ? eq(auditEvents.action, action) : undefined))
    .orderBy(sql`rowid`)
    .all();
}

/** Every audit row as the database holds it, to prove no value ever lands there. */
function rawAuditText() {
  return JSON.stringify(db.$client.prepare("SELECT * FROM audit_events").all());
}

function outboxCount() {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(emailOutbox)
    .get()!.n;
}

function outboxTo(address: string) {
  return db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, address)).all();
}

function statusRows(consultantId: string) {
  return db
    .select()
    .from(consultantStatusChanges)
    .where(eq(consultantStatusChanges.consultantId, consultantId))
    .orderBy(sql`rowid`)
    .all();
}

function search(organizationId: string, query: Partial<DirectoryQuery> = {}) {
  return searchConsultants(organizationId, { sort: "name", page: 1, ...query });
}

const names = (result: { rows: { preferredName: string }[] }) => result.rows.map((r) => r.preferredName);

/**
 * Accepting an invitation as a person does it: the "choose a password" form of the invitation page
 * (a no-op for an email that already has an account), then signing in with the invitation held.
 */
async function acceptAsPerson(args: { token: string; email: string; preferredName?: string; password: string }) {
  if (args.preferredName) {
    await respondToInvitation({ token: args.token, preferredName: args.preferredName, password: args.password });
  }
  const login = await verifyLogin(args.email, args.password, "198.51.100.7", args.token);
  if (!login.ok) throw new RuleError(null, "The sign-in was refused.");
  const joined = acceptInvitationAtSignIn({ token: args.token, userId: login.userId });
  return { userId: login.userId, organizationId: joined?.organizationId };
}

async function thrownBy(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error("Expected the call to throw, but it returned.");
}

async function expectNotFound(fn: () => unknown) {
  const error = await thrownBy(fn);
  expect(error).toBeInstanceOf(NotFoundError);
}

async function expectInputError(fn: () => unknown, field: string) {
  const error = await thrownBy(fn);
  expect(error).toBeInstanceOf(RuleError);
  expect((error as RuleError).field).toBe(field);
  expect((error as RuleError).message).toBeTruthy();
}

/** A new organization (with the default checklist) and a staff member in it. */
async function freshOrganization() {
  const organization = createOrganization();
  const member = await createMember({ organizationId: organization.id, role: "staff" });
  return { id: organization.id, staff: member, actor: actor(member) };
}

function items(organizationId: string) {
  return listChecklistItems(organizationId);
}

/** Ticks the first `count` current steps for a consultant. */
function tickSteps(organizationId: string, consultantId: string, actorUserId: string, count: number) {
  for (const item of items(organizationId).slice(0, count)) {
    updateChecklistStep({ organizationId, consultantId, itemId: item.id, actorUserId, done: true });
  }
}

function tokenOf(link: string) {
  return new URL(link).pathname.split("/").pop()!;
}

// ---------------------------------------------------------------------------------------------

describe("creating a consultant record", () => {
  it("returns the new id and stores what staff typed, as the schema cleaned it", () => {
    const email = newEmail("amara");
    const before = Date.now();
    const id = create(org.id, actor(staff), {
      preferredName: "  Amara  ",
      pronouns: "she/her",
      email: `  ${email.toUpperCase()} `,
      phone: "+1 (555) 010-2030",
      preferredChannel: "text",
      emailSafety: "safe",
      phoneSafety: "not_safe",
      textSafety: "safe",
      languages: "Spanish, Tigrinya ,  ASL, Spanish",
      location: "Oakland, CA",
      roleTags: ["Trainer", "Speaker"],
      otherExpertise: "Curriculum review, Trainer",
      availability: "Weekday mornings",
      accessNeeds: "",
      interpreterLanguage: "Tigrinya",
      needsChildcare: true,
      supportPerson: "",
      paymentMethod: "check",
      wantsBenefitsNote: true,
      staffNotes: "Prefers short calls",
    });
    expect(id).toMatch(UUID);

    const row = stored(id);
    expect(row).toMatchObject({
      organizationId: org.id,
      userId: null,
      createdByUserId: staff.userId,
      preferredName: "Amara",
      pronouns: "she/her",
      email,
      phone: "+1 (555) 010-2030",
      preferredChannel: "text",
      emailSafety: "safe",
      phoneSafety: "not_safe",
      textSafety: "safe",
      // Not chosen in the form: nobody is contacted by mail until someone has asked.
      mailSafety: "ask_first",
      languages: ["Spanish", "Tigrinya", "ASL"],
      location: "Oakland, CA",
      expertise: ["Trainer", "Speaker", "Curriculum review"],
      availability: "Weekday mornings",
      accessNeeds: null,
      interpreterLanguage: "Tigrinya",
      needsChildcare: true,
      needsTransport: false,
      supportPerson: null,
      paymentMethod: "check",
      wantsBenefitsNote: true,
      staffNotes: "Prefers short calls",
      legalName: null,
    });
    expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(row.updatedAt.getTime()).toBeGreaterThanOrEqual(before - 1);
  });

  it("stores long text, markup, emoji and non-Latin scripts exactly as typed", () => {
    const preferredName = `<img src=x onerror=alert(1)> 🌻 Ана 아나 ${short()}`;
    const staffNotes = `${"نص طويل ".repeat(600)}`.slice(0, 5000).trim();
    const id = create(org.id, actor(staff), {
      preferredName,
      staffNotes,
      accessNeeds: '<b>step-free</b> & "quiet" room 🙏',
      languages: "Tigrinya, 中文, العربية",
    });
    const row = stored(id);
    expect(row.preferredName).toBe(preferredName);
    expect(row.staffNotes).toBe(staffNotes);
    expect(row.accessNeeds).toBe('<b>step-free</b> & "quiet" room 🙏');
    expect(row.languages).toEqual(["Tigrinya", "中文", "العربية"]);
  });

  it("makes one record when the same form is submitted twice, and a second one for a new form", () => {
    const key = randomUUID();
    const input = { preferredName: `Twice ${short()}`, email: newEmail("twice") };
    const first = create(org.id, actor(staff), input, key);
    const second = create(org.id, actor(staff), input, key);
    expect(second).toBe(first);
    const sameName = () =>
      db.select().from(consultants).where(eq(consultants.preferredName, input.preferredName)).all();
    expect(sameName()).toHaveLength(1);
    expect(statusRows(first)).toHaveLength(1);
    expect(auditOf(first, "consultant.created")).toHaveLength(1);

    const third = create(org.id, actor(staff), { preferredName: input.preferredName }, randomUUID());
    expect(third).not.toBe(first);
    expect(sameName()).toHaveLength(2);
  });

  it("refuses a second record with the same email in the organization, whatever the case", async () => {
    const email = newEmail("dup");
    const first = create(org.id, actor(staff), { email });
    const name = `Duplicate ${short()}`;
    await expectInputError(
      () => create(org.id, actor(staff), { preferredName: name, email: email.toUpperCase() }),
      "email",
    );
    const error = (await thrownBy(() => create(org.id, actor(staff), { email }))) as Error;
    expect(error.message).toMatch(/already has this email/);
    expect(
      db
        .select()
        .from(consultants)
        .where(eq(consultants.email, email))
        .all()
        .map((r) => r.id),
    ).toEqual([first]);
    expect(db.select().from(consultants).where(eq(consultants.preferredName, name)).all()).toHaveLength(0);
  });

  it("allows the same email in another organization", () => {
    const email = newEmail("shared");
    const own = create(org.id, actor(staff), { email });
    const other = create(otherOrg.id, actor(otherStaff), { email });
    expect(other).not.toBe(own);
    expect(stored(own).organizationId).toBe(org.id);
    expect(stored(other).organizationId).toBe(otherOrg.id);
  });

  it("starts as a prospect with one row in the status log", () => {
    const id = create(org.id, actor(staff));
    expect(stored(id).status).toBe("prospect");
    const log = statusRows(id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      organizationId: org.id,
      fromStatus: null,
      toStatus: "prospect",
      changedByUserId: staff.userId,
    });
  });

  it("audits the creation with field names only, never the values", () => {
    const legalName = `Legalina Ortiz-${short()}`;
    const email = newEmail("audited");
    const staffNotes = `Private note ${short()}`;
    const id = create(org.id, actor(admin), { legalName, email, staffNotes, pronouns: "they/them" });

    const [event, ...more] = auditOf(id, "consultant.created");
    expect(more).toHaveLength(0);
    expect(event).toMatchObject({
      organizationId: org.id,
      actorUserId: admin.userId,
      subjectType: "consultant",
      subjectId: id,
    });
    expect(event!.changedFields).toEqual(
      expect.arrayContaining(["preferredName", "legalName", "email", "staffNotes", "pronouns"]),
    );
    // Fields left empty are not listed as set.
    expect(event!.changedFields).not.toContain("phone");
    for (const field of event!.changedFields) expect(field).toMatch(/^[a-zA-Z]+$/);

    const raw = rawAuditText();
    for (const value of [legalName, email, email.split("@")[0]!, staffNotes, stored(id).preferredName]) {
      expect(raw).not.toContain(value);
    }
  });
});

describe("the legal name", () => {
  it("is ignored when staff who are not admins create a record", () => {
    const id = create(org.id, actor(staff), { legalName: "Not For Staff" });
    expect(stored(id).legalName).toBeNull();
    expect(auditOf(id, "consultant.created")[0]!.changedFields).not.toContain("legalName");
  });

  it("is ignored when staff edit a record, and stays what the admin set", () => {
    const input = { preferredName: `Legal ${short()}`, legalName: "Admin Set Name" };
    const id = create(org.id, actor(admin), input);
    expect(stored(id).legalName).toBe("Admin Set Name");

    update(org.id, id, actor(staff), { ...input, legalName: "Staff Changed It", pronouns: "he/him" });
    expect(stored(id).legalName).toBe("Admin Set Name");
    expect(stored(id).pronouns).toBe("he/him");
    expect(auditOf(id, "consultant.updated").at(-1)!.changedFields).toEqual(["pronouns"]);

    // Staff whose form has no legal name field do not clear it either.
    update(org.id, id, actor(staff), { preferredName: input.preferredName, pronouns: "he/him" });
    expect(stored(id).legalName).toBe("Admin Set Name");
  });

  it("can be set and changed by an admin", () => {
    const input = { preferredName: `Legal ${short()}` };
    const id = create(org.id, actor(admin), input);
    expect(stored(id).legalName).toBeNull();
    update(org.id, id, actor(admin), { ...input, legalName: "Río Ñúñez" });
    expect(stored(id).legalName).toBe("Río Ñúñez");
    expect(auditOf(id, "consultant.updated").at(-1)!.changedFields).toEqual(["legalName"]);
    expect(rawAuditText()).not.toContain("Río Ñúñez");
  });

  it("is shown to admins only when a record is opened", () => {
    const legalName = `Hidden Legal ${short()}`;
    const id = create(org.id, actor(admin), { legalName, staffNotes: "working note" });

    const forStaff = getConsultantForStaff({ organizationId: org.id, consultantId: id, viewer: actor(staff) });
    expect(forStaff.legalName).toBeUndefined();
    expect(JSON.stringify(forStaff)).not.toContain(legalName);
    expect(forStaff.staffNotes).toBe("working note");

    const forAdmin = getConsultantForStaff({ organizationId: org.id, consultantId: id, viewer: actor(admin) });
    expect(forAdmin.legalName).toBe(legalName);
  });

  it("never appears in the directory, and neither do staff notes", async () => {
    const o = await freshOrganization();
    const legalName = `Directory Legal ${short()}`;
    const staffNotes = `Directory note ${short()}`;
    createConsultantRecord(o.id, { preferredName: "Listed", legalName, staffNotes });
    for (const query of [{}, { q: "List" }, { sort: "updated" as const }, { progress: "not-started" as const }]) {
      const result = search(o.id, query);
      expect(result.rows).toHaveLength(1);
      for (const row of result.rows) {
        expect(Object.keys(row)).not.toContain("legalName");
        expect(Object.keys(row)).not.toContain("staffNotes");
      }
      expect(JSON.stringify(result)).not.toContain(legalName);
      expect(JSON.stringify(result)).not.toContain(staffNotes);
    }
    // Searching by the legal name must not reveal whom it belongs to.
    expect(search(o.id, { q: "Directory Legal" }).count).toBe(0);
    expect(directoryFilterOptions(o.id)).toEqual({ expertise: [], languages: [] });
  });
});

describe("opening a record", () => {
  it("answers 404 for a record of another organization and writes no view event", async () => {
    const theirs = create(otherOrg.id, actor(otherStaff));
    await expectNotFound(() =>
      getConsultantForStaff({ organizationId: org.id, consultantId: theirs, viewer: actor(staff) }),
    );
    await expectNotFound(() =>
      getConsultantForStaff({ organizationId: org.id, consultantId: randomUUID(), viewer: actor(staff) }),
    );
    expect(auditOf(theirs, "consultant.viewed")).toHaveLength(0);
  });

  it("writes a view event with the viewer as actor on every view", () => {
    const id = create(org.id, actor(staff));
    getConsultantForStaff({ organizationId: org.id, consultantId: id, viewer: actor(staff) });
    getConsultantForStaff({ organizationId: org.id, consultantId: id, viewer: actor(admin) });
    const views = auditOf(id, "consultant.viewed");
    expect(views).toHaveLength(2);
    expect(views.map((v) => v.actorUserId)).toEqual([staff.userId, admin.userId]);
    for (const view of views) {
      expect(view).toMatchObject({ organizationId: org.id, subjectType: "consultant", changedFields: [] });
    }
  });
});

describe("editing a record", () => {
  it("audits only the names of the fields that changed and moves updatedAt", () => {
    const input = { preferredName: `Edit ${short()}`, email: newEmail("edit"), languages: "English" };
    const id = create(org.id, actor(staff), input);
    const past = new Date(Date.now() - 60_000);
    db.update(consultants).set({ updatedAt: past }).where(eq(consultants.id, id)).run();

    update(org.id, id, actor(staff), { ...input, pronouns: "xe/xem" });
    const [event, ...more] = auditOf(id, "consultant.updated");
    expect(more).toHaveLength(0);
    expect(event).toMatchObject({ actorUserId: staff.userId, organizationId: org.id, changedFields: ["pronouns"] });
    expect(stored(id).updatedAt.getTime()).toBeGreaterThan(past.getTime());

    update(org.id, id, actor(staff), {
      ...input,
      pronouns: "xe/xem",
      languages: "English, Amharic",
      location: "Denver",
    });
    expect(auditOf(id, "consultant.updated").at(-1)!.changedFields.sort()).toEqual(["languages", "location"]);
    expect(stored(id).languages).toEqual(["English", "Amharic"]);
    expect(rawAuditText()).not.toContain("Amharic");
  });

  it("writes nothing when nothing changed", () => {
    const input = {
      preferredName: `Same ${short()}`,
      email: newEmail("same"),
      languages: "English, Farsi",
      roleTags: ["Advisor"],
      otherExpertise: "Housing",
      needsTransport: true,
    };
    const id = create(org.id, actor(staff), input);
    const past = new Date(Date.now() - 60_000);
    db.update(consultants).set({ updatedAt: past }).where(eq(consultants.id, id)).run();

    update(org.id, id, actor(staff), input);
    expect(auditOf(id, "consultant.updated")).toHaveLength(0);
    expect(stored(id).updatedAt.getTime()).toBe(past.getTime());
  });

  it("refuses another consultant's email and leaves the record as it was", async () => {
    const taken = newEmail("taken");
    create(org.id, actor(staff), { email: taken });
    const input = { preferredName: `Mover ${short()}`, email: newEmail("mover") };
    const id = create(org.id, actor(staff), input);
    await expectInputError(() => update(org.id, id, actor(staff), { ...input, email: taken.toUpperCase() }), "email");
    expect(stored(id).email).toBe(input.email);
    expect(auditOf(id, "consultant.updated")).toHaveLength(0);
  });

  it("answers 404 for a record of another organization and changes nothing", async () => {
    const theirs = create(otherOrg.id, actor(otherStaff), { pronouns: "she/her" });
    await expectNotFound(() => update(org.id, theirs, actor(staff), { pronouns: "he/him" }));
    expect(stored(theirs).pronouns).toBe("she/her");
  });
});

describe("status", () => {
  it("logs each change with from, to, reason and who, newest first", () => {
    const id = create(org.id, actor(staff));
    const backdate = () =>
      db
        .update(consultantStatusChanges)
        .set({ changedAt: sql`${consultantStatusChanges.changedAt} - 60000` })
        .where(eq(consultantStatusChanges.consultantId, id))
        .run();
    backdate();
    changeConsultantStatus({
      organizationId: org.id,
      consultantId: id,
      actor: actor(staff),
      status: "onboarding",
      reason: "Agreed on the phone",
    });
    backdate();
    changeConsultantStatus({
      organizationId: org.id,
      consultantId: id,
      actor: actor(admin),
      status: "active",
      reason: null,
    });
    expect(stored(id).status).toBe("active");

    const log = listStatusChanges(org.id, id);
    expect(log.map((c) => [c.fromStatus, c.toStatus, c.reason, c.changedByName])).toEqual([
      ["onboarding", "active", null, admin.preferredName],
      ["prospect", "onboarding", "Agreed on the phone", staff.preferredName],
      [null, "prospect", null, staff.preferredName],
    ]);
    for (const change of log) expect(change.changedAt).toBeInstanceOf(Date);

    const events = auditOf(id, "consultant.status_changed");
    expect(events.map((e) => [e.actorUserId, e.changedFields])).toEqual([
      [staff.userId, ["status", "statusReason"]],
      [admin.userId, ["status"]],
    ]);
    expect(rawAuditText()).not.toContain("Agreed on the phone");
    // Another organization's view of the log is empty.
    expect(listStatusChanges(otherOrg.id, id)).toEqual([]);
  });

  it("refuses to change to the current status", async () => {
    const id = create(org.id, actor(staff));
    await expectInputError(
      () =>
        changeConsultantStatus({
          organizationId: org.id,
          consultantId: id,
          actor: actor(staff),
          status: "prospect",
          reason: null,
        }),
      "status",
    );
    expect(statusRows(id)).toHaveLength(1);
    expect(auditOf(id, "consultant.status_changed")).toHaveLength(0);
  });

  it("answers 404 for a record of another organization and changes nothing", async () => {
    const theirs = create(otherOrg.id, actor(otherStaff));
    await expectNotFound(() =>
      changeConsultantStatus({
        organizationId: org.id,
        consultantId: theirs,
        actor: actor(staff),
        status: "active",
        reason: null,
      }),
    );
    expect(stored(theirs).status).toBe("prospect");
    expect(statusRows(theirs)).toHaveLength(1);
  });
});

describe("the directory", () => {
  it("finds names case-insensitively by any part, taking % _ and \\ literally", async () => {
    const o = await freshOrganization();
    for (const preferredName of [
      "Amelia Stone",
      "amelie",
      "Bert",
      "100% Maya",
      "Maya_B",
      "MayaXB",
      "Back\\slash",
      "Тимур",
    ]) {
      createConsultantRecord(o.id, { preferredName });
    }
    expect(names(search(o.id, { q: "AMEL" }))).toEqual(["Amelia Stone", "amelie"]);
    expect(names(search(o.id, { q: "stone" }))).toEqual(["Amelia Stone"]);
    expect(names(search(o.id, { q: "%" }))).toEqual(["100% Maya"]);
    expect(names(search(o.id, { q: "a_b" }))).toEqual(["Maya_B"]);
    expect(names(search(o.id, { q: "_" }))).toEqual(["Maya_B"]);
    expect(names(search(o.id, { q: "\\" }))).toEqual(["Back\\slash"]);
    expect(names(search(o.id, { q: "Тим" }))).toEqual(["Тимур"]);
    const none = search(o.id, { q: "nobody like this" });
    expect(none).toMatchObject({ rows: [], count: 0, pageCount: 1 });
    expect(search(o.id).count).toBe(8);
  });

  it("filters by status, expertise tag and language (any case), and combines filters", async () => {
    const o = await freshOrganization();
    createConsultantRecord(o.id, {
      preferredName: "Ada",
      status: "active",
      expertise: ["Trainer"],
      languages: ["English"],
    });
    createConsultantRecord(o.id, {
      preferredName: "Bea",
      status: "active",
      expertise: ["Speaker", "Housing"],
      languages: ["Tigrinya", "English"],
    });
    createConsultantRecord(o.id, {
      preferredName: "Cy",
      status: "paused",
      expertise: ["Housing"],
      languages: ["tigrinya"],
    });
    createConsultantRecord(o.id, { preferredName: "Di", status: "prospect" });

    expect(names(search(o.id, { status: "active" }))).toEqual(["Ada", "Bea"]);
    expect(names(search(o.id, { status: "alumni" }))).toEqual([]);
    expect(names(search(o.id, { expertise: "Housing" }))).toEqual(["Bea", "Cy"]);
    expect(names(search(o.id, { expertise: "Trainer" }))).toEqual(["Ada"]);
    expect(names(search(o.id, { language: "TIGRINYA" }))).toEqual(["Bea", "Cy"]);
    expect(names(search(o.id, { language: "english" }))).toEqual(["Ada", "Bea"]);
    expect(names(search(o.id, { language: "Tig" }))).toEqual([]);
    const combined = search(o.id, { status: "active", expertise: "Housing", language: "tigrinya", q: "b" });
    expect(names(combined)).toEqual(["Bea"]);
    expect(combined.count).toBe(1);
  });

  it("filters and sorts by onboarding progress", async () => {
    const o = await freshOrganization();
    const none = createConsultantRecord(o.id, { preferredName: "Not started" });
    const some = createConsultantRecord(o.id, { preferredName: "Some steps" });
    const more = createConsultantRecord(o.id, { preferredName: "More steps" });
    const all = createConsultantRecord(o.id, { preferredName: "All steps" });
    tickSteps(o.id, some.id, o.staff.userId, 2);
    tickSteps(o.id, more.id, o.staff.userId, 5);
    tickSteps(o.id, all.id, o.staff.userId, 6);
    // A step ticked and unticked again does not count.
    updateChecklistStep({
      organizationId: o.id,
      consultantId: none.id,
      itemId: items(o.id)[0]!.id,
      actorUserId: o.staff.userId,
      done: true,
    });
    updateChecklistStep({
      organizationId: o.id,
      consultantId: none.id,
      itemId: items(o.id)[0]!.id,
      actorUserId: o.staff.userId,
      done: false,
    });

    expect(names(search(o.id, { progress: "not-started" }))).toEqual(["Not started"]);
    expect(names(search(o.id, { progress: "in-progress" }))).toEqual(["More steps", "Some steps"]);
    expect(names(search(o.id, { progress: "complete" }))).toEqual(["All steps"]);

    const byProgress = search(o.id, { sort: "progress" });
    expect(byProgress.totalSteps).toBe(6);
    expect(byProgress.rows.map((r) => [r.preferredName, r.doneSteps])).toEqual([
      ["All steps", 6],
      ["More steps", 5],
      ["Some steps", 2],
      ["Not started", 0],
    ]);
  });

  it("sorts by name, status and most recently updated", async () => {
    const o = await freshOrganization();
    const make = (preferredName: string, status: ConsultantStatus, minutesAgo: number) =>
      createConsultantRecord(o.id, { preferredName, status, updatedAt: new Date(Date.now() - minutesAgo * 60_000) });
    make("carol", "prospect", 30);
    make("Bob", "alumni", 10);
    make("alice", "active", 20);
    make("Dan", "onboarding", 40);
    make("Eve", "paused", 5);
    make("abe", "active", 50);

    expect(names(search(o.id, { sort: "name" }))).toEqual(["abe", "alice", "Bob", "carol", "Dan", "Eve"]);
    expect(names(search(o.id, { sort: "status" }))).toEqual(["carol", "Dan", "abe", "alice", "Eve", "Bob"]);
    expect(names(search(o.id, { sort: "updated" }))).toEqual(["Eve", "Bob", "alice", "carol", "Dan", "abe"]);
  });

  it("pages through the results", async () => {
    const o = await freshOrganization();
    const total = DIRECTORY_PAGE_SIZE + 2;
    for (let i = 1; i <= total; i++) {
      createConsultantRecord(o.id, { preferredName: `Paged ${String(i).padStart(2, "0")}` });
    }
    const first = search(o.id, { page: 1 });
    const second = search(o.id, { page: 2 });
    expect(first.rows).toHaveLength(DIRECTORY_PAGE_SIZE);
    expect(second.rows).toHaveLength(2);
    for (const page of [first, second]) expect(page).toMatchObject({ count: total, pageCount: 2 });
    expect(names(first)[0]).toBe("Paged 01");
    expect(names(second)).toEqual([`Paged ${total - 1}`, `Paged ${total}`]);
    const ids = [...first.rows, ...second.rows].map((r) => r.id);
    expect(new Set(ids).size).toBe(total);
    expect(search(o.id, { page: 3 }).rows).toEqual([]);

    const filtered = search(o.id, { q: "Paged 0" });
    expect(filtered).toMatchObject({ count: 9, pageCount: 1 });
  });

  it("builds a search's directory once per request, and offers a new language at once", async () => {
    const o = await freshOrganization();
    const who = await cookieFor(o.staff.userId);
    create(o.id, o.actor, { preferredName: "Once Only", languages: "Somali" });
    const context = { clientIp: "203.0.113.9" };
    const searched = await callRoute(
      directoryRoute.action,
      makeRequest("/consultants?index", { cookie: who, form: { q: "Once" } }),
      {},
      context,
    );
    // Remix then runs the loader with the same request's context: it gives back the same view.
    const loaded = await callRoute(directoryRoute.loader, makeRequest("/consultants", { cookie: who }), {}, context);
    expect(loaded.data).toBe(searched.data);
    const fresh = await callRoute(directoryRoute.loader, makeRequest("/consultants", { cookie: who }));
    expect(fresh.data).not.toBe(searched.data);
    expect((fresh.data as { options: { languages: string[] } }).options.languages).toEqual(["Somali"]);

    // The menus are kept for a minute, but a new or changed consultant shows in them at once.
    create(o.id, o.actor, { languages: "Tigrinya" });
    const again = await callRoute(directoryRoute.loader, makeRequest("/consultants", { cookie: who }));
    expect((again.data as { options: { languages: string[] } }).options.languages).toEqual(["Somali", "Tigrinya"]);
  });

  it("shows only this organization's consultants, tags and languages", async () => {
    const own = await freshOrganization();
    const other = await freshOrganization();
    expect(hasAnyConsultant(own.id)).toBe(false);
    const mine = createConsultantRecord(own.id, {
      preferredName: "Shared Name",
      status: "active",
      expertise: ["Trainer", "Own tag"],
      languages: ["English", "Somali"],
    });
    const theirs = createConsultantRecord(other.id, {
      preferredName: "Shared Name",
      status: "active",
      expertise: ["Trainer", "Their tag"],
      languages: ["English", "Quechua"],
    });
    tickSteps(other.id, theirs.id, other.staff.userId, 6);
    expect(hasAnyConsultant(own.id)).toBe(true);

    const queries: Partial<DirectoryQuery>[] = [
      {},
      { q: "Shared" },
      { status: "active" },
      { expertise: "Trainer" },
      { language: "english" },
      { sort: "progress" },
      { sort: "updated" },
    ];
    for (const query of queries) {
      const result = search(own.id, query);
      expect(result.rows.map((r) => r.id)).toEqual([mine.id]);
      expect(result.count).toBe(1);
    }
    expect(search(own.id, { expertise: "Their tag" }).count).toBe(0);
    expect(search(own.id, { language: "Quechua" }).count).toBe(0);
    expect(search(own.id, { progress: "complete" }).count).toBe(0);

    expect(directoryFilterOptions(own.id)).toEqual({
      expertise: ["Own tag", "Trainer"],
      languages: ["English", "Somali"],
    });
    expect(directoryFilterOptions(other.id)).toEqual({
      expertise: ["Their tag", "Trainer"],
      languages: ["English", "Quechua"],
    });
  });
});

describe("the onboarding checklist", () => {
  it("starts with the six default steps: the W-9 step known to tax totals, the last completed by the product", () => {
    const list = items(org.id);
    expect(list.map((i) => i.label)).toEqual([
      "Agreement signed",
      "Tax form (W-9) received",
      "Payment method on file",
      "Orientation completed",
      "Consent choices reviewed",
      "Portal account created",
    ]);
    expect(list.map((i) => i.label)).toEqual(DEFAULT_CHECKLIST.map((i) => i.label));
    expect(list.map((i) => i.systemKey)).toEqual([null, "w9", null, null, null, "portal_account"]);
    expect(list.every((i) => i.archivedAt === null)).toBe(true);

    const id = create(org.id, actor(staff));
    const steps = consultantChecklist(org.id, id);
    expect(steps).toHaveLength(6);
    expect(steps.every((s) => s.doneAt === null && s.doneByName === null && s.note === null)).toBe(true);
  });

  it("records who ticked a step and when, with a note, and clears that when unticked", () => {
    const id = create(org.id, actor(staff));
    const step = items(org.id)[0]!;
    const before = Date.now();
    updateChecklistStep({
      organizationId: org.id,
      consultantId: id,
      itemId: step.id,
      actorUserId: staff.userId,
      done: true,
      note: "Signed at the office",
    });
    const done = consultantChecklist(org.id, id).find((s) => s.itemId === step.id)!;
    expect(done.doneByName).toBe(staff.preferredName);
    expect(done.note).toBe("Signed at the office");
    expect(done.doneAt!.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(done.doneAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(consultantChecklist(org.id, id).filter((s) => s.doneAt)).toHaveLength(1);

    updateChecklistStep({
      organizationId: org.id,
      consultantId: id,
      itemId: step.id,
      actorUserId: admin.userId,
      done: false,
    });
    const undone = consultantChecklist(org.id, id).find((s) => s.itemId === step.id)!;
    expect(undone.doneAt).toBeNull();
    expect(undone.doneByName).toBeNull();

    const events = auditOf(id).filter((e) => e.action.startsWith("consultant.checklist"));
    expect(events.map((e) => [e.action, e.actorUserId, e.changedFields])).toEqual([
      ["consultant.checklist_done", staff.userId, ["checklist", "checklistNote"]],
      ["consultant.checklist_undone", admin.userId, ["checklist"]],
    ]);
    expect(rawAuditText()).not.toContain("Signed at the office");
  });

  it("keeps one entry when a step is ticked twice", () => {
    const id = create(org.id, actor(staff));
    const step = items(org.id)[1]!;
    const tick = () =>
      updateChecklistStep({
        organizationId: org.id,
        consultantId: id,
        itemId: step.id,
        actorUserId: staff.userId,
        done: true,
      });
    tick();
    tick();
    const entries = db
      .select()
      .from(consultantChecklistEntries)
      .where(eq(consultantChecklistEntries.consultantId, id))
      .all();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ itemId: step.id, doneByUserId: staff.userId });
    expect(entries[0]!.doneAt).toBeInstanceOf(Date);
    expect(consultantChecklist(org.id, id).filter((s) => s.doneAt)).toHaveLength(1);
  });

  it("keeps the original who and when when an already ticked step is ticked again", () => {
    // setChecklistStep promises that "the same request twice changes nothing more".
    const id = create(org.id, actor(staff));
    const step = items(org.id)[2]!;
    updateChecklistStep({
      organizationId: org.id,
      consultantId: id,
      itemId: step.id,
      actorUserId: staff.userId,
      done: true,
    });
    const monday = new Date(Date.now() - 4 * 86_400_000);
    db.update(consultantChecklistEntries)
      .set({ doneAt: monday })
      .where(eq(consultantChecklistEntries.consultantId, id))
      .run();

    // A resent form, or a colleague's stale page, ticks the same step again days later.
    updateChecklistStep({
      organizationId: org.id,
      consultantId: id,
      itemId: step.id,
      actorUserId: admin.userId,
      done: true,
    });
    const entry = consultantChecklist(org.id, id).find((s) => s.itemId === step.id)!;
    expect(entry.doneByName).toBe(staff.preferredName);
    expect(entry.doneAt!.getTime()).toBe(monday.getTime());
  });

  it("answers 404 for another organization's step or consultant, and for an archived step", async () => {
    const o = await freshOrganization();
    const mine = create(org.id, actor(staff));
    const theirs = create(otherOrg.id, actor(otherStaff));
    const ownItem = items(org.id)[0]!;
    const theirItem = items(otherOrg.id)[0]!;
    const tick = (organizationId: string, consultantId: string, itemId: string) => () =>
      updateChecklistStep({ organizationId, consultantId, itemId, actorUserId: staff.userId, done: true });
    await expectNotFound(tick(org.id, mine, theirItem.id));
    await expectNotFound(tick(org.id, theirs, ownItem.id));
    await expectNotFound(tick(org.id, theirs, theirItem.id));
    expect(consultantChecklist(otherOrg.id, theirs).filter((s) => s.doneAt)).toHaveLength(0);
    expect(consultantChecklist(org.id, mine).filter((s) => s.doneAt)).toHaveLength(0);

    const theirsToo = createConsultantRecord(o.id);
    const admin2 = await createMember({ organizationId: o.id, role: "admin" });
    const archived = items(o.id)[0]!;
    archiveChecklistItem({ organizationId: o.id, actorUserId: admin2.userId, itemId: archived.id });
    await expectNotFound(() =>
      updateChecklistStep({
        organizationId: o.id,
        consultantId: theirsToo.id,
        itemId: archived.id,
        actorUserId: o.staff.userId,
        done: true,
      }),
    );
    await expectNotFound(() =>
      renameChecklistItem({
        organizationId: org.id,
        actorUserId: admin.userId,
        itemId: theirItem.id,
        label: "Taken over",
      }),
    );
    await expectNotFound(() =>
      archiveChecklistItem({ organizationId: org.id, actorUserId: admin.userId, itemId: theirItem.id }),
    );
    await expectNotFound(() =>
      moveChecklistItem({ organizationId: org.id, actorUserId: admin.userId, itemId: theirItem.id, direction: "up" }),
    );
    expect(items(otherOrg.id)[0]).toEqual(theirItem);
  });

  it("lets an admin add, rename, move and archive steps; archived steps leave progress; each change is audited", async () => {
    const o = await freshOrganization();
    const orgAdmin = await createMember({ organizationId: o.id, role: "admin" });
    const by = orgAdmin.userId;
    const consultant = createConsultantRecord(o.id, { preferredName: "Progress" });
    const progress = () => {
      const result = search(o.id);
      return [result.rows[0]!.doneSteps, result.totalSteps];
    };

    addChecklistItem({ organizationId: o.id, actorUserId: by, label: "Bank details checked" });
    let list = items(o.id);
    expect(list).toHaveLength(7);
    const added = list.at(-1)!;
    expect(added).toMatchObject({ label: "Bank details checked", systemKey: null });
    expect(
      consultantChecklist(o.id, consultant.id)
        .map((s) => s.label)
        .at(-1),
    ).toBe("Bank details checked");
    expect(progress()).toEqual([0, 7]);

    renameChecklistItem({ organizationId: o.id, actorUserId: by, itemId: added.id, label: "Bank details confirmed" });
    expect(items(o.id).at(-1)!.label).toBe("Bank details confirmed");

    moveChecklistItem({ organizationId: o.id, actorUserId: by, itemId: added.id, direction: "up" });
    list = items(o.id);
    expect(list.map((i) => i.label).slice(-2)).toEqual(["Bank details confirmed", "Portal account created"]);
    moveChecklistItem({ organizationId: o.id, actorUserId: by, itemId: list[0]!.id, direction: "down" });
    expect(
      items(o.id)
        .map((i) => i.label)
        .slice(0, 2),
    ).toEqual(["Tax form (W-9) received", "Agreement signed"]);
    expect(consultantChecklist(o.id, consultant.id).map((s) => s.label)).toEqual(items(o.id).map((i) => i.label));
    // The first step cannot go further up: nothing changes and nothing is audited.
    const firstBefore = items(o.id);
    moveChecklistItem({ organizationId: o.id, actorUserId: by, itemId: firstBefore[0]!.id, direction: "up" });
    expect(items(o.id)).toEqual(firstBefore);

    // Two steps done, then one of them is archived.
    const agreement = items(o.id).find((i) => i.label === "Agreement signed")!;
    const orientation = items(o.id).find((i) => i.label === "Orientation completed")!;
    for (const item of [agreement, orientation]) {
      updateChecklistStep({
        organizationId: o.id,
        consultantId: consultant.id,
        itemId: item.id,
        actorUserId: by,
        done: true,
      });
    }
    expect(progress()).toEqual([2, 7]);
    archiveChecklistItem({ organizationId: o.id, actorUserId: by, itemId: agreement.id });
    expect(items(o.id).map((i) => i.id)).not.toContain(agreement.id);
    expect(
      listChecklistItems(o.id, { includeArchived: true }).find((i) => i.id === agreement.id)!.archivedAt,
    ).toBeInstanceOf(Date);
    expect(consultantChecklist(o.id, consultant.id)).toHaveLength(6);
    expect(consultantChecklist(o.id, consultant.id).map((s) => s.label)).not.toContain("Agreement signed");
    expect(progress()).toEqual([1, 6]);
    // Archiving keeps the history of who did the step.
    expect(
      db
        .select()
        .from(consultantChecklistEntries)
        .where(
          and(
            eq(consultantChecklistEntries.consultantId, consultant.id),
            eq(consultantChecklistEntries.itemId, agreement.id),
          ),
        )
        .get()!.doneByUserId,
    ).toBe(by);

    const editorEvents = db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, o.id), eq(auditEvents.subjectType, "checklist_item")))
      .orderBy(sql`rowid`)
      .all();
    expect(editorEvents.map((e) => [e.action, e.subjectId, e.actorUserId])).toEqual([
      ["checklist.item_added", added.id, by],
      ["checklist.item_renamed", added.id, by],
      ["checklist.item_moved", added.id, by],
      ["checklist.item_moved", list[0]!.id, by],
      ["checklist.item_archived", agreement.id, by],
    ]);
    expect(rawAuditText()).not.toContain("Bank details");
  });
});

describe("contact safety", () => {
  const facts = (overrides: Partial<Parameters<typeof allowedChannels>[0]> = {}) => ({
    email: "someone@example.test",
    phone: "555-0100",
    emailSafety: "safe" as ContactSafety,
    phoneSafety: "safe" as ContactSafety,
    textSafety: "safe" as ContactSafety,
    mailSafety: "safe" as ContactSafety,
    ...overrides,
  });

  it("allows a channel only when it is marked safe and the detail exists", () => {
    expect(allowedChannels(facts())).toEqual({ email: true, phone: true, text: true, mail: false });
    for (const safety of ["not_safe", "ask_first"] as const) {
      expect(
        allowedChannels(facts({ emailSafety: safety, phoneSafety: safety, textSafety: safety, mailSafety: safety })),
      ).toEqual({ email: false, phone: false, text: false, mail: false });
      expect(allowedChannels(facts({ emailSafety: safety }))).toEqual({
        email: false,
        phone: true,
        text: true,
        mail: false,
      });
      expect(allowedChannels(facts({ phoneSafety: safety }))).toEqual({
        email: true,
        phone: false,
        text: true,
        mail: false,
      });
      expect(allowedChannels(facts({ textSafety: safety }))).toEqual({
        email: true,
        phone: true,
        text: false,
        mail: false,
      });
    }
    expect(allowedChannels(facts({ email: null }))).toEqual({ email: false, phone: true, text: true, mail: false });
    expect(allowedChannels(facts({ email: "" }))).toMatchObject({ email: false });
    expect(allowedChannels(facts({ phone: null }))).toEqual({ email: true, phone: false, text: false, mail: false });
  });

  it.each(["not_safe", "ask_first"] as const)("sends no email at all when email is %s", async (emailSafety) => {
    const email = newEmail("unsafe");
    const id = create(org.id, actor(staff), { email, emailSafety, phoneSafety: "safe", phone: "555-0100" });
    const before = outboxCount();
    const result = await notifyConsultant({
      organizationId: org.id,
      consultantId: id,
      message: { template: "portal-notice" },
    });
    expect(result).toEqual({ sent: false, reason: "not-safe" });
    expect(outboxCount()).toBe(before);
    expect(outboxTo(email)).toHaveLength(0);
  });

  it("sends no email when email is safe but there is no address", async () => {
    const id = create(org.id, actor(staff), { emailSafety: "safe" });
    const before = outboxCount();
    const result = await notifyConsultant({
      organizationId: org.id,
      consultantId: id,
      message: { template: "portal-notice" },
    });
    expect(result).toEqual({ sent: false, reason: "not-safe" });
    expect(outboxCount()).toBe(before);
  });

  it("queues one email when email is safe, saying nothing about the person", async () => {
    const email = newEmail("safe");
    const preferredName = `Zuleika ${short()}`;
    const legalName = `Zuleika Legal ${short()}`;
    const id = create(org.id, actor(admin), { email, preferredName, legalName, emailSafety: "safe" });
    const before = outboxCount();
    const result = await notifyConsultant({
      organizationId: org.id,
      consultantId: id,
      message: { template: "portal-notice" },
    });
    expect(result).toEqual({ sent: "email" });
    expect(outboxCount()).toBe(before + 1);
    const [message, ...more] = outboxTo(email);
    expect(more).toHaveLength(0);
    expect(message!.template).toBe("portal-notice");
    for (const part of [message!.subject, message!.html, message!.text]) {
      for (const personal of [email, email.split("@")[0]!, "Zuleika", legalName, org.name]) {
        expect(part).not.toContain(personal);
      }
    }
  });

  it("answers 404 for another organization's consultant and sends nothing", async () => {
    const theirs = create(otherOrg.id, actor(otherStaff), { email: newEmail("theirs"), emailSafety: "safe" });
    const before = outboxCount();
    await expectNotFound(() =>
      notifyConsultant({ organizationId: org.id, consultantId: theirs, message: { template: "portal-notice" } }),
    );
    expect(outboxCount()).toBe(before);
  });
});

describe("portal invitations", () => {
  function invite(organizationId: string, consultantId: string, invitedBy: Member = staff) {
    return inviteConsultantToPortal({ organizationId, consultantId, invitedByUserId: invitedBy.userId });
  }

  function userByEmail(email: string) {
    return db.select().from(users).where(eq(users.email, email)).get();
  }

  function membershipOf(userId: string, organizationId: string) {
    return db
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.organizationId, organizationId)))
      .get();
  }

  /** Invites with email marked not safe, so the link comes back to staff. */
  async function inviteForLink(organizationId: string, consultantId: string, invitedBy: Member = staff) {
    const result = await invite(organizationId, consultantId, invitedBy);
    if (result.delivery !== "link") throw new Error("Expected a link to pass on.");
    return tokenOf(result.link);
  }

  it("emails the invitation when email is safe, to the consultant's address only", async () => {
    const email = newEmail("portal");
    const id = create(org.id, actor(staff), { email, emailSafety: "safe" });
    const before = outboxCount();
    expect(await invite(org.id, id)).toEqual({ delivery: "email", replaced: false });
    expect(outboxCount()).toBe(before + 1);
    const [message, ...more] = outboxTo(email);
    expect(more).toHaveLength(0);
    expect(message!.template).toBe("invitation");
    const token = /\/invite\/([\w-]+)/.exec(message!.text)?.[1];
    expect(token).toBeTruthy();
    expect(lookUpInvitation(token!)).toMatchObject({
      state: "valid",
      role: "consultant",
      organizationId: org.id,
      consultantId: id,
    });
  });

  it.each(["not_safe", "ask_first"] as const)(
    "returns the link for staff to pass on, and sends nothing, when email is %s",
    async (emailSafety) => {
      const email = newEmail("link");
      const id = create(org.id, actor(staff), { email, emailSafety });
      const before = outboxCount();
      const result = await invite(org.id, id);
      expect(result.delivery).toBe("link");
      expect(outboxCount()).toBe(before);
      expect(outboxTo(email)).toHaveLength(0);

      const link = (result as { link: string }).link;
      expect(link.startsWith(`${appUrl()}/invite/`)).toBe(true);
      expect(lookUpInvitation(tokenOf(link))).toMatchObject({
        state: "valid",
        role: "consultant",
        organizationId: org.id,
        consultantId: id,
      });
    },
  );

  it("a new invitation replaces the earlier link", async () => {
    const id = create(org.id, actor(staff), { email: newEmail("again"), emailSafety: "not_safe" });
    const first = await inviteForLink(org.id, id);
    const second = await inviteForLink(org.id, id);
    expect(second).not.toBe(first);
    expect(lookUpInvitation(first)).toEqual({ state: "expired" });
    expect(lookUpInvitation(second).state).toBe("valid");
  });

  it("refuses without an email address, for a record already linked, and answers 404 for another organization", async () => {
    const noEmail = create(org.id, actor(staff), { emailSafety: "safe" });
    const error = await thrownBy(() => invite(org.id, noEmail));
    expect(error).toBeInstanceOf(RuleError);
    expect((error as Error).message).toMatch(/email address/);

    const person = await createMember({ organizationId: otherOrg.id, role: "consultant" });
    const linked = createConsultantRecord(org.id, {
      email: newEmail("linked"),
      emailSafety: "safe",
      userId: person.userId,
    });
    const before = outboxCount();
    expect(await thrownBy(() => invite(org.id, linked.id))).toBeInstanceOf(RuleError);

    const theirs = create(otherOrg.id, actor(otherStaff), { email: newEmail("theirs"), emailSafety: "safe" });
    await expectNotFound(() => invite(org.id, theirs));
    expect(outboxCount()).toBe(before);
  });

  it("accepting links the account to the record, ticks the portal step and makes them a consultant", async () => {
    const email = newEmail("accept");
    const id = create(org.id, actor(staff), { email, emailSafety: "not_safe" });
    const token = await inviteForLink(org.id, id);

    const { userId, organizationId } = await acceptAsPerson({
      token,
      email,
      preferredName: "Rosa",
      password: PORTAL_PASSWORD,
    });
    expect(organizationId).toBe(org.id);
    expect(userByEmail(email)).toMatchObject({ id: userId, preferredName: "Rosa" });
    expect(stored(id).userId).toBe(userId);
    expect(membershipOf(userId, org.id)).toMatchObject({ role: "consultant", deactivatedAt: null });

    const portalStep = consultantChecklist(org.id, id).find((s) => s.label === "Portal account created")!;
    expect(portalStep.doneAt).toBeInstanceOf(Date);
    expect(portalStep.doneByName).toBe("Rosa");
    expect(consultantChecklist(org.id, id).filter((s) => s.doneAt)).toHaveLength(1);
    expect(auditOf(id, "consultant.portal_linked")).toMatchObject([{ actorUserId: userId, changedFields: ["userId"] }]);

    expect(findOwnConsultant(org.id, userId)?.id).toBe(id);
    expect(lookUpInvitation(token)).toEqual({ state: "used" });
    // Linked now: no second invitation.
    expect(await thrownBy(() => invite(org.id, id))).toBeInstanceOf(RuleError);
  });

  it("links one person to a separate record in each organization that invites them", async () => {
    const email = newEmail("both");
    const here = create(org.id, actor(staff), {
      email,
      preferredName: "Mina",
      emailSafety: "not_safe",
      staffNotes: "Harbor note",
    });
    const there = create(otherOrg.id, actor(otherStaff), {
      email,
      preferredName: "Mina R.",
      emailSafety: "not_safe",
      staffNotes: "Northwind note",
    });
    const firstToken = await inviteForLink(org.id, here);
    const secondToken = await inviteForLink(otherOrg.id, there, otherStaff);

    const first = await acceptAsPerson({ token: firstToken, email, preferredName: "Mina", password: PORTAL_PASSWORD });
    expect(lookUpInvitation(secondToken)).toMatchObject({ state: "valid" });
    // The second organization's link is accepted by signing in with the password the person already has.
    expect(
      await thrownBy(() => acceptAsPerson({ token: secondToken, email, password: "not the right password" })),
    ).toBeInstanceOf(RuleError);
    const second = await acceptAsPerson({ token: secondToken, email, password: PORTAL_PASSWORD });
    expect(second.userId).toBe(first.userId);
    expect(db.select().from(users).where(eq(users.email, email)).all()).toHaveLength(1);

    expect(stored(here)).toMatchObject({ userId: first.userId, organizationId: org.id, preferredName: "Mina" });
    expect(stored(there)).toMatchObject({
      userId: first.userId,
      organizationId: otherOrg.id,
      preferredName: "Mina R.",
    });
    expect(membershipOf(first.userId, org.id)!.role).toBe("consultant");
    expect(membershipOf(first.userId, otherOrg.id)!.role).toBe("consultant");
    expect(findOwnConsultant(org.id, first.userId)).toMatchObject({ id: here, preferredName: "Mina" });
    expect(findOwnConsultant(otherOrg.id, first.userId)).toMatchObject({ id: there, preferredName: "Mina R." });

    // Each organization sees and changes only its own record.
    await expectNotFound(() =>
      getConsultantForStaff({ organizationId: org.id, consultantId: there, viewer: actor(staff) }),
    );
    await expectNotFound(() =>
      getConsultantForStaff({ organizationId: otherOrg.id, consultantId: here, viewer: actor(otherStaff) }),
    );
    expect(search(org.id, { q: "Mina" }).rows.map((r) => r.id)).toEqual([here]);
    expect(search(otherOrg.id, { q: "Mina" }).rows.map((r) => r.id)).toEqual([there]);
    update(org.id, here, actor(staff), { email, preferredName: "Mina", emailSafety: "not_safe", pronouns: "she/her" });
    expect(stored(there).pronouns).toBeNull();
    expect(stored(there).staffNotes).toBe("Northwind note");
    for (const o of [org.id, otherOrg.id]) {
      const portal = consultantChecklist(o, o === org.id ? here : there).find(
        (s) => s.label === "Portal account created",
      )!;
      expect(portal.doneAt).toBeInstanceOf(Date);
    }
  });
});

describe("the demo seed", () => {
  const orgId = (name: string) => db.select().from(organizations).where(eq(organizations.name, name)).get()!.id;

  function counts() {
    const n = (table: string) => (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return Object.fromEntries(
      [
        "organizations",
        "users",
        "memberships",
        "consultants",
        "consultant_status_changes",
        "checklist_items",
        "consultant_checklist_entries",
        "invitations",
      ].map((table) => [table, n(table)]),
    );
  }

  function demoConsultant(organizationName: string, preferredName: string) {
    const rows = db
      .select()
      .from(consultants)
      .where(and(eq(consultants.organizationId, orgId(organizationName)), eq(consultants.preferredName, preferredName)))
      .all();
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    const steps = consultantChecklist(row.organizationId, row.id);
    return { row, steps, done: steps.filter((s) => s.doneAt).length };
  }

  it("creates Ana, Ben, Cam and more, and a second run adds nothing", { timeout: 60_000 }, async () => {
    await seedDemo();
    const afterFirst = counts();
    await seedDemo();
    expect(counts()).toEqual(afterFirst);

    const harbor = orgId("Harbor Light Collective");
    const northwind = orgId("Northwind Alliance");
    expect(db.select().from(organizations).where(eq(organizations.name, "Harbor Light Collective")).all()).toHaveLength(
      1,
    );

    const ana = demoConsultant("Harbor Light Collective", "Ana");
    expect(ana.row.status).toBe("active");
    expect(ana.row.emailSafety).toBe("safe");
    expect(allowedChannels(ana.row).email).toBe(true);
    expect(ana.steps).toHaveLength(6);
    expect(ana.done).toBe(6);
    expect(ana.row.userId).toBe(db.select().from(users).where(eq(users.email, "ana@demo.test")).get()!.id);

    const ben = demoConsultant("Harbor Light Collective", "Ben");
    expect(ben.row.status).toBe("onboarding");
    expect(ben.row.emailSafety).toBe("not_safe");
    expect(allowedChannels(ben.row).email).toBe(false);
    expect(ben.steps).toHaveLength(6);
    expect(ben.done).toBe(3);

    const cam = demoConsultant("Northwind Alliance", "Cam");
    expect(cam.row.status).toBe("active");
    expect(cam.row.organizationId).toBe(northwind);
    // Rosa and Kofi show what consultants say they can take on (db/seed/capacity.ts).
    expect(search(northwind).rows.map((r) => r.preferredName)).toEqual(["Cam", "Kofi", "Lucía", "Rosa"]);

    // Lucía reads Spanish: her own account says so, and so does the record staff keep.
    const lucia = demoConsultant("Northwind Alliance", "Lucía");
    const luciaUser = db.select().from(users).where(eq(users.email, "lucia@demo.test")).get()!;
    expect(lucia.row.userId).toBe(luciaUser.id);
    expect(luciaUser.preferredLanguage).toBe("es");
    expect(lucia.row.preferredLanguage).toBe("es");
    expect(lucia.done).toBe(6);

    const directory = search(harbor);
    expect(directory.count).toBeGreaterThan(3);
    expect(directory.rows.map((r) => r.preferredName)).toEqual(expect.arrayContaining(["Ana", "Ben"]));
    expect(directory.rows.map((r) => r.preferredName)).not.toContain("Cam");
    const namesInHarbor = directory.rows.map((r) => r.preferredName);
    expect(new Set(namesInHarbor).size).toBe(namesInHarbor.length);
    // Ana's legal name is in the database, but never in the directory.
    expect(ana.row.legalName).toBeTruthy();
    expect(JSON.stringify(directory)).not.toContain(ana.row.legalName!);

    // Every demo status log starts as a prospect and ends at the current status.
    for (const { row } of [ana, ben, cam]) {
      const log = listStatusChanges(row.organizationId, row.id);
      expect(log[0]!.toStatus).toBe(row.status);
      expect(log.at(-1)).toMatchObject({ fromStatus: null, toStatus: "prospect" });
    }
    expect(db.select().from(checklistItems).where(eq(checklistItems.organizationId, harbor)).all()).toHaveLength(6);

    // Everyone asked to answer the readiness check-in can sign in to the portal, where it is answered.
    const askedToAnswer = db
      .select({ preferredName: consultants.preferredName, userId: consultants.userId })
      .from(assessmentInvitations)
      .innerJoin(consultants, eq(consultants.id, assessmentInvitations.consultantId))
      .where(eq(assessmentInvitations.organizationId, harbor))
      .all();
    expect(askedToAnswer.map((c) => c.preferredName).sort()).toEqual(["Ana", "Ben", "Dee", "Jo", "Priya"]);
    for (const { userId } of askedToAnswer) {
      expect(userId).not.toBeNull();
      expect(
        db
          .select({ role: memberships.role })
          .from(memberships)
          .where(and(eq(memberships.userId, userId!), eq(memberships.organizationId, harbor)))
          .get(),
      ).toEqual({ role: "consultant" });
    }

    // Tomás was invited to the portal two days ago and has not answered yet.
    const tomas = demoConsultant("Harbor Light Collective", "Tomás");
    expect(tomas.row.userId).toBeNull();
    const pending = openPortalInvitation(harbor, tomas.row.id);
    expect(pending).not.toBeNull();
    expect(Date.now() - pending!.createdAt.getTime()).toBeGreaterThan(86_400_000);
    expect(pending!.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });
});
