import { withHttpErrors } from "~/utils/http-errors.server";
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { signOutHeaders } from "~/utils/auth/sign-out.server";

// Signing out is a POST only: a GET (a link, a prefetch, an image tag) must never end a session.
export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  return redirect("/login?done=signed-out", { headers: await signOutHeaders(request, { quick: false }) });
});

export const loader = /* @__PURE__ */ withHttpErrors(async function loader() {
  return redirect("/");
});
