// Where a person goes: back to the page they asked for before signing in (kept in a short-lived
// cookie, never in the address), their side of the app after signing in, and never to another site.
import { redirect } from "@remix-run/node";
import type { Role } from "../../../db/schema";
import { readCookie, shortLivedCookie } from "./cookies.server";

// ---------------------------------------------------------------------------------------------
// Where to go after signing in: the page the person asked for before they were sent to sign in,
// kept in a short-lived cookie (never in the address, so never in the browser history).

const RETURN_COOKIE = "seh_return_to";
const RETURN_COOKIE_SECONDS = 15 * 60;

export function rememberReturnPath(path: string) {
  return shortLivedCookie(RETURN_COOKIE, path, RETURN_COOKIE_SECONDS);
}

/** The header that forgets the page to come back to. */
export function forgetReturnPath() {
  return shortLivedCookie(RETURN_COOKIE, "", 0);
}

/** Whether this browser holds a page to come back to (so that signing in or out can forget it). */
export function hasReturnPath(request: Request) {
  return readCookie(request, RETURN_COOKIE) !== null;
}

/** The page to come back to after signing in, if this browser holds one (only ever a path on this site). */
export function readReturnPath(request: Request) {
  const raw = readCookie(request, RETURN_COOKIE);
  if (!raw) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  return safeRedirectPath(path, "") || undefined;
}

/** A path inside the app only: an absolute or protocol-relative URL would be an open redirect. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback: string) {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  // Browsers drop tabs and newlines and read "\\" as "/", so "/\t/evil.example" is "//evil.example":
  // anything of the kind is refused, and what is left must stay on this site once resolved.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  const base = "http://app.invalid";
  const resolved = new URL(to, base);
  if (resolved.origin !== base) return fallback;
  // "/.//evil.example" resolves to the path "//evil.example", which a browser reads as another site.
  if (resolved.pathname.startsWith("//")) return fallback;
  return `${resolved.pathname}${resolved.search}`;
}

export function homePathFor(role: Role) {
  return role === "consultant" ? "/portal" : "/dashboard";
}

/** Where to go after signing in: back where the person was, if that is on their side of the app. */
export function landingPathAfterLogin(role: Role, redirectTo: string | undefined) {
  const home = homePathFor(role);
  const wanted = safeRedirectPath(redirectTo, home);
  const isPortalPath = wanted === "/portal" || wanted.startsWith("/portal/");
  return isPortalPath === (role === "consultant") ? wanted : home;
}

/**
 * The page a request was for, as a person would have seen it in the address bar: a client-side
 * data request (`/portal/pay.data?_routes=…`) names the page `/portal/pay`.
 */
function pagePathOf(request: Request) {
  const url = new URL(request.url);
  let pathname = url.pathname;
  if (pathname === "/_root.data") pathname = "/";
  else if (pathname.endsWith(".data")) pathname = pathname.slice(0, -".data".length);
  url.searchParams.delete("_routes");
  url.searchParams.delete("index");
  const search = url.searchParams.toString();
  return `${pathname}${search ? `?${search}` : ""}`;
}

/**
 * To the sign-in page, which brings the person back afterwards. Where to is kept in a short-lived
 * cookie, never in the address: the sign-in page's address stays in the browser history, and a
 * portal path there would tell anyone who looks what the person was doing.
 */
export function loginRedirect(request: Request, why: { timedOut: boolean } = { timedOut: false }) {
  const back = safeRedirectPath(pagePathOf(request), "/");
  const headers = new Headers();
  if (back !== "/") headers.append("Set-Cookie", rememberReturnPath(back));
  return redirect(why.timedOut ? "/login?done=timed-out" : "/login", { headers });
}
