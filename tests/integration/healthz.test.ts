import { describe, expect, it } from "vitest";
import { loader as healthz } from "../../app/routes/healthz";
import { loader as ping } from "../../app/routes/ping";
import { closeDatabase } from "../../app/utils/db.server";
import { callRoute, makeRequest } from "../support/http";

describe("/healthz and /ping", () => {
  it("healthz is 200 while the database answers; ping never looks", async () => {
    const health = await callRoute(healthz, makeRequest("/healthz"));
    expect(health).toMatchObject({ status: 200, data: "ok" });
    expect(health.headers.get("Cache-Control")).toBe("no-store");
    const pong = await callRoute(ping, makeRequest("/ping"));
    expect(pong).toMatchObject({ status: 200, data: "ok" });
    expect(pong.headers.get("Cache-Control")).toBe("no-store");
  });

  // Last in this file: the connection stays closed.
  it("healthz is 503, without detail, once the database is gone", async () => {
    closeDatabase();
    const health = await callRoute(healthz, makeRequest("/healthz"));
    expect(health).toMatchObject({ status: 503, data: "unavailable" });
    expect(health.headers.get("Cache-Control")).toBe("no-store");
    expect((await callRoute(ping, makeRequest("/ping"))).status).toBe(200);
  });
});
