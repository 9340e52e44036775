import { withHttpErrors } from "~/utils/http-errors.server";

// Every address no other route takes. Without a route of its own an unknown address never reaches the
// root's loader, so its error page would not know the reader's language and would always be English;
// matched here, the root loader runs and the root's error page says "We could not find that page" in it.
export const loader = /* @__PURE__ */ withHttpErrors(async function loader() {
  // No words of its own: the error page's heading says it all.
  throw new Response(null, { status: 404 });
});

// A page, not a resource route, so the thrown 404 is shown by the root's error page. Never rendered.
export default function NotFound() {
  return null;
}
