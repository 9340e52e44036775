// The right to be forgotten: a consultant asks in the portal, an admin erases. What is
// erased, what is kept, that the login ends, and that nobody else's data is touched.
import { statusFor } from "../../app/utils/http-errors.server";
import { ConflictError, ForbiddenError } from "../../app/models/errors";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditEvents,
  consentEvents,
  consentPurposes,
  consentUses,
  consultantChecklistEntries,
  consultants,
  consultantStatusChanges,
  emailOutbox,
  engagementAgreements,
  erasureRequests,
  experienceFeedback,
  feedbackSubmissions,
  invitations,
  memberships,
  passwordResetTokens,
  paymentReversals,
  payments,
  programInputs,
  sessions,
  supportItems,
  timeEntries,
  users,
} from "../../db/schema";
import { supportPlanTerms } from "../../app/models/engagement/support-plan.server";
import { termsSnapshot } from "../../app/models/engagement/terms.server";
import { db } from "../../app/utils/db.server";
import { verifyLogin } from "../../app/utils/auth/sign-in.server";
import { setEmailSenderForTests } from "../../app/utils/email.server";
import { ERASED_NAME, forgetConsultant } from "../../app/models/erasure/forget.server";
import { changeConsultantStatus, updateConsultantProfile } from "../../app/models/consultant/record.server";
import { recordConsentDecision } from "../../app/models/consent/decisions.server";
import { organizationToday } from "../../app/models/settings.server";
import { listChecklistItems, updateChecklistStep } from "../../app/models/checklist.server";
import { decideInput, recordProgramInput } from "../../app/models/program-input/steps.server";
import { sendIdea } from "../../app/models/program-input/consultant-ideas.server";
import { ERASED_IDEA_SUMMARY } from "../../app/utils/program-input-options";
import { loader as inputItemLoader } from "../../app/routes/_staff.program-inputs.$id";
import { StaffProfileSchema } from "../../app/utils/consultant-schema";
import { action as portalRequestAction, loader as portalRequestLoader } from "../../app/routes/portal.my-data.delete";
import { action as eraseAction, loader as eraseLoader } from "../../app/routes/_staff.consultants.$id.erase";
import { loader as requestsLoader } from "../../app/routes/_staff.admin.erasure-requests";
import { loader as recordLoader } from "../../app/routes/_staff.consultants.$id._index";
import { loader as portalLoader } from "../../app/routes/portal";
import { loader as editLoader } from "../../app/routes/_staff.consultants.$id.edit";
import {
  addMembership,
  cookieFor,
  createConsentUseRecord,
  createConsultantRecord,
  createEngagementRecord,
  createMember,
  createOrganization,
  createProgramRecord,
  TEST_PASSWORD,
} from "../support/factories";
import { callRoute, makeRequest } from "../support/http";

const short = () => randomUUID().slice(0, 8);
const org = createOrganization();
// The organization's day, not UTC's: near midnight the two differ, and "today" is a rule of its day.
const today = organizationToday(org.id);
const otherOrg = createOrganization();
const program = createProgramRecord(org.id);

type Member = Awaited<ReturnType<typeof createMember>>;
let admin: Member;
let staff: Member;
let otherAdmin: Member;

beforeAll(async () => {
  setEmailSenderForTests(null);
  [admin, staff, otherAdmin] = await Promise.all([
    createMember({ organizationId: org.id, role: "admin" }),
    createMember({ organizationId: org.id, role: "staff" }),
    createMember({ organizationId: otherOrg.id, role: "admin" }),
  ]);
});

function purposeId(organizationId: string, key: string) {
  return db
    .select({ id: consentPurposes.id })
    .from(consentPurposes)
    .where(and(eq(consentPurposes.organizationId, organizationId), eq(consentPurposes.systemKey, key)))
    .get()!.id;
}

/**
 * A consultant with a portal login and something in every place an erasure reaches: profile,
 * notes, consent (with notes and a witness), a published use, an engagement with an agreement
 * message, time notes, a paid payment with a reference (and a reversed "paid" with its reason), named
 * and anonymous feedback with words, program input, an invitation and a password reset link.
 */
async function consultantWithHistory(label: string) {
  const tag = `${label}-${short()}`;
  const member = await createMember({ organizationId: org.id, role: "consultant", preferredName: `Login ${tag}` });
  const personal = {
    preferredName: `Pref ${tag}`,
    pronouns: "she/her",
    preferredLanguage: "es",
    legalName: `Legal ${tag}`,
    email: member.email,
    phone: "555 0100",
    location: `Town ${tag}`,
    availability: `Evenings ${tag}`,
    accessNeeds: `Quiet room ${tag}`,
    interpreterLanguage: "Tigrinya",
    supportPerson: `Sister ${tag}`,
    staffNotes: `Note ${tag}`,
    languages: ["Tigrinya"],
    expertise: ["trainer"],
  };
  const record = createConsultantRecord(org.id, { userId: member.userId, ...personal });
  const id = record.id;
  // Their own choice of language, on their account.
  db.update(users).set({ preferredLanguage: "es" }).where(eq(users.id, member.userId)).run();
  changeConsultantStatus({
    organizationId: org.id,
    consultantId: id,
    actor: { userId: staff.userId, role: "staff" },
    status: "active",
    reason: `Reason ${tag}`,
  });
  updateChecklistStep({
    organizationId: org.id,
    consultantId: id,
    itemId: listChecklistItems(org.id)[0]!.id,
    actorUserId: staff.userId,
    done: true,
    note: `Checklist ${tag}`,
  });
  recordConsentDecision({
    organizationId: org.id,
    consultantId: id,
    purposeId: purposeId(org.id, "story"),
    decision: "granted",
    actor: { kind: "consultant", userId: member.userId },
    method: "portal",
    scopeNotes: `Scope ${tag}`,
    creationKey: randomUUID(),
  });
  recordConsentDecision({
    organizationId: org.id,
    consultantId: id,
    purposeId: purposeId(org.id, "photo"),
    decision: "granted",
    actor: { kind: "staff", userId: staff.userId, role: "staff" },
    method: "verbal_with_witness",
    givenOn: organizationToday(org.id),
    witnessName: `Witness ${tag}`,
    creationKey: randomUUID(),
  });
  const use = createConsentUseRecord(org.id, id, { status: "published", description: "Newsletter story" });
  const engagement = createEngagementRecord(org.id, id, program.id, { status: "completed" });
  // A support plan staff answered, kept in the terms they accepted (an interpreter in their language,
  // and childcare that could not be arranged, with why).
  db.insert(supportItems)
    .values([
      {
        organizationId: org.id,
        engagementId: engagement.id,
        kind: "interpreter",
        language: `Tigrinya ${tag}`,
        status: "arranged",
        source: "consultant",
        arrangement: `Interpreter booked ${tag}`,
      },
      {
        organizationId: org.id,
        engagementId: engagement.id,
        kind: "childcare",
        status: "declined",
        source: "consultant",
        declineReason: `No carer near ${tag}`,
      },
    ])
    .run();
  db.insert(engagementAgreements)
    .values({
      organizationId: org.id,
      engagementId: engagement.id,
      termsVersion: 1,
      decision: "accepted",
      message: `Agreement ${tag}`,
      termsSnapshot: termsSnapshot(engagement, supportPlanTerms(db, engagement.id)),
      decidedByUserId: member.userId,
    })
    .run();
  db.insert(timeEntries)
    .values({
      organizationId: org.id,
      engagementId: engagement.id,
      workDate: today,
      hundredths: 200,
      kind: "session",
      note: `Time ${tag}`,
    })
    .run();
  const payment = db
    .insert(payments)
    .values({
      organizationId: org.id,
      engagementId: engagement.id,
      consultantId: id,
      feeCents: 24000,
      expensesCents: 1500,
      method: "check",
      status: "paid",
      paidDate: today,
      reference: `Check ${tag}`,
    })
    .returning()
    .get();
  // An earlier "paid" taken back by an admin, whose reason may describe the person.
  db.insert(paymentReversals)
    .values({
      organizationId: org.id,
      paymentId: payment.id,
      formerPaidDate: today,
      reason: `Reversed ${tag}`,
      reversedByUserId: admin.userId,
    })
    .run();
  const named = db
    .insert(experienceFeedback)
    .values({
      organizationId: org.id,
      programId: program.id,
      stage: "delivery",
      quarter: "2026-Q4",
      anonymous: false,
      consultantId: id,
      engagementId: engagement.id,
      source: "portal",
      respected: 5,
      comment: `Named ${tag}`,
    })
    .returning()
    .get();
  const secondEngagement = createEngagementRecord(org.id, id, program.id, { status: "completed" });
  const anonymous = db
    .insert(experienceFeedback)
    .values({
      organizationId: org.id,
      programId: program.id,
      stage: "delivery",
      quarter: "2026-Q4",
      anonymous: true,
      source: "portal",
      fairPay: 4,
      comment: `Anonymous ${tag}`,
    })
    .returning()
    .get();
  db.insert(feedbackSubmissions)
    .values({ engagementId: secondEngagement.id, organizationId: org.id, consultantId: id, feedbackId: anonymous.id })
    .run();
  const input = recordProgramInput({
    organizationId: org.id,
    actorUserId: staff.userId,
    programId: program.id,
    creationKey: randomUUID(),
    input: { consultantId: id, engagementId: null, stage: "design", summary: "Shorter sessions", receivedOn: today },
  });
  decideInput({
    organizationId: org.id,
    actorUserId: staff.userId,
    itemId: input.id,
    decision: "adopted",
    response: "Sessions are now 90 minutes",
  });
  // An idea they sent from the portal with their name, in their own words, answered by staff.
  const portalIdea = sendIdea({
    organizationId: org.id,
    consultantId: id,
    userId: member.userId,
    kind: "concern",
    programId: program.id,
    summary: `My sister and I both left in 2019 ${tag}`,
    anonymous: false,
    creationKey: randomUUID(),
  }).id!;
  decideInput({
    organizationId: org.id,
    actorUserId: staff.userId,
    itemId: portalIdea,
    decision: "partly_adopted",
    response: "We added a second exit",
  });
  db.insert(invitations)
    .values({
      organizationId: org.id,
      email: member.email,
      role: "consultant",
      tokenHash: `hash-${tag}`,
      invitedByUserId: admin.userId,
      consultantId: id,
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    .run();
  db.insert(passwordResetTokens)
    .values({ userId: member.userId, tokenHash: `reset-${tag}`, expiresAt: new Date(Date.now() + 3_600_000) })
    .run();
  const cookie = await cookieFor(member.userId);
  return {
    tag,
    member,
    id,
    personal,
    cookie,
    useId: use.id,
    paymentId: payment.id,
    namedFeedbackId: named.id,
    anonymousFeedbackId: anonymous.id,
    inputId: input.id,
    portalIdeaId: portalIdea,
    engagementIds: [engagement.id, secondEngagement.id],
  };
}

type Person = Awaited<ReturnType<typeof consultantWithHistory>>;

/** Every row that mentions the person, as stored, for before/after comparisons. */
function everythingOf(person: Person) {
  const id = person.id;
  return {
    consultant: db.select().from(consultants).where(eq(consultants.id, id)).get(),
    statuses: db.select().from(consultantStatusChanges).where(eq(consultantStatusChanges.consultantId, id)).all(),
    checklist: db
      .select()
      .from(consultantChecklistEntries)
      .where(eq(consultantChecklistEntries.consultantId, id))
      .all(),
    consent: db
      .select()
      .from(consentEvents)
      .where(eq(consentEvents.consultantId, id))
      .orderBy(sql`${consentEvents}.rowid`)
      .all(),
    uses: db.select().from(consentUses).where(eq(consentUses.consultantId, id)).all(),
    payments: db.select().from(payments).where(eq(payments.consultantId, id)).all(),
    feedback: db
      .select()
      .from(experienceFeedback)
      .where(sql`${experienceFeedback.id} in (${person.namedFeedbackId}, ${person.anonymousFeedbackId})`)
      .all(),
    inputs: db.select().from(programInputs).where(eq(programInputs.consultantId, id)).all(),
    agreements: db
      .select()
      .from(engagementAgreements)
      .where(sql`${engagementAgreements.engagementId} in (${person.engagementIds[0]}, ${person.engagementIds[1]})`)
      .all(),
    user: db.select().from(users).where(eq(users.id, person.member.userId)).get(),
    memberships: db.select().from(memberships).where(eq(memberships.userId, person.member.userId)).all(),
    sessions: db.select().from(sessions).where(eq(sessions.userId, person.member.userId)).all(),
  };
}

let eve: Person;
let bo: Person;
let bystanderBefore: ReturnType<typeof everythingOf>;

beforeAll(async () => {
  eve = await consultantWithHistory("eve");
  bo = await consultantWithHistory("bo");
  bystanderBefore = everythingOf(bo);
});

describe("the consultant asks", () => {
  it("needs the box ticked, then records one request for their own record only and tells admins without naming anyone", async () => {
    const refused = await callRoute(
      portalRequestAction,
      makeRequest("/portal/my-data/delete", { cookie: eve.cookie, form: {} }),
    );
    expect(refused.status).toBe(400);
    expect(db.select().from(erasureRequests).where(eq(erasureRequests.consultantId, eve.id)).all()).toHaveLength(0);

    const outboxBefore = db.select().from(emailOutbox).all().length;
    // Whatever else the form carries, the request is for the signed-in person's own record.
    const sent = await callRoute(
      portalRequestAction,
      makeRequest("/portal/my-data/delete", { cookie: eve.cookie, form: { confirm: "yes", consultantId: bo.id } }),
    );
    expect(sent.status).toBe(302);
    expect(sent.location).toBe("/portal/my-data/delete?done=sent");
    const again = await callRoute(
      portalRequestAction,
      makeRequest("/portal/my-data/delete", { cookie: eve.cookie, form: { confirm: "yes" } }),
    );
    expect(again.status).toBe(302);

    const requests = db.select().from(erasureRequests).where(eq(erasureRequests.organizationId, org.id)).all();
    expect(requests).toEqual([
      expect.objectContaining({
        consultantId: eve.id,
        status: "pending",
        channel: "portal",
        requestedByUserId: eve.member.userId,
      }),
    ]);
    const page = await callRoute(portalRequestLoader, makeRequest("/portal/my-data/delete", { cookie: eve.cookie }));
    expect((page.data as { request: unknown }).request).toBeTruthy();

    const emails = db.select().from(emailOutbox).all().slice(outboxBefore);
    expect(emails.map((e) => e.toAddress)).toEqual([admin.email]);
    const body = JSON.stringify(emails);
    for (const personal of [eve.personal.preferredName, eve.member.email, eve.personal.legalName, eve.tag, org.name]) {
      expect(body).not.toContain(personal);
    }
    expect(body).toContain("/admin/erasure-requests");
  });

  it("staff see the request on the record; admins see it in their list", async () => {
    const staffCookie = await cookieFor(staff.userId);
    const record = await callRoute(recordLoader, makeRequest(`/consultants/${eve.id}`, { cookie: staffCookie }), {
      id: eve.id,
    });
    expect((record.data as { erasure: { request: unknown } }).erasure.request).toBeTruthy();
    const adminCookie = await cookieFor(admin.userId);
    const list = await callRoute(requestsLoader, makeRequest("/admin/erasure-requests", { cookie: adminCookie }));
    expect((list.data as { pending: { consultantId: string }[] }).pending.map((r) => r.consultantId)).toEqual([eve.id]);
  });
});

describe("who may erase", () => {
  it("staff cannot, by the page or the model", async () => {
    const staffCookie = await cookieFor(staff.userId);
    for (const handler of [eraseLoader, eraseAction]) {
      const result = await callRoute(
        handler,
        makeRequest(`/consultants/${eve.id}/erase`, {
          cookie: staffCookie,
          form: handler === eraseAction ? { confirm: "DELETE" } : undefined,
        }),
        { id: eve.id },
      );
      expect(result.status).toBe(403);
    }
    expect(() =>
      forgetConsultant({
        organizationId: org.id,
        consultantId: eve.id,
        actor: { userId: staff.userId, role: "staff" },
      }),
    ).toThrow(ForbiddenError);
    expect(everythingOf(eve).consultant?.erasedAt).toBeNull();
  });

  it("another organization's admin gets a 404", () => {
    let status = 0;
    try {
      forgetConsultant({
        organizationId: otherOrg.id,
        consultantId: eve.id,
        actor: { userId: otherAdmin.userId, role: "admin" },
      });
    } catch (error) {
      status = statusFor(error) ?? 0;
    }
    expect(status).toBe(404);
    expect(everythingOf(eve).consultant?.preferredName).toBe(eve.personal.preferredName);
  });

  it("an admin must type DELETE", async () => {
    const adminCookie = await cookieFor(admin.userId);
    for (const confirm of ["", "delete", "yes"]) {
      const result = await callRoute(
        eraseAction,
        makeRequest(`/consultants/${eve.id}/erase`, { cookie: adminCookie, form: { confirm } }),
        { id: eve.id },
      );
      expect(result.status).toBe(400);
    }
    expect(everythingOf(eve).consultant?.erasedAt).toBeNull();
  });
});

describe("the erasure", () => {
  let before: ReturnType<typeof everythingOf>;
  let after: ReturnType<typeof everythingOf>;

  beforeAll(async () => {
    before = everythingOf(eve);
    const adminCookie = await cookieFor(admin.userId);
    const result = await callRoute(
      eraseAction,
      makeRequest(`/consultants/${eve.id}/erase`, { cookie: adminCookie, form: { confirm: "DELETE" } }),
      { id: eve.id },
    );
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/consultants/${eve.id}?done=erased`);
    after = everythingOf(eve);
  });

  it("refuses a step ticked on the closed record, with a message the page translates", () => {
    let refusal: unknown;
    try {
      updateChecklistStep({
        organizationId: org.id,
        consultantId: eve.id,
        itemId: listChecklistItems(org.id)[0]!.id,
        actorUserId: staff.userId,
        done: false,
      });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ConflictError);
    expect((refusal as ConflictError).text).toBe("staff:consultants.errors.erased");
    expect((refusal as ConflictError).message).toMatch(/^This record was closed at the consultant's request\./);
  });

  it("empties the profile and replaces the name", () => {
    const c = after.consultant!;
    expect(c.preferredName).toMatch(new RegExp(`^${ERASED_NAME} [0-9a-f]{4}$`));
    expect(c).toMatchObject({
      pronouns: null,
      preferredLanguage: null,
      legalName: null,
      email: null,
      phone: null,
      location: null,
      availability: null,
      accessNeeds: null,
      interpreterLanguage: null,
      supportPerson: null,
      staffNotes: null,
      languages: [],
      expertise: [],
      userId: null,
      status: "alumni",
      emailSafety: "not_safe",
      erasedByUserId: admin.userId,
    });
    expect(c.erasedAt).toBeInstanceOf(Date);
    expect(after.statuses.every((s) => s.reason === null)).toBe(true);
    expect(after.checklist.every((e) => e.note === null)).toBe(true);
    expect(after.checklist[0]!.doneAt).toEqual(before.checklist[0]!.doneAt);
  });

  it("leaves no word of the person anywhere in the database file", () => {
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    const dump = db.$client
      .prepare("select name from sqlite_master where type = 'table'")
      .all()
      .map((t) => JSON.stringify(db.$client.prepare(`select * from "${(t as { name: string }).name}"`).all()))
      .join("\n");
    // The tag is in every piece of free text and every name given to this person.
    expect(dump).not.toContain(eve.tag);
    expect(dump).not.toContain(eve.member.email);
    expect(dump).toContain(bo.tag);
    // Nor in the bytes of the file: freed space is zeroed (secure_delete) and the WAL folded in.
    const bytes = fs.readFileSync(process.env.DATABASE_URL!);
    expect(bytes.includes(Buffer.from(eve.tag))).toBe(false);
    expect(bytes.includes(Buffer.from(eve.member.email))).toBe(false);
    expect(bytes.includes(Buffer.from(bo.tag))).toBe(true);
  });

  it("keeps the consent decisions, withdraws those in force and flags the published use", () => {
    expect(
      after.consent
        .slice(0, before.consent.length)
        .map(({ scopeNotes: _s, witnessName: _w, requestedBy: _r, ...e }) => e),
    ).toEqual(before.consent.map(({ scopeNotes: _s, witnessName: _w, requestedBy: _r, ...e }) => e));
    const added = after.consent.slice(before.consent.length);
    expect(added.map((e) => e.kind)).toEqual(["withdrawn", "withdrawn"]);
    expect(added.every((e) => e.recordedByUserId === admin.userId && e.requestedOn === today)).toBe(true);
    expect(after.consent.every((e) => e.scopeNotes === null && e.witnessName === null)).toBe(true);
    expect(after.uses.find((u) => u.id === eve.useId)!.flaggedAt).toBeInstanceOf(Date);
  });

  it("keeps the payments the law requires, without the reference, and reversals without their reason", () => {
    expect(
      db
        .select({ formerPaidDate: paymentReversals.formerPaidDate, reason: paymentReversals.reason })
        .from(paymentReversals)
        .where(eq(paymentReversals.paymentId, eve.paymentId))
        .all(),
    ).toEqual([{ formerPaidDate: today, reason: null }]);
    expect(after.payments).toHaveLength(1);
    const [payment] = after.payments;
    expect(payment).toMatchObject({
      feeCents: 24000,
      expensesCents: 1500,
      paidDate: today,
      status: "paid",
      method: "check",
      reference: null,
    });
  });

  it("keeps feedback scores and program input, without the words or the link to the person", () => {
    const named = after.feedback.find((f) => f.id === eve.namedFeedbackId)!;
    const anonymous = after.feedback.find((f) => f.id === eve.anonymousFeedbackId)!;
    expect(named).toMatchObject({ comment: null, respected: 5 });
    expect(anonymous).toMatchObject({ comment: null, fairPay: 4, consultantId: null });
    expect(db.select().from(feedbackSubmissions).where(eq(feedbackSubmissions.consultantId, eve.id)).all()).toEqual([]);
    expect(after.inputs.map((i) => i.id).sort()).toEqual([eve.inputId, eve.portalIdeaId].sort());
    // Input staff wrote down stays as written (ADR 009).
    expect(after.inputs.find((i) => i.id === eve.inputId)).toMatchObject({
      summary: "Shorter sessions",
      response: "Sessions are now 90 minutes",
    });
    const agreements = db
      .select()
      .from(engagementAgreements)
      .where(sql`${engagementAgreements.engagementId} in (${eve.engagementIds[0]}, ${eve.engagementIds[1]})`)
      .all();
    expect(agreements).toEqual([expect.objectContaining({ message: null, decision: "accepted" })]);
    expect(db.select().from(timeEntries).where(eq(timeEntries.engagementId, eve.engagementIds[0]!)).all()).toEqual([
      expect.objectContaining({ note: null, hundredths: 200 }),
    ]);
  });

  it("empties the support plan's words in the terms they accepted; the rest of the terms stays word for word", () => {
    expect(after.agreements).toHaveLength(1);
    const [kept] = before.agreements;
    const [now] = after.agreements;
    const plan = (kept!.termsSnapshot as { supportPlan: Record<string, unknown>[] }).supportPlan;
    expect(plan.map((i) => [i.kind, i.status])).toEqual([
      ["interpreter", "arranged"],
      ["childcare", "declined"],
    ]);
    expect(JSON.stringify(plan)).toContain(eve.tag);
    expect(now!.termsSnapshot).toEqual({
      ...kept!.termsSnapshot,
      supportPlan: plan.map((item) => ({ ...item, language: null, arrangement: null, declineReason: null })),
    });
    expect(now!.termsSnapshot).toMatchObject({ title: "Co-facilitate a training", rateCents: 6000 });
    const { termsSnapshot: _before, message: _m, ...restBefore } = kept!;
    const { termsSnapshot: _after, message, ...restAfter } = now!;
    expect(message).toBeNull();
    expect(restAfter).toEqual(restBefore);
  });

  it("empties the words of the ideas they sent from the portal and their link to the login; the answer stays", async () => {
    const idea = after.inputs.find((i) => i.id === eve.portalIdeaId)!;
    expect(before.inputs.find((i) => i.id === eve.portalIdeaId)).toMatchObject({
      createdByUserId: eve.member.userId,
    });
    expect(idea).toMatchObject({
      source: "portal",
      summary: ERASED_IDEA_SUMMARY,
      createdByUserId: null,
      consultantId: eve.id,
      status: "partly_adopted",
      response: "We added a second exit",
    });
    // Staff still find the item in the loop, under the nameless record, without the words.
    const adminCookie = await cookieFor(admin.userId);
    const page = await callRoute(
      inputItemLoader,
      makeRequest(`/program-inputs/${eve.portalIdeaId}`, { cookie: adminCookie }),
      { id: eve.portalIdeaId },
    );
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ item: { summary: ERASED_IDEA_SUMMARY } });
    expect(JSON.stringify(page.data)).not.toContain(eve.tag);
  });

  it("ends the portal login: sessions, membership, password, invitation and reset links", async () => {
    expect(after.sessions).toEqual([]);
    expect(after.memberships.every((m) => m.deactivatedAt instanceof Date)).toBe(true);
    expect(after.user).toMatchObject({ preferredName: ERASED_NAME, passwordHash: null, preferredLanguage: null });
    expect(after.user!.email).toMatch(/@erased\.invalid$/);
    expect(
      db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, eve.member.userId)).all(),
    ).toEqual([]);
    expect(db.select().from(invitations).where(eq(invitations.consultantId, eve.id)).all()).toEqual([]);
    const login = await verifyLogin(eve.member.email, TEST_PASSWORD, "203.0.113.9");
    expect(login.ok).toBe(false);
    const portal = await callRoute(portalLoader, makeRequest("/portal", { cookie: eve.cookie }));
    expect(portal.status).toBe(302);
    expect(portal.location).toMatch(/^\/login/);
  });

  it("completes the request and writes one audit entry naming who, which record and when, without values", () => {
    expect(db.select().from(erasureRequests).where(eq(erasureRequests.consultantId, eve.id)).all()).toEqual([
      expect.objectContaining({ status: "completed", completedByUserId: admin.userId }),
    ]);
    const audit = db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, eve.id), eq(auditEvents.action, "consultant.erased")))
      .all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: admin.userId, organizationId: org.id, subjectType: "consultant" });
    expect(audit[0]!.changedFields).toEqual(
      expect.arrayContaining(["profile", "legalName", "consultantIdeas", "portalAccess"]),
    );
    expect(JSON.stringify(audit)).not.toContain(eve.tag);
  });

  it("leaves every other consultant as they were", () => {
    expect(everythingOf(bo)).toEqual(bystanderBefore);
  });

  it("is harmless a second time, and the record cannot be filled again", async () => {
    const second = forgetConsultant({
      organizationId: org.id,
      consultantId: eve.id,
      actor: { userId: admin.userId, role: "admin" },
    });
    expect(second.alreadyErased).toBe(true);
    const adminCookie = await cookieFor(admin.userId);
    const viaPage = await callRoute(
      eraseAction,
      makeRequest(`/consultants/${eve.id}/erase`, { cookie: adminCookie, form: { confirm: "DELETE" } }),
      { id: eve.id },
    );
    expect(viaPage.status).toBe(302);
    expect(everythingOf(eve).consultant).toEqual(after.consultant);
    expect(
      db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.subjectId, eve.id), eq(auditEvents.action, "consultant.erased")))
        .all(),
    ).toHaveLength(1);

    let status = 0;
    try {
      updateConsultantProfile({
        organizationId: org.id,
        consultantId: eve.id,
        actor: { userId: admin.userId, role: "admin" },
        input: StaffProfileSchema.parse({ preferredName: "Back again", phone: "555 0100" }),
      });
    } catch (error) {
      status = statusFor(error) ?? 0;
    }
    expect(status).toBe(409);
    const edit = await callRoute(editLoader, makeRequest(`/consultants/${eve.id}/edit`, { cookie: adminCookie }), {
      id: eve.id,
    });
    expect(edit).toMatchObject({ status: 302, location: `/consultants/${eve.id}` });
  });
});

describe("history stays append-only", () => {
  it("consent events and agreements of a record that is not erased cannot be changed or removed", () => {
    const first = bystanderBefore.consent[0]!;
    expect(() =>
      db.update(consentEvents).set({ scopeNotes: null }).where(eq(consentEvents.id, first.id)).run(),
    ).toThrow(/append-only/);
    expect(() =>
      db
        .update(engagementAgreements)
        .set({ message: null })
        .where(eq(engagementAgreements.engagementId, bo.engagementIds[0]!))
        .run(),
    ).toThrow(/append-only/);
  });

  it("an erased record's events can lose their notes, and nothing else", () => {
    const event = db.select().from(consentEvents).where(eq(consentEvents.consultantId, eve.id)).get()!;
    const changes = [
      { kind: "declined" as const },
      { scopeNotes: "new words" },
      { expiresOn: "2030-01-01" },
      { givenOn: "2020-01-01" },
      { formKeptAt: "Somewhere else" },
    ];
    for (const change of changes) {
      expect(() => db.update(consentEvents).set(change).where(eq(consentEvents.id, event.id)).run()).toThrow(
        /append-only/,
      );
    }
    expect(() => db.delete(consentEvents).where(eq(consentEvents.id, event.id)).run()).toThrow(/append-only/);
  });

  it("an erased record's accepted terms can lose the support plan's words, and nothing else", () => {
    const agreement = db
      .select()
      .from(engagementAgreements)
      .where(eq(engagementAgreements.engagementId, eve.engagementIds[0]!))
      .get()!;
    const rewrite = (expression: ReturnType<typeof sql>) => () =>
      db
        .update(engagementAgreements)
        .set({ termsSnapshot: expression as never })
        .where(eq(engagementAgreements.id, agreement.id))
        .run();
    const snapshot = engagementAgreements.termsSnapshot;
    const refused = [
      sql`json_set(${snapshot}, '$.rateCents', 1)`,
      sql`json_set(${snapshot}, '$.title', 'Another title')`,
      sql`json_remove(${snapshot}, '$.scopeWhat')`,
      sql`json_set(${snapshot}, '$.paymentNote', 'added')`,
      sql`json_set(${snapshot}, '$.supportPlan[0].kind', 'transport')`,
      sql`json_set(${snapshot}, '$.supportPlan[1].status', 'arranged')`,
      sql`json_set(${snapshot}, '$.supportPlan[0].arrangement', 'Other words')`,
      sql`json_set(${snapshot}, '$.supportPlan[0].details', 'Sealed words copied in')`,
      sql`json_remove(${snapshot}, '$.supportPlan[1]')`,
      sql`json_set(${snapshot}, '$.supportPlan[#]', json('{"kind":"transport","status":"arranged"}'))`,
      sql`json_set(${snapshot}, '$.supportPlan', json('[]'))`,
      sql`json_remove(${snapshot}, '$.supportPlan')`,
      sql`'{}'`,
    ];
    for (const expression of refused) expect(rewrite(expression)).toThrow(/append-only/);
    for (const change of [{ language: "es" }, { termsVersion: 2 }, { decision: "declined" as const }]) {
      expect(() =>
        db.update(engagementAgreements).set(change).where(eq(engagementAgreements.id, agreement.id)).run(),
      ).toThrow(/append-only/);
    }
    expect(db.select().from(engagementAgreements).where(eq(engagementAgreements.id, agreement.id)).get()).toEqual(
      agreement,
    );
  });

  it("a record that is not erased keeps the support plan's words in its terms", () => {
    expect(() =>
      db
        .update(engagementAgreements)
        .set({
          termsSnapshot:
            sql`json_set(${engagementAgreements.termsSnapshot}, '$.supportPlan[0].arrangement', null, '$.supportPlan[0].language', null)` as never,
        })
        .where(eq(engagementAgreements.engagementId, bo.engagementIds[0]!))
        .run(),
    ).toThrow(/append-only/);
  });
});

describe("a login that also works for another organization", () => {
  it("keeps working there; only this organization's access ends", async () => {
    const person = await consultantWithHistory("shared");
    addMembership(person.member.userId, otherOrg.id, "consultant");
    forgetConsultant({
      organizationId: org.id,
      consultantId: person.id,
      actor: { userId: admin.userId, role: "admin" },
    });
    const state = everythingOf(person);
    expect(state.user).toMatchObject({ email: person.member.email, preferredName: person.member.preferredName });
    expect(state.memberships.find((m) => m.organizationId === otherOrg.id)!.deactivatedAt).toBeNull();
    expect(state.memberships.find((m) => m.organizationId === org.id)!.deactivatedAt).toBeInstanceOf(Date);
    expect(state.sessions).toEqual([]);
    expect((await verifyLogin(person.member.email, TEST_PASSWORD, "203.0.113.10")).ok).toBe(true);
  });
});
