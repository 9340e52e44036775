import { withHttpErrors } from "~/utils/http-errors.server";
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { forgetLanguage, keepLanguageForThisVisit } from "~/i18n/i18n.server";
import { SignOutSchema } from "~/utils/account-schema";
import { endSession } from "~/utils/auth/session.server";
import { forgetSignInInProgress } from "~/utils/auth/sign-in.server";
import { readForm } from "~/utils/form-data.server";

// Signing out is a POST only: a GET (a link, a prefetch, an image tag) must never end a session.
// Quick exit sends it too, from any page a survivor may see, signed in or not. The language cookie
// does not outlive the visit on a shared device: an ordinary sign-out keeps it until the browser
// closes (the signed-out page stays in the person's language); quick exit forgets it at once.
export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  // Signing out is never refused: a post with no form, or one that does not read, is an ordinary one.
  const form = await readForm(request).catch(() => new FormData());
  const parsed = SignOutSchema.safeParse(Object.fromEntries(form));
  const quick = parsed.success && parsed.data.leave === "quick";
  const headers = new Headers();
  headers.append("Set-Cookie", await endSession(request));
  for (const cookie of forgetSignInInProgress(request)) headers.append("Set-Cookie", cookie);
  headers.append("Set-Cookie", quick ? forgetLanguage() : keepLanguageForThisVisit(request));
  return redirect("/login?done=signed-out", { headers });
});

export const loader = /* @__PURE__ */ withHttpErrors(async function loader() {
  return redirect("/");
});
