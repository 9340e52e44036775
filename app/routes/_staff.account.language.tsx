import { withHttpErrors } from "~/utils/http-errors.server";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { forgetLanguage, isOfferedLanguage, rememberLanguage } from "~/i18n/i18n.server";
import { RuleError } from "~/models/errors";
import { setOwnLanguage } from "~/models/language.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { readForm } from "~/utils/form-data.server";
import { OwnLanguageSchema } from "~/utils/account-schema";

/**
 * Saves the language a member of staff chose on their account page (/account/sessions): their pages
 * and emails from now on. This browser remembers it too, so the sign-in page after signing out is in
 * it; "the same as my browser" forgets it here as well.
 */
export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "staff-pages:use");
  const parsed = OwnLanguageSchema.safeParse(Object.fromEntries(await readForm(request)));
  const chosen = parsed.success ? parsed.data.language : null;
  // Only a tampered form sends anything but the list's values: refused, with the list's own words.
  if (chosen === null || (chosen !== "" && !isOfferedLanguage(chosen))) {
    throw new RuleError("language", "common:language.choose");
  }
  const language = chosen === "" ? null : chosen;
  setOwnLanguage(user.id, language);
  const cookie = language ? await rememberLanguage(language) : await forgetLanguage();
  return redirect("/account/sessions?done=language", { headers: { "Set-Cookie": cookie } });
});

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff-pages:use");
  return redirect("/account/sessions");
});
