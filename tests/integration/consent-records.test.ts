// Consent on the consultant record and the admin's consent wording: staff record what a
// consultant told them on paper or out loud, the history keeps the exact words agreed to, and
// admins change the words only by adding a version. Loaders and actions run against this file's
// own database copy.
import { randomUUID } from "node:crypto";
import { addDays, addMonths, formatISO } from "date-fns";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, consentEvents, consentPurposeVersions, emailOutbox } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { recordConsentDecision } from "../../app/models/consent/decisions.server";
import {
  listConsentPurposes,
  listPurposeVersions,
  reviseConsentPurpose,
} from "../../app/models/consent/purposes.server";
import { consentHistory } from "../../app/models/consent/reads.server";
import { organizationToday } from "../../app/models/settings.server";
import * as consentPage from "../../app/routes/_staff.consultants.$id.consent";
import * as recordPage from "../../app/routes/_staff.consultants.$id._index";
import * as settingsPage from "../../app/routes/_staff.settings.consent";
import { cookieFor, createConsultantRecord, createTwoOrganizations } from "../support/factories";
import { shownVersionsOf } from "../support/consent-pages";
import { callRoute, makeRequest } from "../support/http";
import { englishErrors } from "../support/messages";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
type ConsentPageData = Awaited<ReturnType<typeof consentPage.loader>>;
type SettingsData = Awaited<ReturnType<typeof settingsPage.loader>>;
type RecordData = Awaited<ReturnType<typeof recordPage.loader>>;
type Reply = { error?: Record<string, string[] | null> };
type SettingsReply = { form: string; result: Reply };

let world: World;
const cookie = { admin: "", staff: "", consultant: "" };

beforeAll(async () => {
  world = await createTwoOrganizations();
  cookie.admin = await cookieFor(world.own.admin.userId);
  cookie.staff = await cookieFor(world.own.staff.userId);
  cookie.consultant = await cookieFor(world.own.consultant.userId);
});

const day = (date: Date) => formatISO(date, { representation: "date" });
// Days people type are judged on the organization's calendar.
const today = () => organizationToday(world.own.org.id);
/** Midday of the organization's today, for counting days and months from it. */
const orgNow = () => new Date(`${today()}T12:00:00Z`);
const purposeOf = (organizationId: string, systemKey: string) =>
  listConsentPurposes(organizationId).find((p) => p.systemKey === systemKey)!;

/** A consultant of the own organization that no other test touches. */
const freshConsultant = (values: Parameters<typeof createConsultantRecord>[1] = {}) =>
  createConsultantRecord(world.own.org.id, values).id;

const consentPath = (consultantId: string) => `/consultants/${consultantId}/consent`;

function post(consultantId: string, form: Record<string, string>, who = cookie.staff) {
  return callRoute(
    consentPage.action,
    makeRequest(consentPath(consultantId), {
      cookie: who,
      // As the page sends it: the version of each purpose's wording it showed.
      form: { creationKey: randomUUID(), shownVersions: shownVersionsOf(world.own.org.id), ...form },
    }),
    { id: consultantId },
  );
}

async function openConsent(consultantId: string, who = cookie.staff) {
  return callRoute(consentPage.loader, makeRequest(consentPath(consultantId), { cookie: who }), {
    id: consultantId,
  });
}

const eventsOf = (consultantId: string) =>
  db.select().from(consentEvents).where(eq(consentEvents.consultantId, consultantId)).all();

// In English, as an English-speaking reader sees them (replies carry catalog keys).
const errorsOf = (result: { data: unknown }) => englishErrors((result.data as Reply).error);

/** A yes on a paper form signed today, with where the form is kept. */
const writtenYes = (purposeId: string, extra: Record<string, string> = {}) => ({
  purposeId,
  decision: "granted",
  method: "written_form",
  givenOn: today(),
  formKeptAt: "Locked cabinet, office 2",
  ...extra,
});

describe("recording a consultant's choice on their record", () => {
  it("records a written-form yes with limits and the purpose's usual end, audited by field name only", async () => {
    const id = freshConsultant();
    const story = purposeOf(world.own.org.id, "story");
    const result = await post(id, writtenYes(story.id, { scopeNotes: "Quotes only, no name" }));
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/consultants/${id}/consent?done=granted`);

    const [event] = eventsOf(id);
    expect(event).toMatchObject({
      kind: "granted",
      method: "written_form",
      scopeNotes: "Quotes only, no name",
      purposeVersionId: story.versionId,
      recordedByUserId: world.own.staff.userId,
      expiresOn: day(addMonths(new Date(`${today()}T00:00:00Z`), 36)),
    });
    const audit = db
      .select({ action: auditEvents.action, changedFields: auditEvents.changedFields })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, "consent.granted")))
      .all();
    expect(audit).toEqual([{ action: "consent.granted", changedFields: ["consent:story"] }]);
  });

  it("records a no, then a yes said out loud with a witness, and a withdrawal with who asked and when", async () => {
    const id = freshConsultant();
    const photo = purposeOf(world.own.org.id, "photo");
    const media = purposeOf(world.own.org.id, "media");
    expect((await post(id, writtenYes(photo.id, { decision: "declined" }))).location).toBe(
      `/consultants/${id}/consent?done=declined`,
    );
    const yes = await post(id, {
      purposeId: media.id,
      decision: "granted",
      method: "verbal_with_witness",
      givenOn: today(),
      witnessName: "Rae (peer mentor)",
    });
    expect(yes.status).toBe(302);
    const yesterday = day(addDays(orgNow(), -1));
    const withdrawal = await post(id, {
      purposeId: media.id,
      decision: "withdrawn",
      method: "verbal_with_witness",
      witnessName: "Rae (peer mentor)",
      requestedBy: "The consultant, by phone",
      requestedOn: yesterday,
    });
    expect(withdrawal.location).toBe(`/consultants/${id}/consent?done=withdrawn`);

    const page = (await openConsent(id)).data as ConsentPageData;
    expect(page.overview.find((c) => c.purpose.id === photo.id)!.state).toBe("declined");
    expect(page.overview.find((c) => c.purpose.id === media.id)!.state).toBe("withdrawn");
    // Newest first, with how and who.
    expect(page.history.map((h) => h.kind)).toEqual(["withdrawn", "granted", "declined"]);
    expect(page.history[0]).toMatchObject({
      method: "verbal_with_witness",
      witnessName: "Rae (peer mentor)",
      requestedBy: "The consultant, by phone",
      requestedOn: yesterday,
      recordedByName: world.own.staff.preferredName,
    });
    expect(page.history[0]!.recordedByConsultant).toBeFalsy();
  });

  it("a resent form records the choice once", async () => {
    const id = freshConsultant();
    const form = { creationKey: randomUUID(), ...writtenYes(purposeOf(world.own.org.id, "future_contact").id) };
    expect((await post(id, form)).status).toBe(302);
    expect((await post(id, form)).status).toBe(302);
    expect(eventsOf(id)).toHaveLength(1);
  });

  it("emails a neutral notice only when email is safe for them", async () => {
    const purposeId = purposeOf(world.own.org.id, "future_contact").id;
    const outboxTo = (address: string) => db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, address)).all();
    const safeEmail = `safe-${randomUUID().slice(0, 8)}@example.test`;
    const safe = freshConsultant({ email: safeEmail, emailSafety: "safe" });
    expect((await post(safe, writtenYes(purposeId))).location).toBe(
      `/consultants/${safe}/consent?done=granted&emailed=1`,
    );
    const [message] = outboxTo(safeEmail);
    expect(message!.subject).toBe("You have an update");
    expect(message!.text).not.toMatch(/consent|contact me/i);

    const askFirstEmail = `ask-${randomUUID().slice(0, 8)}@example.test`;
    const askFirst = freshConsultant({ email: askFirstEmail, emailSafety: "ask_first" });
    expect((await post(askFirst, writtenYes(purposeId))).location).toBe(
      `/consultants/${askFirst}/consent?done=granted`,
    );
    expect(outboxTo(askFirstEmail)).toHaveLength(0);
  });
});

describe("choices staff cannot record", () => {
  it("a choice said out loud without a witness: the message is next to the witness field, nothing written", async () => {
    const id = freshConsultant();
    const result = await post(id, {
      purposeId: purposeOf(world.own.org.id, "story").id,
      decision: "granted",
      method: "verbal_with_witness",
      scopeNotes: "Only at the spring training",
    });
    expect(result.status).toBe(400);
    expect(errorsOf(result).witnessName).toEqual(["Write who else heard it. A choice said out loud needs a witness."]);
    // What they typed comes back with the reply.
    expect((result.data as { initialValue?: Record<string, string> }).initialValue?.scopeNotes).toBe(
      "Only at the spring training",
    );
    expect(eventsOf(id)).toHaveLength(0);
  });

  it("a withdrawal without who asked and when, or with a day still to come", async () => {
    const id = freshConsultant();
    const purposeId = purposeOf(world.own.org.id, "social_media").id;
    await post(id, writtenYes(purposeId));
    const missing = await post(id, { purposeId, decision: "withdrawn", method: "written_form" });
    expect(missing.status).toBe(400);
    expect(errorsOf(missing).requestedBy).toEqual(["Write who asked for the withdrawal (for example the consultant)."]);
    expect(errorsOf(missing).requestedOn).toEqual(["Give the day they asked."]);

    const future = await post(id, {
      purposeId,
      decision: "withdrawn",
      method: "written_form",
      requestedBy: "The consultant",
      requestedOn: day(addDays(orgNow(), 2)),
    });
    expect(future.status).toBe(400);
    expect(errorsOf(future).requestedOn).toEqual(["The day they asked cannot be in the future."]);
    expect(eventsOf(id).map((e) => e.kind)).toEqual(["granted"]);
  });

  it("a withdrawal of something never granted", async () => {
    const id = freshConsultant();
    const result = await post(id, {
      purposeId: purposeOf(world.own.org.id, "photo").id,
      decision: "withdrawn",
      method: "written_form",
      requestedBy: "The consultant",
      requestedOn: today(),
    });
    expect(result.status).toBe(400);
    expect(errorsOf(result).decision?.[0]).toMatch(/Only a current “yes” can be withdrawn/);
    expect(eventsOf(id)).toHaveLength(0);
  });

  it("an end date in the past, today, or beyond the purpose's longest", async () => {
    const id = freshConsultant();
    const story = purposeOf(world.own.org.id, "story");
    for (const expiresOn of [day(addDays(orgNow(), -3)), today()]) {
      const result = await post(id, writtenYes(story.id, { expiresOn }));
      expect(result.status).toBe(400);
      expect(errorsOf(result).expiresOn).toEqual(["The end date must be after today."]);
    }
    const tooLate = await post(id, writtenYes(story.id, { expiresOn: day(addMonths(orgNow(), 37)) }));
    expect(tooLate.status).toBe(400);
    expect(errorsOf(tooLate).expiresOn?.[0]).toMatch(/at most 3 years/);
    expect(eventsOf(id)).toHaveLength(0);
    // Within the limit it is kept as given.
    const inTime = day(addMonths(orgNow(), 6));
    expect((await post(id, writtenYes(story.id, { expiresOn: inTime }))).status).toBe(302);
    expect(eventsOf(id)[0]!.expiresOn).toBe(inTime);
  });

  it("a yes to the use of name without saying which name", async () => {
    const id = freshConsultant();
    const name = purposeOf(world.own.org.id, "name");
    const result = await post(id, writtenYes(name.id));
    expect(result.status).toBe(400);
    expect(errorsOf(result).nameChoice).toEqual(["Choose which name may be used."]);
    expect((await post(id, writtenYes(name.id, { nameChoice: "chosen_name" }))).status).toBe(302);
    expect(eventsOf(id)[0]!.nameChoice).toBe("chosen_name");
  });

  it("the portal as the method, or no method at all", async () => {
    const id = freshConsultant();
    const purposeId = purposeOf(world.own.org.id, "story").id;
    for (const method of ["portal", ""]) {
      const result = await post(id, { purposeId, decision: "granted", method });
      expect(result.status).toBe(400);
      expect(errorsOf(result).method).toEqual(["Say how they told you: on a signed paper form or out loud."]);
    }
    expect(eventsOf(id)).toHaveLength(0);
  });

  it("a purpose of another organization: refused next to the purpose, nothing written", async () => {
    const id = freshConsultant();
    const result = await post(id, writtenYes(purposeOf(world.other.org.id, "story").id));
    expect(result.status).toBe(400);
    expect(errorsOf(result).purposeId).toEqual(["Choose a purpose from the list."]);
    expect(eventsOf(id)).toHaveLength(0);
  });
});

describe("who can see and change a consultant's consent", () => {
  it("staff of the same organization read the current state and history", async () => {
    const id = freshConsultant();
    const result = await openConsent(id);
    expect(result.status).toBe(200);
    const page = result.data as ConsentPageData;
    expect(page.consultant.id).toBe(id);
    expect(page.overview.map((c) => c.purpose.systemKey)).toContain("story");
    expect(page.overview.every((c) => c.state === "not_asked")).toBe(true);
    expect(page.history).toEqual([]);
  });

  it.each(["admin", "staff"] as const)(
    "%s gets a 404 for another organization's consultant, and changes nothing",
    async (who) => {
      const otherId = world.other.consultant.consultantId;
      expect((await openConsent(otherId, cookie[who])).status).toBe(404);
      const result = await post(otherId, writtenYes(purposeOf(world.other.org.id, "story").id), cookie[who]);
      expect(result.status).toBe(404);
      expect(eventsOf(otherId)).toHaveLength(0);
    },
  );

  it("a consultant gets a 403, even for their own record", async () => {
    const own = world.own.consultant.consultantId;
    expect((await openConsent(own, cookie.consultant)).status).toBe(403);
    const result = await post(own, writtenYes(purposeOf(world.own.org.id, "story").id), cookie.consultant);
    expect(result.status).toBe(403);
    expect(eventsOf(own)).toHaveLength(0);
  });
});

describe("the exact words agreed to", () => {
  it("history shows the old wording after the purpose is reworded, and the record notes the change", async () => {
    const id = freshConsultant();
    const purpose = purposeOf(world.own.org.id, "fundraising");
    await post(id, writtenYes(purpose.id));
    const newText = `We may quote you in letters to donors. New words ${randomUUID().slice(0, 6)}. You can change your mind at any time.`;
    reviseConsentPurpose({
      organizationId: world.own.org.id,
      actorUserId: world.own.admin.userId,
      purposeId: purpose.id,
      label: purpose.label,
      text: newText,
      defaultExpiryMonths: purpose.defaultExpiryMonths,
    });
    const page = (await openConsent(id)).data as ConsentPageData;
    expect(page.history[0]).toMatchObject({ version: purpose.version, text: purpose.text });
    const current = page.overview.find((c) => c.purpose.id === purpose.id)!;
    expect(current).toMatchObject({ state: "granted", wordingChanged: true });
    expect(current.decidedVersion).toMatchObject({ version: purpose.version, text: purpose.text });
    expect(current.purpose.text).toBe(newText);
  });
});

describe("the consent summary on the consultant record", () => {
  it("counts yes, no, withdrawn or ended and not asked, and lists what ends within 60 days", async () => {
    const id = freshConsultant();
    const org = world.own.org.id;
    const actor = { kind: "staff" as const, userId: world.own.staff.userId, role: "staff" as const };
    const decide = (systemKey: string, decision: "granted" | "declined" | "withdrawn", extra = {}) =>
      recordConsentDecision({
        organizationId: org,
        consultantId: id,
        purposeId: purposeOf(org, systemKey).id,
        decision,
        actor,
        method: "written_form",
        givenOn: today(),
        formKeptAt: "Locked cabinet, office 2",
        creationKey: randomUUID(),
        requestedBy: "The consultant",
        requestedOn: today(),
        ...extra,
      });
    const soon = day(addDays(orgNow(), 20));
    decide("story", "granted", { expiresOn: soon });
    decide("photo", "declined");
    decide("social_media", "granted");
    decide("social_media", "withdrawn");
    decide("recording", "granted", { expiresOn: day(addDays(orgNow(), 200)) });

    const result = await callRoute(recordPage.loader, makeRequest(`/consultants/${id}`, { cookie: cookie.staff }), {
      id,
    });
    const { consent } = result.data as RecordData;
    const total = listConsentPurposes(org).length;
    expect(consent).toMatchObject({ granted: 2, declined: 1, ended: 1, notAsked: total - 4 });
    expect(consent.expiringSoon).toEqual([
      { purposeId: purposeOf(org, "story").id, label: purposeOf(org, "story").label, expiresOn: soon },
    ]);
  });
});

describe("consent wording settings", () => {
  const postSettings = (form: Record<string, string>, who = cookie.admin) =>
    callRoute(settingsPage.action, makeRequest("/settings/consent", { cookie: who, form }));
  const settings = async () =>
    (
      (await callRoute(settingsPage.loader, makeRequest("/settings/consent", { cookie: cookie.admin })))
        .data as SettingsData
    ).purposes;
  const longText = (words: string) => `${words} You can change your mind at any time.`;

  it("lists the purposes in order with their current wording and usual end", async () => {
    const purposes = await settings();
    expect(purposes.map((p) => p.id)).toEqual(listConsentPurposes(world.own.org.id).map((p) => p.id));
    expect(purposes.find((p) => p.systemKey === "story")).toMatchObject({ version: 1, defaultExpiryMonths: 36 });
    expect(purposes.find((p) => p.systemKey === "name")).toMatchObject({ defaultExpiryMonths: null });
  });

  it("rewording makes version 2; version 1 stays readable and stays on the choices made with it", async () => {
    const org = world.own.org.id;
    const purpose = purposeOf(org, "feedback_reports");
    const id = freshConsultant();
    await post(id, writtenYes(purpose.id));
    const text = longText("We may use your feedback in our yearly report, never with your name.");
    const result = await postSettings({
      intent: "revise",
      purposeId: purpose.id,
      label: purpose.label,
      text,
      defaultExpiryMonths: "",
    });
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/settings/consent?done=revised#purpose-${purpose.id}`);

    const shown = (await settings()).find((p) => p.id === purpose.id)!;
    expect(shown).toMatchObject({ version: 2, text });
    expect(shown.earlier).toEqual([expect.objectContaining({ version: 1, text: purpose.text, label: purpose.label })]);
    expect(listPurposeVersions(org, purpose.id).map((v) => v.version)).toEqual([2, 1]);
    expect(consentHistory(org, id)[0]).toMatchObject({ version: 1, text: purpose.text });

    // New choices are made on version 2.
    const later = freshConsultant();
    await post(later, writtenYes(purpose.id));
    expect(consentHistory(org, later)[0]).toMatchObject({ version: 2, text });

    // The same words again change nothing.
    const again = await postSettings({ intent: "revise", purposeId: purpose.id, label: purpose.label, text });
    expect(again.location).toBe(`/settings/consent?done=unchanged#purpose-${purpose.id}`);
    expect(listPurposeVersions(org, purpose.id)).toHaveLength(2);
  });

  it("changing only the usual end keeps the version", async () => {
    const purpose = purposeOf(world.own.org.id, "share_contact");
    const result = await postSettings({
      intent: "revise",
      purposeId: purpose.id,
      label: purpose.label,
      text: purpose.text,
      defaultExpiryMonths: "12",
    });
    expect(result.status).toBe(302);
    expect(purposeOf(world.own.org.id, "share_contact")).toMatchObject({ version: 1, defaultExpiryMonths: 12 });
  });

  it("adds a purpose at the end of the list, once", async () => {
    const label = `Speaking at events ${randomUUID().slice(0, 6)}`;
    const text = longText("We may ask you to speak at our events, and say your name there if you agree.");
    const result = await postSettings({ intent: "add", label, text, defaultExpiryMonths: "24" });
    expect(result.status).toBe(302);
    const purposes = listConsentPurposes(world.own.org.id);
    expect(purposes.at(-1)).toMatchObject({ label, text, version: 1, defaultExpiryMonths: 24, systemKey: null });
    // A resent form, or the same name in other capitals, adds nothing.
    const again = await postSettings({ intent: "add", label: label.toUpperCase(), text });
    expect(again.status).toBe(400);
    expect(englishErrors((again.data as SettingsReply).result.error).label).toEqual([
      "There is already a purpose with this name. Choose another name.",
    ]);
    expect(listConsentPurposes(world.own.org.id)).toHaveLength(purposes.length);
    expect(listConsentPurposes(world.other.org.id).some((p) => p.label === label)).toBe(false);
  });

  it.each([
    ["a name too short", { label: "x" }, "label", "Write a short name for the purpose (at least 2 characters)."],
    ["a name too long", { label: "x".repeat(81) }, "label", "Use no more than 80 characters."],
    ["words too short", { text: "Too short." }, "text", "Write what the person agrees to, in at least 20 characters."],
    ["words too long", { text: "x".repeat(2001) }, "text", "Use no more than 2,000 characters."],
    [
      "only the sentence about changing one's mind",
      {
        text: "You can change your mind at any time. If you do, we stop any new use at once. Things already printed or posted may not be possible to take back.",
      },
      "text",
      "Write what the person agrees to, before the sentence about changing their mind.",
    ],
    [
      "an end of 37 months",
      { defaultExpiryMonths: "37" },
      "defaultExpiryMonths",
      "Give a whole number of months from 1 to 36, or leave it empty for no end date.",
    ],
    [
      "an end that is not a number",
      { defaultExpiryMonths: "two years" },
      "defaultExpiryMonths",
      "Give a whole number of months from 1 to 36, or leave it empty for no end date.",
    ],
    // Found by the fuzz test: z.coerce.number() read "0x1F" as 31 months.
    ...["0x1F", "1e1", "12.0", " +12"].map((months): [string, Record<string, string>, string, string] => [
      `an end written as ${JSON.stringify(months)}`,
      { defaultExpiryMonths: months },
      "defaultExpiryMonths",
      "Give a whole number of months from 1 to 36, or leave it empty for no end date.",
    ]),
  ])("refuses %s next to the field, changing nothing", async (_, change, field, message) => {
    const purpose = purposeOf(world.own.org.id, "media");
    const result = await postSettings({
      intent: "revise",
      purposeId: purpose.id,
      label: purpose.label,
      text: purpose.text,
      defaultExpiryMonths: "36",
      ...change,
    });
    expect(result.status).toBe(400);
    const reply = result.data as SettingsReply;
    expect(reply.form).toBe(purpose.id);
    expect(englishErrors(reply.result.error)[field]).toEqual([message]);
    expect(purposeOf(world.own.org.id, "media")).toMatchObject({ version: 1, defaultExpiryMonths: 36 });
  });

  it("keeps an end date on stories, images, recordings and media contact", async () => {
    const purpose = purposeOf(world.own.org.id, "photo");
    const result = await postSettings({
      intent: "revise",
      purposeId: purpose.id,
      label: purpose.label,
      text: purpose.text,
      defaultExpiryMonths: "",
    });
    expect(result.status).toBe(400);
    expect(englishErrors((result.data as SettingsReply).result.error).defaultExpiryMonths?.[0]).toMatch(/needs an end/);
    expect(purposeOf(world.own.org.id, "photo").defaultExpiryMonths).toBe(36);
  });

  it("cannot reword another organization's purpose", async () => {
    const other = purposeOf(world.other.org.id, "story");
    const result = await postSettings({
      intent: "revise",
      purposeId: other.id,
      label: "Taken over",
      text: longText("Words written by the wrong organization."),
      defaultExpiryMonths: "12",
    });
    expect(result.status).toBe(400);
    expect(listPurposeVersions(world.other.org.id, other.id)).toHaveLength(1);
  });

  it("is for admins: staff and consultants get a 403", async () => {
    const purpose = purposeOf(world.own.org.id, "story");
    for (const who of [cookie.staff, cookie.consultant]) {
      expect((await callRoute(settingsPage.loader, makeRequest("/settings/consent", { cookie: who }))).status).toBe(
        403,
      );
      const result = await postSettings(
        { intent: "revise", purposeId: purpose.id, label: "Changed by staff", text: longText("Changed words here.") },
        who,
      );
      expect(result.status).toBe(403);
    }
    expect(purposeOf(world.own.org.id, "story").version).toBe(1);
  });

  it("audits wording changes by field name, never the words", async () => {
    const purpose = purposeOf(world.own.org.id, "future_contact");
    const text = longText(`We may call you about new paid work. Marker ${randomUUID().slice(0, 8)}.`);
    await postSettings({
      intent: "revise",
      purposeId: purpose.id,
      label: "Future work",
      text,
      defaultExpiryMonths: "",
    });
    const rows = db
      .select({ action: auditEvents.action, changedFields: auditEvents.changedFields })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, purpose.id))
      .all();
    expect(rows).toEqual([{ action: "consent_purpose.revised", changedFields: ["label", "text"] }]);
    const everything = JSON.stringify(db.select().from(auditEvents).all());
    expect(everything).not.toContain("Marker");
    expect(everything).not.toContain("Future work");
    expect(everything).not.toContain("Rae (peer mentor)");
    expect(everything).not.toContain("Quotes only, no name");
  });
});

/** Runs a statement the database must refuse, and returns the trigger's message. */
function refusal(statement: () => unknown) {
  try {
    statement();
  } catch (error) {
    // Drizzle wraps the driver's error; the trigger's words are in its cause.
    const cause = (error as { cause?: Error }).cause;
    return cause?.message ?? (error as Error).message;
  }
  return "not refused";
}

describe("consent history cannot be rewritten", () => {
  it("the database refuses to change or delete a decision or a wording", async () => {
    const id = freshConsultant();
    await post(id, writtenYes(purposeOf(world.own.org.id, "story").id));
    const [event] = eventsOf(id);
    expect(refusal(() => db.run(sql`update consent_events set kind = 'declined' where id = ${event!.id}`))).toMatch(
      /append-only/,
    );
    expect(refusal(() => db.run(sql`delete from consent_events where id = ${event!.id}`))).toMatch(/append-only/);
    const versionId = event!.purposeVersionId;
    expect(
      refusal(() => db.run(sql`update consent_purpose_versions set text = 'Other words' where id = ${versionId}`)),
    ).toMatch(/append-only/);
    expect(refusal(() => db.run(sql`delete from consent_purpose_versions where id = ${versionId}`))).toMatch(
      /append-only/,
    );
    expect(eventsOf(id)).toEqual([event]);
    expect(
      db.select().from(consentPurposeVersions).where(eq(consentPurposeVersions.id, versionId)).get()?.text,
    ).not.toBe("Other words");
  });
});
