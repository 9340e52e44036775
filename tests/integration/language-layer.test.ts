// How a request's language is chosen, what the switch remembers, the catalogs the browser fetches, and
// the formats and messages that follow the reader's language.
import { describe, expect, it } from "vitest";
import { catalogVersion } from "../../app/i18n/resources.server";
import { languageFor, requestLanguage } from "../../app/i18n/i18n.server";
import { message, readMessage, translateMessage } from "../../app/i18n/message";
import { translator } from "../../app/i18n/translate.server";
import { RuleError, NotFoundError } from "../../app/models/errors";
import { action as switchLanguage } from "../../app/routes/language";
import { action as logout } from "../../app/routes/logout";
import { action as quickExit } from "../../app/routes/quick-exit";
import { loader as catalog } from "../../app/routes/locales.$language.$namespace";
import { loader as root } from "../../app/root";
import { formatDate, formattersFor } from "../../app/utils/format";
import { formatCents, formatHours } from "../../app/utils/money";
import { callRoute, makeRequest } from "../support/http";

describe("the language of a request", () => {
  it("is the switch's cookie, else the browser's own language when offered, else English", async () => {
    expect(await requestLanguage(makeRequest("/login"))).toBe("en");
    expect(
      await requestLanguage(makeRequest("/login", { headers: { "Accept-Language": "es-MX,es;q=0.9,en;q=0.5" } })),
    ).toBe("es");
    // What a phone set to Spanish in the United States sends.
    expect(
      await requestLanguage(makeRequest("/login", { headers: { "Accept-Language": "es-US,es;q=0.9,en-US;q=0.8" } })),
    ).toBe("es");
    expect(await requestLanguage(makeRequest("/login", { headers: { "Accept-Language": "de-DE" } }))).toBe("en");
    expect(
      await requestLanguage(makeRequest("/login", { cookie: "lang=en", headers: { "Accept-Language": "es" } })),
    ).toBe("en");
    expect(await requestLanguage(makeRequest("/login", { cookie: "lang=es" }))).toBe("es");
  });

  it("ignores a cookie naming a language the app does not offer", async () => {
    expect(await requestLanguage(makeRequest("/login", { cookie: "lang=xx" }))).toBe("en");
    expect(
      await requestLanguage(makeRequest("/login", { cookie: "lang=<script>", headers: { "Accept-Language": "es" } })),
    ).toBe("es");
  });

  it("is a signed-in person's saved choice over the cookie and the browser", async () => {
    const request = makeRequest("/portal", { cookie: "lang=en", headers: { "Accept-Language": "en" } });
    expect(await languageFor(request, "es")).toBe("es");
    expect(await languageFor(request, null)).toBe("en");
    expect(await languageFor(makeRequest("/portal", { cookie: "lang=es" }), null)).toBe("es");
    expect(await languageFor(makeRequest("/portal", { cookie: "lang=es" }), "xx")).toBe("es");
  });

  it("reaches the root's data, with the catalogs' version", async () => {
    const result = await callRoute(root, makeRequest("/login", { headers: { "Accept-Language": "es" } }));
    expect(result.data).toEqual({ language: "es", catalogVersion });
  });
});

describe("the language switch", () => {
  it("remembers the language in a plain cookie for a year and goes back to the page", async () => {
    const result = await callRoute(
      switchLanguage,
      makeRequest("/language", { form: { language: "es", returnTo: "/forgot-password" } }),
    );
    expect(result.status).toBe(302);
    expect(result.location).toBe("/forgot-password");
    const cookie = result.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^lang=es;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=31536000/);
  });

  it("never sends a person off the site", async () => {
    for (const returnTo of ["https://evil.example/", "//evil.example", "/\\evil.example"]) {
      const result = await callRoute(switchLanguage, makeRequest("/language", { form: { language: "es", returnTo } }));
      expect(result.location, returnTo).toBe("/login");
    }
  });

  it("does not outlive the visit once signed out, and quick exit forgets it at once", async () => {
    const signedOut = await callRoute(logout, makeRequest("/logout", { method: "POST", cookie: "lang=es" }));
    expect(signedOut.status).toBe(302);
    const kept = signedOut.headers.getSetCookie().find((c) => c.startsWith("lang="));
    // The signed-out page is still in Spanish; the cookie goes when the browser closes.
    expect(kept).toMatch(/^lang=es;/);
    expect(kept).not.toMatch(/Max-Age|Expires/i);

    const quick = await callRoute(quickExit, makeRequest("/quick-exit", { method: "POST", cookie: "lang=es" }));
    expect(quick.status).toBe(204);
    expect(quick.headers.getSetCookie().find((c) => c.startsWith("lang="))).toMatch(/^lang=;.*Max-Age=0/);

    const none = await callRoute(logout, makeRequest("/logout", { method: "POST" }));
    expect(none.headers.getSetCookie().find((c) => c.startsWith("lang="))).toMatch(/^lang=;.*Max-Age=0/);
  });

  it("refuses a language the app does not offer, and sets nothing", async () => {
    const refused = await callRoute(switchLanguage, makeRequest("/language", { form: { language: "xx" } }));
    expect(refused.status).toBe(400);
    expect(refused.data).toBe("common:language.choose");
    expect(refused.headers.get("Set-Cookie")).toBeNull();
  });
});

describe("the catalogs the browser fetches", () => {
  it("serves a language's namespace, cached a year only at the current version", async () => {
    const current = await callRoute(catalog, makeRequest(`/locales/es/common?v=${catalogVersion}`), {
      language: "es",
      namespace: "common",
    });
    expect(current.status).toBe(200);
    expect(current.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(JSON.parse(current.data as string).quickExit.button).toBe("Salida rápida");
    const stale = await callRoute(catalog, makeRequest("/locales/es/common?v=old"), {
      language: "es",
      namespace: "common",
    });
    expect(stale.headers.get("Cache-Control")).toBe("no-cache");
  });

  it("has nothing for another language or namespace, nor the server-only email words", async () => {
    for (const params of [
      { language: "xx", namespace: "common" },
      { language: "es", namespace: "nope" },
      { language: "es", namespace: "email" },
      { language: "..", namespace: "common" },
    ]) {
      const result = await callRoute(catalog, makeRequest(`/locales/${params.language}/${params.namespace}`), params);
      expect(result.status, JSON.stringify(params)).toBe(404);
    }
  });
});

describe("formats in the reader's language", () => {
  it("money, hours and days", () => {
    expect(formatCents(30000, "en")).toBe("$300.00");
    expect(formatCents(125050, "es")).toBe("$1,250.50");
    expect(formatHours(150, "en")).toBe("1.5 hours");
    expect(formatHours(100, "es")).toBe("1 hora");
    expect(formatHours(250, "es")).toBe("2.5 horas");
    expect(formatDate("2026-12-07", "en")).toBe("Dec 7, 2026");
    expect(formatDate("2026-12-07", "es")).toBe("7 dic 2026");
  });

  it("a moment in the organization's time zone, with the words of the reader's language", () => {
    const es = formattersFor("America/New_York", "es");
    const moment = Date.UTC(2026, 11, 8, 3, 30); // 22:30 on Dec 7 in New York
    expect(es.date(moment)).toBe("7 dic 2026");
    expect(es.dateTime(moment)).toMatch(/^7 dic 2026, 10:30 p\.\s?m\. EST$/);
    expect(formattersFor("America/New_York", "en").dateTime(moment)).toMatch(/^Dec 7, 2026, 10:30\sPM EST$/);
  });

  it("inside catalog sentences: {{x, money}}, {{x, day}}, {{x, hours}}", () => {
    const es = translator("es") as unknown as (key: string, options: object) => string;
    expect(es("x", { defaultValue: "{{a, money}} · {{d, day}} · {{h, hours}}", a: 5050, d: "2026-01-31", h: 25 })).toBe(
      "$50.50 · 31 ene 2026 · 0.25 horas",
    );
  });
});

describe("messages made before the reader is known", () => {
  it("travel as a key with values and read back the same", () => {
    const text = message("common:errors.notFoundThing", { max: 3, what: "a|b" });
    expect(readMessage(text)).toEqual({ key: "common:errors.notFoundThing", values: { max: 3, what: "a|b" } });
    expect(readMessage("plain words")).toEqual({ key: "plain words" });
  });

  it("carry only flat words and numbers: values never steer the translation", () => {
    const text = `common:validation.tooLong|${JSON.stringify({
      max: 5,
      lng: "es",
      ns: "staff",
      defaultValue: "<b>hi</b>",
      interpolation: { escapeValue: false },
      nested: { a: 1 },
      list: [1],
      "bad name": "x",
      notANumber: null,
    })}`;
    expect(readMessage(text)).toEqual({ key: "common:validation.tooLong", values: { max: 5 } });
    expect(readMessage('common:validation.tooLong|"just text"')).toEqual({
      key: "common:validation.tooLong",
      values: undefined,
    });
    const english = translator("en");
    expect(translateMessage(english, text)).toBe("Use no more than 5 characters.");
  });

  it("a model's refusal carries its key for the page, and English for developers", () => {
    const error = new RuleError("amount", "common:errors.changed");
    expect(error.text).toBe("common:errors.changed");
    expect(error.message).toBe("This record changed in the meantime. Please reload the page.");
    expect(new NotFoundError().message).toBe("We could not find that.");
    expect(translator("es")("errors.notFoundThing")).toBe("No encontramos eso.");
  });
});
