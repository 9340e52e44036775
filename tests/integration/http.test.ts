// The real server build behind the real HTTP server (scripts/server.mjs), in production mode.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../setup/paths";

process.env.NODE_ENV = "production";
const { createApp } = (await import(pathToFileURL(path.join(REPO_ROOT, "scripts", "server.mjs")).href)) as {
  createApp: (build: unknown, mode?: string) => { listen: (port: number, cb: () => void) => Server };
};
const build = await import(pathToFileURL(path.join(REPO_ROOT, "build", "index.js")).href);
const { createMember, createOrganization, TEST_PASSWORD } = await import("../support/factories");

let server: Server;
let base: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server = createApp(build, "production").listen(0, resolve);
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const form = (values: Record<string, string>) => new URLSearchParams(values);

/** Signs a new member in through the real login form, as a browser on this site would. */
async function signInOverHttp(role: "staff" | "consultant") {
  const member = await createMember({ organizationId: createOrganization().id, role });
  return fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: form({ email: member.email, password: TEST_PASSWORD }),
  });
}

describe("security headers", () => {
  it("every document has a nonce-based CSP and the baseline headers", async () => {
    const response = await fetch(`${base}/login`);
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    const html = await response.text();
    // Every inline script carries the nonce, so the policy can forbid all others.
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  it("uses a fresh nonce for every response", async () => {
    const nonceOf = async () =>
      /'nonce-([^']+)'/.exec((await fetch(`${base}/login`)).headers.get("content-security-policy") ?? "")?.[1];
    expect(await nonceOf()).not.toBe(await nonceOf());
  });

  it("static files get the baseline headers too", async () => {
    const html = await (await fetch(`${base}/login`)).text();
    const css = /href="(\/build\/[^"]+\.css)"/.exec(html)?.[1];
    expect(css).toBeTruthy();
    const response = await fetch(`${base}${css}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });
});

describe("CSRF", () => {
  it("refuses a POST from another site's page", async () => {
    const response = await fetch(`${base}/login`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: form({ email: "a@b.test", password: "x" }),
    });
    expect(response.status).toBe(403);
  });

  it("refuses a POST the browser marks as cross-site", async () => {
    const response = await fetch(`${base}/logout`, { method: "POST", headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(response.status).toBe(403);
  });

  it("refuses the language switch posted from another site: no one else picks a person's language", async () => {
    const response = await fetch(`${base}/language`, {
      method: "POST",
      redirect: "manual",
      headers: { "Sec-Fetch-Site": "cross-site", "Content-Type": "application/x-www-form-urlencoded" },
      body: form({ language: "es" }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("refuses an opaque origin", async () => {
    const response = await fetch(`${base}/logout`, { method: "POST", headers: { Origin: "null" } });
    expect(response.status).toBe(403);
  });

  it("accepts a same-origin form post and signs in over real HTTP with a Secure cookie", async () => {
    const response = await signInOverHttp("staff");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/dashboard");
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/; Secure/i);
    const dashboard = await fetch(`${base}/dashboard`, { headers: { Cookie: setCookie.split(";")[0]! } });
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain("Dashboard");
  });
});

describe("forms without JavaScript", () => {
  it("a same-origin post with the opaque origin Chromium sends under no-referrer signs in", async () => {
    const member = await createMember({ organizationId: createOrganization().id, role: "staff" });
    const response = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: "null", "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded" },
      body: form({ email: member.email, password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/dashboard");
  });
});

describe("errors in production", () => {
  it("an unknown page is a friendly 404", async () => {
    const response = await fetch(`${base}/no-such-page`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("We could not find that page");
  });

  it("an unknown page answers in the reader's language, without the router's own words", async () => {
    const response = await fetch(`${base}/no-such-page`, { headers: { Cookie: "lang=es" } });
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain("No encontramos esa página");
    expect(html).not.toContain("No route matches");
  });

  it("a post to a page without a form shows no words of the router's", async () => {
    const response = await fetch(`${base}/forgot-password/nothing-here`, {
      method: "POST",
      headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
      body: form({ x: "1" }),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await response.text()).not.toMatch(/did not provide an action|No route matches/);
  });

  it("the development outbox does not exist", async () => {
    expect((await fetch(`${base}/dev/outbox`)).status).toBe(404);
  });

  it("a forbidden page says so without detail", async () => {
    const login = await signInOverHttp("consultant");
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    const response = await fetch(`${base}/admin/users`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain("You do not have access to this page");
    expect(html).not.toMatch(/at .*\.(js|ts):\d+/);
  });
});
