import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportOwnData } from "~/models/consultant.server";
import { CONSULTANT_ROLES, requireMembership } from "~/utils/auth.server";

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requireMembership(request, CONSULTANT_ROLES);
  const exported = exportOwnData({
    organizationId: membership.organizationId,
    userId: user.id,
    organizationName: membership.organizationName,
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
