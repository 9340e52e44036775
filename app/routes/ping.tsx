import { withHttpErrors } from "~/utils/http-errors.server";
// No loader work, not even the database: the benchmark's empty baseline (the cost of the server itself).
export const loader = /* @__PURE__ */ withHttpErrors(async function loader() {
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
});
