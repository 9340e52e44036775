import { withHttpErrors } from "~/utils/http-errors.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { keepSessionAlive, readSessionDeadline } from "~/utils/auth.server";

// How long the signed-in session has left, for the warning a minute before it ends. Asking (GET)
// changes nothing, not even the session's last use; "Stay signed in" (POST) counts as a use.
const NO_STORE = { "Cache-Control": "no-store" };

const answer = (deadline: number | null) =>
  Response.json({ msLeft: deadline === null ? 0 : Math.max(0, deadline - Date.now()) }, { headers: NO_STORE });

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  return answer(readSessionDeadline(request));
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  return answer(await keepSessionAlive(request));
});
