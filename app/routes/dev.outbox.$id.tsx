import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { assertOutboxAvailable, getOutboxMessage } from "~/models/outbox.server";
import { NotFoundError } from "~/models/errors";

// Serves one email exactly as rendered, with a policy that lets its inline styles show but
// runs no script and loads nothing from elsewhere.
export const loader = /* @__PURE__ */ withHttpErrors(async function loader({
  request,
  params,
  context,
}: LoaderFunctionArgs) {
  assertOutboxAvailable(request, context.clientIp);
  const message = getOutboxMessage(params.id ?? "");
  if (!message) throw new NotFoundError();
  return new Response(message.html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy":
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; sandbox",
    },
  });
});
