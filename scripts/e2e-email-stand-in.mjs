// For the browser tests only (scripts/e2e-server.sh): the production server, sending its email to a
// stand-in for Resend's API in the same process, which appends each message to E2E_EMAIL_FILE as a
// JSON line for the tests to read (tests/e2e/fixtures.ts). In production a message that cannot be
// sent keeps no body, so the tests need the path a real provider takes to see the links.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";

const file = process.env.E2E_EMAIL_FILE;
if (!file || !process.env.RESEND_API_KEY) {
  console.error("Set E2E_EMAIL_FILE and RESEND_API_KEY (any value): see scripts/e2e-server.sh.");
  process.exit(1);
}

const standIn = http.createServer((req, res) => {
  if (req.method !== "POST" || req.url !== "/emails") {
    res.writeHead(404, { "Content-Type": "application/json" }).end('{"name":"not_found","message":"Not found"}');
    return;
  }
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    const { to, subject, html, text } = JSON.parse(body);
    const id = randomUUID();
    for (const address of [to].flat()) {
      fs.appendFileSync(file, `${JSON.stringify({ id, to: address, subject, html, text, sentAt: Date.now() })}\n`);
    }
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ id }));
  });
});

// Only this process talks to it, on a port of its own; the Resend client reads RESEND_BASE_URL.
standIn.listen(0, "127.0.0.1", async () => {
  process.env.RESEND_BASE_URL = `http://127.0.0.1:${standIn.address().port}`;
  standIn.unref();
  const { main } = await import("./server.mjs");
  await main({ browserTests: true });
});
