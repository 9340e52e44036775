// Records and letters of experience: the record holds only the consultant's own work, pay and the
// organization's name only when they choose; a letter is frozen when an admin signs it; each copy's
// code is kept only as a digest; the public check says only genuine, revoked or not found, with the
// date and the hours and months the letter states (as issued), and slows down guessing; nobody else's admin, and no other consultant, reaches a letter.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  consultants,
  emailOutbox,
  engagements,
  experienceLetterCodes,
  experienceLetters,
  loginFailures,
  payments,
  timeEntries,
} from "../../db/schema";
import { listActivityTypes } from "../../app/models/activity-type.server";
import { forgetConsultant } from "../../app/models/erasure/forget.server";
import { getOwnLetter, letterCodeDigest, ownExperienceRecord } from "../../app/models/experience/letters.server";
import { NO_CHOICES } from "../../app/models/experience/record.server";
import { FORM_ATTEMPTS_PER_ADDRESS } from "../../app/utils/rate-limit.server";
import { db } from "../../app/utils/db.server";
import * as letterRoute from "../../app/routes/portal.experience.$id";
import * as recordRoute from "../../app/routes/portal.experience._index";
import * as adminRoute from "../../app/routes/_staff.consultants.$id.letters";
import * as verifyRoute from "../../app/routes/verify";
import {
  cookieFor,
  createConsultantRecord,
  createEngagementRecord,
  createMember,
  createTwoOrganizations,
} from "../support/factories";
import { changedTables, snapshot } from "../support/db-snapshot";
import { callRoute, makeRequest, type RouteResult } from "../support/http";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
let world: World;
const cookies: Record<string, string> = {};
let designId: string;
let organizationName: string;
let consultantName: string;

function approvedTime(organizationId: string, engagementId: string, workDate: string, hundredths: number) {
  db.insert(timeEntries)
    .values({ organizationId, engagementId, workDate, hundredths, kind: "session", status: "approved" })
    .run();
}

beforeAll(async () => {
  world = await createTwoOrganizations();
  const own = world.own;
  const org = own.org.id;
  organizationName = own.org.name;
  consultantName = db
    .select({ name: consultants.preferredName })
    .from(consultants)
    .where(eq(consultants.id, own.consultant.consultantId))
    .get()!.name;
  const activity = listActivityTypes(org).find((a) => a.stage === "design")!;
  // Done, with approved time, time still waiting (not counted), a fee paid and one not yet paid.
  designId = createEngagementRecord(org, own.consultant.consultantId, own.programId, {
    stage: "design",
    role: "Curriculum reviewer",
    activityTypeId: activity.id,
    title: "Secret title of the work",
    status: "completed",
    completedAt: new Date(),
    startDate: "2026-08-01",
  }).id;
  approvedTime(org, designId, "2026-08-03", 300);
  approvedTime(org, designId, "2026-08-05", 200);
  db.insert(timeEntries)
    .values({ organizationId: org, engagementId: designId, workDate: "2026-08-06", hundredths: 100, kind: "debrief" })
    .run();
  for (const [feeCents, status] of [
    [30000, "paid"],
    [10000, "approved"],
  ] as const) {
    db.insert(payments)
      .values({
        organizationId: org,
        engagementId: designId,
        consultantId: own.consultant.consultantId,
        feeCents,
        expensesCents: 1500,
        method: "check",
        status,
        paidDate: status === "paid" ? "2026-08-20" : null,
      })
      .run();
  }
  // Under way, with approved time; and the fixture's proposed work, which is not experience yet.
  const deliveryId = createEngagementRecord(org, own.consultant.consultantId, own.programId, {
    stage: "delivery",
    status: "in_progress",
    startDate: "2026-11-10",
  }).id;
  approvedTime(org, deliveryId, "2026-11-10", 150);
  // Another consultant's work, here and in the other organization.
  for (const side of [own, world.other]) {
    const theirs = side === own ? side.otherConsultant.consultantId : side.consultant.consultantId;
    const id = createEngagementRecord(side.org.id, theirs, side.programId, {
      status: "completed",
      completedAt: new Date(),
      role: "Someone else's role",
    }).id;
    approvedTime(side.org.id, id, "2026-09-01", 900);
  }
  cookies.consultant = await cookieFor(own.consultant.userId);
  cookies.otherConsultant = await cookieFor(own.otherConsultant.userId);
  cookies.admin = await cookieFor(own.admin.userId);
  cookies.staff = await cookieFor(own.staff.userId);
  cookies.otherAdmin = await cookieFor(world.other.admin.userId);
  cookies.otherOrgConsultant = await cookieFor(world.other.consultant.userId);
});

const own = () => ({ organizationId: world.own.org.id, userId: world.own.consultant.userId });
const lettersPath = () => `/consultants/${world.own.consultant.consultantId}/letters`;

function ask(form: Record<string, string>, cookie = cookies.consultant) {
  return callRoute(recordRoute.action, makeRequest("/portal/experience", { cookie, form: { intent: "ask", ...form } }));
}

function adminAction(form: Record<string, string>, cookie = cookies.admin, consultantId?: string) {
  const id = consultantId ?? world.own.consultant.consultantId;
  return callRoute(adminRoute.action, makeRequest(`/consultants/${id}/letters`, { cookie, form }), { id });
}

function check(code: string, clientIp = `198.51.100.${Math.floor(Math.random() * 250) + 1}`) {
  return callRoute(verifyRoute.action, makeRequest("/verify", { form: { code } }), {}, { clientIp });
}

const checkOf = (result: RouteResult) => (result.data as { check: unknown }).check;

function waitingId() {
  return db
    .select({ id: experienceLetters.id })
    .from(experienceLetters)
    .where(
      and(
        eq(experienceLetters.consultantId, world.own.consultant.consultantId),
        eq(experienceLetters.status, "requested"),
      ),
    )
    .get()?.id;
}

/** Asks for a letter as the consultant and signs it as the admin; returns the letter and its first code. */
async function issuedLetter(choices: Record<string, string> = {}) {
  expect((await ask(choices)).status).toBe(302);
  const letterId = waitingId()!;
  const issued = await adminAction({
    intent: "issue",
    letterId,
    signerName: "Dana Example",
    signerTitle: "Program Director",
  });
  expect(issued.status).toBe(200);
  const code = (issued.data as { copy: { code: string } }).copy.code;
  return { letterId, code };
}

describe("the record of experience", () => {
  it("holds only the consultant's own work that was done, with its approved hours and days", () => {
    const record = ownExperienceRecord({ ...own(), choices: NO_CHOICES });
    expect(record.consultantName).toBe(consultantName);
    expect(record.work).toEqual([
      {
        role: null,
        stage: "delivery",
        activity: null,
        firstDay: "2026-11-10",
        lastDay: "2026-11-10",
        hundredths: 150,
        paidCents: null,
      },
      {
        role: "Curriculum reviewer",
        stage: "design",
        activity: expect.any(String),
        firstDay: "2026-08-03",
        lastDay: "2026-08-05",
        hundredths: 500,
        paidCents: null,
      },
    ]);
    expect(record).toMatchObject({ totalHundredths: 650, firstDay: "2026-08-03", lastDay: "2026-11-10" });
    const text = JSON.stringify(record);
    for (const never of ["Someone else's role", "Secret title of the work", "1500", organizationName]) {
      expect(text).not.toContain(never);
    }
  });

  it("shows no pay and no organization name unless the consultant chooses them", async () => {
    const plain = ownExperienceRecord({ ...own(), choices: NO_CHOICES });
    expect(plain.paidCents).toBeNull();
    expect(plain.organizationName).toBeNull();
    expect(plain.work.every((w) => w.paidCents === null)).toBe(true);
    const page = await callRoute(recordRoute.loader, makeRequest("/portal/experience", { cookie: cookies.consultant }));
    expect((page.data as { record: unknown }).record).toEqual(plain);

    const chosen = await callRoute(
      recordRoute.loader,
      makeRequest("/portal/experience?pay=yes&organization=yes", { cookie: cookies.consultant }),
    );
    const record = (chosen.data as { record: typeof plain }).record;
    expect(record.organizationName).toBe(organizationName);
    // Fees paid only: not the payment still waiting, never the expenses.
    expect(record.paidCents).toBe(30000);
    expect(record.work.find((w) => w.stage === "design")!.paidCents).toBe(30000);
  });

  it("is not offered to staff: the portal page is the consultant's", async () => {
    const result = await callRoute(recordRoute.loader, makeRequest("/portal/experience", { cookie: cookies.staff }));
    expect(result.status).toBe(403);
  });
});

describe("asking for a letter", () => {
  it("keeps one waiting request: asking again replaces it with the new choices, and it can be taken back", async () => {
    expect((await ask({ includePay: "on" })).status).toBe(302);
    const first = waitingId()!;
    expect((await ask({ includeOrganization: "on" })).status).toBe(302);
    const second = waitingId()!;
    expect(second).not.toBe(first);
    const rows = db.select().from(experienceLetters).where(eq(experienceLetters.id, first)).all();
    expect(rows[0]!.status).toBe("withdrawn");
    expect(db.select().from(experienceLetters).where(eq(experienceLetters.id, second)).get()).toMatchObject({
      includePay: false,
      includeOrganization: true,
      status: "requested",
    });
    const withdrawn = await callRoute(
      recordRoute.action,
      makeRequest("/portal/experience", { cookie: cookies.consultant, form: { intent: "withdraw", letterId: second } }),
    );
    expect(withdrawn.status).toBe(302);
    expect(waitingId()).toBeUndefined();
  });

  it("tells the admins by an email that names no one", async () => {
    const before = db.select().from(emailOutbox).all().length;
    expect((await ask({})).status).toBe(302);
    const sent = db.select().from(emailOutbox).all().slice(before);
    expect(sent.map((e) => e.toAddress)).toEqual([world.own.admin.email.toLowerCase()]);
    for (const e of sent) {
      // The link names the consultant's page by its random id only, as every staff page does.
      for (const never of [consultantName, organizationName, "Curriculum reviewer"]) {
        expect(`${e.subject}\n${e.text}`).not.toContain(never);
      }
    }
  });

  it("is refused when there is no work to state", async () => {
    const member = await createMember({ organizationId: world.own.org.id, role: "consultant" });
    createConsultantRecord(world.own.org.id, { userId: member.userId, email: member.email });
    const result = await ask({}, await cookieFor(member.userId));
    expect(result.status).toBe(400);
  });
});

describe("an issued letter", () => {
  it("is frozen: later changes to the work, the role or the name leave it as it was issued", async () => {
    const { letterId } = await issuedLetter({ includePay: "on", includeOrganization: "on" });
    const before = getOwnLetter({ ...own(), letterId });
    expect(before.statement).toMatchObject({ paidCents: 30000, organizationName, totalHundredths: 650 });
    expect(before).toMatchObject({ signerName: "Dana Example", signerTitle: "Program Director", status: "issued" });

    approvedTime(world.own.org.id, designId, "2026-08-07", 400);
    db.update(engagements).set({ role: "Changed role" }).where(eq(engagements.id, designId)).run();
    db.update(consultants)
      .set({ preferredName: "A new name" })
      .where(eq(consultants.id, world.own.consultant.consultantId))
      .run();
    try {
      expect(getOwnLetter({ ...own(), letterId })).toEqual(before);
      // The record today does change: only the letter is frozen.
      expect(ownExperienceRecord({ ...own(), choices: NO_CHOICES }).totalHundredths).toBe(1050);
    } finally {
      db.update(consultants)
        .set({ preferredName: consultantName })
        .where(eq(consultants.id, world.own.consultant.consultantId))
        .run();
      db.update(engagements).set({ role: "Curriculum reviewer" }).where(eq(engagements.id, designId)).run();
      db.delete(timeEntries)
        .where(and(eq(timeEntries.engagementId, designId), eq(timeEntries.workDate, "2026-08-07")))
        .run();
    }
  });

  it("keeps each copy's code only as a digest, and each copy gets a code of its own", async () => {
    const { letterId, code } = await issuedLetter();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    const copy = await callRoute(
      letterRoute.action,
      makeRequest(`/portal/experience/${letterId}`, { cookie: cookies.consultant, form: { intent: "copy" } }),
      { id: letterId },
    );
    expect(copy.status).toBe(200);
    const second = (copy.data as { code: string }).code;
    expect(second).not.toBe(code);
    const rows = db.select().from(experienceLetterCodes).where(eq(experienceLetterCodes.letterId, letterId)).all();
    expect(rows.map((r) => r.codeHash).sort()).toEqual([letterCodeDigest(code), letterCodeDigest(second)].sort());
    // Nowhere in the database, in any form a person could type.
    const everything = JSON.stringify(
      db.$client
        .prepare("select name from sqlite_master where type = 'table'")
        .all()
        .map((t) => db.$client.prepare(`select * from "${(t as { name: string }).name}"`).all()),
    );
    for (const c of [code, second]) {
      expect(everything).not.toContain(c);
      expect(everything).not.toContain(c.replaceAll("-", ""));
    }
    // Both copies check as genuine.
    for (const c of [code, second]) expect(checkOf(await check(c))).toMatchObject({ result: "genuine" });
  });

  it("reaches the consultant's page only in a response, never in an address or a loader", async () => {
    const { letterId } = await issuedLetter();
    const page = await callRoute(
      letterRoute.loader,
      makeRequest(`/portal/experience/${letterId}`, { cookie: cookies.consultant }),
      { id: letterId },
    );
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.data)).not.toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    const issued = await callRoute(
      letterRoute.action,
      makeRequest(`/portal/experience/${letterId}`, { cookie: cookies.consultant, form: { intent: "copy" } }),
      { id: letterId },
    );
    expect(issued.location).toBeNull();
  });
});

describe("the public check", () => {
  // What the letter states that its holder can compare: 6.5 hours, from August to November 2026.
  const STATED = { totalHundredths: 650, firstMonth: "2026-08", lastMonth: "2026-11" };

  it("shows that the letter is genuine, its date, its hours and months, and nothing else: no name, organization, pay, role or signer", async () => {
    const { letterId, code } = await issuedLetter({ includePay: "on", includeOrganization: "on" });
    const letter = db.select().from(experienceLetters).where(eq(experienceLetters.id, letterId)).get()!;
    const result = await check(code);
    expect(result.status).toBe(200);
    expect(checkOf(result)).toEqual({ result: "genuine", issuedOn: letter.issuedOn, facts: STATED });
    const text = JSON.stringify(result.data);
    for (const never of [
      consultantName,
      organizationName,
      "Dana Example",
      "Program Director",
      "Curriculum reviewer",
      "30000",
      "2026-08-03",
      "2026-11-10",
      letterId,
      world.own.consultant.consultantId,
      world.own.org.id,
    ]) {
      expect(text).not.toContain(never);
    }
    // Typed as people copy it from paper: small letters, spaces, O for 0 and I for 1.
    const sloppy = code.toLowerCase().replaceAll("-", " ").replaceAll("0", "o").replaceAll("1", "i");
    expect(checkOf(await check(sloppy))).toEqual({ result: "genuine", issuedOn: letter.issuedOn, facts: STATED });
  });

  it("states the letter as it was issued: a copy changed to say more work than that no longer matches", async () => {
    const { code } = await issuedLetter();
    approvedTime(world.own.org.id, designId, "2026-12-01", 400);
    try {
      // Today's record says 10.5 hours to December; the letter, and so the check, still 6.5 to November.
      expect(ownExperienceRecord({ ...own(), choices: NO_CHOICES })).toMatchObject({
        totalHundredths: 1050,
        lastDay: "2026-12-01",
      });
      expect(checkOf(await check(code))).toMatchObject({ result: "genuine", facts: STATED });
    } finally {
      db.delete(timeEntries)
        .where(and(eq(timeEntries.engagementId, designId), eq(timeEntries.workDate, "2026-12-01")))
        .run();
    }
  });

  it("shows a revoked letter as revoked, and no new copy of it can be made", async () => {
    const { letterId, code } = await issuedLetter();
    const revoked = await adminAction({ intent: "revoke", letterId, reason: "Signed for the wrong person" });
    expect(revoked.status).toBe(302);
    expect(checkOf(await check(code))).toMatchObject({ result: "revoked", facts: STATED });
    expect(JSON.stringify((await check(code)).data)).not.toContain("wrong person");
    const copy = await callRoute(
      letterRoute.action,
      makeRequest(`/portal/experience/${letterId}`, { cookie: cookies.consultant, form: { intent: "copy" } }),
      { id: letterId },
    );
    expect(copy.status).toBe(400);
    expect(
      db.select().from(experienceLetterCodes).where(eq(experienceLetterCodes.letterId, letterId)).all(),
    ).toHaveLength(1);
  });

  it("says not found for a wrong code, and pauses an address that keeps guessing, even for a right code", async () => {
    const { code } = await issuedLetter();
    const ip = "192.0.2.77";
    for (let i = 0; i < FORM_ATTEMPTS_PER_ADDRESS; i++) {
      const guess = await check(`ABCD-EFGH-JKMN-PQRS-${String(1000 + i).slice(-4)}`, ip);
      expect(guess.status).toBe(200);
      expect(checkOf(guess)).toEqual({ result: "not-found" });
    }
    const paused = await check(code, ip);
    expect(paused.status).toBe(429);
    expect(checkOf(paused)).toBeNull();
    expect(JSON.stringify(paused.data)).toContain("auth:forms.formPaused");
    // Another address is not held back.
    expect(checkOf(await check(code, "192.0.2.78"))).toMatchObject({ result: "genuine" });
    // What is counted names no code and no person: only a digest of the address.
    const counted = db.select().from(loginFailures).where(eq(loginFailures.scope, "letter-check")).all();
    expect(JSON.stringify(counted)).not.toContain(code);
    expect(JSON.stringify(counted)).not.toContain(ip);
  });

  it("answers a GET with the form alone: a code in the address is ignored", async () => {
    const { code } = await issuedLetter();
    const result = await callRoute(verifyRoute.loader, makeRequest(`/verify?code=${code}`));
    expect(result.status).toBe(200);
    expect(result.data).toBeNull();
  });
});

describe("who may issue, revoke and see letters", () => {
  it("staff of the organization cannot open, issue or revoke: admins only", async () => {
    await ask({});
    const letterId = waitingId()!;
    const before = snapshot();
    const opened = await callRoute(adminRoute.loader, makeRequest(lettersPath(), { cookie: cookies.staff }), {
      id: world.own.consultant.consultantId,
    });
    expect(opened.status).toBe(403);
    const issued = await adminAction(
      { intent: "issue", letterId, signerName: "Sam", signerTitle: "Coordinator" },
      cookies.staff,
    );
    expect(issued.status).toBe(403);
    expect(changedTables(before, snapshot())).toEqual([]);
  });

  it("another organization's admin cannot open, issue, copy or revoke ours, by our address or theirs", async () => {
    const { letterId: issued } = await issuedLetter();
    await ask({});
    const waiting = waitingId()!;
    const theirConsultant = world.other.consultant.consultantId;
    const forms: Record<string, string>[] = [
      { intent: "issue", letterId: waiting, signerName: "Eve", signerTitle: "Director" },
      { intent: "copy", letterId: issued },
      { intent: "revoke", letterId: issued, reason: "Not ours" },
    ];
    const before = snapshot();
    const opened = await callRoute(adminRoute.loader, makeRequest(lettersPath(), { cookie: cookies.otherAdmin }), {
      id: world.own.consultant.consultantId,
    });
    expect(opened.status).toBe(404);
    for (const form of forms) {
      for (const consultantId of [world.own.consultant.consultantId, theirConsultant]) {
        const result = await adminAction(form, cookies.otherAdmin, consultantId);
        expect(result.status, `${form.intent} at ${consultantId === theirConsultant ? "theirs" : "ours"}`).toBe(404);
      }
    }
    expect(changedTables(before, snapshot())).toEqual([]);
  });

  it("a consultant cannot see, copy or take back another consultant's letters", async () => {
    const { letterId } = await issuedLetter();
    await ask({});
    const waiting = waitingId()!;
    for (const cookie of [cookies.otherConsultant, cookies.otherOrgConsultant]) {
      const before = snapshot();
      const page = await callRoute(letterRoute.loader, makeRequest(`/portal/experience/${letterId}`, { cookie }), {
        id: letterId,
      });
      expect(page.status).toBe(404);
      const copy = await callRoute(
        letterRoute.action,
        makeRequest(`/portal/experience/${letterId}`, { cookie, form: { intent: "copy" } }),
        { id: letterId },
      );
      expect(copy.status).toBe(404);
      const withdraw = await callRoute(
        recordRoute.action,
        makeRequest("/portal/experience", { cookie, form: { intent: "withdraw", letterId: waiting } }),
      );
      expect(withdraw.status).toBe(404);
      expect(changedTables(before, snapshot())).toEqual([]);
      const list = await callRoute(recordRoute.loader, makeRequest("/portal/experience", { cookie }));
      const text = JSON.stringify(list.data);
      expect(text).not.toContain(letterId);
      expect(text).not.toContain(waiting);
      expect(text).not.toContain("Curriculum reviewer");
    }
  });

  it("a request is not a letter: the consultant's letter page shows only issued or revoked ones", async () => {
    await ask({});
    const waiting = waitingId()!;
    const page = await callRoute(
      letterRoute.loader,
      makeRequest(`/portal/experience/${waiting}`, { cookie: cookies.consultant }),
      { id: waiting },
    );
    expect(page.status).toBe(404);
  });
});

describe("when the consultant is forgotten at their request", () => {
  /** A consultant of the other organization with done work, and their cookie. */
  async function personWithWork() {
    const org = world.other.org.id;
    const person = await createMember({ organizationId: org, role: "consultant" });
    const record = createConsultantRecord(org, { userId: person.userId, email: person.email });
    const work = createEngagementRecord(org, record.id, world.other.programId, {
      status: "completed",
      completedAt: new Date(),
      role: `Role ${randomUUID()}`,
    }).id;
    approvedTime(org, work, "2026-07-01", 200);
    return { org, record, cookie: await cookieFor(person.userId) };
  }

  /** The consultant asks, the other organization's admin signs: the letter and its first code. */
  async function letterSigned(person: Awaited<ReturnType<typeof personWithWork>>) {
    await callRoute(
      recordRoute.action,
      makeRequest("/portal/experience", { cookie: person.cookie, form: { intent: "ask" } }),
    );
    const letterId = db
      .select({ id: experienceLetters.id })
      .from(experienceLetters)
      .where(and(eq(experienceLetters.consultantId, person.record.id), eq(experienceLetters.status, "requested")))
      .get()!.id;
    const issued = await adminAction(
      { intent: "issue", letterId, signerName: "Eve", signerTitle: "Director" },
      cookies.otherAdmin,
      person.record.id,
    );
    return { letterId, code: (issued.data as { copy: { code: string } }).copy.code };
  }

  const forget = (person: Awaited<ReturnType<typeof personWithWork>>) =>
    forgetConsultant({
      organizationId: person.org,
      consultantId: person.record.id,
      actor: { userId: world.other.admin.userId, role: "admin" },
    });

  it("their letters lose what they said, a waiting request closes, and a copy they hold still checks", async () => {
    const person = await personWithWork();
    const { record, cookie } = person;
    const { code } = await letterSigned(person);
    await callRoute(recordRoute.action, makeRequest("/portal/experience", { cookie, form: { intent: "ask" } }));

    forget(person);
    const letters = db.select().from(experienceLetters).where(eq(experienceLetters.consultantId, record.id)).all();
    expect(letters.every((l) => l.statement === null)).toBe(true);
    expect(letters.map((l) => l.status).sort()).toEqual(["issued", "withdrawn"]);
    // Its words are gone, and so are the facts the check could state.
    expect(checkOf(await check(code))).toMatchObject({ result: "genuine", facts: null });
  });

  it("a revoked letter loses why it was revoked, and keeps when", async () => {
    const person = await personWithWork();
    const { letterId, code } = await letterSigned(person);
    const reason = `Rosa asked: her ex found the letter ${randomUUID()}`;
    expect(
      (await adminAction({ intent: "revoke", letterId, reason }, cookies.otherAdmin, person.record.id)).status,
    ).toBe(302);
    const revokedAt = db.select().from(experienceLetters).where(eq(experienceLetters.id, letterId)).get()!.revokedAt;
    expect(revokedAt).toBeInstanceOf(Date);

    forget(person);
    expect(db.select().from(experienceLetters).where(eq(experienceLetters.id, letterId)).get()).toMatchObject({
      status: "revoked",
      revokedAt,
      revokeReason: null,
      statement: null,
    });
    expect(checkOf(await check(code))).toMatchObject({ result: "revoked" });
  });

  it("no new copy can be made of a letter whose words were erased; a copy made before still checks", async () => {
    const person = await personWithWork();
    const { letterId, code } = await letterSigned(person);
    forget(person);

    const before = snapshot();
    const copy = await adminAction({ intent: "copy", letterId }, cookies.otherAdmin, person.record.id);
    expect(copy.status).toBe(400);
    expect(JSON.stringify(copy.data)).toContain("common:experience.erasedNoCopy");
    expect((copy.data as { copy: unknown }).copy).toBeNull();
    expect(changedTables(before, snapshot())).toEqual([]);
    expect(
      db.select().from(experienceLetterCodes).where(eq(experienceLetterCodes.letterId, letterId)).all(),
    ).toHaveLength(1);
    expect(checkOf(await check(code))).toMatchObject({ result: "genuine" });

    // The admins' page no longer offers a copy of it, and says why.
    const page = await callRoute(
      adminRoute.loader,
      makeRequest(`/consultants/${person.record.id}/letters`, { cookie: cookies.otherAdmin }),
      { id: person.record.id },
    );
    expect((page.data as { issued: { id: string; statement: unknown }[] }).issued).toEqual([
      expect.objectContaining({ id: letterId, statement: null }),
    ]);
  });
});
