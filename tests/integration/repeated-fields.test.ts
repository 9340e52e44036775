// A field that takes one value, sent more than once by a tampered form, is refused with nothing
// written. It is never quietly read as its first copy (FormData.get) or its last (Object.fromEntries):
// a check made on one copy must not let the other through.
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { erasureRequests, organizationSettings, sessions } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import * as staffSessionsRoute from "../../app/routes/_staff.account.sessions";
import * as portalSessionsRoute from "../../app/routes/portal.sessions";
import * as securityRoute from "../../app/routes/_staff.settings.security";
import * as deleteRoute from "../../app/routes/portal.my-data.delete";
import { REPO_ROOT } from "../setup/paths";
import { cookieFor } from "../support/factories";
import { changedTables, snapshot } from "../support/db-snapshot";
import { callRoute, makeRequest, type RouteResult } from "../support/http";
import { ACTION_FORMS, createRouteWorld, formFor, targetOf, type FormContext } from "../support/route-forms";

const { world, fixtures } = await createRouteWorld();
const own: FormContext = { side: world.own, fx: fixtures.own };

/** Every session id: the snapshot leaves sessions out (their expiry slides on use), but a sign-out ends them. */
const sessionIds = () =>
  db
    .select({ id: sessions.id })
    .from(sessions)
    .all()
    .map((s) => s.id)
    .sort();

/** Sends the form and checks it was refused with a 400 and that nothing at all was written. */
async function expectRefusedUnwritten(send: () => Promise<RouteResult>) {
  const before = snapshot();
  const sessionsBefore = sessionIds();
  const result = await send();
  expect(result.status, JSON.stringify(result.data).slice(0, 300)).toBe(400);
  expect(changedTables(before, snapshot()), "written on refusal").toEqual([]);
  expect(sessionIds(), "a session was ended").toEqual(sessionsBefore);
  return result;
}

/** Both orders, so neither a first-value nor a last-value reader gets the real choice. */
const bothOrders = (real: string, other: string) => [
  [real, other],
  [other, real],
];

describe("a one-value field sent twice is refused, with nothing written", () => {
  for (const [route, path, who] of [
    [staffSessionsRoute, "/account/sessions", "staff"],
    [portalSessionsRoute, "/portal/sessions", "consultant"],
  ] as const) {
    it(`${path}: intent`, async () => {
      const userId = world.own[who].userId;
      const cookie = await cookieFor(userId);
      await cookieFor(userId); // another device, which "sign out everywhere else" would end
      for (const intent of [...bothOrders("sign-out-others", "sign-out-one"), ["sign-out-others", "sign-out-others"]]) {
        await expectRefusedUnwritten(() =>
          callRoute(route.action, makeRequest(path, { cookie, form: { intent, handle: "0".repeat(64) } })),
        );
      }
    });
  }

  it("/settings/security: requireTwoFactorForStaff", async () => {
    const cookie = await cookieFor(world.own.admin.userId);
    const required = () =>
      db
        .select({ on: organizationSettings.requireTwoFactorForStaff })
        .from(organizationSettings)
        .where(eq(organizationSettings.organizationId, world.own.org.id))
        .get()?.on ?? false;
    expect(required()).toBe(false);
    for (const requireTwoFactorForStaff of bothOrders("on", "off")) {
      await expectRefusedUnwritten(() =>
        callRoute(
          securityRoute.action,
          makeRequest("/settings/security", { cookie, form: { requireTwoFactorForStaff } }),
        ),
      );
    }
    expect(required()).toBe(false);
  });

  it("/portal/my-data/delete: confirm", async () => {
    const cookie = await cookieFor(world.own.consultant.userId);
    for (const confirm of [...bothOrders("yes", "no"), ["yes", "yes"]]) {
      await expectRefusedUnwritten(() =>
        callRoute(deleteRoute.action, makeRequest("/portal/my-data/delete", { cookie, form: { confirm } })),
      );
    }
    expect(db.select().from(erasureRequests).where(eq(erasureRequests.organizationId, world.own.org.id)).all()).toEqual(
      [],
    );
  });
});

// Every route's realistic form, with one of its fields sent twice (the same value both times).
const routeDir = path.join(REPO_ROOT, "app", "routes");
type RouteModule = { action?: unknown };
const modules = new Map<string, RouteModule>(
  await Promise.all(
    fs
      .readdirSync(routeDir)
      .filter((f) => ACTION_FORMS[f])
      .map(async (f) => [f, (await import(path.join(routeDir, f))) as RouteModule] as const),
  ),
);
const cookies = new Map<string, string | undefined>();
beforeAll(async () => {
  for (const role of ["admin", "staff", "consultant"] as const)
    cookies.set(role, await cookieFor(world.own[role].userId));
});

const cases = Object.entries(ACTION_FORMS).flatMap(([file, forms]) =>
  Object.entries(forms.intents)
    // A form refused as it is (no authenticator app, no pending sign-in) says nothing about repeats.
    .filter(([, form]) => !form.refused)
    .flatMap(([intent]) =>
      Object.keys(formFor(forms, intent, own))
        .filter((field) => !forms.lists?.includes(field))
        .map((field) => ({ file, intent, field })),
    ),
);

describe("every action refuses a repeated one-value field", () => {
  it.each(cases)("$file $intent: $field", async ({ file, intent, field }) => {
    const forms = ACTION_FORMS[file]!;
    const form = formFor(forms, intent, own);
    const value = form[field]!;
    const twice = [...(Array.isArray(value) ? value : [value]), ...(Array.isArray(value) ? value : [value])];
    const { path: to, params } = targetOf(forms, intent, own);
    await expectRefusedUnwritten(() =>
      callRoute(
        modules.get(file)!.action,
        makeRequest(to, { cookie: cookies.get(forms.actor), form: { ...form, [field]: twice } }),
        params,
      ),
    );
  });
});

describe("a body that is not a form", () => {
  it("is refused with a 400, with nothing written", async () => {
    const cookie = await cookieFor(world.own.admin.userId);
    for (const [type, body] of [
      ["application/json", JSON.stringify({ requireTwoFactorForStaff: "on" })],
      ["multipart/form-data; boundary=x", "not multipart at all"],
      ["text/plain", "requireTwoFactorForStaff=on"],
    ]) {
      await expectRefusedUnwritten(() =>
        callRoute(
          securityRoute.action,
          new Request("http://localhost/settings/security", {
            method: "POST",
            headers: { Cookie: cookie, "Content-Type": type! },
            body,
          }),
        ),
      );
    }
  });
});
