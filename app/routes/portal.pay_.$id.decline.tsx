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
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/forms";
import { PortalErrorPage } from "~/components/portal-error";
import { requirePermission } from "~/utils/auth/guards.server";
import { declineOwnPayment, ownPaymentToDecline } from "~/models/payment/consultant-choice.server";
import { readForm } from "~/utils/form-data.server";
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
    return data({ error: "portal:pay.decline.useButton" }, { status: 400 });
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
  const { t } = useTranslation("portal");
  const { payment: p } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const closed =
    p.status === "paid"
      ? t("pay.decline.alreadyPaid")
      : p.status === "void"
        ? t("pay.decline.closed")
        : p.consultantChoice === "declined"
          ? t("pay.decline.alreadyDeclined")
          : null;
  return (
    <>
      <p>
        <Link to="/portal/pay" className="link">
          {t("pay.decline.back")}
        </Link>
      </p>
      <h1 className="page-title mt-2">{t("pay.decline.title")}</h1>
      <FormErrors id="decline-errors" errors={answer?.error ? [answer.error] : []} />
      {closed ? (
        <p className="card mt-4">{closed}</p>
      ) : (
        <>
          <section aria-labelledby="what-happens-heading" className="card mt-4">
            <h2 id="what-happens-heading" className="text-lg font-semibold">
              {t("pay.decline.whatHappens")}
            </h2>
            <ul className="mt-2 list-disc space-y-2 pl-6">
              <li>{t("pay.decline.notPay", { amount: p.feeCents, work: p.engagementTitle })}</li>
              <li>{t("pay.decline.tellTeam")}</li>
              <li>
                {p.expensesCents > 0
                  ? t("pay.decline.costsKept", { amount: p.expensesCents })
                  : t("pay.decline.costsSeparate")}
              </li>
              <li>{t("pay.decline.changeMind")}</li>
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
                {t("pay.decline.confirm")}
              </button>
            </Form>
            <Link to="/portal/pay" className="btn-secondary">
              {t("pay.decline.keep")}
            </Link>
          </div>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("portal");
  return <PortalErrorPage title={t("pay.title")} />;
}
