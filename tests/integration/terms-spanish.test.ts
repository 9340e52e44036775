// Engagement terms in English and Spanish: staff write the Spanish words in the same form (whole or
// empty), a change to them is a change to the terms, the consultant reads their language (or the
// English, told so) and their answer keeps every language's words and the language they read, decided
// by the server. The history shows each answer's words in the language it was given in, even after
// the terms change. Real routes and models on this file's own database; nothing mocked.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, engagementAgreements, engagements, users, type Translations } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { createEngagement } from "../../app/models/engagement/editing.server";
import { RuleError } from "../../app/models/errors";
import { engagementFormDefaults, engagementTranslationDefaults } from "../../app/models/engagement/reads.server";
import { getOwnEngagement } from "../../app/models/engagement/own-work.server";
import { EngagementSchema } from "../../app/utils/engagement-schema";
import * as newRoute from "../../app/routes/_staff.engagements.new";
import * as editRoute from "../../app/routes/_staff.engagements.$id.edit";
import * as detailRoute from "../../app/routes/_staff.engagements.$id._index";
import * as answerRoute from "../../app/routes/_staff.engagements.$id.agreement";
import * as workRoute from "../../app/routes/portal.work.$id";
import * as workListRoute from "../../app/routes/portal.work._index";
import * as homeRoute from "../../app/routes/portal._index";
import {
  cookieFor,
  createConsultantRecord,
  createEngagementRecord,
  createTwoOrganizations,
} from "../support/factories";
import { callRoute, makeRequest } from "../support/http";
import { englishErrors } from "../support/messages";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
type Reply = { status?: string; error?: Record<string, string[] | null>; initialValue?: unknown };
type PortalReply = { form: string; result: Reply };
type WorkData = Awaited<ReturnType<typeof workRoute.loader>>;
type ListData = Awaited<ReturnType<typeof workListRoute.loader>>;
type HomeData = Awaited<ReturnType<typeof homeRoute.loader>>;
type DetailData = Awaited<ReturnType<typeof detailRoute.loader>>;
type AnswerPageData = Awaited<ReturnType<typeof answerRoute.loader>>;
type Form = Record<string, string | undefined>;

const SPANISH = { title: "Cofacilitar una capacitación", scopeWhat: "Dos sesiones para personas voluntarias" };
const DAY_MS = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY_MS).toISOString().slice(0, 10);

let world: World;
// `spanish` is the world's consultant, who saved Spanish as their language; `english` is the other
// consultant, with no saved language (their browser decides: English unless the cookie says otherwise).
const cookie = { staff: "", spanish: "", english: "" };

beforeAll(async () => {
  world = await createTwoOrganizations();
  db.update(users).set({ preferredLanguage: "es" }).where(eq(users.id, world.own.consultant.userId)).run();
  [cookie.staff, cookie.spanish, cookie.english] = await Promise.all([
    cookieFor(world.own.staff.userId),
    cookieFor(world.own.consultant.userId),
    cookieFor(world.own.otherConsultant.userId),
  ]);
});

// --- helpers -----------------------------------------------------------------------------------

/** Proposed work for a consultant (the Spanish reader unless told), its terms written in Spanish too unless told. */
function work(
  options: { consultantId?: string; translations?: Translations } = {},
  values: Partial<typeof engagements.$inferInsert> = {},
) {
  return createEngagementRecord(
    world.own.org.id,
    options.consultantId ?? world.own.consultant.consultantId,
    world.own.programId,
    { createdByUserId: world.own.staff.userId, termsTranslations: options.translations ?? { es: SPANISH }, ...values },
  );
}

const stored = (id: string) => db.select().from(engagements).where(eq(engagements.id, id)).get()!;
const answersTo = (id: string) =>
  db.select().from(engagementAgreements).where(eq(engagementAgreements.engagementId, id)).all();
const auditOf = (id: string) => db.select().from(auditEvents).where(eq(auditEvents.subjectId, id)).all();

/** Drops fields left undefined, as a browser leaves out an unticked checkbox. */
const sent = (form: Form) =>
  Object.fromEntries(Object.entries(form).filter((entry): entry is [string, string] => entry[1] !== undefined));

/** The edit form as the page fills it, the Spanish under `translations.es.*`, with changes. */
function editForm(id: string, changes: Form = {}): Form {
  const e = stored(id);
  const form: Form = {};
  for (const [key, value] of Object.entries(engagementFormDefaults(e))) {
    form[key] = typeof value === "boolean" ? (value ? "on" : undefined) : value;
  }
  for (const [language, words] of Object.entries(engagementTranslationDefaults(e)))
    for (const [field, value] of Object.entries(words)) form[`translations.${language}.${field}`] = value;
  return { ...form, ...changes };
}

function postEdit(id: string, form: Form) {
  return callRoute(
    editRoute.action,
    makeRequest(`/engagements/${id}/edit`, { cookie: cookie.staff, form: sent(form) }),
    {
      id,
    },
  );
}

function newForm(values: Form = {}): Form {
  return {
    consultantId: world.own.consultant.consultantId,
    programId: world.own.programId,
    stage: "delivery",
    level: "collaborate",
    title: `Co-facilitate the training ${randomUUID().slice(0, 6)}`,
    scopeWhat: "Two sessions for volunteers",
    rateKind: "hourly",
    rate: "60",
    estimatedHours: "4",
    coversPreparation: "on",
    creationKey: randomUUID(),
    ...values,
  };
}

async function openWork(id: string, who: string) {
  const result = await callRoute(workRoute.loader, makeRequest(`/portal/work/${id}`, { cookie: who }), { id });
  expect(result.status).toBe(200);
  return (result.data as WorkData).engagement;
}

function answerInPortal(id: string, who: string, values: Form = {}) {
  const form = sent({ intent: "accept", termsVersion: String(stored(id).termsVersion), ...values });
  return callRoute(workRoute.action, makeRequest(`/portal/work/${id}`, { cookie: who, form }), { id });
}

async function openDetail(id: string) {
  const result = await callRoute(detailRoute.loader, makeRequest(`/engagements/${id}`, { cookie: cookie.staff }), {
    id,
  });
  expect(result.status).toBe(200);
  return (result.data as DetailData).engagement;
}

function postOfflineAnswer(id: string, values: Form = {}) {
  const form = sent({
    termsVersion: String(stored(id).termsVersion),
    decision: "accepted",
    method: "paper_form",
    agreedOn: daysAgo(2),
    paperFormLocation: "Office cabinet",
    ...values,
  });
  return callRoute(answerRoute.action, makeRequest(`/engagements/${id}/agreement`, { cookie: cookie.staff, form }), {
    id,
  });
}

// --- tests -------------------------------------------------------------------------------------

describe("a change to the Spanish words alone is a change to the terms", () => {
  it("raises the terms version, asks the consultant to accept again, and the audit names the language", async () => {
    const e = work();
    expect((await answerInPortal(e.id, cookie.spanish)).status).toBe(302);
    expect(stored(e.id)).toMatchObject({ status: "agreed", termsVersion: 1 });

    const result = await postEdit(e.id, editForm(e.id, { "translations.es.scopeWhat": "Tres sesiones" }));
    expect(result.status).toBe(302);
    const after = stored(e.id);
    expect(after).toMatchObject({ termsVersion: 2, status: "proposed", scopeWhat: e.scopeWhat });
    expect(after.termsTranslations).toEqual({ es: { ...SPANISH, scopeWhat: "Tres sesiones" } });

    const own = await openWork(e.id, cookie.spanish);
    expect(own.needsAnswer).toBe(true);
    expect(own.currentDecision).toBeNull();
    expect(own.changedSinceAccepted).toEqual(["termsTranslations"]);
    expect(own.terms.scopeWhat).toBe("Tres sesiones");

    const changed = auditOf(e.id).find((a) => a.action === "engagement.terms_changed");
    expect(changed?.changedFields).toEqual(["termsTranslations.es"]);
  });

  it("the same words sent again change nothing", async () => {
    const e = work();
    expect((await postEdit(e.id, editForm(e.id))).status).toBe(302);
    expect(stored(e.id).termsVersion).toBe(1);
    expect(auditOf(e.id).filter((a) => a.action === "engagement.terms_changed")).toEqual([]);
  });

  it("emptying the Spanish is a change too", async () => {
    const e = work();
    const empty = { "translations.es.title": "", "translations.es.scopeWhat": "" };
    expect((await postEdit(e.id, editForm(e.id, empty))).status).toBe(302);
    expect(stored(e.id)).toMatchObject({ termsVersion: 2, termsTranslations: {} });
  });
});

describe("the consultant reads their language and the answer keeps it", () => {
  it("shows the Spanish words, and an acceptance records 'es' with every language's words in the snapshot", async () => {
    const e = work({}, { expensesPolicy: "Bus fare is paid back" });
    db.update(engagements)
      .set({ termsTranslations: { es: { ...SPANISH, expensesPolicy: "Se reembolsa el autobús" } } })
      .where(eq(engagements.id, e.id))
      .run();
    const own = await openWork(e.id, cookie.spanish);
    expect(own.terms).toMatchObject({ ...SPANISH, expensesPolicy: "Se reembolsa el autobús", rateCents: 6000 });
    expect(own).toMatchObject({ termsLanguage: "es", termsFallback: false });

    const result = await answerInPortal(e.id, cookie.spanish, { language: "es" });
    expect(result.status).toBe(302);
    const [row] = answersTo(e.id);
    expect(row).toMatchObject({ decision: "accepted", language: "es", termsVersion: 1 });
    expect(row!.termsSnapshot).toMatchObject({
      title: e.title,
      scopeWhat: e.scopeWhat,
      expensesPolicy: "Bus fare is paid back",
      termsTranslations: { es: { ...SPANISH, expensesPolicy: "Se reembolsa el autobús" } },
    });
    expect(auditOf(e.id).find((a) => a.action === "engagement.accepted")?.changedFields).toContain("language");
  });

  it("the server decides the language: an answer that does not say it is still kept as read in Spanish", async () => {
    const e = work();
    expect((await answerInPortal(e.id, cookie.spanish)).status).toBe(302);
    expect(answersTo(e.id)[0]!.language).toBe("es");
  });

  it("a language the page would not have shown is refused, and nothing is kept", async () => {
    const e = work();
    const result = await answerInPortal(e.id, cookie.spanish, { language: "en" });
    expect(result.status).toBe(400);
    const reply = result.data as PortalReply;
    expect(reply.form).toBe("decision");
    expect(englishErrors(reply.result.error)[""]).toEqual([
      "The language of these terms changed since you opened this page. Please read them again.",
    ]);
    expect(answersTo(e.id)).toEqual([]);

    // Nor Spanish for someone the page shows the English to.
    const forEnglish = work({ consultantId: world.own.otherConsultant.consultantId, translations: {} });
    expect((await answerInPortal(forEnglish.id, cookie.english, { language: "es" })).status).toBe(400);
    expect(answersTo(forEnglish.id)).toEqual([]);
  });

  it("terms with no Spanish are read in English, with a note, and the answer records English", async () => {
    const e = work({ translations: {} });
    const own = await openWork(e.id, cookie.spanish);
    expect(own).toMatchObject({ termsLanguage: "en", termsFallback: true });
    expect(own.terms.title).toBe(e.title);
    expect((await answerInPortal(e.id, cookie.spanish, { language: "en" })).status).toBe(302);
    expect(answersTo(e.id)[0]!.language).toBe("en");
  });

  it("a half translation is never shown: the reader gets the English, all of it", async () => {
    // Written straight into the table (the form refuses it): the title in Spanish, the description not.
    const e = work({ translations: { es: { title: SPANISH.title } } });
    const own = await openWork(e.id, cookie.spanish);
    expect(own).toMatchObject({ termsLanguage: "en", termsFallback: true });
    expect(own.terms).toMatchObject({ title: e.title, scopeWhat: e.scopeWhat });
  });

  it("follows the language cookie of someone with no saved language, and English without it", async () => {
    const e = work({ consultantId: world.own.otherConsultant.consultantId });
    expect((await openWork(e.id, cookie.english)).termsLanguage).toBe("en");
    const withCookie = `${cookie.english}; lang=es`;
    expect((await openWork(e.id, withCookie)).terms.title).toBe(SPANISH.title);
    expect((await answerInPortal(e.id, withCookie)).status).toBe(302);
    expect(answersTo(e.id)[0]!.language).toBe("es");
  });

  it("My work lists the title in the same words as the page", async () => {
    const e = work();
    const result = await callRoute(workListRoute.loader, makeRequest("/portal/work", { cookie: cookie.spanish }));
    const row = (result.data as ListData).engagements.find((r) => r.id === e.id);
    expect(row?.title).toBe(SPANISH.title);
  });

  it("the portal home names the next work in the same words, with its place", async () => {
    const words = { ...SPANISH, title: "Lo más próximo", scopeWhere: "En la oficina" };
    const e = work(
      { translations: { es: words } },
      { status: "agreed", title: "The very next work", scopeWhere: "At the office", startDate: daysAgo(-1) },
    );
    const result = await callRoute(homeRoute.loader, makeRequest("/portal", { cookie: cookie.spanish }));
    expect((result.data as HomeData).nextWork).toMatchObject({
      id: e.id,
      title: words.title,
      scopeWhere: words.scopeWhere,
    });
  });
});

describe("the history keeps each answer's words in the language it was given in", () => {
  it("after later changes to both languages, the old answer still shows its Spanish and names Spanish", async () => {
    const e = work();
    expect((await answerInPortal(e.id, cookie.spanish)).status).toBe(302);
    const changed = editForm(e.id, {
      title: "Co-facilitate three trainings",
      "translations.es.title": "Cofacilitar tres capacitaciones",
    });
    expect((await postEdit(e.id, changed)).status).toBe(302);
    expect(stored(e.id).termsVersion).toBe(2);

    const own = await openWork(e.id, cookie.spanish);
    expect(own.terms.title).toBe("Cofacilitar tres capacitaciones");
    const [first] = own.decisions;
    expect(first).toMatchObject({ termsVersion: 1, decision: "accepted" });
    expect(first!.asRead).toEqual({
      language: "es",
      fallback: false,
      words: {
        title: SPANISH.title,
        role: null,
        scopeWhat: SPANISH.scopeWhat,
        scopeWhen: null,
        scopeWhere: null,
        expensesPolicy: null,
        cancellationTerms: null,
      },
    });

    // Staff read the same answer the same way, and see which languages the terms are written in now.
    const staffView = await openDetail(e.id);
    expect(staffView.termsLanguages).toEqual(["en", "es"]);
    expect(staffView.agreements[0]!.asRead).toMatchObject({ language: "es", words: { title: SPANISH.title } });

    // Someone who reads English answers the same kind of terms: their answer names English.
    const english = work({ consultantId: world.own.otherConsultant.consultantId });
    expect((await answerInPortal(english.id, cookie.english)).status).toBe(302);
    expect((await openDetail(english.id)).agreements[0]!.asRead).toMatchObject({
      language: "en",
      words: { title: english.title },
    });
  });

  it("an answer kept before the terms had other languages reads as English", () => {
    const e = work({ translations: {} }, { status: "agreed" });
    db.insert(engagementAgreements)
      .values({
        organizationId: world.own.org.id,
        engagementId: e.id,
        termsVersion: 1,
        decision: "accepted",
        termsSnapshot: { title: e.title, scopeWhat: e.scopeWhat, rateCents: 6000 },
        decidedByUserId: world.own.consultant.userId,
      })
      .run();
    const own = getOwnEngagement({
      organizationId: world.own.org.id,
      userId: world.own.consultant.userId,
      engagementId: e.id,
      language: "es",
    });
    expect(own.decisions[0]!.asRead).toMatchObject({ language: "en", words: { title: e.title } });
  });
});

describe("a half-written translation is refused next to the field, and nothing typed is lost", () => {
  it("a new engagement with a Spanish title but no Spanish description", async () => {
    const form = newForm({ "translations.es.title": "Cofacilitar la capacitación" });
    const result = await callRoute(
      newRoute.action,
      makeRequest("/engagements/new", { cookie: cookie.staff, form: sent(form) }),
    );
    expect(result.status).toBe(400);
    const reply = result.data as Reply;
    expect(englishErrors(reply.error)).toEqual({
      "translations.es.scopeWhat": ["Write this in Español too, or leave all the Español words empty."],
    });
    expect(db.select().from(engagements).where(eq(engagements.title, form.title!)).all()).toEqual([]);
    // What was typed comes back to the form, in both languages.
    expect(reply.initialValue).toMatchObject({
      title: form.title,
      translations: { es: { title: "Cofacilitar la capacitación" } },
    });
  });

  it("Spanish words where the English has none", async () => {
    const e = work();
    const result = await postEdit(e.id, editForm(e.id, { "translations.es.scopeWhen": "En marzo" }));
    expect(result.status).toBe(400);
    expect(englishErrors((result.data as Reply).error)).toEqual({
      "translations.es.scopeWhen": ["The English has nothing here. Write it in English first, or leave this empty."],
    });
    expect(stored(e.id)).toMatchObject({ termsVersion: 1, termsTranslations: { es: SPANISH } });
  });

  it("every other problem is shown with it, in one round", async () => {
    const form = newForm({ rate: "", "translations.es.scopeWhat": "Dos sesiones" });
    const result = await callRoute(
      newRoute.action,
      makeRequest("/engagements/new", { cookie: cookie.staff, form: sent(form) }),
    );
    expect(result.status).toBe(400);
    expect(Object.keys((result.data as Reply).error ?? {}).sort()).toEqual(["rate", "translations.es.title"]);
  });

  it("a Spanish text longer than the English may be is refused", async () => {
    const form = newForm({ "translations.es.title": "x".repeat(121), "translations.es.scopeWhat": "Dos sesiones" });
    const result = await callRoute(
      newRoute.action,
      makeRequest("/engagements/new", { cookie: cookie.staff, form: sent(form) }),
    );
    expect(result.status).toBe(400);
    expect(englishErrors((result.data as Reply).error)["translations.es.title"]).toEqual([
      "Use no more than 120 characters.",
    ]);
  });

  it("the model refuses it from any caller, not only the form", () => {
    const { creationKey: _key, coversPreparation: _ticked, ...typed } = newForm();
    const input = EngagementSchema.parse({ ...typed, coversPreparation: true });
    const refusal = (() => {
      try {
        createEngagement({
          organizationId: world.own.org.id,
          actorUserId: world.own.staff.userId,
          input: { ...input, translations: { es: { title: "Solo el título" } } },
          creationKey: randomUUID(),
        });
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(RuleError);
    expect((refusal as RuleError).field).toBe("translations.es.scopeWhat");
    expect(db.select().from(engagements).where(eq(engagements.title, input.title)).all()).toEqual([]);
  });
});

describe("staff say which language's terms a person read when they record an answer", () => {
  function workWithoutAccount(translations: Translations = { es: SPANISH }) {
    const consultant = createConsultantRecord(world.own.org.id, { preferredName: `Lin ${randomUUID().slice(0, 6)}` });
    return work({ consultantId: consultant.id, translations });
  }

  async function openAnswerPage(id: string) {
    const result = await callRoute(
      answerRoute.loader,
      makeRequest(`/engagements/${id}/agreement`, { cookie: cookie.staff }),
      { id },
    );
    return (result.data as AnswerPageData).engagement;
  }

  it("offers English and each language written in full, and keeps the one chosen", async () => {
    const e = workWithoutAccount();
    expect((await openAnswerPage(e.id)).termsLanguages).toEqual(["en", "es"]);
    const result = await postOfflineAnswer(e.id, { language: "es" });
    expect(result.status).toBe(302);
    expect(answersTo(e.id)[0]).toMatchObject({ language: "es", method: "paper_form" });
    expect((await openDetail(e.id)).agreements[0]!.asRead).toMatchObject({ language: "es", words: SPANISH });
  });

  it("asks which one when there is a choice", async () => {
    const e = workWithoutAccount();
    const result = await postOfflineAnswer(e.id);
    expect(result.status).toBe(400);
    expect(englishErrors((result.data as Reply).error).language).toEqual([
      "Choose the language of the terms they read.",
    ]);
    expect(answersTo(e.id)).toEqual([]);
  });

  it("refuses a language the terms are not written in, in full", async () => {
    for (const translations of [{}, { es: { title: SPANISH.title } }] as Translations[]) {
      const e = workWithoutAccount(translations);
      expect((await openAnswerPage(e.id)).termsLanguages).toEqual(["en"]);
      const result = await postOfflineAnswer(e.id, { language: "es" });
      expect(result.status).toBe(400);
      expect(englishErrors((result.data as Reply).error).language).toEqual([
        "The terms are not written in full in that language. Choose a language they are written in.",
      ]);
      expect(answersTo(e.id)).toEqual([]);
    }
  });

  it("English when the terms are written in English only, without asking", async () => {
    const e = workWithoutAccount({});
    expect((await postOfflineAnswer(e.id)).status).toBe(302);
    expect(answersTo(e.id)[0]!.language).toBe("en");
  });
});

describe("one organization's terms stay its own", () => {
  it("a consultant cannot read or answer another organization's Spanish terms", async () => {
    const foreign = createEngagementRecord(
      world.other.org.id,
      world.other.consultant.consultantId,
      world.other.programId,
      {
        termsTranslations: { es: SPANISH },
      },
    );
    const read = await callRoute(
      workRoute.loader,
      makeRequest(`/portal/work/${foreign.id}`, { cookie: cookie.spanish }),
      {
        id: foreign.id,
      },
    );
    expect(read.status).toBe(404);
    const answer = await answerInPortal(foreign.id, cookie.spanish, { language: "es" });
    expect(answer.status).toBe(404);
    expect(
      db
        .select()
        .from(engagementAgreements)
        .where(and(eq(engagementAgreements.engagementId, foreign.id)))
        .all(),
    ).toEqual([]);
  });
});

describe("new English beside Spanish left as it was", () => {
  const STALE = "The English changed: update the Spanish too, or tick ‘The Spanish still says the same’.";
  const NEW_SCOPE = "Two sessions for volunteers and one for their supervisors";

  it("is refused next to the Spanish field that stayed, keeping what was typed and saving nothing", async () => {
    const e = work();
    const result = await postEdit(e.id, editForm(e.id, { scopeWhat: NEW_SCOPE }));
    expect(result.status).toBe(400);
    const reply = result.data as Reply;
    expect(englishErrors(reply.error)).toEqual({ "translations.es.scopeWhat": [STALE] });
    expect(reply.initialValue).toMatchObject({ scopeWhat: NEW_SCOPE, translations: { es: SPANISH } });
    expect(stored(e.id)).toMatchObject({ termsVersion: 1, scopeWhat: e.scopeWhat, termsTranslations: { es: SPANISH } });
    expect(auditOf(e.id).filter((a) => a.action.startsWith("engagement.terms"))).toEqual([]);
  });

  it("names every Spanish field that stayed", async () => {
    const e = work();
    const result = await postEdit(e.id, editForm(e.id, { title: "A new name", scopeWhat: NEW_SCOPE }));
    expect(englishErrors((result.data as Reply).error)).toEqual({
      "translations.es.title": [STALE],
      "translations.es.scopeWhat": [STALE],
    });
  });

  it("saves when staff tick that the Spanish still says the same", async () => {
    const e = work();
    const result = await postEdit(e.id, editForm(e.id, { scopeWhat: NEW_SCOPE, "stillSame.es": "on" }));
    expect(result.status).toBe(302);
    expect(stored(e.id)).toMatchObject({ termsVersion: 2, scopeWhat: NEW_SCOPE, termsTranslations: { es: SPANISH } });
  });

  it("saves when the Spanish changed too", async () => {
    const e = work();
    const changes = { scopeWhat: NEW_SCOPE, "translations.es.scopeWhat": "Dos sesiones y una para supervisión" };
    expect((await postEdit(e.id, editForm(e.id, changes))).status).toBe(302);
    expect(stored(e.id)).toMatchObject({
      termsVersion: 2,
      termsTranslations: { es: { ...SPANISH, scopeWhat: "Dos sesiones y una para supervisión" } },
    });
  });

  it("saves when the Spanish is cleared: the Spanish reader then reads the new English, told so", async () => {
    const e = work();
    const changes = { scopeWhat: NEW_SCOPE, "translations.es.title": "", "translations.es.scopeWhat": "" };
    expect((await postEdit(e.id, editForm(e.id, changes))).status).toBe(302);
    expect(stored(e.id)).toMatchObject({ termsVersion: 2, scopeWhat: NEW_SCOPE, termsTranslations: {} });
    const own = await openWork(e.id, cookie.spanish);
    expect(own).toMatchObject({ termsFallback: true, terms: { scopeWhat: NEW_SCOPE } });
  });

  it("a change to the Spanish alone saves", async () => {
    const e = work();
    expect((await postEdit(e.id, editForm(e.id, { "translations.es.title": "Otro nombre" }))).status).toBe(302);
    expect(stored(e.id)).toMatchObject({
      termsVersion: 2,
      termsTranslations: { es: { ...SPANISH, title: "Otro nombre" } },
    });
  });

  it("a change that is not to the words (the rate) saves with the Spanish as it was", async () => {
    const e = work();
    expect((await postEdit(e.id, editForm(e.id, { rate: "75" }))).status).toBe(302);
    expect(stored(e.id)).toMatchObject({ termsVersion: 2, rateCents: 7500, termsTranslations: { es: SPANISH } });
  });
});
