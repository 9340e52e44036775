import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportOwnData } from "~/models/consultant/own.server";
import { languageFor } from "~/i18n/i18n.server";
import { requirePermission } from "~/utils/auth/guards.server";

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const exported = exportOwnData({
    organizationId: membership.organizationId,
    userId: user.id,
    organizationName: membership.organizationName,
    // The onboarding steps named as on the page, in the consultant's language where written.
    language: await languageFor(request, user.preferredLanguage),
  });
  return new Response(JSON.stringify(exported, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      // A fixed name: a file name with a person's name or email would show in download lists.
      "Content-Disposition": 'attachment; filename="my-data.json"',
      "Cache-Control": "no-store",
    },
  });
});
