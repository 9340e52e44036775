// The short-lived cookies that carry a sign-in along (the pending second step, a held invitation,
// the page to come back to): written and read the same way, out of reach of page scripts.
import { Cookie } from "lucia";
import { isProduction } from "../env.server";

/** A cookie that carries a sign-in along for a few minutes, out of reach of page scripts. */
export function shortLivedCookie(name: string, value: string, maxAgeSeconds: number) {
  return new Cookie(name, value, {
    httpOnly: true,
    secure: isProduction(),
    sameSite: "lax",
    path: "/",
    maxAge: maxAgeSeconds,
  }).serialize();
}

export function readCookie(request: Request, cookieName: string) {
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === cookieName) return rest.join("=") || null;
  }
  return null;
}
