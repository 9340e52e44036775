import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLanguage } from "~/i18n/page-language";
import { assertOutboxAvailable, listOutboxMessages } from "~/models/outbox.server";
import { formatDateTime } from "~/utils/format";

export const handle = { i18n: ["auth"], title: "auth:titles.outbox" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, context }: LoaderFunctionArgs) {
  assertOutboxAvailable(request, context.clientIp);
  return { messages: listOutboxMessages() };
});

export default function DevOutbox() {
  const { messages } = useLoaderData<typeof loader>();
  const { t } = useTranslation("auth");
  const language = useLanguage();
  return (
    <main id="main" className="mx-auto max-w-4xl p-6">
      <h1 className="page-title">{t("outbox.heading")}</h1>
      <p className="mt-2 text-slate-700">{t("outbox.intro")}</p>
      {messages.length === 0 ? (
        <p className="card mt-4">{t("outbox.empty")}</p>
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
                {t("outbox.row", {
                  to: m.toAddress,
                  template: m.template,
                  status: m.status,
                  when: formatDateTime(m.createdAt, "UTC", language),
                })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
