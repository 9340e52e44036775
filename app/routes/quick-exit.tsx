import { withHttpErrors } from "~/utils/http-errors.server";
import { type ActionFunctionArgs } from "@remix-run/node";
import { signOutHeaders } from "~/utils/auth/sign-out.server";

// Quick exit sends this as the page is left (a beacon, from any page a survivor may see, signed in
// or not): the session ends and nothing of the visit stays, the language chosen here included.
// Nobody reads the answer. A POST only, like signing out.
export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  return new Response(null, { status: 204, headers: await signOutHeaders(request, { quick: true }) });
});

export const loader = /* @__PURE__ */ withHttpErrors(async function loader() {
  throw new Response(null, { status: 404 });
});
