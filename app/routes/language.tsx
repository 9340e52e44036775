import { withHttpErrors } from "~/utils/http-errors.server";
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isOfferedLanguage, rememberLanguage } from "~/i18n/i18n.server";
import { RuleError } from "~/models/errors";
import { safeRedirectPath } from "~/utils/auth/redirects.server";
import { readForm } from "~/utils/form-data.server";
import { LanguageSchema } from "~/utils/language-schema";

/**
 * The language switch on the pages before sign-in: remembered on this browser in a cookie, no account
 * needed, then back to the same page. A plain form post, so it works without JavaScript.
 */
export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const parsed = LanguageSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success || !isOfferedLanguage(parsed.data.language)) throw new RuleError(null, "common:language.choose");
  return redirect(safeRedirectPath(parsed.data.returnTo, "/login"), {
    headers: { "Set-Cookie": rememberLanguage(parsed.data.language) },
  });
});

export const loader = /* @__PURE__ */ withHttpErrors(async function loader() {
  return redirect("/");
});
