/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { withHttpErrors } from "~/utils/http-errors.server";
import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Notice } from "~/components/forms";
import { PortalErrorPage } from "~/components/portal-error";
import { requireOwnConsultant } from "~/models/consultant/own.server";
import { myFeedbackOverview, type MyFeedbackItem } from "~/models/feedback/consultant-answers.server";
import { listOwnInputItems } from "~/models/program-input/own-items.server";
import { MyInputItems } from "~/components/my-input-items";
import { requirePermission } from "~/utils/auth/guards.server";
import { STAGE_LABELS } from "~/utils/engagement-options";
import { useMessage } from "~/i18n/use-message";
import { useFormat } from "~/utils/use-format";

// The consultant's own answers: never kept in the browser's cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  // Always the signed-in person's own record in the active organization.
  const own = requireOwnConsultant(membership.organizationId, user.id);
  return {
    items: myFeedbackOverview(membership.organizationId, own.id),
    inputs: listOwnInputItems(membership.organizationId, own.id),
  };
});

type Item = Omit<MyFeedbackItem, "completedAt"> & { completedAt: string | Date | null };

function WorkLine({ item }: { item: Item }) {
  const fmt = useFormat();
  const words = useMessage();
  return (
    <p className="mt-1">
      {item.programName} · {words(STAGE_LABELS[item.stage])}
      {item.completedAt ? ` · done ${fmt.date(item.completedAt)}` : ""}
    </p>
  );
}

export default function MyFeedback() {
  const { items, inputs } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const waiting = items.filter((i) => i.state === "waiting");
  const given = items.filter((i) => i.state !== "waiting");
  return (
    <>
      <h1 className="page-title">Your feedback</h1>
      <p className="mt-2">Tell us how your work with us went. It helps us do better.</p>
      <p className="mt-1">You can send it without your name.</p>
      <div className="mt-4">
        {searchParams.get("done") === "sent" ? <Notice>Thank you. Your feedback is saved.</Notice> : null}
      </div>

      <section aria-labelledby="waiting-heading" className="mt-4">
        <h2 id="waiting-heading" className="text-lg font-semibold">
          Waiting for your feedback
        </h2>
        {waiting.length === 0 ? (
          <p className="card mt-2">Nothing is waiting. When you finish a piece of work, it will show here.</p>
        ) : (
          <ul className="mt-2 space-y-3">
            {waiting.map((item) => (
              <li key={item.engagementId} className="card">
                <h3 className="font-semibold">{item.title}</h3>
                <WorkLine item={item} />
                <p className="mt-2">
                  <Link
                    to={`/portal/feedback/${item.engagementId}`}
                    className="btn-primary inline-flex min-h-[44px] w-full items-center justify-center sm:w-auto"
                  >
                    Give feedback<span className="sr-only">: {item.title}</span>
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="given-heading" className="mt-6">
        <h2 id="given-heading" className="text-lg font-semibold">
          Feedback you gave
        </h2>
        {given.length === 0 ? (
          <p className="card mt-2">None yet.</p>
        ) : (
          <ul className="mt-2 space-y-3">
            {given.map((item) => (
              <li key={item.engagementId} className="card">
                <h3 className="font-semibold">{item.title}</h3>
                <WorkLine item={item} />
                <p className="mt-1">
                  {item.anonymous ? "You sent it without your name." : "You sent it with your name."}
                </p>
                {item.state === "read" ? (
                  <>
                    <p className="mt-1">The team has read it, so it can no longer be changed.</p>
                    <p className="mt-1">
                      <Link
                        to={`/portal/feedback/${item.engagementId}`}
                        className="link inline-flex min-h-[44px] items-center"
                      >
                        See what you sent<span className="sr-only">: {item.title}</span>
                      </Link>
                    </p>
                  </>
                ) : (
                  <>
                    <p className="mt-1">The team has not read it yet. You can still change it.</p>
                    <p className="mt-1">
                      <Link
                        to={`/portal/feedback/${item.engagementId}`}
                        className="link inline-flex min-h-[44px] items-center"
                      >
                        Change my feedback<span className="sr-only">: {item.title}</span>
                      </Link>
                    </p>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <MyInputItems items={inputs} />
    </>
  );
}

export function ErrorBoundary() {
  return <PortalErrorPage title="Your feedback" />;
}
