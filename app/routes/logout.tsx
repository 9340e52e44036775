import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/utils/auth.server";

// Signing out is a POST only: a GET (a link, a prefetch, an image tag) must never end a session.
export async function action({ request }: ActionFunctionArgs) {
  const cookie = await endSession(request);
  return redirect("/login?done=signed-out", { headers: { "Set-Cookie": cookie } });
}

export function loader() {
  return redirect("/");
}
