// A consent given on a signed paper form or out loud, recorded by staff afterwards: the day it was
// given, the witness and where the form is kept, through the staff page's action and loader and the
// consultant's portal pages, against this file's own database copy.
import { RuleError } from "../../app/models/errors";
import { randomUUID } from "node:crypto";
import { addDays, addMonths, format, subMonths, subYears } from "date-fns";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { consentEvents } from "../../db/schema";
import { recordConsentDecision } from "../../app/models/consent/decisions.server";
import { addConsentPurpose, listConsentPurposes } from "../../app/models/consent/purposes.server";
import { db } from "../../app/utils/db.server";
import * as staffPage from "../../app/routes/_staff.consultants.$id.consent";
import * as portalPage from "../../app/routes/portal.consent._index";
import * as receiptPage from "../../app/routes/portal.consent.$id";
import { organizationToday } from "../../app/models/settings.server";
import { isoDay } from "../../app/utils/day";
import { formatDate } from "../../app/utils/format";
import { cookieFor, createConsultantRecord, createMember, createTwoOrganizations } from "../support/factories";
import { shownVersionsOf } from "../support/consent-pages";
import { callRoute, makeRequest, type RouteResult } from "../support/http";
import { errorsInEnglish } from "../support/english-messages";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
type StaffData = Awaited<ReturnType<typeof staffPage.loader>>;
type PortalData = Awaited<ReturnType<typeof portalPage.loader>>;
type ReceiptData = Awaited<ReturnType<typeof receiptPage.loader>>;
type Reply = { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };

let world: World;
const cookie = { staff: "", consultant: "" };

beforeAll(async () => {
  world = await createTwoOrganizations();
  cookie.staff = await cookieFor(world.own.staff.userId);
  cookie.consultant = await cookieFor(world.own.consultant.userId);
});

const day = (date: Date) => format(date, "yyyy-MM-dd");
const purposeOf = (systemKey: string) => listConsentPurposes(world.own.org.id).find((p) => p.systemKey === systemKey)!;
const eventsOf = (consultantId: string) =>
  db.select().from(consentEvents).where(eq(consentEvents.consultantId, consultantId)).all();
const errorsOf = (result: RouteResult) => errorsInEnglish((result.data as Reply).error);
// Days people type are judged on the organization's calendar.
const orgToday = () => organizationToday(world.own.org.id);
/** Midday of the organization's today, for counting days and months from it. */
const orgNow = () => new Date(`${orgToday()}T12:00:00Z`);
const freshConsultant = () => createConsultantRecord(world.own.org.id).id;

/** The 15th of last month: always in the past, and three years on from it is the same day of the month. */
const signedLastMonth = () => `${format(subMonths(orgNow(), 1), "yyyy-MM")}-15`;
const threeYearsOn = (iso: string) => `${Number(iso.slice(0, 4)) + 3}${iso.slice(4)}`;

function post(consultantId: string, form: Record<string, string>) {
  return callRoute(
    staffPage.action,
    makeRequest(`/consultants/${consultantId}/consent`, {
      cookie: cookie.staff,
      form: {
        creationKey: randomUUID(),
        decision: "granted",
        shownVersions: shownVersionsOf(world.own.org.id),
        ...form,
      },
    }),
    { id: consultantId },
  );
}

async function staffView(consultantId: string) {
  const result = await callRoute(
    staffPage.loader,
    makeRequest(`/consultants/${consultantId}/consent`, { cookie: cookie.staff }),
    { id: consultantId },
  );
  expect(result.status).toBe(200);
  return result.data as StaffData;
}

describe("a yes on a signed paper form", () => {
  it("with a witness: keeps the day it was signed, the witness and the form's place; it ends three years from the signing", async () => {
    const id = freshConsultant();
    const signedOn = signedLastMonth();
    const result = await post(id, {
      purposeId: purposeOf("story").id,
      method: "written_form",
      givenOn: signedOn,
      witnessName: "Rae (peer mentor)",
      formKeptAt: "Locked cabinet, office 2",
      scopeNotes: "Quotes only",
    });
    expect(result.location).toBe(`/consultants/${id}/consent?done=granted`);
    const [event] = eventsOf(id);
    expect(event).toMatchObject({
      method: "written_form",
      givenOn: signedOn,
      witnessName: "Rae (peer mentor)",
      formKeptAt: "Locked cabinet, office 2",
      // The limits hold only what was typed there, never the witness.
      scopeNotes: "Quotes only",
      // Three years from the signature, not from today when it was typed in.
      expiresOn: threeYearsOn(signedOn),
    });

    // The history shows both days: when it was signed and when it was recorded.
    const page = await staffView(id);
    expect(page.history[0]).toMatchObject({
      givenOn: signedOn,
      witnessName: "Rae (peer mentor)",
      formKeptAt: "Locked cabinet, office 2",
    });
    expect(day(new Date(page.history[0]!.createdAt))).toBe(isoDay(new Date()));
    expect(page.overview.find((c) => c.purpose.systemKey === "story")).toMatchObject({
      state: "granted",
      givenOn: signedOn,
      expiresOn: threeYearsOn(signedOn),
    });
  });

  it("without a witness: recorded, with no witness", async () => {
    const id = freshConsultant();
    const result = await post(id, {
      purposeId: purposeOf("photo").id,
      decision: "declined",
      method: "written_form",
      givenOn: orgToday(),
      formKeptAt: "Consent binder, front office",
    });
    expect(result.status).toBe(302);
    expect(eventsOf(id)[0]).toMatchObject({ kind: "declined", witnessName: null, givenOn: orgToday() });
  });

  it("without the day it was signed or where the form is: both messages at once, nothing written", async () => {
    const id = freshConsultant();
    const result = await post(id, { purposeId: purposeOf("story").id, method: "written_form", scopeNotes: "Quotes" });
    expect(result.status).toBe(400);
    expect(errorsOf(result).givenOn).toEqual(["Give the day they signed the form."]);
    expect(errorsOf(result).formKeptAt).toEqual([
      "Write where the signed form is kept, for example “locked cabinet, office 2”.",
    ]);
    expect(eventsOf(id)).toHaveLength(0);
  });

  it("signed on a day still to come, or more than three years ago: refused next to the day", async () => {
    const id = freshConsultant();
    const paper = { purposeId: purposeOf("future_contact").id, method: "written_form", formKeptAt: "Binder" };
    const tomorrow = await post(id, { ...paper, givenOn: day(addDays(orgNow(), 1)) });
    expect(tomorrow.status).toBe(400);
    expect(errorsOf(tomorrow).givenOn).toEqual(["The day they signed cannot be in the future."]);
    const longAgo = await post(id, { ...paper, givenOn: day(addDays(subYears(orgNow(), 3), -1)) });
    expect(longAgo.status).toBe(400);
    expect(errorsOf(longAgo).givenOn?.[0]).toMatch(/more than 3 years ago\. Ask them again/);
    expect(eventsOf(id)).toHaveLength(0);
    // Exactly three years ago is still within reach.
    expect((await post(id, { ...paper, givenOn: day(subYears(orgNow(), 3)) })).status).toBe(302);
  });

  it("the end date counts from the signing: a yes that has run its course, or an end past its longest, is refused", async () => {
    const id = freshConsultant();
    const purposeId = addConsentPurpose({
      organizationId: world.own.org.id,
      actorUserId: world.own.admin.userId,
      label: `Speaking at events ${randomUUID().slice(0, 6)}`,
      text: "We may ask you to speak at our events. You can change your mind at any time.",
      defaultExpiryMonths: 12,
    });
    const paper = { purposeId, method: "written_form", formKeptAt: "Binder" };
    const thirteenMonthsAgo = day(subMonths(orgNow(), 13));
    const ended = await post(id, { ...paper, givenOn: thirteenMonthsAgo });
    expect(ended.status).toBe(400);
    expect(errorsOf(ended).givenOn?.[0]).toMatch(/lasts 1 year, so one given then ended on .+ Ask them again/);

    const sixMonthsAgo = subMonths(orgNow(), 6);
    const tooLate = await post(id, { ...paper, givenOn: day(sixMonthsAgo), expiresOn: day(addMonths(orgNow(), 9)) });
    expect(tooLate.status).toBe(400);
    expect(errorsOf(tooLate).expiresOn?.[0]).toBe(
      `For this purpose a “yes” lasts at most 1 year from the day it was given. Choose ${day(addMonths(sixMonthsAgo, 12))} or earlier.`,
    );
    expect(eventsOf(id)).toHaveLength(0);

    expect((await post(id, { ...paper, givenOn: day(sixMonthsAgo) })).status).toBe(302);
    expect(eventsOf(id)[0]!.expiresOn).toBe(day(addMonths(sixMonthsAgo, 12)));
  });
});

describe("a choice said out loud", () => {
  it("without a witness is refused; with one it keeps the day it was said, and no form place", async () => {
    const id = freshConsultant();
    const spoken = { purposeId: purposeOf("media").id, method: "verbal_with_witness", givenOn: orgToday() };
    const alone = await post(id, spoken);
    expect(alone.status).toBe(400);
    expect(errorsOf(alone).witnessName).toEqual(["Write who else heard it. A choice said out loud needs a witness."]);
    expect(errorsOf(alone).formKeptAt).toBeUndefined();
    expect(eventsOf(id)).toHaveLength(0);

    const yesterday = day(addDays(orgNow(), -1));
    const witnessed = await post(id, {
      ...spoken,
      givenOn: yesterday,
      witnessName: "Sam",
      formKeptAt: "Typed by mistake",
    });
    expect(witnessed.status).toBe(302);
    expect(eventsOf(id)[0]).toMatchObject({
      method: "verbal_with_witness",
      givenOn: yesterday,
      witnessName: "Sam",
      formKeptAt: null,
    });
  });

  it("without the day it was said: refused next to the day", async () => {
    const id = freshConsultant();
    const result = await post(id, {
      purposeId: purposeOf("media").id,
      method: "verbal_with_witness",
      witnessName: "Sam",
    });
    expect(result.status).toBe(400);
    expect(errorsOf(result).givenOn).toEqual(["Give the day they told you."]);
  });
});

describe("the rules have one home", () => {
  it("the model refuses what the form refuses, with the same words, for any caller", () => {
    const id = freshConsultant();
    const ruleOf = (input: Partial<Parameters<typeof recordConsentDecision>[0]>) => {
      try {
        recordConsentDecision({
          organizationId: world.own.org.id,
          consultantId: id,
          purposeId: purposeOf("story").id,
          decision: "granted",
          actor: { kind: "staff", userId: world.own.staff.userId, role: "staff" },
          method: "written_form",
          creationKey: randomUUID(),
          ...input,
        });
      } catch (error) {
        if (error instanceof RuleError) return { field: error.field, message: error.message };
        throw error;
      }
      return null;
    };
    expect(ruleOf({ formKeptAt: "Binder" })).toEqual({
      field: "givenOn",
      message: "Give the day they signed the form.",
    });
    expect(ruleOf({ givenOn: orgToday() })).toEqual({
      field: "formKeptAt",
      message: "Write where the signed form is kept, for example “locked cabinet, office 2”.",
    });
    expect(ruleOf({ method: "verbal_with_witness", givenOn: orgToday() })).toEqual({
      field: "witnessName",
      message: "Write who else heard it. A choice said out loud needs a witness.",
    });
    expect(ruleOf({ givenOn: day(addDays(orgNow(), 1)), formKeptAt: "Binder" })?.field).toBe("givenOn");
    expect(eventsOf(id)).toHaveLength(0);
  });
});

describe("a choice typed in afterwards never undoes a later one", () => {
  const laterChoice = (on: string) =>
    `They made a later choice for this purpose on ${formatDate(on)}. Ask them again, and record the day they answer.`;

  /** A consultant with a portal account, who says yes to their story and then withdraws it there today. */
  async function withdrawnInPortal() {
    const member = await createMember({ organizationId: world.own.org.id, role: "consultant" });
    const consultantId = createConsultantRecord(world.own.org.id, { userId: member.userId }).id;
    for (const decision of ["granted", "withdrawn"] as const) {
      recordConsentDecision({
        organizationId: world.own.org.id,
        consultantId,
        purposeId: purposeOf("story").id,
        decision,
        actor: { kind: "consultant", userId: member.userId },
        method: "portal",
        creationKey: randomUUID(),
      });
    }
    return consultantId;
  }
  const latestKindOf = (consultantId: string) => eventsOf(consultantId).at(-1)!.kind;

  it("a paper yes signed before their withdrawal in the portal is refused next to the day, keeping what was typed; signed the same day it is recorded", async () => {
    const id = await withdrawnInPortal();
    const typed = {
      purposeId: purposeOf("story").id,
      method: "written_form",
      givenOn: signedLastMonth(),
      witnessName: "Rae (peer mentor)",
      formKeptAt: "Locked cabinet, office 2",
      scopeNotes: "Quotes only",
    };
    const refused = await post(id, typed);
    expect(refused.status).toBe(400);
    expect(errorsOf(refused).givenOn).toEqual([laterChoice(orgToday())]);
    expect((refused.data as Reply).initialValue).toMatchObject(typed);
    expect(eventsOf(id)).toHaveLength(2);
    expect(latestKindOf(id)).toBe("withdrawn");

    expect((await post(id, { ...typed, givenOn: orgToday() })).status).toBe(302);
    expect(latestKindOf(id)).toBe("granted");
  });

  it("the model refuses it for any caller, with the same words: the withdrawal stays in force", async () => {
    const id = await withdrawnInPortal();
    const paperYes = {
      organizationId: world.own.org.id,
      consultantId: id,
      purposeId: purposeOf("story").id,
      decision: "granted" as const,
      actor: { kind: "staff" as const, userId: world.own.staff.userId, role: "staff" as const },
      method: "verbal_with_witness" as const,
      givenOn: day(addDays(orgNow(), -1)),
      witnessName: "Sam",
      creationKey: randomUUID(),
    };
    let refusal: unknown;
    try {
      recordConsentDecision(paperYes);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(RuleError);
    expect(refusal).toMatchObject({ field: "givenOn", message: laterChoice(orgToday()) });
    expect(latestKindOf(id)).toBe("withdrawn");
  });

  it("counts from the day staff were told: the day signed or said, the day a withdrawal was asked for; an expiry is no choice", async () => {
    const id = freshConsultant();
    const staffChoice = (decision: "granted" | "declined" | "withdrawn", extra: Record<string, string>) => {
      try {
        recordConsentDecision({
          organizationId: world.own.org.id,
          consultantId: id,
          purposeId: purposeOf("recording").id,
          decision,
          actor: { kind: "staff", userId: world.own.staff.userId, role: "staff" },
          method: "written_form",
          formKeptAt: "Binder",
          creationKey: randomUUID(),
          ...extra,
        });
        return "recorded";
      } catch (error) {
        if (error instanceof RuleError) return `${error.field}: ${error.message}`;
        throw error;
      }
    };
    const daysAgo = (n: number) => day(addDays(orgNow(), -n));
    // A no signed 20 days ago, typed in today: the next choice may be dated from day 20 on, not from today.
    expect(staffChoice("declined", { givenOn: daysAgo(20) })).toBe("recorded");
    expect(staffChoice("granted", { givenOn: daysAgo(21) })).toBe(`givenOn: ${laterChoice(daysAgo(20))}`);
    expect(staffChoice("granted", { givenOn: daysAgo(15) })).toBe("recorded");
    // A withdrawal they asked for 10 days ago: a yes signed before then is refused; one signed that day is not.
    expect(staffChoice("withdrawn", { requestedBy: "The consultant", requestedOn: daysAgo(10) })).toBe("recorded");
    expect(staffChoice("granted", { givenOn: daysAgo(11) })).toBe(`givenOn: ${laterChoice(daysAgo(10))}`);
    expect(staffChoice("granted", { givenOn: daysAgo(10) })).toBe("recorded");
    // An end date reached today is not something they chose: a renewal they signed before it still counts.
    const grant = eventsOf(id).at(-1)!;
    db.insert(consentEvents)
      .values({
        organizationId: grant.organizationId,
        consultantId: id,
        purposeId: grant.purposeId,
        purposeVersionId: grant.purposeVersionId,
        kind: "expired",
        expiresOn: orgToday(),
      })
      .run();
    expect(staffChoice("granted", { givenOn: daysAgo(5) })).toBe("recorded");
  });
});

describe("what the consultant sees", () => {
  it("their history and receipt show the day they signed, the witness and the day it was saved, not where the form is", async () => {
    const consultantId = world.own.consultant.consultantId;
    const signedOn = signedLastMonth();
    const place = `Locked cabinet ${randomUUID().slice(0, 6)}`;
    expect(
      (
        await post(consultantId, {
          purposeId: purposeOf("share_contact").id,
          method: "written_form",
          givenOn: signedOn,
          witnessName: "Rae (peer mentor)",
          formKeptAt: place,
        })
      ).status,
    ).toBe(302);

    const portal = await callRoute(portalPage.loader, makeRequest("/portal/consent", { cookie: cookie.consultant }));
    expect(portal.status).toBe(200);
    const data = portal.data as PortalData;
    const receipt = data.receipts.find((r) => r.label === purposeOf("share_contact").label)!;
    expect(receipt).toMatchObject({ method: "written_form", givenOn: signedOn, witnessName: "Rae (peer mentor)" });
    expect(day(new Date(receipt.createdAt))).toBe(isoDay(new Date()));
    // "You said yes on …" counts from the day they signed.
    expect(data.purposes.find((p) => p.label === purposeOf("share_contact").label)!.givenOn).toBe(signedOn);
    expect(JSON.stringify(data)).not.toContain(place);

    const opened = await callRoute(
      receiptPage.loader,
      makeRequest(`/portal/consent/${receipt.id}`, { cookie: cookie.consultant }),
      { id: receipt.id },
    );
    expect(opened.status).toBe(200);
    const shown = (opened.data as ReceiptData).receipt;
    expect(shown).toMatchObject({ givenOn: signedOn, witnessName: "Rae (peer mentor)", method: "written_form" });
    expect(day(new Date(shown.createdAt))).toBe(isoDay(new Date()));
    expect(JSON.stringify(opened.data)).not.toContain(place);
  });
});
