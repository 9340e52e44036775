/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { withHttpErrors } from "~/utils/http-errors.server";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormErrors, Notice } from "~/components/forms";
import { PortalErrorPage } from "~/components/portal-error";
import { ownErasureRequest, PAYMENT_RECORD_YEARS, requestErasure } from "~/models/erasure/requests.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { useFormat } from "~/utils/use-format";
import { readForm } from "~/utils/form-data.server";

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  return {
    request: ownErasureRequest(membership.organizationId, user.id),
    paymentYears: PAYMENT_RECORD_YEARS,
  };
});

// Checked on the server only: the portal stays light on a phone, and the form works without JavaScript.
export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const form = await readForm(request);
  if (form.get("confirm") !== "yes") {
    return data({ error: "Tick the box to say you want us to delete your information." }, { status: 400 });
  }
  await requestErasure({ organizationId: membership.organizationId, userId: user.id });
  return redirect("/portal/my-data/delete?done=sent");
});

export default function AskToDelete() {
  const { request: pending, paymentYears } = useLoaderData<typeof loader>();
  const fmt = useFormat();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const sent = searchParams.get("done") === "sent";
  return (
    <>
      <p>
        <Link to="/portal/my-data" className="link">
          ← My data
        </Link>
      </p>
      <h1 className="page-title mt-2">Ask us to delete my information</h1>
      {sent ? <Notice>We got your request. Thank you for telling us.</Notice> : null}

      <section aria-labelledby="deleted-heading" className="card mt-4">
        <h2 id="deleted-heading" className="text-lg font-semibold">
          What we delete
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          <li>Your profile: your names, how to reach you, and your needs.</li>
          <li>Notes our staff wrote about you.</li>
          <li>The words you wrote in feedback.</li>
          <li>Your sign-in to this portal. You will not be able to sign in again.</li>
        </ul>
      </section>

      <section aria-labelledby="kept-heading" className="card mt-4">
        <h2 id="kept-heading" className="text-lg font-semibold">
          What we keep, and why
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          <li>
            What we paid you, and when. The law says we must keep this for at least {paymentYears} years, for taxes.
          </li>
          <li>
            When you said yes or no to sharing your story. This shows we only used it with your OK. We stop every use
            that is still going on.
          </li>
          <li>The work you did with us, with no name on it.</li>
        </ul>
      </section>

      {pending ? (
        <section aria-labelledby="status-heading" className="card mt-4">
          <h2 id="status-heading" className="text-lg font-semibold">
            Your request
          </h2>
          <p className="mt-2">You asked on {fmt.date(pending.createdAt)}.</p>
          <p className="mt-1">
            An admin will delete your information soon. Until then you can still sign in. You can print or download your
            data first from the My data page.
          </p>
        </section>
      ) : (
        <Form method="post" className="card mt-4">
          <FormErrors id="delete-errors" errors={answer ? [answer.error] : undefined} />
          <p>An admin will do this for you. Before you ask, you may want to print or download your data.</p>
          <div className="mt-3 flex items-start gap-2">
            <input
              id="confirm"
              name="confirm"
              type="checkbox"
              value="yes"
              required
              className="mt-1 h-5 w-5"
              aria-describedby={answer ? "delete-errors" : undefined}
            />
            <label htmlFor="confirm">Yes, I want you to delete my information.</label>
          </div>
          <button type="submit" className="btn-primary mt-4" disabled={navigation.state === "submitting"}>
            Send my request
          </button>
        </Form>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <PortalErrorPage title="Delete my information" />;
}
