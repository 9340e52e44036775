// Request bodies are limited in the real server process, before Remix reads them.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BODY_LIMIT_EXCEPTIONS, bodyLimitFor, FORM_BODY_LIMIT, tooLargeMessage } from "../../scripts/body-limit.mjs";
import { startServerProcess, type ServerProcess } from "../support/server-process";

const MB = 1024 * 1024;
const TOO_LARGE = "That was more than this form can take (1 MB). Nothing was saved.";

let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
});

type Answer = { status: number; headers: http.IncomingHttpHeaders; text: string; bytesSent: number };

/**
 * Posts a form body: with Content-Length when `chunked` is false, otherwise in chunks without a
 * length (as a stream is sent). Stops sending as soon as the server answers, as a browser does.
 */
function postForm(path: string, fields: Record<string, string>, padding: number, chunked: boolean) {
  const head = Buffer.from(`${new URLSearchParams(fields)}&padding=`);
  const total = head.length + padding;
  return new Promise<Answer>((resolve, reject) => {
    let bytesSent = 0;
    let answered = false;
    const request = http.request(`${server.base}${path}`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        ...(chunked ? { "Transfer-Encoding": "chunked" } : { "Content-Length": String(total) }),
      },
    });
    request.on("response", (response) => {
      answered = true;
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, text, bytesSent }));
      response.on("error", reject);
    });
    // The server may close the connection while the rest is still being sent: that is the point.
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    const send = () => {
      if (bytesSent === 0) {
        request.write(head);
        bytesSent += head.length;
      }
      while (!answered && !request.destroyed && bytesSent < total) {
        const part = chunk.subarray(0, Math.min(chunk.length, total - bytesSent));
        bytesSent += part.length;
        if (!request.write(part)) return void request.once("drain", send);
      }
      if (!answered && !request.destroyed) request.end();
    };
    send();
  });
}

async function serverStillAnswers() {
  const health = await fetch(`${server.base}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.text()).toBe("ok");
}

describe("request body limit", () => {
  it("refuses a 2 MB form with a Content-Length, with a plain message, and stays up", async () => {
    const answer = await postForm("/login", { email: "someone@example.test", password: "x" }, 2 * MB, false);
    expect(answer.status).toBe(413);
    expect(answer.headers["content-type"]).toMatch(/^text\/plain/);
    expect(answer.text).toContain(TOO_LARGE);
    await serverStillAnswers();
  });

  it("refuses a 2 MB form sent in chunks without a length, and stays up", async () => {
    const answer = await postForm("/login", { email: "someone@example.test", password: "x" }, 2 * MB, true);
    expect(answer.status).toBe(413);
    expect(answer.text).toContain(TOO_LARGE);
    await serverStillAnswers();
  });

  it("answers a huge chunked body once it passes the limit, without waiting for the rest", async () => {
    const answer = await postForm("/forgot-password", { email: "someone@example.test" }, 256 * MB, true);
    expect(answer.status).toBe(413);
    expect(answer.bytesSent).toBeLessThan(32 * MB);
    await serverStillAnswers();
  });

  it("still takes an ordinary form, and one just under the limit reaches the page", async () => {
    const ordinary = await postForm("/forgot-password", { email: "someone@example.test" }, 0, false);
    expect(ordinary.status).toBe(302);
    expect(ordinary.headers.location).toBe("/forgot-password?done=sent");

    const chunked = await postForm("/forgot-password", { email: "someone@example.test" }, 1_000, true);
    expect(chunked.status).toBe(302);

    // Read by the sign-in page, which answers as it does to any wrong password.
    const nearly = await postForm("/login", { email: "someone@example.test", password: "x" }, MB - 1_000, false);
    expect(nearly.status).toBe(400);
    expect(nearly.text).toContain("That email and password do not match.");
  });
});

describe("which limit applies", () => {
  it("every path gets the form limit unless the table of exceptions names it", () => {
    expect(FORM_BODY_LIMIT).toBe(MB);
    expect(BODY_LIMIT_EXCEPTIONS).toEqual([]);
    expect(bodyLimitFor("/login")).toBe(MB);
    const exceptions = [{ path: "/consultants/import", limit: 5 * MB }];
    expect(bodyLimitFor("/consultants/import", exceptions)).toBe(5 * MB);
    // Posted with JavaScript on, Remix adds ".data" to the path.
    expect(bodyLimitFor("/consultants/import.data", exceptions)).toBe(5 * MB);
    expect(bodyLimitFor("/consultants/import/more", exceptions)).toBe(MB);
    expect(bodyLimitFor("/consultants", exceptions)).toBe(MB);
    expect(tooLargeMessage(5 * MB)).toContain("more than this form can take (5 MB). Nothing was saved.");
  });
});
