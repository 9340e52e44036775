// Which language a consultant is spoken to in. Staff record it on the profile (one of the languages the
// product speaks, or none), saved and audited like the other fields; the consultant chooses their own on
// My profile, which the portal then speaks from the next page on, with or without a cookie.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, consultants, users } from "../../db/schema";
import { ConsultantProfileFields } from "../../app/components/consultant-profile-fields";
import { i18nFor } from "../../app/i18n/translate.server";
import { translateMessage } from "../../app/i18n/message";
import { db } from "../../app/utils/db.server";
import * as newRoute from "../../app/routes/_staff.consultants.new";
import * as editRoute from "../../app/routes/_staff.consultants.$id.edit";
import * as recordRoute from "../../app/routes/_staff.consultants.$id._index";
import * as profileRoute from "../../app/routes/portal.profile";
import * as portalLayout from "../../app/routes/portal";
import { cookieFor, createConsultantRecord, createMember, createOrganization } from "../support/factories";
import { callRoute, makeRequest } from "../support/http";
import { renderIn } from "../support/render";

const short = () => randomUUID().slice(0, 8);
const org = createOrganization(`Harbor ${short()}`);
const staff = await createMember({ organizationId: org.id, role: "staff" });
const staffCookie = await cookieFor(staff.userId);

type Reply = { initialValue?: Record<string, unknown>; error?: Record<string, string[] | null> };

const row = (id: string) => db.select().from(consultants).where(eq(consultants.id, id)).get()!;
const updates = (id: string) =>
  db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, "consultant.updated")))
    .orderBy(sql`rowid`)
    .all();

function addConsultant(form: Record<string, string>) {
  return callRoute(
    newRoute.action,
    makeRequest("/consultants/new", {
      cookie: staffCookie,
      form: { preferredName: `Person ${short()}`, creationKey: randomUUID(), ...form },
    }),
  );
}

function editConsultant(id: string, form: Record<string, string>) {
  return callRoute(
    editRoute.action,
    makeRequest(`/consultants/${id}/edit`, {
      cookie: staffCookie,
      form: { preferredName: row(id).preferredName, ...form },
    }),
    { id },
  );
}

const idFrom = (location: string | null) => new URL(location!, "http://localhost").pathname.split("/").pop()!;

describe("the language staff record on a consultant's profile", () => {
  it("is saved as one of the offered languages, audited by name only, and shown on the record", async () => {
    const created = await addConsultant({ preferredLanguage: "es" });
    expect(created.status).toBe(302);
    const id = idFrom(created.location);
    expect(row(id).preferredLanguage).toBe("es");
    const creation = db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, "consultant.created")))
      .get()!;
    expect(creation.changedFields).toContain("preferredLanguage");

    const record = await callRoute(recordRoute.loader, makeRequest(`/consultants/${id}`, { cookie: staffCookie }), {
      id,
    });
    expect((record.data as { consultant: { preferredLanguage: string | null } }).consultant.preferredLanguage).toBe(
      "es",
    );
    const edit = await callRoute(editRoute.loader, makeRequest(`/consultants/${id}/edit`, { cookie: staffCookie }), {
      id,
    });
    expect((edit.data as { defaults: Record<string, unknown> }).defaults.preferredLanguage).toBe("es");
  });

  it("changes, and can be emptied to “Not recorded”; each change is audited as preferredLanguage", async () => {
    const id = createConsultantRecord(org.id, { preferredLanguage: "es" }).id;
    expect((await editConsultant(id, { preferredLanguage: "en" })).status).toBe(302);
    expect(row(id).preferredLanguage).toBe("en");
    expect(updates(id).at(-1)!.changedFields).toEqual(["preferredLanguage"]);

    // The blank choice is "Not recorded".
    expect((await editConsultant(id, { preferredLanguage: "" })).status).toBe(302);
    expect(row(id).preferredLanguage).toBeNull();
    expect(updates(id)).toHaveLength(2);
    expect(updates(id).at(-1)!.changedFields).toEqual(["preferredLanguage"]);
    // The value itself never reaches the audit log.
    expect(JSON.stringify(updates(id))).not.toMatch(/"en"|"es"/);

    // Saving the same language again changes nothing and audits nothing.
    await editConsultant(id, { preferredLanguage: "" });
    expect(updates(id)).toHaveLength(2);
  });

  it.each([["fr"], ["ES"], ["english"], ["<b>es</b>"], ["en-XA"]])(
    "refuses %s next to the field, keeping what was typed, and saves nothing",
    async (sent) => {
      const id = createConsultantRecord(org.id, { preferredLanguage: "es", pronouns: "she/her" }).id;
      const before = row(id);
      const result = await editConsultant(id, { preferredLanguage: sent, pronouns: "they/them" });
      expect(result.status).toBe(400);
      const reply = result.data as Reply;
      expect(reply.error?.preferredLanguage).toEqual(["common:consultantRules.preferredLanguage"]);
      expect(reply.initialValue?.pronouns).toBe("they/them");
      expect(row(id)).toEqual(before);
      expect(updates(id)).toHaveLength(0);

      const created = await addConsultant({ preferredLanguage: sent });
      expect(created.status).toBe(400);
      expect((created.data as Reply).error?.preferredLanguage).toEqual(["common:consultantRules.preferredLanguage"]);
    },
  );

  it("says what to do in the reader's language, on the line under the select", () => {
    const meta = (name: string, errors?: string[]) => ({
      id: name,
      name,
      errorId: `${name}-error`,
      descriptionId: `${name}-help`,
      errors,
    });
    const names = [
      "preferredName",
      "pronouns",
      "email",
      "phone",
      "preferredChannel",
      "emailSafety",
      "phoneSafety",
      "textSafety",
      "mailSafety",
      "languages",
      "location",
      "availability",
      "accessNeeds",
      "interpreterLanguage",
      "needsChildcare",
      "needsTransport",
      "supportPerson",
      "paymentMethod",
      "wantsBenefitsNote",
    ] as const;
    const fields = {
      ...(Object.fromEntries(names.map((n) => [n, meta(n)])) as Record<
        (typeof names)[number],
        ReturnType<typeof meta>
      >),
      preferredLanguage: meta("preferredLanguage", ["common:consultantRules.preferredLanguage"]),
    };
    const errorLine = (html: string) => html.match(/<p id="preferredLanguage-error"[^>]*>(.*?)<\/p>/)?.[1];
    const spanish = renderIn(<ConsultantProfileFields fields={fields} audience="staff" />, "es");
    expect(errorLine(spanish)).toBe("Elija un idioma de la lista, o “Sin registrar”.");
    expect(spanish).toMatch(/<option value=""[^>]*>Sin registrar<\/option>/);
    expect(spanish).toContain('<option value="es">Español</option>');
    expect(spanish).toMatch(/aria-describedby="preferredLanguage-help preferredLanguage-error"/);
    const english = renderIn(<ConsultantProfileFields fields={fields} audience="staff" />, "en");
    expect(errorLine(english)).toBe("Choose a language from the list, or “Not recorded”.");
    expect(translateMessage(i18nFor("es").t, "common:consultantRules.preferredLanguage")).toBe(
      "Elija un idioma de la lista, o “Sin registrar”.",
    );
    // The portal's own profile form has no such field: a consultant chooses their language apart.
    expect(renderIn(<ConsultantProfileFields fields={fields} audience="self" />)).not.toContain(
      'name="preferredLanguage"',
    );
  });
});

describe("a consultant's own language, on My profile", () => {
  async function consultant() {
    const member = await createMember({ organizationId: org.id, role: "consultant" });
    const record = createConsultantRecord(org.id, { userId: member.userId, email: member.email });
    return { userId: member.userId, consultantId: record.id, cookie: await cookieFor(member.userId) };
  }
  const choose = (cookie: string, language: string) =>
    callRoute(profileRoute.action, makeRequest("/portal/profile", { cookie, form: { intent: "language", language } }));
  const user = (id: string) => db.select().from(users).where(eq(users.id, id)).get()!;
  const pageLanguage = async (cookie: string, headers: Record<string, string> = {}) =>
    ((await callRoute(portalLayout.loader, makeRequest("/portal", { cookie, headers }))).data as { language: string })
      .language;

  it("is saved on their account and their record, remembered on the browser, and the portal speaks it", async () => {
    const me = await consultant();
    expect(await pageLanguage(me.cookie)).toBe("en");

    const saved = await choose(me.cookie, "es");
    expect(saved.status).toBe(302);
    expect(saved.location).toBe("/portal/profile?done=language");
    expect(saved.headers.get("Set-Cookie")).toMatch(/^lang=/);
    expect(user(me.userId).preferredLanguage).toBe("es");
    expect(row(me.consultantId).preferredLanguage).toBe("es");
    // No cookie, an English browser: their own choice wins.
    expect(await pageLanguage(me.cookie, { "Accept-Language": "en-US" })).toBe("es");
    const page = await callRoute(profileRoute.loader, makeRequest("/portal/profile", { cookie: me.cookie }));
    expect((page.data as { ownLanguage: string }).ownLanguage).toBe("es");
  });

  it("“The same as my browser” forgets the choice and the cookie, and the browser's language counts again", async () => {
    const me = await consultant();
    await choose(me.cookie, "es");
    const cleared = await choose(me.cookie, "");
    expect(cleared.status).toBe(302);
    expect(cleared.headers.get("Set-Cookie")).toMatch(/^lang=;.*Max-Age=0/i);
    expect(user(me.userId).preferredLanguage).toBeNull();
    expect(await pageLanguage(me.cookie, { "Accept-Language": "en-US" })).toBe("en");
    expect(await pageLanguage(me.cookie, { "Accept-Language": "es-MX,es;q=0.9" })).toBe("es");
  });

  it.each([["fr"], ["en-XA"], ["<script>"]])("refuses %s next to the field and changes nothing", async (sent) => {
    const me = await consultant();
    const result = await choose(me.cookie, sent);
    expect(result.status).toBe(400);
    expect(result.headers.get("Set-Cookie")).toBeNull();
    expect((result.data as { languageReply: Reply }).languageReply.error?.language).toEqual(["common:language.choose"]);
    expect(user(me.userId).preferredLanguage).toBeNull();
  });

  it("staff cannot use it", async () => {
    const result = await choose(staffCookie, "es");
    expect(result.status).toBe(403);
    expect(user(staff.userId).preferredLanguage).toBeNull();
  });
});
