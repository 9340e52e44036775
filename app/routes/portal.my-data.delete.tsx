import { withHttpErrors } from "~/utils/http-errors.server";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
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
    return data({ error: "portal:myData.delete.tickTheBox" }, { status: 400 });
  }
  await requestErasure({ organizationId: membership.organizationId, userId: user.id });
  return redirect("/portal/my-data/delete?done=sent");
});

export default function AskToDelete() {
  const { request: pending, paymentYears } = useLoaderData<typeof loader>();
  const fmt = useFormat();
  const { t } = useTranslation("portal");
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const sent = searchParams.get("done") === "sent";
  return (
    <>
      <p>
        <Link to="/portal/my-data" className="link">
          {t("myData.delete.back")}
        </Link>
      </p>
      <h1 className="page-title mt-2">{t("myData.delete.title")}</h1>
      {sent ? <Notice>{t("myData.delete.sent")}</Notice> : null}

      <section aria-labelledby="deleted-heading" className="card mt-4">
        <h2 id="deleted-heading" className="text-lg font-semibold">
          {t("myData.delete.deletedHeading")}
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          <li>{t("myData.delete.deletedProfile")}</li>
          <li>{t("myData.delete.deletedNotes")}</li>
          <li>{t("myData.delete.deletedFeedback")}</li>
          <li>{t("myData.delete.deletedIdeas")}</li>
          <li>{t("myData.delete.deletedSignIn")}</li>
        </ul>
      </section>

      <section aria-labelledby="kept-heading" className="card mt-4">
        <h2 id="kept-heading" className="text-lg font-semibold">
          {t("myData.delete.keptHeading")}
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          <li>{t("myData.delete.keptPay", { years: paymentYears })}</li>
          <li>{t("myData.delete.keptConsent")}</li>
          <li>{t("myData.delete.keptWork")}</li>
        </ul>
      </section>

      {pending ? (
        <section aria-labelledby="status-heading" className="card mt-4">
          <h2 id="status-heading" className="text-lg font-semibold">
            {t("myData.delete.requestHeading")}
          </h2>
          <p className="mt-2">{t("myData.delete.askedOn", { day: fmt.date(pending.createdAt) })}</p>
          <p className="mt-1">{t("myData.delete.adminWillDelete")}</p>
        </section>
      ) : (
        <Form method="post" className="card mt-4">
          <FormErrors id="delete-errors" errors={answer ? [answer.error] : undefined} />
          <p>{t("myData.delete.adminWillDo")}</p>
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
            <label htmlFor="confirm">{t("myData.delete.confirm")}</label>
          </div>
          <button type="submit" className="btn-primary mt-4" disabled={navigation.state === "submitting"}>
            {t("myData.delete.send")}
          </button>
        </Form>
      )}
    </>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("portal");
  return <PortalErrorPage title={t("myData.delete.errorTitle")} />;
}
