// Consent model, proved against the real migrated database: state derived from
// append-only events, expiry by date, versioned wording, withdrawal flagging uses in the same
// transaction, the uses register with its admin override, re-confirmation for new work, the
// review lists, and isolation between consultants and organizations.
import { statusFor } from "../../app/utils/http-errors.server";
import { RuleError } from "../../app/models/errors";
import { randomUUID } from "node:crypto";
import { addDays, addMonths, formatISO } from "date-fns";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  auditEvents,
  consentEvents,
  consentPurposes,
  consentPurposeVersions,
  consentUses,
  engagementAgreements,
} from "../../db/schema";
import { db } from "../../app/utils/db.server";
import {
  reconfirmConsents,
  recordConsentDecision,
  type ConsentDecisionInput,
} from "../../app/models/consent/decisions.server";
import { recordLapsedConsents, sweepConsents } from "../../app/models/consent/lapses.server";
import { consentMatrix } from "../../app/models/consent/matrix.server";
import {
  listConsentPurposes,
  listPurposeVersions,
  reviseConsentPurpose,
} from "../../app/models/consent/purposes.server";
import {
  consentHistory,
  consentOverview,
  consentReceipt,
  consentsForReview,
  engagementAwaitingConsentCheck,
} from "../../app/models/consent/reads.server";
import { effectiveState } from "../../app/models/consent/shared.server";
import {
  changeConsentUseStatus,
  getConsentUse,
  listConsentUses,
  openFlaggedUses,
  recordConsentUse,
  resolveFlaggedUse,
  type UseInput,
} from "../../app/models/consent/uses.server";
import { organizationToday } from "../../app/models/settings.server";
import { createConsultantRecord, createEngagementRecord, createTwoOrganizations } from "../support/factories";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
type Side = World["own"];

// Fixed days, so every date rule is checked the same whichever day the suite runs.
const DAY = "2030-03-10";
const day = (date: Date) => formatISO(date, { representation: "date" });
const plusDays = (iso: string, n: number) => day(addDays(new Date(`${iso}T12:00:00Z`), n));
const plusMonths = (iso: string, n: number) => day(addMonths(new Date(`${iso}T12:00:00Z`), n));

let world: World;
beforeAll(async () => {
  world = await createTwoOrganizations();
});
afterEach(() => {
  vi.useRealTimers();
});

// --- helpers -----------------------------------------------------------------------------------

const purposeId = (organizationId: string, systemKey: string) =>
  listConsentPurposes(organizationId, { includeArchived: true }).find((p) => p.systemKey === systemKey)!.id;

/** A consultant of its own (with a portal login), so tests do not see each other's decisions. */
function newConsultant(side: Side = world.own) {
  return createConsultantRecord(side.org.id, { userId: null }).id;
}

/** The consultant who signs in as `side.consultant`, decides for themself in the portal. */
function decide(overrides: Partial<ConsentDecisionInput> & { purpose?: string } = {}, side: Side = world.own) {
  const { purpose = "story", ...rest } = overrides;
  return recordConsentDecision({
    organizationId: side.org.id,
    consultantId: side.consultant.consultantId,
    purposeId: purposeId(side.org.id, purpose),
    decision: "granted",
    actor: { kind: "consultant", userId: side.consultant.userId },
    method: "portal",
    creationKey: randomUUID(),
    ...rest,
  });
}

/** Staff recording a decision from a written form, for any consultant. */
function staffDecides(
  consultantId: string,
  overrides: Partial<ConsentDecisionInput> & { purpose?: string } = {},
  side: Side = world.own,
) {
  const { purpose = "story", ...rest } = overrides;
  return recordConsentDecision({
    organizationId: side.org.id,
    consultantId,
    purposeId: purposeId(side.org.id, purpose),
    decision: "granted",
    actor: { kind: "staff", userId: side.staff.userId, role: "staff" },
    method: "written_form",
    // Signed the day it is recorded, unless a test says otherwise.
    givenOn: rest.today ?? DAY,
    formKeptAt: "Locked cabinet, office 2",
    requestedBy: "The consultant, by phone",
    requestedOn: DAY,
    creationKey: randomUUID(),
    today: DAY,
    ...rest,
  });
}

function recordUse(consultantId: string, overrides: Partial<UseInput> & { purpose?: string } = {}, side = world.own) {
  const { purpose = "story", ...rest } = overrides;
  return recordConsentUse({
    organizationId: side.org.id,
    actor: { userId: side.staff.userId, role: "staff" },
    consultantId,
    purposeId: purposeId(side.org.id, purpose),
    description: "Quote in the newsletter",
    place: "Spring newsletter",
    status: "planned",
    creationKey: randomUUID(),
    ...rest,
  });
}

const eventsOf = (consultantId: string) =>
  db
    .select()
    .from(consentEvents)
    .where(eq(consentEvents.consultantId, consultantId))
    .orderBy(asc(sql`${consentEvents}.rowid`))
    .all();
const storedUse = (id: string) => db.select().from(consentUses).where(eq(consentUses.id, id)).get()!;
const auditOf = (subjectId: string, action: string) =>
  db
    .select({ actorUserId: auditEvents.actorUserId, changedFields: auditEvents.changedFields })
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, subjectId), eq(auditEvents.action, action)))
    .all();
const stateOf = (organizationId: string, consultantId: string, systemKey: string, today = DAY) =>
  consentOverview(organizationId, consultantId, today).find((c) => c.purpose.systemKey === systemKey)!;

function ruleError(run: () => unknown): RuleError {
  try {
    run();
  } catch (error) {
    if (error instanceof RuleError) return error;
    throw error;
  }
  throw new Error("expected a RuleError");
}
/** The status a route answers with for the model's refusal. */
/** By purpose, the version of the wording a page opened now would show. */
const shownNow = (organizationId: string) =>
  Object.fromEntries(listConsentPurposes(organizationId).map((p) => [p.id, p.version]));

function thrownRefusal(run: () => unknown): { status: number } {
  try {
    run();
  } catch (error) {
    const status = statusFor(error);
    if (status !== null) return { status };
    throw error;
  }
  throw new Error("expected a refusal");
}

// --- state derivation --------------------------------------------------------------------------

describe("state derived from events", () => {
  it("goes not asked → granted → withdrawn, and a no reads declined", () => {
    const id = newConsultant();
    expect(stateOf(world.own.org.id, id, "story").state).toBe("not_asked");
    staffDecides(id);
    expect(stateOf(world.own.org.id, id, "story").state).toBe("granted");
    staffDecides(id, { decision: "withdrawn" });
    expect(stateOf(world.own.org.id, id, "story")).toMatchObject({ state: "withdrawn", expiresOn: null });
    staffDecides(id, { purpose: "photo", decision: "declined" });
    expect(stateOf(world.own.org.id, id, "photo").state).toBe("declined");
    expect(eventsOf(id).map((e) => e.kind)).toEqual(["granted", "withdrawn", "declined"]);
  });

  it("takes the latest event, by write order even within one millisecond", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-03-10T09:00:00.000Z"));
    const id = newConsultant();
    staffDecides(id, { purpose: "social_media", decision: "declined" });
    staffDecides(id, { purpose: "social_media" });
    staffDecides(id, { purpose: "fundraising" });
    staffDecides(id, { purpose: "fundraising", decision: "withdrawn" });
    const events = eventsOf(id);
    expect(new Set(events.map((e) => e.createdAt.getTime())).size).toBe(1);
    expect(stateOf(world.own.org.id, id, "social_media").state).toBe("granted");
    expect(stateOf(world.own.org.id, id, "fundraising").state).toBe("withdrawn");
    const cells = consentMatrix(world.own.org.id, {}, DAY).rows.find((r) => r.consultant.id === id)!.cells;
    expect(cells[purposeId(world.own.org.id, "social_media")]!.state).toBe("granted");
    expect(cells[purposeId(world.own.org.id, "fundraising")]!.state).toBe("withdrawn");
  });

  it("reads a grant as expired from its end date on, before any expired event exists", () => {
    const id = newConsultant();
    const { eventId } = staffDecides(id, { expiresOn: plusDays(DAY, 10) });
    const end = plusDays(DAY, 10);
    expect(stateOf(world.own.org.id, id, "story", plusDays(end, -1)).state).toBe("granted");
    expect(stateOf(world.own.org.id, id, "story", end)).toMatchObject({ state: "expired", eventId, expiresOn: end });
    expect(stateOf(world.own.org.id, id, "story", plusDays(end, 400)).state).toBe("expired");
    expect(effectiveState({ kind: "granted", expiresOn: end }, end)).toBe("expired");
    expect(effectiveState({ kind: "granted", expiresOn: end }, plusDays(end, -1))).toBe("granted");
    expect(effectiveState({ kind: "granted", expiresOn: null }, "2999-01-01")).toBe("granted");
    expect(effectiveState(null)).toBe("not_asked");
    expect(eventsOf(id).map((e) => e.kind)).toEqual(["granted"]);
  });

  it("records each lapsed grant once as expired, flags its active uses, and audits field names only", async () => {
    const side = (await createTwoOrganizations()).own;
    const org = side.org.id;
    const lapsing = newConsultant(side);
    const lasting = newConsultant(side);
    // Granted long ago (the `today` of the decision) with an end date that has since passed.
    const grant = staffDecides(lapsing, { today: "2020-01-01", expiresOn: "2020-06-01" }, side);
    staffDecides(lasting, { today: "2020-01-01" }, side); // story: ends 36 months later, also passed
    staffDecides(lasting, { purpose: "fundraising", today: "2020-01-01" }, side); // no end date
    const use = db
      .insert(consentUses)
      .values({
        organizationId: org,
        consultantId: lapsing,
        purposeId: purposeId(org, "story"),
        description: "Quote",
        place: "Report",
        status: "published",
        basisEventId: grant.eventId,
      })
      .returning()
      .get();

    expect(recordLapsedConsents(org, "2020-05-31")).toBe(0);
    expect(recordLapsedConsents(org, "2024-01-01")).toBe(2);
    expect(recordLapsedConsents(org, "2024-01-01")).toBe(0);
    expect(recordLapsedConsents(org)).toBe(0);

    const expired = eventsOf(lapsing).filter((e) => e.kind === "expired");
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ expiresOn: "2020-06-01", method: null, recordedByUserId: null });
    expect(eventsOf(lasting).map((e) => e.kind)).toEqual(["granted", "granted", "expired"]);
    expect(storedUse(use.id)).toMatchObject({ flagEventId: expired[0]!.id, status: "published" });
    expect(storedUse(use.id).flaggedAt).toBeInstanceOf(Date);
    expect(openFlaggedUses(org).map((u) => u.id)).toEqual([use.id]);
    expect(auditOf(lapsing, "consent.expired")).toEqual([{ actorUserId: null, changedFields: ["consent:story"] }]);
    expect(stateOf(org, lapsing, "story", "2024-01-01").state).toBe("expired");
  });

  it("the server's sweep records every organization's lapsed grants once, and gives each the default purposes it lacks", async () => {
    const { own, other } = await createTwoOrganizations();
    const mine = newConsultant(own);
    const theirs = newConsultant(other);
    const lasting = newConsultant(own);
    staffDecides(mine, { today: "2020-01-01", expiresOn: "2020-06-01" }, own);
    staffDecides(theirs, { today: "2020-01-01", expiresOn: "2020-06-01" }, other);
    staffDecides(lasting, { purpose: "fundraising", today: "2020-01-01" }, own); // no end date
    // As for an organization made before this default purpose existed.
    db.update(consentPurposes)
      .set({ systemKey: null })
      .where(eq(consentPurposes.id, purposeId(own.org.id, "feedback_reports")))
      .run();

    sweepConsents("2020-05-31");
    expect(eventsOf(mine).map((e) => e.kind)).toEqual(["granted"]);
    sweepConsents("2024-01-01");
    sweepConsents("2024-01-01");
    expect(eventsOf(mine).map((e) => e.kind)).toEqual(["granted", "expired"]);
    expect(eventsOf(theirs).map((e) => e.kind)).toEqual(["granted", "expired"]);
    expect(eventsOf(lasting).map((e) => e.kind)).toEqual(["granted"]);
    expect(recordLapsedConsents(own.org.id, "2024-01-01")).toBe(0);
    expect(listConsentPurposes(own.org.id).filter((p) => p.systemKey === "feedback_reports")).toHaveLength(1);
  });
});

// --- default expiry ------------------------------------------------------------------------------

describe("end dates", () => {
  it("gives story, photo, recording and media a yes 36 months by default, and the rest none", () => {
    const id = newConsultant();
    for (const key of ["story", "photo", "recording", "media"]) {
      staffDecides(id, { purpose: key });
      expect(stateOf(world.own.org.id, id, key).expiresOn).toBe(plusMonths(DAY, 36));
    }
    for (const key of ["social_media", "fundraising", "share_contact", "future_contact", "feedback_reports"]) {
      staffDecides(id, { purpose: key });
      expect(stateOf(world.own.org.id, id, key)).toMatchObject({ state: "granted", expiresOn: null });
    }
    staffDecides(id, { purpose: "name", nameChoice: "anonymous" });
    expect(stateOf(world.own.org.id, id, "name")).toMatchObject({ expiresOn: null, nameChoice: "anonymous" });
  });

  it("keeps an earlier end date the person chose, and takes one on a purpose without a default", () => {
    const id = newConsultant();
    staffDecides(id, { expiresOn: plusDays(DAY, 1) });
    expect(stateOf(world.own.org.id, id, "story").expiresOn).toBe(plusDays(DAY, 1));
    staffDecides(id, { purpose: "social_media", expiresOn: plusMonths(DAY, 120) });
    expect(stateOf(world.own.org.id, id, "social_media").expiresOn).toBe(plusMonths(DAY, 120));
  });

  it("refuses an end date today, in the past, or beyond the purpose's longest", () => {
    const id = newConsultant();
    for (const expiresOn of [DAY, plusDays(DAY, -1), "2000-01-01"]) {
      expect(ruleError(() => staffDecides(id, { expiresOn })).field).toBe("expiresOn");
    }
    const tooLate = ruleError(() => staffDecides(id, { expiresOn: plusDays(plusMonths(DAY, 36), 1) }));
    expect(tooLate.field).toBe("expiresOn");
    expect(tooLate.message).toContain(plusMonths(DAY, 36));
    expect(eventsOf(id)).toHaveLength(0);
    staffDecides(id, { expiresOn: plusMonths(DAY, 36) });
    expect(eventsOf(id)).toHaveLength(1);
  });

  it("asks which name for the use-of-name purpose", () => {
    const id = newConsultant();
    expect(ruleError(() => staffDecides(id, { purpose: "name" })).field).toBe("nameChoice");
    expect(eventsOf(id)).toHaveLength(0);
  });
});

// --- append-only --------------------------------------------------------------------------------

describe("append-only history, enforced by the database", () => {
  it("refuses UPDATE and DELETE on consent events and leaves the row as it was", () => {
    const id = newConsultant();
    const { eventId } = staffDecides(id, { scopeNotes: "Quotes only" });
    const before = db.select().from(consentEvents).where(eq(consentEvents.id, eventId)).get();
    expect(() => db.update(consentEvents).set({ kind: "declined" }).where(eq(consentEvents.id, eventId)).run()).toThrow(
      /append-only/,
    );
    expect(() => db.$client.prepare("update consent_events set scope_notes = 'x'").run()).toThrow(/append-only/);
    expect(() => db.delete(consentEvents).where(eq(consentEvents.id, eventId)).run()).toThrow(/append-only/);
    expect(() => db.$client.prepare("delete from consent_events").run()).toThrow(/append-only/);
    expect(db.select().from(consentEvents).where(eq(consentEvents.id, eventId)).get()).toEqual(before);
  });

  it("refuses UPDATE and DELETE on purpose wordings and leaves the text as it was", () => {
    const versionId = listConsentPurposes(world.own.org.id)[0]!.versionId;
    const before = db.select().from(consentPurposeVersions).where(eq(consentPurposeVersions.id, versionId)).get();
    expect(() =>
      db
        .update(consentPurposeVersions)
        .set({ text: "Something else" })
        .where(eq(consentPurposeVersions.id, versionId))
        .run(),
    ).toThrow(/append-only/);
    expect(() => db.delete(consentPurposeVersions).where(eq(consentPurposeVersions.id, versionId)).run()).toThrow(
      /append-only/,
    );
    expect(db.select().from(consentPurposeVersions).where(eq(consentPurposeVersions.id, versionId)).get()).toEqual(
      before,
    );
  });
});

// --- versioned wording ---------------------------------------------------------------------------

describe("versioned wording", () => {
  it("never records a choice on words published after the page showed others", async () => {
    const side = (await createTwoOrganizations()).own;
    const org = side.org.id;
    const story = listConsentPurposes(org).find((p) => p.systemKey === "story")!;
    const shown = shownNow(org);
    reviseConsentPurpose({
      organizationId: org,
      actorUserId: side.admin.userId,
      purposeId: story.id,
      label: story.label,
      text: `${story.text} We may also give your story to the press.`,
      defaultExpiryMonths: 36,
    });
    const before = eventsOf(side.consultant.consultantId).length;
    // The consultant's page, opened before the change, showed version 1.
    expect(() => decide({ shownVersion: shown[story.id] }, side)).toThrow(RuleError);
    // Staff, on a page opened before the change, are refused too.
    expect(() => staffDecides(side.consultant.consultantId, { shownVersion: shown[story.id] }, side)).toThrow(
      RuleError,
    );
    expect(eventsOf(side.consultant.consultantId)).toHaveLength(before);
    // Read again, the new words can be chosen.
    expect(decide({ shownVersion: shownNow(org)[story.id] }, side).created).toBe(true);
  });

  it("makes a new version only for new words, and shows each decision with the words agreed to", async () => {
    const side = (await createTwoOrganizations()).own;
    const org = side.org.id;
    const story = listConsentPurposes(org).find((p) => p.systemKey === "story")!;
    const id = newConsultant(side);
    staffDecides(id, { scopeNotes: "Quotes only" }, side);

    const newText = `${story.text} We never use details about your past.`;
    const revise = (text: string, defaultExpiryMonths: number | null = 36) =>
      reviseConsentPurpose({
        organizationId: org,
        actorUserId: side.admin.userId,
        purposeId: story.id,
        label: story.label,
        text,
        defaultExpiryMonths,
      });
    expect(revise(newText)).toEqual({ version: 2, changed: ["text"] });
    expect(revise(newText)).toEqual({ version: 2, changed: [] });
    expect(revise(newText, 24)).toEqual({ version: 2, changed: ["defaultExpiryMonths"] });
    expect(listPurposeVersions(org, story.id).map((v) => [v.version, v.text])).toEqual([
      [2, newText],
      [1, story.text],
    ]);

    const before = stateOf(org, id, "story");
    expect(before.purpose).toMatchObject({ version: 2, text: newText });
    expect(before.decidedVersion).toEqual({ version: 1, label: story.label, text: story.text });
    expect(before.wordingChanged).toBe(true);

    staffDecides(id, { scopeNotes: "Quotes and first name" }, side);
    const after = stateOf(org, id, "story");
    expect(after.decidedVersion).toEqual({ version: 2, label: story.label, text: newText });
    expect(after.wordingChanged).toBe(false);
    // The new default applies to new grants.
    expect(after.expiresOn).toBe(plusMonths(DAY, 24));

    const history = consentHistory(org, id);
    expect(history.map((h) => [h.version, h.text, h.scopeNotes])).toEqual([
      [2, newText, "Quotes and first name"],
      [1, story.text, "Quotes only"],
    ]);
    expect(consentReceipt(org, id, history[1]!.id).text).toBe(story.text);
  });
});

// --- withdrawal --------------------------------------------------------------------------------

describe("withdrawal", () => {
  it("is refused, writing nothing, unless there is a current yes", () => {
    const id = newConsultant();
    const refused = () => ruleError(() => staffDecides(id, { decision: "withdrawn" }));
    // Dated before the yes of 2020 below: no choice can be dated before one already recorded.
    const earlier = { today: "2019-12-01", requestedOn: "2019-12-01" };
    expect(refused().field).toBe("decision"); // never asked
    staffDecides(id, { decision: "declined", ...earlier });
    expect(refused().field).toBe("decision");
    staffDecides(id, earlier);
    staffDecides(id, { decision: "withdrawn", ...earlier });
    expect(refused().field).toBe("decision"); // already withdrawn
    const count = eventsOf(id).length;
    // A yes whose end date has come, with or without the expired event written.
    staffDecides(id, { today: "2020-01-01", expiresOn: "2020-02-01" });
    expect(ruleError(() => staffDecides(id, { decision: "withdrawn" })).field).toBe("decision");
    recordLapsedConsents(world.own.org.id, DAY);
    expect(ruleError(() => staffDecides(id, { decision: "withdrawn" })).field).toBe("decision");
    expect(eventsOf(id).map((e) => e.kind)).toEqual(["declined", "granted", "withdrawn", "granted", "expired"]);
    expect(eventsOf(id)).toHaveLength(count + 2);
  });

  it("turns a current yes into a no only by withdrawing (so uses are flagged and staff say who asked)", () => {
    const id = newConsultant();
    staffDecides(id);
    const use = recordUse(id).useId;
    expect(ruleError(() => staffDecides(id, { decision: "declined" })).field).toBe("decision");
    expect(stateOf(world.own.org.id, id, "story").state).toBe("granted");
    expect(storedUse(use).flaggedAt).toBeNull();
  });

  it("flags the planned and published uses of that purpose for that consultant only", () => {
    const org = world.own.org.id;
    const me = world.own.consultant.consultantId;
    const other = world.own.otherConsultant.consultantId;
    decide({ purpose: "recording" });
    decide({ purpose: "photo" });
    staffDecides(other, { purpose: "recording" });
    const planned = recordUse(me, { purpose: "recording", status: "planned" }).useId;
    const published = recordUse(me, { purpose: "recording", status: "published" }).useId;
    const ended = recordUse(me, { purpose: "recording" }).useId;
    changeConsentUseStatus({
      organizationId: org,
      actor: { userId: world.own.staff.userId, role: "staff" },
      useId: ended,
      status: "ended",
    });
    const otherPurpose = recordUse(me, { purpose: "photo" }).useId;
    const otherPerson = recordUse(other, { purpose: "recording" }).useId;

    // The consultant withdraws in the portal: no reason needed.
    const { eventId } = decide({ purpose: "recording", decision: "withdrawn" });
    for (const id of [planned, published]) {
      expect(storedUse(id)).toMatchObject({ flagEventId: eventId, actionAt: null });
      expect(storedUse(id).flaggedAt).toBeInstanceOf(Date);
    }
    for (const id of [ended, otherPurpose, otherPerson]) expect(storedUse(id).flaggedAt).toBeNull();
    const open = openFlaggedUses(org).map((u) => u.id);
    expect(open).toEqual(expect.arrayContaining([planned, published]));
    expect(open).not.toContain(otherPerson);
    expect(getConsentUse(org, planned)).toMatchObject({ flagKind: "withdrawn", flagOpen: true });
    expect(auditOf(me, "consent.withdrawn").at(-1)).toEqual({
      actorUserId: world.own.consultant.userId,
      changedFields: ["consent:recording"],
    });
  });

  it("flags uses in the same transaction: if flagging fails, the withdrawal is not written", () => {
    const id = newConsultant();
    staffDecides(id, { purpose: "fundraising" });
    const use = recordUse(id, { purpose: "fundraising" }).useId;
    db.$client.exec(
      "create temp trigger fail_flag before update on consent_uses begin select raise(abort, 'flag failed'); end",
    );
    try {
      expect(() => staffDecides(id, { purpose: "fundraising", decision: "withdrawn" })).toThrow(/flag failed/);
    } finally {
      db.$client.exec("drop trigger fail_flag");
    }
    expect(eventsOf(id).map((e) => e.kind)).toEqual(["granted"]);
    expect(storedUse(use).flaggedAt).toBeNull();
  });

  it("needs who asked and on what day when staff record it, and that day not in the future", () => {
    const id = newConsultant();
    staffDecides(id);
    expect(ruleError(() => staffDecides(id, { decision: "withdrawn", requestedBy: null })).field).toBe("requestedBy");
    expect(ruleError(() => staffDecides(id, { decision: "withdrawn", requestedOn: null })).field).toBe("requestedOn");
    const future = ruleError(() => staffDecides(id, { decision: "withdrawn", requestedOn: plusDays(DAY, 1) }));
    expect(future.field).toBe("requestedOn");
    expect(eventsOf(id)).toHaveLength(1);
    staffDecides(id, { decision: "withdrawn", requestedOn: plusDays(DAY, -2) });
    expect(eventsOf(id).at(-1)).toMatchObject({
      kind: "withdrawn",
      requestedBy: "The consultant, by phone",
      requestedOn: plusDays(DAY, -2),
    });
  });
});

// --- methods and access --------------------------------------------------------------------------

describe("how a decision is made, and by whom", () => {
  it("keeps portal choices to the consultant and paper or spoken ones to staff", () => {
    const id = newConsultant();
    expect(ruleError(() => decide({ method: "written_form" })).field).toBe("method");
    expect(ruleError(() => staffDecides(id, { method: "portal" })).field).toBe("method");
    expect(ruleError(() => staffDecides(id, { method: "verbal_with_witness" })).field).toBe("witnessName");
    expect(eventsOf(id)).toHaveLength(0);
    staffDecides(id, { method: "verbal_with_witness", witnessName: "Sam" });
    expect(eventsOf(id)[0]).toMatchObject({
      method: "verbal_with_witness",
      witnessName: "Sam",
      recordedByUserId: world.own.staff.userId,
    });
  });

  it("refuses a consultant acting on another consultant's record with 403, writing nothing", () => {
    const other = world.own.otherConsultant.consultantId;
    const before = eventsOf(other).length;
    expect(thrownRefusal(() => decide({ consultantId: other })).status).toBe(403);
    expect(eventsOf(other)).toHaveLength(before);
  });

  it("refuses a replayed key on another consultant's record with 403, not the other's receipt", () => {
    // Whatever key a consultant sends, they learn nothing about another person's decisions.
    const other = world.own.otherConsultant.consultantId;
    const { eventId } = staffDecides(other, { purpose: "future_contact" });
    const key = eventsOf(other).find((e) => e.id === eventId)!.creationKey!;
    expect(thrownRefusal(() => decide({ consultantId: other, creationKey: key })).status).toBe(403);
  });

  it("lets only a role that may record consent record a choice as staff: 403 otherwise, writing nothing", () => {
    const id = newConsultant();
    const asConsultant = { kind: "staff" as const, userId: world.own.consultant.userId, role: "consultant" as const };
    expect(thrownRefusal(() => staffDecides(id, { actor: asConsultant })).status).toBe(403);
    expect(eventsOf(id)).toHaveLength(0);
    staffDecides(id, { actor: { kind: "staff", userId: world.own.admin.userId, role: "admin" } });
    expect(eventsOf(id)).toHaveLength(1);
  });

  it("answers 404 for a consultant of another organization", () => {
    const foreign = world.other.consultant.consultantId;
    expect(thrownRefusal(() => staffDecides(foreign)).status).toBe(404);
    expect(thrownRefusal(() => decide({ consultantId: foreign })).status).toBe(404);
    expect(eventsOf(foreign)).toHaveLength(0);
  });

  it("refuses a purpose of another organization, and an archived one, writing nothing", () => {
    const id = newConsultant();
    const foreignPurpose = purposeId(world.other.org.id, "story");
    expect(ruleError(() => staffDecides(id, { purposeId: foreignPurpose })).field).toBe("purposeId");
    expect(ruleError(() => staffDecides(id, { purposeId: "no-such-purpose" })).field).toBe("purposeId");
    const archived = purposeId(world.own.org.id, "share_contact");
    db.update(consentPurposes).set({ archivedAt: new Date() }).where(eq(consentPurposes.id, archived)).run();
    try {
      expect(ruleError(() => staffDecides(id, { purposeId: archived })).field).toBe("purposeId");
      expect(consentOverview(world.own.org.id, id, DAY).some((c) => c.purpose.id === archived)).toBe(false);
    } finally {
      db.update(consentPurposes).set({ archivedAt: null }).where(eq(consentPurposes.id, archived)).run();
    }
    expect(eventsOf(id)).toHaveLength(0);
  });

  it("refuses an engagement that is not the consultant's", () => {
    const id = newConsultant();
    const error = ruleError(() => staffDecides(id, { engagementId: world.own.engagementId }));
    expect(error.field).toBe("engagementId");
    expect(eventsOf(id)).toHaveLength(0);
  });
});

// --- idempotency --------------------------------------------------------------------------------

describe("resent forms", () => {
  it("writes one event for a key sent twice, and refuses the key for another consultant with 409", () => {
    const id = newConsultant();
    const creationKey = randomUUID();
    const first = staffDecides(id, { creationKey, purpose: "feedback_reports" });
    expect(first.created).toBe(true);
    expect(staffDecides(id, { creationKey, purpose: "feedback_reports" })).toEqual({
      eventId: first.eventId,
      created: false,
    });
    expect(eventsOf(id)).toHaveLength(1);
    expect(auditOf(id, "consent.granted")).toHaveLength(1);
    const other = newConsultant();
    expect(thrownRefusal(() => staffDecides(other, { creationKey, purpose: "feedback_reports" })).status).toBe(409);
    expect(eventsOf(other)).toHaveLength(0);
  });
});

// --- uses --------------------------------------------------------------------------------------

describe("the uses register", () => {
  it("refuses a use without a current yes, naming the purpose and the reason, for every state", () => {
    const id = newConsultant();
    const label = listConsentPurposes(world.own.org.id).find((p) => p.systemKey === "story")!.label;
    const refusal = () => ruleError(() => recordUse(id));
    const expectRefused = (why: string) => {
      const error = refusal();
      expect(error.field).toBe("purposeId");
      expect(error.message).toContain(label);
      expect(error.message).toContain(why);
    };
    expectRefused("has not been asked yet");
    // Dated before the yes of 2020 below: no choice can be dated before one already recorded.
    const earlier = { today: "2019-12-01", requestedOn: "2019-12-01" };
    staffDecides(id, { decision: "declined", ...earlier });
    expectRefused("said no");
    staffDecides(id, earlier);
    staffDecides(id, { decision: "withdrawn", ...earlier });
    expectRefused("withdrew their consent");
    // Ended by date (today, not the day of the decision), before any expired event is written.
    staffDecides(id, { today: "2020-01-01", expiresOn: "2020-02-01" });
    expectRefused("gave a yes that has ended");
    expect(listConsentUses(world.own.org.id, { consultantId: id })).toHaveLength(0);
  });

  it("records a use resting on the current yes, once per key", () => {
    const id = newConsultant();
    staffDecides(id);
    const { eventId } = staffDecides(id, { scopeNotes: "Quotes only" });
    const creationKey = randomUUID();
    const use = recordUse(id, { creationKey, status: "published", reference: "annual-report.pdf" });
    expect(use.created).toBe(true);
    expect(storedUse(use.useId)).toMatchObject({ basisEventId: eventId, status: "published", overrideReason: null });
    expect(recordUse(id, { creationKey })).toEqual({ useId: use.useId, created: false });
    const other = world.own.otherConsultant.consultantId;
    expect(thrownRefusal(() => recordUse(other, { creationKey })).status).toBe(409);
    expect(listConsentUses(world.own.org.id, { consultantId: other }).some((u) => u.id === use.useId)).toBe(false);
    expect(listConsentUses(world.own.org.id, { consultantId: id })).toHaveLength(1);
    expect(auditOf(use.useId, "consent_use.recorded")).toEqual([
      { actorUserId: world.own.staff.userId, changedFields: ["description", "place", "status"] },
    ]);
  });

  it("lets an admin go ahead without consent for a written reason, audited without the reason", () => {
    const id = newConsultant();
    const reason = "Printed before the no was given; recorded so it is tracked";
    const staffTry = ruleError(() => recordUse(id, { overrideReason: reason }));
    expect(staffTry.field).toBe("overrideReason");
    const noReason = ruleError(() =>
      recordUse(id, { actor: { userId: world.own.admin.userId, role: "admin" }, overrideReason: "" }),
    );
    expect(noReason.field).toBe("purposeId");
    expect(listConsentUses(world.own.org.id, { consultantId: id })).toHaveLength(0);

    const { useId } = recordUse(id, {
      actor: { userId: world.own.admin.userId, role: "admin" },
      overrideReason: reason,
    });
    expect(storedUse(useId)).toMatchObject({
      basisEventId: null,
      overrideReason: reason,
      overrideByUserId: world.own.admin.userId,
    });
    const audit = auditOf(useId, "consent_use.recorded_with_override");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.changedFields).toContain("overrideReason");
    expect(JSON.stringify(audit)).not.toContain(reason);
  });

  it("decides the override from the role: a role without the permission is refused, whatever it sends", () => {
    const id = newConsultant();
    const reason = "A use the consultant asked for in writing";
    for (const role of ["staff", "consultant"] as const) {
      const refused = ruleError(() =>
        recordUse(id, { actor: { userId: world.own.staff.userId, role }, overrideReason: reason }),
      );
      expect(refused).toMatchObject({
        field: "overrideReason",
        message: "Only an admin can go ahead without consent.",
      });
    }
    const { useId } = recordUse(id, {
      purpose: "photo",
      status: "planned",
      actor: { userId: world.own.admin.userId, role: "admin" },
      overrideReason: reason,
    });
    expect(() =>
      changeConsentUseStatus({
        organizationId: world.own.org.id,
        actor: { userId: world.own.staff.userId, role: "staff" },
        useId,
        status: "published",
        overrideReason: reason,
      }),
    ).toThrow("Only an admin can go ahead without consent.");
    expect(storedUse(useId).status).toBe("planned");
    expect(listConsentUses(world.own.org.id, { consultantId: id })).toHaveLength(1);
  });

  it("publishes a planned use only with a current yes again; never goes back; ended is final", () => {
    const org = world.own.org.id;
    const staff = { userId: world.own.staff.userId, role: "staff" as const };
    const id = newConsultant();
    staffDecides(id, { purpose: "fundraising" });
    const { useId } = recordUse(id, { purpose: "fundraising" });
    staffDecides(id, { purpose: "fundraising", decision: "withdrawn" });
    const change = (status: "planned" | "published" | "ended") =>
      changeConsentUseStatus({ organizationId: org, actor: staff, useId, status });
    // Flagged by the withdrawal: it can neither be published nor quietly ended until someone acts.
    expect(ruleError(() => change("published")).field).toBe("status");
    expect(ruleError(() => change("ended")).field).toBe("status");
    expect(storedUse(useId).status).toBe("planned");

    // A new yes answers the flag: publishing then rests on it and closes the flag.
    const { eventId } = staffDecides(id, { purpose: "fundraising" });
    change("published");
    expect(storedUse(useId)).toMatchObject({ status: "published", basisEventId: eventId, actionTaken: "other" });
    expect(openFlaggedUses(org).map((u) => u.id)).not.toContain(useId);
    expect(ruleError(() => change("planned")).field).toBe("status");
    change("ended");
    expect(storedUse(useId).status).toBe("ended");
    expect(ruleError(() => change("published")).field).toBe("status");
    expect(ruleError(() => change("planned")).field).toBe("status");
    expect(
      thrownRefusal(() =>
        changeConsentUseStatus({ organizationId: world.other.org.id, actor: staff, useId, status: "ended" }),
      ).status,
    ).toBe(404);
  });

  it("resolves an open flag once: note needed for 'other', the use ends and leaves the dashboard", () => {
    const org = world.own.org.id;
    const id = newConsultant();
    staffDecides(id, { purpose: "social_media" });
    const unflagged = recordUse(id, { purpose: "social_media", description: "Not flagged" }).useId;
    const resolve = (useId: string, actionTaken: "other" | "taken_down", actionNote?: string) =>
      resolveFlaggedUse({ organizationId: org, actorUserId: world.own.staff.userId, useId, actionTaken, actionNote });
    expect(ruleError(() => resolve(unflagged, "taken_down")).field).toBe("actionTaken");

    const { useId } = recordUse(id, { purpose: "social_media", status: "published" });
    staffDecides(id, { purpose: "social_media", decision: "withdrawn" });
    expect(openFlaggedUses(org).map((u) => u.id)).toContain(useId);
    expect(ruleError(() => resolve(useId, "other")).field).toBe("actionNote");
    expect(ruleError(() => resolve(useId, "other", "")).field).toBe("actionNote");
    expect(storedUse(useId).actionAt).toBeNull();

    resolve(useId, "other", "Asked the partner to remove the post");
    resolve(useId, "taken_down");
    expect(storedUse(useId)).toMatchObject({
      status: "ended",
      actionTaken: "other",
      actionNote: "Asked the partner to remove the post",
      actionByUserId: world.own.staff.userId,
    });
    expect(openFlaggedUses(org).map((u) => u.id)).not.toContain(useId);
    expect(auditOf(useId, "consent_use.flag_resolved")).toEqual([
      { actorUserId: world.own.staff.userId, changedFields: ["status", "actionTaken", "actionNote"] },
    ]);
  });
});

// --- re-confirmation ----------------------------------------------------------------------------

describe("re-confirming when new work is agreed", () => {
  async function setup() {
    const side = (await createTwoOrganizations()).own;
    const org = side.org.id;
    const me = side.consultant.consultantId;
    const engagement = (title: string) => createEngagementRecord(org, me, side.programId, { title }).id;
    const agree = (engagementId: string, decision: "accepted" | "declined", at: Date) =>
      db
        .insert(engagementAgreements)
        .values({
          organizationId: org,
          engagementId,
          termsVersion: 1,
          decision,
          termsSnapshot: {},
          decidedByUserId: side.consultant.userId,
          decidedAt: at,
        })
        .run();
    return { side, org, me, engagement, agree };
  }

  it("asks about the latest accepted engagement until the choices are confirmed again", async () => {
    const { side, org, me, engagement, agree } = await setup();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-03-10T09:00:00Z"));
    decide({ scopeNotes: "Quotes only", today: DAY }, side);
    decide({ purpose: "name", nameChoice: "chosen_name", today: DAY }, side);
    decide({ purpose: "photo", decision: "declined", today: DAY }, side);
    decide({ purpose: "social_media", today: DAY }, side);
    decide({ purpose: "social_media", decision: "withdrawn", today: DAY }, side);
    decide({ purpose: "fundraising", expiresOn: "2030-12-31", today: DAY }, side);
    expect(engagementAwaitingConsentCheck(org, me)).toBeNull();

    const older = engagement("Older work");
    const newer = engagement("Newer work");
    agree(older, "accepted", new Date("2030-03-11T09:00:00Z"));
    agree(newer, "accepted", new Date("2030-03-12T09:00:00Z"));
    agree(older, "declined", new Date("2030-03-13T09:00:00Z"));
    expect(engagementAwaitingConsentCheck(org, me)).toMatchObject({ id: newer, title: "Newer work" });
    // Nothing for another consultant, nor from another organization's view.
    expect(engagementAwaitingConsentCheck(org, side.otherConsultant.consultantId)).toBeNull();
    expect(engagementAwaitingConsentCheck(world.other.org.id, me)).toBeNull();

    const later = "2031-01-20";
    vi.setSystemTime(new Date("2031-01-20T09:00:00Z"));
    const before = eventsOf(me).length;
    const results = reconfirmConsents({
      organizationId: org,
      shownVersions: shownNow(org),
      consultantId: me,
      userId: side.consultant.userId,
      engagementId: newer,
      creationKey: "reconfirm-1",
      today: later,
    });
    expect(results.every((r) => r.created)).toBe(true);
    const written = eventsOf(me).slice(before);
    const byPurpose = new Map(
      written.map((e) => [listConsentPurposes(org).find((p) => p.id === e.purposeId)!.systemKey, e]),
    );
    expect([...byPurpose.keys()].sort()).toEqual(["name", "photo", "story"]);
    expect(written.every((e) => e.engagementId === newer && e.method === "portal")).toBe(true);
    expect(byPurpose.get("story")).toMatchObject({
      kind: "granted",
      scopeNotes: "Quotes only",
      expiresOn: plusMonths(later, 36),
    });
    expect(byPurpose.get("name")).toMatchObject({ kind: "granted", nameChoice: "chosen_name", expiresOn: null });
    expect(byPurpose.get("photo")).toMatchObject({ kind: "declined", expiresOn: null });
    // The fundraising yes ended on the date chosen (2030-12-31): nothing to confirm, and it is not revived.
    expect(stateOf(org, me, "fundraising", later).state).toBe("expired");
    expect(engagementAwaitingConsentCheck(org, me)).toBeNull();

    // The same click again changes nothing.
    const again = reconfirmConsents({
      organizationId: org,
      shownVersions: shownNow(org),
      consultantId: me,
      userId: side.consultant.userId,
      engagementId: newer,
      creationKey: "reconfirm-1",
      today: later,
    });
    expect(again.every((r) => !r.created)).toBe(true);
    expect(eventsOf(me)).toHaveLength(before + 3);
  });

  it("does not ask when there is no current yes or no to confirm", async () => {
    const { side, org, me, engagement, agree } = await setup();
    const work = engagement("Work");
    agree(work, "accepted", new Date(Date.now() + 1000));
    // Never asked: nothing to confirm, so no prompt that could only be answered by deciding.
    expect(engagementAwaitingConsentCheck(org, me)).toBeNull();
    decide({ purpose: "social_media" }, side);
    decide({ purpose: "social_media", decision: "withdrawn" }, side);
    agree(work, "accepted", new Date(Date.now() + 2000));
    expect(engagementAwaitingConsentCheck(org, me)).toBeNull();
    const args = {
      organizationId: org,
      consultantId: me,
      userId: side.consultant.userId,
      engagementId: work,
      shownVersions: shownNow(org),
    };
    expect(reconfirmConsents({ ...args, creationKey: randomUUID() })).toEqual([]);
    // A yes given before the work was agreed is something to confirm.
    decide({ purpose: "future_contact" }, side);
    agree(work, "accepted", new Date(Date.now() + 3000));
    expect(engagementAwaitingConsentCheck(org, me)).toMatchObject({ id: work });
  });

  it("keeps an end date chosen for a purpose that has no default", async () => {
    const { side, org, me, engagement, agree } = await setup();
    decide({ purpose: "social_media", expiresOn: plusDays(organizationToday(org), 90) }, side);
    const work = engagement("Work");
    agree(work, "accepted", new Date(Date.now() + 1000));
    reconfirmConsents({
      organizationId: org,
      shownVersions: shownNow(org),
      consultantId: me,
      userId: side.consultant.userId,
      engagementId: work,
      creationKey: randomUUID(),
    });
    expect(eventsOf(me).at(-1)).toMatchObject({ kind: "granted", expiresOn: plusDays(organizationToday(org), 90) });
  });

  it("writes all or nothing: a failure on the second choice leaves none written", async () => {
    const { side, org, me, engagement } = await setup();
    decide({}, side);
    decide({ purpose: "photo", decision: "declined" }, side);
    const work = engagement("Work");
    // Another consultant's event already holds the key the second choice would use.
    staffDecides(
      side.otherConsultant.consultantId,
      { creationKey: "clash:1", today: undefined, givenOn: organizationToday(org) },
      side,
    );
    const before = eventsOf(me).length;
    const error = thrownRefusal(() =>
      reconfirmConsents({
        organizationId: org,
        shownVersions: shownNow(org),
        consultantId: me,
        userId: side.consultant.userId,
        engagementId: work,
        creationKey: "clash",
      }),
    );
    expect(error.status).toBe(409);
    expect(eventsOf(me)).toHaveLength(before);
    expect(auditOf(me, "consent.granted")).toHaveLength(1);
  });

  it("confirms only the words the page showed: a wording published since is refused, nothing written", async () => {
    const { side, org, me, engagement } = await setup();
    decide({}, side);
    decide({ purpose: "photo", decision: "declined" }, side);
    const work = engagement("Work");
    const shown = shownNow(org);
    const photo = listConsentPurposes(org).find((p) => p.systemKey === "photo")!;
    reviseConsentPurpose({
      organizationId: org,
      actorUserId: side.admin.userId,
      purposeId: photo.id,
      label: photo.label,
      text: `${photo.text} Photos may be shared with partners.`,
      defaultExpiryMonths: photo.defaultExpiryMonths,
    });
    const before = eventsOf(me).length;
    const confirm = (shownVersions: Record<string, number>) =>
      reconfirmConsents({
        organizationId: org,
        consultantId: me,
        userId: side.consultant.userId,
        engagementId: work,
        creationKey: randomUUID(),
        shownVersions,
      });
    expect(() => confirm(shown)).toThrow(RuleError);
    // A choice the page did not show at all is not confirmed either.
    expect(() => confirm({})).toThrow(RuleError);
    expect(eventsOf(me)).toHaveLength(before);
    expect(confirm(shownNow(org))).toHaveLength(2);
  });

  it("is only for the consultant themself", async () => {
    const { side, org, me, engagement } = await setup();
    decide({}, side);
    const work = engagement("Work");
    expect(
      thrownRefusal(() =>
        reconfirmConsents({
          organizationId: org,
          shownVersions: shownNow(org),
          consultantId: me,
          userId: side.otherConsultant.userId,
          engagementId: work,
          creationKey: randomUUID(),
        }),
      ).status,
    ).toBe(403);
  });
});

// --- reports -----------------------------------------------------------------------------------

describe("the matrix and the review list", () => {
  it("filters the matrix by purpose, state and consultant status", async () => {
    const side = (await createTwoOrganizations()).own;
    const org = side.org.id;
    const yes = createConsultantRecord(org, { preferredName: "A yes", status: "active" }).id;
    const no = createConsultantRecord(org, { preferredName: "B no", status: "active" }).id;
    const none = createConsultantRecord(org, { preferredName: "C none", status: "alumni" }).id;
    staffDecides(yes, {}, side);
    staffDecides(no, { decision: "declined" }, side);
    staffDecides(no, { purpose: "photo" }, side);
    const story = purposeId(org, "story");
    const ids = (filters: Parameters<typeof consentMatrix>[1]) =>
      consentMatrix(org, filters, DAY)
        .rows.map((r) => r.consultant.id)
        .filter((id) => [yes, no, none].includes(id));

    const all = consentMatrix(org, {}, DAY);
    expect(all.purposes.map((p) => p.systemKey)).toContain("story");
    expect(ids({})).toEqual([yes, no, none]);
    expect(all.rows.find((r) => r.consultant.id === yes)!.cells[story]).toMatchObject({
      state: "granted",
      expiresOn: plusMonths(DAY, 36),
    });
    expect(ids({ purposeId: story, state: "granted" })).toEqual([yes]);
    expect(ids({ purposeId: story, state: "declined" })).toEqual([no]);
    expect(ids({ purposeId: story, state: "not_asked" })).toEqual([none]);
    expect(ids({ state: "granted" })).toEqual([yes, no]); // any purpose
    expect(ids({ consultantStatus: "alumni" })).toEqual([none]);
    expect(ids({ consultantStatus: "active", state: "declined" })).toEqual([no]);
    expect(ids({ purposeId: story, state: "expired" })).toEqual([]);
    // A grant past its date reads expired in the matrix too.
    expect(
      consentMatrix(org, { purposeId: story, state: "expired" }, plusMonths(DAY, 36))
        .rows.map((r) => r.consultant.id)
        .filter((id) => [yes, no, none].includes(id)),
    ).toEqual([yes]);
  });

  it("lists grants ending within 60 days and those that have ended", async () => {
    const side = (await createTwoOrganizations()).own;
    const org = side.org.id;
    const a = newConsultant(side);
    const b = newConsultant(side);
    staffDecides(a, { purpose: "story", expiresOn: plusDays(DAY, 60) }, side);
    staffDecides(a, { purpose: "photo", expiresOn: plusDays(DAY, 61) }, side);
    staffDecides(a, { purpose: "media", expiresOn: plusDays(DAY, 5) }, side);
    staffDecides(b, { purpose: "recording", expiresOn: plusDays(DAY, 1) }, side);
    staffDecides(b, { purpose: "fundraising" }, side); // never ends

    const soon = consentsForReview(org, DAY);
    const keys = (items: { consultantId: string; purposeId: string }[]) =>
      items.map(
        (i) =>
          `${i.consultantId === a ? "a" : "b"}:${listConsentPurposes(org).find((p) => p.id === i.purposeId)!.systemKey}`,
      );
    expect(keys(soon.expiringSoon)).toEqual(["b:recording", "a:media", "a:story"]); // soonest first
    expect(soon.expired).toEqual([]);
    expect(soon.expiringSoon[0]).toMatchObject({ state: "granted", purposeLabel: "Audio or video recording" });

    // Two days on: the recording has ended (read from the date); after recording it, still listed once.
    const later = plusDays(DAY, 2);
    expect(keys(consentsForReview(org, later).expired)).toEqual(["b:recording"]);
    expect(keys(consentsForReview(org, later).expiringSoon)).toEqual(["a:media", "a:story", "a:photo"]);
    recordLapsedConsents(org, later);
    expect(keys(consentsForReview(org, later).expired)).toEqual(["b:recording"]);
  });
});

// --- isolation ---------------------------------------------------------------------------------

describe("isolation between organizations", () => {
  it("shows nothing of organization B in any read for organization A", async () => {
    const { own: a, other: b } = await createTwoOrganizations();
    const bConsultant = b.consultant.consultantId;
    const bDecision = decide({ scopeNotes: "B's secret scope" }, b);
    decide({ purpose: "recording", today: "2020-01-01", expiresOn: "2020-02-01" }, b);
    const bUse = recordUse(bConsultant, { status: "published" }, b).useId;
    decide({ decision: "withdrawn" }, b);
    recordLapsedConsents(b.org.id);
    expect(openFlaggedUses(b.org.id).map((u) => u.id)).toEqual([bUse]);
    const bPurpose = purposeId(b.org.id, "story");

    const everything = JSON.stringify([
      listConsentPurposes(a.org.id, { includeArchived: true }),
      listPurposeVersions(a.org.id, bPurpose),
      consentOverview(a.org.id, bConsultant),
      consentMatrix(a.org.id),
      consentMatrix(a.org.id, { purposeId: bPurpose, state: "withdrawn" }),
      consentsForReview(a.org.id, "2030-01-01"),
      consentHistory(a.org.id, bConsultant),
      listConsentUses(a.org.id),
      listConsentUses(a.org.id, { consultantId: bConsultant }),
      openFlaggedUses(a.org.id),
      engagementAwaitingConsentCheck(a.org.id, bConsultant),
    ]);
    for (const secret of [bConsultant, bDecision.eventId, bUse, bPurpose, "B's secret scope"]) {
      expect(everything).not.toContain(secret);
    }
    expect(recordLapsedConsents(a.org.id, "2099-01-01")).toBe(0);
    expect(thrownRefusal(() => consentReceipt(a.org.id, bConsultant, bDecision.eventId)).status).toBe(404);
    expect(thrownRefusal(() => getConsentUse(a.org.id, bUse)).status).toBe(404);
    expect(
      thrownRefusal(() =>
        resolveFlaggedUse({
          organizationId: a.org.id,
          actorUserId: a.staff.userId,
          useId: bUse,
          actionTaken: "stopped",
        }),
      ).status,
    ).toBe(404);
    expect(
      ruleError(() =>
        reviseConsentPurpose({
          organizationId: a.org.id,
          actorUserId: a.admin.userId,
          purposeId: bPurpose,
          label: "Taken over",
          text: "Taken over",
          defaultExpiryMonths: null,
        }),
      ).field,
    ).toBe("purposeId");
    expect(thrownRefusal(() => recordUse(bConsultant, {}, a)).status).toBe(404);
    expect(storedUse(bUse).actionAt).toBeNull();
  });

  it("keeps a consultant's receipts to themself within one organization", () => {
    const other = world.own.otherConsultant.consultantId;
    const { eventId } = staffDecides(other, { purpose: "share_contact" });
    expect(consentReceipt(world.own.org.id, other, eventId).id).toBe(eventId);
    expect(
      thrownRefusal(() => consentReceipt(world.own.org.id, world.own.consultant.consultantId, eventId)).status,
    ).toBe(404);
  });
});
