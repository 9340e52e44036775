// The consultant's side of consent: /portal/consent and its receipts, through the route
// modules with real sessions.
import { addDays, addMonths } from "date-fns";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { consentEvents, consentUses, consultants, emailOutbox } from "../../db/schema";
import { listConsentPurposes, reviseConsentPurpose } from "../../app/models/consent/purposes.server";
import { recordConsentUse } from "../../app/models/consent/uses.server";
import { addDaysToIsoDay, isoDay } from "../../app/utils/day";
import { organizationToday } from "../../app/models/settings.server";
import { decideOnAgreement } from "../../app/models/engagement/own-work.server";
import { db } from "../../app/utils/db.server";
import * as consentPage from "../../app/routes/portal.consent._index";
import * as receiptPage from "../../app/routes/portal.consent.$id";
import * as portalHome from "../../app/routes/portal._index";
import { inEnglish } from "../../app/i18n/translate.server";
import { cookieFor, createEngagementRecord, createTwoOrganizations } from "../support/factories";
import { shownVersionOf } from "../support/consent-pages";
import { shownVersionsValue } from "../../app/utils/consent-decision-schema";
import { callRoute, makeRequest, type RouteResult } from "../support/http";
import { errorsInEnglish } from "../support/english-messages";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
type PageData = Awaited<ReturnType<typeof consentPage.loader>>;
type ReplyData = {
  form: string;
  purposeId: string | null;
  result: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> };
};

let world: World;
let cookie: string;
let otherCookie: string;

beforeAll(async () => {
  world = await createTwoOrganizations();
  cookie = await cookieFor(world.own.consultant.userId);
  otherCookie = await cookieFor(world.own.otherConsultant.userId);
});

// The day where the organization is: consent is judged on it.
const today = () => organizationToday(world.own.org.id);
const purposeOf = (organizationId: string, systemKey: string) =>
  listConsentPurposes(organizationId).find((p) => p.systemKey === systemKey)!;
const eventsOf = (consultantId: string) =>
  db.select().from(consentEvents).where(eq(consentEvents.consultantId, consultantId)).all();
const emailsTo = (address: string) => db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, address)).all();

async function openPage(as = cookie) {
  const result = await callRoute(consentPage.loader, makeRequest("/portal/consent", { cookie: as }));
  expect(result.status).toBe(200);
  return result.data as PageData;
}

function decide(form: Record<string, string>, as = cookie) {
  return callRoute(
    consentPage.action,
    makeRequest("/portal/consent", {
      cookie: as,
      form: {
        intent: "decide",
        creationKey: crypto.randomUUID(),
        shownVersion: shownVersionOf(form.purposeId),
        ...form,
      },
    }),
  );
}

const reply = (result: RouteResult) => result.data as ReplyData;
/** The reply's messages by field, as the page shows them to an English reader. */
const errorsOf = (result: RouteResult) => errorsInEnglish(reply(result).result.error);
const receiptId = (result: RouteResult) => {
  expect(result.status).toBe(302);
  const match = result.location?.match(/^\/portal\/consent\/([^/?]+)\?done=saved$/);
  expect(match, `redirect to a receipt, got ${result.location}`).toBeTruthy();
  return match![1]!;
};

function openReceipt(id: string, as = cookie) {
  return callRoute(receiptPage.loader, makeRequest(`/portal/consent/${id}`, { cookie: as }), { id });
}

describe("the consent page", () => {
  it("lists every purpose, undecided, with a separate key for each form", async () => {
    const page = await openPage(otherCookie);
    expect(page.purposes).toHaveLength(listConsentPurposes(world.own.org.id).length);
    expect(page.purposes.every((p) => p.state === "not_asked")).toBe(true);
    expect(page.receipts).toEqual([]);
    expect(page.awaitingEngagement).toBeNull();
    const keys = Object.values(page.keys).flatMap((k) => Object.values(k));
    expect(new Set([...keys, page.confirmKey]).size).toBe(keys.length + 1);
  });

  it("is for consultants only", async () => {
    for (const member of [world.own.staff, world.own.admin]) {
      const result = await callRoute(
        consentPage.loader,
        makeRequest("/portal/consent", { cookie: await cookieFor(member.userId) }),
      );
      expect(result.status).toBe(403);
    }
  });
});

describe("deciding", () => {
  it("a yes with scope notes is recorded in the portal against the current wording, with the default end date", async () => {
    const story = purposeOf(world.own.org.id, "story");
    const id = receiptId(
      await decide({ purposeId: story.id, decision: "granted", scopeNotes: "Quotes only, no name" }),
    );
    const event = db.select().from(consentEvents).where(eq(consentEvents.id, id)).get()!;
    expect(event).toMatchObject({
      consultantId: world.own.consultant.consultantId,
      organizationId: world.own.org.id,
      kind: "granted",
      method: "portal",
      scopeNotes: "Quotes only, no name",
      purposeVersionId: story.versionId,
      recordedByUserId: world.own.consultant.userId,
      expiresOn: isoDay(addMonths(new Date(`${today()}T00:00:00Z`), 36)),
    });

    const page = await openPage();
    const shown = page.purposes.find((p) => p.id === story.id)!;
    expect(shown).toMatchObject({ state: "granted", scopeNotes: "Quotes only, no name", eventId: id });
    expect(page.receipts[0]).toMatchObject({ id, kind: "granted", label: story.label });

    const receipt = await openReceipt(id);
    expect(receipt.status).toBe(200);
    expect((receipt.data as { receipt: Record<string, unknown> }).receipt).toMatchObject({
      kind: "granted",
      method: "portal",
      label: story.label,
      text: story.text,
      version: story.version,
      scopeNotes: "Quotes only, no name",
      recordedByMe: true,
    });
  });

  it("a no is recorded", async () => {
    const photo = purposeOf(world.own.org.id, "photo");
    const id = receiptId(await decide({ purposeId: photo.id, decision: "declined" }));
    expect(db.select().from(consentEvents).where(eq(consentEvents.id, id)).get()?.kind).toBe("declined");
  });

  it("a withdrawal of a current yes is recorded at once, without a reason, and flags the uses", async () => {
    const social = purposeOf(world.own.org.id, "social_media");
    receiptId(await decide({ purposeId: social.id, decision: "granted" }));
    const { useId } = recordConsentUse({
      organizationId: world.own.org.id,
      actor: { userId: world.own.staff.userId, role: "staff" },
      consultantId: world.own.consultant.consultantId,
      purposeId: social.id,
      description: "Post",
      place: "Instagram",
      status: "published",
      creationKey: crypto.randomUUID(),
    });
    const id = receiptId(await decide({ purposeId: social.id, decision: "withdrawn" }));
    expect(db.select().from(consentEvents).where(eq(consentEvents.id, id)).get()?.kind).toBe("withdrawn");
    expect(db.select().from(consentUses).where(eq(consentUses.id, useId)).get()?.flagEventId).toBe(id);
    const page = await openPage();
    expect(page.purposes.find((p) => p.id === social.id)?.state).toBe("withdrawn");
  });

  it("a “no” sent from a page left open before a yes is recorded as a withdrawal", async () => {
    const recording = purposeOf(world.own.org.id, "recording");
    receiptId(await decide({ purposeId: recording.id, decision: "granted" }));
    const id = receiptId(await decide({ purposeId: recording.id, decision: "declined" }));
    expect(db.select().from(consentEvents).where(eq(consentEvents.id, id)).get()?.kind).toBe("withdrawn");
  });

  it("the name purpose keeps the name choice", async () => {
    const name = purposeOf(world.own.org.id, "name");
    const id = receiptId(await decide({ purposeId: name.id, decision: "granted", nameChoice: "chosen_name" }));
    expect(db.select().from(consentEvents).where(eq(consentEvents.id, id)).get()?.nameChoice).toBe("chosen_name");
  });
});

describe("refused, with the message next to the field and nothing written", () => {
  it("a withdrawal of something never granted", async () => {
    const media = purposeOf(world.own.org.id, "media");
    const before = eventsOf(world.own.consultant.consultantId).length;
    const result = await decide({ purposeId: media.id, decision: "withdrawn" });
    expect(result.status).toBe(400);
    expect(reply(result).purposeId).toBe(media.id);
    expect(errorsOf(result)[""]).toEqual(["Only a current “yes” can be withdrawn. There is nothing to withdraw here."]);
    expect(eventsOf(world.own.consultant.consultantId)).toHaveLength(before);
  });

  it("an end date in the past (or today), keeping what was typed", async () => {
    const fundraising = purposeOf(world.own.org.id, "fundraising");
    const before = eventsOf(world.own.consultant.consultantId).length;
    for (const expiresOn of [addDaysToIsoDay(today(), -1), today()]) {
      const result = await decide({
        purposeId: fundraising.id,
        decision: "granted",
        scopeNotes: "Only in letters",
        expiresOn,
      });
      expect(result.status).toBe(400);
      expect(errorsOf(result).expiresOn).toEqual(["The end date must be after today."]);
      expect(reply(result).result.initialValue).toMatchObject({ scopeNotes: "Only in letters", expiresOn });
    }
    const malformed = await decide({ purposeId: fundraising.id, decision: "granted", expiresOn: "next year" });
    expect(errorsOf(malformed).expiresOn).toEqual(["Write the date like 2027-03-22, or leave it empty."]);
    expect(eventsOf(world.own.consultant.consultantId)).toHaveLength(before);
  });

  it("an end date later than the purpose allows", async () => {
    const story = purposeOf(world.own.org.id, "story");
    const result = await decide(
      { purposeId: story.id, decision: "granted", expiresOn: isoDay(addMonths(new Date(), 40)) },
      otherCookie,
    );
    expect(result.status).toBe(400);
    expect(errorsOf(result).expiresOn?.[0]).toMatch(/at most 3 years/);
    expect(eventsOf(world.own.otherConsultant.consultantId)).toHaveLength(0);
  });

  it("a yes to the name purpose without saying which name", async () => {
    const name = purposeOf(world.own.org.id, "name");
    const result = await decide({ purposeId: name.id, decision: "granted", scopeNotes: "Only online" }, otherCookie);
    expect(result.status).toBe(400);
    expect(errorsOf(result).nameChoice).toEqual(["Choose which name may be used."]);
    expect(reply(result).result.initialValue).toMatchObject({ scopeNotes: "Only online" });
    expect(eventsOf(world.own.otherConsultant.consultantId)).toHaveLength(0);
  });
});

describe("a form sent twice", () => {
  it("records once and shows the same receipt", async () => {
    const future = purposeOf(world.own.org.id, "future_contact");
    const form = { purposeId: future.id, decision: "granted", creationKey: crypto.randomUUID() };
    const before = eventsOf(world.own.consultant.consultantId).length;
    const first = receiptId(await decide(form));
    const second = receiptId(await decide(form));
    expect(second).toBe(first);
    expect(eventsOf(world.own.consultant.consultantId)).toHaveLength(before + 1);
  });
});

describe("only my own consent", () => {
  it("a consultant id in the form is ignored: the decision is always the signed-in consultant's", async () => {
    const share = purposeOf(world.own.org.id, "share_contact");
    const id = receiptId(
      await decide({
        purposeId: share.id,
        decision: "granted",
        consultantId: world.own.otherConsultant.consultantId,
      }),
    );
    expect(db.select().from(consentEvents).where(eq(consentEvents.id, id)).get()?.consultantId).toBe(
      world.own.consultant.consultantId,
    );
    expect(eventsOf(world.own.otherConsultant.consultantId)).toHaveLength(0);
  });

  it("a purpose of another organization is refused; nothing is written in either", async () => {
    const foreign = purposeOf(world.other.org.id, "story");
    const count = () => db.select().from(consentEvents).all().length;
    const before = count();
    const result = await decide({ purposeId: foreign.id, decision: "granted" });
    expect(result.status).toBe(400);
    expect(errorsOf(result)[""]).toEqual(["Choose a purpose from the list."]);
    expect(count()).toBe(before);
  });

  it("another consultant's creation key is refused, not merged", async () => {
    const feedback = purposeOf(world.own.org.id, "feedback_reports");
    const creationKey = crypto.randomUUID();
    receiptId(await decide({ purposeId: feedback.id, decision: "declined", creationKey }));
    const result = await decide({ purposeId: feedback.id, decision: "granted", creationKey }, otherCookie);
    expect(result.status).toBe(409);
    expect(eventsOf(world.own.otherConsultant.consultantId)).toHaveLength(0);
  });

  it("receipts of another consultant, in this or another organization, are a 404", async () => {
    const story = purposeOf(world.own.org.id, "story");
    const mine = receiptId(await decide({ purposeId: story.id, decision: "declined" }, otherCookie));
    const otherOrgCookie = await cookieFor(world.other.consultant.userId);
    const theirs = receiptId(
      await decide({ purposeId: purposeOf(world.other.org.id, "story").id, decision: "granted" }, otherOrgCookie),
    );
    expect((await openReceipt(mine, otherCookie)).status).toBe(200);
    expect((await openReceipt(mine)).status).toBe(404);
    expect((await openReceipt(theirs)).status).toBe(404);
    expect((await openReceipt("not-an-event")).status).toBe(404);
    // Staff have their own pages; the portal receipt is the consultant's alone.
    expect((await openReceipt(mine, await cookieFor(world.own.staff.userId))).status).toBe(403);
  });
});

describe("the receipt email", () => {
  it("goes only when email is safe, says nothing about the choice, and links to the portal home", async () => {
    const address = world.own.otherConsultant.email;
    const consultantId = world.own.otherConsultant.consultantId;
    const setSafety = (emailSafety: "safe" | "ask_first" | "not_safe") =>
      db.update(consultants).set({ emailSafety }).where(eq(consultants.id, consultantId)).run();
    const media = purposeOf(world.own.org.id, "media");
    const social = purposeOf(world.own.org.id, "social_media");

    setSafety("ask_first");
    receiptId(await decide({ purposeId: media.id, decision: "declined" }, otherCookie));
    setSafety("not_safe");
    receiptId(await decide({ purposeId: social.id, decision: "declined" }, otherCookie));
    expect(emailsTo(address)).toHaveLength(0);

    setSafety("safe");
    const form = {
      purposeId: media.id,
      decision: "granted",
      scopeNotes: "Local papers only",
      creationKey: crypto.randomUUID(),
    };
    receiptId(await decide(form, otherCookie));
    receiptId(await decide(form, otherCookie)); // the same form again: no second email
    const mails = emailsTo(address);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail!.template).toBe("portal-receipt");
    expect(mail!.subject).toBe("You have an update");
    const preferredName = db.select().from(consultants).where(eq(consultants.id, consultantId)).get()!.preferredName;
    for (const part of [mail!.subject, mail!.text, mail!.html]) {
      for (const words of [media.label, media.text, "Local papers only", preferredName, "consent", "media"]) {
        expect(part.toLowerCase()).not.toContain(words.toLowerCase());
      }
      expect(part).not.toContain("/portal/consent");
    }
    expect(mail!.text).toMatch(/\/portal\b/);
  });
});

describe("the wording changed after the choice", () => {
  it("shows the exact older words the consultant agreed to, and the new ones", async () => {
    const photo = purposeOf(world.own.org.id, "photo");
    const otherOrgCookie = await cookieFor(world.other.consultant.userId);
    const otherPhoto = purposeOf(world.other.org.id, "photo");
    const id = receiptId(await decide({ purposeId: otherPhoto.id, decision: "granted" }, otherOrgCookie));
    reviseConsentPurpose({
      organizationId: world.other.org.id,
      actorUserId: world.other.admin.userId,
      purposeId: otherPhoto.id,
      label: otherPhoto.label,
      text: "New words about photos, version two.",
      defaultExpiryMonths: otherPhoto.defaultExpiryMonths,
    });
    const page = await openPage(otherOrgCookie);
    const shown = page.purposes.find((p) => p.id === otherPhoto.id)!;
    expect(shown).toMatchObject({
      text: "New words about photos, version two.",
      version: 2,
      wordingChanged: true,
      decidedVersion: { version: 1, text: otherPhoto.text },
    });
    const receipt = (await openReceipt(id, otherOrgCookie)).data as { receipt: { text: string; version: number } };
    expect(receipt.receipt).toMatchObject({ text: otherPhoto.text, version: 1 });
    // Untouched in the organization that did not change its wording.
    expect(purposeOf(world.own.org.id, "photo").version).toBe(photo.version);
  });
});

describe("new work: check your choices", () => {
  it("is asked after accepting work, and “My choices are still right” records them again once", async () => {
    const otherOrg = world.other;
    const c = await cookieFor(otherOrg.otherConsultant.userId);
    const consultantId = otherOrg.otherConsultant.consultantId;
    const future = purposeOf(otherOrg.org.id, "future_contact");
    receiptId(await decide({ purposeId: future.id, decision: "granted" }, c));
    const engagementId = createEngagementRecord(otherOrg.org.id, consultantId, otherOrg.programId, {
      title: "Spring panel",
    }).id;
    await new Promise((resolve) => setTimeout(resolve, 5));
    decideOnAgreement({
      organizationId: otherOrg.org.id,
      userId: otherOrg.otherConsultant.userId,
      engagementId,
      termsVersion: 1,
      decision: "accepted",
    });
    const page = await openPage(c);
    expect(page.awaitingEngagement).toMatchObject({ id: engagementId, title: "Spring panel" });
    const home = await callRoute(portalHome.loader, makeRequest("/portal", { cookie: c }));
    expect((home.data as { attention: string[] }).attention.map((key) => inEnglish(key))).toEqual([
      "You agreed to new work. Please check your choices are still right.",
    ]);

    await new Promise((resolve) => setTimeout(resolve, 5));
    const before = eventsOf(consultantId).length;
    const form = {
      intent: "reconfirm",
      creationKey: page.confirmKey,
      shownVersions: shownVersionsValue(page.purposes),
    };
    for (let i = 0; i < 2; i++) {
      const result = await callRoute(consentPage.action, makeRequest("/portal/consent", { cookie: c, form }));
      expect(result.status).toBe(302);
      expect(result.location).toBe("/portal/consent?done=confirmed");
    }
    const added = eventsOf(consultantId).slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ kind: "granted", purposeId: future.id, engagementId, method: "portal" });
    expect((await openPage(c)).awaitingEngagement).toBeNull();
  });
});

describe("the portal home", () => {
  it("points to the choices page when a yes ends soon, and not otherwise", async () => {
    const c = await cookieFor(world.other.consultant.userId);
    const attention = async () =>
      (
        (await callRoute(portalHome.loader, makeRequest("/portal", { cookie: c }))).data as { attention: string[] }
      ).attention // Catalog keys, read here in English.
        .map((key) => inEnglish(key));
    expect(await attention()).toEqual([]);
    const fundraising = purposeOf(world.other.org.id, "fundraising");
    receiptId(
      await decide({ purposeId: fundraising.id, decision: "granted", expiresOn: isoDay(addDays(new Date(), 10)) }, c),
    );
    expect(await attention()).toEqual(["A yes you gave will end soon."]);
  });
});
