/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { RuleError } from "~/models/errors";
import { withHttpErrors } from "~/utils/http-errors.server";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors } from "~/components/forms";
import { PortalErrorPage } from "~/components/portal-error";
import { requirePermission } from "~/utils/auth/guards.server";
import { declineOwnPayment, ownPaymentToDecline } from "~/models/payment/consultant-choice.server";
import { readForm } from "~/utils/form-data.server";
import { formatCents } from "~/utils/money";
import { DeclinePaymentSchema as ConfirmSchema } from "~/utils/payment-schema";

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

// Giving up a payment is asked twice: "My pay" links here, and only the button on this page says no.
export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  return {
    payment: ownPaymentToDecline({
      organizationId: membership.organizationId,
      userId: user.id,
      paymentId: params.id ?? "",
    }),
  };
});

// The address says which payment; the button sends the answer, so a post without it changes nothing.
export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  if (!ConfirmSchema.safeParse(Object.fromEntries(await readForm(request))).success) {
    return data({ error: "Use the button to say no to this payment." }, { status: 400 });
  }
  try {
    await declineOwnPayment({ organizationId: membership.organizationId, userId: user.id, paymentId: params.id ?? "" });
  } catch (error) {
    if (error instanceof RuleError) return data({ error: error.text }, { status: 400 });
    throw error;
  }
  return redirect("/portal/pay?done=declined");
});

export default function DeclinePayment() {
  const { payment: p } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const closed =
    p.status === "paid"
      ? "This payment is already paid, so there is nothing to say no to."
      : p.status === "void"
        ? "This payment was closed by the team. Please ask your contact person if you have a question."
        : p.consultantChoice === "declined"
          ? "You already said you do not want this payment. You can change your mind on My pay."
          : null;
  return (
    <>
      <p>
        <Link to="/portal/pay" className="link">
          ← My pay
        </Link>
      </p>
      <h1 className="page-title mt-2">Say no to this payment?</h1>
      <FormErrors id="decline-errors" errors={answer?.error ? [answer.error] : []} />
      {closed ? (
        <p className="card mt-4">{closed}</p>
      ) : (
        <>
          <section aria-labelledby="what-happens-heading" className="card mt-4">
            <h2 id="what-happens-heading" className="text-lg font-semibold">
              What happens if you say no
            </h2>
            <ul className="mt-2 list-disc space-y-2 pl-6">
              <li>
                We will not pay you {formatCents(p.feeCents)} for {p.engagementTitle}.
              </li>
              <li>We will tell the team that you said no.</li>
              <li>
                {p.expensesCents > 0
                  ? `Money for your costs is separate. We still pay back the ${formatCents(p.expensesCents)} for your costs.`
                  : "Money for your costs is separate. If you had costs for this work, we still pay them back."}
              </li>
              <li>You can change your mind on My pay, until the team closes this payment.</li>
            </ul>
          </section>
          <div className="mt-6 flex flex-wrap items-center gap-3">
            <Form method="post">
              <button
                type="submit"
                name="confirm"
                value="yes"
                className="btn-danger"
                disabled={navigation.state === "submitting"}
              >
                Yes, I do not want this payment
              </button>
            </Form>
            <Link to="/portal/pay" className="btn-secondary">
              No, keep this payment
            </Link>
          </div>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <PortalErrorPage title="My pay" />;
}
