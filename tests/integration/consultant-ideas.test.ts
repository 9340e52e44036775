// Ideas and concerns consultants send from the portal, and how broad survivor input is. Each rule
// against this file's own copy of the database, through the real routes where a person would act:
// an idea is seen only by its author; an anonymous one carries no name, exact time or engagement, is
// not in the audit log, and is found again only with its receipt code; the author sees the status
// and the answer, and is told of the report-back only through a safe channel, neutrally, in their
// language; another organization's staff see and move nothing; the dashboard counts different
// consultants per program and stage.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, consultants, emailOutbox, programInputs, users } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { setEmailSenderForTests } from "../../app/utils/email.server";
import { quarterOf, startOfQuarterUtc } from "../../app/models/feedback/answer-rules.server";
import {
  ideaAnswersToRead,
  myIdeas,
  programsForIdeas,
  sendIdea,
} from "../../app/models/program-input/consultant-ideas.server";
import { consultantIdeasOverview, programInputSummary } from "../../app/models/program-input/staff-views.server";
import { decideInput, recordProgramInput, reportBack, startReview } from "../../app/models/program-input/steps.server";
import { breadthOfInput } from "../../app/models/engagement-stats.server";
import { ANONYMITY_THRESHOLD } from "../../app/models/feedback/anonymity.server";
import { message } from "../../app/i18n/message";
import { inEnglish } from "../../app/i18n/translate.server";
import { inputLoop, needsYou, periodFigures } from "../../app/models/dashboard.server";
import { organizationToday } from "../../app/models/settings.server";
import * as ideasPage from "../../app/routes/portal.ideas";
import * as portalHome from "../../app/routes/portal._index";
import * as itemPage from "../../app/routes/_staff.program-inputs.$id";
import * as generalPage from "../../app/routes/_staff.program-inputs._index";
import * as programInputPage from "../../app/routes/_staff.programs.$id.input";
import {
  cookieFor,
  createConsultantRecord,
  createEngagementRecord,
  createMember,
  createOrganization,
  createProgramRecord,
  createTwoOrganizations,
} from "../support/factories";
import { changedTables, snapshot } from "../support/db-snapshot";
import { callRoute, makeRequest } from "../support/http";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
let world: World;
const cookie = { author: "", colleague: "", staff: "", otherStaff: "", otherConsultant: "" };

beforeAll(async () => {
  world = await createTwoOrganizations();
  cookie.author = await cookieFor(world.own.consultant.userId);
  cookie.colleague = await cookieFor(world.own.otherConsultant.userId);
  cookie.staff = await cookieFor(world.own.staff.userId);
  cookie.otherStaff = await cookieFor(world.other.staff.userId);
  cookie.otherConsultant = await cookieFor(world.other.consultant.userId);
});

afterEach(() => setEmailSenderForTests(undefined));

const own = () => world.own;
const staffActor = () => ({ organizationId: own().org.id, actorUserId: own().staff.userId });
const row = (id: string) => db.select().from(programInputs).where(eq(programInputs.id, id)).get()!;
/** The name staff know a consultant by: their record's, not their login's. */
const recordName = (consultantId: string) =>
  db.select({ name: consultants.preferredName }).from(consultants).where(eq(consultants.id, consultantId)).get()!.name;
const auditOf = (id: string) => db.select().from(auditEvents).where(eq(auditEvents.subjectId, id)).all();

/** Sends the portal's form as the signed-in consultant; returns the route's answer. */
function sendForm(cookieValue: string, form: Record<string, string>) {
  return callRoute(
    ideasPage.action,
    makeRequest("/portal/ideas", {
      cookie: cookieValue,
      form: { intent: "send", creationKey: randomUUID(), kind: "idea", about: "general", who: "named", ...form },
    }),
  );
}

function namedIdea(summary = `Idea ${randomUUID().slice(0, 8)}`, programId: string | null = own().programId) {
  return sendIdea({
    organizationId: own().org.id,
    consultantId: own().consultant.consultantId,
    userId: own().consultant.userId,
    kind: "idea",
    programId,
    summary,
    anonymous: false,
    creationKey: randomUUID(),
  }).id!;
}

/**
 * A new program of our organization that `people` different consultants worked on (the author among
 * them, and others made for it); returns its id.
 */
function programWithPeople(people: number, authorId: string) {
  const program = createProgramRecord(own().org.id, `Program of ${people} ${randomUUID().slice(0, 8)}`);
  const others = Array.from({ length: people - 1 }, () => createConsultantRecord(own().org.id).id);
  for (const consultantId of [authorId, ...others]) createEngagementRecord(own().org.id, consultantId, program.id);
  return program.id;
}

/** A named idea taken through the real steps to "reported back". */
function reportedBackIdea(summary?: string) {
  const id = namedIdea(summary);
  decideInput({ ...staffActor(), itemId: id, decision: "adopted", response: "We moved the sessions to 6 pm." });
  reportBack({
    ...staffActor(),
    itemId: id,
    reportedBackOn: organizationToday(own().org.id),
    reportedBackHow: "in the portal",
  });
  return id;
}

describe("sending an idea from the portal", () => {
  it("keeps a named idea as the consultant's own, about a program they worked on, audited with them as the actor", async () => {
    const before = db.select().from(programInputs).all().length;
    const sent = await sendForm(cookie.author, {
      kind: "concern",
      about: own().programId,
      summary: "  The room is too far from the bus stop.  ",
      // Whatever else the form carries, the idea is the signed-in person's.
      consultantId: own().otherConsultant.consultantId,
    });
    expect(sent.status).toBe(302);
    expect(sent.location).toBe("/portal/ideas?done=sent");
    expect(db.select().from(programInputs).all()).toHaveLength(before + 1);
    const item = db
      .select()
      .from(programInputs)
      .where(eq(programInputs.summary, "The room is too far from the bus stop."))
      .get()!;
    expect(item).toMatchObject({
      source: "portal",
      kind: "concern",
      anonymous: false,
      consultantId: own().consultant.consultantId,
      programId: own().programId,
      stage: null,
      engagementId: null,
      status: "received",
      receiptDigest: null,
    });
    expect(auditOf(item.id)).toEqual([
      expect.objectContaining({
        action: "program_input.sent_from_portal",
        actorUserId: own().consultant.userId,
        changedFields: ["kind", "summary", "programId"],
      }),
    ]);
  });

  it("offers only the programs the consultant worked on, and refuses any other next to the field", async () => {
    const unseen = createProgramRecord(own().org.id, `Not theirs ${randomUUID().slice(0, 8)}`);
    const offered = programsForIdeas(db, own().org.id, own().consultant.consultantId).map((p) => p.id);
    expect(offered).toContain(own().programId);
    expect(offered).not.toContain(unseen.id);
    const page = await callRoute(ideasPage.loader, makeRequest("/portal/ideas", { cookie: cookie.author }));
    expect((page.data as { programs: { id: string }[] }).programs.map((p) => p.id)).not.toContain(unseen.id);

    const before = snapshot();
    for (const about of [unseen.id, world.other.programId]) {
      const refused = await sendForm(cookie.author, { about, summary: "About a program I never worked on" });
      expect(refused.status).toBe(400);
      const reply = (refused.data as { reply: { error: Record<string, string[]> } }).reply;
      expect(reply.error.about).toEqual(["portal:ideas.errors.programFromList"]);
    }
    expect(changedTables(before, snapshot())).toEqual([]);
  });

  it("refuses an anonymous idea about a program fewer than three people worked on, beside the field, and keeps what was typed", async () => {
    expect(ANONYMITY_THRESHOLD).toBe(3);
    const small = programWithPeople(ANONYMITY_THRESHOLD - 1, own().consultant.consultantId);
    const wide = programWithPeople(ANONYMITY_THRESHOLD, own().consultant.consultantId);
    const offered = programsForIdeas(db, own().org.id, own().consultant.consultantId);
    expect(offered.find((p) => p.id === small)).toMatchObject({ anonymousAllowed: false });
    expect(offered.find((p) => p.id === wide)).toMatchObject({ anonymousAllowed: true });
    // The page gets the same, so it can offer only the programs an anonymous idea may be about.
    const page = await callRoute(ideasPage.loader, makeRequest("/portal/ideas", { cookie: cookie.author }));
    expect((page.data as { programs: unknown[] }).programs).toEqual(offered);

    const said = `Only two of us did this ${randomUUID().slice(0, 8)}`;
    const before = snapshot();
    const refused = await sendForm(cookie.author, { who: "anonymous", about: small, summary: said });
    expect(refused.status).toBe(400);
    const reply = (refused.data as { reply: { error: Record<string, string[]>; initialValue: Record<string, string> } })
      .reply;
    expect(reply.error.about).toEqual([message("portal:ideas.errors.tooFewForAnonymous", { people: 3 })]);
    expect(inEnglish("portal:ideas.errors.tooFewForAnonymous", { people: 3 })).toBe(
      "Fewer than 3 people have worked on this program, so the team might guess you sent it. Choose “In general”, or send it with your name.",
    );
    // Nothing typed is lost: the form comes back with every answer as it was sent.
    expect(reply.initialValue).toMatchObject({ who: "anonymous", about: small, summary: said, kind: "idea" });
    expect(changedTables(before, snapshot())).toEqual([]);

    // The same words about the same small program are taken with a name, and anonymously in general or
    // about a program enough people worked on.
    expect((await sendForm(cookie.author, { who: "named", about: small, summary: said })).status).toBe(302);
    for (const about of ["general", wide]) {
      const sent = await sendForm(cookie.author, { who: "anonymous", about, summary: `${said} (${about})` });
      expect(sent.status).toBe(200);
      expect((sent.data as { receipt: { code: string } }).receipt.code).toBeTruthy();
    }
  });

  it("counts the people of a program over all time and every engagement, once each", () => {
    // Three engagements of two people: still too few.
    const program = programWithPeople(2, own().consultant.consultantId);
    createEngagementRecord(own().org.id, own().consultant.consultantId, program, { status: "cancelled" });
    const find = () => programsForIdeas(db, own().org.id, own().consultant.consultantId).find((p) => p.id === program)!;
    expect(find().anonymousAllowed).toBe(false);
    // A third person, even on work long done or cancelled, makes it enough.
    createEngagementRecord(own().org.id, createConsultantRecord(own().org.id).id, program, {
      status: "cancelled",
      startDate: "2020-01-01",
    });
    expect(find().anonymousAllowed).toBe(true);
  });

  it("takes an idea in general, with no program and no stage, into the staff's general list", async () => {
    expect((await sendForm(cookie.author, { about: "general", summary: "Pay for the bus fare too." })).status).toBe(
      302,
    );
    const { general } = consultantIdeasOverview(own().org.id);
    const item = general.items.find((i) => i.summary === "Pay for the bus fare too.");
    expect(item).toMatchObject({ programId: null, stage: null, source: "portal", status: "received" });
  });

  it("makes one idea of a form sent twice", async () => {
    const creationKey = randomUUID();
    const form = { creationKey, summary: `Twice ${creationKey}` };
    expect((await sendForm(cookie.author, form)).status).toBe(302);
    expect((await sendForm(cookie.author, form)).status).toBe(302);
    expect(
      db
        .select()
        .from(programInputs)
        .where(eq(programInputs.summary, `Twice ${creationKey}`))
        .all(),
    ).toHaveLength(1);
  });
});

describe("an anonymous idea", () => {
  let code = "";
  let itemId = "";
  let auditBefore = 0;
  // A program the author and two others worked on: enough people for an anonymous idea about it.
  let wideProgramId = "";

  beforeAll(async () => {
    wideProgramId = programWithPeople(3, own().consultant.consultantId);
    auditBefore = db.select().from(auditEvents).all().length;
    const sent = await sendForm(cookie.author, {
      who: "anonymous",
      kind: "concern",
      about: wideProgramId,
      summary: "Staff talk about advisors in the hallway.",
    });
    expect(sent.status).toBe(200);
    code = (sent.data as { receipt: { code: string } }).receipt.code;
    itemId = db
      .select({ id: programInputs.id })
      .from(programInputs)
      .where(eq(programInputs.summary, "Staff talk about advisors in the hallway."))
      .get()!.id;
    // The answer shows the code and nothing that leads to the item.
    expect(JSON.stringify(sent.data)).not.toContain(itemId);
  });

  it("holds no consultant, no engagement, no one who made it, and no time finer than its quarter", () => {
    const quarterStart = startOfQuarterUtc(quarterOf(new Date()));
    expect(row(itemId)).toMatchObject({
      anonymous: true,
      consultantId: null,
      engagementId: null,
      createdByUserId: null,
      stage: null,
      receivedOn: quarterStart.toISOString().slice(0, 10),
      createdAt: quarterStart,
      updatedAt: quarterStart,
    });
  });

  it("leaves nothing in the audit log: no row about it, and no row at all from sending it", () => {
    expect(auditOf(itemId)).toEqual([]);
    expect(db.select().from(auditEvents).all()).toHaveLength(auditBefore);
  });

  it("keeps only a digest of the receipt code, which is a 12-symbol code shown once", () => {
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    const stored = JSON.stringify(row(itemId));
    expect(stored).not.toContain(code);
    expect(stored).not.toContain(code.replaceAll("-", ""));
    expect(row(itemId).receiptDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is not in the sender's own list, nor on their home", async () => {
    expect(myIdeas(own().org.id, own().consultant.consultantId).map((i) => i.summary)).not.toContain(
      "Staff talk about advisors in the hallway.",
    );
    const page = await callRoute(ideasPage.loader, makeRequest("/portal/ideas", { cookie: cookie.author }));
    expect(JSON.stringify(page.data)).not.toContain(itemId);
  });

  it("a form sent again gives no second item and no second code", async () => {
    const creationKey = randomUUID();
    const form = { who: "anonymous", creationKey, summary: `Anonymous twice ${creationKey}` };
    const first = await sendForm(cookie.author, form);
    const again = await sendForm(cookie.author, form);
    expect((first.data as { receipt: { code: string | null } }).receipt.code).toBeTruthy();
    expect((again.data as { receipt: { code: string | null } }).receipt.code).toBeNull();
    expect(
      db
        .select()
        .from(programInputs)
        .where(eq(programInputs.summary, `Anonymous twice ${creationKey}`))
        .all(),
    ).toHaveLength(1);
  });

  it("staff see it in the program's list as sent without a name, with no name anywhere", async () => {
    const page = await callRoute(
      programInputPage.loader,
      makeRequest(`/programs/${wideProgramId}/input`, { cookie: cookie.staff }),
      { id: wideProgramId },
    );
    const items = (page.data as { summary: { items: Record<string, unknown>[] } }).summary.items;
    const item = items.find((i) => i.id === itemId)!;
    expect(item).toMatchObject({ source: "portal", anonymous: true, consultantId: null, consultantName: null });
    const opened = await callRoute(
      itemPage.loader,
      makeRequest(`/program-inputs/${itemId}`, { cookie: cookie.staff }),
      {
        id: itemId,
      },
    );
    const body = JSON.stringify(opened.data);
    for (const person of [own().consultant, own().otherConsultant]) {
      expect(body).not.toContain(person.consultantId);
      expect(body).not.toContain(person.userId);
      expect(body).not.toContain(recordName(person.consultantId));
    }
  });

  it("is found again by its code (however it is typed), without a trace of who looked", async () => {
    decideInput({ ...staffActor(), itemId, decision: "not_adopted", response: "We spoke to the team about it." });
    const before = snapshot();
    const typed = ` ${code.toLowerCase().replaceAll("-", " ")} `;
    const found = await callRoute(
      ideasPage.action,
      makeRequest("/portal/ideas", { cookie: cookie.colleague, form: { intent: "follow", code: typed } }),
    );
    expect(found.status).toBe(200);
    expect((found.data as { followed: Record<string, unknown> }).followed).toEqual({
      kind: "concern",
      summary: "Staff talk about advisors in the hallway.",
      programName: expect.any(String),
      receivedOn: row(itemId).receivedOn,
      status: "not_adopted",
      statusWords: "common:programInputOptions.portalStatus.notAdopted",
      decision: "not_adopted",
      response: "We spoke to the team about it.",
      decidedOn: expect.any(String),
      reportedBackOn: null,
      reportedBackHow: null,
    });
    // Looking it up writes nothing: no audit row puts the person who looked next to it.
    expect(changedTables(before, snapshot())).toEqual([]);
  });

  it("is not found with a wrong code, nor from another organization", async () => {
    const wrong = await callRoute(
      ideasPage.action,
      makeRequest("/portal/ideas", { cookie: cookie.author, form: { intent: "follow", code: "2222-2222-2222" } }),
    );
    expect(wrong.status).toBe(400);
    expect((wrong.data as { reply: { error: Record<string, string[]> } }).reply.error.code).toEqual([
      "portal:ideas.errors.codeNotFound",
    ]);
    const elsewhere = await callRoute(
      ideasPage.action,
      makeRequest("/portal/ideas", { cookie: cookie.otherConsultant, form: { intent: "follow", code } }),
    );
    expect(elsewhere.status).toBe(400);
    expect(JSON.stringify(elsewhere.data)).not.toContain("hallway");
  });

  it("reporting it back tells nobody, since nobody is known", async () => {
    const outbox = db.select().from(emailOutbox).all().length;
    db.update(consultants)
      .set({ email: "anon-author@example.test", emailSafety: "safe" })
      .where(eq(consultants.id, own().consultant.consultantId))
      .run();
    const result = await callRoute(
      itemPage.action,
      makeRequest(`/program-inputs/${itemId}`, {
        cookie: cookie.staff,
        form: {
          intent: "report-back",
          reportedBackOn: organizationToday(own().org.id),
          reportedBackHow: "at the team meeting",
        },
      }),
      { id: itemId },
    );
    expect(result.status).toBe(302);
    expect(row(itemId).status).toBe("reported_back");
    expect(db.select().from(emailOutbox).all()).toHaveLength(outbox);
  });
});

describe("an idea is seen only by its author", () => {
  it("another consultant of the same or another organization neither sees it nor marks it read", async () => {
    const id = reportedBackIdea("Only mine to see");
    for (const other of [cookie.colleague, cookie.otherConsultant]) {
      const page = await callRoute(ideasPage.loader, makeRequest("/portal/ideas", { cookie: other }));
      expect(page.status).toBe(200);
      expect(JSON.stringify(page.data)).not.toContain("Only mine to see");
      const before = snapshot();
      const read = await callRoute(
        ideasPage.action,
        makeRequest("/portal/ideas", { cookie: other, form: { intent: "read", itemId: id } }),
      );
      expect(read.status).toBe(404);
      expect(changedTables(before, snapshot())).toEqual([]);
    }
    expect(myIdeas(own().org.id, own().otherConsultant.consultantId).map((i) => i.id)).not.toContain(id);
    expect(myIdeas(own().org.id, own().consultant.consultantId).map((i) => i.id)).toContain(id);
  });

  it("input staff wrote down stays on the feedback page, not among the ideas the consultant sent", () => {
    const recorded = recordProgramInput({
      ...staffActor(),
      programId: own().programId,
      creationKey: randomUUID(),
      input: {
        consultantId: own().consultant.consultantId,
        engagementId: null,
        stage: "design",
        summary: "Written down in a meeting",
        receivedOn: organizationToday(own().org.id),
      },
    });
    expect(myIdeas(own().org.id, own().consultant.consultantId).map((i) => i.id)).not.toContain(recorded.id);
  });
});

describe("the status and the answer reach the author", () => {
  it("shows each step in the portal, the answer once decided, and a notice on home until they say they read it", async () => {
    const id = namedIdea("Evening sessions, please");
    const mine = () => myIdeas(own().org.id, own().consultant.consultantId).find((i) => i.id === id)!;
    expect(mine()).toMatchObject({ status: "received", response: null, newAnswer: false });
    startReview({ ...staffActor(), itemId: id });
    expect(mine()).toMatchObject({
      status: "under_review",
      statusWords: "common:programInputOptions.portalStatus.underReview",
    });
    decideInput({ ...staffActor(), itemId: id, decision: "partly_adopted", response: "Every other session at 6 pm." });
    expect(mine()).toMatchObject({
      status: "partly_adopted",
      response: "Every other session at 6 pm.",
      reportedBackOn: null,
      newAnswer: false,
    });
    const toRead = ideaAnswersToRead(own().org.id, own().consultant.consultantId);
    const today = organizationToday(own().org.id);
    reportBack({ ...staffActor(), itemId: id, reportedBackOn: today, reportedBackHow: "in the portal" });
    expect(mine()).toMatchObject({
      status: "reported_back",
      reportedBackOn: today,
      reportedBackHow: "in the portal",
      newAnswer: true,
    });
    expect(ideaAnswersToRead(own().org.id, own().consultant.consultantId)).toBe(toRead + 1);
    const home = await callRoute(portalHome.loader, makeRequest("/portal", { cookie: cookie.author }));
    expect((home.data as { ideaAnswers: number }).ideaAnswers).toBe(toRead + 1);

    const read = await callRoute(
      ideasPage.action,
      makeRequest("/portal/ideas", { cookie: cookie.author, form: { intent: "read", itemId: id } }),
    );
    expect(read.status).toBe(302);
    expect(mine().newAnswer).toBe(false);
    expect(ideaAnswersToRead(own().org.id, own().consultant.consultantId)).toBe(toRead);
    expect(auditOf(id).map((a) => [a.action, a.actorUserId])).toContainEqual([
      "program_input.answer_read",
      own().consultant.userId,
    ]);
    // The page that shows it writes nothing (only the button does).
    const before = snapshot();
    await callRoute(ideasPage.loader, makeRequest("/portal/ideas", { cookie: cookie.author }));
    await callRoute(portalHome.loader, makeRequest("/portal", { cookie: cookie.author }));
    expect(changedTables(before, snapshot())).toEqual([]);
  });
});

describe("the author is told of the answer only through a safe channel, neutrally, in their language", () => {
  const emailsTo = (address: string) => db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, address)).all();

  /** A consultant with a portal login in the own organization, an engagement on its program, and these contact facts. */
  async function author(values: Partial<typeof consultants.$inferInsert>, language?: string) {
    const member = await createMember({ organizationId: own().org.id, role: "consultant" });
    if (language) db.update(users).set({ preferredLanguage: language }).where(eq(users.id, member.userId)).run();
    const record = createConsultantRecord(own().org.id, { userId: member.userId, ...values });
    createEngagementRecord(own().org.id, record.id, own().programId);
    return { ...member, consultantId: record.id, cookie: await cookieFor(member.userId) };
  }

  async function sendAndAnswer(person: Awaited<ReturnType<typeof author>>, summary: string) {
    expect((await sendForm(person.cookie, { about: own().programId, summary })).status).toBe(302);
    const id = db.select().from(programInputs).where(eq(programInputs.summary, summary)).get()!.id;
    const step = (form: Record<string, string>) =>
      callRoute(itemPage.action, makeRequest(`/program-inputs/${id}`, { cookie: cookie.staff, form }), { id });
    expect(
      (await step({ intent: "decide", decision: "adopted", response: "Done: the guide has a glossary now." })).status,
    ).toBe(302);
    return { id, step };
  }

  const reportForm = () => ({
    intent: "report-back",
    reportedBackOn: organizationToday(own().org.id),
    reportedBackHow: "in the portal",
  });

  it("emails a neutral notice when email is safe, at the report-back and not before, once", async () => {
    const person = await author({ email: "idea-safe@example.test", emailSafety: "safe" });
    const { step } = await sendAndAnswer(person, "Add a glossary to the guide (safe)");
    expect(emailsTo("idea-safe@example.test")).toHaveLength(0);
    expect((await step(reportForm())).status).toBe(302);
    expect((await step(reportForm())).status).toBe(302); // the same report again changes nothing
    const mails = emailsTo("idea-safe@example.test");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("You have an update");
    expect(mails[0]!.template).toBe("portal-notice");
    for (const secret of ["glossary", "Add a glossary", own().org.name, "in the portal", "idea"]) {
      expect(mails[0]!.text).not.toContain(secret);
      expect(mails[0]!.subject).not.toContain(secret);
    }
  });

  it("writes it in the author's own language", async () => {
    const person = await author({ email: "idea-es@example.test", emailSafety: "safe" }, "es");
    const { step } = await sendAndAnswer(person, "Add a glossary to the guide (es)");
    expect((await step(reportForm())).status).toBe(302);
    const [mail] = emailsTo("idea-es@example.test");
    expect(mail?.subject).toBe("Tiene una novedad");
  });

  it.each(["not_safe", "ask_first"] as const)("sends nothing when email is %s", async (emailSafety) => {
    const address = `idea-${emailSafety}@example.test`;
    const person = await author({ email: address, emailSafety, phone: "+15550100", textSafety: "safe" });
    const { id, step } = await sendAndAnswer(person, `Add a glossary to the guide (${emailSafety})`);
    expect((await step(reportForm())).status).toBe(302);
    expect(row(id).status).toBe("reported_back");
    expect(emailsTo(address)).toHaveLength(0);
  });

  it("sends nothing for input staff wrote down: they told the consultant themselves", async () => {
    const person = await author({ email: "idea-staff-written@example.test", emailSafety: "safe" });
    const { id } = recordProgramInput({
      ...staffActor(),
      programId: own().programId,
      creationKey: randomUUID(),
      input: {
        consultantId: person.consultantId,
        engagementId: null,
        stage: "delivery",
        summary: "Heard at the advisory meeting",
        receivedOn: organizationToday(own().org.id),
      },
    });
    const step = (form: Record<string, string>) =>
      callRoute(itemPage.action, makeRequest(`/program-inputs/${id}`, { cookie: cookie.staff, form }), { id });
    await step({ intent: "decide", decision: "adopted", response: "Done." });
    expect((await step(reportForm())).status).toBe(302);
    expect(emailsTo("idea-staff-written@example.test")).toHaveLength(0);
  });
});

describe("staff see the source, and another organization's staff see and move nothing", () => {
  it("lists a named idea with its sender's name and a new one among those not looked at yet", () => {
    const id = namedIdea("Named idea for the staff list");
    const listed = programInputSummary(own().org.id, own().programId).items.find((i) => i.id === id)!;
    expect(listed).toMatchObject({
      source: "portal",
      kind: "idea",
      anonymous: false,
      consultantName: recordName(own().consultant.consultantId),
    });
    expect(consultantIdeasOverview(own().org.id).waiting.map((w) => w.id)).toContain(id);
    startReview({ ...staffActor(), itemId: id });
    expect(consultantIdeasOverview(own().org.id).waiting.map((w) => w.id)).not.toContain(id);
  });

  it("the other organization's staff cannot open, list or move our ideas", async () => {
    const general = namedIdea("General idea, ours only", null);
    const onProgram = namedIdea("Program idea, ours only");
    const list = await callRoute(generalPage.loader, makeRequest("/program-inputs", { cookie: cookie.otherStaff }));
    expect(list.status).toBe(200);
    const body = JSON.stringify(list.data);
    expect(body).not.toContain("ours only");
    expect(body).not.toContain(general);
    const before = snapshot();
    for (const id of [general, onProgram]) {
      const opened = await callRoute(
        itemPage.loader,
        makeRequest(`/program-inputs/${id}`, { cookie: cookie.otherStaff }),
        { id },
      );
      expect(opened.status).toBe(404);
      const forms: Record<string, string>[] = [
        { intent: "start-review" },
        { intent: "decide", decision: "adopted", response: "x" },
        { intent: "report-back", reportedBackOn: organizationToday(world.other.org.id), reportedBackHow: "by phone" },
      ];
      for (const form of forms) {
        const moved = await callRoute(
          itemPage.action,
          makeRequest(`/program-inputs/${id}`, { cookie: cookie.otherStaff, form }),
          { id },
        );
        expect(moved.status).toBe(404);
      }
    }
    expect(changedTables(before, snapshot())).toEqual([]);
    expect([row(general).status, row(onProgram).status]).toEqual(["received", "received"]);
  });

  it("our own staff see the general list and open a general idea", async () => {
    const id = namedIdea("A general idea to open", null);
    const list = await callRoute(generalPage.loader, makeRequest("/program-inputs", { cookie: cookie.staff }));
    expect(JSON.stringify(list.data)).toContain("A general idea to open");
    const opened = await callRoute(itemPage.loader, makeRequest(`/program-inputs/${id}`, { cookie: cookie.staff }), {
      id,
    });
    expect(opened.status).toBe(200);
    expect((opened.data as { item: Record<string, unknown> }).item).toMatchObject({
      programId: null,
      programName: null,
      consultantName: recordName(own().consultant.consultantId),
    });
  });
});

describe("an anonymous item keeps only its quarter, so it is left out of how long items take", () => {
  // Late in the second quarter: an anonymous item sent today keeps 1 April, 85 days back.
  const today = "2026-06-25";
  const late = new Date("2026-06-25T15:00:00Z");

  it("is not open too long the day it comes, and does not stretch the median days to report back", async () => {
    const org = createOrganization();
    const [staff, author] = await Promise.all([
      createMember({ organizationId: org.id, role: "staff" }),
      createMember({ organizationId: org.id, role: "consultant" }),
    ]);
    const record = createConsultantRecord(org.id, { userId: author.userId, email: author.email });
    const actor = { organizationId: org.id, actorUserId: staff.userId };
    const send = (anonymous: boolean, now: Date, summary: string) =>
      sendIdea({
        organizationId: org.id,
        consultantId: record.id,
        userId: author.userId,
        kind: "idea",
        programId: null,
        summary,
        anonymous,
        creationKey: randomUUID(),
        now,
      });
    const itemSaying = (summary: string) =>
      db.select().from(programInputs).where(eq(programInputs.summary, summary)).get()!;

    // Named: received 10 April, reported back 10 days later.
    const named = send(false, new Date("2026-04-10T15:00:00Z"), "Named, answered in ten days").id!;
    decideInput({ ...actor, itemId: named, decision: "adopted", response: "Done.", today: "2026-04-15" });
    reportBack({ ...actor, itemId: named, reportedBackOn: "2026-04-20", reportedBackHow: "by phone", today });
    // Anonymous, sent today: one answered today, one still open.
    send(true, late, "Anonymous, answered the day it came");
    const answered = itemSaying("Anonymous, answered the day it came");
    decideInput({ ...actor, itemId: answered.id, decision: "adopted", response: "Done too.", today });
    reportBack({ ...actor, itemId: answered.id, reportedBackOn: today, reportedBackHow: "in the portal", today });
    send(true, late, "Anonymous, still open");
    const open = itemSaying("Anonymous, still open");
    expect([answered.receivedOn, open.receivedOn]).toEqual(["2026-04-01", "2026-04-01"]);

    const { general } = consultantIdeasOverview(org.id, today);
    expect(general).toMatchObject({
      total: 3,
      reportedBack: 2,
      // Ten days, the named item's: not the mean of 10 and 85.
      medianDaysToReportBack: 10,
      openTooLong: 0,
      untimed: 2,
    });
    const byId = new Map(general.items.map((i) => [i.id, i]));
    expect(byId.get(open.id)).toMatchObject({ daysOpen: null, openTooLong: false, daysToReportBack: null });
    expect(byId.get(answered.id)).toMatchObject({ daysOpen: null, daysToReportBack: null });
    expect(byId.get(named)).toMatchObject({ daysToReportBack: 10 });
    const opened = await callRoute(
      itemPage.loader,
      makeRequest(`/program-inputs/${open.id}`, { cookie: await cookieFor(staff.userId) }),
      { id: open.id },
    );
    expect((opened.data as { item: unknown }).item).toMatchObject({ daysOpen: null, openTooLong: false });

    // The dashboard: counted as open, never as open too long, nor in "Needs you" as waiting too long.
    const loop = inputLoop(org.id, { from: "2026-04-01", to: "2026-06-30" }, today);
    expect(loop).toMatchObject({ received: 3, open: 1, reportedBack: 2, openTooLong: 0 });
    expect(needsYou(org.id, { userId: staff.userId, role: "staff" }, today).inputsWaiting).toEqual([]);
  });
});

describe("how broad survivor input is: different consultants per program and stage", () => {
  const period = { from: "2026-01-01", to: "2026-06-30" };

  it("counts each person once per program and stage, per program, per stage and overall", () => {
    const org = createOrganization();
    const outreach = createProgramRecord(org.id, "Outreach");
    const training = createProgramRecord(org.id, "Training");
    const [a, b, c] = [1, 2, 3].map(() => createConsultantRecord(org.id));
    const work = (who: { id: string }, programId: string, stage: "design" | "delivery" | "evaluation", extra = {}) =>
      createEngagementRecord(org.id, who.id, programId, { stage, startDate: "2026-03-01", ...extra });
    work(a!, outreach.id, "design");
    work(a!, outreach.id, "design"); // a second design engagement: still one person
    work(a!, outreach.id, "delivery");
    work(b!, outreach.id, "design");
    work(b!, training.id, "design");
    work(c!, training.id, "evaluation", { status: "cancelled" }); // cancelled: not counted
    work(c!, training.id, "evaluation", { startDate: "2025-03-01" }); // before the period

    const breadth = breadthOfInput(org.id, period);
    const cells = (name: string) =>
      Object.fromEntries(
        breadth.programs.find((p) => p.name === name)!.byStage.map((s) => [s.stage, [s.consultants, s.engagements]]),
      );
    expect(breadth.programs.map((p) => p.name)).toEqual(["Outreach", "Training"]);
    expect(cells("Outreach")).toEqual({ design: [2, 3], delivery: [1, 1], evaluation: [0, 0] });
    expect(cells("Training")).toEqual({ design: [1, 1], delivery: [0, 0], evaluation: [0, 0] });
    expect(breadth.programs.map((p) => [p.name, p.consultants, p.engagements])).toEqual([
      ["Outreach", 2, 4],
      ["Training", 1, 1],
    ]);
    // At design, a and b: b in two programs is one person.
    expect(breadth.byStage).toEqual([
      { stage: "design", consultants: 2, engagements: 4 },
      { stage: "delivery", consultants: 1, engagements: 1 },
      { stage: "evaluation", consultants: 0, engagements: 0 },
    ]);
    expect(breadth.consultants).toBe(2);

    // One program chosen: only its people.
    const one = breadthOfInput(org.id, { ...period, programId: training.id });
    expect(one.programs.map((p) => p.name)).toEqual(["Training"]);
    expect(one.consultants).toBe(1);

    // The dashboard's figures carry the same counts, and no names or ids of people.
    const figures = periodFigures(org.id, period, "2026-06-30");
    expect(figures.breadth).toEqual(breadth);
    const shown = JSON.stringify(figures.breadth);
    for (const person of [a!, b!, c!]) {
      expect(shown).not.toContain(person.id);
      expect(shown).not.toContain(person.preferredName);
    }
  });

  it("counts only the organization's own engagements", () => {
    // Every other organization in this database has engagements recorded today.
    const org = createOrganization();
    const today = organizationToday(org.id);
    const breadth = breadthOfInput(org.id, { from: `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`, to: today });
    expect(breadth).toEqual({
      programs: [],
      byStage: [
        { stage: "design", consultants: 0, engagements: 0 },
        { stage: "delivery", consultants: 0, engagements: 0 },
        { stage: "evaluation", consultants: 0, engagements: 0 },
      ],
      consultants: 0,
    });
  });
});
