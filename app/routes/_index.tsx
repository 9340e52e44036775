import { withHttpErrors } from "~/utils/http-errors.server";
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireAnonymous } from "~/utils/auth.server";

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  // A signed-in person goes to their home; everyone else to sign in.
  await requireAnonymous(request);
  return redirect("/login");
});
