/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { assertOutboxAvailable, listOutboxMessages } from "~/models/outbox.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Email outbox (development)" }];

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, context }: LoaderFunctionArgs) {
  assertOutboxAvailable(request, context.clientIp);
  return { messages: listOutboxMessages() };
});

export default function DevOutbox() {
  const { messages } = useLoaderData<typeof loader>();
  return (
    <main id="main" className="mx-auto max-w-4xl p-6">
      <h1 className="page-title">Email outbox</h1>
      <p className="mt-2 text-slate-700">
        Development only. No email provider is set, so messages are kept here instead of being sent.
      </p>
      {messages.length === 0 ? (
        <p className="card mt-4">No messages yet. Invite someone or ask for a password reset to see one here.</p>
      ) : (
        <ul className="mt-4 space-y-2">
          {messages.map((m) => (
            <li key={m.id} className="card">
              <p className="font-medium">
                <a className="link" href={`/dev/outbox/${m.id}`}>
                  {m.subject}
                </a>
              </p>
              <p className="text-sm text-slate-700">
                To {m.toAddress} · {m.template} · {m.status} · {formatDateTime(m.createdAt, "UTC")}
              </p>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
