// The language of a person's account: chosen on the staff account page, remembered on the browser at
// sign-in, kept from the invitation page for a new account, and followed by the staff pages.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emailOutbox, users } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { setEmailSenderForTests } from "../../app/utils/email.server";
import { inviteConsultantToPortal, inviteMember } from "../../app/models/invitation/send.server";
import { setOwnLanguage } from "../../app/models/language.server";
import { translator } from "../../app/i18n/translate.server";
import { forgetLanguage, rememberLanguage, requestLanguage } from "../../app/i18n/i18n.server";
import { translateMessage } from "../../app/i18n/message";
import { LoginSchema } from "../../app/utils/account-schema";
import * as accountLanguageRoute from "../../app/routes/_staff.account.language";
import * as staffLayoutRoute from "../../app/routes/_staff";
import * as inviteRoute from "../../app/routes/invite.$token";
import * as loginRoute from "../../app/routes/login";
import {
  cookieFor,
  createConsultantRecord,
  createMember,
  createOrganization,
  TEST_PASSWORD,
} from "../support/factories";
import { callRoute, makeRequest } from "../support/http";

const org = createOrganization();
const NEW_PASSWORD = "a long enough passphrase";

let ipCount = 0;
const nextIp = () => `198.19.${Math.floor(++ipCount / 250)}.${(ipCount % 250) + 1}`;

const languageOf = (userId: string) =>
  db.select({ language: users.preferredLanguage }).from(users).where(eq(users.id, userId)).get()?.language;

/** The `lang` cookie a response sets: its value, "" when it is cleared, undefined when not set at all. */
function langCookie(headers: Headers) {
  const cookie = headers.getSetCookie().find((c) => c.startsWith("lang="));
  if (cookie === undefined) return undefined;
  if (/Max-Age=0/i.test(cookie)) return "";
  return cookie.split(";")[0]!.slice("lang=".length);
}

function chooseLanguage(cookie: string, language: string) {
  return callRoute(
    accountLanguageRoute.action,
    makeRequest("/account/language", { cookie, form: { intent: "language", language } }),
  );
}

beforeEach(() => setEmailSenderForTests(null));
afterEach(() => setEmailSenderForTests(undefined));

describe("the language cookie", () => {
  const pageLanguage = (cookie: string) => requestLanguage(makeRequest("/login", { cookie }));

  it("is plain text, so a browser (or a test) can set it by hand", async () => {
    const remembered = rememberLanguage("es");
    expect(remembered).toMatch(/^lang=es;/);
    expect(remembered).toMatch(/Max-Age=31536000/);
    expect(remembered).toMatch(/HttpOnly/);
    expect(remembered).toMatch(/SameSite=Lax/);
    expect(remembered).toMatch(/Path=\//);
    expect(forgetLanguage()).toMatch(/^lang=;.*Max-Age=0/);
    expect(await pageLanguage("other=1; lang=es")).toBe("es");
  });

  it("ignores anything that is not an offered language", async () => {
    for (const value of ["fr", "<script>", "", "e s", "ImZyIg=="])
      expect(await pageLanguage(`lang=${value}`), value).toBe("en");
  });
});

describe("the staff account's language", () => {
  it("saves the choice, remembers it on this browser and shows it on the account page", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const cookie = await cookieFor(staff.userId);

    const result = await chooseLanguage(cookie, "es");
    expect(result.location).toBe("/account/language?done=1");
    expect(languageOf(staff.userId)).toBe("es");
    expect(langCookie(result.headers)).toBe("es");

    const page = await callRoute(accountLanguageRoute.loader, makeRequest("/account/language", { cookie }));
    expect((page.data as { preferredLanguage: string | null }).preferredLanguage).toBe("es");
    // The staff pages follow it, over what the browser asks for.
    const shell = await callRoute(
      staffLayoutRoute.loader,
      makeRequest("/dashboard", { cookie, headers: { "Accept-Language": "en-US" } }),
    );
    expect((shell.data as { language: string }).language).toBe("es");
  });

  it("'The same as my browser' forgets the choice, on the account and on this browser", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    setOwnLanguage(staff.userId, "es");
    const cookie = await cookieFor(staff.userId);

    const result = await chooseLanguage(cookie, "");
    expect(result.location).toBe("/account/language?done=1");
    expect(languageOf(staff.userId)).toBeNull();
    expect(langCookie(result.headers)).toBe("");

    const shell = await callRoute(
      staffLayoutRoute.loader,
      makeRequest("/dashboard", { cookie, headers: { "Accept-Language": "es-MX,es;q=0.9" } }),
    );
    expect((shell.data as { language: string }).language).toBe("es");
  });

  it("refuses a language the app does not offer, and changes nothing", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    setOwnLanguage(staff.userId, "es");
    const cookie = await cookieFor(staff.userId);
    for (const language of ["fr", "x".repeat(40), "en-XA"]) {
      const result = await chooseLanguage(cookie, language);
      expect(result.status, language).toBe(400);
      // The refusal sits next to the field, and what was sent is kept for the form.
      const reply = (result.data as { languageReply: { error: Record<string, string[]> } }).languageReply;
      expect(reply.error.language, language).toEqual(["common:language.choose"]);
      expect(langCookie(result.headers), language).toBeUndefined();
    }
    expect(languageOf(staff.userId)).toBe("es");
  });

  it("is not for consultants, whose language is on their portal profile", async () => {
    const consultant = await createMember({ organizationId: org.id, role: "consultant" });
    const result = await chooseLanguage(await cookieFor(consultant.userId), "es");
    expect(result.status).toBe(403);
    expect(languageOf(consultant.userId)).toBeNull();
  });

  it("a person with no saved language follows the switch's cookie on the staff pages", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const cookie = `${await cookieFor(staff.userId)}; lang=es`;
    const shell = await callRoute(staffLayoutRoute.loader, makeRequest("/dashboard", { cookie }));
    expect((shell.data as { language: string }).language).toBe("es");
  });
});

describe("signing in", () => {
  const signIn = (email: string, headers: Record<string, string> = {}) =>
    callRoute(
      loginRoute.action,
      makeRequest("/login", { form: { email, password: TEST_PASSWORD }, headers }),
      {},
      { clientIp: nextIp() },
    );

  it("remembers a saved language on this browser", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    setOwnLanguage(staff.userId, "es");
    const result = await signIn(staff.email);
    expect(result.location).toBe("/dashboard");
    expect(langCookie(result.headers)).toBe("es");
  });

  it("leaves the browser's language alone for a person with none saved", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const result = await signIn(staff.email, { Cookie: "lang=es" });
    expect(result.location).toBe("/dashboard");
    expect(langCookie(result.headers)).toBeUndefined();
  });

  it("says a wrong password in the page's language", async () => {
    const staff = await createMember({ organizationId: org.id, role: "staff" });
    const result = await callRoute(
      loginRoute.action,
      makeRequest("/login", { form: { email: staff.email, password: "not the password" } }),
      {},
      { clientIp: nextIp() },
    );
    const [refusal] = (result.data as { error: Record<string, string[]> }).error[""]!;
    expect(translateMessage(translator("es"), refusal!)).toBe(
      "Ese correo y esa contraseña no coinciden. Revíselos e inténtelo de nuevo.",
    );
    const parsed = LoginSchema.safeParse({ email: staff.email, password: "" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toBe("auth:forms.enterPassword");
    expect(translateMessage(translator("es"), parsed.error!.issues[0]!.message)).toBe("Escriba su contraseña.");
  });
});

describe("accepting an invitation", () => {
  const outboxFor = (email: string) => db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)).all();

  async function invite(email: string) {
    const admin = await createMember({ organizationId: org.id, role: "admin" });
    await inviteMember({ organizationId: org.id, invitedByUserId: admin.userId, email, role: "staff" });
    return /\/invite\/([\w-]+)/.exec(outboxFor(email)[0]!.text)![1]!;
  }

  function answer(token: string, cookie?: string) {
    return callRoute(
      inviteRoute.action,
      makeRequest(`/invite/${token}`, {
        cookie,
        form: { intent: "create", preferredName: "Alex", password: NEW_PASSWORD, confirm: NEW_PASSWORD },
      }),
      { token },
      { clientIp: nextIp() },
    );
  }

  const userIdOf = (email: string) => db.select().from(users).where(eq(users.email, email)).get()!.id;

  it("keeps the language the page was read in as the new account's own", async () => {
    const email = `es-${randomUUID().slice(0, 8)}@example.test`;
    const result = await answer(await invite(email), "lang=es");
    expect(result.location).toBe("/login");
    expect(languageOf(userIdOf(email))).toBe("es");
  });

  it("a consultant's new account keeps it too, and their record shows it to staff", async () => {
    const admin = await createMember({ organizationId: org.id, role: "admin" });
    const email = `c-${randomUUID().slice(0, 8)}@example.test`;
    const record = createConsultantRecord(org.id, { email, emailSafety: "not_safe" });
    const sent = await inviteConsultantToPortal({
      organizationId: org.id,
      consultantId: record.id,
      invitedByUserId: admin.userId,
    });
    expect(sent.delivery).toBe("link");
    const token = (sent as { link: string }).link.split("/invite/")[1]!;
    await answer(token, "lang=es");
    expect(languageOf(userIdOf(email))).toBe("es");
  });
});
