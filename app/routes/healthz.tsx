import { withHttpErrors } from "~/utils/http-errors.server";
import { isDatabaseAnswering } from "~/models/health.server";

// For load balancers, monitors and the test server's start-up wait: 200 only when the database answers.
// The error stays out of the response (it may name files); /ping is the check that does no work.
export const loader = /* @__PURE__ */ withHttpErrors(async function loader() {
  const up = isDatabaseAnswering();
  return new Response(up ? "ok" : "unavailable", {
    status: up ? 200 : 503,
    headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" },
  });
});
