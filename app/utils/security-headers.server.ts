import { randomBytes } from "node:crypto";
import { isProduction } from "./env.server";

export function createNonce() {
  return randomBytes(16).toString("base64");
}

/**
 * The Content-Security-Policy for an HTML document; Remix's inline scripts carry the nonce.
 * The headers every response needs (nosniff, no-referrer, frame denial) are added by the HTTP
 * server in scripts/server.mjs, so that static files get them too.
 */
export function contentSecurityPolicy(nonce: string) {
  // `remix dev` serves live reload over a websocket on port 3001.
  const devConnect = isProduction() ? "" : " ws://localhost:3001";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${devConnect}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}
