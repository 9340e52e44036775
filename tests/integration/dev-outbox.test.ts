// The development outbox (/dev/outbox): captured emails hold live sign-in links, so the pages open
// only outside production, when DEV_OUTBOX=1 says so, and only for this machine (a loopback client
// address and a loopback Host). And in production, with no email provider, a captured message
// keeps who it was for and its subject, never its body.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox } from "../../db/schema";
import * as messagePage from "../../app/routes/dev.outbox.$id";
import * as listPage from "../../app/routes/dev.outbox";
import { db } from "../../app/utils/db.server";
import {
  blankCapturedBodies,
  composeEmail,
  deliverEmail,
  enqueueEmail,
  setEmailSenderForTests,
} from "../../app/utils/email.server";
import { getEnv, resetEnvCacheForTests } from "../../app/utils/env.server";
import { generateToken } from "../../app/utils/tokens.server";
import { callRoute, makeRequest } from "../support/http";

const saved = { NODE_ENV: process.env.NODE_ENV, DEV_OUTBOX: process.env.DEV_OUTBOX };
function setEnv(values: { NODE_ENV?: string; DEV_OUTBOX?: string }) {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvCacheForTests();
}
afterEach(() => {
  setEnv(saved);
  setEmailSenderForTests(undefined);
});

let messageId: string;
let link: string;
beforeAll(async () => {
  const token = generateToken();
  link = `/reset-password?token=${token}`;
  const composed = await composeEmail({ template: "password-reset", token });
  messageId = enqueueEmail(db, `outbox-${randomUUID().slice(0, 8)}@example.test`, composed);
});

type Visit = { host?: string | null; clientIp?: string; headers?: Record<string, string> };
async function open({ host = "localhost:3000", clientIp = "127.0.0.1", headers = {} }: Visit = {}) {
  const all = host === null ? headers : { ...headers, host };
  const list = await callRoute(listPage.loader, makeRequest("/dev/outbox", { headers: all }), {}, { clientIp });
  const one = await callRoute(
    messagePage.loader,
    makeRequest(`/dev/outbox/${messageId}`, { headers: all }),
    { id: messageId },
    { clientIp },
  );
  return [list.status, one.status];
}

describe("who can open /dev/outbox", () => {
  it("this machine, in development, with DEV_OUTBOX=1: the list and the message with its link", async () => {
    setEnv({ NODE_ENV: "development", DEV_OUTBOX: "1" });
    for (const host of ["localhost:3000", "localhost", "127.0.0.1:3000", "[::1]:3000", "LOCALHOST:5173"]) {
      for (const clientIp of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) {
        expect(await open({ host, clientIp }), `${host} from ${clientIp}`).toEqual([200, 200]);
      }
    }
    const one = await callRoute(
      messagePage.loader,
      makeRequest(`/dev/outbox/${messageId}`, { headers: { host: "localhost:3000" } }),
      { id: messageId },
      { clientIp: "127.0.0.1" },
    );
    expect(one.data).toContain(link);
  });

  it("is a 404 without DEV_OUTBOX=1, even on this machine in development", async () => {
    for (const optIn of [undefined, "0", ""]) {
      setEnv({ NODE_ENV: "development", DEV_OUTBOX: optIn });
      expect(await open(), `DEV_OUTBOX=${optIn}`).toEqual([404, 404]);
    }
  });

  it("is a 404 for a Host that is not this machine, or none, whatever the client address", async () => {
    setEnv({ NODE_ENV: "development", DEV_OUTBOX: "1" });
    // A page of another site whose name points at 127.0.0.1 (DNS rebinding) sends its own Host.
    for (const host of [
      "evil.example",
      "evil.example:3000",
      "localhost.evil.example",
      "127.0.0.1.nip.io",
      "192.168.1.20:3000",
      "",
    ]) {
      expect(await open({ host }), `Host: ${host}`).toEqual([404, 404]);
    }
    expect(await open({ host: null })).toEqual([404, 404]);
  });

  it("is a 404 through a proxy, which makes every request come from this machine", async () => {
    setEnv({ NODE_ENV: "development", DEV_OUTBOX: "1" });
    for (const header of ["x-forwarded-for", "x-forwarded-host", "forwarded"]) {
      expect(await open({ headers: { [header]: "203.0.113.9" } }), header).toEqual([404, 404]);
    }
  });

  it("is a 404 for another device", async () => {
    setEnv({ NODE_ENV: "development", DEV_OUTBOX: "1" });
    expect(await open({ clientIp: "192.168.1.20" })).toEqual([404, 404]);
  });

  it("is a 404 in production, even with DEV_OUTBOX=1 on this machine", async () => {
    setEnv({ NODE_ENV: "production", DEV_OUTBOX: "1" });
    expect(await open()).toEqual([404, 404]);
  });

  it("refuses a DEV_OUTBOX value other than 1 or 0 at start-up, naming the variable only", () => {
    setEnv({ DEV_OUTBOX: "yes" });
    expect(() => getEnv()).toThrow("Invalid environment variables: DEV_OUTBOX");
  });
});

describe("a message captured without an email provider", () => {
  const capture = async () => {
    setEmailSenderForTests(null);
    const to = `captured-${randomUUID().slice(0, 8)}@example.test`;
    const id = enqueueEmail(db, to, await composeEmail({ template: "invitation", token: generateToken() }));
    await deliverEmail(id);
    return { to, row: db.select().from(emailOutbox).where(eq(emailOutbox.id, id)).get()! };
  };

  it("in production keeps who it was for, the subject and the time, but not the body with its link", async () => {
    setEnv({ NODE_ENV: "production" });
    const { to, row } = await capture();
    expect(row).toMatchObject({ status: "captured", toAddress: to, template: "invitation", html: "", text: "" });
    expect(row.subject.length).toBeGreaterThan(0);
    expect(row.createdAt).toBeInstanceOf(Date);
  });

  it("captured before, with its body: the server blanks it when it starts in production", async () => {
    setEnv({ NODE_ENV: "development" });
    const { row } = await capture();
    expect(row.html).not.toBe("");
    const stored = () => db.select().from(emailOutbox).where(eq(emailOutbox.id, row.id)).get()!;
    blankCapturedBodies();
    expect(stored().html).toBe(row.html);
    setEnv({ NODE_ENV: "production" });
    blankCapturedBodies();
    expect(stored()).toMatchObject({
      status: "captured",
      toAddress: row.toAddress,
      subject: row.subject,
      html: "",
      text: "",
    });
  });

  it("outside production keeps the body, for the development outbox", async () => {
    setEnv({ NODE_ENV: "development" });
    const { row } = await capture();
    expect(row.status).toBe("captured");
    expect(row.html).toContain("/invite/");
    expect(row.text).toContain("/invite/");
  });
});
