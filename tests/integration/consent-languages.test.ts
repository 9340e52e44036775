// Consent purposes in English and Spanish: admins write each purpose's wording in both (a change in
// either is a new version, half a translation is refused), a consultant reads their language or the
// English with a note, and every decision records the language of the words shown, which its receipt
// and the history keep showing after the wording changes. Through the route modules, with real sessions.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, consentEvents, users } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import {
  addConsentPurpose,
  listConsentPurposes,
  listPurposeVersions,
  reviseConsentPurpose,
} from "../../app/models/consent/purposes.server";
import { recordConsentDecision } from "../../app/models/consent/decisions.server";
import { recordLapsedConsents } from "../../app/models/consent/lapses.server";
import { consentHistory } from "../../app/models/consent/reads.server";
import { organizationToday } from "../../app/models/settings.server";
import { addDaysToIsoDay } from "../../app/utils/day";
import * as settingsPage from "../../app/routes/_staff.settings.consent";
import * as staffConsentPage from "../../app/routes/_staff.consultants.$id.consent";
import * as consentPage from "../../app/routes/portal.consent._index";
import * as receiptPage from "../../app/routes/portal.consent.$id";
import { decideOnAgreement } from "../../app/models/engagement/own-work.server";
import {
  cookieFor,
  createConsultantRecord,
  createEngagementRecord,
  createMember,
  createTwoOrganizations,
} from "../support/factories";
import { shownVersionOf, shownVersionsOf } from "../support/consent-pages";
import { shownVersionsValue } from "../../app/utils/consent-decision-schema";
import { callRoute, makeRequest, type RouteResult } from "../support/http";
import { englishErrors } from "../support/messages";
import { translateMessage } from "../../app/i18n/message";
import { i18nFor } from "../../app/i18n/translate.server";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
type PageData = Awaited<ReturnType<typeof consentPage.loader>>;
type ReceiptData = Awaited<ReturnType<typeof receiptPage.loader>>;
type SettingsData = Awaited<ReturnType<typeof settingsPage.loader>>;
type Reply = { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };

const SPANISH = "lang=es";
const PROMISE = "You can change your mind at any time.";
const PROMESA = "Puede cambiar de opinión en cualquier momento.";

let world: World;
let org: string;
const cookie = { admin: "", staff: "", consultant: "" };

beforeAll(async () => {
  world = await createTwoOrganizations();
  org = world.own.org.id;
  cookie.admin = await cookieFor(world.own.admin.userId);
  cookie.staff = await cookieFor(world.own.staff.userId);
  cookie.consultant = await cookieFor(world.own.consultant.userId);
});

/** A purpose of this test's own, in English only, so no other test's wording is in the way. */
function newPurpose(label = `Speaking ${randomUUID().slice(0, 6)}`) {
  const id = addConsentPurpose({
    organizationId: org,
    actorUserId: world.own.admin.userId,
    label,
    text: `We may ask you to speak at our events. ${PROMISE}`,
    defaultExpiryMonths: null,
  });
  return listConsentPurposes(org).find((p) => p.id === id)!;
}

const postSettings = (form: Record<string, string>) =>
  callRoute(settingsPage.action, makeRequest("/settings/consent", { cookie: cookie.admin, form }));

/** Rewords a purpose through the settings form: English as given, Spanish when given, and `extra` fields. */
function revise(
  purpose: { id: string },
  english: { label: string; text: string },
  spanish?: { label?: string; text?: string },
  extra: Record<string, string> = {},
) {
  return postSettings({
    intent: "revise",
    purposeId: purpose.id,
    label: english.label,
    text: english.text,
    ...(spanish?.label ? { "translations.es.label": spanish.label } : {}),
    ...(spanish?.text ? { "translations.es.text": spanish.text } : {}),
    ...extra,
  });
}

const versionsOf = (purposeId: string) => listPurposeVersions(org, purposeId);

/** A consultant who reads Spanish on this browser (the cookie; no saved choice), or English. */
const reader = (spanish: boolean, who = cookie.consultant) => (spanish ? `${who}; ${SPANISH}` : who);

async function openPage(spanish: boolean, who = cookie.consultant) {
  const result = await callRoute(consentPage.loader, makeRequest("/portal/consent", { cookie: reader(spanish, who) }));
  expect(result.status).toBe(200);
  return result.data as PageData;
}

function decide(spanish: boolean, form: Record<string, string>, who = cookie.consultant) {
  return callRoute(
    consentPage.action,
    makeRequest("/portal/consent", {
      cookie: reader(spanish, who),
      form: { intent: "decide", creationKey: randomUUID(), shownVersion: shownVersionOf(form.purposeId), ...form },
    }),
  );
}

const receiptIdOf = (result: RouteResult) => {
  expect(result.status, JSON.stringify(result.data)).toBe(302);
  return result.location!.match(/^\/portal\/consent\/([^/?]+)\?done=saved$/)![1]!;
};

async function openReceipt(id: string, spanish = true, who = cookie.consultant) {
  const result = await callRoute(
    receiptPage.loader,
    makeRequest(`/portal/consent/${id}`, { cookie: reader(spanish, who) }),
    { id },
  );
  expect(result.status).toBe(200);
  return (result.data as ReceiptData).receipt;
}

const eventsOf = (consultantId: string, purposeId: string) =>
  db
    .select()
    .from(consentEvents)
    .where(and(eq(consentEvents.consultantId, consultantId), eq(consentEvents.purposeId, purposeId)))
    .all();

const spanishWords = (n = 1) => ({
  label: `Hablar en eventos ${n}`,
  text: `Podemos pedirle que hable en nuestros eventos (${n}). ${PROMESA}`,
});

describe("writing the wording in Spanish", () => {
  it("adds the Spanish as a new version, shows which languages each version has, and the same words again change nothing", async () => {
    const purpose = newPurpose();
    const english = { label: purpose.label, text: purpose.text };
    const result = await revise(purpose, english, spanishWords());
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/settings/consent?done=revised#purpose-${purpose.id}`);
    expect(versionsOf(purpose.id).map((v) => v.version)).toEqual([2, 1]);
    expect(versionsOf(purpose.id)[0]!.translations).toEqual({ es: spanishWords() });
    expect(versionsOf(purpose.id)[1]!.translations).toEqual({});

    const settings = (
      (await callRoute(settingsPage.loader, makeRequest("/settings/consent", { cookie: cookie.admin })))
        .data as SettingsData
    ).purposes.find((p) => p.id === purpose.id)!;
    expect(settings).toMatchObject({ version: 2, languages: ["en", "es"], translations: { es: spanishWords() } });
    expect(settings.earlier).toEqual([expect.objectContaining({ version: 1, languages: ["en"] })]);

    const again = await revise(purpose, english, spanishWords());
    expect(again.location).toBe(`/settings/consent?done=unchanged#purpose-${purpose.id}`);
    expect(versionsOf(purpose.id)).toHaveLength(2);
  });

  it("a change to the Spanish alone makes a new version, audited as a Spanish change", async () => {
    const purpose = newPurpose();
    const english = { label: purpose.label, text: purpose.text };
    await revise(purpose, english, spanishWords(1));
    const result = await revise(purpose, english, { ...spanishWords(1), text: spanishWords(2).text });
    expect(result.location).toBe(`/settings/consent?done=revised#purpose-${purpose.id}`);
    const [latest, before] = versionsOf(purpose.id);
    expect(latest).toMatchObject({ version: 3, label: english.label, text: english.text });
    expect(latest!.translations.es!.text).toBe(spanishWords(2).text);
    expect(before!.translations.es!.text).toBe(spanishWords(1).text);

    const audit = db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, purpose.id), eq(auditEvents.action, "consent_purpose.revised")))
      .all();
    expect(audit.map((a) => a.changedFields)).toContainEqual(["translations.es"]);
    // Which language changed, never the words themselves.
    expect(JSON.stringify(audit)).not.toContain(spanishWords(2).text);

    // Taking the Spanish out is a change too: readers get the English again.
    const removed = await revise(purpose, english);
    expect(removed.location).toBe(`/settings/consent?done=revised#purpose-${purpose.id}`);
    expect(versionsOf(purpose.id)[0]).toMatchObject({ version: 4, translations: {} });
  });

  it("refuses half a translation next to the empty field, keeping what was typed and saving nothing", async () => {
    const purpose = newPurpose();
    const english = { label: purpose.label, text: purpose.text };
    const onlyName = await revise(purpose, english, { label: "Hablar en eventos" });
    expect(onlyName.status).toBe(400);
    const reply = (onlyName.data as { result: Reply }).result;
    expect(englishErrors(reply.error)).toEqual({
      "translations.es.text": ["Write the wording in Español too, or leave the name in Español empty."],
    });
    expect(reply.initialValue).toMatchObject({ translations: { es: { label: "Hablar en eventos" } } });
    // An admin who reads Spanish reads it in Spanish.
    expect(translateMessage(i18nFor("es").t, reply.error!["translations.es.text"]![0]!)).toBe(
      "Escriba también el texto en Español, o deje vacío el nombre en Español.",
    );

    const onlyWords = await revise(purpose, english, { text: spanishWords().text });
    expect(englishErrors((onlyWords.data as { result: Reply }).result.error)).toEqual({
      "translations.es.label": ["Write the name in Español too, or leave the wording in Español empty."],
    });
    // The same limits as the English: a name of one letter is too short in any language.
    const short = await revise(purpose, english, { label: "H", text: spanishWords().text });
    expect(englishErrors((short.data as { result: Reply }).result.error)).toEqual({
      "translations.es.label": ["Write a short name for the purpose (at least 2 characters)."],
    });
    expect(versionsOf(purpose.id)).toHaveLength(1);
  });

  it("a new purpose may start with its Spanish", async () => {
    const label = `Panel ${randomUUID().slice(0, 6)}`;
    const result = await postSettings({
      intent: "add",
      label,
      text: `We may ask you to join a panel. ${PROMISE}`,
      "translations.es.label": "Panel",
      "translations.es.text": `Podemos pedirle que participe en un panel. ${PROMESA}`,
    });
    expect(result.status).toBe(302);
    const added = listConsentPurposes(org).find((p) => p.label === label)!;
    expect(added.translations).toEqual({
      es: { label: "Panel", text: `Podemos pedirle que participe en un panel. ${PROMESA}` },
    });
  });
});

describe("a consultant who reads Spanish", () => {
  it("reads the Spanish where it is written, and the English with a note where it is not", async () => {
    const written = newPurpose();
    await revise(written, written, spanishWords());
    const notWritten = newPurpose();

    const page = await openPage(true);
    expect(page.purposes.find((p) => p.id === written.id)).toMatchObject({
      ...spanishWords(),
      language: "es",
      fallback: false,
    });
    expect(page.purposes.find((p) => p.id === notWritten.id)).toMatchObject({
      label: notWritten.label,
      text: notWritten.text,
      language: "en",
      fallback: true,
    });
    // An English reader reads the English, with nothing to excuse.
    expect((await openPage(false)).purposes.find((p) => p.id === written.id)).toMatchObject({
      label: written.label,
      language: "en",
      fallback: false,
    });
  });

  it("a saved choice of Spanish counts on any browser", async () => {
    const purpose = newPurpose();
    await revise(purpose, purpose, spanishWords());
    const member = await createMember({ organizationId: org, role: "consultant" });
    createConsultantRecord(org, { userId: member!.userId, email: member!.email });
    db.update(users).set({ preferredLanguage: "es" }).where(eq(users.id, member!.userId)).run();
    const page = await openPage(false, await cookieFor(member!.userId));
    expect(page.purposes.find((p) => p.id === purpose.id)).toMatchObject({ language: "es", ...spanishWords() });
  });

  it("a yes given in Spanish keeps its Spanish words and language after the English, then the Spanish, change", async () => {
    const purpose = newPurpose();
    const english = { label: purpose.label, text: purpose.text };
    await revise(purpose, english, spanishWords(1));
    const consultantId = world.own.consultant.consultantId;

    const id = receiptIdOf(await decide(true, { purposeId: purpose.id, decision: "granted", shownLanguage: "es" }));
    expect(eventsOf(consultantId, purpose.id)).toEqual([expect.objectContaining({ kind: "granted", language: "es" })]);

    // Later the English changes (staff say the Spanish still says the same), and after that the Spanish.
    const newEnglish = { label: english.label, text: `We may ask you to speak at events and online. ${PROMISE}` };
    expect((await revise(purpose, newEnglish, spanishWords(1), { "stillSame.es": "on" })).status).toBe(302);
    expect((await revise(purpose, newEnglish, spanishWords(2))).status).toBe(302);
    expect(versionsOf(purpose.id)[0]!.version).toBe(4);

    // Her receipt: the words she read, version 2, in Spanish, whichever language she reads it in now.
    for (const spanish of [true, false]) {
      expect(await openReceipt(id, spanish)).toMatchObject({ version: 2, language: "es", ...spanishWords(1) });
    }
    const history = consentHistory(org, consultantId).find((e) => e.id === id)!;
    expect(history).toMatchObject({ version: 2, language: "es", ...spanishWords(1), english });
    const receipts = (await openPage(true)).receipts.filter((r) => r.id === id);
    expect(receipts).toEqual([expect.objectContaining({ label: spanishWords(1).label, language: "es" })]);

    // Staff see the same in the consultant's history, with that version's English beside it.
    const staffPage = await callRoute(
      staffConsentPage.loader,
      makeRequest(`/consultants/${consultantId}/consent`, { cookie: cookie.staff }),
      { id: consultantId },
    );
    const staffData = staffPage.data as Awaited<ReturnType<typeof staffConsentPage.loader>>;
    expect(staffData.history.find((e) => e.id === id)).toMatchObject({
      language: "es",
      ...spanishWords(1),
      english,
    });
    // The current choice says the wording changed since, and shows what she agreed to, in Spanish.
    expect(staffData.overview.find((c) => c.purpose.id === purpose.id)).toMatchObject({
      wordingChanged: true,
      decidedVersion: { version: 2, ...spanishWords(1) },
      decidedLanguage: "es",
      languages: ["en", "es"],
    });
  });

  it("a purpose not written in Spanish is decided on the English, and records English", async () => {
    const purpose = newPurpose();
    const other = world.own.otherConsultant;
    const otherCookie = await cookieFor(other.userId);
    const id = receiptIdOf(
      await decide(true, { purposeId: purpose.id, decision: "declined", shownLanguage: "en" }, otherCookie),
    );
    expect(eventsOf(other.consultantId, purpose.id)).toEqual([expect.objectContaining({ language: "en" })]);
    expect(await openReceipt(id, true, otherCookie)).toMatchObject({ language: "en", label: purpose.label });
  });
});

describe("nobody records a language the words were not shown in", () => {
  it("refuses a language the page did not show: Spanish for words only in English, or for an English reader", async () => {
    const onlyEnglish = newPurpose();
    const both = newPurpose();
    await revise(both, both, spanishWords());
    const consultantId = world.own.consultant.consultantId;

    for (const [spanish, purpose] of [
      [true, onlyEnglish],
      [false, both],
    ] as const) {
      const result = await decide(spanish, { purposeId: purpose.id, decision: "granted", shownLanguage: "es" });
      expect(result.status).toBe(400);
      expect(englishErrors((result.data as { result: Reply }).result.error)).toEqual({
        "": ["What this page showed has changed since you opened it. Read the words again, then choose."],
      });
      expect(eventsOf(consultantId, purpose.id)).toEqual([]);
    }

    // Spanish the page showed, but the wording lost its Spanish before the answer came: refused too.
    await revise(both, both);
    const late = await decide(true, { purposeId: both.id, decision: "granted", shownLanguage: "es" });
    expect(late.status).toBe(400);
    expect(eventsOf(consultantId, both.id)).toEqual([]);
  });

  it("without a language in the form, the server records the one it shows that reader", async () => {
    const purpose = newPurpose();
    await revise(purpose, purpose, spanishWords());
    const member = await createMember({ organizationId: org, role: "consultant" });
    const record = createConsultantRecord(org, { userId: member!.userId, email: member!.email });
    const who = await cookieFor(member!.userId);
    receiptIdOf(await decide(true, { purposeId: purpose.id, decision: "granted" }, who));
    expect(eventsOf(record.id, purpose.id)).toEqual([expect.objectContaining({ language: "es" })]);
  });

  it("staff record the language of the form the person read, only one the wording is written in", async () => {
    const onlyEnglish = newPurpose();
    const both = newPurpose();
    await revise(both, both, spanishWords());
    const consultantId = createConsultantRecord(org).id;
    const paperYes = (purposeId: string, language?: string) =>
      callRoute(
        staffConsentPage.action,
        makeRequest(`/consultants/${consultantId}/consent`, {
          cookie: cookie.staff,
          form: {
            creationKey: randomUUID(),
            purposeId,
            decision: "granted",
            method: "written_form",
            givenOn: organizationToday(org),
            formKeptAt: "Locked cabinet",
            shownVersions: shownVersionsOf(org),
            ...(language ? { language } : {}),
          },
        }),
        { id: consultantId },
      );

    const refused = await paperYes(onlyEnglish.id, "es");
    expect(refused.status).toBe(400);
    expect(englishErrors((refused.data as Reply).error)).toEqual({
      language: ["This purpose’s wording is not written in full in that language. Choose a language it is written in."],
    });
    expect(eventsOf(consultantId, onlyEnglish.id)).toEqual([]);
    expect((await paperYes(onlyEnglish.id, "fr")).status).toBe(400);

    expect((await paperYes(both.id, "es")).status).toBe(302);
    expect(eventsOf(consultantId, both.id)).toEqual([expect.objectContaining({ language: "es" })]);
    // Left out, the form was in English, which every wording has.
    expect((await paperYes(onlyEnglish.id)).status).toBe(302);
    expect(eventsOf(consultantId, onlyEnglish.id)).toEqual([expect.objectContaining({ language: "en" })]);
  });
});

describe("what follows a Spanish yes", () => {
  it("its expiry keeps the language of the words that ended", async () => {
    const purpose = newPurpose();
    await revise(purpose, purpose, spanishWords());
    const consultantId = createConsultantRecord(org).id;
    const today = organizationToday(org);
    recordConsentDecision({
      organizationId: org,
      consultantId,
      purposeId: purpose.id,
      decision: "granted",
      actor: { kind: "staff", userId: world.own.staff.userId, role: "staff" },
      method: "written_form",
      givenOn: today,
      formKeptAt: "Locked cabinet",
      language: "es",
      expiresOn: addDaysToIsoDay(today, 1),
      creationKey: randomUUID(),
    });
    expect(recordLapsedConsents(org, addDaysToIsoDay(today, 1))).toBe(1);
    expect(consentHistory(org, consultantId)[0]).toMatchObject({ kind: "expired", language: "es", ...spanishWords() });
  });

  it("“my choices are still right” records each choice in the language its words are shown in", async () => {
    const both = newPurpose();
    await revise(both, both, spanishWords());
    const onlyEnglish = newPurpose();
    const member = await createMember({ organizationId: org, role: "consultant" });
    const record = createConsultantRecord(org, { userId: member!.userId, email: member!.email });
    const who = await cookieFor(member!.userId);
    receiptIdOf(await decide(true, { purposeId: both.id, decision: "granted", shownLanguage: "es" }, who));
    receiptIdOf(await decide(true, { purposeId: onlyEnglish.id, decision: "declined", shownLanguage: "en" }, who));
    const engagementId = createEngagementRecord(org, record.id, world.own.programId).id;
    await new Promise((resolve) => setTimeout(resolve, 5));
    decideOnAgreement({
      organizationId: org,
      userId: member!.userId,
      engagementId,
      termsVersion: 1,
      decision: "accepted",
    });
    const page = await openPage(true, who);
    expect(page.awaitingEngagement).toMatchObject({ id: engagementId });
    const confirmed = await callRoute(
      consentPage.action,
      makeRequest("/portal/consent", {
        cookie: reader(true, who),
        form: { intent: "reconfirm", creationKey: page.confirmKey, shownVersions: shownVersionsValue(page.purposes) },
      }),
    );
    expect(confirmed.location).toBe("/portal/consent?done=confirmed");
    expect(eventsOf(record.id, both.id).map((e) => [e.engagementId, e.language])).toEqual([
      [null, "es"],
      [engagementId, "es"],
    ]);
    expect(eventsOf(record.id, onlyEnglish.id).map((e) => [e.engagementId, e.language])).toEqual([
      [null, "en"],
      [engagementId, "en"],
    ]);
  });
});

describe("new English beside Spanish left as it was", () => {
  const STALE = "The English changed: update the Spanish too, or tick ‘The Spanish still says the same’.";
  const newEnglish = (purpose: { label: string }) => ({
    label: purpose.label,
    text: `We may ask you to speak at events, on the radio and online. ${PROMISE}`,
  });

  /** A purpose written in English and Spanish, at version 2. */
  async function bilingualPurpose() {
    const purpose = newPurpose();
    expect((await revise(purpose, { label: purpose.label, text: purpose.text }, spanishWords(1))).status).toBe(302);
    return listConsentPurposes(org).find((p) => p.id === purpose.id)!;
  }

  it("is refused next to the Spanish field that stayed, keeping what was typed and saving nothing", async () => {
    const purpose = await bilingualPurpose();
    const result = await revise(purpose, newEnglish(purpose), spanishWords(1));
    expect(result.status).toBe(400);
    const reply = (result.data as { form: string; result: Reply }).result;
    expect(englishErrors(reply.error)).toEqual({ "translations.es.text": [STALE] });
    expect(translateMessage(i18nFor("es").t, reply.error!["translations.es.text"]![0]!)).toBe(
      "Cambió el inglés: actualice también el español, o marque «El español sigue diciendo lo mismo».",
    );
    expect(reply.initialValue).toMatchObject({ text: newEnglish(purpose).text, translations: { es: spanishWords(1) } });
    expect(versionsOf(purpose.id)).toHaveLength(2);
    // The page offers the box to say so, for the languages the wording is written in.
    const page = (await callRoute(settingsPage.loader, makeRequest("/settings/consent", { cookie: cookie.admin })))
      .data as SettingsData;
    expect(page.purposes.find((p) => p.id === purpose.id)!.languages).toEqual(["en", "es"]);
  });

  it("names both Spanish fields when both English fields changed", async () => {
    const purpose = await bilingualPurpose();
    const result = await revise(purpose, { ...newEnglish(purpose), label: `${purpose.label} (new)` }, spanishWords(1));
    expect(englishErrors((result.data as { result: Reply }).result.error)).toEqual({
      "translations.es.label": [STALE],
      "translations.es.text": [STALE],
    });
  });

  it("saves when staff tick that the Spanish still says the same, keeping the Spanish in the new version", async () => {
    const purpose = await bilingualPurpose();
    const result = await revise(purpose, newEnglish(purpose), spanishWords(1), { "stillSame.es": "on" });
    expect(result.status).toBe(302);
    expect(versionsOf(purpose.id)[0]).toMatchObject({
      version: 3,
      text: newEnglish(purpose).text,
      translations: { es: spanishWords(1) },
    });
  });

  it("saves when the Spanish changed too", async () => {
    const purpose = await bilingualPurpose();
    const spanish = {
      ...spanishWords(1),
      text: `Podemos pedirle que hable en eventos, en la radio y en línea. ${PROMESA}`,
    };
    expect((await revise(purpose, newEnglish(purpose), spanish)).status).toBe(302);
    expect(versionsOf(purpose.id)[0]).toMatchObject({ version: 3, translations: { es: spanish } });
  });

  it("saves when the Spanish is cleared: Spanish readers then read the new English, with the note", async () => {
    const purpose = await bilingualPurpose();
    expect((await revise(purpose, newEnglish(purpose))).status).toBe(302);
    expect(versionsOf(purpose.id)[0]).toMatchObject({ version: 3, translations: {} });
    const shown = (await openPage(true)).purposes.find((p) => p.id === purpose.id);
    expect(shown).toMatchObject({ text: newEnglish(purpose).text, language: "en", fallback: true });
  });

  it("a change to the Spanish alone saves, with or without the box", async () => {
    const purpose = await bilingualPurpose();
    const english = { label: purpose.label, text: purpose.text };
    expect((await revise(purpose, english, spanishWords(2))).status).toBe(302);
    expect((await revise(purpose, english, spanishWords(3), { "stillSame.es": "on" })).status).toBe(302);
    expect(versionsOf(purpose.id)[0]).toMatchObject({ version: 4, translations: { es: spanishWords(3) } });
  });

  it("the model refuses it from any caller, also one that leaves the translations out", () => {
    const purpose = newPurpose();
    reviseConsentPurpose({
      organizationId: org,
      actorUserId: world.own.admin.userId,
      purposeId: purpose.id,
      label: purpose.label,
      text: purpose.text,
      translations: { es: spanishWords(1) },
      defaultExpiryMonths: null,
    });
    expect(() =>
      reviseConsentPurpose({
        organizationId: org,
        actorUserId: world.own.admin.userId,
        purposeId: purpose.id,
        ...newEnglish(purpose),
        defaultExpiryMonths: null,
      }),
    ).toThrow(STALE);
    expect(versionsOf(purpose.id)).toHaveLength(2);
  });
});
