import { withHttpErrors } from "~/utils/http-errors.server";
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession, forgetSignInInProgress } from "~/utils/auth.server";

// Signing out is a POST only: a GET (a link, a prefetch, an image tag) must never end a session.
// Quick exit sends it too, from any page a survivor may see, signed in or not.
export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const headers = new Headers();
  headers.append("Set-Cookie", await endSession(request));
  for (const cookie of forgetSignInInProgress(request)) headers.append("Set-Cookie", cookie);
  return redirect("/login?done=signed-out", { headers });
});

export const loader = /* @__PURE__ */ withHttpErrors(async function loader() {
  return redirect("/");
});
