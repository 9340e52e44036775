// What signing out clears, in one place for the two ways out: the sign-out button and quick exit.
import { forgetLanguage, keepLanguageForThisVisit } from "~/i18n/i18n.server";
import { endSession } from "./session.server";
import { forgetSignInInProgress } from "./sign-in.server";

/**
 * The Set-Cookie headers that end a visit. The language cookie does not outlive it on a shared
 * device: an ordinary sign-out keeps it until the browser closes (the signed-out page stays in the
 * person's language); quick exit forgets it at once, with everything else.
 */
export async function signOutHeaders(request: Request, { quick }: { quick: boolean }) {
  const headers = new Headers();
  headers.append("Set-Cookie", await endSession(request));
  for (const cookie of forgetSignInInProgress(request)) headers.append("Set-Cookie", cookie);
  headers.append("Set-Cookie", quick ? forgetLanguage() : keepLanguageForThisVisit(request));
  return headers;
}
