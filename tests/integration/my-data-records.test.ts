// "My data" holds the consultant's own records from the portal's later features too: the support
// plans of their work, the ideas they sent with their name, their letters of experience and the
// questions they were asked to answer, with their answers where those are linked to them. Ideas
// and answers sent without their name are linked to nobody and never appear, and nothing of another
// consultant's does.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { assessmentInvitations, consultants, experienceLetters } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { openDraftFrom, startAssessment } from "../../app/models/assessment/drafting.server";
import { inviteConsultants } from "../../app/models/assessment/invitations.server";
import { listLatestTemplates } from "../../app/models/assessment/records.server";
import {
  addSupportItem,
  arrangeSupportItem,
  askForSupport,
  supportPlanForStaff,
} from "../../app/models/engagement/support-plan.server";
import { sendIdea } from "../../app/models/program-input/consultant-ideas.server";
import * as portalAssessment from "../../app/routes/portal.assessments.$id";
import * as myDataRoute from "../../app/routes/portal.my-data._index";
import * as myDataJsonRoute from "../../app/routes/portal.my-data[.json]";
import { cookieFor, createEngagementRecord, createTwoOrganizations } from "../support/factories";
import { callRoute, makeRequest } from "../support/http";

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
let world: World;
const cookie = { consultant: "", colleague: "" };
const short = () => randomUUID().slice(0, 8);
// Distinctive words, so a leak anywhere in the page's data or the file is easy to spot.
const NAMED_IDEA = `Pay us before the session, not after (${short()})`;
const ANONYMOUS_IDEA = `Nobody asked us about the venue (${short()})`;
const COLLEAGUE_IDEA = `A colleague's own idea (${short()})`;
const ACCESS_NEEDS = `Step-free entrance, please (${short()})`;
const WORK_TITLE = `Review the outreach leaflet (${short()})`;
const MISSION_ITEMS = ["mission-statement", "leadership-support", "expertise-not-tokens", "story-belongs"];

const own = () => world.own;
const loadPage = (as: string) => callRoute(myDataRoute.loader, makeRequest("/portal/my-data", { cookie: as }));
const loadFile = async (as: string) => {
  const result = await callRoute(myDataJsonRoute.loader, makeRequest("/portal/my-data.json", { cookie: as }));
  expect(result.status).toBe(200);
  return { text: result.data as string, data: JSON.parse(result.data as string) as MyData };
};

type MyData = {
  supportPlans: {
    title: string;
    items: { kind: string; status: string; source: string; details: string | null; arrangement: string | null }[];
  }[];
  ideas: { summary: string; kind: string }[];
  letters: { status: string; issuedOn: string | null; revokedAt: string | null; signerName: string | null }[];
  assessments: {
    paid: boolean;
    answered: boolean;
    answeredWithName: boolean | null;
    answers: { statement: string; answer: string | null; notApplicable: boolean }[];
  }[];
};

/** A readiness check-in the organization asks its consultant to answer; returns the invitation's id. */
async function askToAnswer(consultantId: string) {
  const templateId = listLatestTemplates().find((t) => t.key === "survivor-informed-readiness")!.id;
  const assessmentId = startAssessment({
    organizationId: own().org.id,
    actorUserId: own().staff.userId,
    templateId,
    title: `Check-in ${short()}`,
    creationKey: randomUUID(),
    alongsideDraftId: openDraftFrom(own().org.id, templateId)?.id,
  });
  await inviteConsultants({
    organizationId: own().org.id,
    actorUserId: own().staff.userId,
    assessmentId,
    consultantIds: [consultantId],
    paid: null,
  });
  return db
    .select({ id: assessmentInvitations.id })
    .from(assessmentInvitations)
    .where(
      and(eq(assessmentInvitations.assessmentId, assessmentId), eq(assessmentInvitations.consultantId, consultantId)),
    )
    .get()!.id;
}

/** The consultant answers the first section in the portal, as its form posts, and sends it or not. */
async function answerInPortal(invitationId: string, answerAs: "named" | "anonymous", send: boolean, as: string) {
  const post = (form: Record<string, string>) =>
    callRoute(portalAssessment.action, makeRequest(`/portal/assessments/${invitationId}`, { cookie: as, form }), {
      id: invitationId,
    });
  expect((await post({ intent: "begin", answerAs })).status).toBe(302);
  // "Started" for the first three statements, "Does not apply" for the fourth.
  const form = Object.fromEntries(MISSION_ITEMS.map((key, i) => [`item.${key}`, i < 3 ? "1" : "na"]));
  const result = await post({ intent: send ? "send" : "save", section: "mission", ...form });
  expect(result.status, JSON.stringify(result.data)).toBe(302);
}

beforeAll(async () => {
  world = await createTwoOrganizations();
  cookie.consultant = await cookieFor(own().consultant.userId);
  cookie.colleague = await cookieFor(own().otherConsultant.userId);
  const consultantId = own().consultant.consultantId;
  // Only active consultants are asked to answer questions.
  db.update(consultants).set({ status: "active" }).where(eq(consultants.id, consultantId)).run();

  // Support: asked for by the consultant (one still waiting, one arranged), and one staff added.
  const work = createEngagementRecord(own().org.id, consultantId, own().programId, { title: WORK_TITLE }).id;
  const mine = { organizationId: own().org.id, userId: own().consultant.userId, engagementId: work };
  askForSupport({
    ...mine,
    requests: [{ kind: "access_needs", details: ACCESS_NEEDS }, { kind: "transport" }],
  });
  const staff = { organizationId: own().org.id, actorUserId: own().staff.userId, engagementId: work };
  addSupportItem({ ...staff, kind: "debrief" });
  const transport = supportPlanForStaff({
    organizationId: own().org.id,
    engagementId: work,
    viewerUserId: own().staff.userId,
  }).items.find((i) => i.kind === "transport")!;
  arrangeSupportItem({ ...staff, itemId: transport.id, arrangement: "A taxi both ways" });

  // Ideas: one with their name, one without; and a colleague's.
  const idea = (who: "consultant" | "otherConsultant", summary: string, anonymous: boolean) =>
    sendIdea({
      organizationId: own().org.id,
      consultantId: own()[who].consultantId,
      userId: own()[who].userId,
      kind: "idea",
      programId: null,
      summary,
      anonymous,
      creationKey: randomUUID(),
    });
  idea("consultant", NAMED_IDEA, false);
  idea("consultant", ANONYMOUS_IDEA, true);
  idea("otherConsultant", COLLEAGUE_IDEA, false);

  // Letters: one signed and still valid, one signed and withdrawn, one taken back before signing.
  const letter = (values: Partial<typeof experienceLetters.$inferInsert>) =>
    db
      .insert(experienceLetters)
      .values({ organizationId: own().org.id, consultantId, ...values })
      .run();
  letter({
    status: "issued",
    requestedAt: new Date("2026-02-20T15:00:00Z"),
    issuedOn: "2026-03-02",
    signerName: "Dana Díaz",
    signerTitle: "Program Director",
  });
  letter({
    status: "revoked",
    requestedAt: new Date("2025-04-20T15:00:00Z"),
    issuedOn: "2025-05-06",
    signerName: "Dana Díaz",
    signerTitle: "Program Director",
    revokedAt: new Date("2026-01-10T15:00:00Z"),
    revokeReason: "Signed with the wrong title",
  });
  letter({ status: "withdrawn", withdrawnAt: new Date() });

  // Questions: answered with their name, answered without it, and started but not sent.
  await answerInPortal(await askToAnswer(consultantId), "named", true, cookie.consultant);
  await answerInPortal(await askToAnswer(consultantId), "anonymous", true, cookie.consultant);
  await answerInPortal(await askToAnswer(consultantId), "named", false, cookie.consultant);
});

describe("my data, from the portal's later features", () => {
  it("holds each support plan of their work: what was asked for, by whom, their own words and the answer", async () => {
    const { data } = await loadFile(cookie.consultant);
    expect(data.supportPlans).toEqual([
      {
        title: WORK_TITLE,
        titleLanguage: "en",
        items: [
          expect.objectContaining({
            kind: "transport",
            status: "arranged",
            source: "consultant",
            arrangement: "A taxi both ways",
          }),
          expect.objectContaining({
            kind: "access_needs",
            status: "requested",
            source: "consultant",
            details: ACCESS_NEEDS,
          }),
          expect.objectContaining({ kind: "debrief", status: "requested", source: "staff", details: null }),
        ],
      },
    ]);
    const transport = data.supportPlans[0]!.items[0] as unknown as { askedAt: string; answeredAt: string | null };
    expect(transport.answeredAt).not.toBeNull();
  });

  it("holds the ideas sent with their name, never one sent without it, nor a colleague's", async () => {
    const { data, text } = await loadFile(cookie.consultant);
    expect(data.ideas.map((i) => i.summary)).toEqual([NAMED_IDEA]);
    expect(text).not.toContain(ANONYMOUS_IDEA);
    expect(text).not.toContain(COLLEAGUE_IDEA);
    const page = JSON.stringify((await loadPage(cookie.consultant)).data);
    expect(page).toContain(NAMED_IDEA);
    expect(page).not.toContain(ANONYMOUS_IDEA);
  });

  it("holds their letters, signed and withdrawn, with their dates; the organization's reason stays with it", async () => {
    const { data, text } = await loadFile(cookie.consultant);
    expect(data.letters).toEqual([
      expect.objectContaining({ status: "issued", issuedOn: "2026-03-02", revokedAt: null, signerName: "Dana Díaz" }),
      expect.objectContaining({ status: "revoked", issuedOn: "2025-05-06", revokedAt: "2026-01-10T15:00:00.000Z" }),
    ]);
    expect(text).not.toContain("Signed with the wrong title");
  });

  it("holds the questions they were asked, with their answers only where the answers are linked to them", async () => {
    const { data } = await loadFile(cookie.consultant);
    const answers = [
      ...["Started", "Started", "Started"].map((answer) => ({ answer, notApplicable: false })),
      { answer: null, notApplicable: true },
    ];
    expect(data.assessments.map(({ answers: given, ...rest }) => ({ ...rest, given: given.length }))).toEqual([
      expect.objectContaining({ paid: false, answered: true, answeredWithName: true, given: 4 }),
      // Sent without their name: linked to nobody, so nothing of the answers is theirs to list.
      expect.objectContaining({ paid: false, answered: true, answeredWithName: false, given: 0 }),
      // Saved, not sent yet: still their own draft.
      expect.objectContaining({ paid: false, answered: false, answeredWithName: null, given: 4 }),
    ]);
    expect(data.assessments[0]!.answers.map(({ answer, notApplicable }) => ({ answer, notApplicable }))).toEqual(
      answers,
    );
    expect(data.assessments[0]!.answers[0]!.statement).toMatch(/mission/i);
  });

  it("the page shows the same records as the file", async () => {
    const result = await loadPage(cookie.consultant);
    expect(result.status).toBe(200);
    const page = result.data as MyData;
    const { data } = await loadFile(cookie.consultant);
    expect(page.supportPlans).toHaveLength(data.supportPlans.length);
    expect(page.letters).toHaveLength(2);
    expect(page.assessments).toHaveLength(3);
  });

  it("a colleague's my data has none of it", async () => {
    const { data, text } = await loadFile(cookie.colleague);
    expect(data.supportPlans).toEqual([]);
    expect(data.ideas.map((i) => i.summary)).toEqual([COLLEAGUE_IDEA]);
    expect(data.letters).toEqual([]);
    expect(data.assessments).toEqual([]);
    for (const word of [WORK_TITLE, ACCESS_NEEDS, NAMED_IDEA, ANONYMOUS_IDEA, "Dana Díaz"]) {
      expect(text).not.toContain(word);
    }
  });
});
