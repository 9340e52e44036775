// Checks that run in the HTTP server before Remix sees a request. Plain JavaScript so that the
// server can load them without a build step; tested in tests/integration/http-guards.test.ts.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * True when a state-changing request comes from another site (CSRF). Browsers send Origin on
 * every cross-origin POST, and Sec-Fetch-Site on all requests; a request with neither is not
 * from a browser and carries no ambient cookie to abuse.
 * @param {{ method: string, origin?: string | null, host?: string | null, fetchSite?: string | null }} req
 */
export function isForeignOriginWrite({ method, origin, host, fetchSite }) {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (fetchSite === "cross-site") return true;
  if (!origin) return false;
  if (origin === "null") return !isOpaqueSameOriginPost({ origin, fetchSite });
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * Under `Referrer-Policy: no-referrer`, Chromium sends `Origin: null` on a same-origin form post
 * (as when JavaScript is off or not loaded yet). Sec-Fetch-Site, which no page can forge, says
 * where the post really came from.
 * @param {{ origin?: string | null, fetchSite?: string | null }} req
 */
export function isOpaqueSameOriginPost({ origin, fetchSite }) {
  return origin === "null" && fetchSite === "same-origin";
}

/** Headers for every response, static files included. Documents add their own CSP. */
export const baseSecurityHeaders = {
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
};
