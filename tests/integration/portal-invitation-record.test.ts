// A consultant's portal invitation as staff see and handle it on the record: when it was made and
// runs out, revoking it, and a new link that replaces the old one. Through the route, as the page
// sends it, against this file's own copy of the migrated database.
import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, consultants, emailOutbox, invitations, type ContactSafety } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { setEmailSenderForTests } from "../../app/utils/email.server";
import { INVITATION_VALID_DAYS } from "../../app/models/invitation/send.server";
import { lookUpInvitation } from "../../app/models/invitation/accept.server";
import * as recordRoute from "../../app/routes/_staff.consultants.$id._index";
import { cookieFor, createConsultantRecord, createMember, createOrganization } from "../support/factories";
import { callRoute, makeRequest } from "../support/http";
import { inEnglishData } from "../support/messages";

const DAY_MS = 24 * 60 * 60_000;
const org = createOrganization();
const otherOrg = createOrganization();
let staff: Awaited<ReturnType<typeof createMember>>;
let staffCookie: string;
let otherStaffCookie: string;

beforeAll(async () => {
  staff = await createMember({ organizationId: org.id, role: "staff" });
  staffCookie = await cookieFor(staff.userId);
  otherStaffCookie = await cookieFor((await createMember({ organizationId: otherOrg.id, role: "staff" })).userId);
});
// No email provider: messages stay in the outbox, where the tests read them.
beforeEach(() => setEmailSenderForTests(null));
afterEach(() => setEmailSenderForTests(undefined));

let emailCount = 0;
function consultant(
  emailSafety: ContactSafety,
  email: string | null = `portal-${++emailCount}-${Date.now()}@example.test`,
) {
  return createConsultantRecord(org.id, { email, emailSafety });
}

type Shown = { invitation: { link: string; replaced: boolean } | null; result: { error?: Record<string, string[]> } };
type Page = { portalInvitation: { id: string; createdAt: Date; expiresAt: Date } | null };

function post(consultantId: string, form: Record<string, string>, cookie = staffCookie) {
  return callRoute(recordRoute.action, makeRequest(`/consultants/${consultantId}`, { form, cookie }), {
    id: consultantId,
  });
}

async function open(consultantId: string) {
  const page = await callRoute(
    recordRoute.loader,
    makeRequest(`/consultants/${consultantId}`, { cookie: staffCookie }),
    {
      id: consultantId,
    },
  );
  expect(page.status).toBe(200);
  return (page.data as Page).portalInvitation;
}

/** "Invite to the portal" or "Make a new link" for a consultant whose email is not safe: the link shown once. */
async function linkFor(consultantId: string) {
  const result = await post(consultantId, { intent: "invite-portal" });
  expect(result.status).toBe(200);
  return (result.data as Shown).invitation!;
}

const tokenOf = (link: string) => new URL(link).pathname.split("/").pop()!;

function auditFor(invitationId: string) {
  return db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.subjectId, invitationId))
    .orderBy(sql`rowid`)
    .all()
    .map((e) => ({ action: e.action, actorUserId: e.actorUserId, changedFields: e.changedFields }));
}

function invitationIdOf(token: string) {
  const found = lookUpInvitation(token);
  if (found.state !== "valid") throw new Error("Expected an invitation that works.");
  return found.invitationId;
}

describe("a pending invitation on the consultant's record", () => {
  it("shows when it was made and when it runs out, and nothing once it is accepted, revoked or expired", async () => {
    const record = consultant("not_safe");
    expect(await open(record.id)).toBeNull();
    const before = Date.now();
    const shown = await linkFor(record.id);
    expect(shown.replaced).toBe(false);
    const pending = await open(record.id);
    expect(pending!.id).toBe(invitationIdOf(tokenOf(shown.link)));
    expect(pending!.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(pending!.expiresAt.getTime() - pending!.createdAt.getTime()).toBeGreaterThanOrEqual(
      INVITATION_VALID_DAYS * DAY_MS - 1_000,
    );

    db.update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(invitations.id, pending!.id))
      .run();
    expect(await open(record.id)).toBeNull();
  });

  it("revoking it stops the link and is audited", async () => {
    const record = consultant("not_safe");
    const token = tokenOf((await linkFor(record.id)).link);
    const invitationId = invitationIdOf(token);

    const result = await post(record.id, { intent: "revoke-invitation", invitationId });
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/consultants/${record.id}?done=revoked`);
    expect(lookUpInvitation(token)).toEqual({ state: "expired" });
    expect(await open(record.id)).toBeNull();
    expect(auditFor(invitationId)).toEqual([
      { action: "invitation.created", actorUserId: staff.userId, changedFields: ["email", "role", "consultantId"] },
      { action: "invitation.revoked", actorUserId: staff.userId, changedFields: ["revokedAt"] },
    ]);

    // Twice is not found: there is nothing left to revoke.
    expect((await post(record.id, { intent: "revoke-invitation", invitationId })).status).toBe(404);
  });

  it("a new link replaces the old one, which stops working; both steps are audited", async () => {
    const record = consultant("ask_first");
    const first = await linkFor(record.id);
    const firstId = invitationIdOf(tokenOf(first.link));
    const second = await linkFor(record.id);
    expect(second.replaced).toBe(true);
    expect(second.link).not.toBe(first.link);
    expect(lookUpInvitation(tokenOf(first.link))).toEqual({ state: "expired" });
    expect(lookUpInvitation(tokenOf(second.link)).state).toBe("valid");
    expect((await open(record.id))!.id).toBe(invitationIdOf(tokenOf(second.link)));
    expect(auditFor(firstId).map((e) => e.action)).toEqual(["invitation.created", "invitation.revoked"]);
    expect(auditFor(firstId)[1]!.actorUserId).toBe(staff.userId);
  });

  it("when email is safe, the new link is emailed and the page says the old one stopped", async () => {
    const record = consultant("safe");
    const first = await post(record.id, { intent: "invite-portal" });
    expect(first.location).toBe(`/consultants/${record.id}?done=invited`);
    const firstId = (await open(record.id))!.id;
    const again = await post(record.id, { intent: "invite-portal" });
    expect(again.location).toBe(`/consultants/${record.id}?done=reinvited`);
    expect(db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, record.email!)).all()).toHaveLength(2);
    const revoked = db.select().from(invitations).where(eq(invitations.id, firstId)).get()!;
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect((await open(record.id))!.id).not.toBe(firstId);
  });

  it("a new link also ends the one sent to an address the record no longer has", async () => {
    const record = consultant("not_safe");
    const old = tokenOf((await linkFor(record.id)).link);
    db.update(consultants)
      .set({ email: `changed-${Date.now()}@example.test` })
      .where(eq(consultants.id, record.id))
      .run();
    const fresh = await linkFor(record.id);
    expect(fresh.replaced).toBe(true);
    expect(lookUpInvitation(old)).toEqual({ state: "expired" });
  });

  it("revokes only this consultant's invitation, and nothing of another organization", async () => {
    const mine = consultant("not_safe");
    const someoneElse = consultant("not_safe");
    const theirToken = tokenOf((await linkFor(someoneElse.id)).link);
    const theirId = invitationIdOf(theirToken);

    // Another consultant's invitation, through this consultant's record.
    expect((await post(mine.id, { intent: "revoke-invitation", invitationId: theirId })).status).toBe(404);
    // This organization's consultant, by staff of another organization.
    const foreign = await post(
      someoneElse.id,
      { intent: "revoke-invitation", invitationId: theirId },
      otherStaffCookie,
    );
    expect(foreign.status).toBe(404);
    expect(lookUpInvitation(theirToken).state).toBe("valid");
    expect(
      db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.subjectId, theirId), eq(auditEvents.action, "invitation.revoked")))
        .all(),
    ).toHaveLength(0);
  });

  it("without an email address, says so up front: it is needed even when email is not safe", async () => {
    const record = consultant("not_safe", null);
    const result = await post(record.id, { intent: "invite-portal" });
    expect(result.status).toBe(400);
    expect(inEnglishData(result.data as Shown).result.error?.[""]?.join(" ")).toContain("even when email is not safe");
    expect(await open(record.id)).toBeNull();
  });
});
