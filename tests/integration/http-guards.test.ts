import { describe, expect, it } from "vitest";
import { isForeignOriginWrite } from "../../scripts/http-guards.mjs";

const host = "portal.example.org";

describe("isForeignOriginWrite", () => {
  it("lets every read through, whatever its origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(isForeignOriginWrite({ method, origin: "https://evil.example", host, fetchSite: "cross-site" })).toBe(
        false,
      );
    }
  });

  it("accepts writes from the same host", () => {
    expect(isForeignOriginWrite({ method: "POST", origin: `https://${host}`, host, fetchSite: "same-origin" })).toBe(
      false,
    );
  });

  it("refuses writes from another host, another port, an opaque or malformed origin", () => {
    for (const origin of ["https://evil.example", `https://${host}:8443`, "null", "not a url"]) {
      expect(isForeignOriginWrite({ method: "POST", origin, host })).toBe(true);
    }
  });

  it("accepts the opaque origin Chromium sends for our own form posts under no-referrer", () => {
    expect(isForeignOriginWrite({ method: "POST", origin: "null", host, fetchSite: "same-origin" })).toBe(false);
    expect(isForeignOriginWrite({ method: "POST", origin: "null", host, fetchSite: "same-site" })).toBe(true);
    expect(isForeignOriginWrite({ method: "POST", origin: "null", host, fetchSite: null })).toBe(true);
  });

  it("refuses writes the browser marks cross-site even without Origin", () => {
    expect(isForeignOriginWrite({ method: "DELETE", origin: null, host, fetchSite: "cross-site" })).toBe(true);
  });

  it("allows a request with neither header: not a browser, so no ambient cookie to abuse", () => {
    expect(isForeignOriginWrite({ method: "POST", origin: null, host, fetchSite: null })).toBe(false);
  });
});
