import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { NAMESPACES, type Namespace } from "~/i18n/config";
import { isOfferedLanguage } from "~/i18n/translate.server";
import { catalogVersion, resources } from "~/i18n/resources.server";
import { NotFoundError } from "~/models/errors";

const BROWSER_NAMESPACES: readonly Namespace[] = NAMESPACES.filter((ns) => ns !== "email");

/** One catalog for the browser. The same for everyone: it holds the app's words, never a person's data. */
export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { language, namespace } = params;
  if (!isOfferedLanguage(language) || !BROWSER_NAMESPACES.includes(namespace as Namespace)) throw new NotFoundError();
  const catalog = resources[language]?.[namespace as Namespace];
  if (!catalog) throw new NotFoundError();
  const current = new URL(request.url).searchParams.get("v") === catalogVersion;
  return new Response(JSON.stringify(catalog), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      // The address names the version, so a current one never changes; any other is checked each time.
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "no-cache",
    },
  });
});
